"""Each construct of the notation survey becomes the right node."""

from __future__ import annotations

import json

import pytest

from bracketeer import load
from bracketeer.ast import Alternative, Blank, Command, Heading, Note, Paragraph, Struck, Text, Title
from bracketeer.query import iter_brackets, whole_proposal

from .conftest import EXAMPLE, EXAMPLES, parse, run_cli


def paragraphs(doc):
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def brackets(doc):
    out = []
    for p in paragraphs(doc):
        for ln in p.lines:
            out.extend(b for b, _ in iter_brackets(ln.content))
    return out


def only_paragraph(text):
    # a draft's first unlabelled lines are its title, so give each a title first
    ps = paragraphs(parse("TITLE\n\n" + text))
    assert len(ps) == 1
    return ps[0]


# ------------------------------------------------------------------ the real example
def test_example_structure():
    doc = load(EXAMPLE)
    kinds = [type(b).__name__ for b in doc.blocks if not isinstance(b, Blank)]
    assert kinds == [
        "Title",
        "Note",
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Note",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Paragraph",
    ]
    title = doc.blocks[0]
    assert isinstance(title, Title) and len(title.lines) == 2
    labels = [p.label.text for p in paragraphs(doc)]
    assert labels == ["1.", "1.", "2.", "3.", "4.", "4.bis.", "5.", "6.", "7.", "8."]
    headings = [b.line.content[0].text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["Inter-American Convention against Terrorism", "CICTE"]


def test_example_inline_proposals_keep_the_typo():
    doc = load(EXAMPLE)
    p2 = paragraphs(doc)[2]
    found = [(b.sponsors[0].code, b.body[0].text) for ln in p2.lines for b, _ in iter_brackets(ln.content)]
    assert found == [
        ("US", "terroristm and proliferation"),
        ("CAN", "Intelligence Analysis"),
        ("US", "terrorist criminal"),
    ]


def test_example_whole_paragraph_proposal_and_its_note():
    doc = load(EXAMPLE)
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    intro = notes[1]
    assert intro.kind == "intro"
    assert [s.code for s in intro.sponsors] == ["US"]
    p4bis = paragraphs(doc)[5]
    assert p4bis.label.key == "4bis"
    assert p4bis.lines[0].indent == "\t"
    b = whole_proposal(p4bis.lines[0])
    assert b is not None and b.sponsors[0].code == "US"


def test_example_paragraph_8_has_two_alternatives():
    doc = load(EXAMPLE)
    p8 = paragraphs(doc)[-1]
    assert p8.label.key == "8"
    assert len(p8.alternatives) == 1
    alt = p8.alternatives[0]
    assert alt.line.indent == " " * 26
    assert whole_proposal(p8.lines[0]).sponsors[0].code == "ARG"
    assert whole_proposal(alt.line).sponsors[0].code == "US"


def test_example_sub_items():
    p7 = paragraphs(load(EXAMPLE))[-2]
    assert [s.label.text for s in p7.subitems] == ["a)", "b)"]


# ------------------------------------------------------------------ labels
@pytest.mark.parametrize(
    "label,key",
    [
        ("1.", "1"),
        ("12.", "12"),
        ("4.bis.", "4bis"),
        ("4 bis", "4bis"),
        ("4bis", "4bis"),
        ("4.ter", "4ter"),
        ("4 alt", "4alt"),
        ("a)", "a"),
        ("(a)", "a"),
        ("(iv)", "iv"),
        ("PP3", "PP3"),
        ("OP5", "OP5"),
        ("OP3 bis", "OP3bis"),
        ("[1.]", "1"),
        ("1.2.", "1.2"),
    ],
)
def test_labels(label, key):
    p = only_paragraph(f"{label}\tSome text.\n")
    assert p.label.text == label
    assert p.label.key == key
    assert p.label.sep == "\t"


@pytest.mark.parametrize(
    "line", ["2024 was a year.", "Article 5 says so.", "a)b is no label.", "4.5 million people."]
)
def test_not_labels(line):
    p = only_paragraph(f"{line}\n")
    assert p.label is None


def test_bracketed_label():
    p = only_paragraph("[1.]\t[Welcomes the report;]\n")
    assert p.label.bracketed
    assert whole_proposal(p.lines[0]).kind == "plain"


# ------------------------------------------------------------------ proposals
@pytest.mark.parametrize(
    "tag,codes",
    [
        ("US: ", ["US"]),
        ("USA: ", ["US"]),
        ("United States: ", ["US"]),
        ("EE.UU.: ", ["US"]),
        ("US, CAN: ", ["US", "CAN"]),
        ("US/CAN: ", ["US", "CAN"]),
        ("US and CAN: ", ["US", "CAN"]),
        ("US; MEX: ", ["US", "MEX"]),
        ("Antigua and Barbuda: ", ["ATG"]),
        ("G-77/China: ", ["G77"]),
        ("Costa Rica, Antigua and Barbuda: ", ["CRI", "ATG"]),
    ],
)
def test_tags_and_joint_proposals(tag, codes):
    (b,) = brackets(parse(f"1. Text [{tag}words] more.\n"))
    assert b.kind == "proposal"
    assert [s.code for s in b.sponsors] == codes
    assert b.body[0].text == "words"


def test_supported_by():
    (b,) = brackets(parse("1. [EU, supported by NOR: all relevant] stakeholders\n"))
    assert [(s.code, s.supporter) for s in b.sponsors] == [("EU", False), ("NOR", True)]
    assert [s.code for s in b.proposers] == ["EU"]


def test_unknown_tag_is_kept_as_written():
    (b,) = brackets(parse("1. Text [XYZ: words]\n"))
    assert b.kind == "proposal"
    assert b.sponsors[0].written == "XYZ" and b.sponsors[0].code is None


@pytest.mark.parametrize(
    "text,codes,post,tail",
    [
        ("1. Note [the report] (US) today\n", ["US"], " (US)", ""),
        ("1. Note [the report]US today\n", ["US"], "US", ""),
        ("1. Note [the report — US] today\n", ["US"], "", " — US"),
    ],
)
def test_attribution_after_the_text(text, codes, post, tail):
    (b,) = brackets(parse(text))
    assert b.kind == "proposal"
    assert [s.code for s in b.sponsors] == codes
    assert (b.post, b.tail) == (post, tail)
    assert b.body[0].text == "the report"


def test_unknown_attribution_after_a_bracket_stays_text():
    doc = parse("1. See [the report] (UNSCR) today\n")
    (b,) = brackets(doc)
    assert b.kind == "plain" and b.post == ""
    assert paragraphs(doc)[0].lines[0].content[2].text == " (UNSCR)"


def test_plain_brackets_and_alternatives_set():
    bs = brackets(parse("1. Parties [shall][should] act [unagreed text].\n"))
    assert [b.kind for b in bs] == ["plain", "plain", "plain"]


@pytest.mark.parametrize(
    "inner", ["sic", "1", "a", "t", "...", "…", "A/RES/77/1", "S/2024/123", "E/CN.6/2024/L.3"]
)
def test_brackets_that_are_not_proposals(inner):
    (b,) = brackets(parse(f'1. Quoting "[{inner}]he text" here.\n'))
    assert b.kind == "literal"


def test_nested_brackets_any_depth():
    doc = parse("1. [G77: to [US: urgently [EU: and [plainly]] provide] resources]\n")
    depths = [
        (b.kind, [s.code for s in b.sponsors], d)
        for ln in paragraphs(doc)[0].lines
        for b, d in iter_brackets(ln.content)
    ]
    assert depths == [
        ("proposal", ["G77"], 0),
        ("proposal", ["US"], 1),
        ("proposal", ["EU"], 2),
        ("plain", [], 3),
    ]


def test_deletion_and_replacement_conventions():
    bs = brackets(
        parse(
            '1. Report [US: delete] and [US: delete "annually"] and [MEX: replace "review" with "consider"] '
            "and [US: ~~consider~~ adopt] and [US: ~~words~~]\n"
        )
    )
    cmds = [b.command for b in bs]
    assert isinstance(cmds[0], Command) and cmds[0].action == "delete" and cmds[0].target is None
    assert cmds[1].action == "delete" and cmds[1].target == "annually"
    assert cmds[2].action == "replace" and (cmds[2].target, cmds[2].replacement) == ("review", "consider")
    assert cmds[3] is None and isinstance(bs[3].body[0], Struck) and bs[3].body[0].words == "consider"
    assert isinstance(bs[3].body[1], Text) and bs[3].body[1].text == " adopt"
    assert [type(n).__name__ for n in bs[4].body] == ["Struck"]


def test_delete_as_ordinary_words_is_text():
    (b,) = brackets(parse("1. [US: delete the reference to X]\n"))
    assert b.command is None and b.body[0].text == "delete the reference to X"


def test_full_width_brackets():
    (b,) = brackets(parse("1. Text ［US: words］ end\n"))
    assert b.kind == "proposal" and (b.open, b.close) == ("［", "］")


def test_alternatives_by_alt_label():
    doc = parse("OP3\tRequests a report;\n\nOP3 alt\t[G77: Requests a study;]\n\nOP4\tDecides.\n")
    ps = paragraphs(doc)
    assert [p.label.text for p in ps] == ["OP3", "OP4"]
    (alt,) = ps[0].alternatives
    assert alt.line.label.text == "OP3 alt"


def test_a_sub_items_alternative_by_alt_label():
    # "(b) alt" after sub-item (b): its alternative, decided as a paragraph's are
    text = "1. Decides:\n  (a) to act;\n  (b) to report;\n  (b) alt [NOR: to publish;]\n  (c) to review.\n"
    (p,) = paragraphs(parse(text))
    a, b, c = p.subitems
    (alt,) = b.alternatives
    assert alt.line.label.text == "(b) alt" and not a.alternatives and not c.alternatives
    assert (
        "(b) to publish;\n  (c)"
        in run_cli(["accept", "-d", "NOR", "--report", "none", "-"], stdin=text.encode()).text
    )
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=text.encode()).text
    assert rejected == "1. Decides:\n  (a) to act;\n  (b) to report;\n  (c) to review.\n"
    (nor,) = json.loads(run_cli(["status", "--format", "json", "-"], stdin=text.encode()).text)["delegations"]
    assert (nor["alternatives"], nor["proposals"]) == (1, 0)  # counted as an alternative, not inline
    # "(b) alternative" is words, not that label
    (p,) = paragraphs(parse("1. Decides:\n  (a) alternative means;\n"))
    assert p.subitems[0].lines[0].label.text == "(a)"


def test_notes():
    doc = parse(
        "Agreed ad ref\n\nChair's proposal\n\nUS proposes to delete paragraph 5.\n\n"
        "Facilitator's note: moved.\n\nNote: see annex\n"
    )
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    assert [n.kind for n in notes] == ["agreed", "chair", "deletion", "chair", "remark"]
    assert notes[2].target == "5" and notes[2].sponsors[0].code == "US"


def test_a_deletion_or_move_note_by_delegations_listed_with_commas_is_a_note():
    # "US, CAN propose to delete paragraph 1" read as a heading: a joint proposal nobody decided
    doc = parse(
        "US, CAN propose to delete paragraph 1\n\nARG, CAN and MEX propose to move paragraph 2 after "
        "paragraph 3\n\n1. Alpha.\n\n2. Beta.\n\n3. Gamma.\n"
    )
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    assert [(n.kind, n.target, [s.code for s in n.sponsors]) for n in notes] == [
        ("deletion", "1", ["US", "CAN"]),
        ("move", "2", ["ARG", "CAN", "MEX"]),
    ]


def test_unlabelled_line_that_fits_nothing_is_a_plain_paragraph():
    p = only_paragraph("Some; words, here; that fit nothing at all and run on, as prose does, for a while;\n")
    assert p.label is None


def test_continuation_lines_belong_to_their_paragraph():
    (p,) = paragraphs(parse("1. A paragraph that\nwraps onto a second line.\n"))
    assert len(p.lines) == 2


def test_positions_on_nodes():
    doc = parse("Title\n\n1. Text [US: words] end\n")
    (b,) = brackets(doc)
    assert (b.span.line, b.span.column, b.span.offset) == (3, 9, 15)
    assert (b.span.end_line, b.span.end_column, b.span.end_offset) == (3, 20, 26)
    assert b.tag.span.column == 10
    assert b.body[0].span.column == 14


def test_un_style_example_parses_every_construct():
    doc = load(EXAMPLES / "un-style-draft.txt")
    kinds = {b.kind for p in paragraphs(doc) for ln in p.lines for b, _ in iter_brackets(ln.content)}
    assert kinds == {"proposal", "plain", "literal"}
    assert any(isinstance(i, Alternative) for p in paragraphs(doc) for i in p.items)
