"""Compilations of State proposals written without square brackets: each proposal a clause or
sentence ending in its sponsors in parentheses, ``… the review shall be periodic (Norway); …
led by Parties (Chile, Peru).``. Read as proposals of those delegations, so that ``status``
counts them, ``accept -d NOR`` keeps Norway's clause and ``reject`` removes it.

Such a clause becomes a bracket with no ``[`` and no ``]`` (the draft wrote none), its words
the clause and its ``post`` the parenthesis: the tree stays lossless. A paragraph (the lines
between blank lines) is read this way when it holds no square bracket and at least two such
clauses (``auto``), or one (``--proposals parenthesised``); never with ``--proposals
bracketed``. ``check`` says where it was used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Literal

from ..ast import Bracket, Inline, Line, Note, Sponsor, Text
from ..delegations import Registry
from .nodes import attribution, slice_span

Proposals = Literal["parenthesised", "bracketed"]

# "(Norway)", "(Chile, Peru)", "(EU and its Member States)" before ";", ".", "," or the line's end
_SPONSORED = re.compile(
    r"(?P<post>[ \u00a0]?\((?P<who>(?:the[ \u00a0])?[A-Z][^()\[\]\r\n]{1,80})\))"
    r"(?=[ \u00a0]*(?:[;.,:]|\r?\n|$))"
)
_LEAD = re.compile(r"[\s;.,:\u2013\u2014-]*")


def read_parenthesised(
    items: list[Line | Note], registry: Registry, proposals: Proposals | None
) -> list[Line | Note]:
    """``items`` with the clauses of parenthesised compilations read as proposals."""
    if proposals == "bracketed":
        return items
    least = 1 if proposals == "parenthesised" else 2
    out: list[Line | Note] | None = None
    for start, end in _paragraphs(items):
        found = _sponsored_lines(items[start:end], start, registry)
        if sum(len(c) for _, c in found) < least:
            continue
        out = out if out is not None else list(items)
        for k, clauses in found:
            line = out[k]
            assert isinstance(line, Line)
            first = line.content[0]
            assert isinstance(first, Text)  # _clauses reads only lines of one text
            out[k] = replace(line, content=_split(first, clauses))
    return items if out is None else out


def _sponsored_lines(
    run: list[Line | Note], start: int, registry: Registry
) -> list[tuple[int, list[Clause]]]:
    """The lines of a paragraph (``run``, from index ``start``) holding sponsored clauses, with
    them; none when the paragraph holds a square bracket (it is a bracketed draft)."""
    candidates = [k for k, ln in enumerate(run) if isinstance(ln, Line) and _one_text_with_parentheses(ln)]
    if not candidates or any(
        isinstance(n, Bracket) for ln in run if isinstance(ln, Line) for n in ln.content
    ):
        return []
    found = [(start + k, _clauses(run[k], registry)) for k in candidates]  # type: ignore[arg-type]
    return [(k, c) for k, c in found if c]


def _one_text_with_parentheses(line: Line) -> bool:
    content = line.content
    return len(content) == 1 and isinstance(content[0], Text) and ")" in content[0].text


def _paragraphs(items: list[Line | Note]) -> Iterator[tuple[int, int]]:
    """Runs of lines between blank lines (and notes): ``(start, end)`` indexes."""
    start = None
    for k, item in enumerate(items):
        blank = isinstance(item, Note) or (not item.content and item.label is None)
        if blank:
            if start is not None:
                yield start, k
            start = None
        elif start is None:
            start = k
    if start is not None:
        yield start, len(items)


Clause = tuple[int, int, int, tuple[Sponsor, ...]]  # clause start, post start, post end, sponsors


def _clauses(line: Line, registry: Registry) -> list[Clause]:
    """The sponsored clauses of a line of one text: where each starts, where its parenthesis
    starts and ends, and who the parenthesis names."""
    text = line.content[0].text  # type: ignore[union-attr]  # one Text: _one_text_with_parentheses
    out: list[Clause] = []
    prev = 0
    for m in _SPONSORED.finditer(text):
        said = attribution(registry, [m.group("who")])
        if said is None or not said[0]:
            continue
        lead = _LEAD.match(text, prev)
        begin = lead.end() if lead else prev
        if begin < m.start():
            out.append((begin, m.start(), m.end(), said[0]))
        prev = m.end()
    return out


def _split(t: Text, clauses: list[Clause]) -> tuple[Inline, ...]:
    """``t`` as text and the proposals its clauses are."""
    out: list[Inline] = []
    at = 0
    for begin, post_at, end, sponsors in clauses:
        if begin > at:
            out.append(Text(t.text[at:begin], slice_span(t, at, begin)))
        words = Text(t.text[begin:post_at], slice_span(t, begin, post_at))
        out.append(
            Bracket(
                "",
                None,
                (words,),
                "",
                "",
                t.text[post_at:end],
                "proposal",
                sponsors,
                slice_span(t, begin, end),
            )
        )
        at = end
    if at < len(t.text):
        out.append(Text(t.text[at:], slice_span(t, at, len(t.text))))
    return tuple(out)
