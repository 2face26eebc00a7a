from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from bracketeer.ast import Document
from bracketeer.read.text import parse_text

# in CI the property tests replay the same examples every run (a failure there is then
# reproducible); on a developer's machine they search afresh each time
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "cicte-omnibus-2024.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def parse(text: str) -> Document:
    return parse_text(text, source="draft.txt")


@dataclass
class Result:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


class _Stream(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def run_cli(args: list[str], stdin: bytes = b"") -> Result:
    """Run ``bracketeer ARGS`` in this process, with bytes on stdin; capture both outputs."""
    from bracketeer import cli

    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = _Stream(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = _Stream(out_buf, encoding="utf-8", write_through=True)
    sys.stderr = _Stream(err_buf, encoding="utf-8", write_through=True)
    wrappers = (sys.stdin, sys.stdout, sys.stderr)
    try:
        code = cli.main(args)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        out, err = out_buf.getvalue(), err_buf.getvalue()
        for w in wrappers:
            w.detach()  # so that closing the wrapper does not close the buffers
    return Result(code, out, err.decode("utf-8"))


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# reads compared with the reference reader so far: a test asserts that the comparison runs (the
# patch works only while the text reader looks ``read_lines`` up when it reads)
ORACLE = {"compared": 0}


@pytest.fixture(autouse=True, scope="session")
def _every_read_agrees_with_the_reference_reader():
    """Every draft any test reads is read twice, by the fast reader and by the reference one
    (the whole grammar, token by token), and the two trees must be equal, spans included."""
    from lark.exceptions import UnexpectedInput

    from bracketeer.read import lines
    from bracketeer.read.reference import parse_reference

    fast = lines.read_lines

    def both(text, registry):
        try:
            reference = parse_reference(text, registry)
        except UnexpectedInput:
            reference = None
        try:
            got = fast(text, registry)
        except UnexpectedInput:
            assert reference is None, f"the fast reader refused what the reference reads: {text[:200]!r}"
            raise
        assert reference is not None, f"the fast reader read what the reference refuses: {text[:200]!r}"
        assert got == reference, f"the readers disagree on {text[:200]!r}"
        ORACLE["compared"] += 1
        return got

    lines.read_lines = both
    yield
    lines.read_lines = fast


def pandoc_plain(path: Path | str, changes: str = "accept", to: str = "plain") -> str:
    """A .docx as pandoc reads it to plain text (or format ``to``), its tracked changes
    accepted, rejected or all shown (``changes``)."""
    import subprocess

    return subprocess.run(
        ["pandoc", "-f", "docx", f"--track-changes={changes}", "-t", to, "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pandoc_revisions(path: Path | str) -> list[tuple[str, str]]:
    """Every tracked change pandoc reads in a .docx, as (kind, author): ``insertion``,
    ``deletion``, ``paragraph-insertion`` or ``paragraph-deletion``."""
    import json
    import subprocess

    data = json.loads(
        subprocess.run(
            ["pandoc", "-f", "docx", "--track-changes=all", "-t", "json", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    found: list[tuple[str, str]] = []

    def walk(x: object) -> None:
        if isinstance(x, dict):
            if x.get("t") == "Span":
                _id, classes, attrs = x["c"][0]
                if classes and classes[0] in (
                    "insertion",
                    "deletion",
                    "paragraph-insertion",
                    "paragraph-deletion",
                ):
                    found.append((classes[0], dict(attrs).get("author", "")))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    return found
