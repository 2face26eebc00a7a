"""Reading the TOML files a user writes (decisions, delegations): every key is checked, so a
misspelt one is an error that names it, never a setting silently ignored."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import BracketeerError


def read_toml(path: str | Path, what: str, error: type[BracketeerError]) -> dict[str, Any]:
    """The table in the TOML file ``path`` (a UTF-8 byte-order mark, as Notepad writes, is
    fine); ``what`` names the file in messages ("decisions file")."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise error(f"cannot read {what}: {e.strerror}", source=str(path)) from e
    except UnicodeDecodeError as e:
        raise error(f"cannot read {what}: not UTF-8 (byte {e.start})", source=str(path)) from e
    import tomllib  # only when a file is read: 5 ms of every start otherwise

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise error(f"not a valid TOML {what}: {e}", source=str(path)) from e
    except RecursionError:
        raise error(
            f"not a valid TOML {what}: its tables or lists nest too deeply", source=str(path)
        ) from None


def read_settings(path: str | Path, error: type[BracketeerError]) -> dict[str, Any]:
    """The settings in ``path``: a ``bracketeer.toml`` (or any delegations file) whole, or the
    ``[tool.bracketeer]`` table of a ``pyproject.toml``, as black and ruff read theirs."""
    data = read_toml(path, "delegations file", error)
    if Path(path).name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("bracketeer") if isinstance(data.get("tool"), dict) else None
    if not isinstance(table, dict):
        raise error("a pyproject.toml with no [tool.bracketeer] table", source=str(path))
    return table


def has_settings(path: Path) -> bool:
    """Whether ``path`` is a settings file: a ``bracketeer.toml``, or a ``pyproject.toml`` with a
    ``[tool.bracketeer]`` table (one that does not read is left for its own tools)."""
    if path.name != "pyproject.toml":
        return path.is_file()
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"bracketeer" not in raw:  # most projects' files: no need to read the TOML
        return False
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("bracketeer"), dict)


def check_keys(
    table: dict[str, Any], allowed: Iterable[str], where: str, source: str, error: type[BracketeerError]
) -> None:
    """Every key of ``table`` is one of ``allowed``; an unknown one is an error with a guess.
    ``where`` names the table in messages ("decision 2"), empty for the file's top level."""
    allowed = list(allowed)
    for key in table:
        if key not in allowed:
            import difflib

            guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"; did you mean `{guess[0]}`?" if guess else f" (known: {', '.join(allowed)})"
            prefix = f"{where}: " if where else ""
            raise error(f"{prefix}unknown key `{key}`{hint}", source=source)
