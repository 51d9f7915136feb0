"""The command line as a user meets it: the local node's life cycle and clear errors."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from search_service.settings import Settings

WORTLAUT = str(Path(sys.executable).parent / "wortlaut")
REPO = Path(__file__).resolve().parents[2]


def run(args: list[str], env: dict[str, str], timeout: float = 240
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([WORTLAUT, *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, check=False)


@pytest.fixture()
def node_env() -> Iterator[dict[str, str]]:
    """Environment for a separate local node, without WORTLAUT_ES_URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORTLAUT_ES_URL")}
    node_dir = Settings.from_env(env).home / "test-nodes" / f"cli-{secrets.token_hex(3)}"
    env["WORTLAUT_NODE_DIR"] = str(node_dir)
    yield env
    run(["es", "stop"], env)
    shutil.rmtree(node_dir, ignore_errors=True)


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                seen = (entry / "cmdline").read_bytes() + (entry / "environ").read_bytes()
            except OSError:
                continue
            if text.encode() in seen:
                found.append(int(entry.name))
    return found


def assert_clear_error(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def test_start_status_stop(node_env: dict[str, str]) -> None:
    started = run(["es", "start"], node_env)
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{url}/_cluster/health") as response:
        assert json.load(response)["status"] in {"green", "yellow"}
    status = run(["es", "status"], node_env)
    assert status.returncode == 0 and url in status.stdout
    again = run(["es", "start"], node_env)
    assert again.stdout.strip().splitlines()[-1] == url  # already running: reused
    assert processes_mentioning(node_env["WORTLAUT_NODE_DIR"])
    stopped = run(["es", "stop"], node_env)
    assert stopped.returncode == 0 and "Stopped" in stopped.stdout
    assert processes_mentioning(node_env["WORTLAUT_NODE_DIR"]) == []
    assert run(["es", "status"], node_env).returncode == 1


def test_taken_port_says_what_to_do(node_env: dict[str, str]) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = run(["es", "start"], {**node_env, "WORTLAUT_ES_PORT": str(port)})
    assert_clear_error(result, f"Port {port}", "already taken", "WORTLAUT_ES_PORT")


def test_missing_java_says_what_to_do(node_env: dict[str, str]) -> None:
    env = {k: v for k, v in node_env.items() if k not in {"JAVA_HOME", "ES_JAVA_HOME"}}
    env["PATH"] = "/nonexistent"
    result = run(["es", "start"], env)
    assert_clear_error(result, "No Java runtime found", "JAVA_HOME")


def test_unreachable_url_says_what_to_do(node_env: dict[str, str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**node_env, "WORTLAUT_ES_URL": f"http://127.0.0.1:{port}", "WORTLAUT_ES_TIMEOUT": "2"}
    result = run(["index", "data/samples"], env)
    assert_clear_error(result, f"Cannot reach Elasticsearch at http://127.0.0.1:{port}",
                       "WORTLAUT_ES_URL")


def test_help_lists_the_subcommands() -> None:
    result = subprocess.run([WORTLAUT, "--help"], capture_output=True, text=True, check=True)
    for command in ("es", "index", "serve"):
        assert f"  {command}" in result.stdout
