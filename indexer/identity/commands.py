"""``wortlaut speakers``: look into the speaker registry of the index."""

from __future__ import annotations

import sys

import click

from indexer.identity.documents import explain as explain_lines
from indexer.identity.names import fold, name_key
from search_service.client import connect
from search_service.indices import IndexNames
from search_service.settings import Settings
from search_service.speaker_index import speakers_named


@click.group()
def speakers() -> None:
    """The speaker registry: one identity per person, organisation or document."""


@speakers.command()
@click.argument("name")
def explain(name: str) -> None:
    """Say which mentions make up the speaker NAME, by which rule each joined, and which
    mentions with the same surname were kept apart, and why.

    NAME is any form of the name (``"Biden"``, ``"Joseph R. Biden, Jr."``, ``"Kiziltepe"``);
    case and diacritics do not matter. Exit code 1 when no speaker has that name.
    """
    settings = Settings.from_env()
    client = connect(settings)
    names = IndexNames(settings.index_prefix)
    key = name_key(name)
    documents = speakers_named(client, names.alias("speakers"), [fold(name).strip()],
                               [key.surname] if key is not None else [])
    lines = explain_lines(documents, name)
    if not any(fold(name).strip() in d.keys for d in documents):
        click.echo(f"No speaker is called {name!r} in {names.alias('speakers')}.", err=True)
        for line in lines:
            click.echo(line)
        sys.exit(1)
    for line in lines:
        click.echo(line)
