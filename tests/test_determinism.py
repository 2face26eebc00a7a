"""Every command's output is a function of its input alone: the same bytes under any hash seed
(a set iterated in the paragraph alignment once gave different diffs under different seeds)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, EXAMPLES, ROOT

EXE = str(Path(sys.executable).parent / "bracketeer")
SEEDS = ("0", "1", "12345")


@pytest.fixture(scope="module")
def revised(tmp_path_factory) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_diff import edit
        from generate import generate
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("seeds")
    text = generate(30_000)
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(text)
    new.write_text(edit(text, share=0.5))
    return old, new


def _outputs(args: list[str]) -> set[bytes]:
    out = set()
    for seed in SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([EXE, *args], capture_output=True, env=env)
        out.add(run.stdout + b"\0" + run.stderr)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "--format", "json", "{old}", "{new}"],
        ["history", "--format", "json", str(EXAMPLES / "consolidation" / "base.txt"), str(EXAMPLE), "{new}"],
        [
            "consolidate",
            str(EXAMPLES / "consolidation" / "base.txt"),
            f"CAN={EXAMPLES / 'consolidation' / 'can.txt'}",
            f"ARG={EXAMPLES / 'consolidation' / 'arg.txt'}",
            "--report",
            "json",
        ],
        ["status", "--format", "json", "{new}"],
        ["check", "--format", "json", "{new}"],
        ["render", "{new}", "--to", "html", "--mode", "tracked"],
    ],
    ids=["diff", "history", "consolidate", "status", "check", "html"],
)
def test_the_same_bytes_under_every_hash_seed(revised, args):
    old, new = revised
    filled = [a.format(old=old, new=new) for a in args]
    assert len(_outputs(filled)) == 1
