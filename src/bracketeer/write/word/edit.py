"""Writing a decided draft back into its own Word document.

A paragraph whose line the decisions left unchanged keeps its XML byte for byte. A changed one
is rebuilt from its own pieces: the new line is aligned character by character with the old
(``difflib``, which also serves the diff), each kept character goes back into a copy of the run
it came from (same formatting), a native revision whose brackets are still in the line stays a
revision, one whose brackets went was decided (accepted: its text stays as plain runs;
rejected: its text went with it), and bookmarks, comment anchors, footnote references and
drawings stay where they stood.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

from lxml import etree

from ...read.docx.paragraphs import DEL_TEXT, DELETIONS, REVISIONS, LinePart, P, T, W, WordParagraph

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SDT, _SDT_CONTENT = W + "sdt", W + "sdtContent"


def paragraph_pairs(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[int | None, int | None]]:
    """(old index, new index) pairs in order: both for a paragraph kept (perhaps changed),
    old only for one removed, new only for one added."""
    sm = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
        elif tag == "delete":
            yield from ((i, None) for i in range(i1, i2))
        elif tag == "insert":
            yield from ((None, j) for j in range(j1, j2))
        else:
            yield from _pair_block(old, new, i1, i2, j1, j2)


def _pair_block(
    old: Sequence[str], new: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> Iterator[tuple[int | None, int | None]]:
    """The most alike pairing, in order, of a block of changed paragraphs (a small DP: blocks
    hold the few paragraphs one decision touched)."""
    n, m = i2 - i1, j2 - j1
    if n == m:
        yield from zip(range(i1, i2), range(j1, j2), strict=True)
        return
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            r = SequenceMatcher(None, old[i1 + a], new[j1 + b], autojunk=False).quick_ratio()
            score[a][b] = max(score[a + 1][b], score[a][b + 1], score[a + 1][b + 1] + (r if r > 0.3 else -1))
    a = b = 0
    while a < n or b < m:
        if a < n and b < m and score[a][b] == score[a + 1][b + 1] + _ratio(old[i1 + a], new[j1 + b]):
            yield i1 + a, j1 + b
            a, b = a + 1, b + 1
        elif a < n and (b == m or score[a][b] == score[a + 1][b]):
            yield i1 + a, None
            a += 1
        else:
            yield None, j1 + b
            b += 1


def _ratio(x: str, y: str) -> float:
    r = SequenceMatcher(None, x, y, autojunk=False).quick_ratio()
    return r if r > 0.3 else -1


class _Piece:
    __slots__ = ("chain", "content", "run")

    def __init__(
        self, chain: tuple[etree._Element, ...], run: etree._Element | None, content: str | etree._Element
    ):
        self.chain = chain
        self.run = run
        self.content = content


class Rebuild:
    """Paragraph ``para`` holding ``new_text`` instead of its own line: which of its revisions
    the change decided, and the paragraph rebuilt."""

    def __init__(
        self,
        para: WordParagraph,
        new_text: str | None,
        marks: Sequence[etree._Element | None] = (),
        paragraph_mark: etree._Element | None = None,
    ):
        """``marks``: for each character of ``new_text``, the revision (an unattached ``w:ins`` or
        ``w:del``) to write it in, or None; one element stands for one revision.
        ``paragraph_mark``: a revision of the paragraph mark itself (a paragraph inserted or
        deleted whole)."""
        self.para = para
        self.paragraph_mark = paragraph_mark
        self.removed = new_text is None
        self.marks = marks
        self.units: list[tuple[str, LinePart]] = []
        self.zero: dict[int, list[LinePart]] = {}
        for seg in para.segments:
            if seg.role in ("marker", "object"):
                self.zero.setdefault(len(self.units), []).append(seg)
            else:
                self.units.extend((ch, seg) for ch in seg.text)
        old = "".join(ch for ch, _ in self.units)
        self.keep = [False] * len(old)
        self.at: dict[int, int] = {}  # old character → its place in the new line
        self.inserted: dict[int, list[int]] = {}  # new characters placed before an old one
        for tag, i1, i2, j1, j2 in align(old, new_text or ""):
            if tag == "equal":
                self.keep[i1:i2] = [True] * (i2 - i1)
                self.at.update(zip(range(i1, i2), range(j1, j2), strict=True))
            elif tag in ("insert", "replace"):
                self.inserted.setdefault(i1, []).extend(range(j1, j2))
        self.new_text = new_text or ""
        # the revisions of a bracket stay revisions while all its brackets, tag and strokes are
        # still there; when any went, the bracket was decided
        broken: set[int] = set()
        for i, (_, seg) in enumerate(self.units):
            if seg.role == "syntax" and seg.members and not self.keep[i]:
                broken.add(id(seg.members[0]))
        self.survived = {
            id(m)
            for _, seg in self.units
            if seg.members and id(seg.members[0]) not in broken
            for m in seg.members
        }
        # runs marked by formatting whose proposal was decided lose the marking
        self.unformat = {
            id(m): para.unformat.get(id(m), ())
            for _, seg in self.units
            for m in seg.members
            if m.tag == W + "r" and id(m) not in self.survived
        }
        self.decided_authors = {
            m.get(W + "author") for _, seg in self.units for m in seg.members if id(m) not in self.survived
        }

    def element(
        self, settled: set[str | None], properties_of: etree._Element | None = None
    ) -> etree._Element:
        """The rebuilt paragraph; paragraph-mark revisions by ``settled`` authors are decided,
        and ``properties_of`` (a paragraph this one absorbs) gives the paragraph properties."""
        units, keep, survived, marks = self.units, self.keep, self.survived, self.marks

        def chain_of(seg: LinePart | None, j: int | None = None) -> tuple[etree._Element, ...]:
            own = (
                ()
                if seg is None
                else tuple(w for w in seg.chain if w.tag not in REVISIONS or id(w) in survived)
            )
            mark = marks[j] if j is not None and j < len(marks) else None
            return own if mark is None else (*own, mark)

        pieces: list[_Piece] = []
        for i in range(len(units) + 1):
            for seg in self.zero.get(i, ()):
                pieces.append(_Piece(chain_of(seg), seg.run, seg.node))
            if i in self.inserted:
                like = _nearest_text(units, i)
                for j in self.inserted[i]:
                    pieces.append(_Piece(chain_of(like, j), like.run if like else None, self.new_text[j]))
            if i < len(units) and keep[i]:
                ch, seg = units[i]
                if seg.role == "text":
                    pieces.append(_Piece(chain_of(seg, self.at[i]), seg.run, ch))
                elif seg.role == "element":
                    pieces.append(_Piece(chain_of(seg, self.at[i]), seg.run, seg.node))
        assert self.para.element is not None
        p = _assemble(self.para.element, pieces, settled, properties_of, self.unformat)
        if self.paragraph_mark is not None:
            ppr = p.find(W + "pPr")
            if ppr is None:
                ppr = etree.SubElement(p, W + "pPr")
                p.insert(0, ppr)
            rpr = ppr.find(W + "rPr")
            if rpr is None:
                rpr = etree.SubElement(ppr, W + "rPr")
                # rPr comes after every other paragraph property but sectPr and pPrChange
                for later in (W + "sectPr", W + "pPrChange"):
                    el = ppr.find(later)
                    if el is not None:
                        el.addprevious(rpr)
                        break
            rpr.insert(0, copy.deepcopy(self.paragraph_mark))
        return p


# The notation's syntax (a tag, a bracket, strokes) is one token that never pairs with text, so
# that a space or a letter of the new line is never matched into a tag that went ("8.  To",
# "Commit tostrengthen"); words, spaces and punctuation are tokens of their own.
_TOKEN = re.compile(r"\[[^\[\]:~\n]{1,80}:[ \u00a0]?|~~|[\[\]]|\w+|\s+|.", re.DOTALL)
_SYNTAX = re.compile(r"\[|\]|~~")
_NEVER = "\ufffe"  # a noncharacter: never in a line, so syntax masked with it pairs with nothing


def align(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``old`` to ``new`` by character, found by token: equal tokens pair
    whole, and a changed stretch is paired by character with its syntax masked. Common edges are
    trimmed first and frequent tokens (spaces, "the") only extend matches, so a long paragraph
    costs about its length."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_at = _starts(a)
    b_at = _starts(b)
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, a_at[head], 0, b_at[head]))
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=True)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag != "replace":
            ops.append((tag, a_at[i1], a_at[i2], b_at[j1], b_at[j2]))
            continue
        x = "".join(_NEVER * len(t) if _SYNTAX.match(t) else t for t in a[i1:i2])
        y = "".join(b[j1:j2])
        for t, k1, k2, m1, m2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
            ops.append((t, a_at[i1] + k1, a_at[i1] + k2, b_at[j1] + m1, b_at[j1] + m2))
    if tail:
        ops.append(("equal", a_at[len(a) - tail], len(old), b_at[len(b) - tail], len(new)))
    return ops


def _starts(tokens: list[str]) -> list[int]:
    """Where each token starts, and the end after the last."""
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _nearest_text(units: list[tuple[str, LinePart]], i: int) -> LinePart | None:
    for j in [*range(i - 1, -1, -1), *range(i, len(units))]:
        seg: LinePart = units[j][1]
        if seg.role == "text":
            return seg
    return None


def _assemble(
    p: etree._Element,
    pieces: list[_Piece],
    settled: set[str | None],
    properties_of: etree._Element | None,
    unformat: dict[int, tuple[str, ...]],
) -> etree._Element:
    new_p = copy.deepcopy(p)  # keeps the attributes and the namespace declarations in scope
    for child in list(new_p):
        if child.tag != W + "pPr":
            new_p.remove(child)
    if properties_of is not None:
        for child in new_p.findall(W + "pPr"):
            new_p.remove(child)
        ppr = properties_of.find(W + "pPr")
        if ppr is not None:
            new_p.insert(0, copy.deepcopy(ppr))
    _settle_mark_revisions(new_p, settled)
    stack: list[tuple[etree._Element | None, etree._Element]] = [(None, new_p)]
    run_of: etree._Element | None = None
    new_run: etree._Element | None = None
    text_el: etree._Element | None = None
    for piece in pieces:
        depth = 0
        while (
            depth < len(piece.chain) and depth + 1 < len(stack) and stack[depth + 1][0] is piece.chain[depth]
        ):
            depth += 1
        if depth + 1 < len(stack) or len(piece.chain) > depth:
            del stack[depth + 1 :]
            for w in piece.chain[depth:]:
                stack.append((w, _shallow(w, stack[-1][1])))
            run_of = new_run = text_el = None
        container = stack[-1][1]
        if piece.run is None:
            if isinstance(piece.content, str):
                if new_run is None or run_of is not None or text_el is None:
                    new_run = etree.SubElement(container, W + "r")
                    run_of = None
                    text_el = _text(new_run, piece.content, any(w.tag in DELETIONS for w in piece.chain))
                else:
                    text_el.text = (text_el.text or "") + piece.content
                    _preserve(text_el)
            else:
                container.append(copy.deepcopy(piece.content))
                run_of = new_run = text_el = None
            continue
        if run_of is not piece.run or new_run is None:
            new_run = etree.SubElement(container, piece.run.tag, attrib=dict(piece.run.attrib))
            rpr = piece.run.find(W + "rPr")
            if rpr is not None:
                rpr = copy.deepcopy(rpr)
                for prop in unformat.get(id(piece.run), ()):
                    for el in rpr.findall(W + prop):
                        rpr.remove(el)
                new_run.append(rpr)
            run_of, text_el = piece.run, None
        if isinstance(piece.content, str):
            deleted = any(w.tag in DELETIONS for w in piece.chain)
            if text_el is not None and text_el.tag == (DEL_TEXT if deleted else T):
                text_el.text = (text_el.text or "") + piece.content
                _preserve(text_el)
            else:
                text_el = _text(new_run, piece.content, deleted)
        else:
            new_run.append(copy.deepcopy(piece.content))
            text_el = None
    return new_p


def _text(run: etree._Element, text: str, deleted: bool) -> etree._Element:
    el = etree.SubElement(run, DEL_TEXT if deleted else T)
    el.text = text
    _preserve(el)
    return el


def _preserve(el: etree._Element) -> None:
    text = el.text or ""
    if text[:1].isspace() or text[-1:].isspace():
        el.set(_XML_SPACE, "preserve")


def _shallow(wrapper: etree._Element, parent: etree._Element) -> etree._Element:
    """A copy of a wrapper around runs (hyperlink, revision, content control) with its own
    properties and no content; returns where its content goes."""
    new = etree.SubElement(parent, wrapper.tag, attrib=dict(wrapper.attrib))
    if wrapper.tag == _SDT:
        for child in wrapper:
            if child.tag != _SDT_CONTENT:
                new.append(copy.deepcopy(child))
        return etree.SubElement(new, _SDT_CONTENT)
    for child in wrapper:
        if isinstance(child.tag, str) and child.tag.endswith("Pr"):
            new.append(copy.deepcopy(child))
    return new


def new_paragraph(like: etree._Element, text: str) -> etree._Element:
    """A paragraph holding ``text`` in the formatting of paragraph ``like`` (its paragraph
    properties but its numbering and revision marks, the first run's character formatting)."""
    p = copy.deepcopy(like)
    first_run = next(iter(p.iter(W + "r")), None)
    rpr = first_run.find(W + "rPr") if first_run is not None else None
    rpr = copy.deepcopy(rpr) if rpr is not None else None
    for child in list(p):
        if child.tag != W + "pPr":
            p.remove(child)
    ppr = p.find(W + "pPr")
    if ppr is not None:
        for drop in (W + "numPr", W + "rPr", W + "sectPr", W + "pPrChange"):
            for el in ppr.findall(drop):
                ppr.remove(el)
    run = etree.SubElement(p, W + "r")
    if rpr is not None:
        for el in list(rpr):
            if el.tag in (W + "ins", W + "del", W + "rPrChange"):
                rpr.remove(el)
        run.append(rpr)
    _text(run, text, deleted=False)
    return p


def mark_revisions(p: etree._Element) -> list[tuple[str, str | None]]:
    """The paragraph mark's own revisions: ("ins" or "del", author)."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return []
    return [(m.tag[len(W) :], m.get(W + "author")) for m in rpr if m.tag in (W + "ins", W + "del")]


def _settle_mark_revisions(p: etree._Element, settled: set[str | None]) -> None:
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return
    for mark in list(rpr):
        if mark.tag in (W + "ins", W + "del") and mark.get(W + "author") in settled:
            rpr.remove(mark)


# --------------------------------------------------------------------------- splicing bytes


def paragraph_spans(xml: bytes, root: etree._Element) -> list[tuple[int, int]] | None:
    """Byte spans of every ``w:p`` of the part, in document order, found by scanning the bytes
    (so unchanged paragraphs can be left exactly as they were); None when the scan does not
    agree with the parsed tree."""
    prefix = next((k for k, v in root.nsmap.items() if v == W[1:-1] and k), None)
    if prefix is None:
        return None
    name = re.escape(prefix.encode())
    tok = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(/?)" + name + rb":p(?=[\s/>])[^>]*>", re.S)
    spans: list[tuple[int, int]] = []
    open_: list[int] = []
    for m in tok.finditer(xml):
        if m.group(1) is None:
            continue
        if m.group(1) == b"/":
            if not open_:
                return None
            spans.append((open_.pop(), m.end()))
        elif m.group(0).endswith(b"/>"):
            spans.append((m.start(), m.end()))
        else:
            open_.append(m.start())
    spans.sort()
    if open_ or len(spans) != sum(1 for _ in root.iter(P)):
        return None
    return spans


def fragment(p: etree._Element, root: etree._Element) -> bytes:
    """A rebuilt paragraph's XML to splice in: without the namespace declarations the part's
    root already makes."""
    data: bytes = etree.tostring(p, encoding="utf-8")
    end = data.index(b">")
    head = data[:end]
    for prefix, uri in root.nsmap.items():
        attr = (b"xmlns" if prefix is None else b"xmlns:" + prefix.encode()) + b'="' + uri.encode() + b'"'
        head = head.replace(b" " + attr, b"")
    return head + data[end:]
