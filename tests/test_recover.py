"""``--recover``: a draft whose brackets do not balance is read instead of refused. Each fault is
still listed at file:line:col with a caret, stays in the text as written (the round trip is
exact), the paragraphs holding one are left untouched by decisions, and the exit status is 1."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bracketeer
from bracketeer.read.options import ReadOptions
from bracketeer.read.text import parse_text
from bracketeer.write import text as rtext

from .conftest import ROOT, run_cli

BROKEN = (
    "1. Calls for [US: prompt action.\n"
    "\n"
    "2. Notes ]the report.\n"
    "\n"
    "3. Decides [ARG: to act].\n"
    "\n"
    "4. Ends [CAN: here\n"
)
REAL = ROOT.parent / "shared" / "real-drafts" / "unfccc-sbsta61-art62-draft-decision-2024.txt"


def test_without_recover_the_draft_is_refused():
    r = run_cli(["parse", "-"], stdin=BROKEN.encode())
    assert r.code == 2 and r.err.count("error:") == 3


def test_recover_lists_every_fault_keeps_them_as_text_and_exits_1():
    r = run_cli(["parse", "--recover", "--format", "text", "-"], stdin=BROKEN.encode())
    assert r.code == 1
    assert r.text == BROKEN  # nothing lost, nothing changed
    assert "<stdin>:1:14: error: unclosed" in r.err and "<stdin>:3:10: error: unmatched" in r.err
    assert "<stdin>:7:9: error: unclosed" in r.err and "\n             ^" in r.err
    tree = json.loads(run_cli(["parse", "--recover", "--format", "json", "-"], stdin=BROKEN.encode()).text)
    assert [(f["span"]["line"], f["span"]["column"]) for f in tree["faults"]] == [(1, 14), (3, 10), (7, 9)]


def test_decisions_leave_paragraphs_with_a_fault_untouched_and_say_so():
    r = run_cli(["accept", "--all", "--recover", "-"], stdin=BROKEN.encode())
    assert r.code == 1
    assert r.text == BROKEN.replace("[ARG: to act]", "to act")
    untouched = [ln for ln in r.err.splitlines() if "untouched paragraph" in ln]
    assert len(untouched) == 3 and all("does not balance" in ln for ln in untouched)


def test_status_marks_unbalanced_paragraphs():
    r = run_cli(["status", "--recover", "--format", "json", "-"], stdin=BROKEN.encode())
    assert r.code == 1
    states = [p["state"] for p in json.loads(r.text)["paragraphs"]]
    assert states == ["unbalanced", "unbalanced", "open", "unbalanced"]


def test_check_always_reads_on_and_names_the_likely_typo():
    r = run_cli(["check", "-"], stdin=b"1. A [US: x]] b.\n\n2. [Freedonia: y]\n")
    assert r.code == 1
    assert "closes one bracket too many" in r.text and 'unknown delegation "Freedonia"' in r.text
    spanning = run_cli(["check", "-"], stdin=b"1. Calls [US: x.\n\n2. Notes ]the report.\n")
    assert spanning.code == 1 and spanning.text.count("[spans-paragraphs]") == 2


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real-drafts is absent")
def test_the_real_draft_reads_and_checks():
    r = run_cli(["parse", "--recover", "--format", "text", str(REAL)])
    assert r.code in (0, 1) and r.out == REAL.read_bytes()
    assert run_cli(["check", str(REAL)]).code in (0, 1)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.sampled_from(["1. ", "a ", "[US: ", "[", "]", "x ", "\n", "\n\n", "[CAN: y] "]), max_size=30
        )
    )
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(damaged())
def test_property_recovery_keeps_every_character(text):
    doc = parse_text(text, options=ReadOptions(recover=True))
    assert rtext.bracketed(doc) == text
    for fault in doc.faults:
        assert text[fault.span.offset] in "[]"


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The example with brackets inserted and deleted at random places."""
    from .conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(["[", "]", "[US: "])) + text[at:]
        else:
            spots = [i for i, ch in enumerate(text) if ch in "[]"]
            if spots:
                i = spots[draw(st.integers(0, len(spots) - 1))]
                text = text[:i] + text[i + 1 :]
    return text


@settings(max_examples=200, deadline=None)
@given(mutated())
def test_property_recover_never_fails_never_loses_a_byte_and_lists_what_strict_refuses(text):
    from bracketeer.errors import ParseError

    doc = parse_text(text, options=ReadOptions(recover=True))
    assert rtext.bracketed(doc) == text
    try:
        parse_text(text)
        strict: list[tuple[int, int]] = []
    except ParseError as e:
        strict = [(p.line, p.column) for p in e.problems]
    assert [(f.span.line, f.span.column) for f in doc.faults] == strict


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real-drafts is absent")
def test_the_real_drafts_options_are_grouped_and_can_be_chosen():
    r = run_cli(["status", "--format", "json", str(REAL)])
    options = [p["option"] for p in json.loads(r.text)["paragraphs"] if p["option"]]
    assert "Option 1 of 3" in options and "Option 2 of 3" in options
    chosen = run_cli(["accept", "--option", "1", "-p", "1", "--report", "none", str(REAL)])
    assert chosen.code == 0
    assert "Recalls Article 6, paragraph 1" not in chosen.text  # option 2's paragraph went
    assert "Decides that a cooperative approach is the voluntary" in chosen.text


WRAPPED = (
    "1. Decides that the participating Parties referred to in paragraph\n"
    "5. of the annex shall report annually to the secretariat on the progress made,\n"
    "including on the [US: national] arrangements referred to in decision 2/CMA.3;\n"
    "\n"
    "2. Requests the secretariat to prepare a synthesis report on the information\n"
    "received from the participating Parties, for consideration by the Subsidiary\n"
    "Body for Scientific and Technological Advice at its sixty-second session, and\n"
    "3. to make the synthesis report available on the website of the secretariat;\n"
    "\n"
    "3. Also requests the secretariat to organize a workshop on the matter before\n"
    "the sixty-second session, subject to the availability of financial resources.\n"
)


def _labels(args: list[str], text: str) -> list[str]:
    r = run_cli(["status", "--format", "json", *args, "-"], stdin=text.encode())
    return [p["label"] for p in json.loads(r.text)["paragraphs"]]


def test_hard_wrapped_text_is_detected_and_a_line_that_only_looks_labelled_runs_on():
    assert _labels([], WRAPPED) == ["1.", "2.", "3."]  # detected: most lines 55 to 100 characters
    assert _labels(["--no-unwrap"], WRAPPED) == ["1.", "5.", "2.", "3.", "3."]
    assert run_cli(["parse", "--format", "text", "-"], stdin=WRAPPED.encode()).text == WRAPPED
    accepted = run_cli(["accept", "-d", "US", "--report", "none", "-"], stdin=WRAPPED.encode()).text
    assert accepted == WRAPPED.replace("[US: national]", "national")


def test_check_says_which_labelled_lines_it_read_as_wrapped():
    # the reading of hard-wrapped text is a reading of its look: never silent
    r = run_cli(["check", "-"], stdin=WRAPPED.encode())
    found = [line for line in r.out.decode().splitlines() if "[read-as-wrapped]" in line]
    assert [f.split(": warning")[0] for f in found] == ["<stdin>:2:1", "<stdin>:8:1"]
    assert '"5." opens this line but is read as words of paragraph 1.' in found[0]
    assert "[read-as-wrapped]" not in run_cli(["check", "--no-unwrap", "-"], stdin=WRAPPED.encode()).text


def test_short_typed_lines_are_not_taken_for_hard_wrapped_text():
    typed = "1. Decides:\n(a) to act;\n(b) to report.\n\n2. Requests a report.\n"
    assert _labels([], typed) == ["1.", "2."]
    assert _labels(["--unwrap"], "1. Notes the work of the committee in paragraph\n5. of its report.\n") == [
        "1."
    ]


TYPED = (
    "Preamble\n\n"
    "PP1\tRecalling its resolution A/RES/77/1 and the outcome document of the Conference,\n\n"
    'PP2\tNoting that "[t]he Parties shall cooperate" [sic] in good faith[1],\n\n'
    "PP3 [G77: Deeply concerned by the [US: growing] financing gap faced by developing countries,]\n\n"
    "Operative paragraphs\n\n"
    "OP1\tUrges Member States to increase [US, CAN: voluntary] contributions to the Fund;\n\n"
    "OP2\tCalls upon stakeholders [G77: to [US: urgently] provide new and additional resources];\n\n"
    "OP3\tRequests the Secretary-General to submit a report [US/MEX: at its next session];\n"
)


def test_a_typed_draft_whose_lines_look_hard_wrapped_keeps_its_paragraphs():
    # a draft of one-line paragraphs 55 to 100 characters long, a blank line after each, read as
    # a double-spaced PDF copy: its preambular paragraphs end with commas, so PP1, PP2, PP3 and
    # OP1 were read as one paragraph, silently ("reject --all" then left "PP3 " behind); a label
    # a tab follows is typed, never a line a PDF copy wrapped
    assert _labels([], TYPED) == ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]
    spaced = TYPED.replace("\t", " ")
    assert _labels([], spaced) == ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]
    assert _labels(["--unwrap"], spaced) == ["PP1", "OP2", "OP3"]  # asked for: lines that go on, run on
    assert _labels(["--unwrap"], TYPED) == ["PP1", "PP2", "OP1", "OP2", "OP3"]  # (a label a tab follows)
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=TYPED.encode()).text
    assert "PP3" not in rejected and "PP2\tNoting" in rejected


PIECES = [
    "[strengthening - EU, G77 retain / enhancing - US]",
    "[fully] (AOSIS) (US, JPN: delete)",
    "[timely] (EU: retain)",
    "[ambitious - EU; LMDC delete]",
    '[US: "urgent". Insert "timely"]',
    '[NOR: Insert "sustainable"]',
    '[EU: "significant"]',
    "[Option 1: now] [Option 2: later]",
    "[^2]",
    "(Agreed ad ref)",
    "Option 1",
    "{End of options}",
    "(a)",
    "(i)",
    "I. Scope",
    "urgent",
    "significant",
    " ",
    "\n",
    "\n\n",
    "1. ",
    "Pp1 ",
]


@settings(max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_property_the_new_notations_read_both_ways_alike_and_decide_without_error(parts):
    import bracketeer as b

    text = "".join(parts)
    fast = parse_text(text)
    assert rtext.bracketed(fast) == text
    assert fast.blocks == parse_text(text, reference=True).blocks
    for action in ("accept", "reject"):
        plan = b.decide(fast, action, everything=True)
        b.resolve(fast, plan)


def test_check_points_at_a_bracket_that_runs_over_the_next_paragraphs():
    text = (
        b"11. Decides that Parties shall include [the information on mitigation\n"
        b"12. Decides that each Party shall provide the standards used;\n"
        b"13. Requests the secretariat to report].\n"
    )
    r = run_cli(["check", "-"], stdin=text)
    assert r.code == 1
    assert '<stdin>:1:40: warning: this bracket runs on over paragraphs 12., 13.: is a "]" missing?' in r.text


def test_an_unclosed_bracket_runs_to_the_end_of_its_line_as_an_error_in_the_tree():
    tree = json.loads(run_cli(["parse", "--recover", "--format", "json", "-"], stdin=BROKEN.encode()).text)
    first = tree["blocks"][0]["lines"][0]["content"]
    opened = [n for n in first if n["type"] == "bracket"]
    assert len(opened) == 1 and opened[0]["close"] == "" and opened[0]["tag"] == "US: "
    assert opened[0]["body"][0]["text"] == "prompt action."
    # a "]" with nothing open stays text
    second = tree["blocks"][2]["lines"][0]["content"]
    assert [n["type"] for n in second] == ["text"]


def test_option_groups_appear_in_the_tree_json_with_their_spans():
    text = b"Option 1\n\n1. Decides A.\n\nOption 2\n\n2. Decides B.\n\n{End of options}\n"
    tree = json.loads(run_cli(["parse", "--format", "json", "-"], stdin=text).text)
    (group,) = tree["options"]
    assert [o["number"] for o in group["options"]] == [1, 2]
    assert [p["label"] for o in group["options"] for p in o["paragraphs"]] == ["1.", "2."]
    assert group["options"][1]["span"]["line"] == 5 and group["end"]["line"] == 9


def test_an_unclosed_bracket_runs_on_to_the_end_of_its_paragraph():
    text = b"1. Calls for [US: prompt action by all\nStates in the region.\n\n2. Next [CAN: x].\n"
    r = run_cli(["parse", "--recover", "--format", "json", "-"], stdin=text)
    assert r.code == 1 and r.out.startswith(b"{")
    first = json.loads(r.text)["blocks"][0]
    assert len(first["lines"]) == 1  # the line after it is the bracket's, to the paragraph's end
    opened = first["lines"][0]["content"][-1]
    assert opened["close"] == "" and opened["span"]["end_line"] == 2
    assert run_cli(["parse", "--recover", "--format", "text", "-"], stdin=text).out == text


def test_a_last_paragraph_without_a_final_newline_holding_a_fault_is_left_as_it_is():
    # the paragraph's span ends on its last line when no newline closes it
    r = run_cli(["reject", "--all", "--recover", "-"], stdin=b"C[1.] IE\nC[1.")
    assert r.code == 1
    assert r.out == b"C[1.] IE\nC[1."
    assert "untouched paragraph" in r.err


def test_every_bracket_left_open_opens_a_bracket_nested_ones_too():
    # only the outermost opened one: CAN's proposal inside US's read as US's words
    text = b"1. Calls upon [US: States [CAN: and organizations to act\nin all regions.\n\n2. Next.\n"
    doc = bracketeer.load(text, recover=True)
    outer = doc.blocks[0].lines[0].content[-1]
    assert (outer.kind, [s.key for s in outer.sponsors], outer.close) == ("proposal", ["US"], "")
    inner = outer.body[-1]
    assert (inner.kind, [s.key for s in inner.sponsors], inner.close) == ("proposal", ["CAN"], "")
    # the paragraph's next line is the innermost bracket's, where it was written
    assert "in all regions." in "".join(n.text for n in inner.body if hasattr(n, "text"))
    assert inner.span.end_line == 2 and outer.span.end_line == 2
    assert run_cli(["parse", "--recover", "--format", "text", "-"], stdin=text).out == text
    assert len(doc.faults) == 2


def test_a_double_spaced_copy_keeps_its_paragraphs_and_its_bytes():
    text = (
        b"Draft decision on the transparency framework\n\n"
        b"1. Decides that Parties shall report on the implementation of their nationally determined\n\n"
        b"contributions in accordance with the modalities, procedures and guidelines referred to in paragraph\n\n"
        b"5. of the annex to decision 18/CMA.1, taking into account [national circumstances] and the\n\n"
        b"capacities of developing country Parties;\n\n"
        b"2. Requests the secretariat to prepare a synthesis report on the information contained in the\n\n"
        b"biennial transparency reports submitted by Parties, for consideration at its next session;\n\n"
        b"3. Invites Parties to submit their views on the experience gained in the preparation of their\n\n"
        b"first biennial transparency reports, by the dates set out in the annex to this decision.\n"
    )
    r = run_cli(["status", "--format", "json", "-"], stdin=text)
    assert [p["label"] for p in json.loads(r.out)["paragraphs"]] == ["1.", "2.", "3."]
    assert run_cli(["parse", "--format", "text", "-"], stdin=text).out == text
    accepted = run_cli(["accept", "--all", "-", "--report", "none"], stdin=text).out
    assert accepted == text.replace(b"[national circumstances]", b"national circumstances")


def test_a_typed_draft_with_an_unnumbered_preamble_is_not_read_as_hard_wrapped():
    # two unnumbered preambular paragraphs before one-line labelled ones, most 55 to 100
    # characters long (a compilation of the UN-style example's start): read as a double-spaced
    # PDF copy, PP3 ran on into PP2, and "reject --all" left "PP3 " behind. Every line ends as
    # a paragraph ends; a wrapped copy's lines stop at any word
    text = (
        "Recalling [JPN: and] its resolution on the matter and the report of the Committee thereon,\n\n"
        "Noting with concern the findings of the review and the measures taken since,\n\n"
        "PP1\tRecalling its resolution A/RES/77/1 [A/RES/77/1] and the outcome document of the Conference,\n\n"
        'PP2\tNoting that "[t]he Parties shall cooperate" [sic] in good faith[1],\n\n'
        "PP3 [G77: Deeply concerned by the [US: growing] financing gap [JPN: all] faced by developing "
        "countries,]\n\n"
        "Operative paragraphs\n\n"
        "OP1\tUrges Member States to [shall][should] increase [US, CAN: voluntary] contributions to the Fund;\n\n"
        "OP2\tCalls upon [EU, supported by NOR: all relevant] stakeholders [G77: to [US: urgently] provide new "
        "and additional resources];\n\n"
        "OP3\tRequests the Secretary-General to submit a report [US/MEX: at its next session];\n"
    )
    assert _labels([], text) == [None, None, "PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]
    assert "[read-as-wrapped]" not in run_cli(["check", "-"], stdin=text.encode()).text
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=text.encode()).text
    assert "PP3" not in rejected and "Operative paragraphs\n\nOP1" in rejected
