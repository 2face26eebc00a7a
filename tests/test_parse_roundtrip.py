"""Printing the tree gives back the input byte for byte."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bracketeer.query import source_text
from bracketeer.read.text import read_bytes

from .conftest import EXAMPLES, run_cli


def roundtrip_bytes(data: bytes) -> bytes:
    doc = read_bytes(data, source="draft.txt")
    return (source_text(doc)).encode(doc.encoding)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_every_example_round_trips(path):
    data = path.read_bytes()
    assert roundtrip_bytes(data) == data


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n",
        b" ",
        b"1. Text without a final newline",
        b"1.\tText [US: with a tab]\r\n\r\n2. Second [CAN: line]\r\n",
        b"\xef\xbb\xbf1. With a BOM [US: x]\n",
        b"  \t odd   spacing [US:  x ]  \n\n\n   \n",
        b"1. Mixed\r\nline\nendings\r\n",
        b"1. A [US: proposal that\nruns over\n\nseveral lines] ends here.\n",
        b"1. Lone \r carriage return\n",
        "1. Non\u00a0breaking [US:\u00a0x] and full-width ［CAN: y］\n".encode(),
        # a line after an "N alt" line was printed before the alternative
        b"8. [ARG: To instruct the Secretariat.]\n8 alt [US: To request the Secretariat.]\nand to report back.\n",
        b'OP3\t[]\nOP3alt\t[]\n"',
    ],
)
def test_awkward_inputs_round_trip(data):
    assert roundtrip_bytes(data) == data


def test_utf16_with_bom_round_trips():
    data = codecs.BOM_UTF16_LE + "1. Texte [US: épreuve]\r\n".encode("utf-16-le")
    assert roundtrip_bytes(data) == data
    data_be = codecs.BOM_UTF16_BE + "1. Texte [US: épreuve]\n".encode("utf-16-be")
    assert roundtrip_bytes(data_be) == data_be


def test_cli_text_format_prints_the_input_back_from_stdin():
    data = b"\xef\xbb\xbfTITLE\r\n\r\n1.\tText [US: x]\r\n  [ARG: y]. \r\n "
    r = run_cli(["parse", "--format", "text", "-"], stdin=data)
    assert r.code == 0
    assert r.out == data


# --------------------------------------------------------------------------- generated drafts
WORDS = st.sampled_from(
    [
        "the",
        "Member",
        "States",
        "shall",
        "should",
        "financing",
        "of",
        "CICTE",
        "2024",
        "sic",
        "…",
        "A/RES/77/1",
        "delete",
        "~~old~~",
        "—",
        ":",
        ",",
        ";",
        "(a)",
        "US",
        "é",
        "\u00a0",
        "\t",
        "  ",
    ]
)
TAGS = st.sampled_from(
    [
        "",
        "US: ",
        "CAN: ",
        "US, CAN: ",
        "US/CAN: ",
        "EU, supported by NOR: ",
        "United States: ",
        "XYZ: ",
        "G-77/China: ",
        "US:: ",
    ]
)
LABELS = st.sampled_from(
    ["", "1. ", "2.\t", "4.bis. ", "4 bis ", "a) ", "(i) ", "PP3 ", "OP5 ", "[1.] ", "\t4.bis. "]
)
EOLS = st.sampled_from(["\n", "\r\n"])


def text_run() -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=0, max_size=6).map(" ".join)


bracket = st.recursive(
    text_run(),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=3), st.sampled_from(["", ".", " (US)", "US"])).map(
        lambda t: "[" + t[0] + " ".join(t[1]) + "]" + t[2]
    ),
    max_leaves=8,
)


@st.composite
def drafts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(draw(st.sampled_from(["", "   ", "\t"])) + draw(EOLS))
        elif kind == 1:
            lines.append(
                draw(
                    st.sampled_from(
                        [
                            "Proposed new paragraph submitted by the delegation of Canada:",
                            "Agreed ad ref",
                            "(Comments received)",
                            "CICTE",
                            "Note: x",
                        ]
                    )
                )
                + draw(EOLS)
            )
        else:
            parts = draw(st.lists(st.one_of(text_run(), bracket), min_size=1, max_size=4))
            lines.append(draw(LABELS) + " ".join(parts) + draw(EOLS))
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_generated_drafts_round_trip(text):
    data = text.encode("utf-8")
    assert roundtrip_bytes(data) == data


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="[]［］\x00", blacklist_categories=("Cs",))))
def test_any_text_without_brackets_parses(text):
    data = text.encode("utf-8")
    assert roundtrip_bytes(data) == data


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "a", " ", "\n", "US: ", "1. "]), max_size=30))
def test_balanced_text_parses_and_unbalanced_fails_with_positions(pieces):
    from bracketeer.errors import ParseError

    text = "".join(pieces)
    depth, balanced = 0, True
    for ch in text:
        depth += (ch == "[") - (ch == "]")
        balanced = balanced and depth >= 0
    balanced = balanced and depth == 0
    if balanced:
        assert roundtrip_bytes(text.encode()) == text.encode()
    else:
        with pytest.raises(ParseError) as info:
            roundtrip_bytes(text.encode())
        assert info.value.problems
        assert all(p.line >= 1 and p.column >= 1 for p in info.value.problems)


PIECES = st.sampled_from(
    [
        "[",
        "]",
        "［",
        "］",
        "~",
        "~~",
        "~~~",
        "delete",
        "delete ",
        'delete "x"',
        "replace",
        '"a" with "b"',
        '"',
        "“",
        ":",
        "::",
        "US",
        "US: ",
        "us:",
        "A/RES/1",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u00a0",
        "a",
        "(",
        ")",
        "(US)",
        "1.",
        "1. ",
        "4 bis ",
        "a) ",
        "(iv) ",
        "PP1 ",
        "[1.] ",
        "—",
        "-",
        "Note: ",
        "Proposed new paragraph",
        "US proposes to delete paragraph 5",
        "Agreed ad ref",
        "é",
        "\ufeff",
        "\x0c",
    ]
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40))
def test_any_balanced_text_parses_and_round_trips(pieces):
    """Only bracket structure can fail a parse: whatever else the text holds, it parses."""
    from bracketeer.errors import ParseError

    text = "".join(pieces)
    depth, balanced = 0, True
    for ch in text:
        depth += (ch in "[［") - (ch in "]］")
        balanced = balanced and depth >= 0
    balanced = balanced and depth == 0
    data = text.encode("utf-8")
    if balanced:
        assert roundtrip_bytes(data) == data
    else:
        with pytest.raises(ParseError):
            roundtrip_bytes(data)


# ------------------------------------------------------------------ encodings: the input's bytes, exactly
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("1. [US: x] y\n".encode("utf-16-le"), "utf-16-le"),
        (b"\xff\xfe" + "1. [US: x] y\n".encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + "1. [US: x] y\n".encode("utf-16-be"), "utf-16"),
        (b"1. [US: x] y\n", "utf-8-sig"),
        (b"\xef\xbb\xbf1. [US: x] y\n", "utf-8-sig"),
        ("1. [US: café]\n".encode("latin-1"), "latin-1"),
    ],
)
def test_a_named_encoding_gives_back_exactly_the_input_bytes(tmp_path, data, encoding):
    p = tmp_path / "d.txt"
    p.write_bytes(data)
    r = run_cli(["parse", "--format", "text", "--encoding", encoding, str(p)])
    assert r.code == 0, r.err
    assert r.out == data


def test_utf16_without_a_byte_order_mark_asks_for_the_byte_order(tmp_path):
    p = tmp_path / "d.txt"
    p.write_bytes("1. [US: x] y\n".encode("utf-16-le"))
    named = run_cli(["parse", "--encoding", "utf-16", str(p)])
    assert named.code == 2 and "--encoding utf-16-le or --encoding utf-16-be" in named.err
    guessed = run_cli(["parse", str(p)])
    assert guessed.code == 2 and "use --encoding utf-16-le" in guessed.err


def test_every_read_in_the_suite_is_compared_with_the_reference_reader() -> None:
    # the comparison patches bracketeer.read.lines.read_lines: were the text reader to bind the
    # name at import, the patch would be silently bypassed; this fails then
    import bracketeer

    from .conftest import ORACLE

    before = ORACLE["compared"]
    bracketeer.load(b"1. Calls upon [US: all] States.\n", name="oracle.txt")
    assert ORACLE["compared"] == before + 1
