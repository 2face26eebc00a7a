"""What a resolution did and what ``check`` found, as lines for people (JSON: ``schemas``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..ast import Document
from ..errors import Problem, format_problems
from ..query import source_text
from ..resolver import Event

if TYPE_CHECKING:  # a decision's report needs no consolidation (or diff) imported
    from ..consolidation import Compilation


def events_text(source: str, events: Iterable[Event]) -> str:
    """One line per event: ``draft.txt:3:12: accepted proposal by US: "…" (paragraph 2)``."""
    lines = []
    for e in events:
        who = f" by {', '.join(e.sponsors)}" if e.sponsors else ""
        where = f" (paragraph {e.paragraph})" if e.paragraph else ""
        detail = f" — {e.detail}" if e.detail else ""
        lines.append(
            f'{source}:{e.span.line}:{e.span.column}: {e.outcome} {e.what}{who}: "{e.text}"{where}{detail}'
        )
    return "".join(line + "\n" for line in lines)


def findings_text(document: Document, findings: Iterable[Problem]) -> str:
    """Each finding at ``file:line:col`` with its source line and a caret, its code in brackets."""
    text = source_text(document)[len(document.bom) :]
    shown = [Problem(f.line, f.column, f"{f.message} [{f.code}]", f.severity, f.code) for f in findings]
    return format_problems(document.name, text, shown) + "\n" if shown else ""


_SAID = {
    "inserted": "inserts",
    "deleted": "deletes",
    "replaced": "replaces",
    "new-paragraph": "proposes a new paragraph",
    "deleted-paragraph": "proposes to delete the paragraph",
    "moved-paragraph": "proposes",
    "unwritten-move": "moves a paragraph with no number (not written: name it in the compilation by hand)",
    "unwritten-heading": "changes the title or a heading, as no proposal can (not written: add it by hand)",
    "conflict": "conflicts: its version is an alternative to the others",
    "commented-version": "has a version of the paragraph Word holds as a comment, not a revision "
    "(decide it in the text compilation)",
    "withdrawn": "withdraws its proposal",
    "amended": "amends its proposal",
}


def compilation_text(source: str, compilation: Compilation) -> str:
    """One line per proposal written, in the compilation's order: ``compilation:16: US inserts
    "…" (paragraph 2.)``; then how many paragraphs hold conflicting changes."""
    lines = [
        f"{source}: {code} writes some quotes otherwise than the base: taken as the base's (not proposals)"
        for code in compilation.requoted
    ]
    for e in sorted(compilation.entries, key=lambda e: e.line):
        who = ", ".join(e.delegations)
        verb = _SAID[e.kind]
        if len(e.delegations) > 1:
            verb = (
                verb.replace("inserts", "insert").replace("deletes", "delete").replace("replaces", "replace")
            )
            verb = verb.replace("proposes", "propose").replace("conflicts", "conflict")
            verb = verb.replace("withdraws its", "withdraw their").replace("amends its", "amend their")
        where = f" (paragraph {e.paragraph})" if e.paragraph else ""
        if e.inside:
            where += f", inside the proposal of {', '.join(e.inside)}"
        words = e.text if len(e.text) <= 60 else e.text[:59] + "…"
        lines.append(f'{source}:{e.line}: {who} {verb}: "{words}"{where}')
    n = compilation.conflicted  # paragraphs, as the JSON counts them (not their alternative lines)
    if n:
        lines.append(f"{n} paragraph{'s' if n != 1 else ''} with conflicting changes")
    return "".join(line + "\n" for line in lines)
