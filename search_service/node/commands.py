"""``wortlaut es start|stop|status``: the local development node."""

from __future__ import annotations

import click

from search_service.node.process import LocalNode, cluster_health
from search_service.settings import Settings, redact_url


@click.group()
def es() -> None:
    """Run a local single-node Elasticsearch (used when WORTLAUT_ES_URL is unset)."""


@es.command()
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for health.")
def start(timeout: float) -> None:
    """Fetch (once), configure and start the local node; print its URL."""
    settings = Settings.from_env()
    if settings.es_url:
        health = cluster_health(settings.es_url)
        click.echo(f"WORTLAUT_ES_URL is set; using {redact_url(settings.es_url)} "
                   f"(health: {health or 'unreachable'}).")
        return
    url = LocalNode(settings).start(timeout=timeout)
    click.echo(url)
    if not settings.es_distribution:
        # The test distribution has no rest-root module: GET / answers 405 there.
        click.echo(f"Try: curl '{url}/_cluster/health?pretty'", err=True)


@es.command()
def stop() -> None:
    """Stop the local node and every process it started."""
    node = LocalNode(Settings.from_env())
    if node.stop():
        click.echo("Stopped the local Elasticsearch node.")
    else:
        click.echo("No local Elasticsearch node was running.")


@es.command()
def status() -> None:
    """Print the node's URL and health; exit 1 when it is not running."""
    settings = Settings.from_env()
    if settings.es_url:
        health = cluster_health(settings.es_url)
        click.echo(f"{redact_url(settings.es_url)} (WORTLAUT_ES_URL) health: "
                   f"{health or 'unreachable'}")
        raise SystemExit(0 if health else 1)
    node = LocalNode(settings)
    url = node.running_url()
    if url is None:
        click.echo("The local Elasticsearch node is not running (start it: wortlaut es start).")
        raise SystemExit(1)
    click.echo(f"{url} health: {cluster_health(url)}")
