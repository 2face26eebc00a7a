"""The code's layout promises (checked by .ci/check_layout.py): no private names imported
across modules, no library logic in the commands, the lazy command group, one schema module."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from .conftest import ROOT


def _layout():
    spec = importlib.util.spec_from_file_location("check_layout", ROOT / ".ci" / "check_layout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_private_names_across_modules_and_no_logic_in_commands():
    assert _layout().problems() == []


def test_the_layout_check_finds_a_private_import(tmp_path, monkeypatch):
    layout = _layout()
    pkg = tmp_path / "bracketeer" / "cli"
    pkg.mkdir(parents=True)
    (pkg / "bad.py").write_text(
        "import json\nfrom ..resolver.joins import _cut_end\nisinstance(x, Bracket)\n"
        "from .. import api\napi.load(x)\napi.hidden_helper(x)\nfrom ..api import Secret\n"
    )
    (tmp_path / "bracketeer" / "__init__.py").write_text('__all__ = ["load"]\n')
    monkeypatch.setattr(layout, "SRC", tmp_path / "bracketeer")
    found = "\n".join(layout.problems())
    assert "private name _cut_end" in found
    assert "imports json" in found
    assert "tests a type" in found
    # what a command does, a library user can: only exported names from the front door
    assert "hidden_helper is used from bracketeer.api but not exported" in found
    assert "Secret is used from bracketeer.api but not exported" in found
    assert "load is used" not in found


def test_help_does_not_import_the_library():
    code = "import sys; from bracketeer.cli import main; main(['--help']); print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.strip().splitlines()[-1]
    for heavy in ("lark", "docx", "rich", "bracketeer.resolver", "bracketeer.read"):
        assert f"'{heavy}'" not in loaded, heavy


def test_every_schema_is_documented_and_written_with_its_name():
    from bracketeer.write import schemas

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in schemas.SCHEMAS:
        assert f"`{name}`" in readme, name
    source = (ROOT / "src" / "bracketeer" / "write" / "schemas.py").read_text(encoding="utf-8")
    others = [p for p in (ROOT / "src" / "bracketeer").rglob("*.py") if p.name != "schemas.py"]
    for p in others:
        assert not re.search(r'"bracketeer\.\w+/\d+"', p.read_text(encoding="utf-8")), p
    assert source.count('"schema":') == len(schemas.SCHEMAS)


def test_no_function_grows_past_complexity_15():
    assert _layout().too_complex() == []


def test_the_complexity_check_finds_a_function_that_grew(tmp_path, monkeypatch):
    layout = _layout()
    pkg = tmp_path / "bracketeer"
    pkg.mkdir()
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(20))
    (pkg / "big.py").write_text(f"def big(x):\n{branches}    return -1\n", encoding="utf-8")
    listed = tmp_path / "complexity.txt"
    listed.write_text("bracketeer/big.py:big 18\n", encoding="utf-8")
    monkeypatch.setattr(layout, "SRC", pkg)
    monkeypatch.setattr(layout, "COMPLEXITY", listed)
    assert layout.too_complex() == [
        "bracketeer/big.py:big: cyclomatic complexity 21 (listed at 18); at most 15"
    ]
    listed.write_text("bracketeer/big.py:big 21\n", encoding="utf-8")
    assert layout.too_complex() == []
