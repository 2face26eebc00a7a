"""A decision applied to one paragraph: its lines, its sub-items, and its versions.

A paragraph that is one proposal becomes an ordinary paragraph when accepted and goes when
rejected. Alternatives: accepting one removes the others, rejecting one leaves the rest;
accepting several that differ is a conflict, and the paragraph stays open. Identical
alternatives are one proposal with joint sponsors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..ast import Alternative, Blank, Bracket, Inline, Line, Paragraph, Text
from ..query import holds_agreed_text, inline_source, plain_words, whole_insertion, whole_proposal
from ..textutil import squash
from .inline import Pass, accepted_pieces, resolve_inline, retag
from .joins import JOIN, tidy
from .marks import Marked, Piece, project

Item = Blank | Alternative | Paragraph


def _line(run: Pass, line: Line) -> Line:
    content = resolve_inline(run, line.content)
    return line if content is line.content else replace(line, content=content)


@dataclass
class _Version:
    """One version of a paragraph: its first line, or one of its alternatives, and its words
    (read once: versions are compared by them, and a version may be long)."""

    where: Line | Alternative
    line: Line
    bracket: Bracket | None  # the proposal holding the whole line, None for unbracketed text
    text: str


def _version(where: Line | Alternative, line: Line) -> _Version:
    bracket = whole_insertion(line)
    return _Version(where, line, bracket, squash(plain_words(bracket.body if bracket else line.content)))


def _versions(p: Paragraph) -> list[_Version]:
    out = [_version(p.lines[0], p.lines[0])]
    out.extend(_version(item, item.line) for item in p.items if isinstance(item, Alternative))
    return out


def _unwrap(line: Line, b: Bracket, body: list[Piece]) -> Line:
    """The line with the whole-line bracket ``b`` replaced by its accepted ``body``, joined as
    an inline proposal is; a bracketed label (``[1.]``) loses its brackets too."""
    content: list[Piece] = []
    for n in line.content:
        if n is b:
            content.extend((JOIN, *body, JOIN))
        else:
            content.append(n)
    label = line.label
    if label is not None and label.bracketed:
        label = replace(label, text=label.text[1:-1])
    return replace(line, label=label, content=project(Marked(content), "accept"))


def resolve_paragraph(run: Pass, p: Paragraph) -> Paragraph | None:
    """``p`` with the pass's decision carried out; None when it goes; ``p`` itself when
    nothing changed."""
    run.label = p.label.text if p.label else None
    handled, result = _by_versions(run, p)
    if handled:
        return result
    lines = tuple(_line(run, ln) for ln in p.lines)
    items = _items(run, p, p.items)
    if (
        len(items) == len(p.items)
        and all(a is b for a, b in zip(lines, p.lines, strict=True))
        and all(a is b for a, b in zip(items, p.items, strict=True))
    ):
        return p
    return replace(p, lines=_emptied_gone(p.lines, lines), items=tuple(items))


def _by_versions(run: Pass, p: Paragraph) -> tuple[bool, Paragraph | None]:
    """A paragraph made of whole-paragraph proposals (several versions, or one proposal that is
    the whole paragraph) decided as such: whether the decision touched its versions, and the
    paragraph that results (its sub-items decided too)."""
    versions = _versions(p)
    whole = [v for v in versions if v.bracket is not None]
    if not (len(versions) > 1 or (whole and whole[0].where is p.lines[0] and len(p.lines) == 1)):
        return False, None
    handled, result = _whole_paragraph(run, p, versions)
    if not handled:
        return False, None
    if result is None or result is p:
        return True, result
    # the versions are settled; the lines after the first, the alternatives left and the
    # sub-items still take this decision
    lines = (result.lines[0], *(_line(run, ln) for ln in result.lines[1:]))
    return True, replace(result, lines=lines, items=tuple(_items(run, p, result.items)))


def _emptied_gone(before: tuple[Line, ...], after: tuple[Line, ...]) -> tuple[Line, ...]:
    """``after`` without the continuation lines the decision emptied (a line that was one
    proposal, ``[CAN: (b.bis) to publish;]``, leaves no blank line behind); the paragraph's
    last line keeps the ending the last one had."""
    kept = [
        a
        for k, (b, a) in enumerate(zip(before, after, strict=True))
        if k == 0 or a is b or a.label is not None or not b.content or inline_source(a.content).strip()
    ]
    if len(kept) < len(after) and kept[-1] is not after[-1]:
        kept[-1] = replace(kept[-1], eol=after[-1].eol)
    return tuple(kept)


def _items(run: Pass, p: Paragraph, items: tuple[Item, ...]) -> list[Item]:
    """``items`` of paragraph ``p`` with the decision applied: sub-items as paragraphs,
    alternatives' lines inline."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Paragraph):
            sub = resolve_paragraph(run, item)
            run.label = p.label.text if p.label else None
            if sub is not None:
                out.append(sub)
        elif isinstance(item, Alternative):
            out.append(replace(item, line=_line(run, item.line)))
        else:
            out.append(item)
    return out


def _whole_paragraph(run: Pass, p: Paragraph, versions: list[_Version]) -> tuple[bool, Paragraph | None]:
    """Decide a paragraph made of whole-paragraph proposals (one, or several alternatives).

    Returns whether the decision touched its versions, and the paragraph that results (None
    when it goes). A conflict leaves the paragraph as it is.
    """
    decided = [v for v in versions if v.bracket is not None and run.select.matches(v.bracket)]
    if not decided:
        return False, p
    what = "alternative" if len(versions) > 1 else "paragraph"
    if run.view == "accept":
        return True, _accept_version(run, p, versions, decided, what)
    return True, _reject_versions(run, p, versions, decided, what)


def _accept_version(
    run: Pass, p: Paragraph, versions: list[_Version], decided: list[_Version], what: str
) -> Paragraph:
    chosen_texts = {v.text for v in decided}
    if len(chosen_texts) > 1:
        for v in decided:
            detail = "several differing alternatives accepted; the paragraph stays open"
            run.event("conflict", what, v.bracket, v.line.span, v.text, detail)
        return p
    winner_text = next(iter(chosen_texts))
    winners = [v for v in versions if v.text == winner_text]
    keep = winners[0]
    for v in winners:
        run.event("accepted", what, v.bracket, v.line.span, v.text)
    for v in versions:
        if v.text != winner_text:
            run.event("superseded", what, v.bracket, v.line.span, v.text, "another alternative was accepted")
    assert keep.bracket is not None
    body = accepted_pieces(run, keep.bracket.body)
    if keep.line is p.lines[0]:
        new_first = _unwrap(p.lines[0], whole_proposal(p.lines[0]) or keep.bracket, body)
    else:
        new_first = _unwrap(replace(p.lines[0], content=keep.line.content), keep.bracket, body)
        if "\n" in inline_source(keep.bracket.body):
            # an alternative of several lines is a version of the whole paragraph, its sub-items
            # and continuation lines included (as consolidate writes one): it takes their place.
            # (One ending in a line break, "[CHE: … is:⏎]", is the paragraph without them.)
            content = _unended(new_first.content)
            return replace(p, lines=(replace(new_first, content=content, eol=_last_eol(p)),), items=())
    items = _drop_alternatives(p.items, [v.where for v in versions if isinstance(v.where, Alternative)])
    return replace(p, lines=(new_first, *p.lines[1:]), items=items)


def _reject_versions(
    run: Pass, p: Paragraph, versions: list[_Version], decided: list[_Version], what: str
) -> Paragraph | None:
    """Drop the versions whose proposers are all rejected; withdraw the others' sponsors."""
    removed, retagged = _withdraw(run, decided, what)
    remaining = [v for v in versions if v not in removed]
    if not remaining:
        return _agreed_rest(p, versions)
    first = remaining[0]
    # (a version no decision took: the brackets in its words still take this one)
    first_line = retagged.get(id(first.where)) or _line(run, first.line)
    if first.where is not p.lines[0]:
        first_line = replace(p.lines[0], content=first_line.content)
    gone_alts = [v.where for v in removed if isinstance(v.where, Alternative)]
    if first.where is not p.lines[0] and isinstance(first.where, Alternative):
        gone_alts.append(first.where)
    items = tuple(
        replace(i, line=retagged[id(i)]) if isinstance(i, Alternative) and id(i) in retagged else i
        for i in _drop_alternatives(p.items, gone_alts)
    )
    return replace(p, lines=(first_line, *p.lines[1:]), items=items)


def _withdraw(run: Pass, decided: list[_Version], what: str) -> tuple[list[_Version], dict[int, Line]]:
    """The decided versions rejected (all their proposers rejected), and the lines of those
    that only lose some sponsors, retagged, by the version's place."""
    removed: list[_Version] = []
    retagged: dict[int, Line] = {}
    for v in decided:
        assert v.bracket is not None
        left = run.select.withdraws_only_some(v.bracket)
        if left is not None:
            gone = [s.key for s in v.bracket.sponsors if s not in left]
            run.event("withdrawn", "sponsor", v.bracket, v.line.span, v.text, "withdrawn: " + ", ".join(gone))
            new_b = retag(v.bracket, left)
            retagged[id(v.where)] = replace(
                v.line, content=tuple(new_b if n is v.bracket else n for n in v.line.content)
            )
        else:
            run.event("rejected", what, v.bracket, v.line.span, v.text)
            removed.append(v)
    return removed, retagged


def _agreed_rest(p: Paragraph, versions: list[_Version]) -> Paragraph | None:
    """Every version rejected: the paragraph goes, unless agreed text stands in its other lines
    and items, which stay (its label unbracketed: that it exists is then agreed)."""
    if not holds_agreed_text(p):
        return None
    opening = p.lines[0]
    bracket = whole_insertion(opening)
    content = tidy([JOIN if n is bracket else n for n in opening.content])
    alternatives = [v.where for v in versions if isinstance(v.where, Alternative)]
    items = _drop_alternatives(p.items, alternatives)
    label = opening.label
    if label is not None and label.bracketed:
        label = replace(label, text=label.text[1:-1])
    opening = replace(opening, label=label, content=content)
    return replace(p, lines=(opening, *p.lines[1:]), items=items)


def _unended(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``content`` without the line break (and spaces) it ends with."""
    last = content[-1] if content else None
    if not isinstance(last, Text) or last.text.rstrip(" \t") == last.text.rstrip(" \t\r\n"):
        return content
    trimmed = last.text.rstrip(" \t\r\n")
    return (*content[:-1], replace(last, text=trimmed)) if trimmed else content[:-1]


def _last_eol(p: Paragraph) -> str:
    """The line ending that closes paragraph ``p`` (its last line's, or its last item's)."""
    for item in reversed(p.items):
        if isinstance(item, Alternative):
            return item.line.eol
        if isinstance(item, Paragraph):
            return _last_eol(item)
    return p.lines[-1].eol


def _drop_alternatives(items: tuple[Item, ...], gone: Sequence[Line | Alternative]) -> tuple[Item, ...]:
    """``items`` without the alternatives in ``gone`` and the blank lines just before them."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Alternative) and any(item is g for g in gone):
            while out and isinstance(out[-1], Blank):
                out.pop()
            continue
        out.append(item)
    return tuple(out)
