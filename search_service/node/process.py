"""Start, watch and stop a local Elasticsearch node: a single node, or one node of a
local cluster (:mod:`search_service.node.cluster`).

Each node lives in its own folder (``config/``, ``data/``, ``logs/``,
``state.json``) and runs in its own process group, so stopping it ends the
launcher and the server JVM together. Elasticsearch refuses to run as root: when
Wortlaut runs as root, the node runs as the system user ``wortlaut-es``.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from search_service.errors import NodeError
from search_service.node.config import LOOPBACK, heap_options, node_yaml
from search_service.node.distribution import ensure_distribution
from search_service.node.java import JavaRuntime, find_java
from search_service.node.probe import cluster_health
from search_service.settings import Settings

NODE_USER = "wortlaut-es"
HUNSPELL_FILES = ("de_DE.aff", "de_DE.dic")


@dataclass(frozen=True)
class NodeState:
    url: str
    http_port: int
    launcher_pid: int
    version: str
    node_dir: str


@dataclass(frozen=True)
class Runtime:
    """What runs a node: a Java runtime and the unpacked distribution."""

    java: JavaRuntime
    distribution: Path


def find_runtime(settings: Settings) -> Runtime:
    """Java and the distribution (fetched once), or a NodeError saying what is missing."""
    return Runtime(find_java(settings.es_version), ensure_distribution(settings))


class LocalNode:
    def __init__(self, settings: Settings, node_dir: Path | None = None) -> None:
        self.settings = settings
        self.node_dir = node_dir or settings.node_dir
        self.state_file = self.node_dir / "state.json"
        self.data_dir = self.node_dir / "data"
        self.logs_dir = self.node_dir / "logs"
        self._process: subprocess.Popen[bytes] | None = None

    # -- inspection ---------------------------------------------------------
    def state(self) -> NodeState | None:
        try:
            return NodeState(**json.loads(self.state_file.read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None

    def running_url(self) -> str | None:
        """URL of this node if its process is alive and answers, else None."""
        state = self.state()
        if state is None or not _alive(state.launcher_pid):
            return None
        return state.url if cluster_health(state.url) is not None else None

    # -- lifecycle ----------------------------------------------------------
    def start(self, timeout: float = 180.0) -> str:
        """Start the single node (or return the URL of the one already running here)."""
        existing = self.running_url()
        if existing:
            return existing
        self.stop()
        runtime = find_runtime(self.settings)
        http_port = self._http_port()
        config = node_yaml(http_port=http_port, transport_port=free_ports(1)[0],
                           data_dir=self.data_dir, logs_dir=self.logs_dir,
                           snapshot_dir=self.settings.snapshots)
        url = self.launch(runtime, config, http_port, self.settings.node_heap(1))
        self._wait_healthy(url, timeout)
        return url

    def launch(self, runtime: Runtime, config: str, http_port: int, heap: str) -> str:
        """Write the node's configuration (``config``: its elasticsearch.yml) and start it in
        its own process group; return its URL at once, without waiting for it."""
        self._prepare(runtime.distribution, config, heap)
        url = f"http://{LOOPBACK}:{http_port}"
        env = {
            key: value for key, value in os.environ.items()
            if not key.startswith(("ES_", "JAVA_TOOL", "_JAVA"))
        }
        env.update(ES_JAVA_HOME=str(runtime.java.home), ES_PATH_CONF=str(self.node_dir / "config"))
        console = (self.logs_dir / "console.log").open("wb")
        runas = _node_user()
        try:
            self._process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
                [str(runtime.distribution / "bin" / "elasticsearch"),
                 "-p", str(self.logs_dir / "es.pid")],
                cwd=self.node_dir, env=env, stdout=console, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
                user=runas, group=runas,
            )
        finally:
            console.close()
        state = NodeState(url, http_port, self._process.pid, self.settings.es_version,
                          str(self.node_dir))
        self.state_file.write_text(json.dumps(asdict(state)))
        return url

    def raise_if_exited(self) -> None:
        """Raise NodeError, quoting the log, if the process :meth:`launch` started has ended."""
        if self._process is not None and self._process.poll() is not None:
            self.state_file.unlink(missing_ok=True)
            raise NodeError(
                f"Elasticsearch exited during start-up (exit {self._process.returncode}). "
                f"Its log ({self.logs_dir}) ends with:\n{self.log_tail()}"
            )

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the node's whole process group; True if something was running."""
        state = self.state()
        if state is None:
            return False
        pgid = state.launcher_pid
        was_running = _alive(pgid)
        if was_running:
            _signal_group(pgid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _group_alive(pgid, self._process) and time.monotonic() < deadline:
                time.sleep(0.2)
            self.kill()
        self.state_file.unlink(missing_ok=True)
        return was_running

    def kill(self) -> bool:
        """End the node at once, as a crash would (SIGKILL to its whole process group, no
        shutdown, no flush); return when every process is gone. True if one was running.
        Its state stays behind, like after a crash: :meth:`start` cleans it up."""
        state = self.state()
        if state is None or not _group_alive(state.launcher_pid, self._process):
            return False
        _signal_group(state.launcher_pid, signal.SIGKILL)
        while _group_alive(state.launcher_pid, self._process):
            time.sleep(0.1)
        return True

    # -- helpers ------------------------------------------------------------
    def _http_port(self) -> int:
        port = self.settings.es_port
        if port is None:
            return free_ports(1)[0]
        if not port_free(port):
            raise NodeError(
                f"Port {port} on 127.0.0.1 (WORTLAUT_ES_PORT) is already taken by another "
                "program. Stop that program, set WORTLAUT_ES_PORT to a free port, or unset it "
                "to let Wortlaut pick a free one. If an Elasticsearch you want to use listens "
                f"there, set WORTLAUT_ES_URL=http://127.0.0.1:{port} instead."
            )
        return port

    def _prepare(self, home: Path, settings_yaml: str, heap: str) -> None:
        config = self.node_dir / "config"
        shutil.rmtree(config, ignore_errors=True)
        shutil.copytree(home / "config", config)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        self.settings.snapshots.mkdir(parents=True, exist_ok=True)
        (config / "elasticsearch.yml").write_text(settings_yaml)
        (config / "jvm.options.d").mkdir(exist_ok=True)
        (config / "jvm.options.d" / "wortlaut-heap.options").write_text(heap_options(heap))
        install_hunspell(self.settings.hunspell_dir, config / "hunspell" / "de_DE")
        runas = _node_user()
        if runas is not None:
            user = pwd.getpwnam(runas)
            snapshots = self.settings.snapshots
            for folder in (self.node_dir, *self.node_dir.parents, snapshots,
                           *snapshots.parents):
                if folder.is_relative_to(self.settings.home):
                    folder.chmod(folder.stat().st_mode | 0o055)
                elif not folder.stat().st_mode & 0o001:
                    raise NodeError(
                        f"The node folder {self.node_dir} or the snapshot folder "
                        f"{snapshots} is inside {folder}, which the unprivileged user "
                        f"{runas} that runs Elasticsearch cannot enter. Set WORTLAUT_HOME "
                        "(or WORTLAUT_SNAPSHOT_DIR) to a folder such as /var/cache/wortlaut."
                    )
            for path in (self.node_dir, *self.node_dir.rglob("*")):
                os.chown(path, user.pw_uid, user.pw_gid)
            os.chown(self.settings.snapshots, user.pw_uid, user.pw_gid)

    def _wait_healthy(self, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.raise_if_exited()
            if cluster_health(url) in {"green", "yellow"}:
                return
            time.sleep(0.5)
        tail = self.log_tail()
        self.stop()
        raise NodeError(
            f"Elasticsearch did not become healthy at {url} within {timeout:.0f} s and was "
            f"stopped. Its log ({self.logs_dir}) ends with:\n{tail}"
        )

    def log_tail(self, lines: int = 15) -> str:
        console = self.logs_dir / "console.log"
        try:
            text = console.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no log written)"
        errors = [line for line in text if "ERROR" in line or "Exception" in line]
        picked = [*errors[:5], "...", *text[-lines:]] if errors else text[-lines:]
        return "\n".join(line[:400] for line in picked)


def throwaway_folder(settings: Settings, purpose: str) -> Path:
    """A new folder name ``<home>/<purpose>-nodes/run-<pid>-<random>`` for a throwaway node
    or cluster."""
    return settings.home / f"{purpose}-nodes" / f"run-{os.getpid()}-{secrets.token_hex(3)}"


@contextlib.contextmanager
def throwaway_node(settings: Settings, purpose: str) -> Iterator[str]:
    """A fresh local node in its own folder (``<home>/<purpose>-nodes/...``) for one
    test session or benchmark run; stopped and removed whatever happens."""
    node_dir = throwaway_folder(settings, purpose)
    node = LocalNode(settings, node_dir)
    try:
        yield node.start()
    finally:
        node.stop()
        shutil.rmtree(node_dir, ignore_errors=True)


def install_hunspell(source: Path, target: Path) -> None:
    """Copy the German Hunspell dictionary where Elasticsearch's hunspell filter looks."""
    missing = [name for name in HUNSPELL_FILES if not (source / name).exists()]
    if missing:
        raise NodeError(
            f"The German Hunspell dictionary is missing ({', '.join(missing)} not in "
            f"{source}). Install it (on Debian: `apt-get install hunspell-de-de`) or set "
            "WORTLAUT_HUNSPELL_DIR to the folder holding de_DE.aff and de_DE.dic."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in HUNSPELL_FILES:
        shutil.copyfile((source / name).resolve(), target / name)


def _node_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(NODE_USER)
    except KeyError:
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",  # noqa: S607
             NODE_USER],
            check=True, capture_output=True,
        )
    return NODE_USER


def free_ports(count: int) -> list[int]:
    """``count`` different TCP ports on the loopback that nothing listens on now (all held
    open together while they are chosen, so none is picked twice)."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
                   for _ in range(count)]
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


def port_free(port: int) -> bool:
    """Whether a node could listen on ``port``: nothing listens there. Connections that
    closed a moment ago (TIME_WAIT, e.g. after a node was stopped) do not count, as they
    do not for Elasticsearch, which binds with SO_REUSEADDR too."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def _group_alive(pgid: int, process: subprocess.Popen[bytes] | None) -> bool:
    if process is not None:
        process.poll()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == pgid and _alive(int(entry.name)):
                return True
        except (ProcessLookupError, PermissionError):
            continue
    return False


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)
