"""A draft as formatted paragraphs of marked text: what every rich renderer (docx, markdown,
html) draws, computed once from the tree.

``tracked`` turns each proposal into revisions, the way Word records them:

* inline, the revisions are the resolver's own outcomes (``resolve.tracked``): accepting all
  gives what ``accept --all`` gives, rejecting all what ``reject --all`` gives, for every
  proposal. An inline proposal is an insertion whose author is its proposers ("US, CAN");
  struck text in a proposal (``~~old~~``) is a deletion; ``delete "w"`` and ``replace "a" with
  "b"`` mark the nearest earlier "w" or "a" deleted (and "b" inserted); a bare ``delete`` marks
  the plain bracket just before it deleted;
* a whole-paragraph proposal is a paragraph insertion (label included); a paragraph a
  "US proposes to delete paragraph 5" note names is a paragraph deletion;
* alternatives (the policy): Word accepts or rejects each revision on its own and cannot hold
  versions that exclude each other, so the first version becomes the revision and every other
  differing version a comment on it ("Alternative by US: …"). Identical versions are one
  revision whose authors are all their sponsors. An alternative to unbracketed text is a
  replacement: the text deleted and the alternative inserted, both by its sponsors;
* nested proposals: Word has no insertion inside an insertion, so an inner proposal becomes its
  own insertion between the pieces of the outer one. Accepting or rejecting all is exact;
  accepting only the inner author while rejecting the outer keeps the inner text, where
  bracketeer removes it with its outer proposal;
* plain unattributed brackets, and brackets that are not proposals, stay text with their
  brackets; secretariat and chair notes stand before the paragraph they precede (in a Word file,
  comments on it).

``clean`` gives the same paragraphs without revisions or notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from os.path import commonprefix
from typing import Literal

from ..ast import (
    Alternative,
    Blank,
    Bracket,
    Document,
    Heading,
    Line,
    Note,
    NoteKind,
    Paragraph,
    Sponsor,
    Title,
)
from ..query import (
    has_brackets,
    holds_agreed_text,
    inline_source,
    line_source,
    pending_notes,
    plain_words,
    revision_author,
    whole_insertion,
)
from ..resolver.tracked import Kind, as_written, revisions
from ..resolver.tracked import Revision as Segment
from ..textutil import RIVAL_SEPARATOR, joint_comment, squash

__all__ = [
    "Kind",
    "Para",
    "Segment",
    "Style",
    "Version",
    "author",
    "build",
    "joint_units",
    "merged",
    "one_deletion",
]

Style = Literal["title", "heading", "paragraph", "item"]


@dataclass(frozen=True, slots=True)
class Version:
    """One of a paragraph's competing versions, as its own tracked line."""

    who: str | None  # its proposers; None for a version no delegation proposes
    segments: list[Segment]
    words: str  # its words, to tell identical versions
    first: bool  # shown, as its text or a revision (a Word file holds the others as comments)


@dataclass
class Para:
    style: Style
    label: str | None
    segments: list[Segment]
    mark: tuple[Kind, str] | None = None  # the paragraph mark inserted or deleted, by whom
    comments: list[tuple[str, str]] = field(default_factory=list)  # (author, text) on the paragraph
    line: int = 0
    hanging: bool = False  # indent as a labelled paragraph although the label is in the segments
    notes: list[tuple[str, str]] = field(default_factory=list)  # notes that stand before it
    versions: list[Version] = field(default_factory=list)  # its versions, when it has several
    # a version of the paragraph before, drawn as a paragraph of its own (a page shows it with
    # that paragraph's versions)
    alternative: bool = False

    @property
    def commented_versions(self) -> list[Version]:
        """The versions a Word file cannot hold as revisions: every proposed version that differs
        from the one shown."""
        shown = next((v.words for v in self.versions if v.first), None)
        return [v for v in self.versions if not v.first and v.who is not None and v.words != shown]

    @property
    def alternative_comments(self) -> list[tuple[str, str]]:
        """Those versions as comments ("Alternative by US: …")."""
        return [(v.who or "", f"Alternative by {v.who}: {v.words}") for v in self.commented_versions]

    @property
    def after(self) -> list[tuple[str, str]]:
        """The comments that follow the paragraph: its alternatives, then notes after it."""
        return [*self.alternative_comments, *self.comments]

    @property
    def all_comments(self) -> list[tuple[str, str]]:
        """What a Word file attaches to the paragraph: the notes before it, then its own."""
        return [*self.notes, *self.after]

    @property
    def named_by_notes(self) -> set[str]:
        """The authors whose proposals the paragraph's notes name already: each note's, and
        the sponsors of the paragraph a note deletes or introduces, whoever wrote the note."""
        return {who for who, _ in self.notes} | ({self.mark[1]} if self.mark and self.notes else set())

    @property
    def label_kind(self) -> Segment:
        """The label as a segment: inserted or deleted with its paragraph."""
        kind: Kind = self.mark[0] if self.mark else "text"
        return Segment(self.label or "", kind, self.mark[1] if self.mark else None)


def merged(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one kind by one author as one: one proposal, one revision."""
    out: list[Segment] = []
    for s in segments:
        last = out[-1] if out else None
        if last is not None and replace(last, text=s.text) == s:
            out[-1] = replace(s, text=last.text + s.text)
        else:
            out.append(s)
    return out


def author(sponsors: tuple[Sponsor, ...], prefix: str = "") -> str:
    return revision_author(sponsors, prefix)


@dataclass(frozen=True, slots=True)
class _How:
    prefix: str  # put before every revision author
    clean: bool  # no revisions, no notes
    # identical versions of a paragraph drawn as one, by all their proposers (a new document
    # holds one of them); False: each version's line stays its own proposers'
    joint_versions: bool = True


def _line_segments(w: _How, line: Line) -> list[Segment]:
    segs = as_written(line.content) if w.clean else revisions(line.content, w.prefix)
    if segs:
        # (the first and last lose their outer spaces, nothing else: who inserts a deletion too)
        segs[0] = replace(segs[0], text=segs[0].text.lstrip())
        segs[-1] = replace(segs[-1], text=segs[-1].text.rstrip())
    return [s for s in segs if s.text]


def _heading_segments(w: _How, b: Heading) -> list[Segment]:
    """A heading as written; its proposals (a compilation's words proposed for it, "I. Scope
    [US: and purpose] of work") revisions by their delegations, as a paragraph's are."""
    if w.clean or not has_brackets(b.line.content):
        return [Segment(squash(inline_source(b.line.content)))]
    return _line_segments(w, b.line)


def _all(segs: list[Segment], kind: Kind, who: str) -> list[Segment]:
    """``segs`` inserted (or deleted) as a whole by ``who``: text becomes that revision, and a
    revision of the other kind inside it is both: words another delegation inserts in a
    paragraph ``who`` deletes are an insertion deleted by ``who`` (and words another deletes in
    a paragraph ``who`` inserts, an insertion by ``who`` the other deletes). No proposal is
    lost: each outcome of each shows as it should."""
    out: list[Segment] = []
    for s in segs:
        if s.kind == "text":
            out.append(Segment(s.text, kind, who))
        elif s.kind == kind:
            out.append(s)
        elif kind == "del":  # inserted by s.author, deleted by who
            out.append(Segment(s.text, "del", who, s.nested, s.plain, s.author))
        else:  # inserted by who, deleted by s.author
            out.append(Segment(s.text, "del", s.author, s.nested, s.plain, who))
    return out


def build(
    document: Document, *, clean: bool = False, author_prefix: str = "", joint_versions: bool = True
) -> list[Para]:
    """The paragraphs of ``document``: with revisions, or ``clean`` (no revisions, no notes).
    ``joint_versions``: identical versions of a paragraph are one proposal by all who propose
    them, drawn once (False where each version's line stays in the document: the line is its
    own proposers')."""
    w = _How(author_prefix, clean, joint_versions)
    out: list[Para] = []
    pending: list[tuple[str, str]] = []
    deleted = {} if clean else _deleted(document, author_prefix)

    def emit(p: Para) -> None:
        if pending:
            p.notes.extend(pending)
            pending.clear()
        out.append(p)

    for index, b in enumerate(document.blocks):
        if isinstance(b, Blank):
            continue
        if isinstance(b, Note):
            if not clean:
                pending.append((_NOTE_BY[b.kind], b.text.strip()))
            continue
        if isinstance(b, Title):
            text = " ".join(squash(inline_source(ln.content)) for ln in b.lines)
            emit(Para("title", None, [Segment(text)], line=b.span.line))
        elif isinstance(b, Heading):
            emit(Para("heading", None, _heading_segments(w, b), line=b.span.line))
        elif isinstance(b, Paragraph):
            for p in _paragraph(w, b, "paragraph", deleted.get(index), clean):
                emit(p)
    if pending and out:  # notes after the last paragraph: after it, in order
        out[-1].comments.extend(pending)
    elif pending:  # nothing but notes: an empty paragraph holds them
        out.append(Para("paragraph", None, [], notes=list(pending)))
    return out


def written_lines(document: Document, paras: Sequence[Para], *, notes: bool = True) -> list[tuple[int, int]]:
    """Where each paragraph of ``paras`` (drawn from ``document``), and each of its notes
    (``notes``: drawn as comments), stands in the Word document they are written to, as the
    Word reader numbers its lines: (line in the draft, line in the document), in order. A
    paragraph is one line, and so is each comment, before the paragraph it is on (its notes,
    then the versions Word cannot hold), or after the last one (the notes after it)."""
    marks: list[tuple[int, int, Para | None]] = [(p.line, 1, p) for p in paras]
    if notes:
        marks += [(b.span.line, 0, None) for b in document.blocks if isinstance(b, Note)]
    marks.sort(key=lambda m: m[:2])
    out: list[tuple[int, int]] = []
    n = 0
    for line, _, p in marks:
        n += 1 + (len(p.alternative_comments) if p is not None else 0)
        out.append((line, n))
    return out


# who a note is by, as a page labels it and a Word comment names its author, by its kind
_NOTE_BY: dict[NoteKind, str] = {
    "intro": "Secretariat",
    "deletion": "Secretariat",
    "move": "Secretariat",
    "agreed": "Status",
    "chair": "Chair",
    "remark": "Secretariat",
    "option": "Option",
    "options-end": "Option",
}


def _deleted(document: Document, prefix: str) -> dict[int, str]:
    """The paragraphs a note proposes to delete (by index: of its label, the first after the
    note, as the resolver reads it), each with who proposes it."""
    return {
        named: author(note.sponsors, prefix)
        for note, named in pending_notes(document)
        if note.kind == "deletion" and named is not None
    }


def _paragraph(w: _How, p: Paragraph, style: Style, gone: str | None, clean: bool) -> list[Para]:
    """``p`` drawn; ``gone``: who proposes deleting it (a note names it)."""
    label = p.label.text if p.label else None
    para = Para(style, label, _lines_segments(w, p), line=p.span.line)
    by_line = None if clean or gone is not None or not w.joint_versions else _versions_by_line(w, p)
    if by_line is not None:
        # versions of the paragraph and its sub-items: rivals in each line where they differ
        paras = [para, *_items(w, p, para, style, clean)]
        for k, start, end, versions in by_line:
            text = "".join(seg.text for seg in paras[k].segments)
            paras[k].segments = _laid(w, text, start, end, versions)
        return paras
    if not clean:
        _proposed(w, para, p, gone)
    return [para, *_items(w, p, para, style, clean)]


def _versions_by_line(
    w: _How, p: Paragraph
) -> list[tuple[int, int, int, list[tuple[str, list[Bracket]]]]] | None:
    """Where the alternatives of several lines of a paragraph with one-line sub-items (as
    ``consolidate`` writes a conflict in one) differ from its text, line by line: each line
    (0, its first; k, its k-th sub-item) where some version differs, where in its words, and
    each version's words there (the same words joined: their delegations'). Each version is a
    rival in every such line, so that accepting one takes its words in all of them. None when a
    version has other lines than the text (the alternatives policy draws them)."""
    by_words = _sub_item_versions(w, p)
    if by_words is None:
        return None
    base = _text_of(p).split("\n")
    versions = [(text.split("\n"), same) for text, same in by_words.values()]
    if any(len(lines) != len(base) for lines, _ in versions):
        return None
    out = []
    for k, line in enumerate(base):
        if all(lines[k] == line for lines, _ in versions):
            continue
        found = _differing_in(w, _own_lines(p)[k], line, [(lines[k], same) for lines, same in versions])
        if found is None:
            return None
        out.append((k, *found))
    return out or None


def _differing_in(
    w: _How, own: Line, line: str, versions: list[tuple[str, list[Bracket]]]
) -> tuple[int, int, list[tuple[str, list[Bracket]]]] | None:
    """Where in the words of ``own`` (written ``line``) ``versions`` of it differ, and each one's
    words there, identical ones joined; None when that is not within its words."""
    joined: dict[str, list[Bracket]] = {}
    for text, same in versions:
        joined.setdefault(text, []).extend(same)
    start, end = _differing(line, list(joined))
    words = "".join(s.text for s in _line_segments(w, own))
    at = line.find(words) if words else -1
    if at < 0 or not (at <= start <= end <= at + len(words)) or _marked([Segment(line[start:end])]):
        return None
    return start - at, end - at, _middles(line, start, end, joined.items())


def _sub_item_versions(w: _How, p: Paragraph) -> dict[str, tuple[str, list[Bracket]]] | None:
    """The alternatives of a paragraph of one plain line and plain one-line sub-items, by their
    words (``_by_words``, as written); None for any other paragraph."""
    alternatives = [i.line for i in p.items if isinstance(i, Alternative)]
    if not alternatives or not _plain_with_sub_items(p):
        return None
    wholes = [
        b if b is not None and b.kind == "proposal" else None for b in map(whole_insertion, alternatives)
    ]
    texts = [squash(plain_words(b.body)) if b is not None else "" for b in wholes]
    return _by_words(w, alternatives, wholes, texts, as_written=True)


def _plain_with_sub_items(p: Paragraph) -> bool:
    """Whether ``p`` is one line with sub-items of one line each, none holding a bracket."""
    subs = [i for i in p.items if isinstance(i, Paragraph)]
    if not subs or len(p.lines) > 1 or any(len(s.lines) > 1 or s.items for s in subs):
        return False
    return not any(has_brackets(ln.content) for ln in _own_lines(p))


def _own_lines(p: Paragraph) -> list[Line]:
    """A paragraph's first line and its sub-items' lines, in order."""
    return [p.lines[0], *(i.lines[0] for i in p.items if isinstance(i, Paragraph))]


def _text_of(p: Paragraph) -> str:
    """A paragraph's text after its label, its sub-items' lines included, as its source writes
    them (no final line ending): what an alternative of it holds."""
    first, *rest = _own_lines(p)
    head = len(first.indent) + (len(first.label.text) + len(first.label.sep) if first.label else 0)
    text = "".join(line_source(ln) for ln in [first, *rest])[head:]
    return text.rstrip("\r\n")


def _proposed(w: _How, para: Para, p: Paragraph, gone: str | None) -> None:
    """``para`` marked as what is proposed of it: versions, an insertion, a deletion."""
    first = p.lines[0]
    versions = [first, *(i.line for i in p.items if isinstance(i, Alternative))]
    # as the resolver: a paragraph of several versions, or one line that is one proposal
    if len(versions) > 1 or len(p.lines) == 1:
        _alternatives(w, para, p, versions)
        first_bracket = whole_insertion(first)
        whole = para.mark is not None or (
            first_bracket is not None and first_bracket.kind == "proposal" and holds_agreed_text(p)
        )
        if whole and p.label is not None and p.label.bracketed:
            # "[1.]" marks the paragraph's existence as unagreed: it comes and goes with the
            # proposal, so its label is "1." (as the resolver writes it when accepted)
            para.label = p.label.text[1:-1]
    if gone is not None:
        para.segments = _all(para.segments, "del", gone)
        para.mark = ("del", gone)


def _items(w: _How, p: Paragraph, para: Para, style: Style, clean: bool) -> list[Para]:
    """The paragraphs drawn after ``para`` for ``p``'s items: its sub-items (marked as it is),
    and alternatives that are paragraphs of their own."""
    result: list[Para] = []
    drawn = {} if clean else _versions_drawn(w, p)
    for item in p.items:
        if isinstance(item, Paragraph):
            result.extend(_paragraph(w, item, "item", None, clean))
            if para.mark:
                # sub-items go and come with the paragraph they belong to
                kind, who = para.mark
                for sub in result:
                    sub.segments = _all(sub.segments, kind, who)
                    sub.mark = para.mark
        elif isinstance(item, Alternative) and id(item) in drawn:
            result.append(
                Para(
                    style,
                    None,
                    drawn[id(item)],
                    ("ins", drawn[id(item)][0].author or ""),
                    line=item.span.line,
                    alternative=True,
                )
            )
        elif isinstance(item, Alternative) and (clean or not w.joint_versions or not _attributed(item.line)):
            # an open alternative in a clean rendering (only with --force), one that no
            # delegation proposes (plain brackets stay text), or one whose line stays a line of
            # the document: a paragraph of its own
            result.append(
                Para(
                    style,
                    item.line.label.text if item.line.label else None,
                    _line_segments(w, item.line),
                    line=item.span.line,
                )
            )
    return result


def _versions_drawn(w: _How, p: Paragraph) -> dict[int, list[Segment]]:
    """The alternatives of a paragraph that is one proposal whose words differ from it, each
    drawn as a paragraph of its own inserted by its delegations (identical ones once, by all of
    them), by the alternative's identity: Word holds each version as a revision by its own, and
    read back the paragraphs are the proposal and its alternative lines again."""
    first = whole_insertion(p.lines[0])
    if not w.joint_versions or first is None or first.kind != "proposal":
        return {}
    out: dict[int, list[Segment]] = {}
    for same in _other_versions(p, squash(plain_words(first.body))).values():
        item, b = same[0]
        own, who = (
            author(b.sponsors, w.prefix),
            author(tuple(dict.fromkeys(s for _, x in same for s in x.sponsors)), w.prefix),
        )
        segs = _line_segments(w, item.line)
        # (a full stop written after the bracket goes and comes with the version, as its line)
        if segs and all((s.kind == "ins" and s.author == own) or _mark_only(s) for s in segs):
            out[id(item)] = [replace(s, kind="ins", author=who) for s in segs]
    return out


def _shown_as_paragraphs(
    w: _How, para: Para, p: Paragraph, versions: list[Line], wholes: list[Bracket | None], texts: list[str]
) -> bool:
    """Whether some versions of ``p`` that differ from its first are paragraphs of their own
    (``_versions_drawn``, drawn by ``_items``); the paragraph's versions then say so, and none of
    those is a comment."""
    drawn = _versions_drawn(w, p)
    lines = {id(i.line) for i in p.items if isinstance(i, Alternative) and id(i) in drawn}
    shown = {t for v, t in zip(versions, texts, strict=True) if id(v) in lines}
    if not shown:
        return False
    every = _versions(w, para, p, versions, wholes, texts)
    para.versions = [replace(v, first=v.first or v.words in shown) for v in every]
    return True


def _mark_only(s: Segment) -> bool:
    """A stretch of plain text of nothing but spaces and punctuation."""
    return s.kind == "text" and not s.text.strip(" .,;:")


def _other_versions(p: Paragraph, words: str) -> dict[str, list[tuple[Alternative, Bracket]]]:
    """The alternatives of ``p`` that are delegations' proposals of other words than ``words``,
    by their words."""
    groups: dict[str, list[tuple[Alternative, Bracket]]] = {}
    for item in p.items:
        b = whole_insertion(item.line) if isinstance(item, Alternative) else None
        if isinstance(item, Alternative) and b is not None and b.kind == "proposal":
            text = squash(plain_words(b.body))
            if text != words:
                groups.setdefault(text, []).append((item, b))
    return groups


def _lines_segments(w: _How, p: Paragraph) -> list[Segment]:
    """The segments of a paragraph's lines, its first line's and those of the lines it runs on
    into, one space between them."""
    segs = _line_segments(w, p.lines[0])
    for ln in p.lines[1:]:
        more = _line_segments(w, ln)
        if ln.label is not None:
            # a wrapped line that only looks labelled ("5. of the annex"): its label is its words
            more.insert(0, Segment(ln.label.text + (" " if more else "")))
        if more:
            segs.append(Segment(" "))
            segs.extend(more)
    return segs


def _attributed(line: Line) -> bool:
    b = whole_insertion(line)
    return b is not None and b.kind == "proposal"


def _version_segments(w: _How, para: Para, p: Paragraph, versions: list[Line]) -> list[list[Segment]]:
    """Each version's segments: the paragraph's own is all its lines (a line after the first,
    too), an alternative its line."""
    out = [_line_segments(w, v) for v in versions]
    if len(p.lines) > 1:
        out[0] = list(para.segments)
    return out


def _alternatives(w: _How, para: Para, p: Paragraph, versions: list[Line]) -> None:
    """Apply the alternatives policy (module docstring) to ``para``."""
    wholes, texts = _proposals_and_words(versions)
    first = wholes[0]
    if first is not None and w.joint_versions:
        _inserted(w, para, p, first, [b for b, t in zip(wholes, texts, strict=True) if t == texts[0]])
        if len(versions) > 1 and _shown_as_paragraphs(w, para, p, versions, wholes, texts):
            return
    elif first is not None:
        if len(versions) == 1:  # (else each version is a line of its own: the paragraph stays)
            _inserted(w, para, p, first, [first])
    elif len(versions) > 1 and wholes[1] is not None:
        _replaced(w, para, p, versions, wholes, texts)
        return
    if len(versions) > 1:
        para.versions = _versions(w, para, p, versions, wholes, texts)


def _proposals_and_words(versions: list[Line]) -> tuple[list[Bracket | None], list[str]]:
    """Each version's proposal (the bracket that is its whole line, a delegation's: plain
    unattributed brackets stay text, so only attributed versions count), and its words."""
    wholes = [b if b is not None and b.kind == "proposal" else None for b in map(whole_insertion, versions)]
    texts = [
        squash(plain_words(b.body if b is not None else v.content))
        for v, b in zip(versions, wholes, strict=True)
    ]
    return wholes, texts


def _replaced(
    w: _How, para: Para, p: Paragraph, versions: list[Line], wholes: list[Bracket | None], texts: list[str]
) -> None:
    """Alternatives to a paragraph's unbracketed text: each a replacement of it by its sponsors,
    side by side as rival brackets are (``[CAN: ~~a~~ b] / [US: ~~a~~ c]``, every version a
    revision, which the writer lays out as one deletion and their insertions); where they
    cannot be, the first alternative a replacement and the others comments; and of text
    holding brackets where they differ (``[A/RES/77/1]``: deleted, read back, struck words
    holding the notation's marks), the text as it stands and every alternative a comment."""
    rivals = _rivals_of(w, para, p, versions[1:], wholes[1:], texts[1:]) if w.joint_versions else None
    if rivals is not None:
        para.versions = [replace(v, first=True) for v in _versions(w, para, p, versions, wholes, texts)]
        para.segments = rivals
        return
    if _marked(para.segments):
        para.versions = _versions(w, para, p, versions, wholes, texts, shown=0)
        return
    alt = wholes[1]
    assert alt is not None
    para.segments = _all(para.segments, "del", author(alt.sponsors, w.prefix)) + revisions((alt,), w.prefix)
    para.versions = _versions(w, para, p, versions, wholes, texts)


def _marked(segments: list[Segment]) -> bool:
    """Whether text holds the notation's marks (a bracket that is no proposal, ``[sic]``)."""
    return any(m in s.text for s in segments for m in ("[", "]", "［", "］", "~~"))


def _rivals_of(
    w: _How, para: Para, p: Paragraph, versions: list[Line], wholes: list[Bracket | None], texts: list[str]
) -> list[Segment] | None:
    """The paragraph's text with each of its alternatives (identical ones joined) as rival
    replacements of the words where they differ from it, whole words, ``" / "`` between them,
    as ``consolidate`` writes a conflict ("5 alt [US: …]") and as rival brackets are drawn; None
    when they cannot be drawn so: an alternative not a delegation's proposal or holding
    another's, the paragraph more than one line of plain text, with sub-items, or the words
    they replace holding a bracket (deleted and read back, the notation's marks in struck
    words)."""
    if len(p.lines) > 1 or any(isinstance(i, Paragraph) for i in p.items):
        return None
    if not para.segments or any(s.kind != "text" for s in para.segments):
        return None
    base = "".join(s.text for s in para.segments)
    by_words = _by_words(w, versions, wholes, texts)
    if by_words is None:
        return None
    texts_drawn = [text for text, _ in by_words.values()]
    for back in (False, True):
        start, end = _differing(base, texts_drawn, back)
        if not _marked([Segment(base[start:end])]):
            return _laid(w, base, start, end, _middles(base, start, end, by_words.values()))
    return None


def _laid(
    w: _How, base: str, start: int, end: int, versions: list[tuple[str, list[Bracket]]]
) -> list[Segment]:
    """``base`` with ``base[start:end]`` replaced by each version's words there (``versions``:
    those words, and the brackets proposing them), side by side."""
    out: list[Segment] = [Segment(base[:start])] if start else []
    for n, (words, same) in enumerate(versions):
        who = author(tuple(dict.fromkeys(s for b in same for s in b.sponsors)), w.prefix)
        if n:
            out.append(Segment(RIVAL_SEPARATOR))
        out.append(Segment(base[start:end], "del", who))
        if words:
            out.append(Segment(words, "ins", who))
    if end < len(base):
        out.append(Segment(base[end:]))
    return out


def _middles(
    base: str, start: int, end: int, versions: Iterable[tuple[str, list[Bracket]]]
) -> list[tuple[str, list[Bracket]]]:
    """Each version's words where it differs from ``base`` (``base[start:end]``)."""
    return [(text[start : len(text) - (len(base) - end)], same) for text, same in versions]


def _by_words(
    w: _How, versions: list[Line], wholes: list[Bracket | None], texts: list[str], as_written: bool = False
) -> dict[str, tuple[str, list[Bracket]]] | None:
    """The alternatives by their words: each version's text (as drawn, or ``as_written``, its
    line breaks kept) and the brackets proposing it; None when one is no delegation's proposal
    or holds another's (its revisions its own)."""
    out: dict[str, tuple[str, list[Bracket]]] = {}
    for line, b, t in zip(versions, wholes, texts, strict=True):
        if b is None:
            return None
        segs = _line_segments(w, line)
        if not segs or any(s.kind != "ins" or s.author != author(b.sponsors, w.prefix) for s in segs):
            return None
        text = inline_source(b.body) if as_written else "".join(s.text for s in segs)
        out.setdefault(t, (text, []))[1].append(b)
    return out


def _differing(base: str, texts: list[str], back: bool = False) -> tuple[int, int]:
    """Where in ``base`` the whole words some of ``texts`` (versions of it) differ in start and
    end: the text before and after is every version's, and some word is replaced. Where a
    version's shared start and end overlap ("Noting that" → "Noting"), the end moves on, or
    with ``back`` the start moves back (the words after may hold a bracket, never struck)."""
    start = len(commonprefix([base, *texts]))  # noqa: RUF071  (characters, as wanted here)
    end = len(base) - len(commonprefix([t[::-1] for t in (base, *texts)]))  # noqa: RUF071
    shortest = min(len(t) for t in (base, *texts))
    # (the two ends never cross in any version)
    if back:
        start = max(min(start, end - (len(base) - shortest)), 0)
    end = max(end, len(base) - (shortest - start))
    start, end = _word_start(base, start), _word_end(base, end)
    if start == end:  # the versions only add words: the word before (or after) is replaced too
        start = _word_start(base, len(base[:start].rstrip()))
    if start == end:
        end = _word_end(base, end + len(base[end:]) - len(base[end:].lstrip()))
    return start, end


def _word_start(text: str, at: int) -> int:
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _versions(
    w: _How,
    para: Para,
    p: Paragraph,
    versions: list[Line],
    wholes: list[Bracket | None],
    texts: list[str],
    shown: int | None = None,
) -> list[Version]:
    """The versions of a paragraph that has several, the one shown (``shown``, else the first
    proposed, or the alternative that replaces unbracketed text) marked."""
    if shown is None:
        shown = 0 if wholes[0] is not None or wholes[1] is None else 1
    segments = _version_segments(w, para, p, versions)
    return [
        Version(
            author(b.sponsors, w.prefix) if b is not None else None,
            segments[i],
            texts[i],
            i == shown,
        )
        for i, b in enumerate(wholes)
        if i == 0 or b is not None  # a version no one proposes is a paragraph of its own
    ]


def _inserted(w: _How, para: Para, p: Paragraph, first: Bracket, same: list[Bracket | None]) -> None:
    """The first version is a whole-paragraph proposal: a paragraph insertion whose authors
    are everyone who proposed the same text (``same``: the versions with its words)."""
    sponsors = [s for b in same if b is not None for s in b.sponsors]
    who = author(tuple(dict.fromkeys(sponsors)), w.prefix)
    if not holds_agreed_text(p):
        # the paragraph comes and goes with its proposal (with agreed text in its other lines
        # or sub-items it stays, and its first line's revisions are those of any line)
        para.segments = [
            Segment(s.text, "ins", who)
            if s.kind in ("text", "ins") and s.author in (None, author(first.sponsors, w.prefix))
            else s
            for s in para.segments
        ]
        para.mark = ("ins", who)


def one_deletion(segments: list[Segment]) -> list[Segment]:
    """``segments`` with rival versions of the same words laid out as Word can hold them: the
    words deleted once, by all the versions' proposers ("EU, US"), then each version's
    insertion by its own, with the `` / `` between two insertions an insertion by all of them
    (a version that only deletes the words is in the deletion's author alone). Word's "reject
    all" then gives the words back once, and "accept all" every version side by side. In a
    paragraph another delegation proposes to delete, the insertions and the `` / `` are that
    delegation's deletions of them, as every insertion there is. Only versions that each strike
    exactly the same words, at most one of them inserting nothing, as a compilation writes a
    conflict; others stay a deletion and an insertion each."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        found = _rivals_at(segments, i)
        if found is not None and _laid_out(out, found[0], found[2]):
            i = found[1]
        else:
            out.append(segments[i])
            i += 1
    return out


def _laid_out(out: list[Segment], versions: list[_Rival], deleter: str | None) -> bool:
    """``versions`` laid out at the end of ``out`` as one deletion and their insertions; False
    (``out`` as it was) when they cannot be: a last version deleting the space before the words
    too has the deletion take the space from the text before, and each insertion start with
    it, and there is none there."""
    lead = " " if versions[-1].led else ""
    if lead and not _ends_in_one_space(out, deleter):
        return False
    if lead and out[-1].text == " ":
        out.pop()
    elif lead:
        out[-1] = replace(out[-1], text=out[-1].text[:-1])
    everyone = ", ".join(v.who for v in versions)
    out.append(Segment(lead + versions[0].struck, "del", everyone, shared=True))
    for n, v in enumerate(v for v in versions if v.words):
        if n:
            out.append(replace(_insertion(RIVAL_SEPARATOR, everyone, deleter), shared=True))
        out.append(_insertion(lead + v.words if not n else v.words, v.who, deleter))
    if versions[-1].spaced:
        # (the space its deletion took from the text after it)
        out.append(Segment(" ", "del", deleter) if deleter else Segment(" "))
    return True


def _ends_in_one_space(out: list[Segment], deleter: str | None) -> bool:
    """Whether ``out`` ends with the base's text ending in one space: plain, or, in a paragraph
    ``deleter`` proposes to delete, deleted by it."""
    last = out[-1] if out else None
    base_text = last is not None and (
        last.kind == "text"
        or (deleter is not None and last.kind == "del" and last.author == deleter and not last.inserted_by)
    )
    text = last.text if last is not None and base_text else ""
    return text.endswith(" ") and not text.endswith("  ")


def joint_units(revisions: Sequence[Segment | None], noted: Set[str]) -> list[tuple[int, int, list[str]]]:
    """A paragraph's runs and revisions in order (``revisions``: a revision's segment, None for
    a run of text) cut into the stretches one comment range holds, each with the joint authors
    whose comment on their proposal holds it ("Joint proposal: EU, NOR"; none for a stretch of
    no joint proposal's). A stretch is the revisions of one proposal (a deletion and the
    insertion after it); or rival versions laid out as one deletion and their insertions
    (``one_deletion``), whole, so that a reader finds them side by side, with the comment of
    each joint version; or one piece. ``noted``: authors whose proposal a note of the paragraph
    names already (a deletion note, an introducing note): no comment. None at all (``[]``)
    when no revision is a joint proposal's."""
    if not any(_joint_owner(seg, noted) for seg in revisions):
        return []
    out: list[tuple[int, int, list[str]]] = []
    k = 0
    while k < len(revisions):
        end = _unit_end(revisions, k)
        owners = [o for o in (_joint_owner(seg, noted) for seg in revisions[k:end]) if o is not None]
        out.append((k, end, list(dict.fromkeys(owners))))
        k = end
    return out


def _unit_end(revisions: Sequence[Segment | None], k: int) -> int:
    seg = revisions[k]
    end = k + 1
    if seg is not None and seg.shared:
        while end < len(revisions) and (after := revisions[end]) is not None:
            if not after.shared and not (revisions[end - 1] or seg).shared:
                break
            end += 1
    elif (owner := _joint_owner(seg, frozenset())) is not None:
        while end < len(revisions) and (after := revisions[end]) is not None and not after.shared:
            if _joint_owner(after, frozenset()) != owner:
                break
            end += 1
    return end


def _joint_owner(seg: Segment | None, noted: Set[str]) -> str | None:
    """The joint author of the proposal ``seg`` is a revision of (the inserter of words another
    deletes); None when it is by one delegation, is rival versions' shared deletion or " / ",
    or is ``noted``."""
    if seg is None or seg.shared:
        return None
    owner = seg.inserted_by or seg.author or ""
    return None if owner in noted or joint_comment(owner) is None else owner


def _insertion(words: str, who: str, deleter: str | None) -> Segment:
    """``words`` inserted by ``who``: deleted by ``deleter`` when it deletes the paragraph."""
    return Segment(words, "del", deleter, inserted_by=who) if deleter else Segment(words, "ins", who)


@dataclass(frozen=True, slots=True)
class _Rival:
    struck: str
    who: str
    words: str  # "" for a version that only deletes
    spaced: bool  # it only deletes, and deletes the space after the words too
    end: int  # where its segments end
    deleter: str | None = None  # who deletes its insertion with the whole paragraph, if anyone
    led: bool = False  # it only deletes, comes last, and deletes the space before the words too


def _revision_run(
    segments: list[Segment], i: int, kind: Kind, inserted_by: str | None = None
) -> tuple[str, str, int] | None:
    """The text and author of the plain revisions of ``kind`` by one author from ``i`` (none
    nested, none inside another's but ``inserted_by``'s), and where they end; None when ``i``
    holds none."""
    first = segments[i] if i < len(segments) else None
    if first is None or first.kind != kind or first.author is None or first.nested or first.plain:
        return None
    if first.inserted_by != inserted_by:
        return None
    j, text = i, ""
    while j < len(segments) and segments[j] == replace(first, text=segments[j].text):
        text += segments[j].text
        j += 1
    return text, first.author, j


def _rivals_at(segments: list[Segment], i: int) -> tuple[list[_Rival], int, str | None] | None:
    """Rival replacements of one stretch of words from ``i`` (``~~a~~ b / ~~a~~ c``, ``~~a~~ /
    ~~a~~ c``), where they end, and who deletes them with the whole paragraph (None: nobody)."""
    versions: list[_Rival] = []
    deleter = _Deleter()
    while (
        version := _next_rival(segments, versions[-1].end if versions else i, versions, deleter)
    ) is not None:
        versions.append(version)
    inserting = sum(1 for v in versions if v.words)
    if len(versions) < 2 or not inserting or len(versions) - inserting > 1 or not versions[0].struck.strip():
        return None
    return versions, versions[-1].end, deleter.who


@dataclass(slots=True)
class _Deleter:
    """Who deletes rival versions with the whole paragraph (None: nobody), once a separator or
    an insertion has told."""

    who: str | None = None
    known: bool = False

    def agrees(self, who: str | None) -> bool:
        return not self.known or who == self.who

    def tell(self, who: str | None) -> None:
        self.known, self.who = True, who


def _next_rival(segments: list[Segment], j: int, versions: list[_Rival], deleter: _Deleter) -> _Rival | None:
    """The version from ``j`` after ``versions`` (behind its " / " when there are some), in the
    same paragraph deletion as they are; None when there is none."""
    led = False
    if versions:
        # (a version that only deletes takes the space before the slash with its words, or,
        # the last before the end of a sentence, the one after it)
        separator = RIVAL_SEPARATOR[1:] if versions[-1].spaced else RIVAL_SEPARATOR
        segment = segments[j] if j < len(segments) else None
        told = _separator_by(segment, separator)
        if told is None and not versions[-1].spaced:
            told = _separator_by(segment, RIVAL_SEPARATOR.rstrip())
            led = told is not None
        if told is None or not deleter.agrees(told[0]):
            return None
        deleter.tell(told[0])
        j += 1
    version = _rival_at(segments, j)
    if version is not None and led:
        version = _led(version, versions[0].struck)
    if version is None or not _one_more(versions, version):
        return None
    if version.words:
        if not deleter.agrees(version.deleter):
            return None
        deleter.tell(version.deleter)
    return version


def _led(version: _Rival, struck: str) -> _Rival | None:
    """``version`` behind a " /" (its space taken with its deletion) as a version that only
    deletes ``struck``, and the space before it; None when it is not one."""
    if version.words or version.spaced or version.struck != " " + struck:
        return None
    return replace(version, struck=struck, led=True)


def _separator_by(segment: Segment | None, separator: str) -> tuple[str | None] | None:
    """Whether ``segment`` is the `` / `` between two versions: as typed ((None,)), or deleted
    with the paragraph by its author ((author,)); None when it is not one."""
    if segment is None or segment.text != separator or segment.nested or segment.plain or segment.inserted_by:
        return None
    if segment.kind == "text":
        return (None,)
    return (segment.author,) if segment.kind == "del" else None


def _one_more(versions: list[_Rival], version: _Rival) -> bool:
    """Whether ``version`` is one more rival of ``versions``: the same words struck, by
    delegations none of them names (Word could not tell them apart)."""
    if versions and version.struck != versions[0].struck:
        return False
    codes = {c for v in versions for c in v.who.split(", ")}
    return not codes & set(version.who.split(", "))


def _rival_at(segments: list[Segment], i: int) -> _Rival | None:
    """A deletion, and an insertion by the same author, from ``i`` (in a paragraph another
    delegation deletes whole, the insertion is that delegation's deletion of it)."""
    deleted = _revision_run(segments, i, "del")
    if deleted is None:
        return None
    struck, who, end = deleted
    inserted = _revision_run(segments, end, "ins")
    if inserted is not None and inserted[1] == who:
        return _Rival(struck, who, inserted[0], False, inserted[2])
    struck_with = _revision_run(segments, end, "del", inserted_by=who)
    if struck_with is not None:
        return _Rival(struck, who, struck_with[0], False, struck_with[2], struck_with[1])
    spaced = struck.endswith(" ") and not struck.endswith("  ")
    return _Rival(struck[:-1] if spaced else struck, who, "", spaced, end)
