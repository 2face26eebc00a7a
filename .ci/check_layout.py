"""The layout the code promises (README, "How the code is laid out"), checked:

* no module imports another module's private names (``from .x import _y``, ``x._y``);
* the commands under ``cli/`` hold no library logic: they import neither ``json`` nor
  ``rich.table`` nor the tree's node types, and never test a node's type (``isinstance``);
* no function grows past cyclomatic complexity 15 (radon): those above it when the rule came
  are listed with their complexity in ``.ci/complexity.txt``, which may only shrink;
* readers read and writers write: nothing under ``read/`` imports from ``write/`` (a writer may
  reuse a reader's names for a format, never the other way round), and nothing under ``read/``
  writes a file or a zip;
* the commands use the library through its front door: every name they take from
  ``bracketeer.api`` is one ``bracketeer`` exports (what a command does, a library user can).

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
        in_read = "read" in path.relative_to(SRC).parts[:-1]
        if in_read:
            found.extend(_writes(path, rel))
        modules: set[str] = set()
        typing_only = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.lineno in typing_only:
                continue
            if (
                isinstance(node, ast.ImportFrom)
                and in_read
                and _absolute(path, node).startswith("bracketeer.write")
            ):
                found.append(f"{rel}:{node.lineno}: a reader imports a writer ({_absolute(path, node)})")
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
        if in_cli:
            for line, name in _unexported(tree):
                found.append(f"{rel}:{line}: {name} is used from bracketeer.api but not exported")
    return found


def _exported() -> set[str]:
    """The names ``bracketeer`` exports (its ``__all__``), read from its source."""
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        named = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        )
        if named and isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            return {
                e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
    return set()


def _unexported(tree: ast.Module) -> list[tuple[int, str]]:
    """Names a command takes from ``bracketeer.api`` (``api.X``, ``from ..api import X``) that
    ``bracketeer`` does not export."""
    exported = _exported()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "api":
            if node.attr not in exported:
                out.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("api") and node.level > 0:
            out.extend((node.lineno, a.name) for a in node.names if a.name not in exported)
    return out


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an ``from … import`` names, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    package = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if package[-1] != "__init__" or node.level > 0:
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _writes(path: Path, rel: Path) -> list[str]:
    """Lines of a reader that write: a zip opened for writing, a file written."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("#", 1)[0]
        if any(w in code for w in (".writestr(", ".write_bytes(", ".write_text(", "open(", '"w")', "'w')")):
            if "open(" in code and not any(m in code for m in ('"w', "'w", '"a', "'a", '"x', "'x")):
                continue
            out.append(f"{rel}:{n}: a reader writes: {line.strip()}")
    return out


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


COMPLEXITY = Path(__file__).resolve().parent / "complexity.txt"
MOST = 15


def too_complex() -> list[str]:
    """Functions above ``MOST`` that are not listed, or that grew past their listed complexity."""
    from radon.complexity import cc_visit

    listed: dict[str, int] = {}
    for line in COMPLEXITY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, value = line.rsplit(" ", 1)
            listed[where] = int(value)
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.letter not in "FM" or block.complexity <= MOST:
                continue
            name = f"{block.classname}.{block.name}" if block.letter == "M" else block.name
            where = f"{path.relative_to(SRC.parent)}:{name}"
            if block.complexity > listed.get(where, MOST):
                was = f" (listed at {listed[where]})" if where in listed else ""
                found.append(f"{where}: cyclomatic complexity {block.complexity}{was}; at most {MOST}")
    return found


if __name__ == "__main__":
    bad = problems() + too_complex()
    for line in bad:
        print(line)
    sys.exit(1 if bad else 0)
