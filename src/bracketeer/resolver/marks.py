"""Content with decisions marked instead of carried out: the one stream both outcomes come from.

The inline engine does not remove or unwrap a decided proposal; it writes what accepting it
leaves as an ``accept`` side and what rejecting it leaves as a ``reject`` side, with the joins
each side needs. ``project`` then reads one outcome off the stream: the resolver projects the
decision's own action, and the tracked rendering projects both (accept all, reject all) and
shows their difference as revisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from ..ast import Bracket, Inline, Text
from .joins import JOIN, Join, Trace, tidy

View = Literal["accept", "reject"]


@dataclass(slots=True, eq=False)
class Side:
    """Pieces only one outcome keeps, and the author of the proposal they belong to."""

    view: View
    pieces: list[Piece]
    author: str


@dataclass(slots=True, eq=False)
class Marked:
    """Content in which something was decided. Projected, it is tidied on its own: the
    resolver tidies each bracket's content, and each piece of an accepted body, separately."""

    pieces: list[Piece] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Kept:
    """A bracket the decision leaves in place, though something inside it was decided."""

    bracket: Bracket
    body: Marked


Piece = Inline | Join | Side | Marked | Kept


def project(marked: Marked, view: View, trace: Trace | None = None) -> tuple[Inline, ...]:
    """The content as the outcome ``view`` leaves it, tidied."""
    flat: list[Inline | Join] = []
    _flatten(marked.pieces, view, flat, trace)
    return tidy(flat, trace)


def _flatten(pieces: list[Piece], view: View, flat: list[Inline | Join], trace: Trace | None) -> None:
    for p in pieces:
        if isinstance(p, Side):
            if p.view == view:
                _flatten(p.pieces, view, flat, trace)
        elif isinstance(p, Marked):
            flat.extend(project(p, view, trace))
        elif isinstance(p, Kept):
            if trace is not None:
                trace.seen.add(id(p))
            body = project(p.body, view, trace)
            # a proposal whose every word a decision inside it took proposes nothing: it goes,
            # its place a join ("and [CAN: [CHL: ~~all~~]] units", CHL's accepted: "and units")
            # (a plain bracket stays, as Word keeps its marks: it is text, nobody's proposal)
            kept = _holds_something(body) or p.bracket.kind != "proposal"
            flat.append(replace(p.bracket, body=body) if kept else JOIN)
        else:
            flat.append(p)


def _holds_something(body: tuple[Inline, ...]) -> bool:
    """Whether a proposal's body holds anything but spaces."""
    return any(not isinstance(n, Text) or n.text.strip() for n in body)


def visible_text(pieces: list[Piece], view: View) -> list[Text]:
    """The text pieces ``view`` shows, outside brackets, in order (where a command looks for the
    words it deletes)."""
    out: list[Text] = []
    for p in pieces:
        if isinstance(p, Side):
            if p.view == view:
                out.extend(visible_text(p.pieces, view))
        elif isinstance(p, Marked):
            out.extend(visible_text(p.pieces, view))
        elif isinstance(p, Text):
            out.append(p)
    return out
