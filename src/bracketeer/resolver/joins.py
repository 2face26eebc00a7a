"""Where text was taken out or unwrapped, the join is tidied: no doubled space, no space before
``, ; : .``, no doubled separator (``;;``, ``;.``), no empty parentheses, no space or separator
at the edge of a line. Written once, here: the
resolver's text and both views of the tracked rendering go through ``tidy``.

``tidy`` only ever takes characters off the end of the text before a join and off the start of
the text after it, so every piece of text that comes out is a slice of one that went in; a
``Trace`` records those slices for the tracked view.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from ..ast import Inline, Text
from ..textutil import WORD_JOINER

SPACE: Final = " \t\u00a0"


class Join(enum.Enum):
    """A place where text was taken out or a bracket unwrapped: tidied, never printed. ``HELD``
    marks what follows as a proposal's own words, which the tidying at the start of a line
    leaves as proposed ("[US: ~~;~~,]" accepted is ",")."""

    JOIN = "join"
    HELD = "held"


JOIN: Final = Join.JOIN
HELD: Final = Join.HELD


@dataclass(slots=True)
class Trace:
    """What one projection kept: for each input ``Text`` (by identity) the slice that survived,
    and the identities of the other pieces it kept.

    A text that ``tidy`` made by merging pieces remembers them (``parts``), so that when an
    outer ``tidy`` trims it, the trimming reaches the pieces it came from.
    """

    slices: dict[int, list[int]] = field(default_factory=dict)  # id → [start, end]
    parts: dict[int, tuple[Text, list[list[int]]]] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)

    def kept(self, node: Text) -> tuple[int, int]:
        found = self.slices.get(id(node))
        return (found[0], found[1]) if found is not None else (0, 0)

    def pieces_of(self, node: Text) -> list[list[int]]:
        made = self.parts.pop(id(node), None)
        if made is not None and made[0] is node:
            return made[1]
        found = self.slices.setdefault(id(node), [0, len(node.text)])
        return [found]


def fix_join(a: str, b: str) -> tuple[str, str]:
    """Tidy the join of ``a`` and ``b`` where text was taken out between them.

    The result is a prefix of ``a`` and a suffix of ``b``. Only the characters at the join are
    looked at, so joining a long text costs no more than a short one. Each rule takes the
    join as the one before left it: ``(end, start)``, the result being ``a[:end], b[start:]``.
    """
    end, start = len(a), 0
    for rule in _RULES:
        end, start = rule(a, b, end, start)
    return a[:end], b[start:]


def _empty_parentheses(a: str, b: str, end: int, start: int) -> tuple[int, int]:
    """ "(" before the join and ")" after it, spaces aside: both go."""
    left, right = _before_spaces(a, end), _after_spaces(b, start)
    if left and a[left - 1] == "(" and right < len(b) and b[right] == ")":
        return left - 1, right + 1
    return end, start


def _doubled_space(a: str, b: str, end: int, start: int) -> tuple[int, int]:
    # (the word joiner a Word draft's reader writes between two revisions with a space between
    # them stands by that space: it goes with it, "voluntary \u2060 participation" once both went)
    left = a[:end].rstrip(WORD_JOINER)
    right = len(b[start:]) - len(b[start:].lstrip(WORD_JOINER)) + start
    if left and left[-1] in SPACE and right < len(b) and b[right] in SPACE:
        while start < len(b) and (b[start] in SPACE or b[start] == WORD_JOINER):
            start += 1
    return end, start


def _space_before_punctuation(a: str, b: str, end: int, start: int) -> tuple[int, int]:
    if start < len(b) and b[start] in ",;:.)" and end and a[end - 1] in SPACE:
        end = _before_spaces(a, end)
    # nothing but space before punctuation
    if end and _before_spaces(a, end) == 0 and start < len(b) and b[start] in ",;:.":
        end = 0
    return end, start


def _doubled_separator(a: str, b: str, end: int, start: int) -> tuple[int, int]:
    """Where a clause between two separators went: "periodic;" + "; the", ";" + "."."""
    left, right = _before_spaces(a, end), _after_spaces(b, start)
    if left and a[left - 1] in ",;" and right < len(b) and b[right] in ",;.":
        return left - 1, start
    return end, start


_RULES = (_empty_parentheses, _doubled_space, _space_before_punctuation, _doubled_separator)


def _before_spaces(s: str, end: int) -> int:
    while end and s[end - 1] in SPACE:
        end -= 1
    return end


def _after_spaces(s: str, start: int) -> int:
    while start < len(s) and s[start] in SPACE:
        start += 1
    return start


def tidy(pieces: Iterable[Inline | Join], trace: Trace | None = None) -> tuple[Inline, ...]:
    """Merge neighbouring text and tidy every join; record the surviving slices in ``trace``."""
    t = _Tidy(trace)
    for p in pieces:
        if p is JOIN:
            t.join = True
            continue
        if p is HELD:
            t.held = True
            continue
        assert not isinstance(p, Join)
        if isinstance(p, Text):
            t.text(p)
        else:
            t.group = _close(t.out, t.group, trace)
            if trace is not None:
                trace.seen.add(id(p))
            t.out.append(p)
        t.started = True
        t.join = t.held = False
    return t.end()


class _Tidy:
    """The inline pieces tidied so far: ``out``, and, with a trace, the slices of the pieces
    merged into its last text (``group``)."""

    def __init__(self, trace: Trace | None) -> None:
        self.trace = trace
        self.out: list[Inline] = []
        self.group: list[list[int]] = []
        self.join = False  # something was taken out just before
        self.held = False  # the text next is a proposal's own words
        self.started = False

    def text(self, p: Text) -> None:
        out, trace = self.out, self.trace
        mine = trace.pieces_of(p) if trace is not None else []
        if self.join and out and isinstance(out[-1], Text):
            before = out[-1].text
            a, b = fix_join(before, p.text)
            _cut_end(self.group, len(before) - len(a))
            _cut_start(mine, len(p.text) - len(b))
            out[-1] = Text(a + b, out[-1].span.cover(p.span))
        elif self.join and not self.started:
            self.group = _close(out, self.group, trace)
            # nothing taken out may leave a line starting with space or a separator (but for
            # a proposal's own words)
            b = p.text.lstrip(SPACE if self.held else SPACE + ",;")
            _cut_start(mine, len(p.text) - len(b))
            out.append(Text(b, p.span))
        elif out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + p.text, out[-1].span.cover(p.span))
        else:
            self.group = _close(out, self.group, trace)
            out.append(p)
        self.group.extend(mine)

    def end(self) -> tuple[Inline, ...]:
        out = self.out
        if self.join and out and isinstance(out[-1], Text):
            kept = out[-1].text.rstrip(SPACE)
            _cut_end(self.group, len(out[-1].text) - len(kept))
            out[-1] = Text(kept, out[-1].span)
        _close(out, self.group, self.trace)
        return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def _cut_end(group: list[list[int]], n: int) -> None:
    for piece in reversed(group):
        if n <= 0:
            return
        take = min(n, piece[1] - piece[0])
        piece[1] -= take
        n -= take


def _cut_start(group: list[list[int]], n: int) -> None:
    for piece in group:
        if n <= 0:
            return
        take = min(n, piece[1] - piece[0])
        piece[0] += take
        n -= take


def _close(out: list[Inline], group: list[list[int]], trace: Trace | None) -> list[list[int]]:
    """Remember which pieces the text at the end of ``out`` is made of; start a new group."""
    if trace is not None and group and out and isinstance(out[-1], Text):
        trace.parts[id(out[-1])] = (out[-1], group)
    return []
