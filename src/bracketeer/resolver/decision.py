"""What a user asks the resolver to do, and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ast import Document, Span

Action = Literal["accept", "reject"]
Outcome = Literal[
    "accepted",
    "rejected",
    "withdrawn",
    "superseded",
    "removed",
    "conflict",
    "unclear",
    "ambiguous",
    "renumbered",
    "untouched",
]


@dataclass(frozen=True, slots=True)
class Decision:
    """Accept or reject the proposals of some delegations (or all), optionally in some paragraphs.

    ``delegations`` holds sponsor keys: registry codes, or names as written for delegations the
    registry does not know. ``paragraphs`` holds label selectors (``2``, ``4.bis``, ``3-5``);
    empty means everywhere.
    """

    action: Action
    delegations: frozenset[str] = frozenset()
    everything: bool = False
    paragraphs: tuple[str, ...] = ()
    origin: str = ""
    option: int | None = None  # the option (of the group holding ``paragraphs``) to accept or reject


@dataclass(frozen=True, slots=True)
class Event:
    """One thing the resolver did (or could not do), where, and to whose proposal."""

    outcome: Outcome
    what: str
    sponsors: tuple[str, ...]
    paragraph: str | None
    text: str
    span: Span
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The draft after a pass, and what the pass did."""

    document: Document
    events: tuple[Event, ...]
