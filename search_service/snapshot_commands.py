"""``wortlaut snapshot create|list|restore``: backups of the indices that restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click
from elasticsearch import Elasticsearch

from search_service.client import connect, node_url, translated_errors
from search_service.indices import SCHEMA_VERSION, IndexNames
from search_service.settings import Settings
from search_service.snapshots import (
    SnapshotError,
    create_snapshot,
    list_snapshots,
    restore_snapshot,
)

T = TypeVar("T")


def _run(action: Callable[[Elasticsearch, Settings], T]) -> tuple[T, Settings]:
    """``action`` on the configured node; its refusal becomes the command's error."""
    settings = Settings.from_env()
    client = connect(settings)
    with translated_errors(node_url(client)):
        try:
            return action(client, settings), settings
        except SnapshotError as error:
            raise click.ClickException(str(error)) from None


@click.group()
def snapshot() -> None:
    """Back up and restore the indices (Elasticsearch snapshots in WORTLAUT_SNAPSHOT_DIR,
    default $WORTLAUT_HOME/snapshots; the folder must be in the nodes' path.repo)."""


@snapshot.command()
@click.argument("name", required=False)
def create(name: str | None) -> None:
    """Snapshot the releases, quotes and speakers indices of WORTLAUT_INDEX_PREFIX as NAME
    (default: the prefix and the time, e.g. wortlaut-20261129t231500z); print its name."""
    made, settings = _run(lambda client, settings: create_snapshot(
        client, IndexNames(settings.index_prefix), settings.snapshots, name))
    click.echo(made.name)
    click.echo(f"{made.state}: {', '.join(made.indices)} in {settings.snapshots}", err=True)


@snapshot.command(name="list")
@click.option("--all", "every", is_flag=True, help="Also the snapshots of other prefixes.")
def list_command(every: bool) -> None:
    """List the snapshots of WORTLAUT_INDEX_PREFIX, oldest first: name, time, state and
    whether this version of Wortlaut can restore it (same schema version)."""
    found, _ = _run(lambda client, settings: list_snapshots(
        client, settings.snapshots, None if every else IndexNames(settings.index_prefix)))
    if not found:
        click.echo("No snapshots yet (wortlaut snapshot create).", err=True)
    for item in found:
        note = "restorable" if item.restorable else (
            f"schema {item.schema_version or 'unknown'} (now {SCHEMA_VERSION}): rebuild instead"
            if item.state == "SUCCESS" else "not complete")
        click.echo(f"{item.name}\t{item.started or '-'}\t{item.state}\t{note}")


@snapshot.command()
@click.argument("name")
def restore(name: str) -> None:
    """Restore snapshot NAME into WORTLAUT_INDEX_PREFIX. The restored indices replace the
    live ones in one atomic alias switch when they are complete; until then the live ones
    keep answering. A snapshot of another schema version is refused: rebuild instead."""
    restored, _ = _run(lambda client, settings: restore_snapshot(
        client, IndexNames(settings.index_prefix), settings.snapshots, name))
    click.echo(f"Restored {name}: " + ", ".join(f"{kind} -> {index}"
                                                 for kind, index in restored.items()))
