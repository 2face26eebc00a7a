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
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher

from lxml import etree

from ...read.docx.paragraphs import (
    DEL,
    DEL_TEXT,
    DELETIONS,
    INS,
    REVISIONS,
    TAB,
    LinePart,
    P,
    T,
    W,
    WordParagraph,
)

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SDT, _SDT_CONTENT = W + "sdt", W + "sdtContent"


def paragraph_pairs(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[int | None, int | None, bool]]:
    """(old index, new index, moved) in the new text's order: both for a paragraph kept
    (perhaps changed), old only for one removed, new only for one added; ``moved`` for a
    paragraph found unchanged at another place (a move decided), which goes there whole, its
    formatting, comments and revisions with it, and is not yielded where it was."""
    opcodes = SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()
    moves = _moves(old, new, opcodes)
    gone = set(moves.values())
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            yield from ((i, j, False) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        olds = [i for i in range(i1, i2) if i not in gone]
        news = [j for j in range(j1, j2) if j not in moves]
        rest = list(_pairs_of(old, new, olds, news))
        for j in sorted(j for j in range(j1, j2) if j in moves):
            # placed before the first pairing that goes after it in the new text
            at = next((k for k, (_, nj) in enumerate(rest) if nj is not None and nj > j), len(rest))
            rest.insert(at, (moves[j], j))
        yield from ((i, j, j in moves) for i, j in rest)
    # (a moved paragraph changed as well is rebuilt, then placed: ``moved`` with its new line)


def _moves(
    old: Sequence[str], new: Sequence[str], opcodes: Sequence[tuple[str, int, int, int, int]]
) -> dict[int, int]:
    """The paragraphs outside the blocks kept in order that stand unchanged elsewhere: new
    index → old index."""
    loose: dict[str, list[int]] = {}
    for tag, i1, i2, _, _ in opcodes:
        for i in range(i1, i2) if tag != "equal" else ():
            if old[i].strip():
                loose.setdefault(old[i], []).append(i)
    moves: dict[int, int] = {}
    for tag, _, _, j1, j2 in opcodes:
        for j in range(j1, j2) if tag != "equal" else ():
            found = loose.get(new[j])
            if found:
                moves[j] = found.pop(0)
    moves.update(_moved_and_changed(old, new, opcodes, moves))
    moves.update(_moved_within(old, new, opcodes, moves))
    return moves


def _moved_and_changed(
    old: Sequence[str],
    new: Sequence[str],
    opcodes: Sequence[tuple[str, int, int, int, int]],
    moves: dict[int, int],
) -> dict[int, int]:
    """Paragraphs moved to another block and changed there (a move accepted with a proposal
    in the paragraph): the same label and words alike (within one block, ``_moved_within``)."""
    block_of = {}
    for n, (tag, i1, i2, _, _) in enumerate(opcodes):
        block_of.update({i: n for i in range(i1, i2)} if tag != "equal" else {})
    taken = set(moves.values())
    found: dict[int, int] = {}
    for n, (tag, _, _, j1, j2) in enumerate(opcodes):
        for j in range(j1, j2) if tag != "equal" else ():
            if j in moves:
                continue
            i = _one_alike(old, (i for i, b in block_of.items() if b != n), new[j], taken)
            if i is not None:  # one paragraph only: otherwise the block's pairing decides
                found[j] = i
                taken.add(i)
    return found


def _moved_within(
    old: Sequence[str],
    new: Sequence[str],
    opcodes: Sequence[tuple[str, int, int, int, int]],
    moves: dict[int, int],
) -> dict[int, int]:
    """Paragraphs moved and changed within one block (paragraph 3 moved before paragraph 1,
    a proposal accepted in each of them): each paragraph found by its label and words among
    the block's old ones, and those out of their old order moved; the block's own pairing,
    in order, would rebuild each from another's runs."""
    from ...diff import off_order

    taken = set(moves.values())
    found: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        paired: list[tuple[int, int]] = []
        for j in (j for j in range(j1, j2) if j not in moves):
            i = _one_alike(old, range(i1, i2), new[j], taken)
            if i is not None:
                paired.append((j, i))
                taken.add(i)
        out_of_order = off_order([i for _, i in paired], [1] * len(paired))
        found.update((j, i) for j, i in paired if i in out_of_order)
    return found


def _one_alike(old: Sequence[str], among: Iterable[int], line: str, taken: set[int]) -> int | None:
    """The one old paragraph ``among`` those not ``taken`` with ``line``'s label and words
    alike; None when there is none, or several."""
    label = _LEADING_LABEL.match(line)
    if label is None:
        return None
    best = [
        i for i in among if i not in taken and old[i].startswith(label.group()) and _ratio(old[i], line) > 1.1
    ]
    return best[0] if len(best) == 1 else None


def _pairs_of(
    old: Sequence[str], new: Sequence[str], olds: list[int], news: list[int]
) -> Iterator[tuple[int | None, int | None]]:
    """``olds`` against ``news`` (the paragraphs of one changed block, moves aside)."""
    if not news:
        yield from ((i, None) for i in olds)
    elif not olds:
        yield from ((None, j) for j in news)
    else:
        sub_old, sub_new = [old[i] for i in olds], [new[j] for j in news]
        for a, b in _pair_block(sub_old, sub_new, 0, len(olds), 0, len(news)):
            yield (olds[a] if a is not None else None), (news[b] if b is not None else None)


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
            r = _ratio(old[i1 + a], new[j1 + b])
            score[a][b] = max(score[a + 1][b], score[a][b + 1], score[a + 1][b + 1] + r)
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
    """How alike an old paragraph's line ``x`` is to a decided line ``y``: by their words with
    the notation's marks taken out of ``x`` (a decision takes them out), and the same label
    counting for much (the paragraph a decision changed keeps its number); -1 when unlike."""
    words = _MARKS.sub("", x)
    r = SequenceMatcher(None, words, y, autojunk=False).quick_ratio()
    label = _LEADING_LABEL.match(x)
    if label is not None and (y.startswith(label.group()) or y == label.group().rstrip()):
        r += 0.5  # (a heading a decision leaves as its number alone, "II.", is that heading)
    return r if r > 0.3 else -1


_MARKS = re.compile(r"\[[^\[\]:~\n]{1,80}:[ \u00a0]?|~~|[\[\]\u2060]")
# a paragraph's number, "4.bis. ", "(a) ", or a section's, "II. ", "A. "
_LEADING_LABEL = re.compile(r"\(?(?:[0-9]+(?:\.[a-z]+)*[.)]?|(?:[IVXLC]+|[A-Za-z])[.)])\s")


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
    the change decided, and the paragraph rebuilt. The line's pieces are kept as ranges of the
    old line, never a character at a time, so a page-long paragraph costs about its length."""

    def __init__(
        self,
        para: WordParagraph,
        new_text: str | None,
        marks: Sequence[etree._Element | tuple[etree._Element, ...] | None] = (),
        paragraph_mark: etree._Element | None = None,
        note_decided: bool = False,
    ):
        """``marks``: for each character of ``new_text``, the revision (an unattached ``w:ins`` or
        ``w:del``, or a tuple of them nested outermost first) to write it in, or None; one
        element stands for one revision.
        ``paragraph_mark``: a revision of the paragraph mark itself (a paragraph inserted or
        deleted whole).
        ``note_decided``: the deletion note the paragraph's whole-paragraph deletion stands for
        (``WordParagraph.noted``) was decided, and the paragraph stays: the deletion goes."""
        self.para = para
        self.paragraph_mark = paragraph_mark
        # comments to anchor on joint proposals' revisions: (comment id, revision ids)
        self.joint: list[tuple[str, frozenset[str]]] = []
        self.note_standing = bool(para.noted) and not note_decided
        self.removed = new_text is None
        self.marks = marks
        self.new_text = new_text or ""
        self.spans, self.zero = _spans(para)
        self.old = "".join(seg.text for _, _, seg in self.spans)
        # where each revision's bracket closes in the old line, by revision: new characters typed
        # after it are not its words, whatever text of it stands after (a space it held, shown
        # outside the bracket)
        self.closes = _closings(self.spans)
        self.ops, self.survived = _aligned(self.spans, self.old, self.new_text, self.closes)
        if not note_decided:
            self.survived |= {id(e) for e in para.noted}
        gone = {id(m): m for m in _members(self.spans) if id(m) not in self.survived}
        gone.update({id(e): e for e in para.noted if note_decided})
        # runs marked by formatting whose proposal was decided lose the marking
        self.unformat = {k: para.unformat.get(k, ()) for k, m in gone.items() if m.tag == W + "r"}
        self.decided_authors = {m.get(W + "author") for m in gone.values()}
        self.dropped = _dropped(self.spans, self.ops, self.survived)
        self.authors = {k: a for k, a in para.authored.items() if k in self.survived}
        self.authors.update(_shared(para, self.survived))

    def element(
        self, settled: set[str | None], properties_of: etree._Element | None = None
    ) -> etree._Element:
        """The rebuilt paragraph; paragraph-mark revisions by ``settled`` authors are decided,
        and ``properties_of`` (a paragraph this one absorbs) gives the paragraph properties."""
        build = _Pieces(self)
        for tag, i1, i2, j1, j2 in self.ops:
            if tag in ("insert", "replace") and j2 > j1:
                build.inserted(i1, j1, j2)
            if tag == "equal":
                build.kept(i1, i2, j1)
        build.markers_before(len(self.old))
        assert self.para.element is not None
        p = _assemble(self.para.element, build.pieces, settled, properties_of, self.unformat, self.authors)
        if self.paragraph_mark is not None:
            _mark_paragraph(p, self.paragraph_mark)
        for cid, revisions in self.joint:
            _comment_range(p, cid, revisions)
        return p


def _shared(para: WordParagraph, survived: set[int]) -> dict[int, str]:
    """What rival versions share (``WordParagraph.shared``) that stays, by the versions that
    stay: a deletion while any does, a " / " while two that insert do (else taken out of
    ``survived``), its author then those versions (rejecting the EU's version of "~~a~~ b / c"
    leaves the US's deletion of "a")."""
    out: dict[int, str] = {}

    def standing(version: etree._Element) -> bool:
        return id(version) in survived

    for key, shared in para.shared.items():
        if key not in survived:
            continue
        if not shared.separator or shared.inserting(standing) >= 2:
            out[key] = shared.author(standing, para.authored)
        else:
            survived.discard(key)
    return out


def strike_rest(p: etree._Element, like: etree._Element, new_id: Callable[[], str]) -> None:
    """Every run of ``p`` showing text outside a deletion put in a deletion like ``like``
    (its author and date, an id of its own): the paragraph a standing deletion note names is
    deleted whole, whatever a decision left in it (words it kept, or placed from elsewhere)."""
    for run in list(p.iter(W + "r")):
        texts = run.findall(T)
        if not (texts or run.find(TAB) is not None) or any(a.tag in DELETIONS for a in run.iterancestors()):
            continue
        struck = etree.Element(W + "del", attrib=dict(like.attrib))
        struck.set(W + "id", new_id())
        run.addprevious(struck)
        struck.append(run)
        for t in texts:
            t.tag = DEL_TEXT


def _comment_range(p: etree._Element, cid: str, revisions: frozenset[str]) -> None:
    """Comment ``cid`` anchored on ``p``'s revisions ``revisions`` (by id): its range from the
    first to the last, its reference after them, all beside them (a reader finds revisions
    side by side as they stand)."""
    found = [el for el in p.iter(INS, DEL) if el.get(W + "id") in revisions]
    if not found:
        return
    first, last = _child_of(p, found[0]), _child_of(p, found[-1])
    first.addprevious(etree.Element(W + "commentRangeStart", {W + "id": cid}))
    end = etree.Element(W + "commentRangeEnd", {W + "id": cid})
    last.addnext(end)
    run = etree.Element(W + "r")
    etree.SubElement(run, W + "commentReference", {W + "id": cid})
    end.addnext(run)


def _child_of(p: etree._Element, el: etree._Element) -> etree._Element:
    while el.getparent() is not p:
        el = el.getparent()
    return el


def _mark_paragraph(p: etree._Element, mark: etree._Element) -> None:
    """A revision of the paragraph mark itself, in the paragraph's run properties."""
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
    rpr.insert(0, copy.deepcopy(mark))


class _Pieces:
    """A rebuilt paragraph's pieces in order: markers where they stood, the new line's own
    characters in the formatting of the nearest text, the kept stretches in their own runs; cut
    wherever the revision the new characters go in changes."""

    def __init__(self, plan: Rebuild):
        self.plan = plan
        self.pieces: list[_Piece] = []
        self.starts = [a for a, _, _ in plan.spans]
        marks = plan.marks
        # where the revision the new characters go in changes (tracked mode only)
        self.cuts = [j for j in range(1, len(marks)) if marks[j] is not marks[j - 1]]
        self.markers = sorted(plan.zero)
        self.next_marker = 0
        self.struck_once: set[int] = set()  # rival versions' shared deletions already placed
        # the " / " placed between rival versions, by their versions: as many as stay, less one
        self.separators: dict[int, set[int]] = {}
        self.closes = plan.closes
        self.opens = _openings(plan.spans)

    def chain_of(self, seg: LinePart | None, j: int | None = None) -> tuple[etree._Element, ...]:
        survived, marks = self.plan.survived, self.plan.marks
        own = (
            () if seg is None else tuple(w for w in seg.chain if w.tag not in REVISIONS or id(w) in survived)
        )
        mark = marks[j] if j is not None and j < len(marks) else None
        if mark is None:
            return own
        # a revision, or revisions nested outermost first (a deletion inside an insertion)
        return (*own, *mark) if isinstance(mark, tuple) else (*own, mark)

    def split(self, j1: int, j2: int) -> list[tuple[int, int]]:
        """[j1, j2) of the new line cut where its revision changes."""
        inner = self.cuts[bisect_right(self.cuts, j1) : bisect_left(self.cuts, j2)]
        return list(itertools.pairwise([j1, *inner, j2]))

    def markers_before(self, upto: int) -> None:
        """The markers standing before old character ``upto`` (and all before it)."""
        while self.next_marker < len(self.markers) and self.markers[self.next_marker] <= upto:
            for seg in self.plan.zero[self.markers[self.next_marker]]:
                if seg.role == "object" and any(id(w) in self.plan.dropped for w in seg.chain):
                    continue  # a footnote reference or drawing goes with the inserted text it was in
                self.pieces.append(_Piece(self.chain_of(seg), seg.run, seg.node))
            self.next_marker += 1

    def placed_already(self, seg: LinePart) -> bool:
        """Whether ``seg`` is not to be placed: words of a deletion rival versions share that
        are in the paragraph already (in Word they stand once, however many versions strike
        them), or a " / " between them that goes."""
        shared = next((w for w in seg.chain if id(w) in self.plan.para.shared), None)
        if shared is None or seg.role not in ("text", "element"):
            return False
        if shared.tag not in DELETIONS:
            return not self.separator_placed(shared)
        if seg.echo and id(shared) in self.struck_once:
            return True
        if seg.text.strip():  # (a space read before the brackets is not the words)
            self.struck_once.add(id(shared))
        return False

    def separator_placed(self, separator: etree._Element) -> bool:
        """Whether a " / " between rival versions is placed: one fewer than the versions that
        insert words and stay, whichever of them the new line kept."""
        if id(separator) not in self.plan.survived:
            return False
        shared = self.plan.para.shared[id(separator)]
        placed = self.separators.setdefault(id(shared.versions), set())
        if (
            id(separator) not in placed
            and len(placed) < shared.inserting(lambda v: id(v) in self.plan.survived) - 1
        ):
            placed.add(id(separator))
        return id(separator) in placed

    def nearest_text(self, i: int) -> LinePart | None:
        spans = self.plan.spans
        k = bisect_right(self.starts, i - 1) - 1 if i > 0 else -1
        for x in [*range(k, -1, -1), *range(k + 1, len(spans))]:
            seg: LinePart = spans[x][2]
            if seg.role == "text":
                return seg
        return None

    def held_in(self, seg: LinePart, i: int) -> tuple[etree._Element, ...]:
        """The insertion still standing whose bracket holds the words of an insertion accepted
        (``seg``, at old character ``i``), when they have none of their own: Word has no
        insertion inside an insertion, so a delegation's words inside another's new paragraph
        stand between two pieces of it, and accepted, they are that paragraph's words (plain,
        they would part it into two brackets with agreed text between)."""
        survived = self.plan.survived
        if not any(w.tag == INS and id(w) not in survived for w in seg.chain) or any(
            w.tag == INS and id(w) in survived for w in seg.chain
        ):
            return ()
        holding = [
            (at, w)
            for w, at in self.opens.values()
            if at < i < self.closes.get(id(w), -1) and id(w) in survived
        ]
        return (max(holding, key=lambda x: x[0])[1],) if holding else ()

    def inserted(self, i1: int, j1: int, j2: int) -> None:
        """New characters [j1, j2) placed before old character ``i1``: in the runs and
        revisions of the text nearest before them, but outside a revision whose bracket closes
        before them (typed after "[EU: words]", they are not EU's words)."""
        self.markers_before(i1)
        like = self.nearest_text(i1)
        for a, z in self.split(j1, j2):
            chain = tuple(w for w in self.chain_of(like, a) if self.closes.get(id(w), i1 + 1) > i1)
            self.pieces.append(_Piece(chain, like.run if like else None, self.plan.new_text[a:z]))

    def kept(self, i1: int, i2: int, j1: int) -> None:
        """Old characters [i1, i2), kept as new ones from ``j1``: cut at pieces' edges, markers
        and changes of revision."""
        spans, old = self.plan.spans, self.plan.old
        k = max(bisect_right(self.starts, i1) - 1, 0)
        i = i1
        while i < i2:
            _, z, seg = spans[k]
            if z <= i:
                k += 1
                continue
            end = min(z, i2)
            if self.next_marker < len(self.markers) and i < self.markers[self.next_marker] < end:
                end = self.markers[self.next_marker]
            self.markers_before(i)
            shift = i1 - j1  # an old offset is the new one plus this, in this stretch
            if self.placed_already(seg):
                pass
            elif seg.role == "text":
                held = self.held_in(seg, i)
                for x, y in self.split(i - shift, end - shift):
                    chain = (*held, *self.chain_of(seg, x))
                    self.pieces.append(_Piece(chain, seg.run, old[x + shift : y + shift]))
            elif seg.role == "element":
                for x in range(i, end):
                    self.pieces.append(_Piece(self.chain_of(seg, x - shift), seg.run, seg.node))
            i = end


# The notation's syntax (a tag, a bracket, strokes) is one token that never pairs with text, so
# that a space or a letter of the new line is never matched into a tag that went ("8.  To",
# "Commit tostrengthen"); words, spaces and punctuation are tokens of their own.
_TAG_OPENING = r"\[[^\[\]:~\n]{1,80}:"  # "[US:", as a bracket's tag opens it
_TOKEN = re.compile(_TAG_OPENING + r"[ \u00a0]?|~~|[\[\]\U000F0000-\U000FFFFD]|\w+|\s+|.", re.DOTALL)
_TAG = re.compile(_TAG_OPENING)
_SYNTAX = re.compile(r"\[|\]|~~|[\U000F0000-\U000FFFFD]")
_OPENER = re.compile(_TAG_OPENING + r"[ \u00a0]?|\[|\]")
_OWNED = 0xF0000  # closing brackets, one private-use character per tag they close


def _owned(text: str, owners: dict[str, str]) -> str:
    """``text`` with each closing bracket written as a character of its own for the tag of
    the bracket it closes (the same length): in "[EU: [US: ~~w~~]]" with EU's bracket
    decided, the "]" left is US's, and pairing it with EU's would take US's revision for
    decided too."""
    if "]" not in text:
        return text
    out: list[str] = []
    stack: list[str] = []
    last = 0
    for m in _OPENER.finditer(text):
        token = m.group()
        if token != "]":
            stack.append(token.rstrip(" \u00a0"))
            continue
        if not stack:
            continue
        tag = stack.pop()
        mark = owners.setdefault(tag, chr(_OWNED + len(owners)))
        out += (text[last : m.start()], mark)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


_NEVER = "\ufffe"  # a noncharacter: never in a line, so syntax masked with it pairs with nothing


def align(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``old`` to ``new`` by character: the edges the two share are
    compared as strings, and only the stretch between is tokenised and paired (``_align``).
    A closing bracket pairs only with one that closes a bracket of the same tag."""
    owners: dict[str, str] = {}
    old, new = _owned(old, owners), _owned(new, owners)
    head, tail = _shared_edges(old, new)
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in _align(old[head : len(old) - tail], new[head : len(new) - tail]):
        ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return ops


def _shared_edges(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at their start and at their end (found by
    comparing halves, in C), never cutting a tag in two (its tail would pair as text)."""
    most = min(len(old), len(new))
    low, high = 0, most
    while low < high:
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    head = low
    opening = old.rfind("[", 0, head)
    if opening >= 0 and old.rfind("]", 0, head) < opening:
        head = opening  # an open bracket's tag may run on past the shared start
    low, high = 0, most - head
    while low < high:
        mid = (low + high + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            low = mid
        else:
            high = mid - 1
    tail = low
    end = len(old) - tail
    opening = old.rfind("[", head, end)
    if opening >= 0:
        tag = _TOKEN.match(old, opening)
        if tag is not None and tag.end() > end:
            tail = len(old) - tag.end()  # the tag stays whole in the stretch between
    return head, max(tail, 0)


def _align(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``old`` to ``new`` by character, found by token in one pass: equal
    tokens pair whole; where they part, the nearest place they agree again (a few tokens alike)
    is found within a window, and the stretch between is paired by character with its syntax
    masked. A decision's new line is its old one with tags, brackets and decided words taken out
    and a few words or spaces put in, so this costs about the paragraph's length, where difflib
    over a long paragraph of common words takes time growing with its square."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    a_at, b_at = _starts(a), _starts(b)
    ops: list[tuple[str, int, int, int, int]] = []

    def emit(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if tag == "replace" and _unwrapped(a, i1, i2, b, j1, j2, a_at, b_at, ops):
            return
        if tag == "replace":
            x = "".join(_NEVER * len(t) if _SYNTAX.match(t) else t for t in a[i1:i2])
            y = "".join(b[j1:j2])
            for t, k1, k2, m1, m2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
                ops.append((t, a_at[i1] + k1, a_at[i1] + k2, b_at[j1] + m1, b_at[j1] + m2))
            return
        if ops and ops[-1][0] == tag == "equal" and ops[-1][2] == a_at[i1]:
            ops[-1] = ("equal", ops[-1][1], a_at[i2], ops[-1][3], b_at[j2])
            return
        ops.append((tag, a_at[i1], a_at[i2], b_at[j1], b_at[j2]))

    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            k = _run(a, b, i, j)
            emit("equal", i, i + k, j, j + k)
            i, j = i + k, j + k
            continue
        di, dj = _resync(a, b, i, j)
        if di < 0:  # nothing alike again within the window: the rest by character
            break
        tag = "replace" if di and dj else ("delete" if di else "insert")
        emit(tag, i, i + di, j, j + dj)
        i, j = i + di, j + dj
    if i < len(a) or j < len(b):
        emit(
            "replace" if i < len(a) and j < len(b) else ("delete" if i < len(a) else "insert"),
            i,
            len(a),
            j,
            len(b),
        )
    return ops


def _unwrapped(
    a: list[str],
    i1: int,
    i2: int,
    b: list[str],
    j1: int,
    j2: int,
    a_at: list[int],
    b_at: list[int],
    ops: list[tuple[str, int, int, int, int]],
) -> bool:
    """Pair ``a[i1:i2]`` with ``b[j1:j2]`` when the new tokens are the old ones with their
    syntax (tags, brackets, strokes) taken out, as an accepted proposal's are: the syntax is
    deleted and the words stay equal, token by token, without a character diff. False (nothing
    paired) otherwise."""
    words = [k for k in range(i1, i2) if not _SYNTAX.match(a[k])]
    if [a[k] for k in words] != b[j1:j2]:
        return False
    kept = set(words)
    j = j1
    for k in range(i1, i2):
        if k in kept:
            op = ("equal", a_at[k], a_at[k + 1], b_at[j], b_at[j + 1])
            j += 1
        else:
            op = ("delete", a_at[k], a_at[k + 1], b_at[j], b_at[j])
        last = ops[-1] if ops else None
        if last is not None and last[0] == op[0] and last[2] == op[1] and last[4] == op[3]:
            ops[-1] = (op[0], last[1], op[2], last[3], op[4])
        else:
            ops.append(op)
    return True


_WINDOW = 64  # tokens looked ahead for the place two lines agree again
_AGREE = 3  # tokens alike in a row that make that place


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (fewest tokens skipped on both sides) place past ``a[i]`` and ``b[j]`` where
    ``_AGREE`` tokens in a row are alike, or run to both ends; (-1, -1) when there is none
    within the window."""
    later = _same_tag_later(a, b, i, j)
    if later is not None:
        return later, 0
    # most places are a tag or a bracket taken out, a word or a space put in: a few tokens on
    near = _resync_near(a, b, i, j)
    if near is not None:
        return near
    where: dict[str, list[int]] = {}
    for dj in range(min(_WINDOW, len(b) - j) + 1):
        where.setdefault(b[j + dj] if j + dj < len(b) else "", []).append(dj)
    best = (-1, -1)
    for di in range(min(_WINDOW, len(a) - i) + 1):
        if best[0] >= 0 and di >= sum(best):
            break
        token = a[i + di] if i + di < len(a) else ""
        for dj in where.get(token, ()):
            if best[0] >= 0 and di + dj >= sum(best):
                break
            if (di, dj) != (0, 0) and _agree(a, b, i + di, j + dj):
                best = (di, dj)
                break
    return best


def _same_tag_later(a: list[str], b: list[str], i: int, j: int) -> int | None:
    """Where, past ``a[i]``, the bracket ``b[j]`` opens stands when both are a bracket's tag
    and differ: the old one was decided away (a rival version rejected) and the new one is
    further on."""
    if not (_TAG.match(a[i]) and _TAG.match(b[j])):
        return None
    for di in range(1, min(_WINDOW, len(a) - i)):
        if a[i + di] == b[j] and _agree(a, b, i + di, j):
            return di
    return None


_NEAR = 4  # tokens skipped, on both sides together, that _resync_near looks at


def _resync_near(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int] | None:
    """``_resync``'s answer when it skips at most ``_NEAR`` tokens in all (tried in the same
    order: fewest skipped first, then fewest on ``a``'s side), else None."""
    for total in range(1, _NEAR + 1):
        for di in range(total + 1):
            dj = total - di
            if i + di > len(a) or j + dj > len(b):
                continue
            x = a[i + di] if i + di < len(a) else ""
            y = b[j + dj] if j + dj < len(b) else ""
            if x == y and _agree(a, b, i + di, j + dj):
                return di, dj
    return None


def _agree(a: list[str], b: list[str], i: int, j: int) -> bool:
    for k in range(_AGREE):
        x = a[i + k] if i + k < len(a) else None
        y = b[j + k] if j + k < len(b) else None
        if x != y:
            return False
        if x is None:
            return True
    return True


def _run(a: list[str], b: list[str], i: int, j: int) -> int:
    """How many tokens from ``a[i]`` and ``b[j]`` on are alike, found by comparing slices of
    doubling length (in C, not a token at a time in Python)."""
    most = min(len(a) - i, len(b) - j)
    low, step = 0, 1
    while low + step <= most and a[i + low : i + low + step] == b[j + low : j + low + step]:
        low += step
        step *= 2
    while step > 1:
        step //= 2
        if low + step <= most and a[i + low : i + low + step] == b[j + low : j + low + step]:
            low += step
    return low


def _starts(tokens: list[str]) -> list[int]:
    """Where each token starts, and the end after the last."""
    return [0, *itertools.accumulate(map(len, tokens))]


def _spans(para: WordParagraph) -> tuple[list[tuple[int, int, LinePart]], dict[int, list[LinePart]]]:
    """The line's pieces that hold characters, each from its offset; and markers and objects (no
    characters of their own) at the offset they stand before."""
    spans: list[tuple[int, int, LinePart]] = []
    zero: dict[int, list[LinePart]] = {}
    at = 0
    for seg in para.segments:
        if seg.role in ("marker", "object"):
            zero.setdefault(at, []).append(seg)
        elif seg.text:
            spans.append((at, at + len(seg.text), seg))
            at += len(seg.text)
    return spans, zero


def _members(spans: list[tuple[int, int, LinePart]]) -> Iterator[etree._Element]:
    for _, _, seg in spans:
        yield from seg.members


def _surviving(spans: list[tuple[int, int, LinePart]], ops: list[tuple[str, int, int, int, int]]) -> set[int]:
    """The revisions (and runs) of brackets none of whose syntax went: the revisions of a
    bracket stay revisions while all its brackets, tag and strokes are still there; when any
    went, the bracket was decided."""
    covered = _covered([(i1, i2) for tag, i1, i2, _, _ in ops if tag == "equal"])
    broken = {
        id(seg.members[0])
        for a, z, seg in spans
        if seg.role == "syntax" and seg.members and not covered(a, z)
    }
    return {
        id(m) for _, _, seg in spans if seg.members and id(seg.members[0]) not in broken for m in seg.members
    }


def _aligned(
    spans: list[tuple[int, int, LinePart]], old: str, new: str, closes: dict[int, int]
) -> tuple[list[tuple[str, int, int, int, int]], set[int]]:
    """The old line aligned with the new, and the revisions that survive it; aligned again
    with decided versions' echoes masked (``_echoes_masked``) when there are any. ``closes``:
    where each revision's bracket closes (``_closings``)."""
    held = _held_spaces(spans, closes)
    ops = _past_held_spaces(align(old, new), held, old, new)
    survived = _surviving(spans, ops)
    masked = _echoes_masked(spans, old, survived)
    if masked == old:
        return ops, survived
    ops = _past_held_spaces(align(masked, new), held, old, new)
    return ops, _surviving(spans, ops)


def _past_held_spaces(
    ops: list[tuple[str, int, int, int, int]], held: set[int], old: str, new: str
) -> list[tuple[str, int, int, int, int]]:
    """``ops`` with new words typed before the spaces a revision holds after its bracket (in
    "[EU: words] next" the space is EU's, written after the bracket) placed after them, as
    the same words are (" [US: more]" before that space is "[US: more] " after it): placed
    before it, they would stand inside EU's revision, splitting it. ``held``: those spaces
    (``_held_spaces``)."""
    out = list(ops)
    k = 0
    while held and k < len(out) - 1:
        (tag, i1, _, j1, j2), (after, a1, a2, b1, b2) = out[k], out[k + 1]
        n = 0
        while (
            tag == "insert"
            and after == "equal"
            and i1 + n < a2
            and j2 + n < len(new)
            and i1 + n in held
            and new[j1 + n] == old[i1 + n] == new[j2 + n]
        ):
            n += 1
        if 0 < n < a2 - a1:
            out[k : k + 2] = [
                ("equal", i1, i1 + n, j1, j1 + n),
                ("insert", i1 + n, i1 + n, j1 + n, j2 + n),
                ("equal", a1 + n, a2, b1 + n, b2),
            ]
        k += 1
    return out


def _closings(spans: list[tuple[int, int, LinePart]]) -> dict[int, int]:
    """Where each revision's bracket closes in a line (``spans``), by revision (``id``)."""
    return {
        id(m): z
        for _, z, seg in spans
        if seg.role == "syntax" and seg.text.endswith("]")
        for m in seg.members
    }


def _openings(spans: list[tuple[int, int, LinePart]]) -> dict[int, tuple[etree._Element, int]]:
    """The insertions whose bracket opens in a line (``spans``), by ``id``: the first of the
    bracket's insertions (where its words start) and where the bracket opens."""
    out: dict[int, tuple[etree._Element, int]] = {}
    for a, _, seg in spans:
        if seg.role == "syntax" and seg.text.startswith("[") and seg.members and seg.members[0].tag == INS:
            first = seg.members[0]
            out.setdefault(id(first), (first, a))
    return out


def _held_spaces(spans: list[tuple[int, int, LinePart]], closes: dict[int, int]) -> set[int]:
    """The old line's spaces that stand after the closing (``closes``) of a revision holding
    them."""
    out: set[int] = set()
    for a, z, seg in spans:
        if (
            seg.role == "text"
            and not seg.text.strip()
            and any(closes.get(id(w), a + 1) <= a for w in seg.chain)
        ):
            out.update(range(a, z))
    return out


def _echoes_masked(spans: list[tuple[int, int, LinePart]], old: str, survived: set[int]) -> str:
    """``old`` with the words that rival versions decided strike again (echoes of their shared
    deletion, not in the document: ``LinePart.echo``) made unlike any text, so that the new
    line's words pair with words the document holds (a version's insertion repeating them),
    never with an echo, where they would be lost."""
    out: list[str] = []
    owner: etree._Element | None = None
    at = 0
    for a, z, seg in spans:
        if seg.role == "syntax" and seg.members:
            owner = seg.members[0]
        if seg.echo and owner is not None and id(owner) not in survived:
            out.append(old[at:a])
            out.append(_UNLIKE * (z - a))
            at = z
    out.append(old[at:])
    return "".join(out)


_UNLIKE = "\uffff"  # a noncharacter: no draft's text holds it


def _dropped(
    spans: list[tuple[int, int, LinePart]], ops: list[tuple[str, int, int, int, int]], survived: set[int]
) -> set[int]:
    """The decided revisions none of whose text was kept: an inserted passage rejected, a
    deletion accepted. What has no text of its own inside them goes with them."""
    touched = _touched([(i1, i2) for tag, i1, i2, _, _ in ops if tag == "equal"])
    kept: dict[int, bool] = {}
    for a, z, seg in spans:
        if seg.role != "text":
            continue
        for w in seg.chain:
            if w.tag in REVISIONS and id(w) not in survived:
                kept[id(w)] = kept.get(id(w), False) or touched(a, z)
    return {k for k, stays in kept.items() if not stays}


def _touched(ranges: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether any of [a, z) lies in ``ranges`` (sorted, apart)."""
    starts = [a for a, _ in ranges]

    def touched(a: int, z: int) -> bool:
        k = bisect_left(starts, z) - 1
        return k >= 0 and ranges[k][1] > a

    return touched


def _covered(ranges: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether [a, z) lies wholly in ``ranges`` (sorted, apart), those touching end to end one."""
    merged: list[list[int]] = []
    for a, z in ranges:
        if merged and merged[-1][1] == a:
            merged[-1][1] = z
        else:
            merged.append([a, z])
    starts = [a for a, _ in merged]

    def covered(a: int, z: int) -> bool:
        if z <= a:
            return True
        k = bisect_right(starts, a) - 1
        return k >= 0 and merged[k][1] >= z

    return covered


def _assemble(
    p: etree._Element,
    pieces: list[_Piece],
    settled: set[str | None],
    properties_of: etree._Element | None,
    unformat: dict[int, tuple[str, ...]],
    authors: dict[int, str],
) -> etree._Element:
    new_p = _shell(p, settled, properties_of)
    builder = _Runs(new_p, unformat, authors)
    for piece in pieces:
        builder.enter(piece.chain)
        if piece.run is None:
            builder.loose(piece)
        else:
            builder.in_run(piece, piece.run)
    return builder.finish()


def _shell(
    p: etree._Element, settled: set[str | None], properties_of: etree._Element | None
) -> etree._Element:
    """The paragraph with its properties and nothing else: those of ``properties_of`` when it
    takes another's (two paragraphs joined), its mark's decided revisions settled."""
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
    return new_p


class _Runs:
    """A paragraph's content built piece by piece: wrappers (hyperlinks, revisions, content
    controls) opened as the pieces' chains say, runs copied from the pieces' own, text joined
    into as few text elements as the runs allow."""

    def __init__(
        self, p: etree._Element, unformat: dict[int, tuple[str, ...]], authors: dict[int, str]
    ) -> None:
        self.p = p
        self.unformat = unformat
        self.authors = authors  # revisions written with another author (by id)
        self.stack: list[tuple[etree._Element | None, etree._Element]] = [(None, p)]
        self.run_of: etree._Element | None = None  # the source run the current run copies
        self.new_run: etree._Element | None = None
        self.text_el: etree._Element | None = None
        # each text element's pieces, joined once at the end: setting an element's text a
        # character at a time copies the whole text each time (quadratic on a long paragraph)
        self.texts: list[tuple[etree._Element, list[str]]] = []

    def new_text(self, run: etree._Element, content: str, deleted: bool) -> etree._Element:
        el = etree.SubElement(run, DEL_TEXT if deleted else T)
        self.texts.append((el, [content]))
        return el

    def more_text(self, content: str) -> None:
        self.texts[-1][1].append(content)

    def enter(self, chain: tuple[etree._Element, ...]) -> None:
        """Close the wrappers the piece is not in, open those it is in that are not open."""
        stack = self.stack
        depth = 0
        while depth < len(chain) and depth + 1 < len(stack) and stack[depth + 1][0] is chain[depth]:
            depth += 1
        if depth + 1 < len(stack) or len(chain) > depth:
            del stack[depth + 1 :]
            for w in chain[depth:]:
                stack.append((w, _shallow(w, stack[-1][1])))
                if id(w) in self.authors:
                    stack[-1][1].set(W + "author", self.authors[id(w)])
            self.run_of = self.new_run = self.text_el = None

    def loose(self, piece: _Piece) -> None:
        """A piece of no source run: new text in a plain run, or an element as it is."""
        container = self.stack[-1][1]
        if not isinstance(piece.content, str):
            container.append(copy.deepcopy(piece.content))
            self.run_of = self.new_run = self.text_el = None
        elif self.new_run is None or self.run_of is not None or self.text_el is None:
            self.new_run = etree.SubElement(container, W + "r")
            self.run_of = None
            deleted = any(w.tag in DELETIONS for w in piece.chain)
            self.text_el = self.new_text(self.new_run, piece.content, deleted)
        else:
            self.more_text(piece.content)

    def in_run(self, piece: _Piece, run: etree._Element) -> None:
        """A piece of a source run: in a copy of that run (its properties, less any formatting
        the decision took off), text joined to the run's last text where it can be."""
        if self.run_of is not run or self.new_run is None:
            self.new_run = etree.SubElement(self.stack[-1][1], run.tag, attrib=dict(run.attrib))
            rpr = run.find(W + "rPr")
            if rpr is not None:
                rpr = copy.deepcopy(rpr)
                for prop in self.unformat.get(id(run), ()):
                    for el in rpr.findall(W + prop):
                        rpr.remove(el)
                self.new_run.append(rpr)
            self.run_of, self.text_el = run, None
        if isinstance(piece.content, str):
            deleted = any(w.tag in DELETIONS for w in piece.chain)
            if self.text_el is not None and self.text_el.tag == (DEL_TEXT if deleted else T):
                self.more_text(piece.content)
            else:
                self.text_el = self.new_text(self.new_run, piece.content, deleted)
        else:
            self.new_run.append(copy.deepcopy(piece.content))
            self.text_el = None

    def finish(self) -> etree._Element:
        for el, chunks in self.texts:
            el.text = "".join(chunks)
            _preserve(el)
        return self.p


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


def deleted_paragraph(
    like: etree._Element, text: str, run_mark: etree._Element, paragraph_mark: etree._Element
) -> etree._Element:
    """A paragraph holding ``text`` as deleted words (``run_mark``, an unattached ``w:del``),
    its mark deleted too (``paragraph_mark``), in the formatting of paragraph ``like``: a
    paragraph of the older version that the newer one no longer has."""
    p = new_paragraph(like, "")
    # in the document's normal style: a neighbour's list or heading style would number it, or
    # draw it as an empty list item once the deletion is accepted
    ppr = p.find(W + "pPr")
    if ppr is not None:
        for style in ppr.findall(W + "pStyle"):
            ppr.remove(style)
    run = p.find(W + "r")
    assert run is not None
    for empty in run.findall(T):
        run.remove(empty)
    _text(run, text, deleted=True)
    wrapper = copy.deepcopy(run_mark)
    run.addprevious(wrapper)
    wrapper.append(run)
    _mark_paragraph(p, paragraph_mark)
    return p


# what a paragraph of the older version may hold to be put back as it was: runs of text and
# the marks that only place it (bookmarks and proofing marks are left out of the copy)
_PORTABLE_IN_PARAGRAPH = {W + "pPr", W + "r", W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd"}
_PORTABLE_IN_RUN = {
    W + "rPr",
    T,
    TAB,
    W + "br",
    W + "cr",
    W + "noBreakHyphen",
    W + "softHyphen",
    W + "sym",
    W + "lastRenderedPageBreak",
}
_REVISION_PROPERTIES = {W + "ins", W + "del", W + "moveFrom", W + "moveTo", W + "rPrChange", W + "pPrChange"}


def portable(p: etree._Element) -> bool:
    """Whether a paragraph of another document can be copied into this one as it stands: text
    runs only (no field, drawing, footnote or comment, whose parts this document lacks), no
    revision of its own, no section break."""
    for child in p:
        if child.tag not in _PORTABLE_IN_PARAGRAPH:
            return False
        if child.tag == W + "r" and any(el.tag not in _PORTABLE_IN_RUN for el in child):
            return False
    ppr = p.find(W + "pPr")
    if ppr is not None and ppr.find(W + "sectPr") is not None:
        return False
    return not any(el.tag in _REVISION_PROPERTIES for el in p.iter())


def deleted_copy(
    older: etree._Element, run_mark: Callable[[], etree._Element], paragraph_mark: etree._Element
) -> etree._Element:
    """A copy of a ``portable`` paragraph of the older version, its formatting, style and
    numbering kept, every run deleted (each in a ``run_mark()``) and its mark deleted too."""
    p = copy.deepcopy(older)
    for child in list(p):
        if child.tag in (W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd"):
            p.remove(child)
        elif child.tag == W + "r":
            for el in child.findall(W + "lastRenderedPageBreak"):
                child.remove(el)
            for t in child.findall(T):
                t.tag = DEL_TEXT
            wrapper = run_mark()
            child.addprevious(wrapper)
            wrapper.append(child)
    _mark_paragraph(p, paragraph_mark)
    return p


def mark_revisions(p: etree._Element) -> list[tuple[str, str | None]]:
    """The paragraph mark's own revisions: ("ins" or "del", author)."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return []
    return [(m.tag[len(W) :], m.get(W + "author")) for m in rpr if m.tag in (W + "ins", W + "del")]


def rename_mark_revisions(p: etree._Element, authors: dict[str, str]) -> None:
    """The paragraph mark's revisions by ``authors``' keys given their values as author."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    for mark in rpr if rpr is not None else ():
        author = mark.get(W + "author")
        if mark.tag in (W + "ins", W + "del") and author in authors:
            mark.set(W + "author", authors[author])


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
