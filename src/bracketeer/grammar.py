"""Finding and loading the grammar. The compiled parser is cached on disk by Lark, and the
terminals' patterns (for the fast reader) by us, the same way."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR_NAME = "draft.lark"


def grammar_text(name: str = GRAMMAR_NAME) -> str:
    """A grammar's source: from the installed package, or from ``grammars/`` in a checkout."""
    # the package is installed as files (a wheel), so a path does what importlib.resources
    # would, without its 8 ms of imports at every start
    packaged = Path(__file__).parent / "grammars" / name
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


# terminal name → its regular expression, and the order Lark's lexer tries it in (priority,
# width, pattern length; the name breaks ties)
Table = dict[str, tuple[str, tuple[int, int, int]]]


def terminal_table() -> Table:
    """The grammar's terminals. Building them through Lark costs every process tens of
    milliseconds, so they are kept in the temporary directory under the grammar's own hash: a
    changed grammar is a new file, and the grammar stays the one source."""
    text = grammar_text()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    # one file per user: nobody else's file is believed
    user = os.getuid() if hasattr(os, "getuid") else "user"
    cache = Path(tempfile.gettempdir()) / f"bracketeer-terminals-{user}-{digest}.json"
    table = _cached(cache)
    if table is None:
        table = terminals_from_lark(text)
        _keep(cache, table)
    return table


def terminals_from_lark(text: str) -> Table:
    from lark import Lark

    defs: Collection[Any] = Lark(text, parser=None, lexer="basic").terminals
    return {
        t.name: (t.pattern.to_regexp(), (-t.priority, -t.pattern.max_width, -len(t.pattern.value)))
        for t in defs
    }


def _cached(path: Path) -> Table | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: (str(regexp), (int(r[0]), int(r[1]), int(r[2]))) for name, (regexp, r) in data.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # none yet, or not ours: built again


def _keep(path: Path, table: Table) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(table, f)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only temporary directory: built each time
