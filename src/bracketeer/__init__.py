"""bracketeer: parse, check, resolve, compare and render bracketed negotiating drafts."""

__version__ = "0.1.0"
