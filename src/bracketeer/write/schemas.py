"""Every JSON bracketeer writes, each schema's name and version beside its writer (the README
documents them; a test holds the two together).

Keys come in a fixed order (dicts are built in the order a reader wants them), so the output
of the same input is the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .. import ast

if TYPE_CHECKING:
    from ..consolidation import Compilation
    from ..conventions import ReadingReport
    from ..diff import Diff, Fate
    from ..errors import Problem
    from ..history import History
    from ..resolver import Event
    from ..standing import Status

DRAFT = "bracketeer.draft/1"
CHECK = "bracketeer.check/1"
REPORT = "bracketeer.report/1"
STATUS = "bracketeer.status/1"
DIFF = "bracketeer.diff/1"
CONSOLIDATE = "bracketeer.consolidate/1"
HISTORY = "bracketeer.history/1"
SCHEMAS = (DRAFT, CHECK, REPORT, STATUS, DIFF, CONSOLIDATE, HISTORY)


def span(s: ast.Span) -> dict[str, int]:
    return {
        "line": s.line,
        "column": s.column,
        "offset": s.offset,
        "end_line": s.end_line,
        "end_column": s.end_column,
        "end_offset": s.end_offset,
    }


def sponsor(s: ast.Sponsor) -> dict[str, Any]:
    return {"written": s.written, "code": s.code, "supporter": s.supporter}


def inline(n: ast.Inline) -> dict[str, Any]:
    if isinstance(n, ast.Bracket):
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
            "positions": [
                {"delegation": p.delegation.key, "stance": p.stance, "span": span(p.span)}
                for p in n.positions
            ],
            "span": span(n.span),
        }
    if isinstance(n, ast.Struck):
        return {"type": "struck", "text": n.text, "words": n.words, "span": span(n.span)}
    if isinstance(n, ast.Command):
        return {
            "type": "command",
            "text": n.text,
            "action": n.action,
            "target": n.target,
            "replacement": n.replacement,
            "span": span(n.span),
        }
    return {"type": "text", "text": n.text, "span": span(n.span)}


def label(lb: ast.Label | None) -> dict[str, Any] | None:
    if lb is None:
        return None
    return {"text": lb.text, "key": lb.key, "sep": lb.sep, "span": span(lb.span)}


def line(ln: ast.Line) -> dict[str, Any]:
    return {
        "indent": ln.indent,
        "label": label(ln.label),
        "content": [inline(c) for c in ln.content],
        "eol": ln.eol,
        "span": span(ln.span),
    }


def block(b: ast.Block | ast.Alternative) -> dict[str, Any]:
    if isinstance(b, ast.Blank):
        return {"type": "blank", "text": b.text, "span": span(b.span)}
    if isinstance(b, ast.Title):
        return {"type": "title", "lines": [line(ln) for ln in b.lines], "span": span(b.span)}
    if isinstance(b, ast.Heading):
        return {"type": "heading", "line": line(b.line), "span": span(b.span)}
    if isinstance(b, ast.Note):
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
    if isinstance(b, ast.Alternative):
        return {"type": "alternative", "line": line(b.line), "span": span(b.span)}
    assert isinstance(b, ast.Paragraph)
    return {
        "type": "paragraph",
        "label": label(b.label),
        "lines": [line(ln) for ln in b.lines],
        "items": [block(i) for i in b.items],
        "span": span(b.span),
    }


def reading(r: ReadingReport | None) -> dict[str, Any]:
    """How a draft was read: its notations by name, and where its reading is unsure."""
    if r is None:
        return {}
    return {
        "conventions": list(r.conventions),
        "ambiguities": [
            {"line": f.line, "column": f.column, "code": f.code, "message": f.message} for f in r.ambiguities
        ],
    }


def document(d: ast.Document, read: ReadingReport | None = None) -> dict[str, Any]:
    """The whole tree: ``bracketeer.draft/1``, with the reading report when given."""
    return {**_head(d, read), "blocks": [block(b) for b in d.blocks], **_tail(d)}


def _head(d: ast.Document, read: ReadingReport | None) -> dict[str, Any]:
    return {
        "schema": DRAFT,
        "source": d.name,
        "encoding": d.encoding,
        "bom": bool(d.bom),
        "newline": d.newline,
        **reading(read),
    }


def _tail(d: ast.Document) -> dict[str, Any]:
    return {
        **({"faults": [{"message": f.message, "span": span(f.span)} for f in d.faults]} if d.faults else {}),
        **(
            {"options": option_groups(d)}
            if any(isinstance(b, ast.Note) and b.kind == "option" for b in d.blocks)
            else {}
        ),
    }


def document_json(d: ast.Document, read: ReadingReport | None = None) -> Iterator[str]:
    """``dumps(document(d, read))``, the same text, in pieces: one block at a time, so that the
    whole tree is never held as dicts and one string besides (at 10 MB that was 86 times the
    draft)."""
    yield "{"
    for n, (key, value) in enumerate(_head(d, read).items()):
        yield ("," if n else "") + f"\n  {json.dumps(key)}: "
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield ',\n  "blocks": '
    if not d.blocks:
        yield "[]"
    for k, b in enumerate(d.blocks):
        text = json.dumps(block(b), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("[\n    " if k == 0 else ",\n    ") + text
    if d.blocks:
        yield "\n  ]"
    for key, value in _tail(d).items():
        yield f",\n  {json.dumps(key)}: " + json.dumps(value, ensure_ascii=False, indent=2).replace(
            "\n", "\n  "
        )
    yield "\n}\n"


def option_groups(d: ast.Document) -> list[dict[str, Any]]:
    """The document's groups of options: each option's number, the span of its note, and the
    labels and spans of the paragraphs under it."""
    from ..query import option_groups as groups

    out = []
    for g in groups(d):
        options = []
        for n, at, under in g.options:
            paragraphs = [d.blocks[i] for i in under if isinstance(d.blocks[i], ast.Paragraph)]
            options.append(
                {
                    "number": n,
                    "span": span(d.blocks[at].span),
                    "paragraphs": [
                        {"label": p.label.text if p.label else None, "span": span(p.span)}
                        for p in paragraphs
                        if isinstance(p, ast.Paragraph)
                    ],
                }
            )
        out.append({"options": options, "end": span(d.blocks[g.end].span) if g.end is not None else None})
    return out


def check(source: str, findings: Iterable[Problem]) -> dict[str, Any]:
    """What ``check`` found: ``bracketeer.check/1``."""
    return {
        "schema": CHECK,
        "source": source,
        "findings": [
            {"line": f.line, "column": f.column, "severity": f.severity, "code": f.code, "message": f.message}
            for f in findings
        ],
    }


def report(source: str, events: Iterable[Event]) -> dict[str, Any]:
    """What a resolution did: ``bracketeer.report/1``."""
    return {
        "schema": REPORT,
        "source": source,
        "events": [
            {
                "outcome": e.outcome,
                "what": e.what,
                "sponsors": list(e.sponsors),
                "paragraph": e.paragraph,
                "line": e.span.line,
                "column": e.span.column,
                "text": e.text,
                "detail": e.detail,
            }
            for e in events
        ],
    }


def status(st: Status) -> dict[str, Any]:
    """Where a draft stands: ``bracketeer.status/1``."""
    return {
        "schema": STATUS,
        "source": st.source,
        "summary": st.summary(),
        **reading(st.reading),
        "paragraphs": [
            {
                "label": p.label,
                "section": p.section,
                "line": p.line,
                "state": p.state,
                "marked": p.marked,
                "option": p.option,
                "alternatives": p.alternatives,
                "open": [{"by": who, "text": text} for who, text in p.open],
            }
            for p in st.paragraphs
        ],
        "delegations": [
            {
                "code": d.code,
                "open": d.open,
                "proposals": d.proposals,
                "paragraphs": d.paragraphs,
                "alternatives": d.alternatives,
                "supported": d.supported,
            }
            for d in sorted(st.delegations.values(), key=lambda d: d.code)
        ],
        "unattributed": st.unattributed,
    }


def _diff_event(e: Fate) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "sponsors": list(e.sponsors),
        "old_label": e.old_label,
        "new_label": e.new_label,
        "old_line": e.old_line,
        "new_line": e.new_line,
        "text": e.text,
        "new_text": e.new_text,
        "detail": e.detail,
        "section": e.section,
    }


def diff(d: Diff) -> dict[str, Any]:
    """What changed between two versions: ``bracketeer.diff/1``."""
    return {
        "schema": DIFF,
        "old": d.old_name,
        "new": d.new_name,
        "differs": d.differs,
        "summary": d.summary(),
        "counts": dict(sorted(d.counts().items())),
        "open_brackets": {
            "before": {"passages": d.open_before[0], "brackets": d.open_before[1]},
            "after": {"passages": d.open_after[0], "brackets": d.open_after[1]},
        },
        "paragraphs": [
            {
                "kind": c.kind,
                "section": c.new.section if c.new else c.old.section if c.old else None,
                "old_label": c.old.label if c.old else None,
                "new_label": c.new.label if c.new else None,
                "old_line": c.old.span.line if c.old else None,
                "new_line": c.new.span.line if c.new else None,
                "renumbered": c.renumbered,
                "moved": c.moved,
                "split_from": c.split_from,
                "merged_into": c.merged_into,
                "matched_by": c.how,
                "ops": [{"op": op.tag, "text": op.text} for op in c.ops],
                "events": [_diff_event(e) for e in c.events],
                "formatting": list(c.formatting),
            }
            for c in d.changes
            if c.differs
        ],
        "notes": [_diff_event(e) for e in d.notes],
    }


def compilation(source: str, c: Compilation) -> dict[str, Any]:
    """What a consolidation wrote: ``bracketeer.consolidate/1``."""
    return {
        "schema": CONSOLIDATE,
        "source": source,
        "entries": [
            {
                "kind": e.kind,
                "delegations": list(e.delegations),
                "paragraph": e.paragraph,
                "line": e.line,
                "text": e.text,
                "inside": list(e.inside),
            }
            for e in c.entries
        ],
        "conflicts": c.conflicted,
        "requoted": list(c.requoted),
    }


def history(h: History) -> dict[str, Any]:
    """A negotiation across its versions: ``bracketeer.history/1``."""
    return {
        "schema": HISTORY,
        "versions": [
            {
                "source": v.name,
                "paragraphs": v.paragraphs,
                "agreed": v.agreed,
                "open": v.open,
                "open_passages": v.passages,
                "open_brackets": v.brackets,
                "open_by_delegation": v.by_delegation,
                "new": v.new,
                "accepted": v.accepted,
                "rejected": v.rejected,
                "withdrawn": v.withdrawn,
                "moved": v.moved,
                "moved_proposals": v.moved_proposals,
            }
            for v in h.versions
        ],
        "paragraphs": [
            {"labels": list(p.labels), "text": p.text, "agreed_since": p.agreed_since, "open_for": p.open_for}
            for p in h.paragraphs
        ],
        "delegations": [
            {"code": d.code, "made": d.made, "open": d.open, "accepted": d.accepted, "dropped": d.dropped}
            for d in h.delegations
        ],
    }


def dumps(data: Any) -> str:
    """JSON as bracketeer writes it: UTF-8 text, indented, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
