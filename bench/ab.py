"""Search latency of two versions of Wortlaut, side by side on one node in one run.

Each version (a git revision, checked out into a temporary worktree, or the working
tree itself) indexes the 10k-quote bench corpus with its own code into its own
indices, and builds the bench's mixed workload with its own query builders. Then the
two workloads are sent straight to Elasticsearch in alternating runs (A B B A A B …),
so drift of the machine hits both alike, and the medians are compared per kind:

    python -m bench.ab --before afd86f1            # that revision vs the working tree
    python -m bench.ab --before afd86f1 --after HEAD --rounds 8 --seconds 10

The last lines are ``<kind> p95 after/before @<clients>: <ratio>``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import generate, scale
from bench.common import ROOT, elasticsearch_url
from bench.search import load
from search_service.client import connect
from search_service.indices import IndexNames, delete_all
from search_service.settings import Settings

# Run in a version's own folder, so its own code indexes and builds the queries.
_SPEC = """
import json, sys
from bench import generate, workload
from search_service.compounds import splitter_for
from search_service.indices import IndexNames
from search_service.settings import Settings
names = IndexNames(sys.argv[1])
spec = workload.requests(generate.pool(), names, splitter_for(Settings.from_env().hunspell_dir))
print(workload.dump(spec, "es"))
"""


@contextlib.contextmanager
def checkout(revision: str | None) -> Iterator[Path]:
    """The folder of a version: the working tree for ``None``, else a detached worktree."""
    if revision is None:
        yield ROOT
        return
    with tempfile.TemporaryDirectory(prefix="wortlaut-ab-") as folder:
        path = Path(folder) / "tree"
        add = ["git", "worktree", "add", "--detach", "--quiet", str(path), revision]
        subprocess.run(add, cwd=ROOT, check=True)  # noqa: S603
        try:
            yield path
        finally:
            remove = ["git", "worktree", "remove", "--force", str(path)]
            subprocess.run(remove, cwd=ROOT, check=False)  # noqa: S603


def prepare(folder: Path, url: str, names: IndexNames, corpus: Path, out: Path) -> Path:
    """Index ``corpus`` with the code in ``folder`` and write its workload to ``out``."""
    run = [sys.executable, "-m", "bench.index_child", url, names.prefix, str(corpus),
           "--rebuild"]
    subprocess.run(run, cwd=folder, check=True, capture_output=True)  # noqa: S603
    spec = subprocess.run([sys.executable, "-c", _SPEC, names.prefix], cwd=folder,  # noqa: S603
                          check=True, capture_output=True, text=True).stdout
    out.write_text(spec, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="git revision to compare against")
    parser.add_argument("--after", default=None, help="git revision (default: working tree)")
    parser.add_argument("--rounds", type=int, default=6, help="alternating pairs of runs")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of one run")
    parser.add_argument("--clients", default="1,4", help="concurrencies, comma-separated")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    corpus = generate.corpus(10_000)
    labels = ("before", "after")
    measured: dict[tuple[str, int], list[dict[str, Any]]] = {
        (label, c): [] for label in labels for c in clients}
    with (elasticsearch_url() as url, tempfile.TemporaryDirectory() as work,
          checkout(args.before) as before, checkout(args.after) as after):
        client = connect(Settings.from_env({"WORTLAUT_ES_URL": url}))
        names = {label: IndexNames(f"bench-ab-{label}-{secrets.token_hex(3)}")
                 for label in labels}
        try:
            specs = {label: prepare(folder, url, names[label], corpus,
                                    Path(work) / f"{label}.json")
                     for label, folder in zip(labels, (before, after), strict=True)}
            scale.settle(client)
            for label in labels:  # warm caches and the JIT for both
                load(url, specs[label], 4, 3)
            started = time.monotonic()
            for number in range(args.rounds):
                order = labels if number % 2 == 0 else labels[::-1]
                for c in clients:
                    for label in order:
                        measured[label, c].append(load(url, specs[label], c, args.seconds))
                print(f"[ab {time.monotonic() - started:5.0f}s] round {number + 1}/"
                      f"{args.rounds}", file=sys.stderr, flush=True)
        finally:
            for label in labels:
                delete_all(client, names[label])
    report(measured, clients)


def report(measured: dict[tuple[str, int], list[dict[str, Any]]], clients: list[int]) -> None:
    kinds = sorted(measured["before", clients[0]][0]["p95_ms_by_kind"])
    summary: dict[str, Any] = {}
    for c in clients:
        for kind in [*kinds, "all"]:
            values = {}
            for label in ("before", "after"):
                runs = measured[label, c]
                values[label] = statistics.median(
                    run["p95_ms"] if kind == "all" else run["p95_ms_by_kind"][kind]
                    for run in runs)
            summary[f"{kind}@{c}"] = values
            print(f"{kind:>9} @{c}: p95 before {values['before']:6.1f} ms, "
                  f"after {values['after']:6.1f} ms")
    print(json.dumps(summary))
    for key, values in summary.items():
        kind, at = key.split("@")
        print(f"{kind} p95 after/before @{at}: {values['after'] / values['before']:.2f}")


if __name__ == "__main__":
    main()
