"""Both outcomes of every proposal in a line, as revisions: what Word's "accept all" and
"reject all" must give is exactly what the resolver gives.

The line is marked once with every attributed proposal decided (``Selector.every_proposal``);
the accept-all and reject-all texts are projections of that one stream (``marks.project``),
and ``joins.tidy`` traces which slice of each piece of text each projection kept. A character
both keep is text, one only accepting keeps is an insertion, one only rejecting keeps is a
deletion, and one neither keeps (a space the join tidying takes out either way) is dropped.
Text of the draft's own that one outcome tidies away is put in a revision by the proposal
next to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from ..ast import Bracket, Inline, Text
from .decision import Decision
from .inline import Pass, mark
from .joins import Join, Trace
from .marks import Kept, Marked, Piece, Side, project
from .selectors import Selector

Kind = Literal["text", "ins", "del"]

_EVERY_PROPOSAL = Selector(Decision("accept", everything=True), every_proposal=True)


@dataclass(frozen=True, slots=True)
class Revision:
    """A run of text as a tracked document shows it: plain, inserted or deleted, and by whom."""

    text: str
    kind: Kind = "text"
    author: str | None = None
    nested: int = 0  # how many proposals it sits inside beyond its own (a page draws them nested)
    # text of an open bracket that names no delegation: no revision (Word has none without an
    # author), but still open, and a page marks it as such
    plain: bool = False
    # a deletion of words another proposal inserts (EU's insertion in a paragraph US proposes
    # to delete): who inserts them; Word nests the deletion in that insertion
    inserted_by: str | None = None
    # rival versions' one deletion of the words they strike, and the " / " between them: by all
    # their proposers together (``"EU, US"``), yet no joint proposal of theirs
    shared: bool = False


def revisions(content: tuple[Inline, ...], author_prefix: str = "") -> list[Revision]:
    """``content`` as plain text and revisions, one author per proposal."""
    marked = mark(Pass(_EVERY_PROPOSAL, author_prefix), content) or Marked(list(content))
    accept, reject = Trace(), Trace()
    project(marked, "accept", accept)
    project(marked, "reject", reject)
    walk = _Walk(accept, reject)
    walk.pieces(marked.pieces, None)
    return walk.finish()


class _Walk:
    def __init__(self, accept: Trace, reject: Trace):
        self.accept = accept
        self.reject = reject
        # (text, kind, author or None, whether the text sits at the end of a piece of text,
        # proposals it sits inside beyond its own, inside an open unattributed bracket, and
        # for words one proposal inserts and another deletes, who inserts them)
        self.out: list[tuple[str, Kind, str | None, bool, int, bool, str | None]] = []
        self.depth = -1  # the proposals being walked, beyond the first
        self.plain = 0  # how many open unattributed brackets the walk is inside
        self.sides: list[tuple[str, str]] = []  # the sides being walked: (view, author), outermost first

    def pieces(self, pieces: list[Piece], author: str | None) -> None:
        for p in pieces:
            if isinstance(p, Join):
                continue
            if isinstance(p, Side):
                self.depth += 1
                self.sides.append((p.view, p.author))
                self.pieces(p.pieces, p.author)
                self.sides.pop()
                self.depth -= 1
            elif isinstance(p, Marked):
                self.pieces(p.pieces, author)
            elif isinstance(p, Kept):
                kind = self._kind(id(p))
                b = p.bracket
                self.plain += b.kind == "plain"
                self.add(b.open + (b.tag.text if b.tag else ""), kind, author)
                self.pieces(p.body.pieces, author)
                self.add(b.tail + b.close + b.post, kind, author)
                self.plain -= b.kind == "plain"
            elif isinstance(p, Text):
                self.text(p, author)
            else:
                self.source(p, self._kind(id(p)), author)

    def _kind(self, key: int) -> Kind | None:
        return _KINDS[(key in self.accept.seen, key in self.reject.seen)]

    def source(self, node: Inline, kind: Kind | None, author: str | None) -> None:
        """A piece kept or dropped whole: drawn as written."""
        if isinstance(node, Bracket):
            self.plain += node.kind == "plain"
            self.add(node.open + (node.tag.text if node.tag else ""), kind, author)
            for n in node.body:
                self.source(n, kind, author)
            self.add(node.tail + node.close + node.post, kind, author)
            self.plain -= node.kind == "plain"
        else:
            self.add(node.text.replace("\n", " ") if isinstance(node, Text) else node.text, kind, author)

    def text(self, node: Text, author: str | None) -> None:
        a = self.accept.kept(node)
        r = self.reject.kept(node)
        text = node.text.replace("\n", " ")
        cuts = sorted({0, len(text), *a, *r})
        for start, end in pairwise(cuts):
            if start == end:
                continue
            key = (a[0] <= start and end <= a[1], r[0] <= start and end <= r[1])
            self.add(text[start:end], _KINDS[key], author, at_end=end == len(text) and start > 0)

    def add(self, text: str, kind: Kind | None, author: str | None, at_end: bool = False) -> None:
        inserted_by: str | None = None
        if kind is None:
            # kept by neither outcome: words one proposal inserts and another deletes inside
            # it ("[US: all [CAN: ~~relevant~~] States]"): CAN's deletion of US's insertion
            kind, author, inserted_by = self._deleted_insertion(author)
        if kind is None and text.isspace() and self.out and self.out[-1][6] is not None:
            # the space such a deletion leaves doubled, which neither outcome keeps either
            last = self.out[-1]
            kind, author, inserted_by = "del", last[2], last[6]
        if text and kind is not None:
            plain = kind == "text"
            self.out.append(
                (
                    text,
                    kind,
                    None if plain else author,
                    at_end,
                    0 if plain else max(self.depth, 0),
                    plain and self.plain > 0,
                    inserted_by,
                )
            )

    def _deleted_insertion(self, author: str | None) -> tuple[Kind | None, str | None, str | None]:
        """For words no outcome keeps: deleted by the innermost proposal that would take them
        out, inserted by a proposal around it that brings them; (None, …) when they are not."""
        for i in range(len(self.sides) - 1, -1, -1):
            view, deleter = self.sides[i]
            if view != "reject":
                continue
            # the inserting proposal is around the deletion ("[US: all [CAN: ~~relevant~~]]")
            # or inside it ("[CAN: shall] [US: delete]", accepted together)
            around = self.sides[:i][::-1]
            inner = self.sides[i + 1 :]
            inserter = next((who for v, who in around + inner if v == "accept" and who != deleter), None)
            if inserter is not None:
                return "del", deleter, inserter
            break
        return None, author, None

    def finish(self) -> list[Revision]:
        """Revisions, the draft's own text that one outcome tidies away given to the proposal
        next to it: after it when the text ends there, before it otherwise."""
        out: list[Revision] = []
        authors = [who for _, _, who, _, _, _, _ in self.out]
        # the nearest author before and after each piece, found in two passes (looking for them
        # piece by piece made a line of 10,000 proposals quadratic)
        before_of: list[str | None] = []
        last: str | None = None
        for w in authors:
            before_of.append(last)
            last = w if w is not None else last
        after_of: list[str | None] = [None] * len(authors)
        last = None
        for i in range(len(authors) - 1, -1, -1):
            after_of[i] = last
            last = authors[i] if authors[i] is not None else last
        for i, (text, kind, who, at_end, nested, open_plain, inserted_by) in enumerate(self.out):
            if kind != "text" and who is None:
                after, before = after_of[i], before_of[i]
                who = (after or before) if at_end else (before or after)
            author = who or ("unattributed" if kind != "text" else None)
            out.append(Revision(text, kind, author, nested, open_plain, inserted_by))
        return out


_KINDS: dict[tuple[bool, bool], Kind | None] = {
    (True, True): "text",
    (True, False): "ins",
    (False, True): "del",
    (False, False): None,
}


def as_written(content: tuple[Inline, ...]) -> list[Revision]:
    """``content`` drawn as written, brackets and tags included, with no revisions."""
    walk = _Walk(Trace(), Trace())
    for node in content:
        walk.source(node, "text", None)
    return [Revision(text) for text, *_ in walk.out]
