"""Fuzz bracketeer on every surface: mutated real drafts through the library and the command
line, held to the properties in tests/fuzzing.py, one family per surface (text, --recover,
Word documents edited in their XML, Word documents damaged as zips, decisions files, delegations
files with --author-map and --colour-map values, consolidation). A failing text case is shrunk
and saved under tests/fuzz-cases/, which the test suite replays.

    python bench/fuzz.py                          # 100,000 cases over every family
    python bench/fuzz.py 5000 --seed 7 --family docx --family zip

Prints the cases tried and failures per family, and each distinct failure with a count; exits 1
when anything failed.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzzing import CASES, FAMILIES, REFUSED, failure  # noqa: E402

# each family's share of the cases: the text family is the cheapest and the widest; a Word case
# decides eight ways, each written back and read again twice, and costs a hundred text cases
WEIGHTS = {
    "text": 40,
    "recover": 15,
    "docx": 3,
    "zip": 10,
    "decisions": 12,
    "settings": 10,
    "consolidate": 10,
    "decide-back": 3,
}


def shrink(data: bytes, still_fails: callable) -> bytes:  # type: ignore[valid-type]
    """A smaller input that still fails: drop lines, then characters, while it does."""
    for unit in (b"\n", None):
        pieces = data.split(b"\n") if unit else [bytes([c]) for c in data]
        i = 0
        while i < len(pieces) and len(pieces) > 1:
            trial = pieces[:i] + pieces[i + 1 :]
            candidate = (b"\n" if unit else b"").join(trial)
            if still_fails(candidate):
                pieces = trial
            else:
                i += 1
        data = (b"\n" if unit else b"").join(pieces)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these (repeatable)")
    args = parser.parse_args()
    families = args.family or list(FAMILIES)
    total = sum(WEIGHTS[f] for f in families)
    counts = {f: args.cases * WEIGHTS[f] // total for f in families}
    counts[families[0]] += args.cases - sum(counts.values())
    tried: collections.Counter[str] = collections.Counter()
    failed: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[tuple[str, str]] = collections.Counter()
    started = time.perf_counter()
    for family in families:
        generate, check = FAMILIES[family]
        rng = random.Random(f"{args.seed}/{family}")
        t0 = time.perf_counter()
        for _ in range(counts[family]):
            case = generate(rng)
            problem = check(case)
            tried[family] += 1
            if problem is None:
                continue
            failed[family] += 1
            kinds[family, problem[:160]] += 1
            if family == "text":
                data = case.files["case.txt"]
                small = shrink(data, lambda d: failure(d) is not None)
                name = hashlib.sha256(small).hexdigest()[:12] + ".txt"
                CASES.mkdir(exist_ok=True)
                (CASES / name).write_bytes(small)
        print(
            f"{family:12} {tried[family]:7} cases {failed[family]:6} failures "
            f"{time.perf_counter() - t0:7.0f} s",
            flush=True,
        )
    for family, n in sorted(REFUSED.items()):
        print(f"  {family}: {n} decisions refused with exit 2 (the document could not be kept exactly)")
    for (family, problem), n in sorted(kinds.items()):
        print(f"  {family}: {n} × {problem}")
    elapsed = time.perf_counter() - started
    print(f"{sum(tried.values())} cases tried, {sum(failed.values())} failures, {elapsed:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
