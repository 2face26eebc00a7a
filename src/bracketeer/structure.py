"""Grouping parsed lines into the blocks of a draft.

The grammar knows lines, labels and notes; what a line *is* in the document depends on its
neighbours, so it is decided here, by these rules (in order; ``RULES`` holds one function
each, in the same order):

* a note (the grammar's) ends the paragraph before it and stands on its own;
* a line with nothing but spaces is a ``Blank``;
* at the top of the document, the first run of unlabelled lines without brackets (no blank
  line between them, none ending in ``;`` or ``,``) is the ``Title``;
* a labelled line starts a ``Paragraph``; a sub-item label (``a)``, ``(i)``) after a numbered
  paragraph makes a sub-item of it; a label ``8 alt`` after paragraph 8 (or ``(b) alt`` after
  its sub-item ``(b)``) is an ``Alternative`` of it;
* an unlabelled line holding one proposal, after a paragraph whose text is one proposal (and
  blank lines), is an ``Alternative`` of that paragraph (paragraph 8 of the example);
* an unlabelled line right after a paragraph's line (no blank line between) continues it; an
  alternative is one line, so a line after it is not a continuation;
* a short unlabelled line without brackets or final punctuation, with blank lines (or the
  document's edge) around it, is a ``Heading``;
* any other line starts an unlabelled ``Paragraph``: a line that fits nothing is plain text,
  never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .ast import Alternative, Blank, Block, Heading, Line, Note, Paragraph, Title
from .query import has_brackets, inline_source, line_source, whole_proposal

_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 12


@dataclass
class _Para:
    lines: list[Line]
    items: list[Blank | Alternative | _Para] = field(default_factory=list)

    def freeze(self) -> Paragraph:
        items = tuple(i.freeze() if isinstance(i, _Para) else i for i in self.items)
        first = self.lines[0].span
        last = items[-1].span if items else self.lines[-1].span
        return Paragraph(tuple(self.lines), items, first.cover(last))

    @property
    def key(self) -> str | None:
        label = self.lines[0].label
        return label.key if label else None

    def open_to_alternatives(self) -> bool:
        return whole_proposal(self.lines[0]) is not None or any(
            isinstance(i, Alternative) for i in self.items
        )


def _is_blank(line: Line) -> bool:
    return line.label is None and not line.content


def _plain_text(line: Line) -> str:
    return inline_source(line.content)


# "I. Scope and definition", "A. Initial reports": UN section headings, numbered in capital roman
# numerals or letters, which stand on their own line with or without blank lines around them
_NUMBERED_HEADING = re.compile(r"(?:[IVX]{1,5}|[A-H])\.[ \t\u00a0]+\[?[A-Z]")


def _title_like(line: Line) -> bool:
    text = _plain_text(line).strip()
    return (
        line.label is None
        and not has_brackets(line.content)
        and 0 < len(text) <= 200
        and not text.endswith((";", ","))
        and _NUMBERED_HEADING.match(text) is None  # "I. Scope": the first section, not the title
    )


def heading_like(line: Line) -> bool:
    text = _plain_text(line).strip()
    return (
        line.label is None
        and not has_brackets(line.content)
        and 0 < len(text) <= _HEADING_MAX_CHARS
        and len(text.split()) <= _HEADING_MAX_WORDS
        and not text.endswith((".", ";", ",", ":"))
    )


class _Grouper:
    """The state of grouping: blocks made so far, blank lines not yet placed, and the paragraph
    (and sub-item) the last line went to."""

    def __init__(self, items: list[Line | Note]):
        self.items = items
        self.blocks: list[Block] = []
        self.pending: list[Blank] = []
        self.top: _Para | None = None  # the current top-level paragraph
        self.current: _Para | None = None  # the paragraph the last line went to (top or a sub-item)
        self.after_line = False  # the previous item was a line of ``current`` (no blank between)
        self.started = False  # something other than blank lines has been seen
        # the open sub-items of the current paragraph, outermost first, with their label kind
        self.nesting: list[tuple[str, _Para]] = []
        self.unwrap = False  # hard-wrapped text: see ``group``
        self.double_spaced = False  # hard-wrapped with a blank line after every line: ``group``

    def close(self) -> None:
        """End the current paragraph; the blank lines after it follow it."""
        if self.top is not None:
            self.blocks.append(self.top.freeze())
        self.top = self.current = None
        self.nesting = []
        self.blocks.extend(self.pending)
        self.pending.clear()

    def attach(self, item: Alternative | _Para) -> None:
        """Give ``item`` (and the blank lines before it) to the current top-level paragraph."""
        assert self.top is not None
        self.top.items.extend(self.pending)
        self.pending.clear()
        self.top.items.append(item)

    def start_paragraph(self, line: Line) -> None:
        self.close()
        self.top = self.current = _Para([line])

    def attach_item(self, sub: _Para, kind: str) -> None:
        """Give sub-item ``sub`` to the item it belongs under: a sibling of the open item of the
        same label kind, else a child of the innermost open item ((i) under (a) under 3.)."""
        assert self.top is not None
        kinds = [k for k, _ in self.nesting]
        if kind in kinds:
            del self.nesting[kinds.index(kind) :]
        parent = self.nesting[-1][1] if self.nesting else self.top
        parent.items.extend(self.pending)
        self.pending.clear()
        parent.items.append(sub)
        self.nesting.append((kind, sub))


# Each rule looks at the item at ``i``; when it applies, it places it and returns the index of
# the next item to look at, otherwise None. They are tried in the order of the module docstring.
Rule = Callable[[_Grouper, int], "int | None"]


def _note(g: _Grouper, i: int) -> int | None:
    note = g.items[i]
    if not isinstance(note, Note):
        return None
    g.close()
    g.blocks.append(note)
    g.started = True
    g.after_line = False
    return i + 1


def _blank(g: _Grouper, i: int) -> int | None:
    line = g.items[i]
    if not (isinstance(line, Line) and _is_blank(line)):
        return None
    if g.double_spaced and g.after_line and g.current is not None and _runs_on_past(g.items, i, g.current):
        # a double-spaced copy: the blank line is the spacing of a sentence that goes on
        g.current.lines.append(line)
        return i + 1
    g.pending.append(Blank(line.indent + line.eol, line.span))
    g.after_line = False
    return i + 1


def _runs_on_past(items: list[Line | Note], i: int, p: _Para) -> bool:
    """Whether the sentence of paragraph ``p`` runs on past the blank line at ``i``: it stops
    mid-sentence, and a line of text follows the blank."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    return (
        isinstance(nxt, Line)
        and not _is_blank(nxt)
        and not _typed_label(nxt)
        and _mid_sentence(_last_words(p))
    )


def _typed_label(line: Line) -> bool:
    """Whether ``line`` opens with a label a tab follows: typed so, a paragraph's, never words a
    PDF copy wrapped onto a line of their own (its text has spaces, no tabs)."""
    return line.label is not None and "\t" in line.label.sep


def _last_words(p: _Para) -> Line:
    """The paragraph's last line that holds text (blank spacing lines aside)."""
    return next((ln for ln in reversed(p.lines) if not _is_blank(ln)), p.lines[-1])


def _title(g: _Grouper, i: int) -> int | None:
    """The first run of title-like lines, when more than one line or followed by a blank line,
    a note or the end (one short line before a paragraph line is a heading or text)."""
    if g.started:
        return None
    g.started = True
    j = i
    while j < len(g.items):
        cand = g.items[j]
        if not isinstance(cand, Line) or _is_blank(cand) or not _title_like(cand):
            break
        j += 1
    lines = tuple(ln for ln in g.items[i:j] if isinstance(ln, Line))
    if not lines:
        return None
    nxt = g.items[j] if j < len(g.items) else None
    if len(lines) > 1 or nxt is None or isinstance(nxt, Note) or _is_blank(nxt):
        g.blocks.extend(g.pending)
        g.pending.clear()
        g.blocks.append(Title(lines, lines[0].span.cover(lines[-1].span)))
        return j
    return None


def _labelled(g: _Grouper, i: int) -> int | None:
    """A sub-item of a numbered paragraph, an ``8 alt`` of paragraph 8, or a new paragraph."""
    line = g.items[i]
    assert isinstance(line, Line)
    label = line.label
    if label is None:
        return None
    if (
        g.unwrap
        and g.after_line
        and g.current is not None
        and _mid_sentence(_last_words(g.current))
        and not _typed_label(line)
    ):
        # "… referred to in paragraph" then "5. of the annex": a wrapped line, not a paragraph
        g.current.lines.append(line)
        return i + 1
    top = g.top
    top_label = top.lines[0].label if top is not None else None
    if label.is_item and top_label is not None and not top_label.is_item:
        sub = _Para([line])
        g.attach_item(sub, _item_kind(label.text, g.nesting))
        g.current = sub
    elif label.key.endswith("alt") and (held := _alternative_of(g, label.key[:-3])) is not None:
        held.items.extend(g.pending)
        g.pending.clear()
        held.items.append(Alternative(line, line.span))
        g.current = held
        # an alternative is one line: a line after it is text of its own, never a line of the
        # paragraph (which would print it before the alternative)
        g.after_line = False
        return i + 1
    else:
        g.start_paragraph(line)
    g.after_line = True
    return i + 1


def _alternative_of(g: _Grouper, key: str) -> _Para | None:
    """The paragraph a line labelled ``key`` and "alt" is an alternative of: the current one so
    labelled, or its open sub-item so labelled ("(b) alt" after "(b)")."""
    if g.top is None:
        return None
    if g.top.key == key:
        return g.top
    return next((sub for _, sub in reversed(g.nesting) if sub.key == key), None)


_SENTENCE_END = re.compile(r"[.;:!?][\"'”’)\]]*[ \t\u00a0]*$")


def _mid_sentence(line: Line) -> bool:
    """Whether ``line`` stops where a sentence goes on (no full stop, semicolon or colon)."""
    text = _plain_text(line).rstrip()
    return bool(text) and _SENTENCE_END.search(text) is None


def hard_wrapped(items: list[Line | Note]) -> bool:
    """Whether the text looks hard-wrapped: most of its lines of text 55 to 100 characters long,
    as a PDF copied to text is (a draft typed in a word processor has one line a paragraph), and
    some of those (a third) opening with no label, and some (a third) stopping at a word."""
    texts = [x for x in items if isinstance(x, Line) and x.content]
    if len(texts) < 8:
        return False
    band = [x for x in texts if 55 <= len(line_source(x).rstrip()) <= 100]
    # a wrapped copy has lines that go on from the line before, with no label, and lines cut
    # after any word; a draft whose lines nearly all open with one, or end as a paragraph ends
    # (a full stop, a comma after a preambular one, a closing bracket), is typed a paragraph a
    # line (short paragraphs, as a resolution's preamble)
    return (
        len(band) >= 0.6 * len(texts)
        and sum(x.label is None for x in band) >= 0.3 * len(band)
        and sum(_WORD_END.search(line_source(x)) is not None for x in band) >= 0.3 * len(band)
    )


_WORD_END = re.compile(r"\w[ \t\u00a0]*\r?\n?$")


def double_spaced(items: list[Line | Note]) -> bool:
    """Whether the text is double-spaced, as some PDF copies are: nearly every line of text is
    followed by one blank line and then another line of text."""
    lines = [k for k, x in enumerate(items) if isinstance(x, Line) and x.content]
    if len(lines) < 8:
        return False
    spaced = [k for k in lines if _blank_then_text(items, k + 1)]
    return len(spaced) >= 0.8 * (len(lines) - 1)


def _blank_then_text(items: list[Line | Note], k: int) -> bool:
    if k + 1 >= len(items):
        return False
    blank, text = items[k], items[k + 1]
    return isinstance(blank, Line) and _is_blank(blank) and isinstance(text, Line) and bool(text.content)


def _item_kind(text: str, nesting: list[tuple[str, _Para]]) -> str:
    """``letter`` ((a), b)), ``roman`` ((i), iv)) or ``number`` ((1)). A lone i, v or x is a
    letter when it follows the letter before it ((h) then (i)), a roman numeral otherwise."""
    t = text.strip("()").lower()
    if t.isdigit():
        return "number"
    if len(t) == 1 and t not in "ivx":
        return "letter"
    if len(t) == 1:
        before = chr(ord(t) - 1)
        letters = [p for k, p in nesting if k == "letter"]
        last = letters[-1].lines[0].label if letters else None
        if last is not None and last.text.strip("()").lower() == before:
            return "letter"
    return "roman" if all(c in "ivxlc" for c in t) else "letter"


def _alternative(g: _Grouper, i: int) -> int | None:
    """An unlabelled line holding one proposal, after a paragraph that is one proposal."""
    line = g.items[i]
    assert isinstance(line, Line)
    if g.top is None or whole_proposal(line) is None or not g.top.open_to_alternatives():
        return None
    g.attach(Alternative(line, line.span))
    g.current = g.top
    g.after_line = False
    return i + 1


def _continuation(g: _Grouper, i: int) -> int | None:
    line = g.items[i]
    assert isinstance(line, Line)
    if g.current is None or not g.after_line:
        return None
    g.current.lines.append(line)
    return i + 1


def _numbered_heading(g: _Grouper, i: int) -> int | None:
    """A numbered section heading; unlike other headings it may hold proposals of its own words
    ("II. [Further guidance on initial reports] [Additional upfront information …]")."""
    line = g.items[i]
    if not isinstance(line, Line) or line.label is not None:
        return None
    text = _plain_text(line).strip()
    if _NUMBERED_HEADING.match(text) is None or len(text) > 250 or text.endswith((".", ";", ",", ":")):
        return None
    if "\n" in text:  # a bracket running on from the heading into what follows
        return None
    return _heading(g, i, numbered=True)


def _heading(g: _Grouper, i: int, numbered: bool = False) -> int | None:
    line = g.items[i]
    assert isinstance(line, Line)
    if not ((numbered or heading_like(line)) and (numbered or _blank_or_end_after(g.items, i))):
        return None
    g.close()
    g.blocks.append(Heading(line, line.span))
    g.after_line = False
    return i + 1


def _paragraph(g: _Grouper, i: int) -> int | None:
    line = g.items[i]
    assert isinstance(line, Line)
    g.start_paragraph(line)
    g.after_line = True
    return i + 1


RULES: tuple[Rule, ...] = (
    _note,
    _blank,
    _title,
    _labelled,
    _alternative,
    _numbered_heading,
    _continuation,
    _heading,
    _paragraph,
)


def group(items: list[Line | Note], unwrap: bool | None = False) -> tuple[Block, ...]:
    """The blocks of a draft, from its lines and notes, by ``RULES``. ``unwrap``: the text is
    hard-wrapped (a PDF copied to text), so a line that looks labelled but follows a line that
    ends mid-sentence continues the paragraph; None: decide by the lines' lengths."""
    g = _Grouper(items)
    g.unwrap = hard_wrapped(items) if unwrap is None else unwrap
    g.double_spaced = g.unwrap and double_spaced(items)
    i = 0
    while i < len(items):
        for rule in RULES:
            following = rule(g, i)
            if following is not None:
                i = following
                break
    g.close()
    return tuple(g.blocks)


def _blank_or_end_after(items: list[Line | Note], i: int) -> bool:
    if i + 1 >= len(items):
        return True
    nxt = items[i + 1]
    return isinstance(nxt, Note) or _is_blank(nxt)
