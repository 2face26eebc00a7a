"""``bracketeer consolidate``: the delegations' submissions into one bracketed compilation."""

from __future__ import annotations

from typing import Any

import click
from click.core import ParameterSource

from .options import choice_option, date_option, input_options


@click.command()
@click.argument("base", metavar="BASE")
@click.argument("submissions", metavar="[CODE=]FILE...", nargs=-1, required=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of standard output.")
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help='Write or update the line "(Comments from delegations received as of …)".',
)
@click.option(
    "--as-of-format",
    metavar="FORMAT",
    help='The date in that line, as strftime writes it: "%d %B %Y" gives "16 April 2024" '
    '(default "April 16, 2024").',
)
@click.option(
    "--note-template",
    metavar="TEXT",
    help='The note before a new paragraph; {delegation} becomes "delegation of the United States".',
)
@choice_option(
    "--deletion-style",
    "deletion_style",
    ["struck", "command"],
    'struck: [US: ~~old~~ new]; command: [US: replace "old" with "new"], [US: delete "old"].',
)
@choice_option(
    "--conflicts",
    "conflicts",
    ["inline", "alternatives"],
    "Changes that overlap: inline, each delegation's version of the words in a bracket of its "
    'own, side by side ("[EU: ~~a~~ b] / [US: ~~a~~ c]"); alternatives, the paragraph\'s '
    'versions as "N alt" lines.',
)
@click.option(
    "--to",
    "to",
    type=click.Choice(["text", "docx"]),
    help="Output format (default: docx for an -o FILE.docx, else text). docx: with a .docx BASE, "
    "BASE's own document with the proposals as revisions.",
)
@choice_option(
    "--mode",
    "mode",
    ["tracked", "side-by-side"],
    "With --to docx: every proposal a revision by its delegation, or a side-by-side table.",
)
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Date of the revisions in --to docx.")
@click.option("--report", type=click.Choice(["text", "json", "none"]), default="text", show_default=True)
@input_options
def consolidate(
    base: str,
    submissions: tuple[str, ...],
    output: str | None,
    as_of: str | None,
    as_of_format: str | None,
    note_template: str | None,
    deletion_style: str,
    conflicts: str,
    to: str | None,
    mode: str,
    date_: str | None,
    report: str,
    encoding: str | None,
    delegations: str | None,
    **word: Any,
) -> int:
    """Build the bracketed compilation of BASE from the delegations' submissions.

    Each submission is CODE=FILE (the delegation's edited copy: text or .docx, its own tracked
    changes and brackets taken as its edits) or FILE (a .docx whose tracked-change authors name
    the delegations). Every change becomes a proposal by its delegation; the report on standard
    error lists each one, and every conflict (changes that overlap, written as alternatives).

    \b
    Examples:
      bracketeer consolidate base.txt US=us.docx CAN=can.txt ARG=arg.txt --as-of 2024-04-16
      bracketeer consolidate base.txt submission-us.docx -o compilation.txt
      bracketeer consolidate base.txt US=us.txt CAN=can.txt --to docx -o compilation.docx
    """
    from .. import api
    from .options import Inputs, format_named, refuse_binary_on_terminal, tell, write
    from .progress import working

    # a compilation named .docx is a Word document, as every command writes one
    to = to or format_named(output, ("docx", "text"))
    inputs = Inputs(encoding, delegations, **word)
    base_doc = inputs.load(base)
    read: list[tuple[str | None, Any]] = []
    files = [base]
    with working("reading submissions", total=len(submissions)) as step:
        for entry in submissions:
            code, sep, path = entry.partition("=")
            if not sep or "/" in code or not code.strip():
                code, path = "", entry
            files.append(path)
            step(f"reading {path}")
            read.append((code.strip() or None, inputs.load(path)))
    options = _options(inputs.settings, as_of, as_of_format, note_template, deletion_style, conflicts)
    with working("consolidating"):
        compilation = api.consolidate(base_doc, read, registry=inputs.registry, options=options)
    shown = output or "<compilation>"
    if to == "docx":
        refuse_binary_on_terminal(output)
        # (the lines the report names: the document's)
        data, compilation = api.compilation_docx(
            base_doc,
            compilation,
            mode=mode,  # type: ignore[arg-type]
            date=date_option(date_),
            registry=inputs.registry,
            name=shown,
        )
    else:
        compilation = compilation.as_text_file(base_doc.newline)  # (… the file's)
        data = api.compilation_bytes(base_doc, compilation)
    tell(api.describe_compilation(shown, compilation, report), nl=False)  # type: ignore[arg-type]
    write(data, output, [*files, *(f for f in (delegations,) if f)])
    return 0


def _options(
    settings: str | None,
    as_of: str | None,
    as_of_format: str | None,
    note_template: str | None,
    deletion_style: str,
    conflicts: str,
) -> Any:
    """The consolidation's options: the command line's, and the settings file's ``[consolidate]``
    defaults where the command line says nothing."""
    from .. import api
    from ..consolidation import ConsolidateOptions

    day = date_option(as_of)
    if as_of_format is not None and "%" not in as_of_format:
        raise click.BadParameter('a date format, as "%d %B %Y"', param_hint="--as-of-format")
    if settings is not None:
        house = api.consolidate_defaults(settings)
        ctx = click.get_current_context()

        def unsaid(name: str) -> bool:
            return ctx.get_parameter_source(name) is ParameterSource.DEFAULT

        note_template = note_template or house.note_template
        as_of_format = as_of_format or house.as_of_format
        if house.deletion_style and unsaid("deletion_style"):
            deletion_style = house.deletion_style
        if house.conflicts and unsaid("conflicts"):
            conflicts = house.conflicts
    return ConsolidateOptions(
        as_of=day.date() if day else None,
        as_of_format=as_of_format,
        note_template=note_template or ConsolidateOptions().note_template,
        deletion_style=deletion_style,  # type: ignore[arg-type]
        conflicts=conflicts,  # type: ignore[arg-type]
    )
