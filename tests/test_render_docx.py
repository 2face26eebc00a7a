"""Word output, read back by real clients: pandoc (revisions and their authors), LibreOffice
(renders to PDF), and the pure-XML accept/reject model of Word."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE, EXAMPLES, GOLDEN, pandoc_revisions, run_cli
from .docx_checks import authors_include, check_invariants, view

TRACKED_CASES = Path(__file__).resolve().parent / "data" / "tracked-cases.txt"
DRAFTS = [EXAMPLE, TRACKED_CASES]
DATE = "2024-04-16"

# installed with the test extra, beside the interpreter running the tests
AUDIT = str(Path(sys.executable).parent / "openxml-audit")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def render(tmp_path, draft, *args, name="out.docx"):
    out = tmp_path / name
    r = run_cli(["render", str(draft), "--date", DATE, "-o", str(out), "--report", "none", *args])
    assert r.code == 0, r.err
    return out


def pandoc_paragraphs(path, mode):
    """Body paragraphs as pandoc reads them (its Title style becomes metadata, so the title is
    left out of both sides of each comparison)."""
    out = subprocess.run(
        ["pandoc", "-f", "docx", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(p.split()) for p in out.split("\n\n") if p.strip()]


def xml(path, part="word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


# ------------------------------------------------------------------ what Word needs
@pytest.mark.parametrize("draft", [*DRAFTS, EXAMPLES / "un-style-draft.txt"], ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["clean", "tracked", "side-by-side"])
def test_invariants_hold_on_every_file_written(tmp_path, draft, mode):
    out = render(tmp_path, draft, "--mode", mode, "--force")
    assert check_invariants(out) == []


def _audit(path):
    """Findings of openxml-audit (a port of the Open XML SDK validator) that matter here: schema
    errors, and styles used but not defined. python-docx's own template always draws two
    findings about stylesWithEffects.xml, which are left out."""
    p = subprocess.run([AUDIT, "-o", "json", "-m", "0", str(path)], capture_output=True, text=True)
    data = json.loads(p.stdout)[0]
    return [
        e["description"] for e in data["errors"] if e["type"] == "schema" or "not defined" in e["description"]
    ]


@pytest.mark.skipif(not Path(AUDIT).exists(), reason="openxml-audit is not installed")
@pytest.mark.parametrize("draft", [*DRAFTS, EXAMPLES / "un-style-draft.txt"], ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["clean", "tracked", "side-by-side"])
def test_schema_valid(tmp_path, draft, mode):
    assert _audit(render(tmp_path, draft, "--mode", mode, "--force")) == []


def test_track_changes_is_on_and_ids_dates_are_deterministic(tmp_path):
    a = render(tmp_path, EXAMPLE, "--mode", "tracked", name="a.docx")
    b = render(tmp_path, EXAMPLE, "--mode", "tracked", name="b.docx")
    assert a.read_bytes() == b.read_bytes()
    assert "<w:trackRevisions/>" in xml(a, "word/settings.xml")
    doc = xml(a)
    assert 'w:date="2024-04-16T00:00:00Z"' in doc
    assert 'w:author="US"' in doc and 'w:author="CAN"' in doc
    c = render(tmp_path, EXAMPLE, "--mode", "tracked", "--date", "2025-01-02T03:04:05", name="c.docx")
    assert 'w:date="2025-01-02T03:04:05Z"' in xml(c)


def test_author_prefix(tmp_path):
    out = render(tmp_path, EXAMPLE, "--mode", "tracked", "--author-prefix", "Delegation of ")
    assert 'w:author="Delegation of US"' in xml(out)


# ------------------------------------------------------------------ pandoc reads the revisions back
@needs_pandoc
@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_pandoc_accept_all_equals_bracketeer_accept_all(tmp_path, draft):
    tracked = render(tmp_path, draft, "--mode", "tracked", name="tracked.docx")
    clean = render(tmp_path, draft, "--mode", "clean", "--accept", "--all", name="clean.docx")
    assert pandoc_paragraphs(tracked, "accept") == pandoc_paragraphs(clean, "accept")
    # and the same as the plain-text --clean output, paragraph for paragraph
    text = run_cli(["accept", "--all", "--clean", str(draft), "--report", "none"]).text
    flat = " ".join(text.split())
    for paragraph in pandoc_paragraphs(tracked, "accept"):
        assert paragraph in flat


@needs_pandoc
@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_pandoc_reject_all_equals_bracketeer_reject_all(tmp_path, draft):
    tracked = render(tmp_path, draft, "--mode", "tracked", name="tracked.docx")
    clean = render(tmp_path, draft, "--mode", "clean", "--reject", "--all", name="clean.docx")
    assert pandoc_paragraphs(tracked, "reject") == pandoc_paragraphs(clean, "reject")


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_accepting_one_authors_changes_matches_accept_that_delegation(tmp_path, draft):
    tracked = render(tmp_path, draft, "--mode", "tracked", name="tracked.docx")
    codes = {
        "cicte-omnibus-2024.txt": ["US", "CAN", "ARG"],
        "tracked-cases.txt": ["US", "CAN", "EU", "G77", "MEX", "ARG", "BRA"],
    }[draft.name]
    for code in codes:
        resolved = tmp_path / f"{code}.txt"
        first = run_cli(["accept", "-d", code, str(draft), "--report", "none"])
        resolved.write_bytes(first.out)
        clean = render(tmp_path, resolved, "--mode", "clean", "--reject", "--all", name=f"{code}.docx")
        assert view(tracked, authors_include(code)) == view(clean, lambda a: True), code


@needs_pandoc
def test_pandoc_sees_every_revision_with_its_author(tmp_path):
    tracked = render(tmp_path, TRACKED_CASES, "--mode", "tracked")
    found = pandoc_revisions(tracked)
    assert ("insertion", "US, CAN") in found
    assert ("insertion", "EU") in found and ("deletion", "US") in found
    assert ("deletion", "G77") in found and ("insertion", "G77") in found
    assert ("paragraph-insertion", "MEX") in found
    assert ("deletion", "MEX") in found and ("insertion", "MEX") in found
    assert ("paragraph-deletion", "US") in found
    assert ("insertion", "ARG, BRA") in found


@needs_pandoc
def test_notes_become_comments(tmp_path):
    tracked = render(tmp_path, EXAMPLE, "--mode", "tracked")
    md = subprocess.run(
        ["pandoc", "-f", "docx", "--track-changes=all", "-t", "markdown", str(tracked)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = md.replace("\n", " ")
    # the example's two notes, and the comment on paragraph 8's one joint proposal
    assert flat.count("comment-start") == 3
    assert "Proposed new paragraph submitted by the delegation of the United States:" in flat
    assert '[Joint proposal: ARG, US]{.comment-start id="2" author="ARG, US"' in flat


@needs_pandoc
def test_a_paragraphs_differing_versions_are_each_a_paragraph_by_their_delegation(tmp_path):
    # paragraph 8 as two versions, by ARG and by the US, with different words: the US's was a
    # comment ("Alternative by US: …"), and accepting the US in the Word file did nothing
    draft = tmp_path / "d.txt"
    draft.write_text(
        "Title\n\n7. Agreed text.\n\n8. [ARG: To instruct the Secretariat to prepare a study.]\n"
        "[US: To instruct the Secretariat to prepare a report.]\n\n9. More agreed.\n",
        encoding="utf-8",
    )
    out = render(tmp_path, draft, "--mode", "tracked")
    assert sorted(set(pandoc_revisions(out))) == [
        ("insertion", "ARG"),
        ("insertion", "US"),
        ("paragraph-insertion", "ARG"),
        ("paragraph-insertion", "US"),
    ]
    assert "Alternative by" not in run_cli(["parse", "--format", "text", str(out)]).text
    for decision in (
        ["accept", "-d", "US"],
        ["accept", "-d", "ARG"],
        ["reject", "--all"],
        ["reject", "-d", "ARG"],
    ):
        word = run_cli([*decision, str(out), "--to", "text", "--report", "none"]).text
        text = run_cli([*decision, str(draft), "--report", "none"]).text
        assert word.split() == text.split(), decision


# ------------------------------------------------------------------ clean and side by side
def test_clean_refuses_open_proposals_unless_forced(tmp_path):
    out = tmp_path / "c.docx"
    r = run_cli(["render", str(EXAMPLE), "--mode", "clean", "-o", str(out)])
    assert r.code == 1 and not out.exists()
    assert "still open" in r.err


def test_clean_document_has_title_labels_and_properties(tmp_path):
    import docx

    out = render(tmp_path, EXAMPLE, "--mode", "clean", "--accept", "--all")
    d = docx.Document(str(out))
    assert (
        d.core_properties.title == "CICTE PARAGRAPHS FOR THE OMNIBUS RESOLUTION ON MULTIDIMENSIONAL SECURITY"
    )
    assert d.core_properties.created.year == 2024
    styles = [p.style.name for p in d.paragraphs]
    assert styles[0] == "Title" and styles.count("Heading 1") == 2
    texts = [p.text for p in d.paragraphs]
    assert "4.bis.\tTo authorize the CICTE Secretariat" in "\n".join(texts)
    p2 = next(p for p in d.paragraphs if p.text.startswith("2.\t"))
    assert p2.paragraph_format.first_line_indent < 0  # hanging indent
    assert d.styles["Normal"].font.name == "Times New Roman"


def test_reference_doc_styles(tmp_path):
    import docx

    ref = docx.Document()
    ref.styles["Normal"].font.name = "Arial"
    ref.add_paragraph("template body text that must not survive")
    ref_path = tmp_path / "ref.docx"
    ref.save(str(ref_path))
    out = render(tmp_path, EXAMPLE, "--mode", "clean", "--accept", "--all", "--reference-doc", str(ref_path))
    d = docx.Document(str(out))
    assert d.styles["Normal"].font.name == "Arial"
    assert "template body text" not in "\n".join(p.text for p in d.paragraphs)


def test_side_by_side_table(tmp_path):
    import docx

    out = render(tmp_path, EXAMPLE, "--mode", "side-by-side")
    d = docx.Document(str(out))
    section = d.sections[0]
    assert section.page_width > section.page_height
    (table,) = d.tables
    assert [c.text for c in table.rows[0].cells] == ["Para", "Agreed / base text", "US", "CAN", "ARG"]
    body = xml(out)
    assert body.count("<w:tblHeader/>") == 1
    assert body.count("<w:cantSplit/>") == len(table.rows) - 1
    assert "Legend:" in d.paragraphs[1].text
    row2 = next(r for r in table.rows if r.cells[0].text == "2.")
    assert "methods of financing" in row2.cells[1].text
    us = row2.cells[2].paragraphs[0]
    inserted = [r for r in us.runs if r.bold and r.underline]
    assert inserted and inserted[0].text == "terroristm and proliferation"
    assert row2.cells[4].text == "—"


def test_side_by_side_compact_with_many_delegations(tmp_path):
    import docx

    out = render(tmp_path, TRACKED_CASES, "--mode", "side-by-side")
    (table,) = docx.Document(str(out)).tables
    assert [c.text for c in table.rows[0].cells] == ["Para", "Agreed / base text", "Proposals"]
    op5 = next(r for r in table.rows if r.cells[0].text == "OP5")
    struck = [r.text for p in op5.cells[2].paragraphs for r in p.runs if r.font.strike]
    assert struck == ["review"]


# ------------------------------------------------------------------ golden files
def _pretty(path):
    from lxml import etree

    return etree.tostring(etree.fromstring(xml(path).encode()), pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("mode", ["clean", "tracked", "side-by-side"])
def test_golden_document_xml(tmp_path, mode):
    args = ["--mode", mode] + (["--accept", "--all"] if mode == "clean" else [])
    got = _pretty(render(tmp_path, EXAMPLE, *args))
    golden = GOLDEN / f"cicte-{mode}.document.xml"
    if os.environ.get("BRACKETEER_REGEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


# ------------------------------------------------------------------ LibreOffice renders each mode
@needs_soffice
def test_libreoffice_converts_every_mode_to_pdf(tmp_path):
    files = [
        render(
            tmp_path, EXAMPLE, "--mode", m, *(["--accept", "--all"] if m == "clean" else []), name=f"{m}.docx"
        )
        for m in ("clean", "tracked", "side-by-side")
    ]
    profile = tmp_path / "lo-profile"
    p = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert p.returncode == 0, p.stderr
    for f in files:
        pdf = f.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            assert "Intelligence Analysis" in text


# ------------------------------------------------------------------ property: tracked accept/reject = resolver
def _property_views(text):
    import datetime as dt

    from bracketeer.read.text import parse_text
    from bracketeer.resolver import Decision, resolve
    from bracketeer.write import model
    from bracketeer.write.docx import write_document

    doc = parse_text(text)
    if _plain_versions(doc):
        return None
    codes = sorted(_codes(doc))
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    results = {}
    for action in ("accept", "reject"):
        res = resolve(doc, [Decision(action, frozenset(codes))] if codes else [])
        if any(e.outcome in ("conflict", "unclear", "ambiguous") for e in res.events):
            return None
        results[action] = res.document
    tracked = write_document(model.build(doc), title="t", date=when, tracked=True)
    clean = {
        a: write_document(model.build(d, clean=True), title="t", date=when, tracked=False)
        for a, d in results.items()
    }
    return tracked, clean


def _plain_versions(doc):
    """Paragraphs with several versions one of which no delegation proposes: Word keeps a plain
    bracket as text, where the resolver lets an accepted version replace it (README)."""
    from bracketeer.ast import Paragraph
    from bracketeer.query import whole_insertion

    for p in doc.blocks:
        if isinstance(p, Paragraph) and p.alternatives:
            for ln in [p.lines[0], *(a.line for a in p.alternatives)]:
                b = whole_insertion(ln)
                if b is None or b.kind != "proposal":
                    return True
    return False


def _codes(doc):
    from bracketeer.query import iter_brackets, iter_paragraphs, paragraph_lines

    return {
        s.key
        for p in iter_paragraphs(doc)
        for ln in paragraph_lines(p)
        for b, _ in iter_brackets(ln.content)
        for s in b.proposers
    }


def test_property_tracked_views_equal_the_resolver(tmp_path_factory):
    from hypothesis import HealthCheck, given, settings

    from .test_parse_roundtrip import drafts

    folder = tmp_path_factory.mktemp("prop")

    @settings(
        max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "120")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(drafts())
    def check(text):
        got = _property_views(text)
        if got is None:
            return
        tracked, clean = got
        t = folder / "t.docx"
        t.write_bytes(tracked)
        assert check_invariants(t) == []
        for action, accepted in (("accept", lambda a: True), ("reject", lambda a: False)):
            c = folder / f"{action}.docx"
            c.write_bytes(clean[action])
            assert view(t, accepted) == view(c, lambda a: True), action

    check()


def test_a_wrapped_line_that_only_looks_labelled_keeps_its_number_in_word(tmp_path):
    # "… referred to in paragraph" / "5. of the annex": Word wrote "paragraph of the annex"
    draft = tmp_path / "d.txt"
    draft.write_text(
        "T\n\n1. Decides that Parties shall report in accordance with the guidelines referred to in paragraph\n"
        "5. of the annex to decision 18/CMA.1, taking into account [US: national] circumstances.\n"
    )
    out = tmp_path / "d.docx"
    assert (
        run_cli(["render", "--to", "docx", "--mode", "tracked", "--unwrap", str(draft), "-o", str(out)]).code
        == 0
    )
    text = run_cli(["parse", "--format", "text", str(out)]).text
    assert "referred to in paragraph 5. of the annex" in text


@needs_pandoc
def test_a_deletion_note_strikes_the_paragraph_it_names_not_every_one_of_that_number(tmp_path):
    # numbering restarts under each heading: "delete paragraph 1" under Section B names B's
    # paragraph 1 (the first of that label after the note, as the resolver reads it)
    from .conftest import pandoc_plain

    draft = tmp_path / "d.txt"
    draft.write_text(
        "Section A\n\n1. First of A.\n\nSection B\n\nUS proposes to delete paragraph 1\n\n1. First of B.\n"
    )
    out = tmp_path / "d.docx"
    assert run_cli(["render", "--mode", "tracked", str(draft), "-o", str(out)]).code == 0
    accepted = pandoc_plain(out, "accept")
    assert "First of A." in accepted and "First of B." not in accepted
    assert "First of B." in pandoc_plain(out, "reject")


def test_a_deletion_inside_another_delegations_insertion_is_not_lost(tmp_path):
    """ "[US: all [CAN: ~~relevant~~] States]": words US inserts and CAN proposes to delete are
    kept by neither "accept all" nor "reject all", and were left out of every tracked view;
    they are CAN's deletion inside US's insertion (Word's own nesting, w:del in w:ins), from a
    text draft and written back into a Word draft alike."""
    import docx as python_docx

    from .conftest import run_cli

    line = "1. Calls upon [US: all [CAN: ~~relevant~~] States] to act."
    text = tmp_path / "d.txt"
    text.write_text(line + "\n")
    md = run_cli(["render", str(text), "--mode", "tracked", "--to", "markdown"]).text
    assert "{--relevant--}{>>CAN, in US's insertion<<}" in md and "{++all ++}{>>US<<}" in md
    word = tmp_path / "d.docx"
    document = python_docx.Document()
    document.add_paragraph(line)
    document.save(word)
    for source in (text, word):
        out = tmp_path / f"{source.suffix[1:]}-tracked.docx"
        assert run_cli(["render", str(source), "--mode", "tracked", "-o", str(out)]).code == 0
        xml = zipfile.ZipFile(out).read("word/document.xml").decode()
        nested = re.search(
            r'<w:ins [^>]*w:author="US"[^>]*>\s*<w:del [^>]*w:author="CAN"[^>]*>(.*?)</w:del>', xml
        )
        assert nested is not None and "relevant" in nested.group(1), source.name


@needs_pandoc
def test_a_delete_of_anothers_proposal_is_a_deletion_inside_that_insertion(tmp_path):
    """ "[CAN: shall] [US: delete]": US's deletion of CAN's insertion, nested the way Word
    nests it; it was drawn as the inserted words "[US: delete]". Accept all and reject all,
    read by pandoc, both leave the paragraph without "shall"."""
    text = tmp_path / "d.txt"
    text.write_text("1. The Council [CAN: shall] [US: delete] consider this.\n")
    out = tmp_path / "d.docx"
    assert run_cli(["render", str(text), "--mode", "tracked", "-o", str(out)]).code == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    nested = re.search(
        r'<w:ins [^>]*w:author="CAN"[^>]*>\s*<w:del [^>]*w:author="US"[^>]*>(.*?)</w:del>', xml
    )
    assert nested is not None and "shall" in nested.group(1) and "delete" not in xml
    from .conftest import pandoc_plain

    for outcome in ("accept", "reject"):
        assert " ".join(pandoc_plain(out, outcome).split()) == "1. The Council consider this."
    # Word accepting CAN's revisions alone keeps "shall"; US's alone, not
    assert view(out, lambda who: who == "CAN") == ["1. The Council shall consider this."]
    assert view(out, lambda who: who == "US") == ["1. The Council consider this."]
