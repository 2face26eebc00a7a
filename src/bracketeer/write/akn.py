"""A draft as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML the UN system's publishing tools read:
a ``<statement name="resolution">`` whose proposals are ``<ins>`` elements referring to their
delegations.

Akoma Ntoso has no notion of a proposal pending by a delegation; the bracketeer namespace
(``bk:``, attributes only, which the standard allows on every element) adds it, and keeps what
the standard's elements do not say: how each line was written (indentation, blank lines
before it, line ending) and how each bracket was written (``[``, the tag as typed, an
attribution after the text). That is what lets ``bracketeer parse`` read the file back to the
draft it was written from, byte for byte. A tool that does not know the namespace ignores it
and still has a valid document with every proposal in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from ..ast import (
    Alternative,
    Blank,
    Bracket,
    Command,
    Document,
    Heading,
    Inline,
    Line,
    Note,
    Paragraph,
    Sponsor,
    Struck,
    Text,
    Title,
)
from ..delegations import Registry
from ..query import inline_source
from ..read.akn import AKN, BK, CHAR_PI, INVALID, AknSource, escape_attribute, org_id
from ..read.xml import parse_xml

_NS = {None: AKN, "bk": BK}


def a(name: str) -> str:
    return f"{{{AKN}}}{name}"


def bk(name: str) -> str:
    return f"{{{BK}}}{name}"


@dataclass(frozen=True, slots=True)
class AknOptions:
    """What the draft's text does not say: who issued it, when, in which language."""

    body: str = "un"  # the issuing body, in the document's identifiers: "oas", "unfccc"
    date: dt.datetime | None = None
    title: str = ""
    language: str = "eng"  # ISO 639-2, as Akoma Ntoso names expressions
    registry: Registry | None = None  # delegations' full names (showAs)


def akn(document: Document, options: AknOptions) -> bytes:
    """The draft as an Akoma Ntoso 3.0 document, every proposal an ``<ins>`` by its delegations."""
    root = etree.Element(a("akomaNtoso"), nsmap=_NS)
    statement = etree.SubElement(root, a("statement"), name="resolution")
    writer = _Body(options.registry)
    preface, main = writer.document(document)
    source = document.origin
    if isinstance(source, AknSource) and source.meta:
        # a draft read from Akoma Ntoso keeps its document's identity and references
        statement.set("name", source.name)
        meta = parse_xml(source.meta, "<meta>", document.name)
        statement.append(meta)
        _name_organisations(meta, writer.organisations)
    else:
        meta = etree.SubElement(statement, a("meta"))
        _meta(meta, document, options, writer.organisations)
    if preface is not None:
        statement.append(preface)
    statement.append(main)
    _lay_out(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


# elements whose text is the draft's: nothing may be added inside them
_MIXED = frozenset(a(n) for n in ("p", "heading", "num", "ins", "del", "inline"))


def _lay_out(root: etree._Element) -> None:
    """One element a line, outside the draft's own text (pretty printing would also indent
    inside a line made of one proposal, adding words to the draft)."""
    for element in root.iter():
        parent = element.getparent()
        if parent is not None and parent.tag not in _MIXED:
            element.tail = "\n"


def _slug(value: str) -> str:
    """A title as a name in an identifier: lower case, dashes, at most 60 characters, whole words."""
    slug = re.sub(r"[^0-9A-Za-z]+", "-", value).strip("-").lower()
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    return slug or "draft"


def _meta(
    meta: etree._Element, document: Document, options: AknOptions, organisations: dict[str, str]
) -> None:
    when = (options.date or dt.datetime.now(dt.UTC)).date().isoformat()
    body = _slug(options.body)
    work = f"/akn/un/statement/deliberation/{body}/{when}/{_slug(options.title or document.name)}"
    expression = f"{work}/{options.language}@{when}"
    ident = etree.SubElement(meta, a("identification"), source="#bracketeer")
    levels = (
        ("FRBRWork", work, f"{work}/!main"),
        ("FRBRExpression", expression, f"{expression}/!main"),
        ("FRBRManifestation", f"{expression}.akn", f"{expression}/!main.xml"),
    )
    for level, uri, this in levels:
        frbr = etree.SubElement(ident, a(level))
        etree.SubElement(frbr, a("FRBRthis"), value=this)
        etree.SubElement(frbr, a("FRBRuri"), value=uri)
        etree.SubElement(frbr, a("FRBRdate"), date=when, name="generation")
        etree.SubElement(frbr, a("FRBRauthor"), href=f"#{body}")
        if level == "FRBRWork":
            etree.SubElement(frbr, a("FRBRcountry"), value="un")
            if options.title:
                etree.SubElement(frbr, a("FRBRname"), value=options.title)
        elif level == "FRBRExpression":
            etree.SubElement(frbr, a("FRBRlanguage"), language=options.language)
    lifecycle = etree.SubElement(meta, a("lifecycle"), source="#bracketeer")
    etree.SubElement(lifecycle, a("eventRef"), eId="evt_1", date=when, source="#original", type="generation")
    refs = etree.SubElement(meta, a("references"), source="#bracketeer")
    etree.SubElement(refs, a("original"), eId="original", href=work, showAs=options.title or document.name)
    # the issuing body, then every delegation named, in order of first appearance
    for eid, name in {body: options.body, **organisations}.items():
        href = f"/ontology/organization/{eid}"
        etree.SubElement(refs, a("TLCOrganization"), eId=eid, href=href, showAs=name)
    etree.SubElement(
        refs, a("TLCObject"), eId="bracketeer", href="/ontology/object/bracketeer", showAs="bracketeer"
    )


def _name_organisations(meta: etree._Element, organisations: dict[str, str]) -> None:
    """Every delegation the body refers to named in the kept metadata's references (added after
    those it has; a proposal's delegations are never more than the file named, unless the draft
    was edited since)."""
    refs = meta.find(a("references"))
    if refs is None:
        refs = etree.Element(a("references"), source="#bracketeer")
        later = [c for c in meta if c.tag in (a("notes"), a("proprietary"), a("presentation"))]
        if later:
            later[0].addprevious(refs)
        else:
            meta.append(refs)
    named = {e.get("eId") for e in refs}
    for eid, name in organisations.items():
        if eid not in named:
            href = f"/ontology/organization/{eid}"
            etree.SubElement(refs, a("TLCOrganization"), eId=eid, href=href, showAs=name)


class _Body:
    """Writes the blocks of a draft in order; blank lines wait and go on the next line's element."""

    def __init__(self, registry: Registry | None) -> None:
        self.registry = registry
        self.organisations: dict[str, str] = {}
        self.pending = ""
        self.ids: dict[str, int] = {}
        self.used: set[str] = set()
        self.first = True

    def eid(self, base: str, numbered: bool = True) -> str:
        """A new ``eId``: ``note_1``, ``note_2``; a labelled one as it is (``para_4bis``); on a
        repeat, the next free number."""
        candidate = base if not numbered else ""
        while not candidate or candidate in self.used:
            n = self.ids.get(base, 0) + 1
            self.ids[base] = n
            candidate = f"{base}_{n}"
        self.used.add(candidate)
        return candidate

    def document(self, document: Document) -> tuple[etree._Element | None, etree._Element]:
        main = etree.Element(a("mainBody"))
        preface: etree._Element | None = None
        container = main
        for block in document.blocks:
            if isinstance(block, Blank):
                self.pending += block.text
            elif isinstance(block, Title) and self.first and preface is None:
                preface = etree.Element(a("preface"))
                self.title(etree.SubElement(preface, a("longTitle")), block)
            elif isinstance(block, Title):
                box = etree.SubElement(container, a("hcontainer"), name="title", eId=self.eid("title"))
                self.title(etree.SubElement(box, a("content")), block)
            elif isinstance(block, Heading):
                container = etree.SubElement(main, a("hcontainer"), name="section", eId=self.eid("sec"))
                if block.line.label is not None:
                    _num(container, block.line.label.text, block.line.label.sep)
                self.line(etree.SubElement(container, a("heading")), block.line, label_as_text=False)
            elif isinstance(block, Note):
                self.note(container, block)
            else:
                within = container.get("eId")
                self.paragraph(container, block, "paragraph", f"{within}__para" if within else "para")
            self.first = self.first and isinstance(block, Blank)
        if len(main) == 0:
            # the schema wants something in the body; an empty draft holds one empty line, and
            # says it is none
            etree.SubElement(main, a("p")).set(bk("empty"), "yes")
        # the document's own settings, and blank lines after its last line
        main.set(bk("version"), "1")
        _set(main, "encoding", document.encoding, "utf-8")
        _set(main, "bom", "yes" if document.bom else "", "")
        _set(main, "after", self.pending, "")
        return preface, main

    def title(self, box: etree._Element, title: Title) -> None:
        for line in title.lines:
            self.line(etree.SubElement(box, a("p")), line, label_as_text=True)

    def note(self, container: etree._Element, note: Note) -> None:
        box = etree.SubElement(container, a("hcontainer"), name="note", eId=self.eid("note"))
        box.set("class", note.kind)
        refs = self.refs(note.sponsors)
        if refs:
            box.set("refersTo", refs)
        if note.target:
            box.set(bk("target"), escape_attribute(note.target))
        p = etree.SubElement(etree.SubElement(box, a("content")), a("p"))
        self.lead(p, note.indent, note.eol)
        _text(p, note.text)

    def paragraph(self, container: etree._Element, para: Paragraph, tag: str, prefix: str) -> None:
        label = para.label
        key = re.sub(r"[^\w.\-]+", "", label.key) if label else ""
        eid = self.eid(f"{prefix}_{key}", numbered=False) if key else self.eid(prefix)
        element = etree.SubElement(container, a(tag), eId=eid)
        if label is not None:
            _num(element, label.text, label.sep)
        has_items = any(not isinstance(i, Blank) for i in para.items)
        box = etree.SubElement(element, a("intro" if has_items else "content"))
        for line in para.lines:
            self.line(etree.SubElement(box, a("p")), line, label_as_text=line is not para.lines[0])
        for item in para.items:
            if isinstance(item, Blank):
                self.pending += item.text
            elif isinstance(item, Alternative):
                self.alternative(element, item, eid)
            else:
                self.paragraph(element, item, "point", f"{eid}__point")

    def alternative(self, element: etree._Element, alt: Alternative, main_id: str) -> None:
        version = etree.SubElement(element, a("subparagraph"), eId=self.eid(f"{main_id}__alt"))
        version.set("class", "alternative")
        version.set("alternativeTo", main_id)
        if alt.line.label is not None:
            _num(version, alt.line.label.text, alt.line.label.sep)
        self.line(
            etree.SubElement(etree.SubElement(version, a("content")), a("p")), alt.line, label_as_text=False
        )

    def lead(self, element: etree._Element, indent: str, eol: str) -> None:
        _set(element, "before", self.pending, "")
        self.pending = ""
        _set(element, "indent", indent, "")
        _set(element, "eol", eol, "\n")

    def line(self, element: etree._Element, line: Line, *, label_as_text: bool) -> None:
        self.lead(element, line.indent, line.eol)
        if label_as_text and line.label is not None:
            _text(element, line.label.text + line.label.sep)
        self.inlines(element, line.content)

    def inlines(self, element: etree._Element, nodes: Iterable[Inline]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                _text(element, node.text)
            elif isinstance(node, Struck):
                struck = etree.SubElement(element, a("del"))
                _set(struck, "mark", node.text[:2], "~~")
                _text(struck, node.words)
            elif isinstance(node, Command):
                cmd = etree.SubElement(element, a("inline"), name="instruction")
                cmd.set(bk("action"), node.action)
                if node.target is not None:
                    cmd.set(bk("target"), escape_attribute(node.target))
                if node.replacement is not None:
                    cmd.set(bk("replacement"), escape_attribute(node.replacement))
                _text(cmd, node.text)
            else:
                self.bracket(element, node)

    def bracket(self, element: etree._Element, b: Bracket) -> None:
        if b.kind == "literal":
            # "[sic]", "[1]": part of the text, written as it stands
            _text(element, inline_source((b,)))
            return
        if b.kind == "remark":
            remark = etree.SubElement(element, a("inline"), name="remark")
            _refer(remark, self.refs(b.sponsors))
            _text(remark, inline_source((b,)))
            return
        ins = etree.SubElement(element, a("ins"))
        ins.set("class", "proposal" if b.kind == "proposal" else "bracketed")
        _refer(ins, self.refs(b.proposers))
        supporters = self.refs(tuple(s for s in b.sponsors if s.supporter))
        if supporters:
            ins.set(bk("supportedBy"), supporters)
        ins.set(bk("state"), "pending")
        if b.positions:
            ins.set(bk("positions"), " ".join(f"#{self.org(p.delegation)}:{p.stance}" for p in b.positions))
        _set(ins, "open", b.open, "[")
        # no tag, but delegations named after the text ("[…] (BRA)"): say so, or a reader
        # would write the tag from refersTo
        ins.set(bk("tag"), escape_attribute(b.tag.text if b.tag is not None else ""))
        _set(ins, "tail", b.tail, "")
        _set(ins, "close", b.close, "]")
        _set(ins, "post", b.post, "")
        self.inlines(ins, b.body)

    def org(self, sponsor: Sponsor) -> str:
        eid = org_id(sponsor)
        if eid not in self.organisations:
            known = self.registry.get(sponsor.code) if self.registry and sponsor.code else None
            self.organisations[eid] = known.name if known else sponsor.written
        return eid

    def refs(self, sponsors: Iterable[Sponsor]) -> str:
        return " ".join(dict.fromkeys(f"#{self.org(s)}" for s in sponsors))


def _refer(element: etree._Element, refs: str) -> None:
    if refs:
        element.set("refersTo", refs)


def _set(element: etree._Element, name: str, value: str, default: str) -> None:
    if value != default:
        element.set(bk(name), escape_attribute(value))


def _num(element: etree._Element, text: str, sep: str) -> etree._Element:
    num = etree.SubElement(element, a("num"))
    _text(num, text)
    _set(num, "sep", sep, " ")
    return num


def _text(element: etree._Element, text: str) -> None:
    """Append text after whatever ``element`` already holds."""
    start = 0
    for m in INVALID.finditer(text):
        _append(element, text[start : m.start()])
        element.append(etree.ProcessingInstruction(CHAR_PI, f"{ord(m.group()):04X}"))
        start = m.end()
    _append(element, text[start:])


def _append(element: etree._Element, text: str) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
