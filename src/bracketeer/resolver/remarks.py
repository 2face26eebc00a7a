"""Remarks in parentheses taken out of the text, as a clean text leaves them out: a remark is a
note among the words (``read/remarks.py``), and a clean text has no notes.

Each remark goes the way a rejected proposal goes, through the same inline engine, so the join
is tidied as for any text removed (no doubled space, no space before a full stop).
"""

from __future__ import annotations

from dataclasses import replace

from ..ast import Alternative, Blank, Block, Document, Heading, Line, Paragraph, Title
from ..query import iter_brackets
from .decision import Decision
from .inline import Pass, resolve_inline
from .selectors import Selector

_REMARKS = Selector(Decision("reject", everything=True), remarks=True)


def without_remarks(document: Document) -> Document:
    """``document`` with every ``remark`` bracket taken out (the same document when it has none)."""
    blocks = tuple(_block(b) for b in document.blocks)
    if all(a is b for a, b in zip(blocks, document.blocks, strict=True)):
        return document
    return replace(document, blocks=blocks)


def _block(b: Block) -> Block:
    if isinstance(b, Paragraph):
        return _paragraph(b)
    if isinstance(b, Heading):
        line = _line(b.line)
        return b if line is b.line else replace(b, line=line)
    if isinstance(b, Title):
        lines = tuple(_line(ln) for ln in b.lines)
        return b if all(a is c for a, c in zip(lines, b.lines, strict=True)) else replace(b, lines=lines)
    return b


def _paragraph(p: Paragraph) -> Paragraph:
    lines = tuple(_line(ln) for ln in p.lines)
    items = tuple(_item(i) for i in p.items)
    if all(a is b for a, b in zip(lines, p.lines, strict=True)) and all(
        a is b for a, b in zip(items, p.items, strict=True)
    ):
        return p
    return replace(p, lines=lines, items=items)


def _item(item: Blank | Alternative | Paragraph) -> Blank | Alternative | Paragraph:
    if isinstance(item, Paragraph):
        return _paragraph(item)
    if isinstance(item, Alternative):
        line = _line(item.line)
        return item if line is item.line else replace(item, line=line)
    return item


def _line(line: Line) -> Line:
    if not any(b.kind == "remark" for b, _ in iter_brackets(line.content)):
        return line
    content = resolve_inline(Pass(_REMARKS), line.content)
    return line if content is line.content else replace(line, content=content)
