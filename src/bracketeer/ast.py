"""The tree every part of bracketeer works on.

The tree is lossless: every character of the source sits in exactly one leaf string, so
``source_text(document)`` gives the input back. Nodes are immutable; the resolver and the
diff build new trees and never change one.

Positions: ``Span`` holds 1-based line and column (in characters) and 0-based character
offsets into the decoded text (after any byte-order mark) for the start and the end.
Nodes made by the resolver keep the span of the source they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:  # the readers whose source a tree keeps, named for type checkers only
    from .read.akn import AknSource
    from .read.docx import WordSource

__all__ = [
    "Adjacent",
    "Alternative",
    "Blank",
    "Block",
    "Bracket",
    "BracketKind",
    "Command",
    "Document",
    "Fault",
    "Heading",
    "Inline",
    "Label",
    "Line",
    "Note",
    "NoteKind",
    "Paragraph",
    "Position",
    "Span",
    "Sponsor",
    "Struck",
    "Tag",
    "Text",
    "Title",
]


class Span(NamedTuple):
    """Where a node is. A named tuple rather than a frozen dataclass: a draft has tens of
    thousands of them, and a tuple is made several times faster (bench/bench_parse.py)."""

    line: int
    column: int
    offset: int
    end_line: int
    end_column: int
    end_offset: int

    def cover(self, other: Span) -> Span:
        """The span from the start of ``self`` to the end of ``other``."""
        return Span(self.line, self.column, self.offset, other.end_line, other.end_column, other.end_offset)


_NOT_IN_KEY = re.compile(r"[ \u00a0()]|(?<!\d)\.|\.(?!\d)")

NOWHERE = Span(0, 0, 0, 0, 0, 0)


@lru_cache(maxsize=4096)  # a draft's labels are few and read again and again
def label_key(text: str) -> str:
    """A label normalised for matching: ``4.bis.``, ``4 bis`` and ``4bis`` are ``4bis``."""
    # spaces and parentheses go; a dot stays only between digits: "1.2." is "1.2", "4.bis." is "4bis"
    return _NOT_IN_KEY.sub("", text.strip("[]"))


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Struck:
    """``~~words~~`` inside a proposal: existing words proposed for deletion."""

    text: str
    span: Span

    @property
    def words(self) -> str:
        return self.text[2:-2]


@dataclass(frozen=True, slots=True)
class Command:
    """A proposal body that is an instruction: ``delete``, ``delete "w"``, ``replace "a" with "b"``,
    ``"a". Insert "b"`` (a replacement), ``Insert "b"``, a bare ``"w"`` (a deletion)."""

    text: str
    action: Literal["delete", "replace", "insert"]
    target: str | None
    replacement: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Sponsor:
    """One delegation named on a proposal, as written and as the registry knows it."""

    written: str
    code: str | None  # canonical code, None when the registry does not know the name
    supporter: bool = False  # named after "supported by": backs the text without proposing it

    @property
    def key(self) -> str:
        return self.code or self.written


@dataclass(frozen=True, slots=True)
class Tag:
    """The ``US, CAN: `` that opens a proposal, colon and following spaces included."""

    text: str
    sponsors: tuple[Sponsor, ...]
    span: Span


BracketKind = Literal["proposal", "plain", "literal", "remark"]

# how to read two brackets side by side with a space between them, "[a] [b]": rival wordings
# of one place, or two proposals; None when the user has not said (check asks)
Adjacent = Literal["alternatives", "independent"]


Stance = Literal["retain", "delete", "support", "oppose", "reserve"]


@dataclass(frozen=True, slots=True)
class Position:
    """A delegation's position on a bracket, as UN compilations write them after it:
    ``[timely] (EU: retain)``, ``[fully] (AOSIS) (US, JPN: delete)``, ``[ambitious - EU; LMDC
    delete]``. A position is not a proposal: ``accept -d US`` does not take US's "delete" for
    its acceptance, and ``status`` shows positions beside the proposal."""

    delegation: Sponsor
    stance: Stance
    span: Span = NOWHERE  # where it is written: "(US, JPN: delete)", "LMDC delete"


@dataclass(frozen=True, slots=True)
class Bracket:
    """A bracket and everything in it.

    ``kind`` is ``proposal`` (attributed to delegations), ``plain`` (unattributed, unagreed
    text), ``literal`` (a bracket that is not a proposal: ``[sic]``, ``[1]``, ``[A/RES/77/1]``)
    or ``remark`` (a negotiating remark in parentheses, ``(EU, US: prefer original)``: a note
    among the words, kept as written and left out of a clean text).
    Attribution written after the text lives in ``tail`` (``" — US"`` before the ``]``) or in
    ``post`` (``" (US)"`` after it); ``sponsors`` holds the delegations from whichever form
    the draft used.
    """

    open: str
    tag: Tag | None
    body: tuple[Inline, ...]
    tail: str
    close: str
    post: str
    kind: BracketKind
    sponsors: tuple[Sponsor, ...]
    span: Span
    # what delegations said of it without proposing it: "(US, JPN: delete)", "- LMDC delete"
    positions: tuple[Position, ...] = ()

    @property
    def is_text(self) -> bool:
        """Whether it is no proposal (``literal`` or ``remark``): written as it stands."""
        return self.kind == "literal" or self.kind == "remark"

    @property
    def proposers(self) -> tuple[Sponsor, ...]:
        return tuple(s for s in self.sponsors if not s.supporter)

    @property
    def command(self) -> Command | None:
        body = [n for n in self.body if not (isinstance(n, Text) and not n.text.strip())]
        if len(body) == 1 and isinstance(body[0], Command):
            return body[0]
        return None


Inline = Text | Struck | Command | Bracket


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph label as written (``4.bis.``, ``a)``, ``[1.]``) and the space after it."""

    text: str
    sep: str
    span: Span

    @property
    def bracketed(self) -> bool:
        return self.text.startswith("[")

    @property
    def key(self) -> str:
        """The label normalised for matching: ``4.bis.``, ``4 bis`` and ``4bis`` are ``4bis``."""
        return label_key(self.text)

    @property
    def is_item(self) -> bool:
        """Sub-item labels: ``a)``, ``(a)``, ``(iv)``, ``iv)``."""
        return self.text.endswith(")")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source: indentation, label, content, line ending.

    A line's content can hold newlines when a bracket runs over several lines.
    """

    indent: str
    label: Label | None
    content: tuple[Inline, ...]
    eol: str
    span: Span


@dataclass(frozen=True, slots=True)
class Blank:
    """An empty or whitespace-only line."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Title:
    lines: tuple[Line, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Heading:
    line: Line
    span: Span


NoteKind = Literal["intro", "agreed", "chair", "deletion", "move", "remark", "option", "options-end"]


@dataclass(frozen=True, slots=True)
class Note:
    """A secretariat or chair note. It describes the text; it is not the text.

    ``intro`` notes introduce the proposal that follows them ("Proposed new paragraph submitted
    by the delegation of the United States:"); ``deletion`` notes propose deleting a paragraph
    ("US proposes to delete paragraph 5") and name it in ``target``.
    """

    indent: str
    text: str
    eol: str
    kind: NoteKind
    sponsors: tuple[Sponsor, ...]
    target: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Alternative:
    """A competing version of the paragraph it belongs to, on a line of its own.

    Either an unlabelled line holding one proposal (paragraph 8 of the example), or a line
    labelled ``8 alt``.
    """

    line: Line
    span: Span


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: its first line (usually labelled), continuation lines, then its items.

    ``items`` holds, in source order, sub-items (paragraphs labelled ``a)``), alternatives and
    the blank lines between them.
    """

    lines: tuple[Line, ...]
    items: tuple[Blank | Alternative | Paragraph, ...]
    span: Span

    @property
    def label(self) -> Label | None:
        return self.lines[0].label

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        return tuple(i for i in self.items if isinstance(i, Alternative))

    @property
    def subitems(self) -> tuple[Paragraph, ...]:
        return tuple(i for i in self.items if isinstance(i, Paragraph))


Block = Blank | Title | Heading | Note | Paragraph


@dataclass(frozen=True, slots=True)
class Fault:
    """A bracket that does not balance, read with ``--recover``: the ``]`` with no ``[`` open, or
    the ``[`` never closed, kept in the text as written."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """A whole draft. ``bom`` is ``"\\ufeff"`` when the file started with one."""

    blocks: tuple[Block, ...]
    bom: str = ""
    encoding: str = "utf-8"
    newline: str = "\n"
    name: str = "<draft>"
    # the file it was read from when that was not text (a Word document, to write back into;
    # an Akoma Ntoso document, whose metadata a rewrite keeps)
    origin: WordSource | AknSource | None = field(default=None, compare=False, repr=False)
    # brackets that do not balance, when read with --recover (they stay in the text as written)
    faults: tuple[Fault, ...] = field(default=(), compare=False, repr=False)
    # the user's reading of "[a] [b]" (--adjacent, or the settings file); None: not said
    adjacent: Adjacent | None = field(default=None, compare=False, repr=False)

    @property
    def read_from(self) -> Literal["text", "docx", "akn"]:
        """The kind of file the draft was read from."""
        return self.origin.kind if self.origin is not None else "text"
