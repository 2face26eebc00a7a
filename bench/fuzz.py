"""Fuzz bracketeer: many mutated real drafts through the library and the command line's error
path, held to the properties in tests/fuzzing.py. A failing case is shrunk and saved under
tests/fuzz-cases/, which the test suite replays.

    python bench/fuzz.py                 # 100,000 cases
    python bench/fuzz.py 5000 --seed 7

Prints cases tried, failures and time; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzzing import CASES, examples, failure, mutate  # noqa: E402


class _Stream(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def cli_failure(data: bytes, folder: Path) -> str | None:
    """The command line on a draft that does not parse: exit 2, ``file:line:col`` on stderr."""
    from bracketeer.cli import main

    path = folder / "case.txt"
    path.write_bytes(data)
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = _Stream(out, encoding="utf-8", write_through=True)
    sys.stderr = _Stream(err, encoding="utf-8", write_through=True)
    try:
        code = main(["check", str(path)])
    finally:
        sys.stdout.detach()
        sys.stderr.detach()
        sys.stdout, sys.stderr = saved
    if code not in (0, 1, 2):
        return f"check exited {code}: {err.getvalue()[:200]!r}"
    if code == 2 and not err.getvalue().startswith(str(path).encode()):
        return f"check's error names no position: {err.getvalue()[:200]!r}"
    return None


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
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = examples()
    failures = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(1, args.cases + 1):
            data = mutate(rng, rng.choice(bases), rng.randint(1, 6)).encode("utf-8")
            problem = failure(data)
            if problem is None and n % 10 == 0:
                problem = cli_failure(data, folder)
            if problem is not None:
                failures += 1
                small = shrink(data, lambda d: failure(d) is not None or cli_failure(d, folder) is not None)
                name = hashlib.sha256(small).hexdigest()[:12] + ".txt"
                CASES.mkdir(exist_ok=True)
                (CASES / name).write_bytes(small)
                print(f"case {n}: {problem}; saved tests/fuzz-cases/{name}", flush=True)
            if n % 10_000 == 0:
                print(f"{n} cases, {failures} failures, {time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    rate = elapsed / args.cases * 1e3
    print(f"{args.cases} cases tried, {failures} failures, {elapsed:.0f} s ({rate:.2f} ms a case)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
