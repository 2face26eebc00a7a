"""A secretariat's reading conventions, written once in the delegations file's ``[reading]``
table rather than repeated as options on every command:

    [reading]
    adjacent = "alternatives"   # "[a] [b]" are rival wordings ("independent": two proposals)
    unwrap = true               # the text is hard-wrapped (a PDF copied to text)
    proposals = "parenthesised" # "… clause (Norway);" is Norway's proposal ("bracketed": never)

An option given on the command line wins over the file."""

from __future__ import annotations

import re
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
    # a Word draft's formatting read as proposals: "strike", "underline", "colour"
    formatting: tuple[str, ...] | None = None

    def over(self, other: Reading) -> Reading:
        """These settings, with ``other``'s where these say nothing."""
        return Reading(
            self.adjacent if self.adjacent is not None else other.adjacent,
            self.unwrap if self.unwrap is not None else other.unwrap,
            self.proposals if self.proposals is not None else other.proposals,
            self.formatting if self.formatting is not None else other.formatting,
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
    check_keys(table, ("adjacent", "unwrap", "proposals", "formatting"), "[reading]", source, InputError)
    adjacent = table.get("adjacent")
    if adjacent is not None and adjacent not in ADJACENT:
        raise InputError(f'[reading] adjacent must be "{ADJACENT[0]}" or "{ADJACENT[1]}"', source=source)
    unwrap = table.get("unwrap")
    if unwrap is not None and not isinstance(unwrap, bool):
        raise InputError("[reading] unwrap must be true or false", source=source)
    proposals = table.get("proposals")
    if proposals is not None and proposals not in PROPOSALS:
        raise InputError(f'[reading] proposals must be "{PROPOSALS[0]}" or "{PROPOSALS[1]}"', source=source)
    formatting = table.get("formatting")
    if formatting is not None and (
        not isinstance(formatting, list) or any(k not in FORMATTING for k in formatting)
    ):
        raise InputError(f"[reading] formatting must be a list of {', '.join(FORMATTING)}", source=source)
    return Reading(adjacent, unwrap, proposals, tuple(formatting) if formatting is not None else None)


FORMATTING = ("strike", "underline", "colour")


def colours_of(path: str | Path) -> dict[str, str]:
    """The ``[colours]`` table: a Word draft's text colours and the delegation each marks
    (``"FF0000" = "US"``), as ``--colour-map`` gives them."""
    source = str(path)
    table: Any = read_settings(path, InputError).get("colours", {})
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and re.fullmatch(r"#?[0-9A-Fa-f]{6}", k) and isinstance(v, str) and v.strip()
        for k, v in table.items()
    ):
        raise InputError('[colours] must map colours to delegations: "FF0000" = "US"', source=source)
    return dict(table)


@dataclass(frozen=True, slots=True)
class ConsolidateDefaults:
    """The ``[consolidate]`` table: a secretariat's defaults for ``consolidate`` (None: not said)."""

    note_template: str | None = None
    deletion_style: str | None = None
    conflicts: str | None = None
    as_of_format: str | None = None  # the date in "(… received as of …)", as strftime writes it


def consolidate_defaults(path: str | Path) -> ConsolidateDefaults:
    source = str(path)
    table: Any = read_settings(path, InputError).get("consolidate", {})
    if not isinstance(table, dict):
        raise InputError("[consolidate] must be a table", source=source)
    allowed = {
        "note_template": None,
        "deletion_style": ("struck", "command"),
        "conflicts": ("inline", "alternatives"),
        "as_of_format": (),
    }
    check_keys(table, allowed, "[consolidate]", source, InputError)
    for key, choices in allowed.items():
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or (choices and value not in choices)):
            said = f"one of {', '.join(choices)}" if choices else "a text"
            raise InputError(f"[consolidate] {key} must be {said}", source=source)
    format_ = table.get("as_of_format")
    if format_ is not None and "%" not in format_:
        raise InputError('[consolidate] as_of_format must be a date format, as "%d %B %Y"', source=source)
    get = table.get
    return ConsolidateDefaults(get("note_template"), get("deletion_style"), get("conflicts"), format_)
