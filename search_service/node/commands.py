"""``wortlaut es start|stop|status``: the local development node or cluster."""

from __future__ import annotations

import click

from search_service.client import connect, node_url, translated_errors
from search_service.errors import WortlautError
from search_service.indices import IndexNames
from search_service.node.cluster import LocalCluster, MemberStatus, start_local
from search_service.node.probe import cluster_health
from search_service.node.process import LocalNode
from search_service.orphans import remove_orphans
from search_service.settings import Settings, redact_url


@click.group()
def es() -> None:
    """Run a local Elasticsearch node or cluster (used when WORTLAUT_ES_URL is unset)."""


@es.command()
@click.option("--nodes", type=click.IntRange(1, 9), default=1, show_default=True,
              help="1: a single node; more: a local cluster of that many nodes (heap "
                   "WORTLAUT_ES_HEAP each, default 512m).")
@click.option("--timeout", type=float, default=None,
              help="Seconds to wait for health  [default: 180; 300 for a cluster]")
def start(nodes: int, timeout: float | None) -> None:
    """Fetch (once), configure and start the local node or cluster; print its URL (a
    cluster's URLs comma-separated, ready for WORTLAUT_ES_URL)."""
    settings = Settings.from_env()
    if settings.es_url:
        health = _first_health(settings.es_urls)
        click.echo(f"WORTLAUT_ES_URL is set; using {redact_url(settings.es_url)} "
                   f"(health: {health or 'unreachable'}).")
        return
    url = start_local(settings, nodes, timeout)
    click.echo(url)
    if not settings.es_distribution:
        # The test distribution has no rest-root module: GET / answers 405 there.
        click.echo(f"Try: curl '{url.split(',')[0]}/_cluster/health?pretty'", err=True)


@es.command()
def stop() -> None:
    """Stop the local node or cluster and every process it started."""
    settings = Settings.from_env()
    stopped = False
    if LocalCluster(settings).stop():
        click.echo("Stopped the local Elasticsearch cluster.")
        stopped = True
    if LocalNode(settings).stop():
        click.echo("Stopped the local Elasticsearch node.")
        stopped = True
    if not stopped:
        click.echo("No local Elasticsearch node was running.")


@es.command()
def status() -> None:
    """Print the URL and health of each node (a cluster's nodes with their roles and the
    master); exit 1 when a node is not running."""
    settings = Settings.from_env()
    if settings.es_url:
        healths = [(configured, cluster_health(configured)) for configured in settings.es_urls]
        for configured, health in healths:
            click.echo(f"{redact_url(configured)} (WORTLAUT_ES_URL) health: "
                       f"{health or 'unreachable'}")
        if any(health for _, health in healths):
            _remove_orphans(settings)
        raise SystemExit(0 if all(health for _, health in healths) else 1)
    url = LocalNode(settings).running_url()
    members = LocalCluster(settings).status()
    if url is not None:
        click.echo(f"{url} health: {cluster_health(url)}")
    if url is not None and not any(member.running for member in members):
        _remove_orphans(settings)
        return  # the single node; a cluster planned here once is not running
    for member in members:
        click.echo(_member_line(member))
    if not members:
        click.echo("The local Elasticsearch node is not running (start it: wortlaut es start).")
        raise SystemExit(1)
    if not all(member.running for member in members):
        click.echo(f"Start the nodes that are down: wortlaut es start --nodes {len(members)}")
        raise SystemExit(1)
    _remove_orphans(settings)


def _remove_orphans(settings: Settings) -> None:
    """Remove what failed rebuilds left under WORTLAUT_INDEX_PREFIX, saying so."""
    try:
        client = connect(settings)
        with translated_errors(node_url(client)):
            removed = remove_orphans(client, IndexNames(settings.index_prefix))
    except WortlautError as error:
        click.echo(f"Could not look for indices left by failed rebuilds: {error}", err=True)
        return
    if removed:
        click.echo(f"Removed {len(removed)} indices left by failed rebuilds under "
                   f"{settings.index_prefix!r}: {', '.join(removed)}")


def _member_line(status: MemberStatus) -> str:
    """``node-1  http://127.0.0.1:9200  running  health green  roles cdfhilmrstw  master``"""
    member = status.member
    if not status.running:
        return f"{member.name}  {member.url}  not running"
    roles = status.info.roles if status.info else "?"
    master = "  master" if status.info and status.info.master else ""
    return (f"{member.name}  {member.url}  running  health {status.health or '?'}  "
            f"roles {roles}{master}")


def _first_health(urls: tuple[str, ...]) -> str | None:
    """The cluster health as the first of ``urls`` that answers sees it."""
    return next((health for url in urls if (health := cluster_health(url))), None)
