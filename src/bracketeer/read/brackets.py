"""The fast reader's first half: the brackets of a draft, found with one ``re.finditer`` and
checked and grouped by Lark's LALR parser over ``grammars/skeleton.lark``.

Each token is one "[" or "]". An opening one carries the tag that follows it (draft.lark's
TAG), a closing one at line level the attribution that follows it (POST_SPONSORS); a "[1.]"
that draft.lark reads as a paragraph label (LABEL, at the start of a line) is no bracket.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .terminals import Context, Terminals, first_match, terminals

if TYPE_CHECKING:
    from lark import Lark


MAX_DEPTH = 100  # deeper nesting is an error at its place: the passes over the tree recurse


class TooDeep(Exception):
    """Brackets nest deeper than ``MAX_DEPTH`` at ``offset``."""

    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset


class Tok:
    """A token for Lark's parser: its type, where it is, and the match found next to it."""

    __slots__ = ("end_pos", "info", "start_pos", "type")
    # Lark reads these only to place the end-of-input marker after the last token
    line = column = end_line = end_column = 0

    def __init__(self, type_: str, start: int, end: int, info: re.Match[str] | None):
        self.type = type_
        self.start_pos = start
        self.end_pos = end
        self.info = info


class Leaf:
    """A bracket with no bracket inside it, as one token: its "[" and its "]"."""

    __slots__ = ("close", "end_pos", "open", "start_pos")
    type = "LEAF"
    line = column = end_line = end_column = 0

    def __init__(self, open_: Tok, close: Tok):
        self.open = open_
        self.close = close
        self.start_pos = open_.start_pos
        self.end_pos = close.end_pos


# A bracket as the parser groups it: [open, *nested brackets, close].
Skeleton = list[Any]


def _taker(context: Context, wanted: str) -> Callable[[str, int], re.Match[str] | None]:
    """A function giving the match of ``wanted`` at a place where Lark's lexer, trying
    ``context`` in its order, would take it (and None where it would take something else)."""
    names = [name for name, _ in context]
    before = context[: names.index(wanted)]
    pattern = dict(context)[wanted]
    if not before:
        return pattern.match

    def take(text: str, at: int) -> re.Match[str] | None:
        return None if first_match(before, text, at) is not None else pattern.match(text, at)

    return take


def _lexer_class(t: Terminals) -> type:
    from lark.lexer import Lexer

    # no named groups: with them the regex engine loses its quick search for the first character
    brackets = re.compile(f"{t['OPEN'].pattern}|{t['CLOSE'].pattern}")
    opening = t["OPEN"].fullmatch
    tag = _taker(t.in_order("TAG", "COMMAND", "STRUCK", "INNER_TEXT", "OPEN", "CLOSE"), "TAG")
    post = _taker(t.in_order("POST_SPONSORS", "TEXT", "OPEN", "CLOSE", "NEWLINE"), "POST_SPONSORS")
    label = t["LABEL"].match
    indent = t["INDENT"].match

    class BracketLexer(Lexer):
        def __init__(self, lexer_conf: Any):
            pass

        def lex(self, text: str) -> Any:  # type: ignore[override]  # Lark's first custom-lexer interface
            depth = 0
            skip = 0  # the end of a bracketed paragraph label, whose brackets are no brackets
            pending: Tok | None = None  # a "[" held back: if "]" comes next, the two are one LEAF
            kinds: dict[str, bool] = {}  # bracket character → whether it opens
            for m in brackets.finditer(text):
                i = m.start()
                if i < skip:
                    continue
                ch = m.group()
                is_open = kinds.get(ch)
                if is_open is None:
                    is_open = kinds[ch] = opening(ch) is not None
                if is_open:
                    if depth == 0:
                        as_label = label(text, i)
                        if as_label is not None and _line_start(text, i):
                            skip = as_label.end()
                            continue
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise TooDeep(i)
                    if pending is not None:
                        yield pending
                    pending = Tok("OPEN", i, m.end(), tag(text, m.end()))
                else:
                    depth -= 1
                    close = Tok("CLOSE", i, m.end(), post(text, m.end()) if depth == 0 else None)
                    if pending is None:
                        yield close
                    else:
                        yield Leaf(pending, close)
                        pending = None
            if pending is not None:
                yield pending

    def _line_start(text: str, i: int) -> bool:
        """Whether ``i`` is where draft.lark's lexer tries LABEL: the start of a line, or the end
        of its indentation. (Line ends are NEWLINE, which ends in "\\n".)"""
        start = text.rfind("\n", 0, i) + 1
        if start == i:
            return True
        m = indent(text, start)
        return m is not None and m.end() == i

    return BracketLexer


class _Group:
    """Lark's callbacks: a bracket is the list of its tokens and nested brackets."""

    def bracket(self, children: Skeleton) -> Skeleton:
        if len(children) == 1:
            leaf: Leaf = children[0]
            return [leaf.open, leaf.close]
        return children

    def start(self, children: list[Skeleton]) -> list[Skeleton]:
        return children


@lru_cache(maxsize=1)
def _parser() -> Lark:
    from lark import Lark

    from ..grammar import grammar_text

    return Lark(
        grammar_text("skeleton.lark"),
        parser="lalr",
        lexer=_lexer_class(terminals()),
        transformer=_Group(),
    )


def skeleton(text: str) -> list[Skeleton]:
    """The line-level brackets of ``text``, each with the brackets nested in it. Raises Lark's
    ``UnexpectedInput`` when they do not nest."""
    tops: list[Skeleton] = _parser().parse(text)  # type: ignore[assignment]
    return tops


def bracket_tokens(text: str) -> list[Any]:
    """The tokens ``skeleton`` gives Lark's parser for ``text``, in a list (bench/bench_parse.py
    times Lark's parser over them alone)."""
    return list(_lexer_class(terminals())(None).lex(text))
