"""Markdown and HTML renderings of the paragraph model and the side-by-side rows.

Markdown marks revisions in CriticMarkup (``{++inserted++}{>>US<<}``, ``{--deleted--}``);
HTML uses ``<ins>`` and ``<del>`` with the author in ``data-author`` and ``title``.
"""

from __future__ import annotations

import html as _html
from typing import Protocol

from .model import Para, Segment
from .synoptic import LEGEND, Row


def _merged(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one kind by one author as one: one proposal, one revision."""
    out: list[Segment] = []
    for s in segments:
        if out and (out[-1].kind, out[-1].author) == (s.kind, s.author):
            out[-1] = Segment(out[-1].text + s.text, s.kind, s.author)
        else:
            out.append(s)
    return out


def _md_segments(segments: list[Segment], tracked: bool) -> str:
    out = []
    for s in _merged(segments):
        if s.kind == "text" or not tracked:
            out.append(s.text)
        elif s.kind == "ins":
            out.append(f"{{++{s.text}++}}{{>>{s.author}<<}}")
        else:
            out.append(f"{{--{s.text}--}}{{>>{s.author}<<}}")
    return "".join(out)


class _Format(Protocol):
    """How one markup writes each part of the paragraph model."""

    def segments(self, segments: list[Segment], tracked: bool) -> str: ...
    def note(self, who: str, text: str) -> str: ...
    def heading(self, level: int, text: str) -> str: ...
    def paragraph(self, label: str, text: str, item: bool) -> str: ...


def _blocks(paras: list[Para], tracked: bool, fmt: _Format) -> list[str]:
    """The paragraphs in the draft's order: each note before the paragraph it precedes, the
    comments on a paragraph after it (notes and comments only when ``tracked``)."""
    out: list[str] = []
    for p in paras:
        out.extend(fmt.note(who, note) for who, note in (p.notes if tracked else ()))
        text = fmt.segments(p.segments, tracked)
        if p.style in ("title", "heading"):
            out.append(fmt.heading(1 if p.style == "title" else 2, text))
        else:
            label = fmt.segments([p.label_kind], tracked) if p.label else ""
            out.append(fmt.paragraph(label, text, p.style == "item"))
        out.extend(fmt.note(who, note) for who, note in (p.comments if tracked else ()))
    return out


class _Markdown:
    @staticmethod
    def segments(segments: list[Segment], tracked: bool) -> str:
        return _md_segments(segments, tracked)

    @staticmethod
    def note(who: str, text: str) -> str:
        return f"{{>>{who}: {text}<<}}"

    @staticmethod
    def heading(level: int, text: str) -> str:
        return f"{'#' * level} {text}"

    @staticmethod
    def paragraph(label: str, text: str, item: bool) -> str:
        return ("    " if item else "") + (f"{label} " if label else "") + text


def markdown(paras: list[Para], *, tracked: bool) -> str:
    return "\n\n".join(_blocks(paras, tracked, _Markdown())) + "\n"


def _html_segments(segments: list[Segment], tracked: bool) -> str:
    out = []
    for s in _merged(segments):
        text = _html.escape(s.text)
        if s.kind == "text" or (not tracked and s.kind == "ins"):
            out.append(text)
        elif s.kind == "del" and not tracked:
            continue
        else:
            who = _html.escape(s.author or "", quote=True)
            out.append(f'<{s.kind} data-author="{who}" title="{who}">{text}</{s.kind}>')
    return "".join(out)


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_html.escape(title)}</title>\n"
        "<style>body{font-family:'Times New Roman',serif;max-width:50em;margin:2em auto}"
        "ins{text-decoration:underline;font-weight:bold}del{text-decoration:line-through}"
        ".label{display:inline-block;min-width:3em}.item{margin-left:3em}"
        "table{border-collapse:collapse}td,th{border:1px solid #444;padding:4px;vertical-align:top}"
        "aside{color:#555;font-size:90%}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


class _Html:
    @staticmethod
    def segments(segments: list[Segment], tracked: bool) -> str:
        return _html_segments(segments, tracked)

    @staticmethod
    def note(who: str, text: str) -> str:
        return f"<aside>{_html.escape(who)}: {_html.escape(text)}</aside>"

    @staticmethod
    def heading(level: int, text: str) -> str:
        return f"<h{level}>{text}</h{level}>"

    @staticmethod
    def paragraph(label: str, text: str, item: bool) -> str:
        shown = f'<span class="label">{label}</span> ' if label else ""
        cls = ' class="item"' if item else ""
        return f"<p{cls}>{shown}{text}</p>"


def html(paras: list[Para], *, tracked: bool, title: str) -> str:
    return _page(title, _blocks(paras, tracked, _Html()))


def _md_cell(segments: list[Segment]) -> str:
    out = []
    for s in segments:
        text = s.text.replace("|", "\\|")
        out.append(f"<ins>{text}</ins>" if s.kind == "ins" else f"~~{text}~~" if s.kind == "del" else text)
    return "".join(out)


def markdown_table(rows: list[Row], columns: list[str], title: str) -> str:
    out = [f"# {title}", "", f"*{LEGEND}*", ""]
    out.append("| Para | Agreed / base text | " + " | ".join(columns) + " |")
    out.append("|---" * (2 + len(columns)) + "|")
    for r in rows:
        if r.heading:
            out.append(f"| **{r.label}** |" + " |" * (1 + len(columns)))
            continue
        cells = [_md_cell(r.base)]
        for who in columns:
            snippets = r.proposals.get(who, [])
            cells.append("<br>".join(_md_cell(s) for s in snippets) if snippets else "—")
        out.append(f"| {r.label} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _html_cell(segments: list[Segment]) -> str:
    out = []
    for s in segments:
        text = _html.escape(s.text)
        out.append(
            f"<ins>{text}</ins>" if s.kind == "ins" else f"<del>{text}</del>" if s.kind == "del" else text
        )
    return "".join(out)


def html_table(rows: list[Row], columns: list[str], title: str) -> str:
    body = [
        f"<h1>{_html.escape(title)}</h1>",
        f"<p><em>{_html.escape(LEGEND)}</em></p>",
        "<table>",
        "<thead><tr>",
    ]
    body.append("".join(f"<th>{_html.escape(h)}</th>" for h in ["Para", "Agreed / base text", *columns]))
    body.append("</tr></thead>\n<tbody>")
    for r in rows:
        if r.heading:
            body.append(f'<tr><th colspan="{2 + len(columns)}">{_html.escape(r.label)}</th></tr>')
            continue
        cells = [_html_cell(r.base)]
        for who in columns:
            snippets = r.proposals.get(who, [])
            cells.append("<br>".join(_html_cell(s) for s in snippets) if snippets else "—")
        body.append(
            f"<tr><td>{_html.escape(r.label)}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    body.append("</tbody></table>")
    return _page(title, body)
