"""Find a Java runtime that can run the Elasticsearch server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from search_service.errors import NodeError

MINIMUM_JAVA = {8: 17, 9: 21}


@dataclass(frozen=True)
class JavaRuntime:
    home: Path
    major: int


def parse_java_major(version_output: str) -> int | None:
    """Major version from ``java -version`` output (``"17.0.15"`` -> 17, ``"1.8.0"`` -> 8)."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        return int(match.group(2))
    return major


def find_java(es_version: str, environ: Mapping[str, str] | None = None) -> JavaRuntime:
    """Locate Java from ES_JAVA_HOME, JAVA_HOME or PATH and check its version."""
    env = os.environ if environ is None else environ
    es_major = int(es_version.split(".")[0])
    needed = MINIMUM_JAVA.get(es_major, 21)
    candidates: list[Path] = []
    for name in ("ES_JAVA_HOME", "JAVA_HOME"):
        if env.get(name):
            candidates.append(Path(env[name]))
    on_path = shutil.which("java", path=env.get("PATH"))
    if on_path:
        candidates.append(Path(on_path).resolve().parent.parent)
    if not candidates:
        raise NodeError(
            "No Java runtime found: Elasticsearch "
            f"{es_version} needs Java {needed} or newer. Install one (on Debian: "
            f"`apt-get install openjdk-{needed}-jre-headless`) or set JAVA_HOME to it, "
            "or set WORTLAUT_ES_URL to an Elasticsearch you already run."
        )
    seen: list[str] = []
    for home in candidates:
        binary = home / "bin" / "java"
        if not binary.exists():
            seen.append(f"{home} (no bin/java)")
            continue
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [str(binary), "-version"], capture_output=True, text=True, check=False
        )
        major = parse_java_major(result.stderr + result.stdout)
        if major is not None and major >= needed:
            return JavaRuntime(home=home, major=major)
        seen.append(f"{home} (Java {major})")
    raise NodeError(
        f"Elasticsearch {es_version} needs Java {needed} or newer; found only "
        f"{', '.join(seen)}. Install a newer Java and set JAVA_HOME to it, or set "
        "WORTLAUT_ES_URL to an Elasticsearch you already run."
    )
