"""`bracketeer diff`: alignment, word diff, proposal events, outputs and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bracketeer.diff import diff

from .conftest import EXAMPLE, EXAMPLES, parse, run_cli
from .docx_checks import check_invariants

REV1 = EXAMPLES / "cicte-omnibus-2024-rev1.txt"
T = "TITLE\n\n"


def events(old, new, **kw):
    d = diff(parse(old), parse(new), **kw)
    return [(e.kind, e.sponsors, e.text, e.new_text, e.detail) for e in d.events]


@pytest.fixture(scope="module")
def example_diff():
    from bracketeer import load

    return diff(load(EXAMPLE), load(REV1))


# ------------------------------------------------------------------ the second version of the example
def test_every_event_on_the_example(example_diff):
    found = [
        (e.kind, e.sponsors, e.old_label, e.new_label, e.text[:30], e.new_text, e.detail)
        for e in example_diff.events
    ]
    assert found == [
        (
            "accepted",
            ("US",),
            "2.",
            "2.",
            "terroristm and proliferation",
            "terrorism and proliferation",
            "with changes",
        ),
        ("amended", ("CAN",), "2.", "2.", "Intelligence Analysis", "Intelligence and Analysis", ""),
        ("rejected", ("US",), "2.", "2.", "terrorist criminal", None, ""),
        ("new", ("MEX",), "3.", "3.", "workshops,", None, ""),
        ("accepted", ("US",), "4.bis.", "5.", "To authorize the CICTE Secreta", None, ""),
        (
            "withdrawn",
            ("ARG",),
            "8.",
            "9.",
            "To instruct the Secretariat of",
            None,
            "its version of the paragraph",
        ),
        ("sponsor-joined", ("CAN",), "8.", "9.", "To instruct the Secretariat of", None, ""),
        ("note-removed", ("US",), None, None, "Proposed new paragraph submitt", None, ""),
    ]


def test_renumbered_and_moved_paragraphs_are_reported_as_such(example_diff):
    moves = [
        (c.old.label, c.new.label, c.renumbered, c.moved)
        for c in example_diff.changes
        if c.old and c.new and (c.renumbered or c.moved)
    ]
    assert moves == [
        ("4.bis.", "5.", True, False),
        ("5.", "6.", True, False),
        ("6.", "8.", True, True),
        ("8.", "9.", True, False),
    ]
    assert all(c.kind not in ("added", "removed") for c in example_diff.changes)
    unchanged_but_renumbered = [c for c in example_diff.changes if c.old and c.old.label == "5."][0]
    assert unchanged_but_renumbered.kind == "unchanged" and unchanged_but_renumbered.ops == []


def test_summary_line(example_diff):
    # the example's six open brackets (2.: three; 4.bis; 8.: ARG's and US's versions) and
    # rev1's three (2.: CAN's; 3.: MEX's; 9.: the joint version), counted by hand
    assert example_diff.summary() == (
        "open brackets 6 → 3; 4 paragraphs changed, 4 paragraphs renumbered, 1 paragraph moved, 2 proposals accepted, 1 proposal rejected, "
        "1 proposal withdrawn, 1 proposal amended, 1 co-sponsor joined, 1 note removed, 1 new by MEX"
    )


# ------------------------------------------------------------------ rules on small drafts
def test_word_diff_inside_a_paragraph():
    d = diff(
        parse(T + "1. The Parties shall act now.\n"), parse(T + "1. The Parties should act quickly now.\n")
    )
    (c,) = d.changes
    assert [(op.tag, op.text) for op in c.ops if op.tag != "equal"] == [
        ("delete", "shall"),
        ("insert", "should"),
        ("insert", "quickly "),
    ]


def test_added_and_removed_paragraphs():
    d = diff(
        parse(T + "1. One.\n\n2. Two is here.\n\n3. Three.\n"),
        parse(T + "1. One.\n\n2. A brand new text entirely.\n\n3. Three.\n"),
    )
    kinds = [(c.kind, c.old.label if c.old else None, c.new.label if c.new else None) for c in d.changes]
    assert ("removed", "2.", None) in kinds and ("added", None, "2.") in kinds


def test_cosponsor_left_and_new_whole_paragraph():
    old = T + "1. Give [US, CAN: more] funds.\n"
    new = T + "1. Give [US: more] funds.\n\n2. [MEX: Decides to act.]\n"
    assert events(old, new) == [
        ("sponsor-left", ("CAN",), "more", None, ""),
        ("new", ("MEX",), "Decides to act.", None, ""),
    ]


def test_alternative_added():
    old = T + "8. [ARG: Version A].\n"
    new = T + "8. [ARG: Version A].\n\n   [US: Version B].\n"
    assert events(old, new) == [("alternative-added", ("US",), "Version B", None, "")]


def test_ignore_whitespace_and_labels():
    old = T + "1. One  two.\n\n2. Three.\n"
    new = T + "1. One two.\n\n3. Three.\n"
    assert diff(parse(old), parse(new)).differs
    assert diff(parse(old), parse(new), ignore_whitespace=True).differs  # 2 → 3 still counts
    assert not diff(parse(old), parse(new), ignore_whitespace=True, ignore_labels=True).differs


def test_moved_paragraph_not_a_wall_of_changes():
    paras = [
        f"{i}. Paragraph number {w} says something different from the others here."
        for i, w in enumerate(["one", "two", "three", "four", "five", "six"], 1)
    ]
    old = T + "\n\n".join(paras) + "\n"
    moved = paras[:1] + paras[2:5] + paras[1:2] + paras[5:]
    new = T + "\n\n".join(moved) + "\n"
    d = diff(parse(old), parse(new), ignore_labels=True)
    assert [c.old.label for c in d.changes if c.moved] == ["2."]
    assert all(c.kind == "unchanged" for c in d.changes)


# ------------------------------------------------------------------ command line
def test_exit_status_like_diff(tmp_path):
    assert run_cli(["diff", str(EXAMPLE), str(EXAMPLE)]).code == 0
    assert run_cli(["diff", str(EXAMPLE), str(EXAMPLE)]).out == b""
    assert run_cli(["diff", str(EXAMPLE), str(REV1)]).code == 1
    assert run_cli(["diff", str(EXAMPLE), str(tmp_path / "missing.txt")]).code == 2
    bad = tmp_path / "bad.txt"
    bad.write_text("1. [US: open\n")
    assert run_cli(["diff", str(EXAMPLE), str(bad)]).code == 2
    assert run_cli(["diff", "-", "-"]).code == 2


def test_stdin_on_either_side():
    r = run_cli(["diff", "--summary", str(EXAMPLE), "-"], stdin=REV1.read_bytes())
    assert r.code == 1
    assert r.text.startswith("open brackets 6 → 3; 4 paragraphs changed")
    r = run_cli(["diff", "--summary", "-", str(EXAMPLE)], stdin=EXAMPLE.read_bytes())
    assert (r.code, r.text) == (0, "no differences\n")


def test_unified_format_is_plain_word_diff():
    r = run_cli(["diff", "--format", "unified", str(EXAMPLE), str(REV1)])
    text = r.text
    assert "\x1b[" not in text
    assert text.startswith(f"--- {EXAMPLE}\n+++ {REV1}\n@@@ CICTE @@@\n@@ 2. @@\n")
    assert "methods of [-[US: terroristm-]{+terrorism+} and proliferation[-]-] financing" in text
    assert "@@ 6. → 8. (renumbered, moved) @@" in text
    assert (
        '  accepted (with changes) by US: "terroristm and proliferation" → "terrorism and proliferation"'
        in text
    )


def test_json_format():
    data = json.loads(run_cli(["diff", "--format", "json", str(EXAMPLE), str(REV1)]).out)
    assert data["schema"] == "bracketeer.diff/1"
    assert data["differs"] is True
    assert list(data) == [
        "schema",
        "old",
        "new",
        "differs",
        "summary",
        "counts",
        "open_brackets",
        "paragraphs",
        "notes",
    ]
    assert data["open_brackets"] == {
        "before": {"passages": 6, "brackets": 6},
        "after": {"passages": 3, "brackets": 3},
    }
    p2 = data["paragraphs"][0]
    assert (p2["old_label"], p2["new_label"], p2["matched_by"]) == ("2.", "2.", "label")
    assert {"op": "insert", "text": "terrorism"} in p2["ops"]
    assert p2["events"][0]["kind"] == "accepted"
    assert data["counts"]["paragraphs moved"] == 1


def test_no_colour_when_piped_or_no_color():
    p = subprocess.run(
        [sys.executable, "-m", "bracketeer", "diff", str(EXAMPLE), str(REV1)], capture_output=True
    )
    assert p.returncode == 1 and b"\x1b[" not in p.stdout


def test_docx_of_new_against_old(tmp_path):
    import shutil

    out = tmp_path / "d.docx"
    r = run_cli(["diff", "--format", "docx", "--date", "2024-05-01", str(EXAMPLE), str(REV1), "-o", str(out)])
    assert r.code == 1
    assert check_invariants(out) == []
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="cicte-omnibus-2024-rev1.txt"' in xml
    r = run_cli(
        ["diff", "--format", "docx", "--author", "Secretariat", str(EXAMPLE), str(REV1), "-o", str(out)]
    )
    assert 'w:author="Secretariat"' in zipfile.ZipFile(out).read("word/document.xml").decode()
    if shutil.which("pandoc") is None:
        return
    # pandoc: accepting every revision gives the new version, rejecting them the old one
    from .test_render_docx import pandoc_paragraphs

    def clean_of(path, name):
        target = tmp_path / name
        assert run_cli(["render", str(path), "--mode", "clean", "--force", "-o", str(target)]).code == 0
        return pandoc_paragraphs(target, "accept")

    assert pandoc_paragraphs(out, "accept") == clean_of(REV1, "new.docx")
    assert pandoc_paragraphs(out, "reject") == clean_of(EXAMPLE, "old.docx")


def test_a_terminal_without_colour_still_shows_what_was_inserted_and_deleted():
    # with NO_COLOR or TERM=dumb the rich diff lost every marker: "terroristmterrorism"
    old, new = EXAMPLES / "cicte-omnibus-2024.txt", EXAMPLES / "cicte-omnibus-2024-rev1.txt"
    r = run_cli(["diff", "--format", "rich", str(old), str(new)])  # not a terminal: no colour
    shown = " ".join(r.text.split())
    assert "[-[US: terroristm-]{+terrorism+}" in shown
    assert "terroristmterrorism" not in shown


def test_a_proposal_that_only_moved_is_moved_not_rejected_and_new(tmp_path):
    # splitting paragraph 2 into 2 and 2.bis said "1 proposal rejected, 1 new by US": a delegate
    # reading that would believe their text was dropped
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "1. Calls upon [US: all] States to act.\n\n"
        "2. Encourages States to share data [CAN: promptly] and to report on progress [US: annually] to the Committee.\n"
    )
    new.write_text(
        "1. Calls upon [US: all] States to act.\n\n"
        "2. Encourages States to share data [CAN: promptly].\n\n"
        "2.bis. Encourages States to report on progress [US: annually] to the Committee.\n"
    )
    data = json.loads(run_cli(["diff", "--format", "json", str(old), str(new)]).text)
    events = [
        (e["kind"], e["sponsors"], e["old_label"], e["new_label"])
        for p in data["paragraphs"]
        for e in p["events"]
    ]
    assert events == [("moved", ["US"], "2.", "2.bis.")]
    assert data["summary"].endswith("1 proposal moved")
    # the same words by another delegation are no move
    new.write_text(new.read_text().replace("[US: annually]", "[CAN: annually]"))
    data = json.loads(run_cli(["diff", "--format", "json", str(old), str(new)]).text)
    kinds = sorted(e["kind"] for p in data["paragraphs"] for e in p["events"])
    assert kinds == ["new", "rejected"]


def test_a_paragraph_split_in_two_and_two_merged_are_said_so(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(
        "1. Calls upon [US: all] States to act.\n\n"
        "2. Encourages States to share data [CAN: promptly] and to report on progress [US: annually] to the Committee.\n"
    )
    two.write_text(
        "1. Calls upon [US: all] States to act.\n\n"
        "2. Encourages States to share data [CAN: promptly].\n\n"
        "2.bis. Encourages States to report on progress [US: annually] to the Committee.\n"
    )
    split = json.loads(run_cli(["diff", "--format", "json", str(one), str(two)]).text)
    added = [p for p in split["paragraphs"] if p["kind"] == "added"]
    assert [(p["new_label"], p["split_from"]) for p in added] == [("2.bis.", "2.")]
    assert "1 paragraph split" in split["summary"]
    assert "added 2.bis. (split from 2.)" in run_cli(["diff", "--format", "unified", str(one), str(two)]).text
    merged = json.loads(run_cli(["diff", "--format", "json", str(two), str(one)]).text)
    removed = [p for p in merged["paragraphs"] if p["kind"] == "removed"]
    assert [(p["old_label"], p["merged_into"]) for p in removed] == [("2.bis.", "2.")]
    # the proposal went with its words: moved, both ways
    assert [e["kind"] for p in merged["paragraphs"] for e in p["events"]] == ["moved"]
    # a paragraph added with words of its own is no split
    two.write_text(
        two.read_text().replace("2.bis. Encourages States to report on progress", "2.bis. Welcomes")
    )
    fresh = json.loads(run_cli(["diff", "--format", "json", str(one), str(two)]).text)
    assert all(p["split_from"] is None for p in fresh["paragraphs"])


def _word_version(path, bold: bool, underline: bool = False):
    import docx

    document = docx.Document()
    document.add_paragraph("TITLE")
    p = document.add_paragraph("2. Strengthening the capacities of Financial ")
    run = p.add_run("Intelligence Analysis")
    run.bold = bold
    run.underline = underline
    p.add_run(" Units.")
    document.add_paragraph("3. Unchanged text.")
    document.save(path)
    return path


def test_word_versions_that_differ_only_in_formatting_are_not_the_same(tmp_path):
    """A secretariat marking a proposal by bold or underline changes no word: the diff says so
    instead of "no differences"."""
    old = _word_version(tmp_path / "old.docx", bold=False)
    new = _word_version(tmp_path / "new.docx", bold=True, underline=True)
    r = run_cli(["diff", "--format", "unified", str(old), str(new)])
    assert r.code == 1, r.err
    assert b"(reformatted)" in r.out
    assert b'formatting: "Intelligence Analysis": bold, underline added' in r.out
    assert b"1 paragraph reformatted" in r.out
    data = json.loads(run_cli(["diff", "--format", "json", str(old), str(new)]).out)
    [para] = data["paragraphs"]
    assert para["formatting"] == ['"Intelligence Analysis": bold, underline added']
    # and back: the same words, the formatting removed
    back = run_cli(["diff", "--format", "unified", str(new), str(old)])
    assert b"bold, underline removed" in back.out
    same = run_cli(["diff", str(old), str(_word_version(tmp_path / "same.docx", bold=False))])
    assert same.code == 0


def test_the_compiled_difflib_gives_the_same_comparison(monkeypatch):
    """The ``fast`` extra's cydifflib is used only because it gives what difflib gives: the same
    JSON on the example's revision and on a heavily revised generated draft."""
    pytest.importorskip("cydifflib")
    import difflib
    from pathlib import Path

    import bracketeer.diff as module
    from bracketeer.write import schemas

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_diff import edit
    from generate import generate

    text = generate(150_000)
    pairs = [
        (
            parse((EXAMPLES / "cicte-omnibus-2024.txt").read_text()),
            parse((EXAMPLES / "cicte-omnibus-2024-rev1.txt").read_text()),
        ),
        (parse(text), parse(edit(text, share=0.5))),
    ]
    assert module.SequenceMatcher is not difflib.SequenceMatcher
    fast = [schemas.dumps(schemas.diff(diff(a, b))) for a, b in pairs]
    monkeypatch.setattr(module, "SequenceMatcher", difflib.SequenceMatcher)
    assert fast == [schemas.dumps(schemas.diff(diff(a, b))) for a, b in pairs]


@given(
    st.text(
        alphabet=st.sampled_from("aZ9_ ,.;:-'\"[]\t\n\u00a0\u2013\u2019\u201c…éß\u0130ﬁ\u00b2"), max_size=40
    )
)
def test_words_are_the_regular_expressions_words(text):
    """The quick way to a paragraph's words (split on what no word holds) gives what ``\\w+``
    gives on the casefolded text, for ASCII text and for the rest."""
    import re

    from bracketeer.diff import _words

    assert _words(text) == tuple(re.findall(r"\w+", text.casefold()))


def test_paragraphs_differing_outside_their_brackets_have_no_proposal_events():
    """A word changed outside the brackets: every proposal found again, nothing said of them;
    one changed inside a bracket is said."""
    old = T + "1. The [US: first] States [CAN: shall act promptly] and [US: together].\n"
    assert events(old, old.replace("and", "or")) == []
    assert [k for k, *_ in events(old, old.replace("promptly", "quickly"))] == ["amended"]


def test_an_output_named_docx_html_or_json_is_written_so(tmp_path):
    """``diff -o changes.docx`` wrote the unified text diff into a file named .docx."""
    for name, start in (("d.docx", b"PK"), ("d.html", b"<!DOCTYPE html>"), ("d.json", b"{")):
        out = tmp_path / name
        r = run_cli(["diff", str(EXAMPLE), str(REV1), "-o", str(out)])
        assert r.code == 1, r.err
        assert out.read_bytes().lstrip()[: len(start)] == start, name


def test_the_summary_counts_nested_brackets_apart():
    old = T + "1. The [US: first [CAN: new] words] and [MEX: more].\n"
    new = T + "1. The first [CAN: new] words and [MEX: more].\n"
    d = diff(parse(old), parse(new))
    assert d.summary().startswith("open brackets 2 → 2 (3 → 2 counting nested ones); ")


SECTIONS = (
    "TITLE\n\nI. Scope\n\n1. Decides to act.\n\n"
    "II. Further guidance\n\n1. Requests [US: initial] reports.\n\n2. Invites views.\n"
)


def test_a_section_renumbered_is_followed_by_its_title():
    """A section inserted before another renumbers it (II. → III.): its paragraphs are still
    found by their labels, the heading is "renumbered", not removed and added, and the events
    name the section they happened in."""
    new = SECTIONS.replace(
        "II. Further guidance", "II. Finance\n\n1. Notes the report.\n\nIII. Further guidance"
    )
    new = new.replace("[US: initial]", "initial").replace("Invites views.", "Invites views and submissions.")
    d = diff(parse(SECTIONS), parse(new))
    kinds = [(e.kind, e.text, e.detail) for e in d.notes]
    assert ("heading-renumbered", "III. Further guidance", "was II.") in kinds
    assert ("heading-added", "II. Finance", "") in kinds
    assert not any(k == "heading-removed" for k, _, _ in kinds)
    guidance = [c for c in d.changes if c.new and c.new.section == "III. Further guidance"]
    assert [(c.kind, c.old.label, c.how) for c in guidance] == [
        ("changed", "1.", "text"),
        ("changed", "2.", "label"),
    ]
    (accepted,) = [e for e in d.events if e.kind == "accepted"]
    assert (accepted.section, accepted.new_label) == ("III. Further guidance", "1.")
    summary = d.summary()
    assert "1 heading renumbered" in summary and "1 heading added" in summary


def test_a_section_moved_is_said_and_each_change_names_its_section(tmp_path):
    swapped = "TITLE\n\nII. Further guidance\n\n1. Requests [US: initial] reports.\n\n2. Invites views now.\n\nI. Scope\n\n1. Decides to act.\n"
    d = diff(parse(SECTIONS), parse(swapped))
    assert [(e.kind, e.text) for e in d.notes] == [("heading-moved", "II. Further guidance")] or [
        (e.kind, e.text) for e in d.notes
    ] == [("heading-moved", "I. Scope")]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(SECTIONS)
    new.write_text(swapped)
    r = run_cli(["diff", "--format", "unified", str(old), str(new)])
    assert "@@@ II. Further guidance @@@\n@@ 2. @@" in r.text
    data = json.loads(run_cli(["diff", "--format", "json", str(old), str(new)]).out)
    changed = [p for p in data["paragraphs"] if p["kind"] == "changed"]
    assert [p["section"] for p in changed] == ["II. Further guidance"]


def test_a_proposal_moved_and_reworded_is_a_likely_move():
    """Gone from paragraph 1, and in paragraph 2 a new proposal by the same delegation with
    words alike but not the same: said as a likely move (uncertain), not "rejected" + "new";
    words merely sharing a delegation stay "rejected" and "new"."""
    one, two = "Invites Member States to share their experiences", "Requests the Secretariat to report on"
    old = T + f"1. {one} [US: to promote rapid regional cooperation] next year.\n\n2. {two} progress.\n"
    new = T + f"1. {one} next year.\n\n2. {two} [US: to promote rapid regional cooperation now] progress.\n"
    found = events(old, new)
    assert [(k, w, t, n) for k, w, t, n, _ in found] == [
        (
            "likely-moved",
            ("US",),
            "to promote rapid regional cooperation",
            "to promote rapid regional cooperation now",
        )
    ]
    assert found[0][4] == "from 1., 91 % alike"
    assert diff(parse(old), parse(new)).summary().endswith("1 proposal likely moved")
    unlike = new.replace("to promote rapid regional cooperation now", "a different idea")
    assert [k for k, *_ in events(old, unlike)] == ["rejected", "new"]


def test_agreed_text_moved_is_said_where_it_went():
    """A sentence of agreed text taken out of paragraph 1 and put in paragraph 2, and a clause
    moved within a paragraph: each one ``text-moved`` event, beside the word diff."""
    one = "Invites Member States to share experiences. It also urges all parties to act now."
    two = "Requests the Secretariat to report on progress made."
    old = T + f"1. {one}\n\n2. {two}\n"
    new = (
        T
        + "1. Invites Member States to share experiences.\n\n2. Requests the Secretariat to report on progress made. It also urges all parties to act now.\n"
    )
    found = [(k, t, d) for k, _, t, _, d in events(old, new)]
    assert found == [("text-moved", "It also urges all parties to act now", "from 1.")]
    within = (
        T
        + "1. It also urges all parties to act now. Invites Member States to share experiences.\n\n2. "
        + two
        + "\n"
    )
    found = [(k, t, d) for k, _, t, _, d in events(old, within)]
    assert ("text-moved", "It also urges all parties to act now", "within the paragraph") in found or (
        "text-moved",
        "Invites Member States to share experiences",
        "within the paragraph",
    ) in found
    assert diff(parse(old), parse(new)).summary().endswith("1 passage of agreed text moved")


def test_at_most_one_version_of_a_group_is_accepted():
    """Two versions of paragraph 2, the agreed text the longer one: its version is accepted,
    the shorter one (whose words stand inside it) is not; so for rival brackets."""
    old = (
        T + "1. Agreed first.\n\n2. [ARG: To instruct the Secretariat to prepare a study.]\n"
        "2 alt [US: To instruct the Secretariat to prepare a study quickly.]\n"
    )
    new = T + "1. Agreed first.\n\n2. To instruct the Secretariat to prepare a study quickly.\n"
    found = [(k, w, d) for k, w, _, _, d in events(old, new)]
    assert found == [("withdrawn", ("ARG",), "another version was accepted"), ("accepted", ("US",), "")]
    rivals = events(
        T + "1. The Parties [shall][should] act now.\n", T + "1. The Parties shall should act now.\n"
    )
    assert [k for k, *_ in rivals] == ["accepted", "rejected"]


def test_a_short_proposals_words_found_elsewhere_are_no_acceptance():
    """``[US: of]`` gone, "of" still in "matter of course": rejected, not accepted by
    coincidence; its words standing where it stood are accepted."""
    old = T + "1. Decides [US: of] the matter of course today.\n"
    assert [k for k, *_ in events(old, T + "1. Decides the matter of course today.\n")] == ["rejected"]
    assert [k for k, *_ in events(old, T + "1. Decides of the matter of course today.\n")] == ["accepted"]


def test_a_clause_moved_with_its_edges_reworded_is_still_a_move():
    old = (
        T
        + "1. Decides that an approach is voluntary and to promote sustainable development and integrity and to report.\n"
    )
    new = (
        T
        + "1. Decides, so as to promote sustainable development and integrity, that an approach is voluntary and to report.\n"
    )
    found = [(k, t, d) for k, _, t, _, d in events(old, new)]
    assert found == [("text-moved", "promote sustainable development and integrity", "within the paragraph")]


def test_a_bracket_added_beside_another_is_shown_whole(tmp_path):
    # the word diff matched the new bracket's "]" with the old one's, and showed
    # "[AOSIS, EU: and informed{+] [BRA, CHL: and equitable+}] participation": one change cut
    # across two brackets
    # (words of the real UNFCCC draft in ../shared, where it was found)
    words = (
        "1. Decides that a cooperative approach is the voluntary [AOSIS, EU: and informed] participation "
        "of a Party and/or  Parties incorporated with respect to cooperation, as mutually agreed,"
    )
    old = tmp_path / "old.txt"
    old.write_text(f"T\n\n{words}\n")
    new = tmp_path / "new.txt"
    new.write_text(f"T\n\n{words.replace('informed] ', 'informed] [BRA, CHL: and equitable] ')}\n")
    r = run_cli(["diff", str(old), str(new)])
    assert r.code == 1
    assert "[AOSIS, EU: and informed]{+ [BRA, CHL: and equitable]+} participation" in r.text
