"""Writing a decision back into a Word draft, against the same decision written as text, as a
paragraph grows (a Word file pasted from a PDF has page-long paragraphs).

    python bench/bench_write_back.py

For each length, one paragraph of that many words made by python-docx with typed proposals in
it (one bracket, or a bracket every 20 words): the whole of ``accept -d US`` (read, decide,
write) written two ways, back into the document (``api.write_back``: the rebuild, the splice and
the check that reads the written file again) and as text. Reported: each time, their ratio
(goal: at most 2x at every length) and the growth of the write-back from one length to the next
(4x the words: linear is about 4). Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import best_of

import bracketeer as b
from bracketeer import api

WORDS = "the parties shall consider cooperation measures within national capacities and priorities".split()


def paragraph(n: int, every: int | None, rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    spots = range(every, n, every) if every else [n // 2]
    for at in spots:
        words[at] = f"[US: {words[at]}]"
    return "1. " + " ".join(words) + "."


def docx_of(text: str) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> int:
    rng = random.Random(7)
    ok = True
    for every, what in ((None, "one bracket"), (20, "a bracket every 20 words")):
        print(f"{what}:")
        print(f"{'words':>7} {'write-back':>11} {'as text':>9} {'ratio':>6} {'growth':>7}")
        last = None
        for n in (250, 1000, 4000, 16000):
            repeat = 3 if n <= 4000 else 1
            data = docx_of(paragraph(n, every, rng))

            def command(write, data=data):  # the whole command: read, decide, write
                draft = b.load(data, name="long.docx")
                return write(b.resolve(draft, b.decide(draft, "accept", delegations=["US"])).document)

            back = best_of(lambda: command(api.write_back), repeat)
            text = best_of(lambda: command(b.render), repeat)
            ratio = back / text
            growth = back / last if last else None
            last = back
            shown = f"{growth:7.1f}" if growth else f"{'':>7}"
            print(f"{n:7} {back:10.3f}s {text:8.3f}s {ratio:5.2f}x {shown}")
            ok = ok and ratio <= 2.0
    print("goal (write-back within 2x of text at every length):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
