"""Grouping parsed lines into the blocks of a draft.

The grammar knows lines, labels and notes; what a line *is* in the document depends on its
neighbours, so it is decided here, by these rules (in order):

* a line with nothing but spaces is a ``Blank``;
* at the top of the document, the first run of unlabelled lines without brackets (no blank
  line between them, none ending in ``;`` or ``,``) is the ``Title``;
* a labelled line starts a ``Paragraph``; a sub-item label (``a)``, ``(i)``) after a numbered
  paragraph makes a sub-item of it; a label ``8 alt`` after paragraph 8 is an ``Alternative``
  of it;
* an unlabelled line holding one proposal, after a paragraph whose text is one proposal (and
  blank lines), is an ``Alternative`` of that paragraph (paragraph 8 of the example);
* an unlabelled line right after a paragraph's line (no blank line between) continues it;
* a short unlabelled line without brackets or final punctuation, with blank lines (or the
  document's edge) around it, is a ``Heading``;
* any other line starts an unlabelled ``Paragraph``: a line that fits nothing is plain text,
  never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ast import Alternative, Blank, Block, Heading, Line, Note, Paragraph, Span, Title
from .query import has_brackets, inline_source, whole_proposal

_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 12


@dataclass
class _Para:
    lines: list[Line]
    items: list[Blank | Alternative | _Para] = field(default_factory=list)

    def freeze(self) -> Paragraph:
        items = tuple(i.freeze() if isinstance(i, _Para) else i for i in self.items)
        first = self.lines[0].span
        last = items[-1].span if items else self.lines[-1].span
        return Paragraph(tuple(self.lines), items, first.cover(last))

    @property
    def key(self) -> str | None:
        label = self.lines[0].label
        return label.key if label else None

    def open_to_alternatives(self) -> bool:
        return whole_proposal(self.lines[0]) is not None or any(
            isinstance(i, Alternative) for i in self.items
        )


def _is_blank(line: Line) -> bool:
    return line.label is None and not line.content


def _plain_text(line: Line) -> str:
    return inline_source(line.content)


def _title_like(line: Line) -> bool:
    text = _plain_text(line).strip()
    return (
        line.label is None
        and not has_brackets(line.content)
        and 0 < len(text) <= 200
        and not text.endswith((";", ","))
    )


def _heading_like(line: Line) -> bool:
    text = _plain_text(line).strip()
    return (
        line.label is None
        and not has_brackets(line.content)
        and 0 < len(text) <= _HEADING_MAX_CHARS
        and len(text.split()) <= _HEADING_MAX_WORDS
        and not text.endswith((".", ";", ",", ":"))
    )


def group(items: list[Line | Note]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    pending: list[Blank] = []
    top: _Para | None = None  # the current top-level paragraph
    current: _Para | None = None  # the paragraph the last line went to (top or a sub-item)
    after_line = False  # the previous item was a line of ``current`` (no blank between)
    started = False

    def close() -> None:
        nonlocal top, current
        if top is not None:
            blocks.append(top.freeze())
        top = current = None
        blocks.extend(pending)
        pending.clear()

    n = len(items)
    i = 0
    while i < n:
        it = items[i]
        if isinstance(it, Note):
            close()
            blocks.append(it)
            started = True
            after_line = False
            i += 1
            continue
        line = it
        if _is_blank(line):
            pending.append(Blank(line.indent + line.eol, line.span))
            after_line = False
            i += 1
            continue
        if not started:
            started = True
            if _title_like(line):
                title: list[Line] = []
                j = i
                while j < n:
                    cand = items[j]
                    if not isinstance(cand, Line) or _is_blank(cand) or not _title_like(cand):
                        break
                    title.append(cand)
                    j += 1
                title_lines = tuple(title)
                nxt = items[j] if j < n else None
                # one short line followed by a paragraph line is not a title but a heading or text
                if (
                    len(title_lines) > 1
                    or nxt is None
                    or (isinstance(nxt, Line) and _is_blank(nxt))
                    or isinstance(nxt, Note)
                ):
                    blocks.extend(pending)
                    pending.clear()
                    blocks.append(Title(title_lines, title_lines[0].span.cover(title_lines[-1].span)))
                    i = j
                    continue
        label = line.label
        if label is not None:
            key = label.key
            if (
                label.is_item
                and top is not None
                and top.lines[0].label is not None
                and not top.lines[0].label.is_item
            ):
                sub = _Para([line])
                top.items.extend(pending)
                pending.clear()
                top.items.append(sub)
                current = sub
            elif key.endswith("alt") and top is not None and top.key == key[:-3]:
                top.items.extend(pending)
                pending.clear()
                top.items.append(Alternative(line, line.span))
                current = top
            else:
                close()
                top = current = _Para([line])
            after_line = True
            i += 1
            continue
        # an unlabelled line
        if top is not None and whole_proposal(line) is not None and top.open_to_alternatives():
            top.items.extend(pending)
            pending.clear()
            top.items.append(Alternative(line, line.span))
            current = top
            after_line = False
        elif current is not None and after_line and not _is_blank(line):
            current.lines.append(line)
        elif _heading_like(line) and _blank_or_end_after(items, i):
            close()
            blocks.append(Heading(line, line.span))
            after_line = False
        else:
            close()
            top = current = _Para([line])
            after_line = True
        i += 1
    close()
    return tuple(blocks)


def _blank_or_end_after(items: list[Line | Note], i: int) -> bool:
    if i + 1 >= len(items):
        return True
    nxt = items[i + 1]
    return isinstance(nxt, Note) or _is_blank(nxt)


def span_of(blocks: tuple[Block, ...]) -> Span | None:
    if not blocks:
        return None
    return blocks[0].span.cover(blocks[-1].span)
