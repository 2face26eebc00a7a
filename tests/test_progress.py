"""Progress on long work: shown on a terminal once the work has taken its delay, never in a
pipe, never with --quiet, never nested."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from bracketeer.cli.progress import working

from .conftest import EXAMPLE


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=80), out


def test_long_work_shows_its_steps_on_a_terminal():
    console, out = _terminal()
    with working("reading versions", total=2, console=console, delay=0) as step:
        time.sleep(0.3)
        step("reading rev2.txt")
        time.sleep(0.3)
    assert "reading" in out.getvalue()


def test_short_work_shows_nothing():
    console, out = _terminal()
    with working("reading", console=console, delay=5) as step:
        step("reading rev1.txt")
    assert out.getvalue() == ""


def test_one_display_at_a_time():
    outer_console, outer = _terminal()
    inner_console, inner = _terminal()
    with working("reading versions", total=1, console=outer_console, delay=0):
        with working("reading rev1.txt", console=inner_console, delay=0):
            time.sleep(0.2)
    assert inner.getvalue() == "" and "reading versions" in outer.getvalue()


def _under_a_terminal(args: list[str]) -> bytes:
    """A command run with a pseudo-terminal as its standard error; what it wrote there."""
    exe = str(Path(sys.executable).parent / "bracketeer")
    primary, secondary = pty.openpty()
    env = {**os.environ, "BRACKETEER_PROGRESS_DELAY": "0"}
    proc = subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait()
    os.close(primary)
    return seen


def test_a_command_at_a_terminal_shows_progress_and_quiet_hides_it():
    shown = _under_a_terminal(["history", str(EXAMPLE), str(EXAMPLE)])
    assert b"reading" in shown
    assert b"reading" not in _under_a_terminal(["-q", "history", str(EXAMPLE), str(EXAMPLE)])
