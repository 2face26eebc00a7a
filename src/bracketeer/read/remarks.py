"""Notes a draft writes among its lines and words rather than on lines of their own:

* a bracket wholly in italics on its own line, ``*[Placeholder for definitions]*``, is a chair's
  note (a note line, left out of a clean text like every note);
* a negotiating remark in parentheses inside the running text, delegations and a colon and
  words that are no stance (``(EU, US: prefer original)``, ``(G77 with support of Norway:
  would withdraw if agreed)``), is a ``remark`` bracket: written as it stands in every view
  that shows the draft, counted as no proposal, left out of a clean text.

A parenthesis whose names the registry does not know, or whose words are only a stance
(``(EU: delete)``, a position the bracket reader already takes), stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..ast import Bracket, Inline, Line, Note, Text
from ..delegations import Registry
from ..query import inline_source
from .nodes import slice_span

# "(EU, US: prefer original)", "(G77 with support of X: would withdraw …)": delegations, a colon,
# and words that are not one of the stances a position states
_REMARK = re.compile(
    r"\((?P<who>[A-Z][^():\n]{0,80}?)(?: with (?:the )?support of [^():\n]*)?:\s*(?P<said>[^()\n]{1,200})\)"
)
_STANCE_ONLY = re.compile(r"\s*(?:retain|delete|support|oppose|reserve)\s*", re.I)
_EMPHASIS = ("*", "_")


def read_remarks(items: list[Line | Note], registry: Registry) -> list[Line | Note]:
    """``items`` with italic bracket lines made chair's notes and remarks in the running text
    made ``remark`` brackets (the same list when there are none)."""
    out: list[Line | Note] | None = None
    for k, item in enumerate(items):
        if not isinstance(item, Line) or not item.content:
            continue
        new: Line | Note = _italic_note(item) or item
        if isinstance(new, Line):
            content = _content(new.content, registry)
            if content is not new.content:
                new = replace(new, content=content)
        if new is not item:
            out = out if out is not None else list(items)
            out[k] = new
    return items if out is None else out


def _italic_note(line: Line) -> Note | None:
    """``*[…]*`` (or ``_[…]_``) alone on an unlabelled line: a chair's note."""
    content = line.content
    if line.label is not None or len(content) not in (3, 4):
        return None
    first, b, last, *rest = content
    if not (_emphasis(first, last) and _bare(b) and all(_space(n) for n in rest)):
        return None
    return Note(line.indent, inline_source(content), line.eol, "chair", (), None, line.span)


def _emphasis(first: Inline, last: Inline) -> bool:
    """Whether ``first`` and ``last`` are the same emphasis marker (trailing spaces allowed)."""
    return (
        isinstance(first, Text)
        and first.text in _EMPHASIS
        and isinstance(last, Text)
        and last.text.rstrip(" \t\u00a0") == first.text
    )


def _bare(b: Inline) -> bool:
    """A square bracket of words alone, with no tag and no attribution."""
    return (
        isinstance(b, Bracket)
        and b.kind == "plain"
        and (b.open, b.close, b.post) == ("[", "]", "")
        and all(isinstance(n, Text) for n in b.body)
    )


def _space(n: Inline) -> bool:
    return isinstance(n, Text) and not n.text.strip()


def _content(content: tuple[Inline, ...], registry: Registry) -> tuple[Inline, ...]:
    out: list[Inline] | None = None
    for i, n in enumerate(content):
        if isinstance(n, Text):
            pieces = _split(n, registry)
        elif isinstance(n, Bracket) and not n.is_text and any(isinstance(m, Text) for m in n.body):
            body = _content(n.body, registry)
            pieces = [n] if body is n.body else [replace(n, body=body)]
        else:
            pieces = [n]
        if out is None and (len(pieces) != 1 or pieces[0] is not n):
            out = list(content[:i])
        if out is not None:
            out.extend(pieces)
    return content if out is None else tuple(out)


def _split(t: Text, registry: Registry) -> list[Inline]:
    if "(" not in t.text or ":" not in t.text:
        return [t]
    out: list[Inline] = []
    at = 0
    for m in _REMARK.finditer(t.text):
        if _STANCE_ONLY.fullmatch(m.group("said")):
            continue
        sponsors = registry.sponsors(m.group("who"))
        if not any(s.code for s in sponsors):
            continue
        a, z = m.span()
        if a > at:
            out.append(Text(t.text[at:a], slice_span(t, at, a)))
        body = Text(t.text[a + 1 : z - 1], slice_span(t, a + 1, z - 1))
        out.append(Bracket("(", None, (body,), "", ")", "", "remark", sponsors, slice_span(t, a, z)))
        at = z
    if not out:
        return [t]
    if at < len(t.text):
        out.append(Text(t.text[at:], slice_span(t, at, len(t.text))))
    return out
