"""The library's front door: what the README's Library section shows works, in a few lines."""

from __future__ import annotations

import importlib

import pytest

import bracketeer

from .conftest import EXAMPLE


def test_the_front_door_does_what_the_commands_do():
    draft = bracketeer.load(EXAMPLE)
    plan = bracketeer.decide(draft, "accept", delegations=["US"])
    result = bracketeer.resolve(draft, plan)
    text = bracketeer.render(result.document).decode("utf-8")
    assert "terroristm and proliferation" in text and "[US:" not in text
    assert {e.outcome for e in result.events} >= {"accepted"}
    docx = bracketeer.render(draft, bracketeer.RenderOptions(to="docx", mode="tracked"))
    assert docx[:2] == b"PK"
    changes = bracketeer.compare(draft, result.document)
    assert changes.differs and "accepted" in changes.summary()


def test_load_takes_bytes_and_gives_the_draft_back():
    data = EXAMPLE.read_bytes()
    draft = bracketeer.load(data, name="mine.txt")
    assert draft.name == "mine.txt"
    assert bracketeer.render(draft) == data  # the bracketed text of an untouched draft is the draft


def test_a_clean_rendering_of_an_open_draft_is_refused_with_where_it_is_open():
    draft = bracketeer.load(b"1. Calls [US: upon] all States.\n", name="d.txt")
    with pytest.raises(bracketeer.StillOpen) as e:
        bracketeer.render(draft, bracketeer.RenderOptions(mode="clean"))
    assert e.value.exit_code == 1
    assert "d.txt:1:10: paragraph 1.: [US: upon]" in e.value.describe()


def test_parse_errors_print_their_own_caret():
    with pytest.raises(bracketeer.ParseError) as e:
        bracketeer.load(b"1. Calls [US: upon all States.\n\n2. Notes.\n", name="d.txt")
    assert e.value.describe().splitlines() == [
        'd.txt:1:10: error: unclosed "[" opened here',
        "    1. Calls [US: upon all States.",
        "             ^",
    ]


def test_plans_chain_renumbering_after_decisions():
    draft = bracketeer.load(EXAMPLE)
    plan = bracketeer.decide(draft, "accept", everything=True) + bracketeer.Plan(renumber=True)
    result = bracketeer.resolve(draft, plan)
    assert result.events[-1].outcome == "renumbered"


@pytest.mark.parametrize("module", ["write.text", "resolver.inline", "lint", "standing", "read.lines"])
def test_the_front_door_stays_callable_whatever_is_imported(module):
    importlib.import_module(f"bracketeer.{module}")
    for name in ("load", "resolve", "render", "compare", "check", "status"):
        assert callable(getattr(bracketeer, name)), name


def test_word_recovery_and_consolidation_through_the_front_door():
    import zipfile
    from io import BytesIO

    from .conftest import EXAMPLES

    word = bracketeer.load(EXAMPLES / "cicte-omnibus-2024.docx", author_map={"Jane Doe": "US"})
    after = bracketeer.resolve(word, bracketeer.decide(word, "accept", delegations=["US"])).document
    written = bracketeer.api.write_back(after)
    assert "word/document.xml" in zipfile.ZipFile(BytesIO(written)).namelist()
    messy = bracketeer.load(b"1. Calls [US: upon all States.\n", recover=True)
    assert len(messy.faults) == 1
    compiled = bracketeer.consolidate(
        bracketeer.load(EXAMPLES / "consolidation" / "base.txt"),
        [("CAN", bracketeer.load(EXAMPLES / "consolidation" / "can.txt"))],
        options=bracketeer.ConsolidateOptions(),
    )
    assert "[CAN: Intelligence Analysis]" in compiled.text and not compiled.conflicts
