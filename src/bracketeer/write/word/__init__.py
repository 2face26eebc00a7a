"""Writing a draft into the Word document it was read from: the decided draft back into its own
document (``write_back``), or its typed proposals made native revisions in place (``tracked``).
A paragraph the draft did not change keeps its XML byte for byte, and so does every other part
of the package; a changed one is rebuilt from its own runs (``edit``).

The reader (``read/docx``) keeps what writing needs in ``Document.origin`` (a ``WordSource``);
this package reuses the reader's names for Word's XML, never the other way round.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Mapping, Set
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ...ast import Blank, Document
from ...errors import BracketeerError
from ...read.docx import SEPARATOR, WordSource
from ...read.docx.package import Package
from ...read.docx.paragraphs import TYPED_NOTE, WordParagraph
from ...textutil import WORD_JOINER

if TYPE_CHECKING:
    from .edit import Rebuild

__all__ = ["extension", "source_of", "tracked", "write_back"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class WriteBackError(BracketeerError):
    """The decision cannot be written into the Word document exactly: nothing is written."""


def source_of(document: Document) -> WordSource:
    """The Word document ``document`` was read from; ValueError for a draft read from text."""
    if not isinstance(document.origin, WordSource):
        raise ValueError("not a draft read from a Word document")
    return document.origin


_KINDS = {
    b"macroEnabledTemplate.main": ".dotm",
    b"macroEnabled.main": ".docm",
    b"template.main": ".dotx",
}


def extension(document: Document) -> str:
    """The file ending Word wants for the kind of document this draft was read from: a
    macro-enabled document is a .docm, a template a .dotx (Word refuses one named otherwise)."""
    types = source_of(document).package.parts.get("[Content_Types].xml")
    data = types.data if types is not None else b""
    for mark, ending in _KINDS.items():
        if mark in data:
            return ending
    return ".docx"


def writable(self: WordSource) -> None:
    """Refuse, before anything is done, a document that cannot be written back as it is."""
    if self.package.strict:
        raise WriteBackError(
            "a Strict Open XML document: read, but not written back (its namespaces are not the "
            "ones bracketeer writes); save it in Word as a Word Document (.docx), or write the "
            "decided text with --to text",
            source=self.package.source,
        )
    head = self.package.parts[self.package.main].data[:200]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        # paragraphs are spliced back by their bytes, which this reader finds in UTF-8 only
        raise WriteBackError(
            f"{self.package.main} is written in UTF-16: read, but not written back; save the "
            "document again in Word, or write the decided text with --to text",
            source=self.package.source,
        )
    hidden = [u for u in self.unread if "[" in u.text]
    if hidden:
        u = hidden[0]
        raise WriteBackError(
            f"paragraph {u.line}: {u.what} holds brackets bracketeer does not read "
            f"({u.text[:60]!r}); a decision written back would leave them as they are; nothing "
            "written (write the decided text with --to text)",
            source=self.package.source,
        )


def write_back(document: Document, clean: bool = False, *, lines: Mapping[int, int] | None = None) -> bytes:
    """The document with ``document`` (this draft after decisions) in place of its own
    text: the paragraphs whose line changed are rebuilt from their own runs, every other
    paragraph and every other part of the package stays as it was. ``clean``: without notes
    and brackets, as ``render --mode clean``. ``lines``: where the source's lines stand in
    ``document`` (0: gone) when it is another text, lines added before them (a compilation);
    unsaid, where they were read."""
    from lxml import etree

    from .. import text as rtext
    from .note_sponsors import reauthored, renamed_notes, reworded
    from .sponsors import withdrawn

    self = withdrawn(source_of(document), document)
    writable(self)
    assert isinstance(self.root, etree._Element)
    # the notes written for comments are not paragraphs of the document: they take no part, and
    # a comment whose note the decisions removed goes from the document with its anchors
    placed = _placed(self, lines)
    # the comments by their notes' lines in the draft (one gone there is dropped below)
    comments = {
        n: p.comment for k, p in enumerate(self.paragraphs) if p.element is None and (n := placed(k + 1))
    }
    # (a comment's line is its note whatever it parsed as: a block starting there is the comment)
    noted = {x.span.line for x in document.blocks if not isinstance(x, Blank)}
    _no_comment_inside(self, document, set(comments))
    dropped = _dropped(self, placed, noted)
    renamed = renamed_notes(self, document, comments)  # some sponsors withdrew from these notes
    render = rtext.clean if clean else rtext.bracketed
    as_decided = render(document)  # comments' notes included: the document must read so
    decided = document
    document = _without_comment_notes(document, set(comments))
    text = render(document)
    real = [k for k, p in enumerate(self.paragraphs) if p.element is not None]
    changed, added, moved = _changes(self, real, _paragraph_texts(text))
    with reauthored(self, renamed) as retouched:
        _notes_rejected(self, [k for k in real if k not in moved], changed, dropped)
        anchors = _anchors_kept(self, (decided, comments), real, changed, dropped)
        how = _paragraph_marks(self, real, changed)
        worded = reworded(self, renamed, comments)
        data = _splice(self, changed, how, added, dropped, moved, anchors, (retouched, worded))
    _check(self, data, as_decided, clean, dropped)
    return data


def _anchors_kept(
    self: WordSource,
    notes: tuple[Document, Mapping[int, str]],
    real: list[int],
    changed: dict[int, Rebuild],
    dropped: Set[str],
) -> dict[int, list[tuple[object, bool]]]:
    """The anchors of comments whose notes stand, in paragraphs a decision removes (a move
    note on a paragraph another's deletion takes out): moved to the start of the paragraph that
    follows the note in the decided text (``notes``: that text, and the comments by the line
    their notes stand on); with none after it, to the end of the one before it, where the
    reader takes a comment for a note after the document's last paragraph. Each anchor with
    whether it goes at the end."""
    from .edit import Rebuild

    decided, comments = notes
    order = [x.span.line for x in decided.blocks if not isinstance(x, Blank)]  # lines, decided order
    at = {comments[line]: i for i, line in enumerate(order) if line in comments}
    out: dict[int, list[tuple[object, bool]]] = {}
    for k in (k for k in real if k in changed and changed[k].removed):
        for cid, kept in _standing_anchors(self.paragraphs[k], set(at) - dropped).items():
            place = _place_of_anchors(order[at[cid] + 1 :], order[: at[cid]], set(comments))
            if place is not None:  # (else the check finds the note gone: refused)
                out.setdefault(place[0] - 1, []).extend((a, place[1]) for a in kept)
    for k in out:
        if k not in changed:
            changed[k] = Rebuild(self.paragraphs[k], self.paragraphs[k].text)
    return out


def _place_of_anchors(after: list[int], before: list[int], notes: Set[int]) -> tuple[int, bool] | None:
    """Where a note's anchors go, by the decided text's lines ``after`` and ``before`` it: the
    first paragraph after it, at its start, or the last before it, at its end."""
    nxt = next((line for line in after if line not in notes), None)
    if nxt is not None:
        return nxt, False
    prv = next((line for line in reversed(before) if line not in notes), None)
    return (prv, True) if prv is not None else None


def _standing_anchors(para: WordParagraph, standing: Set[str]) -> dict[str, list[object]]:
    """The range marks and reference runs in ``para`` of the comments ``standing`` (notes not
    dropped), by comment. (A joint proposal's comment goes with the proposal.)"""
    out: dict[str, list[object]] = {}
    if para.element is None:
        return out
    for a in para.element.iter(*_ANCHORS):
        cid = a.get(_W_ID, "")
        if cid in standing:
            out.setdefault(cid, []).append(a.getparent() if a.tag == _REFERENCE else a)
    return out


_ANCHORS = tuple(f"{{{_W}}}{t}" for t in ("commentRangeStart", "commentRangeEnd", "commentReference"))
_REFERENCE = f"{{{_W}}}commentReference"
_W_ID = f"{{{_W}}}id"


def _notes_rejected(
    self: WordSource, real: list[int], changed: dict[int, Rebuild], dropped: set[str]
) -> None:
    """A paragraph whose deletion note went while the paragraph stays (the note rejected):
    the deletion its note stood for goes from the document too."""
    from .edit import Rebuild

    for k in real:
        para = self.paragraphs[k]
        if not para.note or para.note not in dropped or (k in changed and changed[k].removed):
            continue
        line = changed[k].new_text if k in changed else para.text
        changed[k] = Rebuild(para, line, note_decided=True)


def _changes(
    self: WordSource, real: list[int], new: list[str]
) -> tuple[dict[int, Rebuild], dict[int, list[str | int]], set[int]]:
    """The document's paragraphs (``real``: their places among the reader's lines) against the
    decided text's lines: each paragraph whose line changed, to rebuild (or remove), the
    lines that have no paragraph of their own (a compilation's) and the paragraphs moved (by
    their place among the reader's lines), by the paragraph they follow, and the paragraphs
    moved away from where they were."""
    from .edit import Rebuild, paragraph_pairs

    old = [self.paragraphs[k].text for k in real]
    changed: dict[int, Rebuild] = {}
    added: dict[int, list[str | int]] = {}
    moved: dict[int, str] = {}  # a moved paragraph (by its place among the lines): its line there
    after = -1
    for i, j, move in paragraph_pairs(old, new):
        place = real[after] if after >= 0 else -1
        if move:
            assert i is not None and j is not None
            added.setdefault(place, []).append(real[i])
            moved[real[i]] = new[j]
        elif i is None:
            if j is not None and new[j].strip():
                added.setdefault(place, []).append(new[j])
        else:
            after = i
            line = _line_for(old[i], new[j] if j is not None else None)
            if line != old[i] or self.paragraphs[real[i]].authored:
                changed[real[i]] = Rebuild(self.paragraphs[real[i]], line)
    for k, line in moved.items():  # moved and changed: rebuilt, and placed there as rebuilt
        if line != self.paragraphs[k].text or self.paragraphs[k].authored:
            changed[k] = Rebuild(self.paragraphs[k], line)
    return changed, added, set(moved)


def _line_for(old: str, line: str | None) -> str | None:
    """A paragraph's decided line; None when it goes (all its text was decided away: the
    paragraph goes, as in Word)."""
    return None if line is not None and not line.strip() and old.strip() else line


def _paragraph_marks(
    self: WordSource, real: list[int], changed: dict[int, Rebuild]
) -> dict[int, tuple[set[str | None], object, dict[str, str]]]:
    """How each changed paragraph's own mark is decided (adding to ``changed`` the paragraphs
    whose mark alone is).

    A paragraph mark's revision belongs with the text it brings: a mark inserted with the
    paragraph after it (Word marks the one before a new last paragraph) is decided with
    that paragraph, and when its text is rejected the two paragraphs become one, with the
    properties of the one that follows, as Word's Reject does."""
    from .edit import Rebuild

    absorbs: dict[int, object] = {}
    settled: dict[int, set[str | None]] = {}
    renamed: dict[int, dict[str, str]] = {}
    for pos, k in enumerate(real):
        nxt = real[pos + 1] if pos + 1 < len(real) else None
        here, marks = _decided_marks(self, k, nxt, changed)
        renamed[k] = _marks_renamed(self, k, nxt, marks, changed)
        if not here:
            continue
        settled[k] = here
        if k not in changed:
            changed[k] = Rebuild(self.paragraphs[k], self.paragraphs[k].text)
        joins = nxt is not None and nxt in changed and changed[nxt].removed and not changed[k].removed
        if joins and any(kind == "ins" for kind, author in marks if author in here):
            assert nxt is not None
            absorbs[k] = self.paragraphs[nxt].element
    return {k: (settled.get(k, set()), absorbs.get(k), renamed.get(k, {})) for k in changed}


def _marks_renamed(
    self: WordSource,
    k: int,
    nxt: int | None,
    marks: list[tuple[str, str | None]],
    changed: dict[int, Rebuild],
) -> dict[str, str]:
    """The revisions of paragraph ``k``'s mark whose author a decision changes with the text it
    brings (its own or the next paragraph's: a sponsor withdrawn from a new paragraph), by
    author: the new author (the paragraph added to ``changed``)."""
    from .edit import Rebuild
    from .sponsors import renamed_authors

    if not marks:
        return {}
    renamed = renamed_authors(self.paragraphs[k])
    if nxt is not None:
        renamed.update(renamed_authors(self.paragraphs[nxt]))
    out = {a: renamed[a] for _, a in marks if a in renamed}
    if out and k not in changed:
        changed[k] = Rebuild(self.paragraphs[k], self.paragraphs[k].text)
    return out


def _decided_marks(
    self: WordSource, k: int, nxt: int | None, changed: dict[int, Rebuild]
) -> tuple[set[str | None], list[tuple[str, str | None]]]:
    """The authors whose revision of paragraph ``k``'s mark is decided (with its own text or
    the next paragraph's), and every revision of the mark."""
    from .edit import mark_revisions

    element = self.paragraphs[k].element
    assert element is not None
    marks = mark_revisions(element)
    if not marks:
        return set(), marks
    decided = set(changed[k].decided_authors) if k in changed else set()
    if nxt is not None and nxt in changed:
        decided |= changed[nxt].decided_authors
    return {author for _, author in marks if author in decided}, marks


def _no_comment_inside(self: WordSource, document: Document, lines: set[int]) -> None:
    """A comment's line inside a block of several lines (a bracket opened in one paragraph and
    closed in a later one takes the lines between) cannot be told from the block's own text:
    refused rather than written as a paragraph of the document."""
    for x in document.blocks:
        if isinstance(x, Blank):
            continue
        last = x.span.end_line if x.span.end_column > 1 else x.span.end_line - 1
        inside = [n for n in lines if x.span.line < n <= last]
        if inside:
            raise WriteBackError(
                f"paragraph {inside[0]}: a comment stands inside a bracket that runs over paragraphs "
                f"{x.span.line} to {last}; nothing written (check finds the bracket; write the decided "
                "text with --to text)",
                source=self.package.source,
            )


def _without_comment_notes(document: Document, lines: set[int]) -> Document:
    """The draft without the lines written for comments (whatever they parsed as: a note, or
    a line the structure took for something else), which are not paragraphs of the document."""
    return replace(
        document,
        blocks=tuple(x for x in document.blocks if isinstance(x, Blank) or x.span.line not in lines),
    )


def _check(self: WordSource, data: bytes, text: str, clean: bool, dropped: Set[str] = frozenset()) -> None:
    """The document written reads as the decision: each paragraph's text as the decided draft's
    line, or nothing is written (a document that says other than what was decided, with no word
    of it, is the one thing this must never do)."""
    if self.reread is None:
        return
    # the lines the reader makes are the draft's text as it parses (a lossless tree), so they are
    # compared as they come; a clean rendering has no notes, and comments stay comments
    written = [p for p in self.reread(data) if not (clean and p.element is None)]
    _notes_kept(self, written, dropped)
    want_lines = _comparable(text)
    got_lines = _comparable(SEPARATOR.join(p.text for p in written) + "\n")
    if want_lines == got_lines:
        return
    from itertools import zip_longest

    # Word numbers a list itself: with an item gone, the next reads "2." where the decided text,
    # whose labels are its own words, still says "3." (renumbering is a decision of its own)
    numbered = {
        p.text.replace(WORD_JOINER, ""): seg.text
        for p in written
        for seg in p.segments[:1]
        if seg.role == "label"
    }
    differ = [
        (w, h)
        for w, h in zip_longest(want_lines, got_lines, fillvalue="")
        if w != h and not _renumbered(w, h, numbered)
    ]
    if differ:
        _refuse(self, *differ[0])


def _notes_kept(self: WordSource, written: list[WordParagraph], dropped: Set[str]) -> None:
    """A deletion note's paragraph reads the same with or without the deletion drawn in it:
    each note still standing must still have its paragraph deleted whole."""
    standing = {p.note for p in self.paragraphs if p.note} - dropped
    have = {p.note for p in written if p.note}
    # (a typed note's line may move: its paragraphs are counted)
    typed = sum(n.startswith(TYPED_NOTE) for n in standing) > sum(n.startswith(TYPED_NOTE) for n in have)
    if typed or {n for n in standing if not n.startswith(TYPED_NOTE)} - have:
        raise WriteBackError(
            "cannot write the decision into this Word document exactly: a paragraph a deletion "
            "note names would no longer be marked deleted; nothing written (the decided text can "
            "be written with --to text)",
            source=self.package.source,
        )


def _placed(self: WordSource, lines: Mapping[int, int] | None) -> Callable[[int], int]:
    """Where each of the source's lines stands in the draft written (0: gone). A comment's line
    that no line of the draft is said to hold cannot be placed: refused."""
    if lines is None:
        return lambda line: line

    def placed(line: int) -> int:
        if line not in lines:
            raise WriteBackError(
                f"paragraph {line}: a comment's note is not a line of its own in what is written; "
                "nothing written (the text can be written with --to text)",
                source=self.package.source,
            )
        return lines[line]

    return placed


def _dropped(self: WordSource, placed: Callable[[int], int], noted: Set[int]) -> set[str]:
    """The notes the decisions took out (``noted``: the lines of the blocks left, ``placed``
    giving each of the source's lines there): the comments' ids, and ``TYPED_NOTE`` and the
    line for a deletion note typed as a paragraph."""
    out: set[str] = set()
    for k, p in enumerate(self.paragraphs):
        if p.element is None and placed(k + 1) not in noted:
            out.add(p.comment)
        if p.note.startswith(TYPED_NOTE) and placed(int(p.note[len(TYPED_NOTE) :])) not in noted:
            out.add(p.note)
    return out


def _refuse(self: WordSource, want: str, have: str) -> None:
    at = next(
        (i for i, (x, y) in enumerate(zip(want, have, strict=False)) if x != y), min(len(want), len(have))
    )
    start = max(0, at - 30)
    raise WriteBackError(
        "cannot write the decision into this Word document exactly: where the decision reads "
        f"{_window(want, start)!r}, the document would read {_window(have, start)!r}; nothing "
        "written (the decided text can be written with --to text)",
        source=self.package.source,
    )


def _renumbered(want: str, have: str, numbered: Mapping[str, str]) -> bool:
    """Whether the two lines differ only in a label Word's list numbering draws."""
    from ...read.terminals import terminals

    label = numbered.get(have)
    if not label or not have.startswith(label):
        return False
    found = terminals()["LABEL"].match(want)
    sep = terminals()["LABEL_SEP"].match(want, found.end()) if found else None
    return sep is not None and want[sep.end() :] == have[len(label) :]


def _window(line: str, start: int) -> str:
    return ("…" if start else "") + line[start : start + 60] + ("…" if len(line) > start + 60 else "")


def _comparable(text: str) -> list[str]:
    # word joiners keep touching brackets apart in the notation only; empty paragraphs aside
    return [line for line in _paragraph_texts(text.replace(WORD_JOINER, "")) if line.strip()]


def _splice(
    self: WordSource,
    changed: Mapping[int, object],
    how: Mapping[int, tuple[set[str | None], object, dict[str, str]]],
    added: Mapping[int, list[str | int]] | None = None,
    dropped: set[str] | None = None,
    moved: Set[int] = frozenset(),
    anchors: Mapping[int, list[tuple[object, bool]]] | None = None,
    renamed: tuple[Set[int], Mapping[str, tuple[str, str]]] = (frozenset(), {}),
) -> bytes:
    """The package with each changed paragraph rebuilt (or removed) in document.xml's bytes,
    and ``added`` lines as new paragraphs after the paragraph they follow (-1: before the
    first); ``renamed``: the paragraphs whose revisions' author changed in place (written as
    they now are, when not rebuilt) and the comments to word again (``comments_decided``);
    every other byte as it was."""
    from lxml import etree

    from .edit import paragraph_spans

    assert isinstance(self.root, etree._Element)
    part = self.package.parts[self.package.main].data
    spans = paragraph_spans(part, self.root)
    if spans is None and (changed or moved):
        raise WriteBackError(
            f"cannot find the paragraphs of {self.package.main} in its bytes: not written back; write "
            "the decided text with --to text",
            source=self.package.source,
        )
    where = {id(p): spans[i] for i, p in enumerate(self.root.iter(f"{{{_W}}}p"))} if spans else {}
    rebuilt = _rebuilt(self, changed, how, where, anchors or {})
    # a paragraph moved and changed (its mark decided, say) goes where it goes as rebuilt
    moving = {k: rebuilt.pop(k)[2] for k in moved if k in rebuilt}
    retouched, worded = renamed
    _retouched(self, retouched - set(changed), moved, where, (rebuilt, moving))
    edits = list(rebuilt.values()) + _inserted(self, added or {}, where, part, moving)
    for k in moved:  # gone from where it was; written again where it goes (``_inserted``)
        element = self.paragraphs[k].element
        start, end = where[id(element)]
        edits.append((start, end, b""))
    out = bytearray(part)
    for start, end, data in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out[start:end] = data
    return _with_comments(self, bytes(out), dropped or set(), worded)


def _with_comments(
    self: WordSource, main: bytes, dropped: set[str], worded: Mapping[str, tuple[str, str]]
) -> bytes:
    """The package with document.xml's bytes ``main``, the comments ``dropped`` taken out and
    those ``worded`` saying their new words; and the comments on joint proposals the decision
    settled taken out, or worded for the sponsors left."""
    from ...textutil import joint_comment
    from .comments import comments_decided, joint_settled, without_anchors

    settled, renamed = joint_settled(self.package, main)
    dropped = dropped | settled
    worded = {
        **worded,
        **{cid: (joint_comment(a) or "", joint_comment(b) or "") for cid, (a, b) in renamed.items()},
    }
    authors = {cid: b for cid, (_, b) in renamed.items()}
    if not dropped and not worded:
        return repackage(self.package, {self.package.main: main})
    return repackage(
        self.package,
        {
            self.package.main: without_anchors(main, dropped),
            **comments_decided(self.package, dropped, worded, authors),
        },
    )


def _retouched(
    self: WordSource,
    ks: Set[int],
    moved: Set[int],
    where: Mapping[int, tuple[int, int]],
    out: tuple[dict[int, Edit], dict[int, bytes]],
) -> None:
    """Paragraphs ``ks`` changed in place (a revision's author), not rebuilt: written as they
    now are, where they stay (``out[0]``) or where they go (``out[1]``)."""
    from .edit import fragment

    rebuilt, moving = out
    for k in ks:
        element = self.paragraphs[k].element
        if k in moved:
            moving[k] = fragment(element, self.root)
        else:
            rebuilt[k] = (*where[id(element)], fragment(element, self.root))


Edit = tuple[int, int, bytes]  # replace bytes start:end of document.xml with these


def _put_anchors(element: Any, anchors: list[tuple[object, bool]]) -> None:
    """Copies of comments' ``anchors`` in paragraph ``element``, each at its start (after its
    properties) or at its end, in their order."""
    at = 1 if len(element) and element[0].tag == f"{{{_W}}}pPr" else 0
    for anchor in [a for a, at_end in anchors if not at_end][::-1]:
        element.insert(at, copy.deepcopy(anchor))
    for anchor in [a for a, at_end in anchors if at_end]:
        element.append(copy.deepcopy(anchor))


def _rebuilt(
    self: WordSource,
    changed: Mapping[int, object],
    how: Mapping[int, tuple[set[str | None], object, dict[str, str]]],
    where: Mapping[int, tuple[int, int]],
    anchors: Mapping[int, list[tuple[object, bool]]],
) -> dict[int, Edit]:
    """Each changed paragraph's bytes: rebuilt from its own runs, or none (removed); with
    ``anchors`` (comments' anchors from a paragraph removed) at its start, or at its end."""
    from lxml import etree

    from .edit import Rebuild, fragment, rename_mark_revisions, strike_rest

    edits: dict[int, Edit] = {}
    ids: RevisionIds | None = None
    for k, plan in changed.items():
        assert isinstance(plan, Rebuild)
        para = self.paragraphs[k]
        if plan.removed and not _only_paragraph_of_cell(para):
            replacement = b""
        else:
            settled, props, authors = how.get(k, (set(), None, {}))
            element = plan.element(
                settled | plan.decided_authors,
                props if isinstance(props, etree._Element) else None,
            )
            rename_mark_revisions(element, authors)
            _put_anchors(element, anchors.get(k, []))
            if plan.note_standing:
                ids = ids or RevisionIds(self.package)
                strike_rest(element, para.noted[0], ids.revision_id)
            replacement = fragment(element, self.root)
        assert para.element is not None
        start, end = where[id(para.element)]
        edits[k] = (start, end, replacement)
    return edits


def _inserted(
    self: WordSource,
    added: Mapping[int, list[str | int]],
    where: Mapping[int, tuple[int, int]],
    part: bytes,
    moving: Mapping[int, bytes],
) -> list[Edit]:
    """New paragraphs for the lines with none of their own, after the paragraph they follow
    (-1: before the first), each made like that one; a paragraph moved there (its place
    among the reader's lines) as its own bytes."""
    from .edit import fragment, new_paragraph

    real = [p for p in self.paragraphs if p.element is not None]
    edits = []
    for k, lines in added.items():
        like = self.paragraphs[k].element if k >= 0 else (real[0].element if real else None)
        if like is None or id(like) not in where:
            raise WriteBackError(
                f"no paragraph in {self.package.main} to place new text beside: not written back",
                source=self.package.source,
            )
        start, end = where[id(like)]
        at = end if k >= 0 else start
        data = b"".join(
            fragment(new_paragraph(like, line), self.root)
            if isinstance(line, str)
            else moving.get(line) or _bytes_of(self, line, where, part)
            for line in lines
        )
        edits.append((at, at, data))
    return edits


def _bytes_of(self: WordSource, k: int, where: Mapping[int, tuple[int, int]], part: bytes) -> bytes:
    start, end = where[id(self.paragraphs[k].element)]
    return part[start:end]


def tracked(document: Document, date: str, author_prefix: str = "") -> bytes:
    """The document with every proposal typed in its text (``[US: …]``) made a native
    revision by its delegation, in place, in the document's own runs and styles; native
    revisions stay revisions. A joint proposal's revisions carry a comment naming its sponsors,
    as the Word renderer writes it."""
    from lxml import etree

    from .. import model
    from .comments import comments_added, joint_comments
    from .edit import Rebuild

    self = source_of(document)
    writable(self)
    assert isinstance(self.root, etree._Element)
    ids = RevisionIds(self.package)
    commented = joint_comments(self.package)  # (a native joint revision has its comment already)
    changed: dict[int, object] = {}
    made: list[tuple[str, str]] = []  # the joint proposals' comments: (id, author)
    # the revisions the Word renderer would write, placed into this document's own runs
    # (each version of a paragraph is a line of this document: its own proposers')
    for para in model.build(document, author_prefix=author_prefix, joint_versions=False):
        k = para.line - 1
        if not (0 <= k < len(self.paragraphs)) or self.paragraphs[k].element is None:
            continue
        own = self.paragraphs[k].text
        segments = model.one_deletion(para.segments)
        if para.label:
            at = own.find(para.label)
            gap = own[at + len(para.label) :] if at >= 0 else " "
            gap = gap[: len(gap) - len(gap.lstrip(" \t\u00a0"))]
            label = para.label_kind
            segments.insert(0, model.Segment(own[: max(at, 0)] + para.label + gap, label.kind, label.author))
        text, marks, pieces = _revision_marks(segments, ids, date)
        whole = ids.revision(para.mark[0], para.mark[1], date) if para.mark else None
        if text != own or any(m is not None for m in marks):
            plan = Rebuild(self.paragraphs[k], text, marks, whole)
            already = _commented_in(self.paragraphs[k], commented)
            plan.joint = _joint_plan(pieces, para.named_by_notes | already, ids, made)
            changed[k] = plan
    data = _splice(self, changed, {})
    if not made:
        return data
    written = Package(data, self.package.source)
    return repackage(written, comments_added(written, made, date))


def _commented_in(para: WordParagraph, commented: Mapping[str, str]) -> set[str]:
    """The authors of the joint proposals' comments (``commented``: by id) anchored in ``para``."""
    anchors = para.element.iter(*_ANCHORS) if para.element is not None else ()
    return {commented[cid] for a in anchors if (cid := a.get(_W_ID, "")) in commented}


def _joint_plan(
    pieces: list[tuple[Any, object | None]], noted: Set[str], ids: RevisionIds, made: list[tuple[str, str]]
) -> list[tuple[str, frozenset[str]]]:
    """The comments on a line's joint proposals (``model.joint_units`` of its ``pieces``, each
    segment with its revision), each with the ids of the revisions it holds; ``made`` gets
    each comment's id and author."""
    from .. import model

    out: list[tuple[str, frozenset[str]]] = []
    for start, end, owners in model.joint_units([seg for seg, _ in pieces], noted):
        held = frozenset(
            str(_outer(mark).get(f"{{{_W}}}id")) for _, mark in pieces[start:end] if mark is not None
        )
        for who in owners:
            cid = ids.revision_id()
            made.append((cid, who))
            out.append((cid, held))
    return out


def _outer(mark: object) -> Any:
    """A revision, or the outermost of revisions nested (a deletion inside an insertion)."""
    return mark[0] if isinstance(mark, tuple) else mark


def _revision_marks(
    segments: list[Any], ids: RevisionIds, date: str
) -> tuple[str, list[object | None], list[tuple[Any, object | None]]]:
    """A line's text and, for each character, the revision it goes in (one element for each run
    of one revision; a deletion of another delegation's insertion nested in it); and its pieces:
    each run of text or revision, as its first segment (None for text) and its revision."""
    text = ""
    marks: list[object | None] = []
    pieces: list[tuple[Any, object | None]] = []
    current: tuple[str, str | None, str | None] | None = None
    mark: object | None = None
    for r in segments:
        if r.kind == "text":
            if current is not None or not pieces:
                pieces.append((None, None))
            current, mark = None, None
        elif (r.kind, r.author, r.inserted_by) != current:
            current = (r.kind, r.author, r.inserted_by)
            mark = ids.revision(r.kind, r.author or "unattributed", date)
            if r.inserted_by is not None:
                # words one delegation inserts and another deletes: Word's own nesting
                mark = (ids.revision("ins", r.inserted_by, date), mark)
            pieces.append((r, mark))
        text += r.text
        marks.extend([mark] * len(r.text))
    return text, marks, pieces


class RevisionIds:
    """Revision ids above every id the package already uses (bookmarks, comments and revisions
    may share one id space in Word)."""

    def __init__(self, package: Package):
        import re

        found = [int(m) for part in package.parts.values() for m in re.findall(rb'w:id="(\d+)"', part.data)]
        self.next = max(found, default=0) + 1

    def revision_id(self) -> str:
        self.next += 1
        return str(self.next - 1)

    def revision(self, kind: str, author: str, date: str) -> object:
        from lxml import etree

        el = etree.Element(f"{{{_W}}}{kind}")
        el.set(f"{{{_W}}}id", self.revision_id())
        el.set(f"{{{_W}}}author", author)
        el.set(f"{{{_W}}}date", date)
        return el


def _only_paragraph_of_cell(para: WordParagraph) -> bool:
    parent = para.element.getparent() if para.element is not None else None
    return parent is not None and parent.tag == f"{{{_W}}}tc" and len(parent.findall(f"{{{_W}}}p")) == 1


def repackage(package: Package, replaced: dict[str, bytes]) -> bytes:
    """The package again, in the same order with the same entry details, ``replaced`` parts
    swapped in (and those it has not added at the end); every other part is the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, part in package.parts.items():
            z.writestr(part.info, replaced.get(name, part.data))
        for name in sorted(set(replaced) - set(package.parts)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, replaced[name])
    return out.getvalue()


def written_lines(text: str) -> list[tuple[int, int]]:
    """Where each line of a draft's ``text`` (as written into a Word document by
    ``write_back``) stands in that document, as the Word reader numbers its lines: (line in
    ``text``, line in the document). Each line is a paragraph, or a comment's note, but for
    the blank lines, which are none."""
    out: list[tuple[int, int]] = []
    for k, line in enumerate(_paragraph_texts(text), 1):
        if line.strip():
            out.append((k, len(out) + 1))
    return out


def _paragraph_texts(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split(SEPARATOR)
