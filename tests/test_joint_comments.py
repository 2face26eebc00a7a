"""A joint proposal in Word: one revision whose author names every sponsor ("EU, NOR"), and a
comment on it saying so ("Joint proposal: EU, NOR"). The comment is no note: bracketeer does not
read it as one, and a decision written back takes it out with its proposal, or words it for the
sponsors left."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from bracketeer import api
from bracketeer.ast import Note

from .conftest import pandoc_plain, run_cli

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

DRAFT = (
    "T\n\n"
    "1. Alpha [EU, NOR: bravo] charlie [US: delta] echo.\n\n"
    "2. [EU: ~~foxtrot~~ golf] / [CAN, MEX: ~~foxtrot~~ hotel] india.\n\n"
    "3. Juliet [EU, NOR, US: kilo] lima.\n"
)


def _tracked(tmp_path, text=DRAFT):
    src = tmp_path / "draft.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "draft.docx"
    r = run_cli(["render", str(src), "--mode", "tracked", "--date", "2024-04-16", "-o", str(out)])
    assert r.code == 0, r.err
    return out


def _comments(path):
    """Each comment as (author, words)."""
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        data = z.read("word/comments.xml").decode()
    return [
        (author, "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inner)))
        for author, inner in re.findall(r'<w:comment\b[^>]*w:author="([^"]*)"[^>]*>(.*?)</w:comment>', data)
    ]


def _anchors(path):
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
    return re.findall(r"<w:comment(?:RangeStart|RangeEnd|Reference) [^>]*/>", body)


def _decide(tmp_path, word, *args, name="out.docx"):
    out = tmp_path / name
    r = run_cli([*args, str(word), "-o", str(out), "--report", "none"])
    assert r.code == 0, r.err
    return out


def _words(document):
    """The draft's bracketed text, its spacing aside (a Word file writes a tab after a label, and
    its reader no space between struck words and those replacing them)."""
    return re.sub(r"~~ ", "~~", " ".join(api.render(document, api.RenderOptions(to="text")).decode().split()))


def _pandoc(path):
    """The .docx as pandoc reads it, every revision and comment shown."""
    return pandoc_plain(path, "all", to="markdown")


def test_each_joint_proposal_has_a_comment_naming_its_sponsors(tmp_path):
    word = _tracked(tmp_path)
    # one each for the joint proposals; none for US's own, nor for the deletion rival versions
    # share ("EU, CAN, MEX" strike "foxtrot" together, and propose nothing together)
    assert _comments(word) == [
        ("EU, NOR", "Joint proposal: EU, NOR"),
        ("CAN, MEX", "Joint proposal: CAN, MEX"),
        ("EU, NOR, US", "Joint proposal: EU, NOR, US"),
    ]
    assert len(_anchors(word)) == 9  # a start, an end and a reference each


@needs_pandoc
def test_pandoc_reads_the_comment_over_the_joint_revision(tmp_path):
    md = _pandoc(_tracked(tmp_path))
    assert re.search(
        r'\[Joint proposal: EU, NOR\]\{\.comment-start id="\d+" author="EU, NOR"[^}]*\}'
        r'\[bravo\]\{\.insertion author="EU, NOR"[^}]*\}\s*\[\]\{\.comment-end',
        md,
    ), md
    # the rival versions stand whole inside CAN and MEX's comment, as Word's layout of them
    assert re.search(
        r'\[Joint proposal: CAN, MEX\]\{\.comment-start[^}]*\}\[foxtrot\]\{\.deletion author="EU, CAN, MEX"',
        md,
    ), md


def test_the_comment_is_no_note_when_the_file_is_read(tmp_path):
    document = api.load(_tracked(tmp_path))
    assert not [b for b in document.blocks if isinstance(b, Note)]
    assert _words(document) == _words(api.load(DRAFT.encode()))


@needs_pandoc
def test_a_decided_proposal_takes_its_comment_with_it(tmp_path):
    word = _tracked(tmp_path)
    accepted = _decide(tmp_path, word, "accept", "-d", "NOR", name="accepted.docx")
    # NOR's two joint proposals are in the text now: their comments went; CAN and MEX's stays
    assert _comments(accepted) == [("CAN, MEX", "Joint proposal: CAN, MEX")]
    assert len(_anchors(accepted)) == 3
    assert "Alpha bravo charlie" in _pandoc(accepted)
    # accepting everything leaves the rival versions open (both accepted: a conflict), and CAN
    # and MEX's comment with them; rejecting everything leaves no proposal, and no comment
    accepted = _decide(tmp_path, word, "accept", "--all", name="accept.docx")
    assert _comments(accepted) == [("CAN, MEX", "Joint proposal: CAN, MEX")]
    rejected = _decide(tmp_path, word, "reject", "--all", name="reject.docx")
    assert _comments(rejected) == [] and _anchors(rejected) == []


@needs_pandoc
def test_a_withdrawn_sponsor_leaves_the_comment_worded_for_the_others(tmp_path):
    word = _tracked(tmp_path)
    out = _decide(tmp_path, word, "reject", "-d", "NOR")
    # "EU, NOR" is EU's alone now: no longer joint, no comment; "EU, NOR, US" is EU and US's
    assert _comments(out) == [("CAN, MEX", "Joint proposal: CAN, MEX"), ("EU, US", "Joint proposal: EU, US")]
    md = _pandoc(out)
    assert re.search(r'\[bravo\]\{\.insertion author="EU"', md), md
    assert re.search(
        r'\[Joint proposal: EU, US\]\{\.comment-start id="\d+" author="EU, US"[^}]*\}'
        r'\[kilo\]\{\.insertion author="EU, US"',
        md,
    ), md
    with zipfile.ZipFile(out) as z:
        entry = re.search(r'<w:comment [^>]*w:author="EU, US"[^>]*>', z.read("word/comments.xml").decode())
        assert entry is not None and 'w:initials="EU"' in entry.group()
    # and the file reads as the decision: the comment still no note
    decided = DRAFT.replace("[EU, NOR: bravo]", "[EU: bravo]").replace(
        "[EU, NOR, US: kilo]", "[EU, US: kilo]"
    )
    assert _words(api.load(out)) == _words(api.load(decided.encode()))


def test_a_comment_saying_other_words_is_read_as_a_note(tmp_path):
    # the writer's words only, by the revisions' author, are taken for its comment: a person's
    # comment stays a note, nothing of it lost
    word = _tracked(tmp_path, "T\n\n1. Alpha [EU, NOR: bravo] charlie.\n")
    with zipfile.ZipFile(word) as z:
        parts = {i: z.read(i) for i in z.infolist()}
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as z:
        for info, data in parts.items():
            if info.filename == "word/comments.xml":
                data = data.replace(b"Joint proposal: EU, NOR", b"Joint proposal: EU, NOR. Check with NOR")
            z.writestr(info, data)
    notes = [b for b in api.load(edited).blocks if isinstance(b, Note)]
    assert [n.text for n in notes] == ["Note: EU, NOR: Joint proposal: EU, NOR. Check with NOR"]


@needs_soffice
def test_libreoffice_keeps_the_comment_and_bracketeer_still_reads_no_note(tmp_path):
    word = _tracked(tmp_path)
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(word)],
        capture_output=True,
        check=True,
        timeout=180,
    )
    rewritten = out / "draft.docx"
    assert {c for c in _comments(rewritten)} >= {("EU, NOR", "Joint proposal: EU, NOR")}
    document = api.load(rewritten)
    assert not [b for b in document.blocks if isinstance(b, Note)]
    decided = _decide(tmp_path, rewritten, "reject", "--all", name="lo-rejected.docx")
    assert [c for c in _comments(decided) if c[1].startswith("Joint proposal")] == []
    # LibreOffice writes a range's start inside the revision it holds: still the comment's
    withdrawn = _decide(tmp_path, rewritten, "reject", "-d", "NOR", name="lo-without-nor.docx")
    assert [c for c in _comments(withdrawn) if c[1].startswith("Joint proposal")] == [
        ("CAN, MEX", "Joint proposal: CAN, MEX"),
        ("EU, US", "Joint proposal: EU, US"),
    ]


# ------------------------------------------------------------------ into the user's own document
def test_a_compilation_into_a_word_base_comments_its_joint_proposals(tmp_path):
    # the base's own document (no comments part of its own): the comments part is made, named in
    # the relationships and content types, and the decisions settle the comment as above
    base = tmp_path / "base.txt"
    base.write_text(
        "T\n\n1. Member states shall adopt measures.\n\n2. The committee shall report yearly on its work.\n",
        encoding="utf-8",
    )
    word_base = tmp_path / "base.docx"
    r = run_cli(["render", str(base), "--mode", "clean", "-o", str(word_base)])
    assert r.code == 0, r.err
    assert _comments(word_base) == []
    edited = base.read_text().replace("adopt measures", "adopt effective measures")
    for code in ("EU", "NOR"):
        (tmp_path / f"{code}.txt").write_text(edited, encoding="utf-8")
    (tmp_path / "US.txt").write_text(base.read_text().replace("yearly", "every year"), encoding="utf-8")
    out = tmp_path / "compilation.docx"
    r = run_cli(
        [
            "consolidate",
            str(word_base),
            *(f"{c}={tmp_path / c}.txt" for c in ("EU", "NOR", "US")),
            "-o",
            str(out),
        ]
    )
    assert r.code == 0, r.err
    assert _comments(out) == [("EU, NOR", "Joint proposal: EU, NOR")]
    with zipfile.ZipFile(out) as z:
        assert b"/word/comments.xml" in z.read("[Content_Types].xml")
        assert b'relationships/comments" Target="comments.xml"' in z.read("word/_rels/document.xml.rels")
    assert not [b for b in api.load(out).blocks if isinstance(b, Note)]
    assert _comments(_decide(tmp_path, out, "reject", "-d", "NOR")) == []
    assert _comments(_decide(tmp_path, out, "accept", "-d", "US", name="us.docx")) == [
        ("EU, NOR", "Joint proposal: EU, NOR")
    ]


def test_a_word_draft_made_tracked_keeps_its_own_comments_and_adds_the_joint_ones(tmp_path):
    from .conftest import EXAMPLES

    source = EXAMPLES / "cicte-omnibus-2024.docx"
    out = tmp_path / "tracked.docx"
    r = run_cli(["render", str(source), "--mode", "tracked", "-o", str(out)])
    assert r.code == 0, r.err
    own = _comments(source)
    # paragraph 8's versions by ARG and by the US, alike, stay each its own line, by its own:
    # no joint proposal (made one, "ARG, US" on ARG's line, the US proposed both versions, and
    # accepting the US's was a conflict)
    assert _comments(out) == own
    if shutil.which("pandoc"):  # every proposal a revision, the US's version of 8 too: none typed
        assert "[" not in pandoc_plain(out, "accept")
    for decision in (
        ["accept", "-d", "US"],
        ["reject", "-d", "US"],
        ["accept", "-d", "ARG"],
        ["reject", "-d", "ARG"],
    ):
        decided = run_cli([*decision, "--report", "none", "--to", "text", str(source)]).text
        written = _decide(tmp_path, out, *decision)
        back = run_cli(["render", "--to", "text", "--mode", "tracked", str(written)]).text
        assert back.split() == decided.split(), decision
    notes = [b.text for b in api.load(out).blocks if isinstance(b, Note)]
    assert notes == [b.text for b in api.load(source).blocks if isinstance(b, Note)]
    assert _comments(_decide(tmp_path, out, "reject", "--all")) == own[:1]  # the dated line's


def test_a_tracked_word_file_made_tracked_again_gets_no_second_comment(tmp_path):
    # its joint revisions have their comments already: rendering it tracked adds none
    word = _tracked(tmp_path)
    again = tmp_path / "again.docx"
    r = run_cli(["render", str(word), "--mode", "tracked", "-o", str(again)])
    assert r.code == 0, r.err
    assert _comments(again) == _comments(word)


def test_a_comments_part_written_empty_takes_the_comments_inside_its_root():
    # a producer may write a document's comments part as an empty root ("<w:comments .../>"):
    # the comments go inside it, the bytes before it as they were
    from bracketeer.write.word.comments import _with_entries

    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    assert (
        _with_entries(head + b'<w:comments xmlns:w="x"/>', b"<c/>", "d.docx")
        == head + b'<w:comments xmlns:w="x"><c/></w:comments>'
    )
    assert (
        _with_entries(head + b'<w:comments xmlns:w="x"><w:comment/></w:comments>\n', b"<c/>", "d.docx")
        == head + b'<w:comments xmlns:w="x"><w:comment/><c/></w:comments>\n'
    )
