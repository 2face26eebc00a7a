"""Parse speed, memory and start-up, measured in one run (see the README's performance section).

    python bench/bench_parse.py            # 100 KB, 1 MB and 10 MB; exit 1 when over the goals
    python bench/bench_parse.py --quick    # 100 KB and 1 MB

Reports, for each size: parse time against a bare ``re.finditer(r"[\\[\\]]", text)`` scan of the
same text (goal: at most 8x at 10 MB), peak memory of the parse against the input's size
(goal: at most 20x), and the cold start of ``bracketeer --version`` against ``python -c
"import click"`` (goal: at most 2x). Ratios are taken within this one run. Parsing must also be
linear: the ratio at 10 MB at most 1.2x the ratio at 1 MB. The script exits with status 1 when
the 10 MB ratio or the growth misses its goal, so that a slowdown shows in review.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from bracketeer.read.text import parse_text

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def scan(text: str) -> int:
    return sum(1 for _ in re.finditer(r"[\[\]]", text))


def peak_memory(text: str) -> int:
    tracemalloc.start()
    doc = parse_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del doc
    return peak


def cold_start(cmd: list[str], repeat: int = 15) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the disk cache and Lark's cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    quick = "--quick" in sys.argv
    parse_text("1. warm [US: up]\n")  # load the grammar once, as every command does
    print(f"{'size':>7} {'scan':>9} {'parse':>9} {'ratio':>7} {'peak mem':>10} {'mem/input':>9}")
    ratios: dict[str, float] = {}
    for name, size in SIZES.items():
        if quick and size > 1_000_000:
            continue
        text = generate(size)
        nbytes = len(text.encode("utf-8"))
        repeat = 3 if size <= 1_000_000 else 1
        t_scan = best_of(lambda text=text: scan(text), repeat)
        t_parse = best_of(lambda text=text: parse_text(text), repeat)
        peak = peak_memory(text)
        ratios[name] = t_parse / t_scan
        print(
            f"{name:>7} {t_scan * 1000:>7.1f}ms {t_parse * 1000:>7.0f}ms {t_parse / t_scan:>6.1f}x "
            f"{peak / 1e6:>8.1f}MB {peak / nbytes:>8.1f}x"
        )
    exe = shutil.which("bracketeer") or str(Path(sys.executable).parent / "bracketeer")
    t_cli = cold_start([exe, "--version"])
    t_click = cold_start([sys.executable, "-c", "import click"])
    print(
        f"cold start: bracketeer --version {t_cli * 1000:.0f}ms, python -c 'import click' "
        f"{t_click * 1000:.0f}ms, ratio {t_cli / t_click:.2f}x"
    )
    if "10 MB" in ratios:
        growth = ratios["10 MB"] / ratios["1 MB"]
        print(
            f"growth from 1 MB to 10 MB: {growth:.2f}x (goal: at most 1.2x); "
            f"10 MB: {ratios['10 MB']:.1f}x (goal: at most 8x)"
        )
        if ratios["10 MB"] > 8 or growth > 1.2:
            sys.exit(1)


if __name__ == "__main__":
    main()
