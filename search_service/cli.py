"""The ``wortlaut`` command line.

Subcommands come from the ``wortlaut.commands`` entry point group (see
pyproject.toml), so the indexer and the web app plug in their own commands
without this package importing them.
"""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint, entry_points

import click

from search_service.errors import WortlautError


class PluginGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(ep.name for ep in _entry_points())})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for ep in _entry_points():
            if ep.name == cmd_name:
                command = ep.load()
                if isinstance(command, click.Command):
                    return command
        return super().get_command(ctx, cmd_name)


def _entry_points() -> list[EntryPoint]:
    return list(entry_points(group="wortlaut.commands"))


@click.group(cls=PluginGroup)
def cli() -> None:
    """Wortlaut: who said what, when, in which exact words.

    Configuration comes from WORTLAUT_* environment variables (see the README).
    """


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except WortlautError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except SystemExit:
        raise
