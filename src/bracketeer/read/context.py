"""Brackets whose meaning depends on what stands next to them, settled once both readers have
built a draft's lines (so the two cannot disagree about them).

``classify`` (nodes.py) reads a bracket by its words alone; a number, a single letter or
"agreed" in brackets is "literal" there. Here the neighbours decide:

* a number is a footnote call only glued after a word (``resolution[1]``); ``[5][10]`` and
  ``in [5] years`` are contested numbers, proposals like any other;
* one letter is editorial only where it changes the case of a word it opens (``"[t]he
  Parties"``); ``communication[s]``, ``[X]`` and ``[a][successive]`` are contested;
* ``[agreed]`` is a status marker at the end of a line (or alone on it), and a proposed word
  inside running text (``an [agreed] outcome``);
* a Markdown link is no bracket: ``[text](https://…)`` and ``[text][ref]`` where the draft
  defines ``[ref]: https://…``, and that definition itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..ast import Bracket, Inline, Line, Note, Text
from .nodes import literal_words

_NUMBER = re.compile(r"\s*\d{1,3}\s*")
_LETTER = re.compile(r"[A-Za-z]")
_AGREED = re.compile(r"\s*agreed(?:\s+ad\s+ref(?:erendum)?)?(?:,[^\[\]]*)?\s*", re.I)
_URL = r"(?:[a-z][a-z0-9+.\-]*://|mailto:|www\.|#|\.{0,2}/)[^\s()]*"
_LINK_AFTER = re.compile(rf"\({_URL}\)")  # [text](https://…)
_DEFINITION = re.compile(rf":[ \t]+(?:<{_URL}>|{_URL})")  # [ref]: https://…
_WORD_END = re.compile(r"[\w.,;:)\"'’”]$")


def settle(items: list[Line | Note]) -> list[Line | Note]:
    """``items`` with each bracket's kind settled by its neighbours (the same list when no line
    holds a bracket this decides)."""
    refs = _link_definitions(items)
    out: list[Line | Note] | None = None
    for k, item in enumerate(items):
        if isinstance(item, Line) and item.content:
            content = _content(item.content, refs, line_level=True)
            if content is not item.content:
                out = out if out is not None else list(items)
                out[k] = replace(item, content=content)
    return items if out is None else out


def _link_definitions(items: Iterable[Line | Note]) -> frozenset[str]:
    """The reference names a Markdown transcription defines: lines ``[ref]: https://…``."""
    refs = set()
    for item in items:
        if isinstance(item, Line) and len(item.content) >= 2:
            first, after = item.content[0], item.content[1]
            if isinstance(first, Bracket) and isinstance(after, Text) and _DEFINITION.match(after.text):
                refs.add(_words(first).casefold())
    return frozenset(refs)


def _words(b: Bracket) -> str:
    return "".join(n.text for n in b.body if isinstance(n, Text))


def _content(content: tuple[Inline, ...], refs: frozenset[str], line_level: bool) -> tuple[Inline, ...]:
    out: list[Inline] | None = None
    for i, node in enumerate(content):
        if not isinstance(node, Bracket):
            continue
        settled = _settled(node, content, i, refs, line_level)
        if settled is not node:
            out = out if out is not None else list(content)
            out[i] = settled
    return content if out is None else tuple(out)


def _settled(
    b: Bracket, content: tuple[Inline, ...], i: int, refs: frozenset[str], line_level: bool
) -> Bracket:
    if any(isinstance(n, Bracket) for n in b.body):
        body = _content(b.body, refs, line_level=False)
        b = b if body is b.body else replace(b, body=body)
    before = content[i - 1] if i > 0 else None
    after = content[i + 1] if i + 1 < len(content) else None
    if b.tag is None and not b.post and _is_link(b, before, after, refs, line_level):
        return replace(b, kind="literal")
    if b.kind != "literal":  # most brackets: proposals and plain brackets stay as they are
        return b
    words = _words(b)
    for pattern, editorial in _RULES:
        if pattern.fullmatch(words):
            return b if editorial(before, after) else replace(b, kind="plain")
    return b


def reads_alone(words: str) -> bool:
    """Whether an untagged bracket of these words reads the same whatever stands beside it: a
    literal by its words (``[sic]``, ``[A/RES/77/1]``) that no neighbour settles otherwise."""
    return literal_words(words) and not any(pattern.fullmatch(words) for pattern, _ in _RULES)


def _footnote_call(before: Inline | None, after: Inline | None) -> bool:
    """A number glued after a word (``resolution[1]``), not one of several (``[5][10]``)."""
    glued = isinstance(before, Text) and _WORD_END.search(before.text) is not None
    return glued and not isinstance(after, Bracket)


def _case_letter(before: Inline | None, after: Inline | None) -> bool:
    """A letter opening the word after it (``"[t]he``), not one inside a word
    (``communication[s]``) nor standing alone (``[X]``)."""
    opens_word = isinstance(after, Text) and after.text[:1].isalpha()
    inside_word = isinstance(before, Text) and before.text[-1:].isalnum()
    return opens_word and not inside_word


def _status_marker(before: Inline | None, after: Inline | None) -> bool:
    """``[agreed]`` at the end of its line, not a word of the sentence it stands in."""
    return after is None or (isinstance(after, Text) and not after.text.strip(" \t\u00a0.;,\r\n"))


Rule = tuple[re.Pattern[str], Callable[[Inline | None, Inline | None], bool]]
_RULES: tuple[Rule, ...] = (
    (_NUMBER, _footnote_call),
    (_LETTER, _case_letter),
    (_AGREED, _status_marker),
)


def _is_link(
    b: Bracket, before: Inline | None, after: Inline | None, refs: frozenset[str], line_level: bool
) -> bool:
    """Whether ``b`` is a Markdown link's text, a reference to a defined link, or the
    definition of one."""
    if isinstance(after, Text) and after.text[:1] in "(:":
        if _LINK_AFTER.match(after.text):
            return True
        if line_level and before is None and _DEFINITION.match(after.text):
            return True
    if not refs:
        return False
    if isinstance(after, Bracket) and _words(after).casefold() in refs and not after.tag:
        return True  # the text of [text][ref]
    return isinstance(before, Bracket) and _words(b).casefold() in refs and not before.tag
