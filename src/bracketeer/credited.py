"""Other delegations' proposals carried in one delegation's submission, credited to them.

A delegation's copy of an agreed base sometimes holds another delegation's bracket, revision or
note: a proposal copied in from an earlier compilation, or the whole compilation sent back with
the delegation's own edits. Taken as the submitter's edits, those proposals would be put in its
mouth. Here they are taken apart instead: the submitter's version is its copy with the others'
proposals rejected, and each other delegation's version is the base with that delegation's
proposals accepted, paragraph by paragraph, in the order it puts the paragraphs in.

Where the submitter changed other words of such a paragraph outside brackets, the proposal is
mapped onto the base's words around it; one standing inside or across the submitter's own
changed words does not say which words are whose, and is refused at its place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .ast import Block, Document, Heading, Note, Paragraph, Sponsor
from .delegations import Registry
from .diff import Unit, align, units, word_diff
from .errors import InputError, Problem
from .query import block_source, iter_brackets, iter_paragraphs, paragraph_lines, source_text
from .textutil import STRAIGHT_QUOTES, squash


def others_in(document: Document, code: str) -> list[str]:
    """The delegations other than ``code`` whose brackets, revisions or deletion and move notes
    ``document`` holds (names the registry does not know, a Word author such as "Jane Doe",
    are taken to be the submitter's own)."""
    found: set[str] = set()
    for b in document.blocks:
        if isinstance(b, Note) and b.kind in ("deletion", "move"):
            found.update(s.code for s in b.sponsors if s.code is not None)
        elif isinstance(b, (Paragraph, Heading)):
            for ln in paragraph_lines(b) if isinstance(b, Paragraph) else (b.line,):
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
    # the copy's own words, every proposal rejected: what the others' proposals stand in
    plain = resolve(document, [Decision("reject", everything=True)]).document
    plain_units = units(plain)
    to_base = {n.index: o for o, n, _ in align(units(base), plain_units)}
    for x in others:
        with_x = resolve(document, [Decision("accept", frozenset({x})), Decision("reject", everything=True)])
        version = _Version(base, document, code, x, to_base)
        version.headings = _Headings(base, plain, with_x.document)
        out.append((x, version.of(plain_units, units(with_x.document), registry)))
    return out


class _Version:
    """One other delegation's version of the base, built from the submitter's copy."""

    def __init__(self, base: Document, document: Document, code: str, x: str, to_base: dict[int, Unit]):
        self.base, self.document, self.code, self.x, self.to_base = base, document, code, x, to_base
        self.headings = _Headings(base, base, base)  # the base's, unless told the copy's

    def of(self, own: list[Unit], with_x: list[Unit], registry: Registry) -> Document:
        """The base, each paragraph the delegation's proposals change replaced by the copy's
        paragraph with them accepted, each paragraph they add put after the one it follows,
        each they delete left out."""
        from .read.text import parse_text

        pairs = align(own, with_x)
        replaced: dict[int, str | None] = {}
        for o, n, _ in pairs:
            if o.source != n.source or o.label != n.label:
                b = self.to_base.get(o.index)
                if b is not None and _plain(b) != _plain(o) and o.label == n.label:
                    # the submitter changed other words of it: its proposals, mapped onto the
                    # base's words, where they stand clear of the submitter's changes
                    mapped = _mapped(b, o, n)
                    if mapped is not None:
                        replaced[b.index] = mapped
                        continue
                replaced[self.untouched(o, n.label)] = _source(n.paragraph, self.base.newline)
        kept = {o.index for o, _, _ in pairs}
        for o in own:
            if o.index not in kept:
                replaced[self.untouched(o, o.label)] = None
        matched = {n.index: o for o, n, _ in pairs}
        added = self.added(with_x, matched)
        order = self.order(with_x, matched, {k for k, v in replaced.items() if v is None})
        text = "".join(self.written(replaced, added, order))
        return parse_text(text, source=self.document.name, registry=registry, encoding=self.base.encoding)

    def untouched(self, o: Unit, label: str | None) -> int:
        """The base paragraph that the submitter's paragraph ``o`` is, unchanged: the delegation's
        proposals in it are then the only change."""
        b = self.to_base.get(o.index)
        if b is None or _plain(b) != _plain(o):
            where = f"paragraph {label.rstrip('.')}" if label else "a paragraph"
            self.refuse(label, f"in {where}, where {self.code} also changes words outside brackets")
        assert b is not None
        return b.index

    def added(self, with_x: list[Unit], matched: dict[int, Unit]) -> dict[int, list[Paragraph]]:
        """The paragraphs the delegation adds, by the base paragraph they follow (-1: first)."""
        out: dict[int, list[Paragraph]] = {}
        after = -1
        for n in with_x:
            if n.index in matched:
                b = self.to_base.get(matched[n.index].index)
                # (after a paragraph the submitter adds: after the base paragraph before it)
                after = b.index if b is not None else after
                continue
            out.setdefault(after, []).append(n.paragraph)
        return out

    def order(self, with_x: list[Unit], matched: dict[int, Unit], deleted: set[int]) -> list[int]:
        """The base paragraphs the delegation keeps, in its order (a paragraph it moves where it
        puts it; one the submitter's copy lacks where the base has it)."""
        seq = [b.index for n in with_x if (o := matched.get(n.index)) and (b := self.to_base.get(o.index))]
        present = set(seq)
        count = sum(1 for b in self.base.blocks if isinstance(b, Paragraph))
        for j in range(count):
            if j not in present and j not in deleted:
                before = next((seq.index(i) for i in range(j - 1, -1, -1) if i in present), -1)
                seq.insert(before + 1, j)
                present.add(j)
        return seq

    def written(
        self, replaced: dict[int, str | None], added: dict[int, list[Paragraph]], order: list[int]
    ) -> Iterator[str]:
        """The base's blocks, its paragraphs' places filled in the delegation's order."""
        newline = self.base.newline
        paragraphs = [b for b in self.base.blocks if isinstance(b, Paragraph)]
        queue = iter(order)
        k = -1
        for block in self.base.blocks:
            if isinstance(block, Heading):
                yield self.heading(block)
                continue
            if not isinstance(block, Paragraph):
                yield _verbatim(block)
                continue
            if k < 0:
                yield from (_source(p, newline) + newline for p in added.get(-1, []))
            k += 1
            if k in replaced and replaced[k] is None:
                continue
            j = next(queue)
            yield replaced.get(j) or _verbatim(paragraphs[j])
            yield from (newline + _source(p, newline) for p in added.get(j, []))

    def heading(self, block: Heading) -> str:
        """A base heading in the delegation's version: as the submitter's copy has it with the
        delegation's proposals accepted, where the copy's own words are the base's."""
        mine = self.headings.of(block)
        if mine is None:
            self.refuse(None, "in a heading, where the headings are not the base's")
        assert mine is not None
        return mine

    def refuse(self, label: str | None, what: str) -> None:
        """Refused at the delegation's proposal in that paragraph (its first proposal, the
        paragraph not found), in the submitter's copy."""
        line, column = _place(self.document, self.x, label)
        message = (
            f"{self.code}'s submission carries a proposal by {self.x} {what}: which words are "
            f"{self.x}'s cannot be told (send {self.x}'s in its own submission, or consolidate "
            "against the bracketed compilation)"
        )
        text = source_text(self.document)[len(self.document.bom) :]
        raise InputError(
            message, source=self.document.name, problems=(Problem(line, column, message),), text=text
        )


def _mapped(b: Unit, o: Unit, n: Unit) -> str | None:
    """Base paragraph ``b`` with the changes from the submitter's paragraph ``o`` to ``n`` (the
    other delegation's proposals accepted) made to it, each at the place in ``b`` of the words
    around it; None where that place is not clear: a change touching one of the submitter's
    own (``b`` to ``o``), or a paragraph of several lines."""
    if any(len(list(paragraph_lines(u.paragraph))) != 1 for u in (b, o, n)):
        return None
    kept = _unchanged(b.source, o.source)
    pieces: list[str] = []
    done = 0  # how far into b the pieces reach
    at_o = 0
    for op in word_diff(o.source, n.source):
        if op.tag == "insert":
            start = end = at_o
        else:
            start, end = at_o, at_o + len(op.text)
            at_o = end
        if op.tag == "equal":
            continue
        stretch = next((k for k in kept if k[0] <= start and end <= k[1]), None)
        if stretch is None:
            return None
        where = stretch[2] + start - stretch[0]
        pieces += [b.source[done:where], "" if op.tag == "delete" else op.text]
        done = where + (end - start)
    body = "".join([*pieces, b.source[done:]])
    whole = _verbatim(b.paragraph)
    at = whole.rfind(b.source)
    return whole[:at] + body + whole[at + len(b.source) :] if at >= 0 else None


def _unchanged(old: str, new: str) -> list[tuple[int, int, int]]:
    """The stretches of ``new`` that are ``old``'s words unchanged: (start in new, end in new,
    start in old)."""
    kept: list[tuple[int, int, int]] = []
    at_old = at_new = 0
    for op in word_diff(old, new):
        if op.tag == "equal":
            kept.append((at_new, at_new + len(op.text), at_old))
        at_old += len(op.text) if op.tag != "insert" else 0
        at_new += len(op.text) if op.tag != "delete" else 0
    return kept


class _Headings:
    """The base's section headings in one delegation's version: each as the submitter's copy
    has it, with that delegation's proposals accepted (``with_x``), where the copy's words
    with every proposal rejected (``plain``) are the base's heading, in the same order."""

    def __init__(self, base: Document, plain: Document, with_x: Document):
        self.base = [b for b in base.blocks if isinstance(b, Heading)]
        self.plain = [b for b in plain.blocks if isinstance(b, Heading)]
        self.with_x = [b for b in with_x.blocks if isinstance(b, Heading)]

    def of(self, block: Heading) -> str | None:
        """``block`` as the version has it; None where that cannot be told."""
        text = _verbatim(block)
        if len(self.base) == len(self.plain) == len(self.with_x):
            k = next(i for i, h in enumerate(self.base) if h is block)
            if _words(self.with_x[k]) == _words(self.plain[k]):
                return text  # nothing of the delegation's in it
            if _words(self.plain[k]) == _words(block):
                ending = text[len(text.rstrip("\r\n")) :]
                return _verbatim(self.with_x[k]).rstrip("\r\n") + ending
            return None  # (its proposal stands in words the submitter changed)
        # the copy adds or removes headings: its proposals in them cannot be placed
        proposes = len(self.plain) != len(self.with_x) or any(
            _words(a) != _words(b) for a, b in zip(self.plain, self.with_x, strict=True)
        )
        return None if proposes else text


def _words(block: Block) -> str:
    return squash(_verbatim(block)).translate(STRAIGHT_QUOTES)


def _plain(u: Unit) -> str:
    return squash(u.source).translate(STRAIGHT_QUOTES)


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
