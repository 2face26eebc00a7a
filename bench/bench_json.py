"""Peak memory of ``parse --format json`` against the draft's size, and against ``parse
--format text`` (the parse alone), each a fresh process, in one run.

    python bench/bench_json.py            # 1 MB and 10 MB
    python bench/bench_json.py --quick    # 1 MB

Goal (issue: speed where users feel it): at most 20x the input at 10 MB; the parse's own
memory is the floor. Exit status 1 when the goal is missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def peak_mib(args: list[str]) -> float:
    """The peak resident memory of one process, in MiB (Linux reports KiB)."""
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(args, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, args
    return usage.ru_maxrss / 1024


def main() -> int:
    sizes = {"1 MB": 1_000_000} if "--quick" in sys.argv else {"1 MB": 1_000_000, "10 MB": 10_000_000}
    cli = [sys.executable, "-m", "bracketeer", "parse"]
    worst = 0.0
    print(f"{'size':>6}  {'json MiB':>9}  {'text MiB':>9}  {'json/input':>10}  {'json/text':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in sizes.items():
            draft = Path(tmp) / "draft.txt"
            draft.write_text(generate(size), encoding="utf-8")
            mib = draft.stat().st_size / 2**20
            as_json = peak_mib([*cli, "--format", "json", str(draft)])
            as_text = peak_mib([*cli, "--format", "text", str(draft)])
            ratio = as_json / mib
            worst = max(worst, ratio) if size >= 10_000_000 else worst
            print(f"{label:>6}  {as_json:9.0f}  {as_text:9.0f}  {ratio:9.1f}x  {as_json / as_text:8.2f}x")
    return 1 if worst > 20 else 0


if __name__ == "__main__":
    sys.exit(main())
