"""``parse --format json`` is written a block at a time: the same bytes as the whole tree turned
into one JSON string, with the memory of the parse alone (measured in bench/bench_parse.py)."""

from __future__ import annotations

import pytest

import bracketeer
from bracketeer.write import schemas

from .conftest import EXAMPLE, run_cli

DRAFTS = {
    "example": EXAMPLE.read_bytes(),
    "empty": b"",
    "faults": b"1. Calls for [US: action.\n\n2. Notes.\n",
    "options": b"1. Decides:\n\nOption 1: to act;\n\nOption 2: to wait;\n\n{End of options}\n",
    "unicode": "1. Calls for [FRA: \u00e9quit\u00e9] \u2014 now.\n".encode(),
}


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_streamed_json_is_the_whole_json(name):
    draft = bracketeer.load(DRAFTS[name], name=name, recover=True)
    report = bracketeer.reading(draft)
    assert "".join(schemas.document_json(draft, report)) == schemas.dumps(schemas.document(draft, report))


def test_parse_writes_the_same_bytes_it_always_did(tmp_path):
    f = tmp_path / "d.txt"
    f.write_bytes(DRAFTS["example"])
    piped = run_cli(["parse", "--format", "json", str(f)]).out
    draft = bracketeer.load(f)
    assert piped == schemas.dumps(schemas.document(draft, bracketeer.reading(draft))).encode()
