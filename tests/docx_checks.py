"""Reading .docx files back without Word: the invariants Word needs, and accept/reject views.

Pure lxml over ``word/document.xml``: what a reviewer sees after accepting the revisions some
authors made and rejecting the others (the model Word applies revision by revision).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def body(path: Path | str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml")).find(q("body"))


def check_invariants(path: Path | str) -> list[str]:
    """Everything wrong with the revisions of a .docx, as messages (empty when fine)."""
    problems: list[str] = []
    b = body(path)
    seen: set[str] = set()
    for el in b.iter(q("ins"), q("del")):
        rid = el.get(q("id"))
        if rid is None:
            problems.append("revision without w:id")
        elif rid in seen:
            problems.append(f"duplicate revision id {rid}")
        else:
            seen.add(rid)
        if not el.get(q("author")):
            problems.append(f"revision {rid} without author")
        if not _DATE.match(el.get(q("date")) or ""):
            problems.append(f"revision {rid} with bad date {el.get(q('date'))!r}")
        parent = el.getparent()
        while parent is not None:
            if el.tag == q("ins") and parent.tag == q("ins"):
                problems.append(f"w:ins {rid} nested in w:ins")
            if parent.tag == q("r"):
                problems.append(f"revision {rid} inside a run")
            parent = parent.getparent()
    for d in b.iter(q("del")):
        if d.getparent().tag != q("rPr") and any(True for _ in d.iter(q("t"))):
            problems.append("w:t inside w:del (Word refuses the file)")
    for t in b.iter(q("delText")):
        anc = t.getparent()
        while anc is not None and anc.tag != q("del"):
            anc = anc.getparent()
        if anc is None:
            problems.append("w:delText outside w:del")
    paras = b.findall(q("p"))
    if paras:
        last = paras[-1]
        if last.find(f"{q('pPr')}/{q('rPr')}/{q('del')}") is not None:
            problems.append("the final paragraph mark is deleted")
    return problems


def view(path: Path | str, accepted: Callable[[str], bool]) -> list[str]:
    """The body paragraphs after accepting the revisions whose author ``accepted`` approves and
    rejecting the rest; whitespace squeezed, empty paragraphs left out."""
    out: list[list[str]] = [[]]
    for p in body(path).iter(q("p")):
        if any(a.tag == q("tbl") for a in p.iterancestors()):
            continue
        for el in p.iter(q("t"), q("delText"), q("tab")):
            keep = True
            anc = el.getparent()
            while anc is not None and anc is not p:
                if anc.tag == q("ins") and not accepted(anc.get(q("author"))):
                    keep = False
                if anc.tag == q("del") and accepted(anc.get(q("author"))):
                    keep = False
                anc = anc.getparent()
            if keep:
                out[-1].append("\t" if el.tag == q("tab") else (el.text or ""))
        mark = p.find(f"{q('pPr')}/{q('rPr')}")
        joined = False
        if mark is not None:
            for rev in mark:
                if rev.tag == q("ins") and not accepted(rev.get(q("author"))):
                    joined = True
                if rev.tag == q("del") and accepted(rev.get(q("author"))):
                    joined = True
        if not joined:
            out.append([])
    return [t for t in (" ".join("".join(parts).split()) for parts in out) if t]


def authors_include(code: str) -> Callable[[str], bool]:
    """Accept the revisions whose author names ``code`` (a joint proposal is "US, CAN")."""
    return lambda author: code in [a.strip() for a in (author or "").split(",")]
