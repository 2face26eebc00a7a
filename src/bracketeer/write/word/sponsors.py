"""A sponsor withdrawn from a joint revision (``reject -d CAN`` on a revision by "CAN, MEX"):
the revision stays a revision, its author the sponsors left ("MEX"), as the decided text has
its tag, rather than the retagged bracket typed as text in place of the revision."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import NoReturn

from lxml import etree

from ...ast import Bracket, Document, Heading, Paragraph, Tag
from ...query import iter_brackets, paragraph_lines
from ...read.docx import WordSource
from ...read.docx.paragraphs import LinePart, W, WordParagraph

# how a joint author is written ("CAN, MEX", "Canada and Mexico"), as the reader splits it
_PARTS = re.compile(r"\s*(?:[,;/&]|\band\b)\s*")


def withdrawn(source: WordSource, document: Document) -> WordSource:
    """``source`` with each joint revision whose bracket the decided ``document`` gives fewer
    sponsors read as the decided text has it: its tag rewritten, and its revisions' new author
    (``WordParagraph.authored``), by the sponsors left. ``WriteBackError`` for a revision whose
    author cannot be split into its sponsors (typed as text instead, it would no longer be a
    revision)."""
    paragraphs = list(source.paragraphs)
    changed = False
    # right to left along each line: a tag rewritten shortens the line after it, not before
    for tag in sorted(_tags(document), key=lambda t: (t.span.line, -t.span.column)):
        k = tag.span.line - 1
        if not 0 <= k < len(paragraphs) or paragraphs[k].element is None:
            continue
        renamed = _renamed(paragraphs[k], tag, source)
        if renamed is not None:
            paragraphs[k] = renamed
            changed = True
    return replace(source, paragraphs=tuple(paragraphs)) if changed else source


def _tags(document: Document) -> Iterator[Tag]:
    for block in document.blocks:
        lines = paragraph_lines(block) if isinstance(block, Paragraph) else ()
        for line in (block.line,) if isinstance(block, Heading) else lines:
            for b, _ in iter_brackets(line.content):
                if isinstance(b, Bracket) and b.tag is not None and b.kind == "proposal":
                    yield b.tag


def _renamed(para: WordParagraph, tag: Tag, source: WordSource) -> WordParagraph | None:
    """``para`` with the opening written for a revision at ``tag``'s place retagged as ``tag``
    says, when ``tag`` keeps some of its sponsors and its author names each of them."""
    opening = f"[{tag.text}"
    at = 0
    for i, seg in enumerate(para.segments):
        if at == tag.span.column - 2 and seg.role == "syntax" and seg.members and seg.text.startswith("["):
            if seg.text == opening:
                return None
            # a rival version's own revision; what it shares with the others (their deletion)
            # is by the versions that stand, as the write-back gives it
            own = [m for m in seg.members if id(m) not in para.shared]
            if not _withdrawn_from(own, tag, source):
                return None  # (not a sponsor withdrawn: the write-back places it as it can)
            author = author_left(own, {s.key for s in tag.sponsors}, source)
            if author is None:
                refuse_author(
                    source, tag.span.line, tag.span.column, ", ".join(s.key for s in tag.sponsors), own
                )
            segments = list(para.segments)
            segments[i] = LinePart(opening, seg.role, seg.node, seg.run, seg.chain, seg.members, seg.echo)
            authored = {**para.authored, **{id(m): author for m in own}}
            text = para.text[:at] + opening + para.text[at + len(seg.text) :]
            return replace(para, segments=segments, text=text, authored=authored)
        at += len(seg.text)
        if at > tag.span.column - 2:
            return None
    return None


def refuse_author(
    source: WordSource, line: int, column: int, left: str, revisions: list[etree._Element]
) -> NoReturn:
    """``WriteBackError`` at ``line:column``: a decision leaves the joint ``revisions`` to the
    sponsors ``left``, and their author cannot be split into its sponsors."""
    from ...errors import Problem
    from . import WriteBackError

    author = ", ".join(sorted({m.get(W + "author", "") for m in revisions}))
    message = (
        f"the decision leaves the revision by {author!r} to {left} alone, and its author does not "
        "name its sponsors one by one (Word keeps one author per revision); nothing written: "
        "decide it in Word, or write the decided text with --to text"
    )
    raise WriteBackError(
        message,
        source=source.package.source,
        problems=(Problem(line, column, message),),
        text="\n".join(p.text for p in source.paragraphs),
    )


def _withdrawn_from(revisions: list[etree._Element], tag: Tag, source: WordSource) -> bool:
    """Whether ``tag`` keeps some, not all, of the delegations the author of ``revisions`` was
    read as."""
    codes = {c for m in revisions for c in (source.authors.get(m.get(W + "author", "")) or "").split(", ")}
    left = {s.key for s in tag.sponsors}
    return bool(left) and left < codes


def author_left(revisions: list[etree._Element], left: set[str], source: WordSource) -> str | None:
    """The author of ``revisions`` (one proposal's) with only the sponsors ``left``: each part
    of a joint author ("CAN, MEX", "Canada and Mexico") is the delegation at its place in the
    delegations it was read as; None when that is not so, or none is left, or all are."""
    authors = {m.get(W + "author", "") for m in revisions}
    if len(authors) != 1:
        return None
    author = authors.pop()
    written = source.authors.get(author)
    parts = [p for p in _PARTS.split(author) if p]
    codes = written.split(", ") if written else []
    if len(parts) != len(codes) or len(parts) < 2 or not left < set(codes):
        return None
    kept = [p for p, code in zip(parts, codes, strict=True) if code in left]
    return ", ".join(kept) if len(kept) == len(left) else None


def renamed_authors(para: WordParagraph) -> dict[str, str]:
    """The authors of ``para``'s revisions a decision renames (``WordParagraph.authored``), each
    with its new name."""
    return {
        m.get(W + "author", ""): para.authored[id(m)]
        for seg in para.segments
        for m in seg.members
        if id(m) in para.authored
    }
