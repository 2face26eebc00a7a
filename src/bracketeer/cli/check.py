"""``bracketeer check``."""

from __future__ import annotations

import sys
from typing import Any

import click

from .options import choice_option, input_options, say


@click.command()
@click.argument("file", metavar="FILE|-")
@choice_option("--format", "fmt", ["text", "json"])
@input_options
def check(file: str, fmt: str, encoding: str | None, delegations: str | None, **word: Any) -> int:
    """Lint a draft: brackets, empty proposals, unknown delegations, identical alternatives.

    Exit status 0 when clean, 1 when there are findings, 2 when the draft cannot be read.
    Brackets that do not balance are findings too: the draft is read past them (as with
    --recover) and everything else is checked as well.
    """
    from .. import api
    from .options import Inputs

    word["recover"] = True
    inputs = Inputs(encoding, delegations, **word)
    document = inputs.load(file, say_faults=False)
    findings = api.check(document, registry=inputs.registry)
    say(api.describe_check(document, findings, "json" if fmt == "json" else "text"))
    if findings and fmt == "text":
        click.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", err=True)
    elif fmt == "text" and sys.stderr is not None and sys.stderr.isatty():
        # said to a person at a terminal; a pipe or a script gets silence and exit status 0
        n = api.paragraph_count(document)
        click.echo(f"no problems found in {n} paragraph{'s' if n != 1 else ''}", err=True)
    return 1 if findings else 0
