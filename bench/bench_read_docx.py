"""Reading a Word draft: speed against python-docx, and memory against the file's size, in one run
(see the README's performance section).

    python bench/bench_read_docx.py

The file is ``render --mode tracked`` of the generated 1 MB draft (about 300 pages, every
proposal a native revision). Reported: bracketeer's read (zip, XML, numbering, revisions,
parse into the tree) against python-docx's own ``Document(path)`` plus every paragraph's
``.text`` on the same file (goal: at most 2x), and the peak memory the read adds, against the
.docx's size (goal: at most 30x). Memory is measured in a fresh process (lxml allocates outside
Python's tracemalloc). Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import best_of
from generate import generate

import bracketeer as b

_MEMORY = r"""
import sys
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(key))
which, path = sys.argv[1], sys.argv[2]
import bracketeer, docx, lxml.etree, bracketeer.read.docx, bracketeer.read.text
bracketeer.load(b"1. [US: warm]\n")  # the grammar loaded before the baseline
before = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak so far (inherited across exec from the parent) starts again here
if which == "bracketeer":
    bracketeer.load(path)
else:
    d = docx.Document(path)
    [p.text for p in d.paragraphs]
print(max(status("VmHWM:") - before, 0))
"""


def added_memory(which: str, path: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY, which, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def main() -> int:
    import docx

    text = generate(1_000_000)
    draft = b.load(text.encode("utf-8"))
    data = b.render(draft, b.RenderOptions(to="docx", mode="tracked", date=b.api.parse_date("2024-01-01")))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.docx"
        path.write_bytes(data)
        size = path.stat().st_size
        doc = b.load(path)
        paragraphs = len(doc.origin.paragraphs)  # type: ignore[attr-defined]

        def python_docx() -> None:
            d = docx.Document(str(path))
            for p in d.paragraphs:
                p.text  # noqa: B018

        ours = best_of(lambda: b.load(path), 5)
        theirs = best_of(python_docx, 5)
        mem = added_memory("bracketeer", path)
        mem_theirs = added_memory("python-docx", path)
    ratio = ours / theirs
    print(f"draft: {len(text) / 1e6:.1f} MB of text, {paragraphs} paragraphs, .docx {size / 1e6:.2f} MB")
    print(
        f"read: bracketeer {ours:.3f} s, python-docx Document + .text {theirs:.3f} s: "
        f"{ratio:.2f}x (goal <= 2x)"
    )
    print(
        f"memory added: bracketeer {mem / 1e6:.0f} MB = {mem / size:.1f}x the .docx (goal <= 30x); "
        f"python-docx {mem_theirs / 1e6:.0f} MB = {mem_theirs / size:.1f}x"
    )
    return 0 if ratio <= 2 and mem <= 30 * size else 1


if __name__ == "__main__":
    raise SystemExit(main())
