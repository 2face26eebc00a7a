"""The registry of delegations: codes, names, aliases, and how a proposal's tag names them.

The built-in registry (``data/delegations.txt``) holds the Member States of the OAS and the UN,
observers, common negotiating groups and the chair. A user adds or overrides entries with a
TOML file::

    [delegations.SICA]
    name = "Central American Integration System"
    aliases = ["Sistema de la Integración Centroamericana"]
    kind = "group"
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .ast import Sponsor
from .errors import InputError
from .tomlfile import check_keys, read_settings

KINDS = ("state", "group", "observer", "chair")


@dataclass(frozen=True, slots=True)
class Delegation:
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str


# a code as a tag writes it: no separator of the tag notation (":", ",", ";", "/") in it
_CODE = re.compile(r"\w[\w.\-]*")


def _entry(code: str, entry: Any, source: str) -> Delegation:
    """One ``[delegations.CODE]`` table of a user's file, checked."""
    where = f"[delegations.{code}]"
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be a table", source=source)
    check_keys(entry, ("name", "aliases", "kind"), where, source, InputError)
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise InputError(f"{where}: aliases must be a list of names", source=source)
    name, kind = entry.get("name", code), entry.get("kind", "state")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: name must be a name", source=source)
    if kind not in KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(KINDS)}", source=source)
    if not _CODE.fullmatch(code):
        raise InputError(
            f'{where}: "{code}" is not a delegation code: letters, digits, ".", "-" and "_" '
            'only (a ":", "," or space would break the tags that name it)',
            source=source,
        )
    return Delegation(code, name, tuple(aliases), kind)


def _fold(key: str) -> str:
    """A name's key without case or accents: "México" is "mexico", "Pérou" is "perou"."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c)).casefold()


_THE = re.compile(r"^the\s+(?=\S)", re.I)


def _key(name: str) -> str:
    """Matching key: dots, hyphens and spacing ignored, so "G-77" = "G77", "U.S." = "US"."""
    return re.sub(r"[.\-\s\u00a0]+", "", name)


# Separators between sponsors in a tag. "supported by" and "on behalf of" start a new role.
_SPLIT = re.compile(
    r"\s*(,\s*supported by|,\s*seconded by|supported by|seconded by|,\s*on behalf of(?: the)?"
    r"|on behalf of(?: the)?|[,;/&]|\band\b)\s*"
)


class Registry:
    """Delegations by code and alias. Immutable once built."""

    def __init__(self, delegations: list[Delegation], authors: dict[str, str] | None = None):
        # revision authors of Word documents ("Jane Doe") and the delegation each writes for
        self.authors: dict[str, str] = dict(authors or {})
        self._by_code: dict[str, Delegation] = {}
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for d in delegations:
            self._by_code[d.code] = d
        for d in self._by_code.values():
            for alias in (d.code, d.name, *d.aliases):
                k = _key(alias)
                self._exact.setdefault(k, d.code)
                if len(k) > 3:
                    self._folded.setdefault(_fold(k), d.code)
        # a later file's own codes win over built-in aliases
        for d in delegations:
            self._exact[_key(d.code)] = d.code

    @classmethod
    def builtin(cls) -> Registry:
        return _builtin()

    def extended(self, path: Path) -> Registry:
        """This registry plus the entries of a user's TOML file (which win on conflicts).
        Unknown keys and values of the wrong type are errors."""
        source = str(path)
        data = read_settings(path, InputError)
        # [reading], [colours] and [consolidate] hold the file's conventions (settings.py)
        check_keys(
            data, ("delegations", "authors", "reading", "colours", "consolidate"), "", source, InputError
        )
        table = data.get("delegations", {})
        if not isinstance(table, dict):
            raise InputError("expected a [delegations.CODE] table", source=source)
        authors = data.get("authors", {})
        if not isinstance(authors, dict) or not all(
            isinstance(v, str) and v.strip() for v in authors.values()
        ):
            raise InputError('[authors] must map names to codes: "Jane Doe" = "US"', source=source)
        added = [_entry(code, entry, source) for code, entry in table.items()]
        registry = Registry([*self._by_code.values(), *added], self.authors)
        for author, code in authors.items():
            registry.codes_for(code, source, f'[authors] "{author}": ')
        return Registry([*self._by_code.values(), *added], {**self.authors, **authors})

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Delegation | None:
        return self._by_code.get(code)

    def codes(self) -> list[str]:
        return list(self._by_code)

    def lookup(self, name: str) -> str | None:
        """The canonical code for a code, name or alias, or None."""
        k = _key(_THE.sub("", name.strip()))  # "the Islamic Republic of Iran"
        if not k:
            return None
        code = self._exact.get(k)
        if code is None and len(k) > 3:
            code = self._folded.get(_fold(k))
        return code

    def codes_for(self, value: str, source: str, where: str = "") -> tuple[str, ...]:
        """The codes of a delegation (or a comma list: a joint author) a user named in a map or a
        settings file; a name the registry does not know is an error with a guess, since a typo
        would otherwise make ``accept -d US`` silently decide nothing."""
        out = []
        for name in value.split(","):
            code = self.lookup(name)
            if code is None:
                guess = self.suggest(name)
                hint = f'; did you mean "{guess}"?' if guess else " (name it in a --delegations file)"
                raise InputError(f'{where}unknown delegation "{name.strip()}"{hint}', source=source)
            out.append(code)
        return tuple(out)

    def suggest(self, name: str) -> str | None:
        """The closest known code or name, for "did you mean" messages."""
        names = list(self._exact)
        import difflib  # only for a name nobody knows

        match = difflib.get_close_matches(_key(name), names, n=1, cutoff=0.75)
        return self._exact[match[0]] if match else None

    def sponsors(self, tag: str) -> tuple[Sponsor, ...]:
        """The delegations a tag names, in order: ``"US, CAN"`` → US, CAN."""
        return _split_sponsors(self, tag)


@lru_cache(maxsize=4096)
def _split_sponsors(registry: Registry, tag: str) -> tuple[Sponsor, ...]:
    tag = tag.strip().rstrip(":").strip()
    if not tag:
        return ()
    whole = registry.lookup(tag)
    if whole is not None:
        return (Sponsor(tag, whole),)
    # pieces and the separators between them; then join neighbours where the joined text is
    # a known name ("Antigua and Barbuda", "G-77/China", "Trinidad and Tobago")
    parts = _SPLIT.split(tag)
    names = parts[0::2]
    seps = parts[1::2]
    out: list[Sponsor] = []
    supporter = False
    i = 0
    while i < len(names):
        best_j = i
        best_code = registry.lookup(names[i])
        for j in range(i + 1, min(len(names), i + 4)):
            joined = names[i] + "".join(seps[k] + names[k + 1] for k in range(i, j))
            code = registry.lookup(joined)
            if code is not None:
                best_j, best_code = j, code
        written = names[i] + "".join(seps[k] + names[k + 1] for k in range(i, best_j))
        if written.strip():
            out.append(Sponsor(written.strip(), best_code, supporter))
        if best_j < len(seps):
            sep = seps[best_j].strip().lower()
            if "supported" in sep or "seconded" in sep:
                supporter = True
        i = best_j + 1
    return tuple(out)


def _parse_builtin(text: str) -> list[Delegation]:
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        code, name, aliases, kind = (f.strip() for f in line.split("|"))
        out.append(Delegation(code, name, tuple(a.strip() for a in aliases.split(";") if a.strip()), kind))
    return out


@lru_cache(maxsize=1)
def _builtin() -> Registry:
    # a path, not importlib.resources (8 ms of imports at every start): installed as files
    text = (Path(__file__).parent / "data" / "delegations.txt").read_text(encoding="utf-8")
    return Registry(_parse_builtin(text))
