"""`bracketeer check`: findings at file:line:col, exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from bracketeer.delegations import Registry
from bracketeer.lint import check

from .conftest import EXAMPLE, parse, run_cli


def codes(text):
    return [(f.line, f.column, f.code) for f in check(parse(text), Registry.builtin())]


def test_clean_draft_exits_0(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("TITLE\n\n1. Text [US: words] end.\n")
    r = run_cli(["check", str(f)])
    assert (r.code, r.out) == (0, b"")


def test_example_identical_alternatives_are_a_consensus_candidate():
    r = run_cli(["check", str(EXAMPLE)])
    assert r.code == 1
    first = r.text.splitlines()[0]
    assert first.startswith(f"{EXAMPLE}:36:27: note: alternatives of 8. from ARG and US are identical")
    assert "[identical-alternatives]" in first


def test_empty_brackets():
    assert codes("T\n\n1. a [] b [US: ] c\n") == [(3, 6, "empty-bracket"), (3, 11, "empty-bracket")]


def test_unknown_delegation_with_suggestion():
    found = check(parse("T\n\n1. a [CAM: x] b\n"), Registry.builtin())
    assert [(f.code, f.line, f.column) for f in found] == [("unknown-delegation", 3, 7)]
    assert 'unknown delegation "CAM"' in found[0].message
    assert "did you mean" in found[0].message


def test_user_delegations_file_makes_a_tag_known(tmp_path):
    d = tmp_path / "extra.toml"
    d.write_text('[delegations.XYZ]\nname = "Xyzland"\naliases = ["Xyz Republic"]\n')
    f = tmp_path / "draft.txt"
    f.write_text("T\n\n1. a [Xyz Republic: x] b\n")
    assert run_cli(["check", str(f)]).code == 1
    assert run_cli(["check", "--delegations", str(d), str(f)]).code == 0


def test_mismatched_brackets():
    assert "mismatched-bracket" in [c for _, _, c in codes("T\n\n1. a ［US: x] b\n")]


def test_proposal_repeating_its_context():
    assert codes("T\n\n1. methods of [US: methods of] financing\n") == [(3, 15, "repeats-context")]
    assert codes("T\n\n1. methods [US: of financing] of financing\n") == [(3, 12, "repeats-context")]


def test_tag_without_colon_and_doubled_colon():
    assert codes("T\n\n1. a [US terrorism and] b [CAN:: x]\n") == [
        (3, 6, "tag-without-colon"),
        (3, 28, "doubled-colon"),
    ]


def test_unclear_deletion_and_missing_target():
    assert codes('T\n\n1. the report [US: delete] and [US: delete "annually"]\n') == [
        (3, 15, "unclear-deletion"),
        (3, 32, "deletion-target-missing"),
    ]
    assert codes("T\n\n1. the [old text] [US: delete] end\n") == []


def test_json_output():
    r = run_cli(["check", "--format", "json", str(EXAMPLE)])
    data = json.loads(r.out)
    assert data["schema"] == "bracketeer.check/1"
    assert data["findings"][0] == {
        "line": 36,
        "column": 27,
        "severity": "note",
        "code": "identical-alternatives",
        "message": "alternatives of 8. from ARG and US are identical: a consensus candidate",
    }


def test_a_long_joint_tag_is_a_tag():
    text = (
        "1. We [Antigua and Barbuda, Saint Kitts and Nevis, Saint Vincent and the Grenadines, "
        "Trinidad and Tobago: strongly] urge.\n"
    )
    doc = parse(text)
    (bracket,) = [n for n in doc.blocks[0].lines[0].content if hasattr(n, "sponsors")]
    assert bracket.kind == "proposal"
    assert [s.code for s in bracket.sponsors] == ["ATG", "KNA", "VCT", "TTO"]


def test_a_plain_bracket_that_begins_like_a_tag_is_reported():
    assert codes("1. We [Group of 77 and China: strongly] urge.\n") == [(1, 7, "unread-tag")]


@pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")
def test_nothing_to_report_is_said_at_a_terminal_and_not_in_a_pipe(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("TITLE\n\n1. Text [US: words] end.\n\n2. More.\n")
    # script(1) gives the command a terminal
    shown = subprocess.run(
        ["script", "-qc", f"{sys.executable} -m bracketeer check {f}", "/dev/null"],
        capture_output=True,
        text=True,
    )
    assert "no problems found in 2 paragraphs" in shown.stdout
    piped = run_cli(["check", str(f)])
    assert (piped.code, piped.out, piped.err) == (0, b"", "")


def test_several_drafts_at_once_are_checked_in_turn(tmp_path):
    import json

    clean = tmp_path / "clean.txt"
    clean.write_text("1. Calls for [US: swift] action.\n")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("1. Calls for [US: ] action.\n")
    r = run_cli(["check", str(clean), str(dirty)])
    assert r.code == 1 and "dirty.txt:1:" in r.text and "1 finding in " in r.err
    assert run_cli(["check", str(clean), str(clean)]).code == 0
    both = json.loads(run_cli(["check", "--format", "json", str(clean), str(dirty)]).text)
    assert [len(x["findings"]) for x in both] == [0, 1]
    # and status: a line each, led by the draft's name; JSON, a list
    lines = run_cli(["status", "--format", "summary", str(clean), str(dirty)]).text.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(clean), str(dirty)]
    assert len(json.loads(run_cli(["status", "--format", "json", str(clean), str(dirty)]).text)) == 2


def test_status_names_each_section_once_and_keeps_touching_rivals_apart(tmp_path):
    """Rows grouped under their section (not its name on every row), and "[Decides][Clarifies]"
    read as two words."""
    draft = tmp_path / "d.txt"
    draft.write_text(
        "TITLE\n\nI. Scope of the cooperative approaches under the Article\n\n"
        "1. [[Decides][Clarifies] that it applies.]\n\n2. Text [US: more] here.\n\n3. Agreed text.\n"
    )
    out = run_cli(["status", str(draft)]).text
    assert out.count("I. Scope of the cooperative approaches") == 1
    assert "Decides Clarifies" in out and "DecidesClarifies" not in out
    data = json.loads(run_cli(["status", "--format", "json", str(draft)]).text)
    assert any("Decides Clarifies" in o["text"] for p in data["paragraphs"] for o in p["open"])


def test_rival_versions_striking_different_words_are_a_finding():
    # rejecting them all leaves them open (which words the text had is not said): said first here
    r = run_cli(
        ["check", "-"],
        stdin=b"1. a [US: ~~b~~ c] / [CAN: ~~d~~ e] f.\n2. a [US: ~~b~~ c] / [CAN: ~~b~~ e] f.\n",
    )
    assert r.code == 1
    found = r.text + r.err
    assert found.count("rivals-strike-different-words") == 1 and "<stdin>:1:6" in found


def test_a_note_naming_a_paragraph_the_draft_does_not_have_is_a_finding():
    # the US's new paragraph 4.bis rejected, CHL's note to delete it stays CHL's to decide; it
    # stood before paragraph 5 unremarked, which it does not name
    intro = "Proposed new paragraph submitted by the delegation of the United States:\n\n"
    text = (
        "TITLE\n\n4. Alpha.\n\nCHL proposes to delete paragraph 4.bis\n\n"
        + intro
        + "4.bis. [US: Beta.]\n\n5. Gamma.\n"
    )
    assert codes(text) == []
    r = run_cli(["reject", "-d", "US", "--report", "none", "-"], stdin=text.encode())
    assert codes(r.text) == [(5, 1, "note-names-no-paragraph")]
    moved = "TITLE\n\nCAN proposes to move paragraph 9 after paragraph 1\n\n1. Alpha.\n"
    assert codes(moved) == [(3, 1, "note-names-no-paragraph")]
