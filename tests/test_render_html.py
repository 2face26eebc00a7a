"""render --to html and diff --format html: the page people read.

The page's structure is checked here with the standard library's HTML parser; how it looks and
prints is checked in Chromium (tests/test_html_in_browser.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings

from bracketeer.write.html import BACKGROUND, PALETTE, colour, contrast

from .conftest import EXAMPLE, EXAMPLES, run_cli
from .test_parse_roundtrip import drafts

REV1 = EXAMPLES / "cicte-omnibus-2024-rev1.txt"


class Tree(HTMLParser):
    """Elements as (tag, attributes, children) with their text, enough to walk a page."""

    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.root: dict = {"tag": "#root", "attrs": {}, "children": [], "parent": None}
        self.here = self.root
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "parent": self.here}
        self.here["children"].append(node)
        if tag not in self.VOID:
            self.here = node

    def handle_endtag(self, tag):
        n = self.here
        while n is not None and n["tag"] != tag:
            n = n["parent"]
        assert n is not None, f"</{tag}> closes nothing"
        self.here = n["parent"]

    def handle_data(self, data):
        self.here["children"].append(data)

    def all(self, pred, node=None):
        node = node or self.root
        for c in node["children"]:
            if isinstance(c, dict):
                if pred(c):
                    yield c
                yield from self.all(pred, c)


def text_of(node) -> str:
    return "".join(c if isinstance(c, str) else text_of(c) for c in node["children"])


def classes(node) -> set[str]:
    return set(node["attrs"].get("class", "").split())


def tag_of(revision) -> str | None:
    """The code in the tag of the proposal drawn around ``revision`` (None when there is none)."""
    prop = revision["parent"]
    while prop is not None and "prop" not in classes(prop):
        prop = prop["parent"]
    if prop is None:
        return None
    tags = [c for c in prop["children"] if isinstance(c, dict) and "tag" in classes(c)]
    return text_of(tags[0]) if tags else None


def page(args: list[str], stdin: bytes = b"") -> str:
    r = run_cli(args, stdin=stdin)
    assert r.code in (0, 1), r.err
    return r.text


@pytest.fixture(scope="module")
def tracked() -> str:
    return page(["render", str(EXAMPLE), "--to", "html", "--mode", "tracked"])


# ------------------------------------------------------------------------------ colours


def test_every_palette_colour_has_wcag_aa_contrast_on_the_page():
    for c in PALETTE:
        # words are drawn in it on the page, and a tag's code is white on it
        assert contrast(c, BACKGROUND) >= 4.5, c
        assert contrast("#ffffff", c) >= 4.5, c


def test_contrast_is_wcags_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the well-known near miss


# the example's delegations in order of first appearance: the palette's colours in turn
ON_PAGE = {"US": PALETTE[0], "CAN": PALETTE[1], "ARG": PALETTE[2]}


def test_the_delegations_on_a_page_take_the_palettes_colours_in_turn(tracked):
    # a colour was a delegation's place in the registry modulo 12: G77 and LDC, CHN and ARG met
    assert colour("XYZ") == colour("XYZ") and colour("XYZ") in PALETTE  # off a page, not in the registry
    side = page(["render", str(EXAMPLE), "--to", "html", "--mode", "side-by-side"])
    for code, c in ON_PAGE.items():
        tag = f'--c:{c}" title="proposed by {code}">{code}</span>'
        assert tag in tracked and tag in side, code


def test_twelve_delegations_on_a_page_share_no_colour(tmp_path):
    # the registry's order put these pairs on one colour: G77 and LDC, CHN and ARG, …
    codes = ["G77", "LDC", "CHN", "ARG", "US", "EU", "AOSIS", "JPN", "BRA", "IND", "NOR", "CAN"]
    draft = tmp_path / "many.txt"
    draft.write_text("T\n\n" + "".join(f"{i + 1}. Text [{c}: words {i}].\n\n" for i, c in enumerate(codes)))
    out = page(["render", str(draft), "--to", "html", "--mode", "tracked"])
    found = dict(re.findall(r'<span class="tag" style="--c:(#[0-9a-f]{6})" title="proposed by (\w+)"', out))
    by_code = {code: c for c, code in found.items()}
    assert len(set(by_code.values())) == 12 == len(by_code)


# ------------------------------------------------------------------------------ the tracked page


def test_the_page_is_self_contained(tracked):
    low = tracked.lower()
    for outside in ("<script", "<link", "@import", "url(", "http://", "https://", "src="):
        assert outside not in low, outside
    assert low.startswith("<!doctype html>") and '<meta charset="utf-8">' in low
    assert "@media print" in tracked and "size:A4" in tracked


def test_every_proposal_is_drawn_behind_its_delegations_tag(tracked):
    t = Tree(tracked)
    revisions = list(t.all(lambda n: n["tag"] in ("ins", "del") and n["attrs"].get("data-author")))
    assert len(revisions) >= 6
    for r in revisions:
        if not text_of(r).strip():
            continue  # a space the resolver gives to a proposal beside it
        tag = tag_of(r)
        assert tag is not None and tag in r["attrs"]["data-author"], text_of(r)
    # the proposals of the example, each right after its code (the tag's margin is the space)
    flat = re.sub(r"\s+", " ", text_of(t.root))
    for shown in (
        "USterroristm and proliferation",
        "CANIntelligence Analysis",
        "USterrorist criminal",
        "US4.bis. To authorize the CICTE Secretariat",
        "ARGTo instruct the Secretariat",
    ):
        assert shown in flat, shown


def test_the_legend_lists_each_delegation_with_its_name_colour_and_open_proposals(tracked):
    counts = json.loads(run_cli(["status", str(EXAMPLE), "--format", "json"]).out)
    t = Tree(tracked)
    rows = {
        r["attrs"]["data-code"]: r for r in t.all(lambda n: n["tag"] == "tr" and "data-code" in n["attrs"])
    }
    assert list(rows) == ["US", "CAN", "ARG"]  # in order of first appearance
    names = {"US": "United States", "CAN": "Canada", "ARG": "Argentina"}
    by_code = {d["code"]: d["open"] for d in counts["delegations"]}
    for code, row in rows.items():
        cells = [text_of(c).strip() for c in row["children"] if isinstance(c, dict)]
        assert cells[1:] == [code, names[code], str(by_code[code])]
        swatch = next(t.all(lambda n: "swatch" in classes(n), row))
        assert swatch["attrs"]["style"] == f"--c:{ON_PAGE[code]}"


def test_the_standing_links_to_every_open_paragraph(tracked):
    counts = json.loads(run_cli(["status", str(EXAMPLE), "--format", "json"]).out)
    t = Tree(tracked)
    standing = next(t.all(lambda n: "standing" in classes(n)))
    words = re.sub(r"\s+", " ", text_of(standing))
    agreed = sum(1 for p in counts["paragraphs"] if p["state"] == "agreed")
    assert f"{len(counts['paragraphs'])} paragraphs: {agreed} agreed, 3 open" in words
    links = list(t.all(lambda n: n["tag"] == "a", standing))
    assert [text_of(a) for a in links] == ["2.", "4.bis.", "8."]
    ids = {n["attrs"]["id"]: n for n in t.all(lambda n: "id" in n["attrs"])}
    for a in links:
        target = ids[a["attrs"]["href"][1:]]
        assert text_of(a) in text_of(target)


def test_alternatives_are_grouped_and_identical_ones_marked_a_consensus_candidate(tracked):
    t = Tree(tracked)
    (group,) = t.all(lambda n: "alternatives" in classes(n))
    head = text_of(next(t.all(lambda n: "alt-head" in classes(n), group)))
    assert head.startswith("2 alternatives: ARG | US")
    assert "consensus candidate" in head
    versions = list(t.all(lambda n: "version" in classes(n), group))
    assert [text_of(next(t.all(lambda n: "tag" in classes(n), v))) for v in versions] == ["ARG", "US"]
    assert "identical to US's" in text_of(versions[0])
    # the Word comment "Alternative by …" is not repeated: the versions are on the page
    assert "Alternative by" not in tracked


def test_differing_alternatives_are_not_called_identical():
    draft = b"T\n\n8. [ARG: one text]\n8 alt [US: another text]\n8 alt [CAN: one text]\n"
    out = page(["render", "-", "--to", "html", "--mode", "tracked"], stdin=draft)
    t = Tree(out)
    head = text_of(next(t.all(lambda n: "alt-head" in classes(n))))
    assert head.startswith("3 alternatives: ARG | US | CAN")
    versions = [text_of(v) for v in t.all(lambda n: "version" in classes(n))]
    assert "identical to CAN's" in versions[0] and "identical" not in versions[1]
    assert "identical to ARG's" in versions[2]


def test_nested_proposals_are_drawn_nested():
    out = page(
        ["render", "-", "--to", "html", "--mode", "tracked"], stdin=b"T\n\n1. a [US: b [CAN: c] d] e\n"
    )
    t = Tree(out)
    (outer,) = [n for n in t.all(lambda n: classes(n) == {"prop"})]
    (inner,) = [n for n in t.all(lambda n: "nested" in classes(n))]
    assert text_of(outer) == "USb CANc d " and text_of(inner) == "CANc"
    parent = inner["parent"]
    assert parent is outer


def test_a_delete_of_anothers_proposal_is_drawn_inside_it():
    # "[CAN: shall] [US: delete]" was drawn as inserted words "[US: delete]"; CAN's "shall"
    # is struck by US inside CAN's proposal
    out = page(
        ["render", "-", "--to", "html", "--mode", "tracked"],
        stdin=b"T\n\n1. The Council [CAN: shall] [US: delete] consider this.\n",
    )
    t = Tree(out)
    (outer,) = [n for n in t.all(lambda n: classes(n) == {"prop"})]
    (inner,) = [n for n in t.all(lambda n: "nested" in classes(n))]
    assert text_of(outer) == "CANUSshall" and inner["parent"] is outer
    (struck,) = [n for n in t.all(lambda n: n["tag"] == "del" and text_of(n) == "shall")]
    assert struck["parent"] is inner and "[US: delete]" not in out


def test_notes_are_notes_in_the_drafts_order(tracked):
    t = Tree(tracked)
    notes = [text_of(n) for n in t.all(lambda n: n["tag"] == "aside")]
    assert notes[0] == "Secretariat: (Comments from delegations received as of April 16, 2024)"
    assert notes[1] == "Secretariat: Proposed new paragraph submitted by the delegation of the United States:"
    at = tracked.index("Proposed new paragraph submitted")
    assert at < tracked.index("To authorize the CICTE") and tracked.index(">4.<") < at


def test_clean_page_has_no_revisions_or_tags():
    out = page(
        ["render", str(EXAMPLE), "--to", "html", "--mode", "clean", "--accept", "--all", "--report", "none"]
    )
    assert "<ins" not in out and "<del" not in out and 'class="tag"' not in out
    t = Tree(out)
    main = next(t.all(lambda n: n["tag"] == "main"))
    assert "[" not in text_of(main) and "terroristm and proliferation financing" in text_of(main)
    assert "10 paragraphs: 10 agreed, 0 open" in text_of(next(t.all(lambda n: "standing" in classes(n))))


def test_side_by_side_columns_take_the_delegations_colours():
    out = page(["render", str(EXAMPLE), "--to", "html", "--mode", "side-by-side"])
    t = Tree(out)
    table = next(t.all(lambda n: "side-by-side" in classes(n)))
    heads = [text_of(h) for h in t.all(lambda n: n["tag"] == "th", table)]
    assert heads[:5] == ["Para", "Agreed / base text", "US", "CAN", "ARG"]
    cells = list(t.all(lambda n: "cell" in classes(n)))
    can = [c for c in cells if "Intelligence Analysis" in text_of(c)]
    assert can and all(c["attrs"]["style"] == f"--c:{ON_PAGE['CAN']}" for c in can)


# ------------------------------------------------------------------------------ the comparison


def test_diff_page_shows_each_change_old_to_new_with_its_proposal_events():
    r = run_cli(["diff", "--format", "html", str(EXAMPLE), str(REV1)])
    assert r.code == 1  # differences found, as diff(1)
    t = Tree(r.text)
    changes = {n["attrs"]["id"]: n for n in t.all(lambda n: "change" in classes(n) and "id" in n["attrs"])}
    links = [a for a in t.all(lambda n: n["tag"] == "a")]
    assert links and all(a["attrs"]["href"][1:] in changes for a in links)
    two = next(c for c in changes.values() if text_of(c).startswith("2."))
    assert [text_of(d) for d in t.all(lambda n: n["tag"] == "del", two)][:1] == ["[US: terroristm"]
    events = [re.sub(r"\s+", " ", text_of(li)).strip() for li in t.all(lambda n: n["tag"] == "li", two)]
    assert any(e.startswith("US accepted (with changes) by US") for e in events), events
    assert any(e.startswith("CAN amended by CAN") for e in events), events
    legend = [r["attrs"]["data-code"] for r in t.all(lambda n: "data-code" in n["attrs"])]
    assert set(legend) == {"US", "CAN", "MEX", "ARG"}


def test_diff_page_of_identical_drafts_says_so():
    r = run_cli(["diff", "--format", "html", str(EXAMPLE), str(EXAMPLE)])
    assert r.code == 0 and "No differences." in r.text


# ------------------------------------------------------------------------------ every draft


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
# a paragraph with a second line and an alternative showed only its first line: "Member" was lost
@example("\n[]\nMember\n[]\n")
def test_every_generated_draft_gives_a_well_formed_page_with_every_proposal_tagged(text: str) -> None:
    from bracketeer.errors import BracketeerError
    from bracketeer.read.text import parse_text
    from bracketeer.write import html, model

    try:
        doc = parse_text(text)
    except BracketeerError:
        return
    from bracketeer.delegations import Registry

    out = html.page(doc, model.build(doc), tracked=True, title="T", registry=Registry.builtin())
    t = Tree(out)  # every element closes where it opened
    assert t.here is t.root
    for r in t.all(lambda n: n["tag"] in ("ins", "del")):
        if not text_of(r).strip():
            continue
        assert tag_of(r) is not None, out
    # nothing of the draft's words is lost: each word of its text, notes and labels is on the page
    page_text = text_of(t.root)
    for w in re.findall(r"[A-Za-z]{4,}", " ".join(_words(doc))):
        assert w in page_text, w


def _words(node) -> list[str]:
    """The text of every Text, Struck, Note and Label in ``node`` (tags and commands left out)."""
    from dataclasses import fields, is_dataclass

    from bracketeer.ast import Label, Note, Struck, Text

    if isinstance(node, (Text, Struck, Note, Label)):
        return [node.text]
    if isinstance(node, tuple):
        return [w for x in node for w in _words(x)]
    if is_dataclass(node) and not isinstance(node, type):
        return [w for f in fields(node) if f.name != "origin" for w in _words(getattr(node, f.name))]
    return []


def test_brackets_that_name_no_delegation_are_marked_and_in_the_legend(tmp_path):
    # on UNFCCC-style drafts (every bracket untagged) the page was plain text
    draft = tmp_path / "d.txt"
    draft.write_text(
        "T\n\n1. Calls for [timely] action [and [enhanced] support] and [US: more] help, resolution[1].\n"
    )
    page = run_cli(["render", str(draft), "--to", "html", "--mode", "tracked"]).text
    marked = re.findall(
        r'<span class="prop plain"[^>]*>(?:<span class="tag"[^>]*>\?</span>)([^<]*)</span>', page
    )
    assert marked == ["[timely]", "[and [enhanced] support]"]  # the outer one holds the inner
    assert "resolution[1]" in page and '<span class="prop plain"' not in page.split("resolution")[1][:40]
    legend = re.search(r'<tr data-code="unattributed">.*?<td class="n">(\d+)</td>', page)
    assert legend is not None and legend.group(1) == "3"  # as status counts them: the nested one too


def test_notes_are_labelled_by_their_kind(tmp_path):
    # every note was "Secretariat:", "Option 1" and the chair's included
    draft = tmp_path / "d.txt"
    draft.write_text(
        "T\n\nOption 1\n\n1. Text [US: a].\n\nChair's proposal: merge 1 and 2\n\n2. More.\n\nAgreed ad ref\n"
    )
    t = Tree(page(["render", str(draft), "--to", "html", "--mode", "tracked"]))
    labels = [text_of(n).split(":")[0] for n in t.all(lambda n: n["tag"] == "aside")]
    assert labels == ["Option", "Chair", "Status"]


def test_positions_and_supporters_are_shown_under_their_paragraph(tmp_path):
    # "[extreme - US; G77 delete]" showed only US: the positions were nowhere on the page
    draft = tmp_path / "d.txt"
    draft.write_text(
        "T\n\n1. Calls for [timely] (G77) (EU, US: delete) action and an [ambitious - EU; LMDC delete] goal "
        "[CAN, supported by NOR: now].\n\n2. Plain text.\n"
    )
    t = Tree(page(["render", str(draft), "--to", "html", "--mode", "tracked"]))
    (listed,) = list(t.all(lambda n: "positions" in classes(n)))
    items = [" ".join(text_of(li).split()) for li in t.all(lambda n: n["tag"] == "li", listed)]
    assert items == ["timely: delete EUUS", "ambitious: delete LMDC", "now: support NOR"]


def test_brackets_that_do_not_balance_are_marked_and_counted_as_status_counts_them(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("T\n\n1. Calls for [timely action.\n\n2. Next one.\n\n3. Fine ] here.\n\n4. More [x.\n")
    out = run_cli(["render", "--recover", str(draft), "--to", "html", "--mode", "tracked"]).text
    summary = run_cli(["status", "--recover", "--format", "summary", str(draft)]).text
    assert summary.startswith("4 paragraphs, 1 agreed, 0 open, 3 with brackets that do not balance")
    # the page said "0 agreed, 4 open": paragraphs with a fault counted as open
    assert "<b>1 agreed</b>, <b>0 open</b>, <b>3 with brackets that do not balance</b>" in out
    t = Tree(out)
    marks = [
        " ".join(text_of(n).split()) for n in t.all(lambda n: "fault" in classes(n) and n["tag"] == "li")
    ]
    assert marks == [
        '⚠ unclosed "[" opened here (line 3, column 14)',
        '⚠ unmatched "]": no "[" is open here (line 7, column 9)',
        '⚠ unclosed "[" opened here (line 9, column 9)',
    ]


def test_an_output_name_says_the_format(tmp_path):
    """``render -o page.html`` wrote a Word document into page.html (and into notes.md): the
    output's name now says the format, as every command's ``-o FILE.docx`` does."""
    from .conftest import EXAMPLE, run_cli

    for name, start in (
        ("page.html", b"<!DOCTYPE html>"),
        ("notes.md", b"# CICTE"),
        ("draft.txt", b"CICTE"),
        ("draft.docx", b"PK"),
        ("draft.akn.xml", b"<?xml"),
    ):
        out = tmp_path / name
        r = run_cli(["render", "--mode", "tracked", str(EXAMPLE), "-o", str(out)])
        assert r.code == 0, (name, r.err)
        assert out.read_bytes().lstrip()[: len(start)] == start, name
