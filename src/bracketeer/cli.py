"""The command line: options in, one library call, output and exit status out.

Exit status: 0 success (and, for ``check`` and ``diff``, nothing found); 1 findings or
differences, or open proposals under ``--clean``; 2 bad input, bad usage or any other trouble;
130 interrupted; 141 output pipe closed. Heavy modules are imported inside the commands so that
``bracketeer --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import BracketeerError, format_error

if TYPE_CHECKING:
    from .delegations import Registry

F = TypeVar("F", bound=Callable[..., Any])

# the decoded text of each input, so that error messages can show the line and a caret
_TEXTS: dict[str, str] = {}


def _registry(delegations: str | None) -> Registry:
    from pathlib import Path

    from .delegations import Registry

    reg = Registry.builtin()
    return reg.extended(Path(delegations)) if delegations else reg


def _load(path: str, encoding: str | None, delegations: str | None) -> Any:
    from .io import read_source
    from .reader_text import decode, parse_text

    data, source = read_source(path)
    text, enc, bom = decode(data, source, encoding)
    _TEXTS[source] = text
    return parse_text(text, source=source, registry=_registry(delegations), bom=bom, encoding=enc)


def input_options(f: F) -> F:
    f = click.option(
        "--encoding",
        metavar="NAME",
        help="Read the input in this encoding (default: UTF-8, or what its byte-order mark says).",
    )(f)
    f = click.option(
        "--delegations",
        "delegations",
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="A TOML file of extra delegations and aliases (see README).",
    )(f)
    return f


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="bracketeer")
def cli() -> None:
    """Parse, check, resolve, compare and render bracketed negotiating drafts.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer check draft.txt
      bracketeer accept --delegation US draft.txt | bracketeer status -
    """


# ------------------------------------------------------------------------------------ parse
@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "json", "text"]),
    default="tree",
    show_default=True,
    help="tree: an outline for people; json: the whole tree (schema bracketeer.draft/1); "
    "text: the draft printed back from the tree, byte for byte.",
)
@input_options
def parse(file: str, fmt: str, encoding: str | None, delegations: str | None) -> int:
    """Parse a draft and show its structure.

    \b
    Examples:
      bracketeer parse draft.txt
      bracketeer parse --format json draft.txt > draft.json
      cat draft.txt | bracketeer parse --format text - | cmp - draft.txt
    """
    document = _load(file, encoding, delegations)
    if fmt == "text":
        from .io import encode
        from .query import source_text

        sys.stdout.buffer.write(encode(document, source_text(document)[len(document.bom) :]))
    elif fmt == "json":
        from .render import json as rjson

        sys.stdout.write(rjson.dumps(rjson.document(document)))
    else:
        from rich.console import Console

        from .render.tree import build

        Console(highlight=False).print(build(document))
    return 0


# ------------------------------------------------------------------------------------ check
@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@input_options
def check(file: str, fmt: str, encoding: str | None, delegations: str | None) -> int:
    """Lint a draft: brackets, empty proposals, unknown delegations, identical alternatives.

    Exit status 0 when clean, 1 when there are findings, 2 when the draft cannot be read
    (unbalanced brackets are reported that way, every one of them at once).
    """
    from .check import check as run_check
    from .errors import Problem, format_problem

    document = _load(file, encoding, delegations)
    findings = run_check(document, _registry(delegations))
    if fmt == "json":
        import json

        data = {
            "schema": "bracketeer.check/1",
            "source": document.name,
            "findings": [
                {
                    "line": f.line,
                    "column": f.column,
                    "severity": f.severity,
                    "code": f.code,
                    "message": f.message,
                }
                for f in findings
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        text = _TEXTS.get(document.name)
        for f in findings:
            problem = Problem(f.line, f.column, f"{f.message} [{f.code}]", f.severity)
            click.echo(format_problem(document.name, text, problem))
        if findings:
            click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", err=True)
    return 1 if findings else 0


# ------------------------------------------------------------------------------------ entry
def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status; trouble of any kind is 2 or more."""
    try:
        rv = cli.main(args=argv, prog_name="bracketeer", standalone_mode=False)
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.UsageError as e:
        e.show()
        return 2
    except click.ClickException as e:
        # click gives these (missing files among them) status 1, which reads as "differences"
        e.show()
        return 2
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        # the reader went away (``| head``); say nothing, as other tools do
        _silence_stdout()
        return 141
    except BracketeerError as e:
        click.echo(format_error(e, _TEXTS.get(e.source)), err=True)
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
    return int(rv or 0)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = 141 if code == 0 else code
    sys.exit(code)
