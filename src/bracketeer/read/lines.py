"""The fast reader's second half: the text around and between the brackets, read with
draft.lark's terminals into lines, labels, notes and bracket contents.

Where draft.lark's lexer would try several terminals at one place, they are tried in its
order (``Terminals.in_order``): at the start of a line NOTE, LABEL and INDENT; inside a bracket
COMMAND, STRUCK and INNER_TEXT. Text at line level runs to the next bracket or line end (TEXT),
and a line ends at a newline outside every bracket (NEWLINE). The tree that comes out is the
reference reader's (``reference.py``), spans included: positions are offsets turned into
Lark's line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..ast import Bracket, Inline, Label, Line, Note, Span, Struck, Tag, Text
from ..delegations import Registry
from .brackets import Skeleton, skeleton
from .nodes import classify, command, maker, note_meaning, rivals
from .terminals import terminals

_text = maker(Text)
_line = maker(Line)
_bracket = maker(Bracket)
_tuple_new = tuple.__new__
_NEWLINE_CHAR = re.compile("\n")  # Lark counts lines by this character, and so do spans


def read_lines(text: str, registry: Registry) -> list[Line | Note]:
    """The lines and notes of ``text``; raises Lark's ``UnexpectedInput`` when the brackets do
    not nest."""
    tops = skeleton(text)
    return _Reader(text, registry).read(tops)


class _Reader:
    def __init__(self, text: str, registry: Registry):
        t = terminals()
        self.text = text
        self.registry = registry
        self.newlines = [m.start() for m in _NEWLINE_CHAR.finditer(text)]
        self.line_start = t.either("NOTE", "LABEL", "RUN_IN_LABEL", "INDENT").match
        self.after_indent = t.either("NOTE", "LABEL", "RUN_IN_LABEL").match
        self.inside = t.either("COMMAND", "STRUCK", "INNER_TEXT").match
        self.text_or_newline = t.either("TEXT", "NEWLINE").match
        self.label_sep = t["LABEL_SEP"].match
        self.newline = t["NEWLINE"].match
        self.out: list[Line | Note] = []
        self.here = (0, 0, 1)  # the line being read: where it starts, where its "\n" is, its number
        self.move_to(0)
        self._reset()

    # ----------------------------------------------------------------------------- positions
    def span(self, a: int, b: int) -> Span:
        """Lark's line and column for offsets ``a`` and ``b``."""
        here = self.here
        if here[0] <= a and b <= here[1]:  # most spans lie on the line being read
            start, lno = here[0], here[2]
            return _tuple_new(Span, (lno, a - start + 1, a, lno, b - start + 1, b))
        nl = self.newlines
        k = bisect_left(nl, a)
        j = k if k == len(nl) or b <= nl[k] else bisect_left(nl, b, k)
        start = a - nl[k - 1] if k else a + 1
        end = b - nl[j - 1] if j else b + 1
        return _tuple_new(Span, (k + 1, start, a, j + 1, end, b))

    def move_to(self, p: int) -> None:
        """Make the line holding offset ``p`` the line being read."""
        nl = self.newlines
        k = bisect_left(nl, p)
        self.here = (nl[k - 1] + 1 if k else 0, nl[k] if k < len(nl) else len(self.text), k + 1)

    # ----------------------------------------------------------------------------- lines
    def _reset(self) -> None:
        self.at_start = True
        self.indent = ""
        self.label: Label | None = None
        self.content: list[Inline] = []
        self.first = -1  # where the line's first part starts
        self.last = -1  # where its last part ends (a label's own text, without the space after it)

    def read(self, tops: list[Skeleton]) -> list[Line | Note]:
        pos = 0
        for b in tops:
            pos = self.run(pos, b[0].start_pos)
            node = self.bracket(b, top=True)
            if self.first < 0:
                self.first = b[0].start_pos
            if isinstance(node, tuple):
                self.content.extend(node)
                pos = node[-1].span.end_offset
            else:
                self.content.append(node)
                pos = node.span.end_offset if node.post else b[-1].end_pos
            self.last = pos
            self.at_start = False
            if pos > self.here[1]:  # the bracket ran over several lines
                self.move_to(pos)
        self.run(pos, len(self.text))
        if not self.at_start or self.indent or self.label is not None:
            self.end_line(len(self.text), len(self.text))
        return self.out

    def run(self, i: int, z: int) -> int:
        """Read the line-level text between ``i`` and the next bracket (or the end) at ``z``."""
        text = self.text
        while i < z:
            if self.at_start:
                i = self.start_of_line(i)
                if i >= z:
                    break
            m = self.text_or_newline(text, i)
            assert m is not None, i  # TEXT takes anything up to a bracket or a line end
            if m.lastgroup == "TEXT":
                self.add_text(i, m.end())
            else:
                self.end_line(i, m.end())
            i = m.end()
        return z

    def start_of_line(self, i: int) -> int:
        """Indentation and a paragraph label where a line starts, or whole note lines."""
        text = self.text
        context = self.line_start
        while True:
            m = context(text, i)
            if m is None:
                return i
            name = m.lastgroup
            e = m.end()
            if name == "INDENT":
                self.indent = m.group()
                self.first = i
                self.last = e
                i = e
                context = self.after_indent
                continue
            if name == "NOTE":
                i = self.note(i, e)  # a whole line: the next one starts here
                context = self.line_start
                continue
            if name == "RUN_IN_LABEL":  # "PP3Recalling": no space after the label
                self.label = Label(m.group(), "", self.span(i, e))
                if self.first < 0:
                    self.first = i
                self.last = e
                self.at_start = False
                return e
            sep = self.label_sep(text, e)
            assert sep is not None  # LABEL looks ahead for it
            self.label = Label(m.group(), sep.group(), self.span(i, e))
            if self.first < 0:
                self.first = i
            self.last = e
            self.at_start = False
            return sep.end()

    def note(self, i: int, e: int) -> int:
        text = self.text
        eol = self.newline(text, e)
        f = eol.end() if eol is not None else e
        note = text[i:e]
        kind, sponsors, target = note_meaning(self.registry, note)
        span = self.span(self.first if self.indent else i, e)
        if f > e:
            span = _tuple_new(Span, (*span[:3], span[3] + 1, 1, f))
        self.out.append(Note(self.indent, note, text[e:f], kind, sponsors, target, span))
        self._reset()
        if f > e:
            self.next_line(f)
        return f

    def add_text(self, a: int, b: int) -> None:
        self.content.append(_text(self.text[a:b], self.span(a, b)))
        if self.first < 0:
            self.first = a
        self.last = b
        self.at_start = False

    def end_line(self, e: int, f: int) -> None:
        """Close the line; its line ending is ``text[e:f]`` (empty at the end of the text)."""
        if self.first < 0:
            self.first = e
        span = self.span(self.first, self.last if f == e else e)
        if f > e:  # the span ends after the line ending, at the start of the next line
            span = _tuple_new(Span, (*span[:3], span[3] + 1, 1, f))
        self.out.append(_line(self.indent, self.label, tuple(self.content), self.text[e:f], span))
        self._reset()
        if f > e:
            self.next_line(f)

    def next_line(self, f: int) -> None:
        """The line being read is now the one starting at ``f``, just after a line ending."""
        end = self.text.find("\n", f)
        self.here = (f, end if end >= 0 else len(self.text), self.here[2] + 1)

    # ----------------------------------------------------------------------------- brackets
    def bracket(self, b: Skeleton, top: bool) -> Bracket | tuple[Inline, ...]:
        text = self.text
        open_t, close_t = b[0], b[-1]
        o = open_t.start_pos
        tag = None
        i = open_t.end_pos
        if open_t.info is not None:
            written = open_t.info.group()
            tag = Tag(written, self.registry.sponsors(written), self.span(i, open_t.info.end()))
            i = open_t.info.end()
        body: list[Inline] = []
        for child in b[1:-1]:
            self.contents(i, child[0].start_pos, body)
            nested = self.bracket(child, top=False)
            if isinstance(nested, tuple):
                body.extend(nested)
            else:
                body.append(nested)
            i = child[-1].end_pos
        self.contents(i, close_t.start_pos, body)
        post_m = close_t.info if top else None
        post = post_m.group() if post_m is not None else ""
        post_at = self.span(post_m.start(), post_m.end()) if post_m is not None else None
        kind, tag, sponsors, body_t, tail, post, positions = classify(
            self.registry, tag, tuple(body), post, post_at
        )
        end = post_m.end() if post_m is not None and post else close_t.end_pos
        node = _bracket(
            text[o : open_t.end_pos],
            tag,
            body_t,
            tail,
            text[close_t.start_pos : close_t.end_pos],
            post,
            kind,
            sponsors,
            self.span(o, end),
            positions,
        )
        if post_m is not None and not post:
            # an attribution naming no known delegation is plain text after the bracket
            return node, Text(post_m.group(), self.span(post_m.start(), post_m.end()))
        return rivals(self.registry, node) or node

    def contents(self, i: int, z: int, body: list[Inline]) -> None:
        """The text, struck words and commands inside a bracket between ``i`` and ``z``."""
        text = self.text
        while i < z:
            m = self.inside(text, i)
            assert m is not None, i  # INNER_TEXT takes anything up to a bracket
            name = m.lastgroup
            e = m.end()
            if name == "INNER_TEXT":
                body.append(_text(text[i:e], self.span(i, e)))
            elif name == "STRUCK":
                body.append(Struck(text[i:e], self.span(i, e)))
            else:
                body.append(command(text[i:e], self.span(i, e)))
            i = e
