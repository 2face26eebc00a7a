"""The side-by-side view of a draft: one row per paragraph, its agreed text, and each
delegation's proposals in context (WTO "compilation matrix" layout, WHO legend)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ast import Bracket, Document, Heading, Inline, Paragraph, Struck, Text
from ..query import InlineText, paragraph_lines, plain_words, whole_proposal
from ..resolver import Decision, resolve
from ..textutil import squash
from .model import Segment

CONTEXT_WORDS = 6
UNATTRIBUTED = "Unattributed"
LEGEND = (
    "Bold underlined: text proposed for insertion. Struck through: text proposed for deletion. "
    "(…): unchanged text left out. —: no proposal."
)


@dataclass
class Row:
    label: str
    base: list[Segment]
    proposals: dict[str, list[list[Segment]]]
    heading: bool = False  # a section heading: a row of its own across the table


_WORD = re.compile(r"\S+")


def _context(words: list[str], more: bool, before: bool) -> str:
    if not words:
        return ""
    if before:
        return ("(…) " if more else "") + " ".join(words) + " "
    return " " + " ".join(words) + (" (…)" if more else "")


def _body(b: Bracket) -> list[Segment]:
    out: list[Segment] = []
    cmd = b.command
    if cmd is not None:
        if cmd.target is not None:
            out.append(Segment(cmd.target, "del"))
        if cmd.replacement is not None:
            out.append(Segment(cmd.replacement, "ins"))
        if cmd.target is None:
            out.append(Segment("delete the preceding bracketed text", "text"))
        return out
    for n in b.body:
        if isinstance(n, Struck):
            out.append(Segment(n.words, "del"))
        elif isinstance(n, Text):
            out.append(Segment(squash(n.text) if n.text.strip() else " ", "ins"))
        elif isinstance(n, Bracket):
            out.append(Segment(squash(plain_words(n.body)), "ins"))
    return out


def _base(document: Document, p: Paragraph) -> list[Segment]:
    """The paragraph with every proposal rejected: its agreed text, on one line."""
    base_doc = resolve(type(document)(blocks=(p,)), [Decision("reject", everything=True)]).document
    base_paras = [b for b in base_doc.blocks if isinstance(b, Paragraph)]
    if not base_paras:
        return [Segment("(new paragraph)")]
    first = base_paras[0].lines[0]
    lines = [
        (ln.label.text + " " if ln.label and ln is not first else "") + plain_words(ln.content)
        for ln in paragraph_lines(base_paras[0])
    ]
    return [Segment(" ".join(" ".join(line.split()) for line in lines))]


def _proposals(p: Paragraph) -> dict[str, list[list[Segment]]]:
    """Each delegation's snippets in the paragraph: a whole-line proposal as its words, inserted;
    others as the words around them with the proposal marked."""
    proposals: dict[str, list[list[Segment]]] = {}
    for ln in paragraph_lines(p):
        whole = whole_proposal(ln)
        if whole is not None:
            text = squash(plain_words(whole.body))
            for who in [s.key for s in whole.proposers] or [UNATTRIBUTED]:
                proposals.setdefault(who, []).append([Segment(text, "ins")])
            _snippets(whole.body, proposals)
        else:
            _snippets(ln.content, proposals)
    return proposals


def _snippets(content: tuple[Inline, ...], into: dict[str, list[list[Segment]]]) -> None:
    text: InlineText | None = None
    for i, n in enumerate(content):
        if not isinstance(n, Bracket) or n.is_text:
            continue
        text = text or InlineText(content)
        target = _deleted_bracket(content, i)
        body = _body(n) if target is None else [Segment(squash(plain_words(target[1].body)), "del")]
        start = i if target is None else target[0]
        before = _context(*text.words_before(start, CONTEXT_WORDS, _WORD), before=True)
        after = _context(*text.words_after(i, CONTEXT_WORDS, _WORD), before=False)
        snippet = [Segment(before), *body, Segment(after)]
        snippet = [s for s in snippet if s.text]
        whos = [s.key for s in n.proposers] or [UNATTRIBUTED]
        for who in whos:
            into.setdefault(who, []).append(snippet)
        _snippets(n.body, into)


def _deleted_bracket(content: tuple[Inline, ...], i: int) -> tuple[int, Bracket] | None:
    """The proposal (and where it is) that the bare ``delete`` at ``i`` proposes to delete
    ("[CAN: shall] [US: delete]"): its words are what that delegation's column strikes. None
    for any other bracket, or when no proposal stands just before it."""
    node = content[i]
    cmd = node.command if isinstance(node, Bracket) else None
    if cmd is None or cmd.target is not None or cmd.replacement is not None:
        return None
    j = i - 1
    while j >= 0 and _is_space(content[j]):
        j -= 1
    before = content[j] if j >= 0 else None
    if isinstance(before, Bracket) and not before.is_text and before.command is None:
        return j, before
    return None


def _is_space(n: Inline) -> bool:
    return isinstance(n, Text) and not n.text.strip()


def rows(document: Document) -> tuple[list[Row], list[str]]:
    """The rows of the table and its delegation columns (in order of first appearance)."""
    out: list[Row] = []
    columns: dict[str, None] = {}
    for p in document.blocks:
        if isinstance(p, Heading):
            out.append(Row(squash(plain_words(p.line.content)), [], {}, heading=True))
        elif isinstance(p, Paragraph):
            proposals = _proposals(p)
            columns.update(dict.fromkeys(proposals))
            out.append(Row(p.label.text if p.label else "—", _base(document, p), proposals))
    ordered = [c for c in columns if c != UNATTRIBUTED] + ([UNATTRIBUTED] if UNATTRIBUTED in columns else [])
    return out, ordered
