"""A decision applied to a whole draft: paragraphs, the notes that go with them, and the
"US proposes to delete paragraph 5" notes.

A deletion note accepted removes the paragraph it names and the note; rejected, the note goes.
A paragraph that goes, or whose whole-paragraph proposal is settled, takes the note that
introduced it ("Proposed new paragraph submitted by …") with it.
"""

from __future__ import annotations

from dataclasses import replace

from ..ast import Alternative, Blank, Block, Document, Heading, Note, Paragraph
from ..query import has_brackets, inline_source, line_source, option_groups, plain_words, whole_proposal
from ..textutil import shorten
from .decision import Decision, Event, Outcome
from .inline import Pass, resolve_inline
from .paragraphs import resolve_paragraph
from .selectors import Selector, in_selection, normalise_selector, selected_blocks, selector_matches


def apply_decision(document: Document, d: Decision) -> tuple[Document, list[Event]]:
    """``document`` with ``d`` carried out, and what was done."""
    run = Pass(Selector(d), adjacent=document.adjacent)
    if d.option is not None:
        return _choose_option(document, d, run)
    blocks = list(document.blocks)
    drop: set[int] = set()  # indexes of blocks to remove (with the blank lines after them)
    faulty = {f.span.line for f in document.faults}  # read with --recover
    delete_keys = _deletion_notes(run, blocks, drop, faulty)
    new: list[Block] = list(blocks)
    section: str | None = None
    for i, b in enumerate(blocks):
        if isinstance(b, Heading):
            section = plain_words(b.line.content).strip()
            if not d.paragraphs and has_brackets(b.line.content):
                _heading(run, b, i, new, drop, _holds_fault(b, faulty))
        if not isinstance(b, Paragraph):
            continue
        if _holds_fault(b, faulty):
            # a bracket in it does not balance: what its proposals are is not known
            if in_selection(d, b, section):
                _untouched(run, b, b.label.text if b.label else None)
            continue
        if b.label is not None and b.label.key in delete_keys:
            drop.add(i)
            continue
        if not in_selection(d, b, section):
            continue
        result = resolve_paragraph(run, b)
        if result is None or (
            whole_proposal(b.lines[0]) is not None
            and result is not b
            and whole_proposal(result.lines[0]) is None
            and not result.alternatives
        ):
            # the paragraph went, or its proposal was settled: the note introducing it is stale
            _drop_intro_note(run, blocks, i, drop, faulty)
        if result is None:
            drop.add(i)
        else:
            new[i] = result
    return replace(document, blocks=_without(new, drop, _unended(document))), run.events


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


def _deletion_notes(run: Pass, blocks: list[Block], drop: set[int], faulty: set[int]) -> set[str]:
    """Decide the deletion notes; the label keys of the paragraphs accepted deletions remove."""
    d = run.select.decision
    keys: set[str] = set()
    for i, b in enumerate(blocks):
        if not (isinstance(b, Note) and b.kind == "deletion" and b.target) or _holds_fault(b, faulty):
            continue
        if not (d.everything or {s.key for s in b.sponsors} & d.delegations):
            continue
        key = normalise_selector(b.target)
        if d.paragraphs and not any(selector_matches(s, key) for s in d.paragraphs):
            continue
        sponsors = tuple(s.key for s in b.sponsors)
        outcome: Outcome = "accepted" if d.action == "accept" else "rejected"
        if d.action == "accept":
            keys.add(key)
        run.events.append(Event(outcome, "deletion", sponsors, b.target, shorten(b.text), b.span))
        drop.add(i)
    return keys


def _drop_intro_note(run: Pass, blocks: list[Block], i: int, drop: set[int], faulty: set[int]) -> None:
    """Drop the note introducing the paragraph at ``i`` ("Proposed new paragraph…"), if any."""
    j = i - 1
    while j >= 0 and isinstance(blocks[j], Blank):
        j -= 1
    note = blocks[j] if j >= 0 else None
    if not (isinstance(note, Note) and note.kind == "intro") or _holds_fault(note, faulty):
        return  # (a note holding a bracket that does not balance is kept as it stands)
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
