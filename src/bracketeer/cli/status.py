"""``bracketeer status``."""

from __future__ import annotations

from typing import Any

import click

from .options import choice_option, input_options, show


@click.command()
@click.argument("files", metavar="[FILE...|-]", nargs=-1)
@choice_option(
    "--format",
    "fmt",
    ["table", "json", "summary"],
    "table: per paragraph and per delegation; json: the same for scripts; summary: one line.",
)
@input_options
def status(
    files: tuple[str, ...], fmt: str, encoding: str | None, delegations: str | None, **word: Any
) -> int:
    """Where drafts stand: agreed and open paragraphs, open proposals by delegation. With
    several drafts, each in turn (summary: a line each, led by its name; JSON: a list).

    \b
    Example:
      bracketeer accept -d US draft.txt | bracketeer status -
      bracketeer status --format summary drafts/*.txt
    """
    from .. import api
    from .options import Inputs

    inputs = Inputs(encoding, delegations, **word)
    views = []
    for file in files or ("-",):
        st = api.status(inputs.load(file), registry=inputs.registry, reading=fmt == "json")
        views.append(api.status_tables(st) if fmt == "table" else api.describe_status(st, fmt))  # type: ignore[arg-type]
        if len(files) > 1 and fmt == "summary":
            views[-1] = f"{st.source}: {views[-1]}"
    if fmt == "json" and len(views) > 1:
        views = ["[\n" + ",\n".join(str(v).rstrip("\n") for v in views) + "\n]\n"]
    for view in views:
        show(view)
    return 0
