"""``bracketeer history``: a negotiation followed across six versions made from the scenario's
compilation (tests/data/scenario), with counts checked by hand against the drafts."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

SCENARIO = Path(__file__).resolve().parent / "data" / "scenario"
SUBMISSIONS = ("NOR", "nor.txt"), ("ARG", "arg.txt"), ("CAN", "can.txt"), ("US", "us.txt")


def _series(tmp_path: Path) -> list[Path]:
    """The agreed base; the compilation of four submissions; NOR's proposals accepted; ARG's
    rejected; CAN's move accepted and the paragraphs numbered again; the EU's accepted and the
    rest rejected (the agreed text)."""
    eu = tmp_path / "eu.docx"
    assert run_cli(["render", "--mode", "tracked", str(SCENARIO / "eu-tracked.txt"), "-o", str(eu)]).code == 0
    subs = [f"{code}={SCENARIO / name}" for code, name in SUBMISSIONS] + [f"EU={eu}"]
    steps: list[bytes] = [(SCENARIO / "base.txt").read_bytes()]
    r = run_cli(
        ["consolidate", str(SCENARIO / "base.txt"), *subs, "--as-of", "2024-04-16", "--report", "none"]
    )
    steps.append(r.out)
    for args in (["accept", "-d", "NOR"], ["reject", "-d", "ARG"], ["accept", "-d", "CAN", "--renumber"]):
        steps.append(run_cli([*args, "--report", "none", "-"], stdin=steps[-1]).out)
    eu_accepted = run_cli(["accept", "-d", "EU", "--report", "none", "-"], stdin=steps[-1]).out
    steps.append(run_cli(["reject", "--all", "--report", "none", "-"], stdin=eu_accepted).out)
    paths = []
    for k, data in enumerate(steps, 1):
        f = tmp_path / f"v{k}.txt"
        f.write_bytes(data)
        paths.append(f)
    return paths


def test_each_version_counted_as_read_by_hand(tmp_path):
    files = [str(f) for f in _series(tmp_path)]
    data = json.loads(run_cli(["history", *files, "--format", "json"]).text)
    assert data["schema"] == "bracketeer.history/1"
    got = [
        (
            v["agreed"],
            v["open"],
            v["open_passages"],
            v["open_brackets"],
            v["new"],
            v["accepted"],
            v["rejected"],
        )
        for v in data["versions"]
    ]
    assert got == [
        (7, 0, 0, 0, 0, 0, 0),  # the agreed base
        (2, 6, 8, 8, 10, 0, 0),  # 8 bracketed proposals and 2 notes (a deletion, a move)
        (5, 3, 4, 4, 0, 3, 1),  # NOR's three accepted; ARG's rival version of NOR's superseded
        (6, 2, 3, 3, 0, 0, 1),  # ARG's other proposal rejected
        (6, 2, 3, 3, 0, 1, 0),  # CAN's move made
        (8, 0, 0, 0, 0, 2, 2),  # the EU's two accepted, the US's two rejected
    ]
    assert [v["open_by_delegation"] for v in data["versions"]][1] == {
        "ARG": 2,
        "CAN": 1,
        "EU": 2,
        "NOR": 3,
        "US": 2,
    }
    assert [v["moved"] for v in data["versions"]] == [0, 0, 0, 0, 1, 0]
    who = {d["code"]: (d["made"], d["open"], d["accepted"], d["dropped"]) for d in data["delegations"]}
    assert who == {
        "ARG": (2, 0, 0, 2),
        "CAN": (1, 0, 1, 0),
        "EU": (2, 0, 2, 0),
        "NOR": (3, 0, 3, 0),
        "US": (2, 0, 0, 2),
    }
    # a paragraph followed through the move and the renumbering, agreed from the last version on
    invites = next(p for p in data["paragraphs"] if p["text"].startswith("invites"))
    assert (invites["labels"], invites["agreed_since"]) == (["5.", "5.", "5.", "5.", "3.", "3."], 5)


def test_the_table_and_the_csv_say_the_same(tmp_path):
    files = [str(f) for f in _series(tmp_path)]
    table = run_cli(["history", *files]).text
    assert "│ 2 │ v2.txt       │      2 │    6 │     8 │    8 │  10 │    0 │    0 │    0 │" in table
    assert "Open proposals by delegation" in table
    rows = run_cli(["history", *files, "--format", "csv"]).text.splitlines()
    assert rows[0].startswith("version,paragraphs,agreed,open,open passages,open brackets,new,accepted")
    assert rows[2].split(",")[1:11] == ["8", "2", "6", "8", "8", "10", "0", "0", "0", "0"]


def test_word_and_text_versions_mix(tmp_path):
    files = _series(tmp_path)
    eu = tmp_path / "eu.docx"  # the EU's copy, its proposals tracked changes
    data = json.loads(run_cli(["history", str(files[0]), str(eu), "--format", "json"]).text)
    assert [v["open_by_delegation"] for v in data["versions"]] == [{}, {"EU": 2}]
    assert data["versions"][1]["new"] == 2


def test_a_missing_version_is_an_error_naming_it(tmp_path):
    r = run_cli(["history", str(tmp_path / "nowhere.txt")])
    assert r.code == 2 and "nowhere.txt" in r.err


def test_the_chart_draws_each_delegation_and_the_share_agreed(tmp_path):
    from lxml import etree

    files = [str(f) for f in _series(tmp_path)]
    chart = tmp_path / "history.svg"
    assert run_cli(["history", *files, "--chart", str(chart), "--format", "csv"]).code == 0
    svg = etree.parse(str(chart)).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    lines = svg.findall(".//s:polyline", ns)
    assert len(lines) == 6  # ARG, CAN, EU, NOR, US, and the share agreed (dashed)
    assert [ln.get("stroke-dasharray") for ln in lines].count("5 4") == 1
    labels = [t.text for t in svg.findall(".//s:text", ns)]
    assert {"ARG", "CAN", "EU", "NOR", "US", "#1", "#6", "v6.txt"} <= set(labels)
    # NOR's line peaks at version 2 (3 open) and is at 0 from version 3 on: higher on the page is less y
    nor = lines[3].get("points").split()
    ys = [float(p.split(",")[1]) for p in nor]
    assert ys[1] == min(ys) and ys[2] == ys[3] == ys[5] == max(ys)
    # the same bytes every run
    again = tmp_path / "again.svg"
    run_cli(["history", *files, "--chart", str(again), "--format", "csv"])
    assert again.read_bytes() == chart.read_bytes()


def test_the_chart_as_a_png_is_the_svg_drawn(tmp_path):
    """``--chart history.png``: the SVG chart drawn by resvg at twice its size, each
    delegation's line in its colour where the SVG puts it, the labels inked, the same bytes
    every run."""
    from lxml import etree
    from PIL import Image

    from bracketeer.write.html import PALETTE

    files = [str(f) for f in _series(tmp_path)]
    chart = tmp_path / "history.png"
    assert run_cli(["history", *files, "--chart", str(chart), "--format", "csv"]).code == 0
    image = Image.open(chart).convert("RGB")
    assert image.size == (1440, 720)
    pixels = image.load()

    def near(colour: str, at: tuple[int, int]) -> bool:
        want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        x0, y0 = at
        return any(
            all(abs(a - b) < 40 for a, b in zip(pixels[x, y], want, strict=True))
            for x in range(x0 - 4, x0 + 5)
            for y in range(y0 - 4, y0 + 5)
        )

    assert run_cli(["history", *files, "--chart", str(tmp_path / "history.svg"), "--format", "csv"]).code == 0
    root = etree.parse(str(tmp_path / "history.svg")).getroot()
    lines = root.findall(".//{http://www.w3.org/2000/svg}polyline")
    for i, line in enumerate(lines[:5]):  # ARG, CAN, EU, NOR, US: every point of each line
        for point in line.get("points").split():
            x, y = (round(2 * float(v)) for v in point.split(","))
            assert near(PALETTE[i], (x, y)), (i, point)
    # the title is drawn, not left out for want of a font
    title = [pixels[x, y] for x in range(112, 500) for y in range(20, 50)]
    assert sum(1 for p in title if max(p) < 100) > 200
    again = tmp_path / "again.png"
    run_cli(["history", *files, "--chart", str(again), "--format", "csv"])
    assert again.read_bytes() == chart.read_bytes()


def test_a_png_chart_without_resvg_says_how_to_get_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "resvg_py", None)
    files = [str(f) for f in _series(tmp_path)]
    r = run_cli(["history", *files, "--chart", str(tmp_path / "h.png"), "--format", "csv"])
    assert r.code == 2 and "bracketeer-drafts[png]" in r.err and "FILE.svg" in r.err
    assert not (tmp_path / "h.png").exists()


def test_the_versions_of_a_file_kept_in_git(tmp_path):
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    series = _series(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.email=s@example.org", "-c", "user.name=S", *args],
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    for k, f in enumerate(series, 1):
        (repo / "draft.txt").write_bytes(f.read_bytes())
        git("add", "draft.txt")
        git("commit", "-q", "-m", f"version {k}")
    from_git = json.loads(run_cli(["history", "--git", str(repo / "draft.txt"), "--format", "json"]).text)
    from_files = json.loads(run_cli(["history", *map(str, series), "--format", "json"]).text)
    strip = lambda vs: [{k: v for k, v in x.items() if k != "source"} for x in vs]  # noqa: E731
    assert strip(from_git["versions"]) == strip(from_files["versions"])
    assert all(v["source"].startswith("draft.txt@") for v in from_git["versions"])
    # outside a repository: exit 2, the file named
    alone = tmp_path / "alone.txt"
    alone.write_bytes(series[0].read_bytes())
    r = run_cli(["history", "--git", str(alone)])
    assert r.code == 2 and "alone.txt" in r.err


def test_proposals_moved_between_paragraphs_are_counted():
    """A proposal gone from paragraph 1 and standing in paragraph 2 (a clause moved) is one
    proposal moved in that version, not one rejected and one new."""
    from bracketeer.history import history

    from .conftest import parse

    one, two = "Invites Member States to share their experiences", "Requests the Secretariat to report on"
    v1 = parse(f"TITLE\n\n1. {one} [US: with all regional partners] next year.\n\n2. {two} progress.\n")
    v2 = parse(f"TITLE\n\n1. {one} next year.\n\n2. {two} [US: with all regional partners] progress.\n")
    last = history([v1, v2]).versions[-1]
    assert (last.moved_proposals, last.new, last.rejected, last.moved) == (1, 0, 0, 0)
