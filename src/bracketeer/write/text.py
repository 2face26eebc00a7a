"""The draft as text: bracketed (exactly as the tree holds it) or clean (notes left out)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..ast import Blank, Block, Document, Note
from ..query import block_source, source_text
from ..textutil import WORD_JOINER, parted


def as_text(document: Document, *, tracked: bool) -> str:
    """The draft as a text file holds it: bracketed (``tracked``, exactly as the tree holds
    it) or clean. A Word document's draft, read one line a paragraph, is written with its
    paragraphs parted by blank lines, so that the file reads back with the same paragraphs,
    headings and notes, and without the joiners its reader wrote (which stay in the draft for
    writing back)."""
    blocks = document.blocks if tracked else without_notes(document).blocks
    if document.read_from != "docx":
        return _joined(blocks)
    out: list[str] = []
    apart: list[int] = []  # where its reader's zero-width blank lines stand
    size = 0
    for b in blocks:
        if isinstance(b, Blank) and not b.text:
            apart.append(size)
            continue
        had = len(out)
        block_source(b, out)
        size += sum(map(len, out[had:]))
    text, _ = parted("".join(out), apart, document.newline)
    return text.replace(WORD_JOINER, "")


def as_read(document: Document) -> str:
    """The draft as its reader holds it, without the byte-order mark: of a Word document, one
    line a Word paragraph (the lines positions in messages name), without the joiners."""
    text = bracketed(document)
    return text.replace(WORD_JOINER, "") if document.read_from == "docx" else text


def touching_revisions(document: Document) -> list[tuple[int, int]]:
    """Where, in a Word draft, two revisions' brackets meet with nothing between them
    (``[US: ~~a~~][EU: b]``): in Word two changes, in text touching brackets, which read as
    rival wordings. Each place as (line, column) of the second bracket."""
    if document.read_from != "docx":
        return []
    text = bracketed(document)
    out = []
    line, seen = 1, 0  # the line reached, and how far the text has been counted
    at = text.find("]" + WORD_JOINER + "[")
    while at >= 0:
        line += text.count("\n", seen, at)
        seen = at
        start = text.rfind("\n", 0, at) + 1
        # columns as the text is written, without the joiners
        out.append((line, len(text[start : at + 2].replace(WORD_JOINER, ""))))
        at = text.find("]" + WORD_JOINER + "[", at + 2)
    return out


def bracketed(document: Document) -> str:
    """The draft as written, without the byte-order mark (the writer adds it back)."""
    return source_text(document)[len(document.bom) :]


def clean(document: Document) -> str:
    """The draft without secretariat and chair notes (nor the blank lines after them).

    Run it on a resolved draft: whatever is still bracketed is printed as it stands.
    """
    return _joined(without_notes(document).blocks)


def _joined(blocks: Iterable[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        block_source(b, out)
    return "".join(out)


def without_notes(document: Document) -> Document:
    """The draft without its secretariat and chair notes and the blank lines after them: what
    every clean rendering shows."""
    kept: list[Block] = []
    skip_blanks = False
    for b in document.blocks:
        if isinstance(b, Note):
            skip_blanks = True
            continue
        if skip_blanks and isinstance(b, Blank):
            continue
        skip_blanks = False
        kept.append(b)
    return replace(document, blocks=tuple(kept))
