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

    def labels(p: Paragraph) -> None:
        if p.label is not None:
            out.append(p.label.text)
        for item in p.items:
            if isinstance(item, Paragraph):
                labels(item)

    for b in load(EXAMPLE).blocks:
        if isinstance(b, Note):
            out.append(b.text.strip())
        elif isinstance(b, Heading):
            out.append(b.line.content[0].text.strip())
        elif isinstance(b, Paragraph):
            labels(b)
    return out


def _in_order(out: str, pieces: list[str]) -> None:
    """Each piece after the one before it (a label can occur in text too: search onward)."""
    at = 0
    for piece in pieces:
        found = out.find(piece, at)
        assert found >= 0, piece
        at = found + len(piece)


@pytest.mark.parametrize("to", ["markdown", "html"])
def test_notes_headings_and_labels_come_out_in_the_drafts_order(to):
    out = run_cli(["render", str(EXAMPLE), "--to", to, "--mode", "tracked"]).text
    _in_order(out, [p if to == "markdown" else p.replace("&", "&amp;") for p in _draft_order()])


def test_notes_headings_and_labels_come_out_in_the_drafts_order_in_word(tmp_path):
    """In the tracked .docx a note is a comment on the paragraph it stands before."""
    import re
    import zipfile
    from html import unescape

    out = tmp_path / "t.docx"
    run_cli(["render", str(EXAMPLE), "--mode", "tracked", "-o", str(out), "--date", "2024-04-16"])
    z = zipfile.ZipFile(out)
    comments = {
        m.group(1): unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2))))
        for m in re.finditer(
            r'<w:comment [^>]*w:id="(\d+)"[^>]*>(.*?)</w:comment>', z.read("word/comments.xml").decode()
        )
    }
    sequence = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", z.read("word/document.xml").decode()):
        sequence += [comments[i] for i in re.findall(r'<w:commentReference w:id="(\d+)"', p)]
        sequence.append(unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))))
    _in_order("\n".join(sequence), _draft_order())


@pytest.mark.parametrize("to", ["markdown", "html"])
def test_side_by_side_rows_come_in_the_drafts_order(to):
    from bracketeer.ast import Note

    out = run_cli(["render", str(EXAMPLE), "--to", to, "--mode", "side-by-side"]).text
    notes = {b.text.strip() for b in __import__("bracketeer").load(EXAMPLE).blocks if isinstance(b, Note)}
    rows = [p for p in _draft_order() if p not in notes]
    if to == "markdown":
        table = [ln for ln in out.splitlines() if ln.startswith("|")][2:]  # after the head and its rule
        firsts = [ln.split("|")[1].strip().strip("*") for ln in table]
    else:
        import re

        table = out[out.index('<table class="side-by-side">') :]
        firsts = re.findall(r"<tr(?: id=\"[^\"]*\")?><t[hd][^>]*>([^<]*)</t[hd]>", table)
    # sub-items are rows of their paragraph, so only the paragraphs' own rows are compared
    assert [f for f in firsts if f] == [r for r in rows if r not in ("a)", "b)")]


def test_one_proposal_is_one_revision_in_markdown():
    out = run_cli(["render", str(EXAMPLE), "--to", "markdown", "--mode", "tracked"]).text
    assert "{++terroristm and proliferation ++}{>>US<<}" in out
    assert "++}{>>US<<}{++" not in out


def test_side_by_side_keeps_editorial_brackets_nobody_decided(tmp_path):
    # the agreed column wrote "resolution1" and "the Parties" for "resolution[1]", "[t]he Parties"
    draft = tmp_path / "d.txt"
    draft.write_text('TITLE\n\n1. Recalling resolution[1] and "[t]he Parties shall" act [US: now].\n')
    table = run_cli(["render", str(draft), "--to", "markdown", "--mode", "side-by-side"]).text
    row = next(line for line in table.splitlines() if line.startswith("| 1."))
    agreed, us = row.split(" | ")[1:3]
    assert agreed == 'Recalling resolution[1] and "[t]he Parties shall" act.'
    assert 'resolution[1] and "[t]he Parties shall" act' in us


def test_side_by_side_keeps_touching_rival_words_apart():
    """Words no decision touched are shown as they stand: "[shall][should]" beside another
    delegation's proposal is two words, not "shallshould"."""
    from .conftest import run_cli

    draft = b"1. Urges States to [shall][should] increase [US: voluntary] contributions.\n"
    r = run_cli(["render", "-", "--to", "markdown", "--mode", "side-by-side"], stdin=draft)
    assert r.code == 0, r.err
    assert b"shall should increase" in r.out and b"shallshould" not in r.out


def test_side_by_side_shows_a_bare_delete_as_the_words_it_strikes():
    # "[CAN: shall] [US: delete]": US's column read "The Council shall delete the preceding
    # bracketed text consider this."
    r = run_cli(
        ["render", "-", "--to", "markdown", "--mode", "side-by-side"],
        stdin=b"1. The Council [CAN: shall] [US: delete] consider this.\n",
    )
    row = next(line for line in r.text.splitlines() if line.startswith("| 1."))
    agreed, can, us = row.split(" | ")[1:4]
    assert agreed == "The Council consider this."
    assert can == "The Council <ins>shall</ins> consider this."
    assert us.rstrip(" |") == "The Council ~~shall~~ consider this."
