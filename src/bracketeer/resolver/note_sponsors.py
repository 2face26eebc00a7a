"""A note written again for the sponsors left when some of them withdraw: "CAN and MEX propose
to delete paragraph 1" rejected for CAN reads "MEX proposes to delete paragraph 1", as a joint
bracket rejected for one sponsor is retagged for the others (``inline.retag``); and the note
introducing a joint new paragraph names only the delegations still proposing it."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import replace

from ..ast import Note
from ..query import MOVE_NOTE
from ..read.nodes import DELETE_NOTE, INTRO_BY

_VERB = re.compile(r"^(\s+)proposes?\b")
_PLURAL = re.compile(r"\bdelegations of(\s+)$")
_ARTICLE = re.compile(r"\bthe\s+$")


def renamed(note: Note, gone: Set[str]) -> Note | None:
    """``note`` naming only its sponsors not in ``gone``; None when none of them is gone, none
    is left, or its text does not name them one by one where the reader found them (it is then
    left as it stands, and the caller says so)."""
    left = [s for s in note.sponsors if s.key not in gone]
    if not left or len(left) == len(note.sponsors):
        return None
    region = _names(note)
    if region is None:
        return None
    start, end = region
    at = start
    for s in note.sponsors:  # each name where the reader read it, in order
        found = note.text.find(s.written, at, end)
        if found < 0:
            return None
        at = found + len(s.written)
    before, after = note.text[:start], note.text[end:]
    if note.kind == "intro":
        if len(left) == 1:
            before = _PLURAL.sub(r"delegation of\1", before)
        if note.sponsors[0] not in left:
            before = _ARTICLE.sub("", before)  # "the" before the names was the first one's
    else:
        verb = "proposes" if len(left) == 1 else "propose"
        after = _VERB.sub(lambda m: m.group(1) + verb, after, count=1)
    return replace(note, text=before + listed([s.written for s in left]) + after, sponsors=tuple(left))


def _names(note: Note) -> tuple[int, int] | None:
    """Where in the note's text the names of its sponsors are written."""
    if note.kind == "intro":
        m = INTRO_BY.search(note.text)
        return m.span("who") if m else None
    if note.kind not in ("deletion", "move"):
        return None
    stripped = note.text.lstrip()
    lead = len(note.text) - len(stripped)
    m = (DELETE_NOTE if note.kind == "deletion" else MOVE_NOTE).match(stripped.rstrip())
    return (lead + m.start("who"), lead + m.end("who")) if m else None


def listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
