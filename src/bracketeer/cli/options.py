"""Options several commands share, and the few things every command does with its output."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..ast import Document
    from ..delegations import Registry

F = TypeVar("F", bound=Callable[..., Any])


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator, listed in the order ``--help`` shows them."""

    def apply(f: F) -> F:
        for decorate in reversed(decorators):
            f = decorate(f)
        return f

    return apply


input_options = _options(
    click.option(
        "--recover",
        is_flag=True,
        help="Read a draft whose brackets do not balance: each fault is listed and kept as text, "
        "paragraphs holding one are left as they are, and the exit status is 1.",
    ),
    click.option(
        "--delegations",
        "--settings",
        "delegations",
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="The settings file: extra delegations and aliases, author names, colours, reading "
        "conventions, consolidation defaults (see README). Unsaid: bracketeer.toml, or a "
        "pyproject.toml with [tool.bracketeer], in this folder or a parent, if there is one.",
    ),
    click.option(
        "--unwrap/--no-unwrap",
        "unwrap",
        default=None,
        help="The text is hard-wrapped (a PDF copied to text): a line ending mid-sentence runs on "
        "into the next even if that one starts like a label. Default: decided by line lengths.",
    ),
    click.option(
        "--adjacent",
        "adjacent",
        type=click.Choice(["alternatives", "independent"]),
        default=None,
        help="How to read two brackets side by side with a space between them, '[a] [b]': rival "
        "wordings of one place, or two proposals. Unsaid, a decision that would accept both "
        "stops (exit 1) and names them.",
    ),
    click.option(
        "--proposals",
        "proposals",
        type=click.Choice(["parenthesised", "bracketed"]),
        default=None,
        help="parenthesised: a clause ending in its sponsors, '… periodic (Norway);', is that "
        "delegation's proposal even alone in its paragraph; bracketed: only square brackets are. "
        "Default: read so where a paragraph with no square bracket holds two or more.",
    ),
    click.option(
        "--encoding",
        metavar="NAME",
        help="Read the input in this encoding (default: UTF-8, or what its byte-order mark says).",
    ),
    click.option(
        "--author-map",
        "author_map",
        multiple=True,
        metavar="'NAME=CODE'",
        help="A Word revision author's delegation: --author-map 'Jane Doe=US' (repeatable).",
    ),
    click.option(
        "--formatting",
        "formatting",
        multiple=True,
        metavar="KINDS",
        help="In a Word draft, read formatting as proposals: strike (deletion), underline "
        "(double or bold underline: insertion), colour (with --colour-map). Comma lists allowed.",
    ),
    click.option(
        "--colour-map",
        "colour_map",
        multiple=True,
        metavar="'RRGGBB=CODE'",
        help="A font colour's delegation in a Word draft: --colour-map 'FF0000=US' (repeatable).",
    ),
)

output_options = _options(
    click.option(
        "--renumber",
        is_flag=True,
        help="Number the remaining paragraphs again (4.bis → 5) and report the mapping.",
    ),
    click.option(
        "--clean",
        is_flag=True,
        help="Write plain text: no notes, nothing bracketed. Fails (exit 1) while anything is open.",
    ),
    click.option("--force", is_flag=True, help="With --clean: write even if proposals are still open."),
    click.option(
        "-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of standard output."
    ),
    click.option("--in-place", is_flag=True, help="Replace the input file (atomically) with the result."),
    click.option(
        "--to",
        type=click.Choice(["text", "docx", "akn"]),
        default=None,
        help="Output format (default: docx for an -o FILE.docx, akn for -o FILE.xml, else text). "
        "A Word draft written as docx is its own document with only the decided proposals "
        "changed; an Akoma Ntoso draft written as akn keeps its metadata.",
    ),
    click.option(
        "--report",
        type=click.Choice(["text", "json", "none"]),
        default="text",
        show_default=True,
        help="Report every resolved proposal, with its position, on standard error.",
    ),
)


def _complete_delegations(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of ``-d``: the codes of the built-in registry and of the settings file
    in force (a ``--delegations`` file already typed, or ``bracketeer.toml`` found from here)."""
    from click.shell_completion import CompletionItem

    from .. import api

    named = ctx.params.get("delegations") or api.settings_file()
    try:
        registry = api.registry(named)
    except Exception:  # a settings file that does not read: complete from the built-in list
        registry = api.registry(None)
    start = incomplete.upper()
    return [CompletionItem(code) for code in registry.codes() if code.upper().startswith(start)]


decision_options = _options(
    click.option(
        "-d",
        "--delegation",
        "delegations_",
        multiple=True,
        metavar="CODE",
        shell_complete=_complete_delegations,
        help="A delegation whose proposals to decide: US, USA, 'United States' (repeatable, comma lists).",
    ),
    click.option(
        "--all", "everything", is_flag=True, help="Every proposal, plain unattributed brackets included."
    ),
    click.option(
        "-p",
        "--paragraph",
        "paragraphs",
        multiple=True,
        metavar="LABEL",
        help="Only in these paragraphs: 2, 4.bis, 3-5, CICTE/2 (SECTION/LABEL where numbering "
        "restarts under each heading; repeatable, comma lists allowed). Without --delegation, "
        "every proposal in them, plain brackets included.",
    ),
    click.option(
        "--option",
        "option",
        type=click.IntRange(min=1),
        metavar="N",
        help="With --paragraph: option N of the option group holding that paragraph (Option 1, "
        "Option 2, …): accept keeps it and drops the others, reject drops it.",
    ),
)

# the draft a command reads: a file, or "-" (the default) for standard input
draft_argument = click.argument("file", metavar="[FILE|-]", default="-")


class Inputs:
    """The drafts of one invocation, read with one registry built once."""

    def __init__(
        self,
        encoding: str | None,
        delegations: str | None,
        recover: bool = False,
        unwrap: bool | None = None,
        adjacent: str | None = None,
        proposals: str | None = None,
        **word: tuple[str, ...],
    ):
        from .. import api

        self.encoding = encoding
        self.recover = recover
        # no file named: the settings file found from here (bracketeer.toml), if any
        delegations = delegations or _found(api.settings_file())
        self.settings = delegations
        self.registry: Registry = api.registry(delegations)
        # an option said on the command line wins over the delegations file's [reading]
        said = api.Reading(adjacent, unwrap, proposals)  # click checked the choices
        reading = said.over(api.reading_of(delegations)) if delegations else said
        self.unwrap = reading.unwrap
        self.adjacent = reading.adjacent
        self.proposals = reading.proposals
        self.authors = _pairs(word.get("author_map", ()), "--author-map", "NAME=CODE")
        # the settings file's [colours], with --colour-map's entries over them
        own = api.colours_of(delegations) if delegations else {}
        self.colours = {**own, **_pairs(word.get("colour_map", ()), "--colour-map", "RRGGBB=CODE")}
        for code in self.authors.values():
            self.registry.codes_for(code, "--author-map")
        for colour, code in self.colours.items():
            if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", colour):
                raise click.BadParameter(
                    f"{colour!r} is not a colour: six hexadecimal digits, as RRGGBB",
                    param_hint="--colour-map",
                )
            self.registry.codes_for(code, "--colour-map")
        self.formatting = _formatting(word.get("formatting", ()), reading.formatting)

    def load(self, path: str, say_faults: bool = True, data: bytes | None = None) -> Document:
        """The draft at ``path`` (or ``data``, named ``path``), read with this invocation's
        options."""
        from .. import api
        from .progress import working

        with working(f"reading {path}"):
            document = self._read(path, data)
        if document.faults and say_faults:
            # every fault said as it would be without --recover; the command goes on, and
            # its exit status will be at least 1
            tell(api.describe_faults(document))
            ctx = click.get_current_context(silent=True)
            if ctx is not None and isinstance(ctx.obj, dict):
                ctx.obj["faults"] = True
        return document

    def _read(self, path: str, data: bytes | None) -> Document:
        from .. import api

        return api.load(
            path if data is None else data,
            name=None if data is None else path,
            registry=self.registry,
            encoding=self.encoding,
            author_map=self.authors,
            formatting=self.formatting,
            colour_map=self.colours,
            recover=self.recover,
            unwrap=self.unwrap,
            adjacent=self.adjacent,
            proposals=self.proposals,
        )


def _formatting(said: tuple[str, ...], house: tuple[str, ...] | None) -> list[str]:
    """The formatting conventions: ``--formatting``'s (comma lists allowed), else the settings
    file's."""
    kinds = [k.strip() for entry in said for k in entry.split(",") if k.strip()] or list(house or ())
    for kind in kinds:
        if kind not in ("strike", "underline", "colour", "color"):
            raise click.BadParameter(
                f"{kind!r} is not one of strike, underline, colour", param_hint="--formatting"
            )
    return ["colour" if k == "color" else k for k in kinds]


def _found(path: Any) -> str | None:
    return str(path) if path is not None else None


def _pairs(entries: tuple[str, ...], option: str, form: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in entries:
        name, sep, code = entry.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            raise click.BadParameter(f"{entry!r} is not {form}", param_hint=option)
        out[name.strip()] = code.strip()
    return out


def console() -> Any:
    """A rich console for standard output: plain text when not a terminal, and with NO_COLOR set
    (no-color.org) no escape codes at all, bold included. A closed pipe is left to main() (rich
    would exit with status 1 itself)."""
    from rich.console import Console

    from ..errors import InputError

    if sys.stdout is None:
        raise InputError("standard output is closed; name a file with -o FILE")

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    if os.environ.get("NO_COLOR"):
        return _Console(highlight=False, force_terminal=False, no_color=True)
    return _Console(highlight=False)


def colourless(out: Any) -> bool:
    """Whether the rich console ``out`` shows no colour (``NO_COLOR``, ``TERM=dumb``, a pipe)."""
    return bool(out.no_color or out.color_system is None)


def write(
    data: bytes | Iterable[bytes], output: str | None, inputs: list[str], in_place: bool = False
) -> None:
    """``data`` to ``output`` (atomically) or standard output; never over an input unless asked."""
    from ..io import write_output

    ctx = click.get_current_context(silent=True)
    state = ctx.obj if ctx is not None and isinstance(ctx.obj, dict) else {}
    write_output(data, output, inputs, in_place, on_commit=lambda: state.update(committed=True))


def tell(text: str, nl: bool = True) -> None:
    """``text`` on standard error (a report, a warning, a count), unless ``--quiet``."""
    from .progress import quiet

    if not quiet():
        click.echo(text, err=True, nl=nl)


def warn_of_text(document: Any, to: str = "text") -> None:
    """On standard error, what a Word draft written as text loses (``api.text_warnings``);
    nothing for None or another format."""
    from .. import api

    for line in api.text_warnings(document) if document is not None and to == "text" else []:
        tell(line)


def show(shown: str | list[Any]) -> None:
    """A view as the front door describes it: text to standard output, or renderables printed
    to the terminal in turn."""
    if isinstance(shown, str):
        say(shown)
        return
    out = console()
    for renderable in shown:
        out.print(renderable)


def say(text: str) -> None:
    """``text`` to standard output (as UTF-8), through the same checks as any output."""
    write(text.encode("utf-8"), None, [])


# what an output file's name says it is
_BY_SUFFIX = {
    ".docx": "docx",
    ".xml": "akn",
    ".akn": "akn",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}


def format_named(
    output: str | None, formats: Sequence[str] = ("docx", "akn", "text"), default: str = "text"
) -> str:
    """The format an output file's name asks for, of the ``formats`` a command writes
    (``report.docx`` a Word document, ``page.html`` a web page); ``default`` for any other name
    or none."""
    named = _BY_SUFFIX.get(os.path.splitext(output or "")[1].lower(), default)
    return named if named in formats else default


def refuse_binary_on_terminal(output: str | None) -> None:
    if (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError("a .docx is binary: name a file with -o FILE")


def date_option(value: str | None) -> Any:
    """The datetime of a ``--date`` option (None for the default)."""
    from .. import api

    if value is None:
        return None
    try:
        return api.parse_date(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2024-04-16 or 2024-04-16T09:30:00", param_hint="--date"
        ) from None


def choice_option(name: str, dest: str, choices: list[str], help_text: str | None = None) -> Callable[[F], F]:
    """An option taking one of ``choices``, the first being the default (``--format tree``)."""
    return click.option(
        name, dest, type=click.Choice(choices), default=choices[0], show_default=True, help=help_text
    )
