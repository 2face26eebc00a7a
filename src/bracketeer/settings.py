"""A secretariat's reading conventions, written once in the delegations file's ``[reading]``
table rather than repeated as options on every command:

    [reading]
    adjacent = "alternatives"   # "[a] [b]" are rival wordings ("independent": two proposals)
    unwrap = true               # the text is hard-wrapped (a PDF copied to text)
    proposals = "parenthesised" # "… clause (Norway);" is Norway's proposal ("bracketed": never)

An option given on the command line wins over the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ast import Adjacent
from .errors import InputError
from .read.parenthesised import Proposals
from .tomlfile import check_keys, has_settings, read_settings

ADJACENT: tuple[Adjacent, ...] = ("alternatives", "independent")
PROPOSALS: tuple[Proposals, ...] = ("parenthesised", "bracketed")


@dataclass(frozen=True, slots=True)
class Reading:
    """How a draft is read where its text alone does not decide (None: not said)."""

    adjacent: Adjacent | None = None
    unwrap: bool | None = None
    proposals: Proposals | None = None

    def over(self, other: Reading) -> Reading:
        """These settings, with ``other``'s where these say nothing."""
        return Reading(
            self.adjacent if self.adjacent is not None else other.adjacent,
            self.unwrap if self.unwrap is not None else other.unwrap,
            self.proposals if self.proposals is not None else other.proposals,
        )


SETTINGS_NAME = "bracketeer.toml"


def find_settings(start: str | Path | None = None) -> Path | None:
    """The settings file in force where nothing names one: ``bracketeer.toml``, or else a
    ``pyproject.toml`` with a ``[tool.bracketeer]`` table, in ``start`` (the current directory)
    or the nearest parent that has one, as git and linters find theirs; None when none."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / SETTINGS_NAME, folder / "pyproject.toml"):
            if has_settings(candidate):
                return candidate
    return None


def reading_of(path: str | Path) -> Reading:
    """The ``[reading]`` table of a delegations file (empty settings when it has none)."""
    source = str(path)
    table: Any = read_settings(path, InputError).get("reading", {})
    if not isinstance(table, dict):
        raise InputError("[reading] must be a table", source=source)
    check_keys(table, ("adjacent", "unwrap", "proposals"), "[reading]", source, InputError)
    adjacent = table.get("adjacent")
    if adjacent is not None and adjacent not in ADJACENT:
        raise InputError(f'[reading] adjacent must be "{ADJACENT[0]}" or "{ADJACENT[1]}"', source=source)
    unwrap = table.get("unwrap")
    if unwrap is not None and not isinstance(unwrap, bool):
        raise InputError("[reading] unwrap must be true or false", source=source)
    proposals = table.get("proposals")
    if proposals is not None and proposals not in PROPOSALS:
        raise InputError(f'[reading] proposals must be "{PROPOSALS[0]}" or "{PROPOSALS[1]}"', source=source)
    return Reading(adjacent, unwrap, proposals)
