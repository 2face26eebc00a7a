"""The reference reader: the whole grammar (``grammars/draft.lark``) run by Lark, token by
token, its callbacks building the tree (``Lark(transformer=...)``).

It is the statement of what a draft means; the fast reader (``lines.py``) must give the same
tree, spans included, and the test suite holds the two together. Commands use the fast one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..ast import Bracket, Inline, Label, Line, Note, Span, Struck, Tag, Text
from ..delegations import Registry
from .nodes import classify, command, note_meaning, rivals


def _span(t: Any) -> Span:
    return Span(t.line, t.column, t.start_pos, t.end_line, t.end_column, t.end_pos)


class _Builder:
    """Callbacks Lark runs while parsing (``Lark(transformer=...)``): tokens in, nodes out."""

    def __init__(self, registry: Registry):
        self.registry = registry

    # Lark looks callbacks up by rule name -------------------------------------------------
    def label(self, ch: list[Any]) -> Label:
        t, sep = (ch[0], ch[1]) if len(ch) == 2 else (ch[0], "")  # a label run into the text
        return Label(str(t), str(sep), _span(t))

    def bracket(self, ch: list[Any]) -> Bracket | tuple[Inline, ...]:
        return self._bracket(ch)

    def nested(self, ch: list[Any]) -> Bracket | tuple[Inline, ...]:
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
    def _bracket(self, ch: list[Any]) -> Bracket | tuple[Inline, ...]:
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
                body.append(command(str(c), _span(c)))
        post = str(post_t) if post_t is not None else ""
        post_at = _span(post_t) if post_t is not None else None
        kind_, tag, sponsors, body_t, tail, post, positions = classify(
            self.registry, tag, tuple(body), post, post_at
        )
        end = post_t if (post_t is not None and post) else close_t
        span = Span(open_t.line, open_t.column, open_t.start_pos, end.end_line, end.end_column, end.end_pos)
        node = Bracket(str(open_t), tag, body_t, tail, str(close_t), post, kind_, sponsors, span, positions)
        if post_t is not None and not post:
            # an attribution naming no known delegation is plain text after the bracket
            return node, Text(str(post_t), _span(post_t))
        return rivals(self.registry, node) or node

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
        kind, sponsors, target = note_meaning(self.registry, text)
        return Note(indent, text, eol, kind, sponsors, target, _cover(ch[0], ch[-1]))


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


def parse_reference(text: str, registry: Registry) -> list[Line | Note]:
    """The lines and notes of ``text``; raises Lark's ``UnexpectedInput`` when the brackets do
    not balance."""
    from ..grammar import parser

    # the builder's start() returns the list of lines and notes, not a Lark tree
    items: list[Line | Note] = parser(_builder(registry)).parse(text)  # type: ignore[assignment]
    return items
