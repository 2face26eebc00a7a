"""A note some of whose sponsors withdrew, written again for the others
(``resolver.note_sponsors``), in the Word document it was read from: the comment holding the
note says what the decided note says, and the deletions a deletion note draws in the paragraph
it names are by the sponsors left, as the note is."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ...ast import Document, Note
from ...read.docx import WordSource
from ...read.docx.paragraphs import W
from .sponsors import author_left, refuse_author

_RENAMED_KINDS = ("deletion", "move", "intro")


def renamed_notes(source: WordSource, document: Document, comments: Mapping[int, str]) -> dict[str, Note]:
    """The comments (by id, ``comments`` giving each comment's line) whose note the decided
    ``document`` words otherwise, each with the note as decided."""
    at = {b.span.line: b for b in document.blocks if isinstance(b, Note) and b.kind in _RENAMED_KINDS}
    said = _said(source)
    out: dict[str, Note] = {}
    for line, cid in comments.items():
        note = at.get(line)
        if note is not None and (note.indent + note.text).strip() != said[cid].strip():
            out[cid] = note
    return out


def _said(source: WordSource) -> dict[str, str]:
    """What each comment's note says, by the comment's id."""
    return {p.comment: p.text for p in source.paragraphs if p.element is None}


def reworded(
    source: WordSource, renamed: Mapping[str, Note], comments: Mapping[int, str]
) -> dict[str, tuple[str, str]]:
    """The comments to word again, by id: the words they say, and the renamed note's."""
    if not renamed:
        return {}
    said = _said(source)
    return {cid: (said[cid], renamed[cid].text) for cid in comments.values() if cid in renamed}


@contextmanager
def reauthored(source: WordSource, renamed: Mapping[str, Note]) -> Iterator[set[int]]:
    """While the document is written: the deletions each renamed deletion note draws, given in
    the document's tree the author of the sponsors it keeps (the tree is the caller's, and is
    given back as it was); the paragraphs so changed, by their place among the reader's lines.
    ``WriteBackError`` at the note when their author does not name its sponsors one by one."""
    lent: list[tuple[Any, str]] = []
    try:
        yield _reauthored(source, renamed, lent)
    finally:
        for element, author in lent:
            element.set(W + "author", author)


def _reauthored(source: WordSource, renamed: Mapping[str, Note], lent: list[tuple[Any, str]]) -> set[int]:
    out: set[int] = set()
    for k, para in enumerate(source.paragraphs):
        note = renamed.get(para.note) if para.note else None
        if note is None or note.kind != "deletion" or not para.noted:
            continue
        left = {s.key for s in note.sponsors}
        author = author_left(list(para.noted), left, source)
        if author is None:
            refuse_author(source, note.span.line, note.span.column, ", ".join(sorted(left)), list(para.noted))
        for deletion in para.noted:
            lent.append((deletion, deletion.get(W + "author", "")))
            deletion.set(W + "author", author)
        out.add(k)
    return out
