"""Where a draft stands: per paragraph and per delegation, open proposals and alternatives."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .ast import Alternative, Bracket, Document, Heading, Line, Note, Paragraph
from .query import (
    has_brackets,
    iter_brackets,
    line_source,
    option_groups,
    paragraph_lines,
    pending_notes,
    plain_words,
    proposed_by,
    shown_words,
    whole_proposal,
)
from .textutil import squash

if TYPE_CHECKING:
    from .conventions import ReadingReport


@dataclass
class ParagraphStatus:
    label: str | None
    section: str | None
    line: int
    open: list[tuple[str, str]] = field(default_factory=list)  # (who, text)
    alternatives: int = 0
    faults: int = 0  # brackets in it that do not balance (read with --recover)
    marked: str | None = None  # what a marker after or under it says: "agreed", "agreed ad ref"
    option: str | None = None  # "Option 2 of 3" when it is one option's text

    @property
    def agreed(self) -> bool:
        """Nothing open in it: no proposal, no fault, and not one of several options (open until
        one is chosen). The one count ``status``, its JSON and the web page all give."""
        return not self.open and not self.faults and not self.option

    @property
    def state(self) -> str:
        if self.faults:
            return "unbalanced"
        if self.agreed and self.marked == "agreed ad ref":
            return "agreed ad ref"
        return "agreed" if self.agreed else "open"


@dataclass
class DelegationStatus:
    code: str
    proposals: int = 0  # inline proposals (any depth) it proposes
    paragraphs: int = 0  # whole paragraphs it proposes
    alternatives: int = 0  # versions of a paragraph with competing versions
    supported: int = 0  # proposals it supports without proposing

    @property
    def open(self) -> int:
        return self.proposals + self.paragraphs + self.alternatives


@dataclass
class Status:
    source: str
    paragraphs: list[ParagraphStatus]
    delegations: dict[str, DelegationStatus]
    unattributed: int
    # how the draft was read: its notations and where its reading is unsure (api.status)
    reading: ReadingReport | None = None

    def summary(self) -> str:
        n = len(self.paragraphs)
        agreed = sum(1 for p in self.paragraphs if p.agreed)
        faulty = sum(1 for p in self.paragraphs if p.faults)
        ad_ref = sum(1 for p in self.paragraphs if p.state == "agreed ad ref")
        counted = f"{agreed} agreed" + (f" ({ad_ref} ad ref)" if ad_ref else "")
        parts = [f"{n} paragraph{'s' if n != 1 else ''}, {counted}, {n - agreed - faulty} open"]
        if faulty:
            parts[0] += f", {faulty} with brackets that do not balance"
        by = sorted(self.delegations.values(), key=lambda d: (-d.open, d.code))
        who = [f"{d.code} {d.open}" for d in by if d.open]
        if who:
            parts.append(", ".join(who) + " open")
        if self.unattributed:
            parts.append(f"{self.unattributed} unattributed")
        return "; ".join(parts)


def status(document: Document) -> Status:
    tally = _Tally(document)
    row: dict[int, ParagraphStatus] = {}  # block index → its row
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            tally.heading(block)
        elif isinstance(block, Note):
            tally.marker(block)
        elif isinstance(block, Paragraph):
            row[index] = tally.paragraph(index, block)
    _pending(document, row, tally.delegations)
    return Status(document.name, tally.paragraphs, tally.delegations, tally.unattributed)


class _Tally:
    """Rows and counts, block by block."""

    def __init__(self, document: Document) -> None:
        self.paragraphs: list[ParagraphStatus] = []
        self.delegations: dict[str, DelegationStatus] = {}
        self.unattributed = 0
        self.section: str | None = None
        self.fault_lines = [f.span.line for f in document.faults]
        self.item_versions: set[int] = set()  # a sub-item's alternatives' proposals, by id
        self.option_of: dict[int, str] = {}  # block index → "Option 2 of 3"
        for group in option_groups(document):
            for n, _at, under in group.options:
                for i in under:
                    self.option_of[i] = f"Option {n} of {len(group.options)}"

    def count(self, b: Bracket, kind: str) -> None:
        if not b.proposers:
            self.unattributed += 1
        for s in b.sponsors:
            if _OPTION_NAME.fullmatch(s.written):
                continue  # "[Option 1: …]" names an option, not a delegation
            d = self.delegations.setdefault(s.key, DelegationStatus(s.key))
            if s.supporter:
                d.supported += 1
            elif kind == "paragraph":
                d.paragraphs += 1
            elif kind == "alternative":
                d.alternatives += 1
            else:
                d.proposals += 1

    def heading(self, block: Heading) -> None:
        self.section = plain_words(block.line.content).strip()
        if has_brackets(block.line.content):
            self.paragraphs.append(_heading_row(block, self.section, self.count))

    def marker(self, block: Note) -> None:
        """ "(Agreed ad ref)" on the line under a paragraph marks it."""
        if self.paragraphs and _MARKER.fullmatch(block.text.strip()):
            self.paragraphs[-1].marked = self.paragraphs[-1].marked or _marker(block.text)

    def paragraph(self, index: int, block: Paragraph) -> ParagraphStatus:
        ps = ParagraphStatus(block.label.text if block.label else None, self.section, block.span.line)
        ps.option = self.option_of.get(index)
        end = max(block.span.end_line, block.span.line + 1)
        ps.faults = sum(1 for ln in self.fault_lines if block.span.line <= ln < end)
        versions = [block.lines[0], *(i.line for i in block.items if isinstance(i, Alternative))]
        wholes = {id(ln): whole_proposal(ln) for ln in versions}
        ps.alternatives = len(versions) if len(versions) > 1 else 0
        # a sub-item's alternatives ("(b) alt [NOR: …]") are alternatives too
        self.item_versions = {id(b) for ln in _item_alternatives(block) if (b := whole_proposal(ln))}
        for ln in paragraph_lines(block):
            whole = wholes.get(id(ln))
            for b, _depth in iter_brackets(ln.content):
                if not b.is_text:
                    self.open_bracket(ps, b, whole)
        m = _MARKER_AT_END.search(line_source(paragraph_lines_last(block)).rstrip())
        if m:
            ps.marked = _marker(m.group(0))
        self.paragraphs.append(ps)
        return ps

    def open_bracket(self, ps: ParagraphStatus, b: Bracket, whole: Bracket | None) -> None:
        if b is whole:
            self.count(b, "alternative" if ps.alternatives else "paragraph")
        elif id(b) in self.item_versions:
            self.count(b, "alternative")
        else:
            self.count(b, "proposal")
        words = squash(shown_words(b.body))
        if b.positions:
            words += f" ({_positions(b)})"
        ps.open.append((proposed_by(b), words))


def _pending(
    document: Document, row: dict[int, ParagraphStatus], delegations: dict[str, DelegationStatus]
) -> None:
    """ "US proposes to delete paragraph 5": paragraph 5 is open until that is decided."""
    for note, named in pending_notes(document):
        target = row.get(named) if named is not None else None
        if target is not None:
            target.open.append((", ".join(s.key for s in note.sponsors) or "unattributed", note.text.strip()))
        for s in note.sponsors:
            delegations.setdefault(s.key, DelegationStatus(s.key)).paragraphs += 1


def _heading_row(block: Heading, section: str, count: Callable[[Bracket, str], None]) -> ParagraphStatus:
    """A section heading with proposals of its own words: a row of its own."""
    number = re.match(r"\S+", section)
    ps = ParagraphStatus(number.group() if number else None, section, block.span.line)
    for b, _depth in iter_brackets(block.line.content):
        if not b.is_text:
            count(b, "proposal")
            ps.open.append((proposed_by(b), squash(shown_words(b.body))))
    return ps


# paragraph status markers, after the text or on the line under it: "(Agreed)", "(Agreed ad
# ref)", "[Agreed ad referendum]", "(Agreed, placement tbd)"
_MARKER = re.compile(r"[(\[]\s*agreed(?:\s+ad\s+ref(?:erendum)?\.?)?(?:\s*,[^)\]]*)?\s*[)\]]", re.I)
_MARKER_AT_END = re.compile(_MARKER.pattern + r"$", re.I)


_OPTION_NAME = re.compile(r"(?:Option|Alt(?:ernative)?)[ \u00a0]?\d{1,2}[a-z]?")


def _positions(b: Bracket) -> str:
    """``retain: EU; delete: US, JPN``"""
    by: dict[str, list[str]] = {}
    for p in b.positions:
        by.setdefault(p.stance, []).append(p.delegation.key)
    return "; ".join(f"{stance}: {', '.join(who)}" for stance, who in by.items())


def _marker(text: str) -> str:
    return "agreed ad ref" if re.search(r"ad\s+ref", text, re.I) else "agreed"


def paragraph_lines_last(p: Paragraph) -> Line:
    """The last line of a paragraph, sub-items and alternatives included."""
    *_, last = paragraph_lines(p)
    return last


def _item_alternatives(block: Paragraph) -> list[Line]:
    """The lines of the alternatives of ``block``'s sub-items, at any depth."""
    out: list[Line] = []
    for item in block.items:
        if isinstance(item, Paragraph):
            out.extend(i.line for i in item.items if isinstance(i, Alternative))
            out.extend(_item_alternatives(item))
    return out
