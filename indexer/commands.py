"""``wortlaut index`` and ``wortlaut extract``: read press releases into records."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from indexer.manifest import inputs_fingerprint
from indexer.own_output import written_files
from indexer.readers import FieldMapping
from indexer.run import Extracted, Extractor, LoadInterrupted, RunSummary, index_sources
from indexer.sources import SourceError
from indexer.topics import TopicVocabulary
from search_service.client import Client, connect, node_url, translated_errors
from search_service.compounds import splitter_for
from search_service.document_model import derived_fields
from search_service.documents import Quote, Release
from search_service.indices import (
    IndexNames,
    ShardLayout,
    outdated,
    record_sources_fingerprint,
    sources_fingerprint,
)
from search_service.settings import Settings

INPUTS_HELP = """INPUTS are files, folders (walked recursively) or glob patterns:
plain-text releases (*.txt, with optional <name>.meta.json sidecar or front
matter), Markdown (*.md), HTML pages (*.html), JSON / JSON Lines release
records or curated quotes (*.json, *.jsonl, *.jsonl.gz; field names via
--mapping), and SpkAtt speech files. UTF-8 and Windows-1252 are read."""

mapping_option = click.option(
    "--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file mapping record field names (see README, 'Input formats').")
topics_option = click.option(
    "--topics", "topics_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Topic vocabulary JSON (topics with the publisher keywords and text cues that "
         "assign them, as indexer/topics.de.json); default: the built-in one.")


def _progress(total_hint: str) -> tuple[Callable[[Path], None], Callable[[], None]]:
    """A counter on a terminal, a log line every 1,000 files otherwise."""
    seen = 0
    interactive = sys.stderr.isatty()

    def tick(path: Path) -> None:
        nonlocal seen
        seen += 1
        if interactive:
            click.echo(f"\r  {seen} {total_hint} read", nl=False, err=True)
        elif seen % 1000 == 0:
            click.echo(f"  {seen} {total_hint} read", err=True)

    def done() -> None:
        nonlocal seen
        if interactive and seen:
            click.echo("", err=True)
        seen = 0  # once only

    return tick, done


@click.command(epilog=INPUTS_HELP)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--rebuild", is_flag=True,
              help="Build fresh indices and swap them in when complete (readers never see "
                   "a half-built index); without it, sources are added or updated in place.")
@click.option("--if-changed", is_flag=True,
              help="Do nothing when the inputs, the indexer's code and word lists, the mapping "
                   "and topic files and the index schema are the same as at the last complete "
                   "run into these indices; rebuild when the indices come from an older "
                   "schema (what `make run` uses).")
@mapping_option
@topics_option
def index(inputs: tuple[str, ...], rebuild: bool, if_changed: bool, mapping: Path | None,
          topics_file: Path | None) -> None:
    """Index press releases from INPUTS into Elasticsearch.

    A file or record that cannot be read is reported and skipped; the others are
    indexed. Prints a summary; the exit code is 1 if anything failed.
    """
    settings = Settings.from_env()
    own_output = written_files(sys.stdout, sys.stderr)
    try:
        fingerprint = inputs_fingerprint(list(inputs), [mapping, topics_file], own_output)
    except SourceError as error:
        raise click.UsageError(str(error)) from None
    client = connect(settings)
    names = IndexNames(settings.index_prefix)
    if if_changed and _unchanged(client, names, fingerprint):
        click.echo(f"Nothing changed since the last run into {names.alias('releases')}; "
                   "not indexed again.", err=True)
        return
    if if_changed and not rebuild and _outdated(client, names):
        # The indices are from an older Wortlaut: the inputs are the source of truth, so
        # `make run` after an upgrade rebuilds from them instead of stopping.
        click.echo(f"The indices under {names.prefix!r} were built by an older version of "
                   "Wortlaut (another schema); rebuilding them from the inputs.", err=True)
        rebuild = True
    field_mapping = FieldMapping.load(mapping)
    taxonomy = TopicVocabulary.load(topics_file)
    tick, done = _progress("files")
    try:
        summary = index_sources(list(inputs), client, names, splitter_for(settings.hunspell_dir),
                                rebuild=rebuild, mapping=field_mapping, taxonomy=taxonomy,
                                progress=tick, layout=ShardLayout.of(settings),
                                own_output=own_output)
    except SourceError as error:
        raise click.UsageError(str(error)) from None
    except LoadInterrupted as error:  # the node failed mid-run: say what was done, exit 1
        done()
        for failure in error.summary.failed:
            click.echo(f"  error: {failure}", err=True)
        click.echo(f"{error.summary.describe()} (interrupted).", err=True)
        raise
    finally:
        done()
    if summary.ok:
        record_sources_fingerprint(client, names, fingerprint)
    _report(summary, f"into {names.alias('releases')} / {names.alias('quotes')}")


@click.command(epilog=INPUTS_HELP)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format (one JSON object per line).")
@mapping_option
@topics_option
def extract(inputs: tuple[str, ...], output_format: str, mapping: Path | None,
            topics_file: Path | None) -> None:
    """Print the records of INPUTS without touching Elasticsearch.

    One JSON object per line: {"type": "release", ...}, {"type": "quote", ...}
    and {"type": "error", "path": ..., "reason": ...}. The summary goes to
    stderr; the exit code is 1 if anything failed.
    """
    settings = Settings.from_env()
    extractor = Extractor(splitter_for(settings.hunspell_dir), FieldMapping.load(mapping),
                          TopicVocabulary.load(topics_file))
    summary = RunSummary()
    started = time.monotonic()
    out = sys.stdout
    try:
        for item in extractor.run(list(inputs), summary,
                                  own_output=written_files(sys.stdout, sys.stderr)):
            if isinstance(item, Extracted):
                release, quotes = item.sources()
                rows = [{"type": "release", **_public(release)},
                        *({"type": "quote", **_public(q)} for q in quotes)]
            else:
                rows = [{"type": "error", "path": str(item.path), "reason": item.problem}]
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except SourceError as error:
        raise click.UsageError(str(error)) from None
    summary.seconds = time.monotonic() - started
    _report(summary, "extracted")


_DERIVED = frozenset(derived_fields(Release)) | frozenset(derived_fields(Quote))


def _public(doc: dict[str, object]) -> dict[str, object]:
    """A record without the fields derived from it for search."""
    return {k: v for k, v in doc.items() if k not in _DERIVED}


def _outdated(client: Client, names: IndexNames) -> bool:
    with translated_errors(node_url(client)):
        return bool(outdated(client, names))


def _unchanged(client: Client, names: IndexNames, fingerprint: str) -> bool:
    with translated_errors(node_url(client)):
        return sources_fingerprint(client, names) == fingerprint


def _report(summary: RunSummary, where: str) -> None:
    for skipped in summary.skipped:
        click.echo(f"  skipped: {skipped}", err=True)
    for failure in summary.failed:
        click.echo(f"  error: {failure}", err=True)
    click.echo(f"{summary.describe()} ({where}).", err=True)
    if summary.failed:
        sys.exit(1)
