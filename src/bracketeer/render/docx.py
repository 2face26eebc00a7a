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
import zipfile
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .model import Para, Segment
from .synoptic import LEGEND

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

HANGING_CM = 1.27
ITEM_INDENT_CM = 2.54
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _new_document(reference_doc: str | None) -> DocxDocument:
    import docx
    from docx.shared import Pt, RGBColor

    if reference_doc:
        document = docx.Document(reference_doc)
        body = document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        return document
    document = docx.Document()
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


class _Revisions:
    """Wraps runs in ``w:ins``/``w:del`` and marks paragraph marks; ids are set at the end."""

    def __init__(self, date: dt.datetime):
        self.date = _iso(date)

    def element(self, kind: str, who: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        el = OxmlElement(f"w:{kind}")
        el.set(qn("w:id"), "0")
        el.set(qn("w:author"), who)
        el.set(qn("w:date"), self.date)
        return el

    def wrap(self, paragraph: DocxParagraph, runs: list[Any], kind: str, who: str) -> None:
        from docx.oxml.ns import qn

        holder = self.element(kind, who)
        runs[0]._r.addprevious(holder)
        for run in runs:
            holder.append(run._r)
            if kind == "del":
                for t in run._r.iter(qn("w:t")):
                    t.tag = qn("w:delText")

    def mark(self, paragraph: DocxParagraph, kind: str, who: str) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(_qn("w:rPr"))
        if rpr is None:
            from docx.oxml import OxmlElement

            rpr = OxmlElement("w:rPr")
            ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
        rpr.append(self.element(kind, who))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _add_segments(
    paragraph: DocxParagraph,
    segments: Iterable[Segment],
    revisions: _Revisions | None,
    comments: Callable[[list[Any]], None] | None = None,
) -> list[Any]:
    """Runs for ``segments``; consecutive revisions by one author share one ``w:ins``/``w:del``.

    ``comments`` is called with the runs before any is wrapped in a revision, so that comment
    ranges sit beside the revisions rather than inside them (pandoc loses them there).
    """
    runs: list[Any] = []
    groups: list[tuple[list[Any], str, str]] = []
    group_key: tuple[str, str | None] | None = None
    for seg in segments:
        if not seg.text:
            continue
        run = paragraph.add_run(seg.text)
        if revisions is None and seg.kind != "text":
            # side-by-side cells: insertions bold-underlined, deletions struck through
            run.bold = seg.kind == "ins"
            run.underline = seg.kind == "ins"
            run.font.strike = seg.kind == "del"
        runs.append(run)
        key = (seg.kind, seg.author) if seg.kind != "text" else None
        if key is not None:
            if key == group_key:
                groups[-1][0].append(run)
            else:
                groups.append(([run], key[0], key[1] or "unattributed"))
        group_key = key
    if comments is not None:
        comments(runs)
    if revisions is not None:
        for group_runs, kind, who in groups:
            revisions.wrap(paragraph, group_runs, kind, who)
    return runs


def _paragraph(
    document: DocxDocument, para: Para, revisions: _Revisions | None, date: dt.datetime | None = None
) -> DocxParagraph:
    from docx.shared import Cm

    if para.style == "title":
        p = document.add_paragraph(style="Title")
    elif para.style == "heading":
        p = document.add_paragraph(style="Heading 1")
    else:
        p = document.add_paragraph()
        indent = ITEM_INDENT_CM if para.style == "item" else HANGING_CM
        fmt = p.paragraph_format
        fmt.left_indent = Cm(indent)
        fmt.first_line_indent = Cm(-HANGING_CM) if para.label else None
        fmt.tab_stops.add_tab_stop(Cm(indent))
    segments: list[Segment] = []
    if para.label:
        lab = para.label_kind
        segments += [lab, Segment("\t", lab.kind, lab.author)]
    segments += para.segments

    def comment(runs: list[Any]) -> None:
        if not para.comments or date is None:
            return
        anchor = runs or [p.add_run("")]
        for who, text in para.comments:
            initials = "".join(w[0] for w in who.split())[:4]
            c = document.add_comment(anchor, text=text, author=who, initials=initials)
            c._comment_elm.date = date

    _add_segments(p, segments, revisions, comment)
    if revisions is not None and para.mark is not None:
        revisions.mark(p, para.mark[0], para.mark[1])
    return p


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


def _final_mark(paragraphs: list[tuple[DocxParagraph, Para]], revisions: _Revisions) -> None:
    """Word keeps the document's last paragraph mark whatever happens to the revisions, so a
    last paragraph inserted or deleted as a whole carries its mark revision on the paragraph
    before it instead (rejecting or accepting it then leaves no empty paragraph behind)."""
    if not paragraphs:
        return
    last, para = paragraphs[-1]
    if para.mark is None:
        return
    ppr = last._p.pPr
    rpr = ppr.find(_qn("w:rPr")) if ppr is not None else None
    if rpr is not None:
        for el in [*rpr.findall(_qn("w:del")), *rpr.findall(_qn("w:ins"))]:
            rpr.remove(el)
    if len(paragraphs) > 1:
        revisions.mark(paragraphs[-2][0], para.mark[0], para.mark[1])


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


def write_document(
    paras: list[Para], *, title: str, date: dt.datetime, tracked: bool, reference_doc: str | None = None
) -> bytes:
    """A .docx of ``paras``: with their revisions when ``tracked``, as plain text otherwise."""
    document = _new_document(reference_doc)
    _properties(document, title, date)
    revisions = _Revisions(date) if tracked else None
    written: list[tuple[DocxParagraph, Para]] = []
    for para in paras:
        segs = para.segments if tracked else [Segment(s.text) for s in para.segments if s.kind != "del"]
        shown = para if tracked else Para(para.style, para.label, segs, None, [], para.line)
        written.append((_paragraph(document, shown, revisions, date if tracked else None), para))
    if tracked:
        assert revisions is not None
        _final_mark(written, revisions)
        _track_revisions(document)
        _number_revisions(document)
    return _bytes(document)


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
    """
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

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
    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and Word lay out from
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text, width in zip(header.cells, heads, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    for r in rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        if r.heading:
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(r.label).bold = True
            continue
        cells[0].paragraphs[0].add_run(r.label)
        _add_segments(cells[1].paragraphs[0], r.base, None)
        if compact:
            cell = cells[2]
            first = True
            for who in columns:
                for snippet in r.proposals.get(who, []):
                    p = cell.paragraphs[0] if first else cell.add_paragraph()
                    first = False
                    p.add_run(f"{who}: ").bold = True
                    _add_segments(p, snippet, None)
            if first:
                cell.paragraphs[0].add_run("—")
        else:
            for cell, who in zip(cells[2:], columns, strict=True):
                snippets = r.proposals.get(who, [])
                if not snippets:
                    cell.paragraphs[0].add_run("—")
                for i, snippet in enumerate(snippets):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    _add_segments(p, snippet, None)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(2)
                for run in p.runs:
                    run.font.size = Pt(10)
    return _bytes(document)
