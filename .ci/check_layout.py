"""The layout the code promises (README, "How the code is laid out"), checked:

* no module imports another module's private names (``from .x import _y``, ``x._y``);
* the commands under ``cli/`` hold no library logic: they import neither ``json`` nor
  ``rich.table`` nor the tree's node types, and never test a node's type (``isinstance``).

Exits 1 and lists what it found; run by .ci/run and by the test suite.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "bracketeer"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def problems() -> list[str]:
    found: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_cli = path.parent.name == "cli"
        modules: set[str] = set()
        typing_only = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.lineno in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                ours = node.level > 0 or (node.module or "").startswith("bracketeer")
                for alias in node.names:
                    if ours and _private(alias.name):
                        found.append(f"{rel}:{node.lineno}: imports the private name {alias.name}")
                    if ours:
                        modules.add(alias.asname or alias.name)
                if in_cli and (node.module in ("json", "rich.table") or (node.module or "").endswith("ast")):
                    found.append(f"{rel}:{node.lineno}: a command imports {node.module}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if in_cli and alias.name in ("json", "rich.table"):
                        found.append(f"{rel}:{node.lineno}: a command imports {alias.name}")
            elif isinstance(node, ast.Call) and in_cli:
                if isinstance(node.func, ast.Name) and node.func.id == "isinstance":
                    if not _is_output_check(node):
                        found.append(f"{rel}:{node.lineno}: a command tests a type")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and _private(node.attr)
            ):
                found.append(f"{rel}:{node.lineno}: uses the private name {node.value.id}.{node.attr}")
    return found


def _is_output_check(node: ast.Call) -> bool:
    """``isinstance(x, bytes)`` / ``(x, str)`` / ``(x, dict)`` (a library call's output, click's
    context object) or a
    click type: anything but the tree's node types."""
    kind = node.args[1] if len(node.args) == 2 else None
    return (isinstance(kind, ast.Name) and kind.id in ("bytes", "str", "dict")) or (
        isinstance(kind, ast.Attribute) and isinstance(kind.value, ast.Name) and kind.value.id == "click"
    )


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks: imports for annotations only."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


if __name__ == "__main__":
    bad = problems()
    for line in bad:
        print(line)
    sys.exit(1 if bad else 0)
