"""``bracketeer settings``: the settings file in force, and what it sets."""

from __future__ import annotations

import click

from .options import say


@click.command()
@click.option(
    "--delegations",
    metavar="FILE",
    help="Show this settings (delegations) file rather than the one found from here.",
)
def settings(delegations: str | None) -> int:
    """Show the settings in force: the file (named with --delegations, or bracketeer.toml found
    in this folder or a parent), the delegations and author names it adds, and its reading
    conventions ([reading] adjacent, unwrap, proposals). Every command reads the same file.

    \b
    Example:
      bracketeer settings
    """
    from .. import api

    say(api.describe_settings(delegations or api.settings_file()))
    return 0
