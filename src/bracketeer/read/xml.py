"""XML read safely, for every reader of an XML format (Word's parts, Akoma Ntoso): no DTD, no
entities, no network, libxml2's size limits kept."""

from __future__ import annotations

from lxml import etree

from ..errors import InputError

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,  # keeps libxml2's depth and size limits
    "remove_blank_text": False,
}


def parse_xml(data: bytes, part: str, source: str, producer: str = "Word") -> etree._Element:
    """``data`` parsed. A DOCTYPE (where entity bombs and external entities live) is refused:
    ``producer`` never writes one."""
    start = data.find(b"<", data.find(b"?>") + 1 if data.startswith(b"<?xml") else 0)
    if b"<!DOCTYPE" in data[: max(start, 0) + 4096].upper() or b"<!ENTITY" in data[:65536].upper():
        raise InputError(
            f"{part} declares a DTD or entities, which {producer} never writes: refused", source=source
        )
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(f"{part} is not well-formed XML: {e.msg}", source=source) from None
