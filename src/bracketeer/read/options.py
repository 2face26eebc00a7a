"""How a draft is read where its bytes alone do not decide: one value every reader takes, so
that a new reading choice is one field here, not a keyword passed along four signatures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parenthesised import Proposals


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """``recover``: brackets that do not balance are kept as text where they stand instead of
    refused, and listed in ``Document.faults`` (the round trip stays exact).

    ``unwrap``: the text is hard-wrapped (a PDF copied to text): a line that ends mid-sentence
    continues into the next even when that one starts like a label; None: decide by the lines'
    lengths (``structure.hard_wrapped``).

    ``proposals``: how a compilation of State proposals without square brackets is read, each a
    clause ending in its sponsors in parentheses (``parenthesised.py``): None detects it (two
    such clauses in a paragraph with no square bracket), ``"parenthesised"`` reads a single one
    too, ``"bracketed"`` never."""

    recover: bool = False
    unwrap: bool | None = False
    proposals: Proposals | None = None
