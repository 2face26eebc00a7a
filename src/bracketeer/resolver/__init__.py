"""Applying accept/reject decisions to a draft: a new tree and a report of what was done.

The input tree is never changed. Decisions apply in order, each to the result of the one
before; renumbering is a pass of its own (``renumber_paragraphs``) that callers chain after them. What a
decision does, by construct:

* a proposal accepted loses its brackets and tag and keeps its text; rejected, it goes with
  its text. Struck text is existing text proposed for deletion: accepting drops it, rejecting
  keeps it (``[US: ~~old~~ new]`` → ``new`` / ``old``);
* a joint proposal is one text: accepting for any sponsor accepts it; rejecting for one sponsor
  withdraws only that sponsor, and the proposal goes when no proposer is left;
* plain unattributed brackets are resolved only by ``everything`` (``--all``) or by position
  (a decision naming paragraphs and no delegation);
* ``[US: delete]`` deletes the bracket just before it, ``[US: delete "w"]`` the nearest "w"
  before it, ``[US: replace "a" with "b"]`` the nearest "a"; rejected, the instruction goes;
* a paragraph that is one proposal becomes an ordinary paragraph when accepted; rejected, it
  goes with the note that introduced it. Alternatives: accepting one removes the others,
  rejecting one leaves the rest; accepting several that differ is a conflict, and the paragraph
  stays open. Identical alternatives are one proposal with joint sponsors;
* a "US proposes to delete paragraph 5" note accepted removes paragraph 5 and the note;
  rejected, the note goes;
* nested proposals: rejecting an outer one removes what is inside; an inner one accepted inside
  an open outer one leaves the outer bracket in place.

Where text is removed the join is tidied (``joins``). Nothing else outside the proposals changes.

The passes, one module each: ``selectors`` (what a decision touches), ``inline`` (the text of a
line), ``paragraphs`` (versions and sub-items), ``document`` (notes and whole paragraphs),
``renumber``; ``marks`` and ``joins`` hold the marked stream every outcome is read from, and
``tracked`` reads both outcomes off it for a tracked-changes rendering.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ast import Document
from ..pause import no_cyclic_gc
from .decision import Action, Decision, Event, Outcome, Resolution
from .document import apply_decision
from .renumber import renumber_paragraphs
from .selectors import normalise_selector, selector_matches

__all__ = [
    "Action",
    "Decision",
    "Event",
    "Outcome",
    "Resolution",
    "apply_decisions",
    "normalise_selector",
    "renumber_paragraphs",
    "resolve",
    "selector_matches",
]


def apply_decisions(document: Document, decisions: Iterable[Decision]) -> Resolution:
    """Apply ``decisions`` in order; the input document is left as it was."""
    events: list[Event] = []
    with no_cyclic_gc():
        for d in decisions:
            document, evs = apply_decision(document, d)
            events.extend(evs)
    return Resolution(document, tuple(events))


def resolve(document: Document, decisions: Iterable[Decision], *, renumber: bool = False) -> Resolution:
    """``apply_decisions``, then the ``renumber`` pass when asked."""
    result = apply_decisions(document, decisions)
    if not renumber:
        return result
    numbered = renumber_paragraphs(result.document)
    return Resolution(numbered.document, result.events + numbered.events)
