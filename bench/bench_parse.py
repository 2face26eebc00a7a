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


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """The best time of ``repeat`` runs of ``fn`` (each benchmark script takes it from here)."""
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


def construction_calls(doc, offsets: bool = False) -> list:
    """Every object of a parsed tree as the call that builds it, with its fields as arguments:
    the reader's own fast constructors for nodes (slots set directly), ``tuple.__new__`` for
    spans and ``tuple`` for sequences. ``offsets``: the lighter tree the speed issue proposes,
    each node holding its start offset where it holds a span now (line and column computed on
    demand from a shared table of line starts): no span objects built at all."""
    from dataclasses import fields, is_dataclass

    from bracketeer.ast import Span
    from bracketeer.read.nodes import maker

    makers: dict[type, tuple] = {}
    calls: list = []

    def walk(x) -> None:
        if type(x) is Span:
            if not offsets:
                calls.append((tuple.__new__, (Span, tuple(x))))
        elif type(x) is tuple:
            for y in x:
                walk(y)
            calls.append((tuple, (list(x),)))
        elif is_dataclass(x) and not isinstance(x, type):
            cls = type(x)
            if cls not in makers:
                makers[cls] = (maker(cls), tuple(f.name for f in fields(cls)))
            make, names = makers[cls]
            values = [getattr(x, n) for n in names]
            for v in values:
                walk(v)
            if offsets:
                values = [v.offset if type(v) is Span else v for v in values]
            calls.append((make, tuple(values)))

    for block in doc.blocks:
        walk(block)
    return calls


def lalr_alone(text: str):
    """A function running Lark's LALR parser over the skeleton grammar with the bracket tokens
    of ``text`` made beforehand: Lark's own share, with no lexing."""
    from lark import Lark
    from lark.lexer import Lexer

    from bracketeer.grammar import grammar_text
    from bracketeer.read.brackets import bracket_tokens

    tokens = bracket_tokens(text)

    class Replay(Lexer):
        def __init__(self, conf) -> None:
            pass

        def lex(self, data):
            return iter(data)

    class Lists:
        def bracket(self, children):
            return children

        def start(self, children):
            return children

    parser = Lark(grammar_text("skeleton.lark"), parser="lalr", lexer=Replay, transformer=Lists())
    return lambda: parser.parse(tokens)


def floor(text: str, t_scan: float) -> str:
    """What any reader giving this tree through Lark costs at least, in scans, before it finds
    a bracket or reads a word: Lark's LALR parser over the bracket tokens alone (the fewest Lark
    can be given: one per bracket with none inside it), and the tree's objects built alone
    (every constructor called once with its fields ready)."""
    import gc

    from bracketeer.delegations import Registry
    from bracketeer.read.brackets import bracket_tokens
    from bracketeer.read.lines import read_lines
    from bracketeer.structure import group

    doc = parse_text(text)
    calls = construction_calls(doc)
    light = construction_calls(doc, offsets=True)
    lines = read_lines(text, Registry.builtin())
    lalr = lalr_alone(text)

    def build() -> None:
        for make, args in calls:
            make(*args)

    def build_light() -> None:
        for make, args in light:
            make(*args)

    gc.disable()  # as while parsing
    try:
        t_lalr = best_of(lalr, 3)
        t_tree = best_of(build, 3)
        t_light = best_of(build_light, 3)
        t_lex = best_of(lambda: bracket_tokens(text), 3)
        t_group = best_of(lambda: group(lines, False), 3)
    finally:
        gc.enable()
    return (
        f"floor: Lark's parser alone {t_lalr / t_scan:.1f}x, the tree's {len(calls):,} objects built "
        f"alone {t_tree / t_scan:.1f}x: {(t_lalr + t_tree) / t_scan:.1f}x before finding a bracket "
        f"or reading a word; finding the brackets with their tags and attributions (the lexer "
        f"alone) {t_lex / t_scan:.1f}x; grouping the read lines into blocks alone "
        f"{t_group / t_scan:.1f}x; with offsets instead of spans (the lighter tree), "
        f"{len(light):,} objects built alone {t_light / t_scan:.1f}x: "
        f"{(t_lalr + t_light) / t_scan:.1f}x before finding a bracket, "
        f"{(t_lalr + t_light + t_lex + t_group) / t_scan:.1f}x before reading a line's words"
    )


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
    floors: dict[str, str] = {}
    for name, size in SIZES.items():
        if quick and size > 1_000_000:
            continue
        text = generate(size)
        nbytes = len(text.encode("utf-8"))
        repeat = 3 if size <= 1_000_000 else 2
        # the scan is cheap and its time the yardstick: taken at its best of several
        t_scan = best_of(lambda text=text: scan(text), 7)
        t_parse = best_of(lambda text=text: parse_text(text), repeat)
        peak = peak_memory(text)
        ratios[name] = t_parse / t_scan
        print(
            f"{name:>7} {t_scan * 1000:>7.1f}ms {t_parse * 1000:>7.0f}ms {t_parse / t_scan:>6.1f}x "
            f"{peak / 1e6:>8.1f}MB {peak / nbytes:>8.1f}x"
        )
        if size == 1_000_000:  # the figures hold per megabyte (parsing is linear)
            floors[name] = floor(text, t_scan)
    for name, said in floors.items():
        print(f"{name}: {said}")
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
