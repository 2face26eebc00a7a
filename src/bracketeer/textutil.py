"""Small helpers on strings that several parts of bracketeer share."""

from __future__ import annotations


def squash(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, ends trimmed."""
    return " ".join(text.split())


def shorten(text: str, width: int = 60) -> str:
    """``text`` squashed to one line and cut to ``width`` characters with an ellipsis."""
    text = squash(text)
    return text if len(text) <= width else text[: width - 1] + "…"
