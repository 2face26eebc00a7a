"""Resolving everything in a generated draft against parsing it, measured in one run.

    python bench/bench_resolve.py            # 1 MB and 10 MB
    python bench/bench_resolve.py --quick    # 1 MB

Goal: accepting every proposal of the 10 MB draft takes at most 1.5x the time of parsing it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from bracketeer.read.text import parse_text
from bracketeer.resolver import Decision, resolve
from bracketeer.write.text import bracketed


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> None:
    sizes = [1_000_000] if "--quick" in sys.argv else [1_000_000, 10_000_000]
    parse_text("1. warm [US: up]\n")
    print(
        f"{'size':>7} {'parse':>9} {'accept all':>11} {'ratio':>6} "
        f"{'reject US':>10} {'ratio':>6} {'+ print':>9}"
    )
    for size in sizes:
        text = generate(size)
        doc, t_parse = timed(lambda text=text: parse_text(text))
        res, t_all = timed(lambda doc=doc: resolve(doc, [Decision("accept", everything=True)]))
        _, t_us = timed(lambda doc=doc: resolve(doc, [Decision("reject", frozenset({"US"}))]))
        _, t_print = timed(lambda res=res: bracketed(res.document))
        print(
            f"{size / 1e6:>5.1f}MB {t_parse * 1000:>7.0f}ms {t_all * 1000:>9.0f}ms {t_all / t_parse:>5.2f}x "
            f"{t_us * 1000:>8.0f}ms {t_us / t_parse:>5.2f}x {t_print * 1000:>7.0f}ms"
        )


if __name__ == "__main__":
    main()
