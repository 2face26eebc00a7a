"""The command line under careless or hostile use: nothing overwritten that was read, nothing
lost silently, and every kind of trouble an exit status of 2 or more (never 1, which means
"findings" or "differences")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, EXAMPLES, run_cli

BRACKETEER = [sys.executable, "-m", "bracketeer"]


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*BRACKETEER, *args], capture_output=True, timeout=120, **kwargs)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    shutil.copy(EXAMPLE, p)
    return p


# ------------------------------------------------------------------ -o never onto what was read
def test_output_onto_the_decisions_file_is_refused(draft: Path, tmp_path: Path) -> None:
    decisions = tmp_path / "d.toml"
    decisions.write_text('[[decision]]\naccept = ["US"]\n', encoding="utf-8")
    before = decisions.read_bytes()
    r = run_cli(["resolve", "--decisions", str(decisions), str(draft), "-o", str(decisions)])
    assert r.code == 2 and "refusing to overwrite an input" in r.err
    assert decisions.read_bytes() == before


def test_output_onto_the_delegations_file_is_refused(draft: Path, tmp_path: Path) -> None:
    extra = tmp_path / "del.toml"
    extra.write_text('[delegations.XYZ]\nname = "Xyzland"\n', encoding="utf-8")
    before = extra.read_bytes()
    r = run_cli(["accept", "-d", "US", "--delegations", str(extra), str(draft), "-o", str(extra)])
    assert r.code == 2 and extra.read_bytes() == before


def test_output_onto_the_file_standard_input_reads_is_refused(draft: Path) -> None:
    before = draft.read_bytes()
    with draft.open("rb") as stdin:
        r = _cli("accept", "--all", "-", "-o", str(draft), stdin=stdin)
    assert r.returncode == 2, r.stderr
    assert b"refusing to overwrite the input" in r.stderr
    assert draft.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_to_a_device_or_a_fifo_is_written_through(draft: Path, tmp_path: Path) -> None:
    r = run_cli(["accept", "--all", str(draft), "-o", os.devnull, "--report", "none"])
    assert r.code == 0 and Path(os.devnull).is_char_device()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = run_cli(["accept", "--all", str(draft), "-o", str(fifo), "--report", "none"])
    out, _ = reader.communicate(timeout=30)
    assert r.code == 0 and fifo.is_fifo()
    assert b"Intelligence Analysis" in out


def test_output_through_a_symlink_replaces_the_file_and_keeps_the_link(draft: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    r = run_cli(["accept", "--all", str(draft), "-o", str(link), "--report", "none"])
    assert r.code == 0, r.err
    assert link.is_symlink() and b"Intelligence Analysis" in target.read_bytes()


# ------------------------------------------------------------------ closed streams, full disks, pipes
def test_closed_standard_output_is_trouble_not_findings(draft: Path) -> None:
    r = subprocess.run(
        f"{sys.executable} -m bracketeer check {draft} >&-", shell=True, capture_output=True, timeout=120
    )
    assert r.returncode == 2 and b"standard output is closed" in r.stderr and b"Traceback" not in r.stderr


def test_closed_standard_input_is_trouble() -> None:
    r = subprocess.run(
        f"{sys.executable} -m bracketeer parse - <&-", shell=True, capture_output=True, timeout=120
    )
    assert r.returncode == 2 and b"standard input is closed" in r.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_trouble(draft: Path) -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [*BRACKETEER, "parse", "--format", "text", str(draft)], stdout=full, stderr=subprocess.PIPE
        )
    assert r.returncode == 2 and b"No space left" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "--format", "text"],
        ["status", "--format", "json"],
        ["diff", str(EXAMPLE)],
        ["accept", "--all", "--report", "none"],
    ],
    ids=["parse", "status", "diff", "accept"],
)
def test_a_closed_output_pipe_exits_141(tmp_path: Path, args: list[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text(EXAMPLE.read_text(encoding="utf-8") * 300, encoding="utf-8")
    command = (
        [*BRACKETEER, args[0], *args[1:], str(big)]
        if args[0] != "diff"
        else [*BRACKETEER, "diff", str(big), args[1]]
    )
    p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141, err
    assert b"Traceback" not in err


# ------------------------------------------------------------------ interrupts
def test_an_interrupt_before_the_result_is_in_place_leaves_the_input(draft: Path, monkeypatch) -> None:
    from bracketeer import io

    before = draft.read_bytes()

    def interrupted(path: str, data: bytes, on_commit=None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(io, "write_atomic", interrupted)
    r = run_cli(["accept", "--all", "--in-place", str(draft), "--report", "none"])
    assert r.code == 130 and draft.read_bytes() == before
    assert [p.name for p in draft.parent.iterdir()] == ["draft.txt"]  # no temporary file left


def test_an_interrupt_after_the_result_is_in_place_exits_0(draft: Path, monkeypatch) -> None:
    from bracketeer import io

    write = io.write_atomic

    def then_interrupted(path: str, data: bytes, on_commit=None) -> None:
        write(path, data, on_commit)
        raise KeyboardInterrupt

    monkeypatch.setattr(io, "write_atomic", then_interrupted)
    r = run_cli(["accept", "--all", "--in-place", str(draft), "--report", "none"])
    assert r.code == 0
    assert b"[US:" not in draft.read_bytes()


def test_an_interrupt_during_start_up_is_one_line_and_130() -> None:
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'bracketeer.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from bracketeer.entry import run\n"
        "run()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert r.returncode == 130
    assert r.stderr == b"interrupted\n"


@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_a_ctrl_c_at_any_moment_of_a_run_is_one_line_and_130(delay: float) -> None:
    # the child says when the entry module has been read (what comes before is the interpreter's
    # own start and the import system reading that file); from then on a SIGINT at any moment is
    # "interrupted" and 130, or the finished run's 0
    import signal
    import time

    example = str(EXAMPLE)
    code = (
        "import sys\n"
        "from bracketeer.entry import run\n"
        "sys.stderr.write('go\\n'); sys.stderr.flush()\n"
        f"sys.argv = ['bracketeer', 'status', {example!r}]\n"
        "run()\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert p.stderr is not None
    assert p.stderr.readline() == b"go\n"
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    err = p.stderr.read()
    p.wait(timeout=60)
    assert b"Traceback" not in err
    assert (p.returncode, err) in ((130, b"interrupted\n"), (0, b""))


# ------------------------------------------------------------------ --in-place keeps the input's kind
def _macro_document(path: Path) -> None:
    """The example .docx made a macro-enabled document (.docm): its main part's content type and a
    VBA project part, as Word saves one."""
    import zipfile

    with zipfile.ZipFile(EXAMPLES / "cicte-omnibus-2024.docx") as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            out.writestr(item, data)
        out.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")


@pytest.mark.parametrize("name", ["draft.docm", "draft.dotx", "draft", "draft.txt"])
def test_in_place_keeps_a_word_document_a_word_document_whatever_its_name(tmp_path, name):
    import zipfile

    draft = tmp_path / name
    _macro_document(draft)
    before = zipfile.ZipFile(draft)
    # the body changes, and so do the comments: the one introducing the accepted paragraph goes
    changing = ("word/document.xml", "word/comments.xml")
    kept = {i.filename: before.read(i) for i in before.infolist() if i.filename not in changing}
    r = run_cli(["accept", "-d", "US", "--in-place", str(draft), "--report", "none"])
    assert r.code == 0, r.err
    assert zipfile.is_zipfile(draft)
    after = zipfile.ZipFile(draft)
    assert {i.filename: after.read(i) for i in after.infolist() if i.filename not in changing} == kept
    assert b"Proposed new paragraph" not in after.read("word/comments.xml")
    back = run_cli(["parse", "--format", "text", str(draft)])
    assert b"[US:" not in back.out and b"proliferation" in back.out


def test_in_place_in_another_format_is_an_error_and_the_file_stays(tmp_path):
    draft = tmp_path / "draft.docx"
    shutil.copy(EXAMPLES / "cicte-omnibus-2024.docx", draft)
    before = draft.read_bytes()
    r = run_cli(["accept", "-d", "US", "--in-place", "--to", "text", str(draft)])
    assert r.code == 2
    assert "--in-place keeps the input's format (docx)" in r.err
    assert draft.read_bytes() == before
    text = tmp_path / "draft.docx.txt"
    shutil.copy(EXAMPLE, text)
    r = run_cli(["accept", "-d", "US", "--in-place", "--to", "docx", str(text)])
    assert r.code == 2 and text.read_bytes() == EXAMPLE.read_bytes()


def test_recover_says_the_first_fifty_faults_and_counts_the_rest():
    r = run_cli(["status", "--recover", "-"], stdin=b"1. Text " + b"[a " * 400 + b"\n")
    faults = [ln for ln in r.err.splitlines() if ": error: " in ln]
    assert len(faults) == 50
    assert "<stdin>: … and 350 more" in r.err


def test_a_macro_enabled_document_keeps_its_ending(tmp_path):
    # a .docm written to out.docx kept its macro content type, and Word refuses such a file
    draft = tmp_path / "draft.docm"
    _macro_document(draft)
    r = run_cli(["accept", "-d", "US", str(draft), "-o", str(tmp_path / "out.docx")])
    assert r.code == 2 and "name the output ….docm" in r.err
    assert not (tmp_path / "out.docx").exists()
    assert (
        run_cli(["accept", "-d", "US", str(draft), "-o", str(tmp_path / "out.docm"), "--report", "none"]).code
        == 0
    )


def test_a_man_page_for_every_command(tmp_path):
    """The lazily imported commands are all visible to a generator that reads the group's
    ``commands`` (click-man), one page each, with the command's own help."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("click_man")
    tool = shutil.which("click-man") or str(Path(sys.executable).parent / "click-man")
    subprocess.run([tool, "--target", str(tmp_path), "bracketeer"], check=True, capture_output=True)
    from bracketeer.cli import COMMANDS

    pages = {p.name for p in tmp_path.glob("*.1")}
    assert pages == {"bracketeer.1"} | {f"bracketeer-{c}.1" for c in COMMANDS}
    accept = (tmp_path / "bracketeer-accept.1").read_text()
    assert "--delegation" in accept and "Accept proposals" in accept


def test_running_one_command_imports_only_its_own_module():
    """Listing the commands for man pages must not make every run import every command."""
    import subprocess
    import sys

    code = (
        "import sys; from bracketeer import cli; cli.main(['parse', '--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('bracketeer.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "bracketeer.cli.parse" in out and "bracketeer.cli.render" not in out


def test_a_ctrl_c_while_the_command_line_is_read_is_one_line(monkeypatch, capsys) -> None:
    # click closes a terminal's "^C" with a blank line when the interrupt lands in its own
    # handling of the command line: "\ninterrupted" on stderr, found by the timed test above
    import click

    from bracketeer.cli import main

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Group, "make_context", interrupted)
    assert main(["status", str(EXAMPLE)]) == 130
    assert capsys.readouterr().err == "interrupted\n"
