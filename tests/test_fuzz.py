"""Fuzzing in the suite: real drafts mutated as a careless or hostile editor would, generated
drafts, and every reproducer saved by bench/fuzz.py (tests/fuzz-cases/), all held to the
properties in tests/fuzzing.py. In CI hypothesis replays the same examples every run."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzzing import CASES, TOKENS, examples, failure
from .test_parse_roundtrip import drafts

EXAMPLE_TEXTS = examples()

edit = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(TOKENS)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 20)),
)


@st.composite
def mutated_drafts(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(EXAMPLE_TEXTS)).splitlines(keepends=True)
    start = draw(st.integers(0, len(lines) - 1))
    text = "".join(lines[start : start + draw(st.integers(1, 10))])
    for kind, where, what in draw(st.lists(edit, max_size=6)):
        at = int(where * len(text))
        text = text[:at] + what + text[at:] if kind == "insert" else text[:at] + text[at + what :]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_drafts())
def test_mutated_real_drafts_hold_every_property(text: str) -> None:
    assert failure(text.encode("utf-8")) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_generated_drafts_hold_every_property(text: str) -> None:
    assert failure(text.encode("utf-8")) is None


@pytest.mark.parametrize("case", sorted(CASES.glob("*.txt")), ids=lambda p: p.name)
def test_saved_fuzz_cases_hold_every_property(case: Path) -> None:
    assert failure(case.read_bytes()) is None


def test_the_properties_catch_a_lost_word(monkeypatch) -> None:
    import bracketeer
    from bracketeer.resolver import Resolution

    def losing(document, plan):
        from dataclasses import replace

        return Resolution(replace(document, blocks=document.blocks[:-1]), ())

    monkeypatch.setattr(bracketeer, "resolve", losing)
    assert failure(b"1. Agreed [US: x] words.\n\n2. More agreed [CAN: y] text.\n") is not None


# ------------------------------------------------------------------ every surface, derandomised
# (bench/fuzz.py runs the same families by the hundred thousand)
RUNS = {
    "text": 60,
    "recover": 60,
    "docx": 8,
    "zip": 30,
    "decisions": 60,
    "settings": 25,
    "consolidate": 25,
    "decide-back": 20,
}


@pytest.mark.parametrize("family", sorted(RUNS))
def test_every_surface_holds_its_properties_from_a_fixed_seed(family: str) -> None:
    import random

    from .fuzzing import FAMILIES

    generate, check = FAMILIES[family]
    rng = random.Random(f"ci/{family}")
    for n in range(RUNS[family]):
        problem = check(generate(rng))
        assert problem is None, f"{family} case {n}: {problem}"


def test_the_example_word_draft_written_back_reads_as_decided(tmp_path) -> None:
    # it kept the comment introducing the accepted paragraph, and wrote "8.  To" for "8. To"
    from .conftest import EXAMPLES, run_cli

    out = tmp_path / "out.docx"
    example = str(EXAMPLES / "cicte-omnibus-2024.docx")
    as_text = run_cli(["accept", "--all", example, "--report", "none"])
    assert run_cli(["accept", "--all", example, "-o", str(out), "--report", "none"]).code == 0
    assert run_cli(["render", "--to", "text", "--mode", "tracked", str(out)]).out == as_text.out
