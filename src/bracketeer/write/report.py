"""What a resolution did and what ``check`` found, as lines for people (JSON: ``schemas``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..ast import Document
from ..errors import Problem, format_problems
from ..query import source_text
from ..resolver import Event


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
