"""Search latency of two versions of Wortlaut, side by side on one node in one run.

Each version (a git revision, checked out into a temporary worktree, or the working
tree itself) indexes the 10k-quote bench corpus with its own code into its own
indices, and builds the bench's mixed workload with its own query builders. Then the
two workloads are sent in alternating runs (A B B A A B …), so drift of the machine hits
both alike, and the medians are compared per kind: straight to Elasticsearch, or with
``--api`` through each version's own app under its server, with the app's CPU per request:

    python -m bench.ab --before afd86f1            # that revision vs the working tree
    python -m bench.ab --before afd86f1 --after HEAD --rounds 8 --seconds 10
    python -m bench.ab --before 5bcf41c --api --realistic --rounds 3 --clients 4
    python -m bench.ab --before HEAD~1 --instructions

The last lines are ``<kind> p95 after/before @<clients>: <ratio>`` (and with ``--api``
``<kind> app CPU after/before @<clients>: <ratio>``). ``--instructions`` counts the
app's instructions per request instead (:mod:`bench.instructions`, deterministic where
CPU time drifts): ``<kind> instructions after/before: <ratio>``.
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

from bench import extraction, generate, instructions, realistic, scale, search, workload
from bench.common import ROOT, elasticsearch_url
from bench.run import SERVER
from bench.search import load
from search_service.client import connect
from search_service.indices import IndexNames, delete_all
from search_service.settings import Settings

# Run in a version's own folder, so its own code indexes and builds the queries.
_SPEC = """
import json, sys
from bench import workload
from search_service.compounds import splitter_for
from search_service.indices import IndexNames
from search_service.settings import Settings
names = IndexNames(sys.argv[1])
material = json.loads(open(sys.argv[2], encoding="utf-8").read())
spec = workload.requests(material, names, splitter_for(Settings.from_env().hunspell_dir))
print(json.dumps(spec, ensure_ascii=False))
"""
KINDS = tuple(kind for kind, _ in workload.MIX)


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


def prepare(folder: Path, url: str, names: IndexNames, corpus: Path, material: Path,
            work: Path, target: str) -> dict[str, Path]:
    """Index ``corpus`` with the code in ``folder``; write its workload for ``target``
    (``es`` or ``api``) into ``work``: all of it (``all``) and each kind on its own."""
    run = [sys.executable, "-m", "bench.index_child", url, names.prefix, str(corpus),
           "--rebuild"]
    subprocess.run(run, cwd=folder, check=True, capture_output=True)  # noqa: S603
    spec = json.loads(subprocess.run(  # noqa: S603
        [sys.executable, "-c", _SPEC, names.prefix, str(material)], cwd=folder,
        check=True, capture_output=True, text=True).stdout)
    files = {}
    for kind in ("all", *KINDS):
        files[kind] = work / f"{names.prefix}-{kind}.json"
        files[kind].write_text(workload.dump(
            [item for item in spec if kind in ("all", item["kind"])], target),
            encoding="utf-8")
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="git revision to compare against")
    parser.add_argument("--after", default=None, help="git revision (default: working tree)")
    parser.add_argument("--rounds", type=int, default=6, help="alternating pairs of runs")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of one run")
    parser.add_argument("--clients", default="1,4", help="concurrencies, comma-separated")
    parser.add_argument("--api", action="store_true",
                        help="through each version's app under its server, kind by kind, "
                             "with the app's CPU per request")
    parser.add_argument("--instructions", action="store_true",
                        help="count each version's instructions per request in one process "
                             "(bench.instructions, needs valgrind) instead of timing runs")
    parser.add_argument("--realistic", action="store_true",
                        help="the realistic 10k corpus (bench/realistic.py), not the "
                             "generated one")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    if args.realistic:
        corpus = realistic.corpus(10_000)
        material = realistic.workload_material(extraction.prebuilt(corpus))
    else:
        corpus, material = generate.corpus(10_000), generate.pool()
    labels = ("before", "after")
    measured: dict[tuple[str, int], list[dict[str, Any]]] = {
        (label, c): [] for label in labels for c in clients}
    with (elasticsearch_url() as url, tempfile.TemporaryDirectory() as work,
          checkout(args.before) as before, checkout(args.after) as after):
        client = connect(Settings.from_env({"WORTLAUT_ES_URL": url}))
        names = {label: IndexNames(f"bench-ab-{label}-{secrets.token_hex(3)}")
                 for label in labels}
        folders = dict(zip(labels, (before, after), strict=True))
        material_file = Path(work) / "material.json"
        material_file.write_text(json.dumps(material, ensure_ascii=False), encoding="utf-8")
        try:
            specs = {label: prepare(folders[label], url, names[label], corpus,
                                    material_file, Path(work),
                                    "api" if args.api or args.instructions else "es")
                     for label in labels}
            scale.settle(client)
            if args.instructions:
                report_instructions({label: instructions.count(
                    folders[label], url, names[label].prefix, specs[label]["all"])
                    for label in labels})
                return
            with contextlib.ExitStack() as apps:
                bases = {label: url for label in labels}
                masters: dict[str, int] = {}
                if args.api:
                    for label in labels:
                        bases[label], masters[label] = apps.enter_context(search.app_server(
                            url, names[label].prefix, root=folders[label], **SERVER))
                for label in labels:  # warm caches and the JIT for both
                    load(bases[label], specs[label]["all"], 4, 3)
                started = time.monotonic()
                for number in range(args.rounds):
                    order = labels if number % 2 == 0 else labels[::-1]
                    for c in clients:
                        for label in order:
                            measured[label, c].append(
                                _run(bases[label], specs[label], c, args.seconds,
                                     masters.get(label)))
                    print(f"[ab {time.monotonic() - started:5.0f}s] round {number + 1}/"
                          f"{args.rounds}", file=sys.stderr, flush=True)
        finally:
            for label in labels:
                delete_all(client, names[label])
    report(measured, clients)


def _run(base: str, files: dict[str, Path], clients: int, seconds: float,
         master: int | None) -> dict[str, Any]:
    """One run of the whole mix; through the app (``master``: the server's main pid) also each kind
    on its own, for the app's CPU per request, by kind (``app_cpu_ms``)."""
    before = search.app_cpu_s(master) if master is not None else 0.0
    run = load(base, files["all"], clients, seconds)
    if master is None:
        return run
    cpu = {"all": (search.app_cpu_s(master) - before) / max(1, run["sent_with_warmup"])}
    for kind in KINDS:
        before = search.app_cpu_s(master)
        alone = load(base, files[kind], clients, seconds)
        cpu[kind] = (search.app_cpu_s(master) - before) / max(1, alone["sent_with_warmup"])
    run["app_cpu_ms"] = {kind: seconds_per_request * 1000
                         for kind, seconds_per_request in cpu.items()}
    return run


def report_instructions(counts: dict[str, dict[str, float]]) -> None:
    for kind in counts["before"]:
        print(f"{kind:>9}: before {counts['before'][kind]:.3f}, after "
              f"{counts['after'][kind]:.3f} M instructions per request")
    print(json.dumps({"instructions_m": counts}))
    for kind in counts["before"]:
        print(f"{kind} instructions after/before: "
              f"{counts['after'][kind] / counts['before'][kind]:.3f}")


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
    cpu: dict[str, Any] = {}
    if "app_cpu_ms" in measured["before", clients[0]][0]:
        for c in clients:
            for kind in ("all", *KINDS):
                values = {label: statistics.median(run["app_cpu_ms"][kind]
                                                   for run in measured[label, c])
                          for label in ("before", "after")}
                cpu[f"{kind}@{c}"] = values
                print(f"{kind:>9} @{c}: app CPU per request before {values['before']:.2f} "
                      f"ms, after {values['after']:.2f} ms")
    print(json.dumps({"p95_ms": summary, "app_cpu_ms": cpu}))
    for key, values in summary.items():
        kind, at = key.split("@")
        print(f"{kind} p95 after/before @{at}: {values['after'] / values['before']:.2f}")
    for key, values in cpu.items():
        kind, at = key.split("@")
        print(f"{kind} app CPU after/before @{at}: {values['after'] / values['before']:.2f}")


if __name__ == "__main__":
    main()
