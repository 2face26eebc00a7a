"""What a file is, told by its content and never by its name: a .docx, text, or something to
refuse with how to convert it. Light on purpose: reading a text draft does not load the Word
reader (lxml and all) only to be told it is text."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError

DOCUMENT = "word/document.xml"

_CONVERT = "convert it with: soffice --headless --convert-to docx FILE"


def kind_of(data: bytes, source: str = "") -> str:
    """``"docx"``, ``"akn"`` (XML: read as Akoma Ntoso, or refused with a reason), ``"text"``,
    or an ``InputError`` naming what the file is and how to convert it."""
    head = data[:8]
    if not data.strip() and source.lower().endswith((".docx", ".docm", ".dotx", ".dotm")):
        raise InputError("an empty file, not a Word document (0 bytes of text)", source=source)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, source)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            "this is a legacy Word .doc or a password-protected Office file (an OLE compound file); "
            f"remove the password in Word, or {_CONVERT}",
            source=source,
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(f"this is an RTF file, not a .docx; {_CONVERT}", source=source)
    if _is_xml(data):
        return "akn"
    if head.startswith(b"%PDF"):
        raise InputError(
            "this is a PDF; save it as .docx or plain text first (pdftotext -layout FILE)", source=source
        )
    return "text"


def _is_xml(data: bytes) -> bool:
    """XML declared, or opening with an ``akomaNtoso`` element (any prefix)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") or re.match(rb"<(\w+:)?akomaNtoso[\s>]", head) is not None


def _zip_kind(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if (
                DOCUMENT in names
                or main_part(z.read("_rels/.rels") if "_rels/.rels" in names else b"") in names
            ):
                return "docx"
            if "mimetype" in names:
                mime = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                if "opendocument" in mime:
                    raise InputError(
                        f"this is an OpenDocument file ({mime}), not a .docx; {_CONVERT}", source=source
                    )
    except zipfile.BadZipFile as e:
        raise InputError(f"a damaged zip file (a truncated .docx?): {e}", source=source) from None
    except InputError:
        raise
    except Exception as e:  # zipfile raises a variety on corrupt central directories
        raise InputError(f"a damaged zip file: {e}", source=source) from None
    raise InputError(f"a zip file without {DOCUMENT}: not a Word document", source=source)


def main_part(rels: bytes) -> str:
    """The target of the package relationship of type officeDocument, or ""."""
    for m in re.finditer(rb"<[^>]*Relationship\b[^>]*>", rels):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(0)))
        if attrs.get(b"Type", b"").endswith(b"/officeDocument"):
            return str(attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/"))
    return ""
