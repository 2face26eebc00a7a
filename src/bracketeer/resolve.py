"""Applying accept/reject decisions to a draft: a new tree and a report of what was done.

The input tree is never changed. Decisions apply in order, each to the result of the one
before. What a decision does, by construct:

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

Where text is removed the join is tidied: no doubled space, no space before ``, ; : .``, no
empty parentheses. Nothing else outside the proposals changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .ast import (
    Alternative,
    Blank,
    Block,
    Bracket,
    Command,
    Document,
    Heading,
    Inline,
    Label,
    Line,
    Note,
    Paragraph,
    Span,
    Sponsor,
    Struck,
    Tag,
    Text,
)
from .query import inline_source, plain_words, struck_gaps, whole_insertion, whole_proposal

Action = Literal["accept", "reject"]
Outcome = Literal[
    "accepted", "rejected", "withdrawn", "superseded", "removed", "conflict", "unclear", "renumbered"
]


@dataclass(frozen=True, slots=True)
class Decision:
    """Accept or reject the proposals of some delegations (or all), optionally in some paragraphs.

    ``delegations`` holds sponsor keys: registry codes, or names as written for delegations the
    registry does not know. ``paragraphs`` holds label selectors (``2``, ``4.bis``, ``3-5``);
    empty means everywhere.
    """

    action: Action
    delegations: frozenset[str] = frozenset()
    everything: bool = False
    paragraphs: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One thing the resolver did (or could not do), where, and to whose proposal."""

    outcome: Outcome
    what: str
    sponsors: tuple[str, ...]
    paragraph: str | None
    text: str
    span: Span
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    document: Document
    events: tuple[Event, ...]


# ------------------------------------------------------------------------------ selectors
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_LEADING_NUMBER = re.compile(r"^(?:PP|OP)?(\d+)")


def normalise_selector(selector: str) -> str:
    """``4.bis`` / ``4 bis`` / ``4bis.`` → ``4bis``, the same key labels get."""
    return Label(selector.strip(), "", Span(0, 0, 0, 0, 0, 0)).key


def selector_matches(selector: str, key: str) -> bool:
    m = _RANGE.match(selector)
    if m:
        n = _LEADING_NUMBER.match(key)
        return n is not None and int(m.group(1)) <= int(n.group(1)) <= int(m.group(2))
    return normalise_selector(selector) == key


def _in_selection(d: Decision, p: Paragraph) -> bool:
    if not d.paragraphs:
        return True
    label = p.label
    return label is not None and any(selector_matches(s, label.key) for s in d.paragraphs)


# ------------------------------------------------------------------------------ the resolver
@dataclass
class _Run:
    """State of one decision's pass over the tree."""

    d: Decision
    events: list[Event] = field(default_factory=list)
    label: str | None = None

    def event(
        self, outcome: Outcome, what: str, b: Bracket | None, span: Span, text: str, detail: str = ""
    ) -> None:
        sponsors = tuple(s.key for s in b.sponsors) if b is not None else ()
        self.events.append(Event(outcome, what, sponsors, self.label, _short(text), span, detail))

    # which brackets this decision touches -----------------------------------------------
    def matches(self, b: Bracket) -> bool:
        if b.kind == "literal":
            return False
        d = self.d
        if d.everything:
            return True
        if d.delegations:
            keys = {s.key for s in b.sponsors} if d.action == "reject" else {s.key for s in b.proposers}
            return bool(keys & d.delegations)
        return bool(d.paragraphs)

    def withdraws_only_some(self, b: Bracket) -> tuple[Sponsor, ...] | None:
        """For a rejection by delegation: the sponsors left, when some proposer remains."""
        d = self.d
        if d.action != "reject" or d.everything or not d.delegations or not b.sponsors:
            return None
        left = tuple(s for s in b.sponsors if s.key not in d.delegations)
        if any(not s.supporter for s in left):
            return left
        return None


_JOIN = object()  # where text was taken out or unwrapped: the join is tidied afterwards


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _accepted_body(body: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """The proposal's text as accepted, in pieces: struck words (and the spaces between two
    struck pieces) go, and each place they leave is a join to tidy."""
    gaps = struck_gaps(body)
    pieces: list[tuple[Inline, ...]] = [()]
    for i, n in enumerate(body):
        if isinstance(n, Struck) or i in gaps:
            if pieces[-1]:
                pieces.append(())
        else:
            pieces[-1] = (*pieces[-1], n)
    return [p for p in pieces if p] or [()]


def _rejected_body(body: tuple[Inline, ...]) -> list[object]:
    """What a rejected proposal leaves: the struck words it proposed to delete, as text, with a
    join wherever its own words went."""
    gaps = struck_gaps(body)
    out: list[object] = []
    for i, n in enumerate(body):
        if isinstance(n, Struck):
            out.append(Text(n.words, n.span))
        elif i in gaps:
            out.append(n)
        elif not out or out[-1] is not _JOIN:
            out.append(_JOIN)
    return out


def _accepted(run: _Run, body: tuple[Inline, ...]) -> list[object]:
    out: list[object] = []
    for k, piece in enumerate(_accepted_body(body)):
        if k:
            out.append(_JOIN)
        out.extend(_inline(run, piece))
    return out


_COLON_SUFFIX = re.compile(r"[ \u00a0]*::?[ \t\u00a0]*$")


def _retag(b: Bracket, left: tuple[Sponsor, ...]) -> Bracket:
    assert b.tag is not None or b.post or b.tail
    proposers = [s.written for s in left if not s.supporter]
    supporters = [s.written for s in left if s.supporter]
    names = ", ".join(proposers) + (", supported by " + ", ".join(supporters) if supporters else "")
    if b.tag is not None:
        suffix = _COLON_SUFFIX.search(b.tag.text)
        tag = Tag(names + (suffix.group(0) if suffix else ": "), left, b.tag.span)
        return replace(b, tag=tag, sponsors=left)
    if b.post:
        return replace(b, post=f" ({names})", sponsors=left)
    return replace(b, tail=f" — {names}", sponsors=left)


_ALT_SEPARATOR = re.compile(r"^[ \u00a0]*/[ \u00a0]*$")


def alternative_sets(content: tuple[Inline, ...]) -> list[tuple[int, int]]:
    """Runs of brackets offered as alternatives: written with nothing between them
    (``[shall][should]``) or with a slash (``[ARG: …] / [US: …]``). ``(start, end)`` indexes,
    end exclusive; each run holds at least two brackets."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(content)
    while i < n:
        node = content[i]
        if isinstance(node, Bracket) and node.kind != "literal":
            j = i
            while True:
                k = j + 1
                if k < n and isinstance(content[k], Text) and _ALT_SEPARATOR.match(content[k].text):  # type: ignore[union-attr]
                    k += 1
                if k < n and isinstance(content[k], Bracket) and content[k].kind != "literal" and k > j:  # type: ignore[union-attr]
                    j = k
                else:
                    break
            if j > i:
                runs.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return runs


def _inline(run: _Run, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[object] = []
    changed = False
    sets = {start: end for start, end in alternative_sets(content)}
    i = 0
    while i < len(content):
        if i in sets:
            end = sets[i]
            if _alternative_set(run, content[i:end], out):
                changed = True
            i = end
            continue
        node = content[i]
        i += 1
        if not isinstance(node, Bracket) or node.kind == "literal":
            out.append(node)
            continue
        if not run.matches(node):
            body = _inline(run, node.body)
            if body is not node.body:
                changed = True
                node = replace(node, body=body)
            out.append(node)
            continue
        changed = True
        _decided(run, node, out)
    if not changed:
        return content
    return _tidy(out)


def _decided(run: _Run, node: Bracket, out: list[object]) -> None:
    """Write the outcome of deciding ``node`` (which the decision matches) to ``out``."""
    words = plain_words(node.body)
    cmd = node.command
    if run.d.action == "accept":
        if cmd is not None:
            if _apply_command(out, cmd):
                run.event("accepted", cmd.action, node, node.span, cmd.text)
                out.append(_JOIN)
            else:
                run.event(
                    "unclear",
                    cmd.action,
                    node,
                    node.span,
                    cmd.text,
                    "nothing before it to " + cmd.action + "; left open",
                )
                out.append(node)
            return
        run.event("accepted", "proposal" if node.kind == "proposal" else "plain", node, node.span, words)
        out.append(_JOIN)
        out.extend(_accepted(run, node.body))
        out.append(_JOIN)
        return
    left = run.withdraws_only_some(node)
    if left is not None:
        gone = [s.key for s in node.sponsors if s not in left]
        run.event("withdrawn", "sponsor", node, node.span, words, "withdrawn: " + ", ".join(gone))
        out.append(replace(_retag(node, left), body=_inline(run, node.body)))
        return
    run.event(
        "rejected",
        cmd.action if cmd else ("proposal" if node.kind == "proposal" else "plain"),
        node,
        node.span,
        cmd.text if cmd else words,
    )
    out.append(_JOIN)
    out.extend(_rejected_body(node.body))
    out.append(_JOIN)


def _alternative_set(run: _Run, members: tuple[Inline, ...], out: list[object]) -> bool:
    """Decide a run of inline alternatives; returns whether anything changed."""
    brackets = [m for m in members if isinstance(m, Bracket)]
    separator = next((m for m in members if isinstance(m, Text)), None)
    decided = [b for b in brackets if run.matches(b)]
    if not decided:
        changed = False
        for m in members:
            if isinstance(m, Bracket):
                body = _inline(run, m.body)
                if body is not m.body:
                    changed = True
                    m = replace(m, body=body)
            out.append(m)
        return changed
    if run.d.action == "accept":
        texts = {" ".join(plain_words(b.body).split()) for b in decided}
        if len(texts) > 1:
            for b in decided:
                run.event(
                    "conflict",
                    "alternative",
                    b,
                    b.span,
                    plain_words(b.body),
                    "several differing alternatives accepted; left open",
                )
            out.extend(members)
            return False
        winner = decided[0]
        for b in brackets:
            if b in decided:
                _decided(run, b, out) if b is winner else run.event(
                    "accepted", "alternative", b, b.span, plain_words(b.body), "identical to the one kept"
                )
            else:
                run.event(
                    "superseded",
                    "alternative",
                    b,
                    b.span,
                    plain_words(b.body),
                    "another alternative was accepted",
                )
        return True
    kept: list[Inline] = []
    for b in brackets:
        if b in decided and run.withdraws_only_some(b) is None:
            run.event("rejected", "alternative", b, b.span, plain_words(b.body))
            continue
        if b in decided:
            scratch: list[object] = []
            _decided(run, b, scratch)
            kept.extend(x for x in scratch if isinstance(x, Bracket))
        else:
            kept.append(b)
    out.append(_JOIN)
    for n, kept_one in enumerate(kept):
        if n and separator is not None:
            out.append(separator)
        out.append(kept_one)
    out.append(_JOIN)
    return True


def _apply_command(out: list[object], cmd: Command) -> bool:
    """Carry out an accepted deletion or replacement on the text before it (``out``)."""
    if cmd.target is None:
        # delete the bracket just before, with the space between
        i = len(out) - 1
        while i >= 0:
            piece = out[i]
            if piece is not _JOIN and not (isinstance(piece, Text) and not piece.text.strip()):
                break
            i -= 1
        target = out[i] if i >= 0 else None
        if not isinstance(target, Bracket) or target.kind == "literal":
            return False
        del out[i:]
        out.append(_JOIN)
        return True
    for i in range(len(out) - 1, -1, -1):
        node = out[i]
        if isinstance(node, Text):
            at = node.text.rfind(cmd.target)
            if at >= 0:
                before = node.text[:at]
                after = node.text[at + len(cmd.target) :]
                new = cmd.replacement if cmd.action == "replace" else None
                pieces: list[object] = [Text(before, node.span)] if before else []
                pieces.append(Text(new, node.span) if new is not None else _JOIN)
                if after:
                    pieces.append(Text(after, node.span))
                out[i : i + 1] = pieces
                return True
    return False


_SPACE = " \t\u00a0"


def _fix_join(a: str, b: str) -> tuple[str, str]:
    """Tidy the join of ``a`` and ``b`` where text was taken out between them."""
    if a.rstrip(_SPACE).endswith("(") and b.lstrip(_SPACE).startswith(")"):
        a = a.rstrip(_SPACE)[:-1]
        b = b.lstrip(_SPACE)[1:]
    if a[-1:] in _SPACE and a and b[:1] and b[0] in _SPACE:
        b = b.lstrip(_SPACE)
    if b[:1] and b[0] in ",;:.)" and a[-1:] and a[-1] in _SPACE:
        a = a.rstrip(_SPACE)
    if not a.strip(_SPACE) and a and b[:1] in (",", ";", ":", "."):
        a = ""
    return a, b


def _tidy(pieces: list[object]) -> tuple[Inline, ...]:
    """Merge neighbouring text and tidy every join marked by ``_JOIN``."""
    out: list[Inline] = []
    join = False
    started = False
    for p in pieces:
        if p is _JOIN:
            join = True
            continue
        assert isinstance(p, (Text, Struck, Command, Bracket))
        if isinstance(p, Text):
            if join and out and isinstance(out[-1], Text):
                a, b = _fix_join(out[-1].text, p.text)
                out[-1] = Text(a + b, out[-1].span.cover(p.span))
            elif join and not started:
                out.append(Text(p.text.lstrip(_SPACE), p.span))
            elif out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + p.text, out[-1].span.cover(p.span))
            else:
                out.append(p)
        else:
            out.append(p)
        started = True
        join = False
    if join and out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip(_SPACE), out[-1].span)
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


# ------------------------------------------------------------------------------ lines, paragraphs
def _line(run: _Run, line: Line) -> Line:
    content = _inline(run, line.content)
    return line if content is line.content else replace(line, content=content)


@dataclass
class _Version:
    """One version of a paragraph: its first line, or one of its alternatives."""

    where: Line | Alternative
    line: Line
    bracket: Bracket | None  # the proposal holding the whole line, None for unbracketed text

    @property
    def text(self) -> str:
        body = self.bracket.body if self.bracket is not None else self.line.content
        return " ".join(plain_words(body).split())


def _versions(p: Paragraph) -> list[_Version]:
    first = _Version(p.lines[0], p.lines[0], whole_insertion(p.lines[0]))
    out = [first]
    for item in p.items:
        if isinstance(item, Alternative):
            out.append(_Version(item, item.line, whole_insertion(item.line)))
    return out


def _unwrap(line: Line, b: Bracket, body: Iterable[Inline]) -> Line:
    """The line with the whole-line bracket ``b`` replaced by ``body``; a bracketed label
    (``[1.]``) loses its brackets too."""
    content: list[object] = []
    for n in line.content:
        if n is b:
            content.append(_JOIN)
            content.extend(body)
            content.append(_JOIN)
        else:
            content.append(n)
    label = line.label
    if label is not None and label.bracketed:
        label = replace(label, text=label.text[1:-1])
    return replace(line, label=label, content=_tidy(content))


def _move_to_first(first: Line, other: Line) -> Line:
    """``first`` (keeping its indentation and label) holding the text of ``other``."""
    return replace(first, content=other.content)


def _paragraph(run: _Run, p: Paragraph) -> Paragraph | None:
    run.label = p.label.text if p.label else None
    versions = _versions(p)
    whole = [v for v in versions if v.bracket is not None]
    if len(versions) > 1 or (whole and whole[0].where is p.lines[0] and len(p.lines) == 1):
        handled, result = _whole_paragraph(run, p, versions)
        if handled:
            if result is None or result is p:
                return result
            # the versions are settled; the sub-items still take this decision
            return replace(result, items=tuple(_items(run, p, result.items)))
    lines = tuple(_line(run, ln) for ln in p.lines)
    items = _items(run, p, p.items)
    if (
        len(items) == len(p.items)
        and all(a is b for a, b in zip(lines, p.lines, strict=True))
        and all(a is b for a, b in zip(items, p.items, strict=True))
    ):
        return p
    return replace(p, lines=lines, items=tuple(items))


def _items(
    run: _Run, p: Paragraph, items: tuple[Blank | Alternative | Paragraph, ...]
) -> list[Blank | Alternative | Paragraph]:
    """``items`` of paragraph ``p`` with the decision applied: sub-items as paragraphs,
    alternatives' lines inline."""
    out: list[Blank | Alternative | Paragraph] = []
    for item in items:
        if isinstance(item, Paragraph):
            sub = _paragraph(run, item)
            run.label = p.label.text if p.label else None
            if sub is not None:
                out.append(sub)
        elif isinstance(item, Alternative):
            out.append(replace(item, line=_line(run, item.line)))
        else:
            out.append(item)
    return out


def _whole_paragraph(run: _Run, p: Paragraph, versions: list[_Version]) -> tuple[bool, Paragraph | None]:
    """Decide a paragraph made of whole-paragraph proposals (one, or several alternatives).

    Returns whether the decision touched its versions, and the paragraph that results (None
    when it goes). A conflict leaves the paragraph as it is.
    """
    groups: dict[str, list[_Version]] = {}
    for v in versions:
        groups.setdefault(v.text, []).append(v)
    decided = [v for v in versions if v.bracket is not None and run.matches(v.bracket)]
    if not decided:
        return False, p
    what = "alternative" if len(versions) > 1 else "paragraph"
    if run.d.action == "accept":
        chosen_texts = {v.text for v in decided}
        if len(chosen_texts) > 1:
            for v in decided:
                run.event(
                    "conflict",
                    what,
                    v.bracket,
                    v.line.span,
                    v.text,
                    "several differing alternatives accepted; the paragraph stays open",
                )
            return True, p
        winner_text = next(iter(chosen_texts))
        winners = groups[winner_text]
        keep = winners[0]
        for v in winners:
            run.event("accepted", what, v.bracket, v.line.span, v.text)
        for v in versions:
            if v.text != winner_text:
                run.event(
                    "superseded", what, v.bracket, v.line.span, v.text, "another alternative was accepted"
                )
        assert keep.bracket is not None
        body = _tidy(_accepted(run, keep.bracket.body))
        new_first = (
            _unwrap(p.lines[0], whole_proposal(p.lines[0]) or keep.bracket, body)
            if keep.line is p.lines[0]
            else _unwrap(_move_to_first(p.lines[0], keep.line), keep.bracket, body)
        )
        items = _drop_alternatives(p.items, [v.where for v in versions if isinstance(v.where, Alternative)])
        return True, replace(p, lines=(new_first, *p.lines[1:]), items=items)
    # rejection: drop the versions whose proposers are all rejected; withdraw from the rest
    removed: list[_Version] = []
    retagged: dict[int, Line] = {}
    for v in decided:
        assert v.bracket is not None
        left = run.withdraws_only_some(v.bracket)
        if left is not None:
            gone = [s.key for s in v.bracket.sponsors if s not in left]
            run.event("withdrawn", "sponsor", v.bracket, v.line.span, v.text, "withdrawn: " + ", ".join(gone))
            new_b = _retag(v.bracket, left)
            retagged[id(v.where)] = replace(
                v.line, content=tuple(new_b if n is v.bracket else n for n in v.line.content)
            )
        else:
            run.event("rejected", what, v.bracket, v.line.span, v.text)
            removed.append(v)
    remaining = [v for v in versions if v not in removed]
    if not remaining:
        return True, None
    first = remaining[0]
    first_line = retagged.get(id(first.where), first.line)
    if first.where is not p.lines[0]:
        first_line = _move_to_first(p.lines[0], first_line)
    gone_alts = [v.where for v in removed if isinstance(v.where, Alternative)]
    if first.where is not p.lines[0] and isinstance(first.where, Alternative):
        gone_alts.append(first.where)
    items = _drop_alternatives(p.items, gone_alts)
    items = tuple(
        replace(i, line=retagged[id(i)]) if isinstance(i, Alternative) and id(i) in retagged else i
        for i in items
    )
    return True, replace(p, lines=(first_line, *p.lines[1:]), items=items)


def _drop_alternatives(
    items: tuple[Blank | Alternative | Paragraph, ...], gone: Sequence[Line | Alternative]
) -> tuple[Blank | Alternative | Paragraph, ...]:
    """``items`` without the alternatives in ``gone`` and the blank lines just before them."""
    out: list[Blank | Alternative | Paragraph] = []
    for item in items:
        if isinstance(item, Alternative) and any(item is g for g in gone):
            while out and isinstance(out[-1], Blank):
                out.pop()
            continue
        out.append(item)
    return tuple(out)


# ------------------------------------------------------------------------------ the document
def _deletion_note_applies(run: _Run, note: Note) -> bool:
    d = run.d
    if d.everything:
        return True
    return bool({s.key for s in note.sponsors} & d.delegations)


def _apply(document: Document, d: Decision) -> tuple[Document, list[Event]]:
    run = _Run(d)
    blocks = list(document.blocks)
    drop: set[int] = set()  # indexes of blocks to remove (with the blank lines after them)
    # paragraphs that an accepted deletion note removes, by label key
    delete_keys: dict[str, int] = {}
    for i, b in enumerate(blocks):
        if isinstance(b, Note) and b.kind == "deletion" and b.target and _deletion_note_applies(run, b):
            key = normalise_selector(b.target)
            if d.paragraphs and not any(selector_matches(s, key) for s in d.paragraphs):
                continue
            run.label = b.target
            sponsors = tuple(s.key for s in b.sponsors)
            if d.action == "accept":
                delete_keys[key] = i
                run.events.append(Event("accepted", "deletion", sponsors, b.target, _short(b.text), b.span))
            else:
                run.events.append(Event("rejected", "deletion", sponsors, b.target, _short(b.text), b.span))
            drop.add(i)
    new: list[Block | None] = list(blocks)
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph):
            continue
        if b.label is not None and b.label.key in delete_keys:
            drop.add(i)
            continue
        if not _in_selection(d, b):
            continue
        result = _paragraph(run, b)
        if result is None or (
            whole_proposal(b.lines[0]) is not None
            and result is not b
            and whole_proposal(result.lines[0]) is None
            and not result.alternatives
        ):
            # the paragraph went, or its proposal was settled: the note introducing it is stale
            intro = _intro_note(blocks, i)
            if intro is not None:
                drop.add(intro)
                note = blocks[intro]
                assert isinstance(note, Note)
                run.events.append(
                    Event(
                        "removed",
                        "note",
                        tuple(s.key for s in note.sponsors),
                        run.label,
                        _short(note.text),
                        note.span,
                        "the note introducing the paragraph",
                    )
                )
        if result is None:
            drop.add(i)
        else:
            new[i] = result
    out: list[Block] = []
    skipping_blanks = False
    for i, kept_block in enumerate(new):
        if i in drop:
            skipping_blanks = True
            continue
        assert kept_block is not None
        if skipping_blanks and isinstance(kept_block, Blank):
            continue
        skipping_blanks = False
        out.append(kept_block)
    return replace(document, blocks=tuple(out)), run.events


def _intro_note(blocks: list[Block], i: int) -> int | None:
    """The index of the note introducing the paragraph at ``i`` ("Proposed new paragraph…")."""
    j = i - 1
    while j >= 0 and isinstance(blocks[j], Blank):
        j -= 1
    if j >= 0 and isinstance(blocks[j], Note) and blocks[j].kind == "intro":  # type: ignore[union-attr]
        return j
    return None


def resolve(document: Document, decisions: Iterable[Decision], *, renumber: bool = False) -> Resolution:
    """Apply ``decisions`` in order; the input document is left as it was."""
    events: list[Event] = []
    for d in decisions:
        document, evs = _apply(document, d)
        events.extend(evs)
    if renumber:
        document, evs = renumber_paragraphs(document)
        events.extend(evs)
    return Resolution(document, tuple(events))


# ------------------------------------------------------------------------------ renumbering
_NUMBERED = re.compile(r"^(\[?)((?:PP|OP)[ \u00a0]?)?(\d+)(.*?)(\]?)$")


def renumber_paragraphs(document: Document) -> tuple[Document, list[Event]]:
    """Number the numbered paragraphs of each section again (``4``, ``4.bis``, ``5`` → ``4``, ``5``, ``6``).

    PP and OP labels are numbered in their own series; numbering restarts at each heading;
    sub-items keep their letters.
    """
    counters: dict[str, int] = {}
    dot = "."  # the style of the section's plain labels ("5." or "5"), used for "4 bis" → "5"
    events: list[Event] = []
    blocks: list[Block] = []
    for b in document.blocks:
        if isinstance(b, Heading):
            counters.clear()
        if isinstance(b, Paragraph) and b.label is not None:
            m = _NUMBERED.match(b.label.text)
            if m:
                open_, prefix, _num, rest, close = m.groups()
                if rest in ("", "."):
                    dot = rest
                series = (prefix or "").strip()
                # a section keeps its first number, so an excerpt starting at 4 stays at 4
                counters[series] = counters[series] + 1 if series in counters else int(_num)
                new_text = f"{open_}{prefix or ''}{counters[series]}{dot}{close}"
                if new_text != b.label.text:
                    events.append(
                        Event(
                            "renumbered",
                            "paragraph",
                            (),
                            b.label.text,
                            new_text,
                            b.label.span,
                            f"{b.label.text} → {new_text}",
                        )
                    )
                    label = replace(b.label, text=new_text)
                    b = replace(b, lines=(replace(b.lines[0], label=label), *b.lines[1:]))
        blocks.append(b)
    return replace(document, blocks=tuple(blocks)), events


# ------------------------------------------------------------------------------ what is open
def open_brackets(document: Document) -> list[tuple[str | None, Bracket]]:
    """Every proposal or plain bracket still in the draft, with its paragraph's label."""
    from .query import iter_brackets, paragraph_lines

    out: list[tuple[str | None, Bracket]] = []
    for b in document.blocks:
        if isinstance(b, Paragraph):
            label = b.label.text if b.label else None
            for ln in paragraph_lines(b):
                out.extend(
                    (label, br)
                    for br, depth in iter_brackets(ln.content)
                    if depth == 0 and br.kind != "literal"
                )
    return out


def describe(b: Bracket) -> str:
    who = ", ".join(s.key for s in b.proposers) or "unattributed"
    return f"{who}: {_short(inline_source(b.body))}"
