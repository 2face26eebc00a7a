"""``bracketeer parse``."""

from __future__ import annotations

from typing import Any

import click

from .options import choice_option, console, input_options, warn_of_text, write


@click.command()
@click.argument("file", metavar="FILE|-")
@choice_option(
    "--format",
    "fmt",
    ["tree", "json", "text"],
    "tree: an outline for people; json: the whole tree (schema bracketeer.draft/1); "
    "text: the draft printed back from the tree, byte for byte.",
)
@input_options
def parse(file: str, fmt: str, encoding: str | None, delegations: str | None, **word: Any) -> int:
    """Parse a draft and show its structure.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer parse --format json draft.txt > draft.json
      cat draft.txt | bracketeer parse --format text - | cmp - draft.txt
    """
    from .. import api
    from .options import Inputs

    inputs = Inputs(encoding, delegations, **word)
    document = inputs.load(file)
    if fmt == "tree":
        console().print(api.tree_outline(document))
    else:
        warn_of_text(document, fmt)
        write(api.describe_tree(document, fmt, registry=inputs.registry), None, [])  # type: ignore[arg-type]
    return 0
