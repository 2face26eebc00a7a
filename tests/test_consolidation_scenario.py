"""A compilation as a secretariat makes one: a base and five submissions of every kind (text
rewrites, a clean Word copy, a Word copy with the delegation's own tracked changes), with an
overlap, a move with renumbering, a deleted paragraph with another delegation's edits inside
it, a new paragraph and sub-items changed. The compilation is compared with a golden file read
as an officer reads it (tests/golden/scenario-compilation.txt); BRACKETEER_REGEN=1 rewrites it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import GOLDEN, pandoc_revisions, run_cli
from .docx_checks import authors_include, check_invariants, view

SCENARIO = Path(__file__).resolve().parent / "data" / "scenario"
TEXTS = {"NOR": "nor.txt", "ARG": "arg.txt", "CAN": "can.txt", "US": "us.txt", "EU": "eu-tracked.txt"}


def _submissions(tmp_path: Path) -> list[str]:
    from docx import Document as WordDocument

    # the EU's copy: Word with its own tracked changes, as bracketeer writes them
    eu = tmp_path / "eu.docx"
    r = run_cli(["render", "--mode", "tracked", str(SCENARIO / "eu-tracked.txt"), "-o", str(eu)])
    assert r.code == 0, r.err
    # the US's copy: a clean Word document, one paragraph a line
    doc = WordDocument()
    for line in (SCENARIO / "us.txt").read_text(encoding="utf-8").splitlines():
        if line:
            doc.add_paragraph(line)
    us = tmp_path / "us.docx"
    doc.save(str(us))
    return [
        f"NOR={SCENARIO / 'nor.txt'}",
        f"ARG={SCENARIO / 'arg.txt'}",
        f"CAN={SCENARIO / 'can.txt'}",
        f"US={us}",
        f"EU={eu}",
    ]


def _compiled(tmp_path: Path, *extra: str) -> tuple[bytes, str]:
    r = run_cli(
        ["consolidate", str(SCENARIO / "base.txt"), *_submissions(tmp_path), "--as-of", "2024-04-16", *extra]
    )
    assert r.code == 0, r.err
    return r.out, r.err


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(line.split()) for line in text.splitlines() if line.strip() and "Comments from" not in line
    ]


def test_the_compilation_is_the_one_an_officer_would_write(tmp_path):
    out, report = _compiled(tmp_path)
    got = out.decode("utf-8") + "\n--- report ---\n" + report
    golden = GOLDEN / "scenario-compilation.txt"
    if os.environ.get("BRACKETEER_REGEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_each_delegation_accepted_gives_its_submission_and_rejecting_all_the_base(tmp_path):
    out, _ = _compiled(tmp_path, "--report", "none")
    base = (SCENARIO / "base.txt").read_text(encoding="utf-8")
    assert _paragraphs(run_cli(["reject", "--all", "--report", "none", "-"], stdin=out).text) == _paragraphs(
        base
    )
    for code, name in TEXTS.items():
        mine = run_cli(["accept", "-d", code, "--report", "none", "-"], stdin=out)
        back = run_cli(["reject", "--all", "--renumber", "--report", "none", "-"], stdin=mine.out)
        expected = (SCENARIO / name).read_text(encoding="utf-8")
        if code == "EU":  # its copy holds its proposals as tracked changes: accepted, they are its text
            expected = run_cli(["accept", "--all", "--report", "none", str(SCENARIO / name)]).text
        assert _paragraphs(back.text) == _paragraphs(expected), code
    # nothing in it is ambiguous to read
    assert run_cli(["check", "-"], stdin=out).code == 0


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_the_word_compilation_keeps_every_delegations_proposals(tmp_path):
    target = tmp_path / "compilation.docx"
    _compiled(tmp_path, "--to", "docx", "-o", str(target), "--report", "none")
    # the EU's edits inside the paragraph the US proposes to delete were missing from the .docx:
    # now insertions by the EU that the US's deletion covers (Word nests them)
    authors = {who for _, who in pandoc_revisions(target)}
    assert authors == {"NOR", "ARG", "US", "EU"}  # CAN's move is a comment: Word has no such revision
    # (pandoc drops a deletion nested in an insertion: read with the XML's own view instead)
    assert check_invariants(target) == []
    eu_only = view(target, authors_include("EU"))
    assert any("prepare a comprehensive report" in p and "its eighty-first session" in p for p in eu_only)
    us_only = view(target, authors_include("US"))
    assert not any("Requests the Secretary-General" in p for p in us_only)
    assert not any("comprehensive" in p for p in view(target, lambda who: who in ("EU", "US")))
    # and rejecting everything in it, by bracketeer, gives the base back
    rejected = run_cli(["reject", "--all", "--to", "text", "--report", "none", str(target)]).text
    base = (SCENARIO / "base.txt").read_text(encoding="utf-8")
    assert [p for p in _paragraphs(rejected) if "RESOLUTION" not in p] == [
        p for p in _paragraphs(base) if p not in ("DRAFT RESOLUTION", "OCEAN FINANCE AND COASTAL RESILIENCE")
    ]


def test_a_word_compilation_written_as_text_says_where_revisions_touch(tmp_path):
    # the EU's insertions inside the US's deleted paragraph are revisions side by side in Word;
    # as text they would be touching brackets, which read back as rival wordings: said, not silent
    target = tmp_path / "compilation.docx"
    _compiled(tmp_path, "--to", "docx", "-o", str(target), "--report", "none")
    r = run_cli(["accept", "-d", "EU", "--to", "text", "--report", "none", str(target)])
    assert r.code == 0
    assert "warning: two Word revisions side by side here become touching brackets in text" in r.err
    assert run_cli(["parse", "--format", "text", str(target)]).err.count("warning:") >= 1
    # a Word draft whose revisions do not touch gets no such warning
    eu = tmp_path / "eu.docx"
    assert "warning" not in run_cli(["parse", "--format", "text", str(eu)]).err
