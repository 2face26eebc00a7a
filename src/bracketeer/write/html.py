"""The draft as one self-contained web page: tracked, clean, side by side, or a comparison.

Everything is in the page (inline CSS, no script, no font or image from the network), so it
works opened from disk and published as it is. Each delegation has a colour from ``PALETTE``,
the same in every page (its place in the built-in registry), and every proposal carries its
delegation's code in a small tag, so that the page reads in black and white, for colour-blind
readers and where two delegations share a colour. At the top: the title, a legend (code, name,
colour, open proposals) and where the draft stands, with a link to every open paragraph.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..ast import Bracket, Document, Paragraph
from ..delegations import Registry
from ..standing import Status, status
from ..textutil import shorten, squash
from .model import Para, Segment, Version, merged
from .synoptic import LEGEND, UNATTRIBUTED, Row

if TYPE_CHECKING:  # a draft's page needs neither diff nor history imported
    from ..diff import Change, Diff, Fate
    from ..history import History

# Each at least 4.5:1 against the page's white (WCAG AA for text; tests/test_render_html.py),
# as the words of a proposal are drawn in it and its tag is white on it.
PALETTE: tuple[str, ...] = (
    "#0b57d0",  # blue
    "#b3261e",  # red
    "#137333",  # green
    "#8430ce",  # purple
    "#a15c00",  # amber
    "#00707a",  # teal
    "#c2185b",  # pink
    "#3949ab",  # indigo
    "#6d4c41",  # brown
    "#6b6b00",  # olive
    "#bf360c",  # rust
    "#880e4f",  # maroon
)
BACKGROUND = "#ffffff"
NEUTRAL = "#444444"  # unattributed proposals and the comparison's own changes
UNATTRIBUTED_CODE = "unattributed"  # the legend's row for brackets that name no delegation


# the colours of the page being written: each delegation on it, in order of first appearance
_PAGE: ContextVar[dict[str, str] | None] = ContextVar("page_colours", default=None)


@contextmanager
def page_colours(codes: Iterable[str]) -> Iterator[None]:
    """Give the delegations of one page (``codes``, in order of first appearance) the palette's
    colours in turn, so that no two share one up to the palette's size (beyond it colours come
    round again, and the tags tell them apart)."""
    assigned = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(dict.fromkeys(codes))}
    token = _PAGE.set(assigned)
    try:
        yield
    finally:
        _PAGE.reset(token)


def colour(code: str) -> str:
    """The colour of a delegation: its colour on the page being written (``page_colours``), or
    else by its place in the built-in registry (or a checksum of a code the registry does not
    list)."""
    page = _PAGE.get()
    if page is not None and code in page:
        return page[code]
    codes = _builtin_codes()
    at = codes.get(code)
    if at is None:
        at = zlib.crc32(code.encode("utf-8"))
    return PALETTE[at % len(PALETTE)]


@lru_cache(maxsize=1)
def _builtin_codes() -> dict[str, int]:
    return {c: i for i, c in enumerate(Registry.builtin().codes())}


def contrast(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ------------------------------------------------------------------------------ the page

_CSS = """
:root{color-scheme:light}
body{font-family:'Times New Roman',Times,serif;background:#fff;color:#1a1a1a;line-height:1.5;
 max-width:52em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.35em;text-align:center;margin:.5em 0 1em}
h2{font-size:1.15em;margin:1.5em 0 .5em}
header{font-family:Arial,Helvetica,sans-serif;font-size:.9em;border-bottom:1px solid #999;margin-bottom:1.5em}
header h2{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top;text-align:left}
.legend td.n{text-align:right}
.swatch{display:inline-block;width:1.4em;height:.9em;background:var(--c);vertical-align:middle}
.open a{margin-right:.6em}
p{margin:.6em 0}
.label{display:inline-block;min-width:3em;font-weight:normal}
.item{margin-left:3em}
.tag{display:inline-block;font-family:Arial,Helvetica,sans-serif;font-size:.7em;font-weight:bold;
 line-height:1.2;color:#fff;background:var(--c);border:1px solid var(--c);border-radius:.25em;
 padding:0 .25em;margin:0 .2em 0 .1em;vertical-align:.15em;text-decoration:none;white-space:nowrap}
.prop{color:var(--c)}
.prop ins{text-decoration:underline;text-decoration-thickness:1px;font-weight:bold;color:var(--c)}
.prop del{text-decoration:line-through;color:var(--c)}
.nested{border:1px dashed var(--c);border-radius:.2em;padding:0 .1em}
.plain{background:#eeeeee;border-radius:.2em}
.positions{font-family:Arial,Helvetica,sans-serif;font-size:.8em;color:#333;margin:-.3em 0 .6em 3em;
 padding:0;list-style:none}
.fault{color:#b3261e;font-weight:bold}
aside.note{font-family:Arial,Helvetica,sans-serif;font-size:.85em;color:#333;
 border-left:3px solid #999;padding:.2em .6em;margin:.8em 0;background:#f4f4f4}
aside.note b{font-weight:bold}
.alternatives{border:1px solid #999;border-radius:.3em;padding:.2em .8em;margin:.8em 0}
.alt-head{font-family:Arial,Helvetica,sans-serif;font-size:.85em;color:#333;margin:.3em 0}
.version{margin:.4em 0 .4em 1em}
.consensus{font-family:Arial,Helvetica,sans-serif;font-size:.8em;color:#137333;font-weight:bold}
.cell ins{text-decoration:underline;font-weight:bold;color:var(--c)}
.cell del{text-decoration:line-through;color:var(--c)}
body.wide{max-width:none;margin:1.5em 2em}
.changes ins{text-decoration:underline;font-weight:bold;background:#e3f1e6}
.changes del{text-decoration:line-through;background:#fbe4e4}
.events{font-family:Arial,Helvetica,sans-serif;font-size:.85em;margin:.2em 0 1em 1.5em;padding:0}
.change h2{font-family:Arial,Helvetica,sans-serif;font-size:.95em}
.jump{font-family:Arial,Helvetica,sans-serif;font-size:.85em;line-height:1.9}
.jump a{margin-right:.5em;white-space:nowrap}
@media (max-width:40em){
 body.wide{margin:1em .5em}
 table.side-by-side,table.side-by-side tbody,table.side-by-side tr,table.side-by-side td,
 table.side-by-side th{display:block;width:auto}
 table.side-by-side thead{display:none}
 table.side-by-side tr{border:1px solid #999;margin:0 0 .8em;padding:.2em 0}
 table.side-by-side td{border:none;border-top:1px solid #ddd;overflow-wrap:anywhere}
 table.side-by-side td:first-child{border-top:none;font-weight:bold}
 table.side-by-side td[data-col]::before{content:attr(data-col);display:block;
  font-family:Arial,Helvetica,sans-serif;font-size:.75em;color:#555}
 table.side-by-side td.none{display:none}
}
@page wide{size:A4 landscape;margin:1.5cm}
@media print{
 @page{size:A4;margin:2cm}
 body.wide{page:wide}
 .jump{display:none}
 body{max-width:none;margin:0;padding:0;font-size:11pt}
 a{color:inherit;text-decoration:none}
 .tag{color:var(--c);background:none;border:1px solid var(--c);
  print-color-adjust:exact;-webkit-print-color-adjust:exact}
 .swatch{print-color-adjust:exact;-webkit-print-color-adjust:exact}
 .prop ins{text-decoration:underline}
 .prop del{text-decoration:line-through}
 .alternatives,aside.note,tr{break-inside:avoid}
 header{break-after:avoid}
}
"""


def _page(title: str, header: list[str], body: list[str], wide: bool = False) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        + ('<body class="wide">\n' if wide else "<body>\n")
        + f"<header>\n<h1>{_e(title)}</h1>\n"
        + "\n".join(header)
        + "\n</header>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _codes(who: str | None) -> list[str]:
    """The delegations of a revision author ("US, CAN")."""
    if not who or who == "unattributed":
        return []
    return [c.strip() for c in who.split(",") if c.strip()]


def _colour_of(who: str | None) -> str:
    codes = _codes(who)
    return colour(codes[0]) if codes else NEUTRAL


def _tag(who: str | None) -> str:
    shown = who if who and who != "unattributed" else "?"
    title = f"proposed by {shown}" if shown != "?" else "no delegation named"
    return f'<span class="tag" style="--c:{_colour_of(who)}" title="{_e(title)}">{_e(shown)}</span>'


# ------------------------------------------------------------------------------ inline text


def inline(segments: Sequence[Segment], tracked: bool = True) -> str:
    """Segments as HTML: each proposal in its delegation's colour behind its code's tag, a
    proposal inside another drawn inside it (``Segment.nested``)."""
    page = _Spans()
    for s in merged(list(segments)):
        if s.kind == "text" or not tracked:
            if s.kind == "del" and not tracked:
                continue
            page.close_to(0)
            page.out.append(_as_text(s, _e(s.text), tracked))
        else:
            page.proposal(s)
    page.close_to(0)
    return "".join(page.out)


class _Spans:
    """HTML being written, and the proposals' spans open in it, outermost first: (author, depth)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[tuple[str | None, int]] = []

    def close_to(self, depth: int) -> None:
        while self.stack and self.stack[-1][1] >= depth:
            self.stack.pop()
            self.out.append("</span>")

    def proposal(self, s: Segment) -> None:
        stack, out = self.stack, self.out
        text = _e(s.text)
        depth = s.nested
        # a proposal goes on where its own words go on (around a nested one): same author, same depth
        while stack and (stack[-1][1] > depth or (stack[-1][1] == depth and stack[-1][0] != s.author)):
            stack.pop()
            out.append("</span>")
        who = _e(s.author or "")
        if not s.text.strip() and not (stack and stack[-1] == (s.author, depth)):
            # a space the resolver gives to a proposal beside it: nothing to tag
            self.close_to(depth)
        elif not stack or stack[-1][1] < depth:
            self._inserter(s)
            cls = "prop nested" if depth else "prop"
            out.append(f'<span class="{cls}" style="--c:{_colour_of(s.author)}">{_tag(s.author)}')
            stack.append((s.author, depth))
        out.append(f'<{s.kind} data-author="{who}" title="{who}">{text}</{s.kind}>')

    def _inserter(self, s: Segment) -> None:
        """Open the span of the proposal that brings the words ``s`` deletes ("[CAN: shall]
        [US: delete]"), when it is not open already: the deletion is drawn inside it."""
        if s.inserted_by is None or not s.nested or any(who == s.inserted_by for who, _ in self.stack):
            return
        depth = s.nested - 1
        if self.stack and self.stack[-1][1] >= depth:
            return
        c = _colour_of(s.inserted_by)
        self.out.append(
            f'<span class="{"prop nested" if depth else "prop"}" style="--c:{c}">{_tag(s.inserted_by)}'
        )
        self.stack.append((s.inserted_by, depth))


def _as_text(s: Segment, text: str, tracked: bool) -> str:
    """A segment of text (``text`` escaped): an open bracket with no delegation named is open
    all the same, and a tracked page draws it in the neutral style."""
    if not (s.plain and tracked):
        return text
    return f'<span class="prop plain" style="--c:{NEUTRAL}">{_tag(None)}{text}</span>'


# ------------------------------------------------------------------------------ header parts


@dataclass(frozen=True, slots=True)
class _LegendRow:
    code: str
    name: str
    count: int


def _legend(rows: Iterable[_LegendRow], heading: str, counted: str) -> list[str]:
    rows = list(rows)
    if not rows:
        return []
    out = [
        f'<section class="legend"><h2>{_e(heading)}</h2><table>',
        f"<thead><tr><th>Colour</th><th>Code</th><th>Delegation</th><th>{_e(counted)}</th></tr></thead><tbody>",
    ]
    for r in rows:
        c = NEUTRAL if r.code == UNATTRIBUTED_CODE else colour(r.code)
        out.append(
            f'<tr data-code="{_e(r.code)}"><td><span class="swatch" style="--c:{c}"></span></td>'
            f'<td>{_tag(r.code)}</td><td>{_e(r.name)}</td><td class="n">{r.count}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _name(registry: Registry, code: str) -> str:
    d = registry.get(code)
    return d.name if d is not None else code


def _authors(paras: Iterable[Para]) -> list[str]:
    """Every delegation with a revision in ``paras``, in order of first appearance."""
    seen: dict[str, None] = {}
    for p in paras:
        for seg in [p.label_kind, *p.segments, *(s for v in p.versions for s in v.segments)]:
            if seg.kind != "text":
                seen.update(dict.fromkeys(_codes(seg.author)))
    return list(seen)


def _anchor(line: int) -> str:
    return f"l{line}"


def _counts(st: Status) -> str:
    """The paragraphs agreed, open and with faults, as ``status`` counts them."""
    n = len(st.paragraphs)
    agreed = sum(1 for p in st.paragraphs if p.agreed)
    faulty = sum(1 for p in st.paragraphs if p.faults)
    said = [f"<b>{agreed} agreed</b>", f"<b>{n - agreed - faulty} open</b>"]
    if faulty:
        said.append(f"<b>{faulty} with brackets that do not balance</b>")
    if st.unattributed:
        said.append(
            f"{st.unattributed} proposal{'s' if st.unattributed != 1 else ''} with no delegation named"
        )
    return f'<p class="counts">{n} paragraph{"s" if n != 1 else ""}: {", ".join(said)}.</p>'


def _standing(st: Status, anchors: set[str]) -> list[str]:
    still = [p for p in st.paragraphs if not p.agreed]
    out = ['<section class="standing"><h2>Where the draft stands</h2>', _counts(st)]
    if still:
        links = []
        for p in still:
            shown = p.label or f"line {p.line}"
            if p.section and p.label:
                title = f"{p.section}, paragraph {p.label}: {p.state}"
            else:
                title = f"{shown}: {p.state}"
            a = _anchor(p.line)
            if a in anchors:
                links.append(f'<a href="#{a}" title="{_e(title)}">{_e(shown)}</a>')
            else:
                links.append(f'<span title="{_e(title)}">{_e(shown)}</span>')
        out.append('<p class="open">Open: ' + " ".join(links) + "</p>")
    out.append("</section>")
    return out


# ------------------------------------------------------------------------------ tracked and clean


def _note(who: str, text: str) -> str:
    return f'<aside class="note"><b>{_e(who)}:</b> {_e(text)}</aside>'


def _labelled(p: Para, tracked: bool) -> str:
    """The label and the text; a label inserted or deleted with its paragraph is part of that
    proposal, behind the same tag."""
    if not p.label:
        return inline(p.segments, tracked)
    lab = p.label_kind
    if tracked and lab.kind != "text":
        return inline([Segment(p.label + " ", lab.kind, lab.author), *p.segments], tracked)
    return f'<span class="label">{_e(p.label)}</span> ' + inline(p.segments, tracked)


def _alternatives(p: Para) -> str:
    """A paragraph's versions together: how many, by whom, which are identical."""
    by_words: dict[str, list[str]] = {}
    for v in p.versions:
        if v.who is not None:
            by_words.setdefault(v.words, []).append(v.who)
    whos = [v.who or "text as it stands" for v in p.versions]
    head = f"{len(p.versions)} alternatives: " + " | ".join(_e(w) for w in whos)
    if any(len(w) > 1 for w in by_words.values()):
        head += ' <span class="consensus">identical versions: a consensus candidate</span>'
    rows = [f'<div class="alternatives" id="{_anchor(p.line)}">', f'<p class="alt-head">{head}</p>']
    for v in p.versions:
        rows.append(_version(p, v, by_words.get(v.words, [])))
    rows.append("</div>")
    return "\n".join(rows)


def _version(p: Para, v: Version, same: list[str]) -> str:
    label = f'<span class="label">{_e(p.label)}</span> ' if p.label else ""
    others = [w for w in same if w != v.who]
    mark = f' <span class="consensus">identical to {_e(", ".join(others))}\'s</span>' if others else ""
    return f'<p class="version">{label}{inline(v.segments)}{mark}</p>'


def _after(p: Para, stances: dict[int, list[str]]) -> list[str]:
    """What a tracked page shows after a paragraph: its positions and faults, then the notes
    that follow it (its versions are drawn together above)."""
    out = ['<ul class="positions">' + "".join(stances[p.line]) + "</ul>"] if p.line in stances else []
    return out + [_note(who, text) for who, text in p.comments]


def _faults(document: Document) -> dict[int, list[str]]:
    """Each bracket that does not balance (read with --recover), as a marker under the
    paragraph holding it (by the line the paragraph starts on)."""
    from ..query import iter_paragraphs

    out: dict[int, list[str]] = {}
    starts = [(p.span.line, p.span.end_line) for p in iter_paragraphs(document)]
    for f in document.faults:
        at = next((a for a, z in starts if a <= f.span.line <= z), None)
        if at is not None:
            where = f"line {f.span.line}, column {f.span.column}"
            out.setdefault(at, []).append(f'<li class="fault">⚠ {_e(f.message)} ({where})</li>')
    return out


def _stances(document: Document) -> dict[int, list[str]]:
    """For each paragraph (by the line it starts on), its proposals' positions and supporters as
    a list to show under it: on a phone or on paper nothing can be hovered."""
    from ..query import iter_brackets, iter_paragraphs, plain_words

    out: dict[int, list[str]] = {}

    def visit(p: Paragraph) -> None:
        lines = [*p.lines, *(a.line for a in p.alternatives)]
        for ln in lines:
            for b, _ in iter_brackets(ln.content):
                said = _stance_of(b, plain_words(b.body))
                if said:
                    out.setdefault(p.span.line, []).append(said)
        for sub in p.subitems:
            visit(sub)

    for p in iter_paragraphs(document):
        visit(p)
    return out


def _stance_of(b: Bracket, words: str) -> str:
    by: dict[str, list[str]] = {}
    for pos in b.positions:
        by.setdefault(pos.stance, []).append(pos.delegation.key)
    supporters = [s.key for s in b.sponsors if s.supporter]
    if supporters:
        by.setdefault("support", []).extend(supporters)
    if not by:
        return ""
    said = "; ".join(
        f"<b>{_e(stance)}</b> " + "".join(_tag(c) for c in codes) for stance, codes in by.items()
    )
    return f"<li><q>{_e(shorten(squash(words), 60))}</q>: {said}</li>"


def _drawn(paras: list[Para], tracked: bool) -> list[Para]:
    """The paragraphs a page draws: a version drawn as a paragraph of its own is shown, on a
    tracked page, with the versions of the paragraph it belongs to."""
    return [p for p in paras if not (tracked and p.alternative)]


def _blocks(
    paras: list[Para], tracked: bool, title: str, stances: dict[int, list[str]] | None = None
) -> list[str]:
    out: list[str] = []
    for p in _drawn(paras, tracked):
        if tracked:
            out.extend(_note(who, text) for who, text in p.notes)
        if p.style in ("title", "heading"):
            if p.style == "title" and "".join(s.text for s in p.segments) == title:
                pass  # the page's own heading already: not drawn twice (its notes are above)
            else:
                tag = "h1" if p.style == "title" else "h2"
                out.append(f'<{tag} id="{_anchor(p.line)}">{inline(p.segments, tracked)}</{tag}>')
        elif tracked and p.versions:
            out.append(_alternatives(p))
        else:
            cls = ' class="item"' if p.style == "item" else ""
            out.append(f'<p id="{_anchor(p.line)}"{cls}>{_labelled(p, tracked)}</p>')
        if tracked:
            out.extend(_after(p, stances or {}))
    return out


def page(document: Document, paras: list[Para], *, tracked: bool, title: str, registry: Registry) -> str:
    """The tracked (``tracked``) or clean page of ``document``, whose paragraphs are ``paras``."""
    st = status(document)
    with page_colours([*_authors(paras), *(c for c, d in st.delegations.items() if d.open)]):
        return _tracked_page(document, paras, st, tracked=tracked, title=title, registry=registry)


def _tracked_page(
    document: Document, paras: list[Para], st: Status, *, tracked: bool, title: str, registry: Registry
) -> str:
    marks = _stances(document) if tracked else {}
    for line, found in _faults(document).items():
        marks[line] = [*found, *marks.get(line, [])]
    body = _blocks(paras, tracked, title, marks)
    anchors = {_anchor(p.line) for p in paras}
    header: list[str] = []
    if tracked:
        opened = st.delegations
        rows = [
            _LegendRow(code, _name(registry, code), opened[code].open if code in opened else 0)
            for code in dict.fromkeys([*_authors(paras), *(c for c, d in opened.items() if d.open)])
        ]
        if st.unattributed:
            rows.append(_LegendRow(UNATTRIBUTED_CODE, "unattributed: no delegation named", st.unattributed))
        header += _legend(rows, "Delegations", "Open proposals")
    header += _standing(st, anchors)
    return _page(title, header, body)


# ------------------------------------------------------------------------------ side by side


def _cell(segments: list[Segment], code: str | None) -> str:
    out = []
    for s in segments:
        text = _e(s.text)
        if s.kind == "text":
            out.append(text)
        else:
            out.append(f"<{s.kind}>{text}</{s.kind}>")
    inner = "".join(out)
    if code is None:
        return inner
    c = colour(code) if code != UNATTRIBUTED else NEUTRAL
    return f'<span class="cell" style="--c:{c}">{inner}</span>'


def side_by_side(
    document: Document, rows: list[Row], columns: list[str], *, title: str, registry: Registry
) -> str:
    """The side-by-side table: the agreed text and each delegation's proposals in its colour."""
    with page_colours(c for c in columns if c != UNATTRIBUTED):
        return _side_by_side(document, rows, columns, title=title, registry=registry)


def _side_by_side(
    document: Document, rows: list[Row], columns: list[str], *, title: str, registry: Registry
) -> str:
    st = status(document)
    opened = st.delegations
    header = _legend(
        (
            _LegendRow(c, _name(registry, c), opened[c].open if c in opened else 0)
            for c in columns
            if c != UNATTRIBUTED
        ),
        "Delegations",
        "Open proposals",
    )
    header += _standing(st, set())  # a row per paragraph, so no paragraph to link to
    header.append(f"<p><em>{_e(LEGEND)}</em></p>")
    ids = _row_ids(rows)
    jump = [f'<a href="#{ids[i]}">{_e(r.label)}</a>' for i, r in enumerate(rows) if not r.heading]
    body = [f'<nav class="jump" aria-label="Paragraphs">Go to: {" ".join(jump)}</nav>'] if jump else []
    heads = ["Para", "Agreed / base text"]
    body += ['<table class="side-by-side">', "<thead><tr>"]
    body.append("".join(f"<th>{_e(h)}</th>" for h in heads))
    body.append("".join(f"<th>{_tag(c) if c != UNATTRIBUTED else _e(c)}</th>" for c in columns))
    body.append("</tr></thead>\n<tbody>")
    for i, r in enumerate(rows):
        if r.heading:
            body.append(f'<tr><th colspan="{2 + len(columns)}">{_e(r.label)}</th></tr>')
            continue
        cells = [f'<td data-col="Agreed / base text">{_cell(r.base, None)}</td>']
        for who in columns:
            snippets = r.proposals.get(who, [])
            if snippets:
                said = "<br>".join(_cell(s, who) for s in snippets)
                cells.append(f'<td data-col="{_e(who)}">{said}</td>')
            else:
                cells.append(f'<td class="none" data-col="{_e(who)}">—</td>')
        body.append(f'<tr id="{ids[i]}"><td>{_e(r.label)}</td>' + "".join(cells) + "</tr>")
    body.append("</tbody></table>")
    return _page(title, header, body, wide=True)


def _row_ids(rows: list[Row]) -> dict[int, str]:
    """An ``id`` for each paragraph's row, from its label (``row-4bis``), unique on the page."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    for i, r in enumerate(rows):
        if r.heading:
            continue
        base = "row-" + (re.sub(r"[^0-9A-Za-z]+", "", r.label) or str(i))
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        ids[i] = name
    return ids


# ------------------------------------------------------------------------------ comparison


def _event(e: Fate, describe: str) -> str:
    tags = "".join(_tag(w) for w in e.sponsors)
    return f"<li>{tags} {_e(describe)}</li>"


def _change_id(i: int) -> str:
    return f"c{i}"


def diff_page(d: Diff, *, title: str, registry: Registry) -> str:
    """A comparison of two versions: each changed paragraph with its words old → new and what
    became of each proposal in it."""
    with page_colours(who for e in d.events for who in e.sponsors):
        return _diff_page(d, title=title, registry=registry)


def _diff_page(d: Diff, *, title: str, registry: Registry) -> str:
    from .diff_view import describe
    from .diff_view import header as change_header

    changed = [(i, c) for i, c in enumerate(d.changes) if c.differs]
    by: dict[str, int] = {}
    for e in d.events:
        for who in e.sponsors:
            by[who] = by.get(who, 0) + 1
    header = _legend(
        (_LegendRow(c, _name(registry, c), n) for c, n in by.items()), "Delegations", "Proposal events"
    )
    links = " ".join(f'<a href="#{_change_id(i)}">{_e(change_header(c))}</a>' for i, c in changed)
    header.append(
        '<section class="standing"><h2>What changed</h2>'
        f'<p class="counts">{_e(d.old_name)} → {_e(d.new_name)}: {_e(d.summary())}.</p>'
        + (f'<p class="open">Changed: {links}</p>' if links else "")
        + "</section>"
    )
    body: list[str] = []
    for i, c in changed:
        body.append(f'<section class="change" id="{_change_id(i)}"><h2>{_e(change_header(c))}</h2>')
        body.append(f'<p class="changes">{_change_words(c)}</p>')
        if c.events:
            body.append('<ul class="events">' + "".join(_event(e, describe(e)) for e in c.events) + "</ul>")
        body.append("</section>")
    if d.notes:
        body.append('<section class="change"><h2>Notes</h2><ul class="events">')
        body.extend(_event(e, describe(e)) for e in d.notes)
        body.append("</ul></section>")
    if not changed and not d.notes:
        body.append("<p>No differences.</p>")
    return _page(title, header, body)


def _change_words(c: Change) -> str:
    if c.kind == "added" and c.new:
        return f"<ins>{_e(c.new.source)}</ins>"
    if c.kind == "removed" and c.old:
        return f"<del>{_e(c.old.source)}</del>"
    if c.ops:
        tags = {"equal": None, "delete": "del", "insert": "ins"}
        parts = []
        for op in c.ops:
            t = tags[op.tag]
            parts.append(_e(op.text) if t is None else f"<{t}>{_e(op.text)}</{t}>")
        return "".join(parts)
    return _e(c.new.source if c.new else c.old.source if c.old else "")


# ------------------------------------------------------------------------------ history


def history_page(h: History, *, title: str, registry: Registry) -> str:
    """A negotiation across its versions as a page: the chart, the versions, open proposals by
    delegation per version, and the paragraphs open the longest."""
    from .history_chart import svg

    with page_colours(d.code for d in h.delegations):
        header = _legend(
            (_LegendRow(d.code, _name(registry, d.code), d.open) for d in h.delegations),
            "Delegations",
            "Open in the last version",
        )
        first, last = h.versions[0], h.versions[-1]
        header.append(
            f"<p>{len(h.versions)} versions: open passages {first.passages} → {last.passages}, "
            f"paragraphs agreed {first.agreed} of {first.paragraphs} → "
            f"{last.agreed} of {last.paragraphs}.</p>"
        )
        body = [f'<figure class="chart">{svg(h)}</figure>', *_history_tables(h)]
        return _page(title, header, body, wide=True)


def _history_tables(h: History) -> list[str]:
    from pathlib import PurePath

    from .history_view import COLUMNS

    heads = ("#", COLUMNS[0], *COLUMNS[2:10])  # version, agreed … withdrawn
    out = ['<h2>Versions</h2><table class="versions"><thead><tr>']
    out.append("".join(f"<th>{_e(x)}</th>" for x in heads) + "</tr></thead><tbody>")
    for k, v in enumerate(h.versions, 1):
        since = (v.new, v.accepted, v.rejected, v.withdrawn) if k > 1 else ("",) * 4
        cells = (k, PurePath(v.name).name or v.name, v.agreed, v.open, v.passages, v.brackets, *since)
        out.append("<tr>" + "".join(f"<td>{_e(str(c))}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    out.append(
        '<h2>Open proposals by delegation</h2><table class="by-delegation"><thead><tr><th>Delegation</th>'
    )
    out.append("".join(f"<th>#{k}</th>" for k in range(1, len(h.versions) + 1)))
    out.append("<th>made</th><th>accepted</th><th>dropped</th></tr></thead><tbody>")
    for d in h.delegations:
        per = "".join(f"<td>{v.by_delegation.get(d.code, 0)}</td>" for v in h.versions)
        out.append(
            f"<tr><td>{_tag(d.code)}</td>{per}<td>{d.made}</td><td>{d.accepted}</td><td>{d.dropped}</td></tr>"
        )
    out.append("</tbody></table>")
    longest = h.longest_open()
    if longest:
        out.append('<h2>Open the longest</h2><table class="longest"><thead><tr><th>Paragraph</th>')
        out.append("<th>Open for</th><th>Text</th></tr></thead><tbody>")
        for p in longest:
            n = p.open_for
            out.append(
                f"<tr><td>{_e(p.labels[-1] or '—')}</td><td>{n} version{'s' if n != 1 else ''}</td>"
                f"<td>{_e(p.text)}</td></tr>"
            )
        out.append("</tbody></table>")
    return out
