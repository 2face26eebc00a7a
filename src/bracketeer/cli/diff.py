"""``bracketeer diff``."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .options import choice_option, colourless, console, date_option, input_options


@click.command(name="diff")
@click.argument("old", metavar="OLD|-")
@click.argument("new", metavar="NEW|-")
@choice_option(
    "--format",
    "fmt",
    ["auto", "rich", "unified", "json", "docx", "html"],
    "auto: what -o FILE's name says (.docx, .html, .json), else rich on a terminal, unified "
    "otherwise; unified: [-deleted-]{+inserted+} text; json: "
    "schema bracketeer.diff/1; docx: NEW as tracked changes against OLD (needs -o); html: a web "
    "page of the changes and what became of each proposal.",
)
@click.option("--summary", is_flag=True, help="Print only the counts.")
@click.option(
    "--ignore-whitespace", is_flag=True, help="Differences in spacing and line breaks do not count."
)
@click.option("--ignore-labels", is_flag=True, help="Renumbering does not count as a difference.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically).")
@click.option(
    "--author", metavar="NAME", help="Author of the revisions in --format docx (default: NEW's file name)."
)
@click.option(
    "--date", "date_", metavar="YYYY-MM-DD[THH:MM:SS]", help="Date of the revisions in --format docx."
)
@click.option(
    "--fresh",
    is_flag=True,
    help="--format docx: write a new document even when NEW is a Word document (by default the "
    "changes are written into NEW's own document).",
)
@input_options
def diff(
    old: str,
    new: str,
    fmt: str,
    summary: bool,
    ignore_whitespace: bool,
    ignore_labels: bool,
    output: str | None,
    author: str | None,
    date_: str | None,
    fresh: bool,
    encoding: str | None,
    delegations: str | None,
    **word: Any,
) -> int:
    """What changed between two versions of a draft: paragraphs, words and proposals.

    Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.

    \b
    Examples:
      bracketeer diff rev1.txt rev2.txt
      bracketeer diff --summary rev1.txt rev2.txt
      bracketeer diff --format json rev1.txt rev2.txt > changes.json
      bracketeer diff --format docx rev1.txt rev2.txt -o rev2-tracked.docx
      bracketeer diff --format html rev1.txt rev2.txt -o changes.html
      bracketeer accept -d US rev1.txt | bracketeer diff rev1.txt -
    """
    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be standard input")
    from pathlib import Path

    from .. import api
    from .options import Inputs, refuse_binary_on_terminal, write

    inputs = Inputs(encoding, delegations, **word)
    a, b = inputs.load(old), inputs.load(new)
    d = api.compare(a, b, api.CompareOptions(ignore_whitespace, ignore_labels))
    if fmt == "auto":
        fmt = _format_for(output)
    if fmt == "rich" and output is None:
        out = console()
        out.print(api.diff_renderable(d, summary=summary, markers=colourless(out)), end="")
        return 1 if d.differs else 0
    if fmt == "docx":
        refuse_binary_on_terminal(output)
    options = api.DiffOptions(
        format="unified" if fmt == "rich" else fmt,  # type: ignore[arg-type]
        summary=summary,
        colour=_colour(output),
        author=author or (Path(new).name if new != "-" else "NEW"),
        date=date_option(date_),
        registry=inputs.registry,
        fresh=fresh,
    )
    write(api.render_diff(d, b, options, old=a), output, [old, new, *([delegations] if delegations else [])])
    return 1 if d.differs else 0


def _format_for(output: str | None) -> str:
    """The format ``-o FILE``'s name asks for, else rich on a terminal, unified otherwise."""
    from .options import format_named

    terminal = "rich" if sys.stdout.isatty() and not output else "unified"
    return format_named(output, ("docx", "html", "json"), terminal)


def _colour(output: str | None) -> bool:
    """Colour for a terminal that has not said NO_COLOR, never for a file or a pipe."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
