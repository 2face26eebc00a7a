"""`bracketeer diff` on two generated drafts that differ in 5 % of their paragraphs, and in
half of them with a block of paragraphs moved.

    python bench/bench_diff.py            # 100 KB, 1 MB, 10 MB
    python bench/bench_diff.py --quick    # 100 KB, 1 MB

Reports, in one run: parsing both versions alone; the whole diff (both parses included) and its
ratio to parsing alone (goal: at most 2x, so that alignment and word diff cost less than
reading), the best of five, parsing and comparing timed by turns; how that grows with size;
``git diff --no-index --word-diff`` on the same files; and the word-diff engines compared on the
changed paragraph pairs (difflib, which bracketeer uses, and diff-match-patch when it is
installed). Which difflib ran is said first: cydifflib when the ``fast`` extra is installed.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from bracketeer.diff import SequenceMatcher, diff, word_diff
from bracketeer.read.text import parse_text

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
_TAGGED = re.compile(r"\[([A-Z][A-Za-z0-9, ]*): ([^\[\]]*)\]")


def edit(text: str, share: float = 0.05, seed: int = 7) -> str:
    """The next revision: in ``share`` of the paragraphs a proposal accepted, a word changed or a
    proposal added."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    for i, p in enumerate(paragraphs):
        if not p[:1].isdigit() or rng.random() >= share:
            continue
        choice = rng.randrange(3)
        if choice == 0 and _TAGGED.search(p):
            p = _TAGGED.sub(lambda m: m.group(2), p, count=1)
        elif choice == 1:
            words = p.split(" ")
            j = rng.randrange(1, len(words))
            words[j] = words[j].upper()
            p = " ".join(words)
        else:
            words = p.split(" ")
            j = rng.randrange(1, len(words))
            words.insert(j, "[MEX: additional]")
            p = " ".join(words)
        paragraphs[i] = p
    return "\n\n".join(paragraphs)


def moved(text: str, count: int = 20) -> str:
    """``text`` with ``count`` paragraphs from its middle moved to just before its last ten."""
    paragraphs = text.split("\n\n")
    k = len(paragraphs) // 2
    block = paragraphs[k : k + count]
    del paragraphs[k : k + count]
    paragraphs[-10:-10] = block
    return "\n\n".join(paragraphs)


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def interleaved(parse, compare, runs: int = 5):  # type: ignore[no-untyped-def]
    """The best times of parsing and of comparing, run by turns: on a shared machine whose
    speed drifts from one second to the next, both are timed under the same conditions (timed
    one after the other, a drift between them moved the ratio by 0.3)."""
    t_parse = t_diff = float("inf")
    value = None
    for _ in range(runs):
        (a, b), t = timed(parse)
        t_parse = min(t_parse, t)
        value, t = timed(lambda a=a, b=b: compare(a, b))
        t_diff = min(t_diff, t)
    return value, t_parse, t_diff


def main() -> None:
    quick = "--quick" in sys.argv
    parse_text("1. warm [US: up]\n")
    print(f"difflib: {SequenceMatcher.__module__.split('.')[0]}")
    print(
        f"{'size':>11} {'parse both':>11} {'whole diff':>11} {'ratio':>6} {'align+words':>12} "
        f"{'per MB':>8} {'git word-diff':>14}"
    )
    pairs_for_engines: list[tuple[str, str]] = []
    cases = [(name, size, False) for name, size in SIZES.items()]
    cases += [(f"{name} 50%", size, True) for name, size in SIZES.items() if size == 1_000_000]
    for name, size, heavy in cases:
        if quick and size > 1_000_000:
            continue
        old = generate(size)
        new = moved(edit(old, share=0.5)) if heavy else edit(old)
        d, t_parse, t_diff = interleaved(lambda old=old, new=new: (parse_text(old), parse_text(new)), diff)
        t_whole = t_parse + t_diff
        git = ""
        if shutil.which("git"):
            with tempfile.TemporaryDirectory() as tmp:
                pa, pb = Path(tmp, "a.txt"), Path(tmp, "b.txt")
                pa.write_text(old, encoding="utf-8")
                pb.write_text(new, encoding="utf-8")
                _, t_git = timed(
                    lambda pa=pa, pb=pb: subprocess.run(
                        ["git", "diff", "--no-index", "--word-diff", str(pa), str(pb)], capture_output=True
                    )
                )
                git = f"{t_git * 1000:>11.0f}ms"
        print(
            f"{name:>11} {t_parse * 1000:>9.0f}ms {t_whole * 1000:>9.0f}ms {t_whole / t_parse:>5.2f}x "
            f"{t_diff * 1000:>10.0f}ms {t_whole / (size / 1e6) * 1000:>6.0f}ms {git}"
        )
        if size == 1_000_000 and not heavy:
            pairs_for_engines = [
                (c.old.source, c.new.source) for c in d.changes if c.kind == "changed" and c.old and c.new
            ]
    if pairs_for_engines:
        _, t_difflib = timed(lambda: [word_diff(x, y) for x, y in pairs_for_engines])
        n = len(pairs_for_engines)
        line = f"word diff of the {n} changed pairs at 1 MB: difflib {t_difflib * 1000:.1f}ms"
        try:
            import diff_match_patch

            dmp = diff_match_patch.diff_match_patch()

            def run_dmp() -> None:
                for x, y in pairs_for_engines:
                    diffs = dmp.diff_main(x, y)
                    dmp.diff_cleanupSemantic(diffs)

            _, t_dmp = timed(run_dmp)
            line += f", diff-match-patch (characters + semantic cleanup) {t_dmp * 1000:.1f}ms"
        except ImportError:
            line += " (diff-match-patch not installed)"
        print(line)


if __name__ == "__main__":
    main()
