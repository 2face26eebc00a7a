"""Renumbering, a pass of its own: callers chain it after their decisions."""

from __future__ import annotations

import re
from dataclasses import replace

from ..ast import Block, Document, Heading, Paragraph
from .decision import Event, Resolution

_NUMBERED = re.compile(r"^(\[?)((?:PP|OP)[ \u00a0]?)?(\d+)(.*?)(\]?)$")


def renumber_paragraphs(document: Document) -> Resolution:
    """Number the numbered paragraphs of each section again (``4``, ``4.bis``, ``5`` → ``4``,
    ``5``, ``6``).

    PP and OP labels are numbered in their own series; numbering restarts at each heading;
    sub-items keep their letters; a section keeps its first number, so an excerpt starting at 4
    stays at 4.
    """
    counters: dict[str, int] = {}
    dot = "."  # the style of the section's plain labels ("5." or "5"), used for "4 bis" → "5"
    events: list[Event] = []
    blocks: list[Block] = []
    for b in document.blocks:
        if isinstance(b, Heading):
            counters.clear()
        m = _NUMBERED.match(b.label.text) if isinstance(b, Paragraph) and b.label is not None else None
        if m and isinstance(b, Paragraph) and b.label is not None:
            open_, prefix, number, rest, close = m.groups()
            if rest in ("", "."):
                dot = rest
            series = (prefix or "").strip()
            counters[series] = counters[series] + 1 if series in counters else int(number)
            new_text = f"{open_}{prefix or ''}{counters[series]}{dot}{close}"
            if new_text != b.label.text:
                old = b.label.text
                events.append(
                    Event("renumbered", "paragraph", (), old, new_text, b.label.span, f"{old} → {new_text}")
                )
                label = replace(b.label, text=new_text)
                b = replace(b, lines=(replace(b.lines[0], label=label), *b.lines[1:]))
        blocks.append(b)
    return Resolution(replace(document, blocks=tuple(blocks)), tuple(events))
