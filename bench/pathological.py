"""Time and peak memory of the commands on pathological inputs, each a separate process.

    python bench/pathological.py

Prints a Markdown table (the README's reliability section quotes one run). Peak memory is the
process's maximum resident set size, Python included.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CASES: list[tuple[str, str, list[str]]] = [
    # (what, how to make it, the command)
    ("nesting 100 deep (the limit)", "'1. ' + '[US: a ' * 100 + ']' * 100 + '\\n'", ["accept", "--all"]),
    ("nesting 100,000 deep (refused)", "'1. ' + '[' * 100000 + ']' * 100000 + '\\n'", ["parse"]),
    ("1,000 names on one tag", "'1. [' + ', '.join(['US', 'CAN'] * 500) + ': x] y\\n'", ["status"]),
    ("a 50 MB line", "'1. ' + 'word ' * 10_000_000 + '\\n'", ["parse", "--format", "text"]),
    ("a 50 MB bracket", "'1. [US: ' + 'word ' * 10_000_000 + ']\\n'", ["accept", "--all"]),
    ("10,000 brackets on a line: check", "'1. ' + '[US: x] ' * 10000 + '\\n'", ["check"]),
    ("10,000 brackets on a line: diff", "'1. ' + '[US: x] ' * 10000 + '\\n'", ["diff", "SELF"]),
    ("10,000 adjacent alternatives", "'1. ' + '[US: x][CAN: y]' * 5000 + '\\n'", ["reject", "--all"]),
    ("10,000 brackets: side-by-side", "'1. ' + '[US: x] ' * 10000 + '\\n'", ["render", "--mode", "side-by-side"]),  # noqa: E501
    ("100,000 unclosed brackets (error output)", "'1. ' + '[' * 100000 + '\\n'", ["parse"]),
]  # fmt: skip


def run(command: list[str], path: Path, out: Path) -> tuple[float, int, int]:
    args = [
        sys.executable,
        "-m",
        "bracketeer",
        *[str(path) if a == "SELF" else a for a in command],
        str(path),
    ]
    if command[0] in ("accept", "reject", "render"):
        args += ["-o", str(out)] + (["--report", "none"] if command[0] != "render" else [])
    # a parent of its own per case: the children's peak memory is then this case's alone
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
    )
    out_line = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True).stdout
    elapsed, peak, code = out_line.split()
    return float(elapsed), int(peak), int(code)


def main() -> None:
    print("| input | command | exit | time | peak memory |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for what, make, command in CASES:
            path = folder / "case.txt"
            path.write_text(eval(make), encoding="utf-8")
            size = path.stat().st_size
            elapsed, peak_kb, code = run(command, path, folder / "out")
            shown = " ".join(c for c in command if c != "SELF")
            row = [f"{what} ({size / 1e6:.1f} MB)", f"`{shown}`", str(code), f"{elapsed:.1f} s"]
            print("| " + " | ".join([*row, f"{peak_kb / 1024:.0f} MB"]) + " |")


if __name__ == "__main__":
    main()
