"""The inline engine: one decision applied to the text of a line, proposal by proposal.

What a decision does, by construct (the module docstring of ``resolve`` has the whole list):
an accepted proposal loses its brackets and tag and keeps its text, struck words inside it
go; a rejected one goes with its text and leaves the struck words it proposed to delete; a
rejection naming one sponsor of a joint proposal withdraws only that sponsor; ``delete``,
``delete "w"`` and ``replace "a" with "b"`` act on the text before them when accepted; inline
alternatives (``[shall][should]``, ``[ARG: …] / [US: …]``) exclude each other.

Nothing is removed here: each decided proposal is written as the side its outcome keeps
(``marks.Side``), and ``marks.project`` reads the text off. The tracked view asks for both
sides of every proposal (``Selector.every_proposal``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from ..ast import Adjacent, Bracket, Command, Inline, Span, Sponsor, Struck, Tag, Text
from ..query import (
    SPACES,
    candidate,
    option_bracket,
    plain_words,
    revision_author,
    shown_words,
    side_by_side,
    struck_gaps,
    unclear_instruction,
)
from ..textutil import shorten, squash
from .decision import Event, Outcome
from .joins import HELD, JOIN
from .marks import Kept, Marked, Piece, Side, View, project, visible_text
from .selectors import Selector


@dataclass
class Pass:
    """One decision's pass over the tree: what it selects, what it reports, where it is."""

    select: Selector
    author_prefix: str = ""
    events: list[Event] = field(default_factory=list)
    label: str | None = None
    adjacent: Adjacent | None = None  # the draft's reading of "[a] [b]" (None: not said)

    @property
    def view(self) -> View:
        return self.select.action

    def both_sides(self) -> bool:
        return self.select.every_proposal

    def wants(self, view: View) -> bool:
        return self.both_sides() or self.view == view

    def event(
        self, outcome: Outcome, what: str, b: Bracket | None, span: Span, text: str, detail: str = ""
    ) -> None:
        sponsors = tuple(s.key for s in b.sponsors) if b is not None else ()
        self.events.append(Event(outcome, what, sponsors, self.label, shorten(text), span, detail))


def resolve_inline(run: Pass, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``content`` with the pass's decision carried out (the same tuple when nothing changed)."""
    m = mark(run, content)
    return content if m is None else project(m, run.view)


def mark(run: Pass, content: tuple[Inline, ...]) -> Marked | None:
    """``content`` with every decided proposal marked; None when the decision touches nothing."""
    out: list[Piece] = []
    changed = False
    sets = {} if run.both_sides() else dict(alternative_sets(content, run.adjacent))
    held = _unsure(run, content)
    # the proposal decided last, and where in ``out`` it is (an instruction after it acts on it)
    before: tuple[int, int, Bracket] | None = None
    i = 0
    while i < len(content):
        if i in sets:
            changed = (
                _set_at(run, content[i : sets[i]], not held.isdisjoint(range(i, sets[i])), out) or changed
            )
            i = sets[i]
            continue
        node = content[i]
        i += 1
        if not isinstance(node, Bracket) or node.kind == "literal" or i - 1 in held:
            out.append(node)
        elif not run.select.matches(node):
            changed = _undecided(run, node, out) or changed
        else:
            changed = True
            before = _decided_after(run, node, out, before)
    return Marked(out) if changed else None


def _set_at(run: Pass, members: tuple[Inline, ...], held: bool, out: list[Piece]) -> bool:
    """A run of inline alternatives decided (or, ``held``, left as it stands); whether any was."""
    if held:
        out.extend(members)
        return False
    return _alternative_set(run, members, out)


def _decided_after(
    run: Pass, node: Bracket, out: list[Piece], before: tuple[int, int, Bracket] | None
) -> tuple[int, int, Bracket] | None:
    """``node`` decided, after the proposal ``before`` (where it is in ``out``, and it); the
    proposal decided last now."""
    start = len(out)
    last = None if before is None else before[:2] if _another_s(before[2], node) else _ITS_OWN
    _decided(run, node, out, last)
    proposal = node.command is None and not unclear_instruction(node)
    return (start, len(out), node) if proposal else None


# ``last`` for an instruction after its own delegation's proposal ("[US/MEX: w] [US: delete]"):
# no place it may act on, and a reason to say so
_ITS_OWN: Final = (-1, -1)


def _undecided(run: Pass, node: Bracket, out: list[Piece]) -> bool:
    """A bracket the decision does not take, with what it does take inside it; whether any."""
    body = mark(run, node.body)
    out.append(Kept(node, body) if body is not None else node)
    return body is not None


def _another_s(before: Bracket, node: Bracket) -> bool:
    """Whether ``before`` is another delegation's proposal than ``node``'s: "[CAN: shall] [US:
    delete]" is US's deletion of CAN's words; "[US/MEX: w] [US: delete]" does not say."""
    return not {s.key for s in before.proposers} & {s.key for s in node.proposers}


def accepted_pieces(run: Pass, body: tuple[Inline, ...]) -> list[Piece]:
    """A proposal's text as accepted: struck words (and the spaces between two struck pieces)
    go, each place they leave is a join, and each remaining piece is decided on its own."""
    return _body_pieces(run, body, accept=True, reject=False)


def _body_pieces(
    run: Pass, body: tuple[Inline, ...], *, accept: bool, reject: bool, who: str = ""
) -> list[Piece]:
    """Both outcomes of a proposal's body, in the order of its words: its own words as the
    accept side, with a join on the reject side; struck words (and the spaces between two
    struck pieces) as the reject side, with a join on the accept side. Each run of its own
    words is decided on its own, as a piece of text of its own."""
    gaps = struck_gaps(body)
    out: list[Piece] = []
    own: list[Inline] = []

    def flush() -> None:
        if own and accept:
            m = mark(run, tuple(own))
            out.append(Side("accept", [HELD, m] if m is not None else [HELD, *own], who))
        if own and reject:
            out.append(Side("reject", [JOIN], who))
        own.clear()

    for i, n in enumerate(body):
        if isinstance(n, Struck) or i in gaps:
            flush()
            if reject:
                out.append(Side("reject", [HELD, Text(n.words, n.span) if isinstance(n, Struck) else n], who))
            if accept:
                out.append(Side("accept", [JOIN], who))
        else:
            own.append(n)
    flush()
    return out


def _decided(run: Pass, node: Bracket, out: list[Piece], last: tuple[int, int] | None = None) -> None:
    """Write both outcomes of ``node`` (which the decision matches) to ``out``, and report the
    one the decision takes. ``last``: where in ``out`` the proposal decided just before it is
    (an instruction after it acts on it)."""
    words = shown_words(node.body)  # (as reported)
    if run.view == "reject" and not run.both_sides() and _withdrawn(run, node, out, words):
        return
    cmd = node.command
    who = revision_author(node.sponsors, run.author_prefix)
    unclear = cmd is None and unclear_instruction(node)
    accept = _instructed(run, node, out, who, unclear, last) if run.wants("accept") else None
    _report(run, node, words, unclear)  # before what is nested in it
    if cmd is not None or unclear:
        if run.wants("reject"):
            out.append(Side("reject", [JOIN, JOIN], who))
        if accept is not None:
            out.append(Side("accept", accept, who))
        return
    out.append(JOIN)
    out.extend(_body_pieces(run, node.body, accept=run.wants("accept"), reject=run.wants("reject"), who=who))
    out.append(JOIN)


def _report(run: Pass, node: Bracket, words: str, unclear: bool) -> None:
    """What the decision does to ``node``: accepted (text; an instruction reports what it
    does where it does it), or rejected."""
    cmd = node.command
    what = "proposal" if node.kind == "proposal" else "plain"
    if run.wants("accept") and cmd is None and not unclear and run.view == "accept":
        run.event("accepted", what, node, node.span, words)
    if run.view == "reject":
        run.event("rejected", cmd.action if cmd else what, node, node.span, cmd.text if cmd else words)


def _withdrawn(run: Pass, node: Bracket, out: list[Piece], words: str) -> bool:
    """A rejection that leaves some sponsors of a joint proposal: only the rejected ones
    withdraw (the proposal stays, retagged). Whether it was one."""
    left = run.select.withdraws_only_some(node)
    if left is None:
        return False
    gone = [s.key for s in node.sponsors if s not in left]
    run.event("withdrawn", "sponsor", node, node.span, words, "withdrawn: " + ", ".join(gone))
    out.append(replace(retag(node, left), body=resolve_inline(run, node.body)))
    return True


def _instructed(
    run: Pass, node: Bracket, out: list[Piece], who: str, unclear: bool, last: tuple[int, int] | None
) -> list[Piece] | None:
    """The accept side of an instruction (``delete``, ``Insert "w"``, …), and what it removes
    from the text before it marked in ``out``; the bracket itself where the instruction cannot
    be carried out or is not understood (it stays open). None when ``node`` is no instruction."""
    cmd = node.command
    reported = run.view == "accept"
    if unclear:
        if reported:
            detail = "an instruction that is not understood; left open"
            run.event("unclear", "instruction", node, node.span, plain_words(node.body), detail)
        return [node]  # never written in as words
    if cmd is None:
        return None
    if cmd.action == "insert":
        # the quoted words are what the bracket proposes, where it stands
        if reported:
            run.event("accepted", "insert", node, node.span, cmd.text)
        return [JOIN, Text(cmd.replacement or "", node.span), JOIN]
    if _apply_command(out, cmd, who, last):
        if reported:
            run.event("accepted", cmd.action, node, node.span, cmd.text)
        return [JOIN]
    if reported:
        detail = "nothing before it to " + cmd.action + "; left open"
        if last == _ITS_OWN:
            detail = (
                "the bracket before it is its own delegation's proposal: which it wants is unclear; left open"
            )
        run.event("unclear", cmd.action, node, node.span, cmd.text, detail)
    return [node]


def _apply_command(out: list[Piece], cmd: Command, who: str, last: tuple[int, int] | None = None) -> bool:
    """Mark what an accepted deletion or replacement removes from the text before it."""
    if cmd.target is None:
        return _delete_bracket_before(out, who, last)
    for node in reversed(visible_text(out, "accept")):
        at = node.text.rfind(cmd.target)
        if at < 0:
            continue
        before = node.text[:at]
        after = node.text[at + len(cmd.target) :]
        pieces: list[Piece] = [Text(before, node.span)] if before else []
        pieces.append(Side("reject", [Text(cmd.target, node.span)], who))
        new: Piece = Text(cmd.replacement, node.span) if cmd.replacement is not None else JOIN
        pieces.append(Side("accept", [new], who))
        if after:
            pieces.append(Text(after, node.span))
        _replace_piece(out, node, pieces)
        return True
    return False


def _delete_bracket_before(out: list[Piece], who: str, last: tuple[int, int] | None) -> bool:
    """A bare ``delete``: the bracket just before it goes, with the space between. A proposal
    decided in this pass already ("[CAN: shall] [US: delete]" accepted together) goes with
    both its outcomes."""
    i = len(out) - 1
    while i >= 0:
        piece = out[i]
        if piece is not JOIN and not (isinstance(piece, Text) and not piece.text.strip()):
            break
        i -= 1
    target = out[i] if i >= 0 else None
    if last is not None and last[0] <= i < last[1]:
        i = last[0]
    elif not isinstance(target, (Bracket, Kept)) or (isinstance(target, Bracket) and target.is_text):
        return False
    gone = out[i:]
    del out[i:]
    out.append(Side("reject", gone, who))
    return True


def _replace_piece(pieces: list[Piece], old: Text, new: list[Piece]) -> bool:
    for i, p in enumerate(pieces):
        if p is old:
            pieces[i : i + 1] = new
            return True
        if isinstance(p, (Side, Marked)) and _replace_piece(p.pieces, old, new):
            return True
    return False


_COLON_SUFFIX = re.compile(r"[ \u00a0]*::?[ \t\u00a0]*$")


def retag(b: Bracket, left: tuple[Sponsor, ...]) -> Bracket:
    """``b`` attributed to the sponsors ``left``, written the way the draft attributed it."""
    assert b.tag is not None or b.post or b.tail
    proposers = [s.written for s in left if not s.supporter]
    supporters = [s.written for s in left if s.supporter]
    names = ", ".join(proposers) + (", supported by " + ", ".join(supporters) if supporters else "")
    if b.tag is not None:
        suffix = _COLON_SUFFIX.search(b.tag.text)
        tag = Tag(names + (suffix.group(0) if suffix else ": "), left, b.tag.span)
        return replace(b, tag=tag, sponsors=left)
    if b.post:
        return replace(b, post=_renamed(b.post, b.sponsors, names, " ({})"), sponsors=left)
    return replace(b, tail=_renamed(b.tail, b.sponsors, names, " - {}"), sponsors=left)


def _renamed(written: str, sponsors: tuple[Sponsor, ...], names: str, fallback: str) -> str:
    """``written`` (" - EU, G77 retain / ", " (US, CAN)") with the names of ``sponsors`` in it
    replaced by ``names``: its dash, stance words and the slash to the next version stay as the
    draft wrote them."""
    start = end = -1
    for s in sponsors:
        at = written.find(s.written, max(end, 0))
        if at < 0:
            break
        start = at if start < 0 else start
        end = at + len(s.written)
    else:
        if start >= 0:
            return written[:start] + names + written[end:]
    return fallback.format(names)


# ------------------------------------------------------------------------------ inline alternatives
_ALT_SEPARATOR = re.compile(r"^[ \u00a0]*/[ \u00a0]*$")


def _unsure(run: Pass, content: tuple[Inline, ...]) -> set[int]:
    """Brackets this decision leaves alone because the draft does not say how to read them:
    two side by side (``[a] [b]``) that it would both accept, when the user has not said
    whether such brackets are rival wordings or two proposals. Accepting both would write two
    rival wordings into one sentence, or choose between them: a guess either way."""
    if run.adjacent is not None or run.view != "accept" or run.both_sides():
        return set()
    held: set[int] = set()
    for i in side_by_side(content):
        first, second = content[i], content[i + 2]
        assert isinstance(first, Bracket) and isinstance(second, Bracket)
        if run.select.matches(first) and run.select.matches(second):
            detail = (
                "side by side with another bracket: rival wordings or two proposals? "
                "say --adjacent alternatives or --adjacent independent; left open"
            )
            for k, b in ((i, first), (i + 2, second)):
                if k not in held:  # "[a] [b] [c]": the middle one is in two pairs
                    run.event("ambiguous", "adjacent", b, b.span, plain_words(b.body), detail)
            held.update((i, i + 2))
    return held


def _separates_alternatives(content: tuple[Inline, ...], k: int, adjacent: Adjacent | None) -> bool:
    """Whether ``content[k]``, after a bracket, is what stands between two alternatives: a
    slash, a space between options, or a space when the draft's convention says so."""
    separator = content[k]
    if not isinstance(separator, Text):
        return False
    if _ALT_SEPARATOR.match(separator.text):
        return True
    following = content[k + 1] if k + 1 < len(content) else None
    if following is None:
        return False
    # "[Option 1: …] [Option 2: …]": options exclude each other, a space or not
    if not separator.text.strip() and option_bracket(content[k - 1]) and option_bracket(following):
        return True
    spaces = SPACES.fullmatch(separator.text) is not None
    return adjacent == "alternatives" and spaces and candidate(following)


def alternative_sets(content: tuple[Inline, ...], adjacent: Adjacent | None = None) -> list[tuple[int, int]]:
    """Runs of brackets offered as alternatives: written with nothing between them
    (``[shall][should]``) or with a slash (``[ARG: …] / [US: …]``), and with a space between
    them when the draft's convention says so (``adjacent``). ``(start, end)`` indexes, end
    exclusive; each run holds at least two brackets."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(content)
    while i < n:
        if candidate(content[i]):
            j = i
            while True:
                k = j + 1
                if k < n and _separates_alternatives(content, k, adjacent):
                    k += 1
                if k < n and candidate(content[k]):
                    j = k
                else:
                    break
            if j > i:
                runs.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return runs


def _alternative_set(run: Pass, members: tuple[Inline, ...], out: list[Piece]) -> bool:
    """Decide a run of inline alternatives; returns whether anything changed."""
    brackets = [m for m in members if isinstance(m, Bracket)]
    separator = next((m for m in members if isinstance(m, Text)), None)
    decided = [b for b in brackets if run.select.matches(b)]
    chosen = {id(b) for b in decided}  # by identity: a run may hold thousands of alternatives
    if not decided:
        changed = False
        for m in members:
            body = mark(run, m.body) if isinstance(m, Bracket) else None
            if isinstance(m, Bracket) and body is not None:
                changed = True
                out.append(Kept(m, body))
            else:
                out.append(m)
        return changed
    if run.view == "accept":
        return _accept_alternative(run, brackets, decided, chosen, members, out)
    _reject_alternative(run, brackets, chosen, separator, out)
    return True


def _reject_alternative(
    run: Pass, brackets: list[Bracket], chosen: set[int], separator: Text | None, out: list[Piece]
) -> None:
    said = len(run.events)
    kept: list[Inline] = []
    lead: list[Piece] = []
    trail: list[Piece] = []
    for b in brackets:
        if id(b) in chosen and run.select.withdraws_only_some(b) is None:
            run.event("rejected", "alternative", b, b.span, plain_words(b.body))
            # the spaces it struck with its words are the text's own (Word puts them in one
            # version): they stay, as when another version is accepted
            before, after = _struck_edges(b)
            lead.extend(before)
            trail.extend(after)
            continue
        if id(b) in chosen:
            scratch: list[Piece] = []
            _decided(run, b, scratch)
            kept.extend(x for x in scratch if isinstance(x, Bracket))
        else:
            kept.append(b)
    if not kept:
        _all_rejected(run, brackets, separator, out, said)
        return
    kept = _one_bracket(brackets, kept)
    out.extend((*lead, JOIN, *_members_of(kept, separator), JOIN, *trail))


def _all_rejected(
    run: Pass, brackets: list[Bracket], separator: Text | None, out: list[Piece], said: int
) -> None:
    """Every version rejected (each reported from ``said`` on): the words they replaced, once."""
    struck = _struck(brackets)
    if struck is None:
        # the versions strike different words: which the text had there is not said
        del run.events[said:]
        first = brackets[0]
        detail = "rival versions striking different words; left open"
        run.event("unclear", "alternative", first, first.span, plain_words(first.body), detail)
        out.extend(_members_of(brackets, separator))
        return
    if struck:
        # every version replaced the same words: rejecting them all leaves those words, once,
        # with the spaces any version struck with them (Word puts a space in one version only)
        said = len(run.events)
        _decided(
            run, max(struck, key=lambda b: sum(len(n.words) for n in b.body if isinstance(n, Struck))), out
        )
        del run.events[said:]  # (each was reported above)
        return
    out.extend((JOIN, JOIN))


def _struck(brackets: list[Bracket]) -> list[Bracket] | None:
    """The versions that strike words, when they all strike the same ones (``[EU: ~~a~~
    b][US: ~~a~~ c]``: rival replacements of "a", as a compilation writes overlapping edits;
    spaces at their edges aside, as Word places them) and the others strike none; None when
    they strike different words."""
    struck = [tuple(" ".join(n.words.split()) for n in b.body if isinstance(n, Struck)) for b in brackets]
    words = {w for w in struck if w}
    if len(words) > 1:
        return None
    return [b for b, w in zip(brackets, struck, strict=True) if w]


def strike_different_words(brackets: list[Bracket]) -> bool:
    """Whether rival versions strike different words (``[US: ~~b~~ c] / [CAN: ~~d~~ e]``):
    rejecting them all cannot say which words the text had there."""
    return _struck(brackets) is None


def _members_of(brackets: Sequence[Inline], separator: Text | None) -> list[Inline]:
    """Rival versions as they stand, the separator between each two."""
    out: list[Inline] = []
    for n, b in enumerate(brackets):
        if n and separator is not None:
            out.append(separator)
        out.append(b)
    return out


def _one_bracket(members: list[Bracket], kept: list[Inline]) -> list[Inline]:
    """Rival versions written in one bracket (``[a - EU / b - US]``) share its ``[`` and ``]``:
    when some go, the first left opens the bracket and the last left closes it."""
    if not kept or not members or (members[0].close and members[-1].open):
        return kept
    out = list(kept)
    first, last = out[0], out[-1]
    if isinstance(first, Bracket) and not first.open:
        out[0] = first = replace(first, open=members[0].open)
    last = out[-1]
    if isinstance(last, Bracket) and not last.close:
        out[-1] = replace(last, close=members[-1].close, tail=_RIVAL_SLASH.sub("", last.tail))
    return out


_RIVAL_SLASH = re.compile(r"[ \u00a0]*/[ \u00a0]*$")


def _accept_alternative(
    run: Pass,
    brackets: list[Bracket],
    decided: list[Bracket],
    chosen: set[int],
    members: tuple[Inline, ...],
    out: list[Piece],
) -> bool:
    texts = {squash(plain_words(b.body)) for b in decided}
    if len(texts) > 1:
        for b in decided:
            detail = "several differing alternatives accepted; left open"
            run.event("conflict", "alternative", b, b.span, plain_words(b.body), detail)
        out.extend(members)
        return False
    winner = decided[0]
    taken = _struck_spaces(winner)
    for b in brackets:
        if b is winner:
            _decided(run, b, out)
            continue
        # the spaces it struck with the words: the text's own, which Word puts in one version
        # ("[ARG: ~~consider~~explore] / [CAN: ~~consider ~~]innovative"), unless the version
        # kept strikes them too ("[CHE: ~~a to ~~ a (] / [NOR: ~~a to ~~]the": "a (the")
        if _struck_spaces(b) != taken:
            out.extend(piece for edge in _struck_edges(b) for piece in edge)
        if id(b) in chosen:
            run.event("accepted", "alternative", b, b.span, plain_words(b.body), "identical to the one kept")
        else:
            detail = "another alternative was accepted"
            run.event("superseded", "alternative", b, b.span, plain_words(b.body), detail)
    return True


def _struck_spaces(b: Bracket) -> tuple[str, str]:
    """The spaces a version strikes before and after its words."""
    struck = [n for n in b.body if isinstance(n, Struck)]
    if not struck:
        return "", ""
    first, last = struck[0].words, struck[-1].words
    return first[: len(first) - len(first.lstrip())], last[len(last.rstrip()) :]


def _struck_edges(b: Bracket) -> tuple[list[Piece], list[Piece]]:
    """The spaces a version strikes before and after its words, each as text between joins
    (tidied with what stands around them: none before a full stop)."""
    lead, trail = _struck_spaces(b)
    before: list[Piece] = [JOIN, Text(lead, b.span), JOIN] if lead else []
    after: list[Piece] = [JOIN, Text(trail, b.span), JOIN] if trail else []
    return before, after
