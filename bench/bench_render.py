"""Rendering a generated draft as tracked changes, and as the side-by-side table, against
python-docx writing the same paragraphs as plain text, measured in one run.

    python bench/bench_render.py            # 1 MB
    python bench/bench_render.py --quick    # 100 KB
    python bench/bench_render.py --sizes    # 24 KB, 100 KB and 1 MB: does side-by-side grow linearly?

Goal: the tracked .docx of the 1 MB draft takes at most 1.5x the plain python-docx baseline;
the side-by-side .docx grows with the draft (its cost per MB the same at 100 KB and 1 MB).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import best_of
from generate import generate

from bracketeer.read.text import parse_text
from bracketeer.write import model
from bracketeer.write.docx import write_document, write_side_by_side
from bracketeer.write.synoptic import rows

DATE = dt.datetime(2024, 4, 16, tzinfo=dt.UTC)


def baseline(paras: list[model.Para]) -> bytes:
    """python-docx alone: one paragraph per model paragraph, its text as one plain run."""
    import docx

    document = docx.Document()
    for p in paras:
        document.add_paragraph(
            ((p.label or "") + "\t" if p.label else "") + "".join(s.text for s in p.segments)
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def side_by_side(doc) -> bytes:  # type: ignore[no-untyped-def]
    table, columns = rows(doc)
    return write_side_by_side(table, columns, title="bench", date=DATE, compact=len(columns) > 4)


def measure(size: int) -> None:
    doc = parse_text(generate(size))
    paras = model.build(doc)
    revisions = sum(1 for p in paras for s in p.segments if s.kind in ("ins", "del"))
    t_model = best_of(lambda: model.build(doc))
    t_base = best_of(lambda: baseline(paras))
    t_tracked = best_of(lambda: write_document(paras, title="bench", date=DATE, tracked=True))
    t_sbs = best_of(lambda: side_by_side(doc))
    print(f"{size / 1e6:.3f} MB draft: {len(paras)} paragraphs, {revisions} revision segments")
    print(f"python-docx plain paragraphs   {t_base * 1000:7.0f} ms")
    print(f"bracketeer tracked .docx       {t_tracked * 1000:7.0f} ms  ({t_tracked / t_base:.2f}x)")
    print(
        f"  + building the model         {t_model * 1000:7.0f} ms  "
        f"({(t_tracked + t_model) / t_base:.2f}x in all)"
    )
    print(
        f"bracketeer side-by-side .docx  {t_sbs * 1000:7.0f} ms  ({t_sbs / t_base:.2f}x; "
        f"{t_sbs / (size / 1e6):.2f} s per MB)"
    )


def main() -> None:
    if "--sizes" in sys.argv:
        for size in (24_000, 100_000, 1_000_000):
            measure(size)
        return
    measure(100_000 if "--quick" in sys.argv else 1_000_000)


if __name__ == "__main__":
    main()
