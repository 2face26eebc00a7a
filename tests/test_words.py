"""The words next to a bracket, found in a window instead of by reading the whole line (check,
diff and side-by-side ask for them once per bracket): the same words as reading everything."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bracketeer.query import InlineText, shown_words

from .conftest import parse

WORDS = [re.compile(r"\S+"), re.compile(r"\w+"), re.compile(r"\w+(?:['’\-]\w+)*")]

piece = st.one_of(
    st.text(alphabet="ab -,.'\n", max_size=12),
    st.sampled_from(["[US: x y]", "[CAN: ~~old~~ new]", "[plain words]", "[US: a [CAN: b] c]"]),
    st.text(alphabet="word ", min_size=300, max_size=600),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(piece, min_size=1, max_size=8), st.integers(0, 7), st.sampled_from(WORDS))
def test_words_around_each_node_are_those_of_the_whole_line(pieces, n, word):
    doc = parse("1. " + "".join(pieces).replace("\n", " ") + "\n")
    content = doc.blocks[0].lines[0].content if doc.blocks else ()
    text = InlineText(content)
    for i in range(len(content)):
        # the words as people read them: touching proposals are two words
        before = word.findall(shown_words(content[:i]))
        after = word.findall(shown_words(content[i + 1 :]))
        assert text.words_before(i, n, word) == (
            before[max(0, len(before) - n) :] if n else [],
            len(before) > n,
        )
        assert text.words_after(i, n, word) == (after[:n], len(after) > n)


def _plain_fix_join(a: str, b: str) -> tuple[str, str]:
    """The join tidying as plain string operations (what joins.fix_join does by index)."""
    space = " \t\u00a0"
    if a.rstrip(space).endswith("(") and b.lstrip(space).startswith(")"):
        a, b = a.rstrip(space)[:-1], b.lstrip(space)[1:]
    if a[-1:] in space and a and b[:1] and b[0] in space:
        b = b.lstrip(space)
    if b[:1] and b[0] in ",;:.)" and a[-1:] and a[-1] in space:
        a = a.rstrip(space)
    if not a.strip(space) and a and b[:1] in (",", ";", ":", "."):
        a = ""
    if a.rstrip(space)[-1:] in (",", ";") and a.rstrip(space) and b.lstrip(space)[:1] in (",", ";", "."):
        a = a.rstrip(space)[:-1]
    return a, b


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\u00a0(),;:.ab", max_size=8), st.text(alphabet=" \t\u00a0(),;:.ab", max_size=8))
def test_the_join_tidying_reads_only_the_join_but_does_the_same(a, b):
    from bracketeer.resolver.joins import fix_join

    assert fix_join(a, b) == _plain_fix_join(a, b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["word", " ", "  ", "\n", "\t\t", "x", "\u00a0", "   \n  "]), max_size=40),
    st.integers(0, 70_000),
)
def test_squash_of_a_long_text_is_split_and_join(pieces, padding):
    from bracketeer.textutil import squash

    text = "".join(pieces) + " " * padding + "".join(reversed(pieces)) + ("ab " * (padding // 3))
    assert squash(text) == " ".join(text.split())
