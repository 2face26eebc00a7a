"""Bad input: every problem at file:line:col with a caret, exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from .conftest import run_cli


def test_unclosed_and_unmatched_brackets_are_all_reported(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "TITLE\n\n1. Text [US: never closed\n\n2. Fine [CAN: ok]\n\n3. Stray ] here\n4. And\t[MEX: open\n"
    )
    r = run_cli(["parse", str(draft)])
    assert r.code == 2
    assert r.out == b""
    lines = r.err.splitlines()
    assert f'{draft}:3:9: error: unclosed "[" opened here' in lines
    assert f'{draft}:7:10: error: unmatched "]": no "[" is open here' in lines
    assert f'{draft}:8:8: error: unclosed "[" opened here' in lines
    # the source line and a caret under the spot (tabs expanded)
    i = lines.index(f'{draft}:3:9: error: unclosed "[" opened here')
    assert lines[i + 1] == "    1. Text [US: never closed"
    assert lines[i + 2] == "    " + " " * 8 + "^"
    j = lines.index(f'{draft}:8:8: error: unclosed "[" opened here')
    assert lines[j + 2].index("^") == lines[j + 1].index("[")
    assert "Traceback" not in r.err


def test_check_reports_unbalanced_brackets_as_findings_and_goes_on(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("1. a ] b\n\n2. [Freedonia: x]\n")
    r = run_cli(["check", str(draft)])
    assert r.code == 1
    assert f"{draft}:1:6: error: unmatched" in r.text and "[unbalanced]" in r.text
    assert 'unknown delegation "Freedonia"' in r.text  # the rest is checked too


def test_stdin_errors_name_stdin():
    r = run_cli(["parse", "-"], stdin=b"1. [US: x\n")
    assert r.code == 2
    assert r.err.startswith('<stdin>:1:4: error: unclosed "["')


def test_binary_file_gets_a_clear_error(tmp_path):
    f = tmp_path / "draft.docx"
    f.write_bytes(b"PK\x03\x04\x00\x00binary")
    r = run_cli(["parse", str(f)])
    assert r.code == 2
    assert "damaged zip file" in r.err and "Traceback" not in r.err
    assert str(f) in r.err


def test_undecodable_bytes_name_their_position(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("1. Première ligne\n2. Deuxième".encode("latin-1"))
    r = run_cli(["parse", str(f)])
    assert r.code == 2
    assert f"{f}:1:9: error: cannot decode byte 0xe8 as utf-8" in r.err
    assert "--encoding" in r.err
    ok = run_cli(["parse", "--format", "text", "--encoding", "latin-1", str(f)])
    assert ok.code == 0
    assert ok.out == f.read_bytes()


def test_unknown_encoding(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x")
    r = run_cli(["parse", "--encoding", "klingon", str(f)])
    assert r.code == 2 and "unknown encoding" in r.err


def test_missing_file_is_trouble_not_findings(tmp_path):
    r = run_cli(["check", str(tmp_path / "nope.txt")])
    assert r.code == 2
    assert "nope.txt" in r.err


def test_bad_option_is_exit_2():
    r = run_cli(["parse", "--format", "yaml", "x"])
    assert r.code == 2


def test_real_process_no_traceback_and_closed_pipe(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("1. [x\n")
    p = subprocess.run(
        [sys.executable, "-m", "bracketeer", "parse", str(draft)], capture_output=True, text=True
    )
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    big = tmp_path / "big.txt"
    big.write_text("1. Text [US: x]\n\n" * 20000)
    p = subprocess.run(
        f"{sys.executable} -m bracketeer parse --format json {big} | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in p.stderr
    assert "BrokenPipe" not in p.stderr


# ------------------------------------------------------------------ pathological input: bounded, positioned
def test_nesting_deeper_than_the_limit_is_an_error_at_its_place(tmp_path):
    draft = tmp_path / "deep.txt"
    draft.write_text("1. " + "[US: a " * 101 + "]" * 101 + "\n")
    r = run_cli(["parse", str(draft)])
    assert r.code == 2
    assert r.err.startswith(f"{draft}:1:704: error: brackets nest more than 100 deep here")
    ok = tmp_path / "ok.txt"
    ok.write_text("1. " + "[US: a " * 100 + "]" * 100 + "\n")
    for command in (
        ["accept", "--all"],
        ["reject", "--all"],
        ["check"],
        ["status"],
        ["parse", "--format", "json"],
    ):
        assert run_cli([*command, str(ok)]).code in (0, 1), command


def test_thousands_of_faults_show_fifty_and_a_count(tmp_path):
    draft = tmp_path / "open.txt"
    draft.write_text("1. " + "[" * 10_000 + "\n")
    r = run_cli(["parse", str(draft)])
    assert r.code == 2
    assert r.err.count("error: unclosed") == 50
    assert r.err.rstrip().endswith(f"{draft}: … and 9950 more")
    assert len(r.err) < 20_000


def test_a_long_line_is_shown_as_a_window_around_the_caret(tmp_path):
    draft = tmp_path / "long.txt"
    draft.write_text("1. " + "word " * 2000 + "] and more " * 1 + "word " * 2000 + "\n")
    r = run_cli(["parse", str(draft)])
    assert r.code == 2
    head, shown, caret = r.err.splitlines()[:3]
    assert head == f'{draft}:1:10004: error: unmatched "]": no "[" is open here'
    assert shown.startswith("    …") and shown.endswith("…") and len(shown) < 120
    assert shown[caret.index("^")] == "]"
