"""``bracketeer history``: a negotiation followed across its versions."""

from __future__ import annotations

from typing import Any

import click

from .options import choice_option, input_options, show, write


@click.command()
@click.argument("files", metavar="VERSION...", nargs=-1, required=True)
@choice_option(
    "--format",
    "fmt",
    ["table", "json", "csv", "html"],
    "table: versions, delegations and the paragraphs open longest; json: all of it for scripts; "
    "csv: the versions, for a spreadsheet; html: a web page with the chart and the tables.",
)
@click.option(
    "--git",
    "from_git",
    is_flag=True,
    help="Read every committed version of the one file given, oldest first, from its git repository.",
)
@click.option(
    "--chart",
    metavar="FILE.svg|FILE.png",
    help="Also write a chart (SVG, or PNG with the png extra): open proposals by delegation across "
    "the versions, and the share agreed.",
)
@input_options
def history(
    files: tuple[str, ...],
    fmt: str,
    from_git: bool,
    chart: str | None,
    encoding: str | None,
    delegations: str | None,
    **word: Any,
) -> int:
    """Follow a negotiation across its versions, given in negotiation order (text or Word).

    For each version: paragraphs agreed and open, open brackets (top-level passages and every
    bracket), open proposals by delegation, and what became of the proposals since the version
    before; for each delegation, its proposals made, open, accepted and dropped; the paragraphs
    open the longest (followed through renumbering).

    \b
    Example:
      bracketeer history rev1.txt rev2.docx rev3.txt
      bracketeer history rev*.txt --format csv > history.csv
      bracketeer history rev*.txt --chart history.svg
      bracketeer history rev*.txt --chart history.png
      bracketeer history --git draft.txt
    """
    from .. import api
    from .options import Inputs
    from .progress import working

    inputs = Inputs(encoding, delegations, **word)
    if from_git:
        if len(files) != 1:
            raise click.UsageError("--git reads the versions of one file: give only that file")
        versions = api.git_versions(files[0])
        with working("reading versions", total=len(versions)) as step:
            h = api.history([_read(inputs, step, name, data) for name, data in versions])
    else:
        with working("reading versions", total=len(files)) as step:
            h = api.history([_read(inputs, step, f, None) for f in files])
    if chart is not None:
        drawn = api.history_chart_png(h) if chart.lower().endswith(".png") else api.history_chart(h).encode()
        write(drawn, chart, list(files))
    if fmt == "html":
        show(api.history_page(h, title=f"History of {len(h.versions)} versions", registry=inputs.registry))
    else:
        show(api.history_tables(h) if fmt == "table" else api.describe_history(h, fmt))  # type: ignore[arg-type]
    return 0


def _read(inputs: Any, step: Any, name: str, data: bytes | None) -> Any:
    step(f"reading {name}")
    return inputs.load(name, data=data)
