"""Resolving proposals: the expectations on the example, then each rule on small drafts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from bracketeer import load
from bracketeer.ast import Bracket, Paragraph, Text
from bracketeer.query import iter_brackets, source_text
from bracketeer.resolver import Decision, resolve
from bracketeer.write.text import clean

from .conftest import EXAMPLE, EXAMPLES, parse, run_cli
from .test_parse_roundtrip import drafts


def accept(*codes, **kw):
    return Decision("accept", frozenset(codes), **kw)


def reject(*codes, **kw):
    return Decision("reject", frozenset(codes), **kw)


def run(text, *decisions, renumber=False):
    return source_text(resolve(parse(text), decisions, renumber=renumber).document)


def line_of(text, start):
    return next(ln for ln in text.splitlines() if ln.lstrip().startswith(start))


# ------------------------------------------------------------------ the example
@pytest.fixture(scope="module")
def example():
    return load(EXAMPLE)


def test_accept_us_on_the_example(example):
    out = source_text(resolve(example, [accept("US")]).document)
    p2 = line_of(out, "2.")
    assert "methods of terroristm and proliferation financing, including" in p2
    assert "[CAN: Intelligence Analysis]" in p2
    assert "to commit related terrorist criminal acts." in p2
    p4bis = line_of(out, "4.bis.")
    assert (
        p4bis
        == "\t4.bis. To authorize the CICTE Secretariat to coordinate with the United Nations Office on "
        "Disarmament Affairs to ensure that OAS Member States, if they so wish, can align their current Points of "
        "Contact to CICTE’s Working Group on Cooperation and Confidence-Building Measures in Cyberspace (WG CBMs) "
        "with the newly established United Nations Open-Ended Working Group (UN OEWG) Cyber Network Point of "
        "Contact Directory."
    )
    assert "Proposed new paragraph" not in out
    p8 = out[out.index("\n8. ") :]
    assert p8.count("To instruct the Secretariat") == 1
    assert "[" not in p8
    assert p8.startswith("\n8. To instruct the Secretariat of the Inter-American Committee")


def test_reject_us_on_the_example(example):
    out = source_text(resolve(example, [reject("US")]).document)
    p2 = line_of(out, "2.")
    assert "traditional and emerging methods of financing, including strengthening" in p2
    assert "  " not in p2
    assert "to commit related acts." in p2
    assert "4.bis" not in out and "Proposed new paragraph" not in out
    p8 = out[out.index("\n8. ") :]
    assert p8.count("To instruct the Secretariat") == 1
    assert p8.startswith("\n8. [ARG: To instruct")
    assert "[US:" not in out


def test_accept_all_then_clean(example):
    resolved = resolve(example, [Decision("accept", everything=True)]).document
    out = clean(resolved)
    assert "[" not in out and "]" not in out
    for tag in ("US:", "CAN:", "ARG:"):
        assert tag not in out
    assert "Proposed new paragraph" not in out and "(Comments from delegations" not in out
    assert out.count("To instruct the Secretariat of the Inter-American Committee") == 1
    assert "Intelligence Analysis Units" in out


def test_the_input_tree_is_not_changed(example):
    before = source_text(example)
    resolve(example, [accept("US"), reject("CAN"), Decision("accept", everything=True)], renumber=True)
    assert source_text(example) == before == EXAMPLE.read_text(encoding="utf-8")


def test_renumber_reports_the_mapping(example):
    result = resolve(example, [accept("US")], renumber=True)
    out = source_text(result.document)
    assert "\t5. To authorize" in out and "\n9. To instruct" in out
    mapping = [e.detail for e in result.events if e.outcome == "renumbered"]
    assert mapping == ["4.bis. → 5.", "5. → 6.", "6. → 7.", "7. → 8.", "8. → 9."]
    # without --renumber labels stay
    assert "4.bis. To authorize" in source_text(resolve(example, [accept("US")]).document)


def test_every_resolution_is_reported_with_its_position(example):
    events = resolve(example, [reject("US")]).events
    first = events[0]
    assert (first.outcome, first.what, first.sponsors, first.paragraph) == (
        "rejected",
        "proposal",
        ("US",),
        "2.",
    )
    assert (first.span.line, first.span.column) == (15, 118)
    assert first.text == "terroristm and proliferation"


# ------------------------------------------------------------------ rules
T = "TITLE\n\n"


def test_joint_proposal_accept_any_sponsor_reject_withdraws_one():
    text = T + "1. Give [US, CAN: voluntary] funds.\n"
    assert run(text, accept("CAN")) == T + "1. Give voluntary funds.\n"
    assert run(text, reject("US")) == T + "1. Give [CAN: voluntary] funds.\n"
    assert run(text, reject("US"), reject("CAN")) == T + "1. Give funds.\n"
    assert run(T + "1. Give [US/CAN: x] funds.\n", reject("CAN")) == T + "1. Give [US: x] funds.\n"


def test_a_joint_deletion_or_move_note_rejected_for_one_sponsor_stays_for_the_others():
    # rejecting CAN used to take the whole note: MEX's proposal to delete went with it
    text = T + "CAN and MEX propose to delete paragraph 1\n\n1. Alpha.\n\n2. Beta.\n"
    assert run(text, reject("CAN")) == T + "MEX proposes to delete paragraph 1\n\n1. Alpha.\n\n2. Beta.\n"
    assert run(text, reject("CAN"), accept("MEX")) == T + "2. Beta.\n"
    assert run(text, reject("CAN"), reject("MEX")) == T + "1. Alpha.\n\n2. Beta.\n"
    assert run(text, reject("CAN", "MEX")) == T + "1. Alpha.\n\n2. Beta.\n"
    moved = T + "ARG, CAN and MEX propose to move paragraph 1 after paragraph 2\n\n1. Alpha.\n\n2. Beta.\n"
    assert run(moved, reject("MEX")).startswith(T + "ARG and CAN propose to move paragraph 1 after")
    assert run(moved, reject("ARG", "CAN")).startswith(T + "MEX proposes to move paragraph 1 after")
    doc = parse(text)
    events = resolve(doc, [reject("CAN")]).events
    assert [(e.outcome, e.what, e.detail) for e in events] == [("withdrawn", "sponsor", "withdrawn: CAN")]


def test_the_note_introducing_a_joint_new_paragraph_names_the_sponsors_left():
    intro = "Proposed new paragraph submitted by the delegations of {}:\n\n"
    text = T + "1. Alpha.\n\n" + intro.format("Canada, the European Union and the United States")
    text += "2. [CAN, EU, US: Beta.]\n"
    for gone, left, tag in [
        ("CAN", "the European Union and the United States", "EU, US"),
        ("EU", "Canada and the United States", "CAN, US"),
    ]:
        assert run(text, reject(gone)) == T + "1. Alpha.\n\n" + intro.format(left) + f"2. [{tag}: Beta.]\n"
    one = "Proposed new paragraph submitted by the delegation of {}:\n\n"
    assert (
        run(text, reject("CAN", "EU"))
        == T + "1. Alpha.\n\n" + one.format("the United States") + "2. [US: Beta.]\n"
    )
    assert run(text, reject("US", "EU")) == T + "1. Alpha.\n\n" + one.format("Canada") + "2. [CAN: Beta.]\n"
    # a note naming others than the proposal's sponsors is not the decision's to rewrite
    other = T + "1. Alpha.\n\n" + intro.format("Canada and Mexico") + "2. [CAN, EU: Beta.]\n"
    assert (
        run(other, reject("CAN"))
        == T + "1. Alpha.\n\n" + intro.format("Canada and Mexico") + "2. [EU: Beta.]\n"
    )


@pytest.mark.parametrize("chl_first", [True, False])
def test_a_new_paragraph_that_goes_takes_the_note_introducing_it(chl_first):
    # a compilation with CHL's note to delete the US's new paragraph: accepting CHL's deletion
    # left the note introducing the paragraph ("Proposed new paragraph submitted by the
    # delegation of the United States:") standing before paragraph 5, which it then seemed to
    # introduce; rejecting the US's paragraph left it there when CHL's note stood between
    intro = "Proposed new paragraph submitted by the delegation of the United States:\n\n"
    deleting = "CHL proposes to delete paragraph 4.bis\n\n"
    notes = deleting + intro if chl_first else intro + deleting
    text = T + "4. Alpha.\n\n" + notes + "4.bis. [US: Beta.]\n\n5. Gamma.\n"
    assert run(text, accept("CHL")) == T + "4. Alpha.\n\n5. Gamma.\n"
    # CHL's note is CHL's to decide: it stays, naming a paragraph no longer there
    assert run(text, reject("US")) == T + "4. Alpha.\n\n" + deleting + "5. Gamma.\n"
    # the paragraph accepted, CHL's note stays open on it; CHL's note rejected, the US's stays
    assert run(text, accept("US")) == T + "4. Alpha.\n\n" + deleting + "4.bis. Beta.\n\n5. Gamma.\n"
    assert run(text, reject("CHL")) == T + "4. Alpha.\n\n" + intro + "4.bis. [US: Beta.]\n\n5. Gamma.\n"


def test_a_proposal_whose_every_word_is_deleted_inside_it_goes():
    # a second round: CHL's copy leaves out the words CAN and EU propose, which the compilation
    # writes as CHL's deletions inside their proposals; accepted, they left "[CAN: ]" (with a
    # doubled space), a proposal of nothing, which Word cannot hold (the write was refused)
    text = T + "1. A [CAN: [CHL: ~~all~~]] b and [EU: [CHL: ~~x y~~]] c and [US: [CHL: ~~p~~] q].\n"
    assert run(text, accept("CHL")) == T + "1. A b and c and [US: q].\n"
    assert run(text, reject("CHL")) == T + "1. A [CAN: all] b and [EU: x y] c and [US: p q].\n"
    assert run(text, accept("CHL"), accept("US")) == T + "1. A b and c and q.\n"
    # a plain bracket is nobody's proposal: it stays, as in Word (a property drew "[[US: ]]")
    assert run(T + "1. A [[US: ]] b.\n", accept("US")) == T + "1. A [] b.\n"


def test_a_proposals_own_words_at_the_start_of_a_line_stay_as_proposed():
    # "nothing taken out may leave a line starting with a separator" took the proposal's own
    # words too: "[US: ~~;~~,]" accepted at the start of a line lost its comma (a property drew
    # the case); the words after a proposal taken out are still tidied so
    assert run("[US: ~~;~~,] text.\n", accept("US")) == ", text.\n"
    assert run("[US: ~~;~~,] text.\n", reject("US")) == "; text.\n"
    assert run("[US: , and more] text.\n", accept("US")) == ", and more text.\n"
    assert run("[US: First clause], second clause.\n", reject("US")) == "second clause.\n"
    assert run("[US: ~~First~~ Second] clause.\n", accept("US")) == "Second clause.\n"


def test_the_brackets_in_a_paragraphs_own_line_are_decided_with_its_alternatives():
    # deciding an alternative line left the brackets of the paragraph's own line undecided, and
    # unreported: "reject --all" kept "[US: openly]", as it kept OP3's brackets in the UN example
    text = "1. Acts [US: openly] here\n   and [CAN: now].\n1 alt [JPN: Acts fully here.]\n"
    assert run(text, reject(everything=True)) == "1. Acts here\n   and.\n"
    assert run(text, reject("JPN"), accept("US")) == "1. Acts openly here\n   and [CAN: now].\n"
    assert run(text, reject("JPN", "US")) == "1. Acts here\n   and [CAN: now].\n"
    assert run(text, accept("JPN"), reject("CAN")) == "1. Acts fully here.\n   and.\n"
    two = "1. Acts [US: openly] here.\n1 alt [JPN: Acts [CAN: fully] here.]\n1 alt [MEX: Acts.]\n"
    assert run(two, reject("MEX", "US", "CAN")) == "1. Acts here.\n1 alt [JPN: Acts here.]\n"


def test_an_alternative_of_several_lines_is_a_version_of_the_whole_paragraph():
    # as consolidate writes a conflict in a paragraph with sub-items: accepted, the version's
    # sub-items were added after the paragraph's own, which stayed (each sub-item twice)
    text = (
        "7. Convene the meetings:\na) the first session;\nb) the second session.\n"
        "7 alt [AUS: Convene all the meetings:\na) the first session;\nb) the second session.]\n"
        "7 alt [JPN: Convene some meetings:\na) the opening session;\nb) the second session.]\n\n8. Notes.\n"
    )
    assert run(text, accept("JPN")) == (
        "7. Convene some meetings:\na) the opening session;\nb) the second session.\n\n8. Notes.\n"
    )
    assert run(text, reject(everything=True)) == (
        "7. Convene the meetings:\na) the first session;\nb) the second session.\n\n8. Notes.\n"
    )
    # one line, the paragraph's first line's version: its sub-items stay
    one = "7. Convene the meetings:\na) the first session.\n7 alt [AUS: Convene all meetings:]\n"
    assert run(one, accept("AUS")) == "7. Convene all meetings:\na) the first session.\n"


def test_a_rival_kept_that_strikes_the_space_too_takes_it():
    # the spaces a superseded version strikes are the text's own (Word puts them in one
    # version), unless the version kept strikes them as well: "contributions ( the Fund)"
    text = "1. A [CHE: ~~contributions to ~~ contributions (] / [NOR: ~~contributions to ~~]the Fund.\n"
    assert run(text, accept("CHE")) == "1. A contributions (the Fund.\n"
    assert run(text, accept("NOR")) == "1. A the Fund.\n"
    word = "1. To [ARG: ~~consider~~explore] / [CAN: ~~consider ~~]innovative ways.\n"
    assert run(word, accept("ARG")) == "1. To explore innovative ways.\n"


def test_supporter_is_not_a_proposer():
    text = T + "1. Calls upon [EU, supported by NOR: all relevant] stakeholders\n"
    assert run(text, accept("NOR")) == text
    assert run(text, reject("NOR")) == T + "1. Calls upon [EU: all relevant] stakeholders\n"
    assert run(text, reject("EU")) == T + "1. Calls upon stakeholders\n"


def test_plain_brackets_only_by_all_or_position():
    text = T + "1. Act [unagreed text] now.\n\n2. Go [US: fast], [there].\n"
    assert run(text, accept("US")) == T + "1. Act [unagreed text] now.\n\n2. Go fast, [there].\n"
    assert (
        run(text, Decision("accept", everything=True))
        == T + "1. Act unagreed text now.\n\n2. Go fast, there.\n"
    )
    assert (
        run(text, Decision("reject", paragraphs=("1",))) == T + "1. Act now.\n\n2. Go [US: fast], [there].\n"
    )
    assert run(text, accept("US", paragraphs=("1",))) == text


def test_paragraph_ranges_and_bis_labels():
    text = T + "1. a [US: x]\n\n2. b [US: y]\n\n2 bis. c [US: z]\n\n3. d [US: w]\n"
    assert (
        run(text, accept("US", paragraphs=("2-2",)))
        == T + "1. a [US: x]\n\n2. b y\n\n2 bis. c z\n\n3. d [US: w]\n"
    )
    assert (
        run(text, accept("US", paragraphs=("2.bis",)))
        == T + "1. a [US: x]\n\n2. b [US: y]\n\n2 bis. c z\n\n3. d [US: w]\n"
    )


def test_alternatives_accept_one_removes_the_others():
    text = T + "8. [ARG: Version A].\n\n   [US: Version B].\n\n9. Next.\n"
    assert run(text, accept("US")) == T + "8. Version B.\n\n9. Next.\n"
    assert run(text, accept("ARG")) == T + "8. Version A.\n\n9. Next.\n"
    assert run(text, reject("ARG")) == T + "8. [US: Version B].\n\n9. Next.\n"
    assert run(text, reject("US")) == T + "8. [ARG: Version A].\n\n9. Next.\n"
    assert run(text, reject("US"), reject("ARG")) == T + "9. Next.\n"


def test_all_meeting_differing_alternatives_is_a_conflict_unless_a_decision_picks():
    text = T + "8. [ARG: Version A].\n\n   [US: Version B].\n"
    result = resolve(parse(text), [Decision("accept", everything=True)])
    assert source_text(result.document) == text
    assert {e.outcome for e in result.events} == {"conflict"}
    assert run(text, accept("US"), Decision("accept", everything=True)) == T + "8. Version B.\n"


def test_identical_alternatives_are_one_proposal():
    text = T + "8. [ARG: Same text].\n\n   [US: Same text].\n"
    assert run(text, Decision("accept", everything=True)) == T + "8. Same text.\n"
    assert run(text, accept("ARG")) == T + "8. Same text.\n"


def test_inline_alternative_sets():
    text = T + "1. Parties [shall][should] act and [ARG: x] / [US: y] / [CAN: z] now.\n"
    assert run(text, accept("US")) == T + "1. Parties [shall][should] act and y now.\n"
    assert run(text, reject("US")) == T + "1. Parties [shall][should] act and [ARG: x] / [CAN: z] now.\n"
    result = resolve(parse(text), [Decision("accept", everything=True)])
    assert source_text(result.document) == text
    assert [e.outcome for e in result.events] == ["conflict"] * 5


def test_whole_paragraph_proposal():
    text = (
        T
        + "4. Four.\n\nProposed new paragraph submitted by the delegation of Canada:\n\n4.bis. [CAN: New.]\n\n5. Five.\n"
    )
    assert run(text, accept("CAN")) == T + "4. Four.\n\n4.bis. New.\n\n5. Five.\n"
    assert run(text, reject("CAN")) == T + "4. Four.\n\n5. Five.\n"
    assert run(text, accept("CAN"), renumber=True) == T + "4. Four.\n\n5. New.\n\n6. Five.\n"


def test_bracketed_label_loses_its_brackets_when_accepted():
    text = T + "[1.]\t[Welcomes the report;]\n"
    assert run(text, Decision("accept", everything=True)) == T + "1.\tWelcomes the report;\n"
    # the draft's only paragraph goes, and with it the blank line before it: the title alone,
    # ending as the draft did, with no blank line
    assert run(text, Decision("reject", everything=True)) == "TITLE\n"


def test_nested_proposals():
    text = T + "1. Calls [G77: to [US: urgently] provide] resources.\n"
    assert run(text, reject("G77")) == T + "1. Calls resources.\n"
    assert run(text, accept("US")) == T + "1. Calls [G77: to urgently provide] resources.\n"
    assert run(text, reject("US")) == T + "1. Calls [G77: to provide] resources.\n"
    assert run(text, accept("G77")) == T + "1. Calls to [US: urgently] provide resources.\n"


def test_deletions_and_replacements():
    assert (
        run(T + "1. A report [on the matter] [US: delete] today.\n", accept("US"))
        == T + "1. A report today.\n"
    )
    assert (
        run(T + "1. A report [on the matter] [US: delete] today.\n", reject("US"))
        == T + "1. A report [on the matter] today.\n"
    )
    assert (
        run(T + '1. Report annually to it [US: delete "annually"];\n', accept("US"))
        == T + "1. Report to it;\n"
    )
    assert (
        run(T + '1. Report annually [US: delete "annually"];\n', reject("US")) == T + "1. Report annually;\n"
    )
    text = T + '1. Decides to review the matter [MEX: replace "review" with "consider"].\n'
    assert run(text, accept("MEX")) == T + "1. Decides to consider the matter.\n"
    assert run(text, reject("MEX")) == T + "1. Decides to review the matter.\n"
    text = T + "1. States to [US: ~~consider~~ adopt] plans.\n"
    assert run(text, accept("US")) == T + "1. States to adopt plans.\n"
    assert run(text, reject("US")) == T + "1. States to consider plans.\n"
    assert run(T + "1. The [US: ~~old~~] plans.\n", accept("US")) == T + "1. The plans.\n"


def test_bare_delete_without_a_bracket_before_stays_open():
    text = T + "1. A report [US: delete] today.\n"
    result = resolve(parse(text), [accept("US")])
    assert source_text(result.document) == text
    assert result.events[0].outcome == "unclear"


def test_a_delete_after_anothers_proposal_acts_on_it_when_both_are_decided_together():
    """ "[CAN: shall] [US: delete]": US proposes to delete CAN's insertion. Accepted together
    (``accept --all``) it was "unclear: nothing before it to delete" and stayed open."""
    text = T + "1. The Council [CAN: shall] [US: delete] consider this.\n"
    gone = T + "1. The Council consider this.\n"
    result = resolve(parse(text), [accept(everything=True)])
    assert source_text(result.document) == gone
    assert [(e.outcome, e.what) for e in result.events] == [("accepted", "proposal"), ("accepted", "delete")]
    assert run(text, accept("US")) == gone
    assert run(text, accept("CAN")) == T + "1. The Council shall [US: delete] consider this.\n"
    # a delegation deleting words it proposes itself ("[US/MEX: w] [US: delete]", as the UN-style
    # example has it) does not say which it wants: left open, as before
    own = T + "1. A report [US/MEX: at its next session] [US: delete];\n"
    result = resolve(parse(own), [accept("US")])
    assert source_text(result.document) == T + "1. A report at its next session [US: delete];\n"
    assert [e.outcome for e in result.events] == ["accepted", "unclear"]
    assert "its own delegation's proposal" in result.events[1].detail
    # one after the other, US's deletion no longer has a proposal before it: said, not guessed
    later = resolve(parse(run(text, accept("CAN"))), [accept("US")])
    assert [e.outcome for e in later.events] == ["unclear"]
    assert run(text, reject(everything=True)) == gone


def test_rival_versions_rejected_give_back_the_words_they_struck_once():
    # "[US: ~~b~~ c] / [CAN: e]" rejected lost "b"; Word puts a struck word's space inside the
    # strokes ("~~b ~~"), which is the same word
    assert run(T + "1. a [US: ~~b~~ c] / [CAN: e] f.\n", reject(everything=True)) == T + "1. a b f.\n"
    assert run(T + "1. a [US: ~~b ~~] / [CAN: ~~b~~ e] f.\n", reject(everything=True)) == T + "1. a b f.\n"


def test_rival_versions_striking_different_words_are_left_open_when_all_are_rejected():
    # which words the text had there is not said: it lost both "b" and "d", silently
    text = T + "1. a [US: ~~b~~ c] / [CAN: ~~d~~ e] f.\n"
    result = resolve(parse(text), [reject(everything=True)])
    assert source_text(result.document) == text
    assert [(e.outcome, e.what) for e in result.events] == [("unclear", "alternative")]


def test_a_moved_paragraph_takes_the_notes_that_name_it_and_goes_before_those_of_its_place():
    # they stood where it was ("US proposes to delete paragraph 2" before paragraph 3), or it
    # came between paragraph 1 and the note naming paragraph 1
    text = (
        T
        + "1. One.\n\nCAN proposes to move paragraph 2 before paragraph 1\n\nUS proposes to delete paragraph 2"
        "\n\n2. Two.\n\n3. Three.\n"
    )
    assert (
        run(text, accept("CAN"))
        == T + "US proposes to delete paragraph 2\n\n2. Two.\n\n1. One.\n\n3. Three.\n"
    )
    text = (
        T
        + "US proposes to delete paragraph 1\n\n1. One.\n\nCAN proposes to move paragraph 2 before paragraph 1\n\n2. Two.\n"
    )
    assert run(text, accept("CAN")) == T + "2. Two.\n\nUS proposes to delete paragraph 1\n\n1. One.\n"


def test_a_move_of_a_paragraph_no_longer_there_is_unclear_not_made():
    # accepted, it was reported "accepted move" and the note went, moving nothing
    text = T + "1. One.\n\nCAN proposes to move paragraph 2 before paragraph 1\n\n3. Three.\n"
    result = resolve(parse(text), [accept("CAN")])
    assert source_text(result.document) == text
    assert [(e.outcome, e.what) for e in result.events] == [("unclear", "move")]


def test_deletion_note():
    text = T + "US proposes to delete paragraph 5.\n\n4. Four.\n\n5. Five.\n\n6. Six.\n"
    assert run(text, accept("US")) == T + "4. Four.\n\n6. Six.\n"
    assert run(text, reject("US")) == T + "4. Four.\n\n5. Five.\n\n6. Six.\n"


@pytest.mark.parametrize(
    "before,after",
    [
        ("1. methods of [US: x] financing\n", "1. methods of financing\n"),
        ("1. methods of [US: x], including\n", "1. methods of, including\n"),
        ("1. the report [US: x]; and\n", "1. the report; and\n"),
        ("1. the report ([US: annex]) today\n", "1. the report today\n"),
        ("1. [US: Decides] to act\n", "1. to act\n"),
        ("1. acts [US: now]\n", "1. acts\n"),
        ("1. a  double [US: x]  space\n", "1. a  double space\n"),
    ],
)
def test_typography_at_the_joins(before, after):
    assert run(T + before, reject("US")) == T + after


def _outside_words(document):
    """The text outside every bracket, each piece without the spaces and punctuation at its ends."""
    out = []
    for b in document.blocks:
        if isinstance(b, Paragraph):
            from bracketeer.query import paragraph_lines

            for ln in paragraph_lines(b):
                for n in ln.content:
                    if isinstance(n, Text):
                        core = n.text.strip(" \t\u00a0,;:.()")
                        if core:
                            out.append(core)
    return out


def assert_outside_text_kept(original, resolved_text):
    pos = 0
    for piece in _outside_words(original):
        at = resolved_text.find(piece, pos)
        assert at >= 0, piece
        pos = at + len(piece)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize(
    "decision",
    [Decision("accept", everything=True), Decision("reject", everything=True), accept("US"), reject("US")],
    ids=["accept-all", "reject-all", "accept-US", "reject-US"],
)
def test_text_outside_proposals_is_untouched_on_every_example(path, decision):
    doc = load(path)
    kept = resolve(doc, [decision]).document
    out = source_text(kept)
    # paragraphs that were whole proposals, had alternatives, held deletion instructions or
    # were deleted by a note legitimately lose text; every other paragraph keeps its own
    from bracketeer.query import whole_proposal

    kept_keys = {p.label.key for p in kept.blocks if isinstance(p, Paragraph) and p.label}
    for p in doc.blocks:
        if not isinstance(p, Paragraph) or p.label is None or p.label.key not in kept_keys:
            continue
        if (
            p.alternatives
            or whole_proposal(p.lines[0])
            or "delete" in source_text(type(doc)(blocks=(p,)))
            or "replace" in source_text(type(doc)(blocks=(p,)))
        ):
            continue
        for piece in _outside_words(type(doc)(blocks=(p,))):
            assert piece in out, piece


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_resolved_drafts_reparse_and_keep_outside_text(text):
    doc = parse(text)
    for decision in (Decision("accept", everything=True), Decision("reject", everything=True), reject("US")):
        out = source_text(resolve(doc, [decision]).document)
        again = parse(out)
        assert source_text(again) == out
    everything = resolve(doc, [Decision("accept", everything=True)]).document
    # after accepting everything only conflicts (differing alternatives) and unclear deletions stay open
    for b in everything.blocks:
        if isinstance(b, Paragraph):
            for ln in b.lines:
                for br, _ in iter_brackets(ln.content):
                    assert isinstance(br, Bracket)


def test_a_deletion_note_naming_the_following_paragraph_decides_it():
    # an unnumbered paragraph has no number for "US proposes to delete paragraph 5" to name
    text = (
        "Noting the report,\n\nAUS proposes to delete the following paragraph\n\n"
        "Recalling its decision [A/RES/77/1],\n\n1. Decides to act.\n"
    )
    accepted = run_cli(["accept", "-d", "AUS", "--report", "none", "-"], stdin=text.encode()).text
    assert accepted == "Noting the report,\n\n1. Decides to act.\n"
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=text.encode()).text
    assert rejected == "Noting the report,\n\nRecalling its decision [A/RES/77/1],\n\n1. Decides to act.\n"
    found = run_cli(["check", "-"], stdin=text.encode())
    assert "does not have" not in found.text


def test_a_deletion_note_names_a_paragraph_labelled_in_parentheses():
    # "CHE proposes to delete paragraph (h)", as consolidate writes it, was read as a remark:
    # never decided, and rejecting everything left it in the text
    text = "(g) Arrangements;\n\nCHE proposes to delete paragraph (h)\n\n(h) [Any applicable terms];\n"
    accepted = run_cli(["accept", "-d", "CHE", "--report", "none", "-"], stdin=text.encode()).text
    assert accepted == "(g) Arrangements;\n"
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=text.encode()).text
    assert rejected == "(g) Arrangements;\n"  # (its one bracket rejected, the paragraph goes too)
    rejected = run_cli(["reject", "-d", "CHE", "--report", "none", "-"], stdin=text.encode()).text
    assert rejected == "(g) Arrangements;\n\n(h) [Any applicable terms];\n"
    moved = "(g) A;\n\nCHE proposes to move paragraph (h) before paragraph (g)\n\n(h) B;\n"
    assert (
        run_cli(["accept", "-d", "CHE", "--report", "none", "-"], stdin=moved.encode()).text
        == "(h) B;\n\n(g) A;\n"
    )


def test_a_deletion_note_names_a_paragraph_whose_label_has_a_space():
    # "JPN proposes to delete paragraph OP3 bis" was read as a remark, as "(h)" was
    text = (
        "OP3\tNotes.\n\nJPN proposes to delete paragraph OP3 bis\n\nOP3 bis\t[EU: Decides;]\n\nOP4\tUrges.\n"
    )
    accepted = run_cli(["accept", "-d", "JPN", "--report", "none", "-"], stdin=text.encode()).text
    assert accepted == "OP3\tNotes.\n\nOP4\tUrges.\n"
    kept = run_cli(["reject", "-d", "JPN", "--report", "none", "-"], stdin=text.encode()).text
    assert kept == "OP3\tNotes.\n\nOP3 bis\t[EU: Decides;]\n\nOP4\tUrges.\n"
