"""Every command's output on the examples and on generated drafts, saved to a folder, so that
two versions of bracketeer can be compared byte for byte (a restructuring must change nothing).

    python bench/outputs.py save bench/out/before
    ... change the code ...
    python bench/outputs.py save bench/out/after
    python bench/outputs.py compare bench/out/before bench/out/after

Runs the commands in this process through ``bracketeer.cli.main`` with a fixed
SOURCE_DATE_EPOCH, so .docx files are reproducible.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared" / "real-drafts"


class _Stream(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _run(args: list[str]) -> tuple[int, bytes, bytes]:
    from bracketeer.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = _Stream(io.BytesIO(b""), encoding="utf-8")
    sys.stdout = _Stream(out, encoding="utf-8", write_through=True)
    sys.stderr = _Stream(err, encoding="utf-8", write_through=True)
    try:
        code = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue(), err.getvalue()
    finally:
        for w in (sys.stdin, sys.stdout, sys.stderr):
            w.detach()
        sys.stdin, sys.stdout, sys.stderr = saved


def _inputs(work: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    drafts = [*sorted(EXAMPLES.glob("*.txt")), ROOT / "tests" / "data" / "tracked-cases.txt"]
    drafts += sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
    for size in (30_000, 200_000):
        p = work / f"generated-{size}.txt"
        p.write_text(generate(size), encoding="utf-8")
        drafts.append(p)
    return drafts


def _commands(draft: str) -> list[list[str]]:
    cmds: list[list[str]] = [["parse", "--format", f, draft] for f in ("tree", "json", "text")]
    cmds += [["check", "--format", f, draft] for f in ("text", "json")]
    cmds += [["status", "--format", f, draft] for f in ("table", "json", "summary")]
    for action in ("accept", "reject"):
        cmds += [
            [action, "-d", "US", draft],
            [action, "-d", "US", "--report", "json", draft],
            [action, "--all", "--renumber", draft],
            [action, "--all", "--clean", "--force", draft],
            [action, "-d", "CAN,ARG", "--clean", draft],
        ]
    cmds.append(["resolve", "--decisions", str(EXAMPLES / "decisions.toml"), draft])
    for to in ("docx", "text", "markdown", "html"):
        for mode in ("clean", "tracked", "side-by-side"):
            cmds.append(["render", "--to", to, "--mode", mode, "--force", draft])
    cmds.append(["render", "--to", "docx", "--mode", "clean", "--accept", "--all", draft])
    cmds.append(["render", "--to", "html", "--mode", "tracked", "-d", "US", "--accept", draft])
    return cmds


def save(folder: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1713225600"
    os.environ["NO_COLOR"] = "1"
    folder.mkdir(parents=True, exist_ok=True)
    work = ROOT / "bench" / "out" / "inputs"  # one place, so messages name the same files
    work.mkdir(parents=True, exist_ok=True)
    drafts = _inputs(work)
    runs: list[list[str]] = []
    for d in drafts:
        runs += _commands(str(d))
    old, new = str(EXAMPLES / "cicte-omnibus-2024.txt"), str(EXAMPLES / "cicte-omnibus-2024-rev1.txt")
    gen = [str(d) for d in drafts if d.name.startswith("generated")]
    for a, b in ((old, new), (gen[0], gen[1]), (old, old)):
        for fmt in ("unified", "json", "docx"):
            runs.append(["diff", "--format", fmt, a, b])
        runs.append(["diff", "--summary", a, b])
    index = []
    for n, args in enumerate(runs):
        code, out, err = _run(args)
        (folder / f"{n:04d}.out").write_bytes(out)
        (folder / f"{n:04d}.err").write_bytes(err)
        shown = " ".join(a.replace(str(ROOT) + "/", "").replace(str(folder) + "/", "") for a in args)
        index.append(f"{n:04d} exit={code} {hashlib.sha256(out).hexdigest()[:16]} {shown}")
    (folder / "index.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"{len(runs)} runs saved in {folder}")


def compare(a: Path, b: Path) -> int:
    ia = (a / "index.txt").read_text(encoding="utf-8").splitlines()
    ib = (b / "index.txt").read_text(encoding="utf-8").splitlines()
    bad = 0
    for la, lb in zip(ia, ib, strict=False):
        n = la.split()[0]
        same = la == lb and all(
            (a / f"{n}.{k}").read_bytes() == (b / f"{n}.{k}").read_bytes() for k in ("out", "err")
        )
        if not same:
            bad += 1
            print(f"differs: {la}\n         {lb}")
    if len(ia) != len(ib):
        bad += 1
        print(f"run counts differ: {len(ia)} and {len(ib)}")
    print(f"{len(ia)} runs compared, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "save":
        save(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
