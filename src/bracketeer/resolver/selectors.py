"""Which paragraphs and which brackets a decision touches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ast import NOWHERE, Bracket, Document, Heading, Label, Paragraph, Sponsor
from ..query import plain_words
from .decision import Action, Decision

_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_LEADING_NUMBER = re.compile(r"^(?:PP|OP)?(\d+)")


def normalise_selector(selector: str) -> str:
    """``4.bis`` / ``4 bis`` / ``4bis.`` → ``4bis``, the same key labels get."""
    return Label(selector.strip(), "", NOWHERE).key


def selector_matches(selector: str, key: str) -> bool:
    """Whether a paragraph selector (``2``, ``4.bis``, ``3-5``) names the label ``key``."""
    m = _RANGE.match(selector)
    if m:
        n = _LEADING_NUMBER.match(key)
        return n is not None and int(m.group(1)) <= int(n.group(1)) <= int(m.group(2))
    return normalise_selector(selector) == key


def split_selector(selector: str) -> tuple[str | None, str]:
    """``CICTE/2`` → ("CICTE", "2"); ``2`` → (None, "2")."""
    section, slash, label = selector.rpartition("/")
    return (section.strip() or None, label.strip()) if slash else (None, selector.strip())


def section_matches(wanted: str, section: str | None) -> bool:
    """Whether ``CICTE`` (or the first words of a heading) names ``section``."""
    return section is not None and " ".join(section.split()).casefold().startswith(
        " ".join(wanted.split()).casefold()
    )


def in_selection(d: Decision, p: Paragraph, section: str | None = None) -> bool:
    """Whether paragraph ``p`` (under heading ``section``) is one the decision names."""
    if not d.paragraphs:
        return True
    label = p.label
    if label is None:
        return False
    for s in d.paragraphs:
        wanted, sel = split_selector(s)
        if (wanted is None or section_matches(wanted, section)) and selector_matches(sel, label.key):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Selector:
    """The brackets one decision touches.

    ``every_proposal`` is the tracked view's selection: every attributed proposal, each on its
    own (inline alternatives are not grouped, plain brackets stay text).
    """

    decision: Decision
    every_proposal: bool = False
    remarks: bool = False  # the remarks in parentheses and nothing else (a clean text drops them)

    @property
    def action(self) -> Action:
        return self.decision.action

    def matches(self, b: Bracket) -> bool:
        if self.remarks or b.is_text:
            return self.remarks and b.kind == "remark"
        if self.every_proposal:
            return b.kind == "proposal"
        d = self.decision
        if d.everything:
            return True
        if d.delegations:
            keys = {s.key for s in b.sponsors} if d.action == "reject" else {s.key for s in b.proposers}
            return bool(keys & d.delegations)
        return bool(d.paragraphs)

    def withdraws_only_some(self, b: Bracket) -> tuple[Sponsor, ...] | None:
        """For a rejection by delegation: the sponsors left, when some proposer remains."""
        d = self.decision
        if self.every_proposal or d.action != "reject" or d.everything or not d.delegations or not b.sponsors:
            return None
        left = tuple(s for s in b.sponsors if s.key not in d.delegations)
        if any(not s.supporter for s in left):
            return left
        return None


def selected_blocks(document: Document, selectors: tuple[str, ...]) -> set[int]:
    """Indexes of the document's paragraphs the selectors name."""
    d = Decision("accept", paragraphs=selectors)
    out: set[int] = set()
    section: str | None = None
    for i, b in enumerate(document.blocks):
        if isinstance(b, Heading):
            section = plain_words(b.line.content).strip()
        elif isinstance(b, Paragraph) and in_selection(d, b, section):
            out.add(i)
    return out
