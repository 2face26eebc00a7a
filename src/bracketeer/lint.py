"""Lint a parsed draft: the things a secretariat wants to hear about before circulating it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .ast import Blank, Bracket, Document, Heading, Inline, Line, Note, Paragraph, Span, Text
from .delegations import Registry
from .errors import Problem, Severity
from .query import (
    InlineText,
    iter_paragraphs,
    paragraph_lines,
    parenthesised_clause,
    pending_notes,
    plain_words,
    side_by_side,
    unclear_instruction,
    unmarked_proposal,
    whole_proposal,
)
from .resolver.inline import alternative_sets, strike_different_words
from .textutil import shorten, squash

_PAIRS = {"[": "]", "［": "］"}
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_OPTION = re.compile(r"(?:Option|Alt(?:ernative)?)\s?\d")


def check(document: Document, registry: Registry) -> list[Problem]:
    findings: list[Problem] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            findings.extend(_paragraph(block, registry))
        elif isinstance(block, Note):
            for s in block.sponsors:
                if s.code is None:
                    findings.append(_unknown(block.span, s.written, registry))
    if document.adjacent is None:
        findings.extend(_side_by_side(document))
    findings.extend(_parenthesised(document))
    findings.extend(_proposed_by(document))
    findings.extend(_notes_naming_nothing(document))
    findings.extend(_wrapped_labels(document))
    findings = _word_authors(document, findings)
    findings.extend(_word_unread(document))
    findings.extend(_balance(document))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def _balance(document: Document) -> list[Problem]:
    """Brackets that do not balance (the draft read with recovery), with the likely typo where
    there is one; and brackets that balance only over several paragraphs, which is how a
    forgotten "]" and a stray one elsewhere look when counted over the whole text."""
    from .query import source_text
    from .read.text import paragraph_bracket_problems

    text = source_text(document)[len(document.bom) :]
    out = []
    for f in document.faults:
        message = f.message
        if message.startswith("unmatched") and text[f.span.offset - 1 : f.span.offset] in "]］":
            message += ' (a "]]" closes one bracket too many?)'
        elif message.startswith("unclosed"):
            message += " (its paragraph ends first)"
        out.append(Problem(f.span.line, f.span.column, message, "error", "unbalanced"))
    if document.faults:
        return out
    spanning = paragraph_bracket_problems(text)
    said = {(p.line, p.column) for p in spanning}
    out.extend(f for f in _runs_over_paragraphs(document) if (f.line, f.column) not in said)
    for p in spanning:
        out.append(
            Problem(
                p.line,
                p.column,
                f"{p.message} in its paragraph: the bracket balances only across paragraphs "
                '(a "[" left open and a stray "]" further on cancel out in a count)',
                "warning",
                "spans-paragraphs",
            )
        )
    return out


def _runs_over_paragraphs(document: Document) -> list[Problem]:
    """A bracket that runs on over lines starting with paragraph labels: in a draft with no blank
    lines between paragraphs, the sign of a "]" left out (the paragraphs after it read as the
    bracket's words)."""
    from .query import inline_source, iter_brackets, iter_paragraphs, paragraph_lines
    from .read.terminals import terminals

    label = terminals()["LABEL"]
    out = []
    for p in iter_paragraphs(document):
        for ln in paragraph_lines(p):
            for b, depth in iter_brackets(ln.content):
                if depth or b.span.end_line == b.span.line:
                    continue
                labels = []
                for piece in inline_source((b,)).split("\n")[1:]:
                    m = label.match(piece.lstrip(" \t\u00a0"))
                    if m and not m.group().startswith("("):
                        labels.append(m.group())
                if labels:
                    shown = ", ".join(labels[:3]) + (", …" if len(labels) > 3 else "")
                    out.append(
                        Problem(
                            b.span.line,
                            b.span.column,
                            f"this bracket runs on over paragraph{'s' if len(labels) > 1 else ''} {shown}: "
                            'is a "]" missing?',
                            "warning",
                            "spans-paragraphs",
                        )
                    )
    return out


def _side_by_side(document: Document) -> Iterator[Problem]:
    """Two brackets side by side with a space between them: in real drafts about half are rival
    wordings of one place and half two proposals, and the bytes do not say which."""

    def contents(nodes: tuple[Inline, ...]) -> Iterator[tuple[Inline, ...]]:
        yield nodes
        for n in nodes:
            if isinstance(n, Bracket):
                yield from contents(n.body)

    for p in iter_paragraphs(document):
        for ln in paragraph_lines(p):
            for content in contents(ln.content):
                for i in side_by_side(content):
                    a, b = content[i], content[i + 2]
                    assert isinstance(a, Bracket) and isinstance(b, Bracket)
                    first, second = (shorten(squash(plain_words(x.body)), 30) for x in (a, b))
                    yield _at(
                        a.span,
                        "adjacent-brackets",
                        f'"{first}" and "{second}" '
                        "stand side by side: rival wordings (--adjacent alternatives) or two proposals "
                        "(--adjacent independent)? Decisions that would accept both stop until told",
                    )


def _parenthesised(document: Document) -> list[Problem]:
    """Where clauses ending in their sponsors in parentheses were read as proposals: a reading
    the text suggests but does not spell out, said once, at the first."""
    from .query import iter_brackets, iter_paragraphs

    found = [
        b
        for p in iter_paragraphs(document)
        for ln in paragraph_lines(p)
        for b, _ in iter_brackets(ln.content)
        if parenthesised_clause(b)
    ]
    if not found:
        return []
    n = len(found)
    return [
        _at(
            found[0].span,
            "parenthesised-proposals",
            f"{n} clause{'s' if n != 1 else ''} ending in {'their' if n != 1 else 'its'} sponsors in "
            "parentheses read as proposals of those delegations, in paragraphs with no square "
            "bracket (--proposals bracketed reads none so; --proposals parenthesised reads one "
            "alone in its paragraph too)",
            "note",
        )
    ]


def _proposed_by(document: Document) -> Iterator[Problem]:
    """Where paragraphs with no bracket were read as the proposal of the delegation a "Proposed
    by" note names: the note says so, but not how far its section runs."""
    blocks = document.blocks
    for i, note in enumerate(blocks):
        if not (isinstance(note, Note) and note.kind == "intro"):
            continue
        proposed = [
            b
            for b in itertools.takewhile(lambda b: isinstance(b, (Blank, Paragraph)), blocks[i + 1 :])
            if isinstance(b, Paragraph) and _unmarked_proposal(b.lines[0])
        ]
        if not proposed:
            continue
        above = next((b for b in reversed(blocks[:i]) if not isinstance(b, Blank)), None)
        heading = isinstance(above, Heading) and _unmarked_proposal(above.line)
        what = ("the heading above it and " if heading else "") + _paragraphs_named(proposed)
        who = ", ".join(s.key for s in note.sponsors)
        yield _at(
            note.span,
            "proposed-by-section",
            f"{what} read as {who}'s proposal, as this note says; the section ends at the next "
            "heading or bracket (--proposals bracketed reads none so)",
            "note",
        )


def _notes_naming_nothing(document: Document) -> Iterator[Problem]:
    """The notes proposing to delete or move a paragraph the draft does not have (another
    delegation's new paragraph, rejected since): deciding one changes nothing, and the note
    stands before a paragraph it does not name."""
    for note, named in pending_notes(document):
        if named is None and note.target:
            message = f"the note names paragraph {note.target}, which the draft does not have"
            yield _at(note.span, "note-names-no-paragraph", message)


def _wrapped_labels(document: Document) -> Iterator[Problem]:
    """A line that opens with a label read as words a PDF copy wrapped ("… in paragraph" then
    "5. of the annex"), as hard-wrapped text is read: a reading of the text's look, said so."""
    for p in iter_paragraphs(document):
        for line in p.lines[1:]:
            if line.label is not None:
                where = p.label.text if p.label else f"line {p.span.line}"
                message = (
                    f'"{line.label.text}" opens this line but is read as words of paragraph {where}, the '
                    "text looking hard-wrapped (a PDF copy); --no-unwrap reads it as a paragraph of its own"
                )
                yield _at(line.label.span, "read-as-wrapped", message)


def _paragraphs_named(ps: list[Paragraph]) -> str:
    labels = [p.label.text if p.label else f"line {p.span.line}" for p in ps]
    return f"paragraph {labels[0]}" if len(labels) == 1 else f"paragraphs {labels[0]} to {labels[-1]}"


def _unmarked_proposal(line: Line) -> bool:
    """A line whose words are one proposal the draft marked by no bracket of its own."""
    content = line.content
    return len(content) == 1 and isinstance(content[0], Bracket) and unmarked_proposal(content[0])


def _word_unread(document: Document) -> list[Problem]:
    """In a Word draft, text the reader does not take in (text boxes, embedded documents), and a
    Strict Open XML document, which is read but not written back."""
    if document.read_from != "docx":
        return []
    from .read.docx import WordSource

    origin = document.origin
    assert isinstance(origin, WordSource)
    out = [
        Problem(
            max(u.line, 1),
            1,
            _unread_message(u.what, u.text),
            "warning",
            "unread-content",
        )
        for u in origin.unread
    ]
    out.extend(
        Problem(
            line,
            1,
            "a colour legend: its coloured names say whose colour is whose, and are read as text, "
            "not as proposals",
            "note",
            "colour-legend",
        )
        for line in origin.legends
    )
    if origin.package.strict:
        out.append(
            Problem(
                1,
                1,
                "a Strict Open XML document: read, but decisions are not written back into it "
                "(save it in Word as a Word Document, .docx)",
                "warning",
                "strict-document",
            )
        )
    return out


def _unread_message(what: str, text: str) -> str:
    if not text:
        return f"{what} is not read: it stays pending in the document whatever is decided"
    held = "; it holds brackets, so decisions are not written back into this document" if "[" in text else ""
    return f"{what} here holds text that is not read as the draft's: {text[:60]!r}{held}"


def _word_authors(document: Document, findings: list[Problem]) -> list[Problem]:
    """In a Word draft, say which unknown names are revision authors, and how to map them; and
    that revisions with their author removed are unattributed."""
    if document.read_from != "docx":
        return findings  # not a Word draft: the Word reader stays unloaded
    from .read.docx import unattributed_formatting, word_authors

    authors = word_authors(document)
    out = [
        Problem(
            line,
            column,
            "a proposal marked by formatting names no delegation (no --colour-map colour): it reads "
            "as a plain bracket, decided by --all or --paragraph",
            "warning",
            "unattributed-formatting",
        )
        for line, column in unattributed_formatting(document)
    ]
    for f in findings:
        name = f.message.partition('"')[2].partition('"')[0]
        if f.code == "unknown-delegation" and any(code == name for code in authors.values()):
            written = next(a for a, code in authors.items() if code == name)
            f = Problem(
                f.line,
                f.column,
                f'unknown delegation "{name}": a Word revision author; name its delegation with '
                f'--author-map "{written}=CODE" or an [authors] table in the delegations file',
                f.severity,
                "unmapped-author",
            )
        out.append(f)
    for written, code in authors.items():
        if code is None:
            out.append(
                Problem(
                    1,
                    1,
                    f'revisions by "{written or "(no name)"}" carry no delegation (the author was '
                    "removed from the document): they read as plain brackets, decided by --all or "
                    "--paragraph",
                    "warning",
                    "unattributed-revisions",
                )
            )
    return out


def _at(span: Span, code: str, message: str, severity: Severity = "warning") -> Problem:
    return Problem(span.line, span.column, message, severity, code)


def _unknown(span: Span, written: str, registry: Registry) -> Problem:
    guess = registry.suggest(written)
    hint = f'; did you mean "{guess}"?' if guess else ""
    return _at(span, "unknown-delegation", f'unknown delegation "{written}"{hint}')


def _paragraph(p: Paragraph, registry: Registry) -> Iterator[Problem]:
    for line in paragraph_lines(p):
        yield from _line(line, registry)
    yield from _alternatives(p)


def _line(line: Line, registry: Registry) -> Iterator[Problem]:
    yield from _brackets(line.content, registry)
    yield from _rivals(line.content)


def _rivals(content: tuple[Inline, ...]) -> Iterator[Problem]:
    """Rival versions at one place that strike different words: which words the text had
    there is not said, so rejecting them all leaves them open."""
    for start, end in alternative_sets(content):
        brackets = [n for n in content[start:end] if isinstance(n, Bracket)]
        if strike_different_words(brackets):
            yield _at(
                brackets[0].span,
                "rivals-strike-different-words",
                "these rival versions strike different words: rejecting them all cannot say which "
                "words the text had, so they would stay open",
            )


def _brackets(content: tuple[Inline, ...], registry: Registry) -> Iterator[Problem]:
    text: InlineText | None = None  # the words around each bracket, read once for all of them
    for i, node in enumerate(content):
        if isinstance(node, Bracket) and node.kind != "remark":  # a note among the words
            text = text or InlineText(content)
            yield from _bracket(node, registry, content, i, text)


@dataclass(frozen=True, slots=True)
class Bracketed:
    """What a bracket check looks at: the bracket, its words, and the line's inlines around it."""

    bracket: Bracket
    words: str  # its plain words, stripped
    siblings: tuple[Inline, ...]
    index: int  # of the bracket among ``siblings``
    text: InlineText  # the words around it, read once for the whole line
    registry: Registry


CheckRun = Callable[[Bracketed], Iterator[Problem]]


@dataclass(frozen=True, slots=True)
class Check:
    """One lint check of a bracket: the codes it reports, and the function. Its docstring says
    what it finds, with examples a test runs (``Okay: draft`` finds nothing, ``code: draft``
    finds that code), as pycodestyle's checks do."""

    codes: tuple[str, ...]
    run: CheckRun

    @property
    def doc(self) -> str:
        return self.run.__doc__ or ""


BRACKET_CHECKS: list[Check] = []


def bracket_check(
    *codes: str,
) -> Callable[[Callable[[Bracketed], Iterator[Problem]]], Callable[[Bracketed], Iterator[Problem]]]:
    """Register a bracket check under the codes it reports, in the order they run."""

    def register(run: Callable[[Bracketed], Iterator[Problem]]) -> Callable[[Bracketed], Iterator[Problem]]:
        BRACKET_CHECKS.append(Check(codes, run))
        return run

    return register


def _bracket(
    b: Bracket, registry: Registry, siblings: tuple[Inline, ...], index: int, text: InlineText
) -> Iterator[Problem]:
    seen = Bracketed(b, plain_words(b.body).strip(), siblings, index, text, registry)
    for check in BRACKET_CHECKS:
        yield from check.run(seen)
    yield from _brackets(b.body, registry)


@bracket_check("mismatched-bracket")
def _mismatched(c: Bracketed) -> Iterator[Problem]:
    """A bracket closed by another kind of bracket.

    Okay: 1. Text [US: words] here.
    mismatched-bracket: 1. Text [US: words］ here.
    """
    b = c.bracket
    if b.open and b.close and _PAIRS.get(b.open) != b.close:  # (none: a rival version, a clause)
        yield _at(b.span, "mismatched-bracket", f'"{b.open}" is closed by "{b.close}"')


@bracket_check("full-width-bracket")
def _full_width(c: Bracketed) -> Iterator[Problem]:
    """A full-width bracket (an East Asian keyboard's), read as ``[``.

    Okay: 1. Text [US: words] here.
    full-width-bracket: 1. Text ［US: words］ here.
    """
    if c.bracket.open == "［":
        yield _at(c.bracket.span, "full-width-bracket", "full-width bracket; treated as [", "note")


@bracket_check("empty-bracket")
def _empty(c: Bracketed) -> Iterator[Problem]:
    """A bracket, or a proposal, with no words in it.

    Okay: 1. Text [US: words] here.
    empty-bracket: 1. Text [US: ] here.
    empty-bracket: 1. Text [] here.
    """
    b = c.bracket
    if not c.words and b.command is None and not any(isinstance(n, Bracket) for n in b.body):
        yield _at(b.span, "empty-bracket", "empty brackets" if b.tag is None else "proposal with no text")


@bracket_check("doubled-colon", "unknown-delegation", "tag-without-colon", "unread-tag")
def _attribution_check(c: Bracketed) -> Iterator[Problem]:
    """Names in a tag the registry does not know, and tags the reader did not take as tags.

    Okay: 1. Text [US: words] here.
    doubled-colon: 1. Text [US:: words] here.
    unknown-delegation: 1. Text [XYZ: words] here.
    tag-without-colon: 1. Text [US to consider the words] here.
    """
    yield from _attribution(c.bracket, c.words, c.registry)


@bracket_check("repeats-context")
def _repeats(c: Bracketed) -> Iterator[Problem]:
    """A proposal whose words are the words just before or after it (pasted twice?).

    Okay: 1. Text [US: words] here.
    Okay: 1. To include[ARG: ~~, if applicable,~~] / [US: ~~, if applicable,~~, where relevant,] the.
    repeats-context: 1. To consider the [US: the] matter.
    """
    b = c.bracket
    if not b.is_text and c.words and _repeats_context(c.words, c.text, c.index):
        # rival versions of the same words strike those words each: the words around them are
        # the ones before and after the whole run of versions
        run = next(((s, e) for s, e in alternative_sets(c.siblings) if s <= c.index < e), None)
        if run is None or _repeats_context(c.words, c.text, run[0], run[1] - 1):
            yield _at(b.span, "repeats-context", f'the proposal repeats the text next to it: "{c.words}"')


@bracket_check("unclear-instruction", "unclear-deletion", "deletion-target-missing")
def _instruction_check(c: Bracketed) -> Iterator[Problem]:
    """Instructions not understood, and commands whose target is not where they say.

    Okay: 1. Decides annually [US: delete "annually"] to report.
    deletion-target-missing: 1. Decides to report [US: delete "annually"].
    unclear-deletion: 1. Decides to report [US: delete].
    unclear-deletion: 1. Decides to report [US/MEX: annually] [US: delete].
    """
    yield from _instruction(c.bracket, c.words, c.siblings, c.index, c.text)


def _attribution(b: Bracket, words: str, registry: Registry) -> Iterator[Problem]:
    """Names in a tag the registry does not know, and tags the reader did not take as tags."""
    if b.tag is not None:
        if "::" in b.tag.text:
            yield _at(b.tag.span, "doubled-colon", "doubled colon after the tag")
        for s in b.sponsors:
            if s.code is None and not _OPTION.match(s.written):
                yield _unknown(b.tag.span, s.written, registry)
    elif b.kind == "plain":
        yield from _untagged(b, words, registry)
    yield from _unknown_after(b, registry)


def _unknown_after(b: Bracket, registry: Registry) -> Iterator[Problem]:
    """Names the registry does not know in an attribution or a position written after the
    text (``[x] (G77) (EU, JUSCANZ: delete)``, ``[x - EU; LMDC delete]``): the known ones count,
    the unknown one is kept as written and said here."""
    seen: set[str] = set()
    where = b.span
    if b.tag is None and b.post and b.span.line == b.span.end_line:
        at = len(b.post) - len(b.post.lstrip())
        column = b.span.end_column - len(b.post) + at
        where = Span(b.span.end_line, column, b.span.end_offset - len(b.post) + at, *b.span[3:])
    named = [(s, where) for s in b.sponsors] if b.tag is None else []
    named += [(p.delegation, p.span if p.span.line else where) for p in b.positions]
    for s, span in named:
        if s.code is None and s.written not in seen:
            seen.add(s.written)
            yield _unknown(span, s.written, registry)


def _untagged(b: Bracket, words: str, registry: Registry) -> Iterator[Problem]:
    """A plain bracket whose words start with what looks like a tag the reader did not take."""
    first = words.split(" ", 1)[0] if words else ""
    head, colon, _ = words.partition(":")
    if first.isupper() and len(first) >= 2 and registry.lookup(first) and " " in words:
        yield _at(b.span, "tag-without-colon", f'"{first}" looks like a delegation tag without a colon')
    elif colon and head.strip() and all(s.code for s in registry.sponsors(head)):
        yield _at(
            b.span,
            "unread-tag",
            f'"{head.strip()}:" names delegations but is not read as a tag; '
            "the bracket counts as unattributed",
        )


def _instruction(
    b: Bracket, words: str, siblings: tuple[Inline, ...], index: int, text: InlineText
) -> Iterator[Problem]:
    """Instructions not understood, and commands whose target is not where they say."""
    if unclear_instruction(b):
        yield _at(
            b.span,
            "unclear-instruction",
            f'"{shorten(squash(words))}" reads as an instruction but not as one bracketeer knows '
            '(delete "w", replace "a" with "b", Insert "w"): it is never accepted as text, and its '
            "paragraph stays open",
        )
    cmd = b.command
    if cmd is not None and cmd.action == "delete" and cmd.target is None:
        yield from _bare_delete(b, siblings, index)
    elif cmd is not None and cmd.target is not None:
        preceding = text.text[: text.starts[index]]
        if cmd.target not in preceding:
            yield _at(
                b.span, "deletion-target-missing", f'"{cmd.target}" does not appear before the proposal'
            )


def _bare_delete(b: Bracket, siblings: tuple[Inline, ...], index: int) -> Iterator[Problem]:
    """A bare ``delete`` whose target is unclear: no bracket before it, or its own proposal."""
    before = siblings[index - 1] if index > 0 else None
    if isinstance(before, Text) and not before.text.strip() and index > 1:
        before = siblings[index - 2]
    if not isinstance(before, Bracket):
        yield _at(
            b.span, "unclear-deletion", '"delete" does not follow a bracket, so what it deletes is unclear'
        )
    elif {s.key for s in before.proposers} & {s.key for s in b.proposers}:
        yield _at(
            b.span,
            "unclear-deletion",
            '"delete" follows a bracket its own delegation proposes: which of the two it wants is unclear',
        )


def _repeats_context(words: str, siblings: InlineText, index: int, last: int | None = None) -> bool:
    """Whether the bracket's words are also the words just before or just after it (before
    node ``index`` and after node ``last``, the bracket itself when not given)."""
    n = sum(1 for _ in _WORD.finditer(words))  # counted, not listed: a proposal may be huge
    if not n:
        return False
    before, _ = siblings.words_before(index, n, _WORD)
    after, _ = siblings.words_after(index if last is None else last, n, _WORD)
    if len(before) < n and len(after) < n:
        return False
    mine = [w.casefold() for w in _WORD.findall(words)]
    return [w.casefold() for w in before] == mine or [w.casefold() for w in after] == mine


def _alternatives(p: Paragraph) -> Iterator[Problem]:
    versions: list[tuple[Bracket, Line]] = []
    first = whole_proposal(p.lines[0])
    if first is not None and p.alternatives:
        versions.append((first, p.lines[0]))
    for alt in p.alternatives:
        b = whole_proposal(alt.line)
        if b is not None:
            versions.append((b, alt.line))
    seen: dict[str, Bracket] = {}
    for b, _line in versions:
        text = squash(plain_words(b.body))
        if text in seen:
            other = seen[text]
            who = ", ".join(s.key for s in other.sponsors) or "unattributed"
            mine = ", ".join(s.key for s in b.sponsors) or "unattributed"
            label = p.label.text if p.label else "this paragraph"
            yield _at(
                b.span,
                "identical-alternatives",
                f"alternatives of {label} from {who} and {mine} are identical: a consensus candidate",
                "note",
            )
        else:
            seen[text] = b
