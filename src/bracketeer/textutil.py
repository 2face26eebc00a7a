"""Small helpers on strings that several parts of bracketeer share."""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\S+")

# what the Word reader writes between two revisions that touch or have only spaces between them,
# and between a revision and a bracket typed beside it, so that they read as two changes (not as
# alternatives, [shall][should], nor as a pair whose reading is unsure, [a] [b]): it shows
# nothing, is never written back, and a text made of a Word document's draft leaves it out
WORD_JOINER = "\u2060"
# between rival versions of the same words, as a compilation writes them ("~~a~~ b / ~~a~~ c"),
# and in Word an insertion by all of them
RIVAL_SEPARATOR = " / "


_JOINT = "Joint proposal: "


def joint_comment(author: str) -> str | None:
    """What the comment on a joint proposal's revisions in Word says ("Joint proposal: EU,
    NOR"), for the revisions' author; None for an author naming one delegation. Word keeps one
    author per revision, and its reviewer filter takes "EU, NOR" for a reviewer of its own: the
    comment tells a reader of the document that the author is several delegations."""
    return _JOINT + author if ", " in author else None


_SPACES = re.compile(r"\s+")
# Word writes curly quotes as one types: a change from straight quotes to curly ones (or back)
# is the word processor's, not a delegation's proposal (``text.translate(STRAIGHT_QUOTES)``)
STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


_CHUNK = 1 << 16


def squash(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, ends trimmed.

    A long text is squashed a piece at a time, each piece ending after a run of whitespace, so
    that a proposal of millions of words never becomes a list of millions of strings (which is
    what splitting it, or one substitution over it, builds)."""
    if len(text) <= _CHUNK:
        # the same as the substitution below (``str.split`` and ``\s`` know the same spaces),
        # three times as fast on a proposal's few words
        return " ".join(text.split())
    parts = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        while end < len(text) and text[end].isspace():
            end += 1
        parts.append(_SPACES.sub(" ", text[start:end]))
        start = end
    return "".join(parts).strip()


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


def parted(text: str, at: Sequence[int], newline: str) -> tuple[str, list[int]]:
    """``text`` with a blank line at each offset of ``at`` (each where a line starts, in
    order) that has no blank line beside it already, and the numbers of the lines of ``text``
    each went before. A Word draft is read one line a paragraph, its paragraphs apart though
    no blank line parts them: written as a text file, they need one, or a heading after a
    paragraph would read back as that paragraph's next line."""
    pieces: list[str] = []
    before: list[int] = []
    done = line = 0
    blank = newline * 2
    for k in at:
        if not 0 < k < len(text) or text.startswith(newline, k) or text.endswith(blank, 0, k):
            continue
        line += text.count("\n", done, k)
        pieces += (text[done:k], newline)
        before.append(line + 1)
        done = k
    pieces.append(text[done:])
    return "".join(pieces), before
