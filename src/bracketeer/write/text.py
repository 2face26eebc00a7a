"""The draft as text: bracketed (exactly as the tree holds it) or clean (notes left out)."""

from __future__ import annotations

from dataclasses import replace

from ..ast import Blank, Block, Document, Note
from ..query import block_source, source_text
from ..textutil import WORD_JOINER


def as_text(document: Document, text: str) -> str:
    """``text`` (the draft's, bracketed or clean) as a text file holds it: a Word document's
    draft without the joiners its reader wrote (which stay in the draft for writing back)."""
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
    out: list[str] = []
    for b in without_notes(document).blocks:
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
