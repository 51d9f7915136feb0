"""The app's own instructions per request, counted by valgrind: a measure that decides.

CPU time per request drifts on this two-core VM by up to a third within minutes, with
nothing changed (bench/README.md, "Where the app's CPU goes"); the instructions the app
executes for the same requests do not: two counts of one version agree within 1 %
(0.2-0.7 % here). So whether a change to the app's own work saves anything is decided
here, and what it saves under load is then measured with ``python -m bench.ab --api``.

    python -m bench.ab --before HEAD~1 --instructions     # two versions, kind by kind
    python -m bench.instructions URL PREFIX REQUESTS      # one version: the working tree
    python -m bench.instructions URL PREFIX REQUESTS --folder /tmp/other --kinds fulltext

``REQUESTS``: a workload file of ``bench.workload.dump(spec, "api")`` for indices under
``PREFIX`` on the node at ``URL``. What is counted: the WSGI app called directly (no
HTTP server), in one Python process, user-space instructions only (not the kernel's,
not Elasticsearch's, which answers over HTTP as in production). Every request runs once
to warm; each kind's requests then run twice more; the count per request is that run
minus a run with only the warm-up, divided by the requests added. Under valgrind a
request takes about 50 times as long, so a count takes a few minutes; two run at once.

Needs valgrind (Debian package ``valgrind``: ``scripts/install-system-deps.sh --bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import ROOT
from bench.workload import MIX

KINDS = ("all", *(kind for kind, _ in MIX))
REPEAT = 2

# Run in the version's own folder (``python -c``), so that version's app answers.
_APP = """
import gc, io, json, sys
from werkzeug.test import EnvironBuilder
from search_service.settings import Settings
from web.app import create_app
url, prefix, requests_file, kind, repeat = sys.argv[1:6]
app = create_app(Settings.from_env({"WORTLAUT_ES_URL": url, "WORTLAUT_INDEX_PREFIX": prefix,
                                    "WORTLAUT_RATE_LIMITS": "off"}))
gc.freeze()  # as web/server.py does once a worker has loaded the app
items = json.loads(open(requests_file, encoding="utf-8").read())
def prepared(item):
    path, _, query = item["path"].partition("?")
    environ = EnvironBuilder(path=path, query_string=query, method=item["method"],
                             json=item["body"]).get_environ()
    return environ, environ["wsgi.input"].read()
def call(environ, body):
    environ = {**environ, "wsgi.input": io.BytesIO(body)}
    status = []
    b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    if not status[0].startswith("200"):
        sys.exit(f"{status[0]} for {environ['PATH_INFO']}?{environ['QUERY_STRING']}")
requests = [(item["kind"], prepared(item)) for item in items]
for _, request in requests:
    call(*request)
chosen = [request for of_kind, request in requests if kind in ("all", of_kind)]
for _ in range(int(repeat)):
    for request in chosen:
        call(*request)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def valgrind() -> str:
    found = shutil.which("valgrind")
    if found is None:
        raise SystemExit("valgrind is not installed: scripts/install-system-deps.sh --bench "
                         "installs it (Debian package valgrind).")
    return found


def _instructions(folder: Path, url: str, prefix: str, requests: Path, kind: str,
                  repeat: int) -> int:
    """Instructions of one run of the app process (start, warm-up, ``repeat`` passes)."""
    command = [valgrind(), "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-c", _APP, url, prefix, str(requests), kind, str(repeat)]
    # Fixed string hashing: set and dict layouts, and so the instructions, repeat exactly.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True,  # noqa: S603
                          text=True, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"counting {kind} in {folder} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def count(folder: Path, url: str, prefix: str, requests: Path,
          kinds: tuple[str, ...] = KINDS) -> dict[str, float]:
    """Million instructions per request of the app in ``folder``, by kind (``all``: the
    whole mix)."""
    items = json.loads(requests.read_text(encoding="utf-8"))
    sizes = {kind: sum(kind in ("all", item["kind"]) for item in items) for kind in kinds}
    with ThreadPoolExecutor(max_workers=2) as pool:
        base = pool.submit(_instructions, folder, url, prefix, requests, "all", 0)
        runs = {kind: pool.submit(_instructions, folder, url, prefix, requests, kind, REPEAT)
                for kind in kinds}
        warm = base.result()
        return {kind: (run.result() - warm) / (REPEAT * sizes[kind]) / 1e6
                for kind, run in runs.items() if sizes[kind]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="Elasticsearch holding the indices")
    parser.add_argument("prefix", help="their index prefix")
    parser.add_argument("requests", type=Path, help="workload file (API requests)")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"comma-separated, of {', '.join(KINDS)} (default: all five)")
    parser.add_argument("--folder", type=Path, default=ROOT,
                        help="the version's folder, whose app is counted (default: this one)")
    args = parser.parse_args()
    kinds = tuple(args.kinds.split(","))
    if not set(kinds) <= set(KINDS):
        parser.error(f"--kinds: choose among {', '.join(KINDS)}")
    counts = count(args.folder.resolve(), args.url, args.prefix, args.requests.resolve(), kinds)
    for kind, millions in counts.items():
        print(f"{kind:>9}: {millions:.3f} M instructions per request")
    print(json.dumps({"instructions_m": counts}))


if __name__ == "__main__":
    main()
