"""Making nodes from what a reader found: the parts both readers share (the fast one in
``lines.py`` and the reference one in ``reference.py``), so that they cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from ..ast import NOWHERE, Bracket, BracketKind, Command, Inline, NoteKind, Position, Span, Sponsor, Tag, Text
from ..delegations import Registry
from ..query import FOLLOWING, MOVE_NOTE, NOTE_LABEL

N = TypeVar("N")

_LITERAL = re.compile(
    r"""\s*(?:
        sic!? | \.\.\.|…|\.\ \.\ \. | \d{1,3} | [A-Za-z] | [*†‡§]{1,3}
      | (?:emphasis\ added|original\ emphasis|ibid\.?|footnote\ \d+|citation\ omitted|bracketed?\ text)
      | agreed(?:\ ad\ ref(?:erendum)?)?(?:,[^\[\]]*)?          # a status marker: [Agreed ad ref]
      | \^[\w-]{1,12}                                        # a Markdown footnote: [^2]
      | (?=\S*\d)[A-Z]{1,12}(?:/[A-Za-z0-9.()\-]+)+  # document symbols: A/RES/77/1, S/2024/12
                                                  # (a number in them: [NDMC/NDMCC] is contested)
    )\s*""",
    re.X | re.I,
)
_CODE = r"[A-Z][A-Za-z0-9.\-]{1,11}"
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')


DELETE_NOTE = re.compile(
    rf"(?P<who>.+?) proposes? to delete (?:(?:paragraph|para\.?|PP|OP) ?(?P<target>{NOTE_LABEL})"
    r"|the (?P<following>following) paragraph)\.?\s*$"
)
INTRO_BY = re.compile(r"\b(?:delegations? of|by)\s+(?:the\s+)?(?P<who>[A-Z][^:]*?)\s*:?\s*$")


def literal_words(text: str) -> bool:
    """Whether a bracket of these words alone is no proposal by its words (``sic``, a number, a
    document symbol; the neighbours still settle some, see ``context``)."""
    return _LITERAL.fullmatch(text) is not None


def command(text: str, span: Span) -> Command:
    """A ``delete``/``replace``/``insert`` command (or instruction), with the words it quotes."""
    quoted = [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(text)]
    head = text.lstrip()[:7].lower()  # after a line break that followed the tag's colon
    if head == "replace" or (len(quoted) == 2 and not head.startswith("delete")):
        return Command(text, "replace", quoted[0], quoted[1], span)  # or '"a". Insert "b"'
    if head.startswith(("insert", "add")):
        return Command(text, "insert", None, quoted[0], span)
    return Command(text, "delete", quoted[0] if quoted else None, None, span)


_STANCE = r"(?i:retain|delete|support|oppose|reserve)"
_GROUP = re.compile(r"\(([^()]*)\)")
_WITH_STANCE = re.compile(rf"^(.*?)\s*(?::[ \u00a0]*|\s+)({_STANCE})$", re.S)
# "- EU; LMDC delete" before the "]": who proposes it, and who holds which position
# (a PDF copy breaks lines anywhere: after a comma or a semicolon, before a stance)
_BREAK = r"[ \u00a0]*(?:\r?\n[ \u00a0]*)?"
_SEGMENT = rf"{_CODE}(?:(?:,{_BREAK}|/|[ \u00a0]and[ \u00a0]){_CODE})*(?:{_BREAK}:?[ \u00a0]*{_STANCE})?"
# "… - EU; LMDC delete", "… -G77; US,⏎Canada, EU delete." (a full stop may end it)
_TAIL_POSITIONS = re.compile(
    rf"[ \u00a0]+[—–-][ \u00a0]*({_SEGMENT}(?:[ \u00a0]*;{_BREAK}{_SEGMENT})*)[ \u00a0]*\.?[ \u00a0]*$"
)


def attribution(
    registry: Registry, parts: list[str], spans: list[Span] | None = None
) -> tuple[tuple[Sponsor, ...], tuple[Position, ...]] | None:
    """Who proposes and who holds what position, from attribution groups (``AOSIS``, ``US, JPN:
    delete``, each written at ``spans``); None unless some name in them is a known delegation.
    A name the registry does not know is kept as written (its code None, which ``check``
    reports): one unknown name never loses the known ones around it."""
    sponsors: list[Sponsor] = []
    positions: list[Position] = []
    known = False
    for k, part in enumerate(parts):
        part = part.strip()
        m = _WITH_STANCE.match(part)
        names = registry.sponsors(m.group(1) if m else part)
        if not names:
            return None
        known = known or any(s.code for s in names)
        if m:
            stance = m.group(2).lower()
            where = spans[k] if spans else NOWHERE
            positions.extend(Position(s, stance, where) for s in names)  # type: ignore[arg-type]
        else:
            sponsors.extend(names)
    return (tuple(sponsors), tuple(positions)) if known else None


def slice_span(t: Text, a: int, z: int) -> Span:
    """The span of ``t.text[a:z]`` (the text may run over lines)."""

    def point(k: int) -> tuple[int, int, int]:
        breaks = t.text.count("\n", 0, k)
        if not breaks:
            return t.span.line, t.span.column + k, t.span.offset + k
        return t.span.line + breaks, k - t.text.rfind("\n", 0, k), t.span.offset + k

    return Span(*point(a), *point(z))


def _within(base: Span | None, start: int, end: int) -> Span:
    """The span of characters ``start``–``end`` of a text written at ``base`` (on one line)."""
    if base is None:
        return NOWHERE
    return Span(
        base.line, base.column + start, base.offset + start, base.line, base.column + end, base.offset + end
    )


# words a draft writes before a colon at the start of a bracket that name a part of the text or
# a kind of remark, never a delegation: "[Preamble: …]", "[Placeholder: …]", "[Note: …]"
_NOT_A_DELEGATION = re.compile(
    r"(?:Preamble|Placeholder|Notes?|Text|Title|Annex|Section|Paragraph|Para|Footnote|Source|"
    r"Comments?|Explanation|Reference|Context|Heading|Definitions?|Editorial|Example|N\.?B\.?|"
    r"Original text|Proposed text|Drafting note)[ \u00a0]*::?[ \t\u00a0]*",
    re.I,
)


def _untagged(tag: Tag, body: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``body`` with what was read as ``tag`` put back in front of it as text."""
    first = body[0] if body else None
    if isinstance(first, Text):
        return (Text(tag.text + first.text, tag.span.cover(first.span)), *body[1:])
    return (Text(tag.text, tag.span), *body)


def classify(
    registry: Registry, tag: Tag | None, body: tuple[Inline, ...], post: str, post_at: Span | None = None
) -> tuple[BracketKind, Tag | None, tuple[Sponsor, ...], tuple[Inline, ...], str, str, tuple[Position, ...]]:
    """Kind, tag, sponsors, body, tail, post and positions of a bracket.

    The rules, in order: words before a colon that name a part of the text ("Preamble:",
    "Placeholder:") are no tag but the bracket's words; a tag makes a proposal (even with a
    name the registry does not know; ``check`` reports those); an attribution after the text
    (``— US`` before the ``]``, or ``(US)``/``US`` after it) makes a proposal when some name in
    it is known; a bracket whose whole content is ``sic``, an ellipsis, a number up to three
    digits, one letter, a footnote sign or a document symbol is ``literal`` (not a proposal);
    anything else is ``plain``.
    """
    if tag is not None and not any(s.code for s in tag.sponsors) and _NOT_A_DELEGATION.fullmatch(tag.text):
        body, tag = _untagged(tag, body), None
    kind, sponsors, body, tail, post, positions = _classify(registry, tag, body, post, post_at)
    return kind, tag, sponsors, body, tail, post, positions


Classified = tuple[BracketKind, tuple[Sponsor, ...], tuple[Inline, ...], str, str, tuple[Position, ...]]


def _classify(
    registry: Registry, tag: Tag | None, body: tuple[Inline, ...], post: str, post_at: Span | None
) -> Classified:
    """What a bracket is (``kind``), whose, its body, its ``tail`` and ``post`` (attribution
    written after its text, inside or after it) and the positions taken on it."""
    post, post_sponsors, positions = _post_attribution(registry, post, post_at)
    if tag is not None:
        return "proposal", tag.sponsors, body, "", post, positions
    if post_sponsors:
        return "proposal", post_sponsors, body, "", post, positions
    if len(body) == 1 and isinstance(body[0], Text) and _rival_versions(registry, body[0].text):
        return "plain", (), body, "", post, positions  # split into its versions by ``rivals``
    if body and isinstance(body[-1], Text):
        tail = _tail_attribution(registry, body, post, positions)
        if tail is not None:
            return tail
    if len(body) == 1 and isinstance(body[0], Text) and literal_words(body[0].text):
        return "literal", (), body, "", post, positions
    return "plain", (), body, "", post, positions


def _post_attribution(
    registry: Registry, post: str, post_at: Span | None
) -> tuple[str, tuple[Sponsor, ...], tuple[Position, ...]]:
    """Attribution after the bracket (``[x] (US)``, ``[x] (EU: retain)``): ``post`` kept, the
    sponsors and positions it names; ``post`` empty when it is no attribution."""
    if not post:
        return post, (), ()
    found = list(_GROUP.finditer(post))
    if found:
        read = attribution(
            registry, [g.group(1) for g in found], [_within(post_at, *g.span()) for g in found]
        )
    else:
        read = attribution(registry, [post.strip()])
    if read is None:
        return "", (), ()  # not an attribution: the caller keeps it as text after the bracket
    return post, read[0], read[1]


def _tail_attribution(
    registry: Registry, body: tuple[Inline, ...], post: str, positions: tuple[Position, ...]
) -> Classified | None:
    """Attribution at the end of the bracket's text (``[x - US; LMDC delete]``), moved to
    ``tail``; None when the text ends in none."""
    last = body[-1]
    assert isinstance(last, Text)
    m = _TAIL_POSITIONS.search(last.text)
    if not m:
        return None
    segments, spans, at = m.group(1).split(";"), [], m.start(1)
    for seg in segments:
        lead = len(seg) - len(seg.lstrip())
        spans.append(_within(last.span, at + lead, at + len(seg.rstrip())))
        at += len(seg) + 1
    read = attribution(registry, segments, spans)
    if read is None:
        return None
    names, said = read
    cut = m.start()
    kept = last.text[:cut]
    # the attribution moves to ``tail``; the text keeps its own span start
    new_body = (*body[:-1], Text(kept, last.span)) if kept else body[:-1]
    return ("proposal" if names else "plain"), names, new_body, last.text[cut:], post, positions + said


_OPTION = re.compile(r"(?:Option|Alt(?:ernative)?)[ \u00a0]\d{1,2}[a-z]?\b")


_RIVAL_SEPARATOR = re.compile(r"([ \u00a0]+/[ \u00a0]+)")
_WHO = rf"(?P<who>{_SEGMENT}(?:[ \u00a0]*;[ \u00a0]*{_SEGMENT})*)"
_RIVAL = re.compile(rf"(?P<words>.*?\S)(?P<tail>[ \u00a0]+[—–-][ \u00a0]*{_WHO}[ \u00a0]*)")


# a version of an untagged "[a / b]" is at most this many words: a longer bracket holding " / "
# is more likely one text ("the 2024 / 2025 biennium") than rival wordings
_SHORT_VERSION = 5

Version = tuple[str, str, tuple[Sponsor, ...], tuple[Position, ...]]  # words, tail, who, positions


def _rival_versions(registry: Registry, text: str) -> list[Version] | None:
    """The versions of ``text`` ("strengthening - EU, G77 retain / enhancing - US", "shall /
    should - US", "shall / should"): each version's words, its tail (its attribution and the
    separator after it), who proposes it and the positions on it; None unless it is two or
    more of them. A version without an attribution is unattributed; when none has one, every
    version must be short."""
    if "\n" in text or "/" not in text:
        return None
    pieces = _RIVAL_SEPARATOR.split(text)
    versions, separators = pieces[0::2], [*pieces[1::2], ""]
    if len(versions) < 2 or not all(v.strip() for v in versions):
        return None
    read = [_version(registry, v, sep) for v, sep in zip(versions, separators, strict=True)]
    if not any(who for _, _, who, _ in read) and any(len(w.split()) > _SHORT_VERSION for w, *_ in read):
        return None
    return read


def _version(registry: Registry, v: str, separator: str) -> Version:
    """One rival version, ``v`` followed by ``separator``: its words, its attribution after a
    dash (with the separator, as its tail), who proposes it and the positions on it."""
    m = _RIVAL.fullmatch(v)
    said = attribution(registry, m.group("who").split(";")) if m else None
    if m is None or said is None:
        return v, separator, (), ()
    # of rival versions, the one a delegation would retain or supports is the one it wants
    backs = tuple(p.delegation for p in said[1] if p.stance in ("retain", "support"))
    sponsors, positions = said[0] + backs, tuple(p for p in said[1] if p.delegation not in backs)
    return m.group("words"), m.group("tail") + separator, sponsors, positions


def rivals(registry: Registry, b: Bracket) -> tuple[Inline, ...] | None:
    """One bracket holding rival versions (``[strengthening - EU, G77 retain / enhancing -
    US]``, ``[shall / should - US]``, ``[shall / should]``) as the versions: a bracket each, the
    first holding the ``[`` and the last the ``]``, with the ``/`` in the tail of the version
    before it, so they are alternatives like ``[EU: strengthening] / [US: enhancing]``; a
    version with no attribution is unattributed. None when ``b`` is not one."""
    if (
        b.kind != "plain"
        or b.tag is not None
        or b.post
        or len(b.body) != 1
        or not isinstance(b.body[0], Text)
    ):
        return None
    t = b.body[0]
    read = _rival_versions(registry, t.text)
    if read is None:
        return None
    out: list[Inline] = []
    at = t.span.offset

    def span(a: int, z: int) -> Span:
        line, col = t.span.line, t.span.column + (a - t.span.offset)
        return Span(line, col, a, line, col + (z - a), z)

    for i, (words, tail, sponsors, positions) in enumerate(read):
        first, last = i == 0, i == len(read) - 1
        start = b.span.offset if first else at
        end = at + len(words) + len(tail)
        out.append(
            Bracket(
                b.open if first else "",
                None,
                (Text(words, span(at, at + len(words))),),
                tail,
                b.close if last else "",
                "",
                "proposal" if sponsors else "plain",
                sponsors,
                span(start, end + (len(b.close) if last else 0)),
                positions,
            )
        )
        at = end
    return tuple(out)


def note_meaning(registry: Registry, text: str) -> tuple[NoteKind, tuple[Sponsor, ...], str | None]:
    """What a note says: its kind, who it names, and the paragraph a deletion note targets."""
    low = text.lower()
    if _OPTION.match(text.strip()):
        return "option", (), None
    if low.strip().startswith("{end of option"):
        return "options-end", (), None
    m = DELETE_NOTE.match(text.strip())
    if m:
        return "deletion", registry.sponsors(m.group("who")), m.group("target") or FOLLOWING
    m = MOVE_NOTE.match(text.strip())
    if m:
        return "move", registry.sponsors(m.group("who")), m.group("target")
    if low.lstrip("-\u2013\u2014 \t\u00a0").startswith("proposed"):
        by = INTRO_BY.search(text)
        sponsors = registry.sponsors(by.group("who")) if by else ()
        return "intro", sponsors, None
    if "agreed ad ref" in low:
        return "agreed", (), None
    if low.startswith(("chair", "facilitator", "co-facilitator", "*[", "_[")):  # or in italics
        return "chair", (), None
    return "remark", (), None


def maker(cls: type[N]) -> Callable[..., N]:
    """A constructor of the frozen, slotted node class ``cls`` for the fast reader: it stores
    the fields through their slots, which skips the frozen dataclass's ``__init__`` (that goes
    through ``object.__setattr__`` field by field, about twice as slow; bench/bench_parse.py).
    Same arguments in the same order, no defaults."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    scope.update({f"_set_{n}": getattr(cls, n).__set__ for n in names})
    body = "".join(f"    _set_{n}(o, {n})\n" for n in names)
    exec(f"def make({', '.join(names)}):\n    o = _new(_cls)\n{body}    return o\n", scope)
    made: Callable[..., N] = scope["make"]
    return made
