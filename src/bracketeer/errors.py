"""Errors with positions, and the one place that turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong at one place: 1-based line and column (in characters)."""

    line: int
    column: int
    message: str
    severity: str = "error"


class BracketeerError(Exception):
    """Base class: every error bracketeer reports to a user derives from it."""

    exit_code = 2

    def __init__(self, message: str, *, source: str = "", problems: tuple[Problem, ...] = ()):
        super().__init__(message)
        self.message = message
        self.source = source
        self.problems = problems


class InputError(BracketeerError):
    """The input cannot be read as text (missing file, binary data, bad encoding)."""


class ParseError(BracketeerError):
    """The bracket structure does not hold together. ``problems`` lists every fault found."""


class DecisionError(BracketeerError):
    """A decision names something that is not there (bad delegation, paragraph or file)."""


class UsageError(BracketeerError):
    """Options that cannot be used together, or a value that makes no sense."""


def _caret_line(source_line: str, column: int) -> tuple[str, str]:
    """The source line as printed (tabs expanded every 8 columns) and a caret under ``column``."""
    shown = []
    caret_at = 0
    width = 0
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
    return "".join(shown), " " * caret_at + "^"


def format_problem(source: str, text: str | None, problem: Problem) -> str:
    """``draft.txt:12:41: error: message``, then the source line and a caret under the spot."""
    head = f"{source}:{problem.line}:{problem.column}: {problem.severity}: {problem.message}"
    if text is None or problem.line < 1:
        return head
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    if problem.line > len(lines):
        return head
    shown, caret = _caret_line(lines[problem.line - 1], problem.column)
    return f"{head}\n    {shown}\n    {caret}"


def format_error(error: BracketeerError, text: str | None = None) -> str:
    """The message a user sees for ``error``; ``text`` is the source, for the caret lines."""
    if error.problems:
        return "\n".join(format_problem(error.source, text, p) for p in error.problems)
    where = f"{error.source}: " if error.source else ""
    return f"{where}error: {error.message}"
