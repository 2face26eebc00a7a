"""The terminals of ``grammars/draft.lark``, compiled for the fast reader.

Nothing is re-typed here: the patterns come from the grammar file through Lark (in lexer-only
mode, which keeps every terminal), and where several terminals may start at one place they are
tried in the order Lark's own lexer tries them (priority, then width, then pattern length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Terminals:
    """Compiled terminals by name, and the order in which a lexer tries a set of them."""

    patterns: dict[str, re.Pattern[str]]
    rank: dict[str, tuple[int, int, int, str]]

    def __getitem__(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]

    def in_order(self, *names: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """``names`` as Lark's contextual lexer would try them at one place."""
        return tuple((n, self.patterns[n]) for n in sorted(names, key=self.rank.__getitem__))

    def either(self, *names: str) -> re.Pattern[str]:
        """One pattern trying ``names`` in Lark's order, as Lark's own lexer builds it; the
        match's ``lastgroup`` names the terminal that matched."""
        return re.compile("|".join(f"(?P<{n}>{p.pattern})" for n, p in self.in_order(*names)))


@lru_cache(maxsize=1)
def terminals() -> Terminals:
    from ..grammar import terminal_table

    table = terminal_table()
    return Terminals(
        {name: re.compile(regexp) for name, (regexp, _) in table.items()},
        {name: (rank[0], rank[1], rank[2], name) for name, (_, rank) in table.items()},
    )


Context = tuple[tuple[str, re.Pattern[str]], ...]


def first_match(context: Context, text: str, at: int) -> tuple[str, re.Match[str]] | None:
    """The terminal Lark's lexer would take at ``at``, trying ``context`` in its order."""
    for name, pattern in context:
        m = pattern.match(text, at)
        if m is not None:
            return name, m
    return None
