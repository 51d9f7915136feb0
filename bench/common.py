"""Shared bench plumbing: the node, work folders, timing statistics, machine facts."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search_service.node.process import throwaway_node
from search_service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("WORTLAUT_CORPORA", ROOT.parent / "shared" / "corpora"))
BERLIN = CORPORA / "berlin-press-releases" / "press_releases.sample.jsonl"


def work_dir() -> Path:
    """Generated corpora and caches: under the Wortlaut home, never in the repository."""
    path = Settings.from_env().home / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def elasticsearch_url() -> Iterator[str]:
    """``WORTLAUT_ES_URL`` if set, else a throwaway local node, stopped whatever happens."""
    settings = Settings.from_env()
    if settings.es_url:
        yield settings.es_url
        return
    with throwaway_node(settings, "bench") as url:
        yield url


@dataclass(frozen=True)
class Spread:
    """Median of several runs, with min and max."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def show(self, digits: int = 1) -> str:
        return f"{self.median:.{digits}f} [{self.low:.{digits}f}–{self.high:.{digits}f}]"

    def as_dict(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high, "runs": self.runs}


def repeat(runs: int, measure: Callable[[], float]) -> Spread:
    return Spread.of([measure() for _ in range(runs)])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def rss_kib(pid: int) -> int:
    """Resident set size of a process, in KiB (from /proc)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _probe_work() -> int:
    words = [f"wort{i % 997}" for i in range(100_000)]
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return len(ranked) + "".join(words[:25_000]).upper().count("W")


def speed_probe(runs: int = 7) -> float:
    """CPU ms of a fixed pure-Python workload, the median of ``runs``: how fast the machine
    runs Python at that moment. On a shared VM that moves between runs hours apart (two full
    runs measured the node's CPU per search, its code unchanged, 45 % apart), so two runs'
    CPU figures compare only together with their probes."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        _probe_work()
        times.append((time.process_time() - start) * 1000)
    return round(statistics.median(times), 2)


def machine(es_version: str) -> dict[str, Any]:
    with open("/proc/meminfo") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,  # noqa: S607
                            text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,  # noqa: S607
                           capture_output=True, text=True, check=False).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(total_kib / 2**20, 1),
        "elasticsearch": es_version,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": commit + ("-dirty" if dirty else ""),
        "python_executable": sys.executable,
        # Where the interpreter itself lives (/usr: the distribution's optimised build; see
        # scripts/pick-python.sh): app CPU figures compare only on the same build.
        "python_base_prefix": sys.base_prefix,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "speed_probe_ms_at_start": speed_probe(),
    }


def plain(value: Any) -> Any:
    """``value`` with every :class:`Spread` as a dict and keys as strings, for JSON."""
    if isinstance(value, Spread):
        return value.as_dict()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def write_once(out: Path, records: Callable[[], Iterable[dict[str, Any]]]) -> Path:
    """Write ``records()`` to ``out`` as JSON Lines, line by line, unless it exists (the
    corpora are deterministic); a run that fails leaves no half file under that name."""
    if out.exists():
        return out
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.rename(out)
    return out


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[Any], grace: float = 30.0) -> None:
    """Terminate ``process``; kill it if it has not ended after ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_up(url: str, process: subprocess.Popen[Any], what: str,
                  log: Path | None = None, timeout: float = 60.0) -> None:
    """Until ``url`` answers; RuntimeError naming ``what`` (with the tail of ``log``) if
    ``process`` ends or ``timeout`` passes first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                tail = ": " + log.read_text()[-2000:] if log is not None else ""
                raise RuntimeError(f"{what} did not come up{tail}") from None
            time.sleep(0.3)
