"""What changed between two versions of a draft: paragraphs aligned, words compared, and the
fate of every proposal.

Paragraph alignment, in passes (each pass only sees what the earlier ones left unmatched):

1. by section and label, when the texts are still alike (word similarity at least 0.5), so a
   renumbered draft does not pair old 5 with the new 5 that used to be 4.bis;
2. by identical text, where that text occurs once on each side (the "patience" idea: unique
   lines are safe anchors), which finds renumbered and moved paragraphs;
3. by similarity of the remaining paragraphs' words, best pairs first (at least 0.5).

A matched pair whose label differs is *renumbered*; pairs out of order (not on the longest run
that keeps the old order) are *moved*; unmatched paragraphs are *added* or *removed*. Inside a
pair, words are compared with difflib (``autojunk`` off), which at paragraph size costs a few
hundred microseconds; the measurements are in bench/bench_diff.py and the README.

Proposals (brackets) are compared as proposals, not as characters: each old proposal is found
again (same text, or the same sponsors and a similar text nearby) or its fate is read from the
new text: its words now outside any bracket means *accepted* ("with changes" when the words
differ a little), its words gone means *rejected*. Sponsors joining or leaving, text amended
inside the brackets, new proposals, and alternatives added or withdrawn are reported too.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from os.path import commonprefix
from typing import Any, Literal, cast

from .ast import (
    Bracket,
    Document,
    Heading,
    Inline,
    Note,
    Paragraph,
    Span,
    Struck,
    Text,
    Title,
)
from .pause import no_cyclic_gc
from .query import (
    InlineText,
    inline_source,
    line_source,
    paragraph_lines,
    plain_words,
    whole_proposal,
)
from .textutil import WORD_JOINER, squash

try:  # a compiled drop-in for difflib (the ``fast`` extra): the same opcodes, about twice as fast
    from cydifflib import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        SequenceMatcher as _Compiled,
    )
except ImportError:  # the standard library's, which the tests hold it to
    _Compiled = None
SequenceMatcher = cast("type[difflib.SequenceMatcher[Any]]", _Compiled or difflib.SequenceMatcher)

SIMILAR = 0.5
EventKind = Literal[
    "new",
    "accepted",
    "rejected",
    "withdrawn",
    "amended",
    "sponsor-joined",
    "sponsor-left",
    "alternative-added",
    "alternative-withdrawn",
    "note-added",
    "note-removed",
    "heading-added",
    "heading-removed",
    "heading-renumbered",
    "heading-moved",
    "moved",
    "likely-moved",
    "text-moved",
]
EVENT_NAMES: dict[EventKind, str] = {  # what each kind of event is called in messages and summaries
    "new": "new",
    "accepted": "accepted",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "amended": "amended",
    "sponsor-joined": "co-sponsor joined",
    "sponsor-left": "co-sponsor left",
    "alternative-added": "alternative added",
    "note-added": "note added",
    "note-removed": "note removed",
    "heading-added": "heading added",
    "heading-removed": "heading removed",
    "heading-renumbered": "heading renumbered",
    "heading-moved": "heading moved",
    "moved": "moved",
    "likely-moved": "likely moved",
    "text-moved": "agreed text moved",
}
# spaces, brackets, words and each punctuation mark on its own: "Convention." and "Convention
# without delay." differ by an insertion before the full stop, not by a changed word
_TOKEN = re.compile(r"\s+|[\[\]［］]|[\w'’\-/]+|[^\w\s\[\]［］]")
_WORD = re.compile(r"\w+")
# the characters no word holds that drafts are made of: ASCII's, typographic quotes and dashes,
# the ellipsis and the no-break space
_NOT_IN_WORDS = str.maketrans(
    dict.fromkeys(
        [c for c in map(chr, range(128)) if not (c.isalnum() or c == "_")]
        + ["\u00a0", "\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026"],
        " ",
    )
)


# ------------------------------------------------------------------------------ units
@dataclass(eq=False)
class Unit:
    """A top-level paragraph as the diff sees it."""

    index: int
    section: str | None
    paragraph: Paragraph
    label: str | None
    key: str | None
    source: str  # the paragraph's text as written, label of the first line left out
    words: tuple[str, ...]  # its words, brackets and tags left out, for similarity
    # its section as the alignment follows it: by title, its number left out, so that the
    # paragraphs of a section renumbered (II. → III.) are still found by their labels
    part: str | None = None
    brackets: tuple[int, int] = (0, 0)  # its open brackets: passages, and every one (bracket_counts)

    @property
    def span(self) -> Span:
        return self.paragraph.span


# a section's or article's number before its title: "II. ", "Article 12. ", "Chapter 3: ", "A. "
_SECTION_WORD = r"(?i:Article|Chapter|Section|Part|Annex|Art\.)[ \u00a0]+"
_SECTION_NUMBER_ITSELF = r"(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z])(?:[ \u00a0]?(?:bis|ter|quater))?"
_SECTION_NUMBER = re.compile(
    rf"(?:{_SECTION_WORD})?{_SECTION_NUMBER_ITSELF}[ \u00a0]*[.:)\-\u2013\u2014][ \u00a0]+(?=\S)"
    rf"|{_SECTION_WORD}{_SECTION_NUMBER_ITSELF}[ \u00a0]+(?=\S)"
)


def section_title(heading: str) -> str:
    """A heading's title without its number ("II. Further guidance" → "Further guidance"); a
    heading that is only a number ("Article 12") is its own title."""
    m = _SECTION_NUMBER.match(heading)
    return heading[m.end() :] if m else heading


def _read(p: Paragraph) -> tuple[str, str, tuple[int, int]]:
    """A paragraph's text as written (its first line's label left out, each line's ending one
    "\\n", trailing white space trimmed), its plain words' text (``plain_words`` of each line,
    joined by spaces) and its open brackets counted as ``bracket_counts`` does, in one walk over
    its nodes: the diff reads every paragraph of both versions so."""
    pieces: list[str] = []
    plain: list[str] = []
    counts = [0, 0]
    for k, ln in enumerate(paragraph_lines(p)):
        src: list[str] = []
        if k:
            src.append(ln.indent)
            if ln.label is not None:
                src.append(ln.label.text + ln.label.sep)
        words: list[str] = []
        _walk(ln.content, src, words, counts)
        if k:
            src.append(ln.eol)
            pieces.append("".join(src).rstrip("\r\n"))
        else:
            pieces.append("".join(src))
        plain.append("".join(words))
    return "\n".join(pieces).rstrip(), " ".join(plain), (counts[0], counts[1])


def _walk(
    nodes: tuple[Inline, ...], src: list[str], plain: list[str], counts: list[int], depth: int = 0
) -> None:
    """``inline_source`` and ``plain_words`` of ``nodes`` at once, their proposals counted in
    ``counts`` (outermost ones, every one)."""
    for n in nodes:
        if type(n) is Text:  # the most of them, tested first
            src.append(n.text)
            plain.append(n.text)
        elif isinstance(n, Bracket):
            src.append(n.open)
            if n.tag is not None:
                src.append(n.tag.text)
            if n.is_text:
                plain.append(n.open)
                _walk(n.body, src, plain, counts, depth + 1)
                plain.append(n.close)
            else:
                counts[0] += depth == 0
                counts[1] += 1
                _walk(n.body, src, plain, counts, depth + 1)
            src.append(n.tail)
            src.append(n.close)
            src.append(n.post)
        elif isinstance(n, Struck):
            src.append(n.text)
            # (struck words are words of their own: "~~Recalls~~Further", as a Word draft's
            # reader writes a replacement, is two words, not "RecallsFurther")
            plain.append(f" {n.words} ")
        else:  # a command: written, no words of its own
            src.append(n.text)


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (``\\w+``), casefolded."""
    spaced = text.translate(_NOT_IN_WORDS)
    if spaced.isascii():
        # the same words, twice as fast: what is left is ASCII letters, digits and "_" (where
        # casefold is lower) between spaces
        return tuple(spaced.lower().split())
    return tuple(_WORD.findall(text.casefold()))


def units(document: Document) -> list[Unit]:
    out: list[Unit] = []
    section: str | None = None
    part: str | None = None
    # (the word joiners a Word draft's reader writes between two revisions are no text of it:
    # the same draft as text and as Word reads the same)
    word = document.read_from == "docx"
    for b in document.blocks:
        if isinstance(b, Heading):
            section = squash(plain_words(b.line.content))
            part = section_title(section)
        elif isinstance(b, Paragraph):
            source, plain, brackets = _read(b)
            if word:
                source = source.replace(WORD_JOINER, "")
            out.append(
                Unit(
                    len(out),
                    section,
                    b,
                    b.label.text if b.label else None,
                    b.label.key if b.label else None,
                    source,
                    _words(plain),
                    part,
                    brackets,
                )
            )
    return out


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) < SIMILAR * (len(a) + len(b)):
        return 0.0  # what real_quick_ratio would say, without building the matcher
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < SIMILAR or sm.quick_ratio() < SIMILAR:
        return 0.0
    return sm.ratio()


def align(old: list[Unit], new: list[Unit]) -> list[tuple[Unit, Unit, str]]:
    """Matched pairs ``(old, new, how)``, ``how`` being ``text``, ``label`` or ``similar``: a
    paragraph whose words stand once in each version first (renumbering or a move does not
    part it from itself), then the same label with similar words, then similar words."""
    pairs: list[tuple[Unit, Unit, str]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()

    def unique(units_: list[Unit], taken: set[int]) -> dict[tuple[str, ...], Unit]:
        seen: dict[tuple[str, ...], Unit | None] = {}
        for u in units_:
            if u.index not in taken and u.words:
                seen[u.words] = None if u.words in seen else u
        return {k: v for k, v in seen.items() if v is not None}

    old_unique = unique(old, taken_old)
    new_unique = unique(new, taken_new)
    for words, o in old_unique.items():
        twin = new_unique.get(words)
        if twin is not None:
            pairs.append((o, twin, "text"))
            taken_old.add(o.index)
            taken_new.add(twin.index)

    _label_pairs(old, new, pairs, taken_old, taken_new)

    rest_old = [o for o in old if o.index not in taken_old and o.words]
    rest_new = [n for n in new if n.index not in taken_new and n.words]
    if rest_old and rest_new:
        pairs.extend(_similar_pairs(rest_old, rest_new))
    pairs.sort(key=lambda p: p[1].index)
    return pairs


def _label_pairs(
    old: list[Unit],
    new: list[Unit],
    pairs: list[tuple[Unit, Unit, str]],
    taken_old: set[int],
    taken_new: set[int],
) -> None:
    """Pairs of paragraphs not yet paired, of one section and label and similar words."""
    by_label: dict[tuple[str | None, str], list[Unit]] = defaultdict(list)
    for u in new:
        if u.key is not None:
            by_label[(u.part, u.key)].append(u)
    for o in old:
        if o.key is None or o.index in taken_old:
            continue
        for n in by_label.get((o.part, o.key), ()):
            if n.index not in taken_new and similarity(o.words, n.words) >= SIMILAR:
                pairs.append((o, n, "label"))
                taken_old.add(o.index)
                taken_new.add(n.index)
                break


def _similar_pairs(old: list[Unit], new: list[Unit]) -> list[tuple[Unit, Unit, str]]:
    """Best-first pairs by word similarity; candidates share at least one uncommon word."""
    index: dict[str, list[Unit]] = defaultdict(list)
    for n in new:
        for w in set(n.words):
            index[w].append(n)
    limit = max(8, len(new) // 10)  # a word in more paragraphs than this says little
    by_index = {n.index: n for n in new}
    scored: list[tuple[float, int, int, Unit, Unit]] = []
    for o in old:
        counts: dict[int, int] = defaultdict(int)
        for w in set(o.words):
            hits = index.get(w, ())
            if len(hits) <= limit:
                for n in hits:
                    counts[n.index] += 1
        for ni, _shared in sorted(counts.items(), key=lambda kv: -kv[1])[:5]:
            score = similarity(o.words, by_index[ni].words)
            if score >= SIMILAR:
                scored.append((score, o.index, ni, o, by_index[ni]))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    out: list[tuple[Unit, Unit, str]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _score, oi, ni, o, n in scored:
        if oi not in used_old and ni not in used_new:
            out.append((o, n, "similar"))
            used_old.add(oi)
            used_new.add(ni)
    return out


def _moved(pairs: list[tuple[Unit, Unit, str]]) -> set[int]:
    """Old indexes of the pairs that moved: those off the heaviest run that keeps the old order.

    A pair matched by its label weighs more than one found by its text, so when paragraph 6
    moves below paragraph 7 it is 6 (renumbered, found by text) that is reported as moved, not
    7 (label unchanged). Weighted longest increasing subsequence with a Fenwick tree of maxima.
    """
    ordered = sorted(pairs, key=lambda p: p[1].index)
    seq = [o.index for o, _n, _ in ordered]
    return off_order(seq, [3 if how == "label" else 2 for _o, _n, how in ordered])


def off_order(seq: list[int], weights: list[int]) -> set[int]:
    """The values of ``seq`` (distinct, not negative) off its heaviest increasing run."""
    size = max(seq, default=0) + 2
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0] * len(seq)
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        # best chain ending below old index v
        k, top, at = v, 0, -1
        while k > 0:
            if tree_best[k] > top:
                top, at = tree_best[k], tree_at[k]
            k -= k & -k
        best[i] = top + weights[i]
        prev[i] = at
        k = v + 1
        while k <= size:
            if best[i] > tree_best[k]:
                tree_best[k], tree_at[k] = best[i], i
            k += k & -k
    keep: set[int] = set()
    k = max(range(len(seq)), key=lambda i: best[i], default=-1)
    while k >= 0:
        keep.add(seq[k])
        k = prev[k]
    return {v for v in seq if v not in keep}


# ------------------------------------------------------------------------------ words
@dataclass(frozen=True, slots=True)
class Op:
    """One piece of a word diff: ``equal``, ``delete`` (old text), ``insert`` (new text)."""

    tag: str
    text: str


def word_diff(old: str, new: str, ignore_whitespace: bool = False) -> list[Op]:
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    ka = [" " if t.isspace() else t for t in a] if ignore_whitespace else a
    kb = [" " if t.isspace() else t for t in b] if ignore_whitespace else b
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(Op("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(Op("insert", "".join(b[j1:j2])))
    return _merge(ops)


def _bracket_whole(ops: list[Op]) -> list[Op]:
    """``ops`` with each insertion or deletion between two equal stretches that cuts across
    brackets slid along the text it repeats until it holds whole brackets, where it can:
    "informed{+] [BRA: and equitable+}] participation" is "informed] {+[BRA: and equitable] +}
    participation", the same change as a reader sees it."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        before, op, after = out[k - 1], out[k], out[k + 1]
        if op.tag != "equal" and before.tag == after.tag == "equal" and not _whole(op.text):
            out[k - 1 : k + 2] = _slid(before.text, op, after.text)
    return [op for op in out if op.text]


def _slid(p: str, op: Op, e: str) -> list[Op]:
    """``op`` between equal texts ``p`` and ``e``, slid right (or else left) along what it
    repeats of them to the first place it holds whole brackets; as it was when there is none."""
    t = op.text
    same = len(commonprefix([t, e]))  # noqa: RUF071  (characters, as wanted here)
    for n in range(1, same + 1):
        if _whole(t[n:] + e[:n]):
            return [Op("equal", p + e[:n]), Op(op.tag, t[n:] + e[:n]), Op("equal", e[n:])]
    same = len(commonprefix([t[::-1], p[::-1]]))  # noqa: RUF071
    for n in range(1, same + 1):
        if _whole(p[-n:] + t[:-n]):
            return [Op("equal", p[:-n]), Op(op.tag, p[-n:] + t[:-n]), Op("equal", t[-n:] + e)]
    return [Op("equal", p), op, Op("equal", e)]


def _whole(text: str) -> bool:
    """Whether ``text`` holds whole brackets only: none closed that it did not open, none left
    open."""
    depth = 0
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _merge(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    for op in ops:
        if out and out[-1].tag == op.tag:
            out[-1] = Op(op.tag, out[-1].text + op.text)
        else:
            out.append(op)
    return out


# ------------------------------------------------------------------------------ proposals
@dataclass(frozen=True, slots=True)
class Fate:
    """The fate of one proposal (or note) between the versions."""

    kind: EventKind
    sponsors: tuple[str, ...]
    old_label: str | None
    new_label: str | None
    text: str
    new_text: str | None = None
    detail: str = ""
    old_line: int | None = None
    new_line: int | None = None
    section: str | None = None  # the section (or article) heading the paragraph stands under


@dataclass(frozen=True, slots=True)
class _Prop:
    bracket: Bracket
    text: str
    words: tuple[str, ...]
    sponsors: frozenset[str]
    whole: bool
    # the words it leaves when accepted (its struck words go): what an accepted proposal's
    # words in the newer version are
    kept: tuple[str, ...]
    # the line's nodes and its place among them: the words around it, read only for the few
    # proposals whose fate rests on them
    line: tuple[Inline, ...]
    at: int
    nested: bool = False  # inside another proposal: accepted is its words standing in that one's

    def around(self, read: dict[int, InlineText]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The four words before it and the four after, casefolded (its line's words read once
        in ``read`` for all the proposals of the line)."""
        text = read.get(id(self.line))
        if text is None:
            text = read[id(self.line)] = InlineText(self.line)
        before, _ = text.words_before(self.at, 4, _WORD)
        after, _ = text.words_after(self.at, 4, _WORD)
        return tuple(w.casefold() for w in before), tuple(w.casefold() for w in after)


def _props(p: Paragraph, read: dict[str, tuple[str, ...]]) -> list[_Prop]:
    """A paragraph's proposals, their words read once for both versions in ``read`` (most
    proposals of a changed paragraph stand in both, word for word)."""
    out: list[_Prop] = []
    for ln in paragraph_lines(p):
        whole = whole_proposal(ln)
        _collect(ln.content, whole, out, read)
    return out


def _collect(
    nodes: tuple[Inline, ...],
    whole: Bracket | None,
    out: list[_Prop],
    read: dict[str, tuple[str, ...]],
    nested: bool = False,
) -> None:
    for i, n in enumerate(nodes):
        if isinstance(n, Bracket) and not n.is_text:
            text = squash(plain_words(n.body))
            words = read.get(text)
            if words is None:
                words = read[text] = _words(text)
            unstruck = [m for m in n.body if not isinstance(m, Struck)]
            out.append(
                _Prop(
                    n,
                    text,
                    words,
                    frozenset(s.key for s in n.proposers) or frozenset({"unattributed"}),
                    n is whole,
                    words if len(unstruck) == len(n.body) else _words(squash(plain_words(unstruck))),
                    nodes,
                    i,
                    nested,
                )
            )
            _collect(n.body, None, out, read, nested=True)


def _as_written(p: Paragraph) -> list[tuple[str, bool]]:
    """A paragraph's proposals as typed, each with whether it holds its whole line."""
    out: list[tuple[str, bool]] = []
    for ln in paragraph_lines(p):
        whole = whole_proposal(ln)
        out.extend(
            (inline_source((n,)), n is whole) for n in ln.content if isinstance(n, Bracket) and not n.is_text
        )
    return out


def _outside_words(p: Paragraph) -> tuple[str, ...]:
    """The words of a paragraph that are in no bracket (what is agreed)."""
    # each node's words read apart, as a space between their texts keeps them
    pieces: list[str] = []
    for ln in paragraph_lines(p):
        for n in ln.content:
            if isinstance(n, Bracket):
                if n.is_text:
                    pieces.append(plain_words(n.body))
            else:
                pieces.append(plain_words((n,)))
    return _words(" ".join(pieces))


def _find(haystack: tuple[str, ...], needle: tuple[str, ...]) -> int:
    if not needle:
        return -1
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1


STANDS_ALONE = 4  # the fewest words a proposal's text must have to count as accepted wherever it stands


def _stands(
    agreed: tuple[str, ...],
    every: tuple[str, ...],
    kept: tuple[str, ...],
    around: tuple[tuple[str, ...], tuple[str, ...]],
) -> bool:
    """Whether a proposal's words stand in the new agreed text (``agreed``) at its place: next to
    the words before or after it (as they read in ``every`` word of the new paragraph, bracketed
    ones too, as the words around it were read); or anywhere, when it has ``STANDS_ALONE`` words
    or more (a short one, "of", found elsewhere in the paragraph is a coincidence)."""
    before, after = around
    if not kept:
        return _find(agreed, before + after) >= 0
    if _find(agreed, kept) < 0:
        return False
    if _find(every, before + kept + after) >= 0:
        return True
    if (before and _find(every, before + kept) >= 0) or (after and _find(every, kept + after) >= 0):
        return True
    return len(kept) >= STANDS_ALONE


def _fate(
    prop: _Prop, new_outside: tuple[str, ...], every: tuple[str, ...], read: dict[int, InlineText]
) -> tuple[EventKind, str, str | None]:
    """``(kind, detail, new_text)`` for a proposal no longer bracketed in the new version."""
    kept = prop.kept
    before, after = prop.around(read)
    if _stands(new_outside, every, kept, (before, after)):
        return "accepted", "", None
    if not kept and prop.words and (before or after):
        # a deletion: accepted where its words are gone from between the words around it
        gone = _find(new_outside, before + after) >= 0
        return ("accepted", "", None) if gone else ("rejected", "", None)
    # the words around it are there: what stands between them now?
    if before:
        at = _find(new_outside, before)
        if at >= 0:
            start = at + len(before)
            end = start
            if after:
                later = _find(new_outside[start:], after)
                end = start + later if later >= 0 else start
            between = new_outside[start:end]
            if between and SequenceMatcher(None, " ".join(between), " ".join(prop.words)).ratio() >= 0.6:
                return "accepted", "with changes", " ".join(between)
    return "rejected", "", None


def proposal_events(o: Unit | None, n: Unit | None) -> list[Fate]:
    """The fate of each proposal of a matched, removed (``n`` None) or added (``o`` None)
    paragraph: the proposals of both versions matched rule by rule (``RULES``, in order), each
    rule taking the pairs it recognises and saying what happened to them."""
    if (
        o is not None
        and n is not None
        # (as many proposals written on each side first: counted already, as reading the
        # paragraphs counted them)
        and o.brackets[0] == n.brackets[0]
        and _as_written(o.paragraph) == _as_written(n.paragraph)
    ):
        # the same brackets in the same order: the rules would find each one again as it was
        # and say nothing, and reading their words costs more than the rest of the diff
        return []
    m = _Matching(o, n)
    for rule in RULES:
        rule(m)
    return m.in_order()


class _Matching:
    """One paragraph's proposals in two versions, as the rules match them."""

    def __init__(self, o: Unit | None, n: Unit | None) -> None:
        self.o, self.n = o, n
        read: dict[str, tuple[str, ...]] = {}
        self.old = _props(o.paragraph, read) if o else []
        self.new = _props(n.paragraph, read) if n else []
        self.versions_old = sum(1 for p in self.old if p.whole)
        self.versions_new = sum(1 for p in self.new if p.whole)
        self.rest = list(self.old)  # old proposals no rule has matched yet
        self.unmatched_new = list(self.new)
        self.pairs: list[tuple[_Prop, _Prop]] = []  # (old, new): found again
        # events in report order: those of an old proposal where it stood, then the paragraph's
        # own, then new proposals where they stand; ties in the order the rules said them
        self.keyed: list[tuple[tuple[int, int], Fate]] = []

    def ev(
        self,
        kind: EventKind,
        who: frozenset[str],
        text: str,
        new_text: str | None = None,
        detail: str = "",
        at: _Prop | None = None,
        group: int = 0,
    ) -> None:
        o, n = self.o, self.n
        fate = Fate(
            kind,
            tuple(sorted(who)),
            o.label if o else None,
            n.label if n else None,
            text,
            new_text,
            detail,
            o.span.line if o else None,
            n.span.line if n else None,
            n.section if n else o.section if o else None,
        )
        self.keyed.append(((group, at.bracket.span.offset) if at is not None else (1, 0), fate))

    def in_order(self) -> list[Fate]:
        return [f for _, _, f in sorted((key, i, f) for i, (key, f) in enumerate(self.keyed))]


def _same_text(m: _Matching) -> None:
    """The same words, whole-paragraph or not alike: the same proposal, whoever sponsors it now
    (unless another old proposal with those words shares its sponsors)."""
    rest = []
    for p in m.rest:
        same = next((q for q in m.unmatched_new if q.words == p.words and q.whole == p.whole), None)
        if same is not None and (
            same.sponsors & p.sponsors
            or not any(r.words == p.words and r.sponsors & same.sponsors for r in m.old if r is not p)
        ):
            m.pairs.append((p, same))
            m.unmatched_new.remove(same)
        else:
            rest.append(p)
    m.rest = rest


def _identical_alternatives(m: _Matching) -> None:
    """Identical versions of a paragraph on the old side merged into one new proposal."""
    rest = []
    for p in m.rest:
        twin = next((q for a, q in m.pairs if a.words == p.words and a.whole and p.whole), None)
        if twin is not None:
            m.pairs.append((p, twin))
        else:
            rest.append(p)
    m.rest = rest


def _amended(m: _Matching) -> None:
    """A sponsor in common and a similar text (``SIMILAR``): the proposal, amended."""
    rest = []
    for p in m.rest:
        cand = max(
            (q for q in m.unmatched_new if q.sponsors & p.sponsors and q.whole == p.whole),
            key=lambda q: SequenceMatcher(None, p.words, q.words).ratio(),
            default=None,
        )
        if cand is not None and SequenceMatcher(None, p.words, cand.words).ratio() >= SIMILAR:
            m.ev("amended", p.sponsors, p.text, cand.text, at=p)
            m.unmatched_new.remove(cand)
            _sponsor_events(m.ev, p, cand)
        else:
            rest.append(p)
    m.rest = rest


def _sponsors_found_again(m: _Matching) -> None:
    """Of a proposal found again, who left it (a version of the paragraph withdrawn, when the
    paragraph had several) and who joined it."""
    by_new: dict[int, list[_Prop]] = defaultdict(list)
    for a, b in m.pairs:
        by_new[id(b)].append(a)
    for olds in by_new.values():
        b = next(q for a, q in m.pairs if a is olds[0])
        before = frozenset().union(*(a.sponsors for a in olds))
        version = (b.whole and len(olds) > 1) or m.versions_old > 1
        for who in sorted(before - b.sponsors):
            if version:
                m.ev("withdrawn", frozenset({who}), b.text, detail="its version of the paragraph", at=olds[0])
            else:
                m.ev("sponsor-left", frozenset({who}), b.text, at=olds[0])
        for who in sorted(b.sponsors - before):
            m.ev("sponsor-joined", frozenset({who}), b.text, at=olds[0])


def _fate_of_the_rest(m: _Matching) -> None:
    """An old proposal found nowhere: its words in the new text (accepted), or not (rejected;
    a version of the paragraph withdrawn, when it had several). Of versions offered as
    alternatives, one at most is accepted (``_one_accepted``)."""
    n = m.n
    if n is None:
        for p in m.rest:
            m.ev("rejected", p.sponsors, p.text, detail="the paragraph is gone" if p.whole else "", at=p)
        return
    new_outside = _outside_words(n.paragraph)
    # a proposal inside another stands where its words stand in the new text, bracketed or not
    read: dict[int, InlineText] = {}
    fates = {id(p): _fate(p, n.words if p.nested else new_outside, n.words, read) for p in m.rest}
    if sum(1 for kind, _, _ in fates.values() if kind == "accepted") > 1:
        _one_accepted(m, fates, new_outside, read)
    for p in m.rest:
        kind, detail, new_text = fates[id(p)]
        if kind == "rejected" and p.whole and m.versions_old > 1:
            m.ev("withdrawn", p.sponsors, p.text, detail=detail or "its version of the paragraph", at=p)
        else:
            m.ev(kind, p.sponsors, p.text, new_text, detail, at=p)


_Fates = dict[int, tuple[EventKind, str, str | None]]


def _one_accepted(m: _Matching, fates: _Fates, new: tuple[str, ...], read: dict[int, InlineText]) -> None:
    """Where several versions of one group (the paragraph's versions, or rival brackets side by
    side) read as accepted, the one whose words stand in the new text with the words around it,
    else the one with the most words standing, is; the others were not (a shorter version's
    words stand inside a longer one's)."""

    def standing(p: _Prop) -> tuple[bool, int]:
        before, after = p.around(read)
        return _find(new, before + p.kept + after) >= 0, len(p.kept)

    for group in _version_groups(m):
        accepted = [p for p in group if fates[id(p)][0] == "accepted"]
        if len(accepted) > 1:
            best = max(accepted, key=standing)
            for p in accepted:
                if p is not best:
                    fates[id(p)] = ("rejected", "another version was accepted", None)


def _version_groups(m: _Matching) -> list[list[_Prop]]:
    """The old proposals offered as alternatives to each other: the paragraph's versions, and
    each run of rival brackets."""
    from .resolver.inline import alternative_sets

    groups: list[list[_Prop]] = []
    if m.versions_old > 1:
        groups.append([p for p in m.rest if p.whole])
    lines = {id(p.line): p.line for p in m.rest}
    for content in lines.values():
        for start, end in alternative_sets(content):
            groups.append([p for p in m.rest if p.line is content and start <= p.at < end])
    return groups


def _new(m: _Matching) -> None:
    """A new proposal matched by nothing: new, or another version of a paragraph that had one."""
    for q in m.unmatched_new:
        added: EventKind = (
            "alternative-added" if q.whole and m.versions_new > 1 and m.o is not None else "new"
        )
        m.ev(added, q.sponsors, q.text, at=q, group=2)


# the rules in the order they match: each takes what the ones before it left
RULES: tuple[Callable[[_Matching], None], ...] = (
    _same_text,
    _identical_alternatives,
    _amended,
    _sponsors_found_again,
    _fate_of_the_rest,
    _new,
)


def _sponsor_events(ev: Callable[..., None], p: _Prop, q: _Prop) -> None:
    for who in sorted(p.sponsors - q.sponsors):
        ev("sponsor-left", frozenset({who}), q.text, at=p)
    for who in sorted(q.sponsors - p.sponsors):
        ev("sponsor-joined", frozenset({who}), q.text, at=p)


# ------------------------------------------------------------------------------ the diff
@dataclass
class Change:
    """One paragraph of the comparison, in the new version's order (removed ones where they were)."""

    kind: str  # unchanged, changed, added, removed
    old: Unit | None
    new: Unit | None
    renumbered: bool = False
    moved: bool = False
    how: str | None = None  # how the pair was found: label, text, similar
    ops: list[Op] = field(default_factory=list)
    events: list[Fate] = field(default_factory=list)
    # an added paragraph made of words taken out of another (a paragraph split in two), or a
    # removed one whose words went into another (two merged): that other's label
    split_from: str | None = None
    merged_into: str | None = None
    # two Word versions whose text is the same but looks different: where, and what changed
    # ('"Intelligence Analysis": bold added'), for drafts whose proposals are marked so
    formatting: tuple[str, ...] = ()

    @property
    def differs(self) -> bool:
        return (
            self.kind != "unchanged"
            or self.renumbered
            or self.moved
            or bool(self.events)
            or bool(self.formatting)
        )


@dataclass
class Diff:
    old_name: str
    new_name: str
    changes: list[Change]
    notes: list[Fate]
    # open brackets before and after: (passages, every bracket nested ones included)
    open_before: tuple[int, int] = (0, 0)
    open_after: tuple[int, int] = (0, 0)

    @property
    def events(self) -> Iterator[Fate]:
        for c in self.changes:
            yield from c.events
        yield from self.notes

    @property
    def differs(self) -> bool:
        return any(c.differs for c in self.changes) or bool(self.notes)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for c in self.changes:
            if c.kind != "unchanged":
                counts[f"paragraphs {c.kind}"] += 1
            if c.renumbered:
                counts["paragraphs renumbered"] += 1
            if c.moved:
                counts["paragraphs moved"] += 1
            if c.split_from is not None:
                counts["paragraphs split"] += 1
            if c.merged_into is not None:
                counts["paragraphs merged"] += 1
            if c.formatting:
                counts["paragraphs reformatted"] += 1
        for e in self.events:
            counts[e.kind] += 1
        return dict(counts)

    def summary(self) -> str:
        """What a negotiator asks first, open brackets before and after, then what changed."""
        if not self.differs:
            return "no differences"
        changed = ", ".join(_paragraph_counts(self.changes) + _event_counts(self.events))
        return f"{self.brackets()}; {changed}"

    def brackets(self) -> str:
        """Open brackets before → after: passages, and every bracket when nested ones differ."""
        (a, a_all), (b, b_all) = self.open_before, self.open_after
        said = f"open brackets {a} → {b}"
        return said if (a, b) == (a_all, b_all) else f"{said} ({a_all} → {b_all} counting nested ones)"


def _paragraph_counts(changes: list[Change]) -> list[str]:
    """``2 paragraphs changed``, ``1 paragraph renumbered``, … for the kinds that occur."""
    c: dict[str, int] = defaultdict(int)
    for ch in changes:
        if ch.kind in ("changed", "added", "removed"):
            c[ch.kind] += 1
        c["renumbered"] += bool(ch.renumbered)
        c["moved"] += bool(ch.moved)
        c["split"] += ch.split_from is not None
        c["merged"] += ch.merged_into is not None
        c["reformatted"] += bool(ch.formatting)
    kinds = ("changed", "added", "removed", "renumbered", "moved", "split", "merged", "reformatted")
    return [f"{c[k]} paragraph{'s' if c[k] != 1 else ''} {k}" for k in kinds if c[k]]


def _counted(n: int, kind: str, label: str) -> str:
    """``3 proposals accepted``, ``1 co-sponsor joined``, ``2 notes added``."""
    if kind == "text-moved":
        return f"{n} passage{'s' if n != 1 else ''} of agreed text moved"
    if kind in ("accepted", "rejected", "withdrawn", "amended", "moved", "likely-moved"):
        return f"{n} proposal{'s' if n != 1 else ''} {label}"
    if n != 1 and kind.split("-")[0] in ("note", "heading"):
        label = label.replace(" ", "s ", 1)
    return f"{n} {label}"


def _event_counts(fates: Iterable[Fate]) -> list[str]:
    """``3 proposals accepted``, …, then ``2 new by US`` per sponsor set."""
    events = list(fates)
    parts: list[str] = []
    by_kind: dict[str, int] = defaultdict(int)
    for e in events:
        by_kind[e.kind] += 1
    for kind, label in EVENT_NAMES.items():
        n = by_kind.get(kind, 0)
        if kind == "new" or not n:
            continue
        parts.append(_counted(n, kind, label))
    who: dict[str, int] = defaultdict(int)
    for e in events:
        if e.kind == "new":
            who[", ".join(e.sponsors)] += 1
    if who:
        parts.append(", ".join(f"{k} new by {w}" for w, k in who.items()))
    return parts


def diff(
    old: Document, new: Document, *, ignore_whitespace: bool = False, ignore_labels: bool = False
) -> Diff:
    # it builds about as much as a parse, over trees already in memory: the cycle collector's
    # passes would walk them again and again (1.2x the time at 10 MB, measured)
    with no_cyclic_gc():
        return _diff(old, new, ignore_whitespace, ignore_labels)


def _diff(old: Document, new: Document, ignore_whitespace: bool, ignore_labels: bool) -> Diff:
    ou, nu = units(old), units(new)
    pairs = align(ou, nu)
    moved = _moved(pairs)
    matched_old = {o.index for o, _, _ in pairs}
    changes = [_matched(o, n, how, o.index in moved, ignore_whitespace, ignore_labels) for o, n, how in pairs]
    matched_new = {n.index for _, n, _ in pairs}
    for n in nu:
        if n.index not in matched_new:
            changes.append(Change("added", None, n, events=proposal_events(None, n)))
    changes.sort(key=lambda c: c.new.index if c.new else -1)
    placed = _place_removed(changes, ou, matched_old)
    _moved_proposals(placed)
    _moved_text(placed)
    _splits_and_merges(placed)
    if old.read_from == "docx" and new.read_from == "docx":
        _formatting(placed, old, new)
    return Diff(old.name, new.name, placed, _note_events(old, new), _open_brackets(ou), _open_brackets(nu))


def _open_brackets(units_: list[Unit]) -> tuple[int, int]:
    """``bracket_counts`` of the draft these are the paragraphs of, from what reading them counted."""
    return sum(u.brackets[0] for u in units_), sum(u.brackets[1] for u in units_)


def _formatting(changes: list[Change], old: Document, new: Document) -> None:
    """Paragraphs of two Word versions that read the same but look different (a word made
    bold, underlined, struck through, coloured): said, not taken for "no differences"."""
    from .read.docx.looks import changes as looks_changes
    from .read.docx.looks import looks_of

    for c in changes:
        if c.kind != "unchanged" or c.old is None or c.new is None:
            continue
        before = looks_of(old, *_lines(c.old.span))
        after = looks_of(new, *_lines(c.new.span))
        if before is not None and after is not None:
            c.formatting = looks_changes(before, after)


def _lines(span: Span) -> tuple[int, int]:
    """The first and last line of a block (its end is the start of the next line when it ends
    with a line ending)."""
    return span.line, max(span.line, span.end_line if span.end_column > 1 else span.end_line - 1)


def _matched(o: Unit, n: Unit, how: str, moved: bool, ignore_whitespace: bool, ignore_labels: bool) -> Change:
    """Two versions of one paragraph compared: their words, their proposals' fates."""
    renumbered = not ignore_labels and (o.label or "") != (n.label or "")
    same = o.source == n.source or (ignore_whitespace and squash(o.source) == squash(n.source))
    ops = [] if same else _bracket_whole(word_diff(o.source, n.source, ignore_whitespace))
    if ops and all(op.tag == "equal" for op in ops):
        ops = []
    events = [] if same else proposal_events(o, n)
    return Change("changed" if ops else "unchanged", o, n, renumbered, moved, how, ops, events)


SPLIT = 0.8  # how alike a paragraph's words and those taken out of (or put into) another must be


def _splits_and_merges(changes: list[Change]) -> None:
    """An added paragraph whose words are the words taken out of a changed one was split from
    it (2 → 2 and 2.bis); a removed paragraph whose words went into a changed one was merged
    into it. Said as such, beside "added" and "removed"."""
    changed = [c for c in changes if c.kind == "changed"]
    added = [(c, c.new.words) for c in changes if c.kind == "added" and c.new is not None]
    removed = [(c, c.old.words) for c in changes if c.kind == "removed" and c.old is not None]
    for c, label in _closest_each(changed, [a for a in added if a[1]], "delete"):
        c.split_from = label
    for c, label in _closest_each(changed, [r for r in removed if r[1]], "insert"):
        c.merged_into = label


def _closest_each(
    changed: list[Change], wholes: list[tuple[Change, tuple[str, ...]]], tag: str
) -> list[tuple[Change, str | None]]:
    """For each added (or removed) paragraph, the label of the changed one whose words taken
    out (put in) are its words, if any."""
    if not changed or not wholes:
        return []
    candidates = _candidates(changed, tag, min(len(w) for _, w in wholes))
    return [(c, _closest(words, candidates)) for c, words in wholes]


def _candidates(changed: list[Change], tag: str, fewest: int) -> list[tuple[Change, tuple[str, ...]]]:
    """The changed paragraphs whose words taken out (``delete``) or put in (``insert``) could be
    a paragraph of ``fewest`` words or more (SPLIT alike: at least SPLIT / (2 - SPLIT) as many
    words), with those words. A text of n characters holds (n + 1) // 2 words at most, so the
    rest are left out before their words are read."""
    need = SPLIT / (2 - SPLIT) * fewest
    out = []
    for c in changed:
        chars = sum(len(op.text) for op in c.ops if op.tag == tag)
        if (chars + 1) // 2 >= need:
            out.append((c, _op_words(c, tag)))
    return out


def _op_words(c: Change, tag: str) -> tuple[str, ...]:
    """The words a changed paragraph lost (``delete``) or gained (``insert``)."""
    return _words("".join(op.text for op in c.ops if op.tag == tag))


def _closest(words: tuple[str, ...], candidates: list[tuple[Change, tuple[str, ...]]]) -> str | None:
    """The label of the changed paragraph whose words taken out (or put in) are ``words``."""
    n = len(words)
    # only those of a length that can reach SPLIT (the bound real_quick_ratio gives): the rest
    # cannot be the closest one at or above it
    near = [(c, w) for c, w in candidates if 2 * min(n, len(w)) >= SPLIT * (n + len(w))]
    if not near:
        return None
    score, change = max(((similarity(words, w), c) for c, w in near), key=lambda sc: sc[0])
    if score < SPLIT or change.new is None:
        return None
    return change.new.label or " ".join(change.new.words[:4])


def _moved_proposals(changes: list[Change]) -> None:
    """A proposal gone from one paragraph that stands, the same words by the same delegations, in
    another (a paragraph split, a clause moved) has moved: one ``moved`` event where it is now,
    instead of "rejected" there and "new" here."""
    gone: dict[tuple[frozenset[str], str], list[tuple[Change, Fate]]] = defaultdict(list)
    for c in changes:
        for e in c.events:
            if e.kind == "rejected" and not e.detail:
                gone[(frozenset(e.sponsors), squash(e.text).casefold())].append((c, e))
    if not gone:
        return
    for c, k, e in _new_proposals(changes):
        left = gone.get((frozenset(e.sponsors), squash(e.text).casefold()))
        if not left:
            continue
        source, was = left.pop(0)
        if source is c:
            left.insert(0, (source, was))  # (within one paragraph it is no move)
            continue
        source.events.remove(was)
        c.events[k] = replace(
            e, kind="moved", old_label=was.old_label, old_line=was.old_line, detail=_from(was)
        )
    _likely_moved(changes)


MOVED_WORDS = 5  # the fewest words of agreed text taken out in one place and put in another that are a move


def _moved_text(changes: list[Change]) -> None:
    """Agreed words (no bracket among them, a run of at least ``MOVED_WORDS``) deleted in one
    place and inserted, the same words, in another (a sentence or clause moved within a
    paragraph or to another, its edges perhaps reworded): one ``text-moved`` event where they
    are now, beside the word diff that shows both ends. Runs are found through the word
    sequences of ``MOVED_WORDS`` they share, so the cost follows the moved text, not the number
    of changes."""
    taken: list[tuple[Change, tuple[str, ...]]] = []
    by_gram: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for c in changes:
        for op in c.ops:
            if op.tag == "delete" and _agreed_run(op.text):
                words = _words(op.text)
                for k in range(len(words) - MOVED_WORDS + 1):
                    by_gram[words[k : k + MOVED_WORDS]].append(len(taken))
                taken.append((c, words))
    used: set[int] = set()
    for c in changes if taken else ():
        for op in c.ops:
            if op.tag == "insert" and _agreed_run(op.text):
                found = _longest_shared(_words(op.text), taken, by_gram, used)
                if found is not None:
                    used.add(found[0])
                    c.events.append(_text_moved(taken[found[0]][0], c, op.text, found[1], found[2]))


def _longest_shared(
    words: tuple[str, ...],
    taken: list[tuple[Change, tuple[str, ...]]],
    by_gram: dict[tuple[str, ...], list[int]],
    used: set[int],
) -> tuple[int, int, int] | None:
    """The deleted run (by index) sharing the longest run of words with ``words``, and where
    that run stands in ``words`` (start, length); None when none shares ``MOVED_WORDS``."""
    candidates = sorted(
        {i for k in range(len(words) - MOVED_WORDS + 1) for i in by_gram.get(words[k : k + MOVED_WORDS], ())}
        - used
    )
    best: tuple[int, int, int] | None = None
    for i in candidates:
        m = SequenceMatcher(None, taken[i][1], words, autojunk=False).find_longest_match(
            0, len(taken[i][1]), 0, len(words)
        )
        if m.size >= MOVED_WORDS and (best is None or m.size > best[2]):
            best = (i, m.b, m.size)
    return best


def _text_moved(source: Change, c: Change, text: str, start: int, size: int) -> Fate:
    """The event for words ``start`` to ``start + size`` of inserted ``text``, moved from
    ``source``."""
    assert source.old is not None and c.new is not None
    spans = [m.span() for m in _WORD.finditer(text)]
    moved = text[spans[start][0] : spans[start + size - 1][1]]
    origin = source.old.label or "an unlabelled paragraph"
    return Fate(
        "text-moved",
        (),
        source.old.label,
        c.new.label,
        squash(moved),
        detail="within the paragraph" if source is c else f"from {origin}",
        old_line=source.old.span.line,
        new_line=c.new.span.line,
        section=c.new.section,
    )


def _agreed_run(text: str) -> bool:
    return "[" not in text and "]" not in text and len(_words(text)) >= MOVED_WORDS


LIKELY = 0.8  # how alike a rejected proposal's words and a new one's must be for a likely move


def _likely_moved(changes: list[Change]) -> None:
    """A proposal gone from one paragraph and a new one by the same delegations in another whose
    words are alike but not the same (moved and reworded, or only alike): ``likely moved``,
    said as uncertain, rather than "rejected" there and "new" here."""
    gone = [(c, e) for c in changes for e in c.events if e.kind == "rejected" and not e.detail]
    if not gone:
        return
    for c, k, e in _new_proposals(changes):
        words = _words(e.text)
        scored = [
            (similarity(words, _words(was.text)), i)
            for i, (source, was) in enumerate(gone)
            if source is not c and set(was.sponsors) == set(e.sponsors)
        ]
        score, i = max(scored, key=lambda si: (si[0], -si[1]), default=(0.0, -1))
        if score < LIKELY:
            continue
        source, was = gone.pop(i)
        source.events.remove(was)
        c.events[k] = replace(
            e,
            kind="likely-moved",
            text=was.text,
            new_text=e.text,
            old_label=was.old_label,
            old_line=was.old_line,
            detail=f"{_from(was)}, {round(score * 100)} % alike",
        )


def _new_proposals(changes: list[Change]) -> Iterator[tuple[Change, int, Fate]]:
    """Each ``new`` event, with its change and its place among the change's events."""
    for c in changes:
        for k, e in enumerate(c.events):
            if e.kind == "new":
                yield c, k, e


def _from(was: Fate) -> str:
    return f"from {was.old_label or 'an unlabelled paragraph'}"


def _place_removed(changes: list[Change], old: list[Unit], matched_old: set[int]) -> list[Change]:
    """Put each removed paragraph after the change holding the nearest old paragraph before it."""
    removed_after: dict[int, list[Change]] = defaultdict(list)  # position in ``changes`` → removed
    position_of_old = {c.old.index: i for i, c in enumerate(changes) if c.old is not None}
    last = -1  # the position of the latest matched old paragraph seen, in old order
    for o in old:
        if o.index in matched_old:
            last = max(last, position_of_old[o.index])
        else:
            removed_after[last].append(Change("removed", o, None, events=proposal_events(o, None)))
    out: list[Change] = list(removed_after.get(-1, []))
    for i, c in enumerate(changes):
        out.append(c)
        out.extend(removed_after.get(i, []))
    return out


def _note_events(old: Document, new: Document) -> list[Fate]:
    """Notes, headings and title lines that appear on one side only (counted, so repeated
    ones pair up one for one): a section renamed is a heading removed and one added, one
    renumbered under the same title is renumbered; and headings that changed places."""
    a, b = other_blocks(old), other_blocks(new)
    removed = _only_in(a["heading"], b["heading"], "heading-removed", True)
    added = _only_in(b["heading"], a["heading"], "heading-added", False)
    renumbered = _renumbered_headings(removed, added)
    return [
        *_only_in(a["note"], b["note"], "note-removed", True),
        *_only_in(b["note"], a["note"], "note-added", False),
        *removed,
        *added,
        *renumbered,
        *_moved_headings(a["heading"], b["heading"]),
    ]


def _renumbered_headings(removed: list[Fate], added: list[Fate]) -> list[Fate]:
    """A heading on one side only and one on the other with the same title under another number
    (a section or article renumbered, "II. Finance" → "III. Finance"): one event, taken out of
    ``removed`` and ``added``."""
    out: list[Fate] = []
    for r in list(removed):
        title = section_title(r.text)
        if title == r.text:
            continue  # a heading with no number: renamed, not renumbered
        a = next((x for x in added if section_title(x.text) == title and x.text != title), None)
        if a is not None:
            removed.remove(r)
            added.remove(a)
            was = r.text[: len(r.text) - len(title)].strip()
            out.append(replace(a, kind="heading-renumbered", detail=f"was {was}", old_line=r.old_line))
    return out


def _moved_headings(old: list[_Other], new: list[_Other]) -> list[Fate]:
    """Headings on both sides (paired one for one by their text, in order) that changed places
    among the others: a section moved."""
    unused: dict[str, list[int]] = defaultdict(list)
    for k, (text, _, _) in enumerate(old):
        unused[text].append(k)
    pairs = [(unused[text].pop(0), j) for j, (text, _, _) in enumerate(new) if unused.get(text)]
    moved = off_order([k for k, _ in pairs], [1] * len(pairs))
    return [
        Fate("heading-moved", (), None, None, new[j][0], old_line=old[k][1], new_line=new[j][1])
        for k, j in pairs
        if k in moved
    ]


# a block that is no paragraph, as the diff compares it: (its text, its line, its sponsors)
_Other = tuple[str, int, tuple[str, ...]]


def other_blocks(d: Document) -> dict[str, list[_Other]]:
    """A draft's notes and its headings and title lines: (text, line, sponsors) each."""
    out: dict[str, list[_Other]] = {"note": [], "heading": []}
    for b in d.blocks:
        if isinstance(b, Note):
            out["note"].append((b.text.strip(), b.span.line, tuple(s.key for s in b.sponsors)))
        elif isinstance(b, Heading):
            out["heading"].append((squash(line_source(b.line)), b.span.line, ()))
        elif isinstance(b, Title):
            out["heading"].extend((squash(line_source(ln)), ln.span.line, ()) for ln in b.lines)
    return out


def _only_in(mine: list[_Other], other: list[_Other], kind: EventKind, old_side: bool) -> list[Fate]:
    from collections import Counter

    extra = Counter(text for text, _, _ in mine) - Counter(text for text, _, _ in other)
    out: list[Fate] = []
    for text, line, sponsors in mine:
        if extra[text] > 0:
            extra[text] -= 1
            where = {"old_line": line} if old_side else {"new_line": line}
            out.append(Fate(kind, sponsors, None, None, text, **where))  # type: ignore[arg-type]
    return out
