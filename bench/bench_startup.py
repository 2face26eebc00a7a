"""Start-up of the commands that read a draft, as whole processes, against ``python -c "import
click"`` (the least any click command costs), best of several runs of each, in one run.

    python bench/bench_startup.py
    python bench/bench_startup.py --breakdown   # also: where parse's start-up goes, by package

Goals: ``bracketeer parse`` of a one-paragraph text draft at most 2x ``import click``; each
stage of ``accept -d US example | reject -d CAN - | status -`` at most 3x. The floor row is
the third-party imports alone (click and lark), which no command that reads a draft avoids.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cicte-omnibus-2024.txt"


def best(cmd: list[str], stdin: bytes = b"", repeat: int = 11) -> float:
    subprocess.run(cmd, input=stdin, capture_output=True, check=False)  # warm the disk cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return min(times)


def breakdown(exe: str, draft: Path) -> None:
    """Import time of ``parse`` by top-level package (each module's own time, summed), from
    ``python -X importtime``: what a start-up is made of besides the reading itself."""
    import collections

    run = subprocess.run(
        [sys.executable, "-X", "importtime", exe, "parse", str(draft), "--format", "text"],
        capture_output=True,
        text=True,
    )
    own: collections.Counter[str] = collections.Counter()
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.split(":", 1)[1].split("|")
        own[name.strip().split(".")[0]] += int(self_us)
    total = sum(own.values())
    print(f"imports of parse, {total / 1000:.0f} ms in all, by package (own time):")
    for package, us in own.most_common(8):
        print(f"  {package:<14} {us / 1000:5.1f} ms")


def main() -> int:
    exe = shutil.which("bracketeer") or str(Path(sys.executable).parent / "bracketeer")
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.txt"
        one.write_text("1. To invite Member States [US: to consider] ratifying the Convention.\n")
        accepted = subprocess.run([exe, "accept", "-d", "US", str(EXAMPLE)], capture_output=True).stdout
        rejected = subprocess.run(
            [exe, "reject", "-d", "CAN", "-"], input=accepted, capture_output=True
        ).stdout
        click = best([sys.executable, "-c", "import click"])
        # what any command that reads a draft must import besides its own code: click, and
        # Lark's parser with its cached grammar; the distance to the goals is ours
        floor = best([sys.executable, "-c", "import click; from lark import Lark"])
        rows = [
            ("floor: click + lark", floor, None),
            ("--version", best([exe, "--version"]), None),
            ("parse one paragraph", best([exe, "parse", str(one), "--format", "text"]), 2.0),
            ("accept -d US example", best([exe, "accept", "-d", "US", str(EXAMPLE)]), 3.0),
            ("reject -d CAN -", best([exe, "reject", "-d", "CAN", "-"], accepted), 3.0),
            ("status -", best([exe, "status", "-"], rejected), 3.0),
        ]
        if "--breakdown" in sys.argv:
            breakdown(exe, one)
    print(f"python -c 'import click': {click * 1000:.0f} ms")
    missed = 0
    for name, t, goal in rows:
        ratio = t / click
        verdict = (
            "" if goal is None else ("  (goal met)" if ratio <= goal else f"  (goal {goal:.0f}x: missed)")
        )
        missed += goal is not None and ratio > goal
        print(f"{name:<24} {t * 1000:6.0f} ms  {ratio:5.2f}x{verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
