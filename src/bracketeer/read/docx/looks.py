"""How a Word draft's text looks, character by character: what two versions that read alike
may still differ in (bold, italics, underline, strike-through, colour, highlighting, a
character style), where a secretariat marks proposals by formatting."""

from __future__ import annotations

from lxml import etree

from ...ast import Document
from .paragraphs import W

Looks = frozenset[str]


def _looks(run: etree._Element) -> Looks:
    """What a run's own properties (``w:rPr``) make of its text."""
    rpr = run.find(W + "rPr")
    if rpr is None:
        return frozenset()
    out: set[str] = set()
    for tag, name in (
        ("b", "bold"),
        ("i", "italics"),
        ("strike", "strike-through"),
        ("dstrike", "strike-through"),
    ):
        el = rpr.find(W + tag)
        if el is not None and el.get(W + "val", "true") not in ("0", "false", "off"):
            out.add(name)
    for tag, name, off in (
        ("u", "underline", "none"),
        ("color", "colour", "auto"),
        ("highlight", "highlight", "none"),
    ):
        el = rpr.find(W + tag)
        value = el.get(W + "val", "single") if el is not None else off
        if value not in (off, ""):
            out.add(f"{name} {value}" if name != "underline" or value != "single" else name)
    style = rpr.find(W + "rStyle")
    if style is not None and style.get(W + "val"):
        out.add(f"style {style.get(W + 'val')}")
    return frozenset(out)


def looks_of(document: Document, first: int, last: int) -> tuple[str, list[Looks | None]] | None:
    """The text of lines ``first`` to ``last`` of a draft read from Word (one line a paragraph)
    and how each character looks (None: not a run's text: a label, a bracket written for a
    revision); None for a draft not read from Word."""
    from . import WordSource

    source = document.origin
    if not isinstance(source, WordSource):
        return None
    text: list[str] = []
    looks: list[Looks | None] = []
    for k in range(first - 1, min(last, len(source.paragraphs))):
        for seg in source.paragraphs[k].segments:
            seen = _looks(seg.run) if seg.role == "text" and seg.run is not None else None
            text.append(seg.text)
            looks.extend([seen] * len(seg.text))
        text.append("\n")
        looks.append(None)
    return "".join(text), looks


def changes(old: tuple[str, list[Looks | None]], new: tuple[str, list[Looks | None]]) -> tuple[str, ...]:
    """Where the same text looks different: each stretch with what was added and removed
    (``"Intelligence Analysis": bold added``). Nothing when the texts differ."""
    text, before = old
    if text != new[0]:
        return ()
    after = new[1]
    out: list[str] = []
    start = None
    for i in range(len(text) + 1):
        a = before[i] if i < len(text) else None
        b = after[i] if i < len(text) else None
        differs = a is not None and b is not None and a != b
        if start is not None and (not differs or (before[start], after[start]) != (a, b)):
            out.append(_describe(text[start:i], before[start] or frozenset(), after[start] or frozenset()))
            start = None
        if differs and start is None:
            start = i
    return tuple(out)


def _describe(text: str, before: Looks, after: Looks) -> str:
    said = [f"{', '.join(sorted(after - before))} added"] if after - before else []
    said += [f"{', '.join(sorted(before - after))} removed"] if before - after else []
    words = " ".join(text.split())
    shown = words if len(words) <= 60 else words[:59] + "…"
    return f'"{shown}": {"; ".join(said)}'
