"""The draft as JSON: schema ``bracketeer.draft/1`` (documented in the README).

Keys come in a fixed order (dicts are built in the order a reader wants them), so the output
of the same draft is the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..ast import (
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
    Title,
)

SCHEMA = "bracketeer.draft/1"


def span(s: Span) -> dict[str, int]:
    return {
        "line": s.line,
        "column": s.column,
        "offset": s.offset,
        "end_line": s.end_line,
        "end_column": s.end_column,
        "end_offset": s.end_offset,
    }


def sponsor(s: Sponsor) -> dict[str, Any]:
    return {"written": s.written, "code": s.code, "supporter": s.supporter}


def inline(n: Inline) -> dict[str, Any]:
    if isinstance(n, Bracket):
        return {
            "type": "bracket",
            "kind": n.kind,
            "sponsors": [sponsor(s) for s in n.sponsors],
            "open": n.open,
            "tag": n.tag.text if n.tag else None,
            "body": [inline(c) for c in n.body],
            "tail": n.tail,
            "close": n.close,
            "post": n.post,
            "span": span(n.span),
        }
    if isinstance(n, Struck):
        return {"type": "struck", "text": n.text, "words": n.words, "span": span(n.span)}
    if isinstance(n, Command):
        return {
            "type": "command",
            "text": n.text,
            "action": n.action,
            "target": n.target,
            "replacement": n.replacement,
            "span": span(n.span),
        }
    return {"type": "text", "text": n.text, "span": span(n.span)}


def label(lb: Label | None) -> dict[str, Any] | None:
    if lb is None:
        return None
    return {"text": lb.text, "key": lb.key, "sep": lb.sep, "span": span(lb.span)}


def line(ln: Line) -> dict[str, Any]:
    return {
        "indent": ln.indent,
        "label": label(ln.label),
        "content": [inline(c) for c in ln.content],
        "eol": ln.eol,
        "span": span(ln.span),
    }


def block(b: Block | Alternative) -> dict[str, Any]:
    if isinstance(b, Blank):
        return {"type": "blank", "text": b.text, "span": span(b.span)}
    if isinstance(b, Title):
        return {"type": "title", "lines": [line(ln) for ln in b.lines], "span": span(b.span)}
    if isinstance(b, Heading):
        return {"type": "heading", "line": line(b.line), "span": span(b.span)}
    if isinstance(b, Note):
        return {
            "type": "note",
            "kind": b.kind,
            "indent": b.indent,
            "text": b.text,
            "eol": b.eol,
            "sponsors": [sponsor(s) for s in b.sponsors],
            "target": b.target,
            "span": span(b.span),
        }
    if isinstance(b, Alternative):
        return {"type": "alternative", "line": line(b.line), "span": span(b.span)}
    assert isinstance(b, Paragraph)
    return {
        "type": "paragraph",
        "label": label(b.label),
        "lines": [line(ln) for ln in b.lines],
        "items": [block(i) for i in b.items],
        "span": span(b.span),
    }


def document(d: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "source": d.name,
        "encoding": d.encoding,
        "bom": bool(d.bom),
        "newline": d.newline,
        "blocks": [block(b) for b in d.blocks],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
