"""Taking out of a Word document the comments whose notes a decision removed ("Proposed new
paragraph submitted by …" once that paragraph is decided): their anchors in the body, and their
entries in every comments part. Only the bytes of those anchors and entries change."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ...read.docx.package import Package
from ...read.xml import parse_xml

_PARTS = {
    # part (by its relationship's type) → the element naming a comment's paragraph, and how
    "commentsExtended": ("commentEx", "paraId"),
    "commentsIds": ("commentId", "paraId"),
}
_W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"


def without_anchors(body: bytes, ids: Iterable[str]) -> bytes:
    """document.xml's bytes without the range marks and reference runs of comments ``ids``;
    written for whatever prefix the producer gave Word's namespace."""
    for cid in ids:
        i = re.escape(cid.encode())
        body = re.sub(rb'<([\w.-]+):commentRange(?:Start|End)\b[^>]*?\b\1:id="' + i + rb'"[^>]*/>', b"", body)
        run = (
            rb"<([\w.-]+):r(?:\s[^>]*)?>(?:<\1:rPr\b(?:(?!</\1:rPr>).)*</\1:rPr>|<\1:rPr\s*/>)?"
            rb'<\1:commentReference\b[^>]*?\b\1:id="' + i + rb'"[^>]*/></\1:r>'
        )
        body, n = re.subn(run, b"", body, flags=re.DOTALL)
        if not n:  # the reference shares its run with text: only the reference goes
            body = re.sub(rb'<([\w.-]+):commentReference\b[^>]*?\b\1:id="' + i + rb'"[^>]*/>', b"", body)
    return body


def without_comments(package: Package, ids: set[str]) -> dict[str, bytes]:
    """The comments parts rewritten without comments ``ids`` (and, in the parts Word 2010 and
    later add, the entries of those comments' paragraphs)."""
    name = package.related("comments")
    comments = package.xml(name)
    if comments is None or not ids:
        return {}
    ns = comments.nsmap.get("w") or etree.QName(comments).namespace
    paras: set[str] = set()
    for c in list(comments):
        if etree.QName(c).localname == "comment" and c.get(f"{{{ns}}}id") in ids:
            paras.update(p.get(_W14_PARA_ID, "") for p in c.iter(f"{{{ns}}}p"))
            comments.remove(c)
    out = {name: _xml(comments)}
    for kind, (element, attribute) in _PARTS.items():
        part = package.related(kind)
        if part in package.parts:
            rewritten = _without_entries(package, part, element, attribute, paras)
            if rewritten is not None:
                out[part] = rewritten
    return out


def _without_entries(
    package: Package, part: str, element: str, attribute: str, paras: set[str]
) -> bytes | None:
    """``part`` without its ``element`` entries whose ``attribute`` names one of ``paras``; None
    when it has none."""
    root = parse_xml(package.parts[part].data, part, package.source)
    gone = [
        el
        for el in root
        if isinstance(el.tag, str)
        and etree.QName(el).localname == element
        and any(etree.QName(k).localname == attribute and v in paras for k, v in el.attrib.items())
    ]
    for el in gone:
        root.remove(el)
    return _xml(root) if gone else None


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
