"""Writing a draft into the Word document it was read from: the decided draft back into its own
document (``write_back``), or its typed proposals made native revisions in place (``tracked``).
A paragraph the draft did not change keeps its XML byte for byte, and so does every other part
of the package; a changed one is rebuilt from its own runs (``edit``).

The reader (``read/docx``) keeps what writing needs in ``Document.origin`` (a ``WordSource``);
this package reuses the reader's names for Word's XML, never the other way round.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import replace

from ...ast import Document
from ...read.docx import SEPARATOR, WordSource
from ...read.docx.package import DOCUMENT, Package
from ...read.docx.paragraphs import WordParagraph

__all__ = ["source_of", "tracked", "write_back"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def source_of(document: Document) -> WordSource:
    """The Word document ``document`` was read from; ValueError for a draft read from text."""
    if not isinstance(document.origin, WordSource):
        raise ValueError("not a draft read from a Word document")
    return document.origin


def write_back(document: Document, clean: bool = False) -> bytes:
    """The document with ``document`` (this draft after decisions) in place of its own
    text: the paragraphs whose line changed are rebuilt from their own runs, every other
    paragraph and every other part of the package stays as it was. ``clean``: without notes
    and brackets, as ``render --mode clean``."""
    from lxml import etree

    from ...ast import Note
    from .. import text as rtext
    from .edit import Rebuild, mark_revisions, paragraph_pairs

    self = source_of(document)
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
    return _splice(self, changed, {k: (settled.get(k, set()), absorbs.get(k)) for k in changed}, added)


def _splice(
    self: WordSource,
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
    return _repackage(self.package, {DOCUMENT: bytes(out)})


def tracked(document: Document, date: str, author_prefix: str = "") -> bytes:
    """The document with every proposal typed in its text (``[US: …]``) made a native
    revision by its delegation, in place, in the document's own runs and styles; native
    revisions stay revisions."""
    from lxml import etree

    from .. import model
    from .edit import Rebuild

    self = source_of(document)
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
            segments.insert(0, model.Segment(own[: max(at, 0)] + para.label + gap, label.kind, label.author))
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
    return _splice(self, changed, {})


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


def _only_paragraph_of_cell(para: WordParagraph) -> bool:
    parent = para.element.getparent() if para.element is not None else None
    return parent is not None and parent.tag == f"{{{_W}}}tc" and len(parent.findall(f"{{{_W}}}p")) == 1


def _repackage(package: Package, replaced: dict[str, bytes]) -> bytes:
    """The package again, in the same order with the same entry details, ``replaced`` parts
    swapped in; every other part is the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, part in package.parts.items():
            z.writestr(part.info, replaced.get(name, part.data))
    return out.getvalue()


def _paragraph_texts(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split(SEPARATOR)
