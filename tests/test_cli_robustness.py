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

from .conftest import EXAMPLE, run_cli

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
