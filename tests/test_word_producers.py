"""Word drafts made by other producers, written back exactly as decided.

The same draft, with native tracked changes by four delegations, as pandoc writes it (its
``{.insertion}`` and ``{.deletion}`` spans), as LibreOffice saves it again, and as raw OOXML
with every run split into pieces, the way Word writes runs around rsids and edits. For every
decision: the .docx written back reads as the decision's own text output; pandoc, a reader
that is not ours, accepts and rejects what is left pending in it to the same words as we do;
and writing back a decision that changes nothing leaves ``word/document.xml`` byte for byte.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import bracketeer as b

from .conftest import pandoc_plain, run_cli

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

DATE = 'date="2024-04-16T00:00:00Z"'
MARKDOWN = f"""\
1\\. Decides to act at its [next]{{.insertion author="Canada" {DATE}}} session with
[urgent]{{.deletion author="United States" {DATE}}} recommendations.

2\\. Calls upon States to [strengthen]{{.insertion author="Delegación de Argentina" {DATE}}}
cooperation, in particular [financial]{{.insertion author="Jane Doe (United States)" {DATE}}}
cooperation [and trade]{{.insertion author="Mission of Canada" {DATE}}}.

3\\. Requests the Secretariat to report [annually]{{.deletion author="Canada" {DATE}}}[biennially]{{.insertion author="Canada" {DATE}}}
to the Conference[, with the support of partners]{{.insertion author="EU" {DATE}}}.

4\\. Decides to remain seized of the matter.
"""

DECISIONS = [
    ["accept", "--all"],
    ["reject", "--all"],
    *[[action, "-d", code] for action in ("accept", "reject") for code in ("US", "CAN", "ARG", "EU")],
    ["accept", "-d", "US", "-d", "CAN"],
]


def _pandoc_docx(folder: Path) -> Path:
    source = folder / "draft.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    out = folder / "pandoc.docx"
    subprocess.run(["pandoc", str(source), "-o", str(out)], check=True)
    return out


def _libreoffice_docx(pandoc: Path, folder: Path) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    into = folder / "lo"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(into), str(pandoc)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = into / "pandoc.docx"
    return made if made.exists() else None


def _split_runs(pandoc: Path, folder: Path) -> Path:
    """The document with every run cut into runs of three characters, each with its own rsid,
    as Word writes a paragraph edited over several sessions."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(pandoc) as z:
        parts = {i: z.read(i.filename) for i in z.infolist()}
    name = next(i for i in parts if i.filename == "word/document.xml")
    root = etree.fromstring(parts[name])
    rsid = 0
    for run in list(root.iter(w + "r")):
        texts = [c for c in run if c.tag in (w + "t", w + "delText")]
        if len(texts) != 1 or len(texts[0].text or "") < 4:
            continue
        t = texts[0]
        words = t.text or ""
        pieces = [words[i : i + 3] for i in range(0, len(words), 3)]
        parent = run.getparent()
        at = parent.index(run)
        for k, piece in enumerate(pieces):
            new = etree.fromstring(etree.tostring(run))
            rsid += 1
            new.set(w + "rsidR", f"00{rsid:06X}")
            for c in new:
                if c.tag == t.tag:
                    c.text = piece
                    c.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            parent.insert(at + k, new)
        parent.remove(run)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = folder / "split-runs.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            z.writestr(info, data)
    return out


@pytest.fixture(scope="module")
def producers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    folder = tmp_path_factory.mktemp("producers")
    made = {"pandoc": _pandoc_docx(folder)}
    made["split-runs"] = _split_runs(made["pandoc"], folder)
    libreoffice = _libreoffice_docx(made["pandoc"], folder)
    if libreoffice is not None:
        made["libreoffice"] = libreoffice
    return made


def _words(text: str) -> list[str]:
    """The words of a text, with the space before punctuation that pandoc leaves where a
    revision went taken out (bracketeer tidies the join: README, Resolving)."""
    return re.sub(r"\s+(?=[,;:.)])", "", text.replace("\\.", ".")).split()


def _pandoc_view(path: Path, view: str) -> list[str]:
    return _words(pandoc_plain(path, view))


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


@needs_pandoc
def test_every_producer_reads_as_the_same_draft(producers: dict[str, Path]) -> None:
    texts = {name: run_cli(["parse", "--format", "text", str(p)]).text for name, p in producers.items()}
    assert len(set(texts.values())) == 1, texts
    text = texts["pandoc"]
    # authors as secretariats get them, mapped without --author-map
    assert (
        "[ARG: strengthen]" in text and "[US: financial]" in text and "cooperation [CAN: and trade]" in text
    )


@needs_pandoc
@pytest.mark.parametrize("producer", ["pandoc", "split-runs", "libreoffice"])
@pytest.mark.parametrize("decision", DECISIONS, ids=" ".join)
def test_a_decision_written_back_reads_as_decided_by_us_and_by_pandoc(
    producers: dict[str, Path], producer: str, decision: list[str], tmp_path: Path
) -> None:
    if producer not in producers:
        pytest.skip("LibreOffice is not installed")
    draft = producers[producer]
    as_text = run_cli([*decision, "--adjacent", "independent", str(draft), "--report", "none"])
    assert as_text.code == 0, as_text.err
    out = tmp_path / "out.docx"
    written = run_cli(
        [*decision, "--adjacent", "independent", str(draft), "-o", str(out), "--report", "none"]
    )
    assert written.code == 0, written.err
    assert run_cli(["render", "--to", "text", "--mode", "tracked", str(out)]).out == as_text.out
    # what is still pending in it, accepted and rejected by pandoc, is what we would make of it
    left = b.load(as_text.out, name="left.txt", adjacent="independent")
    for view, action in (("accept", "accept"), ("reject", "reject")):
        ours = b.render(b.resolve(left, b.decide(left, action, everything=True)).document).decode()  # type: ignore[arg-type]
        assert _pandoc_view(out, view) == _words(ours), (view, decision)


@needs_pandoc
@pytest.mark.parametrize("producer", ["pandoc", "split-runs", "libreoffice"])
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_accepting_or_rejecting_everything_reads_as_pandoc_reads_the_producers_document(
    producers: dict[str, Path], producer: str, action: str
) -> None:
    if producer not in producers:
        pytest.skip("LibreOffice is not installed")
    draft = producers[producer]
    ours = run_cli([action, "--all", "--adjacent", "independent", str(draft), "--report", "none"])
    assert _words(ours.text) == _pandoc_view(draft, action)


@needs_pandoc
@pytest.mark.parametrize("producer", ["pandoc", "split-runs", "libreoffice"])
def test_a_write_back_that_decides_nothing_leaves_the_body_byte_for_byte(
    producers: dict[str, Path], producer: str
) -> None:
    if producer not in producers:
        pytest.skip("LibreOffice is not installed")
    data = producers[producer].read_bytes()
    assert _body(b.api.write_back(b.load(data, name="d.docx"))) == _body(data)
