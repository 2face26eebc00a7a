"""Where a draft stands: per paragraph and per delegation, open proposals and alternatives."""

from __future__ import annotations

from dataclasses import dataclass, field

from .ast import Alternative, Bracket, Document, Heading, Paragraph
from .query import iter_brackets, paragraph_lines, plain_words, proposed_by, whole_proposal
from .textutil import squash


@dataclass
class ParagraphStatus:
    label: str | None
    section: str | None
    line: int
    open: list[tuple[str, str]] = field(default_factory=list)  # (who, text)
    alternatives: int = 0
    faults: int = 0  # brackets in it that do not balance (read with --recover)

    @property
    def agreed(self) -> bool:
        return not self.open and not self.faults

    @property
    def state(self) -> str:
        return "unbalanced" if self.faults else "agreed" if self.agreed else "open"


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

    def summary(self) -> str:
        n = len(self.paragraphs)
        agreed = sum(1 for p in self.paragraphs if p.agreed)
        faulty = sum(1 for p in self.paragraphs if p.faults)
        parts = [f"{n} paragraph{'s' if n != 1 else ''}, {agreed} agreed, {n - agreed - faulty} open"]
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
    paragraphs: list[ParagraphStatus] = []
    delegations: dict[str, DelegationStatus] = {}
    unattributed = 0
    section: str | None = None
    fault_lines = [f.span.line for f in document.faults]

    def count(b: Bracket, kind: str) -> None:
        nonlocal unattributed
        if not b.proposers:
            unattributed += 1
        for s in b.sponsors:
            d = delegations.setdefault(s.key, DelegationStatus(s.key))
            if s.supporter:
                d.supported += 1
            elif kind == "paragraph":
                d.paragraphs += 1
            elif kind == "alternative":
                d.alternatives += 1
            else:
                d.proposals += 1

    for block in document.blocks:
        if isinstance(block, Heading):
            section = plain_words(block.line.content).strip()
        if not isinstance(block, Paragraph):
            continue
        ps = ParagraphStatus(block.label.text if block.label else None, section, block.span.line)
        end = max(block.span.end_line, block.span.line + 1)
        ps.faults = sum(1 for ln in fault_lines if block.span.line <= ln < end)
        versions = [block.lines[0], *(i.line for i in block.items if isinstance(i, Alternative))]
        wholes = {id(ln): whole_proposal(ln) for ln in versions}
        ps.alternatives = len(versions) if len(versions) > 1 else 0
        for ln in paragraph_lines(block):
            whole = wholes.get(id(ln))
            for b, _depth in iter_brackets(ln.content):
                if b.kind == "literal":
                    continue
                if b is whole:
                    kind = "alternative" if ps.alternatives else "paragraph"
                else:
                    kind = "proposal"
                count(b, kind)
                ps.open.append((proposed_by(b), squash(plain_words(b.body))))
        paragraphs.append(ps)
    return Status(document.name, paragraphs, delegations, unattributed)
