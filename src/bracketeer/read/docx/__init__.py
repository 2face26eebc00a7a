"""Reading a Word draft (.docx) into the same tree as a text draft; what writing it back needs is
kept in ``Document.origin`` (a ``WordSource``), and ``write/word`` writes. Only this package and
that one see lxml and the zip.

The document's paragraphs become lines of text in the draft notation (``paragraphs.py``), one
line each, each line its own paragraph (as if blank lines stood between), and that text is
parsed by the text reader: one grammar, one tree, whatever the file. Positions in it name the paragraph (its
number in reading order, comments' notes counted) and the column in the text shown for it
(``bracketeer parse --format text`` prints that text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, replace
from functools import partial
from typing import ClassVar, Literal

from lxml import etree

from ...ast import Document
from ...delegations import Registry
from ...errors import ParseError
from ..kind import kind_of
from ..options import ReadOptions
from .formatting import KINDS, Conventions, Styles, mark
from .package import Package
from .paragraphs import Authors, Reader, WordParagraph, comment_notes

__all__ = [
    "KINDS",
    "Conventions",
    "WordSource",
    "kind_of",
    "read_docx",
    "unattributed_formatting",
    "word_authors",
]

SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Unread:
    """Text the reader does not take into the draft, where it stands: ``check`` reports it, and a
    write-back refuses when it holds brackets (proposals nobody decided)."""

    line: int  # the draft's line (paragraph) it stands in or after
    what: str  # "a text box", "an embedded document (altChunk)"
    text: str


@dataclass(frozen=True, slots=True, eq=False)
class WordSource:
    """The document a draft was read from: what writing it back needs."""

    kind: ClassVar[Literal["docx"]] = "docx"
    package: Package
    root: object  # the parsed word/document.xml
    paragraphs: tuple[WordParagraph, ...]
    authors: Mapping[str, str | None]  # each revision author, and the delegation it was read as
    unattributed: tuple[tuple[int, int], ...] = ()  # proposals marked by formatting, by no one
    # text in the document that is not read: text boxes, embedded documents
    unread: tuple[Unread, ...] = ()
    # a document's lines read as this one was read (registry, author map, formatting
    # conventions): a writer reads what it wrote to check it says what was decided
    reread: Callable[[bytes], tuple[WordParagraph, ...]] | None = None
    legends: tuple[int, ...] = ()  # lines that are a colour legend (read as text, not proposals)

    def revised(self, keep: Callable[[str | None], bool], registry: Registry | None = None) -> Document:
        """The draft with the document's native revisions decided, typed brackets left as they
        are: those by a delegation ``keep`` says yes to accepted, the others rejected. (A
        submission sent back on a bracketed draft: its own tracked changes are its edits.)"""
        from ..text import parse_text
        from .paragraphs import INS, MOVE_TO, REVISIONS

        lines = []
        for p in self.paragraphs:
            if p.element is None:
                lines.append(p.text)  # a comment's note
                continue
            out = []
            for seg in p.segments:
                if seg.role == "syntax" and (not seg.members or seg.members[0].tag in REVISIONS):
                    continue  # the notation written for a revision, or a word joiner
                if seg.echo:
                    continue  # (rival versions' shared words, in the document once)
                shown = True
                for w in seg.chain:
                    if w.tag in REVISIONS:
                        shown = shown and (self._accepted(p, w, keep) == (w.tag in (INS, MOVE_TO)))
                if shown:
                    out.append(seg.text)
            lines.append("".join(out))
        text = SEPARATOR.join(lines) + "\n"
        source = self.package.source
        return parse_text(text, source=source, registry=registry, line_per_paragraph=True)

    def _accepted(self, p: WordParagraph, w: etree._Element, keep: Callable[[str | None], bool]) -> bool:
        """Whether revision ``w`` of ``p`` is accepted when ``keep``'s delegations' are (one rival
        versions share, as ``Shared.accepted``)."""
        from .paragraphs import W

        def kept(e: etree._Element) -> bool:
            return keep(self.authors.get(e.get(W + "author", "")))

        shared = p.shared.get(id(w))
        return kept(w) if shared is None else shared.accepted(kept)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_authors(document: Document) -> Mapping[str, str | None]:
    """For a draft read from Word, each revision author and the delegation it was read as (its
    name as written when no delegation is known, None when it has none); else empty."""
    return document.origin.authors if isinstance(document.origin, WordSource) else {}


def unattributed_formatting(document: Document) -> tuple[tuple[int, int], ...]:
    """Where a draft read from Word has proposals marked by formatting that no colour names."""
    return document.origin.unattributed if isinstance(document.origin, WordSource) else ()


def read_docx(
    data: bytes,
    *,
    source: str = "<draft>",
    registry: Registry | None = None,
    author_map: Mapping[str, str] | None = None,
    formatting: Conventions | None = None,
    options: ReadOptions | None = None,
) -> Document:
    """A Word document's draft. Raises ``InputError`` for a file that is not a usable .docx and
    ``ParseError`` (positions: paragraph, column) when its brackets do not balance (unless
    ``options.recover``: see ``ReadOptions``)."""
    from ..text import parse_text

    registry = registry or Registry.builtin()
    known: dict[str, tuple[bytes, etree._Element]] = {}
    package, root, body, reader, authors = _open(data, source, registry, author_map, formatting, known)
    paragraphs = tuple(reader.paragraphs(body)) if body is not None else ()
    text = SEPARATOR.join(p.text for p in paragraphs) + "\n"
    try:
        document = parse_text(
            text,
            source=source,
            registry=registry,
            line_per_paragraph=True,
            # a Word paragraph is one line: none is hard-wrapped
            options=replace(options or ReadOptions(), unwrap=False),
        )
    except ParseError as e:
        raise ParseError(e.message, source=source, problems=e.problems, text=text) from None
    unread = _unread(package, paragraphs, body)
    reread = partial(
        _lines_of, source=source, registry=registry, author_map=author_map, formatting=formatting, known=known
    )

    source_ = WordSource(
        package,
        root,
        paragraphs,
        dict(authors.seen),
        tuple(reader.unattributed),
        unread,
        reread,
        tuple(reader.legends),
    )
    return replace(document, origin=source_)


def _open(
    data: bytes,
    source: str,
    registry: Registry,
    author_map: Mapping[str, str] | None,
    formatting: Conventions | None,
    known: dict[str, tuple[bytes, etree._Element]] | None = None,
) -> tuple[Package, etree._Element, etree._Element | None, Reader, Authors]:
    """The package, its main part and body, and a reader of its paragraphs as the options say."""
    from .numbering import Numbering

    package = Package(data, source)

    def xml(name: str) -> etree._Element | None:
        # a part the reader parsed before, unchanged, is not parsed again (read-only trees)
        part = package.parts.get(name)
        if part is not None and known is not None and name in known and known[name][0] == part.data:
            return known[name][1]
        tree = package.xml(name)
        if known is not None and part is not None and tree is not None:
            known[name] = (part.data, tree)
        return tree

    root = package.xml(package.main)
    assert root is not None
    body = root.find(f"{{{_W}}}body")
    numbering = Numbering(xml(package.related("numbering")), xml(package.related("styles")))
    authors = Authors(registry.lookup, {**registry.authors, **(author_map or {})})
    notes = comment_notes(xml(package.related("comments")))
    marked = None
    if formatting is not None and formatting.active:
        styles = Styles(xml(package.related("styles")))
        marked = partial(mark, conventions=formatting, styles=styles)
    return package, root, body, Reader(numbering, authors, notes, marked), authors


def _lines_of(
    data: bytes,
    *,
    source: str,
    registry: Registry,
    author_map: Mapping[str, str] | None,
    formatting: Conventions | None,
    known: dict[str, tuple[bytes, etree._Element]] | None = None,
) -> tuple[WordParagraph, ...]:
    """A document's lines as the reader makes them, without parsing them into a draft: what a
    writer reads back to check what it wrote."""
    _, _, body, reader, _ = _open(data, source, registry, author_map, formatting, known)
    return tuple(reader.paragraphs(body)) if body is not None else ()


def _unread(package: Package, paragraphs: tuple[WordParagraph, ...], body: object) -> tuple[Unread, ...]:
    """Text boxes in the paragraphs, documents embedded whole (``w:altChunk``), with their text,
    and revisions that are not read (formatting changes, deleted paragraph marks)."""
    from lxml import etree

    out: list[Unread] = []
    line_of: dict[int, int] = {}
    for k, p in enumerate(paragraphs):
        if p.element is not None:
            line_of[id(p.element)] = k + 1
            # a paragraph's mark deleted with it, as a deletion note's paragraph is, is the note's
            noted = {e.get(f"{{{_W}}}author") for e in p.noted}
            out.extend(_unread_revisions(k + 1, p.element, noted))
            out.extend(_text_boxes(k + 1, p.element))
    if isinstance(body, etree._Element):
        out.extend(_embedded(package, body, line_of))
    return tuple(out)


def _unread_revisions(line: int, p: object, noted: Set[str | None] = frozenset()) -> list[Unread]:
    from lxml import etree

    from .paragraphs import W

    assert isinstance(p, etree._Element)
    out = [
        Unread(
            line,
            f"a formatting change ({etree.QName(c).localname}) by {c.get(W + 'author', '') or 'no one'}",
            "",
        )
        for c in p.iter(*_FORMAT_CHANGES)
    ]
    mark = p.find(f"{W}pPr/{W}rPr/{W}del")
    if mark is not None and mark.get(W + "author") not in noted:
        who = mark.get(W + "author", "") or "no one"
        out.append(Unread(line, f"a deleted paragraph mark by {who} (this paragraph joined to the next)", ""))
    return out


def _text_boxes(line: int, p: object) -> list[Unread]:
    """A paragraph's text boxes; one drawn twice (Word's drawing and its fallback picture) once."""
    from lxml import etree

    from .paragraphs import T, W

    assert isinstance(p, etree._Element)
    out: list[Unread] = []
    for box in p.iter(W + "txbxContent"):
        text = " ".join("".join(t.text or "" for t in q.iter(T)) for q in box.iter(W + "p")).strip()
        if text and all(u.text != text for u in out):
            out.append(Unread(line, "a text box", text))
    return out


def _embedded(package: Package, body: object, line_of: Mapping[int, int]) -> list[Unread]:
    """Documents embedded whole, at the paragraph before them, with their text as characters."""
    import re

    from lxml import etree

    from .paragraphs import W

    assert isinstance(body, etree._Element)
    out = []
    for chunk in body.iter(W + "altChunk"):
        before = chunk.getprevious()
        while before is not None and id(before) not in line_of:
            before = before.getprevious()
        part = package.target(chunk.get(_R_ID, ""))
        data = package.parts[part].data if part in package.parts else b""
        text = " ".join(re.sub(rb"<[^>]*>", b" ", data).decode("utf-8", "replace").split())
        line = line_of.get(id(before), 0) if before is not None else 0
        out.append(Unread(line, "an embedded document (altChunk)", text))
    return out


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CHANGED = ("rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange")
_FORMAT_CHANGES = tuple(f"{{{_W}}}{t}" for t in _CHANGED)
