"""Showing a diff: a styled outline (terminal or plain text in the spirit of ``git diff
--word-diff``), JSON (schema ``bracketeer.diff/1``), and the paragraph model of a tracked .docx
of the new version against the old."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..ast import Document, Heading, Paragraph, Title
from ..diff import EVENT_NAMES, Change, Diff, Fate
from ..query import inline_source, plain_words
from ..textutil import shorten, squash
from .model import Para, Segment

Piece = tuple[str, str | None]  # text and a style: head, del, ins, event, dim, or None


def _short(text: str, width: int = 70) -> str:
    return shorten(text, width)


def describe(e: Fate) -> str:
    who = ", ".join(e.sponsors)
    what = EVENT_NAMES.get(e.kind, e.kind)
    detail = f" ({e.detail})" if e.detail else ""
    moved = f' → "{_short(e.new_text)}"' if e.new_text else ""
    return f'{what}{detail}{" by " + who if who else ""}: "{_short(e.text)}"{moved}'


def header(c: Change) -> str:
    ol = c.old.label if c.old else None
    nl = c.new.label if c.new else None
    if c.kind == "added":
        split = f" (split from {c.split_from})" if c.split_from else ""
        return f"added {nl or '(unlabelled)'}{split}"
    if c.kind == "removed":
        merged = f" (merged into {c.merged_into})" if c.merged_into else ""
        return f"removed {ol or '(unlabelled)'}{merged}"
    label = f"{ol} → {nl}" if c.renumbered else (nl or "(unlabelled)")
    notes = [
        x for x, on in (("renumbered", c.renumbered), ("moved", c.moved), ("reformatted", c.formatting)) if on
    ]
    return label + (f" ({', '.join(notes)})" if notes else "")


def lines(d: Diff, *, summary_only: bool = False) -> Iterator[list[Piece]]:
    """The diff as lines of styled pieces, shared by the plain and the rich views."""
    if summary_only:
        yield [(d.summary(), None)]
        return
    yield [(f"--- {d.old_name}", "head")]
    yield [(f"+++ {d.new_name}", "head")]
    shown: str | None = None  # the section last named: each is named once, before its first change
    for c in d.changes:
        if not c.differs:
            continue
        section = c.new.section if c.new else c.old.section if c.old else None
        if section is not None and section != shown:
            yield [(f"@@@ {_short(section)} @@@", "head")]
            shown = section
        yield from _change(c)
    for e in d.notes:
        yield [("@@ notes @@", "head")]
        yield [("  " + describe(e), "event")]
    yield [(d.summary(), "dim")]


def _change(c: Change) -> Iterator[list[Piece]]:
    """One paragraph's change: its header, its words, what became of its proposals."""
    yield [(f"@@ {header(c)} @@", "head")]
    if c.kind == "added" and c.new:
        yield [(c.new.source, "ins")]
    elif c.kind == "removed" and c.old:
        yield [(c.old.source, "del")]
    elif c.ops:
        yield [(op.text, {"equal": None, "delete": "del", "insert": "ins"}[op.tag]) for op in c.ops]
    for e in c.events:
        yield [("  " + describe(e), "event")]
    for said in c.formatting:
        yield [("  formatting: " + said, "event")]


def plain(d: Diff, *, colour: bool, summary_only: bool = False) -> str:
    """``git diff --word-diff`` style: ``[-deleted-]{+inserted+}``; ANSI colours when asked."""
    red, green, bold, cyan, off = (
        ("\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[36m", "\x1b[0m") if colour else ("",) * 5
    )
    out: list[str] = []
    for pieces in lines(d, summary_only=summary_only):
        row: list[str] = []
        for text, style in pieces:
            if style == "del":
                row.append(f"{red}[-{text}-]{off}")
            elif style == "ins":
                row.append(f"{green}{{+{text}+}}{off}")
            elif style == "head":
                row.append(f"{bold}{cyan}{text}{off}")
            else:
                row.append(text)
        out.append("".join(row))
    return "\n".join(out) + "\n"


def rich_text(d: Diff, *, summary_only: bool = False, markers: bool = False) -> Any:
    """The same outline as rich renderables: deletions red and struck, insertions green; with
    ``markers`` (a terminal without colour: ``NO_COLOR``, ``TERM=dumb``) also written
    ``[-…-]`` and ``{+…+}``, or nothing would tell them from the words around."""
    from rich.text import Text

    styles = {
        "del": "red strike",
        "ins": "green underline",
        "head": "bold cyan",
        "event": "yellow",
        "dim": "dim",
    }
    out = Text()
    marked = {"del": "[-{}-]", "ins": "{{+{}+}}"} if markers else {}
    for pieces in lines(d, summary_only=summary_only):
        for text, style in pieces:
            shown = marked[style].format(text) if style in marked else text
            out.append(shown, style=styles.get(style or "", ""))
        out.append("\n")
    return out


# ------------------------------------------------------------------------------ tracked .docx
def _deleted(c: Change, who: str) -> Para:
    assert c.old is not None
    label = [Segment(c.old.label + "\t", "del", who)] if c.old.label else []
    return Para(
        "paragraph", None, [*label, Segment(c.old.source, "del", who)], ("del", who), line=c.old.span.line
    )


def _inserted(c: Change, who: str) -> Para:
    assert c.new is not None
    label = [Segment(c.new.label + "\t", "ins", who)] if c.new.label else []
    return Para(
        "paragraph", None, [*label, Segment(c.new.source, "ins", who)], ("ins", who), line=c.new.span.line
    )


def _paired(c: Change, who: str) -> Para:
    assert c.old is not None and c.new is not None
    segs: list[Segment] = []
    if c.renumbered:
        if c.old.label:
            segs.append(Segment(c.old.label, "del", who))
        if c.new.label:
            segs.append(Segment(c.new.label, "ins", who))
        segs.append(Segment("\t"))
    elif c.new.label:
        segs.append(Segment(c.new.label + "\t"))
    if c.ops:
        kinds = {"equal": "text", "delete": "del", "insert": "ins"}
        segs += [Segment(op.text, kinds[op.tag], None if op.tag == "equal" else who) for op in c.ops]  # type: ignore[arg-type]
    else:
        segs.append(Segment(c.new.source))
    return Para("paragraph", None, segs, line=c.new.span.line)


def tracked_paras(d: Diff, new: Document, author: str) -> list[Para]:
    """The new version, with what changed since the old as revisions by ``author``; headings
    and the title as the new version has them. A moved paragraph is deleted where it was and
    inserted where it is."""
    out: list[Para] = []
    pending = in_order(d)
    for block in new.blocks:
        if isinstance(block, Title):
            title = " ".join(squash(inline_source(ln.content)) for ln in block.lines)
            out.append(Para("title", None, [Segment(title)]))
        elif isinstance(block, Heading):
            out.append(Para("heading", None, [Segment(squash(plain_words(block.line.content)))]))
        elif isinstance(block, Paragraph):
            while pending:
                how, c = pending.pop(0)
                out.extend(_para(how, c, author))
                if how != "moved-from" and c.new is not None and c.new.paragraph is block:
                    break
    for how, c in pending:
        out.extend(_para(how, c, author))
    return out


def in_order(d: Diff) -> list[tuple[str, Change]]:
    """The changes in the order the document shows them: each where it is (``here``, or
    ``moved-to``), a moved paragraph's deletion (``moved-from``) after the last change that came
    before it in the old version."""
    order: list[tuple[str, Change]] = []
    for c in d.changes:
        if c.moved:
            at = 0
            for i, (_k, other) in enumerate(order):
                if other.old is not None and c.old is not None and other.old.index < c.old.index:
                    at = i + 1
            order.insert(at, ("moved-from", c))
        order.append(("moved-to" if c.moved else "here", c))
    return order


def _para(how: str, c: Change, who: str) -> list[Para]:
    if how == "moved-from" or c.kind == "removed":
        p = _deleted(c, who)
    elif how == "moved-to" or c.kind == "added":
        p = _inserted(c, who)
    else:
        p = _paired(c, who)
    return _split_lines(p)


def _split_lines(p: Para) -> list[Para]:
    """One Word paragraph per line of the draft (sub-items and alternatives have lines of their
    own); a line break inside an insertion or deletion is an inserted or deleted paragraph mark.
    Labels are among the segments (a renumbering is a revision), so every part is indented as
    labelled text."""
    parts: list[Para] = [Para(p.style, None, [], None, [], p.line, hanging=True)]
    for seg in p.segments:
        pieces = seg.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                parts[-1].mark = (seg.kind, seg.author or "") if seg.kind in ("ins", "del") else None
                parts.append(Para(p.style, None, [], None, [], p.line, hanging=True))
                piece = piece.lstrip(" \t")
            if piece:
                parts[-1].segments.append(Segment(piece, seg.kind, seg.author))
    parts[-1].mark = p.mark
    return parts
