"""Bundestag speeches in the SpkAtt-2023 token format (one JSON file per speech).

File names carry the metadata:
``<WP><session>_<agenda item>_<party>_<surname>_ID<speech id>_<DD.MM.YYYY>.json``;
the content maps sentence ids to ``{"Tokens": [...], "Annotations": [...]}``. A
speech becomes a release whose body is the detokenised text, with one
``statement`` record for the whole speech by the speaking member of parliament;
quotes inside the speech are extracted as usual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from indexer.extraction.plaintext import structure_from_body
from indexer.extraction.records import QuoteCandidate, Speaker
from indexer.readers.base import ReleaseInput, source_info
from indexer.sources import SourceError, SourceText

SENTENCES_PER_PARAGRAPH = 6
_NAME = re.compile(
    r"^(?P<wp>\d{2})(?P<session>\d{3})_(?P<item>.+?)_(?P<party>[^_]+)_(?P<surname>[^_]+)"
    r"_ID(?P<speech>\d+)_(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})$"
)
PARTIES = {"CDUCSU": "CDU/CSU", "GRUENE": "BÜNDNIS 90/DIE GRÜNEN", "LINKE": "DIE LINKE"}


def is_spkatt(text: str) -> bool:
    head = text.lstrip()[:400]
    return head.startswith("{") and '"Tokens"' in head


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?)\]“])", r"\1", text)
    text = re.sub(r"([(\[„]) ", r"\1", text)
    return text


def read_spkatt(source: SourceText) -> Iterator[ReleaseInput]:
    try:
        data: dict[str, Any] = json.loads(source.text)
        order = sorted(data, key=int)
        sentences = [detokenize(list(data[key]["Tokens"])) for key in order]
    except (ValueError, KeyError, TypeError) as error:
        raise SourceError(source.path, f"is not a SpkAtt speech file ({error})") from None
    match = _NAME.match(source.path.stem)
    if not match:
        raise SourceError(source.path, "file name does not follow the SpkAtt pattern "
                                       "<WP><session>_<item>_<party>_<surname>_ID<id>_<date>")
    party = PARTIES.get(match["party"], match["party"])
    surname = match["surname"]
    published = f"{match['year']}-{match['month']}-{match['day']}"
    paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                  for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
    title = (f"Rede von {surname} ({party}) im Deutschen Bundestag, "
             f"{match['day']}.{match['month']}.{match['year']}")
    structure = structure_from_body(title, "\n\n".join(paragraphs),
                                    topics=(match["item"].replace("_", " "),),
                                    publisher="Deutscher Bundestag", language="de")
    speaker = Speaker(name=surname, as_printed=surname, role="Mitglied des Bundestages",
                      organization=party)
    whole = QuoteCandidate(
        kind="statement", text=structure.body, start=0, end=len(structure.body),
        speaker=speaker, cue=title, cue_start=None, cue_end=None,
        context=structure.body[:2000], context_start=0, confidence=1.0,
    )
    meta = {"published": published, "publisher": "Deutscher Bundestag", "language": "de",
            "title": title}
    yield ReleaseInput(structure=structure, meta=meta, given_quotes=(whole,),
                       source=source_info(str(source.path), source.raw, "spkatt"))
