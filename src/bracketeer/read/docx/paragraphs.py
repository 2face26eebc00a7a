"""A Word document's paragraphs as text in the draft notation, each piece of text remembering the
XML it came from.

Every paragraph (in the body, in table cells in reading order, in content controls) becomes one
line. Its text is the numbering label Word shows, then the text of its runs; a native revision
is written in the notation a typed proposal uses (an insertion ``[US: words]``, a deletion
``[US: ~~words~~]``) so that one parser and one resolver serve both. Each piece of a line is a
``LinePart`` tied to its element, which is what lets a decided paragraph be rebuilt from its own
runs (``edit.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from lxml import etree

from ...textutil import RIVAL_SEPARATOR, WORD_JOINER, joint_comment
from .numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, R, T, DEL_TEXT, TAB, BR, CR = (W + t for t in ("p", "r", "t", "delText", "tab", "br", "cr"))
INS, DEL, MOVE_FROM, MOVE_TO = (W + t for t in ("ins", "del", "moveFrom", "moveTo"))
REVISIONS = frozenset({INS, DEL, MOVE_FROM, MOVE_TO})
DELETIONS = frozenset({DEL, MOVE_FROM})
# elements that hold runs and are kept around them when a paragraph is rebuilt
_WRAPPERS = frozenset(W + t for t in ("hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo", "sdt"))
_SDT_CONTENT = W + "sdtContent"
_PPR, _RPR = W + "pPr", W + "rPr"

Role = Literal["text", "element", "object", "marker", "syntax", "label"]
# what a paragraph's ``note`` starts with when the deletion note is typed as a paragraph of its
# own (then its line follows), not a comment
TYPED_NOTE = "typed:"


def _shows_something(parts: list[LinePart]) -> bool:
    """Whether a run's parts show more than spaces: words, a tab or break, an object."""
    return any(part.role in ("element", "object") or part.text.strip() for part in parts)


@dataclass(slots=True)
class LinePart:
    """A piece of a paragraph's line.

    ``text``: a run's text (``w:t``/``w:delText``); ``element``: a character drawn by an element
    (a tab, a line break); ``object``: something in a run with no text of its own (a footnote
    reference, a drawing, a field code); ``marker``: something between runs (a bookmark, a
    comment range, a hidden run), kept where it stands; ``syntax``: the brackets and tag written
    for a native revision; ``label``: the numbering label.
    """

    text: str
    role: Role
    node: etree._Element | None = None
    run: etree._Element | None = None
    chain: tuple[etree._Element, ...] = ()
    # syntax: the revisions one bracket writes (a deletion and the insertion replacing it)
    members: tuple[etree._Element, ...] = ()
    # the words of a deletion rival versions share, written again in a later version's bracket
    # (``[EU: ~~a~~ b] / [US: ~~a~~ c]``): in the document once, where the first version has them
    echo: bool = False


@dataclass(frozen=True, slots=True)
class Shared:
    """What a revision rival versions share is (their deletion, or a " / " inserted between two
    of them): the versions, each its insertion or, for the one that only deletes, a stand-in
    named as its delegation (in order: the author is theirs); for a separator, the insertions
    before it and the one after it."""

    versions: tuple[etree._Element, ...]
    before: tuple[etree._Element, ...] = ()
    after: etree._Element | None = None

    @property
    def separator(self) -> bool:
        return self.after is not None

    def accepted(self, accepted: Callable[[etree._Element], bool]) -> bool:
        """Whether it is accepted with the versions ``accepted`` says are: a deletion with any
        of them, a separator with the insertion after it and one before it."""
        if self.after is None:
            return any(map(accepted, self.versions))
        return accepted(self.after) and any(map(accepted, self.before))

    def inserting(self, standing: Callable[[etree._Element], bool]) -> int:
        """How many of its versions that insert words stand."""
        return sum(1 for v in self.versions if v.tag == INS and standing(v))

    def author(self, standing: Callable[[etree._Element], bool], authored: dict[int, str]) -> str:
        """The versions that stand, by their authors (``authored``: those a decision changed)."""
        return ", ".join(authored.get(id(v), v.get(W + "author", "")) for v in self.versions if standing(v))


@dataclass(slots=True)
class WordParagraph:
    """A line of the draft: a paragraph of the document, or (``element`` None) the note written
    for a comment, which stands before the paragraph it comments on and is never written back:
    the comment itself stays in the document."""

    element: etree._Element | None
    segments: list[LinePart]
    text: str
    # runs marked as proposals by formatting: the properties to take off when decided
    unformat: dict[int, tuple[str, ...]] = field(default_factory=dict)
    comment: str = ""  # for a comment's note: the comment's id
    # rival versions' shared deletion and the " / " insertions between them, by id
    shared: dict[int, Shared] = field(default_factory=dict)
    # a paragraph a comment's "US proposes to delete paragraph 3" names, which US's revisions
    # delete whole (as the tracked writer draws such a note): those deletions, read as the
    # note, not as brackets of their own, and the comment's id (TYPED_NOTE and its line, for a
    # note typed as the paragraph before)
    noted: tuple[etree._Element, ...] = ()
    note: str = ""
    # revisions a decision gives another author (a sponsor withdrawn from a joint one), by id:
    # set by the write-back (``write.word.sponsors``), never by the reader
    authored: dict[int, str] = field(default_factory=dict)


# Word's "scrubbed" authors (Remove personal information) and empty ones
_ANONYMOUS = frozenset({"", "author", "unknown", "anonymous", "unknown author"})
# "Delegation of Canada", "Permanent Mission of Argentina", and as Spanish and French secretariats
# name them: "Delegación de México", "Misión Permanente de Argentina", "Délégation du Canada"
_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:permanent\s+)?(?:delegation|mission|government|representative)s?\s+of\s+(?:the\s+)?)"
    r"|^(?:delegaci[oó]n|misi[oó]n|representaci[oó]n|gobierno)(?:\s+permanente)?\s+(?:de(?:l)?)\s+(?:(?:la|los|las)\s+)?"
    r"|^(?:d[ée]l[ée]gation|mission|repr[ée]sentation|gouvernement)(?:\s+permanente)?\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"\s+(?:permanent\s+)?(?:delegation|mission)$", re.IGNORECASE)
# "Jane Doe (United States)", "Doe, Jane (USA)": the delegation in parentheses after a person
_IN_PARENTHESES = re.compile(r"\(([^()]+)\)\s*$")


class Authors:
    """Who a revision's author is as a delegation: the ``--author-map`` and the delegations
    file's ``[authors]`` first, then the registry's names and aliases ("United States",
    "Delegation of Canada", "US Mission"). An author none of these know is kept as written; a
    scrubbed one is unattributed. ``seen`` records each author and what it became."""

    def __init__(self, lookup: Callable[[str], str | None], mapping: dict[str, str]):
        self._lookup = lookup
        self._mapping = {k.strip().casefold(): lookup(v) or v for k, v in mapping.items()}
        self.seen: dict[str, str | None] = {}

    def code(self, author: str) -> str | None:
        if author in self.seen:
            return self.seen[author]
        self.seen[author] = found = self._find(author.strip())
        return found

    def _find(self, author: str) -> str | None:
        if author.casefold() in _ANONYMOUS:
            return None
        if author.casefold() in self._mapping:
            return self._mapping[author.casefold()]
        inside = _IN_PARENTHESES.search(author)
        candidates = [author, _PREFIX.sub("", author), _SUFFIX.sub("", _PREFIX.sub("", author))]
        if inside:
            candidates += [inside.group(1), _PREFIX.sub("", inside.group(1).strip())]
        for candidate in candidates:
            code = self._lookup(candidate) if candidate else None
            if code:
                return code
        # a joint revision: "ARG, US"
        parts = [p for p in re.split(r"\s*(?:[,;/&]|\band\b)\s*", author) if p]
        codes = [self._lookup(p) for p in parts]
        if len(parts) > 1 and all(codes):
            return ", ".join(c for c in codes if c)
        # kept as written, in a form the notation reads as a tag
        words = re.findall(r"[\w.'’\-]+", author)
        if not words:
            return None
        return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


class Reader:
    def __init__(
        self,
        numbering: Numbering,
        authors: Authors,
        comments: dict[str, str],
        formatting: Callable[[list[LinePart], etree._Element], tuple[list[LinePart], Any]] | None = None,
    ):
        self.numbering = numbering
        self.authors = authors
        self.comments = comments  # comment id → the note written for it
        self.formatting = formatting  # proposals marked by formatting, when asked for
        self.unattributed: list[tuple[int, int]] = []  # (line, column) of such proposals by no one
        self.legends: list[int] = []  # lines that are a colour legend, read as text
        self.hidden: set[int] = set()  # revisions read as the deletion note they stand for
        self.shared: dict[int, Shared] = {}  # the paragraph's (``WordParagraph``)

    def paragraphs(self, body: etree._Element) -> Iterator[WordParagraph]:
        noted: set[str] = set()
        line = 0
        blocks = list(_blocks(body))
        typed: tuple[str, str, str] | None = None  # a deletion note typed as the paragraph before
        for p in blocks:
            # a deletion note's delegation, comment (or TYPED_NOTE and the typed note's line), target
            deleting = typed
            after = _after_the_words(p) if p is blocks[-1] else []
            ids = (ref.get(W + "id", "") for ref in p.iter(_COMMENT_START, _COMMENT_REFERENCE))
            for note in self._notes([cid for cid in ids if cid not in after], noted):
                line += 1
                yield note
                deleting = self._deleting(note.text, note.comment) or deleting
            line += 1
            para = self._paragraph(p, deleting, line)
            yield para
            typed = self._typed_deleting(para, line)
            for note in self._notes(after, noted):
                line += 1
                yield note
        self.hidden = set()

    def _notes(self, ids: list[str], noted: set[str]) -> list[WordParagraph]:
        """The notes of the comments ``ids`` not yet read (a comment is read once, where its
        first anchor stands)."""
        out = []
        for cid in ids:
            if cid in self.comments and cid not in noted:
                noted.add(cid)
                out.append(WordParagraph(None, [], self.comments[cid], comment=cid))
        return out

    def _paragraph(
        self, p: etree._Element, deleting: tuple[str, str, str] | None, line: int
    ) -> WordParagraph:
        """Paragraph ``p``, read as line ``line``; ``deleting``: what a deletion note before it
        proposes."""
        label = self.numbering.label(p)
        self.shared = {}
        hidden = self._noted(p, label, deleting) if deleting else ()
        self.hidden = {id(e) for e in hidden}
        segments: list[LinePart] = [LinePart(label + " ", "label")] if label else []
        self._content(p, (), segments)
        unformat: dict[int, tuple[str, ...]] = {}
        if self.formatting is not None:
            segments, found = self.formatting(segments, p)
            unformat = found.strip
            self.unattributed.extend((line, at + 1) for at in found.unattributed)
            if found.legend:
                self.legends.append(line)
        if _inserted_mark(p) is not None:
            _nest_in_inserted(segments)
        _hoist_label(segments)
        _apart(segments)
        note = deleting[1] if hidden and deleting else ""
        return WordParagraph(
            p,
            segments,
            "".join(s.text for s in segments),
            unformat,
            noted=hidden,
            note=note,
            shared=self.shared,
        )

    def _typed_deleting(self, para: WordParagraph, line: int) -> tuple[str, str, str] | None:
        """What a paragraph that is a deletion note typed in the text, with no revision in it,
        proposes ("US proposes to delete paragraph 3", as a compilation onto a Word base writes
        one): the paragraph it names, drawn deleted whole by that delegation, is read as the
        note, as after a comment saying so."""
        if " to delete " not in para.text or any(s.role == "syntax" for s in para.segments):
            return None
        return self._deleting(para.text.strip(), f"{TYPED_NOTE}{line}")

    def _deleting(self, words: str, cid: str) -> tuple[str, str, str] | None:
        """The delegation a comment's note proposes deleting a paragraph for, the comment, and
        the paragraph's label as the note gives it."""
        from ...query import FOLLOWING
        from ..nodes import DELETE_NOTE

        m = DELETE_NOTE.match(words)
        if m is None:
            return None
        code = self.authors.code(m.group("who"))
        return (code, cid, (m.group("target") or FOLLOWING).rstrip(".")) if code else None

    def _noted(
        self, p: etree._Element, label: str, deleting: tuple[str, str, str]
    ) -> tuple[etree._Element, ...]:
        """The deletions by the note's delegation that take out paragraph ``p`` whole, when ``p``
        is the paragraph the note names (its label); () otherwise, and they read as brackets."""
        from ...query import FOLLOWING
        from ..terminals import terminals

        code, _, target = deleting
        hidden = _deleted_whole(p, code, self._code)
        if not hidden:
            return ()
        text = label + " " if label else ""
        text += "".join(
            "\t" if t.tag == TAB else t.text or "" for t in p.iter(T, DEL_TEXT, TAB) if t.getparent().tag == R
        )
        if target == FOLLOWING:  # (the note names the paragraph it stands on)
            return hidden if not label else ()
        found = terminals()["LABEL"].match(text.lstrip())
        return hidden if found is not None and found.group().strip().rstrip(".") == target else ()

    def _content(
        self, parent: etree._Element, chain: tuple[etree._Element, ...], out: list[LinePart]
    ) -> None:
        children = list(parent)
        i, previous = 0, False  # whether a revision's bracket was just written (spaces aside)
        while i < len(children):
            child = children[i]
            tag = child.tag
            if tag in REVISIONS:
                i, previous = self._revision(children, i, chain, out, previous)
                continue
            previous = False if tag in _WRAPPERS else previous
            if tag == R:
                n = len(out)
                _run(child, chain, out)
                previous = False if _shows_something(out[n:]) else previous
            elif tag in _WRAPPERS:
                content = child.find(_SDT_CONTENT) if tag == W + "sdt" else child
                if content is not None:
                    self._content(content, (*chain, child), out)
            elif tag != _PPR and isinstance(tag, str):
                out.append(LinePart("", "marker", child, None, chain))
            i += 1

    def _revision(
        self,
        children: list[etree._Element],
        i: int,
        chain: tuple[etree._Element, ...],
        out: list[LinePart],
        previous: bool,
    ) -> tuple[int, bool]:
        """The revision at ``children[i]`` (with those by the same delegation after it) as one
        bracket; where reading goes on, and whether a bracket was written."""
        child = children[i]
        if id(child) in self.hidden:
            # a deletion the paragraph's note stands for: its words read as they stand
            self._content(child, (*chain, child), out)
            return i + 1, False
        rivals = _rival_layout(children, i, self.hidden)
        group, end = ([], i) if rivals else self._group(children, i)
        if previous and out:
            # touching, two delegations' revisions would read as alternatives, and with a space
            # between them as a pair a user must say how to read: in Word they are two changes,
            # each accepted on its own
            out.append(LinePart(WORD_JOINER, "syntax"))
        if rivals:
            self._rivals(rivals, chain, out)
            return i + rivals.size, True
        # an unattributed one too: "[the][US: ~~ old~~]" are two changes
        return end, self._revisions(group, self._code(child), chain, out) or previous

    def _rivals(self, rivals: _Rivals, chain: tuple[etree._Element, ...], out: list[LinePart]) -> None:
        """Rival versions as Word holds them (one deletion, each version's insertion after it,
        " / " between them inserted by all) as the brackets of a compilation's conflict,
        ``[EU: ~~a~~ b] / [US: ~~a~~ c]``: each version strikes the shared words; the one that
        only deletes them, if any, last."""
        shared = rivals.deletion
        struck: list[LinePart] = []
        self._content(shared, (*chain, shared), struck)
        # a space the deletion starts with (the text's, taken in when the last version only
        # deletes before a full stop) stands before the brackets, as the text has it
        if struck and struck[0].role == "text" and struck[0].text.startswith(" ") and len(struck[0].text) > 1:
            first = struck[0]
            out.append(replace(first, text=" "))
            struck[0] = replace(first, text=first.text[1:])
        versions = list(rivals.versions)
        if rivals.deleting:
            # a stand-in for the version with no insertion of its own, named as its delegation
            versions.append(etree.Element(W + "rival", {W + "author": rivals.deleting}))
        every = tuple(versions)
        self.shared[id(shared)] = Shared(every)
        for n, sep in enumerate(rivals.separators):
            self.shared[id(sep)] = Shared(every, every[: n + 1], every[n + 1])
        for n, version in enumerate(versions):
            if n < len(rivals.separators) + 1 and n:
                self._content(rivals.separators[n - 1], (*chain, rivals.separators[n - 1]), out)
            elif n:
                out.append(LinePart(RIVAL_SEPARATOR, "syntax"))  # (no " / " in the document)
            members = (version, shared, *rivals.separators)
            stroke = LinePart("~~", "syntax", shared, None, (*chain, shared), members)
            words = (
                struck
                if n == 0
                else [replace(x, echo=True, members=()) for x in struck if x.role in ("text", "element")]
            )
            inner = [stroke, *words, replace(stroke)]
            if version.tag == INS:
                self._content(version, (*chain, version), inner)
            write_bracket(inner, False, self._code(version), members, chain, out)

    def _code(self, revision: etree._Element) -> str | None:
        return self.authors.code(revision.get(W + "author", ""))

    def _group(self, children: list[etree._Element], i: int) -> tuple[list[etree._Element], int]:
        """The revisions by one delegation that follow each other from ``i`` (bookmarks and the
        like between them included): one bracket, as ``[US: ~~old~~new]``."""
        code = self._code(children[i])
        group, j = [children[i]], i + 1
        pending: list[etree._Element] = []
        while j < len(children):
            c = children[j]
            if c.tag in REVISIONS and self._code(c) == code and id(c) not in self.hidden:
                group.extend([*pending, c])
                pending = []
            elif c.tag in REVISIONS or c.tag == R or c.tag in _WRAPPERS or not isinstance(c.tag, str):
                break
            else:
                pending.append(c)
            j += 1
        return group, j - len(pending)

    def _revisions(
        self,
        group: list[etree._Element],
        code: str | None,
        chain: tuple[etree._Element, ...],
        out: list[LinePart],
    ) -> bool:
        members = tuple(e for e in group if e.tag in REVISIONS)
        inner: list[LinePart] = []
        struck = False
        for e in group:
            if e.tag not in REVISIONS:
                inner.append(LinePart("", "marker", e, None, chain))
                continue
            content: list[LinePart] = []
            self._content(e, (*chain, e), content)
            if not any(s.role in ("text", "element") for s in content):
                inner.extend(content)
                continue
            deletion = e.tag in DELETIONS
            if deletion != struck:
                inner.append(LinePart("~~", "syntax", e, None, (*chain, e), members))
                struck = deletion
            inner.extend(content)
        if not any(s.role in ("text", "element") for s in inner):
            out.extend(inner)
            return False
        write_bracket(inner, struck, code, members, chain, out)
        return True


@dataclass(frozen=True, slots=True)
class _Rivals:
    deletion: etree._Element
    versions: tuple[etree._Element, ...]  # the versions' insertions
    separators: tuple[etree._Element, ...]
    deleting: str  # the author of the version that only deletes, if one does

    @property
    def size(self) -> int:
        return 1 + len(self.versions) + len(self.separators)


def _rival_layout(children: list[etree._Element], i: int, hidden: set[int]) -> _Rivals | None:
    """At ``children[i]``, rival versions as a compilation writes them in Word: a deletion by
    every version's proposers ("EU, US"), then each version's insertion by its own, the ones
    after the first each after a " / " inserted by all (``write.model.one_deletion``); a version
    that only deletes is in the deletion's author alone. None when they are not there.
    ``hidden``: the revisions read as a deletion note (a paragraph it names is deleted whole),
    no revisions of their own here."""
    first = children[i]
    everyone = first.get(W + "author", "")
    if first.tag != DEL or ", " not in everyone:
        return None
    versions, separators = _insertions_after(children, i, everyone)
    names = [v.get(W + "author", "") for v in versions]
    deleting = "" if ", ".join(names) == everyone else _left_over(everyone, names)
    if not versions or deleting is None or len(versions) + bool(deleting) < 2:
        return None
    end = i + 1 + len(versions) + len(separators)
    if (
        deleting
        and end < len(children)
        and children[end].tag in REVISIONS
        and id(children[end]) not in hidden
    ):
        return None  # (a joint deletion, an insertion, and more: revisions as they stand)
    return _Rivals(first, tuple(versions), tuple(separators), deleting)


def _insertions_after(
    children: list[etree._Element], i: int, everyone: str
) -> tuple[list[etree._Element], list[etree._Element]]:
    """The insertions right after ``children[i]``: by others than ``everyone``, each but the
    first after a " / " inserted by ``everyone``; and those separators."""
    versions: list[etree._Element] = []
    separators: list[etree._Element] = []
    for c in children[i + 1 :]:
        if c.tag != INS:
            break
        if c.get(W + "author", "") != everyone:
            if len(versions) > len(separators):
                break
            versions.append(c)
        elif len(versions) == len(separators) or "".join(c.itertext()) != RIVAL_SEPARATOR:
            break
        else:
            separators.append(c)
    del separators[max(len(versions) - 1, 0) :]
    del versions[len(separators) + 1 :]
    return versions, separators


def _left_over(everyone: str, names: list[str]) -> str | None:
    """The author ``everyone`` names beyond ``names`` (in order, at one place among them): the
    version that only deletes; None when there is no such place."""
    for g in range(len(names) + 1):
        before = "".join(n + ", " for n in names[:g])
        after = "".join(", " + n for n in names[g:])
        if (
            len(before) + len(after) < len(everyone)
            and everyone.startswith(before)
            and everyone.endswith(after)
        ):
            rest = everyone[len(before) : len(everyone) - len(after)]
            if rest == rest.strip(", "):
                return rest
    return None


def _deleted_whole(
    p: etree._Element, code: str, code_of: Callable[[etree._Element], str | None]
) -> tuple[etree._Element, ...]:
    """The deletions by ``code`` that take out every word of paragraph ``p`` (other delegations'
    insertions inside them included, and words another delegation deletes beside them),
    outermost only; () when some word stands outside them."""
    found: dict[int, etree._Element] = {}
    for t in p.iter(T, DEL_TEXT, TAB):
        if t.getparent().tag != R or (t.tag != TAB and not (t.text or "").strip()):
            continue  # (a tab stop in the paragraph's properties is no character)
        outer, struck = _deleted_by(t, p, code, code_of)
        if outer is None and not struck:
            return ()
        if outer is not None:
            found[id(outer)] = outer
    if found:
        # (and its deletions of nothing but spaces, which are part of the whole)
        found.update((id(d), d) for d in p.iter(DEL) if code_of(d) == code and id(d) not in found)
    return tuple(found.values())


def _deleted_by(
    t: etree._Element, p: etree._Element, code: str, code_of: Callable[[etree._Element], str | None]
) -> tuple[etree._Element | None, bool]:
    """The outermost deletion by ``code`` holding ``t`` in ``p``, and whether any deletion
    holds it (Word nests no deletion in a deletion: another delegation's)."""
    outer = None
    struck = False
    for anc in t.iterancestors():
        if anc is p:
            break
        if anc.tag == DEL and code_of(anc) == code:
            outer = anc
        struck = struck or anc.tag in DELETIONS
    return outer, struck


def write_bracket(
    inner: list[LinePart],
    struck: bool,
    code: str | None,
    members: tuple[etree._Element, ...],
    chain: tuple[etree._Element, ...],
    out: list[LinePart],
) -> None:
    """``inner`` (text, strokes and all) as one bracket by ``code`` onto ``out``: ``members``
    are the elements the bracket stands for, decided together."""
    if struck:
        inner.append(LinePart("~~", "syntax", members[-1], None, (*chain, members[-1]), members))
    opening = "[" + (f"{code}: " if code else "")
    # a tag takes the spaces after it: inserted text that starts with a space has the space
    # written before the bracket ("report [US: on the Fund]")
    while inner and inner[0].role in ("text", "element") and inner[0].text[:1] in (" ", "\t", "\u00a0"):
        seg = inner[0]
        lead = len(seg.text) - len(seg.text.lstrip(" \t\u00a0"))
        out.append(LinePart(seg.text[:lead], seg.role, seg.node, seg.run, seg.chain))
        if lead == len(seg.text):
            inner.pop(0)
        else:
            inner[0] = LinePart(seg.text[lead:], seg.role, seg.node, seg.run, seg.chain)
            break
    # and a space it ends with, after it ("[US: the] US", not "[US: the ]US", which reads
    # "US" as the bracket's sponsor)
    trailing: list[LinePart] = []
    while inner and inner[-1].role in ("text", "element") and inner[-1].text[-1:] in (" ", "\t", "\u00a0"):
        seg = inner[-1]
        keep = seg.text.rstrip(" \t\u00a0")
        trailing.insert(0, LinePart(seg.text[len(keep) :], seg.role, seg.node, seg.run, seg.chain))
        if keep:
            inner[-1] = LinePart(keep, seg.role, seg.node, seg.run, seg.chain)
            break
        inner.pop()
    out.append(LinePart(opening, "syntax", members[0], None, (*chain, members[0]), members))
    out.extend(inner)
    out.append(LinePart("]", "syntax", members[-1], None, (*chain, members[-1]), members))
    out.extend(trailing)


_COMMENT_START, _COMMENT_REFERENCE = W + "commentRangeStart", W + "commentReference"


def _inserted_mark(p: etree._Element) -> etree._Element | None:
    """The insertion of paragraph ``p``'s mark (a new paragraph's; or the next one's, when that
    is the last: Word never marks the last mark, and a new last paragraph is inserted after the
    words of the one before)."""
    own = p.find(f"{_PPR}/{_RPR}/{INS}")
    if own is not None or any(e.tag == P for e in p.itersiblings()):
        return own
    before = next((e for e in p.itersiblings(preceding=True) if e.tag == P), None)
    return before.find(f"{_PPR}/{_RPR}/{INS}") if before is not None else None


def _nest_in_inserted(segments: list[LinePart]) -> None:
    """A new paragraph (its mark inserted) whose words are one delegation's insertions, first
    and last, with other delegations' insertions between them (Word has no insertion inside an
    insertion, so the tracked writer draws a proposal made inside a new paragraph so): read as
    that delegation's one proposal with theirs inside it, as the text notation writes it
    (``4.bis. [US: To authorize … [CAN: , subject to resources,] to …]``), not as brackets side
    by side, where the paragraph, no longer one proposal, would keep its note when rejected."""
    tops = _top_brackets(segments)
    if not tops:
        return
    opening = segments[tops[0][0]].text
    own = [(a, z) for a, z in tops if segments[a].text == opening]
    if not opening.endswith(": ") or len(own) < 2 or tops[-1] != own[-1]:
        return
    if not (_words_outside(segments, tops) or _others_strike(segments, tops, own)):
        _merge(segments, own)


def _merge(segments: list[LinePart], own: list[tuple[int, int]]) -> None:
    """The brackets ``own`` (where each opens and closes) as one, whose revisions are all of
    theirs, with what stands between them inside it (the word joiners between pieces aside)."""
    members = tuple(m for a, _ in own for m in segments[a].members)
    first, last = own[0][0], own[-1][1]
    drop = {a for a, _ in own[1:]} | {z for _, z in own[:-1]}
    drop |= {
        k for k in range(first, last) if segments[k].text == WORD_JOINER and segments[k].role == "syntax"
    }
    segments[first] = replace(segments[first], members=members)
    segments[last] = replace(segments[last], members=members)
    segments[:] = [seg for k, seg in enumerate(segments) if k not in drop]


def _words_outside(segments: list[LinePart], tops: list[tuple[int, int]]) -> bool:
    """Whether words stand outside every bracket (words no one inserted)."""
    inside = {k for a, z in tops for k in range(a, z + 1)}
    return any(
        k not in inside and seg.role in ("text", "element") and seg.text.strip(" \t\u00a0\u2060")
        for k, seg in enumerate(segments)
    )


def _others_strike(segments: list[LinePart], tops: list[tuple[int, int]], own: list[tuple[int, int]]) -> bool:
    """Whether another's bracket among ``tops`` strikes words (words no one inserted)."""
    mine = {a for a, _ in own}
    return any(a not in mine and any(s.text == "~~" for s in segments[a : z + 1]) for a, z in tops)


def _top_brackets(segments: list[LinePart]) -> list[tuple[int, int]]:
    """Where each outermost bracket a revision writes opens and closes (its syntax parts)."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for k, seg in enumerate(segments):
        if seg.role != "syntax" or not seg.members:
            continue
        if seg.text.startswith("["):
            depth, start = depth + 1, k if depth == 0 else start
        elif seg.text.endswith("]"):
            depth -= 1
            if depth == 0:
                out.append((start, k))
    return out


def _hoist_label(segments: list[LinePart]) -> None:
    """A whole paragraph proposed as a revision holds its own label (``4.bis.``): read it as the
    text notation writes it, the label before the bracket (``4.bis. [US: …]``)."""
    shown = [i for i, s in enumerate(segments) if s.role not in ("marker", "object")]
    if len(shown) < 2 or segments[shown[0]].role != "syntax" or segments[shown[0]].text.endswith("~~"):
        return
    opening = shown[0]
    last = segments[shown[-1]]
    if last.role != "syntax" or last.members != segments[opening].members:
        return  # not the whole paragraph: the words are the proposal's own
    body = shown[1:]
    text = ""
    for i in body:
        if segments[i].role not in ("text", "element"):
            break
        text += segments[i].text
    from ..terminals import terminals

    found = terminals()["LABEL"].match(text)
    m = found and terminals()["LABEL_SEP"].match(text, found.end())
    if not m:
        return
    need, moved = m.end(), []
    while need:
        i = opening + 1
        seg = segments[i]
        if seg.role in ("marker", "object") or len(seg.text) <= need:
            moved.append(segments.pop(i))
            need -= len(seg.text)
        else:
            moved.append(LinePart(seg.text[:need], seg.role, seg.node, seg.run, seg.chain))
            segments[i] = LinePart(seg.text[need:], seg.role, seg.node, seg.run, seg.chain)
            need = 0
    segments[opening:opening] = moved


_PAREN_CAPITAL = frozenset("(" + chr(c) for c in range(ord("A"), ord("Z") + 1))


def _apart(segments: list[LinePart]) -> None:
    """A revision's bracket followed at once by a capital ("[US: the]CAN", "[US: the](LDC)")
    would read the word as the bracket's sponsors, and touching a bracket typed in the text
    ("[the][US: ~~old~~]") the two would read as alternatives, where in Word they are two
    things: a word joiner keeps them apart."""
    for i in range(len(segments) - 1, -1, -1):
        seg = segments[i]
        if seg.role != "syntax" or not seg.members:
            continue
        if seg.text.endswith("]") and _reads_on(next((x for x in segments[i + 1 :] if x.text), None)):
            segments.insert(i + 1, LinePart(WORD_JOINER, "syntax"))
        elif seg.text.startswith("[") and _typed_closing(
            next((x for x in reversed(segments[:i]) if x.text), None)
        ):
            segments.insert(i, LinePart(WORD_JOINER, "syntax"))


def _reads_on(nxt: LinePart | None) -> bool:
    """Whether what follows a revision's "]" would read as part of its bracket: a capital (its
    sponsors), a parenthesis and a capital, or a typed "[" (an alternative to it)."""
    if nxt is None:
        return False
    typed_opening = nxt.role == "text" and nxt.text.startswith(("[", "［"))
    return nxt.text[:1].isupper() or nxt.text[:2] in _PAREN_CAPITAL or typed_opening


def _typed_closing(before: LinePart | None) -> bool:
    return before is not None and before.role == "text" and before.text.endswith(("]", "］"))


def _after_the_words(p: etree._Element) -> list[str]:
    """The comments anchored after the last words of ``p`` (none of its text after them): in
    the document's last paragraph, their notes follow it, as a note the decisions left after
    the last paragraph does (the write-back anchors it so). Anywhere else a comment's note
    stands before the paragraph it is on."""
    ids: list[str] = []
    before: set[str] = set()  # anchored before some of the words too (a range over them)
    words = False
    for el in p.iter(T, DEL_TEXT, _COMMENT_START, _COMMENT_REFERENCE):
        if el.tag == T or el.tag == DEL_TEXT:
            if el.text:
                words = True
                before.update(ids)
                ids = []
        else:
            ids.append(el.get(W + "id", ""))
    return [i for i in dict.fromkeys(ids) if i not in before] if words else []


def comment_words(c: etree._Element) -> str:
    """A comment's words, its paragraphs joined by a space."""
    paras = ["".join(t.text or "" for t in p.iter(T)).strip() for p in c.iter(P)]
    return " ".join(x for x in paras if x)


def comment_notes(comments: etree._Element | None) -> dict[str, str]:
    """Each comment as a note line: its own words when they read as a note already, as the
    grammar's NOTE reads a line ("Proposed new paragraph submitted by …", "Option 1", "{End
    of options}", "US proposes to delete paragraph 5", as the tracked writer puts notes in
    comments), else ``Note: AUTHOR: words``. Brackets become parentheses, since a note holds
    none. A joint proposal's comment (``joint_comment``) is no note: its revisions' author
    says it already."""
    from ..terminals import terminals

    note = terminals()["NOTE"]
    out: dict[str, str] = {}
    if comments is None:
        return out
    for c in comments.iter(W + "comment"):
        said = comment_words(c)
        author = c.get(W + "author", "").strip()
        words = said.translate(_NO_BRACKETS)
        if not words or said == joint_comment(author):
            continue
        whole = note.match(words)
        if whole is None or whole.end() != len(words):
            words = f"Note: {author}: {words}" if author else f"Note: {words}"
        out[c.get(W + "id", "")] = words
    return out


_NO_BRACKETS = str.maketrans({"[": "(", "]": ")", "［": "(", "］": ")", "\n": " ", "\r": " "})


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a body or a table cell, in reading order, tables cell by cell."""
    for child in container:
        tag = child.tag
        if tag == P:
            yield child
        elif tag == W + "tbl":
            for row in _children(child, W + "tr"):
                for cell in _children(row, W + "tc"):
                    yield from _blocks(cell)
        elif tag == W + "sdt":
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif tag == W + "customXml":
            yield from _blocks(child)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """``parent``'s children named ``tag``, looking through content controls around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(_SDT_CONTENT) if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


_VANISH = W + "vanish"
_CHARS = {TAB: "\t", BR: " ", CR: " ", W + "noBreakHyphen": "-"}


_RAW_BREAKS = str.maketrans(
    {"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " ", "\x85": " "}
)


def _run(r: etree._Element, chain: tuple[etree._Element, ...], out: list[LinePart]) -> None:
    rpr = r.find(_RPR)
    if rpr is not None:
        vanish = rpr.find(_VANISH)
        if vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off"):
            out.append(LinePart("", "marker", r, None, chain))  # hidden text: kept, never read
            return
    n = len(r)
    if 0 < n <= 2 and r[n - 1].tag == _COMMENT_REFERENCE and (n == 1 or r[0].tag == _RPR):
        # a comment's reference alone: a mark between runs, as its range is; it shows nothing
        out.append(LinePart("", "marker", r, None, chain))
        return
    for child in r:
        tag = child.tag
        if tag == _RPR:
            continue
        if tag == T or tag == DEL_TEXT:
            if child.text:
                # a line break typed raw into the text is white space to Word, never a new
                # paragraph (it would split the draft's line and move every line after it)
                out.append(LinePart(child.text.translate(_RAW_BREAKS), "text", child, r, chain))
        elif tag in _CHARS:
            out.append(LinePart(_CHARS[tag], "element", child, r, chain))
        elif isinstance(tag, str):
            out.append(LinePart("", "object", child, r, chain))
