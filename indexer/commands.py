"""``wortlaut index``: read press releases and load them into Elasticsearch."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from indexer.run import index_sources
from indexer.sources import SourceError
from search_service.client import connect
from search_service.compounds import splitter_for
from search_service.indices import IndexNames
from search_service.settings import Settings


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--rebuild", is_flag=True,
              help="Build fresh indices and swap them in when complete (readers never see "
                   "a half-built index); without it, sources are added or updated in place.")
def index(inputs: tuple[str, ...], rebuild: bool) -> None:
    """Index press releases from INPUTS (files, folders walked recursively, or globs).

    Plain-text releases (*.txt) with optional <name>.meta.json sidecars (url,
    published, publisher, topics, language). A file that cannot be read is
    reported and skipped; the exit code is 1 if any file failed.
    """
    settings = Settings.from_env()
    client = connect(settings)
    splitter = splitter_for(settings.hunspell_dir)
    names = IndexNames(settings.index_prefix)
    seen = 0

    def progress(path: Path) -> None:
        nonlocal seen
        seen += 1
        if seen % 500 == 0:
            click.echo(f"  {seen} files read ...", err=True)

    try:
        summary = index_sources(list(inputs), client, names, splitter, rebuild=rebuild,
                                progress=progress)
    except SourceError as error:
        raise click.UsageError(str(error)) from None
    for failure in summary.failed:
        click.echo(f"  skipped: {failure}", err=True)
    click.echo(
        f"Indexed {summary.files_indexed} of {summary.files_seen} files: "
        f"{summary.releases} releases, {summary.quotes} quotes into "
        f"{names.alias('releases')} / {names.alias('quotes')} in {summary.seconds:.1f} s"
        + (f"; {len(summary.failed)} problems (see above)." if summary.failed else ".")
    )
    if summary.failed:
        sys.exit(1)
