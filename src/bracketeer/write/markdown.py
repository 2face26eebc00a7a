"""Markdown renderings of the paragraph model and the side-by-side rows.

Revisions are marked in CriticMarkup (``{++inserted++}{>>US<<}``, ``{--deleted--}``), notes as
CriticMarkup comments where they stand in the draft.
"""

from __future__ import annotations

from .model import Para, Segment, merged
from .synoptic import LEGEND, Row


def _md_segments(segments: list[Segment], tracked: bool) -> str:
    out = []
    for s in merged(segments):
        if s.kind == "text" or not tracked:
            out.append(s.text)
        elif s.kind == "ins":
            out.append(f"{{++{s.text}++}}{{>>{s.author}<<}}")
        else:
            # words one delegation inserts and another deletes: both named, as Word nests them
            within = f", in {s.inserted_by}'s insertion" if s.inserted_by else ""
            out.append(f"{{--{s.text}--}}{{>>{s.author}{within}<<}}")
    return "".join(out)


def _blocks(paras: list[Para], tracked: bool) -> list[str]:
    """The paragraphs in the draft's order: each note before the paragraph it precedes, the
    comments on a paragraph after it (notes and comments only when ``tracked``)."""
    out: list[str] = []
    for p in paras:
        out.extend(_note(who, note) for who, note in (p.notes if tracked else ()))
        text = _md_segments(p.segments, tracked)
        if p.style in ("title", "heading"):
            out.append(f"{'#' * (1 if p.style == 'title' else 2)} {text}")
        else:
            label = _md_segments([p.label_kind], tracked) if p.label else ""
            out.append(("    " if p.style == "item" else "") + (f"{label} " if label else "") + text)
        out.extend(_note(who, note) for who, note in (p.after if tracked else ()))
    return out


def _note(who: str, text: str) -> str:
    return f"{{>>{who}: {text}<<}}"


def markdown(paras: list[Para], *, tracked: bool) -> str:
    return "\n\n".join(_blocks(paras, tracked)) + "\n"


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
