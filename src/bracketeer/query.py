"""Questions asked of the tree by several parts of bracketeer, answered once here."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .ast import (
    Alternative,
    Blank,
    Block,
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
    label_key,
)

_TRAILING = set(" \t\u00a0.;,:")


def inline_source(nodes: Iterable[Inline]) -> str:
    """The source text of inline nodes, exactly as written."""
    out: list[str] = []
    _inline_source(nodes, out)
    return "".join(out)


def _inline_source(nodes: Iterable[Inline], out: list[str]) -> None:
    for n in nodes:
        if isinstance(n, Bracket):
            out.append(n.open)
            if n.tag is not None:
                out.append(n.tag.text)
            _inline_source(n.body, out)
            out.append(n.tail)
            out.append(n.close)
            out.append(n.post)
        else:
            out.append(n.text)


def line_source(line: Line) -> str:
    label = line.label.text + line.label.sep if line.label else ""
    return line.indent + label + inline_source(line.content) + line.eol


def block_source(block: Block | Alternative, out: list[str]) -> None:
    if isinstance(block, Blank):
        out.append(block.text)
    elif isinstance(block, Note):
        out.append(block.indent + block.text + block.eol)
    elif isinstance(block, Title):
        out.extend(line_source(ln) for ln in block.lines)
    elif isinstance(block, (Heading, Alternative)):
        out.append(line_source(block.line))
    else:
        out.extend(line_source(ln) for ln in block.lines)
        for item in block.items:
            block_source(item, out)


def source_text(document: Document) -> str:
    """The draft exactly as it was read, byte-order mark included."""
    out = [document.bom]
    for b in document.blocks:
        block_source(b, out)
    return "".join(out)


def whole_proposal(line: Line) -> Bracket | None:
    """The bracket holding the whole text of a line (``4.bis. [US: …]``, ``[ARG: …].``), if any.

    Only spaces and closing punctuation may stand outside it.
    """
    found: Bracket | None = None
    for n in line.content:
        if isinstance(n, Bracket) and not n.is_text:
            if found is not None:
                return None
            found = n
        elif isinstance(n, Text):
            if any(ch not in _TRAILING for ch in n.text):
                return None
            if found is None and n.text.strip():
                return None
        else:
            return None
    return found


def whole_insertion(line: Line) -> Bracket | None:
    """The whole-line proposal of ``line`` when it proposes text (a new paragraph or a version
    of one); one made of struck text or an instruction (understood or not) edits existing text
    instead."""
    b = whole_proposal(line)
    if b is None or any(isinstance(n, (Struck, Command)) for n in b.body) or unclear_instruction(b):
        return None
    return b


def struck_gaps(body: tuple[Inline, ...]) -> set[int]:
    """Indexes of the spaces standing between two struck pieces (``~~old~~ ~~words~~``): they
    belong to the existing text, and are kept with it when the proposal is rejected."""
    gaps: set[int] = set()
    for i in range(1, len(body) - 1):
        n = body[i]
        if (
            isinstance(n, Text)
            and not n.text.strip()
            and isinstance(body[i - 1], Struck)
            and isinstance(body[i + 1], Struck)
        ):
            gaps.add(i)
    return gaps


def has_brackets(nodes: Iterable[Inline]) -> bool:
    return any(isinstance(n, Bracket) for n in nodes)


def iter_brackets(nodes: Iterable[Inline], depth: int = 0) -> Iterator[tuple[Bracket, int]]:
    """Every bracket in ``nodes``, outer before inner, with its nesting depth (0 = outermost)."""
    for n in nodes:
        if isinstance(n, Bracket):
            yield n, depth
            yield from iter_brackets(n.body, depth + 1)


def paragraph_lines(p: Paragraph) -> Iterator[Line]:
    """The lines of a paragraph and of its sub-items and alternatives, in source order."""
    yield from p.lines
    for item in p.items:
        if isinstance(item, Alternative):
            yield item.line
        elif isinstance(item, Paragraph):
            yield from paragraph_lines(item)


def iter_paragraphs(document: Document) -> Iterator[Paragraph]:
    for b in document.blocks:
        if isinstance(b, Paragraph):
            yield b


def plain_words(nodes: Iterable[Inline]) -> str:
    """The text of inline nodes without brackets, tags or markup, for comparisons. A bracket
    that is no proposal (``[sic]``, ``"[t]he"``, ``resolution[1]``) is text, and keeps its
    brackets: no view may write ``resolution1`` for a text nobody decided."""
    out: list[str] = []
    for n in nodes:
        if isinstance(n, Bracket):
            out.append(n.open + plain_words(n.body) + n.close if n.is_text else plain_words(n.body))
        elif isinstance(n, Struck):
            out.append(n.words)
        elif isinstance(n, Command):
            continue
        else:
            out.append(n.text)
    return "".join(out)


def _proposal(n: Inline) -> bool:
    return isinstance(n, Bracket) and not n.is_text


def shown_words(nodes: Iterable[Inline]) -> str:
    """``plain_words`` for people to read: two proposals touching (``[Decides][Clarifies]``,
    rival words) are two words, not ``DecidesClarifies``; so are struck words and the words
    replacing them (``~~Recalls~~Further recalls``, as a Word draft's reader writes a deletion
    and the insertion after it), not ``RecallsFurther recalls``."""
    out: list[str] = []
    after_bracket = after_struck = False
    for n in nodes:
        proposal = isinstance(n, Bracket) and not n.is_text
        words = shown_words(n.body) if isinstance(n, Bracket) and proposal else plain_words((n,))
        apart = (proposal and after_bracket) or (after_struck and not isinstance(n, Struck))
        if apart and words[:1].strip() and out and out[-1][-1:].strip():
            out.append(" ")
        out.append(words)
        after_bracket, after_struck = proposal, isinstance(n, Struck)
    return "".join(out)


# a body that opens like an editing instruction: a verb (after a quoted word, as in '"a".
# Insert…'), then quoted words, a colon, or what an instruction names ("the words", "paragraph 5")
_INSTRUCTION = re.compile(
    r"""\s*(?:["“][^"”]*["”]\s*[.;,:]?\s*)?
        (?:insert|add|delete|replace|substitute|amend|move)\b
        (?=.*["“]|\s*:|\s+(?:the\s+)?(?:words?|text|paragraphs?|para\.?|sentence|phrase|PP|OP)\b)""",
    re.I | re.S | re.X,
)


def unclear_instruction(b: Bracket) -> bool:
    """Whether ``b``'s body reads as an instruction to edit the text that is not one of the
    commands the grammar knows: it is never taken for proposed words (accepting it would write
    the instruction into the draft), and ``check`` reports it."""
    if b.is_text or b.command is not None or any(isinstance(n, Bracket) for n in b.body):
        return False
    return _INSTRUCTION.match(plain_words(b.body)) is not None


SPACES = re.compile(r"[ \u00a0\t]+")
_OPTION_TAG = re.compile(r"(?:Option|Alt(?:ernative)?)[ \u00a0]?\d")


def parenthesised_clause(b: Bracket) -> bool:
    """A clause ending in its sponsors in parentheses, read as their proposal (no ``[``/``]``
    of its own; ``read/parenthesised.py``)."""
    return not b.open and not b.close and bool(b.post)


def unmarked_proposal(b: Bracket) -> bool:
    """Words under a "Proposed by" note, read as that delegation's proposal: no bracket and no
    attribution of their own (``read/proposed_by.py``)."""
    return not (b.open or b.close or b.post or b.tail)


def candidate(node: Inline) -> bool:
    return isinstance(node, Bracket) and not node.is_text


def option_bracket(node: Inline) -> bool:
    return isinstance(node, Bracket) and node.tag is not None and _OPTION_TAG.match(node.tag.text) is not None


def side_by_side(content: tuple[Inline, ...]) -> list[int]:
    """Where two brackets stand side by side with only spaces between them (``[a] [b]``): the
    index of the first of each pair. Options (``[Option 1: …] [Option 2: …]``) are not among
    them: they exclude each other by name; nor is a command after a bracket (``[a] [US:
    delete]``), which says what it does to the bracket before it."""
    out = []
    for k in range(1, len(content) - 1):
        gap, before, after = content[k], content[k - 1], content[k + 1]
        if (
            isinstance(gap, Text)
            and SPACES.fullmatch(gap.text)
            and isinstance(after, Bracket)
            and candidate(before)
            and candidate(after)
            and not (option_bracket(before) and option_bracket(after))
            and after.command is None
        ):
            out.append(k - 1)
    return out


def holds_agreed_text(p: Paragraph) -> bool:
    """Whether text outside every bracket stands in the paragraph's other lines or sub-items:
    a paragraph is one proposal only when all of it is in brackets, and no decision removes
    agreed text."""
    lines = [*p.lines[1:], *(ln for i in p.items if isinstance(i, Paragraph) for ln in paragraph_lines(i))]
    return any(ln.content and whole_proposal(ln) is None for ln in lines)


def revision_author(sponsors: Iterable[Sponsor], prefix: str = "") -> str:
    """Who a proposal is by, as a revision author: its proposers (or, when all of them only
    support it, its supporters), or "unattributed"."""
    sponsors = tuple(sponsors)
    names = [s.key for s in sponsors if not s.supporter] or [s.key for s in sponsors]
    return prefix + (", ".join(names) if names else "unattributed")


def proposed_by(b: Bracket) -> str:
    """The proposers of a bracket for messages and tables: "US, CAN" or "unattributed"."""
    return ", ".join(s.key for s in b.proposers) or "unattributed"


def open_brackets(document: Document) -> list[tuple[str | None, Bracket]]:
    """Every proposal or plain bracket still in the draft (outermost ones), with its
    paragraph's label."""
    out: list[tuple[str | None, Bracket]] = []
    for p in iter_paragraphs(document):
        label = p.label.text if p.label else None
        for ln in paragraph_lines(p):
            out.extend(
                (label, br) for br, depth in iter_brackets(ln.content) if depth == 0 and not br.is_text
            )
    return out


def bracket_counts(document: Document) -> tuple[int, int]:
    """The draft's open brackets counted two ways: passages (outermost brackets, a nested one
    not counted again) and every bracket, nested ones included."""
    passages = every = 0
    for p in iter_paragraphs(document):
        for ln in paragraph_lines(p):
            for br, depth in iter_brackets(ln.content):
                if not br.is_text:
                    every += 1
                    passages += depth == 0
    return passages, every


# the Latin ordinals of new paragraphs' labels, as the reader reads them (to the twentieth)
LATIN_SUFFIXES = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies", "undecies",
    "duodecies", "terdecies", "quaterdecies", "quindecies", "sexdecies", "septdecies", "octodecies",
    "novodecies", "vicies",
)  # fmt: skip
# a label as a note names it: "5", "4.bis", "OP3 bis", "(h)"
NOTE_LABEL = (
    r"\(?[\w.]+?\)?(?:[ \u00a0](?:" + "|".join(sorted(LATIN_SUFFIXES, key=len, reverse=True)) + r"))?"
)
# the paragraph a deletion note names when it names none but the paragraph after it ("US proposes
# to delete the following paragraph", of an unnumbered paragraph)
FOLLOWING = "following"
# "US proposes to move paragraph 3 after paragraph 1"
MOVE_NOTE = re.compile(
    rf"(?P<who>.+?) proposes? to move (?:paragraph|para\.?|PP|OP) ?(?P<target>{NOTE_LABEL})"
    rf" (?P<where>after|before) (?:paragraph|para\.?|PP|OP) ?(?P<place>{NOTE_LABEL})\.?\s*$"
)


def move_of(note: Note) -> tuple[str, str, str] | None:
    """What a move note proposes: the label moved, ``after`` or ``before``, and the label it
    goes next to."""
    m = MOVE_NOTE.match(note.text.strip()) if note.kind == "move" else None
    return (m.group("target"), m.group("where"), m.group("place")) if m else None


def pending_notes(document: Document) -> list[tuple[Note, int | None]]:
    """The notes that propose something of a whole paragraph ("US proposes to delete paragraph
    5", "… to move paragraph 3 after paragraph 1"), each with the index of the block it names
    (``Labelled.named``; None when the draft has none). Open until decided, as any proposal
    is."""
    out: list[tuple[Note, int | None]] = []
    blocks = document.blocks
    labelled: Labelled | None = None  # (read only for a draft with such notes)
    for i, note in enumerate(blocks):
        if isinstance(note, Note) and note.kind in ("deletion", "move") and note.target:
            labelled = labelled or Labelled(blocks)
            out.append((note, labelled.named(i, note.target)))
    return out


class Labelled:
    """The paragraphs of a run of blocks by label, read once: which paragraph a note naming
    "paragraph 5" names, in one lookup however many notes a draft has."""

    def __init__(self, blocks: Sequence[Block]):
        self.at: dict[str, list[int]] = {}
        self.paragraphs: list[int] = []
        for k, b in enumerate(blocks):
            if isinstance(b, Paragraph):
                self.paragraphs.append(k)
                if b.label:
                    self.at.setdefault(b.label.key, []).append(k)

    def all(self, label: str) -> list[int]:
        """The indexes of the paragraphs of ``label``, in order."""
        return self.at.get(label_key(label), [])

    def named(self, at: int, label: str) -> int | None:
        """The paragraph a note at ``at`` names by ``label``: the first of that label after the
        note, else the first anywhere; ``FOLLOWING``: the first paragraph after the note."""
        if label == FOLLOWING:
            after = bisect.bisect_right(self.paragraphs, at)
            return self.paragraphs[after] if after < len(self.paragraphs) else None
        found = self.all(label)
        after = bisect.bisect_right(found, at)
        return found[after] if after < len(found) else (found[0] if found else None)


class InlineText:
    """The plain words of a run of inline nodes, read once, and the words next to any one node.

    Finding the words around each of n brackets by reading all the others costs n² on a line
    of many brackets; here each lookup reads a window that widens only as far as it must.
    """

    def __init__(self, nodes: tuple[Inline, ...]):
        # the words as people read them (``shown_words``): "[shall][should]" is two words
        pieces = [
            (" " if k and _proposal(n) and _proposal(nodes[k - 1]) else "") + shown_words((n,))
            for k, n in enumerate(nodes)
        ]
        self.text = "".join(pieces)
        self.starts = [0]
        for piece in pieces:
            self.starts.append(self.starts[-1] + len(piece))

    def words_before(self, i: int, n: int, word: re.Pattern[str]) -> tuple[list[str], bool]:
        """The last ``n`` words (``word`` matches) before node ``i``, and whether there are more."""
        text, end, width = self.text, self.starts[i], 256
        while True:
            start = max(0, end - width)
            found = word.findall(text, start, end)
            if start > 0 and found and not text[start - 1].isspace():
                found = found[1:]  # the first may be the end of a word cut by the window
            if len(found) > n or start == 0:
                return found[max(0, len(found) - n) :] if n else [], len(found) > n
            width *= 2

    def words_after(self, i: int, n: int, word: re.Pattern[str]) -> tuple[list[str], bool]:
        """The first ``n`` words after node ``i``, and whether there are more."""
        text, start, width = self.text, self.starts[i + 1], 256
        while True:
            end = min(len(text), start + width)
            found = word.findall(text, start, end)
            if end < len(text) and found and not text[end].isspace():
                found = found[:-1]  # the last may be the start of a word cut by the window
            if len(found) > n or end == len(text):
                return found[:n], len(found) > n
            width *= 2


@dataclass(frozen=True, slots=True)
class OptionGroup:
    """Options that exclude each other, as UNFCCC texts write them: an "Option N" note before
    each one's paragraphs, the group ending at "{End of options}", a heading, or an "Option 1"
    that starts the next group. ``options`` holds, per option, its number, the index of its
    note among the document's blocks, and the indexes of the blocks under it."""

    options: tuple[tuple[int, int, tuple[int, ...]], ...]
    end: int | None  # the index of its "{End of options}" note

    def blocks(self) -> set[int]:
        out = {at for _, at, _ in self.options} | {i for _, _, under in self.options for i in under}
        return out | ({self.end} if self.end is not None else set())


_OPTION_NUMBER = re.compile(r"(?:Option|Alt(?:ernative)?)[ \u00a0](\d{1,2})")


def option_groups(document: Document) -> list[OptionGroup]:
    groups: list[OptionGroup] = []
    current: list[tuple[int, int, list[int]]] = []

    def close(end: int | None = None) -> None:
        if current:
            groups.append(OptionGroup(tuple((n, at, tuple(under)) for n, at, under in current), end))
            current.clear()

    for i, b in enumerate(document.blocks):
        if isinstance(b, Heading) or isinstance(b, Title):
            close()
        elif isinstance(b, Note) and b.kind == "option":
            m = _OPTION_NUMBER.match(b.text.strip())
            n = int(m.group(1)) if m else len(current) + 1
            if n == 1 or (current and n <= current[-1][0]):
                close()
            current.append((n, i, []))
        elif isinstance(b, Note) and b.kind == "options-end":
            close(i)
        elif current and not isinstance(b, Blank):
            current[-1][2].append(i)
    close()
    return groups
