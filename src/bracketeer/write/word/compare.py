"""A comparison written into the newer version's own Word document, as Word's Compare does: its
styles, numbering, sections and every paragraph nothing changed kept as they are, what changed
since the older version made native revisions by one author. Accepting them all gives the newer
version; rejecting them all, the older one.

A change this cannot write exactly is refused, nothing written: a paragraph that runs over
several of the document's paragraphs (a bracket opened in one and closed in another), or one
whose text cannot be found in its own paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ...ast import Document, Span
from ...diff import Change, Diff
from ...query import line_source, paragraph_lines
from ...read.docx import WordSource
from ..diff_view import in_order
from . import RevisionIds, WriteBackError, repackage, source_of, writable


def compared(d: Diff, old: Document | None, new: Document, author: str, date: str) -> bytes:
    """``new``'s own Word document with every change since the older version a revision by
    ``author`` dated ``date`` (``YYYY-MM-DDTHH:MM:SSZ``)."""
    source = source_of(new)
    writable(source)
    if source.authors:
        # its own revisions would be accepted or rejected with the comparison's: "reject all"
        # would no longer give the older version
        raise WriteBackError(
            "the newer document holds tracked changes of its own; accept or reject them first, "
            "or write the comparison as a new document with --fresh",
            source=source.package.source,
        )
    older = old.origin if old is not None and isinstance(old.origin, WordSource) else None
    plan = _Plan(source, RevisionIds(source.package), author, date, _Older(older, source))
    for how, c in in_order(d):
        if how == "moved-from" or c.kind == "removed":
            plan.deleted(c)
        elif how == "moved-to" or c.kind == "added":
            plan.inserted(c)
        else:
            plan.paired(c)
    plan.others(d, _anchors(d, old, new), _comment_lines(old))
    return plan.write()


def _comment_lines(old: Document | None) -> set[int]:
    """The older Word draft's lines that are its comments' notes: comments, not paragraphs, so
    never put back as deleted paragraphs."""
    source = old.origin if old is not None else None
    if not isinstance(source, WordSource):
        return set()
    return {k + 1 for k, p in enumerate(source.paragraphs) if p.element is None}


def _anchors(d: Diff, old: Document | None, new: Document) -> list[tuple[int, int]]:
    """Where the older version's lines stand in the newer: (older line, the index of the newer
    document paragraph it ends at) for every paragraph, note, heading and title line the two
    share, in the older's order."""
    from ...diff import other_blocks

    def last(span: Span) -> int:  # a block ending with its line ending ends where the next starts
        return (span.end_line if span.end_column > 1 else span.end_line - 1) - 1

    out = [
        (c.old.span.line, max(last(c.new.span), c.new.span.line - 1)) for c in d.changes if c.old and c.new
    ]
    if old is None:  # the older draft not given: its paragraphs are the only landmarks
        return sorted(out)
    mine, theirs = other_blocks(old), other_blocks(new)
    for kind in ("note", "heading"):
        unused = list(theirs[kind])
        for text, line, _ in mine[kind]:
            same = next((o for o in unused if o[0] == text), None)
            if same is not None:
                unused.remove(same)
                out.append((line, same[1] - 1))
    return sorted(out)


class _Older:
    """The older version's own Word paragraphs, where one can go back into the newer document as
    it was: with its style and numbering (a list item stays a list item Word numbers), when the
    two documents define those alike, and holding nothing but text."""

    def __init__(self, older: WordSource | None, newer: WordSource):
        self.older, self.newer = older, newer
        self.alike: dict[tuple[str, str], bool] = {}
        self.parts: dict[tuple[int, str], etree._Element | None] = {}

    def paragraph(self, line: int) -> etree._Element | None:
        """The older paragraph at ``line``, if it can be copied as it stands."""
        from .edit import portable

        if self.older is None or not 0 < line <= len(self.older.paragraphs):
            return None
        p = self.older.paragraphs[line - 1].element
        if p is None or not portable(p):
            return None
        styles = [el.get(_W_VAL) or "" for el in p.iter(f"{{{_W}}}pStyle", f"{{{_W}}}rStyle")]
        lists = [el.get(_W_VAL) or "" for el in p.iter(f"{{{_W}}}numId")]
        if all(self.same("style", s) for s in styles) and all(self.same("num", n) for n in lists):
            return p
        return None

    def same(self, kind: str, key: str) -> bool:
        """Whether both documents define style (or list) ``key`` alike, with what it rests on:
        the styles it is based on, the list a style numbers with, a list's abstract definition."""
        if (kind, key) not in self.alike:
            self.alike[(kind, key)] = True  # (a loop of basedOn ends here)
            self.alike[(kind, key)] = self._same(kind, key)
        return self.alike[(kind, key)]

    def _same(self, kind: str, key: str) -> bool:
        if kind == "num" and key == "0":
            return True  # numbering switched off
        assert self.older is not None
        mine, theirs = self.definition(self.older, kind, key), self.definition(self.newer, kind, key)
        if mine is None or theirs is None:
            return False
        if etree.tostring(mine, method="c14n") != etree.tostring(theirs, method="c14n"):
            return False
        rests = [("style", el.get(_W_VAL) or "") for el in mine.iter(f"{{{_W}}}basedOn")]
        rests += [("num", el.get(_W_VAL) or "") for el in mine.iter(f"{{{_W}}}numId")]
        rests += [("abstract", el.get(_W_VAL) or "") for el in mine.iter(f"{{{_W}}}abstractNumId")]
        return all(self.same(k, v) for k, v in rests)

    def definition(self, source: WordSource, kind: str, key: str) -> etree._Element | None:
        root = self.part(source, "styles" if kind == "style" else "numbering")
        if root is None:
            return None
        tag, attribute = {"style": ("style", "styleId"), "num": ("num", "numId")}.get(
            kind, ("abstractNum", "abstractNumId")
        )
        for el in root.iter(f"{{{_W}}}{tag}"):
            if el.get(f"{{{_W}}}{attribute}") == key:
                return el
        return None

    def part(self, source: WordSource, kind: str) -> etree._Element | None:
        from ...read.xml import parse_xml

        at = (id(source), kind)
        if at not in self.parts:
            name = source.package.related(kind)
            data = source.package.parts.get(name)
            self.parts[at] = parse_xml(data.data, name, source.package.source) if data is not None else None
        return self.parts[at]


@dataclass
class _Plan:
    """What becomes of the document's paragraphs: rebuilt with revisions (by index among the
    reader's lines), and the older version's paragraphs put back as deletions after the one
    they followed (-1: before the first)."""

    source: WordSource
    ids: RevisionIds
    author: str
    date: str
    older: _Older
    changed: dict[int, object] = field(default_factory=dict)
    # (older line, its text) by the newer paragraph they follow, put in the older order
    put_back: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    last: int = -1  # the last of the newer version's paragraphs placed so far

    def mark(self, kind: str) -> object:
        return self.ids.revision(kind, self.author, self.date)

    def del_mark(self) -> etree._Element:
        mark = self.mark("del")
        assert isinstance(mark, etree._Element)
        return mark

    def lines(self, c: Change) -> range:
        """The indexes of the document paragraphs the newer version's paragraph ``c.new`` is."""
        assert c.new is not None
        span = c.new.span
        last = span.end_line if span.end_column > 1 else span.end_line - 1
        out = range(span.line - 1, max(span.line, last))
        if any(k >= len(self.source.paragraphs) or self.source.paragraphs[k].element is None for k in out):
            self.refuse(c, "it is not a paragraph of the document")
        return out

    def refuse(self, c: Change, why: str) -> None:
        label = (c.new.label if c.new else None) or (c.old.label if c.old else None) or "(unlabelled)"
        raise WriteBackError(
            f"paragraph {label}: {why}; nothing written (write the comparison as a new document "
            "with --fresh)",
            source=self.source.package.source,
        )

    def deleted(self, c: Change) -> None:
        assert c.old is not None
        lines = [(ln.span.line, line_source(ln).rstrip("\r\n")) for ln in paragraph_lines(c.old.paragraph)]
        self.put_back.setdefault(self.last, []).extend(ln for ln in lines if ln[1].strip())

    def inserted(self, c: Change) -> None:
        from .edit import Rebuild

        for k in self.lines(c):
            own = self.source.paragraphs[k].text
            run = self.mark("ins")
            self.changed[k] = Rebuild(self.source.paragraphs[k], own, [run] * len(own), self.mark("ins"))
            self.last = k

    def others(self, d: Diff, after: list[tuple[int, int]], comments: set[int]) -> None:
        """Notes, headings and title lines on one side only: one the newer version added is an
        inserted paragraph; one it dropped is put back, deleted, after the newer paragraph that
        stands where the older one before it stood."""
        from .edit import Rebuild

        for e in d.notes:
            if e.new_line is not None:
                k = e.new_line - 1
                para = self.source.paragraphs[k] if k < len(self.source.paragraphs) else None
                if para is None or para.element is None or k in self.changed:
                    continue
                self.changed[k] = Rebuild(
                    para, para.text, [self.mark("ins")] * len(para.text), self.mark("ins")
                )
            elif e.old_line is not None and e.old_line not in comments:
                before = [new_last for old_line, new_last in after if old_line < e.old_line]
                k = min(before[-1], len(self.source.paragraphs) - 1) if before else -1
                self.put_back.setdefault(k, []).append((e.old_line, e.text))

    def paired(self, c: Change) -> None:
        from .edit import Rebuild

        lines = self.lines(c)
        self.last = lines[-1]
        if not (c.ops or c.renumbered):
            return
        if len(lines) != 1:
            self.refuse(c, "it runs over several paragraphs of the document")
        k = lines[0]
        text, marks = self.merged(c, k)
        self.changed[k] = Rebuild(self.source.paragraphs[k], text, marks)

    def merged(self, c: Change, k: int) -> tuple[str, list[object | None]]:
        """The paragraph's line with the older words back in as deletions and the newer ones
        marked as insertions (a typed label renumbered: the old label deleted, the new one
        inserted)."""
        assert c.old is not None and c.new is not None
        own = self.source.paragraphs[k].text
        at = own.rfind(c.new.source) if c.new.source else len(own.rstrip())
        if at < 0:
            self.refuse(c, "its words are not found in the document's paragraph")
        prefix, suffix = own[:at], own[at + len(c.new.source) :]
        pieces = self.label(c, k, prefix)
        kinds = {"equal": None, "delete": "del", "insert": "ins"}
        pieces += [(op.text, kinds[op.tag]) for op in c.ops] if c.ops else [(c.new.source, None)]
        pieces.append((suffix, None))
        shown = "".join(t for t, kind in pieces if kind != "del")
        if shown != own:
            self.refuse(c, "its words in the comparison are not the document's")
        return "".join(t for t, _ in pieces), list(self.marks(pieces))

    def label(self, c: Change, k: int, prefix: str) -> list[tuple[str, str | None]]:
        """What stands before the paragraph's words: as it is, or, a typed label renumbered, the
        old label deleted and the new one inserted (a label Word's numbering draws renumbers
        itself)."""
        assert c.old is not None and c.new is not None
        old_label, new_label = c.old.label or "", c.new.label or ""
        numbered = any(seg.role == "label" for seg in self.source.paragraphs[k].segments)
        if not (c.renumbered and new_label and new_label in prefix and not numbered):
            return [(prefix, None)]
        i = prefix.rfind(new_label)
        rest = prefix[i + len(new_label) :]
        return [(prefix[:i], None), (old_label, "del"), (new_label, "ins"), (rest, None)]

    def marks(self, pieces: list[tuple[str, str | None]]) -> Iterator[object | None]:
        """A revision for each character: one element for each run of one kind."""
        current: tuple[str | None, object | None] = (None, None)
        for text, kind in pieces:
            if not text:
                continue
            if kind is None:
                current = (None, None)
            elif current[0] != kind:
                current = (kind, self.mark(kind))
            yield from [current[1]] * len(text)

    def put(self, like: etree._Element, line: int, text: str) -> etree._Element:
        """The older version's paragraph at ``line``, deleted: a copy of its own, or its text in
        the formatting of the newer paragraph ``like``."""
        from .edit import deleted_copy, deleted_paragraph

        own = self.older.paragraph(line)
        if own is not None:
            return deleted_copy(own, self.del_mark, self.del_mark())
        return deleted_paragraph(like, text, self.del_mark(), self.del_mark())

    def write(self) -> bytes:
        from .edit import fragment, paragraph_spans

        source = self.source
        root = source.root
        assert isinstance(root, etree._Element)
        part = source.package.parts[source.package.main].data
        spans = paragraph_spans(part, root)
        if spans is None:
            raise WriteBackError(
                f"cannot find the paragraphs of {source.package.main} in its bytes: nothing written",
                source=source.package.source,
            )
        where = {id(p): spans[i] for i, p in enumerate(root.iter(f"{{{_W}}}p"))}
        edits: list[tuple[int, int, bytes]] = []
        for k, plan in self.changed.items():
            element = plan.element(set())  # type: ignore[attr-defined]
            para = source.paragraphs[k].element
            start, end = where[id(para)]
            edits.append((start, end, fragment(element, root)))
        real = [p.element for p in source.paragraphs if p.element is not None]
        for k, lines in self.put_back.items():
            like = source.paragraphs[k].element if k >= 0 else (real[0] if real else None)
            if like is None:
                raise WriteBackError(
                    "no paragraph to place the older text beside", source=source.package.source
                )
            start, end = where[id(like)]
            at = end if k >= 0 else start
            made = [self.put(like, line, text) for line, text in sorted(lines)]
            edits.append((at, at, b"".join(fragment(p, root) for p in made)))
        out = bytearray(part)
        for start, end, data in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            out[start:end] = data
        return repackage(source.package, {source.package.main: bytes(out)})


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_VAL = f"{{{_W}}}val"
