"""``bracketeer status``."""

from __future__ import annotations

from typing import Any

import click

from .options import choice_option, draft_argument, input_options, show


@click.command()
@draft_argument
@choice_option(
    "--format",
    "fmt",
    ["table", "json", "summary"],
    "table: per paragraph and per delegation; json: the same for scripts; summary: one line.",
)
@input_options
def status(file: str, fmt: str, encoding: str | None, delegations: str | None, **word: Any) -> int:
    """Where the draft stands: agreed and open paragraphs, open proposals by delegation.

    \b
    Example:
      bracketeer accept -d US draft.txt | bracketeer status -
    """
    from .. import api
    from .options import Inputs

    inputs = Inputs(encoding, delegations, **word)
    st = api.status(inputs.load(file), registry=inputs.registry, reading=fmt == "json")
    show(api.describe_status(st, fmt))  # type: ignore[arg-type]
    return 0
