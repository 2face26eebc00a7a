"""The versions of a draft kept in git: every commit that changed the file, oldest first, each
as the bytes the file held then (renames followed), for ``history --git``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import InputError


def git_versions(path: str | Path) -> list[tuple[str, bytes]]:
    """``(name, content)`` of each committed version of ``path``, oldest first; the name is the
    file's name at that commit and the commit's short hash (``draft.txt@1a2b3c4``)."""
    file = Path(path)
    where = file.resolve().parent
    log = _git(where, str(path), "log", "--follow", "--format=%h", "--name-only", "--", file.name)
    lines = [ln for ln in log.decode("utf-8", "replace").splitlines() if ln.strip()]
    # pairs of lines, newest first: the commit, then the file's path (from the top) in it
    commits = list(zip(lines[0::2], lines[1::2], strict=False))
    if not commits:
        raise InputError(f"{path}: git has no committed version of this file", source=str(path))
    top = Path(_git(where, str(path), "rev-parse", "--show-toplevel").decode().strip())
    return [
        (f"{Path(name).name}@{commit}", _git(top, str(path), "show", f"{commit}:{name}"))
        for commit, name in reversed(commits)
    ]


def _git(where: Path, source: str, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except OSError as e:  # no git at all
        raise InputError(f"cannot run git: {e.strerror}", source=source) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {args[0]}: {said[-1] if said else 'failed'}", source=source)
    return done.stdout
