"""The draft as a rich tree, for a person at a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ast import Alternative, Blank, Bracket, Document, Heading, Inline, Line, Note, Paragraph, Title
from ..query import inline_source
from ..textutil import WORD_JOINER, shorten

if TYPE_CHECKING:
    from rich.tree import Tree

_WIDTH = 70


def _short(text: str, width: int = _WIDTH) -> str:
    # (a Word draft's word joiners, between two revisions, show nothing: not shown here either)
    return shorten(text.replace(WORD_JOINER, ""), width)


def _who(b: Bracket) -> str:
    if b.kind == "literal":
        return "not a proposal"
    if b.kind == "remark":
        return "remark by " + ", ".join(s.key for s in b.sponsors)
    if not b.sponsors:
        return "unattributed"
    return ", ".join(s.key + ("" if s.code else "?") for s in b.sponsors)


def _add_inlines(node: Tree, content: tuple[Inline, ...]) -> None:
    from rich.markup import escape

    for n in content:
        if isinstance(n, Bracket):
            colour = {"proposal": "cyan", "plain": "yellow", "literal": "dim", "remark": "dim"}[n.kind]
            # as written: nested brackets keep theirs ("[Decides][Clarifies]", not "DecidesClarifies")
            words = n.command.text if n.command else inline_source(n.body)
            child = node.add(f"[{colour}]{escape('[' + _who(n) + ']')}[/] {escape(_short(words))}")
            if any(isinstance(c, Bracket) for c in n.body):
                _add_inlines(child, n.body)


def _line_label(line: Line) -> str:
    return line.label.text if line.label else "(no label)"


def build(document: Document) -> Tree:
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(document.name)}[/]")
    for b in document.blocks:
        if isinstance(b, Blank):
            continue
        if isinstance(b, Title):
            root.add(
                "[bold]title[/] " + escape(_short(" ".join(inline_source(ln.content) for ln in b.lines)))
            )
        elif isinstance(b, Heading):
            root.add("[bold magenta]heading[/] " + escape(_short(inline_source(b.line.content))))
        elif isinstance(b, Note):
            root.add(f"[green]note ({b.kind})[/] " + escape(_short(b.text)))
        elif isinstance(b, Paragraph):
            _add_paragraph(root, b)
    return root


def _add_paragraph(parent: Tree, p: Paragraph) -> None:
    from rich.markup import escape

    node = parent.add(
        f"[bold]{escape(_line_label(p.lines[0]))}[/] " + escape(_short(inline_source(p.lines[0].content)))
    )
    for ln in p.lines:
        _add_inlines(node, ln.content)
    for item in p.items:
        if isinstance(item, Alternative):
            alt = node.add("[blue]alternative[/] " + escape(_short(inline_source(item.line.content))))
            _add_inlines(alt, item.line.content)
        elif isinstance(item, Paragraph):
            _add_paragraph(node, item)
