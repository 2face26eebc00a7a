"""Readers: one per input format, each producing the same tree. Only they see Lark."""

from __future__ import annotations

from .text import decode, paragraph_bracket_problems, parse_text, read_bytes

__all__ = ["decode", "paragraph_bracket_problems", "parse_text", "read_bytes"]
