"""The words next to a bracket, found in a window instead of by reading the whole line (check,
diff and side-by-side ask for them once per bracket): the same words as reading everything."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bracketeer.query import InlineText, plain_words

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
        before = word.findall(plain_words(content[:i]))
        after = word.findall(plain_words(content[i + 1 :]))
        assert text.words_before(i, n, word) == (
            before[max(0, len(before) - n) :] if n else [],
            len(before) > n,
        )
        assert text.words_after(i, n, word) == (after[:n], len(after) > n)
