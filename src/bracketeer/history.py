"""A negotiation followed across its versions: where each version stands, what happened to the
proposals between one version and the next, how long each paragraph has been open, and what
became of each delegation's proposals.

It is made of the two jobs that exist already, done once per version and once per pair:
``standing.status`` (what is open) and ``diff.diff`` (paragraphs followed through renumbering
and moves, and each proposal's fate). A paragraph of the last version is followed back
through the pairs the diff matched, so a renumbered paragraph keeps its history.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .ast import Document, label_key
from .diff import Diff, Fate, Unit, diff, units
from .query import bracket_counts
from .standing import Status, status
from .textutil import shorten


@dataclass(frozen=True, slots=True)
class Version:
    """Where one version stands, and what happened since the one before it."""

    name: str
    paragraphs: int
    agreed: int
    open: int
    passages: int  # open brackets counted at the top level (a nested one inside is not counted)
    brackets: int  # every open bracket, nested ones included
    by_delegation: dict[str, int]  # open proposals by delegation
    new: int = 0  # proposals made since the version before
    accepted: int = 0  # proposals whose words now stand agreed
    rejected: int = 0
    withdrawn: int = 0
    moved: int = 0  # paragraphs moved
    moved_proposals: int = 0  # proposals gone from one paragraph and standing in another


@dataclass(frozen=True, slots=True)
class ParagraphHistory:
    """A paragraph of the last version, followed back: its label in each version (None where it
    was not there), and since which version it has stood agreed (None: open now)."""

    labels: tuple[str | None, ...]
    text: str
    agreed_since: int | None
    open_for: int  # how many versions, back from the last, it has been open


@dataclass
class DelegationHistory:
    code: str
    made: int = 0  # open in the first version, or new in a later one
    open: int = 0  # still open in the last
    accepted: int = 0
    dropped: int = 0  # rejected or withdrawn


@dataclass
class History:
    versions: list[Version]
    paragraphs: list[ParagraphHistory]
    delegations: list[DelegationHistory] = field(default_factory=list)

    def longest_open(self, n: int = 5) -> list[ParagraphHistory]:
        """The paragraphs open the longest, longest first."""
        still = [p for p in self.paragraphs if p.agreed_since is None]
        return sorted(still, key=lambda p: -p.open_for)[:n]


def history(documents: Sequence[Document]) -> History:
    """The history of ``documents``, in negotiation order (at least one)."""
    if not documents:
        raise ValueError("history needs at least one version")
    standings = [status(d) for d in documents]
    pairs = [diff(a, b) for a, b in itertools.pairwise(documents)]
    versions = [
        _version(d, st, pairs[k - 1] if k else None)
        for k, (d, st) in enumerate(zip(documents, standings, strict=True))
    ]
    return History(
        versions, _paragraphs(documents, standings, pairs), _delegations(versions, standings, pairs)
    )


def _version(document: Document, st: Status, since: Diff | None) -> Version:
    counts = _fates(since) if since is not None else Counter()
    # (the diff from the version before counted them already)
    passages, every = since.open_after if since is not None else bracket_counts(document)
    agreed = sum(1 for p in st.paragraphs if p.agreed)
    return Version(
        document.name,
        len(st.paragraphs),
        agreed,
        len(st.paragraphs) - agreed,
        passages,
        every,
        {d.code: d.open for d in sorted(st.delegations.values(), key=lambda d: d.code) if d.open},
        counts["new"] + counts["alternative-added"],
        counts["accepted"],
        counts["rejected"],
        counts["withdrawn"],
        sum(1 for c in since.changes if c.moved) if since is not None else 0,
        counts["moved"] + counts["likely-moved"],
    )


def _fates(d: Diff) -> Counter[str]:
    """What became of the proposals between two versions, by kind; notes proposing to delete or
    move a paragraph counted as the proposals they are."""
    return Counter(_note_fate(e, d) if e.kind in ("note-added", "note-removed") else e.kind for e in d.events)


def _paragraphs(
    documents: Sequence[Document], standings: list[Status], pairs: list[Diff]
) -> list[ParagraphHistory]:
    """Each paragraph of the last version with its lineage, followed back pair by pair."""
    agreed = [{ps.line: ps.agreed for ps in st.paragraphs} for st in standings]
    # for each pair, the paragraph of the newer version → its paragraph in the older (by unit index)
    back = [
        {c.new.index: c.old.index for c in d.changes if c.new is not None and c.old is not None}
        for d in pairs
    ]
    every_units = [_units(k, documents, pairs) for k in range(len(documents))]
    last = len(documents) - 1
    out: list[ParagraphHistory] = []
    for u in every_units[last]:
        labels: list[str | None] = [None] * len(documents)
        states: list[bool | None] = [None] * len(documents)
        index: int | None = u.index
        for k in range(last, -1, -1):
            if index is None:
                break
            unit = every_units[k][index]
            labels[k] = unit.label
            states[k] = agreed[k].get(unit.paragraph.span.line, False)
            index = back[k - 1].get(index) if k else None
        out.append(ParagraphHistory(tuple(labels), shorten(" ".join(u.words), 60), *_agreed_since(states)))
    return out


def _units(k: int, documents: Sequence[Document], pairs: list[Diff]) -> list[Unit]:
    """Version ``k``'s paragraphs as the diff read them (each is in a change of the pair after
    it, or before it: read once, not again here), by index."""
    if k < len(pairs):
        found = [c.old for c in pairs[k].changes if c.old is not None]
    elif k:
        found = [c.new for c in pairs[k - 1].changes if c.new is not None]
    else:
        return units(documents[0])  # one version alone: no pair read it
    return sorted(found, key=lambda u: u.index)


def _agreed_since(states: list[bool | None]) -> tuple[int | None, int]:
    """Since which version a paragraph has stood agreed (None: open in the last), and for how
    many versions back from the last it has been open."""
    k = len(states) - 1
    if states[k]:
        while k > 0 and states[k - 1]:
            k -= 1
        return k, 0
    n = 0
    while k >= 0 and states[k] is False:
        n += 1
        k -= 1
    return None, n


# "US proposes to delete paragraph 5", "… to move paragraph 3 after paragraph 1"
_PARAGRAPH_NOTE = re.compile(
    r"proposes? to (delete|move) (?:paragraph|para\.?|PP|OP) ?([\w.]+?)(?=\.?(?:\s|$))"
)


def _note_fate(e: Fate, d: Diff) -> str:
    """A note proposing to delete or move a paragraph: ``new`` where it appears; where it goes,
    ``accepted`` when its paragraph went (or moved), else ``rejected``; any other note, nothing."""
    m = _PARAGRAPH_NOTE.search(e.text)
    if m is None:
        return ""
    if e.kind == "note-added":
        return "new"
    key = label_key(m.group(2))
    for c in d.changes:
        old = c.old.label if c.old is not None else None
        if (
            old is not None
            and label_key(old) == key
            and (c.kind == "removed" if m.group(1) == "delete" else c.moved)
        ):
            return "accepted"
    return "rejected"


def _delegations(
    versions: list[Version], standings: list[Status], pairs: list[Diff]
) -> list[DelegationHistory]:
    by: dict[str, DelegationHistory] = {}

    def who(code: str) -> DelegationHistory:
        return by.setdefault(code, DelegationHistory(code))

    for code, n in versions[0].by_delegation.items():
        who(code).made += n
    for d in pairs:
        for e in d.events:
            kind = _note_fate(e, d) if e.kind in ("note-added", "note-removed") else e.kind
            for code in e.sponsors:
                if kind in ("new", "alternative-added"):
                    who(code).made += 1
                elif kind == "accepted":
                    who(code).accepted += 1
                elif kind in ("rejected", "withdrawn"):
                    who(code).dropped += 1
    for code, n in versions[-1].by_delegation.items():
        who(code).open = n
    return sorted(by.values(), key=lambda d: d.code)
