"""Finding and loading the grammar. The compiled parser is cached on disk by Lark."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR_NAME = "draft.lark"


def grammar_text(name: str = GRAMMAR_NAME) -> str:
    """A grammar's source: from the installed package, or from ``grammars/`` in a checkout."""
    packaged = resources.files("bracketeer").joinpath("grammars", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / name
    return checkout.read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def parser(transformer: Any) -> Lark:
    """An LALR parser with the contextual lexer that runs ``transformer`` while it parses.

    Transforming during the parse skips building Lark's own tree. Lark caches the analysed
    grammar in the temporary directory, which makes the second start several times faster.
    """
    from lark import Lark

    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        transformer=transformer,
        cache=True,
        maybe_placeholders=False,
    )
