"""A draft as formatted paragraphs of marked text: what every rich renderer (docx, markdown,
html) draws, computed once from the tree.

``tracked`` turns each proposal into revisions, the way Word records them:

* an inline proposal is an insertion whose author is its proposers ("US, CAN");
* struck text in a proposal (``~~old~~``) is a deletion; ``delete "w"`` and ``replace "a"
  with "b"`` mark the nearest earlier "w" or "a" deleted (and "b" inserted); a bare ``delete``
  marks the bracket just before it deleted;
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
  brackets; secretariat and chair notes become comments on the next paragraph.

``clean`` gives the same paragraphs without revisions or notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..ast import (
    Alternative,
    Blank,
    Bracket,
    Command,
    Document,
    Heading,
    Inline,
    Line,
    Note,
    Paragraph,
    Sponsor,
    Struck,
    Text,
    Title,
)
from ..query import inline_source, plain_words, struck_gaps, whole_insertion
from ..resolve.joins import SPACE as _SPACE
from ..resolve.joins import fix_join as _fix_join

Kind = Literal["text", "ins", "del", "join"]  # "join": where a proposal vanished; tidied, never drawn
Style = Literal["title", "heading", "paragraph", "item"]


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: Kind = "text"
    author: str | None = None


@dataclass
class Para:
    style: Style
    label: str | None
    segments: list[Segment]
    mark: tuple[Kind, str] | None = None  # the paragraph mark inserted or deleted, by whom
    comments: list[tuple[str, str]] = field(default_factory=list)  # (author, text)
    line: int = 0
    hanging: bool = False  # indent as a labelled paragraph although the label is in the segments

    @property
    def label_kind(self) -> Segment:
        """The label as a segment: inserted or deleted with its paragraph."""
        kind: Kind = self.mark[0] if self.mark else "text"
        return Segment(self.label or "", kind, self.mark[1] if self.mark else None)


def author(sponsors: tuple[Sponsor, ...], prefix: str = "") -> str:
    names = [s.key for s in sponsors if not s.supporter] or [s.key for s in sponsors]
    return prefix + ", ".join(names) if names else prefix + "unattributed"


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    def __init__(self, prefix: str, clean: bool):
        self.prefix = prefix
        self.clean = clean

    def inline(
        self, nodes: tuple[Inline, ...], kind: Kind = "text", who: str | None = None, own_body: bool = False
    ) -> list[Segment]:
        """Segments for ``nodes``; ``own_body`` when they are the body of a proposal, where
        struck words are that proposal's deletion."""
        out: list[Segment] = []
        last_bracket_at: int | None = None
        gaps = struck_gaps(nodes) if own_body and kind == "ins" and not self.clean else set()
        for i, n in enumerate(nodes):
            if isinstance(n, Text):
                out.append(Segment(n.text.replace("\n", " "), "del" if i in gaps else kind, who))
            elif isinstance(n, Struck):
                # struck words in a proposal are its deletion; elsewhere they stay as written
                proposal = own_body and kind == "ins" and not self.clean
                out.append(Segment(n.words, "del", who) if proposal else Segment(n.text, kind, who))
            elif isinstance(n, Command):
                out.append(Segment(n.text, kind, who))
            elif n.kind == "literal" or (n.kind == "plain") or self.clean:
                start = len(out)
                out.append(Segment(n.open + (n.tag.text if n.tag else ""), kind, who))
                inner = self.inline(n.body, kind, who)
                # the resolver tidies each bracket's content on its own, edges included
                out.extend(tidy_revisions(inner) if kind == "text" and not self.clean else inner)
                out.append(Segment(n.tail + n.close + n.post, kind, who))
                if n.kind == "plain":
                    last_bracket_at = start
            else:
                cmd = n.command
                me = author(n.sponsors, self.prefix)
                if cmd is not None and self._command(out, cmd, me, last_bracket_at):
                    out.append(Segment("", "join", me))
                    last_bracket_at = None
                    continue
                start = len(out)
                # zero-width joins mark where the proposal starts and ends, as the resolver
                # tidies there (a proposal inside one by the same delegation included)
                out.append(Segment("", "join", me))
                out.extend(_tidy_body(self.inline(n.body, "ins", me, own_body=True), me))
                out.append(Segment("", "join", me))
                last_bracket_at = start
                continue
            if not isinstance(n, Bracket) and not (isinstance(n, Text) and not n.text.strip()):
                last_bracket_at = None
        return out

    def _command(self, out: list[Segment], cmd: Command, who: str, last_bracket_at: int | None) -> bool:
        if cmd.target is None:
            if last_bracket_at is None:
                return False
            out[last_bracket_at:] = [
                Segment(s.text, "del", who) if s.kind == "text" else s for s in out[last_bracket_at:]
            ]
            return True
        for i in range(len(out) - 1, -1, -1):
            s = out[i]
            at = s.text.rfind(cmd.target) if s.kind == "text" else -1
            if at >= 0:
                pieces = [Segment(s.text[:at], "text"), Segment(cmd.target, "del", who)]
                if cmd.replacement is not None:
                    pieces.append(Segment(cmd.replacement, "ins", who))
                pieces.append(Segment(s.text[at + len(cmd.target) :], "text"))
                out[i : i + 1] = [p for p in pieces if p.text]
                return True
        return False


def _line_segments(w: _Walker, line: Line) -> list[Segment]:
    segs = w.inline(line.content)
    if not w.clean:
        segs = tidy_revisions(segs)
    if segs:
        segs[0] = Segment(segs[0].text.lstrip(), segs[0].kind, segs[0].author)
        segs[-1] = Segment(segs[-1].text.rstrip(), segs[-1].kind, segs[-1].author)
    return [s for s in segs if s.text]


def _all(segs: list[Segment], kind: Kind, who: str) -> list[Segment]:
    return [Segment(s.text, kind, who) if s.kind == "text" else s for s in segs]


def build(document: Document, *, clean: bool = False, author_prefix: str = "") -> list[Para]:
    """The paragraphs of ``document``: with revisions, or ``clean`` (no revisions, no notes)."""
    w = _Walker(author_prefix, clean)
    out: list[Para] = []
    pending: list[tuple[str, str]] = []
    deleted: dict[str, str] = {}  # label key → who proposes deleting it
    if not clean:
        for b in document.blocks:
            if isinstance(b, Note) and b.kind == "deletion" and b.target:
                from ..resolve import normalise_selector

                deleted[normalise_selector(b.target)] = author(b.sponsors, author_prefix)

    def emit(p: Para) -> None:
        if pending:
            p.comments[:0] = pending
            pending.clear()
        out.append(p)

    for b in document.blocks:
        if isinstance(b, Blank):
            continue
        if isinstance(b, Note):
            if not clean:
                pending.append(("Secretariat" if b.kind != "chair" else "Chair", b.text.strip()))
            continue
        if isinstance(b, Title):
            text = " ".join(_squash(inline_source(ln.content)) for ln in b.lines)
            emit(Para("title", None, [Segment(text)], line=b.span.line))
        elif isinstance(b, Heading):
            emit(Para("heading", None, [Segment(_squash(inline_source(b.line.content)))], line=b.span.line))
        elif isinstance(b, Paragraph):
            for p in _paragraph(w, b, "paragraph", deleted, clean):
                emit(p)
    if pending and out:
        out[-1].comments.extend(pending)
    return out


def _paragraph(w: _Walker, p: Paragraph, style: Style, deleted: dict[str, str], clean: bool) -> list[Para]:
    label = p.label.text if p.label else None
    first = p.lines[0]
    segs = _line_segments(w, first)
    for ln in p.lines[1:]:
        more = _line_segments(w, ln)
        if more:
            segs.append(Segment(" "))
            segs.extend(more)
    para = Para(style, label, segs, line=p.span.line)
    result = [para]
    if not clean:
        versions = [first, *(i.line for i in p.items if isinstance(i, Alternative))]
        # as the resolver: a paragraph of several versions, or one line that is one proposal
        if len(versions) > 1 or len(p.lines) == 1:
            _alternatives(w, para, p, versions)
            if para.mark is not None and p.label is not None and p.label.bracketed:
                # "[1.]" marks the paragraph's existence as unagreed: it comes and goes with the
                # proposal, so its label is "1." (as the resolver writes it when accepted)
                para.label = p.label.text[1:-1]
        gone = deleted.get(p.label.key) if p.label is not None else None
        if gone is not None:
            para.segments = _all(para.segments, "del", gone)
            para.mark = ("del", gone)
    for item in p.items:
        if isinstance(item, Paragraph):
            result.extend(_paragraph(w, item, "item", {}, clean))
            if para.mark:
                # sub-items go and come with the paragraph they belong to
                kind, who = para.mark
                for sub in result[1:]:
                    sub.segments = _all(sub.segments, kind, who)
                    sub.mark = para.mark
        elif isinstance(item, Alternative) and (clean or not _attributed(item.line)):
            # an open alternative in a clean rendering (only with --force), or one that no
            # delegation proposes (plain brackets stay text): a paragraph of its own
            result.append(
                Para(
                    style,
                    item.line.label.text if item.line.label else None,
                    _line_segments(w, item.line),
                    line=item.span.line,
                )
            )
    return result


def _attributed(line: Line) -> bool:
    b = whole_insertion(line)
    return b is not None and b.kind == "proposal"


def _alternatives(w: _Walker, para: Para, p: Paragraph, versions: list[Line]) -> None:
    """Apply the alternatives policy (module docstring) to ``para``."""
    # plain unattributed brackets stay text, so only attributed versions count here
    wholes = [b if b is not None and b.kind == "proposal" else None for b in map(whole_insertion, versions)]
    first = wholes[0]
    texts = [
        _squash(plain_words(b.body if b is not None else v.content))
        for v, b in zip(versions, wholes, strict=True)
    ]
    if first is not None:
        # the first version is a whole-paragraph proposal: a paragraph insertion whose authors
        # are everyone who proposed the same text
        sponsors = [
            s
            for v, b, t in zip(versions, wholes, texts, strict=True)
            if b is not None and t == texts[0]
            for s in b.sponsors
        ]
        who = author(tuple(dict.fromkeys(sponsors)), w.prefix)
        para.segments = [
            Segment(s.text, "ins", who)
            if s.kind in ("text", "ins") and s.author in (None, author(first.sponsors, w.prefix))
            else s
            for s in para.segments
        ]
        para.mark = ("ins", who)
        rest = range(1, len(versions))
    elif len(versions) > 1 and wholes[1] is not None:
        # an alternative to unbracketed text: a replacement by the alternative's sponsors
        alt = wholes[1]
        who = author(alt.sponsors, w.prefix)
        para.segments = _all(para.segments, "del", who) + tidy_revisions(
            _tidy_body(w.inline(alt.body, "ins", who, own_body=True), who)
        )
        rest = range(2, len(versions))
    else:
        rest = range(1, len(versions))
    for i in rest:
        b = wholes[i]
        if texts[i] == texts[0] or b is None:  # the same text, or not a proposal (its own paragraph)
            continue
        who = author(b.sponsors, w.prefix) if b is not None else "unattributed"
        para.comments.append((who, f"Alternative by {who}: {texts[i]}"))


def _views(a: str, b: str, middle: str) -> tuple[str, str, int, int]:
    """What is left of ``a`` and ``b`` when ``middle`` stands between them, after the
    resolver tidies the joins (``resolve._fix_join``), and how many characters the tidying
    takes off the start and the end of ``middle``. At the start of a line (``a`` empty) leading
    spaces go, at its end trailing ones."""
    lead = trail = 0
    if not middle:
        a2, b2 = _fix_join(a, b)
    else:
        a2, m1 = _fix_join(a, middle)
        if not a:
            m1 = m1.lstrip(_SPACE)
        m2, b2 = _fix_join(m1, b)
        if not b:
            m2 = m2.rstrip(_SPACE)
        lead, trail = len(middle) - len(m1), len(m1) - len(m2)
    if not a:
        b2 = b2.lstrip(_SPACE) if not middle else b2
    if not b and not middle:
        a2 = a2.rstrip(_SPACE)
    return a2, b2, lead, trail


def _trim(cluster: list[Segment], kind: Kind, lead: int, trail: int) -> list[Segment]:
    """``cluster`` with ``lead`` characters taken off the start of its ``kind`` segments and
    ``trail`` off their end."""
    out = list(cluster)
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        left = lead if order.step == 1 else trail
        for i in order:
            if left <= 0:
                break
            s = out[i]
            if s.kind != kind or not s.text:
                continue
            cut = min(left, len(s.text))
            out[i] = Segment(
                s.text[cut:] if order.step == 1 else s.text[: len(s.text) - cut], s.kind, s.author
            )
            left -= cut
    return out


def _tidy_body(segments: list[Segment], who: str) -> list[Segment]:
    """Tidy a proposal's own content as the resolver does when it accepts it: its text (an
    insertion by ``who``) plays the part of plain text around any proposal nested in it."""
    mapped = [Segment(s.text, "text") if s.kind == "ins" and s.author == who else s for s in segments]
    return [Segment(s.text, "ins", who) if s.kind == "text" else s for s in tidy_revisions(mapped)]


def tidy_revisions(segments: list[Segment]) -> list[Segment]:
    """Make accepting all and rejecting all revisions give what the resolver gives.

    The quick way (``_edge_tidy``) moves characters at the edges of the text around each run
    of revisions; it is checked against a replay of the resolver's joins on both views, and
    where they disagree (runs of revisions close together) the segments are rebuilt from the
    two replayed views.
    """
    quick = _edge_tidy(segments)
    accept, accept_who = _replay(segments, "ins")
    reject, reject_who = _replay(segments, "del")
    if _shown(quick, "ins") == accept and _shown(quick, "del") == reject:
        return quick
    return _rebuild(reject, reject_who, accept, accept_who)


def _shown(segments: list[Segment], kind: str) -> str:
    return "".join(s.text for s in segments if s.kind in ("text", kind))


def _replay(segments: list[Segment], keep: str) -> tuple[str, list[str | None]]:
    """The text a view shows, joined as the resolver joins (``resolve._tidy``), and the author
    of each character (None for text no revision touched)."""
    pieces: list[tuple[str, list[str | None]] | None] = []  # None: a join
    previous: tuple[str, str | None] | None = ("text", None)
    for s in segments:
        key = (s.kind, s.author)
        if s.kind != "text" and key != previous:
            pieces.append(None)
        elif s.kind == "text" and previous is not None and previous[0] != "text":
            pieces.append(None)
        previous = key
        if s.kind == "text" or s.kind == keep:
            pieces.append((s.text, [None if s.kind == "text" else s.author] * len(s.text)))
    if previous is not None and previous[0] != "text":
        pieces.append(None)
    text = ""
    who: list[str | None] = []
    join = started = False
    for piece in pieces:
        if piece is None:
            join = True
            continue
        b, bwho = piece
        if join and started:
            a2, b2 = _fix_join(text, b)
            who = who[: len(a2)] + bwho[len(b) - len(b2) :]
            text = a2 + b2
        elif join:
            b2 = b.lstrip(_SPACE)
            text, who = b2, bwho[len(b) - len(b2) :]
        else:
            text, who = text + b, who + bwho
        started = started or bool(b)
        join = False
    if join:
        kept = text.rstrip(_SPACE)
        text, who = kept, who[: len(kept)]
    return text, who


def _rebuild(
    reject: str, reject_who: list[str | None], accept: str, accept_who: list[str | None]
) -> list[Segment]:
    """Segments whose reject view is ``reject`` and accept view ``accept``: characters in both
    are text, the others deletions or insertions by whoever wrote them."""
    import difflib

    out: list[Segment] = []

    def add(text: str, kind: Kind, who: list[str | None]) -> None:
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or who[i] != who[start]:
                author = who[start] if kind != "text" else None
                out.append(
                    Segment(text[start:i], kind, author or ("unattributed" if kind != "text" else None))
                )
                start = i

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, reject, accept, autojunk=False).get_opcodes():
        if tag == "equal":
            add(accept[j1:j2], "text", [None] * (j2 - j1))
            continue
        if tag in ("delete", "replace"):
            add(reject[i1:i2], "del", reject_who[i1:i2])
        if tag in ("insert", "replace"):
            add(accept[j1:j2], "ins", accept_who[j1:j2])
    return [s for s in out if s.text]


def _edge_tidy(segments: list[Segment]) -> list[Segment]:
    """Move the characters at the edges of the text around each run of revisions that only one
    view keeps into an insertion or a deletion by the revision's author.

    Where the resolver takes text out it tidies the join (no doubled space, no space before
    punctuation, no empty parentheses); in a tracked document the same characters must be part
    of the revision, so that Word's accept and reject views come out the same. For each run of
    revisions between two pieces of plain text, the characters at the edges of that text which
    only one view keeps move into an insertion or a deletion by the revision's author.
    """
    out: list[Segment] = []
    i = 0
    n = len(segments)
    while i < n:
        if segments[i].kind == "text":
            out.append(segments[i])
            i += 1
            continue
        j = i
        while j < n and segments[j].kind != "text":
            j += 1
        cluster = segments[i:j]
        a = out.pop().text if out and out[-1].kind == "text" else ""
        b = segments[j].text if j < n else ""
        acc = "".join(s.text for s in cluster if s.kind == "ins")
        rej = "".join(s.text for s in cluster if s.kind == "del")
        aa, ab, lead, trail = _views(a, b, acc)
        cluster = _trim(cluster, "ins", lead, trail)
        ra, rb, lead, trail = _views(a, b, rej)
        cluster = _trim(cluster, "del", lead, trail)
        keep_a = a[: min(len(aa), len(ra))]
        keep_b = b[len(b) - min(len(ab), len(rb)) :]
        first, last = cluster[0], cluster[-1]
        head: list[Segment] = []
        if len(aa) > len(keep_a):
            head.append(Segment(a[len(keep_a) : len(aa)], "ins", first.author))
        if len(ra) > len(keep_a):
            head.append(Segment(a[len(keep_a) : len(ra)], "del", first.author))
        tail: list[Segment] = []
        if len(ab) > len(keep_b):
            tail.append(Segment(b[len(b) - len(ab) : len(b) - len(keep_b)], "ins", last.author))
        if len(rb) > len(keep_b):
            tail.append(Segment(b[len(b) - len(rb) : len(b) - len(keep_b)], "del", last.author))
        if keep_a:
            out.append(Segment(keep_a))
        out.extend(head)
        out.extend(cluster)
        out.extend(tail)
        if j < n:
            out.append(Segment(keep_b))
            i = j + 1
        else:
            i = j
    return [s for s in out if s.text]
