"""Reading a plain-text draft: bytes → text → Lark parse → our tree.

Lark's tokens become our nodes in ``_Builder`` (the only place that sees Lark's types); the
lines are then grouped into titles, headings, notes, paragraphs, sub-items and alternatives by
``structure.group``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from ..ast import (
    Bracket,
    BracketKind,
    Command,
    Document,
    Inline,
    Label,
    Line,
    Note,
    NoteKind,
    Span,
    Sponsor,
    Struck,
    Tag,
    Text,
)
from ..delegations import Registry
from ..errors import InputError, ParseError, Problem
from ..structure import group

# ------------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str, str]:
    """``(text, encoding, bom)`` for the bytes of a draft; the BOM is kept apart from the text."""
    bom = ""
    body = data
    enc = "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            if encoding is None or _same_codec(encoding, name):
                bom, body, enc = "\ufeff", data[len(mark) :], name
            break
    if encoding is not None and not bom:
        enc = encoding
    try:
        text = body.decode(enc)
    except LookupError as e:
        raise InputError(f"unknown encoding {encoding!r}", source=source) from e
    except UnicodeDecodeError as e:
        line = body.count(b"\n", 0, e.start) + 1
        line_start = body.rfind(b"\n", 0, e.start) + 1
        column = len(body[line_start : e.start].decode(enc, errors="replace")) + 1
        hint = " (use --encoding to name the file's encoding)" if encoding is None else ""
        raise InputError(
            f"cannot decode byte 0x{body[e.start]:02x} as {enc}{hint}",
            source=source,
            problems=(Problem(line, column, f"cannot decode byte 0x{body[e.start]:02x} as {enc}{hint}"),),
        ) from e
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise InputError(
            "not a text file",
            source=source,
            problems=(Problem(line, column, "not a text file: NUL byte (is this a .docx or a PDF?)"),),
        )
    return text, enc, bom


def _same_codec(a: str, b: str) -> bool:
    import codecs

    try:
        name = codecs.lookup(a).name
    except LookupError:
        return False
    return name == codecs.lookup(b).name or (name == "utf-16" and b.startswith("utf-16"))


# ------------------------------------------------------------------------------- building

_LITERAL = re.compile(
    r"""\s*(?:
        sic!? | \.\.\.|…|\.\ \.\ \. | \d{1,3} | [A-Za-z] | [*†‡§]{1,3}
      | (?:emphasis\ added|original\ emphasis|ibid\.?|footnote\ \d+|citation\ omitted|bracketed?\ text)
      | [A-Z]{1,12}(?:/[A-Za-z0-9.()\-]+)+          # document symbols: A/RES/77/1, S/2024/12
    )\s*""",
    re.X | re.I,
)
_CODE = r"[A-Z][A-Za-z0-9.\-]{1,11}"
_TAIL_ATTRIBUTION = re.compile(
    rf"[ \u00a0]+[—–-][ \u00a0]*({_CODE}(?:(?:,[ \u00a0]?|/|[ \u00a0]and[ \u00a0]){_CODE})*)[ \u00a0]*$"
)
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')


def _span(t: Any) -> Span:
    return Span(t.line, t.column, t.start_pos, t.end_line, t.end_column, t.end_pos)


def _command(t: Any) -> Command:
    quoted = [a if a is not None else b for a, b in _QUOTED.findall(t)]
    if t[:7].lower() == "replace":
        return Command(str(t), "replace", quoted[0], quoted[1], _span(t))
    return Command(str(t), "delete", quoted[0] if quoted else None, None, _span(t))


def classify(
    registry: Registry, tag: Tag | None, body: tuple[Inline, ...], post: str
) -> tuple[BracketKind, tuple[Sponsor, ...], tuple[Inline, ...], str, str]:
    """Kind, sponsors, body, tail and post of a bracket.

    The rules, in order: a tag makes a proposal (even with a name the registry does not know;
    ``check`` reports those); an attribution after the text (``— US`` before the ``]``, or
    ``(US)``/``US`` after it) makes a proposal when every name in it is known; a bracket whose
    whole content is ``sic``, an ellipsis, a number up to three digits, one letter, a footnote
    sign or a document symbol is ``literal`` (not a proposal); anything else is ``plain``.
    """
    if tag is not None:
        return "proposal", tag.sponsors, body, "", post
    if post:
        names = registry.sponsors(post.strip().strip("()"))
        if names and all(s.code for s in names):
            return "proposal", names, body, "", post
        post = ""  # not an attribution: the caller keeps it as text after the bracket
    if body and isinstance(body[-1], Text):
        m = _TAIL_ATTRIBUTION.search(body[-1].text)
        if m:
            names = registry.sponsors(m.group(1))
            if names and all(s.code for s in names):
                last = body[-1]
                cut = m.start()
                kept = last.text[:cut]
                # the attribution moves to ``tail``; the text keeps its own span start
                new_last = Text(kept, last.span)
                new_body = (*body[:-1], new_last) if kept else body[:-1]
                return "proposal", names, new_body, last.text[cut:], post
    if len(body) == 1 and isinstance(body[0], Text) and _LITERAL.fullmatch(body[0].text):
        return "literal", (), body, "", post
    return "plain", (), body, "", post


class _Builder:
    """Callbacks Lark runs while parsing (``Lark(transformer=...)``): tokens in, nodes out."""

    def __init__(self, registry: Registry):
        self.registry = registry

    # Lark looks callbacks up by rule name -------------------------------------------------
    def label(self, ch: list[Any]) -> Label:
        t, sep = ch
        return Label(str(t), str(sep), _span(t))

    def bracket(self, ch: list[Any]) -> Bracket | tuple[Bracket, Text]:
        return self._bracket(ch)

    def nested(self, ch: list[Any]) -> Bracket | tuple[Bracket, Text]:
        return self._bracket(ch)

    def line(self, ch: list[Any]) -> Line:
        return self._line(ch)

    def final_line(self, ch: list[Any]) -> Line:
        return self._line(ch)

    def note_line(self, ch: list[Any]) -> Note:
        return self._note(ch)

    def final_note_line(self, ch: list[Any]) -> Note:
        return self._note(ch)

    def start(self, ch: list[Any]) -> list[Any]:
        return ch

    # --------------------------------------------------------------------------------------
    def _bracket(self, ch: list[Any]) -> Bracket | tuple[Bracket, Text]:
        open_t = ch[0]
        close_i = len(ch) - 1
        post_t = None
        if getattr(ch[-1], "type", None) == "POST_SPONSORS":
            post_t = ch[-1]
            close_i -= 1
        close_t = ch[close_i]
        tag = None
        body: list[Inline] = []
        for c in ch[1:close_i]:
            kind = getattr(c, "type", None)
            if kind is None:
                if isinstance(c, tuple):
                    body.extend(c)
                else:
                    body.append(c)
            elif kind == "TAG":
                tag = Tag(str(c), self.registry.sponsors(c), _span(c))
            elif kind == "INNER_TEXT":
                body.append(Text(str(c), _span(c)))
            elif kind == "STRUCK":
                body.append(Struck(str(c), _span(c)))
            else:  # COMMAND
                body.append(_command(c))
        post = str(post_t) if post_t is not None else ""
        kind_, sponsors, body_t, tail, post = classify(self.registry, tag, tuple(body), post)
        end = post_t if (post_t is not None and post) else close_t
        span = Span(open_t.line, open_t.column, open_t.start_pos, end.end_line, end.end_column, end.end_pos)
        node = Bracket(str(open_t), tag, body_t, tail, str(close_t), post, kind_, sponsors, span)
        if post_t is not None and not post:
            # an attribution naming no known delegation is plain text after the bracket
            return node, Text(str(post_t), _span(post_t))
        return node

    def _line(self, ch: list[Any]) -> Line:
        indent = ""
        label = None
        eol = ""
        content: list[Inline] = []
        first: Any = None
        for c in ch:
            kind = getattr(c, "type", None)
            if kind == "TEXT":
                content.append(Text(str(c), _span(c)))
            elif kind == "NEWLINE":
                eol = str(c)
            elif kind == "INDENT":
                indent = str(c)
            elif kind is None:
                if isinstance(c, Label):
                    label = c
                elif isinstance(c, tuple):
                    content.extend(c)
                else:
                    content.append(c)
            if first is None:
                first = c
        last = ch[-1]
        return Line(indent, label, tuple(content), eol, _cover(first, last))

    def _note(self, ch: list[Any]) -> Note:
        indent = ""
        eol = ""
        note_t: Any = None
        for c in ch:
            if c.type == "INDENT":
                indent = str(c)
            elif c.type == "NOTE":
                note_t = c
            else:
                eol = str(c)
        text = str(note_t)
        kind, sponsors, target = self._note_meaning(text)
        return Note(indent, text, eol, kind, sponsors, target, _cover(ch[0], ch[-1]))

    _DELETE_NOTE = re.compile(
        r"(?P<who>.+?) proposes? to delete (?:paragraph|para\.?|PP|OP) ?(?P<target>[\w.]+?)\.?\s*$"
    )
    _BY = re.compile(r"\b(?:delegations? of|by)\s+(?:the\s+)?(?P<who>[A-Z][^:]*?)\s*:?\s*$")

    def _note_meaning(self, text: str) -> tuple[NoteKind, tuple[Sponsor, ...], str | None]:
        low = text.lower()
        m = self._DELETE_NOTE.match(text.strip())
        if m:
            return "deletion", self.registry.sponsors(m.group("who")), m.group("target")
        if low.startswith("proposed"):
            by = self._BY.search(text)
            sponsors = self.registry.sponsors(by.group("who")) if by else ()
            return "intro", sponsors, None
        if "agreed ad ref" in low:
            return "agreed", (), None
        if low.startswith(("chair", "facilitator", "co-facilitator")):
            return "chair", (), None
        return "remark", (), None


def _cover(first: Any, last: Any) -> Span:
    a = (
        first.span
        if hasattr(first, "span")
        else (_span(first) if not isinstance(first, tuple) else first[0].span)
    )
    b = (
        last.span
        if hasattr(last, "span")
        else (_span(last) if not isinstance(last, tuple) else last[-1].span)
    )
    return Span(a.line, a.column, a.offset, b.end_line, b.end_column, b.end_offset)


# ------------------------------------------------------------------------------- parsing


@lru_cache(maxsize=8)
def _builder(registry: Registry) -> _Builder:
    # one builder per registry, so that grammar.parser() caches one Lark parser per registry
    return _Builder(registry)


def parse_text(
    text: str,
    *,
    source: str = "<draft>",
    registry: Registry | None = None,
    bom: str = "",
    encoding: str = "utf-8",
) -> Document:
    """Parse a decoded draft. Raises ``ParseError`` listing every bracket fault it finds."""
    from lark.exceptions import UnexpectedInput

    from ..grammar import parser

    registry = registry or Registry.builtin()
    lark = parser(_builder(registry))
    try:
        with _no_cyclic_gc():
            # the builder's start() returns the list of lines and notes, not a Lark tree
            items: list[Line | Note] = lark.parse(text)  # type: ignore[assignment]
    except UnexpectedInput as e:
        problems = bracket_problems(text) or (
            Problem(getattr(e, "line", 1), getattr(e, "column", 1), "cannot parse here"),
        )
        raise ParseError(
            "the draft's brackets do not balance", source=source, problems=problems, text=text
        ) from None
    newline = "\r\n" if "\r\n" in text[:10000] else "\n"
    return Document(group(items), bom, encoding, newline, source)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector: the parse allocates many small objects and no cycles, and
    the collector's passes over them cost about a sixth of the parse time (measured, bench/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_bytes(
    data: bytes, *, source: str = "<draft>", registry: Registry | None = None, encoding: str | None = None
) -> Document:
    text, enc, bom = decode(data, source, encoding)
    return parse_text(text, source=source, registry=registry, bom=bom, encoding=enc)


_OPENERS = "[［"
_CLOSERS = "]］"


def bracket_problems(text: str) -> tuple[Problem, ...]:
    """Every unmatched ``]`` and every ``[`` left open, in source order.

    Used to explain a failed parse: the grammar says *that* the brackets do not balance, this
    says *where*, all at once. A forgotten ``]`` in one paragraph and a stray ``]`` in a later
    one would balance each other in a count over the whole text, so brackets are counted
    paragraph by paragraph (a blank line ends one) first; only when that finds nothing (a
    proposal that really spans paragraphs) is the whole text counted as one.
    """
    found = _scan(text, per_paragraph=True) or _scan(text, per_paragraph=False)
    return tuple(sorted(found, key=lambda p: (p.line, p.column)))


def _scan(text: str, per_paragraph: bool) -> list[Problem]:
    stack: list[tuple[int, int]] = []
    found: list[Problem] = []
    line, col = 1, 0
    line_blank = True
    for ch in text:
        if ch == "\n":
            if per_paragraph and line_blank:
                found.extend(Problem(ln, c, 'unclosed "[" opened here') for ln, c in stack)
                stack.clear()
            line, col, line_blank = line + 1, 0, True
            continue
        col += 1
        if ch not in " \t\r\u00a0":
            line_blank = False
        if ch in _OPENERS:
            stack.append((line, col))
        elif ch in _CLOSERS:
            if stack:
                stack.pop()
            else:
                found.append(Problem(line, col, f'unmatched "{ch}": no "[" is open here'))
    found.extend(Problem(ln, c, 'unclosed "[" opened here') for ln, c in stack)
    return found
