"""The front door: everything a command does is one call here.

    import bracketeer
    draft = bracketeer.load("draft.txt")
    result = bracketeer.resolve(draft, bracketeer.decide(draft, "accept", delegations=["US"]))
    docx = bracketeer.render(result.document, bracketeer.RenderOptions(to="docx", mode="tracked"))

Each stage takes one options value (``RenderOptions``, ``CompareOptions``, ``DiffOptions``)
rather than a long list of parameters. Heavy modules (Lark, python-docx, rich) are imported by
the calls that need them, so importing ``bracketeer`` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import OpenBracket, StillOpen

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .ast import Adjacent, Document
    from .consolidation import Compilation, ConsolidateOptions
    from .conventions import ReadingReport
    from .delegations import Registry
    from .diff import Diff
    from .errors import Problem
    from .history import History
    from .read.options import ReadOptions
    from .read.parenthesised import Proposals
    from .resolver import Action, Decision, Event, Resolution
    from .standing import Status
    from .write.formats import View

Format = Literal["docx", "text", "markdown", "html", "akn"]
Mode = Literal["clean", "tracked", "side-by-side"]
DiffFormat = Literal["unified", "json", "docx", "html"]
ReportFormat = Literal["text", "json", "none"]


# ------------------------------------------------------------------------------ reading
def registry(delegations: str | Path | None = None) -> Registry:
    """The built-in delegations, plus those of a user's TOML file."""
    from .delegations import Registry

    reg = Registry.builtin()
    return reg.extended(Path(delegations)) if delegations else reg


def load(
    source: str | Path | bytes,
    *,
    registry: Registry | None = None,
    encoding: str | None = None,
    name: str | None = None,
    author_map: Mapping[str, str] | None = None,
    formatting: Iterable[str] = (),
    colour_map: Mapping[str, str] | None = None,
    recover: bool = False,
    unwrap: bool | None = None,
    adjacent: Adjacent | None = None,
    proposals: Proposals | None = None,
) -> Document:
    """A draft from a file name, ``-`` (standard input) or bytes, parsed into the tree: a text
    draft, or a Word document (told apart by content, not by name).

    Raises ``InputError`` when it cannot be read (not text, not a .docx, a damaged file) and
    ``ParseError`` (every fault, with its position and the text to show it in) when its
    brackets do not balance. ``author_map`` names the delegation of a Word revision's author
    (``{"Jane Doe": "US"}``) where the registry does not know it. ``formatting`` turns on reading
    proposals marked by formatting in a Word draft: ``"strike"`` (a deletion), ``"underline"``
    (double or bold underline: an insertion), ``"colour"`` (by ``colour_map``'s delegation:
    ``{"FF0000": "US"}``). ``recover``: brackets that do not balance are read as text where they
    stand and listed in ``Document.faults`` instead of refused. ``adjacent``: how two brackets
    side by side with a space between them are read, ``"alternatives"`` (rival wordings) or
    ``"independent"`` (two proposals); unsaid, decisions leave such a pair open when they would
    accept both (``Resolution.events`` says "ambiguous"). ``proposals``: ``"parenthesised"``
    reads a clause ending in its sponsors in parentheses as their proposal even alone in its
    paragraph, ``"bracketed"`` never; unsaid, a paragraph with no square bracket and two such
    clauses is read so.
    """
    from dataclasses import replace

    if adjacent is not None and adjacent not in ("alternatives", "independent"):
        raise ValueError(f'adjacent is "alternatives" or "independent", not {adjacent!r}')
    from .read.options import ReadOptions

    options = ReadOptions(recover, unwrap, proposals)
    document = _load(source, registry, encoding, name, author_map, formatting, colour_map, options)
    return replace(document, adjacent=adjacent) if adjacent is not None else document


def _load(
    source: str | Path | bytes,
    registry: Registry | None,
    encoding: str | None,
    name: str | None,
    author_map: Mapping[str, str] | None,
    formatting: Iterable[str],
    colour_map: Mapping[str, str] | None,
    options: ReadOptions,
) -> Document:
    from .io import read_source
    from .read import read_bytes
    from .read.kind import kind_of

    if isinstance(source, bytes):
        data, shown = source, name or "<bytes>"
    else:
        data, shown = read_source(str(source))
    kind = kind_of(data, name or shown)
    if kind == "docx":
        from .read.docx import KINDS, Conventions, read_docx

        kinds = set(formatting)
        if kinds - set(KINDS):
            raise ValueError(f"formatting conventions are {', '.join(KINDS)}, not {', '.join(sorted(kinds))}")
        colours = {k.strip().lstrip("#").upper(): v for k, v in (colour_map or {}).items()}
        conventions = Conventions(
            "strike" in kinds, "underline" in kinds, "colour" in kinds or bool(colours), colours
        )
        return read_docx(
            data,
            source=name or shown,
            registry=registry,
            author_map=author_map,
            formatting=conventions,
            options=options,
        )
    if kind == "akn":
        from .read.akn import read_akn

        return read_akn(data, source=name or shown, registry=registry or _builtin(), options=options)
    return read_bytes(data, source=name or shown, registry=registry, encoding=encoding, options=options)


def write_into(
    template: Document,
    draft: Document,
    *,
    tracked: bool = False,
    date: dt.datetime | None = None,
    lines: Mapping[int, int] | None = None,
) -> bytes:
    """``draft`` (a compilation of ``template``, say) written into the Word document
    ``template`` was read from: the paragraphs it shares keep their XML, changed ones are
    rebuilt from their own runs, new ones take the formatting of the paragraph they follow.
    ``tracked``: its proposals then made native revisions, as ``render --mode tracked`` does.
    ``lines``: where ``template``'s lines stand in ``draft`` (0: gone), when lines come before
    them (``Compilation.base_lines``); unsaid, where they stood."""
    from dataclasses import replace

    from .write import word

    data = word.write_back(replace(draft, origin=word.source_of(template)), lines=lines)
    if not tracked:
        return data
    from .write.formats import revision_date

    return word.tracked(load(data, name=draft.name), revision_date(date or default_date()))


def settings_file(start: str | Path | None = None) -> Path | None:
    """The settings (delegations) file in force when none is named: ``bracketeer.toml`` in
    ``start`` (the current directory) or a parent."""
    from .settings import find_settings

    return find_settings(start)


def describe_settings(path: str | Path | None) -> str:
    """What a settings file sets, for ``bracketeer settings``: where it is, the delegations and
    author names it adds, and its reading conventions."""
    from .delegations import Registry

    if path is None:
        return (
            "no settings file: none named, and no bracketeer.toml (nor a pyproject.toml with "
            "[tool.bracketeer]) here or in a parent folder\n"
        )
    builtin = Registry.builtin()
    mine = builtin.extended(Path(path))
    added = [c for c in mine.codes() if c not in builtin]
    authors = {k: v for k, v in mine.authors.items() if builtin.authors.get(k) != v}
    table = " [tool.bracketeer]" if Path(path).name == "pyproject.toml" else ""
    lines = [f"settings: {path}{table}"]
    lines.append(f"delegations added: {', '.join(added) if added else 'none'}")
    lines.append(
        f"author names: {', '.join(f'{k} = {v}' for k, v in authors.items()) if authors else 'none'}"
    )
    lines += _conventions(path)
    return "\n".join(lines) + "\n"


def _conventions(path: str | Path) -> list[str]:
    """A settings file's conventions, one line each, "not said" where it says nothing."""
    from .settings import colours_of, consolidate_defaults, reading_of

    read, house = reading_of(path), consolidate_defaults(path)
    said = [(f"[reading] {k}", getattr(read, k)) for k in ("adjacent", "unwrap", "proposals", "formatting")]
    keys = ("note_template", "deletion_style", "conflicts", "as_of_format")
    said += [(f"[consolidate] {k}", getattr(house, k)) for k in keys]
    lines = [f"{key}: {_shown(value)}" for key, value in said]
    colours = colours_of(path)
    lines.append(f"[colours]: {', '.join(f'{k} = {v}' for k, v in colours.items()) if colours else 'none'}")
    return lines


def _shown(value: object) -> str:
    if value is None:
        return "not said"
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def __getattr__(name: str) -> Any:
    # the consolidation's types, imported when asked for: bracketeer's start stays light
    if name in ("ConsolidateOptions", "Compilation"):
        from . import consolidation

        return getattr(consolidation, name)
    if name in ("Reading", "reading_of", "colours_of", "consolidate_defaults"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_word(document: Document) -> bool:
    """Whether the draft was read from a Word document (and can be written back into it)."""
    return document.read_from == "docx"


def word_extension(document: Document) -> str:
    """``.docx``, ``.docm``, ``.dotx`` or ``.dotm``: what the Word document the draft was read from
    must be named for Word to open it (ValueError for a draft read from text)."""
    from .write import word

    return word.extension(document)


def write_back(document: Document, *, clean: bool = False, force: bool = False) -> bytes:
    """A draft read from a Word document, written back into that document: the paragraphs the
    decisions changed are rebuilt from their own runs, everything else stays as it was.
    ``clean`` as for ``render`` (raises ``StillOpen`` while anything is open, unless ``force``)."""
    from .write import word

    word.source_of(document)  # a draft read from text: ValueError before anything else
    return word.write_back(_cleaned(document, force) if clean else document, clean=clean)


def _cleaned(document: Document, force: bool) -> Document:
    """``document`` as a clean text has it: no remarks among its words (notes on lines of
    their own are left out by each writer). Raises ``StillOpen`` while anything is open,
    unless ``force``."""
    from .resolver.remarks import without_remarks

    if not force:
        still = still_open(document)
        if still:
            raise StillOpen(document.name, still)
    return without_remarks(document)


# ------------------------------------------------------------------------------ deciding
@dataclass(frozen=True, slots=True)
class Plan:
    """Decisions to apply in order, and whether to renumber the paragraphs afterwards."""

    decisions: tuple[Decision, ...] = ()
    renumber: bool = False

    def __add__(self, other: Plan) -> Plan:
        return Plan(self.decisions + other.decisions, self.renumber or other.renumber)


def decide(
    document: Document,
    action: Action,
    *,
    delegations: Iterable[str] = (),
    everything: bool = False,
    paragraphs: Iterable[str] = (),
    registry: Registry | None = None,
    option: int | None = None,
) -> Plan:
    """The decisions of ``accept``/``reject``, checked against the draft (unknown delegations
    and paragraphs are errors). ``option``: option N of the option group holding the
    ``paragraphs`` (accept keeps it and drops the others; reject drops it)."""
    from .decisions import from_options

    reg = registry or _builtin()
    return Plan(tuple(from_options(action, delegations, everything, paragraphs, reg, document, option)))


def decisions_file(path: str, document: Document, *, registry: Registry | None = None) -> Plan:
    """The decisions of a TOML file, checked against the draft."""
    from .decisions import from_file

    decisions, renumber = from_file(path, registry or _builtin(), document)
    return Plan(tuple(decisions), renumber)


def resolve(document: Document, plan: Plan | Sequence[Decision]) -> Resolution:
    """Apply the decisions in order, then renumber when the plan says so."""
    from .resolver import resolve as run

    if not isinstance(plan, Plan):
        plan = Plan(tuple(plan))
    return run(document, plan.decisions, renumber=plan.renumber)


def refuse_guesses(source: str, events: Iterable[Event]) -> None:
    """Raise ``Ambiguous`` (exit status 1) when the resolver left brackets open because the
    draft does not say how to read them, so that a command writes nothing rather than a text
    that looks decided."""
    from .errors import Ambiguous

    unsure = tuple(
        OpenBracket(e.span.line, e.span.column, e.paragraph, e.text)
        for e in events
        if e.outcome == "ambiguous"
    )
    if unsure:
        raise Ambiguous(source, unsure)


def report(source: str, events: Iterable[Event], fmt: ReportFormat = "text") -> str:
    """What a resolution did, for people (one line an event) or as ``bracketeer.report/1``."""
    if fmt == "none":
        return ""
    if fmt == "json":
        from .write import schemas

        return schemas.dumps(schemas.report(source, events))
    from .write.report import events_text

    return events_text(source, events)


# ------------------------------------------------------------------------------ consolidating
def consolidate(
    base: Document,
    submissions: Sequence[tuple[str | None, Document]],
    *,
    registry: Registry | None = None,
    options: ConsolidateOptions | None = None,
) -> Compilation:
    """The bracketed compilation of ``base`` and the delegations' submissions.

    Each submission is ``(code, document)``: the delegation's edited copy, its own brackets and
    tracked changes taken as its edits; or ``(None, document)``: a document whose tracked changes
    (or tags) name the delegations, each one's changes taken apart. Raises ``InputError`` for a
    delegation the registry does not know and for a submission that is not an edit of the base.
    """
    from .consolidation import consolidate as run
    from .consolidation import submissions_of

    reg = registry or _builtin()
    return run(base, submissions_of(base, submissions, reg), reg, options)


def compilation_bytes(base: Document, compilation: Compilation) -> bytes:
    """The compilation as a text file like its base: the base's encoding and byte-order mark
    (its line endings are in the text already). A character the base's encoding cannot write is
    an ``InputError`` naming it, not a changed character. Of a Word base, as a text draft of a
    Word document is written (``Compilation.as_text_file``: paragraphs parted by blank lines,
    without the word joiners its reader writes); describe that one, whose lines these are."""
    from .errors import InputError

    text = compilation.as_text_file(base.newline).text
    try:
        return (base.bom + text).encode(base.encoding)
    except UnicodeEncodeError as e:
        char = e.object[e.start : e.end]
        raise InputError(
            f"the compilation holds {char!r}, which {base.encoding} cannot write: save the base as UTF-8",
            source=base.name,
        ) from None


def compilation_docx(
    base: Document,
    compilation: Compilation,
    *,
    mode: Literal["tracked", "side-by-side"] = "tracked",
    date: dt.datetime | None = None,
    registry: Registry | None = None,
    name: str = "<compilation>",
) -> tuple[bytes, Compilation]:
    """The compilation as a Word document: of a Word base, tracked, the base's own document
    with the proposals as revisions in it; else a new one (``mode``). With it, the compilation
    with its entries' lines those of that document, as the Word reader reads it (a side-by-side
    table's are left as the text's)."""
    from .write import word
    from .write.formats import drawn_docx

    # (as compiled: a Word base's word joiners keep its revisions side by side two changes)
    compiled = load(compilation.text.encode("utf-8"), registry=registry, name=name)
    if is_word(base) and mode == "tracked":
        data = write_into(base, compiled, tracked=True, date=date, lines=compilation.base_lines)
        return data, compilation.placed(word.written_lines(compilation.text))
    options = RenderOptions(to="docx", mode=mode, date=date)
    if mode == "side-by-side":
        return render(compiled, options), compilation
    data, lines, commented = drawn_docx(_view(compiled, options))
    return data, compilation.commented(commented).placed(lines)


def describe_compilation(source: str, compilation: Compilation, fmt: ReportFormat = "text") -> str:
    """What a consolidation wrote, one line an entry, or as ``bracketeer.consolidate/1``."""
    if fmt == "none":
        return ""
    if fmt == "json":
        from .write import schemas

        return schemas.dumps(schemas.compilation(source, compilation))
    from .write.report import compilation_text

    return compilation_text(source, compilation)


# ------------------------------------------------------------------------------ looking
def check(document: Document, *, registry: Registry | None = None) -> list[Problem]:
    """Lint findings, in source order."""
    from .lint import check as run

    return run(document, registry or _builtin())


def paragraph_count(document: Document) -> int:
    """How many paragraphs the draft has (top level, as ``status`` counts them)."""
    from .query import iter_paragraphs

    return sum(1 for _ in iter_paragraphs(document))


def describe_faults(document: Document) -> str:
    """The brackets that do not balance in a draft read with ``recover``, at ``file:line:col``
    with carets, as a refusal would list them."""
    from .errors import SHOWN, Problem, format_problems
    from .query import source_text

    problems = [Problem(f.span.line, f.span.column, f.message) for f in document.faults]
    text = source_text(document)[len(document.bom) :]
    return format_problems(document.name, text, problems, limit=SHOWN)


def describe_check(document: Document, findings: Sequence[Problem], fmt: Literal["text", "json"]) -> str:
    """Findings at ``file:line:col`` with carets, or as ``bracketeer.check/1``."""
    if fmt == "json":
        from .write import schemas

        return schemas.dumps(schemas.check(document.name, findings))
    from .write.report import findings_text

    return findings_text(document, findings)


def status(document: Document, *, registry: Registry | None = None, reading: bool = False) -> Status:
    """Where the draft stands, per paragraph and per delegation; with ``reading``, how it was
    read too (``Status.reading``: its notations and where its reading is unsure, which costs a
    whole ``check``, so only a caller that shows it asks)."""
    from dataclasses import replace

    from .conventions import reading_report
    from .standing import status as run

    st = run(document)
    return replace(st, reading=reading_report(document, registry)) if reading else st


def reading(document: Document, *, registry: Registry | None = None) -> ReadingReport:
    """The notations ``document`` was read with, and every place its reading rests on a choice
    the text does not make (``check``'s findings of that kind)."""
    from .conventions import reading_report

    return reading_report(document, registry)


def describe_status(st: Status, fmt: Literal["json", "summary"]) -> str:
    """``status`` as JSON (``bracketeer.status/1``) or one summary line."""
    if fmt == "json":
        from .write import schemas

        return schemas.dumps(schemas.status(st))
    return st.summary() + "\n"


def status_tables(st: Status) -> list[RenderableType]:
    """``status`` as rich tables: per paragraph, per delegation."""
    from .write.status_view import tables

    return tables(st)


def history(documents: Sequence[Document]) -> History:
    """A negotiation followed across ``documents``, in negotiation order: where each version
    stands, what became of the proposals between each and the next, each paragraph's lineage
    and each delegation's proposals."""
    from .history import history as follow

    return follow(documents)


def describe_history(h: History, fmt: Literal["json", "csv"]) -> str:
    """``history`` as JSON (``bracketeer.history/1``) or CSV."""
    if fmt == "json":
        from .write import schemas

        return schemas.dumps(schemas.history(h))
    from .write import history_view

    return history_view.csv_text(h)


def history_tables(h: History) -> list[RenderableType]:
    """``history`` as rich tables."""
    from .write import history_view

    return history_view.tables(h)


def text_warnings(document: Document) -> list[str]:
    """What a Word draft loses when written as text, one line each at ``file:line:col``: two
    revisions side by side become touching brackets, which read back as rival wordings (so a
    decision on the text could differ from one on the document)."""
    from .write.text import touching_revisions

    return [
        f"{document.name}:{line}:{column}: warning: two Word revisions side by side here become touching "
        "brackets in text, which read back as rival wordings; decide this draft as a Word document"
        for line, column in touching_revisions(document)
    ]


def git_versions(path: str | Path) -> list[tuple[str, bytes]]:
    """Every committed version of the draft at ``path`` in its git repository, oldest first:
    ``(name@commit, content)`` (``InputError`` outside a repository or for a file never
    committed)."""
    from .versions import git_versions as read

    return read(path)


def history_page(h: History, *, title: str = "History", registry: Registry | None = None) -> str:
    """``history`` as a web page: the chart, the versions, open proposals by delegation per
    version, the paragraphs open the longest."""
    from .write import html

    return html.history_page(h, title=title, registry=registry or _builtin())


def history_chart(h: History) -> str:
    """``history`` as an SVG chart: open proposals by delegation across the versions, and the
    share of paragraphs agreed."""
    from .write.history_chart import svg

    return svg(h)


def history_chart_png(h: History) -> bytes:
    """The same chart as a PNG (needs the ``png`` extra: resvg draws the SVG)."""
    from .write.history_chart import png

    return png(h)


def describe_tree(
    document: Document, fmt: Literal["json", "text"], *, registry: Registry | None = None
) -> Iterator[bytes]:
    """The tree as ``bracketeer.draft/1`` (with the reading report; in pieces, written as they
    are made), or printed back byte for byte."""
    if fmt == "text":
        from .io import encode
        from .write.text import as_read

        return iter((encode(document, as_read(document)),))
    from .write import schemas

    read = reading(document, registry=registry)
    return (piece.encode("utf-8") for piece in schemas.document_json(document, read))


def tree_outline(document: Document) -> RenderableType:
    """The tree as an outline for people (a rich tree)."""
    from .write.tree import build

    return build(document)


# ------------------------------------------------------------------------------ rendering
@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render a draft. ``text`` + ``tracked`` is the bracketed draft itself."""

    to: Format = "text"
    mode: Mode = "tracked"
    force: bool = False  # clean: render even while proposals are open
    title: str | None = None  # default: the draft's title
    date: dt.datetime | None = None  # default: SOURCE_DATE_EPOCH, else today
    author_prefix: str = ""  # before each revision author: "Delegation of "
    reference_doc: str | None = None  # styles and page setup from this .docx
    registry: Registry | None = None  # full names for a page's legend (default: the built-in one)
    body: str = "un"  # akn: the issuing body named in the document's identifiers ("oas")


def still_open(document: Document) -> tuple[OpenBracket, ...]:
    """Every proposal still open, where it is and what it says."""
    from .query import inline_source, open_brackets, pending_notes, proposed_by
    from .textutil import shorten

    found = [
        OpenBracket(b.span.line, b.span.column, label, f"{proposed_by(b)}: {shorten(inline_source(b.body))}")
        for label, b in open_brackets(document)
    ]
    # a paragraph some delegation proposes to delete is not agreed text either
    found.extend(
        OpenBracket(n.span.line, n.span.column, n.target, shorten(n.text.strip()), note=True)
        for n, _ in pending_notes(document)
    )
    return tuple(sorted(found, key=lambda o: (o.line, o.column)))


def render(document: Document, options: RenderOptions | None = None) -> bytes:
    """The draft as Word, text, Markdown, HTML or Akoma Ntoso. A clean rendering raises
    ``StillOpen`` while anything is open, unless ``options.force``."""
    from .write.formats import write

    options = options or RenderOptions()
    return write(_view(document, options), options.to, side_by_side=options.mode == "side-by-side")


def _view(document: Document, options: RenderOptions) -> View:
    from .write.formats import View

    if options.mode == "clean":
        document = _cleaned(document, options.force)
    return View(
        document,
        tracked=options.mode != "clean",
        title=options.title or document_title(document),
        date=options.date or default_date(),
        registry=options.registry or _builtin(),
        author_prefix=options.author_prefix,
        reference_doc=options.reference_doc,
        body=options.body,
    )


def document_title(document: Document) -> str:
    """The draft's title lines as one line, or its name when it has none."""
    from .ast import Title
    from .query import inline_source
    from .textutil import squash

    for b in document.blocks:
        if isinstance(b, Title):
            return " ".join(squash(inline_source(ln.content)) for ln in b.lines)
    return document.name


def default_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH (reproducible builds), else today at midnight UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    today = dt.datetime.now(dt.UTC).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def parse_date(value: str) -> dt.datetime:
    """``2024-04-16`` or ``2024-04-16T09:30:00`` (UTC unless it says otherwise); ValueError
    otherwise."""
    when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.replace(microsecond=0)


# ------------------------------------------------------------------------------ comparing
@dataclass(frozen=True, slots=True)
class CompareOptions:
    ignore_whitespace: bool = False  # spacing and line breaks do not count
    ignore_labels: bool = False  # renumbering does not count


def compare(old: Document, new: Document, options: CompareOptions | None = None) -> Diff:
    """Paragraphs aligned, words compared, and the fate of every proposal."""
    from .diff import diff

    options = options or CompareOptions()
    return diff(old, new, ignore_whitespace=options.ignore_whitespace, ignore_labels=options.ignore_labels)


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How to write a comparison."""

    format: DiffFormat = "unified"
    summary: bool = False  # only the counts
    colour: bool = False  # ANSI colours in unified output
    author: str = "NEW"  # docx: author of the revisions
    date: dt.datetime | None = None  # docx: date of the revisions
    registry: Registry | None = None  # html: full names in the legend (default: the built-in one)
    fresh: bool = False  # docx: a new document even when NEW is a Word document


def render_diff(
    d: Diff, new: Document, options: DiffOptions | None = None, *, old: Document | None = None
) -> bytes:
    """A comparison as ``[-old-]{+new+}`` text, ``bracketeer.diff/1`` JSON, a web page, or NEW
    as a .docx with tracked changes against OLD: written into NEW's own Word document when NEW
    is one (``options.fresh``: a new document all the same). Unified output of identical drafts
    is empty, as diff(1)."""
    from .write import diff_view

    options = options or DiffOptions()
    if options.format == "json":
        from .write import schemas

        return schemas.dumps(schemas.diff(d)).encode("utf-8")
    if options.format == "html":
        from .write import html

        title = f"Changes: {document_title(new)}"
        return html.diff_page(d, title=title, registry=options.registry or _builtin()).encode("utf-8")
    if options.format == "docx":
        when = options.date or default_date()
        if is_word(new) and not options.fresh:
            # NEW's own document, the changes made revisions in it (as Word's Compare writes)
            from .write.formats import revision_date
            from .write.word.compare import compared

            return compared(d, old, new, options.author, revision_date(when))
        from .write.docx import write_document

        paras = diff_view.tracked_paras(d, new, options.author)
        return write_document(paras, title=document_title(new), date=when, tracked=True)
    if not d.differs and not options.summary:
        return b""
    return diff_view.plain(d, colour=options.colour, summary_only=options.summary).encode("utf-8")


def diff_renderable(d: Diff, *, summary: bool = False, markers: bool = False) -> Any:
    """A comparison for a terminal (rich); ``markers``: for one without colour, insertions and
    deletions written ``{+…+}`` and ``[-…-]`` too."""
    from .write import diff_view

    return diff_view.rich_text(d, summary_only=summary, markers=markers)


def _builtin() -> Registry:
    from .delegations import Registry

    return Registry.builtin()
