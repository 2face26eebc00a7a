"""``status`` for people: a table of paragraphs and one of delegations (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..standing import Status

if TYPE_CHECKING:
    from rich.console import RenderableType


def tables(st: Status) -> list[RenderableType]:
    """The renderables ``status`` prints: paragraphs, delegations, the summary line."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Paragraphs of {st.source}", title_justify="left")
    for col in ("Para", "State", "Open proposals"):
        table.add_column(col)
    section: str | None = None
    for p in st.paragraphs:
        if p.section != section and p.section:
            # the rows of a section under its name, once (not repeated on every row)
            table.add_section()
            table.add_row("", "", f"[bold]{escape(p.section)}[/]")
        section = p.section
        state = {
            "agreed": "[green]agreed[/]",
            "agreed ad ref": "[green]agreed ad ref[/]",
            "open": "[yellow]open[/]",
        }.get(p.state, "[red]unbalanced[/]")
        if p.option:
            state += f"\n{p.option.lower()}"
        opened = "; ".join(f"{who}: {text[:40] + ('…' if len(text) > 40 else '')}" for who, text in p.open)
        if p.alternatives:
            opened = f"{p.alternatives} alternatives. " + opened
        table.add_row(p.label or "—", state, escape(opened))
    dt = Table(title="Delegations", title_justify="left")
    for col in ("Delegation", "Open", "Inline", "Paragraphs", "Alternatives", "Supported"):
        dt.add_column(col, justify="left" if col == "Delegation" else "right")
    for d in sorted(st.delegations.values(), key=lambda d: (-d.open, d.code)):
        dt.add_row(
            d.code, str(d.open), str(d.proposals), str(d.paragraphs), str(d.alternatives), str(d.supported)
        )
    return [table, dt, escape(st.summary())]
