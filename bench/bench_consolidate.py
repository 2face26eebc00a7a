"""Consolidation speed against the diff it is built on, in one run (see the README's performance
section).

    python bench/bench_consolidate.py

The base is the agreed text (every proposal rejected) of a generated draft, about 1 MB; each
submission changes 5 % of its paragraphs (a word inserted, deleted or replaced; now and then a
paragraph added or removed). Reported: consolidating 10 submissions against running the diff
for the same 10 pairs (goal: at most 2x), and the time for 2, 5, 10 and 20 submissions (goal:
linear; time per submission at 20 at most 1.2x that at 2). Drafts are parsed before timing.
Exit status 1 when a goal is missed. Also counted: how many times a draft is parsed in one
consolidation of 3 submissions, as the command runs it, to text and to a tracked Word file
(goal: one parse per input).
"""

from __future__ import annotations

import gc
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import best_of
from generate import generate

import bracketeer as b

CODES = ["ARG", "BRA", "CAN", "CHL", "COL", "MEX", "PER", "US", "EU", "G77", "CARICOM", "SICA",
         "URY", "PRY", "ECU", "BOL", "VEN", "PAN", "CRI", "GTM"]  # fmt: skip


def submission(base: str, seed: int) -> str:
    rng = random.Random(seed)
    paras = base.split("\n\n")
    out = []
    for p in paras:
        words = p.split(" ")
        if len(words) > 6 and rng.random() < 0.05:
            k = rng.randrange(2, len(words) - 1)
            choice = rng.random()
            if choice < 0.4:
                words.insert(k, "notably")
            elif choice < 0.7:
                del words[k]
            elif choice < 0.95:
                words[k] = "significantly"
            else:
                out.append(p)
                out.append("Also decides to keep the matter under review.")
                continue
            p = " ".join(words)
        out.append(p)
    return "\n\n".join(out)


def main() -> int:
    draft = b.load(generate(1_450_000).encode("utf-8"))  # its agreed text is about 1 MB
    agreed = b.resolve(draft, b.decide(draft, "reject", everything=True)).document
    base_text = b.render(agreed).decode("utf-8")
    base = b.load(base_text.encode("utf-8"), name="base")
    subs = [
        (code, b.load(submission(base_text, i).encode("utf-8"), name=code)) for i, code in enumerate(CODES)
    ]
    # the drafts are read; the collector need not walk them again (as in one command's run,
    # where reading and consolidating pause it)
    gc.collect()
    gc.freeze()
    ten = subs[:10]
    diff_time = best_of(lambda: [b.compare(base, doc) for _, doc in ten], 3)
    print(f"diff of the 10 pairs: {diff_time:.2f} s", flush=True)
    times = {}
    for n in (2, 5, 10, 20):
        times[n] = best_of(lambda n=n: b.consolidate(base, subs[:n]), 3)
        print(f"  {n:2d} submissions: {times[n]:.2f} s ({times[n] / n:.3f} s each)", flush=True)
    ratio = times[10] / diff_time
    growth = (times[20] / 20) / (times[2] / 2)
    print(f"base: {len(base_text) / 1e6:.1f} MB, {base_text.count(chr(10) * 2) + 1} paragraphs")
    print(f"consolidating the 10: {times[10]:.2f} s = {ratio:.2f}x the diff (goal <= 2x)")
    print(f"time per submission at 20 / at 2: {growth:.2f}x (goal <= 1.2x)")
    text_parses, word_parses = parses(base_text, [submission(base_text, i) for i in range(3)])
    print(f"parses for 4 inputs: {text_parses} to text, {word_parses} to a tracked Word file (goal: 4)")
    return 0 if ratio <= 2 and growth <= 1.2 else 1


def parses(base_text: str, texts: list[str]) -> tuple[int, int]:
    """How many times the reader parses text while ``consolidate`` runs on these drafts, as the
    command does (read the inputs, consolidate, write), to text and to a tracked Word file."""
    from bracketeer.read import text as reader

    count = 0
    parse_text = reader.parse_text

    def counted(*args: object, **kw: object) -> object:
        nonlocal count
        count += 1
        return parse_text(*args, **kw)  # type: ignore[arg-type]

    reader.parse_text = counted  # type: ignore[assignment]
    try:
        out = []
        for to in ("text", "docx"):
            count = 0
            base = b.load(base_text.encode("utf-8"), name="base")
            named = zip(CODES, texts, strict=False)
            subs = [(code, b.load(t.encode("utf-8"), name=code)) for code, t in named]
            compiled = b.api.compilation_bytes(base, b.consolidate(base, subs))
            if to == "docx":
                b.render(b.load(compiled, name="compilation"), b.RenderOptions(to="docx", mode="tracked"))
            out.append(count)
    finally:
        reader.parse_text = parse_text  # type: ignore[assignment]
    return out[0], out[1]


if __name__ == "__main__":
    raise SystemExit(main())
