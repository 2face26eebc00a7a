"""Make the Word examples from the text example, as a secretariat's Word file would hold it.

``examples/cicte-omnibus-2024.docx``: the compilation with Word's automatic numbering (one list
per section, sub-items a), b) at the second level), the typed proposals in runs split at
arbitrary places (inside tags and brackets, as Word splits runs by editing session), and the
notes as comments. ``examples/submission-us.docx``: the agreed text with the United States'
proposals as native tracked changes by "United States", as a delegation sends its edits back.

    python tools/make_word_examples.py   # rewrites both files; the output is deterministic
"""

from __future__ import annotations

import io
import itertools
import random
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

import bracketeer as b

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "examples" / "cicte-omnibus-2024.txt"
DATE = "2024-04-16"


def _numbering(doc) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A decimal list "1." with letters "a)" below it, and two instances (one per section,
    each starting at 1)."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, fmt, text, indent in ((0, "decimal", "%1.", 720), (1, "lowerLetter", "%2)", 1440)):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent))
        ind.set(qn("w:hanging"), "720")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    ids = []
    for num_id in ("91", "92"):
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "90")
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbering.append(num)
        ids.append(num_id)
    return ids[0], ids[1]


def _number(paragraph, num_id: str, ilvl: int) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), num_id)
    num.append(lvl)
    num.append(nid)
    ppr.append(num)


def _runs(paragraph, text: str, rng: random.Random) -> list:  # type: ignore[no-untyped-def]
    """``text`` in runs split where Word might split them: at random, and always right after
    each "[" and inside each tag."""
    cuts = {0, len(text)}
    for m in re.finditer(r"\[([A-Z]+)", text):
        cuts.update({m.start() + 1, m.start() + 2})
    cuts.update(rng.randrange(len(text) + 1) for _ in range(len(text) // 40))
    points = sorted(cuts)
    return [paragraph.add_run(text[a:z]) for a, z in itertools.pairwise(points) if z > a]


def draft() -> bytes:
    rng = random.Random(2024)
    doc = Document()
    section1, section2 = _numbering(doc)
    lines = TEXT.read_text(encoding="utf-8").splitlines()
    title = doc.add_paragraph(" ".join(x.strip() for x in lines[:2]), style="Title")
    pending: list[str] = []
    numbering = None
    for raw in lines[2:]:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("(Comments from delegations"):
            doc.add_comment(title.runs, text=line, author="Secretariat", initials="S")
            continue
        if line.startswith("Proposed new paragraph"):
            pending.append(line)
            continue
        if line in ("Inter-American Convention against Terrorism", "CICTE"):
            doc.add_heading(line, level=2)
            numbering = section1 if numbering is None else section2
            continue
        p = doc.add_paragraph()
        m = re.match(r"(\d+)\.\s+(.*)", line)
        sub = re.match(r"([a-z])\)\s+(.*)", line)
        if m and numbering:
            _number(p, numbering, 0)
            body = m.group(2)
        elif sub and numbering:
            _number(p, numbering, 1)
            body = sub.group(2)
        else:
            p.paragraph_format.left_indent = Cm(1.27)
            body = line
        runs = _runs(p, body, rng)
        for note in pending:
            doc.add_comment(runs, text=note, author="Secretariat", initials="S")
        pending = []
    out = io.BytesIO()
    doc.core_properties.title = "CICTE paragraphs for the omnibus resolution on multidimensional security"
    doc.save(out)
    return out.getvalue()


def submission() -> bytes:
    """The agreed text with the United States' proposals as its own tracked changes."""
    document = b.load(TEXT)
    others = [c for c in ("ARG", "CAN") if c]
    only_us = b.resolve(document, b.decide(document, "reject", delegations=others)).document
    data = b.render(only_us, b.RenderOptions(to="docx", mode="tracked", date=b.api.parse_date(DATE)))
    # as the delegation's own Word would sign them
    return _rewrite(
        data, "word/document.xml", lambda x: x.replace(b'w:author="US"', b'w:author="United States"')
    )


def _rewrite(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            z.writestr(info, change(body) if info.filename == part else body)
    return out.getvalue()


if __name__ == "__main__":
    (ROOT / "examples" / "cicte-omnibus-2024.docx").write_bytes(draft())
    (ROOT / "examples" / "submission-us.docx").write_bytes(submission())
    print("wrote examples/cicte-omnibus-2024.docx and examples/submission-us.docx")
