"""Errors with positions, and the one place that turns them into messages.

An error carries the decoded text it points into, so it can show the line and a caret itself;
no table of source texts is kept anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong at one place: 1-based line and column (in characters). Parse errors and
    lint findings alike; ``code`` names the kind of finding (``unknown-delegation``)."""

    line: int
    column: int
    message: str
    severity: Severity = "error"
    code: str = ""


class BracketeerError(Exception):
    """Base class: every error bracketeer reports to a user derives from it."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        problems: tuple[Problem, ...] = (),
        text: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.source = source
        self.problems = problems
        self.text = text  # the decoded input, for the caret lines

    def describe(self) -> str:
        """The message a user sees: every fault up to ``SHOWN``, then how many more."""
        if self.problems:
            return format_problems(self.source, self.text, self.problems, limit=SHOWN)
        where = f"{self.source}: " if self.source else ""
        return f"{where}error: {self.message}"


class InputError(BracketeerError):
    """The input cannot be read as text (missing file, binary data, bad encoding)."""


class ParseError(BracketeerError):
    """The bracket structure does not hold together. ``problems`` lists every fault found."""


class DecisionError(BracketeerError):
    """A decision names something that is not there (bad delegation, paragraph or file)."""


class UsageError(BracketeerError):
    """Options that cannot be used together, or a value that makes no sense."""


@dataclass(frozen=True, slots=True)
class OpenBracket:
    """A proposal still open where a clean text was asked for."""

    line: int
    column: int
    paragraph: str | None
    description: str  # "US: terrorism and proliferation"
    note: bool = False  # a note proposing something of a whole paragraph, not a bracket


class StillOpen(BracketeerError):
    """A clean text was asked for while proposals are still open: nothing is written."""

    exit_code = 1

    def __init__(
        self, source: str, still: tuple[OpenBracket, ...], hint: str = "use --force to write anyway"
    ):
        super().__init__(f"{len(still)} proposals still open", source=source)
        self.still = still
        self.hint = hint

    def describe(self) -> str:
        n = len(self.still)
        head = (
            f"{self.source}: {n} proposal{'s' if n != 1 else ''} still open; nothing written ({self.hint}):"
        )
        lines = [head]
        for b in self.still[:SHOWN]:
            where = f"paragraph {b.paragraph}" if b.paragraph else "unlabelled paragraph"
            # a bracket as written, in its brackets; a note ("US proposes to delete …") as it is
            shown = b.description if b.note else f"[{b.description}]"
            lines.append(f"{self.source}:{b.line}:{b.column}: {where}: {shown}")
        if n > SHOWN:
            # a long draft can have thousands open: the first ones say what is wrong
            lines.append(
                f"{self.source}: … and {n - SHOWN} more (bracketeer status {self.source} lists them all)"
            )
        return "\n".join(lines)


class Ambiguous(StillOpen):
    """A decision met brackets whose reading the draft does not decide (two side by side it
    would both accept): nothing is written until the user says how to read them."""

    def __init__(self, source: str, still: tuple[OpenBracket, ...]):
        super().__init__(
            source,
            still,
            "two brackets side by side would both be accepted: rival wordings or two proposals? "
            "say --adjacent alternatives or --adjacent independent",
        )

    def describe(self) -> str:
        return (
            super()
            .describe()
            .replace(" proposals still open;", " proposals undecided;", 1)
            .replace(" proposal still open;", " proposal undecided;", 1)
        )


SHOWN = 50  # faults shown in one error message; the rest are counted
# control characters (a lone carriage return would overwrite the line on a terminal) and line
# separators shown as their visible symbols, one character for one, so the caret stays in place
_VISIBLE = {c: 0x2400 + c for c in range(32) if c != 9} | {
    0x7F: 0x2421,
    0x85: 0x2424,
    0x2028: 0x2424,
    0x2029: 0x2424,
}
WINDOW = 100  # characters of a long source line shown around the caret


def _caret_line(source_line: str, column: int) -> tuple[str, str]:
    """The source line as printed (tabs expanded every 8 columns, a long line cut to a window
    around the spot) and a caret under ``column``."""
    before = after = ""
    if len(source_line) > WINDOW:
        start = max(0, min(column - 1 - WINDOW // 2, len(source_line) - WINDOW))
        if start > 0:
            before = "…"
        if start + WINDOW < len(source_line):
            after = "…"
        source_line, column = source_line[start : start + WINDOW], column - start
    shown = [before]
    caret_at = len(before)
    width = len(before)
    source_line = source_line.translate(_VISIBLE)
    for i, ch in enumerate(source_line):
        if i == column - 1:
            caret_at = width
        if ch == "\t":
            pad = 8 - width % 8
            shown.append(" " * pad)
            width += pad
        else:
            shown.append(ch)
            width += 1
    if column - 1 >= len(source_line):
        caret_at = width
    return "".join(shown) + after, " " * caret_at + "^"


def format_problems(
    source: str, text: str | None, problems: Sequence[Problem], limit: int | None = None
) -> str:
    """Each problem as ``draft.txt:12:41: error: message`` with its source line and a caret;
    after ``limit`` of them, how many more there are. The text is split into lines once."""
    lines = text.split("\n") if text is not None else None
    shown = problems if limit is None else problems[:limit]
    out = [_format(source, lines, p) for p in shown]
    if limit is not None and len(problems) > limit:
        out.append(f"{source}: … and {len(problems) - limit} more")
    return "\n".join(out)


def _format(source: str, lines: list[str] | None, problem: Problem) -> str:
    head = f"{source}:{problem.line}:{problem.column}: {problem.severity}: {problem.message}"
    if lines is None or problem.line < 1 or problem.line > len(lines):
        return head
    shown, caret = _caret_line(lines[problem.line - 1].rstrip("\r"), problem.column)
    return f"{head}\n    {shown}\n    {caret}"
