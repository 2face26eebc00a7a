"""``history`` for people: a table of versions, one of delegations and the paragraphs open the
longest (rich); and the versions as CSV, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from ..history import History

if TYPE_CHECKING:
    from rich.console import RenderableType

# the versions table's columns (CSV, and the page's after its own "#")
COLUMNS = (
    "version",
    "paragraphs",
    "agreed",
    "open",
    "open passages",
    "open brackets",
    "new",
    "accepted",
    "rejected",
    "withdrawn",
    "moved",
    "moved proposals",
    "open by delegation",
)


def _rows(h: History) -> list[list[str]]:
    return [
        [
            v.name,
            str(v.paragraphs),
            str(v.agreed),
            str(v.open),
            str(v.passages),
            str(v.brackets),
            *(
                str(n) if k else ""
                for n in (v.new, v.accepted, v.rejected, v.withdrawn, v.moved, v.moved_proposals)
            ),
            " ".join(f"{code} {n}" for code, n in v.by_delegation.items()),
        ]
        for k, v in enumerate(h.versions)
    ]


def tables(h: History) -> list[RenderableType]:
    """The renderables ``history`` prints: versions; open proposals by delegation per version
    (are we converging?); the paragraphs open the longest."""
    longest = _longest(h)
    return [_versions(h), _by_delegation(h), *([longest] if longest.row_count else [])]


def _versions(h: History) -> Any:
    from pathlib import PurePath

    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Versions", title_justify="left", caption=_CAPTION, caption_justify="left")
    for col in _HEADINGS:
        if col == "version":
            table.add_column(col, min_width=12, overflow="fold")
        else:
            table.add_column(col, justify="right", no_wrap=True)
    for k, v in enumerate(h.versions, 1):
        since = (v.new, v.accepted, v.rejected, v.withdrawn)
        table.add_row(
            str(k),
            escape(PurePath(v.name).name or v.name),
            *(str(n) for n in (v.agreed, v.open, v.passages, v.brackets)),
            *(str(n) if k > 1 else "" for n in since),
        )
    return table


def _by_delegation(h: History) -> Any:
    from rich.table import Table

    table = Table(title="Open proposals by delegation", title_justify="left")
    table.add_column("Delegation")
    for k in range(1, len(h.versions) + 1):
        table.add_column(f"#{k}", justify="right")
    for col in ("made", "accepted", "dropped"):
        table.add_column(col, justify="right")
    for d in h.delegations:
        per = [str(v.by_delegation.get(d.code, 0)) for v in h.versions]
        table.add_row(d.code, *per, str(d.made), str(d.accepted), str(d.dropped))
    return table


def _longest(h: History) -> Any:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Open the longest", title_justify="left")
    for col in ("Paragraph", "Open for", "Text"):
        table.add_column(col, justify="right" if col == "Open for" else "left")
    for p in h.longest_open():
        n = p.open_for
        table.add_row(p.labels[-1] or "—", f"{n} version{'s' if n != 1 else ''}", escape(p.text))
    return table


# (paragraphs are agreed + open; paragraphs and proposals moved are in the JSON and the CSV)
_HEADINGS = ("#", "version", "agreed", "open", "pass.", "brk.", "new", "acc.", "rej.", "wdr.")
# what the two counts of brackets are
_CAPTION = (
    "pass(ages): open brackets not inside another; br(ac)k(ets): every open one, nested ones "
    "too. new, acc(epted), rej(ected), w(ith)dr(awn): proposals since the version before."
)


def csv_text(h: History) -> str:
    """The versions table as CSV (the same columns)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(h))
    return buffer.getvalue()
