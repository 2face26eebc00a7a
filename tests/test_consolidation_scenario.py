"""A compilation as a secretariat makes one: a base and five submissions of every kind (text
rewrites, a clean Word copy, a Word copy with the delegation's own tracked changes), with an
overlap, a move with renumbering, a deleted paragraph with another delegation's edits inside
it, a new paragraph and sub-items changed. The compilation is compared with a golden file read
as an officer reads it (tests/golden/scenario-compilation.txt); BRACKETEER_REGEN=1 rewrites it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import GOLDEN, pandoc_plain, pandoc_revisions, run_cli
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


def _compiled(tmp_path: Path, *extra: str, base: Path = SCENARIO / "base.txt") -> tuple[bytes, str]:
    r = run_cli(["consolidate", str(base), *_submissions(tmp_path), "--as-of", "2024-04-16", *extra])
    assert r.code == 0, r.err
    return r.out, r.err


def _words_only(text: str) -> list[str]:
    """The words of a resolution's body (from "The General Assembly", which pandoc's plain text
    starts at: it takes the title lines for the document's title), without labels, numbers and
    notes."""
    import re

    body = text[text.index("The General Assembly") :]
    # (and without notes: onto a Word base, the compilation's notes are typed paragraphs)
    kept = [ln for ln in body.splitlines() if "proposes to" not in ln and "submitted by the" not in ln]
    unlabelled = [re.sub(r"^\s*(?:\(\w\)|[\d.]+(?:bis|ter)?\.?)\s*", "", ln) for ln in kept]
    return re.findall(r"[^\W\d]+", " ".join(unlabelled).casefold())


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
    # CAN's move is a comment: Word has no such revision; "ARG, NOR" deletes the words ARG's and
    # NOR's rival versions replace, once, their insertions after it
    assert authors == {"NOR", "ARG", "US", "EU", "ARG, NOR"}
    # so Word's "reject all" gives those words once, and "accept all" every version
    assert "to consider innovative approaches" in pandoc_plain(target, "reject")
    assert "to explore voluntary / adopt innovative approaches" in pandoc_plain(target, "accept")
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


@pytest.mark.parametrize("base_kind", ["text", "word"])
def test_each_delegation_decided_on_the_word_compilation_gives_its_submission(tmp_path, base_kind):
    """The Word compilation decided delegation by delegation, written back into itself: every
    delegation's round trip gives its submission (it held for EU and US not at all: the EU's
    insertions inside the paragraph the US proposes to delete were refused, "cannot write the
    decision exactly"). The note's paragraph reads as the note and the paragraph, the US's
    deletion of it being the note's, not brackets beside the EU's. Onto a Word base, whose
    document keeps the note typed as a paragraph, likewise (accepting the EU's was refused)."""
    base = SCENARIO / "base.txt"
    if base_kind == "word":
        base = tmp_path / "base.docx"
        assert run_cli(["render", "--mode", "clean", str(SCENARIO / "base.txt"), "-o", str(base)]).code == 0
    target = tmp_path / "compilation.docx"
    _compiled(tmp_path, "--to", "docx", "-o", str(target), "--report", "none", base=base)
    read = run_cli(["parse", "--format", "text", str(target)])
    assert "US proposes to delete paragraph 3" in read.text and "warning" not in read.err
    assert "3.\tRequests the Secretary-General to prepare a [EU: comprehensive] report" in read.text
    assert run_cli(["check", str(target)]).code == 0
    for code, name in TEXTS.items():
        mine = tmp_path / f"{code}.docx"
        r = run_cli(["accept", "-d", code, "--report", "none", str(target), "-o", str(mine)])
        assert r.code == 0, (code, r.err)
        assert check_invariants(mine) == [], code
        back = run_cli(["reject", "--all", "--renumber", "--to", "text", "--report", "none", str(mine)])
        expected = (SCENARIO / name).read_text(encoding="utf-8")
        if code == "EU":
            expected = run_cli(["accept", "--all", "--report", "none", str(SCENARIO / name)]).text
        title = ("DRAFT RESOLUTION", "OCEAN FINANCE AND COASTAL RESILIENCE")
        assert [p for p in _paragraphs(back.text) if "RESOLUTION" not in p] == [
            p for p in _paragraphs(expected) if p not in title
        ], code
        if shutil.which("pandoc"):
            # and read by pandoc, the other delegations' revisions rejected: the same words
            # (numbers aside: a move keeps the base's numbers until renumbered). With rival
            # versions left undecided too (for EU and US): the words they replace are one
            # deletion, so rejecting it in Word brings them back once (it brought them back
            # once per version: "consider innovative / consider innovative")
            read = pandoc_plain(mine, "reject")
            assert _words_only(read) == _words_only(back.text), code
    # the US's deletion rejected: the paragraph stays with the EU's insertion, no longer struck
    kept = tmp_path / "kept.docx"
    assert run_cli(["reject", "-d", "US", "--report", "none", str(target), "-o", str(kept)]).code == 0
    from .docx_checks import body, q

    paragraph = next(p for p in body(kept).iter(q("p")) if "Secretary-General" in "".join(p.itertext()))
    assert [d.get(q("author")) for d in paragraph.iter(q("del"))] == ["EU"]  # "next", the EU's own


def test_a_word_draft_written_as_text_says_where_revisions_touch(tmp_path):
    # two delegations' revisions side by side in Word would be touching brackets as text, which
    # read back as rival wordings: said, not silent
    from docx import Document as WordDocument

    document = WordDocument()
    document.add_paragraph("1. Calls upon States to act.")
    word = tmp_path / "plain.docx"
    document.save(str(word))
    tracked = tmp_path / "touching.docx"
    draft = tmp_path / "touching.txt"
    draft.write_text("1. Calls upon [US: all] / [EU: relevant] States to [CAN: act].\n")
    assert run_cli(["render", "--mode", "tracked", str(draft), "-o", str(tracked)]).code == 0
    # the slash and the space between the two insertions taken out: they touch
    between = (
        b'<w:r><w:t xml:space="preserve"> </w:t></w:r></w:ins><w:r><w:t xml:space="preserve">/ </w:t></w:r>'
    )
    _replaced(tracked, between, b"</w:ins>")
    r = run_cli(["accept", "-d", "CAN", "--to", "text", "--report", "none", str(tracked)])
    assert r.code == 0
    assert "warning: two Word revisions side by side here become touching brackets in text" in r.err
    assert "warning" not in run_cli(["parse", "--format", "text", str(word)]).err


def _replaced(path: Path, old: bytes, new: bytes) -> None:
    """``path`` with ``old`` replaced by ``new`` in its document.xml."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    assert old in parts["word/document.xml"]
    parts["word/document.xml"] = parts["word/document.xml"].replace(old, new)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("to", ["txt", "docx"])
@pytest.mark.parametrize("base_kind", ["text", "word"])
def test_the_report_names_the_lines_of_the_compilation_written(tmp_path, base_kind, to):
    # written to Word, the report named the lines of the compilation's text (13 where the
    # document, read, has the new paragraph at 11): a Word document's lines are its paragraphs
    # (and comments) as the reader reads them, which every other message names; a change in a
    # sub-item was named at its paragraph's first line
    base = SCENARIO / "base.txt"
    if base_kind == "word":
        word = tmp_path / "base.docx"
        assert run_cli(["render", "--mode", "clean", str(base), "-o", str(word)]).code == 0
        base = word
    out = tmp_path / f"compilation.{to}"
    r = run_cli(["consolidate", str(base), *_submissions(tmp_path), "--as-of", "2024-04-16", "-o", str(out)])
    assert r.code == 0, r.err
    lines = run_cli(["parse", "--format", "text", str(out)]).text.splitlines()
    named = re.findall(rf'^\S*compilation\.{to}:(\d+): (.*?): "(.+?)…?"', r.err, re.M)
    assert len(named) >= 10, r.err
    assert "title" not in r.err  # a title read as one paragraph or two is the same title
    for line, said, words in named:
        there = lines[int(line) - 1]
        if "delete the paragraph" in said:  # the note naming it, the paragraph after it
            assert "proposes to delete paragraph" in there, (line, said)
            there = next(x for x in lines[int(line) :] if x.strip())
        assert _squashed(words)[:30] in _squashed(there), (line, said, words, there)


def _squashed(text: str) -> str:
    return " ".join(re.sub(r"[\[\]~→]|\b[A-Z]{2,3}: ", " ", text).split())


def test_a_second_round_onto_the_word_compilation_adds_before_its_comments(tmp_path):
    # the Word compilation's notes are comments; a second round adding a paragraph before them
    # was refused ("a paragraph a deletion note names would no longer be marked deleted"): the
    # writer took the added lines for the comments' notes
    import zipfile

    first = tmp_path / "compilation.docx"
    _compiled(tmp_path, "--to", "docx", "-o", str(first), "--report", "none")
    text = run_cli(["render", "--to", "text", "--mode", "tracked", str(first)]).text
    bra = tmp_path / "bra.txt"
    bra.write_text(re.sub(r"(?m)^(1\.\t.*\n)", r"\1\n1.bis\tDecides to act further.\n", text, count=1))
    second = tmp_path / "second.docx"
    r = run_cli(["consolidate", str(first), f"BRA={bra}", "-o", str(second), "--report", "none"])
    assert r.code == 0, r.err
    comments = [zipfile.ZipFile(f).read("word/comments.xml").count(b"<w:comment ") for f in (first, second)]
    assert comments[0] == comments[1] > 0
    lines = run_cli(["parse", "--format", "text", str(second)]).text
    assert "1.bis [BRA: Decides to act further.]" in lines and "US proposes to delete paragraph 3" in lines
    assert run_cli(["check", str(second)]).code == 0
