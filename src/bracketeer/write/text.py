"""The draft as text: bracketed (exactly as the tree holds it) or clean (notes left out)."""

from __future__ import annotations

from ..ast import Blank, Block, Document, Note
from ..query import block_source, source_text
from ..textutil import WORD_JOINER


def as_text(document: Document, text: str) -> str:
    """``text`` (the draft's, bracketed or clean) as a text file holds it: a Word document's
    draft without the joiners its reader wrote (which stay in the draft for writing back)."""
    return text.replace(WORD_JOINER, "") if document.origin is not None else text


def bracketed(document: Document) -> str:
    """The draft as written, without the byte-order mark (the writer adds it back)."""
    return source_text(document)[len(document.bom) :]


def clean(document: Document) -> str:
    """The draft without secretariat and chair notes (nor the blank lines after them).

    Run it on a resolved draft: whatever is still bracketed is printed as it stands.
    """
    out: list[str] = []
    skip_blanks = False
    blocks: list[Block] = list(document.blocks)
    for b in blocks:
        if isinstance(b, Note):
            skip_blanks = True
            continue
        if skip_blanks and isinstance(b, Blank):
            continue
        skip_blanks = False
        block_source(b, out)
    return "".join(out)
