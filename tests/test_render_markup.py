"""render --to text, markdown and html."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLE, run_cli
from .test_render_docx import TRACKED_CASES


def test_text_modes():
    tracked = run_cli(["render", str(EXAMPLE), "--to", "text", "--mode", "tracked"])
    assert tracked.out == EXAMPLE.read_bytes()
    clean = run_cli(["render", str(EXAMPLE), "--to", "text", "--accept", "--all", "--report", "none"])
    expected = run_cli(["accept", "--all", "--clean", str(EXAMPLE), "--report", "none"])
    assert clean.out == expected.out


def test_markdown_tracked_uses_criticmarkup_with_authors():
    r = run_cli(["render", str(TRACKED_CASES), "--to", "markdown", "--mode", "tracked"])
    md = r.text
    assert "{++voluntary ++}{>>US, CAN<<}" in md  # one proposal, one revision (the space goes with it)
    assert "{--consider--}{>>US<<}{++ adopt++}{>>US<<}" in md or "{--consider--}{>>US<<}" in md
    assert md.startswith("# DRAFT RESOLUTION FOR TRACKED CHANGES\n")
    assert "{>>Secretariat: US proposes to delete paragraph OP6.<<}" in md


def test_markdown_clean_and_side_by_side():
    clean = run_cli(
        ["render", str(EXAMPLE), "--to", "markdown", "--accept", "--all", "--report", "none"]
    ).text
    assert "2. Encourage Member States" in clean and "[" not in clean
    table = run_cli(["render", str(EXAMPLE), "--to", "markdown", "--mode", "side-by-side"]).text
    assert "| Para | Agreed / base text | US | CAN | ARG |" in table
    assert "<ins>Intelligence Analysis</ins>" in table
    assert "| **CICTE** |" in table


def test_html_tracked_and_escaping():
    r = run_cli(["render", "-", "--to", "html", "--mode", "tracked"], stdin=b"T\n\n1. A <b> & [US: x < y]\n")
    html = r.text
    assert '<ins data-author="US" title="US"> x &lt; y</ins>' in html
    assert "A &lt;b&gt; &amp;" in html
    assert html.startswith("<!DOCTYPE html>")


def test_render_options_need_an_action():
    r = run_cli(["render", str(EXAMPLE), "-d", "US", "--to", "text"])
    assert r.code == 2 and "--accept or --reject" in r.err
    r = run_cli(["render", str(EXAMPLE), "--accept", "--to", "text"])
    assert r.code == 2


def test_render_docx_applies_decisions_first(tmp_path):
    out = tmp_path / "o.docx"
    r = run_cli(
        [
            "render",
            str(EXAMPLE),
            "-d",
            "US",
            "--accept",
            "--mode",
            "tracked",
            "-o",
            str(out),
            "--date",
            "2024-04-16",
            "--report",
            "none",
        ]
    )
    assert r.code == 0
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    # the US proposals are settled (ARG's identical version of paragraph 8 with them); CAN's is open
    assert 'w:author="US"' not in xml and 'w:author="ARG"' not in xml
    assert 'w:author="CAN"' in xml


def test_bad_date():
    r = run_cli(["render", str(EXAMPLE), "--to", "text", "--mode", "tracked", "--date", "yesterday"])
    assert r.code == 2 and "--date" in r.err


# ------------------------------------------------------------------ document order, one revision per proposal
def _draft_order() -> list[str]:
    from bracketeer import load
    from bracketeer.ast import Heading, Note, Paragraph

    out = []
    for b in load(EXAMPLE).blocks:
        if isinstance(b, Note):
            out.append(b.text.strip())
        elif isinstance(b, Heading):
            out.append(b.line.content[0].text.strip())
        elif isinstance(b, Paragraph) and b.label is not None:
            out.append(b.label.text)
    return out


@pytest.mark.parametrize("to", ["markdown", "html"])
def test_notes_headings_and_labels_come_out_in_the_drafts_order(to):
    out = run_cli(["render", str(EXAMPLE), "--to", to, "--mode", "tracked"]).text
    # each piece after the one before it (a label can occur in text too: search onward)
    at = 0
    for piece in _draft_order():
        found = out.find(piece if to == "markdown" else piece.replace("&", "&amp;"), at)
        assert found >= 0, piece
        at = found + len(piece)


def test_one_proposal_is_one_revision_in_markdown():
    out = run_cli(["render", str(EXAMPLE), "--to", "markdown", "--mode", "tracked"]).text
    assert "{++terroristm and proliferation ++}{>>US<<}" in out
    assert "++}{>>US<<}{++" not in out
