"""Compilations that name a section's sponsor on a line under its title, ``- Proposed by the
Republic of Korea``, and write the section's paragraphs without brackets: those paragraphs are
that delegation's proposal, so ``status`` counts them, ``accept -d KOR`` keeps them (and the
note goes) and ``reject`` removes them.

Each line of such a paragraph becomes a bracket with no ``[`` and no ``]`` (the draft wrote
none) holding the line's words: the tree stays lossless. The title right above the note is
proposed with its section. The section runs from the note to the next heading, title, note,
heading-like line, or paragraph that holds a bracket of its own; ``check`` says where it was
read so (``proposed-by-section``), and ``--proposals bracketed`` reads none so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..ast import Blank, Block, Bracket, Heading, Line, Note, Paragraph, Span
from ..query import has_brackets, paragraph_lines
from ..structure import heading_like
from .parenthesised import Proposals

_PROPOSED_BY = re.compile(r"[-\u2013\u2014]?[ \t\u00a0]*Proposed by\b")


def read_proposed_by(blocks: tuple[Block, ...], proposals: Proposals | None) -> tuple[Block, ...]:
    """``blocks`` with the paragraphs under each "Proposed by" note read as its sponsors'
    proposals (the same tuple when there are none)."""
    if proposals == "bracketed":
        return blocks
    out: list[Block] | None = None
    for i, note in enumerate(blocks):
        if not (isinstance(note, Note) and note.kind == "intro" and note.sponsors):
            continue
        if not _PROPOSED_BY.match(note.text):
            continue
        section = _section(blocks, i + 1)
        if not section:
            continue
        out = out if out is not None else list(blocks)
        for j in section:
            p = blocks[j]
            assert isinstance(p, Paragraph)
            out[j] = _proposed(p, note)
        _title(blocks, i, out, note)
    return blocks if out is None else tuple(out)


def _title(blocks: tuple[Block, ...], i: int, out: list[Block], note: Note) -> None:
    """The note at ``i`` stands under its section's title: the title is proposed with it."""
    above = _above(blocks, i)
    heading = blocks[above] if above is not None else None
    if above is not None and isinstance(heading, Heading) and not has_brackets(heading.line.content):
        out[above] = replace(heading, line=_line(heading.line, note))


def _above(blocks: tuple[Block, ...], i: int) -> int | None:
    """The index of the block above block ``i``, blank lines passed over."""
    k = i - 1
    while k >= 0 and isinstance(blocks[k], Blank):
        k -= 1
    return k if k >= 0 else None


def _section(blocks: tuple[Block, ...], start: int) -> list[int]:
    """The indexes of the paragraphs a note at ``start - 1`` introduces."""
    found: list[int] = []
    for j in range(start, len(blocks)):
        b = blocks[j]
        if isinstance(b, Blank):
            continue
        if not isinstance(b, Paragraph) or _ends_section(b):
            break
        found.append(j)
    return found


def _ends_section(p: Paragraph) -> bool:
    first = p.lines[0]
    return (first.label is None and heading_like(first)) or any(
        has_brackets(ln.content) for ln in paragraph_lines(p)
    )


def _proposed(p: Paragraph, note: Note) -> Paragraph:
    lines = tuple(_line(ln, note) for ln in p.lines)
    items = tuple(_proposed(i, note) if isinstance(i, Paragraph) else i for i in p.items)
    return replace(p, lines=lines, items=items)


def _line(line: Line, note: Note) -> Line:
    if not line.content:
        return line
    a, z = line.content[0].span, line.content[-1].span
    span = Span(a.line, a.column, a.offset, z.end_line, z.end_column, z.end_offset)
    bracket = Bracket("", None, line.content, "", "", "", "proposal", note.sponsors, span)
    return replace(line, content=(bracket,))
