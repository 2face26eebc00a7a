"""The ``bracketeer`` command's entry point. A Ctrl-C from its first instruction on is one line
and status 130, never a traceback: until the command line is imported (nothing has been done
yet, so there is nothing to clean up) an interrupt ends the process at once; after it, the
command line's own handling takes over (it removes half-written temporary files)."""

# built in: installing the handler reads no file, unlike ``import signal`` (no stubs ship for it)
import _signal  # type: ignore[import-not-found]
import os  # already loaded by the interpreter's start
import sys


def _interrupted(signum: int, frame: object) -> None:
    os.write(2, b"interrupted\n")
    os._exit(130)


_signal.signal(_signal.SIGINT, _interrupted)


def run() -> None:
    try:
        from .cli import run as run_cli
    except KeyboardInterrupt:  # raised by the import itself, not by the signal
        _interrupted(_signal.SIGINT, None)
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    try:
        run_cli()
    except KeyboardInterrupt:  # between the handler's return and main()'s own try
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None


def __getattr__(name: str) -> object:
    # the click command group, for tools that look for one in an entry point's module (click-man
    # writes a man page per command from it); importing it here at start would cost every run
    if name == "cli":
        from .cli import cli

        return cli
    raise AttributeError(name)


def __dir__() -> list[str]:
    return ["cli", "run"]
