"""A .docx as a zip of XML parts, opened defensively: what the file is, and its parts, read with
caps on size and ratio and with an XML parser that loads no DTD, expands no entity and reaches
no network. Every refusal is an ``InputError`` of one line."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ...errors import InputError
from ..kind import DOCUMENT, main_part
from ..xml import parse_xml

# a 300-page draft's document.xml is a few MB; these caps leave room for pictures and stop bombs
MAX_PART = 256 * 1024 * 1024
MAX_TOTAL = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over a megabyte


@dataclass(frozen=True, slots=True)
class Part:
    info: zipfile.ZipInfo
    data: bytes


class Package:
    """Every part of the zip, in its order, read whole (within the caps)."""

    def __init__(self, data: bytes, source: str):
        self.source = source
        self.parts: dict[str, Part] = {}
        total = 0
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if info.is_dir():
                        self.parts[info.filename] = Part(info, b"")
                        continue
                    if info.file_size > MAX_PART:
                        self._bomb(info.filename, "is too large")
                    with z.open(info) as f:
                        body = f.read(MAX_PART + 1)
                    if len(body) > MAX_PART:
                        self._bomb(info.filename, "is too large")
                    if len(body) > 1 << 20 and len(body) > MAX_RATIO * max(info.compress_size, 1):
                        self._bomb(info.filename, "expands too much for its size")
                    total += len(body)
                    if total > MAX_TOTAL:
                        self._bomb(info.filename, "takes the whole over the size bracketeer reads")
                    self.parts[info.filename] = Part(info, body)
        except InputError:
            raise
        except Exception as e:  # BadZipFile, zlib.error, EOFError, NotImplementedError …
            raise InputError(f"a damaged .docx: {e}", source=source) from None
        rels = self.parts.get("_rels/.rels")
        # the main part is the one the package's relationships name (Word names it
        # word/document.xml, other producers may not)
        self.main = main_part(rels.data if rels else b"") or DOCUMENT
        if self.main not in self.parts:
            raise InputError(f"a zip file without {DOCUMENT}: not a Word document", source=source)
        # Strict Open XML (ISO/IEC 29500 Strict) names the same elements in other namespaces
        head = self.parts[self.main].data[:4096]
        self.strict = _STRICT_W in head and _TRANSITIONAL_W not in head

    def related(self, kind: str) -> str:
        """The part the main part relates to as ``kind`` (numbering, styles, comments …), by its
        relationships; Word's own name for it when they say nothing."""
        folder, _, name = self.main.rpartition("/")
        rels = self.parts.get(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
        if rels is not None:
            for m in re.finditer(rb"<[^>]*Relationship\b[^>]*>", rels.data):
                attrs = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(0)))
                if attrs.get(b"Type", b"").decode("utf-8", "replace").endswith("/" + kind):
                    target = attrs.get(b"Target", b"").decode("utf-8", "replace")
                    return target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
        return f"word/{kind}.xml"

    def _bomb(self, name: str, what: str) -> None:
        raise InputError(
            f"{name} {what} (over {MAX_PART >> 20} MB or {MAX_RATIO}× its compressed size): "
            "refusing it as a possible zip bomb",
            source=self.source,
        )

    def target(self, rid: str) -> str | None:
        """The part a relationship id of the main part names."""
        folder, _, name = self.main.rpartition("/")
        rels = self.parts.get(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
        for m in re.finditer(rb"<[^>]*Relationship\b[^>]*>", rels.data if rels else b""):
            attrs = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(0)))
            if attrs.get(b"Id", b"").decode("utf-8", "replace") == rid:
                target = attrs.get(b"Target", b"").decode("utf-8", "replace")
                return target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
        return None

    def xml(self, name: str) -> etree._Element | None:
        """A part's XML; in a Strict document, with Strict's namespaces read as the Transitional
        ones Word writes, so that one reader serves both."""
        part = self.parts.get(name)
        if part is None:
            return None
        data = part.data
        if self.strict:
            for strict, transitional in _STRICT.items():
                data = data.replace(strict, transitional)
        return parse_xml(data, name, self.source)


_TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_STRICT = {
    _STRICT_W: _TRANSITIONAL_W,
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ),
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
}
