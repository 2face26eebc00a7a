"""An Akoma Ntoso 3.0 statement read back as the bracketed draft it holds.

The document is turned into the draft's text (each ``<ins>`` a bracket naming its
delegations, each ``<del>`` struck words, each paragraph's ``<num>`` its label) and that text is
parsed like any draft, so a proposal means the same whichever way it came in. Where the file
carries the bracketeer namespace's notes of how the draft was written (blank lines,
indentation, the tag as typed), the text is the draft byte for byte; without them (a document
another editor wrote) lines are laid out plainly, one blank line between blocks.

The names of the format (namespaces, how a verbatim attribute is escaped, how a delegation
becomes an ``eId``) live here, and the writer reuses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from lxml import etree

from ..ast import Document, Sponsor
from ..delegations import Registry
from ..errors import InputError
from .options import ReadOptions
from .xml import parse_xml

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
BK = "urn:bracketeer:akn:1"

# characters XML 1.0 cannot hold (a PDF's form feed, other controls): in text they are written
# as a processing instruction, in attributes as an escape, so nothing of the draft is lost
INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CHAR_PI = "bracketeer-char"
_UNESCAPE = re.compile(r"\\(\\|u[0-9A-F]{4})")

# the hierarchical elements a draft's paragraphs, sub-items and versions are written as
HIERARCHY = frozenset(
    f"{{{AKN}}}{n}"
    for n in ("paragraph", "subparagraph", "point", "list", "indent", "alinea", "clause", "article")
)
_LINES = frozenset(f"{{{AKN}}}{n}" for n in ("p", "heading", "subheading", "num"))


@dataclass(frozen=True, slots=True)
class AknSource:
    """The Akoma Ntoso document a draft was read from: its metadata (identification,
    references, lifecycle) as it stood, kept when the decided draft is written back as AKN."""

    kind: ClassVar[Literal["akn"]] = "akn"
    meta: bytes  # the <meta> element
    name: str  # the statement's name: "resolution", "decision"


def escape_attribute(value: str) -> str:
    """A verbatim piece of the draft as an attribute value: ``\\`` doubled, characters XML
    cannot hold as ``\\uXXXX``."""
    value = value.replace("\\", "\\\\")
    return INVALID.sub(lambda m: f"\\u{ord(m.group()):04X}", value)


def unescape_attribute(value: str) -> str:
    return _UNESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), value)


def org_id(sponsor: Sponsor) -> str:
    """The ``eId`` of a delegation's ``TLCOrganization``: its code, or its name as written."""
    return re.sub(r"[^\w.\-]+", "_", sponsor.key).strip("_") or "unknown"


def read_akn(
    data: bytes, *, source: str, registry: Registry | None = None, options: ReadOptions | None = None
) -> Document:
    """The draft an Akoma Ntoso statement holds. ``InputError`` when it is XML of another kind,
    Akoma Ntoso of another document type, or declares a DTD."""
    from .text import parse_text

    root = parse_xml(data, "the XML document", source, producer="an Akoma Ntoso editor")
    if root.tag != f"{{{AKN}}}akomaNtoso":
        name = etree.QName(root)
        raise InputError(
            f"XML whose root is <{name.localname}> in {name.namespace or 'no namespace'},"
            " not an Akoma Ntoso 3.0 document",
            source=source,
        )
    kinds = [c for c in root if isinstance(c.tag, str)]
    if len(kinds) != 1 or kinds[0].tag != f"{{{AKN}}}statement":
        found = ", ".join(f"<{etree.QName(c).localname}>" for c in kinds) or "nothing"
        raise InputError(
            f"an Akoma Ntoso document holding {found}: bracketeer reads a draft as a <statement>",
            source=source,
        )
    main = kinds[0].find(f"{{{AKN}}}mainBody")
    if main is None:
        raise InputError("an Akoma Ntoso statement with no <mainBody>", source=source)
    # written by bracketeer, every line says what comes before it; else blocks get a blank line
    lines = _Lines(registry, source, plain=main.get(f"{{{BK}}}version") is None)
    preface = kinds[0].find(f"{{{AKN}}}preface")
    if preface is not None:
        lines.container(preface)
    lines.container(main)
    text = "".join(lines.out) + _attr(main, "after", "")
    bom = "\ufeff" if main.get(f"{{{BK}}}bom") == "yes" else ""
    document = parse_text(
        text,
        source=source,
        registry=registry,
        bom=bom,
        encoding=_attr(main, "encoding", "utf-8"),
        options=options or ReadOptions(),
    )
    meta = kinds[0].find(f"{{{AKN}}}meta")
    kept = etree.tostring(meta) if meta is not None else b""
    return replace(document, origin=AknSource(kept, kinds[0].get("name", "resolution")))


def _attr(element: etree._Element, name: str, default: str) -> str:
    value = element.get(f"{{{BK}}}{name}")
    return default if value is None else unescape_attribute(value)


class _Lines:
    """The draft's lines, written out in document order."""

    def __init__(self, registry: Registry | None, source: str, *, plain: bool) -> None:
        self.out: list[str] = []
        self.plain = plain
        self.registry = registry
        self.source = source

    def container(self, element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or (child.tag in _LINES and child.tag != f"{{{AKN}}}p"):
                continue
            if child.tag == f"{{{AKN}}}p":
                if child.get(f"{{{BK}}}empty") != "yes":
                    self.line(child, block=True)
            elif child.tag in HIERARCHY:
                self.hierarchy(child)
            elif child.tag == f"{{{AKN}}}hcontainer" and child.find(f"{{{AKN}}}heading") is not None:
                self.line(child.find(f"{{{AKN}}}heading"), child.find(f"{{{AKN}}}num"), block=True)
                self.container(child)
            elif child.tag in (f"{{{AKN}}}longTitle", f"{{{AKN}}}hcontainer"):
                self.lines(child)
            else:
                self.container(child)

    def lines(self, element: etree._Element) -> None:
        """A block of lines with nothing inside them structured: a title, a note."""
        for i, p in enumerate(element.iter(f"{{{AKN}}}p")):
            self.line(p, block=i == 0)

    def hierarchy(self, element: etree._Element) -> None:
        num = element.find(f"{{{AKN}}}num")
        first = True
        for box in element:
            if box.tag in (f"{{{AKN}}}intro", f"{{{AKN}}}content", f"{{{AKN}}}wrapUp"):
                for p in box.iter(f"{{{AKN}}}p"):
                    self.line(p, num if first else None, block=first)
                    first = False
            elif box.tag in HIERARCHY:
                if first and num is not None:  # a number with no words of its own
                    self.line(None, num, block=True)
                    first = False
                self.hierarchy(box)
            elif isinstance(box.tag, str) and box.tag not in _LINES:
                self.container(box)
        if first and num is not None:
            self.line(None, num, block=True)

    def line(self, element: etree._Element | None, num: etree._Element | None = None, *, block: bool) -> None:
        holder = element if element is not None else num
        assert holder is not None
        before = "\n" if self.plain and block and self.out else ""
        self.out.append(_attr(holder, "before", before) + _attr(holder, "indent", ""))
        if num is not None:
            self.out.append(self.inline(num) + _attr(num, "sep", " "))
        if element is not None:
            self.out.append(self.inline(element))
        self.out.append(_attr(holder, "eol", "\n"))

    def inline(self, element: etree._Element) -> str:
        parts = [element.text or ""]
        for child in element:
            if isinstance(child, etree._ProcessingInstruction):
                if child.target == CHAR_PI and re.fullmatch(r"[0-9A-F]{4}", child.text or ""):
                    parts.append(chr(int(child.text or "", 16)))
            elif isinstance(child.tag, str):
                parts.append(self.element(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def element(self, element: etree._Element) -> str:
        if element.tag == f"{{{AKN}}}ins":
            return self.bracket(element, self.inline(element))
        if element.tag == f"{{{AKN}}}del":
            mark = _attr(element, "mark", "~~")
            struck = mark + self.inline(element) + mark
            parent = element.getparent()
            if element.get("refersTo") and (parent is None or parent.tag != f"{{{AKN}}}ins"):
                return self.bracket(element, struck)
            return struck
        return self.inline(element)

    def bracket(self, element: etree._Element, body: str) -> str:
        refs = element.get("refersTo", "").split()
        supporters = element.get(f"{{{BK}}}supportedBy", "").split()
        tag = element.get(f"{{{BK}}}tag")
        if tag is None:
            written = ", ".join(r.lstrip("#") for r in refs)
            tag_text = f"{written}: " if written else ""
        else:
            tag_text = unescape_attribute(tag)
            self.agree(element, tag_text, refs + supporters)
        return (
            _attr(element, "open", "[")
            + tag_text
            + body
            + _attr(element, "tail", "")
            + _attr(element, "close", "]")
            + _attr(element, "post", "")
        )

    def agree(self, element: etree._Element, tag: str, refs: list[str]) -> None:
        """A tag as typed stands only while it names who ``refersTo`` names: an editor that
        changed one and not the other leaves a question no guess may answer."""
        if self.registry is None:
            return
        named = {f"#{org_id(s)}" for s in self.registry.sponsors(tag)}
        if named and named != set(refs):
            raise InputError(
                f"line {element.sourceline}: this <{etree.QName(element).localname}> refers to "
                f"{' '.join(sorted(refs)) or 'no delegation'} but its bk:tag {tag.strip()!r} names "
                f"{' '.join(sorted(named))}; make them agree, or remove bk:tag to write the tag "
                "from refersTo",
                source=self.source,
            )
