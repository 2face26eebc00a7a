"""Small helpers on strings that several parts of bracketeer share."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, ends trimmed. (A substitution,
    not split-and-join: a proposal of millions of words is one string, not millions.)"""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, width: int = 60) -> str:
    """``text`` squashed to one line and cut to ``width`` characters with an ellipsis. Reads
    only as many words as it shows, however long the text (a 50 MB proposal is one line of a
    report)."""
    words: list[str] = []
    length = -1
    for m in _WORD.finditer(text):
        words.append(m.group())
        length += len(words[-1]) + 1
        if length > width:
            return " ".join(words)[: width - 1] + "…"
    return " ".join(words)
