"""``bracketeer check``."""

from __future__ import annotations

import sys
from typing import Any

import click

from .options import choice_option, input_options, say, tell


@click.command()
@click.argument("files", metavar="FILE...|-", nargs=-1, required=True)
@choice_option("--format", "fmt", ["text", "json"])
@input_options
def check(
    files: tuple[str, ...], fmt: str, encoding: str | None, delegations: str | None, **word: Any
) -> int:
    """Lint drafts: brackets, empty proposals, unknown delegations, identical alternatives.

    Exit status 0 when every draft is clean, 1 when there are findings, 2 when a draft cannot
    be read. Brackets that do not balance are findings too: the draft is read past them (as
    with --recover) and everything else is checked as well. With several drafts, each is
    checked in turn (JSON: a list, one object per draft).

    \b
    Example:
      bracketeer check draft.txt
      bracketeer check drafts/*.txt drafts/*.docx
    """
    from .. import api
    from .options import Inputs

    word["recover"] = True
    inputs = Inputs(encoding, delegations, **word)
    found = 0
    shown: list[str] = []
    for file in files:
        document = inputs.load(file, say_faults=False)
        findings = api.check(document, registry=inputs.registry)
        found += len(findings)
        shown.append(api.describe_check(document, findings, "json" if fmt == "json" else "text"))
        if fmt == "text":
            say(shown[-1])
            _tell(document, len(findings), len(files) > 1)
    if fmt == "json":
        say(shown[0] if len(shown) == 1 else "[\n" + ",\n".join(s.rstrip("\n") for s in shown) + "\n]\n")
    return 1 if found else 0


def _tell(document: Any, n: int, several: bool) -> None:
    """How many findings, on standard error (naming the draft when there are several); "no
    problems" only to a person at a terminal (a pipe or a script gets silence and exit 0)."""
    from .. import api

    named = f" in {document.name}" if several else ""
    if n:
        tell(f"{n} finding{'s' if n != 1 else ''}{named}")
    elif sys.stderr is not None and sys.stderr.isatty():
        count = api.paragraph_count(document)
        tell(f"no problems found in {count} paragraph{'s' if count != 1 else ''}{named}")
