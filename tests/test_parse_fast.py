"""The fast reader gives the reference reader's tree, spans included (the reference runs the
whole grammar token by token; the fast one runs Lark over the brackets only and reads the text
around them with the same grammar's terminals). Every other test checks it too, through
conftest's session fixture; these make sure the awkward cases are among them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from bracketeer.delegations import Registry
from bracketeer.errors import ParseError
from bracketeer.read.lines import read_lines
from bracketeer.read.reference import parse_reference
from bracketeer.read.text import parse_text

from .conftest import EXAMPLES, ROOT
from .test_parse_roundtrip import drafts

SHARED = ROOT.parent / "shared" / "real-drafts"
REGISTRY = Registry.builtin()


def _same(text: str) -> None:
    assert read_lines(text, REGISTRY) == parse_reference(text, REGISTRY)


def _drafts() -> list[Path]:
    found = [*EXAMPLES.glob("*.txt"), ROOT / "tests" / "data" / "tracked-cases.txt"]
    return found + (sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else [])


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("path", _drafts(), ids=lambda p: p.name)
def test_every_draft_reads_the_same_with_lf_and_crlf(path: Path, newline: str) -> None:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\n", newline)
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "  ",
        "1. ",
        "1. \n",
        "\t4.bis. [US: x]",
        "[1.] Decides [US: to act].\n[2.]\tSecond\n",
        "  [3.] indented bracketed label\n",
        "1. [sic] and [US: x] (US) and [y] (XYZ) rest\n",
        "1. [a]US then [b]XYZQWERTYU\n",
        '1. [US: delete] [CAN: delete "a"] [MEX: replace "a" with "b"]\n',
        "1. [US: ~~old~~ new ~~~x~~ [CAN: nested ~~in~~] tail — ARG]\n",
        "1. A [US: proposal that\nruns over\n\nseveral lines] ends.\r\nNext\r",
        "Proposed new paragraph submitted by the delegation of Canada:\n  Note: indented\n(a note)",
        "1. Lone \r carriage\r\n",
        "1. Full-width ［CAN: y］ and\u00a0nbsp [US:\u00a0x]\n",
        "OP3 alt\t[G77: x]\n8 alt [US: y]\n",
    ],
)
def test_awkward_lines_read_the_same(text: str) -> None:
    _same(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_generated_drafts_read_the_same(text: str) -> None:
    text = text.lstrip("\ufeff")
    _same(text)
    _same(text.replace("\r\n", "\n").replace("\n", "\r\n"))


@pytest.mark.parametrize("text", ["1. [US: open\n", "1. stray ] here\n", "[[x]\n\n2. ]]\n"])
def test_unbalanced_drafts_fail_the_same_way(text: str) -> None:
    with pytest.raises(ParseError) as fast:
        parse_text(text)
    with pytest.raises(ParseError) as reference:
        parse_text(text, reference=True)
    assert fast.value.problems == reference.value.problems


def test_the_terminals_kept_between_processes_are_the_grammars_own(tmp_path, monkeypatch):
    # they are kept in the temporary directory, under the grammar's hash; a damaged file is
    # built again from the grammar, never believed
    import tempfile

    from bracketeer.grammar import grammar_text, terminals_from_lark
    from bracketeer.read import terminals as t

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    want = terminals_from_lark(grammar_text())
    for damage in (None, "not json", '{"LABEL": ["x"]}'):
        t.terminals.cache_clear()
        for f in tmp_path.glob("bracketeer-terminals-*.json"):
            if damage is not None:
                f.write_text(damage, encoding="utf-8")
        got = t.terminals()
        assert {n: p.pattern for n, p in got.patterns.items()} == {n: r for n, (r, _) in want.items()}
        assert {n: r[:3] for n, r in got.rank.items()} == {n: r for n, (_, r) in want.items()}
    assert len(list(tmp_path.glob("bracketeer-terminals-*.json"))) == 1
    t.terminals.cache_clear()
