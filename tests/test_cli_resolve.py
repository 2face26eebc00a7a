"""accept, reject, resolve and status from the command line, alone and in pipelines."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import EXAMPLE, EXAMPLES, run_cli


def test_pipeline_accept_reject_status():
    cmd = (
        f"{sys.executable} -m bracketeer accept -d US {EXAMPLE} --report none"
        f" | {sys.executable} -m bracketeer reject -d ARG - --report none"
        f" | {sys.executable} -m bracketeer status --format summary -"
    )
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "10 paragraphs, 9 agreed, 1 open; CAN 1 open\n"


def test_accept_output_is_a_reparseable_bracketed_draft():
    r = run_cli(["accept", "--delegation", "USA", str(EXAMPLE), "--report", "none"])
    assert r.code == 0
    again = run_cli(["parse", "--format", "text", "-"], stdin=r.out)
    assert again.out == r.out
    assert b"[CAN: Intelligence Analysis]" in r.out


def test_comma_lists_and_names_for_delegations():
    a = run_cli(["accept", "-d", "US,CAN", str(EXAMPLE), "--report", "none"])
    b = run_cli(["accept", "-d", "United States", "-d", "Canada", str(EXAMPLE), "--report", "none"])
    assert a.out == b.out
    assert b"[CAN:" not in a.out and b"[US:" not in a.out


def test_report_on_stderr_in_text_and_json():
    r = run_cli(["reject", "-d", "US", str(EXAMPLE)])
    assert (
        f'{EXAMPLE}:15:118: rejected proposal by US: "terroristm and proliferation" (paragraph 2.)' in r.err
    )
    r = run_cli(["reject", "-d", "US", str(EXAMPLE), "--report", "json"])
    data = json.loads(r.err)
    assert data["schema"] == "bracketeer.report/1"
    assert data["events"][0] == {
        "outcome": "rejected",
        "what": "proposal",
        "sponsors": ["US"],
        "paragraph": "2.",
        "line": 15,
        "column": 118,
        "text": "terroristm and proliferation",
        "detail": "",
    }


def test_clean_fails_while_proposals_are_open_unless_forced():
    r = run_cli(["accept", "-d", "US", "--clean", str(EXAMPLE), "--report", "none"])
    assert r.code == 1
    assert r.out == b""
    assert "1 proposal still open" in r.err
    assert f"{EXAMPLE}:15:" in r.err and "CAN: Intelligence Analysis" in r.err
    forced = run_cli(["accept", "-d", "US", "--clean", "--force", str(EXAMPLE), "--report", "none"])
    assert forced.code == 0
    assert b"[CAN: Intelligence Analysis]" in forced.out
    assert b"Proposed new paragraph" not in forced.out


def test_accept_all_clean():
    r = run_cli(["accept", "--all", "--clean", str(EXAMPLE), "--report", "none"])
    assert r.code == 0
    assert b"[" not in r.out and b"]" not in r.out
    assert r.out.count(b"To instruct the Secretariat") == 1


def test_output_file_is_written_atomically_and_the_input_is_never_overwritten(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out.txt"
    r = run_cli(["accept", "-d", "US", str(draft), "-o", str(out), "--report", "none"])
    assert r.code == 0 and r.out == b""
    assert b"terroristm and proliferation financing" in out.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    refused = run_cli(["accept", "-d", "US", str(draft), "-o", str(draft)])
    assert refused.code == 2 and "--in-place" in refused.err
    assert draft.read_bytes() == EXAMPLE.read_bytes()
    inplace = run_cli(["accept", "-d", "US", str(draft), "--in-place", "--report", "none"])
    assert inplace.code == 0
    assert draft.read_bytes() == out.read_bytes()


def test_crlf_and_bom_survive_resolution():
    data = b"\xef\xbb\xbfTITLE\r\n\r\n1. Give [US: more] funds.\r\n"
    r = run_cli(["accept", "-d", "US", "-", "--report", "none"], stdin=data)
    assert r.out == b"\xef\xbb\xbfTITLE\r\n\r\n1. Give more funds.\r\n"


def test_decisions_file_example():
    r = run_cli(["resolve", "--decisions", str(EXAMPLES / "decisions.toml"), str(EXAMPLE), "--clean"])
    assert r.code == 0, r.err
    text = r.text
    assert "Financial Intelligence Analysis Units" in text
    assert "methods of terroristm and proliferation financing" in text
    assert "\t5. To authorize" in text and "\n9. To instruct" in text
    assert "4.bis. → 5." in r.err


def test_bad_decisions_are_trouble(tmp_path):
    assert run_cli(["accept", "-d", "XX", str(EXAMPLE)]).code == 2
    r = run_cli(["accept", "-d", "CAM", str(EXAMPLE)])
    assert r.code == 2 and 'unknown delegation "CAM"' in r.err and "did you mean" in r.err
    r = run_cli(["accept", "-d", "US", "-p", "42", str(EXAMPLE)])
    assert r.code == 2 and 'no paragraph labelled "42"' in r.err
    r = run_cli(["accept", str(EXAMPLE)])
    assert r.code == 2 and "--delegation" in r.err
    bad = tmp_path / "d.toml"
    bad.write_text('[[decision]]\naccept = ["US"]\nreject = ["ARG"]\n')
    r = run_cli(["resolve", "--decisions", str(bad), str(EXAMPLE)])
    assert r.code == 2 and "exactly one of" in r.err


def test_status_table_json_and_summary():
    r = run_cli(["status", "--format", "json", str(EXAMPLE)])
    data = json.loads(r.out)
    assert data["summary"] == "10 paragraphs, 7 agreed, 3 open; US 4, ARG 1, CAN 1 open"
    by = {d["code"]: d for d in data["delegations"]}
    assert by["US"] == {
        "code": "US",
        "open": 4,
        "proposals": 2,
        "paragraphs": 1,
        "alternatives": 1,
        "supported": 0,
    }
    p8 = [p for p in data["paragraphs"] if p["label"] == "8."][0]
    assert p8["state"] == "open" and p8["alternatives"] == 2
    # 4.bis is a whole-paragraph proposal: open, counted as a paragraph for the US
    p4bis = [p for p in data["paragraphs"] if p["label"] == "4.bis."][0]
    assert p4bis["state"] == "open"
    table = run_cli(["status", str(EXAMPLE)])
    assert table.code == 0
    assert b"\x1b[" not in table.out
    assert "Delegations" in table.text and "CICTE" in table.text


def test_colour_only_on_request_and_never_with_no_color():
    def run(**env):
        base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        return subprocess.run(
            [sys.executable, "-m", "bracketeer", "parse", str(EXAMPLE)],
            capture_output=True,
            env={**base, **env},
        ).stdout

    assert b"\x1b[" not in run()
    assert b"\x1b[" in run(FORCE_COLOR="1")
    assert b"\x1b[" not in run(FORCE_COLOR="1", NO_COLOR="1")


# ------------------------------------------------------------------ decisions and delegations files: nothing ignored
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '[[decision]]\naccept = ["US"]\nparagraph = "2"\n',
            "decision 1: unknown key `paragraph`; did you mean `paragraphs`?",
        ),
        ('[[decision]]\naccept = ["US"]\nparagraphs = [""]\n', "decision 1: an empty paragraph label"),
        (
            '[[decision]]\naccept = ["US"]\nparagraphs = [true]\n',
            "decision 1: paragraphs must be a list of labels",
        ),
        ('[[decision]]\naccept = [""]\n', 'decision 1: accept must be a list of delegations or "all"'),
        (
            '[[decision]]\naccept = []\nparagraphs = ["2"]\n',
            'decision 1: accept = [] names no delegation; write accept = "all" to decide every '
            "proposal in those paragraphs",
        ),
        (
            "[[decision]]\nreject = []\n",
            'decision 1: reject = [] names no delegation; write reject = "all" to decide every proposal',
        ),
        (
            "x = " + "[" * 2000 + "]" * 2000 + "\n",
            "not a valid TOML decisions file: its tables or lists nest too deeply",
        ),
        ("decision = [1, 2]\n", "decision 1 must be a table ([[decision]])"),
        ('decision = ["accept"]\n', "decision 1 must be a table ([[decision]])"),
        (
            'renumbr = true\n[[decision]]\naccept = ["US"]\n',
            "unknown key `renumbr`; did you mean `renumber`?",
        ),
    ],
)
def test_a_wrong_decisions_file_is_an_error_that_says_where(tmp_path, content, expected):
    bad = tmp_path / "d.toml"
    bad.write_text(content, encoding="utf-8")
    r = run_cli(["resolve", "--decisions", str(bad), str(EXAMPLE)])
    assert r.code == 2, r.err
    assert r.out == b""
    assert r.err.strip() == f"{bad}: error: {expected}"


def test_a_decisions_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    good = tmp_path / "d.toml"
    good.write_bytes(b'\xef\xbb\xbf[[decision]]\naccept = ["US"]\n')
    r = run_cli(["resolve", "--decisions", str(good), str(EXAMPLE), "--report", "none"])
    assert r.code == 0, r.err
    assert b"[US:" not in r.out


def test_an_empty_paragraph_label_on_the_command_line_does_not_widen_the_decision():
    r = run_cli(["accept", "-d", "US", "-p", "", str(EXAMPLE)])
    assert r.code == 2 and "an empty paragraph label" in r.err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '[delegations.XYZ]\nnmae = "Xyzland"\n',
            "[delegations.XYZ]: unknown key `nmae`; did you mean `name`?",
        ),
        ('[delegation.XYZ]\nname = "Xyzland"\n', "unknown key `delegation`; did you mean `delegations`?"),
        (
            '[delegations.XYZ]\nkind = "country"\n',
            "[delegations.XYZ]: kind must be one of state, group, observer, chair",
        ),
        (
            '[delegations."A:B"]\nname = "Ab"\n',
            '[delegations.A:B]: "A:B" is not a delegation code: letters, digits, ".", "-" and "_" only '
            '(a ":", "," or space would break the tags that name it)',
        ),
        (
            '[authors]\n"Jane Doe" = "Canda"\n',
            '[authors] "Jane Doe": unknown delegation "Canda"; did you mean "CAN"?',
        ),
        (
            '[authors]\n"Jane Doe" = "XYZZY"\n',
            '[authors] "Jane Doe": unknown delegation "XYZZY" (name it in a --delegations file)',
        ),
        (
            "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n",
            "not a valid TOML delegations file: its tables or lists nest too deeply",
        ),
    ],
)
def test_a_wrong_delegations_file_is_an_error(tmp_path, content, expected):
    bad = tmp_path / "del.toml"
    bad.write_text(content, encoding="utf-8")
    r = run_cli(["status", "--delegations", str(bad), str(EXAMPLE)])
    assert r.code == 2
    assert r.err.strip() == f"{bad}: error: {expected}"


def test_a_label_in_several_sections_must_be_named_with_its_section():
    r = run_cli(["reject", "--all", "-p", "1", str(EXAMPLE)])
    assert r.code == 2
    assert '"1" is a paragraph in 2 sections' in r.err and '"CICTE/1"' in r.err
    ours = run_cli(["reject", "--all", "-p", "CICTE/2", "--report", "json", str(EXAMPLE)])
    assert ours.code == 0
    import json

    assert {e["paragraph"] for e in json.loads(ours.err)["events"]} == {"2."}
    # a section is named by its heading's first words, in any case
    assert run_cli(["accept", "--all", "-p", "inter-american/1", str(EXAMPLE)]).code == 0


def test_a_delegations_file_may_map_an_author_to_its_own_code_or_to_several(tmp_path):
    good = tmp_path / "del.toml"
    good.write_text('[delegations.SICA]\nname = "Sica"\n[authors]\n"Jane" = "SICA, US"\n', encoding="utf-8")
    assert run_cli(["status", "--delegations", str(good), str(EXAMPLE)]).code == 0


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            "--author-map=United States=XYZZY",
            '--author-map: error: unknown delegation "XYZZY" (name it in a --delegations file)',
        ),
        ("--author-map=Jane=Canda", '--author-map: error: unknown delegation "Canda"; did you mean "CAN"?'),
        (
            "--colour-map=FF0000=XYZZY",
            '--colour-map: error: unknown delegation "XYZZY" (name it in a --delegations file)',
        ),
        ("--colour-map=GG0000=US", "'GG0000' is not a colour: six hexadecimal digits, as RRGGBB"),
    ],
)
def test_a_map_naming_an_unknown_delegation_or_no_colour_is_an_error(option, expected):
    # a typo would otherwise make accept -d US silently decide nothing
    r = run_cli(["accept", "-d", "US", option, str(EXAMPLE)])
    assert r.code == 2
    assert r.out == b""
    assert expected in r.err


def test_a_clean_refusal_lists_the_first_fifty_open_proposals_and_counts_the_rest():
    draft = "".join(f"{n}. Text [US: word {n}] more.\n\n" for n in range(1, 121))
    r = run_cli(["render", "--mode", "clean", "-"], stdin=draft.encode())
    assert r.code == 1
    lines = r.err.splitlines()
    assert lines[0].startswith("<stdin>: 120 proposals still open; nothing written")
    assert len(lines) == 52
    assert lines[-1] == "<stdin>: … and 70 more (bracketeer status <stdin> lists them all)"


# ------------------------------------------------------------------ what the text does not decide
SIDE_BY_SIDE = b"1. The Conference [Welcomes] [Notes with appreciation] the report.\n"


def test_two_brackets_side_by_side_stop_a_decision_that_would_accept_both(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(SIDE_BY_SIDE)
    out = tmp_path / "out.txt"
    r = run_cli(["accept", "--all", str(draft), "-o", str(out)])
    assert r.code == 1
    assert not out.exists()  # nothing written: neither reading is a guess worth writing
    assert f"{draft}:1:19: paragraph 1.: [Welcomes]" in r.err
    assert f"{draft}:1:30: paragraph 1.: [Notes with appreciation]" in r.err
    assert "--adjacent alternatives or --adjacent independent" in r.err


def test_the_reading_said_on_the_command_line_or_in_the_settings_file(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(SIDE_BY_SIDE)
    independent = run_cli(["accept", "--all", "--adjacent", "independent", str(draft), "--report", "none"])
    assert (independent.code, independent.out) == (
        0,
        b"1. The Conference Welcomes Notes with appreciation the report.\n",
    )
    settings = tmp_path / "house.toml"
    settings.write_text('[reading]\nadjacent = "alternatives"\n')
    rivals = run_cli(["accept", "--all", "--delegations", str(settings), str(draft), "--report", "json"])
    assert (rivals.code, rivals.out) == (0, SIDE_BY_SIDE)  # two differing rivals: left open
    assert {e["outcome"] for e in json.loads(rivals.err)["events"]} == {"conflict"}
    # the command line wins over the file
    said = ["accept", "--all", "--adjacent", "independent", "--delegations", str(settings), str(draft)]
    assert run_cli([*said, "--report", "none"]).out == independent.out


def test_a_settings_file_with_a_reading_it_does_not_know_is_an_error(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(SIDE_BY_SIDE)
    settings = tmp_path / "house.toml"
    settings.write_text('[reading]\nadjacent = "rivals"\n')
    r = run_cli(["check", "--delegations", str(settings), str(draft)])
    assert r.code == 2
    assert 'adjacent must be "alternatives" or "independent"' in r.err
    settings.write_text("[reading]\nadjacnet = true\n")
    r = run_cli(["check", "--delegations", str(settings), str(draft)])
    assert r.code == 2 and "did you mean `adjacent`?" in r.err


def test_an_instruction_not_understood_is_never_accepted_as_words(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(b'1. Encourages funding [US: Insert the words "may support" here] for all.\n')
    r = run_cli(["accept", "-d", "US", str(draft), "--clean"])
    assert r.code == 1 and r.out == b""  # still open: no clean text
    assert "unclear instruction by US" in r.err


def test_quiet_says_nothing_on_standard_error_but_errors(tmp_path):
    """``-q`` before any command: the decided draft on standard output as ever, no report,
    warning or count on standard error; an error is still said, with exit status 2."""
    loud = run_cli(["accept", "-d", "US", str(EXAMPLE)])
    quiet = run_cli(["-q", "accept", "-d", "US", str(EXAMPLE)])
    assert loud.err and quiet.code == loud.code == 0 and quiet.out == loud.out and quiet.err == ""
    bad = tmp_path / "bad.txt"
    bad.write_text("1. Text [US: words here.\n")
    assert run_cli(["-q", "check", "--recover", str(bad)]).err == ""
    failed = run_cli(["-q", "parse", str(bad)])
    assert failed.code == 2 and "bad.txt:1:" in failed.err


def test_delegation_codes_complete_in_the_shell(tmp_path):
    """``bracketeer accept -d CA<TAB>`` offers the registry's codes, the settings file's too."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "bracketeer.toml").write_text('[delegations.CARTAGENA]\nname = "Cartagena Group"\n')
    exe = str(Path(sys.executable).parent / "bracketeer")
    env = {
        **os.environ,
        "_BRACKETEER_COMPLETE": "bash_complete",
        "COMP_WORDS": "bracketeer accept -d CA",
        "COMP_CWORD": "3",
    }
    out = subprocess.run([exe], env=env, cwd=tmp_path, capture_output=True, text=True).stdout.split()
    assert "plain,CAN" in out and "plain,CARTAGENA" in out
    assert all(item.split(",", 1)[1].upper().startswith("CA") for item in out)


def test_a_decision_is_not_written_into_a_file_named_as_a_web_page(tmp_path):
    """``accept -o out.html`` wrote the decided text into a file named .html: refused, exit 2,
    nothing written; ``render --to html`` is the way to a page."""
    out = tmp_path / "out.html"
    r = run_cli(["accept", "--all", str(EXAMPLE), "-o", str(out)])
    assert r.code == 2 and not out.exists()
    assert "render --to html" in r.err
