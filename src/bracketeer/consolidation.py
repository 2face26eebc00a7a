"""A base text and the delegations' submissions → one bracketed compilation.

Each submission is a version of the base as one delegation would have it. It is compared with
the base by the diff's own machinery (``diff.align``: paragraphs found again by section and
label, by identical text, then by similar words, so renumbering and moves do not count; then
``diff.word_diff`` inside each pair), and every difference becomes a proposal in the notation
the resolver reads:

* words inserted: ``[US: words]``; deleted: ``[US: ~~words~~]``; replaced:
  ``[US: ~~old~~ new]`` (or the ``delete "…"`` / ``replace "…" with "…"`` commands), with the
  spaces around them left outside the bracket, so the words around stay as they were;
* a paragraph added: a note "Proposed new paragraph submitted by the delegation of …:" and the
  paragraph ``4.bis. [US: …]`` after the one it follows in the submission (its own label when
  the base has no paragraph of that number, else ``bis``, ``ter``, …);
* a paragraph removed: the note "US proposes to delete paragraph 5" before it ("… the following
  paragraph" for an unnumbered one whose text struck words cannot hold);
* the same change by several delegations: one joint proposal (``[ARG, US: …]``);
* different changes that overlap or touch: never merged; each delegation's version of the words
  they compete for in a bracket of its own, side by side (``[EU: ~~a~~ b] / [US: ~~a~~ c]``), or,
  where no such bracket would read right, the versions of the sub-item's line (``(p) alt [US:
  …]``) or of the paragraph (``5 alt [US: …]``); the report lists the conflict.

Delegations are taken in the order of their codes, so the order submissions are given in does
not change the compilation.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from .ast import Blank, Block, Document, Heading, Note, Paragraph, Title, label_key
from .delegations import Registry
from .diff import SequenceMatcher, Unit, align, section_title, units, word_diff
from .errors import InputError
from .pause import no_cyclic_gc
from .query import LATIN_SUFFIXES, block_source, has_brackets, line_source, paragraph_lines, plain_words
from .resolver.note_sponsors import listed, renamed
from .textutil import RIVAL_SEPARATOR, STRAIGHT_QUOTES, WORD_JOINER, parted, squash

if TYPE_CHECKING:
    from .read.docx import WordSource

DeletionStyle = Literal["struck", "command"]
Conflicts = Literal["inline", "alternatives"]
NOTE_TEMPLATE = "Proposed new paragraph submitted by the {delegation}:"
_AS_OF = re.compile(r"\(Comments from delegations received as of [^)\n]*\)")
_JOINED = ",;:.)"  # (marks the resolver joins to the word before, taking the space between)
_SUFFIXED = re.compile(r"[ \u00a0.]?(?:" + "|".join(sorted(LATIN_SUFFIXES, key=len, reverse=True)) + r")$")
_EDGE_SPACE = " \t\u00a0\n"


@dataclass(frozen=True, slots=True)
class Submission:
    """One delegation's version of the base."""

    code: str
    document: Document


@dataclass(frozen=True, slots=True)
class ConsolidateOptions:
    as_of: dt.date | None = None  # writes or updates "(Comments from delegations received as of …)"
    note_template: str = NOTE_TEMPLATE  # {delegation}: "delegation of the United States"
    deletion_style: DeletionStyle = "struck"
    # overlapping changes: the smallest brackets holding each delegation's version of the words
    # they compete for, side by side as alternatives, or the whole paragraph's versions as
    # "N alt" lines
    conflicts: Conflicts = "inline"
    # the date in that line, as strftime writes it ("%d %B %Y": "16 April 2024"); None: "April 16, 2024"
    as_of_format: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the compilation says, for the report."""

    kind: Literal[
        "inserted",
        "deleted",
        "replaced",
        "new-paragraph",
        "deleted-paragraph",
        "moved-paragraph",
        "unwritten-move",
        "unwritten-heading",
        "conflict",
        "withdrawn",
        "amended",
        "commented-version",
    ]
    delegations: tuple[str, ...]
    paragraph: str  # the base paragraph's label (or its first words), where it happened
    text: str
    line: int  # the line in the compilation
    inside: tuple[str, ...] = ()  # the delegations whose proposal it is made inside, if any


@dataclass
class Compilation:
    text: str
    entries: list[Entry] = field(default_factory=list)
    conflicted: int = 0  # paragraphs whose changes conflict
    # submissions that wrote some quotes otherwise than the base (taken as the base's, not proposals)
    requoted: list[str] = field(default_factory=list)
    # of a Word base, read one line a paragraph (``word``): where in ``text`` its paragraphs meet
    # with no blank line between them (they stay so for writing into the Word document)
    word: bool = False
    apart: tuple[int, ...] = ()
    # where each of the base's blocks stands in ``text``: its first line in the base → in the
    # text (0: gone), for writing into a Word base, whose comments are its lines as read
    base_lines: dict[int, int] = field(default_factory=dict)

    def placed(self, lines: Sequence[tuple[int, int]]) -> Compilation:
        """The compilation with its entries' lines those of the document it is written to:
        ``lines`` pairs lines of ``text`` with its lines, in order, and an entry is at the
        document's line of the last pair at or before its own."""
        if not lines:
            return self
        mine = [a for a, _ in lines]

        def there(line: int) -> int:
            return lines[max(bisect_right(mine, line) - 1, 0)][1]

        return replace(self, entries=[replace(e, line=there(e.line)) for e in self.entries])

    def commented(self, versions: Sequence[tuple[int, str | None, str | None, str]]) -> Compilation:
        """The compilation with an entry for each version its Word document holds as a comment
        on a paragraph (its line, its label), no revision being able to hold it (``accept`` on
        the Word file says it does not decide it)."""
        more = [
            Entry("commented-version", tuple((who or "").split(", ")), label or "", words, line)
            for line, label, who, words in versions
        ]
        return replace(self, entries=[*self.entries, *more]) if more else self

    def as_text_file(self, newline: str) -> Compilation:
        """The compilation as a text file holds it: a Word base's paragraphs parted by blank
        lines, as a text draft of a Word document is written, and without the joiners its
        reader wrote; the entries' lines moved with them."""
        if not self.word:
            return self
        text, before = parted(self.text, self.apart, newline)
        entries = [replace(e, line=e.line + bisect_right(before, e.line)) for e in self.entries]
        text = text.replace(WORD_JOINER, "")
        return replace(self, text=text, entries=entries, word=False, apart=(), base_lines={})

    @property
    def conflicts(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "conflict"]


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    new: str


@dataclass
class _Added:
    codes: list[str]
    label: str | None
    body: str
    assigned: str | None = None  # its label in the compilation, given before anything is written


# where a submission puts a paragraph it moved: ("after" or "before", a base paragraph's index
# or a paragraph the submission adds)
Place = tuple[str, int | _Added]


def consolidate(
    base: Document,
    submissions: Sequence[Submission],
    registry: Registry,
    options: ConsolidateOptions | None = None,
) -> Compilation:
    options = options or ConsolidateOptions()
    seen: dict[str, str] = {}
    for sub in submissions:
        if sub.code in seen:
            # which of the two is the delegation's word is not for the tool to guess
            raise InputError(
                f"{sub.code} is named for two submissions ({seen[sub.code]} and {sub.document.name}); "
                "give one a delegation's submission each",
                source=sub.document.name,
            )
        seen[sub.code] = sub.document.name
    _check_template(options.note_template, registry)
    with no_cyclic_gc():  # it builds as much as a parse does, over trees already in memory
        try:
            return _consolidate(base, submissions, registry, options)
        except InputError as e:
            if e.source:
                raise
            # the words came from a submission: name its file
            names = {s.code: s.document.name for s in submissions}
            named = [names[c] for c in names if e.message.startswith(c)]
            raise InputError(e.message, source=named[0] if named else base.name) from None


def _consolidate(
    base: Document, submissions: Sequence[Submission], registry: Registry, options: ConsolidateOptions
) -> Compilation:
    proposed = _Proposed(base)
    for sub in sorted(submissions, key=lambda s: s.code):
        proposed.take(sub)
    writer = _Writer(base, proposed.base_units, registry, options)
    writer.withdrawn = proposed.withdrawn
    compilation = writer.write(proposed)
    compilation.requoted = proposed.requoted
    return compilation


class _Proposed:
    """Every delegation's proposals against the base, gathered submission by submission."""

    def __init__(self, base: Document):
        self.base = base
        self.base_units = units(base)
        self.requoted: list[str] = []
        self.edits: dict[int, dict[str, list[_Edit]]] = defaultdict(dict)
        self.deleted: dict[int, list[str]] = defaultdict(list)
        self.added: dict[int, list[_Added]] = defaultdict(list)
        self.moved: dict[int, list[tuple[Place, list[str]]]] = defaultdict(list)
        self.withdrawn: dict[int, list[str]] = defaultdict(list)  # note's index → who took it back
        # a paragraph moved where no note can name the place (under another heading, with no
        # paragraph of the base's there to name)
        self.unplaced: dict[int, list[tuple[str, str]]] = defaultdict(list)  # → (who, section)
        # a base heading (by block index) → each delegation's words for it
        self.headings: dict[int, dict[str, str]] = defaultdict(dict)
        # a base block → what delegations changed there that the notation cannot hold (a title
        # reworded, a heading added or removed): listed in the report, never dropped unsaid
        self.unwritten: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.heading_lines = _heading_lines(base)
        # a section heading reworded by a submission: its words then, by what they were
        self.renamed_sections: dict[str, dict[str, str | None]] = defaultdict(dict)
        self.all_lines = _Lines(base, self.heading_lines)

    def take(self, sub: Submission) -> None:
        for index in _notes_withdrawn(self.base, sub):
            self.withdrawn[index].append(sub.code)
        self._headings(sub)
        theirs = units(sub.document)
        pairs = align(self.base_units, theirs)
        pairs = sorted(pairs + _rewritten_in_place(self.base_units, theirs, pairs), key=lambda p: p[1].index)
        if self.base_units and len(pairs) < 0.5 * len(self.base_units):
            raise InputError(
                f"{sub.code}'s submission is not an edit of the base: only {len(pairs)} of its "
                f"{len(self.base_units)} paragraphs were found in it",
                source=sub.document.name,
            )
        changed, quoted = _changes(pairs)
        for index, kept in changed.items():
            self.edits[index][sub.code] = kept
        if quoted:
            self.requoted.append(sub.code)
        found = {o.index for o, _, _ in pairs}
        for o in self.base_units:
            if o.index not in found:
                self.deleted[o.index].append(sub.code)
        sequence = _new_paragraphs(theirs, {n.index: o for o, n, _ in pairs}, sub.code, self.added)
        moved = self._moved(sub.code, sequence, theirs)
        self._other_sections(sub.code, pairs, moved, theirs)

    def _other_sections(
        self, code: str, pairs: list[tuple[Unit, Unit, str]], moved: set[int], theirs: list[Unit]
    ) -> None:
        """The paragraphs a submission puts under another heading of both versions with their
        place among the paragraphs kept (it moved a heading, which no note can say): listed as
        unwritten. (Under a heading it adds, or from under one it removes, the report says so
        of the heading.)"""
        renamed = self.renamed_sections.pop(code, {})
        # (a line of the base's title a Word copy reads as a heading heads no section)
        renamed.update({words: None for _, kind, words, _ in self.heading_lines if kind == "title"})
        mine = {renamed.get(w, w) for _, kind, w, _ in self.heading_lines if kind == "heading"} | {None}
        yours = {_section(n, renamed) for n in theirs} | {None}
        for o, n, _ in pairs:
            was, now = _section(o, renamed), _section(n, renamed)
            if o.index not in moved and was != now and was in yours and now in mine:
                self.unplaced[o.index].append((code, n.section or ""))

    def _moved(self, code: str, sequence: list[int | _Added], theirs: list[Unit]) -> set[int]:
        """The paragraphs the submission moves, each with its place (the same move by several
        delegations one joint proposal), or unplaced where no note can name its place; their
        indexes."""
        found = _moves(sequence, [n.section for n in theirs])
        for index, place in found:
            if place is None:
                section = next((n.section for n, i in zip(theirs, sequence, strict=True) if i == index), None)
                self.unplaced[index].append((code, section or ""))
                continue
            alike = next((m for m in self.moved[index] if _same_place(m[0], place)), None)
            if alike is not None:
                alike[1].append(code)
            else:
                self.moved[index].append((place, [code]))
        return {index for index, _ in found}

    def _headings(self, sub: Submission) -> None:
        """The submission's changes to the lines of the base's title and section headings: a
        line it no longer has, paired in order with a like line of its own the base does not
        have. A heading's words changed are proposals in it; a title line changed, a heading
        added or removed, or one holding brackets already, cannot be written as a proposal, and
        is listed. (A line found anywhere in the submission stands: a Word copy may read a
        title line as a paragraph.)"""
        gone, added, theirs = self._heading_lines_changed(sub.document)
        pairs = _heading_pairs(gone, added)
        for a, z in pairs:
            (i, kind, _, block), (_, _, new, their) = gone[a], added[z]
            if isinstance(block, Heading) and isinstance(their, Heading):
                self.renamed_sections[sub.code][_words(plain_words(block.line.content))] = _words(
                    plain_words(their.line.content)
                )
            if _writable_heading(block, their):
                self.headings[i][sub.code] = _source(their).rstrip("\r\n")
            else:
                self.unwritten[i].append((sub.code, f"{kind} reads: {new}"))
        for a, (i, kind, words, _) in enumerate(gone):
            if a not in {x for x, _ in pairs}:
                self.unwritten[i].append((sub.code, f"{kind} removed: {words}"))
        for z, (_, kind, words, block) in enumerate(added):
            if z not in {y for _, y in pairs}:
                self.unwritten[self._before(theirs, block)].append((sub.code, f"{kind} added: {words}"))

    def _before(self, theirs: list[_HeadingLine], block: Block) -> int:
        """The base block an added heading line is listed at: the next of the submission's
        heading lines the base has, or the base's last."""
        mine = {words: i for i, _, words, _ in self.heading_lines}
        at = next(k for k, line in enumerate(theirs) if line[3] is block)
        later = (mine[line[2]] for line in theirs[at + 1 :] if line[2] in mine)
        return next(later, self.heading_lines[-1][0] if self.heading_lines else 0)

    def _heading_lines_changed(
        self, document: Document
    ) -> tuple[list[_HeadingLine], list[_HeadingLine], list[_HeadingLine]]:
        """The base's title and heading lines ``document`` does not have, its own the base does
        not have, and all of its own."""
        lines = _heading_lines(document)
        mine = self.heading_lines
        if _title_of(mine) == _title_of(lines):  # the same title, however its lines are read
            mine, lines = [m for m in mine if m[1] != "title"], [y for y in lines if y[1] != "title"]
        mine, lines = _past_same_front(mine, self.base, lines, document)
        own = {y[2] for y in lines}
        gone = [m for m in mine if m[2] not in own]
        if gone:  # (every line of the copy read only when a heading line is not among its own)
            theirs = _Lines(document, lines)
            gone = [m for m in gone if m[2] not in theirs]
        return gone, self._not_in_base(lines), lines

    def _not_in_base(self, lines: list[_HeadingLine]) -> list[_HeadingLine]:
        """A submission's title and heading lines the base does not have (its title of two
        lines standing in the base as one line, as a Word base reads it, the base has)."""
        title = _title_of(lines) in self.all_lines
        return [y for y in lines if y[2] not in self.all_lines and not (title and y[1] == "title")]


_HeadingLine = tuple[int, str, str, Block]  # block index, "title" or "heading", its words, the block
SIMILAR_HEADING = 0.5  # how alike a heading's words and a submission's must be to be its new words


def _is_as_of(block: Block) -> bool:
    """Whether ``block`` is the note saying when the comments were received."""
    return isinstance(block, Note) and _AS_OF.search(block.text) is not None


def _past_same_front(
    mine: list[_HeadingLine], base: Document, theirs: list[_HeadingLine], document: Document
) -> tuple[list[_HeadingLine], list[_HeadingLine]]:
    """The base's and a submission's title and heading lines, less those before their first
    paragraphs where these are the same words parted into other lines (a Word copy reads a
    title of two lines as one paragraph, or its second line as a heading)."""
    a, z = _front(mine, base), _front(theirs, document)
    if a and z and " ".join(x[2] for x in a) == " ".join(x[2] for x in z):
        return mine[len(a) :], theirs[len(z) :]
    return mine, theirs


def _front(lines: list[_HeadingLine], document: Document) -> list[_HeadingLine]:
    """The lines (in order) before the document's first paragraph."""
    first = next((i for i, b in enumerate(document.blocks) if isinstance(b, Paragraph)), len(document.blocks))
    return list(itertools.takewhile(lambda x: x[0] < first, lines))


def _heading_pairs(gone: list[_HeadingLine], added: list[_HeadingLine]) -> list[tuple[int, int]]:
    """The base's lines a submission no longer has paired, in order, with alike lines of its
    own (each with the first one after the last pair that is alike): (index in ``gone``,
    index in ``added``)."""
    out: list[tuple[int, int]] = []
    after = 0
    for a, (_, _, words, _) in enumerate(gone):
        mine = _section_title(words).split()  # (by its words: a renumbered heading is that heading)
        for z in range(after, len(added)):
            if SequenceMatcher(None, mine, _section_title(added[z][2]).split()).ratio() >= SIMILAR_HEADING:
                out.append((a, z))
                after = z + 1
                break
    return out


def _writable_heading(block: Block, theirs: Block) -> bool:
    """Whether a heading's new words can be proposals in it: two headings, the base's holding
    no bracket of its own."""
    return isinstance(block, Heading) and isinstance(theirs, Heading) and not has_brackets(block.line.content)


def _heading_lines(document: Document) -> list[_HeadingLine]:
    """The lines of the title and of the section headings of ``document``."""
    out: list[_HeadingLine] = []
    for i, b in enumerate(document.blocks):
        if isinstance(b, Title):
            out.extend((i, "title", _words(line_source(ln)), b) for ln in b.lines)
        elif isinstance(b, Heading):
            out.append((i, "heading", _words(_source(b)), b))
    return [x for x in out if x[2]]


class _Lines:
    """The lines of a document, to say whether a title or heading line stands in it: as a line
    of its own, or as its whole title (a Word copy reads a title of two lines as one
    paragraph)."""

    def __init__(self, document: Document, headings: list[_HeadingLine]):
        self.lines: set[str] = set()
        for b in document.blocks:
            if isinstance(b, Title):
                self.lines.update(_words(line_source(ln)) for ln in b.lines)
            elif isinstance(b, Paragraph):
                self.lines.update(_words(line_source(ln)) for ln in paragraph_lines(b))
            else:
                self.lines.add(_words(_source(b)))
        # its title as one line: a title read as one paragraph stands in a title of two lines
        self.lines.add(" ".join(h[2] for h in headings if h[1] == "title"))

    def __contains__(self, words: object) -> bool:
        return words in self.lines


def _title_of(lines: list[_HeadingLine]) -> str:
    return " ".join(h[2] for h in lines if h[1] == "title")


def _section(u: Unit, renamed: Mapping[str, str | None]) -> str | None:
    """The words of the heading ``u`` stands under (a reworded one's new words; None for a
    title line read as a heading)."""
    words = _words(u.section) if u.section is not None else None
    return renamed.get(words, words) if words is not None else None


def _section_title(line: str) -> str:
    """A heading's words after its indentation and number ("II. Further guidance" → "Further
    guidance")."""
    return section_title(line.lstrip())


def _words(text: str) -> str:
    """A line's words as lines are compared: squashed, straight quotes."""
    return squash(text).translate(STRAIGHT_QUOTES)


def _same_place(a: Place, b: Place) -> bool:
    """Whether two moves go to one place: next to one base paragraph (by index), or to one
    new paragraph (the same one, not one alike)."""
    (where, there), (other, place) = a, b
    same = there == place if isinstance(there, int) and isinstance(place, int) else there is place
    return where == other and same


def _struck_whole(u: Unit, proposed: _Proposed) -> bool:
    """Whether the deletion of paragraph ``u`` is written as its whole text struck: it has no
    number for a note to name, its text holds no bracket or sub-item, which struck words cannot
    hold, and no other delegation changes its words (struck whole, the deletion would be their
    rival; a note, "… to delete the following paragraph", leaves their changes where they stand)."""
    return (
        not u.label
        and not u.paragraph.items
        and not _NOTATION.search(_body(u))
        and not proposed.edits.get(u.index)
    )


def _rewritten_in_place(
    mine: list[Unit], theirs: list[Unit], pairs: list[tuple[Unit, Unit, str]]
) -> list[tuple[Unit, Unit, str]]:
    """Paragraphs a submission rewrote past the alignment's likeness but kept in their place
    with their label ("OP2 Calls upon stakeholders;" → "OP2 Calls significantly and regional
    promptly;", right after the paragraph before it): the same paragraph, its words changed,
    not one deleted and another added (which, accepted, lost its label, taken by the base's)."""
    mate = {o.index: n for o, n, _ in pairs}
    found = {n.index for _, n, _ in pairs}
    at = {n.index: k for k, n in enumerate(theirs)}
    out: list[tuple[Unit, Unit, str]] = []
    for k, o in enumerate(mine):
        if o.index in mate or o.key is None or (k and mine[k - 1].index not in mate):
            continue
        there = at[mate[mine[k - 1].index].index] + 1 if k else 0
        n = theirs[there] if there < len(theirs) else None
        if n is not None and n.index not in found and (n.key, n.part) == (o.key, o.part):
            out.append((o, n, "label"))
            mate[o.index] = n
            found.add(n.index)
    return out


def _notes_withdrawn(base: Document, sub: Submission) -> list[int]:
    """The notes of the base proposing to delete or move a paragraph that name the submitting
    delegation among their sponsors and that its copy no longer holds: it withdraws them (a
    second round). Another delegation's note cannot be withdrawn so; it stays."""
    from .textutil import squash

    theirs = {squash(b.text) for b in sub.document.blocks if isinstance(b, Note)}
    return [
        i
        for i, note in enumerate(base.blocks)
        if isinstance(note, Note)
        and note.kind in ("deletion", "move")
        and sub.code in {s.key for s in note.sponsors}
        and squash(note.text) not in theirs
    ]


def _new_paragraphs(
    theirs: list[Unit], matched: dict[int, Unit], code: str, added: dict[int, list[_Added]]
) -> list[int | _Added]:
    """Record the paragraphs a submission adds, each after the base paragraph it follows in the
    submission (one proposal, joint, where several add the same); the submission's paragraphs
    in its own order, base ones by index."""
    after = -1
    sequence: list[int | _Added] = []
    for n in theirs:
        if n.index in matched:
            after = matched[n.index].index
            sequence.append(after)
            continue
        body = _body(n)
        same = next((a for a in added[after] if a.body.strip() == body.strip()), None)
        if same is not None:
            same.codes.append(code)
        else:
            same = _Added([code], n.label, body)
            added[after].append(same)
        sequence.append(same)
    return sequence


def _moves(sequence: list[int | _Added], sections: list[str | None]) -> list[tuple[int, Place | None]]:
    """The base paragraphs a submission moved, given its paragraphs in its own order (a base
    paragraph's index, or a paragraph it adds) and the section each stands in: those outside
    the longest run of base paragraphs still in the base's order (the fewest moves that give
    the submission's order), each with where it went: after the paragraph before it in the
    submission (moved or new too, perhaps: the resolver places that one first), or, coming
    first, or first in its section (after the paragraph before it would be in the section
    before), before the first after it there that stayed. None where there is none: no note
    can name that place."""
    order = [i for i in sequence if isinstance(i, int)]
    stayed = set(_longest_increasing(order))
    out: list[tuple[int, Place | None]] = []
    for k, index in enumerate(sequence):
        if not isinstance(index, int) or index in stayed:
            continue
        if k and sections[k - 1] == sections[k]:
            out.append((index, ("after", sequence[k - 1])))
            continue
        there = _first_stayed(sequence, sections, k, stayed)
        out.append((index, ("before", there) if there is not None else None))
    return out


def _first_stayed(
    sequence: list[int | _Added], sections: list[str | None], k: int, stayed: set[int]
) -> int | None:
    """The first base paragraph after ``sequence[k]`` in its section that kept its place."""
    for j in range(k + 1, len(sequence)):
        if sections[j] != sections[k]:
            return None
        here = sequence[j]
        if isinstance(here, int) and here in stayed:
            return here
    return None


def _longest_increasing(seq: list[int]) -> list[int]:
    """A longest increasing subsequence of ``seq`` (patience sorting), the same one every run."""
    import bisect

    tails: list[int] = []  # the smallest last value of an increasing run of each length
    ends: list[int] = []  # its position in seq
    back: list[int] = [-1] * len(seq)
    for k, v in enumerate(seq):
        n = bisect.bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
            ends.append(k)
        else:
            tails[n], ends[n] = v, k
        back[k] = ends[n - 1] if n else -1
    out: list[int] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(seq[k])
        k = back[k]
    return out[::-1]


def _quotes_only(old: str, new: str) -> bool:
    """Whether an edit changes nothing but the style of its quotes (the report names the
    submissions that wrote their quotes otherwise)."""
    return old != new and old.translate(STRAIGHT_QUOTES) == new.translate(STRAIGHT_QUOTES)


def _changes(pairs: list[tuple[Unit, Unit, str]]) -> tuple[dict[int, list[_Edit]], bool]:
    """A submission's edits of each base paragraph it changed (by the base paragraph's index),
    and whether it changed the style of some quotes, which are not proposals."""
    out: dict[int, list[_Edit]] = {}
    quoted = False
    for o, n, _ in pairs:
        mine, yours = _body(o), _body(n)
        if mine == yours:
            continue
        edits = _edits(mine, yours)
        kept = [e for e in edits if not _quotes_only(mine[e.start : e.end], e.new)]
        quoted = quoted or len(kept) < len(edits)
        if kept:
            out[o.index] = kept
    return out, quoted


def _check_template(template: str, registry: Registry) -> None:
    """The note must read as one introducing the proposal after it, or deciding that proposal
    would leave the note behind as text. (The default does: tested, not parsed at every run.)"""
    if template == NOTE_TEMPLATE:
        return
    from .read.text import parse_text

    try:
        sample = template.format(delegation="delegation of the United States")
    except (KeyError, IndexError, ValueError) as e:
        raise InputError(f"--note-template: {{{e}}} is not a field; use {{delegation}}") from None
    blocks = parse_text(sample + "\n\n1. [US: x]\n", registry=registry).blocks
    if not (isinstance(blocks[0], Note) and blocks[0].kind == "intro"):
        raise InputError(
            f'--note-template "{template}" does not read as a note introducing a proposal; '
            'start it with "Proposed new paragraph", "Proposed text" or "Proposed amendment"'
        )


def _body(u: Unit) -> str:
    """A paragraph's text after its label, without the line ending that closes it."""
    out: list[str] = []
    block_source(u.paragraph, out)
    text = "".join(out)
    first = u.paragraph.lines[0]
    skip = len(first.indent) + (len(first.label.text) + len(first.label.sep) if first.label else 0)
    return text[skip:].rstrip("\r\n")


def _edits(old: str, new: str) -> list[_Edit]:
    out: list[_Edit] = []
    at = 0
    for op in word_diff(old, new):
        if op.tag == "equal":
            at += len(op.text)
        elif op.tag == "delete":
            out.append(_Edit(at, at + len(op.text), ""))
            at += len(op.text)
        elif out and out[-1].end == at and out[-1].new == "" and out[-1].start != out[-1].end:
            out[-1] = _Edit(out[-1].start, out[-1].end, op.text)  # a deletion then this: replaced
        else:
            out.append(_Edit(at, at, op.text))
    # spacing and line breaks are the layout of the file, not a delegation's proposal
    out = [e for e in out if (old[e.start : e.end] + e.new).strip()]
    return [e for e in _by_lines(old, _phrases(old, out)) if (old[e.start : e.end] + e.new).strip()]


def _phrases(old: str, edits: list[_Edit]) -> list[_Edit]:
    """Edits with only spaces between them, one of them striking words, as one change: "consider
    innovative" → "explore voluntary" is one proposal (two side by side would read as rival
    wordings)."""
    out: list[_Edit] = []
    for e in edits:
        if out:
            last = out[-1]
            gap = old[last.end : e.start]
            if gap and not gap.strip() and "\n" not in gap and (last.start != last.end or e.start != e.end):
                out[-1] = _Edit(last.start, e.end, last.new + gap + e.new)
                continue
        out.append(e)
    return out


def _by_lines(old: str, edits: list[_Edit]) -> list[_Edit]:
    """Edits that cross a line break, widened to the whole lines they touch and narrowed again
    by the lines left as they were: a sub-item is added, removed or replaced as a line, never
    from the middle of one label to the middle of the next (``(b) to report;⏎  (`` struck)."""
    if not any("\n" in old[e.start : e.end] or "\n" in e.new for e in edits):
        return edits
    ranges: list[tuple[int, int, list[_Edit]]] = []
    for e in edits:
        start, end = e.start, e.end
        if "\n" in old[start:end] or "\n" in e.new:
            start = old.rfind("\n", 0, start) + 1
            end = old.find("\n", end) % (len(old) + 1)  # (-1, no line break after: the end)
        held = [e]
        # (widened to its lines' start, it may take in several changes before it on the line)
        while ranges and start < ranges[-1][1]:
            first, last, before = ranges.pop()
            start, end, held = min(first, start), max(last, end), [*before, *held]
        ranges.append((start, end, held))
    out: list[_Edit] = []
    for start, end, held in ranges:
        if len(held) == 1 and (held[0].start, held[0].end) == (start, end):
            out.append(held[0])
            continue
        was = old[start:end]
        now = _apply(was, [_Edit(e.start - start, e.end - start, e.new) for e in held])
        out.append(_changed_lines(start, was, now))
    return out


def _changed_lines(at: int, was: str, now: str) -> _Edit:
    """The edit of ``was`` (at ``at``) into ``now`` without the whole lines both begin or end
    with (the same words, however spaced)."""
    a, b = was.splitlines(keepends=True), now.splitlines(keepends=True)
    same = [x.split() for x in a], [x.split() for x in b]  # (spacing is layout)
    head = 0
    while head < min(len(a), len(b)) and same[0][head] == same[1][head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and same[0][-1 - tail] == same[1][-1 - tail]:
        tail += 1
    start = at + sum(len(x) for x in a[:head])
    end = at + len(was) - sum(len(x) for x in a[len(a) - tail :])
    return _Edit(start, end, "".join(b[head : len(b) - tail]))


_Cluster = list[tuple[tuple[int, int, str], list[str]]]  # changes that overlap or touch, with whose


class _Placed:
    """The delegations' edits of one base paragraph's text, each placed among the brackets the
    text already holds (``_place``), changes alike joined."""

    def __init__(self, body: str, by: dict[str, list[_Edit]], registry: Registry):
        self.brackets = brackets = _brackets(body, registry)
        self.groups: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        self.raw: dict[tuple[int, int, str], tuple[str, str]] = {}  # edits applied as they are
        self.inside: dict[tuple[int, int, str], tuple[str, ...]] = {}
        self.unplaced: set[str] = set()
        for code, edits in by.items():
            for e in edits:
                how, where, e = _place(e, brackets, code, body)
                if how == "unplaced":
                    self.unplaced.add(code)
                    continue
                key = (e.start, e.end, e.new)
                self.groups[key].append(code)
                if how in ("withdrawn", "amended"):
                    self.raw[key] = (how, code)
                if where:
                    self.inside[key] = where

    def clusters(self, body: str) -> list[_Cluster]:
        """The changes in order of where they start, in runs that overlap or touch."""
        return _clusters(sorted(self.groups.items()), body)


class _Writer:
    def __init__(
        self, base: Document, base_units: list[Unit], registry: Registry, options: ConsolidateOptions
    ):
        self.base = base
        self.units = {id(u.paragraph): u for u in base_units}
        self.by_index = {u.index: u for u in base_units}
        self.withdrawn: dict[int, list[str]] = {}  # a note's index → the sponsors withdrawing it
        self.skip_blanks = False  # a note went: the blank lines after it go too
        self.registry = registry
        self.options = options
        self.out: list[str] = []
        # how many pieces of ``out`` have been counted, and their lines and characters
        self.counted = self.lines = self.chars = 0
        self.apart: list[int] = []  # where a Word base's zero-width blank lines stand
        self.announced: set[int] = set()  # the paragraphs whose notes are written already
        self.base_lines: dict[int, int] = {}  # each block's line in the base → in the compilation (0: gone)
        self.entries: list[Entry] = []
        # labels in use, per section (every section of a resolution may have its own 1., 2., …)
        self.labels = {(u.section, u.key) for u in base_units if u.key}
        self.last = base_units[-1].index if base_units else -1
        self.conflicted = 0
        self.at = {id(b): i for i, b in enumerate(base.blocks)}
        # a proposal just written would read otherwise: touching a bracket of the base's, or as
        # an instruction
        self.misread = False
        # the changes ``_written`` wrote in a form that would read otherwise, by cluster
        self.flagged: list[tuple[int, str]] = []

    def write(self, proposed: _Proposed) -> Compilation:
        blocks = self.base.blocks
        self.headings, self.unwritten = proposed.headings, proposed.unwritten
        self._number(proposed.added)
        self._added(proposed.added.get(-1, []), None, before_first=True)
        dated = self.options.as_of is None
        heralded = self._heralded()
        for i, block in enumerate(blocks):
            if self.skip_blanks and isinstance(block, Blank):
                continue
            self.skip_blanks = False
            if i in heralded:
                self._announced(heralded[i], proposed, i)
            if isinstance(block, Blank) and not block.text:
                self.apart.append(self._size())
            text_parts: list[str] = []
            block_source(block, text_parts)
            text = "".join(text_parts)
            u = self.units.get(id(block)) if isinstance(block, Paragraph) else None
            if u is not None:
                self._unit(u, text, proposed)
            else:
                dated = self._other(i, block, text, dated)
        return self._finish(dated)

    def _other(self, i: int, block: Block, text: str, dated: bool) -> bool:
        """A block that is no paragraph of the base's, written as it stands but for the date,
        withdrawn notes and the words delegations propose for a heading; whether the
        compilation is dated now."""
        for code, said in self.unwritten.get(i, []):
            where = squash(_source(block))[:40]
            self.entries.append(Entry("unwritten-heading", (code,), where, said, self._line()))
        if isinstance(block, Heading):
            text = self._heading(i, text)
        if isinstance(block, Note) and not dated and _AS_OF.search(text):
            text = _AS_OF.sub(self._as_of(), text)
            dated = True
        if isinstance(block, Note) and i in self.withdrawn:
            text = self._withdrawn_note(i, block, text)
        if not isinstance(block, Blank):
            self.base_lines[block.span.line] = self._line() if text else 0
        self.out.append(text)
        if not dated and isinstance(block, Title) and not _title_follows(self.base.blocks, i):
            self.out.append(f"{self.base.newline}{self._as_of()}{self.base.newline}")
            dated = True
        return dated

    def _heralded(self) -> dict[int, Unit]:
        """The paragraphs of the base that notes stand before (an introducing one, say), by the
        first of those notes (after the date's, which heads the draft): a note a delegation
        proposes on the paragraph goes before them, where a Word base's own notes, its
        comments on the paragraph, leave room for a paragraph of its own."""
        blocks = self.base.blocks
        out: dict[int, Unit] = {}
        for u in self.units.values():
            k = first = self.at[id(u.paragraph)]
            while k > 0 and isinstance(blocks[k - 1], (Blank, Note)) and not _is_as_of(blocks[k - 1]):
                k -= 1
                first = k if isinstance(blocks[k], Note) else first
            if first != self.at[id(u.paragraph)]:
                out[first] = u
        return out

    def _announced(self, u: Unit, proposed: _Proposed, at: int) -> None:
        """The notes delegations propose on paragraph ``u`` (moves, its deletion), written
        before block ``at``."""
        self.announced.add(u.index)
        for (where, place), codes in proposed.moved.get(u.index, []):
            self._move(u, where, self.by_index[place] if isinstance(place, int) else place, codes, at)
        for code, section in proposed.unplaced.get(u.index, []):
            said = f"{' '.join(u.words[:6])} under the heading {section!r}"
            self.entries.append(Entry("unwritten-move", (code,), self._where(u), said, self._line()))
        deleted = proposed.deleted.get(u.index)
        if deleted and not _struck_whole(u, proposed):
            self._deletion(u, deleted, at)

    def _unit(self, u: Unit, text: str, proposed: _Proposed) -> None:
        """A paragraph of the base with what the delegations propose of it: moves and deletion
        before it (unless written before its notes), its edits, and the paragraphs added after
        it."""
        by = dict(proposed.edits.get(u.index, {}))
        if u.index not in self.announced:
            self._announced(u, proposed, self.at[id(u.paragraph)])
        deleted = proposed.deleted.get(u.index)
        if deleted and _struck_whole(u, proposed):  # no number to name: the whole text struck
            for code in deleted:
                by[code] = [_Edit(0, len(_body(u)), "")]
        self.base_lines[u.paragraph.span.line] = self._line()
        self._paragraph(u, text, by)
        self._added(proposed.added.get(u.index, []), u)

    def _finish(self, dated: bool) -> Compilation:
        """The compilation: dated at the top when no title or note took the date, and ending as
        the base does."""
        apart = self.apart
        if not dated:
            self.out.insert(0, f"{self._as_of()}{self.base.newline * 2}")
            self.entries = [replace(e, line=e.line + 2) for e in self.entries]
            apart = [k + len(self.out[0]) for k in apart]
            self.base_lines = {k: n + 2 if n else 0 for k, n in self.base_lines.items()}
        text = "".join(self.out)
        # (a Word base's reader ends it with a zero-width blank line)
        last = next((t for t in map(_source, reversed(self.base.blocks)) if t), "\n")
        if not last.endswith("\n"):
            text = text.rstrip("\r\n")  # the base ends with no final newline: so does this
        word = self.base.read_from == "docx"
        return Compilation(
            text, self.entries, self.conflicted, word=word, apart=tuple(apart), base_lines=self.base_lines
        )

    # ---------------------------------------------------------------- pieces
    def _line(self) -> int:
        self._count()
        return self.lines + 1

    def _size(self) -> int:
        self._count()
        return self.chars

    def _count(self) -> None:
        while self.counted < len(self.out):  # counted as written, once
            piece = self.out[self.counted]
            self.lines += piece.count("\n")
            self.chars += len(piece)
            self.counted += 1

    def _as_of(self) -> str:
        day = self.options.as_of or dt.date.today()
        shown = (
            day.strftime(self.options.as_of_format)
            if self.options.as_of_format
            else (f"{day.strftime('%B')} {day.day}, {day.year}")
        )
        return f"(Comments from delegations received as of {shown})"

    def _spaced(self, i: int) -> bool:
        """Whether the base parts its blocks with blank lines where block ``i`` meets the one
        before it (many drafts do; one copied out of a PDF often does not)."""
        return 0 < i < len(self.base.blocks) and isinstance(self.base.blocks[i - 1], Blank)

    def _after_note(self, at: int) -> str:
        """What ends a note written before block ``at``: its line's ending, and a blank line
        where the base has one before that block (rejected, the note goes with the blank lines
        after it, and the base reads as it did)."""
        nl = self.base.newline
        return nl * 2 if self._spaced(at) else nl

    def _where(self, u: Unit) -> str:
        return u.label or " ".join(u.words[:4])

    def _tag(self, codes: Sequence[str]) -> str:
        return ", ".join(sorted(codes))

    def _deletion(self, u: Unit, codes: list[str], at: int) -> None:
        who = " and ".join(sorted(codes))
        verb = "proposes" if len(codes) == 1 else "propose"
        self.entries.append(
            Entry("deleted-paragraph", tuple(sorted(codes)), self._where(u), u.source, self._line())
        )
        # (an unnumbered paragraph whose text no struck words can hold: the note names the next)
        named = f"paragraph {u.label.rstrip('.')}" if u.label else "the following paragraph"
        self.out.append(f"{who} {verb} to delete {named}{self._after_note(at)}")

    def _withdrawn_note(self, i: int, note: Note, text: str) -> str:
        """A deletion or move note (block ``i``) some of whose sponsors withdrew it: written for
        the others, or gone with the blank lines after it when none is left; the report says so."""
        gone = sorted(set(self.withdrawn[i]))
        self.entries.append(
            Entry("withdrawn", tuple(gone), note.target or "", note.text.strip(), self._line())
        )
        if all(s.key in gone for s in note.sponsors):
            self.skip_blanks = True
            return ""
        again = renamed(note, set(gone))
        # (a note whose words do not name its sponsors one by one stays as it stands: the
        # report says who withdrew)
        return text if again is None else text.replace(note.text, again.text, 1)

    def _move(self, u: Unit, where: str, place: Unit | _Added, codes: list[str], at: int) -> None:
        """ "US proposes to move paragraph 6 after paragraph 7", before paragraph 6: a proposal
        the resolver decides as it does a deletion note. An unnumbered paragraph, or one moved
        next to an unnumbered one, cannot be named: the report says the move is not written."""
        who = " and ".join(sorted(codes))
        label = place.label if isinstance(place, Unit) else place.assigned
        moved, there = (u.label or "").rstrip("."), (label or "").rstrip(".")
        said = f"to move paragraph {moved} {where} paragraph {there}"
        if not (u.label and label):
            words = place.words if isinstance(place, Unit) else tuple(place.body.split())
            text = f"{' '.join(u.words[:6])} {where} {' '.join(words[:6])}"
            self.entries.append(
                Entry("unwritten-move", tuple(sorted(codes)), self._where(u), text, self._line())
            )
            return
        self.entries.append(
            Entry("moved-paragraph", tuple(sorted(codes)), self._where(u), said[3:], self._line())
        )
        verb = "proposes" if len(codes) == 1 else "propose"
        self.out.append(f"{who} {verb} {said}{self._after_note(at)}")

    def _paragraph(self, u: Unit, text: str, by: dict[str, list[_Edit]]) -> None:
        first = u.paragraph.lines[0]
        head = first.indent + (first.label.text + first.label.sep if first.label else "")
        body = text[len(head) :]
        ending = body[len(body.rstrip("\r\n")) :]
        body = body.rstrip("\r\n")
        if not by:
            self.out.append(text)
            return
        placed = _Placed(body, by, self.registry)
        clusters = placed.clusters(body)
        contested = [c for c in clusters if len(c) > 1]
        if placed.unplaced or (contested and not self._inline(contested, placed)):
            self._alternatives(u, head, body, ending, by)
            return
        entries = len(self.entries)
        written = self._written(body, clusters, placed, self._where(u))
        if self.flagged:
            said = self.entries[entries:]
            del self.entries[entries:]
            settled = self._flagged_settled(u, body, clusters, placed)
            if settled is None:  # no form decides right but the paragraph's versions
                self._alternatives(u, head, body, ending, by)
                return
            if not settled:
                self.entries.extend(said)
            written = settled or written
        if contested:
            self.conflicted += 1
        self.out.append(head + written + ending)

    def _flagged_settled(self, u: Unit, body: str, clusters: list[_Cluster], placed: _Placed) -> str | None:
        """``body`` written again for the changes ``_written`` flagged: those in sub-item lines
        as alternatives of each line; "" to keep it as written where they only stand beside a
        plain bracket in a paragraph that can have no alternative line (``check`` asks how to
        read them); None where the paragraph's versions must be written."""
        apart = _item_lines(body, clusters, [k for k, _ in self.flagged])
        if apart is not None:
            return self._items_apart(u, body, clusters, placed, apart)
        label = u.paragraph.lines[0].label
        beside = all(kind == "beside" for _, kind in self.flagged)
        return "" if beside and (label is None or _alt_label(label.text) is None) else None

    def _items_apart(
        self, u: Unit, body: str, clusters: list[_Cluster], placed: _Placed, apart: list[_ItemLine]
    ) -> str:
        """``body`` with the changes to the sub-items in ``apart`` written as alternatives of
        each (``(p) alt [NOR: …]`` after it) and the others where they stand; the changes of the
        first pass flagged (``_written``) stay so if any is left."""
        extra: dict[int, str] = {}
        taken: set[int] = set()
        where = self._where(u)
        nl = self.base.newline
        for item in apart:
            line = self._line() + body.count("\n", 0, item.start)
            written = []
            for version, codes in _item_versions(body, item, placed).items():
                self.entries.append(Entry("conflict", tuple(codes), where, version, line))
                written.append(f"{item.indent}{item.alt} [{self._tag(codes)}: {version}]")
            if item.after < len(body) or body.endswith("\n"):
                extra[item.after] = "".join(w + nl for w in written)
            else:
                extra[len(body)] = "".join(nl + w for w in written)
            taken.update(k for k, c in enumerate(clusters) if item.start <= c[0][0][0] <= item.end)
        self.conflicted += 1
        rest = [c for k, c in enumerate(clusters) if k not in taken]
        return self._written(body, rest, placed, where, extra)

    def _written(
        self,
        body: str,
        clusters: list[_Cluster],
        placed: _Placed,
        where: str,
        extra: Mapping[int, str] | None = None,
    ) -> str:
        """``body`` with its changes written in, each cluster of them where it stands, and
        ``extra`` text at its offsets (a sub-item's alternatives after it). ``self.flagged``:
        the clusters (by index) written in a form that would read otherwise ("misread":
        touching a bracket of the base's, as an instruction) or beside a bracket with only
        spaces between, which reads as its rival wording or as a proposal of its own ("beside");
        ``self.misread`` whether any would read otherwise."""
        pieces: list[str] = []
        at = 0
        line = self._line()
        self.flagged = []
        inserts = sorted((extra or {}).items())
        for k, cluster in enumerate(clusters):
            (start, _, _), _ = cluster[0]
            end = max(key[1] for key, _ in cluster)
            line += body.count("\n", at, start)  # the line it starts on (a sub-item's, say)
            self.misread = False
            if len(cluster) > 1:
                start, piece = self._contest(body, start, end, cluster, where, line, at)
            else:
                ceiling = clusters[k + 1][0][0][0] if k + 1 < len(clusters) else len(body)
                start, piece, end = self._one(body, cluster[0], placed, where, line, at, ceiling)
            while inserts and inserts[0][0] <= start:
                pieces.append(body[at : inserts[0][0]])
                at = inserts[0][0]
                pieces.append(inserts.pop(0)[1])
            if (
                self.misread
                or _touches(piece, body, start, end, placed.brackets)
                or (inserts and inserts[0][0] < end)
            ):
                self.flagged.append((k, "misread"))
            elif _beside(piece, body, start, end, placed.brackets):
                self.flagged.append((k, "beside"))
            pieces.append(body[at:start])
            pieces.append(piece)
            line += body.count("\n", start, end)
            at = end
        for offset, text in inserts:
            pieces.append(body[at:offset])
            pieces.append(text)
            at = offset
        pieces.append(body[at:])
        self.misread = any(kind == "misread" for _, kind in self.flagged)
        return "".join(pieces)

    def _heading(self, i: int, text: str) -> str:
        """A section heading of the base with the words the delegations propose for it, as
        brackets in it (the resolver decides a heading's brackets as a paragraph's)."""
        by = self.headings.get(i)
        if not by:
            return text
        line = text.rstrip("\r\n")
        # its number is no proposal: a delegation numbering its sections afresh renumbers them
        body = _section_title(line)
        head = line[: len(line) - len(body)]
        edits = {code: _edits(body, _section_title(new)) for code, new in by.items()}
        edits = {
            c: [e for e in es if not _quotes_only(body[e.start : e.end], e.new)] for c, es in edits.items()
        }
        placed = _Placed(body, {c: e for c, e in edits.items() if e}, self.registry)
        clusters = placed.clusters(body)
        entries, self.misread = len(self.entries), False
        written = self._written(body, clusters, placed, squash(line)[:40])
        if self.misread:  # a heading has no alternative lines: listed, not written
            del self.entries[entries:]
            for code, new in sorted(by.items()):
                self.entries.append(Entry("unwritten-heading", (code,), squash(line)[:40], new, self._line()))
            return text
        if any(len(c) > 1 for c in clusters):
            self.conflicted += 1
        return head + written + text[len(line) :]

    def _inline(self, contested: list[list[tuple[tuple[int, int, str], list[str]]]], placed: _Placed) -> bool:
        """Whether conflicts are written inline: asked for, and none touches a delegation's own
        bracket or sits inside another's (those have no smaller form that decides right)."""
        return self.options.conflicts == "inline" and not any(
            key in placed.raw or key in placed.inside for c in contested for key, _ in c
        )

    def _one(
        self,
        body: str,
        change: tuple[tuple[int, int, str], list[str]],
        placed: _Placed,
        where: str,
        line: int,
        floor: int,
        ceiling: int,
    ) -> tuple[int, str, int]:
        """One change (of one or several delegations alike) as written in the compilation, and
        where in ``body`` what it writes starts and ends (at the change, or at the word before
        it, no further back than ``floor``, or after it, no further on than ``ceiling``)."""
        key, codes = change
        start, end, new = key
        if key in placed.raw:
            how, code = placed.raw[key]
            words = body[start:end] if how == "withdrawn" else f"{body[start:end]} → {new}"
            self.entries.append(Entry(how, (code,), where, words.strip(), line))  # type: ignore[arg-type]
            return start, new, end
        inside = placed.inside.get(key, ())
        if start == end and _instruction(new.strip(_EDGE_SPACE)):
            # '[AUS: "all"]' reads as AUS's instruction to delete "all", "[US: delete]" as its
            # deletion of the words before: the word before them is struck and typed again with
            # them, or where none can be (a bracket before them), the word after them
            at = _word_before(body, floor, start)
            if at is not None:
                words = body[at:start] + new
                return at, self._proposal(body[at:end], words, codes, where, line, inside, retyped=True), end
            after = _word_after(body, end, ceiling)
            if after is None:
                self.misread = True  # no word to take: the paragraph's versions
                return start, new, end
            words = new + body[end:after]
            return start, self._proposal(body[start:after], words, codes, where, line, inside), after
        return start, self._proposal(body[start:end], new, codes, where, line, inside), end

    def _contest(
        self,
        body: str,
        start: int,
        end: int,
        cluster: list[tuple[tuple[int, int, str], list[str]]],
        where: str,
        line: int,
        floor: int,
    ) -> tuple[int, str]:
        """Changes that overlap or touch: each delegation's version of the words they compete
        for, in the smallest bracket that holds it, the brackets side by side as alternatives
        (``[EU: ~~consider~~ adopt] / [US: ~~consider~~ explore]``). Accepting one supersedes the
        others; rejecting them all leaves the words as they were. With where in ``body`` what
        it writes starts: at the word before them (no further back than ``floor``) when a
        version adds words after a space where another adds none ("with" → "with sustainable,"
        and "with,"): a tag takes the spaces after it, so ``[CHE:  sustainable,]`` would lose it;
        or when a version replacing the words starts with a mark the resolver joins to the word
        before (``[CHE: ~~to~~, to] / [JPN: ~~to~~]``: accepted, CHE's takes the space before
        it, and Word cannot hold the versions as one deletion and their insertions); that word
        is struck and typed again in each version."""
        lead, core, trail, versions = _rivals(body[start:end], start, cluster, retyped=False)
        if any(v[:1] in (_EDGE_SPACE if not core else _JOINED) for v in versions if v):
            at = _word_before(body, floor, start)
            if at is None:
                self.misread = True  # no word to take: the paragraph's versions
                return start, ""
            start = at
            lead, core, trail, versions = _rivals(body[start:end], start, cluster, retyped=True)
        if "\n" in core or any("\n" in v for v in versions):
            # rivals over a line break would hold a sub-item's label inside a bracket: the
            # paragraph's versions (or the sub-item's) say it
            self.misread = True
            return start, ""
        members = []
        for version, codes in versions.items():
            _writable(version, codes, where)
            tag = self._tag(codes)
            words = _struck_then(core, version) if core else version
            self.misread |= _instruction(words)  # (the paragraph's versions say it as words)
            members.append(f"[{tag}: {words}]")
            shown = version or f"~~{core}~~"
            self.entries.append(Entry("conflict", tuple(codes), where, shown, line))
        return start, lead + RIVAL_SEPARATOR.join(members) + trail

    def _proposal(
        self,
        old: str,
        new: str,
        codes: list[str],
        where: str,
        line: int,
        inside: tuple[str, ...] = (),
        retyped: bool = False,
    ) -> str:
        # (``retyped``: ``old`` is struck and typed again before the words ``new`` adds to it)
        lead = "" if retyped else _common_prefix(old, new)
        old, new = old[len(lead) :], new[len(lead) :]
        trail = _common_suffix(old, new)
        if trail:
            old, new = old[: len(old) - len(trail)], new[: len(new) - len(trail)]
        if not old:  # an insertion: its own edge spaces stand outside the bracket
            inner = new.strip(_EDGE_SPACE)
            lead += new[: len(new) - len(new.lstrip(_EDGE_SPACE))]
            trail = new[len(new.rstrip(_EDGE_SPACE)) :] + trail
            new = inner
        elif not new:
            inner = old.strip(_EDGE_SPACE)
            lead += old[: len(old) - len(old.lstrip(_EDGE_SPACE))]
            trail = old[len(old.rstrip(_EDGE_SPACE)) :] + trail
            old = inner
        else:
            lead, old, trail = _spaces_kept(lead, old, [new], trail)
        tag = self._tag(codes)
        _writable(new, codes, where)
        if not old:
            self.entries.append(Entry("inserted", tuple(sorted(codes)), where, new, line, inside))
            return f"{lead}[{tag}: {new}]{trail}"
        if self.options.deletion_style == "command":
            # (words holding a quote mark cannot be quoted in one: the paragraph's versions)
            self.misread |= any(q in old + new for q in '"“”')
            if not new:
                self.entries.append(Entry("deleted", tuple(sorted(codes)), where, old, line, inside))
                return f'{lead}{old} [{tag}: delete "{old}"]{trail}'
            self.entries.append(
                Entry("replaced", tuple(sorted(codes)), where, f"{old} → {new}", line, inside)
            )
            return f'{lead}{old} [{tag}: replace "{old}" with "{new}"]{trail}'
        if not new:
            self.entries.append(Entry("deleted", tuple(sorted(codes)), where, old, line, inside))
            return f"{lead}[{tag}: ~~{old}~~]{trail}"
        self.entries.append(Entry("replaced", tuple(sorted(codes)), where, f"{old} → {new}", line, inside))
        return f"{lead}[{tag}: {_struck_then(old, new)}]{trail}"

    def _alternatives(self, u: Unit, head: str, body: str, ending: str, by: dict[str, list[_Edit]]) -> None:
        """Changes that overlap: the base stays, and each delegation's version is an
        alternative line (identical versions joined)."""
        self.conflicted += 1
        versions: dict[str, list[str]] = defaultdict(list)
        for code in sorted(by):
            versions[_apply(body, by[code])].append(code)
        label = u.paragraph.lines[0].label
        alt = _alt_label(label.text) if label is not None else None
        if alt is None and self._whole_rivals(u, head, body, ending, versions):
            return
        eol = ending or self.base.newline  # (the base's last line may have none: the alternatives follow it)
        if alt is None:
            # no alternative line: the versions' delegations propose deleting the paragraph, and
            # each version is a paragraph of its own after it, so that accepting one gives it alone
            # (a version of no words is its delegation's deletion: the note says it)
            self._versions_apart(u, [c for codes in versions.values() for c in codes])
        self.out.append(head + body + eol)
        for version, codes in versions.items():
            self.entries.append(Entry("conflict", tuple(codes), self._where(u), version, self._line()))
            if alt is not None:
                self.out.append(self._alternative_line(u, alt, body, version, codes, eol))
            elif version.strip():
                self.out.append(f"{eol}[{self._tag(codes)}: {version}]{eol}")

    def _alternative_line(
        self, u: Unit, alt: str, body: str, version: str, codes: list[str], eol: str
    ) -> str:
        """``5 alt [US: …]``: a sub-item's (``(b) alt``) indented as the sub-item is; a version of
        a paragraph of several lines in one line ending in a line break (the whole paragraph's
        version, not its first line's)."""
        first = u.paragraph.lines[0]
        indent = first.indent if first.label is not None and first.label.is_item else ""
        whole = eol if "\n" in body and "\n" not in version else ""
        return f"{indent}{alt} [{self._tag(codes)}: {version}{whole}]{eol}"

    def _versions_apart(self, u: Unit, codes: list[str]) -> None:
        """The note before a paragraph with no alternative line whose versions (by ``codes``)
        are paragraphs of their own after it: "JPN and NOR propose to delete the following
        paragraph" (or "paragraph (b)")."""
        who = " and ".join(sorted(set(codes)))
        verb = "proposes" if len(set(codes)) == 1 else "propose"
        named = f"paragraph {u.label.rstrip('.')}" if u.label else "the following paragraph"
        self.out.append(f"{who} {verb} to delete {named}{self._after_note(self.at[id(u.paragraph)])}")

    def _whole_rivals(
        self, u: Unit, head: str, body: str, ending: str, versions: dict[str, list[str]]
    ) -> bool:
        """The versions of a paragraph that can have no alternative line (unnumbered, or
        labelled as a sub-item is, "(b)") as rivals of its whole text (``[JPN: ~~text~~ version]
        / [NOR: ~~text~~ version]``), of each of its lines where they differ when it has
        several, decided as alternatives are: accepting one supersedes the others and the base
        words, rejecting them all leaves these (a line a version removes is struck whole).
        Whether they could be so written: not where the text or a version holds the notation's
        marks, the paragraph has sub-items, or a version adds lines or removes its first, which
        no struck words can hold."""
        lines = body.splitlines(keepends=True)
        theirs = {v: _line_by_line(lines, v.splitlines(keepends=True)) for v in versions}
        if (
            u.paragraph.items
            or any(_NOTATION.search(t) for t in (body, *versions))
            or any(t is None for t in theirs.values())
        ):
            return False
        entries, self.misread = len(self.entries), False
        pieces: list[str] = []
        for k, line in enumerate(lines):
            text = line.rstrip("\r\n")
            eol = line[len(text) :]
            by_line: dict[str, list[str]] = defaultdict(list)
            for version, codes in versions.items():
                mine = theirs[version][k]  # type: ignore[index]
                if mine[len(mine.rstrip("\r\n")) :] not in (eol, ""):
                    self.misread = True
                if mine.rstrip("\r\n") != text:
                    by_line[mine.rstrip("\r\n")].extend(codes)
            cluster: _Cluster = [((0, len(text), v), sorted(codes)) for v, codes in by_line.items()]
            start, piece = (
                self._contest(text, 0, len(text), cluster, self._where(u), self._line() + k, 0)
                if cluster
                else (0, text)
            )
            self.misread |= start != 0
            pieces.append(piece + eol)
        if self.misread:
            del self.entries[entries:]
            return False
        self.out.append(head + "".join(pieces) + ending)
        return True

    def _number(self, added: dict[int, list[_Added]]) -> None:
        """Give each new paragraph its label, in the order they are written, before anything is
        written: a move note may name one written after it."""
        for after in sorted(added):
            unit = self.by_index.get(after)
            for item in sorted(added[after], key=lambda a: (sorted(a.codes), a.body)):
                item.assigned = self._label_for(item, unit)

    def _added(self, items: list[_Added], after: Unit | None, before_first: bool = False) -> None:
        nl = self.base.newline
        # blank lines around it where the base parts its paragraphs so, at the place it goes
        # (after the last one, as the last one is parted from the one before it)
        k = -1 if after is None else self.at[id(after.paragraph)]
        blocks = self.base.blocks
        spaced = isinstance(blocks[k + 1], Blank) if k + 1 < len(blocks) else self._spaced(k) or k <= 0
        gap = nl if spaced else ""
        for item in sorted(items, key=lambda a: (sorted(a.codes), a.body)):
            label = item.assigned
            tag = self._tag(item.codes)
            _writable(item.body, sorted(item.codes), None)
            # every new paragraph, the last one too, is introduced by a note after a blank line;
            # rejected, it goes with its note and the blank lines around them (the resolver
            # leaves the draft ending as it did)
            note = self.options.note_template.format(delegation=self._delegations(item.codes))
            # after a last line with no line ending (a base without a final newline), end it first
            unended = bool(self.out) and not self.out[-1].endswith("\n")
            lead = "" if before_first else (nl if unended else "") + gap
            line = self._line() + len(lead) // len(nl) + 1 + len(gap) // len(nl)
            text = f"{lead}{note}{nl}{gap}{label + ' ' if label else ''}[{tag}: {item.body.strip()}]{nl}"
            if before_first:
                text += gap
            self.out.append(text)
            self.entries.append(
                Entry("new-paragraph", tuple(sorted(item.codes)), label or "", item.body, line)
            )

    def _label_for(self, item: _Added, after: Unit | None) -> str | None:
        section = after.section if after is not None else None
        own = item.label
        if own is not None:
            key = (section, label_key(own))
            if key not in self.labels:
                self.labels.add(key)
                return own
        if after is None or after.label is None:
            # its own number is taken and there is none to add "bis" to (before the first
            # paragraph, after an unnumbered one): unnumbered, so no note can name two
            return None
        # (after "4.bis": "4.ter", the next free; "4.bis.bis" is no label)
        base = _SUFFIXED.sub("", after.label.rstrip("."))
        numbered = re.match(r"\d", base) is not None
        for suffix in LATIN_SUFFIXES:
            label = f"{base}.{suffix}." if numbered else f"{base} {suffix}"
            key = (section, label_key(label))
            if key not in self.labels:
                self.labels.add(key)
                return label
        return None  # past the twentieth: unnumbered, as above

    def _delegations(self, codes: list[str]) -> str:
        names = []
        for code in sorted(codes):
            known = self.registry.get(code)
            names.append(_with_article(known.name if known else code))
        return f"delegation{'s' if len(names) > 1 else ''} of {listed(names)}"


# marks of the notation itself: inside a proposal they would mean something else (strokes a
# deletion, a bracket a proposal of its own)
_NOTATION = re.compile(r"~~|[\[\]［］]")


def _outside(old: str, versions: list[str]) -> tuple[str, str]:
    """The spaces that stand outside rival brackets over ``old``, before and after: those
    every version keeping words keeps at its edges. A version deleting the words takes their
    spaces as a deletion does (the resolver tidies them)."""
    edges = [v for v in versions if v.strip(_EDGE_SPACE)] + ([old] if old.strip(_EDGE_SPACE) else [])
    if not edges:
        return "", ""
    return _common_prefix(*edges), _common_suffix(*edges)


def _rivals(
    old: str, start: int, cluster: list[tuple[tuple[int, int, str], list[str]]], retyped: bool
) -> tuple[str, str, str, dict[str, list[str]]]:
    """Rival changes of ``old`` (at ``start`` in the body ``cluster`` edits): the text before
    and after them that stays outside their brackets, the words they compete for, and each
    version of those words with the delegations proposing it. ``retyped``: the words ``old``
    starts with are struck and typed again (nothing before them stays outside)."""
    whole: dict[str, str] = {}  # each delegation's version of ``old``
    for code in sorted({c for _, codes in cluster for c in codes}):
        mine = [_Edit(k[0] - start, k[1] - start, k[2]) for k, codes in cluster if code in codes]
        whole[code] = _apply(old, mine)
    lead, trail = _outside(old, list(whole.values()))
    lead = "" if retyped else lead
    core = old[len(lead) : len(old) - len(trail)] if old.strip(_EDGE_SPACE) else ""
    versions: dict[str, list[str]] = defaultdict(list)
    for code, version in whole.items():
        version = version[len(lead) : len(version) - len(trail)]
        if version != core:
            versions[version].append(code)
    if core:
        lead, core, trail = _spaces_kept(lead, core, [v for v in versions if v], trail)
    return lead, core, trail, versions


def _struck_then(old: str, new: str) -> str:
    """``~~old~~ new``: the words struck, then those proposed for them; the space between
    them is the notation's, and goes on accepting, so none is written before a proposal that
    starts with a mark (``~~;~~,``), which would keep it ("sources , and")."""
    if not new:
        return f"~~{old}~~"
    return f"~~{old}~~{' ' if new[0].isalnum() else ''}{new}"


def _spaces_kept(lead: str, old: str, versions: list[str], trail: str) -> tuple[str, str, str]:
    """``lead``, ``old`` and ``trail`` with the spaces ``old`` has at an edge beside the spaces
    around it, and no version has there (the base's doubled space, "for  higher", where a
    submission wrote one: "for enhanced"), left outside the bracket: white space is no
    proposal, and struck with the words it would be lost whichever way the bracket goes."""
    if lead[-1:] in _EDGE_SPACE[:3] and lead and not any(v[:1] in _EDGE_SPACE for v in versions):
        extra = old[: len(old) - len(old.lstrip(_EDGE_SPACE))]
        lead, old = lead + extra, old[len(extra) :]
    if trail[:1] in _EDGE_SPACE[:3] and trail and not any(v[-1:] in _EDGE_SPACE for v in versions):
        extra = old[len(old.rstrip(_EDGE_SPACE)) :]
        trail, old = extra + trail, old[: len(old) - len(extra)]
    return lead, old, trail


def _writable(words: str, codes: list[str], where: str | None) -> None:
    """A delegation's words can be written inside its proposal: never a silent change of what
    they mean."""
    found = _NOTATION.search(words)
    if found:
        place = f" in paragraph {where}" if where else ""
        raise InputError(
            f"{', '.join(codes)}'s text{place} holds {found.group(0)!r} outside any bracket "
            f"({words.strip()[:60]!r}): written inside its proposal, it would read as the notation's "
            "own mark; remove it, or bracket the proposal in the submission"
        )


def _source(block: Block) -> str:
    out: list[str] = []
    block_source(block, out)
    return "".join(out)


def _title_follows(blocks: tuple[object, ...], i: int) -> bool:
    return i + 1 < len(blocks) and isinstance(blocks[i + 1], Title)


_ARTICLE = re.compile(
    r"^(?:United|Russian|European|Netherlands|Philippines|Republic|Democratic|Islamic|Bahamas|Gambia|"
    r"Dominican|Czech|Group|Holy|Marshall|Solomon|Comoros|Maldives|Central|Plurinational|Bolivarian)\b"
)


def _with_article(name: str) -> str:
    return f"the {name}" if _ARTICLE.match(name) else name


@dataclass(frozen=True, slots=True)
class _Bracket:
    """A bracket already in the base: where it opens, where its words start, where it closes
    (the ``]``), and who proposes it."""

    open: int
    body: int
    close: int
    sponsors: frozenset[str]
    instruction: bool = False  # its words are an instruction ('replace "a" with "b"')


def _brackets(body: str, registry: Registry) -> list[_Bracket]:
    """The brackets of a base paragraph's text, outermost first."""
    from .read.terminals import terminals

    tag = terminals()["TAG"]
    out: list[_Bracket] = []
    stack: list[int] = []
    for i, ch in enumerate(body):
        if ch in "[［":
            stack.append(i)
        elif ch in "]］" and stack:
            start = stack.pop()
            m = tag.match(body, start + 1)
            names = (
                frozenset(s.code or s.written for s in registry.sponsors(m.group(0).rstrip(": \t\u00a0")))
                if m
                else frozenset()
            )
            words_at = m.end() if m else start + 1
            out.append(_Bracket(start, words_at, i, names, _instruction(body[words_at:i].strip())))
    return sorted(out, key=lambda b: (b.open, -b.close))


def _place(e: _Edit, brackets: list[_Bracket], code: str, body: str) -> tuple[str, tuple[str, ...], _Edit]:
    """What an edit to a bracketed base is, and the edit to write: ``plain`` (a proposal where
    it stands, perhaps inside other delegations' proposal, named in the second value),
    ``withdrawn`` (the delegation removed its own proposal), ``amended`` (it changed the words
    of its own proposal), or ``unplaced`` (it cuts across a bracket's edges or its tag, or falls
    inside another delegation's instruction, ``replace "a" with "b"``). Removing
    another delegation's proposal whole is a proposal, inside it, to delete its words."""
    whole = [b for b in brackets if e.start <= b.open and b.close < e.end]
    if whole:
        return _over_brackets(e, whole, code, body)
    inner: _Bracket | None = None
    for b in brackets:
        if (b.open < e.end and e.start < b.body) or (e.start <= b.close < e.end):
            return "unplaced", (), e  # touches the opening bracket, the tag or the closing one
        if b.body <= e.start and e.end <= b.close:
            inner = b  # the innermost holding the edit comes last
    if inner is None:
        return "plain", (), e
    if inner.sponsors == {code}:
        return "amended", (), e
    if inner.instruction:
        return "unplaced", (), e  # inside another's instruction it would no longer read as one
    return "plain", tuple(sorted(inner.sponsors)), e


def _over_brackets(
    e: _Edit, whole: list[_Bracket], code: str, body: str
) -> tuple[str, tuple[str, ...], _Edit]:
    """An edit that takes in whole brackets (``whole``): one bracket removed, and nothing else,
    is its delegation withdrawing it or another delegation proposing to delete its words."""
    outer = [
        b for b in whole if not any(o is not b and o.open <= b.open and b.close <= o.close for o in whole)
    ]
    if len(outer) != 1 or e.new.strip():
        return "unplaced", (), e
    b = outer[0]
    if (body[e.start : b.open] + body[b.close + 1 : e.end]).strip():
        return "unplaced", (), e  # words and a whole bracket: no notation strikes around a bracket
    if b.sponsors == {code}:
        return "withdrawn", (), e
    return "plain", tuple(sorted(b.sponsors)), _Edit(b.body, b.close, "")


def _clusters(
    ordered: list[tuple[tuple[int, int, str], list[str]]], body: str
) -> list[list[tuple[tuple[int, int, str], list[str]]]]:
    """The changes (in order of where they start) in runs that overlap or touch: two brackets
    touching would read as alternatives, and overlapping words cannot be given to both."""
    out: list[list[tuple[tuple[int, int, str], list[str]]]] = []
    end = -1
    for change in ordered:
        start, stop, _ = change[0]
        # (changes meeting where a line starts are lines apart: a line struck, a line added)
        if out and (start < end or (start == end and body[start - 1 : start] != "\n")):
            out[-1].append(change)
        else:
            out.append([change])
        end = max(end, stop) if len(out[-1]) > 1 else stop
    return out


def _alt_label(label: str) -> str | None:
    """The label of an alternative line of a paragraph labelled ``label`` ("5 alt", "OP3 bis
    alt", "(b) alt"), None when the reader would read none ("b.bis) alt")."""
    from .read.terminals import terminals

    alt = f"{label.rstrip('.')} alt"
    m = terminals()["LABEL"].match(alt + " ")
    return alt if m is not None and m.end() == len(alt) else None


def _word_before(body: str, floor: int, start: int) -> int | None:
    """Where the word of ``body`` before ``start`` starts, to strike and type it again with what
    is proposed after it; None when there is none after ``floor`` (where the change before ends),
    it holds the notation's marks, or the bracket would stand right beside that change's, which
    would read with it as rival wordings."""
    stem = body[floor:start].rstrip(_EDGE_SPACE)
    word = stem.split()[-1] if stem.strip() else ""
    at = floor + len(stem) - len(word)
    if not word or _NOTATION.search(word) or (floor > 0 and not body[floor:at].strip(_EDGE_SPACE)):
        return None
    return at


def _word_after(body: str, end: int, ceiling: int) -> int | None:
    """Where the word of ``body`` after ``end`` (on its line) ends, to strike and type it again
    after what is proposed before it; None when there is none before ``ceiling`` (where the
    change after starts), it holds the notation's marks, or the bracket would end right beside
    that change's."""
    gap = body[end:ceiling]
    rest = gap.lstrip(" \t\u00a0")
    word = rest.split(maxsplit=1)[0] if rest[:1].strip() else ""  # (none on the next line)
    stop = end + len(gap) - len(rest) + len(word)
    if (
        not word
        or _NOTATION.search(word)
        or (ceiling < len(body) and not body[stop:ceiling].strip(_EDGE_SPACE))
    ):
        return None
    return stop


def _instruction(words: str) -> bool:
    """Whether a proposal of these words alone reads as an instruction (``delete``, ``"w"``,
    ``insert "w"``): the reader's own pattern for one, ending where the bracket closes."""
    from .read.terminals import terminals

    m = terminals()["COMMAND"].match(words + "]")
    return m is not None and m.end() == len(words)


def _touches(piece: str, body: str, start: int, end: int, brackets: list[_Bracket]) -> bool:
    """Whether ``piece``, written for ``body[start:end]``, puts a bracket touching one of the
    base's that would then read otherwise: touching brackets are rival wordings ("faith [JPN:
    and openly][1]" makes the footnote call a rival of JPN's words). A ``[sic]`` or a document
    symbol reads alone."""
    from .read.context import reads_alone

    for b in brackets:
        if (piece[:1] == "[" and b.close == start - 1) or (piece[-1:] == "]" and b.open == end):
            return b.body != b.open + 1 or not reads_alone(body[b.body : b.close])
    return False


def _beside(piece: str, body: str, start: int, end: int, brackets: list[_Bracket]) -> bool:
    """Whether ``piece``, written for ``body[start:end]``, puts a bracket beside a bracket of the
    base's no delegation proposes, with only spaces between them: "[for the purpose of] [NOR:
    inter alia,]" reads as NOR's rival wording of the plain bracket as well as its insertion
    (``check`` asks which), and decided as rivals, accepting NOR would drop the plain bracket. A
    ``[sic]`` or a document symbol reads alone; delegations' proposals side by side are how
    compilations write them (``check`` still asks)."""
    from .read.context import reads_alone

    opens = start + len(piece) - len(piece.lstrip(_EDGE_SPACE))
    closes = end - (len(piece) - len(piece.rstrip(_EDGE_SPACE)))
    for b in brackets:
        before = (
            piece.strip(_EDGE_SPACE)[:1] == "["
            and b.close < opens
            and _spaces_only(body[b.close + 1 : opens])
        )
        after = (
            piece.strip(_EDGE_SPACE)[-1:] == "]" and closes <= b.open and _spaces_only(body[closes : b.open])
        )
        if (before or after) and not b.sponsors and not reads_alone(body[b.body : b.close]):
            return True
    return False


def _spaces_only(gap: str) -> bool:
    return bool(gap) and not gap.strip(" \t\u00a0")


@dataclass(frozen=True, slots=True)
class _ItemLine:
    """A sub-item's line in a paragraph's text: where it starts, where its words start (after
    its indentation and label), where it ends (its line break), its indentation, and the label
    of an alternative of it ("(p) alt")."""

    start: int
    words: int
    end: int
    indent: str
    alt: str
    after: int  # where the line after it starts (the text's end, for its last line)


def _item_lines(body: str, clusters: list[_Cluster], flagged: list[int]) -> list[_ItemLine] | None:
    """The sub-item lines holding the flagged clusters (by index) of a paragraph's text, when
    each lies inside the words of one sub-item line that can have an alternative line, and no
    other cluster reaches into those lines from outside; else None."""
    from .read.terminals import terminals

    label_at = terminals()["LABEL"].match
    out: dict[int, _ItemLine] = {}
    for k in flagged:
        start, end = clusters[k][0][0][0], max(key[1] for key, _ in clusters[k])
        ls = body.rfind("\n", 0, start) + 1
        le = body.find("\n", start) % (len(body) + 1)
        line = body[ls:le].rstrip("\r")
        indent = line[: len(line) - len(line.lstrip(" \t\u00a0"))]
        m = label_at(line, len(indent))
        alt = _alt_label(m.group()) if m and m.group().endswith(")") else None
        if ls == 0 or end > ls + len(line) or alt is None or start < ls + m.end() + 1:  # type: ignore[union-attr]
            return None
        words = ls + len(line) - len(line[m.end() :].lstrip(" \t\u00a0"))  # type: ignore[union-attr]
        out[ls] = _ItemLine(ls, words, ls + len(line), indent, alt, min(le + 1, len(body)))
    for c in clusters:
        start, end = c[0][0][0], max(key[1] for key, _ in c)
        if any(start < i.start <= end or (start < i.end < end) for i in out.values()):
            return None
    return sorted(out.values(), key=lambda i: i.start)


def _line_by_line(lines: list[str], theirs: list[str]) -> list[str] | None:
    """A version's lines (``theirs``) in the places of the text's ``lines``: the same count, or
    fewer where it removes lines after the first (each then ""); None for any other (a line
    added, or the first removed)."""
    if len(theirs) == len(lines):
        return theirs
    plain = [ln.rstrip("\r\n") for ln in lines]
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, plain, [t.rstrip("\r\n") for t in theirs]).get_opcodes():
        if tag == "delete" and i1 > 0:
            out.extend([""] * (i2 - i1))
        elif tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            out.extend(theirs[j1:j2])
        else:
            return None
    return out


def _item_versions(body: str, item: _ItemLine, placed: _Placed) -> dict[str, list[str]]:
    """Each delegation's version of the words of sub-item line ``item`` (identical ones joined),
    of those that change them."""
    versions: dict[str, list[str]] = defaultdict(list)
    for code in sorted({c for codes in placed.groups.values() for c in codes}):
        mine = [
            _Edit(k[0] - item.words, k[1] - item.words, k[2])
            for k, codes in placed.groups.items()
            if code in codes and item.words <= k[0] and k[1] <= item.end
        ]
        if mine:
            versions[_apply(body[item.words : item.end], mine)].append(code)
    return versions


def _apply(body: str, edits: list[_Edit]) -> str:
    out: list[str] = []
    at = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(body[at : e.start])
        out.append(e.new)
        at = e.end
    out.append(body[at:])
    return "".join(out)


def _common_prefix(*texts: str) -> str:
    """The white space all ``texts`` start with."""
    first = texts[0]
    n = 0
    while n < len(first) and first[n] in _EDGE_SPACE and all(n < len(t) and t[n] == first[n] for t in texts):
        n += 1
    return first[:n]


def _common_suffix(*texts: str) -> str:
    """The white space all ``texts`` end with."""
    first = texts[0]
    n = 0
    while (
        n < len(first)
        and first[-1 - n] in _EDGE_SPACE
        and all(n < len(t) and t[-1 - n] == first[-1 - n] for t in texts)
    ):
        n += 1
    return first[len(first) - n :] if n else ""


def submissions_of(
    base: Document, named: Sequence[tuple[str | None, Document]], registry: Registry
) -> list[Submission]:
    """Each delegation's version of the base, from the files as given: ``(code, document)``,
    the delegation's edited copy (its own brackets and tracked changes taken as its edits), or
    ``(None, document)``, a document whose tracked changes (or tags) name the delegations, each
    one's changes taken apart."""
    from .decisions import sponsors_in
    from .query import open_brackets, pending_notes

    # a base with brackets (a second round): a submission's edits are its changes to the
    # bracketed text, its own tracked changes in a Word file; the base's brackets stay as typed
    second_round = bool(sponsors_in(base)) or any(open_brackets(base)) or any(pending_notes(base))
    versions: list[Submission] = []
    sent = {registry.lookup(code) for code, _ in named if code is not None}
    for code, doc in named:
        if code is not None:
            versions.extend(_named(base, code, doc, registry, second_round, sent))
        else:
            versions.extend(_by_author(doc, registry, second_round))
    return versions


def _word(document: Document) -> WordSource | None:
    if document.read_from != "docx":
        return None
    from .read.docx import WordSource

    assert isinstance(document.origin, WordSource)
    return document.origin


def _named(
    base: Document, code: str, doc: Document, registry: Registry, second_round: bool, sent: set[str | None]
) -> list[Submission]:
    """A submission named ``CODE=FILE``; against an agreed base, other delegations' proposals
    in it (copied from a compilation, or the compilation sent back) each that delegation's."""
    from .credited import others_in, versions
    from .resolver import Decision, resolve

    known = registry.lookup(code)
    if known is None:
        raise InputError(f'unknown delegation "{code}" (name it in a --delegations file)', source=doc.name)
    word = _word(doc)
    if second_round:
        return [Submission(known, word.revised(lambda _: True, registry) if word else doc)]
    others = others_in(doc, known)
    if not others:
        return [Submission(known, resolve(doc, [Decision("accept", everything=True)]).document)]
    for x in others:
        if x in sent:
            # two versions of one delegation's proposals: which is its word is not ours to guess
            raise InputError(
                f"{known}'s submission carries proposals by {x}, which sent its own submission: "
                f"send {x}'s proposals in one of them",
                source=doc.name,
            )
    return [Submission(c, v) for c, v in versions(base, known, doc, others, registry)]


def _by_author(doc: Document, registry: Registry, second_round: bool) -> list[Submission]:
    """A submission given with no code: one version per delegation its revisions or tags name."""
    from .decisions import delegation_keys, sponsors_in
    from .resolver import Decision, resolve

    word = _word(doc)
    if second_round:
        if word is None:
            raise InputError("against a bracketed base, name the delegation: CODE=FILE", source=doc.name)
        codes = sorted({c for c in word.authors.values() if c})
    else:
        codes = sorted(delegation_keys(sponsors_in(doc), registry, doc, doc.name))
    if not codes:
        raise InputError("no delegation's changes in it: name its delegation as CODE=FILE", source=doc.name)
    out = []
    for c in codes:
        if second_round and word is not None:
            out.append(Submission(c, word.revised(lambda who, c=c: who == c, registry)))  # type: ignore[misc]
            continue
        steps = [Decision("accept", frozenset({c})), Decision("reject", everything=True)]
        out.append(Submission(c, resolve(doc, steps).document))
    return out
