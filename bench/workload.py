"""The mixed search workload, as API requests and as the same queries sent to Elasticsearch.

Kinds: full text with facets, phrase, filter only (speaker, topic or year), verify.
The direct form is built with Wortlaut's own query builders, so both sides ask the
same question; only Wortlaut's layers (Flask, parsing, result reading, schemas, JSON)
differ.
"""

from __future__ import annotations

import json
import random
import re
import urllib.parse
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.request import QuoteSearch
from search_service.search import build_quote_search
from search_service.verification import VerifyRequest, candidate_search, parse_claim

MIX = (("fulltext", 4), ("phrase", 2), ("filter", 2), ("verify", 2))
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{6,}")


def requests(material: dict[str, Any], names: IndexNames, splitter: CompoundSplitter,
             count: int = 200, seed: int = 11) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    speakers = sorted({name for name, _ in material["speakers"]})
    topics = sorted({t for head in material["heads"] for t in head["topics"]})
    quotes_alias = f"/{names.alias('quotes')}/_search"
    out = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        quote = rng.choice(material["quotes"])
        words = quote.split()
        if kind == "verify":
            text = " ".join(words[:25])
            claim = parse_claim(text)
            es_body = candidate_search(claim, VerifyRequest(text))
            out.append({"kind": kind, "api": ("POST", "/api/v1/verify", {"text": text}),
                        "es": ("POST", quotes_alias, es_body)})
            continue
        if kind == "fulltext":
            args: dict[str, Any] = {"q": rng.choice(WORD.findall(quote) or ["Berlin"])}
        elif kind == "phrase":
            start = rng.randrange(max(1, len(words) - 3))
            args = {"q": '"' + " ".join(words[start:start + 3]).strip(".,;:!?") + '"'}
        else:
            args = rng.choice([{"speaker": rng.choice(speakers)}, {"topic": rng.choice(topics)},
                               {"year": rng.randint(2013, 2021)}])
        search = QuoteSearch(**{k: (v,) if k != "q" else v for k, v in args.items()})
        bodies = build_quote_search(search, splitter)
        # The page's search, and the facet searches of a selection in the same round trip.
        es = ("POST", quotes_alias, bodies[0]) if len(bodies) == 1 else \
            ("POST", f"/{names.alias('quotes')}/_msearch",
             [part for body in bodies for part in ({}, body)])
        out.append({"kind": kind,
                    "api": ("GET", "/api/v1/quotes?" + urllib.parse.urlencode(args), None),
                    "es": es})
    return out


def dump(spec: list[dict[str, Any]], target: str) -> str:
    """The requests for one target (``api`` or ``es``) as loadgen input."""
    return json.dumps([{"kind": item["kind"], "method": item[target][0],
                        "path": item[target][1], "body": item[target][2]} for item in spec],
                      ensure_ascii=False)
