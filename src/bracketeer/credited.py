"""Other delegations' proposals carried in one delegation's submission, credited to them.

A delegation's copy of an agreed base sometimes holds another delegation's bracket or note: a
proposal copied in from an earlier compilation, or the whole compilation sent back with the
delegation's own edits. Taken as the submitter's edits, those proposals would be put in its
mouth. Here they are taken apart instead: the submitter's version is its copy with the others'
proposals rejected, and each other delegation's version is the base with that delegation's
proposals accepted, paragraph by paragraph.

That is exact only where the submitter changed nothing else in the paragraph: a paragraph in
which another delegation's proposal stands beside the submitter's own unbracketed changes, or
a paragraph that other delegation would move, does not say which words are whose, and is
refused at the proposal's place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .ast import Block, Document, Note, Paragraph, Sponsor
from .delegations import Registry
from .diff import Unit, align, units
from .errors import InputError, Problem
from .query import block_source, iter_brackets, iter_paragraphs, paragraph_lines, source_text
from .textutil import squash

# Word's curly quotes are the base's straight ones (as the consolidation takes them)
_STRAIGHTEN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def others_in(document: Document, code: str) -> list[str]:
    """The delegations other than ``code`` whose brackets, revisions or deletion and move notes
    ``document`` holds (names the registry does not know, a Word author such as "Jane Doe",
    are taken to be the submitter's own)."""
    found: set[str] = set()
    for b in document.blocks:
        if isinstance(b, Note) and b.kind in ("deletion", "move"):
            found.update(s.code for s in b.sponsors if s.code is not None)
        elif isinstance(b, Paragraph):
            for ln in paragraph_lines(b):
                for br, _ in iter_brackets(ln.content):
                    found.update(s.code for s in br.proposers if s.code is not None)
    return sorted(found - {code})


def versions(
    base: Document, code: str, document: Document, others: Sequence[str], registry: Registry
) -> list[tuple[str, Document]]:
    """``(delegation, its version of the base)``: the submitter's (its copy with ``others``'
    proposals rejected), then each other delegation's (the base with its proposals accepted).
    Raises ``InputError`` at a proposal whose words cannot be told from the submitter's."""
    from .resolver import Decision, resolve

    theirs = frozenset(others)
    own = resolve(
        document,
        [
            Decision("accept", frozenset({code})),
            Decision("reject", theirs),
            Decision("accept", everything=True),
        ],
    ).document
    out = [(code, own)]
    base_units, own_units = units(base), units(own)
    to_base = {n.index: o for o, n, _ in align(base_units, own_units)}
    for x in others:
        steps = [
            Decision("accept", frozenset({code})),
            Decision("accept", frozenset({x})),
            Decision("reject", theirs - {x}),
            Decision("accept", everything=True),
        ]
        with_x = resolve(document, steps).document
        version = _Version(base, document, code, x, to_base)
        out.append((x, version.of(own_units, units(with_x), registry)))
    return out


class _Version:
    """One other delegation's version of the base, built from the submitter's copy."""

    def __init__(self, base: Document, document: Document, code: str, x: str, to_base: dict[int, Unit]):
        self.base, self.document, self.code, self.x, self.to_base = base, document, code, x, to_base

    def of(self, own: list[Unit], with_x: list[Unit], registry: Registry) -> Document:
        """The base, each paragraph the delegation's proposals change replaced by the copy's
        paragraph with them accepted, each paragraph they add put after the one it follows,
        each they delete left out."""
        from .read.text import parse_text

        pairs = align(own, with_x)
        matched = sorted(pairs, key=lambda p: p[1].index)
        if [o.index for o, _, _ in matched] != sorted(o.index for o, _, _ in matched):
            self.refuse(None, "it moves paragraphs")
        replaced: dict[int, Paragraph | None] = {}
        for o, n, _ in pairs:
            if o.source != n.source or o.label != n.label:
                replaced[self.untouched(o, n.label)] = n.paragraph
        kept = {o.index for o, _, _ in pairs}
        for o in own:
            if o.index not in kept:
                replaced[self.untouched(o, o.label)] = None
        added = self.added(with_x, {n.index: o for o, n, _ in pairs})
        text = "".join(self.written(replaced, added))
        return parse_text(text, source=self.document.name, registry=registry, encoding=self.base.encoding)

    def untouched(self, o: Unit, label: str | None) -> int:
        """The base paragraph that the submitter's paragraph ``o`` is, unchanged: the delegation's
        proposals in it are then the only change."""
        b = self.to_base.get(o.index)
        if b is None or _plain(b) != _plain(o):
            self.refuse(label, f"{self.code} also changes that paragraph outside brackets")
        assert b is not None
        return b.index

    def added(self, with_x: list[Unit], matched: dict[int, Unit]) -> dict[int, list[Paragraph]]:
        """The paragraphs the delegation adds, by the base paragraph they follow (-1: first)."""
        out: dict[int, list[Paragraph]] = {}
        after = -1
        for n in with_x:
            if n.index in matched:
                after = self.untouched_or_changed(matched[n.index])
                continue
            out.setdefault(after, []).append(n.paragraph)
        return out

    def untouched_or_changed(self, o: Unit) -> int:
        b = self.to_base.get(o.index)
        if b is None:
            self.refuse(o.label, f"it follows a paragraph {self.code} adds")
        assert b is not None
        return b.index

    def written(
        self, replaced: dict[int, Paragraph | None], added: dict[int, list[Paragraph]]
    ) -> Iterator[str]:
        newline = self.base.newline
        k = -1
        first = True
        for block in self.base.blocks:
            if not isinstance(block, Paragraph):
                yield _verbatim(block)
                continue
            if first:
                first = False
                yield from (_source(p, newline) + newline for p in added.get(-1, []))
            k += 1
            if k in replaced:
                p = replaced[k]
                yield _source(p, newline) if p is not None else ""
            else:
                yield _verbatim(block)
            yield from (newline + _source(p, newline) for p in added.get(k, []))

    def refuse(self, label: str | None, why: str) -> None:
        """Refused at the delegation's proposal in that paragraph (its first proposal, the
        paragraph not found), in the submitter's copy."""
        line, column = _place(self.document, self.x, label)
        where = f"paragraph {label.rstrip('.')}" if label else "a paragraph"
        message = (
            f"{self.code}'s submission carries a proposal by {self.x} in {where}, and {why}: which "
            f"words are {self.x}'s cannot be told (send {self.x}'s in its own submission, or "
            "consolidate against the bracketed compilation)"
        )
        text = source_text(self.document)[len(self.document.bom) :]
        raise InputError(
            message, source=self.document.name, problems=(Problem(line, column, message),), text=text
        )


def _plain(u: Unit) -> str:
    return squash(u.source).translate(_STRAIGHTEN)


def _verbatim(block: Block) -> str:
    out: list[str] = []
    block_source(block, out)
    return "".join(out)


def _source(paragraph: Paragraph, newline: str) -> str:
    """A paragraph of the submitter's copy, in the base's line endings, ending with one."""
    text = _verbatim(paragraph).replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", newline) if newline != "\n" else text


def _place(document: Document, x: str, label: str | None) -> tuple[int, int]:
    """Where delegation ``x``'s first proposal in paragraph ``label`` stands (its first proposal
    anywhere, when that paragraph holds none)."""
    places = [
        (b.span.line, b.span.column) for b in document.blocks if isinstance(b, Note) and _by(b.sponsors, x)
    ]
    for p in iter_paragraphs(document):
        for ln in paragraph_lines(p):
            for br, _ in iter_brackets(ln.content):
                if _by(br.proposers, x):
                    if label is not None and p.label is not None and p.label.text == label:
                        return br.span.line, br.span.column
                    places.append((br.span.line, br.span.column))
    return min(places, default=(1, 1))


def _by(sponsors: Sequence[Sponsor], x: str) -> bool:
    return any(s.code == x for s in sponsors)
