"""Deterministic drafts of any size, built from the patterns of the OAS example.

    python bench/generate.py 1000000 > draft-1mb.txt

Each section has a heading, numbered paragraphs with inline proposals by one or several
delegations, plain brackets, nested sub-amendments, a whole-paragraph proposal introduced by a
secretariat note, sub-items, and a paragraph with two alternatives (sometimes identical).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cicte-omnibus-2024.txt"
DELEGATIONS = ["US", "CAN", "ARG", "MEX", "BRA", "CHL", "COL", "PER", "EU", "G77", "CARICOM", "SICA"]


def _sentences() -> list[str]:
    out = []
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if len(line) > 120 and "[" not in line:
            out.append(re.sub(r"^(?:\d+\.|[a-z]\))\s+", "", line))
    return out


def _with_proposals(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        r = rng.random()
        if r < 0.03 and i + 3 < len(words):
            n = rng.randint(1, 3)
            tag = rng.choice(DELEGATIONS) if rng.random() < 0.8 else ", ".join(rng.sample(DELEGATIONS, 2))
            inner = " ".join(words[i : i + n])
            if rng.random() < 0.1:
                inner = f"{inner} [{rng.choice(DELEGATIONS)}: {words[i + n]}]"
            out.append(f"[{tag}: {inner}]")
            i += n
        elif r < 0.035 and i + 2 < len(words):
            out.append(f"[{words[i]} {words[i + 1]}]")
            i += 2
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def generate(size: int, seed: int = 2024) -> str:
    rng = random.Random(seed)
    sentences = _sentences()
    parts = [
        "CICTE PARAGRAPHS FOR THE OMNIBUS RESOLUTION ON\nMULTIDIMENSIONAL SECURITY\n\n"
        "(Comments from delegations received as of April 16, 2024)\n\n"
    ]
    length = len(parts[0])
    section = 0
    while length < size:
        section += 1
        chunk = [f"Section {section}\n\n"]
        for n in range(1, rng.randint(6, 12)):
            sep = "\t" if rng.random() < 0.2 else " "
            chunk.append(f"{n}.{sep}{_with_proposals(rng, rng.choice(sentences))}\n\n")
            r = rng.random()
            if r < 0.15:
                who = rng.choice(DELEGATIONS)
                chunk.append(
                    f"Proposed new paragraph submitted by the delegation of {who}:\n\n"
                    f"\t{n}.bis. [{who}: {rng.choice(sentences)}]\n\n"
                )
            elif r < 0.25:
                chunk.append(
                    f"{n + 1}.\tConvene the following: \n"
                    f"a) {_with_proposals(rng, rng.choice(sentences))}\n"
                    f"b) {rng.choice(sentences)} \n\n"
                )
        a, b = rng.sample(DELEGATIONS, 2)
        text = rng.choice(sentences)
        other = text if rng.random() < 0.5 else rng.choice(sentences)
        chunk.append(f"99. [{a}: {text}]. \n\n{' ' * 26}[{b}: {other}].\n\n")
        block = "".join(chunk)
        parts.append(block)
        length += len(block)
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
