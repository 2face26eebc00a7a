"""Progress on long work, for people at a terminal: a rich display on standard error that
appears only once the work has taken a second, and never in a pipe or with ``--quiet``."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

# seconds of silence before the display appears: short work shows nothing (the variable is for
# tests that run a command under a pseudo-terminal)
DELAY = float(os.environ.get("BRACKETEER_PROGRESS_DELAY", "1.0"))


def quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return root is not None and isinstance(root.obj, dict) and bool(root.obj.get("quiet"))


@contextmanager
def working(
    what: str, total: int | None = None, *, console: Any = None, delay: float = DELAY
) -> Iterator[Callable[[str], None]]:
    """A display of ``what`` is being done (of ``total`` steps, when counted); the function it
    gives says the next step (``"read rev2.docx"``) and counts it. Inside another display, it
    shows nothing of its own (the outer one says what is being done)."""
    if _shown:
        yield lambda _step: None
        return
    if console is None:
        if quiet() or sys.stderr is None or not sys.stderr.isatty():
            yield lambda _step: None
            return
        from rich.console import Console

        console = Console(stderr=True)
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), TaskProgressColumn()]
    display = Progress(*columns, TimeElapsedColumn(), console=console, transient=True)
    task = display.add_task(what, total=total)
    timer = threading.Timer(delay, display.start)
    timer.daemon = True
    timer.start()

    def step(next_step: str) -> None:
        display.update(task, description=next_step, advance=1 if total is not None else 0)

    _shown.append(display)
    try:
        yield step
    finally:
        timer.cancel()
        display.stop()
        _shown.pop()


_shown: list[Any] = []  # the display on screen (rich shows one at a time)
