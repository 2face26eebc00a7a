"""Every command's speed in one table, from one run: each command as a whole process on a
generated draft, against a baseline process, with its growth from 1 MB to 10 MB and its peak
memory.

    python bench/all.py            # 100 KB and 1 MB (a few minutes)
    python bench/all.py --full     # and 10 MB (growth measured from 1 MB to 10 MB)

Times are the best of three runs (``--repeat N``); peak memory is the process's own maximum
resident set, from ``wait4``. The baselines: a bare ``re.finditer`` over the draft for parse;
``parse --format text`` (the reading every command does) for the commands that read and
write text; python-docx writing the same lines as plain paragraphs for the .docx renderings;
two parses for ``diff``; ``python -c "import click"`` for start-up. The per-part benchmarks
(``bench_parse.py``, ``bench_render.py``, …) say where the time goes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import edit
from generate import generate

SCAN = (
    "import re,sys; t=open(sys.argv[1],encoding='utf-8').read(); "
    "sum(1 for _ in re.finditer(r'[\\[\\]]|[^\\[\\]\\n]+|\\n', t))"
)
PLAIN_DOCX = (
    "import sys,docx; d=docx.Document(); "
    "[d.add_paragraph(l) for l in open(sys.argv[1],encoding='utf-8').read().split('\\n') if l.strip()]; "
    "d.save(sys.argv[2])"
)


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one process."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss * 1024


def best(cmd: list[str], repeat: int) -> tuple[float, int]:
    results = [run(cmd) for _ in range(repeat)]
    return min(t for t, _ in results), max(m for _, m in results)


def main() -> int:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    sizes = [100_000, 1_000_000] + ([10_000_000] if "--full" in sys.argv else [])
    exe = shutil.which("bracketeer") or str(Path(sys.executable).parent / "bracketeer")
    py = sys.executable
    rows: dict[tuple[str, int], tuple[float, float, int]] = {}
    names: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for size in sizes:
            draft = tmp / f"draft-{size}.txt"
            text = generate(size)
            draft.write_text(text, encoding="utf-8")
            newer = tmp / f"newer-{size}.txt"
            newer.write_text(edit(text), encoding="utf-8")
            out = str(tmp / "out.docx")
            parse_text, _ = best([exe, "parse", str(draft), "--format", "text"], repeat)
            plain_docx, _ = best([py, "-c", PLAIN_DOCX, str(draft), out], repeat)
            d = str(draft)
            cases = [
                ("parse --format text", ["parse", d, "--format", "text"], [py, "-c", SCAN, d]),
                ("parse --format json", ["parse", d, "--format", "json"], parse_text),
                ("check", ["check", d], parse_text),
                ("status", ["status", d, "--format", "json"], parse_text),
                ("accept --all", ["accept", "--all", d], parse_text),
                ("render --mode tracked (docx)", ["render", d, "--mode", "tracked", "-o", out], plain_docx),
                (
                    "render --mode side-by-side (docx)",
                    ["render", d, "--mode", "side-by-side", "-o", out],
                    plain_docx,
                ),
                (
                    "render --to html --mode tracked",
                    ["render", d, "--to", "html", "--mode", "tracked"],
                    parse_text,
                ),
                (
                    "render --to akn --mode tracked",
                    ["render", d, "--to", "akn", "--mode", "tracked"],
                    parse_text,
                ),
                ("diff (5% edited)", ["diff", "--format", "json", d, str(newer)], 2 * parse_text),
            ]
            for name, args, base in cases:
                t, peak = best([exe, *args], repeat)
                b = base if isinstance(base, float) else best(base, repeat)[0]
                rows[(name, size)] = (t, b, peak)
                if name not in names:
                    names.append(name)
        one = tmp / "one.txt"
        one.write_text("1. To invite Member States [US: to consider] ratifying the Convention.\n")
        t_start, peak_start = best([exe, "parse", str(one), "--format", "text"], 7)
        t_click, _ = best([py, "-c", "import click"], 7)
    print(f"{'command':<36} {'size':>7} {'time':>9} {'baseline':>9} {'ratio':>7} {'growth':>7} {'peak':>8}")
    for name in names:
        for size in sizes:
            t, b, peak = rows[(name, size)]
            growth = ""
            if size == sizes[-1] and len(sizes) > 1:
                before = sizes[-2]
                growth = f"{(t / rows[(name, before)][0]) / (size / before):.2f}x"
            label = f"{size / 1e6:g} MB"
            mb = peak / 2**20
            print(f"{name:<36} {label:>7} {t:>8.2f}s {b:>8.2f}s {t / b:>6.1f}x {growth:>7} {mb:>6.0f}MB")
    print(
        f"{'start-up: parse one paragraph':<36} {'':>7} {t_start:>8.2f}s {t_click:>8.2f}s "
        f"{t_start / t_click:>6.1f}x {'':>7} {peak_start / 2**20:>6.0f}MB"
    )
    print("growth: time per byte at the largest size over that at the one before (1.00x: linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
