"""``diff --format docx`` with a Word document as the newer version: the comparison written
into that document, as Word's Compare does, checked with pandoc and part by part."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import pandoc_revisions, run_cli
from .docx_checks import view

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")

OLD = [
    "1. Encourage [US: terroristm] States to act.",
    "2. Second paragraph stays.",
    "3. Third paragraph to be removed.",
    "4. Fourth paragraph.",
]
NEW = [
    "1. Encourage [US: terroristm] Member States to act now.",
    "2. Second paragraph stays.",
    "3. Fourth paragraph.",
    "3.bis New paragraph [CAN: proposed].",
]


def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("DRAFT RESOLUTION", 1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def _plain(path: Path, *options: str) -> str:
    assert PANDOC is not None
    return subprocess.run(
        [PANDOC, *options, str(path), "-t", "plain"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def compared(tmp_path: Path) -> tuple[Path, Path, Path]:
    old, new = _docx(tmp_path / "rev1.docx", OLD), _docx(tmp_path / "rev2.docx", NEW)
    out = tmp_path / "changes.docx"
    r = run_cli(["diff", "--format", "docx", str(old), str(new), "-o", str(out), "--author", "Secretariat"])
    assert r.code == 1, r.err  # differences found
    return old, new, out


@needs_pandoc
def test_accepting_every_revision_gives_the_newer_version_and_rejecting_the_older(compared):
    old, new, out = compared
    assert _plain(out, "--track-changes=accept") == _plain(new)
    assert _plain(out, "--track-changes=reject") == _plain(old)


@needs_pandoc
def test_the_revisions_are_by_the_author_named(compared):
    _, _, out = compared
    found = pandoc_revisions(out)
    kinds = {kind for kind, _ in found}
    assert {"insertion", "deletion", "paragraph-insertion", "paragraph-deletion"} <= kinds
    assert {who for _, who in found} == {"Secretariat"}


def test_the_newer_documents_own_parts_are_kept(compared):
    """Styles, numbering, settings, everything but the body, byte for byte: it is still the
    delegation's document."""
    _, new, out = compared
    with zipfile.ZipFile(new) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name


def test_fresh_writes_a_new_document(tmp_path):
    old, new = _docx(tmp_path / "rev1.docx", OLD), _docx(tmp_path / "rev2.docx", NEW)
    out = tmp_path / "fresh.docx"
    assert run_cli(["diff", "--format", "docx", "--fresh", str(old), str(new), "-o", str(out)]).code == 1
    with zipfile.ZipFile(new) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/styles.xml") != b.read("word/styles.xml")


@needs_pandoc
def test_an_older_text_draft_against_a_newer_word_document(tmp_path):
    old = tmp_path / "rev1.txt"
    old.write_text("DRAFT RESOLUTION\n\n" + "\n\n".join(OLD) + "\n")
    new = _docx(tmp_path / "rev2.docx", NEW)
    out = tmp_path / "changes.docx"
    assert run_cli(["diff", "--format", "docx", str(old), str(new), "-o", str(out)]).code == 1
    assert _plain(out, "--track-changes=accept") == _plain(new)
    assert "Third paragraph to be removed." in _plain(out, "--track-changes=reject")


@needs_pandoc
def test_headings_and_notes_on_one_side_only_are_revisions_too(tmp_path):
    """A section renamed and a secretariat note added: the old heading put back deleted, the new
    one and the note inserted, so rejecting everything gives the older version's words."""
    import docx

    def make(path: Path, heading: str, note: bool) -> Path:
        document = docx.Document()
        document.add_heading("DRAFT RESOLUTION", 1)
        document.add_paragraph(heading)
        if note:
            document.add_paragraph("(Comments from delegations received as of April 16, 2024)")
        document.add_paragraph("1. First paragraph stays.")
        document.save(path)
        return path

    old = make(tmp_path / "rev1.docx", "Section on terrorism", note=False)
    new = make(tmp_path / "rev2.docx", "Section on financing", note=True)
    out = tmp_path / "changes.docx"
    r = run_cli(["diff", "--format", "docx", str(old), str(new), "-o", str(out), "--author", "Secretariat"])
    assert r.code == 1, r.err
    assert _plain(out, "--track-changes=accept") == _plain(new)
    assert _plain(out, "--track-changes=reject") == _plain(old)
    summary = run_cli(["diff", "--summary", str(old), str(new)]).text
    assert "heading added" in summary and "heading removed" in summary and "note added" in summary


def test_a_newer_document_with_tracked_changes_of_its_own_is_refused(tmp_path):
    """Its own revisions would be rejected with the comparison's: "reject all" would not give
    the older version, so nothing is written (``--fresh`` still writes a new document)."""
    old = tmp_path / "rev1.txt"
    old.write_text("1. Calls upon States to act.\n")
    draft = tmp_path / "rev2.txt"
    draft.write_text("1. Calls upon [US: all] States to act now.\n")
    new = tmp_path / "rev2.docx"
    assert run_cli(["render", str(draft), "--mode", "tracked", "-o", str(new)]).code == 0
    out = tmp_path / "changes.docx"
    r = run_cli(["diff", "--format", "docx", str(old), str(new), "-o", str(out)])
    assert r.code == 2 and "tracked changes of its own" in r.err and not out.exists()
    assert run_cli(["diff", "--format", "docx", "--fresh", str(old), str(new), "-o", str(out)]).code == 1


def _list_docx(path: Path, items: list[str], direct: bool = False) -> Path:
    """A draft whose operative paragraphs are a numbered list (Word draws "1.", "2." …): by the
    "List Number" style, or, ``direct``, by numbering set on each paragraph itself."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("DRAFT RESOLUTION", 1)
    for text in items:
        p = document.add_paragraph(text, style="List Number")
        if direct:
            ppr = p._p.get_or_add_pPr()
            ppr.remove(ppr.find(qn("w:pStyle")))
            num = ppr.makeelement(qn("w:numPr"), {})
            for tag, value in (("w:ilvl", "0"), ("w:numId", "5")):
                num.append(num.makeelement(qn(tag), {qn("w:val"): value}))
            ppr.append(num)
    document.save(path)
    return path


@pytest.mark.parametrize("direct", [False, True], ids=["list-style", "paragraph-numbering"])
def test_a_removed_list_item_is_put_back_as_the_list_item_it_was(tmp_path, direct):
    """The older version's numbered paragraph, put back deleted, keeps its numbering and its own
    formatting (not its label typed as text in the normal style): rejecting every revision gives
    the older list in pandoc's reading; accepting them gives the newer one's paragraphs, the
    put-back paragraph's mark deleted so that it merges away. (pandoc draws an accepted deleted
    list item as an empty item, so the acceptance is read with our own view of the XML.)"""
    import re

    items = [
        "Encourage States to act.",
        "Invite the Secretariat.",
        "Request a report.",
        "Decide to remain seized.",
    ]
    old = _list_docx(tmp_path / "rev1.docx", items, direct)
    new = _list_docx(tmp_path / "rev2.docx", items[:2] + items[3:], direct)
    out = tmp_path / "changes.docx"
    r = run_cli(["diff", "--format", "docx", str(old), str(new), "-o", str(out)])
    assert r.code == 1, r.err
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    put_back = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", body) if "Request a" in p)
    assert ('<w:numId w:val="5"/>' in put_back) if direct else ('w:val="ListNumber"' in put_back)
    assert "3." not in put_back  # Word numbers it; no typed label
    assert "<w:rPr><w:del " in put_back  # its paragraph mark deleted with its words
    assert view(out, lambda _: True) == view(new, lambda _: True)
    assert view(out, lambda _: False) == view(old, lambda _: True)
    if PANDOC is not None:
        assert _plain(out, "--track-changes=reject") == _plain(old)


def test_a_draft_and_its_tracked_word_file_do_not_differ(tmp_path):
    # the word joiner the Word reader writes between two revisions a space apart was compared as
    # text: "{+ +}" (an invisible character and a space) and exit 1, where nothing differs
    draft = tmp_path / "draft.txt"
    draft.write_text("T\n\n1. The voluntary [EU: and informed] [US: and equitable] participation of all.\n")
    word = tmp_path / "draft.docx"
    args = ["--adjacent", "independent"]
    assert run_cli(["render", str(draft), "--mode", "tracked", *args, "-o", str(word)]).code == 0
    r = run_cli(["diff", *args, str(draft), str(word)])
    assert r.code == 0, r.text
    assert "\u2060" not in r.text


def test_a_word_replacements_two_wordings_are_words_of_their_own(tmp_path):
    # "~~yearly~~every two years" (as the Word reader writes a replacement) was the word
    # "yearlyevery" to the diff, and to history's text of the paragraph
    from bracketeer import api
    from bracketeer.diff import units

    draft = tmp_path / "draft.txt"
    draft.write_text("T\n\n1. The committee shall report [US: ~~yearly~~ every two years] to the Council.\n")
    word = tmp_path / "draft.docx"
    assert run_cli(["render", str(draft), "--mode", "tracked", "-o", str(word)]).code == 0
    (unit,) = units(api.load(word))
    assert unit.words == (
        "the",
        "committee",
        "shall",
        "report",
        "yearly",
        "every",
        "two",
        "years",
        "to",
        "the",
        "council",
    )
    (same,) = units(api.load(draft))
    assert same.words == unit.words
