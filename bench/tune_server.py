"""Sweep the app server's workers x threads for 2 cores: API p95, req/s and the app's CPU
per request under load (the defaults are WORTLAUT_WEB_WORKERS / WORTLAUT_WEB_THREADS).

    python -m bench.tune_server      (own throwaway node, or WORTLAUT_ES_URL)
"""

from __future__ import annotations

import secrets

from bench import extraction, generate, scale, search, workload
from bench.common import elasticsearch_url
from search_service.client import connect
from search_service.compounds import splitter_for
from search_service.indices import IndexNames, delete_all
from search_service.settings import Settings

CONFIGS = ((1, 8), (2, 2), (2, 4), (2, 8), (3, 4), (4, 2))
CLIENTS = (4, 16)


def main() -> None:
    material = generate.pool()
    docs = extraction.prebuilt(generate.corpus(10_000))
    with elasticsearch_url() as url:
        settings = Settings.from_env({"WORTLAUT_ES_URL": url, "WORTLAUT_ES_TIMEOUT": "120"})
        client = connect(settings)
        names = IndexNames(f"bench-tune-{secrets.token_hex(3)}")
        try:
            scale.load_recombined(client, names, docs, 10_000, material["speakers"])
            spec = workload.requests(material, names, splitter_for(settings.hunspell_dir))
            print("| workers × threads | clients | API p50 ms | API p95 ms | API req/s "
                  "| app CPU ms per request |")
            print("| --- | --- | --- | --- | --- | --- |")
            for workers, threads in CONFIGS:
                rows = search.compare(url, names.prefix, spec, clients=CLIENTS, seconds=3,
                                      runs=3, workers=workers, threads=threads, direct=False)
                for clients in CLIENTS:
                    row = rows[f"api@{clients}"]
                    print(f"| {workers} × {threads} | {clients} | {row['p50_ms'].median:.1f} | "
                          f"{row['p95_ms'].show()} | {row['rps'].show()} | "
                          f"{row['app_cpu_ms'].show()} |", flush=True)
        finally:
            delete_all(client, names)


if __name__ == "__main__":
    main()
