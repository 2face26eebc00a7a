"""The reading report: which of the notations real drafts use a draft was read with, and every
place where its reading rests on a choice the text does not make (``check``'s findings of that
kind), so a caller of ``parse`` or ``status`` can see why a draft was read the way it was."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .ast import Bracket, Command, Document, Heading, Inline, Line, Note, Paragraph, Struck
from .delegations import Registry
from .errors import Problem
from .query import option_bracket, paragraph_lines, parenthesised_clause, side_by_side, unmarked_proposal

# findings that say the reading is unsure, as opposed to faults of the draft's own writing
AMBIGUITIES = frozenset(
    {
        "adjacent-brackets",
        "read-as-wrapped",
        "parenthesised-proposals",
        "proposed-by-section",
        "unclear-instruction",
        "unclear-deletion",
        "rivals-strike-different-words",
        "deletion-target-missing",
        "unknown-delegation",
        "unmapped-author",
        "unread-tag",
        "tag-without-colon",
        "unattributed-revisions",
        "unattributed-formatting",
        "unbalanced",
        "spans-paragraphs",
    }
)


@dataclass(frozen=True, slots=True)
class ReadingReport:
    conventions: tuple[str, ...]
    ambiguities: tuple[Problem, ...]


def reading_report(document: Document, registry: Registry | None = None) -> ReadingReport:
    from .lint import check

    findings = check(document, registry or Registry.builtin())
    return ReadingReport(conventions(document), tuple(f for f in findings if f.code in AMBIGUITIES))


def conventions(document: Document) -> tuple[str, ...]:
    """The notations found in ``document``, by name, in a fixed order."""
    found: set[str] = set()
    if document.read_from == "docx":
        found.add("word-revisions")
    if document.adjacent is not None:
        found.add(f"adjacent-{document.adjacent}")
    for block in document.blocks:
        if isinstance(block, Note):
            found.add("option-blocks" if block.kind in ("option", "options-end") else f"{block.kind}-notes")
        for line in _lines(block):
            if line.label is not None and not line.label.sep:
                found.add("run-in-labels")
            if line.label is not None and line.label.bracketed:
                found.add("bracketed-labels")
            _inline(line.content, found)
        if isinstance(block, Paragraph) and _has_alternatives(block):
            found.add("alternative-paragraphs")
    return tuple(name for name in _ORDER if name in found) + tuple(sorted(found - set(_ORDER)))


_ORDER = (
    "tags",
    "dash-tags",
    "after-bracket-attribution",
    "parenthesised-proposals",
    "proposed-by-sections",
    "positions",
    "rival-versions",
    "inline-options",
    "brackets-side-by-side",
    "plain-brackets",
    "editorial-brackets",
    "inline-remarks",
    "strike-through",
    "instructions",
    "nested-brackets",
    "alternative-paragraphs",
    "option-blocks",
    "bracketed-labels",
    "run-in-labels",
    "intro-notes",
    "deletion-notes",
    "agreed-notes",
    "chair-notes",
    "remark-notes",
    "word-revisions",
    "adjacent-alternatives",
    "adjacent-independent",
)


def _lines(block: object) -> Iterator[Line]:
    if isinstance(block, Paragraph):
        yield from paragraph_lines(block)
    elif isinstance(block, Heading):
        yield block.line


def _has_alternatives(p: Paragraph) -> bool:
    return bool(p.alternatives) or any(_has_alternatives(s) for s in p.subitems)


def _inline(content: tuple[Inline, ...], found: set[str], depth: int = 0) -> None:
    if side_by_side(content):
        found.add("brackets-side-by-side")
    for n in content:
        if isinstance(n, Struck):
            found.add("strike-through")
        elif isinstance(n, Command):
            found.add("instructions")
        elif isinstance(n, Bracket):
            found.add(_bracket_kind(n))
            if n.positions:
                found.add("positions")
            if depth:
                found.add("nested-brackets")
            _inline(n.body, found, depth + 1)


_KIND_NAMES = {"literal": "editorial-brackets", "remark": "inline-remarks", "plain": "plain-brackets"}


def _bracket_kind(b: Bracket) -> str:
    named = _KIND_NAMES.get(b.kind)
    if named is not None:
        return named
    if option_bracket(b):
        return "inline-options"
    if b.tag is not None:
        return "tags"
    if parenthesised_clause(b):
        return "parenthesised-proposals"
    if unmarked_proposal(b):
        return "proposed-by-sections"
    if not b.open or not b.close:
        return "rival-versions"
    return "after-bracket-attribution" if b.post else "dash-tags"
