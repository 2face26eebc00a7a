"""Reading real drafts right, and saying so where the text does not decide: the reading report
(``parse``/``status`` JSON), and the real UNFCCC draft in ../shared (skipped without it)."""

from __future__ import annotations

import json

import pytest

import bracketeer

from .conftest import ROOT, run_cli

REAL = ROOT.parent / "shared" / "real-drafts" / "unfccc-sbsta61-art62-draft-decision-2024.txt"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared/real-drafts is absent")

DRAFT = (
    "1. The Conference [Welcomes] [Notes with appreciation] the report.\n\n"
    '2. Encourages funding [US: Insert the words "may support" here] for all.\n\n'
    "3. Calls for [timely] (G77) (EU, JUSCANZ, US: delete) action, [ambitious - EU; LMDC delete].\n"
)


def test_parse_json_says_which_conventions_were_read_and_where_the_reading_is_unsure(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(DRAFT)
    data = json.loads(run_cli(["parse", "--format", "json", str(f)]).out)
    # a fixed order, whatever order the draft uses them in
    assert data["conventions"] == [
        "tags",
        "dash-tags",
        "after-bracket-attribution",
        "positions",
        "brackets-side-by-side",
        "plain-brackets",
    ]
    assert [(a["line"], a["column"], a["code"]) for a in data["ambiguities"]] == [
        (1, 19, "adjacent-brackets"),
        (3, 23, "unclear-instruction"),
        (5, 29, "unknown-delegation"),
    ]
    # status carries the same report
    st = json.loads(run_cli(["status", "--format", "json", str(f)]).out)
    assert (st["conventions"], st["ambiguities"]) == (data["conventions"], data["ambiguities"])


def test_a_reading_said_by_the_user_is_no_ambiguity_and_is_named():
    doc = bracketeer.load(DRAFT.encode(), adjacent="alternatives")
    report = bracketeer.reading(doc)
    assert "adjacent-alternatives" in report.conventions
    assert "adjacent-brackets" not in {a.code for a in report.ambiguities}


@needs_real
def test_the_real_unfccc_draft_is_read_with_its_conventions_and_its_doubts_said():
    doc = bracketeer.load(REAL)
    report = bracketeer.reading(doc)
    assert {"plain-brackets", "option-blocks", "brackets-side-by-side"} <= set(report.conventions)
    unsure = [(a.line, a.code) for a in report.ambiguities if a.code == "adjacent-brackets"]
    # "[may] [shall] involve", "[a consolidated] [an] authorization": rival wordings it cannot tell
    assert (68, "adjacent-brackets") in unsure
    assert len(unsure) == 19


@needs_real
def test_the_real_draft_is_not_accepted_whole_until_its_side_by_side_brackets_are_read(tmp_path):
    out = tmp_path / "out.txt"
    r = run_cli(["accept", "--all", str(REAL), "-o", str(out), "--report", "none"])
    assert r.code == 1 and not out.exists()
    assert ":68:" in r.err and "[may]" in r.err
    r = run_cli(
        ["accept", "--all", "--adjacent", "alternatives", str(REAL), "-o", str(out), "--report", "json"]
    )
    assert r.code == 0
    text = out.read_text(encoding="utf-8")
    # rival wordings stay open (a conflict), never joined into "may shall"
    assert "[may] [shall] involve" in text
    assert "may shall" not in text
    conflicts = [e for e in json.loads(r.err)["events"] if e["outcome"] == "conflict"]
    assert {e["text"] for e in conflicts} >= {"may", "shall"}


# ------------------------------------------------------------------ property: no decision writes what is not text
VERBS = ("Insert", "insert", "Add", "Delete", "delete", "Replace", "replace")
WORDS = ("the", "States", "funding", "shall", "may", "support", "all", "action", "timely")


def _instruction_drafts():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    word = st.sampled_from(WORDS)
    quoted = word.map(lambda w: f'"{w}"')
    code = st.sampled_from(["US", "EU", "G77", "NOR"])
    body = st.one_of(
        st.lists(word, min_size=1, max_size=3).map(" ".join),  # proposed words
        st.tuples(st.sampled_from(["Insert", "Insert:", "Add", "\nInsert"]), quoted).map(" ".join),
        st.tuples(quoted, st.sampled_from([". Insert", ".Insert", "; Insert"]), quoted).map("".join),
        st.tuples(
            st.sampled_from(["replace", "Replace"]), quoted, st.sampled_from(["with", "by"]), quoted
        ).map(" ".join),
        st.tuples(st.sampled_from(["delete", "Delete:"]), quoted).map(" ".join),
        st.just("delete"),
        # instructions bracketeer does not understand: never text
        st.tuples(
            st.sampled_from(["Insert the words", "Delete paragraph 5 and", "Replace the text"]), quoted
        ).map(" ".join),
    )
    bracket = st.tuples(code, body).map(lambda cb: f"[{cb[0]}: {cb[1]}]")
    piece = st.one_of(
        word, bracket, bracket.map(lambda b: b + " (EU, US: delete)"), st.just("(EU, US: prefer original)")
    )
    line = st.lists(piece, min_size=1, max_size=6).map(" ".join)
    note = st.sampled_from(
        [
            "Note: see the annex",
            "Chair's proposal",
            "(Comments received as of May)",
            "*[Placeholder for definitions]*",
        ]
    )
    para = st.tuples(st.integers(1, 9), line).map(lambda nl: f"{nl[0]}. {nl[1]}.")
    block = st.one_of(para, para, note)
    return st.lists(block, min_size=1, max_size=4).map(lambda bs: "\n\n".join(bs) + "\n")


def test_property_no_decision_writes_an_instruction_a_note_or_a_tag_into_the_text():
    import os

    from hypothesis import HealthCheck, given, settings

    from bracketeer.ast import Bracket, Paragraph, Text
    from bracketeer.query import paragraph_lines

    @settings(
        max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "150")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(_instruction_drafts(), st_decisions())
    def check(text, decision):
        draft = bracketeer.load(text.encode(), adjacent="independent")
        action, who = decision
        plan = bracketeer.decide(
            draft, action, delegations=[] if who == "all" else [who], everything=who == "all"
        )
        decided = bracketeer.resolve(draft, plan).document
        clean = bracketeer.render(decided, bracketeer.RenderOptions(mode="clean", force=True)).decode()
        for p in decided.blocks:
            if not isinstance(p, Paragraph):
                continue
            for ln in paragraph_lines(p):
                agreed = "".join(n.text for n in ln.content if isinstance(n, Text))
                assert not any(v in agreed.split() for v in VERBS), (text, agreed)
                assert '"' not in agreed and ":" not in agreed, (text, agreed)
                assert all(isinstance(n, (Text, Bracket)) for n in ln.content)
        for remark in (
            "Note: see the annex",
            "Chair's proposal",
            "(Comments received",
            "Placeholder",
            "prefer",
        ):
            assert remark not in clean

    check()


def st_decisions():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    return st.tuples(
        st.sampled_from(["accept", "reject"]), st.sampled_from(["US", "EU", "G77", "NOR", "all"])
    )


# ------------------------------------------------------------------ compilations without square brackets
COMPILATION = (
    "1. The review shall be periodic (Norway); the review shall be led by Parties (Chile, Peru); "
    "it shall report to the CMA (EU and its Member States).\n\n"
    "2. Decides that the review shall start in 2026 (Russian Federation).\n"
)


def test_a_compilation_of_parenthesised_proposals_is_counted_and_decided(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(COMPILATION)
    # it read as one agreed paragraph: "1 agreed, 0 open"
    assert run_cli(["status", "--format", "summary", str(f)]).out == (
        b"2 paragraphs, 1 agreed, 1 open; CHL 1, EU 1, NOR 1, PER 1 open\n"
    )
    said = run_cli(["status", "--format", "summary", "--proposals", "parenthesised", str(f)]).out
    assert said == b"2 paragraphs, 0 agreed, 2 open; CHL 1, EU 1, NOR 1, PER 1, RUS 1 open\n"
    kept = run_cli(["accept", "-d", "Norway", str(f), "--report", "none"]).text.splitlines()[0]
    assert kept.startswith(
        "1. The review shall be periodic; the review shall be led by Parties (Chile, Peru);"
    )
    gone = run_cli(["reject", "-d", "NOR", str(f), "--report", "none"]).text.splitlines()[0]
    assert (
        gone
        == "1. the review shall be led by Parties (Chile, Peru); it shall report to the CMA (EU and its Member States)."
    )
    # a secretariat's house convention, once in the delegations file
    house = tmp_path / "house.toml"
    house.write_text('[reading]\nproposals = "bracketed"\n')
    assert run_cli(["status", "--format", "summary", "--delegations", str(house), str(f)]).out == (
        b"2 paragraphs, 2 agreed, 0 open\n"
    )
    r = run_cli(["check", str(f)])
    assert "[parenthesised-proposals]" in r.text


OPTIONS = (
    "1. Decides to act.\n\nOption 1\n\n2. The review shall be periodic.\n\nOption 2\n\n"
    "2. The review shall be annual.\n\n{End of options}\n\n3. Requests a [timely] report.\n"
)


def _counts(path) -> tuple[str, tuple[int, int], str]:
    import re
    from collections import Counter

    summary = run_cli(["status", "--format", "summary", str(path)]).text
    states = Counter(
        p["state"] for p in json.loads(run_cli(["status", "--format", "json", str(path)]).out)["paragraphs"]
    )
    page = run_cli(["render", "--to", "html", "--mode", "tracked", str(path)]).text
    shown = re.search(r"<b>(\d+) agreed</b>, <b>(\d+) open</b>", page)
    assert shown is not None
    said = re.match(r"(\d+) paragraphs?, (\d+) agreed[^,]*, (\d+) open", summary)
    assert said is not None
    return (
        f"{said.group(2)} agreed, {said.group(3)} open",
        (states["agreed"] + states["agreed ad ref"], states["open"]),
        f"{shown.group(1)} agreed, {shown.group(2)} open",
    )


def test_one_count_of_agreed_and_open_paragraphs_in_status_its_json_and_the_page(tmp_path):
    # option paragraphs were counted agreed by the summary and open by the table and the page
    f = tmp_path / "options.txt"
    f.write_text(OPTIONS)
    summary, states, page = _counts(f)
    assert summary == page == "1 agreed, 3 open" and states == (1, 3)


@needs_real
def test_the_real_drafts_counts_agree_everywhere():
    summary, states, page = _counts(REAL)
    assert summary == page == f"{states[0]} agreed, {states[1]} open"


# ------------------------------------------------------------------ notes among the lines and words
NOTES = (
    "DRAFT TREATY\n\n"
    "Article 5 bis - Transparency\n"
    "- Proposed by the Republic of Korea\n\n"
    "1. Parties shall publish their reports.\n\n"
    "*[Placeholder for definitions]*\n\n"
    "Article 6 - Review\n\n"
    "2. The review shall be [timely] (EU, US: prefer original) and periodic.\n"
)


def test_remarks_and_italic_notes_are_notes_a_clean_text_leaves_out(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(NOTES)
    # kept as written in the bracketed draft, whatever is decided
    decided = run_cli(["accept", "--all", str(f)]).out.decode()
    assert "(EU, US: prefer original)" in decided and "*[Placeholder for definitions]*" in decided
    clean = run_cli(["accept", "--all", "--clean", str(f)]).out.decode()
    assert "prefer original" not in clean and "Placeholder" not in clean
    assert "2. The review shall be timely and periodic.\n" in clean  # the join tidied
    # counted as no proposal: only the [timely] bracket and Korea's section are open
    data = json.loads(run_cli(["status", "--format", "json", str(f)]).out)
    assert {d["code"]: d["open"] for d in data["delegations"]} == {"KOR": 2}
    assert data["unattributed"] == 1
    parse = json.loads(run_cli(["parse", "--format", "json", str(f)]).out)
    assert {"inline-remarks", "proposed-by-sections", "chair-notes", "intro-notes"} <= set(
        parse["conventions"]
    )


def test_a_word_draft_written_back_clean_loses_its_remarks_and_keeps_the_rest(tmp_path):
    from docx import Document as WordDocument

    from .conftest import pandoc_plain

    doc = WordDocument()
    doc.add_paragraph("1. Requests a [timely] report (EU, US: prefer original) by May.")
    doc.add_paragraph("2. Decides to act (G77 with support of Norway: would withdraw if agreed).")
    src = tmp_path / "d.docx"
    doc.save(str(src))
    out = tmp_path / "clean.docx"
    run_cli(["accept", "--all", "--clean", str(src), "-o", str(out)])
    text = pandoc_plain(out)
    assert "prefer original" not in text and "withdraw" not in text
    assert "1. Requests a timely report by May." in text
    assert "2. Decides to act." in text


def test_a_proposed_by_section_reads_the_same_from_word_and_is_decided_there(tmp_path):
    from docx import Document as WordDocument

    from .conftest import pandoc_plain

    doc = WordDocument()
    for line in NOTES.split("\n"):
        if line:
            doc.add_paragraph(line)
    src = tmp_path / "d.docx"
    doc.save(str(src))
    status = json.loads(run_cli(["status", "--format", "json", str(src)]).out)
    # the article's title and its paragraph
    assert {d["code"]: d["open"] for d in status["delegations"]} == {"KOR": 2}
    out = tmp_path / "rejected.docx"
    run_cli(["reject", "-d", "KOR", str(src), "-o", str(out)])
    text = pandoc_plain(out)
    assert "Transparency" not in text and "publish" not in text and "Proposed by" not in text
    assert "Article 6 - Review" in text


def test_proposals_bracketed_reads_no_section_as_proposed(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(NOTES)
    data = json.loads(run_cli(["status", "--format", "json", "--proposals", "bracketed", str(f)]).out)
    assert data["delegations"] == []


def test_a_clean_text_is_refused_while_a_paragraph_deletion_is_pending(tmp_path):
    # it used to write paragraph 2 as agreed text and drop the note that proposed to delete it
    f = tmp_path / "d.txt"
    f.write_text("1. Calls for action.\n\nUS proposes to delete paragraph 2\n\n2. Notes the report.\n")
    r = run_cli(["render", "--mode", "clean", "--to", "text", str(f)])
    assert r.code == 1 and r.out == b""
    assert "3:1: paragraph 2: US proposes to delete paragraph 2" in r.err
    assert run_cli(["accept", "--all", "--clean", str(f)]).out == b"1. Calls for action.\n"
