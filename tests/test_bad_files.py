"""Every command on every kind of bad file: one line (or a positioned list) on standard error and
exit status 2, never a traceback, an internal error or a status that reads as findings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, run_cli

COMMANDS = [
    ["parse"],
    ["check"],
    ["status"],
    ["accept", "--all"],
    ["reject", "-d", "US"],
    ["render", "--to", "text"],
    ["diff", str(EXAMPLE)],
]


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "invalid UTF-8 in the middle": b"1. Fine [US: text]\n2. Broken \xff\xfe here\n",
        "UTF-16 without a mark": "1. [US: x]\n".encode("utf-16-le"),
        "NUL bytes": b"1. A \x00 B\n",
        "nested 100,000 deep": b"1. " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "a .docx (zip)": b"PK\x03\x04" + b"\x00" * 100,
    }
    out = {}
    for name, data in files.items():
        p = folder / (name.replace(" ", "-").replace(",", "") + ".txt")
        p.write_bytes(data)
        out[name] = p
    out["a directory"] = folder / "a-folder"
    out["a directory"].mkdir()
    out["a missing file"] = folder / "missing.txt"
    return out


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    return _bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "binary",
        "invalid UTF-8 in the middle",
        "UTF-16 without a mark",
        "NUL bytes",
        "nested 100,000 deep",
        "a .docx (zip)",
        "a directory",
        "a missing file",
    ],
)
def test_every_command_refuses_a_bad_file_cleanly(bad_files, command, kind):
    path = bad_files[kind]
    args = [*command, str(path)] if command[0] != "diff" else ["diff", str(path), command[1]]
    r = run_cli(args)
    if kind == "empty":
        assert r.code in (0, 1), r.err  # an empty draft is a draft with nothing in it
        return
    assert r.code == 2, (kind, r.code, r.err)
    assert r.err.startswith(str(path)) or "Error:" in r.err, r.err
    assert "Traceback" not in r.err and "internal error" not in r.err


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_a_file_without_permission_is_refused(tmp_path):
    p = tmp_path / "locked.txt"
    shutil.copy(EXAMPLE, p)
    p.chmod(0)
    r = run_cli(["parse", str(p)])
    assert r.code == 2 and "Permission denied" in r.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_input_is_read(tmp_path):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(f"cat {EXAMPLE} > {fifo}", shell=True)
    r = subprocess.run(
        [sys.executable, "-m", "bracketeer", "status", "--format", "summary", str(fifo)],
        capture_output=True,
        timeout=60,
    )
    writer.wait(timeout=30)
    assert r.returncode == 0 and b"paragraphs" in r.stdout


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00not toml", b"[[decision]]\naccept = \n", b""],
    ids=["binary", "broken", "empty"],
)
def test_an_unreadable_decisions_file_is_refused(tmp_path, content):
    d = tmp_path / "d.toml"
    d.write_bytes(content)
    r = run_cli(["resolve", "--decisions", str(d), str(EXAMPLE)])
    assert r.code == 2 and r.err.startswith(str(d)) and "Traceback" not in r.err
