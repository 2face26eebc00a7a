"""A decision applied to a whole draft: paragraphs, the notes that go with them, and the
"US proposes to delete paragraph 5" notes.

A deletion note accepted removes the paragraph it names and the note; rejected, the note goes.
A paragraph that goes, or whose whole-paragraph proposal is settled, takes the note that
introduced it ("Proposed new paragraph submitted by …") with it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..ast import Alternative, Blank, Block, Document, Heading, Note, Paragraph, Title
from ..query import (
    Labelled,
    has_brackets,
    inline_source,
    line_source,
    move_of,
    option_groups,
    plain_words,
    whole_proposal,
)
from ..textutil import shorten
from .decision import Decision, Event, Outcome
from .inline import Pass, resolve_inline
from .note_sponsors import renamed
from .paragraphs import resolve_paragraph
from .selectors import Selector, in_selection, normalise_selector, selected_blocks, selector_matches


def apply_decision(document: Document, d: Decision) -> tuple[Document, list[Event]]:
    """``document`` with ``d`` carried out, and what was done."""
    run = Pass(Selector(d), adjacent=document.adjacent)
    if d.option is not None:
        return _choose_option(document, d, run)
    at = _Blocks(run, d, list(document.blocks), {f.span.line for f in document.faults})
    deleted = _deletion_notes(run, at)
    moves = _move_notes(run, at)
    section: str | None = None
    for i, b in enumerate(at.blocks):
        if isinstance(b, Note):
            _commented_version(run, b)
        if isinstance(b, Heading):
            section = plain_words(b.line.content).strip()
            if not d.paragraphs and has_brackets(b.line.content):
                _heading(run, b, i, at.new, at.drop, _holds_fault(b, at.faulty))
        elif isinstance(b, Paragraph):
            if i in deleted and not _holds_fault(b, at.faulty):
                at.drop.add(i)
                run.label = b.label.text if b.label else None
                _drop_intro_note(run, at.blocks, i, at.drop, at.faulty)  # (it introduces nothing now)
            else:
                at.paragraph(i, b, section)
    new = at.new
    kept = _without(new, at.drop, _unended(document))
    if moves:
        kept = _moved(
            kept, [([new[t] for t in ts], where, new[p]) for ts, where, p in moves], document.newline
        )
    return replace(document, blocks=kept), run.events


class _Blocks:
    """A draft's blocks as one decision goes through them: the new ones, those to drop."""

    def __init__(self, run: Pass, d: Decision, blocks: list[Block], faulty: set[int]) -> None:
        self.run, self.d, self.blocks = run, d, blocks
        self.new: list[Block] = list(blocks)
        self.drop: set[int] = set()  # indexes of blocks to remove (with the blank lines after them)
        self.faulty = faulty  # lines of brackets that do not balance (read with --recover)

    def paragraph(self, i: int, b: Paragraph, section: str | None) -> None:
        run = self.run
        if _holds_fault(b, self.faulty):
            # a bracket in it does not balance: what its proposals are is not known
            if in_selection(self.d, b, section):
                _untouched(run, b, b.label.text if b.label else None)
            return
        if not in_selection(self.d, b, section):
            return
        result = resolve_paragraph(run, b)
        if result is None or (
            whole_proposal(b.lines[0]) is not None
            and result is not b
            and whole_proposal(result.lines[0]) is None
            and not result.alternatives
        ):
            # the paragraph went, or its proposal was settled: the note introducing it is stale
            _drop_intro_note(run, self.blocks, i, self.drop, self.faulty)
        if result is None:
            self.drop.add(i)
        else:
            self.new[i] = result
            self._intro_renamed(i, b, result)

    def _intro_renamed(self, i: int, before: Paragraph, after: Paragraph) -> None:
        """The note introducing a joint new paragraph some sponsors withdrew from, written
        again for the others: it names the delegations proposing the paragraph."""
        old, new = whole_proposal(before.lines[0]), whole_proposal(after.lines[0])
        if old is None or new is None or not new.proposers:
            return
        gone = {s.key for s in old.proposers} - {s.key for s in new.proposers}
        j = _intro_note(self.blocks, i) if gone else None
        note = self.blocks[j] if j is not None else None
        if not isinstance(note, Note) or {s.key for s in note.sponsors} != {s.key for s in old.proposers}:
            return  # (a note naming others than the proposal's sponsors is not the proposal's to change)
        assert j is not None
        again = renamed(note, gone)
        if again is not None:
            self.new[j] = again
            return
        detail = "the note does not name its sponsors one by one: it still names " + ", ".join(sorted(gone))
        sponsors = tuple(s.key for s in note.sponsors)
        self.run.events.append(
            Event("unclear", "note", sponsors, self.run.label, shorten(note.text), note.span, detail)
        )


def _heading(run: Pass, b: Heading, i: int, new: list[Block], drop: set[int], faulty: bool) -> None:
    """A heading holding proposals (a numbered heading, a proposed section's title): they are
    decided as a paragraph's are, and a heading that was all one proposal goes with it."""
    if faulty:
        _untouched(run, b, None)
        return
    run.label = None
    content = resolve_inline(run, b.line.content)
    if not inline_source(content).strip():
        drop.add(i)
    elif content is not b.line.content:
        new[i] = replace(b, line=replace(b.line, content=content))


# a paragraph's version a Word file holds as a comment on it (no revision can exclude others)
_COMMENTED_VERSION = re.compile(r"Alternative by (?P<who>[^:]+): ")


def _commented_version(run: Pass, note: Note) -> None:
    """A decision naming the delegation of a version a Word file holds as a comment ("Alternative
    by JPN: …", read as a note): said, not decided, never dropped unsaid."""
    m = _COMMENTED_VERSION.search(note.text)
    if m is None or note.kind != "remark":
        return
    who = tuple(s.strip() for s in m.group("who").split(","))
    d = run.select.decision
    if d.everything or d.delegations & set(who):
        detail = "a version Word holds as a comment, not decided: decide it in the text compilation"
        run.events.append(Event("untouched", "alternative", who, None, shorten(note.text), note.span, detail))


def _holds_fault(b: Block, faulty: set[int]) -> bool:
    """Whether a bracket that does not balance (read with --recover) starts in ``b``."""
    # the block ends where its last line's end of line does, or at the end of a last line that
    # has none (a draft without a final newline)
    last = b.span.end_line if b.span.end_column > 1 else b.span.end_line - 1
    return bool(faulty) and any(b.span.line <= ln <= max(last, b.span.line) for ln in faulty)


def _untouched(run: Pass, b: Paragraph | Heading, label: str | None) -> None:
    run.label = label
    first = b.lines[0] if isinstance(b, Paragraph) else b.line
    what = "paragraph" if isinstance(b, Paragraph) else "heading"
    run.event(
        "untouched", what, None, b.span, shorten(line_source(first)), "a bracket in it does not balance"
    )


def _choose_option(document: Document, d: Decision, run: Pass) -> tuple[Document, list[Event]]:
    """Accepting option N keeps its paragraphs and drops the other options and every option
    note of the group; rejecting it drops option N with its note."""
    chosen = selected_blocks(document, d.paragraphs)
    drop: set[int] = set()
    for group in option_groups(document):
        if not group.blocks() & chosen:
            continue
        for n, at, under in group.options:
            note = document.blocks[at]
            assert isinstance(note, Note)
            take = n == d.option if d.action == "accept" else n != d.option
            if d.action == "accept" or not take:
                drop.add(at)
            if not take:
                drop.update(under)
            run.event(
                "accepted" if take else "rejected",
                "option",
                None,
                note.span,
                note.text.strip(),
            )
        if d.action == "accept" and group.end is not None:
            drop.add(group.end)
    return replace(document, blocks=_without(list(document.blocks), drop, _unended(document))), run.events


def _deletion_notes(run: Pass, at: _Blocks) -> set[int]:
    """Decide the deletion notes; the indexes of the paragraphs accepted deletions remove (the
    one each note names: of its label, the first after it)."""
    deleted: set[int] = set()
    labelled = Labelled(at.blocks)
    for i, b in _decided_notes(run, at, "deletion"):
        named = labelled.named(i, b.target or "")
        if run.select.action == "accept" and named is not None:
            deleted.add(named)
        at.drop.add(i)
    return deleted


def _move_notes(run: Pass, at: _Blocks) -> list[tuple[list[int], str, int]]:
    """Decide the move notes; the moves accepted, as indexes of the draft's blocks: (the
    paragraph moved, "after" or "before", the paragraph it goes next to)."""
    blocks = at.blocks
    moves: list[tuple[list[int], str, int]] = []
    labelled = Labelled(blocks)
    for i, b in _decided_notes(run, at, "move"):
        move = move_of(b)
        if run.select.action != "accept" or move is None:
            at.drop.add(i)
            continue
        target, where, place = move
        moved = labelled.named(i, target)
        there = _place(blocks, labelled.all(place), moved)
        if moved is None or there is None:
            # the paragraph, or its place, is not in the draft (another's deletion took it):
            # said, and the note left as it is, not reported as a move made
            run.events[-1] = replace(
                run.events[-1], outcome="unclear", detail="no such paragraph to move, or place; left open"
            )
            continue
        at.drop.add(i)
        moves.append((_carried(blocks, moved, {s.key for s in b.sponsors}), where, there))
    return moves


def _carried(blocks: list[Block], moved: int, by: set[str]) -> list[int]:
    """The paragraph at ``moved`` and the new paragraphs the same delegations propose right
    after it (their notes between): in their copy those followed it, so they go with it."""
    out = [moved]
    k = moved + 1
    while k < len(blocks):
        b = blocks[k]
        if isinstance(b, Blank) or (isinstance(b, Note) and b.kind == "intro"):
            k += 1
            continue
        whole = whole_proposal(b.lines[0]) if isinstance(b, Paragraph) else None
        if whole is None or not whole.proposers or not {s.key for s in whole.proposers} <= by:
            break
        out.append(k)
        k += 1
    return out


def _its_notes(blocks: list[Block], moved: int) -> list[int]:
    """The deletion and move notes (and the blank lines after them) just before the paragraph
    at ``moved`` that name it by its label."""
    p = blocks[moved]
    label = p.label.text if isinstance(p, Paragraph) and p.label else None
    if label is None:
        return []
    k, first = moved - 1, moved
    while k >= 0:
        b = blocks[k]
        if isinstance(b, Note) and b.kind in ("deletion", "move") and b.target:
            if normalise_selector(b.target) != normalise_selector(label):
                break
            first = k
        elif not isinstance(b, Blank):
            break
        k -= 1
    return list(range(first, moved))


def _place(blocks: list[Block], named: list[int], besides: int | None) -> int | None:
    """The paragraph a move note names as the place to go, among those ``named`` with its
    label: of two (a paragraph proposed before the first takes its number), the one not wholly
    a proposal."""
    named = [k for k in named if k != besides]
    settled = [k for k in named if whole_proposal(blocks[k].lines[0]) is None]  # type: ignore[union-attr]
    return (settled or named)[0] if named else None


def _decided_notes(run: Pass, at: _Blocks, kind: str) -> list[tuple[int, Note]]:
    """The notes of ``kind`` naming a paragraph that the pass's decision takes, each reported;
    a note rejected for some of its sponsors is written again for the others (in ``at.new``),
    not taken."""
    d = run.select.decision
    out: list[tuple[int, Note]] = []
    for i, b in enumerate(at.blocks):
        if not (isinstance(b, Note) and b.kind == kind and b.target) or _holds_fault(b, at.faulty):
            continue
        if not (d.everything or {s.key for s in b.sponsors} & d.delegations):
            continue
        key = normalise_selector(b.target)
        if d.paragraphs and not any(selector_matches(s, key) for s in d.paragraphs):
            continue
        if _sponsors_withdrawn(run, i, b, at.new):
            continue
        outcome: Outcome = "accepted" if d.action == "accept" else "rejected"
        sponsors = tuple(s.key for s in b.sponsors)
        run.events.append(Event(outcome, kind, sponsors, b.target, shorten(b.text), b.span))
        out.append((i, b))
    return out


def _sponsors_withdrawn(run: Pass, i: int, note: Note, new: list[Block]) -> bool:
    """A rejection by delegation of a note another sponsor still proposes: only the rejected
    sponsors withdraw, and the note is written again for the others (``new[i]``), as a joint
    bracket is retagged. A note whose words do not name its sponsors one by one stays as it
    stands, and the report says so: taking it would take the others' proposal too. Whether
    the note was one."""
    d = run.select.decision
    if d.action != "reject" or d.everything or run.select.every_proposal:
        return False
    gone = {s.key for s in note.sponsors} & d.delegations
    if not any(s.key not in gone for s in note.sponsors):
        return False
    again = renamed(note, gone)
    sponsors = tuple(s.key for s in note.sponsors)
    detail = "withdrawn: " + ", ".join(sorted(gone))
    if again is None:
        detail += "; the note does not name its sponsors one by one, so it is left as it stands"
        run.events.append(
            Event("unclear", "sponsor", sponsors, note.target, shorten(note.text), note.span, detail)
        )
        return True
    new[i] = again
    run.events.append(
        Event("withdrawn", "sponsor", sponsors, note.target, shorten(note.text), note.span, detail)
    )
    return True


def _moved(
    blocks: tuple[Block, ...], moves: list[tuple[list[Block], str, Block]], newline: str
) -> tuple[Block, ...]:
    """``blocks`` with each accepted move carried out: the paragraph (with what it carries),
    with the blank lines that parted it from the next, taken out and put after (or before) the
    paragraph it names; the draft's last line keeps its ending, or its lack of one. A move
    whose paragraph, or whose place, went with the same decision is not made."""
    out = list(blocks)
    for carried, where, place in _in_turn(moves):
        here = [k for k in (_at(out, c) for c in carried) if k is not None]
        if not here or here[0] != _at(out, carried[0]) or _at(out, place) is None:
            continue
        # the deletion and move notes standing right before it that name it go with it: they are its
        first = next(iter(_its_notes(out, here[0])), here[0])
        unit = _taken_out(out, first, here[-1])
        dest = _at(out, place)
        assert dest is not None
        if where == "after":
            dest += len(_unit(out, dest))
        else:  # before the paragraph's own deletion and move notes too: they stay with it
            dest = next(iter(_its_notes(out, dest)), dest)
        if dest == len(out):  # now the last: the blank lines go before it
            gap = len(unit) - len(_rstrip_blanks(unit))
            unit = [*unit[len(unit) - gap :], *unit[: len(unit) - gap]]
        out[dest:dest] = unit
    return tuple(_ended(out, blocks, newline))


def _at(blocks: list[Block], block: Block) -> int | None:
    return next((k for k, b in enumerate(blocks) if b is block), None)


def _in_turn(moves: list[tuple[list[Block], str, Block]]) -> list[tuple[list[Block], str, Block]]:
    """``moves`` in an order where a paragraph moved next to another that moves too comes
    after it ("3 before 1", then "2 after 3")."""
    pending = list(moves)
    out: list[tuple[list[Block], str, Block]] = []
    while pending:
        targets = {id(c[0]) for c, _, _ in pending}
        ready = next((m for m in pending if id(m[2]) not in targets), pending[0])
        pending.remove(ready)
        out.append(ready)
    return out


def _taken_out(out: list[Block], first: int, last: int) -> list[Block]:
    """Take the blocks ``first`` to ``last`` out of ``out``, with the blank lines that parted
    them from the next (from the one before, when they were the last): the blank lines last."""
    end = last + len(_unit(out, last))
    if end < len(out):
        unit = out[first:end]
        del out[first:end]
        return unit
    start = first
    while start > 0 and isinstance(out[start - 1], Blank):
        start -= 1
    unit = [*out[first:end], *out[start:first]]
    del out[start:]
    return unit


def _rstrip_blanks(blocks: list[Block]) -> list[Block]:
    end = len(blocks)
    while end and isinstance(blocks[end - 1], Blank):
        end -= 1
    return blocks[:end]


def _unit(blocks: list[Block], at: int) -> list[Block]:
    """The block at ``at`` and the blank lines after it."""
    end = at + 1
    while end < len(blocks) and isinstance(blocks[end], Blank):
        end += 1
    return blocks[at:end]


def _ended(out: list[Block], before: tuple[Block, ...], newline: str) -> list[Block]:
    """``out`` with every line ended but the last, which ends as the draft's last did."""
    if not out or out[-1] is before[-1]:
        return out
    for k, b in enumerate(out[:-1]):
        if not _ending(b):
            out[k] = _with_ending(b, newline)
    if not _ending(before[-1]) and _ending(out[-1]):
        last = _without_ending(out[-1])
        assert not isinstance(last, Alternative)
        out[-1] = last
    return out


def _intro_note(blocks: list[Block], i: int) -> int | None:
    """The index of the note introducing the paragraph at ``i`` ("Proposed new paragraph…"),
    if it has one: blank lines between them, and notes proposing to delete or move a paragraph
    (a compilation writes another delegation's below the introducing one)."""
    j = i - 1
    while j >= 0 and _between(blocks[j]):
        j -= 1
    note = blocks[j] if j >= 0 else None
    return j if isinstance(note, Note) and note.kind == "intro" else None


def _between(b: Block) -> bool:
    """Whether ``b`` may stand between a new paragraph and the note introducing it."""
    return isinstance(b, Blank) or (isinstance(b, Note) and b.kind in ("deletion", "move"))


def _drop_intro_note(run: Pass, blocks: list[Block], i: int, drop: set[int], faulty: set[int]) -> None:
    """Drop the note introducing the paragraph at ``i`` ("Proposed new paragraph…"), if any."""
    j = _intro_note(blocks, i)
    note = blocks[j] if j is not None else None
    if not isinstance(note, Note) or _holds_fault(note, faulty):
        return  # (a note holding a bracket that does not balance is kept as it stands)
    assert j is not None
    drop.add(j)
    run.events.append(
        Event(
            "removed",
            "note",
            tuple(s.key for s in note.sponsors),
            run.label,
            shorten(note.text),
            note.span,
            "the note introducing the paragraph",
        )
    )


def _unended(document: Document) -> bool:
    """Whether the draft's last line has no line ending."""
    return bool(document.blocks) and not _ending(document.blocks[-1])


def _without(blocks: list[Block], drop: set[int], unended: bool) -> tuple[Block, ...]:
    """``blocks`` without those in ``drop`` and the blank lines right after each of them; when
    the draft's last block goes, the blank lines before it go too (the draft ended with no
    blank line, and still does); ``unended``: the draft's last line had no line ending, and the
    result's has none either."""
    out: list[Block] = []
    skipping_blanks = False
    for i, block in enumerate(blocks):
        if i in drop:
            skipping_blanks = skipping_blanks or _parted_before(blocks, i, drop)
            continue
        if skipping_blanks and isinstance(block, Blank):
            continue
        skipping_blanks = False
        out.append(block)
    if blocks and len(blocks) - 1 in drop:
        while out and isinstance(out[-1], Blank):
            out.pop()
    if out and unended and _ending(out[-1]):
        # the draft ended with no line ending, and still does, whatever went from its end
        last = _without_ending(out[-1])
        assert not isinstance(last, Alternative)  # a block's own kind back
        out[-1] = last
    return tuple(out)


def _parted_before(blocks: list[Block], i: int, drop: set[int]) -> bool:
    """Whether block ``i`` stands apart from the block before it, so the blank lines after it
    go with it; a block right under the line before it (a note under a heading) leaves them,
    as they still part that line from what follows."""
    return i == 0 or isinstance(blocks[i - 1], Blank) or i - 1 in drop


def _ending(block: Block | Alternative) -> str:
    """The line ending a block ends with ("" for a draft's last line without one)."""
    if isinstance(block, Blank):
        return block.text[len(block.text.rstrip("\r\n")) :]
    if isinstance(block, Note):
        return block.eol
    if isinstance(block, (Heading, Alternative)):
        return block.line.eol
    if isinstance(block, Paragraph) and block.items:
        return _ending(block.items[-1])
    return block.lines[-1].eol


def _with_ending(block: Block, newline: str) -> Block:
    """``block`` with a line ending after its last line (it is no longer the draft's last)."""
    if isinstance(block, Blank):
        return replace(block, text=block.text + newline)
    if isinstance(block, Note):
        return replace(block, eol=newline)
    if isinstance(block, Heading):
        return replace(block, line=replace(block.line, eol=newline))
    if isinstance(block, Paragraph) and block.items:
        last = block.items[-1]
        item: Blank | Alternative | Paragraph
        if isinstance(last, Alternative):
            item = replace(last, line=replace(last.line, eol=newline))
        elif isinstance(last, Paragraph):
            item = replace(last, lines=(*last.lines[:-1], replace(last.lines[-1], eol=newline)))
        else:
            item = replace(last, text=last.text + newline)
        return replace(block, items=(*block.items[:-1], item))
    assert isinstance(block, (Paragraph, Title))
    return replace(block, lines=(*block.lines[:-1], replace(block.lines[-1], eol=newline)))


def _without_ending(block: Block | Alternative) -> Block | Alternative:
    """``block`` with no line ending after its last line (it is the draft's last now)."""
    if isinstance(block, Blank):
        return replace(block, text=block.text.rstrip("\r\n"))
    if isinstance(block, Note):
        return replace(block, eol="")
    if isinstance(block, (Heading, Alternative)):
        return replace(block, line=replace(block.line, eol=""))
    if isinstance(block, Paragraph) and block.items:
        last = _without_ending(block.items[-1])
        assert isinstance(last, (Blank, Alternative, Paragraph))
        return replace(block, items=(*block.items[:-1], last))
    return replace(block, lines=(*block.lines[:-1], replace(block.lines[-1], eol="")))
