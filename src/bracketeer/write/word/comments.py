"""Taking out of a Word document the comments whose notes a decision removed ("Proposed new
paragraph submitted by …" once that paragraph is decided): their anchors in the body, and their
entries in every comments part; and writing again the words of those whose notes it renamed
(a sponsor withdrawn). Only the bytes of those anchors and entries change."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

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


def comments_decided(
    package: Package,
    ids: set[str],
    worded: Mapping[str, tuple[str, str]],
    authors: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """The comments parts rewritten without comments ``ids`` (and, in the parts Word 2010 and
    later add, the entries of those comments' paragraphs), and with the comments ``worded``
    saying their new words (by id: the words they say, and those to say), those in
    ``authors`` by the author given."""
    name = package.related("comments")
    comments = package.xml(name)
    if comments is None or not (ids or worded):
        return {}
    ns = comments.nsmap.get("w") or etree.QName(comments).namespace
    paras: set[str] = set()
    for c in list(comments):
        if etree.QName(c).localname != "comment":
            continue
        cid = c.get(f"{{{ns}}}id") or ""
        if cid in ids:
            paras.update(p.get(_W14_PARA_ID, "") for p in c.iter(f"{{{ns}}}p"))
            comments.remove(c)
        elif cid in worded:
            _reworded(c, ns, *worded[cid], package.source)
            _by(c, ns, (authors or {}).get(cid))
    out = {name: _xml(comments)}
    for kind, (element, attribute) in _PARTS.items():
        part = package.related(kind)
        if part in package.parts:
            rewritten = _without_entries(package, part, element, attribute, paras)
            if rewritten is not None:
                out[part] = rewritten
    return out


def _by(comment: etree._Element, ns: str, who: str | None) -> None:
    """``comment`` by author ``who`` (None: as it is), its initials (when it has some) theirs."""
    if who is None:
        return
    comment.set(f"{{{ns}}}author", who)
    if comment.get(f"{{{ns}}}initials") is not None:
        comment.set(f"{{{ns}}}initials", initials(who))


def initials(who: str) -> str:
    """A comment author's initials, as Word makes them: the first letter of each word, four
    at most."""
    return "".join(w[0] for w in who.split())[:4]


def joint_settled(package: Package, main: bytes) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """The comments on joint proposals (``joint_comment``) a decision settled, by document.xml's
    bytes ``main`` as decided: those whose range no longer holds a revision by their author
    (accepted or rejected) nor by fewer of its delegations, or holds one by a single one (the
    others withdrawn), to take out; and those whose revisions are by fewer of them, still
    several: by id, the author they name and the one they are to name."""
    joint = joint_comments(package)
    if not joint:
        return set(), {}
    found = _authors_in_range(parse_xml(main, package.main, package.source), joint)
    gone: set[str] = set()
    authors: dict[str, tuple[str, str]] = {}
    for cid, who in joint.items():
        if who in found[cid]:
            continue
        names = set(who.split(", "))
        left = [a for a in found[cid] if set(a.split(", ")) < names]
        if len(left) == 1 and ", " in left[0]:
            authors[cid] = (who, left[0])
        else:
            gone.add(cid)
    return gone, authors


def joint_comments(package: Package) -> dict[str, str]:
    """The comments on joint proposals, by id: the author they name."""
    from ...read.docx.paragraphs import W, comment_words
    from ...textutil import joint_comment

    name = package.related("comments")
    part = package.parts.get(name)
    comments = package.xml(name) if part is not None and b"Joint proposal: " in part.data else None
    out: dict[str, str] = {}
    for c in comments if comments is not None else ():
        who = c.get(W + "author", "").strip()
        if c.tag == W + "comment" and comment_words(c) == joint_comment(who):
            out[c.get(W + "id", "")] = who
    return out


def _authors_in_range(root: etree._Element, joint: Mapping[str, str]) -> dict[str, set[str]]:
    """The authors of the revisions in the range of each of the comments ``joint``."""
    from ...read.docx.paragraphs import DEL, INS, W

    found: dict[str, set[str]] = {cid: set() for cid in joint}
    inside: set[str] = set()
    start, end = W + "commentRangeStart", W + "commentRangeEnd"
    for el in root.iter(start, end, INS, DEL):
        if el.tag == start and el.get(W + "id", "") in joint:
            inside.add(el.get(W + "id", ""))
            # (LibreOffice writes the range's start inside the revision it holds)
            found[el.get(W + "id", "")].update(a.get(W + "author", "") for a in el.iterancestors(INS, DEL))
        elif el.tag == end:
            inside.discard(el.get(W + "id", ""))
        else:
            for cid in inside:
                found[cid].add(el.get(W + "author", ""))
    return found


_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def joint_comment_xml(cid: str, who: str, date: str) -> str:
    """The ``w:comment`` on a joint proposal by ``who`` (``joint_comment``), with id ``cid``."""
    from xml.sax.saxutils import escape, quoteattr

    from ...textutil import joint_comment

    return (
        f'<w:comment xmlns:w="{_MAIN}" w:id="{cid}" w:author={quoteattr(who)} w:date="{date}" '
        f"w:initials={quoteattr(initials(who))}><w:p><w:r><w:annotationRef/></w:r><w:r>"
        f'<w:t xml:space="preserve">{escape(joint_comment(who) or "")}</w:t></w:r></w:p></w:comment>'
    )


def comments_added(package: Package, made: list[tuple[str, str]], date: str) -> dict[str, bytes]:
    """The parts that give the package the joint proposals' comments ``made`` (id, author;
    each saying ``joint_comment``): its comments part with them after its own, the bytes
    before them as they were; or, for a document with none, a new one, named in the main
    part's relationships and in the content types."""
    entries = "".join(joint_comment_xml(cid, who, date) for cid, who in made).encode()
    name = package.related("comments")
    part = package.parts.get(name)
    if part is not None:
        return {name: _with_entries(part.data, entries, package.source)}
    folder, _, main = package.main.rpartition("/")
    name = f"{folder}/comments.xml" if folder else "comments.xml"  # (beside the main part)
    rels = f"{folder}/_rels/{main}.rels" if folder else f"_rels/{main}.rels"
    have = package.parts[rels].data if rels in package.parts else _EMPTY_RELS
    taken = {int(n) for n in re.findall(rb'Id="rId(\d+)"', have)}
    rid = f"rId{max(taken, default=0) + 1}"
    relation = f'<Relationship Id="{rid}" Type="{_COMMENTS_TYPE}" Target="comments.xml"/>'.encode()
    types = package.parts["[Content_Types].xml"].data
    override = f'<Override PartName="/{name}" ContentType="{_COMMENTS_CONTENT}"/>'.encode()
    return {
        name: b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + f'<w:comments xmlns:w="{_MAIN}">'.encode()
        + entries
        + b"</w:comments>",
        rels: have.replace(b"</Relationships>", relation + b"</Relationships>"),
        "[Content_Types].xml": types.replace(b"</Types>", override + b"</Types>"),
    }


def _with_entries(data: bytes, entries: bytes, source: str) -> bytes:
    """A comments part's bytes with ``entries`` after its own comments: before its root's
    closing tag, or in a root written empty (``<w:comments …/>``)."""
    closing = re.search(rb"</([\w.-]+:)?comments\s*>\s*$", data)
    if closing is not None:
        return data[: closing.start()] + entries + data[closing.start() :]
    empty = re.search(rb"<([\w.-]+:)?comments\b[^>]*?(/\s*>)\s*$", data)
    if empty is None:
        from . import WriteBackError

        raise WriteBackError(
            "the document's comments part does not end with its root's closing tag: not written "
            "(the draft can be written with --to text)",
            source=source,
        )
    prefix = (empty.group(1) or b"").decode()
    return data[: empty.start(2)] + b">" + entries + f"</{prefix}comments>".encode() + data[empty.end(2) :]


_EMPTY_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
)


def _reworded(comment: etree._Element, ns: str, old: str, new: str, source: str) -> None:
    """``comment`` saying ``new`` where it said ``old``: the words that differ written in the
    one run of text they stand in, the other runs as they were. ``WriteBackError`` when they
    stand across runs (which run's formatting they would take is not known)."""
    from . import WriteBackError

    old, new = old.strip(), new.strip()
    texts = list(comment.iter(f"{{{ns}}}t"))
    said = "".join(t.text or "" for t in texts)
    lead = len(said) - len(said.lstrip())
    if said.strip() != old.strip():
        texts = []  # (not the words the note was read from: nothing to rewrite in place)
    p = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    q = 0
    while q < min(len(old), len(new)) - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    start, end = lead + p, lead + len(old) - q  # the words that differ, in the comment's text
    at = 0
    for t in texts:
        here = len(t.text or "")
        if at <= start and end <= at + here:
            t.text = (t.text or "")[: start - at] + new[p : len(new) - q] + (t.text or "")[end - at :]
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            return
        at += here
    raise WriteBackError(
        f"cannot write the decision into this Word document exactly: the comment saying {old!r} "
        f"would have to say {new!r}, and the words that change stand across several runs of it; "
        "nothing written (the decided text can be written with --to text)",
        source=source,
    )


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
