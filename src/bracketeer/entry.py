"""The ``bracketeer`` command's entry point. It imports nothing heavy before it can handle a
Ctrl-C, so an interrupt during start-up is one line and status 130, never a traceback."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from .cli import run as run_cli
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    run_cli()
