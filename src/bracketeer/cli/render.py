"""``bracketeer render``."""

from __future__ import annotations

from typing import Any

import click

from .options import choice_option, date_option, decision_options, draft_argument, input_options

_FORMATS = ("docx", "text", "markdown", "html", "akn")


@click.command()
@draft_argument
@click.option(
    "--to",
    "to",
    type=click.Choice(_FORMATS),
    help="Output format (akn: Akoma Ntoso 3.0 XML; default: what -o FILE's name says, .docx, .txt, "
    ".md, .html, .xml; else docx).",
)
@choice_option(
    "--mode",
    "mode",
    ["clean", "tracked", "side-by-side"],
    "clean: the resolved text; tracked: every proposal as a revision by its delegation; "
    "side-by-side: a table of each delegation's proposals beside the agreed text.",
)
@click.option(
    "-o", "--output", metavar="FILE", help="Write to FILE (atomically). Needed for docx unless piping."
)
@click.option(
    "--accept", "action", flag_value="accept", help="Accept the proposals named by -d/--all/-p first."
)
@click.option(
    "--reject", "action", flag_value="reject", help="Reject the proposals named by -d/--all/-p first."
)
@decision_options
@click.option("--decisions", "decisions_file", metavar="FILE", help="Apply a decisions file first.")
@click.option("--renumber", is_flag=True, help="Number the remaining paragraphs again first.")
@click.option("--force", is_flag=True, help="clean mode: render even if proposals are still open.")
@click.option(
    "--date",
    "date_",
    metavar="YYYY-MM-DD[THH:MM:SS]",
    help="Date of the revisions and the document (default: SOURCE_DATE_EPOCH, else today).",
)
@click.option(
    "--author-prefix",
    default="",
    metavar="TEXT",
    help='Put before each revision author, e.g. "Delegation of ".',
)
@click.option(
    "--reference-doc",
    metavar="FILE.docx",
    type=click.Path(exists=True, dir_okay=False),
    help="Take styles and page setup from this Word file (the pandoc convention).",
)
@click.option("--title", metavar="TEXT", help="Document title (default: the draft's title).")
@click.option(
    "--body",
    default="un",
    show_default=True,
    metavar="NAME",
    help="akn: the body issuing the document, in its identifiers (oas, unfccc).",
)
@click.option("--report", type=click.Choice(["text", "json", "none"]), default="text", show_default=True)
@input_options
def render(
    file: str,
    to: str | None,
    mode: str,
    output: str | None,
    action: str | None,
    delegations_: tuple[str, ...],
    everything: bool,
    paragraphs: tuple[str, ...],
    option: int | None,
    decisions_file: str | None,
    renumber: bool,
    force: bool,
    date_: str | None,
    author_prefix: str,
    reference_doc: str | None,
    title: str | None,
    body: str,
    report: str,
    encoding: str | None,
    delegations: str | None,
    **word: Any,
) -> int:
    """Render a draft as Word, text, Markdown, HTML or Akoma Ntoso: clean, tracked or side by side.

    \b
    Examples:
      bracketeer render draft.txt --mode tracked -o draft-tracked.docx
      bracketeer render draft.txt -d US --accept --mode tracked -o after-us.docx
      bracketeer render draft.txt --accept --all --mode clean -o clean.docx
      bracketeer render draft.txt --mode side-by-side -o compilation.docx
      bracketeer render draft.txt --to html --mode tracked > draft.html
      bracketeer render draft.txt --to akn --body oas -o draft.akn.xml
    """
    from .. import api
    from ..errors import StillOpen
    from .options import Inputs, format_named, refuse_binary_on_terminal, tell, warn_of_text, write
    from .progress import working

    # a page named .html is a web page, as every command's output name says what it is
    to = to or format_named(output, _FORMATS, "docx")
    inputs = Inputs(encoding, delegations, **word)
    document = inputs.load(file)
    plan = api.Plan(renumber=renumber)
    if decisions_file:
        plan = api.decisions_file(decisions_file, document, registry=inputs.registry) + plan
    if delegations_ or everything or paragraphs:
        if action is None:
            raise click.UsageError("say what to do with them: --accept or --reject")
        plan = plan + api.decide(
            document,
            "accept" if action == "accept" else "reject",
            delegations=delegations_,
            everything=everything,
            paragraphs=paragraphs,
            registry=inputs.registry,
            option=option,
        )
    elif action is not None:
        raise click.UsageError(f"--{action} needs --delegation, --paragraph or --all")
    if plan.decisions or plan.renumber:
        result = api.resolve(document, plan)
        tell(api.report(document.name, result.events, report), nl=False)  # type: ignore[arg-type]
        document = result.document
    options = api.RenderOptions(
        to=to,  # type: ignore[arg-type]
        mode=mode,  # type: ignore[arg-type]
        force=force,
        title=title,
        date=date_option(date_),
        author_prefix=author_prefix,
        reference_doc=reference_doc,
        registry=inputs.registry,
        body=body,
    )
    try:
        with working("writing"):
            data = api.render(document, options)
    except StillOpen as e:
        e.hint = "accept or reject them first, or use --force"
        raise
    if to == "docx":
        refuse_binary_on_terminal(output)
    warn_of_text(document, to)
    write(data, output, [file, *(f for f in (decisions_file, delegations, reference_doc) if f)])
    return 0
