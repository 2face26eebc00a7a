"""Word documents: clean, with tracked changes, and side by side.

python-docx writes the document; the few revision elements it has no API for (``w:ins``,
``w:del``, paragraph-mark revisions, ``w:trackRevisions``, repeated table headers) are added
here as the XML Word expects (see the notes in the README). Output is deterministic: revision
ids are numbered in document order, every date is the one given, and the zip entries carry a
fixed timestamp, so the same draft and options give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Set
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from .model import Para, Segment, joint_units, one_deletion
from .synoptic import LEGEND

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

HANGING_CM = 1.27
ITEM_INDENT_CM = 2.54
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _new_document(reference_doc: str | None) -> DocxDocument:
    import docx
    from docx.shared import Pt, RGBColor

    if reference_doc:
        document = docx.Document(reference_doc)
        _comment_styles(document)
        body = document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        return document
    document = docx.Document()
    _comment_styles(document)
    for name in ("Normal", "Title", "Heading 1"):
        style = document.styles[name]
        _set_font(style.element, "Times New Roman")
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    document.styles["Title"].font.size = Pt(16)
    document.styles["Title"].font.bold = True
    document.styles["Heading 1"].font.size = Pt(13)
    return document


def _comment_styles(document: DocxDocument) -> None:
    """python-docx's comments refer to the CommentReference style, which its default template
    lacks; define it as Word does ("annotation reference")."""
    from docx.enum.style import WD_STYLE_TYPE

    if any(st.style_id == "CommentReference" for st in document.styles):
        return
    style = document.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    style.style_id = "CommentReference"
    style.font.size = 8 * 12700


def _set_font(style_element: Any, name: str) -> None:
    """One font for every script; the theme fonts of the default template would win over it."""
    from docx.oxml.ns import qn

    rfonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _properties(document: DocxDocument, title: str, date: dt.datetime) -> None:
    cp = document.core_properties
    cp.title = title
    cp.author = "bracketeer"
    cp.last_modified_by = "bracketeer"
    cp.created = date
    cp.modified = date
    cp.last_printed = date
    cp.revision = 1


def _iso(date: dt.datetime) -> str:
    return date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _track_revisions(document: DocxDocument) -> None:
    """Switch Track Changes on: ``w:trackRevisions`` in its place in ``settings.xml``."""
    from docx.oxml import OxmlElement

    settings = document.settings.element
    if settings.find(_qn("w:trackRevisions")) is not None:
        return
    later = {
        _qn(f"w:{t}")
        for t in (
            "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
            "styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
            "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle "
            "evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
            "drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
            "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
            "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
            "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
            "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml "
            "ignoreMixedContent "
            "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving "
            "saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr "
            "endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
            "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown "
            "smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
        ).split()
    }
    el = OxmlElement("w:trackRevisions")
    for i, child in enumerate(settings):
        if child.tag in later:
            settings.insert(i, el)
            return
    settings.append(el)


def _number_revisions(document: DocxDocument) -> None:
    """Give every revision a unique id, in document order, above every comment id."""
    from docx.oxml.ns import qn

    top = -1
    part = getattr(document.part, "_comments_part", None)
    comments = document.part.package.parts if part is None else None
    del comments
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/comments"):
            for el in rel.target_part.element.iter(qn("w:comment")):
                top = max(top, int(el.get(qn("w:id"))))
    n = top + 1
    for el in document.element.body.iter(qn("w:ins"), qn("w:del")):
        el.set(qn("w:id"), str(n))
        n += 1


def _bytes(document: DocxDocument) -> bytes:
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _runs_xml(text: str, deleted: bool) -> str:
    """``w:r`` elements for ``text``: tabs as ``w:tab``, line breaks as ``w:br``."""
    tag = "w:delText" if deleted else "w:t"
    parts: list[str] = []
    for i, line in enumerate(_INVALID_XML.sub("", text).split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
    return f"<w:r>{''.join(parts)}</w:r>" if parts else ""


def _revision_xml(kind: str, who: str, date: str, inner: str) -> str:
    return f'<w:{kind} w:id="0" w:author="{escape(who, _QUOTE)}" w:date="{date}">{inner}</w:{kind}>'


_QUOTE = {'"': "&quot;"}


def _paragraph_xml(
    para: Para,
    style_ids: dict[str, str | None],
    date: str | None,
    mark: tuple[str, str] | None,
    said: list[str],
) -> str:
    """One ``w:p``: style or hanging indent, the label and a tab, the segments (grouped into
    ``w:ins``/``w:del`` by author when ``date`` is given, ``said`` getting the authors of its
    joint proposals' comments), the paragraph-mark revision, and an empty first run to anchor
    its notes' comments on."""
    ppr: list[str] = []
    if para.style in ("title", "heading"):
        sid = style_ids.get(para.style)
        if sid:
            ppr.append(f'<w:pStyle w:val="{sid}"/>')
    else:
        left = round((ITEM_INDENT_CM if para.style == "item" else HANGING_CM) * _TWIPS_PER_CM)
        ppr.append(f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>')
        hanging = f' w:hanging="{round(HANGING_CM * _TWIPS_PER_CM)}"' if para.label or para.hanging else ""
        ppr.append(f'<w:ind w:left="{left}"{hanging}/>')
    if mark is not None and date is not None:
        ppr.append(f"<w:rPr>{_revision_xml(mark[0], mark[1], date, '')}</w:rPr>")
    segments: list[Segment] = []
    if para.label:
        lab = para.label_kind
        segments += [lab, Segment("\t", lab.kind, lab.author)]
    # (Word's own layout of rival versions, one deletion and the versions' insertions after it)
    segments += one_deletion(para.segments) if date is not None else para.segments
    body: list[str] = ["<w:r/>"] if date is not None and para.all_comments else []
    body.extend(_segments_xml(segments, date, para.named_by_notes, said))
    return f"<w:p {_NS}><w:pPr>{''.join(ppr)}</w:pPr>{''.join(body)}</w:p>"


def _segments_xml(
    segments: list[Segment], date: str | None, noted: Set[str] = frozenset(), said: list[str] | None = None
) -> list[str]:
    """Runs for ``segments``; with a ``date``, a run of segments by one author of one kind in
    one ``w:ins``/``w:del`` (an insertion another delegation deletes inside its inserter's),
    and a joint proposal's revisions in the range of a comment saying so (``_joint_ranges``;
    ``said`` gets its author) unless ``noted``, the authors of the paragraph's notes, names
    them already."""
    pieces: list[tuple[str, Segment | None]] = []  # each run or revision, and its segment if a revision
    i = 0
    while i < len(segments):
        seg = segments[i]
        if seg.kind not in ("ins", "del") or date is None:
            pieces.append((_runs_xml(seg.text, False), None))
            i += 1
            continue
        j = i
        key = (seg.kind, seg.author, seg.inserted_by)
        while j < len(segments) and (segments[j].kind, segments[j].author, segments[j].inserted_by) == key:
            j += 1
        inner = "".join(_runs_xml(x.text, seg.kind == "del") for x in segments[i:j])
        if inner:
            revision = _revision_xml(seg.kind, seg.author or "unattributed", date, inner)
            if seg.inserted_by is not None:  # words one delegation inserts and another deletes
                revision = _revision_xml("ins", seg.inserted_by, date, revision)
            pieces.append((revision, seg))
        i = j
    return _joint_ranges(pieces, noted, [] if said is None else said)


def _joint_ranges(pieces: list[tuple[str, Segment | None]], noted: Set[str], said: list[str]) -> list[str]:
    """``pieces`` with each joint proposal's revisions in the range of a comment (``joint_units``;
    its anchors' id ``_JOINT`` and a number, the comment's place in ``said``, which gets its
    author)."""
    units = joint_units([seg for _, seg in pieces], noted)
    if not units:
        return [xml for xml, _ in pieces]
    out: list[str] = []
    for start, end, owners in units:
        ids = [f"{_JOINT}-{len(said) + n}" for n in range(len(owners))]
        said.extend(owners)
        out.extend(f'<w:commentRangeStart w:id="{c}"/>' for c in ids)
        out.extend(xml for xml, _ in pieces[start:end])
        out.extend(
            f'<w:commentRangeEnd w:id="{c}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{c}"/></w:r>'
            for c in ids
        )
    return out


_JOINT = "bracketeer-joint"  # the id of a joint proposal comment's anchors until the comment is made


_TWIPS_PER_CM = 1440 / 2.54


def _style_ids(document: DocxDocument) -> dict[str, str | None]:
    ids: dict[str, str | None] = {}
    for key, name in (("title", "Title"), ("heading", "Heading 1")):
        try:
            ids[key] = document.styles[name].style_id
        except KeyError:  # a reference document without that style
            ids[key] = None
    return ids


def write_document(
    paras: list[Para], *, title: str, date: dt.datetime, tracked: bool, reference_doc: str | None = None
) -> bytes:
    """A .docx of ``paras``: with their revisions when ``tracked``, as plain text otherwise.

    The body is written as XML in one piece (python-docx's run-by-run API was 5x slower than
    writing the same paragraphs as plain text; bench/bench_render.py) and parsed once; the
    package, styles, properties and comments are python-docx's.
    """
    from docx.oxml import parse_xml

    document = _new_document(reference_doc)
    _properties(document, title, date)
    when = _iso(date) if tracked else None
    marks: list[tuple[str, str] | None] = [p.mark if tracked else None for p in paras]
    # Word keeps the document's last paragraph mark whatever happens to the revisions, so a last
    # paragraph inserted or deleted whole carries its mark revision on the paragraph before it
    if marks and marks[-1] is not None:
        if len(marks) > 1:
            marks[-2] = marks[-1]
        marks[-1] = None
    style_ids = _style_ids(document)
    said: list[list[str]] = [[] for _ in paras]  # each paragraph's joint proposals' comments
    xml = [
        _paragraph_xml(para if tracked else _plain(para), style_ids, when, mark, joint)
        for para, mark, joint in zip(paras, marks, said, strict=True)
    ]
    container = parse_xml(f"<w:body {_NS}>{''.join(xml)}</w:body>")
    _placed(document, list(container), paras, said, date if tracked else None)
    if tracked:
        _track_revisions(document)
        _number_revisions(document)
    return _bytes(document)


def _placed(
    document: DocxDocument,
    elements: list[Any],
    paras: list[Para],
    said: list[list[str]],
    date: dt.datetime | None,
) -> None:
    """The paragraphs ``elements`` (of ``paras``) at the end of the body, before its section
    properties; with a ``date`` (tracked), their comments: notes, and joint proposals' (by
    ``said``)."""
    body = document.element.body
    sect = body.find(_qn("w:sectPr"))
    joint_comments = _JointComments(document, date) if date is not None else None
    with _counted_comment_ids():
        for p_el, para, joint in zip(elements, paras, said, strict=True):
            if sect is not None:
                sect.addprevious(p_el)
            else:
                body.append(p_el)
            if date is not None and para.all_comments:
                _comments(document, p_el, para, date)
            if joint_comments is not None and joint:
                joint_comments.add(p_el, joint)
    if joint_comments is not None:
        joint_comments.finish()


def _plain(para: Para) -> Para:
    """``para`` as the clean text shows it: no deletions, nothing marked."""
    return Para(
        para.style,
        para.label,
        [Segment(s.text) for s in para.segments if s.kind != "del"],
        None,
        [],
        para.line,
    )


@contextmanager
def _counted_comment_ids() -> Iterator[None]:
    """While a document is written, each new comment's id is the last one plus one, counted:
    python-docx finds it by reading every comment already there, which made a draft's
    comments cost the square of their number (a 10 MB draft's tracked .docx took 19x the
    time of a 1 MB one). The ids are the same: python-docx gives max + 1 too."""
    from docx.oxml.comments import CT_Comments

    original = CT_Comments._next_available_comment_id
    state: dict[str, int] = {}

    def next_id(self: CT_Comments) -> int:
        if "next" not in state:
            state["next"] = original(self)  # a reference document's own comments counted once
        state["next"] += 1
        return state["next"] - 1

    CT_Comments._next_available_comment_id = next_id  # type: ignore[method-assign]
    try:
        yield
    finally:
        CT_Comments._next_available_comment_id = original  # type: ignore[method-assign]


def _comments(document: DocxDocument, p_el: Any, para: Para, date: dt.datetime) -> None:
    """``para``'s notes as Word comments by their authors, anchored on its first run; the
    notes after the document's last paragraph (``Para.comments``: "{End of options}") on an
    empty run after its words, where the reader reads them as following it."""
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    from .word.comments import initials

    paragraph = DocxParagraph(p_el, document._body)
    first = Run(p_el.find(_qn("w:r")), paragraph)
    before = [*para.notes, *para.alternative_comments]
    last = paragraph.add_run() if para.comments else first
    for k, (who, text) in enumerate([*before, *para.comments]):
        c = document.add_comment(
            first if k < len(before) else last, text=text, author=who, initials=initials(who)
        )
        c._comment_elm.date = date


class _JointComments:
    """The comments on the joint proposals of a document's paragraphs, each saying "Joint
    proposal: EU, NOR", by that author: their ids given to the anchors ``_segments_xml`` left
    for them as each paragraph is placed, their XML put into the comments part at the end in
    one piece (python-docx's comment API took half a millisecond a comment)."""

    def __init__(self, document: DocxDocument, date: dt.datetime):
        self.document, self.date = document, _iso(date)
        self.root: Any = None  # the comments part's root, once one is needed
        self.xml: list[str] = []

    def add(self, p_el: Any, said: list[str]) -> None:
        """The comments of paragraph ``p_el``'s joint proposals (``said``: their authors)."""
        if self.root is None:
            from docx.opc.constants import RELATIONSHIP_TYPE
            from docx.opc.part import XmlPart

            self.document.comments  # noqa: B018  (the comments part, made when the document has none)
            part = self.document.part.part_related_by(RELATIONSHIP_TYPE.COMMENTS)
            assert isinstance(part, XmlPart)
            self.root = part.element
        from .word.comments import joint_comment_xml

        made: dict[str, str] = {}
        for n, who in enumerate(said):
            cid = str(self.root._next_available_comment_id())  # (counted with the notes' comments)
            self.xml.append(joint_comment_xml(cid, who, self.date))
            made[f"{_JOINT}-{n}"] = cid
        for el in p_el.iter(_qn("w:commentRangeStart"), _qn("w:commentRangeEnd"), _qn("w:commentReference")):
            cid = el.get(_qn("w:id"))
            if cid in made:
                el.set(_qn("w:id"), made[cid])

    def finish(self) -> None:
        from docx.oxml import parse_xml

        if self.xml:
            self.root.extend(list(parse_xml(f"<w:comments {_NS}>{''.join(self.xml)}</w:comments>")))


# ------------------------------------------------------------------------------ side by side


def write_side_by_side(
    rows: list[Any],
    columns: list[str],
    *,
    title: str,
    date: dt.datetime,
    compact: bool,
    reference_doc: str | None = None,
) -> bytes:
    """A landscape table: Para | Agreed/base text | one column per delegation (or Proposals).

    ``rows`` are ``synoptic.Row``; a section heading is a row of its own across the table.
    The table's rows are written as XML in one piece and parsed once, as the tracked body is
    (python-docx's cell-by-cell API made a 1 MB draft's table take 37 s, growing faster than
    the draft); the XML is what that API wrote, element for element.
    """
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import parse_xml
    from docx.shared import Cm

    document = _new_document(reference_doc)
    _properties(document, title, date)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.add_paragraph(title, style="Title")
    legend = document.add_paragraph()
    legend.add_run("Legend: ").bold = True
    legend.add_run(LEGEND)

    heads = ["Para", "Agreed / base text", *(["Proposals"] if compact else columns)]
    usable = 29.7 - 3.0
    para_w = 1.8
    base_w = (usable - para_w) * (0.4 if len(heads) > 3 else 0.5)
    rest = (usable - para_w - base_w) / max(1, len(heads) - 2)
    widths = [Cm(para_w), Cm(base_w)] + [Cm(rest)] * (len(heads) - 2)
    table = document.add_table(rows=0, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and Word lay out from
    twips = [w.twips for w in widths]
    xml = [_row_xml("<w:tblHeader/>", [[[_cell_run(h, bold=True)]] for h in heads], twips)]
    for r in rows:
        xml.append(_synoptic_row_xml(r, columns, compact, twips))
    _adopt(table._tbl, parse_xml(f"<w:tbl {_NS}>{''.join(xml)}</w:tbl>"))
    return _bytes(document)


def _adopt(tbl: Any, parsed: Any) -> None:
    """The parsed rows moved into the document's table a paragraph at a time: lxml moves a
    subtree into another document in time that grows with the square of its size, and a
    cell of a draft made of one paragraph can hold tens of thousands of runs."""
    from lxml import etree

    tc = _qn("w:tc")
    for tr in list(parsed):
        row = etree.SubElement(tbl, tr.tag)
        for part in list(tr):
            if part.tag != tc:
                row.append(part)
                continue
            cell = etree.SubElement(row, tc)
            for p in list(part):
                cell.append(p)


def _synoptic_row_xml(r: Any, columns: list[str], compact: bool, twips: list[int]) -> str:
    """One row of the side-by-side table: a section heading across it, or a paragraph's."""
    if r.heading:
        cell = f'<w:tcW w:type="dxa" w:w="{sum(twips)}"/><w:gridSpan w:val="{len(twips)}"/>'
        across = _cell_xml(cell, [[_cell_run(r.label, bold=True)]])
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{across}</w:tr>"
    cells: list[list[list[str]]] = [[[_cell_run(r.label)]], [_segment_runs(r.base)]]
    if compact:
        said = [
            [_cell_run(f"{who}: ", bold=True), *_segment_runs(snippet)]
            for who in columns
            for snippet in r.proposals.get(who, [])
        ]
        cells.append(said or [[_cell_run("—")]])
    else:
        for who in columns:
            snippets = r.proposals.get(who, [])
            cells.append([_segment_runs(s) for s in snippets] or [[_cell_run("—")]])
    return _row_xml("<w:cantSplit/>", cells, twips)


def _row_xml(row_property: str, cells: list[list[list[str]]], twips: list[int]) -> str:
    """A ``w:tr`` whose cells hold paragraphs of runs (each cell's paragraphs, each a list of
    ``w:r``), each cell its column's width."""
    tcs = "".join(
        _cell_xml(f'<w:tcW w:type="dxa" w:w="{w}"/>', paragraphs)
        for paragraphs, w in zip(cells, twips, strict=True)
    )
    return f"<w:tr><w:trPr>{row_property}</w:trPr>{tcs}</w:tr>"


def _cell_xml(properties: str, paragraphs: list[list[str]]) -> str:
    body = "".join(f'<w:p><w:pPr><w:spacing w:after="40"/></w:pPr>{"".join(p)}</w:p>' for p in paragraphs)
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{body}</w:tc>"


_CELL_SIZE = '<w:sz w:val="20"/>'  # 10 pt


def _segment_runs(segments: Iterable[Segment]) -> list[str]:
    """Runs for a side-by-side cell: insertions bold-underlined, deletions struck through."""
    out = []
    for seg in segments:
        if not seg.text:
            continue
        if seg.kind == "text":
            out.append(_cell_run(seg.text))
            continue
        ins, deleted = seg.kind == "ins", seg.kind == "del"
        properties = (
            ("<w:b/>" if ins else '<w:b w:val="0"/>')
            + ("<w:strike/>" if deleted else '<w:strike w:val="0"/>')
            + _CELL_SIZE
            + ('<w:u w:val="single"/>' if ins else '<w:u w:val="none"/>')
        )
        out.append(_run_xml(seg.text, properties))
    return out


def _cell_run(text: str, *, bold: bool = False) -> str:
    return _run_xml(text, ("<w:b/>" if bold else "") + _CELL_SIZE)


def _run_xml(text: str, properties: str) -> str:
    """A ``w:r`` as python-docx's ``add_run`` writes it: tabs ``w:tab``, line breaks ``w:br``,
    ``xml:space`` only where the text starts or ends with a space."""
    parts = [f"<w:rPr>{properties}</w:rPr>"]
    for piece in re.split(r"([\t\r\n])", _INVALID_XML.sub("", text)):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{''.join(parts)}</w:r>"
