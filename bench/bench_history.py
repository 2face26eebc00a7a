"""`bracketeer history` over a negotiation of many versions, against the pairwise diffs it is
made of, measured in one run.

    python bench/bench_history.py            # 20 versions of a 300 KB draft
    python bench/bench_history.py --quick    # 10 versions of 100 KB

Goals: history of 20 versions under 2x the 19 pairwise diffs (the drafts parsed once either
way), and linear in the number of versions (20 versions cost about twice 10).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import edit
from bench_parse import best_of
from generate import generate

from bracketeer import history
from bracketeer.diff import diff
from bracketeer.read.text import parse_text


def main() -> int:
    quick = "--quick" in sys.argv
    size, count = (100_000, 10) if quick else (300_000, 20)
    texts = [generate(size)]
    for k in range(1, count):
        texts.append(edit(texts[-1], share=0.05, seed=k))
    docs = [parse_text(t, source=f"rev{k}.txt") for k, t in enumerate(texts, 1)]
    t_pairs = best_of(lambda: [diff(a, b) for a, b in itertools.pairwise(docs)])
    t_all = best_of(lambda: history(docs))
    half = docs[: count // 2]
    t_half = best_of(lambda: history(half))
    print(f"{count} versions of a {size / 1000:.0f} KB draft (5 % of paragraphs edited each time)")
    print(f"{count - 1} pairwise diffs   {t_pairs:6.2f} s")
    print(f"history of {count}       {t_all:6.2f} s  ({t_all / t_pairs:.2f}x the diffs; goal under 2x)")
    growth = t_all / t_half
    print(f"history of {count // 2}       {t_half:6.2f} s  ({count} cost {growth:.2f}x; linear: 2x)")
    return 0 if t_all / t_pairs < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
