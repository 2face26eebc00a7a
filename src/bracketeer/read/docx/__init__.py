"""Reading a Word draft (.docx) into the same tree as a text draft, and writing a decided draft
back into the same document. Only this package sees lxml and the zip.

The document's paragraphs become lines of text in the draft notation (``paragraphs.py``), one
line each, each line its own paragraph (as if blank lines stood between), and that text is
parsed by the text reader: one grammar, one tree, whatever the file. Positions in it name the paragraph (its
number in reading order, comments' notes counted) and the column in the text shown for it
(``bracketeer parse --format text`` prints that text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial

from ...ast import Document
from ...delegations import Registry
from ...errors import ParseError
from .formatting import KINDS, Conventions, Styles, mark
from .package import DOCUMENT, Package, kind_of
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


@dataclass(frozen=True, slots=True, eq=False)
class WordSource:
    """The document a draft was read from: what writing it back needs."""

    package: Package
    root: object  # the parsed word/document.xml
    paragraphs: tuple[WordParagraph, ...]
    authors: Mapping[str, str | None]  # each revision author, and the delegation it was read as
    unattributed: tuple[tuple[int, int], ...] = ()  # proposals marked by formatting, by no one

    def write_back(self, document: Document, clean: bool = False) -> bytes:
        """The document with ``document`` (this draft after decisions) in place of its own
        text: the paragraphs whose line changed are rebuilt from their own runs, every other
        paragraph and every other part of the package stays as it was. ``clean``: without notes
        and brackets, as ``render --mode clean``."""
        from lxml import etree

        from ...ast import Note
        from ...write import text as rtext
        from .edit import Rebuild, mark_revisions, paragraph_pairs

        assert isinstance(self.root, etree._Element)
        # the notes written for comments are not paragraphs of the document: they take no part
        comments = {k + 1 for k, p in enumerate(self.paragraphs) if p.element is None}
        kept = tuple(x for x in document.blocks if not (isinstance(x, Note) and x.span.line in comments))
        document = replace(document, blocks=kept)
        text = rtext.clean(document) if clean else rtext.bracketed(document)
        real = [k for k, p in enumerate(self.paragraphs) if p.element is not None]
        old = [self.paragraphs[k].text for k in real]
        new = _paragraph_texts(text)
        changed: dict[int, Rebuild] = {}
        added: dict[int, list[str]] = {}  # lines with no paragraph of their own (a compilation's)
        after = -1
        for i, j in paragraph_pairs(old, new):
            if i is None:
                if j is not None and new[j].strip():
                    added.setdefault(real[after] if after >= 0 else -1, []).append(new[j])
                continue
            after = i
            line = new[j] if j is not None else None
            if line is not None and not line.strip() and old[i].strip():
                line = None  # all its text was decided away: the paragraph goes, as in Word
            if line != old[i]:
                changed[real[i]] = Rebuild(self.paragraphs[real[i]], line)
        # A paragraph mark's revision belongs with the text it brings: a mark inserted with the
        # paragraph after it (Word marks the one before a new last paragraph) is decided with
        # that paragraph, and when its text is rejected the two paragraphs become one, with the
        # properties of the one that follows, as Word's Reject does.
        absorbs: dict[int, object] = {}
        settled: dict[int, set[str | None]] = {}
        for pos, k in enumerate(real):
            element = self.paragraphs[k].element
            assert element is not None
            marks = mark_revisions(element)
            if not marks:
                continue
            nxt = real[pos + 1] if pos + 1 < len(real) else None
            decided = set(changed[k].decided_authors) if k in changed else set()
            if nxt is not None and nxt in changed:
                decided |= changed[nxt].decided_authors
            here = {author for _, author in marks if author in decided}
            if not here:
                continue
            settled[k] = here
            if k not in changed:
                changed[k] = Rebuild(self.paragraphs[k], self.paragraphs[k].text)
            if nxt is not None and nxt in changed and changed[nxt].removed and not changed[k].removed:
                if any(kind == "ins" for kind, author in marks if author in here):
                    absorbs[k] = self.paragraphs[nxt].element
        return self._splice(changed, {k: (settled.get(k, set()), absorbs.get(k)) for k in changed}, added)

    def _splice(
        self,
        changed: Mapping[int, object],
        how: Mapping[int, tuple[set[str | None], object]],
        added: Mapping[int, list[str]] | None = None,
    ) -> bytes:
        """The package with each changed paragraph rebuilt (or removed) in document.xml's bytes,
        and ``added`` lines as new paragraphs after the paragraph they follow (-1: before the
        first); every other byte as it was."""
        from lxml import etree

        from .edit import Rebuild, fragment, new_paragraph, paragraph_spans

        assert isinstance(self.root, etree._Element)
        part = self.package.parts[DOCUMENT].data
        spans = paragraph_spans(part, self.root)
        if spans is None and changed:
            raise RuntimeError("cannot locate the paragraphs of word/document.xml")
        index = {id(p): i for i, p in enumerate(self.root.iter(f"{{{_W}}}p"))}
        edits: list[tuple[int, int, bytes]] = []
        for k, plan in changed.items():
            assert isinstance(plan, Rebuild)
            para = self.paragraphs[k]
            if plan.removed and not _only_paragraph_of_cell(para):
                replacement = b""
            else:
                settled, props = how.get(k, (set(), None))
                element = plan.element(
                    settled | plan.decided_authors,
                    props if isinstance(props, etree._Element) else None,
                )
                replacement = fragment(element, self.root)
            assert spans is not None and para.element is not None
            start, end = spans[index[id(para.element)]]
            edits.append((start, end, replacement))
        real = [p for p in self.paragraphs if p.element is not None]
        for k, lines in (added or {}).items():
            like = self.paragraphs[k].element if k >= 0 else (real[0].element if real else None)
            if like is None or spans is None:
                raise RuntimeError("no paragraph to place new text beside in word/document.xml")
            start, end = spans[index[id(like)]]
            at = end if k >= 0 else start
            data = b"".join(fragment(new_paragraph(like, line), self.root) for line in lines)
            edits.append((at, at, data))
        out = bytearray(part)
        for start, end, data in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            out[start:end] = data
        return self.package.write({DOCUMENT: bytes(out)})

    def revised(self, keep: Callable[[str | None], bool], registry: Registry | None = None) -> Document:
        """The draft with the document's native revisions decided, typed brackets left as they
        are: those by a delegation ``keep`` says yes to accepted, the others rejected. (A
        submission sent back on a bracketed draft: its own tracked changes are its edits.)"""
        from ..text import parse_text
        from .paragraphs import INS, MOVE_TO, REVISIONS, W

        lines = []
        for p in self.paragraphs:
            if p.element is None:
                lines.append(p.text)  # a comment's note
                continue
            out = []
            for seg in p.segments:
                if seg.role == "syntax" and (not seg.members or seg.members[0].tag in REVISIONS):
                    continue  # the notation written for a revision, or a word joiner
                shown = True
                for w in seg.chain:
                    if w.tag in REVISIONS:
                        accepted = keep(self.authors.get(w.get(W + "author", "")))
                        shown = shown and (accepted == (w.tag in (INS, MOVE_TO)))
                if shown:
                    out.append(seg.text)
            lines.append("".join(out))
        text = SEPARATOR.join(lines) + "\n"
        source = self.package.source
        return parse_text(text, source=source, registry=registry, line_per_paragraph=True)

    def tracked(self, document: Document, date: str, author_prefix: str = "") -> bytes:
        """The document with every proposal typed in its text (``[US: …]``) made a native
        revision by its delegation, in place, in the document's own runs and styles; native
        revisions stay revisions."""
        from lxml import etree

        from ...write import model
        from .edit import Rebuild

        assert isinstance(self.root, etree._Element)
        ids = _Ids(self.package)
        changed: dict[int, object] = {}
        # the revisions the Word renderer would write, placed into this document's own runs
        for para in model.build(document, author_prefix=author_prefix):
            k = para.line - 1
            if not (0 <= k < len(self.paragraphs)) or self.paragraphs[k].element is None:
                continue
            own = self.paragraphs[k].text
            segments = list(para.segments)
            if para.label:
                at = own.find(para.label)
                gap = own[at + len(para.label) :] if at >= 0 else " "
                gap = gap[: len(gap) - len(gap.lstrip(" \t\u00a0"))]
                label = para.label_kind
                segments.insert(
                    0, model.Segment(own[: max(at, 0)] + para.label + gap, label.kind, label.author)
                )
            text = ""
            marks: list[object | None] = []
            current: tuple[str, str | None] | None = None
            mark: object | None = None
            for r in segments:
                if r.kind == "text":
                    current, mark = None, None
                elif (r.kind, r.author) != current:
                    current = (r.kind, r.author)
                    mark = ids.revision(r.kind, r.author or "unattributed", date)
                text += r.text
                marks.extend([mark] * len(r.text))
            whole = ids.revision(para.mark[0], para.mark[1], date) if para.mark else None
            if text != own or any(m is not None for m in marks):
                changed[k] = Rebuild(self.paragraphs[k], text, marks, whole)
        return self._splice(changed, {})


class _Ids:
    """Revision ids above every id the package already uses (bookmarks, comments and revisions
    may share one id space in Word)."""

    def __init__(self, package: Package):
        import re

        found = [int(m) for part in package.parts.values() for m in re.findall(rb'w:id="(\d+)"', part.data)]
        self.next = max(found, default=0) + 1

    def revision(self, kind: str, author: str, date: str) -> object:
        from lxml import etree

        el = etree.Element(f"{{{_W}}}{kind}")
        el.set(f"{{{_W}}}id", str(self.next))
        el.set(f"{{{_W}}}author", author)
        el.set(f"{{{_W}}}date", date)
        self.next += 1
        return el


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_authors(document: Document) -> Mapping[str, str | None]:
    """For a draft read from Word, each revision author and the delegation it was read as (its
    name as written when no delegation is known, None when it has none); else empty."""
    return document.origin.authors if isinstance(document.origin, WordSource) else {}


def unattributed_formatting(document: Document) -> tuple[tuple[int, int], ...]:
    """Where a draft read from Word has proposals marked by formatting that no colour names."""
    return document.origin.unattributed if isinstance(document.origin, WordSource) else ()


def _only_paragraph_of_cell(para: WordParagraph) -> bool:
    parent = para.element.getparent() if para.element is not None else None
    return parent is not None and parent.tag == f"{{{_W}}}tc" and len(parent.findall(f"{{{_W}}}p")) == 1


def _paragraph_texts(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split(SEPARATOR)


def read_docx(
    data: bytes,
    *,
    source: str = "<draft>",
    registry: Registry | None = None,
    author_map: Mapping[str, str] | None = None,
    formatting: Conventions | None = None,
    recover: bool = False,
) -> Document:
    """A Word document's draft. Raises ``InputError`` for a file that is not a usable .docx and
    ``ParseError`` (positions: paragraph, column) when its brackets do not balance (unless
    ``recover``: see ``parse_text``)."""
    from ..text import parse_text
    from .numbering import Numbering

    registry = registry or Registry.builtin()
    package = Package(data, source)
    root = package.xml(DOCUMENT)
    assert root is not None
    body = root.find(f"{{{_W}}}body")
    numbering = Numbering(package.xml("word/numbering.xml"), package.xml("word/styles.xml"))
    authors = Authors(registry.lookup, {**registry.authors, **(author_map or {})})
    notes = comment_notes(package.xml("word/comments.xml"))
    marked = None
    if formatting is not None and formatting.active:
        styles = Styles(package.xml("word/styles.xml"))
        marked = partial(mark, conventions=formatting, styles=styles)
    reader = Reader(numbering, authors, notes, marked)
    paragraphs = tuple(reader.paragraphs(body)) if body is not None else ()
    text = SEPARATOR.join(p.text for p in paragraphs) + "\n"
    try:
        document = parse_text(
            text, source=source, registry=registry, line_per_paragraph=True, recover=recover
        )
    except ParseError as e:
        raise ParseError(e.message, source=source, problems=e.problems, text=text) from None
    source_ = WordSource(package, root, paragraphs, dict(authors.seen), tuple(reader.unattributed))
    return replace(document, origin=source_)
