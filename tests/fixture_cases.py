"""Reading fixture files: many cases per file, each a title and blocks separated by lines that
hold only a dot (the markdown-it-py convention), so a new case is a few lines of data.

    ## accepting a proposal keeps its words
    .
    1. Calls upon [US: all] States.
    .
    accept US
    .
    1. Calls upon all States.
    .

A block's lines are taken as written, each ending in a newline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Case:
    title: str
    blocks: tuple[str, ...]
    line: int  # where the case starts in its file, for messages

    def __str__(self) -> str:
        return self.title


def read_cases(name: str, blocks: int) -> list[Case]:
    """The cases of ``fixtures/NAME``, each with ``blocks`` dot-separated blocks."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("## "):
            i += 1
            continue
        title, start = lines[i][3:].strip(), i + 1
        i += 1
        assert lines[i] == ".", f"{name}:{i + 1}: a case's first block starts after a line '.'"
        i += 1
        found: list[str] = []
        current: list[str] = []
        while len(found) < blocks:
            assert i < len(lines), f"{name}:{start}: case {title!r} ends before its {blocks} blocks"
            if lines[i] == ".":
                found.append("".join(line + "\n" for line in current))
                current = []
            else:
                current.append(lines[i])
            i += 1
        cases.append(Case(title, tuple(found), start))
    return cases
