"""``bracketeer accept``, ``reject`` and ``resolve``: decisions in, the draft out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import click

from .options import decision_options, draft_argument, input_options, output_options

if TYPE_CHECKING:
    from ..api import Plan
    from ..ast import Document
    from ..delegations import Registry


def run(
    file: str,
    plan_of: Callable[[Document, Registry], Plan],
    *,
    renumber: bool,
    clean: bool,
    force: bool,
    output: str | None,
    in_place: bool,
    report: str,
    encoding: str | None,
    delegations: str | None,
    to: str | None,
    also_read: tuple[str | None, ...] = (),
    **word: Any,
) -> int:
    """Read the draft, resolve it by the plan, report on standard error, write the text.
    ``also_read``: other files the command reads, which the output must not overwrite."""
    from .. import api
    from .options import Inputs, format_named, refuse_binary_on_terminal, tell, warn_of_text, write
    from .progress import working

    if to is None and not in_place:
        _writable_as_named(output)
    if in_place:
        if file == "-":
            raise click.UsageError("--in-place needs a file, not standard input")
        if output is not None:
            raise click.UsageError("give either --in-place or --output, not both")
        output = file
    inputs = Inputs(encoding, delegations, **word)
    document = inputs.load(file)
    with working("deciding"):
        result = api.resolve(document, plan_of(document, inputs.registry) + api.Plan(renumber=renumber))
    tell(api.report(document.name, result.events, report), nl=False)  # type: ignore[arg-type]
    api.refuse_guesses(document.name, result.events)
    mode: Literal["clean", "tracked"] = "clean" if clean else "tracked"
    kind = _in_place_format(document, to) if in_place else to or format_named(output)
    if kind == "docx":
        refuse_binary_on_terminal(output)
        if api.is_word(result.document):
            _same_kind(result.document, output, in_place)
            data = api.write_back(result.document, clean=clean, force=force)
        else:
            data = api.render(result.document, api.RenderOptions(to="docx", mode=mode, force=force))
    elif kind == "akn":
        options = api.RenderOptions(to="akn", mode=mode, force=force, registry=inputs.registry)
        data = api.render(result.document, options)
    else:
        data = api.render(result.document, api.RenderOptions(to="text", mode=mode, force=force))
        warn_of_text(None if clean else result.document)
    write(data, output, [file, *(f for f in (delegations, *also_read) if f)], in_place)
    return 0


def _same_kind(document: Document, output: str | None, in_place: bool) -> None:
    """A macro-enabled document or a template written back keeps its kind, and Word opens it
    only under its own ending: a .docm named .docx is refused by Word, so it is refused here."""
    from .. import api

    ending = api.word_extension(document)
    named = "." + output.rsplit(".", 1)[-1].lower() if output and "." in output.rsplit("/", 1)[-1] else ""
    if not in_place and named in (".docx", ".docm", ".dotx", ".dotm") and named != ending:
        raise click.UsageError(
            f"the draft is a Word {ending} document (macros or a template kept as they are), and Word "
            f"opens one only under that ending: name the output …{ending}"
        )


def _in_place_format(document: Document, to: str | None) -> str:
    """The format a draft written over itself keeps: its own, whatever its file is named (a Word
    document named .docm, .dotx or nothing at all stays a Word document of the same kind)."""

    kind = document.read_from
    if to is not None and to != kind:
        raise click.UsageError(
            f"--in-place keeps the input's format ({kind}); to write it as {to}, name another file with -o"
        )
    return kind


def _decide(action: Literal["accept", "reject"], help_text: str) -> click.Command:
    @click.command(name=action, help=help_text)
    @draft_argument
    @decision_options
    @output_options
    @input_options
    def command(
        file: str,
        delegations_: tuple[str, ...],
        everything: bool,
        paragraphs: tuple[str, ...],
        option: int | None,
        **options: Any,
    ) -> int:
        from .. import api

        def plan(document: Document, registry: Registry) -> Plan:
            return api.decide(
                document,
                action,
                delegations=delegations_,
                everything=everything,
                paragraphs=paragraphs,
                registry=registry,
                option=option,
            )

        return run(file, plan, **options)

    return command


accept = _decide(
    "accept",
    """Accept proposals: their brackets and tags go, their text stays.

\b
Examples:
  bracketeer accept --delegation US draft.txt
  bracketeer accept -d US draft.txt | bracketeer reject -d ARG - | bracketeer status -
  bracketeer accept --all --clean draft.txt -o clean.txt
  bracketeer accept -d CAN --paragraph 2 --renumber draft.txt
  bracketeer accept --option 2 --paragraph 16 draft.txt
""",
)

reject = _decide(
    "reject",
    """Reject proposals: they go with their text (a joint proposal loses only the named sponsor).

\b
Examples:
  bracketeer reject --delegation ARG draft.txt
  bracketeer reject -d US --paragraph 4.bis --renumber draft.txt
""",
)


@click.command()
@draft_argument
@click.option(
    "--decisions",
    "decisions_file",
    required=True,
    metavar="FILE",
    help="A TOML file of ordered decisions (see examples/decisions.toml).",
)
@output_options
@input_options
def resolve(file: str, decisions_file: str, **options: Any) -> int:
    """Apply a file of decisions, in order.

    \b
    Example:
      bracketeer resolve --decisions examples/decisions.toml examples/cicte-omnibus-2024.txt
    """
    from .. import api

    def plan(document: Document, registry: Registry) -> Plan:
        return api.decisions_file(decisions_file, document, registry=registry)

    return run(file, plan, also_read=(decisions_file,), **options)


def _writable_as_named(output: str | None) -> None:
    """Refuse an output named as a format a decision is not written in (``out.html``): text
    written into it would not be what its name says."""
    from .options import format_named

    if format_named(output, ("html", "markdown", "json"), "") != "":
        raise click.UsageError(
            f"{output}: a decision is written as text, Word (.docx) or Akoma Ntoso (.xml); for a "
            "web page or Markdown, use render --to html or --to markdown"
        )
