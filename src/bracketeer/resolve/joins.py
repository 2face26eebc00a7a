"""Where text was taken out or unwrapped, the join is tidied: no doubled space, no space before
``, ; : .``, no empty parentheses, no space at the edge of a line. Written once, here: the
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

SPACE: Final = " \t\u00a0"


class Join(enum.Enum):
    """A place where text was taken out or a bracket unwrapped: tidied, never printed."""

    JOIN = "join"


JOIN: Final = Join.JOIN


@dataclass(slots=True)
class Trace:
    """What one projection kept: for each input ``Text`` (by identity) the slice that survived,
    and the identities of the other pieces it kept."""

    kept: dict[int, tuple[int, int]] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)


def fix_join(a: str, b: str) -> tuple[str, str]:
    """Tidy the join of ``a`` and ``b`` where text was taken out between them.

    The result is a prefix of ``a`` and a suffix of ``b``.
    """
    if a.rstrip(SPACE).endswith("(") and b.lstrip(SPACE).startswith(")"):
        a = a.rstrip(SPACE)[:-1]
        b = b.lstrip(SPACE)[1:]
    if a[-1:] in SPACE and a and b[:1] and b[0] in SPACE:
        b = b.lstrip(SPACE)
    if b[:1] and b[0] in ",;:.)" and a[-1:] and a[-1] in SPACE:
        a = a.rstrip(SPACE)
    if not a.strip(SPACE) and a and b[:1] in (",", ";", ":", "."):
        a = ""
    return a, b


def tidy(pieces: Iterable[Inline | Join], trace: Trace | None = None) -> tuple[Inline, ...]:
    """Merge neighbouring text and tidy every join; record the surviving slices in ``trace``."""
    out: list[Inline] = []
    group: list[list[int]] = []  # with a trace: [id, start, end] of each text merged into out[-1]
    join = False
    started = False
    for p in pieces:
        if p is JOIN:
            join = True
            continue
        assert not isinstance(p, Join)
        if isinstance(p, Text):
            start = 0
            if join and out and isinstance(out[-1], Text):
                before = out[-1].text
                a, b = fix_join(before, p.text)
                start = len(p.text) - len(b)
                if trace is not None:
                    _cut_end(group, len(before) - len(a))
                out[-1] = Text(a + b, out[-1].span.cover(p.span))
            elif join and not started:
                b = p.text.lstrip(SPACE)
                start = len(p.text) - len(b)
                out.append(Text(b, p.span))
                group = _flush(group, trace)
            elif out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + p.text, out[-1].span.cover(p.span))
            else:
                out.append(p)
                group = _flush(group, trace)
            if trace is not None:
                group.append([id(p), start, len(p.text)])
        else:
            group = _flush(group, trace)
            if trace is not None:
                trace.seen.add(id(p))
            out.append(p)
        started = True
        join = False
    if join and out and isinstance(out[-1], Text):
        kept = out[-1].text.rstrip(SPACE)
        if trace is not None:
            _cut_end(group, len(out[-1].text) - len(kept))
        out[-1] = Text(kept, out[-1].span)
    _flush(group, trace)
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def _cut_end(group: list[list[int]], n: int) -> None:
    for slot in reversed(group):
        if n <= 0:
            return
        take = min(n, slot[2] - slot[1])
        slot[2] -= take
        n -= take


def _flush(group: list[list[int]], trace: Trace | None) -> list[list[int]]:
    if trace is not None:
        for key, start, end in group:
            trace.kept[key] = (start, end)
    return []
