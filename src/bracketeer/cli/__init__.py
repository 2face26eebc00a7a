"""The command line: options in, one library call, output and exit status out.

Exit status: 0 success (and, for ``check`` and ``diff``, nothing found); 1 findings or
differences, or open proposals under ``--clean``; 2 bad input, bad usage or any other trouble;
130 interrupted; 141 output pipe closed. Commands live one to a module and are imported only
when run (or listed by ``--help``); the library is imported inside them, so ``bracketeer
--help`` costs little more than importing click.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Any

import click

from .. import __version__

# command name → module under bracketeer.cli and the click command in it
COMMANDS = {
    "parse": ("parse", "parse"),
    "check": ("check", "check"),
    "accept": ("decide", "accept"),
    "reject": ("decide", "reject"),
    "resolve": ("decide", "resolve"),
    "status": ("status", "status"),
    "render": ("render", "render"),
    "diff": ("diff", "diff"),
    "consolidate": ("consolidate", "consolidate"),
    "history": ("history", "history"),
    "settings": ("settings", "settings"),
}


class OutputClosed(Exception):
    """The reader of standard output went away (``| head``)."""


class Interrupted(Exception):
    """Ctrl-C while a command ran: said in one line by main(), not by click (which writes a
    blank line first)."""


class _Commands(dict[str, click.Command]):
    """The group's commands, each imported when first asked for: generators that read a
    group's ``commands`` (click-man writing a man page per command) see them all, while a run
    of one command imports only its own."""

    def _all(self) -> None:
        for name in COMMANDS:
            if not super().__contains__(name):
                super().__setitem__(name, _command(name))

    def __getitem__(self, name: str) -> click.Command:
        if not super().__contains__(name) and name in COMMANDS:
            super().__setitem__(name, _command(name))
        return super().__getitem__(name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS

    def keys(self):  # type: ignore[no-untyped-def]
        return COMMANDS.keys()

    def items(self):  # type: ignore[no-untyped-def]
        self._all()
        return super().items()

    def values(self):  # type: ignore[no-untyped-def]
        self._all()
        return super().values()


def _command(name: str) -> click.Command:
    module, attr = COMMANDS[name]
    command = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    assert isinstance(command, click.Command)
    return command


class LazyGroup(click.Group):
    """A group whose commands are imported when needed (click's documented pattern)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _Commands()

    def invoke(self, ctx: click.Context) -> object:
        # click turns a closed output pipe into exit status 1, which reads as "differences
        # found": it becomes an exception of ours, and status 141, before click sees it
        try:
            return super().invoke(ctx)
        except BrokenPipeError as e:
            raise OutputClosed from e
        except KeyboardInterrupt as e:
            raise Interrupted from e

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        # (a Ctrl-C while the command line is read is ours to say too, in one line)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt as e:
            raise Interrupted from e

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _command(cmd_name) if cmd_name in COMMANDS else None


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="bracketeer")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Say nothing on standard error but errors: no reports, warnings or counts.",
)
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Parse, check, resolve, compare and render bracketed negotiating drafts.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer check draft.txt
      bracketeer accept --delegation US draft.txt | bracketeer status -
      bracketeer -q accept --all draft.txt > clean.txt
    """
    ctx.obj["quiet"] = quiet


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status; trouble of any kind is 2 or more."""
    from ..errors import BracketeerError

    state: dict[str, bool] = {}  # "committed": a file was written (its rename is the commit point)
    try:
        rv = cli.main(args=argv, prog_name="bracketeer", standalone_mode=False, obj=state)
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.ClickException as e:
        # click gives these (missing files among them) status 1, which reads as "differences"
        e.show()
        return 2
    except (click.Abort, KeyboardInterrupt, Interrupted):
        if state.get("committed"):
            return 0  # the result is in place: the work is done
        click.echo("interrupted", err=True)
        return 130
    except (BrokenPipeError, OutputClosed):
        # the reader went away (``| head``); say nothing, as other tools do
        _silence_stdout()
        return 141
    except BracketeerError as e:
        click.echo(e.describe(), err=True)
        return e.exit_code
    except RecursionError:
        click.echo("error: the draft nests brackets too deeply to process", err=True)
        return 2
    except Exception as e:  # a bug: say so in one line, never with a traceback
        if os.environ.get("BRACKETEER_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(e).__name__}: {e}\n"
            "this is a bug in bracketeer; set BRACKETEER_DEBUG=1 to see where it happened",
            err=True,
        )
        return 3
    # a draft read with --recover that holds faults: never a clean result
    return max(int(rv or 0), 1) if state.get("faults") else int(rv or 0)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    """Console-script entry point (through ``bracketeer.entry``, which handles a Ctrl-C during
    start-up)."""
    code = main()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = 141 if code == 0 else code
    except OSError as e:  # a full disk behind ``> file``
        click.echo(f"error: cannot write to standard output: {e.strerror}", err=True)
        code = 2
    # the work is done and said: a Ctrl-C now would only print a traceback from Python's exit
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)
