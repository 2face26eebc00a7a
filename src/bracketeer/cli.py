"""The command line: options in, one library call, output and exit status out.

Exit status: 0 success (and, for ``check`` and ``diff``, nothing found); 1 findings or
differences, or open proposals under ``--clean``; 2 bad input, bad usage or any other trouble;
130 interrupted; 141 output pipe closed. Heavy modules are imported inside the commands so that
``bracketeer --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import BracketeerError, format_error

if TYPE_CHECKING:
    from .delegations import Registry

F = TypeVar("F", bound=Callable[..., Any])

# the decoded text of each input, so that error messages can show the line and a caret
_TEXTS: dict[str, str] = {}


def _registry(delegations: str | None) -> Registry:
    from pathlib import Path

    from .delegations import Registry

    reg = Registry.builtin()
    return reg.extended(Path(delegations)) if delegations else reg


def _load(path: str, encoding: str | None, delegations: str | None) -> Any:
    from .io import read_source
    from .reader_text import decode, parse_text

    data, source = read_source(path)
    text, enc, bom = decode(data, source, encoding)
    _TEXTS[source] = text
    return parse_text(text, source=source, registry=_registry(delegations), bom=bom, encoding=enc)


def input_options(f: F) -> F:
    f = click.option(
        "--encoding",
        metavar="NAME",
        help="Read the input in this encoding (default: UTF-8, or what its byte-order mark says).",
    )(f)
    f = click.option(
        "--delegations",
        "delegations",
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="A TOML file of extra delegations and aliases (see README).",
    )(f)
    return f


def _console() -> Any:
    """A rich console for standard output: plain text when not a terminal, and with NO_COLOR set
    (no-color.org) no escape codes at all, bold included."""
    from rich.console import Console

    if os.environ.get("NO_COLOR"):
        return Console(highlight=False, force_terminal=False, no_color=True)
    return Console(highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="bracketeer")
def cli() -> None:
    """Parse, check, resolve, compare and render bracketed negotiating drafts.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer check draft.txt
      bracketeer accept --delegation US draft.txt | bracketeer status -
    """


# ------------------------------------------------------------------------------------ parse
@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "json", "text"]),
    default="tree",
    show_default=True,
    help="tree: an outline for people; json: the whole tree (schema bracketeer.draft/1); "
    "text: the draft printed back from the tree, byte for byte.",
)
@input_options
def parse(file: str, fmt: str, encoding: str | None, delegations: str | None) -> int:
    """Parse a draft and show its structure.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer parse --format json draft.txt > draft.json
      cat draft.txt | bracketeer parse --format text - | cmp - draft.txt
    """
    document = _load(file, encoding, delegations)
    if fmt == "text":
        from .io import encode
        from .query import source_text

        sys.stdout.buffer.write(encode(document, source_text(document)[len(document.bom) :]))
    elif fmt == "json":
        from .render import json as rjson

        sys.stdout.write(rjson.dumps(rjson.document(document)))
    else:
        from .render.tree import build

        _console().print(build(document))
    return 0


# ------------------------------------------------------------------------------------ check
@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@input_options
def check(file: str, fmt: str, encoding: str | None, delegations: str | None) -> int:
    """Lint a draft: brackets, empty proposals, unknown delegations, identical alternatives.

    Exit status 0 when clean, 1 when there are findings, 2 when the draft cannot be read
    (unbalanced brackets are reported that way, every one of them at once).
    """
    from .check import check as run_check
    from .errors import Problem, format_problem

    document = _load(file, encoding, delegations)
    findings = run_check(document, _registry(delegations))
    if fmt == "json":
        import json

        data = {
            "schema": "bracketeer.check/1",
            "source": document.name,
            "findings": [
                {
                    "line": f.line,
                    "column": f.column,
                    "severity": f.severity,
                    "code": f.code,
                    "message": f.message,
                }
                for f in findings
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        text = _TEXTS.get(document.name)
        for f in findings:
            problem = Problem(f.line, f.column, f"{f.message} [{f.code}]", f.severity)
            click.echo(format_problem(document.name, text, problem))
        if findings:
            click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", err=True)
    return 1 if findings else 0


# ------------------------------------------------------------------------------------ resolve
def output_options(f: F) -> F:
    f = click.option(
        "--report",
        type=click.Choice(["text", "json", "none"]),
        default="text",
        show_default=True,
        help="Report every resolved proposal, with its position, on standard error.",
    )(f)
    f = click.option("--in-place", is_flag=True, help="Replace the input file (atomically) with the result.")(
        f
    )
    f = click.option(
        "-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of standard output."
    )(f)
    f = click.option("--force", is_flag=True, help="With --clean: write even if proposals are still open.")(f)
    f = click.option(
        "--clean",
        is_flag=True,
        help="Write plain text: no notes, nothing bracketed. Fails (exit 1) while anything is open.",
    )(f)
    f = click.option(
        "--renumber",
        is_flag=True,
        help="Number the remaining paragraphs again (4.bis → 5) and report the mapping.",
    )(f)
    return f


def decision_options(f: F) -> F:
    f = click.option(
        "-p",
        "--paragraph",
        "paragraphs",
        multiple=True,
        metavar="LABEL",
        help="Only in these paragraphs: 2, 4.bis, 3-5 (repeatable, comma lists allowed). "
        "Without --delegation, every proposal in them, plain brackets included.",
    )(f)
    f = click.option(
        "--all", "everything", is_flag=True, help="Every proposal, plain unattributed brackets included."
    )(f)
    f = click.option(
        "-d",
        "--delegation",
        "delegations_",
        multiple=True,
        metavar="CODE",
        help="A delegation whose proposals to decide: US, USA, 'United States' (repeatable, comma lists).",
    )(f)
    return f


def _finish(
    document: Any,
    decisions: list[Any],
    *,
    renumber: bool,
    clean: bool,
    force: bool,
    output: str | None,
    in_place: bool,
    report: str,
    inputs: list[str],
) -> int:
    from .io import encode, write_output
    from .render import text as rtext
    from .resolve import resolve

    if in_place:
        if inputs == ["-"]:
            raise click.UsageError("--in-place needs a file, not standard input")
        if output is not None:
            raise click.UsageError("give either --in-place or --output, not both")
        output = inputs[0]
    result = resolve(document, decisions, renumber=renumber)
    _report(result.events, document.name, report)
    if clean:
        if not force and _still_open(result.document, "use --force to write anyway"):
            return 1
        text = rtext.clean(result.document)
    else:
        text = rtext.bracketed(result.document)
    write_output(encode(result.document, text), output, inputs, in_place)
    return 0


def _still_open(document: Any, advice: str) -> bool:
    """Say what is still open (for a clean output, which must hold nothing bracketed)."""
    from .query import inline_source, open_brackets, proposed_by
    from .textutil import shorten

    def describe(b: Any) -> str:
        return f"{proposed_by(b)}: {shorten(inline_source(b.body))}"

    still = open_brackets(document)
    if not still:
        return False
    n = len(still)
    click.echo(
        f"{document.name}: {n} proposal{'s' if n != 1 else ''} still open; nothing written ({advice}):",
        err=True,
    )
    for label, b in still:
        where = f"paragraph {label}" if label else "unlabelled paragraph"
        click.echo(f"{document.name}:{b.span.line}:{b.span.column}: {where}: [{describe(b)}]", err=True)
    return True


def _report(events: Any, source: str, fmt: str) -> None:
    if fmt == "none":
        return
    if fmt == "json":
        import json

        data = {
            "schema": "bracketeer.report/1",
            "source": source,
            "events": [
                {
                    "outcome": e.outcome,
                    "what": e.what,
                    "sponsors": list(e.sponsors),
                    "paragraph": e.paragraph,
                    "line": e.span.line,
                    "column": e.span.column,
                    "text": e.text,
                    "detail": e.detail,
                }
                for e in events
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2), err=True)
        return
    for e in events:
        who = f" by {', '.join(e.sponsors)}" if e.sponsors else ""
        where = f" (paragraph {e.paragraph})" if e.paragraph else ""
        detail = f" — {e.detail}" if e.detail else ""
        click.echo(
            f'{source}:{e.span.line}:{e.span.column}: {e.outcome} {e.what}{who}: "{e.text}"{where}{detail}',
            err=True,
        )


def _decide(action: str) -> Callable[..., int]:
    def command(
        file: str,
        delegations_: tuple[str, ...],
        everything: bool,
        paragraphs: tuple[str, ...],
        renumber: bool,
        clean: bool,
        force: bool,
        output: str | None,
        in_place: bool,
        report: str,
        encoding: str | None,
        delegations: str | None,
    ) -> int:
        from .decisions import from_options

        document = _load(file, encoding, delegations)
        decisions = from_options(
            "accept" if action == "accept" else "reject",
            delegations_,
            everything,
            paragraphs,
            _registry(delegations),
            document,
        )
        return _finish(
            document,
            decisions,
            renumber=renumber,
            clean=clean,
            force=force,
            output=output,
            in_place=in_place,
            report=report,
            inputs=[file],
        )

    return command


_ACCEPT_HELP = """Accept proposals: their brackets and tags go, their text stays.

\b
Examples:
  bracketeer accept --delegation US draft.txt
  bracketeer accept -d US draft.txt | bracketeer reject -d ARG - | bracketeer status -
  bracketeer accept --all --clean draft.txt -o clean.txt
  bracketeer accept -d CAN --paragraph 2 --renumber draft.txt
"""

_REJECT_HELP = """Reject proposals: they go with their text (a joint proposal loses only the named sponsor).

\b
Examples:
  bracketeer reject --delegation ARG draft.txt
  bracketeer reject -d US --paragraph 4.bis --renumber draft.txt
"""

for _name, _help in (("accept", _ACCEPT_HELP), ("reject", _REJECT_HELP)):
    _fn = _decide(_name)
    _fn.__doc__ = _help
    _fn = output_options(decision_options(input_options(_fn)))
    _fn = click.argument("file", metavar="[FILE|-]", default="-")(_fn)
    cli.command(name=_name)(_fn)


@cli.command()
@click.argument("file", metavar="[FILE|-]", default="-")
@click.option(
    "--decisions",
    "decisions_file",
    required=True,
    metavar="FILE",
    help="A TOML file of ordered decisions (see examples/decisions.toml).",
)
@output_options
@input_options
def resolve(
    file: str,
    decisions_file: str,
    renumber: bool,
    clean: bool,
    force: bool,
    output: str | None,
    in_place: bool,
    report: str,
    encoding: str | None,
    delegations: str | None,
) -> int:
    """Apply a file of decisions, in order.

    \b
    Example:
      bracketeer resolve --decisions examples/decisions.toml examples/cicte-omnibus-2024.txt
    """
    from .decisions import from_file

    document = _load(file, encoding, delegations)
    decisions, file_renumber = from_file(decisions_file, _registry(delegations), document)
    return _finish(
        document,
        decisions,
        renumber=renumber or file_renumber,
        clean=clean,
        force=force,
        output=output,
        in_place=in_place,
        report=report,
        inputs=[file],
    )


@cli.command()
@click.argument("file", metavar="[FILE|-]", default="-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "summary"]),
    default="table",
    show_default=True,
    help="table: per paragraph and per delegation; json: the same for scripts; summary: one line.",
)
@input_options
def status(file: str, fmt: str, encoding: str | None, delegations: str | None) -> int:
    """Where the draft stands: agreed and open paragraphs, open proposals by delegation.

    \b
    Example:
      bracketeer accept -d US draft.txt | bracketeer status -
    """
    from .status import status as compute
    from .status import to_json

    st = compute(_load(file, encoding, delegations))
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(to_json(st), ensure_ascii=False, indent=2) + "\n")
        return 0
    if fmt == "summary":
        click.echo(st.summary())
        return 0
    from rich.table import Table

    console = _console()
    table = Table(title=f"Paragraphs of {st.source}", title_justify="left")
    table.add_column("Para")
    table.add_column("Section")
    table.add_column("State")
    table.add_column("Open proposals")
    for p in st.paragraphs:
        state = "[green]agreed[/]" if p.agreed else "[yellow]open[/]"
        opened = "; ".join(f"{who}: {text[:40] + ('…' if len(text) > 40 else '')}" for who, text in p.open)
        if p.alternatives:
            opened = f"{p.alternatives} alternatives. " + opened
        table.add_row(p.label or "—", p.section or "", state, _escape(opened))
    console.print(table)
    dt = Table(title="Delegations", title_justify="left")
    for col in ("Delegation", "Open", "Inline", "Paragraphs", "Alternatives", "Supported"):
        dt.add_column(col, justify="left" if col == "Delegation" else "right")
    for d in sorted(st.delegations.values(), key=lambda d: (-d.open, d.code)):
        dt.add_row(
            d.code, str(d.open), str(d.proposals), str(d.paragraphs), str(d.alternatives), str(d.supported)
        )
    console.print(dt)
    console.print(_escape(st.summary()))
    return 0


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# ------------------------------------------------------------------------------------ render
@cli.command()
@click.argument("file", metavar="[FILE|-]", default="-")
@click.option(
    "--to",
    "to",
    type=click.Choice(["docx", "text", "markdown", "html"]),
    default="docx",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--mode",
    type=click.Choice(["clean", "tracked", "side-by-side"]),
    default="clean",
    show_default=True,
    help="clean: the resolved text; tracked: every proposal as a revision by its delegation; "
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
@click.option("--report", type=click.Choice(["text", "json", "none"]), default="text", show_default=True)
@input_options
def render(
    file: str,
    to: str,
    mode: str,
    output: str | None,
    action: str | None,
    delegations_: tuple[str, ...],
    everything: bool,
    paragraphs: tuple[str, ...],
    decisions_file: str | None,
    renumber: bool,
    force: bool,
    date_: str | None,
    author_prefix: str,
    reference_doc: str | None,
    title: str | None,
    report: str,
    encoding: str | None,
    delegations: str | None,
) -> int:
    """Render a draft as Word, text, Markdown or HTML: clean, tracked or side by side.

    \b
    Examples:
      bracketeer render draft.txt --mode tracked -o draft-tracked.docx
      bracketeer render draft.txt -d US --accept --mode tracked -o after-us.docx
      bracketeer render draft.txt --accept --all --mode clean -o clean.docx
      bracketeer render draft.txt --mode side-by-side -o compilation.docx
      bracketeer render draft.txt --to html --mode tracked > draft.html
    """
    from .decisions import from_file, from_options
    from .io import write_output
    from .render import model as rmodel
    from .resolve import resolve

    document = _load(file, encoding, delegations)
    registry = _registry(delegations)
    decisions: list[Any] = []
    if decisions_file:
        file_decisions, file_renumber = from_file(decisions_file, registry, document)
        decisions += file_decisions
        renumber = renumber or file_renumber
    if delegations_ or everything or paragraphs:
        if action is None:
            raise click.UsageError("say what to do with them: --accept or --reject")
        decisions += from_options(action, delegations_, everything, paragraphs, registry, document)  # type: ignore[arg-type]
    elif action is not None:
        raise click.UsageError(f"--{action} needs --delegation, --paragraph or --all")
    if decisions or renumber:
        result = resolve(document, decisions, renumber=renumber)
        _report(result.events, document.name, report)
        document = result.document
    if mode == "clean" and not force and _still_open(document, "accept or reject them first, or use --force"):
        return 1
    when = _parse_date(date_)
    doc_title = title or _title_of(document)
    data = _render(document, to, mode, when, doc_title, author_prefix, reference_doc, rmodel)
    if to == "docx" and (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError("a .docx is binary: name a file with -o FILE")
    write_output(data, output, [file])
    return 0


def _render(
    document: Any,
    to: str,
    mode: str,
    when: Any,
    title: str,
    prefix: str,
    reference_doc: str | None,
    rmodel: Any,
) -> bytes:
    if mode == "side-by-side":
        from .render.synoptic import rows

        table, columns = rows(document)
        if to == "docx":
            from .render.docx import write_side_by_side

            return write_side_by_side(
                table, columns, title=title, date=when, compact=len(columns) > 4, reference_doc=reference_doc
            )
        if to == "html":
            from .render.markup import html_table

            return html_table(table, columns, title).encode("utf-8")
        from .render.markup import markdown_table

        return markdown_table(table, columns, title).encode("utf-8")
    tracked = mode == "tracked"
    if to == "text":
        from .io import encode
        from .render import text as rtext

        return encode(document, rtext.bracketed(document) if tracked else rtext.clean(document))
    paras = rmodel.build(document, clean=not tracked, author_prefix=prefix)
    if to == "docx":
        from .render.docx import write_document

        return write_document(paras, title=title, date=when, tracked=tracked, reference_doc=reference_doc)
    from .render import markup

    if to == "html":
        return markup.html(paras, tracked=tracked, title=title).encode("utf-8")
    return markup.markdown(paras, tracked=tracked).encode("utf-8")


def _title_of(document: Any) -> str:
    from .ast import Title
    from .query import inline_source

    for b in document.blocks:
        if isinstance(b, Title):
            return " ".join(" ".join(inline_source(ln.content).split()) for ln in b.lines)
    return str(document.name)


def _parse_date(value: str | None) -> Any:
    import datetime as dt

    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        today = dt.datetime.now(dt.UTC).date()
        return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2024-04-16 or 2024-04-16T09:30:00", param_hint="--date"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.replace(microsecond=0)


# ------------------------------------------------------------------------------------ diff
@cli.command(name="diff")
@click.argument("old", metavar="OLD|-")
@click.argument("new", metavar="NEW|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "rich", "unified", "json", "docx"]),
    default="auto",
    show_default=True,
    help="auto: rich on a terminal, unified otherwise; unified: [-deleted-]{+inserted+} text; json: "
    "schema bracketeer.diff/1; docx: NEW as tracked changes against OLD (needs -o).",
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
@click.option("--encoding", metavar="NAME", help="Read both versions in this encoding.")
@click.option(
    "--delegations",
    "delegations",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A TOML file of extra delegations and aliases.",
)
def diff_command(
    old: str,
    new: str,
    fmt: str,
    summary: bool,
    ignore_whitespace: bool,
    ignore_labels: bool,
    output: str | None,
    author: str | None,
    date_: str | None,
    encoding: str | None,
    delegations: str | None,
) -> int:
    """What changed between two versions of a draft: paragraphs, words and proposals.

    Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.

    \b
    Examples:
      bracketeer diff rev1.txt rev2.txt
      bracketeer diff --summary rev1.txt rev2.txt
      bracketeer diff --format json rev1.txt rev2.txt > changes.json
      bracketeer diff --format docx rev1.txt rev2.txt -o rev2-tracked.docx
      bracketeer accept -d US rev1.txt | bracketeer diff rev1.txt -
    """
    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be standard input")
    from .diff import diff as compute
    from .io import write_output
    from .render import diff_view

    a = _load(old, encoding, delegations)
    b = _load(new, encoding, delegations)
    d = compute(a, b, ignore_whitespace=ignore_whitespace, ignore_labels=ignore_labels)
    if fmt == "auto":
        fmt = "rich" if sys.stdout.isatty() and not output else "unified"
    if fmt == "json":
        import json

        data = (json.dumps(diff_view.to_json(d), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif fmt == "docx":
        from pathlib import Path

        from .render.docx import write_document

        if (output is None or output == "-") and sys.stdout.isatty():
            raise click.UsageError("a .docx is binary: name a file with -o FILE")
        who = author or (Path(new).name if new != "-" else "NEW")
        paras = diff_view.tracked_paras(d, b, who)
        data = write_document(paras, title=_title_of(b), date=_parse_date(date_), tracked=True)
    elif fmt == "rich" and output is None:
        _console().print(diff_view.rich_text(d, summary_only=summary), end="")
        return 1 if d.differs else 0
    elif not d.differs and not summary:
        data = b""  # as diff(1): nothing to say, exit status 0
    else:
        colour = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        data = diff_view.plain(d, colour=colour, summary_only=summary).encode("utf-8")
    write_output(data, output, [old, new])
    return 1 if d.differs else 0


# ------------------------------------------------------------------------------------ entry
def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status; trouble of any kind is 2 or more."""
    try:
        rv = cli.main(args=argv, prog_name="bracketeer", standalone_mode=False)
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.UsageError as e:
        e.show()
        return 2
    except click.ClickException as e:
        # click gives these (missing files among them) status 1, which reads as "differences"
        e.show()
        return 2
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        # the reader went away (``| head``); say nothing, as other tools do
        _silence_stdout()
        return 141
    except BracketeerError as e:
        click.echo(format_error(e, _TEXTS.get(e.source)), err=True)
        return e.exit_code
    except RecursionError:
        click.echo("error: the draft nests brackets too deeply to process", err=True)
        return 2
    except Exception as e:  # a bug: say so in one line, never with a traceback
        if os.environ.get("BRACKETEER_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(e).__name__}: {e}\n"
            "this is a bug in bracketeer; set BRACKETEER_DEBUG=1 to see where it happened",
            err=True,
        )
        return 3
    return int(rv or 0)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = 141 if code == 0 else code
    sys.exit(code)
