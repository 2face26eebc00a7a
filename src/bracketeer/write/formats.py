"""Every output format a draft is rendered to, as a table: format → the writer that makes it
(as pandoc's ``getWriter``). A writer takes one ``View`` (the draft and everything the format
may want of it) and gives the file's bytes; adding a format is one function and one row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..ast import Document
from ..delegations import Registry
from ..errors import UsageError


@dataclass(frozen=True, slots=True)
class View:
    """A draft to write, already decided and cleaned as asked, with what its formats need."""

    document: Document
    tracked: bool  # every proposal shown (False: the decided text)
    title: str
    date: dt.datetime
    registry: Registry  # delegations' full names
    author_prefix: str = ""  # before each revision author: "Delegation of "
    reference_doc: str | None = None  # docx: styles and page setup from this file
    body: str = "un"  # akn: the issuing body in the document's identifiers


def _text(view: View) -> bytes:
    from ..io import encode
    from . import text

    return encode(view.document, text.as_text(view.document, tracked=view.tracked))


def _docx(view: View) -> bytes:
    if view.document.read_from == "docx":
        # a Word draft stays its own document: proposals made revisions in place, or decided
        from . import word

        if view.tracked:
            return word.tracked(view.document, revision_date(view.date), view.author_prefix)
        return word.write_back(view.document, clean=True)
    return drawn_docx(view)[0]


def drawn_docx(
    view: View,
) -> tuple[bytes, list[tuple[int, int]], list[tuple[int, str | None, str | None, str]]]:
    """A draft read from text as a new Word document, where its paragraphs and notes stand in
    it (``model.written_lines``: the lines the Word reader reads it as), and the versions it
    holds as comments, no revision being able to (the paragraph's line in the text, its label,
    who, the words)."""
    from . import model
    from .docx import write_document

    paras = model.build(view.document, clean=not view.tracked, author_prefix=view.author_prefix)
    data = write_document(
        paras, title=view.title, date=view.date, tracked=view.tracked, reference_doc=view.reference_doc
    )
    commented = [(p.line, p.label, v.who, v.words) for p in paras for v in p.commented_versions]
    return data, model.written_lines(view.document, paras, notes=view.tracked), commented


def _html(view: View) -> bytes:
    from . import html, model

    # the page names delegations by their codes, in their colours: no author prefix
    paras = model.build(view.document, clean=not view.tracked)
    page = html.page(view.document, paras, tracked=view.tracked, title=view.title, registry=view.registry)
    return page.encode("utf-8")


def _markdown(view: View) -> bytes:
    from . import markdown, model

    paras = model.build(view.document, clean=not view.tracked, author_prefix=view.author_prefix)
    return markdown.markdown(paras, tracked=view.tracked).encode("utf-8")


def _akn(view: View) -> bytes:
    from .akn import AknOptions, akn
    from .text import without_notes

    options = AknOptions(view.body, view.date, view.title, registry=view.registry)
    return akn(view.document if view.tracked else without_notes(view.document), options)


def _docx_side_by_side(view: View) -> bytes:
    from .docx import write_side_by_side
    from .synoptic import rows

    table, columns = rows(view.document)
    return write_side_by_side(
        table,
        columns,
        title=view.title,
        date=view.date,
        compact=len(columns) > 4,
        reference_doc=view.reference_doc,
    )


def _html_side_by_side(view: View) -> bytes:
    from . import html
    from .synoptic import rows

    table, columns = rows(view.document)
    page = html.side_by_side(view.document, table, columns, title=view.title, registry=view.registry)
    return page.encode("utf-8")


def _markdown_side_by_side(view: View) -> bytes:
    from . import markdown
    from .synoptic import rows

    table, columns = rows(view.document)
    return markdown.markdown_table(table, columns, view.title).encode("utf-8")


WRITERS: dict[str, Callable[[View], bytes]] = {
    "text": _text,
    "docx": _docx,
    "html": _html,
    "markdown": _markdown,
    "akn": _akn,
}

# the table of each delegation's proposals beside the agreed text; text has no table, so it
# gets Markdown's
SIDE_BY_SIDE: dict[str, Callable[[View], bytes]] = {
    "docx": _docx_side_by_side,
    "html": _html_side_by_side,
    "markdown": _markdown_side_by_side,
    "text": _markdown_side_by_side,
}


def write(view: View, to: str, *, side_by_side: bool = False) -> bytes:
    """The draft in format ``to``."""
    table = SIDE_BY_SIDE if side_by_side else WRITERS
    if to not in table:
        form = "side-by-side form" if side_by_side else "writer"
        raise UsageError(f"{to} has no {form}: use {', '.join(table)}")
    return table[to](view)


def revision_date(when: dt.datetime) -> str:
    """A revision's date as Word writes it, in UTC."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
