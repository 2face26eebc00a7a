"""The bracket checks as a table, each tested by the examples in its own docstring (as
pycodestyle's are): ``Okay: draft`` finds none of the check's codes, ``code: draft`` finds it."""

from __future__ import annotations

import re

import pytest

from bracketeer import check, load
from bracketeer.lint import BRACKET_CHECKS, Check

EXAMPLE = re.compile(r"^\s*(Okay|[a-z][a-z-]+): (.+)$", re.M)


def examples(c: Check) -> list[tuple[str, str]]:
    return EXAMPLE.findall(c.doc)


def codes_found(draft: str) -> set[str]:
    return {p.code for p in check(load(draft.encode() + b"\n", name="example.txt"))}


@pytest.mark.parametrize("c", BRACKET_CHECKS, ids=lambda c: c.codes[0])
def test_every_check_is_documented_by_examples_that_hold(c):
    said = examples(c)
    assert any(kind == "Okay" for kind, _ in said), "an example it lets pass"
    assert any(kind in c.codes for kind, _ in said), "an example it finds"
    for kind, draft in said:
        found = codes_found(draft)
        if kind == "Okay":
            assert not found & set(c.codes), (draft, found)
        else:
            assert kind in c.codes, f"{kind} is not among the check's codes"
            assert kind in found, (draft, found)


def test_the_table_holds_every_code_once():
    codes = [code for c in BRACKET_CHECKS for code in c.codes]
    assert len(codes) == len(set(codes))
