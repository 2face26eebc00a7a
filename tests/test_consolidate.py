"""``bracketeer consolidate``: the delegations' submissions into one compilation, checked on the
example (its compilation rebuilt from the agreed text and three submissions, one a Word file
with tracked changes) and as properties over generated bases and submissions."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bracketeer as b
from bracketeer.write import text as rtext

from .conftest import EXAMPLE, EXAMPLES, Result, pandoc_plain, pandoc_revisions, run_cli

FOLDER = EXAMPLES / "consolidation"
SUBMISSIONS = [
    f"US={EXAMPLES / 'submission-us.docx'}",
    f"CAN={FOLDER / 'can.txt'}",
    f"ARG={FOLDER / 'arg.txt'}",
]


def proposals(text: str) -> dict[str, list[tuple[str, str]]]:
    """Per paragraph label: its open proposals (sponsors, words), identical versions by several
    delegations counted as one joint proposal. (A final full stop is left out: the example writes
    it inside one new paragraph's bracket and outside the other's.)"""
    data = json.loads(run_cli(["status", "--format", "json", "-"], stdin=text.encode()).text)
    out: dict[str, list[tuple[str, str]]] = {}
    for p in data["paragraphs"]:
        by_text: dict[str, set[str]] = defaultdict(set)
        for x in p["open"]:
            by_text[" ".join(x["text"].split()).rstrip(".")].update(s.strip() for s in x["by"].split(","))
        out[p["label"]] = sorted((", ".join(sorted(who)), words) for words, who in by_text.items())
    return out


def notes(text: str) -> list[str]:
    doc = b.load(text.encode())
    return [" ".join(x.text.split()) for x in doc.blocks if type(x).__name__ == "Note"]


def test_the_example_compilation_is_rebuilt_from_its_submissions():
    r = run_cli(["consolidate", str(FOLDER / "base.txt"), *SUBMISSIONS, "--as-of", "2024-04-16"])
    assert r.code == 0, r.err
    example = EXAMPLE.read_text(encoding="utf-8")
    assert proposals(r.text) == proposals(example)
    # the example writes its new last paragraph, 8, with no note; every new paragraph gets one
    last = "Proposed new paragraph submitted by the delegations of Argentina and the United States:"
    assert notes(r.text) == [*notes(example), last]
    assert "US proposes a new paragraph" in r.err and "(paragraph 4.bis.)" in r.err


def test_submission_order_does_not_matter():
    one = run_cli(["consolidate", str(FOLDER / "base.txt"), *SUBMISSIONS, "--report", "none"])
    two = run_cli(["consolidate", str(FOLDER / "base.txt"), *reversed(SUBMISSIONS), "--report", "none"])
    assert one.code == two.code == 0 and one.out == two.out


def test_a_word_file_whose_authors_name_the_delegation():
    named = run_cli(["consolidate", str(FOLDER / "base.txt"), str(EXAMPLES / "submission-us.docx")])
    coded = run_cli(["consolidate", str(FOLDER / "base.txt"), SUBMISSIONS[0]])
    assert named.code == 0 and named.out == coded.out and "[US:" in named.text


def test_conflicts_become_the_smallest_rival_brackets_and_are_reported(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text("1. Calls for prompt action.\n\n2. Notes the report.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("1. Calls for swift action.\n\n2. Notes the report.\n", encoding="utf-8")
    (tmp_path / "u.txt").write_text("1. Calls for urgent action.\n\n2. Notes the report.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("1. Calls for swift action.\n\n2. Notes the report.\n", encoding="utf-8")
    r = run_cli(
        [
            "consolidate",
            str(base),
            f"ARG={tmp_path / 'a.txt'}",
            f"US={tmp_path / 'u.txt'}",
            f"CAN={tmp_path / 'c.txt'}",
            "--report",
            "json",
        ]
    )
    assert r.code == 0, r.err
    # the smallest brackets, one per version, side by side: the words around stay agreed
    assert r.text.startswith("1. Calls for [ARG, CAN: ~~prompt~~ swift] / [US: ~~prompt~~ urgent] action.\n")
    report = json.loads(r.err)
    assert report["schema"] == "bracketeer.consolidate/1" and report["conflicts"] == 1
    for who, expected in (("US", "urgent"), ("ARG", "swift")):
        accepted = run_cli(["accept", "-d", who, "--report", "none", "-"], stdin=r.out)
        assert f"1. Calls for {expected} action." in accepted.text
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out)
    assert rejected.text == base.read_text()
    # the whole paragraph's versions as alternative lines, on request
    r = run_cli(
        [
            "consolidate",
            str(base),
            f"ARG={tmp_path / 'a.txt'}",
            f"US={tmp_path / 'u.txt'}",
            f"CAN={tmp_path / 'c.txt'}",
            "--conflicts",
            "alternatives",
        ]
    )
    assert r.text.startswith(
        "1. Calls for prompt action.\n1 alt [ARG, CAN: Calls for swift action.]\n1 alt [US: Calls for urgent action.]\n"
    )
    for who, expected in (("US", "urgent"), ("ARG", "swift")):
        accepted = run_cli(["accept", "-d", who, "--report", "none", "-"], stdin=r.out)
        assert f"1. Calls for {expected} action." in accepted.text


def test_deletion_styles_and_note_template(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text(
        "1. Calls for very prompt action.\n\n2. Notes the report.\n\n3. Decides.\n", encoding="utf-8"
    )
    sub = tmp_path / "us.txt"
    sub.write_text(
        "1. Calls for swift action.\n\n2. Notes the report.\n\n2.bis. Welcomes progress.\n", encoding="utf-8"
    )
    struck = run_cli(["consolidate", str(base), f"US={sub}", "--report", "none"]).text
    assert "1. Calls for [US: ~~very prompt~~ swift] action." in struck
    assert "US proposes to delete paragraph 3" in struck
    assert (
        "Proposed new paragraph submitted by the delegation of the United States:\n\n2.bis. [US: Welcomes progress.]"
        in struck
    )
    command = run_cli(
        [
            "consolidate",
            str(base),
            f"US={sub}",
            "--deletion-style",
            "command",
            "--report",
            "none",
            "--note-template",
            "Proposed text of the {delegation}:",
        ]
    ).text
    assert '1. Calls for very prompt [US: replace "very prompt" with "swift"] action.' in command
    assert "Proposed text of the delegation of the United States:" in command
    for text in (struck, command):
        assert (
            run_cli(["reject", "--all", "--report", "none", "-"], stdin=text.encode()).text
            == base.read_text()
        )
        assert run_cli(["accept", "--all", "--report", "none", "-"], stdin=text.encode()).text.split() == (
            "1. Calls for swift action. 2. Notes the report. 2.bis. Welcomes progress.".split()
        )


def test_a_note_template_that_is_not_a_note_is_refused(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text("1. Calls for action.\n", encoding="utf-8")
    r = run_cli(["consolidate", str(base), f"US={base}", "--note-template", "Added by {delegation}:"])
    assert r.code == 2 and "does not read as a note" in r.err


@pytest.mark.parametrize(
    ("submission", "says"),
    [("XYZ={sub}", 'unknown delegation "XYZ"'), ("US={other}", "not an edit of the base")],
)
def test_bad_submissions_get_exit_2_and_nothing_is_written(tmp_path, submission, says):
    base = tmp_path / "base.txt"
    base.write_text("1. Calls for action.\n\n2. Notes the report.\n\n3. Decides.\n", encoding="utf-8")
    sub = tmp_path / "sub.txt"
    sub.write_text("1. Calls for swift action.\n\n2. Notes the report.\n\n3. Decides.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely.\n\nNothing alike at all here.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    r = run_cli(["consolidate", str(base), submission.format(sub=sub, other=other), "-o", str(out)])
    assert r.code == 2 and says in r.err and not out.exists()


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_the_compilation_as_a_tracked_word_file(tmp_path):
    out = tmp_path / "c.docx"
    r = run_cli(["consolidate", str(FOLDER / "base.txt"), *SUBMISSIONS, "--to", "docx", "-o", str(out)])
    assert r.code == 0, r.err
    assert {who for _, who in pandoc_revisions(out)} == {"US", "CAN", "ARG, US"}


# ------------------------------------------------------------------ properties
WORDS = (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
    "quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
).split()
NEW_WORDS = "one two three four five six seven eight nine ten".split()
CODES = ["ARG", "CAN", "MEX", "US"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    n = draw(st.integers(2, 6))
    # each paragraph has a word of its own: drafts do not repeat whole paragraphs, and a draft
    # that did could be aligned more than one way
    paras = [
        [f"item{i}", *(draw(st.sampled_from(WORDS)) for _ in range(draw(st.integers(5, 10))))]
        for i in range(n)
    ]
    # now and then a section heading before a paragraph, which delegations may reword
    headings = {
        i: [f"Part{i}", *(draw(st.sampled_from(WORDS)) for _ in range(draw(st.integers(1, 3))))]
        for i in draw(st.sets(st.integers(0, n - 1), max_size=2))
    }
    roman = {i: "I II"[k * 2 : k * 2 + 2].strip() for k, i in enumerate(sorted(headings))}
    lines: list[str] = []
    for i, p in enumerate(paras):
        if i in headings:
            lines.append(f"{roman[i]}. {' '.join(headings[i]).capitalize()}")
        lines.append(f"{i + 1}. {' '.join(p).capitalize()}.")
    base = "\n\n".join(lines) + "\n"
    subs: dict[str, str] = {}
    added_after: set[int] = set()
    for code in draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True)):
        mine = [list(p) for p in paras]
        out: list[str] = []
        deleted: set[int] = set()
        extra: dict[int, str] = {}
        for i, words in enumerate(mine):
            action = draw(st.sampled_from(["keep", "keep", "insert", "delete", "replace", "add", "drop"]))
            # (a paragraph's own word stays: without it two paragraphs could read the same)
            k = draw(st.integers(1, len(words) - 1))
            if action == "insert":
                words.insert(k, draw(st.sampled_from(WORDS)).upper())
            elif action == "delete" and len(words) > 1:
                del words[k]
            elif action == "replace":
                words[k] = draw(st.sampled_from(WORDS)).upper()
            elif action == "add" and i not in added_after:
                added_after.add(i)  # one new paragraph after a paragraph, so its label is its own
                # (words of its own: a new paragraph like a deleted one reads as that one moved)
                extra[i] = f"New{i} " + " ".join(draw(st.sampled_from(NEW_WORDS)) for _ in range(6)) + "."
            elif action == "drop" and len(paras) > 2 and len(deleted) < len(paras) // 3:
                deleted.add(i)
        order = list(range(len(mine)))
        # (headings stay where they are: a move across one cannot be told from moving the heading)
        if not headings and draw(st.integers(0, 3)) == 0 and len(order) > 2:
            # the delegation moves a paragraph (and numbers its copy afresh, as a delegate does)
            k = draw(st.integers(0, len(order) - 1))
            order.insert(draw(st.integers(0, len(order) - 1)), order.pop(k))
        titles = {i: list(h) for i, h in headings.items()}
        for h in titles.values():
            if draw(st.integers(0, 2)) == 0:  # reworded: a word inserted or replaced
                k = draw(st.integers(1, len(h)))
                if draw(st.booleans()):
                    h.insert(k, draw(st.sampled_from(WORDS)).upper())
                else:
                    h[min(k, len(h) - 1)] = draw(st.sampled_from(WORDS)).upper()
        number = 0
        for position, i in enumerate(order):
            if position in titles:  # (the headings stay where they were, before the same place)
                out.append(f"{roman[position]}. {' '.join(titles[position]).capitalize()}")
            words = mine[i]
            if i not in deleted:
                number += 1
                out.append(f"{number}. {' '.join(words).capitalize()}.")
            if i in extra:
                out.append(f"{number}.bis. {extra[i]}")
        subs[code] = "\n\n".join(out) + "\n"
    return base, subs


def _consolidated(base: str, subs: dict[str, str]) -> b.api.Compilation:
    return b.consolidate(
        b.load(base.encode(), name="base"), [(c, b.load(t.encode(), name=c)) for c, t in subs.items()]
    )


@settings(
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_property_compilations_decide_back_to_their_sources(case):
    base, subs = case
    compilation = _consolidated(base, subs)
    # two delegations' edits next to each other are two proposals: the compilation's convention
    doc = b.load(compilation.text.encode(), adjacent="independent")
    rejected = b.resolve(doc, b.decide(doc, "reject", everything=True)).document
    assert rtext.bracketed(rejected) == base
    in_conflict = {c for e in compilation.conflicts for c in e.delegations}
    for code, text in subs.items():
        # conflicts too: accepting a delegation's version supersedes the others
        mine = b.resolve(
            doc, b.decide(doc, "accept", delegations=[code]) + b.decide(doc, "reject", everything=True)
        )
        # (a move keeps the base's numbers until renumbered: compared without them)
        assert _words(rtext.bracketed(mine.document)) == _words(text), code
    # (a proposal repeating the words around it is worth a warning, and generated words repeat)
    findings = [f for f in b.check(doc) if f.code not in ("identical-alternatives", "repeats-context")]
    assert findings == [] or in_conflict
    # the order the submissions come in changes nothing
    assert _consolidated(base, dict(reversed(list(subs.items())))).text == compilation.text


@settings(
    # each case writes a Word file and one per delegation: a short run here, a long one with
    # BRACKETEER_EXAMPLES=300
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_property_word_compilations_decide_back_to_their_sources(case):
    """The same through Word: the compilation as a tracked .docx, each delegation's proposals
    accepted and written back into it, then every other proposal rejected, gives its
    submission; rejecting everything gives the base. A decision the writer cannot place in
    the document exactly is refused with nothing written (counted: --hypothesis-show-statistics),
    never written otherwise."""
    from hypothesis import event

    from bracketeer.write.word import WriteBackError

    base, subs = case
    compilation = _consolidated(base, subs)
    doc = b.load(compilation.text.encode(), adjacent="independent")
    word = b.load(b.render(doc, b.RenderOptions(to="docx", mode="tracked")), name="compilation.docx")
    rejected = b.resolve(word, b.decide(word, "reject", everything=True)).document
    assert _words(_as_text(rejected)) == _words(base)
    if any(p.shared for p in word.origin.paragraphs):
        event("rival versions sharing one deletion in Word")
    for code, text in subs.items():
        mine = b.resolve(word, b.decide(word, "accept", delegations=[code])).document
        try:
            data = b.write_back(mine)
        except WriteBackError:
            event("a delegation's decision refused")
            continue
        event("a delegation's decision written")
        written = b.load(data, name=f"{code}.docx")
        back = b.resolve(written, b.decide(written, "reject", everything=True)).document
        assert _words(_as_text(back)) == _words(text), code
        _rejecting_one_leaves_the_others(doc, word, code, subs)


@settings(
    # a Word base, its compilation written into its own document: a short run here, a long
    # one with BRACKETEER_EXAMPLES=200
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_property_compilations_onto_a_word_base_decide_back_to_their_sources(case):
    """Onto a Word base, the compilation is the base's own document with the proposals as
    revisions (its notes typed paragraphs): rejecting everything gives the base; each
    delegation's proposals accepted and written back, then every other one rejected, its
    submission; and each delegation's own report lines name the document's lines. A decision
    the writer cannot place exactly is refused (counted), never written otherwise."""
    from hypothesis import event

    from bracketeer.write.word import WriteBackError

    base, subs = case
    text = b.load(base.encode(), name="base.txt")
    base_word = b.load(b.render(text, b.RenderOptions(to="docx", mode="clean")), name="base.docx")
    compilation = b.consolidate(base_word, [(c, b.load(t.encode(), name=c)) for c, t in subs.items()])
    data, placed = b.compilation_docx(base_word, compilation)
    word = b.load(data, name="compilation.docx")
    lines = b.api.describe_tree(word, "text")
    read = b"".join(lines).decode().splitlines()
    for e in placed.entries:
        assert 0 < e.line <= len(read), e
    rejected = b.resolve(word, b.decide(word, "reject", everything=True)).document
    assert _words(_as_text(rejected)) == _words(_as_text(base_word))
    for code, sub in subs.items():
        mine = b.resolve(word, b.decide(word, "accept", delegations=[code])).document
        try:
            written = b.load(b.write_back(mine), name=f"{code}.docx")
        except WriteBackError:
            event("a delegation's decision refused")
            continue
        event("a delegation's decision written")
        back = b.resolve(written, b.decide(written, "reject", everything=True)).document
        assert _words(_as_text(back)) == _words(sub), code


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@settings(
    # pandoc runs once a delegation: a short run here, a long one with BRACKETEER_EXAMPLES=200
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_property_word_compilations_read_by_pandoc_give_the_base_and_each_submission(case):
    """Another reader of Word's revisions: pandoc's "reject all" of the tracked compilation is
    the base, and of each delegation's decision written back into it, that delegation's
    submission (words compared: pandoc numbers nothing and bracketeer's labels are text)."""
    from hypothesis import event

    from bracketeer.write.word import WriteBackError

    base, subs = case
    doc = b.load(_consolidated(base, subs).text.encode(), adjacent="independent")
    data = b.render(doc, b.RenderOptions(to="docx", mode="tracked"))
    assert _pandoc_words(data, "reject") == _label_free_words(base)
    word = b.load(data, name="compilation.docx")
    for code, text in subs.items():
        try:
            written = b.write_back(b.resolve(word, b.decide(word, "accept", delegations=[code])).document)
        except WriteBackError:
            event("a delegation's decision refused")
            continue
        assert _pandoc_words(written, "reject") == _label_free_words(text), code


def _pandoc_words(data: bytes, changes: str) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "read.docx"
        path.write_bytes(data)
        return _label_free_words(pandoc_plain(path, changes))


def _label_free_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text) if not re.fullmatch(r"\d+|bis|ter|quater|quinquies", w)]


def _rejecting_one_leaves_the_others(
    doc: b.Document, word: b.Document, code: str, subs: dict[str, str]
) -> None:
    """``code``'s proposals rejected in the Word compilation and written back: every other
    delegation's proposals then decide as they do in the text (its rival versions' shared
    deletion is theirs now)."""
    from hypothesis import event

    from bracketeer.write.word import WriteBackError

    try:
        written = b.load(b.write_back(b.resolve(word, b.decide(word, "reject", delegations=[code])).document))
    except WriteBackError:
        event("a delegation's rejection refused")
        return
    event("a delegation's rejection written")
    rest = b.resolve(doc, b.decide(doc, "reject", delegations=[code])).document
    for other in subs:
        if other == code:
            continue
        steps = [("accept", [other]), ("reject", None)]
        got, want = written, rest
        for action, who in steps:
            got = b.resolve(
                got, b.decide(got, action, delegations=who or (), everything=who is None)
            ).document
            want = b.resolve(
                want, b.decide(want, action, delegations=who or (), everything=who is None)
            ).document
        assert _words(_as_text(got)) == _words(rtext.as_text(want, tracked=True)), (code, other)


def _as_text(document: b.Document) -> str:
    """A Word draft as ``--to text`` writes it."""
    return rtext.as_text(document, tracked=True)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    """Each paragraph's words, its number left out."""
    return [re.sub(r"^\d+\.(?:[a-z]+\.)? ", "", p) for p in _paragraphs(text)]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_word_base_stays_its_own_document(tmp_path):
    import zipfile

    base = tmp_path / "base.docx"
    assert run_cli(["reject", "--all", str(EXAMPLES / "cicte-omnibus-2024.docx"), "-o", str(base)]).code == 0
    out = tmp_path / "compilation.docx"
    r = run_cli(["consolidate", str(base), *SUBMISSIONS, "--to", "docx", "-o", str(out), "--report", "none"])
    assert r.code == 0, r.err
    before, after = zipfile.ZipFile(base), zipfile.ZipFile(out)
    assert [n for n in before.namelist() if before.read(n) != after.read(n)] == ["word/document.xml"]
    assert {who for _, who in pandoc_revisions(out)} == {"US", "CAN", "ARG, US"}
    # read back, the Word compilation holds the same proposals as the text one
    text = run_cli(["consolidate", str(FOLDER / "base.txt"), *SUBMISSIONS, "--report", "none"]).text
    word = proposals(run_cli(["parse", "--format", "text", str(out)]).text)
    assert {k: v for k, v in word.items() if v} == {k: v for k, v in proposals(text).items() if v}


def _comments(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        xml = z.read("word/comments.xml").decode() if "word/comments.xml" in z.namelist() else ""
    return [" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", c)) for c in xml.split("</w:comment>")[:-1]]


def test_a_word_bases_comments_stay_comments_whatever_is_added_before_them(tmp_path):
    # the Word base's notes are its comments, its lines as read; a paragraph added before one
    # moved the lines, and the writer took the new line for the comment's note: the comment
    # went, its words typed into the document as a paragraph (or the write was refused); and a
    # note to delete the paragraph a comment introduces was refused
    word = EXAMPLES / "cicte-omnibus-2024.docx"
    full = run_cli(["render", "--to", "text", "--mode", "tracked", str(word)]).text
    added = tmp_path / "nor.txt"
    added.write_text(full.replace("\n\n3. To thank", "\n\n2.bis Decides to act further.\n\n3. To thank"))
    dropped = tmp_path / "chl.txt"
    dropped.write_text(re.sub(r"\nProposed new paragraph[^\n]*\n\n4\.bis\.[^\n]*\n", "", full))
    assert "4.bis" not in dropped.read_text() and "2.bis" in added.read_text()
    for code, sub in (("NOR", added), ("CHL", dropped)):
        out = tmp_path / f"{code}.docx"
        r = run_cli(["consolidate", str(word), f"{code}={sub}", "-o", str(out), "--report", "none"])
        assert r.code == 0, (code, r.err)
        assert _comments(out)[:2] == _comments(word)[:2], code
        lines = run_cli(["parse", "--format", "text", str(out)]).text.splitlines()
        intro = lines.index("Proposed new paragraph submitted by the delegation of the United States:")
        assert lines[intro + 1].startswith("4.bis. [US:"), code
        if code == "CHL":  # its note before the paragraph's own: a paragraph, then the comment
            assert lines[intro - 1] == "CHL proposes to delete paragraph 4.bis"
            decided = tmp_path / "decided.docx"
            assert (
                run_cli(["accept", "-d", "CHL", str(out), "-o", str(decided), "--report", "none"]).code == 0
            )
            # the paragraph gone, and with it the comment introducing it
            assert "4.bis" not in run_cli(["parse", "--format", "text", str(decided)]).text
            assert "4.bis" not in pandoc_plain(decided, "accept")
            assert _comments(word)[1] not in _comments(decided)


def test_new_paragraphs_are_numbered_within_their_section(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text(
        "Section A\n\n1. First of A.\n\nSection B\n\n1. First of B.\n\n2. Second of B.\n", encoding="utf-8"
    )
    subs = []
    for i, code in enumerate(["ARG", "CAN", "US"]):
        f = tmp_path / f"{code}.txt"
        f.write_text(
            f"Section A\n\n1. First of A.\n\nAdded {i} in A.\n\nSection B\n\n1. First of B.\n\nAdded {i} in B.\n\n"
            "2. Second of B.\n",
            encoding="utf-8",
        )
        subs.append(f"{code}={f}")
    r = run_cli(["consolidate", str(base), *subs, "--report", "none"])
    assert r.code == 0, r.err
    labels = re.findall(r"^(1\.\w+\.) \[", r.text, re.M)
    assert labels == ["1.bis.", "1.ter.", "1.quater.", "1.bis.", "1.ter.", "1.quater."]


def test_every_label_a_compilation_gives_reads_as_a_label(tmp_path):
    # from the seventh new paragraph after one paragraph on ("1.septies."), and for an
    # alternative line of a "bis" paragraph ("OP3 bis alt"), the reader read no label: the
    # paragraph was unnumbered text, and rejecting it left "1.septies." behind
    codes = ["ARG", "BRA", "CAN", "CHL", "COL", "MEX", "PER", "URY", "ECU", "BOL", "PRY", "GTM"]
    subs = {c: f"1. Alpha one.\n\n2. New paragraph by {c}.\n\n3. Beta two.\n" for c in codes}
    r = _compiled(tmp_path, "1. Alpha one.\n\n2. Beta two.\n", subs)
    status = json.loads(run_cli(["status", "--format", "json", "-"], stdin=r.out).text)
    labels = [p["label"] for p in status["paragraphs"]]
    assert labels[:4] == ["1.", "1.bis.", "1.ter.", "1.quater."] and labels[-1] == "2."
    assert labels[6:12] == [
        "1.septies.",
        "1.octies.",
        "1.novies.",
        "1.decies.",
        "1.undecies.",
        "1.duodecies.",
    ]
    assert _decided(r.text, ["reject", "--all"]) == "1. Alpha one.\n\n2. Beta two.\n"
    gtm = re.search(r"^(\S+) \[GTM:", r.text, re.M)
    assert gtm is not None
    assert _decided(r.text, ["accept", "-d", "GTM"], ["reject", "--all"]) == (
        f"1. Alpha one.\n\n{gtm.group(1)} New paragraph by GTM.\n\n2. Beta two.\n"
    )

    base = "OP3 bis\t[EU: Decides to establish a working group on ocean finance;]\n"
    r = _compiled(
        tmp_path,
        base,
        {
            "AUS": base.replace("establish a", "create a new"),
            "JPN": base.replace("establish a", "set up a"),
        },
    )
    assert "OP3 bis alt [AUS: [EU:" in r.text
    assert _decided(r.text, ["reject", "--all"]) == ""
    assert _decided(r.text, ["accept", "-d", "JPN"], ["accept", "-d", "EU"]) == base.replace(
        "[EU: Decides to establish a", "Decides to set up a"
    ).replace(";]", ";")


# ------------------------------------------------------------------ a second round
def test_a_second_round_on_the_compilation_itself(tmp_path):
    example = EXAMPLE.read_text(encoding="utf-8")
    edits = {
        # the United States withdraws one of its proposals
        "US": example.replace("related [US: terrorist criminal] acts", "related acts"),
        # Canada amends the United States' new paragraph, Argentina deletes Canada's proposal
        "CAN": example.replace("ensure that OAS Member States", "ensure that Member States"),
        "ARG": example.replace("Financial [CAN: Intelligence Analysis] Units", "Financial Units").replace(
            "in order to maintain", "in order to effectively maintain"
        ),
        # and Mexico asks for what Argentina asks
        "MEX": example.replace("in order to maintain", "in order to effectively maintain"),
    }
    args = []
    for code, text in edits.items():
        (tmp_path / f"{code}.txt").write_text(text, encoding="utf-8")
        args.append(f"{code}={tmp_path / f'{code}.txt'}")
    r = run_cli(["consolidate", str(EXAMPLE), *args, "--report", "json"])
    assert r.code == 0, r.err
    out = r.text
    assert "related acts" in out and "terrorist criminal" not in out
    assert "Financial [CAN: [ARG: ~~Intelligence Analysis~~]] Units" in out
    assert "ensure that [CAN: ~~OAS~~] Member States" in out
    assert "in order to [ARG, MEX: effectively] maintain" in out
    kinds = {(e["kind"], tuple(e["delegations"]), tuple(e["inside"])) for e in json.loads(r.err)["entries"]}
    assert kinds == {
        ("withdrawn", ("US",), ()),
        ("deleted", ("ARG",), ("CAN",)),
        ("deleted", ("CAN",), ("US",)),
        ("inserted", ("ARG", "MEX"), ()),
    }
    # everything else is the compilation as it was: rejecting all gives the same agreed text
    agreed = run_cli(["reject", "--all", "--report", "none", str(EXAMPLE)]).text
    assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out).text == agreed


def test_a_second_round_on_a_word_compilation_adds_words_beside_another_delegations(tmp_path):
    # words typed right after another delegation's insertion in the Word compilation were put
    # inside that insertion (its space, written after its bracket, held them), and the write
    # was refused; they are a revision of their own, and each decision gives each copy back
    base = tmp_path / "base.txt"
    base.write_text("T\n\n1. The voluntary participation of all Parties is welcome.\n", encoding="utf-8")
    eu = tmp_path / "eu.txt"
    eu.write_text(base.read_text().replace("voluntary participation", "voluntary and informed participation"))
    first = tmp_path / "first.docx"
    r = run_cli(["consolidate", str(base), f"EU={eu}", "-o", str(first), "--report", "none"])
    assert r.code == 0, r.err
    text = tmp_path / "first.txt"
    assert run_cli(["consolidate", str(base), f"EU={eu}", "-o", str(text), "--report", "none"]).code == 0
    bra = tmp_path / "bra.txt"
    bra.write_text(
        text.read_text().replace("informed] participation", "informed] and equitable participation")
    )
    second = tmp_path / "second.docx"
    r = run_cli(["consolidate", str(first), f"BRA={bra}", "-o", str(second), "--report", "none"])
    assert r.code == 0, r.err
    assert "voluntary [EU: and informed] [BRA: and equitable] participation" in run_cli(
        ["parse", "--format", "text", str(second)]
    ).text.replace("\u2060", "")
    assert {who for _, who in pandoc_revisions(second)} == {"EU", "BRA"}
    # the same round written as text: no word joiner (the Word reader's, between two revisions)
    r = run_cli(["consolidate", str(second), f"BRA={bra}", "--report", "none"])
    assert r.code == 0, r.err
    assert "\u2060" not in r.text and "[EU: and informed] [BRA: and equitable] participation" in r.text
    agreed = "The voluntary participation of all Parties is welcome."
    for steps, words in (
        ([["reject", "--all"]], agreed),
        (
            [["accept", "-d", "BRA"], ["reject", "--all"]],
            agreed.replace("voluntary", "voluntary and equitable"),
        ),
        (
            [["accept", "-d", "EU"], ["reject", "--all"]],
            agreed.replace("voluntary", "voluntary and informed"),
        ),
    ):
        current = second
        for n, step in enumerate(steps):
            out = tmp_path / f"step-{'-'.join(step)}-{n}.docx"
            r = run_cli([*step, str(current), "-o", str(out), "--report", "none"])
            assert r.code == 0, (step, r.err)
            current = out
        assert agreed.split()[0] in (plain := pandoc_plain(current)) and words in " ".join(plain.split()), (
            steps
        )


def test_a_word_submissions_own_tracked_changes_are_its_edits():
    doc = b.load(EXAMPLES / "submission-us.docx")
    accepted = b.resolve(doc, b.decide(doc, "accept", everything=True)).document
    rejected = b.resolve(doc, b.decide(doc, "reject", everything=True)).document
    # (notes aside: deciding a proposal takes the note introducing it away, a revised copy keeps it)
    assert rtext.clean(doc.origin.revised(lambda who: True)).rstrip() == rtext.clean(accepted).rstrip()
    assert rtext.clean(doc.origin.revised(lambda who: False)).rstrip() == rtext.clean(rejected).rstrip()


def test_another_delegations_proposal_inside_the_submitters_own_words_is_refused_at_its_place(tmp_path):
    # "[CAN: all]" inside the words the US added unbracketed: whether CAN proposes it with the
    # US's words or alone is not in the text (it used to be credited to the US)
    base, us = _edited_base(tmp_path, "us.txt", "Member States to urgently [CAN: all] and promptly take")
    r = run_cli(["consolidate", str(base), f"US={us}"])
    assert r.code == 2
    assert r.out == b""
    assert f"{us}:" in r.err and "US's submission carries a proposal by CAN" in r.err
    assert "where US also changes words outside brackets" in r.err
    assert "^" in r.err


def test_another_delegations_proposal_beside_the_submitters_own_words_is_theirs(tmp_path):
    base, us = _edited_base(tmp_path, "us.txt", "[CAN: all] Member States to urgently take")
    r = run_cli(["consolidate", "--report", "none", str(base), f"US={us}"])
    assert r.code == 0, r.err
    assert "[CAN: all] Member States to [US: urgently] take" in r.text
    agreed = base.read_text(encoding="utf-8")
    reject_all = ["reject", "--all"]
    can = _decided(r.text, ["accept", "-d", "CAN"], reject_all)
    assert can == agreed.replace("Member States to take", "all Member States to take", 1)
    us_only = _decided(r.text, ["accept", "-d", "US"], reject_all)
    assert us_only == agreed.replace("Member States to take", "Member States to urgently take", 1)


BASE_ABC = "TITLE\n\n1. Alpha one.\n\n2. Beta two.\n\n3. Gamma three.\n"


def _decided(compilation: str, *steps: list[str]) -> str:
    text = compilation.encode()
    for step in steps:
        text = run_cli([*step, "--report", "none", "-"], stdin=text).out
    return text.decode()


def _decides_back(compilation: str, base: str, subs: dict[str, str]) -> None:
    """Everything rejected gives ``base``; each delegation accepted, then everything else
    rejected, its submission."""
    assert _decided(compilation, ["reject", "--all"]) == base, compilation
    _each_decides_back(compilation, subs)


def _each_decides_back(compilation: str, subs: dict[str, str]) -> None:
    """Each delegation accepted, then everything else rejected, gives its submission."""
    for code, text in subs.items():
        assert _decided(compilation, ["accept", "-d", code], ["reject", "--all"]) == text, compilation


def test_other_delegations_proposals_in_a_submission_are_theirs(tmp_path):
    """CAN's bracket and MEX's new paragraph typed into the US copy are CAN's and MEX's
    proposals, not the US's; the US's own edits are what differs from them. Each delegation
    decided alone gives its version back."""
    base, us = _drafts(
        tmp_path,
        BASE_ABC,
        "TITLE\n\n1. Alpha [CAN: all] one.\n\n2. Beta two.\n\n3. Gamma urgently three.\n\n4. [MEX: New one.]\n",
    )
    r = run_cli(["consolidate", "--report", "json", str(base), f"US={us}"])
    assert r.code == 0, r.err
    out = r.text
    assert "1. Alpha [CAN: all] one." in out and "3. Gamma [US: urgently] three." in out
    assert "submitted by the delegation of Mexico:\n\n4. [MEX: New one.]" in out
    entries = {(e["kind"], tuple(e["delegations"]), e["text"]) for e in json.loads(r.err)["entries"]}
    assert entries == {
        ("inserted", ("CAN",), "all"),
        ("inserted", ("US",), "urgently"),
        ("new-paragraph", ("MEX",), "New one."),
    }
    reject_all = ["reject", "--all"]
    assert _decided(out, ["accept", "-d", "CAN"], reject_all) == BASE_ABC.replace("Alpha", "Alpha all")
    assert _decided(out, ["accept", "-d", "US"], reject_all) == BASE_ABC.replace("Gamma", "Gamma urgently")
    assert _decided(out, reject_all) == BASE_ABC


def test_a_compilation_sent_back_with_edits_keeps_every_delegations_proposals(tmp_path):
    """The compilation itself, edited by the US and sent back against the agreed base: CAN's
    deletion note stays CAN's (it became "US proposes to delete paragraph 2"), and the result
    is what the US's edits alone would have added to the compilation."""
    base, can, us_alone = _drafts(
        tmp_path,
        BASE_ABC,
        BASE_ABC.replace("2. Beta two.\n\n", "").replace("Alpha", "Alpha [ARG: first]"),
        BASE_ABC.replace("Gamma three", "Gamma three now"),
    )
    # ARG's bracket typed in CAN's copy is ARG's too
    compilation = run_cli(["consolidate", "--report", "none", str(base), f"CAN={can}"])
    assert compilation.code == 0, compilation.err
    assert "CAN proposes to delete paragraph 2" in compilation.text
    assert "[ARG: first]" in compilation.text
    sent_back = tmp_path / "us.txt"
    sent_back.write_text(compilation.text.replace("Gamma three", "Gamma three now"), encoding="utf-8")
    r = run_cli(["consolidate", "--report", "none", str(base), f"US={sent_back}"])
    assert r.code == 0, r.err
    direct = run_cli(["consolidate", "--report", "none", str(base), f"CAN={can}", f"US={us_alone}"])
    assert r.text == direct.text
    assert "US proposes to delete" not in r.text


def test_a_delegations_proposals_carried_by_another_and_sent_by_itself_are_refused(tmp_path):
    base, us, can = _drafts(
        tmp_path,
        BASE_ABC,
        BASE_ABC.replace("Alpha", "Alpha [CAN: all]"),
        BASE_ABC.replace("Beta", "Beta new"),
    )
    r = run_cli(["consolidate", str(base), f"US={us}", f"CAN={can}"])
    assert r.code == 2 and r.out == b""
    assert "US's submission carries proposals by CAN, which sent its own submission" in r.err


def test_a_submissions_words_holding_the_notations_marks_are_refused(tmp_path):
    # "to~~old~~" went inside CAN's proposal, where the strokes read as a deletion
    base, can = _edited_base(tmp_path, "can.txt", "Member States to~~old~~ take")
    r = run_cli(["consolidate", str(base), f"CAN={can}"])
    assert r.code == 2 and r.out == b""
    assert r.err.startswith(f"{can}: error: CAN's text in paragraph") and "'~~'" in r.err


def test_a_delegation_named_for_two_submissions_is_refused(tmp_path):
    # which of the two is its word is not for the tool to guess (the later one was taken)
    base = EXAMPLES / "consolidation" / "base.txt"
    r = run_cli(["consolidate", str(base), f"US={FOLDER / 'can.txt'}", f"US={FOLDER / 'arg.txt'}"])
    assert r.code == 2 and "US is named for two submissions" in r.err


def test_a_new_paragraph_holding_the_notations_marks_is_refused(tmp_path):
    base = EXAMPLES / "consolidation" / "base.txt"
    text = base.read_text(encoding="utf-8").rstrip("\n") + "\n\n9. Also ~~decides~~ to act.\n"
    us = tmp_path / "us.txt"
    us.write_text(text, encoding="utf-8")
    r = run_cli(["consolidate", str(base), f"US={us}"])
    assert r.code == 2 and "'~~'" in r.err


def test_an_insertion_before_punctuation_is_no_strike_and_retype_of_the_word(tmp_path):
    # "Convention." → "Convention without delay." came out as [US: ~~Convention.~~ Convention without delay.]
    base, us, can = _drafts(
        tmp_path,
        "1. Calls upon States to ratify the Convention.\n",
        "1. Calls upon States to ratify the Convention without delay.\n",
        "1. Calls upon States to ratify the Convention, and to act.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", "--report", "none"])
    assert r.text == "1. Calls upon States to ratify the Convention [US: without delay].\n"
    r = run_cli(["consolidate", str(base), f"CAN={can}", "--report", "none"])
    assert r.text == "1. Calls upon States to ratify the Convention[CAN: , and to act].\n"
    diff = run_cli(["diff", str(base), str(us)])
    assert "Convention{+ without delay+}." in diff.text


@settings(
    max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    cases(), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.sampled_from(["", "\n", "-"]), st.booleans()
)
def test_property_a_compilation_keeps_its_bases_file_endings(case, newline, bom, ending, compact):
    # a CRLF base got notes and new paragraphs with bare LF; a trailing blank line and the BOM
    # were lost; a new last paragraph had no note, and after a base with no final newline it was
    # glued onto the last line; in a base with no blank line between paragraphs (``compact``), a
    # note rejected left one behind
    base, subs = case
    if compact:
        base, subs = base.replace("\n\n", "\n"), {c: t.replace("\n\n", "\n") for c, t in subs.items()}
    base = base + ending if ending != "-" else base.rstrip("\n")  # a blank line after, or no newline
    text = ("\ufeff" if bom else "") + base.replace("\n", newline)
    base_doc = b.load(text.encode("utf-8"), name="base")
    compilation = b.consolidate(
        base_doc, [(c, b.load(t.replace("\n", newline).encode(), name=c)) for c, t in subs.items()]
    )
    data = b.api.compilation_bytes(base_doc, compilation)
    assert data.startswith(b"\xef\xbb\xbf") == bom
    body = data.decode("utf-8-sig")
    lone = body.replace("\r\n", "")
    assert ("\n" not in lone and "\r" not in lone) if newline == "\r\n" else "\r" not in body
    doc = b.load(data, adjacent="independent")
    rejected = b.resolve(doc, b.decide(doc, "reject", everything=True)).document
    assert b.render(rejected) == text.encode("utf-8")
    # every new paragraph, the last one too, is introduced by its note
    added = [e for e in compilation.entries if e.kind == "new-paragraph"]
    intro = [n for n in doc.blocks if type(n).__name__ == "Note" and n.kind == "intro"]
    assert len(intro) == len(added)


def test_the_report_counts_conflicting_paragraphs_as_the_json_does_and_keeps_line_order(tmp_path):
    # it said "5 paragraphs" (one per alternative line) where the JSON said 2, conflicts last
    base = tmp_path / "base.txt"
    base.write_text("1. Alpha beta gamma.\n\n2. Delta epsilon zeta.\n\n3. Eta theta iota.\n")
    subs = []
    for code, one, three in (
        ("US", "Alpha BETA gamma.", "Eta THETA iota."),
        ("CAN", "Alpha BEETA gamma.", "Eta TEETA iota."),
    ):
        f = tmp_path / f"{code}.txt"
        f.write_text(
            f"1. {one}\n\n2. Delta epsilon zeta, too.\n\n3. {three}\n"
            if code == "US"
            else f"1. {one}\n\n2. Delta epsilon zeta.\n\n3. {three}\n"
        )
        subs.append(f"{code}={f}")
    text = run_cli(["consolidate", str(base), *subs, "--report", "text", "-o", str(tmp_path / "c.txt")]).err
    data = json.loads(
        run_cli(["consolidate", str(base), *subs, "--report", "json", "-o", str(tmp_path / "d.txt")]).err
    )
    assert data["conflicts"] == 2
    assert text.splitlines()[-1] == "2 paragraphs with conflicting changes"
    lines = [int(x.split(":")[1]) for x in text.splitlines()[:-1]]
    assert lines == sorted(lines)


def test_quotes_word_curled_are_no_proposals_and_the_report_says_so(tmp_path):
    # Word's curly quotes in a submission became spurious replacements of the base's straight ones
    base, us = _drafts(
        tmp_path,
        '1. Calls upon "all" States to act.\n',
        "1. Calls upon \u201call\u201d States to act now, as the Parties\u2019 plan says.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", "--report", "text"])
    # the quote-style changes are gone; the delegation's own words keep their apostrophe
    assert r.text == '1. Calls upon "all" States to act [US: now, as the Parties\u2019 plan says].\n'
    assert "US writes some quotes otherwise than the base" in r.err
    data = json.loads(run_cli(["consolidate", str(base), f"US={us}", "--report", "json"]).err)
    assert data["requoted"] == ["US"]


def _drafts(folder: Path, *texts: str) -> list[Path]:
    """Each text written to a file of its own in ``folder``: the base first, then submissions."""
    out = []
    for i, text in enumerate(texts):
        f = folder / f"draft{i}.txt"
        f.write_text(text, encoding="utf-8")
        out.append(f)
    return out


def _compiled(folder: Path, base: str, subs: dict[str, str], *args: str) -> Result:
    """``consolidate`` run on ``base`` and the submissions ``subs`` (by delegation), written to
    files in ``folder``; ``args`` added to the command."""
    paths = _drafts(folder, base, *subs.values())
    named = [f"{code}={path}" for code, path in zip(subs, paths[1:], strict=True)]
    r = run_cli(["consolidate", str(paths[0]), *named, *args])
    assert r.code == 0, r.err
    return r


def _edited_base(folder: Path, name: str, words: str) -> tuple[Path, Path]:
    """The example's base, and a submission ``name`` in ``folder`` writing ``words`` for its
    "Member States to take"."""
    base = EXAMPLES / "consolidation" / "base.txt"
    edited = folder / name
    edited.write_text(
        base.read_text(encoding="utf-8").replace("Member States to take", words, 1), encoding="utf-8"
    )
    return base, edited


def test_a_delegation_moving_paragraphs_is_a_proposal_to_move_them(tmp_path):
    # a swap, renumbered, used to leave the compilation equal to the base, the report empty
    base, us, can = _drafts(
        tmp_path,
        "1. Alpha one.\n\n2. Beta two.\n\n3. Gamma three.\n\n4. Delta four.\n",
        "1. Alpha one.\n\n2. Gamma three.\n\n3. Beta two.\n\n4. Delta four.\n",
        "1. Alpha one.\n\n2. Gamma three.\n\n3. Beta two.\n\n4. Delta four.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", f"CAN={can}", "--report", "json"])
    assert r.code == 0, r.err
    assert r.text == (
        "1. Alpha one.\n\n2. Beta two.\n\nCAN and US propose to move paragraph 3 after paragraph 1\n\n"
        "3. Gamma three.\n\n4. Delta four.\n"
    )
    entries = json.loads(r.err)["entries"]
    assert [(e["kind"], e["delegations"], e["text"]) for e in entries] == [
        ("moved-paragraph", ["CAN", "US"], "move paragraph 3 after paragraph 1")
    ]
    # decided like a deletion note: accepted it moves the paragraph, rejected the note goes
    accepted = run_cli(["accept", "-d", "US", "--renumber", "--report", "none", "-"], stdin=r.out)
    assert accepted.text == us.read_text()
    rejected = run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out)
    assert rejected.text == base.read_text()
    # open until decided
    status = json.loads(run_cli(["status", "--format", "json", "-"], stdin=r.out).text)
    assert status["summary"].startswith("4 paragraphs, 3 agreed, 1 open")


def test_a_move_the_notation_cannot_name_is_reported_not_dropped(tmp_path):
    base, us = _drafts(
        tmp_path,
        "DRAFT\n\nAlpha one is here.\n\nBeta two is here.\n\nGamma three is here.\n",
        "DRAFT\n\nBeta two is here.\n\nAlpha one is here.\n\nGamma three is here.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", "--report", "json"])
    assert r.code == 0, r.err
    kinds = [e["kind"] for e in json.loads(r.err)["entries"]]
    assert kinds == ["unwritten-move"]


def test_sub_items_removed_and_added_are_whole_lines_and_decide_back(tmp_path):
    # the word diff struck from the middle of one label to the middle of the next ("(b) to
    # report;⏎  (") and a conflict between the two wrote brackets across the labels
    base, us, can = _drafts(
        tmp_path,
        "1. Decides:\n  (a) to act;\n  (b) to report;\n  (c) to review.\n\n2. Notes the report.\n",
        "1. Decides:\n  (a) to act;\n  (c) to review.\n\n2. Notes  the report.\n",
        "1. Decides:\n  (a) to act;\n  (b) to report;\n  (b.bis) to publish;\n  (c) to review.\n\n2. Notes the report.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", f"CAN={can}", "--report", "none"])
    assert r.text == (
        "1. Decides:\n  (a) to act;\n  [US: ~~(b) to report;~~]\n  [CAN: (b.bis) to publish;]\n"
        "  (c) to review.\n\n2. Notes the report.\n"
    )
    for who, submission in (("US", us), ("CAN", can)):
        mine = run_cli(["accept", "-d", who, "--report", "none", "-"], stdin=r.out)
        back = run_cli(["reject", "--all", "--report", "none", "-"], stdin=mine.out)
        assert _paragraphs(back.text) == _paragraphs(submission.read_text()), who
    assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out).text == base.read_text()


def test_a_delegation_removing_its_own_deletion_note_withdraws_it(tmp_path):
    # a second round: the note used to stay, and the report said nothing
    base, us = _drafts(
        tmp_path,
        "1. Alpha [CAN: new] words.\n\nCAN and US propose to delete paragraph 2\n\n2. Beta words.\n\n"
        "US proposes to move paragraph 3 before paragraph 1\n\n3. Gamma words.\n",
        "1. Alpha [CAN: new] words.\n\n2. Beta words.\n\n3. Gamma words.\n",
    )
    r = run_cli(["consolidate", str(base), f"US={us}", "--report", "json"])
    assert r.code == 0, r.err
    assert r.text == (
        "1. Alpha [CAN: new] words.\n\nCAN proposes to delete paragraph 2\n\n2. Beta words.\n\n3. Gamma words.\n"
    )
    entries = [(e["kind"], e["delegations"]) for e in json.loads(r.err)["entries"]]
    assert entries == [("withdrawn", ["US"]), ("withdrawn", ["US"])]
    # another delegation's note is not its to withdraw: CAN's copy without it changes nothing
    (tmp_path / "x").mkdir()
    base2, can = _drafts(
        tmp_path / "x",
        "1. Alpha words.\n\nUS proposes to delete paragraph 2\n\n2. Beta words.\n",
        "1. Alpha words.\n\n2. Beta words.\n",
    )
    assert run_cli(["consolidate", str(base2), f"CAN={can}", "--report", "none"]).text == base2.read_text()


def test_a_base_without_blank_lines_a_doubled_space_and_a_changed_mark_decide_back_to_each_submission(
    tmp_path,
):
    # found on the real UNFCCC draft's agreed text, whose paragraphs follow each other with no
    # blank line: rejected, the deletion and move notes left blank lines that were never there;
    # a base's doubled space ("for  higher") struck with the word was lost on rejecting; and
    # a changed mark written "[US: ~~;~~ ,]" read "sources , and" accepted
    base = (
        "1. Allow for  higher ambition.\n2. Use sources; and tools.\n3. Gamma words.\n"
        "  (a) Item words;\n4. Delta words.\n"
    )
    subs = {
        "US": base.replace("for  higher", "for enhanced").replace("sources; and", "sources, and"),
        "EU": "1. Allow for  higher ambition.\n2. Use sources; and tools.\n4. Delta words.\n",
        "CAN": base.replace("4. Delta words.\n", "4. Delta words.\n5. Epsilon words.\n"),
        "ARG": base.replace(
            "3. Gamma words.\n  (a) Item words;\n4. Delta words.\n",
            "4. Delta words.\n3. Gamma words.\n  (a) Item words;\n",
        ),
    }
    r = _compiled(tmp_path, base, subs, "--report", "none")
    assert "for  [US: ~~higher~~ enhanced] ambition" in r.text
    assert "sources[US: ~~;~~,] and" in r.text
    assert "\n\n" not in r.text  # notes and the new paragraph as the base writes its paragraphs
    assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out).text == base
    for code, submission in subs.items():
        mine = run_cli(["accept", "-d", code, "--report", "none", "-"], stdin=r.out)
        back = run_cli(["reject", "--all", "--report", "none", "-"], stdin=mine.out).text
        # (the base's doubled space stays: white space is no proposal)
        assert back == submission.replace("for enhanced", "for  enhanced"), code


def test_sections_numbered_afresh_are_no_proposal_and_an_added_heading_is_listed_where_it_goes(tmp_path):
    base = "TITLE\n\nI. Scope of work\n\n1. Alpha words.\n\nII. Process\n\n2. Beta words.\n"
    renumbered = base.replace("II. Process", "III. Process").replace("I. Scope", "II. Scope")
    assert _compiled(tmp_path, base, {"US": renumbered}, "--report", "json").text == base
    (tmp_path / "x").mkdir()
    added = base.replace("II. Process", "II. New part\n\n3. Gamma words.\n\nIII. Process and timing")
    r = _compiled(tmp_path / "x", base, {"US": added}, "--report", "json")
    assert "\nII. Process [US: and timing]\n" in r.text
    entries = [(e["kind"], e["paragraph"], e["text"]) for e in json.loads(r.err)["entries"]]
    assert ("unwritten-heading", "II. Process", "heading added: II. New part") in entries


def test_a_paragraph_moved_to_the_top_of_another_section_is_moved_before_the_first_there(tmp_path):
    # "move paragraph 4 after paragraph 2" put it at the end of the section before, silently
    base = "T\n\nI. Alpha section\n\n1. One words.\n\n2. Two words.\n\nII. Beta section\n\n3. Three words.\n\n4. Four words.\n"
    moved = base.replace("3. Three words.\n\n4. Four words.", "3. Four words.\n\n4. Three words.")
    r = _compiled(tmp_path, base, {"US": moved}, "--report", "none")
    assert "US proposes to move paragraph 4 before paragraph 3\n" in r.text
    mine = run_cli(["accept", "-d", "US", "--report", "none", "-"], stdin=r.out)
    back = run_cli(["reject", "--all", "--report", "none", "-"], stdin=mine.out).text

    def unnumbered(text: str) -> str:  # (a move keeps the base's numbers until renumbered)
        return re.sub(r"(?m)^\d+\. ", "", text)

    assert unnumbered(back) == unnumbered(moved)
    # into a section with no paragraph of the base's, no note can name the place: listed
    (tmp_path / "x").mkdir()
    empty = base.replace("II. Beta section\n\n", "II. Beta section\n\nIII. Gamma section\n\n")
    into = empty.replace("2. Two words.\n\nII. Beta section\n\n", "II. Beta section\n\n2. Two words.\n\n")
    r = _compiled(tmp_path / "x", empty, {"US": into}, "--report", "json")
    assert r.text == empty
    kinds = [(e["kind"], e["paragraph"]) for e in json.loads(r.err)["entries"]]
    assert kinds == [("unwritten-move", "2.")]


def test_another_delegations_heading_proposal_in_a_copy_sent_back_stays_its_own(tmp_path):
    # ARG sends the compilation back: CAN's bracket in a heading was taken for ARG's (only
    # paragraphs and notes were looked through for other delegations' proposals)
    base = "TITLE\n\nI. Scope of work\n\n1. Alpha words.\n"
    compiled = _compiled(
        tmp_path, base, {"CAN": base.replace("Scope of", "Scope for")}, "--report", "none"
    ).text
    assert "I. Scope [CAN: ~~of~~ for] work" in compiled
    (tmp_path / "x").mkdir()
    again = _compiled(
        tmp_path / "x", base, {"ARG": compiled.replace("Alpha", "Alpha new")}, "--report", "none"
    )
    assert again.text == compiled.replace("Alpha", "Alpha [ARG: new]")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_headings_proposals_are_revisions_by_their_delegations_in_word(tmp_path):
    # they were typed into the heading as brackets: Word's own accept or reject left them
    base = "TITLE\n\nI. Scope of work\n\n1. Alpha words.\n\nII. Process\n\n2. Beta words.\n"
    subs = {
        "US": base.replace("Scope of", "Scope and purpose of"),
        "CAN": base.replace("Process", "Process and timing"),
    }
    word = tmp_path / "compilation.docx"
    _compiled(tmp_path, base, subs, "--report", "none", "-o", str(word))
    assert sorted(pandoc_revisions(word)) == [("insertion", "CAN"), ("insertion", "US")]
    assert "[" not in pandoc_plain(word, "all")
    for code, submission in subs.items():
        mine = tmp_path / f"{code}.docx"
        assert run_cli(["accept", "-d", code, "--report", "none", str(word), "-o", str(mine)]).code == 0
        back = run_cli(["reject", "--all", "--report", "none", "--to", "text", str(mine)]).text
        assert back.split() == submission.split(), code


REAL_DRAFT = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "real-drafts"
    / "unfccc-sbsta61-art62-draft-decision-2024.txt"
)


def test_five_submissions_against_the_real_unfccc_drafts_agreed_text_decide_back_through_word(tmp_path):
    # the agreed text of the real draft (a byte-order mark, no blank lines between paragraphs,
    # options, a doubled space) and five submissions: an insertion two delegations make, a
    # replacement at the doubled space, rival edits of one phrase, a sub-item and a paragraph
    # deleted, a paragraph moved, a comma added
    if not REAL_DRAFT.exists():
        pytest.skip("../shared/real-drafts is absent")
    base = run_cli(["reject", "--all", "--report", "none", str(REAL_DRAFT)]).text
    lines = base.split("\n")

    def at(start: str) -> int:
        return next(i for i, ln in enumerate(lines) if ln.strip().startswith(start))

    voluntary = ("is the voluntary participation", "is the voluntary and transparent participation")
    phrase = "18(a), include, if applicable, the;"
    subs = {
        "ARG": base.replace(*voluntary).replace(phrase, "18(a), include the;"),
        "US": base.replace("allow for  higher", "allow for enhanced").replace(
            phrase, "18(a), include, where relevant, the;"
        ),
        "EU": "\n".join(
            ln for k, ln in enumerate(lines) if k not in (at("(b) The relationship"), at("11. that"))
        ),
        "CAN": "\n".join(
            lines[: at("7. that")]
            + lines[at("8. that") : at("9. that")]
            + lines[at("7. that") : at("8. that")]
            + lines[at("9. that") :]
        ),
        "MEX": base.replace(*voluntary).replace("approach(es) do(es)", "approach(es), do(es)"),
    }
    word = tmp_path / "compilation.docx"
    _compiled(tmp_path, base, subs, "--report", "none", "-o", str(word))
    text = _compiled(tmp_path, base, subs, "--report", "none").out
    assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=text).text == base

    def words(data: bytes, name: str) -> list[str]:
        return re.findall(r"[^\s\ufeff\u2060]+", rtext.bracketed(b.load(data, name=name)))

    for code, submission in subs.items():
        mine = tmp_path / f"{code}.docx"
        assert run_cli(["accept", "-d", code, "--report", "none", str(word), "-o", str(mine)]).code == 0
        back = run_cli(["reject", "--all", "--report", "none", "--to", "text", str(mine)]).out
        assert words(back, "back.txt") == words(submission.encode(), "submission.txt"), code
        # and each delegation's withdrawal writes back too
        assert (
            run_cli(
                ["reject", "-d", code, "--report", "none", str(word), "-o", str(tmp_path / "r.docx")]
            ).code
            == 0
        )


def test_a_section_heading_reworded_is_a_proposal_in_it_and_a_title_or_heading_it_cannot_hold_is_listed(
    tmp_path,
):
    # a submission's changes to headings and to the title were dropped without a word: the
    # compilation was the base, the report empty, exit 0
    base = "TITLE OF THE RESOLUTION\n\nI. Scope of work\n\n1. Alpha words.\n\nII. Process\n\n2. Beta words.\n"
    subs = {
        "US": base.replace("Scope of work", "Scope and purpose of work"),
        "CAN": base.replace("Scope of work", "Scope for all work").replace(
            "II. Process", "II. Process and timing"
        ),
        "EU": base.replace("TITLE OF THE RESOLUTION", "TITLE OF THE NEW RESOLUTION").replace(
            "II. Process\n\n", "II. Process\n\nIII. Follow-up\n\n"
        ),
    }
    r = _compiled(tmp_path, base, subs, "--report", "json")
    assert "I. Scope [US: and purpose] [CAN: ~~of~~ for all] work\n" in r.text
    assert "II. Process [CAN: and timing]\n" in r.text
    assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=r.out).text == base
    for code in ("US", "CAN"):
        mine = run_cli(["accept", "-d", code, "--report", "none", "-"], stdin=r.out)
        assert run_cli(["reject", "--all", "--report", "none", "-"], stdin=mine.out).text == subs[code], code
    unwritten = [
        (e["delegations"], e["text"])
        for e in json.loads(r.err)["entries"]
        if e["kind"] == "unwritten-heading"
    ]
    assert unwritten == [
        (["EU"], "title reads: TITLE OF THE NEW RESOLUTION"),
        (["EU"], "heading added: III. Follow-up"),
    ]


def test_the_same_move_by_two_delegations_is_one_joint_note_however_long_the_draft():
    paras = [f"{i + 1}. Paragraph number {i} says words{i}." for i in range(300)]
    moved = paras[:]
    moved.insert(5, moved.pop(280))
    base = b.load(("\n\n".join(paras) + "\n").encode(), name="base")
    sub = ("\n\n".join(moved) + "\n").encode()
    compilation = b.consolidate(base, [("US", b.load(sub, name="us")), ("CAN", b.load(sub, name="can"))])
    notes = [line for line in compilation.text.splitlines() if "propose" in line]
    assert notes == ["CAN and US propose to move paragraph 281 after paragraph 5"]


def test_rival_edits_keep_the_spaces_around_them_outside_the_brackets():
    # one delegation deleting the words took their spaces into every version:
    # "alpha[CAN: ~~ alpha~~] / [US: ~~ alpha~~  alpha alpha]", which Word wrote with a space lost
    base = "1. Item two three four five.\n"
    subs = {"CAN": "1. Item two three four.\n", "US": "1. Item two three four five five.\n"}
    text = _consolidated(base, subs).text
    assert text == "1. Item two three four [CAN: ~~five~~] / [US: ~~five~~ five five].\n"


def test_the_default_note_template_reads_as_a_note_introducing_a_proposal():
    # (so consolidate need not parse a sample of it at every run)
    from bracketeer.ast import Note
    from bracketeer.consolidation import NOTE_TEMPLATE

    sample = NOTE_TEMPLATE.format(delegation="delegation of the United States")
    blocks = b.load(f"{sample}\n\n1. [US: x]\n".encode()).blocks
    assert isinstance(blocks[0], Note) and blocks[0].kind == "intro"


@settings(max_examples=int(os.environ.get("BRACKETEER_EXAMPLES", "40")), deadline=None)
@given(cases())
def test_property_a_compilation_sent_back_by_a_delegation_is_the_compilation(case):
    """The compilation given back as one delegation's submission against the agreed base: its
    own proposals are its, every other one stays its delegation's, so the compilation comes out
    the same; or, where a proposal cannot be told from the submitter's words, it is refused."""
    base, subs = case
    compilation = _consolidated(base, subs).text
    for code in subs:
        try:
            again = _consolidated(base, {code: compilation}).text
        except b.BracketeerError as e:
            assert "carries a proposal by" in e.message, e.message
            continue
        assert again == compilation, code


def test_the_example_compilation_sent_back_by_any_delegation_is_the_compilation(tmp_path):
    """The example's compilation, as text and as the tracked Word file, given back as one
    delegation's submission: every proposal stays its delegation's, byte for byte."""
    base = str(FOLDER / "base.txt")
    text = tmp_path / "compilation.txt"
    word = tmp_path / "compilation.docx"
    for out in (text, word):
        r = run_cli(["consolidate", base, *SUBMISSIONS, "--report", "none", "-o", str(out)])
        assert r.code == 0, r.err
    # (named .docx, it is a Word document, as every command's -o FILE.docx is)
    assert word.read_bytes()[:2] == b"PK"
    for code, sent in (("US", text), ("CAN", text), ("ARG", word)):
        r = run_cli(["consolidate", base, f"{code}={sent}", "--report", "none"])
        assert r.code == 0, r.err
        assert r.out == text.read_bytes(), code


def test_a_word_base_compiled_to_text_reads_back_as_its_paragraphs_at_the_lines_the_report_names(tmp_path):
    # a Word base is read one line a paragraph; its compilation written so to a text file read
    # back with the headings run into the paragraphs before them, ended without a final newline
    # (so "reject --all" did not give the base's text back), and the report's lines were not
    # the file's; text submissions' title of two lines was reported as a title added
    base = tmp_path / "base.docx"
    word = EXAMPLES / "cicte-omnibus-2024.docx"
    assert run_cli(["reject", "--all", str(word), "-o", str(base), "--report", "none"]).code == 0
    out = tmp_path / "compilation.txt"
    subs = [f"CAN={FOLDER / 'can.txt'}", f"ARG={FOLDER / 'arg.txt'}"]
    r = run_cli(["consolidate", str(base), *subs, "--as-of", "2024-04-16", "-o", str(out)])
    assert r.code == 0, r.err
    lines = out.read_text(encoding="utf-8").splitlines()
    named = re.findall(r'^\S+?:(\d+): .*?: "(.+?)…?"', r.err, re.M)
    assert [w for _, w in named] == ["Intelligence Analysis", named[1][1]]
    # the submissions' title of two lines is the base's heading of one, as Word read it: no change
    assert "title" not in r.err
    for line, words in named:
        assert words in lines[int(line) - 1], (line, words)
    kinds = [type(x).__name__ for x in b.load(out).blocks if type(x).__name__ in ("Heading", "Title")]
    assert len(kinds) == 3  # the title and both headings, each its own block
    as_text = run_cli(["render", "--to", "text", "--mode", "tracked", str(base)]).out
    assert run_cli(["reject", "--all", str(out), "--report", "none"]).out == as_text
    assert as_text.endswith(b".\n") and b"\n\n\n" not in as_text


@pytest.mark.parametrize(
    "base, edited",
    [
        # words inserted before a footnote call: "[JPN: and transparently][1]" read the call as a
        # rival wording, and accepting JPN (or rejecting everything) lost it
        (
            "1. Acts in good faith[1], as agreed.\n",
            "1. Acts in good faith and transparently[1], as agreed.\n",
        ),
        # after it: "[1][JPN: , and to act]" the same
        ("1. Ratifies the Convention[1].\n", "1. Ratifies the Convention[1], and acts.\n"),
        # a proposal glued to a word: "faith [JPN: fully][US: and openly]" made the two rivals
        ("1. Acts in faith[US: and openly] here.\n", "1. Acts in faith fully[US: and openly] here.\n"),
    ],
)
def test_a_proposal_never_touches_a_bracket_of_the_base(tmp_path, base, edited):
    r = _compiled(tmp_path, base, {"JPN": edited})
    assert _decided(r.text, ["reject", "--all"]) == _decided(base, ["reject", "--all"])
    accepted = _decided(r.text, ["accept", "-d", "JPN"], ["reject", "--all"])
    assert accepted == _decided(edited, ["reject", "--all"])
    assert "conflict" in r.err and "JPN" in r.err  # written as the paragraph's version, and said so


def test_a_proposal_may_touch_a_bracket_that_reads_alone(tmp_path):
    r = _compiled(
        tmp_path,
        '1. Notes "x" [sic] in A/RES/1 [A/RES/77/1].\n',
        {"MEX": '1. Notes "x" [sic], in A/RES/1 [A/RES/77/1], as amended.\n'},
    )
    assert r.text == '1. Notes "x" [sic][MEX: ,] in A/RES/1 [A/RES/77/1][MEX: , as amended].\n'
    assert (
        _decided(r.text, ["accept", "-d", "MEX"])
        == '1. Notes "x" [sic], in A/RES/1 [A/RES/77/1], as amended.\n'
    )


@pytest.mark.parametrize(
    "base, subs",
    [
        # '[AUS: "all"]' reads as AUS's instruction to delete "all" before it: accepted, it was
        # left open as unclear, and rejected with the rest, AUS's words were lost
        ("1. Notes the term so defined.\n", {"AUS": '1. Notes the term "all" so defined.\n'}),
        ("1. Decides to act now.\n", {"US": "1. Decides to delete act now.\n"}),
        # the word before them is the delegation's own change's neighbour: "[AUS: ~~to~~ the]
        # [AUS: ~~support~~ support "all"]" would stand side by side as rival wordings
        (
            "1. And to support its implementation.\n",
            {"AUS": '1. And the support "all" its implementation.\n'},
        ),
        # rival versions that would read so: the paragraph's versions
        (
            "1. Notes the term so defined.\n",
            {"AUS": '1. Notes the term "all" so defined.\n', "JPN": '1. Notes the term "any" so defined.\n'},
        ),
        # after a bracket, with no word before them to take: the word after them (an
        # unnumbered paragraph's versions were paragraphs of their own, and accepting AUS's kept
        # the base's too)
        (
            "Noting the report [A/RES/77/1] with appreciation,\n\n1. Decides to act.\n",
            {"AUS": 'Noting the report [A/RES/77/1] "all" with appreciation,\n\n1. Decides to act.\n'},
        ),
    ],
)
def test_words_that_would_read_as_an_instruction_are_written_as_words(tmp_path, base, subs):
    r = _compiled(tmp_path, base, subs)
    _decides_back(r.text, base, subs)
    assert "[A/RES/77/1] [AUS: ~~with~~" in r.text or "A/RES" not in base


def test_words_holding_quote_marks_are_never_quoted_in_an_instruction(tmp_path):
    # with --deletion-style command, 'replace "old" with ""new""' is no instruction the reader
    # understands: accepting it left it open, as unclear
    base = "1. Notes the old term.\n"
    us = '1. Notes the "new" term.\n'
    r = _compiled(tmp_path, base, {"US": us}, "--deletion-style", "command")
    assert _decided(r.text, ["reject", "--all"]) == base
    assert _decided(r.text, ["accept", "-d", "US"], ["reject", "--all"]) == us


def test_a_rival_version_adding_words_after_a_space_keeps_the_space(tmp_path):
    # "with" → "with sustainable," (CHE) and "with," (NOR) were written "with[CHE:  sustainable,]
    # / [NOR: ,]": the tag takes the spaces after it, and accepted, CHE's text read
    # "withsustainable,"
    base = "5. Entrust the Secretariat with assessing the feasibility of a mechanism, with emphasis on it.\n"
    subs = {
        "CHE": "5. Entrust the Secretariat with sustainable, assessing the feasibility of a mechanism, emphasis on it.\n",
        "NOR": "5. Entrust the Secretariat with, assessing the feasibility of a mechanism, with emphasis on it.\n",
    }
    r = _compiled(tmp_path, base, subs)
    assert "[CHE:  " not in r.text
    _decides_back(r.text, base, subs)


@pytest.mark.parametrize("conflicts", ["inline", "alternatives"])
def test_a_paragraph_with_sub_items_written_as_its_versions_decides_back(tmp_path, conflicts):
    # accepted, a version of a paragraph with sub-items kept the paragraph's own sub-items too
    base = "7. Convene the meetings if resources are available:\na) the first session;\nb) the second session.\n\n8. Notes.\n"
    subs = {
        "AUS": base.replace("Convene the", "Convene all the"),
        "JPN": base.replace("Convene the", "Convene some of the").replace("first", "opening"),
    }
    r = _compiled(tmp_path, base, subs, "--conflicts", conflicts)
    _decides_back(r.text, base, subs)


def _word_compilation(folder: Path, base: str, subs: dict[str, str], out: Path) -> None:
    """``consolidate --conflicts alternatives`` of ``base`` and ``subs`` written to the Word
    file ``out``."""
    paths = _drafts(folder, base, *subs.values())
    named = [f"{code}={path}" for code, path in zip(subs, paths[1:], strict=True)]
    r = run_cli(["consolidate", str(paths[0]), *named, "--conflicts", "alternatives", "-o", str(out)])
    assert r.code == 0, r.err


def _word_decides_back(out: Path, base: str, subs: dict[str, str]) -> None:
    """Decided in the Word file ``out``: everything rejected gives ``base``'s words, each
    delegation accepted its submission's."""
    rejected = run_cli(["reject", "--all", str(out), "--to", "text", "--report", "none"]).text
    assert rejected.split() == base.split()
    for code, text in subs.items():
        decided = run_cli(["accept", "-d", code, str(out), "--to", "text", "--report", "none"]).text
        assert decided.split() == text.split(), code


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_paragraphs_versions_are_each_a_revision_by_their_delegation_in_word(tmp_path):
    # "1 alt [CAN: …]" and "1 alt [US: …]" drew CAN's version as a revision and the US's as a
    # comment: accepting the US's changes in the Word file gave the text as it was
    base = "1. Calls for prompt action.\n\n2. Notes the report.\n"
    subs = {
        "CAN": base.replace("prompt", "urgent"),
        "MEX": base.replace("prompt", "urgent"),
        "US": base.replace("prompt", "swift"),
    }
    out = tmp_path / "c.docx"
    _word_compilation(tmp_path, base, subs, out)
    assert _comments(out) == ["Joint proposal: CAN, MEX"]  # (no version a comment)
    assert sorted(set(pandoc_revisions(out))) == [
        ("deletion", "CAN, MEX, US"),
        ("insertion", "CAN, MEX"),
        ("insertion", "CAN, MEX, US"),
        ("insertion", "US"),
    ]
    assert "Calls for prompt action." in pandoc_plain(out, "reject")
    _word_decides_back(out, base, subs)
    # where they differ, whole words: a bracket of the text elsewhere stays out of the deletion
    # (deleted, it read back as struck words holding brackets, and rejecting all lost the paragraph)
    base = "PP1 Recalling its resolution A/RES/77/1 [A/RES/77/1] and the outcome,\n"
    subs = {
        "AUS": base.replace("its resolution", "its own resolution"),
        "NOR": base.replace("its resolution", "its related resolution"),
    }
    _word_compilation(tmp_path, base, subs, out)
    read = run_cli(["parse", "--format", "text", str(out)]).text
    assert "[A/RES/77/1] and the outcome" in read and "~~resolution~~" in read
    _word_decides_back(out, base, subs)
    # versions of a paragraph with sub-items that differ in one sub-item: rivals there (each
    # version was a comment, and accepting one in the Word file changed nothing)
    base = "7. Convene the meetings:\na) the first session;\nb) the second session.\n\n8. Notes.\n"
    subs = {
        "AUS": base.replace("the first session", "the initial meeting"),
        "JPN": base.replace("the first session", "the opening session"),
    }
    _word_compilation(tmp_path, base, subs, out)
    assert not _comments(out)
    assert {who for _, who in pandoc_revisions(out)} == {"AUS", "JPN", "AUS, JPN"}
    read = run_cli(["parse", "--format", "text", str(out)]).text
    assert (
        "a)\tthe [AUS: ~~first session;~~initial meeting;] / [JPN: ~~first session;~~opening session;]"
        in read
    )
    _word_decides_back(out, base, subs)
    # differing in several lines: rivals in each, so that accepting one takes all its words
    subs["AUS"] = subs["AUS"].replace("Convene the", "Convene all the")
    _word_compilation(tmp_path, base, subs, out)
    assert not _comments(out)
    _word_decides_back(out, base, subs)


def test_a_paragraph_labelled_as_a_sub_item_gets_alternative_lines_the_reader_reads(tmp_path):
    # "(b) alt [JPN: …]" was no label the reader knew: a paragraph of its own, and rejecting
    # everything left "(b) alt" behind; the reader now reads it as an alternative of (b)
    base = "(a) The date;\n(b) The authorising Party, with details;\n(c) The scope.\n"
    subs = {
        "JPN": base.replace("The authorising Party", "The regional authorising Party"),
        "NOR": base.replace("The authorising Party", "The Party"),
    }
    r = _compiled(tmp_path, base, subs, "--conflicts", "alternatives")
    assert "(b) alt [JPN: The regional authorising Party, with details;]" in r.text
    _decides_back(r.text, base, subs)


def test_a_change_beside_a_plain_bracket_in_a_sub_item_is_an_alternative_of_that_line(tmp_path):
    # "[for the purpose of] [NOR: inter alia,] tracking": NOR's insertion beside the plain
    # bracket also reads as its rival wording ("check" asked), and read so, accepting NOR
    # dropped "[for the purpose of]". The sub-item gets NOR's version as an alternative line;
    # the other sub-items, and changes elsewhere, stay as they are
    base = (
        "1. Decides:\n"
        "  (p) [Identification of the] Registry [for the purpose of] tracking from the approach;\n"
        "  (q) Other information [as per decision 2/CMA.3].\n"
    )
    nor = base.replace("[for the purpose of] tracking", "[for the purpose of] inter alia, tracking").replace(
        "Other information", "Other relevant information"
    )
    r = _compiled(tmp_path, base, {"NOR": nor})
    assert r.code == 0, r.err
    assert r.text == (
        "1. Decides:\n"
        "  (p) [Identification of the] Registry [for the purpose of] tracking from the approach;\n"
        "  (p) alt [NOR: [Identification of the] Registry [for the purpose of] inter alia, tracking from "
        "the approach;]\n"
        "  (q) Other [NOR: relevant] information [as per decision 2/CMA.3].\n"
    )
    assert "adjacent-brackets" not in run_cli(["check", "-"], stdin=r.text.encode()).text
    for adjacent in ("alternatives", "independent"):
        decided = _decided(r.text, ["accept", "-d", "NOR", "--adjacent", adjacent], ["reject", "--all"])
        assert decided == _decided(nor, ["reject", "--all"])
    assert _decided(r.text, ["reject", "--all"]) == _decided(base, ["reject", "--all"])
    # a CRLF base, the sub-item last: its alternative after it, the file's line endings kept
    crlf = base.replace("\n", "\r\n").replace("  (q) Other information [as per decision 2/CMA.3].\r\n", "")
    r = _compiled(tmp_path, crlf, {"NOR": crlf.replace("of] tracking", "of] inter alia, tracking")})
    assert r.text.endswith(
        "approach;\r\n  (p) alt [NOR: [Identification of the] Registry [for the purpose "
        "of] inter alia, tracking from the approach;]\r\n"
    )
    decided = _decided(r.text, ["accept", "-d", "NOR"], ["reject", "--all"])
    assert decided == _decided(crlf.replace("of] tracking", "of] inter alia, tracking"), ["reject", "--all"])
    out = tmp_path / "c.docx"
    _word_compilation(tmp_path, base, {"NOR": nor}, out)
    _word_decides_back(out, _decided(base, ["reject", "--all"]), {"NOR": nor})


def test_words_proposed_inside_another_delegations_new_paragraph_stay_inside_it_in_word(tmp_path):
    # a second round: CAN amends the US's new paragraph 4.bis. In the Word compilation the
    # US's insertion is cut around CAN's, and read back as brackets side by side the paragraph
    # was no proposal: rejecting everything left its note ("Proposed new paragraph submitted by
    # …") and an empty line
    base = EXAMPLE.read_text(encoding="utf-8")
    can = base.replace(
        "To authorize the CICTE Secretariat", "To authorize the CICTE Secretariat, subject to resources,"
    )
    (tmp_path / "base.txt").write_text(base, encoding="utf-8")
    (tmp_path / "can.txt").write_text(can, encoding="utf-8")
    out = tmp_path / "c.docx"
    r = run_cli(["consolidate", str(tmp_path / "base.txt"), f"CAN={tmp_path / 'can.txt'}", "-o", str(out)])
    assert r.code == 0, r.err
    read = run_cli(["parse", "--format", "text", str(out)])
    assert (
        "4.bis.\t[US: To authorize the CICTE Secretariat[CAN: , subject to resources,] to coordinate"
        in read.text
    )
    assert "warning" not in read.err
    rejected = run_cli(["reject", "--all", str(out), "--to", "text", "--report", "none"]).text
    assert "Proposed new paragraph" not in rejected and "To authorize" not in rejected
    assert rejected.split() == _decided(base, ["reject", "--all"]).split()
    us = tmp_path / "us.docx"
    assert run_cli(["accept", "-d", "US", str(out), "-o", str(us), "--report", "none"]).code == 0
    assert "4.bis.\tTo authorize the CICTE Secretariat[CAN: , subject to resources,] to" in (
        run_cli(["parse", "--format", "text", str(us)]).text
    )
    # CAN's words accepted while the US's paragraph is open are the US's paragraph's words
    # (Word has no insertion inside an insertion: left plain, they parted it into two
    # brackets with agreed text between, and the write was refused)
    can = tmp_path / "can.docx"
    r = run_cli(["accept", "-d", "CAN", str(out), "-o", str(can), "--report", "none"])
    assert r.code == 0, r.err
    assert "4.bis.\t[US: To authorize the CICTE Secretariat, subject to resources, to coordinate" in (
        run_cli(["parse", "--format", "text", str(can)]).text
    )
    if shutil.which("pandoc"):
        assert "CICTE Secretariat, subject to resources, to" in " ".join(pandoc_plain(can, "accept").split())
        assert "subject to resources" not in pandoc_plain(can, "reject")
    # decided on from there, the Word file gives what the text gives
    text = run_cli(["consolidate", str(tmp_path / "base.txt"), f"CAN={tmp_path / 'can.txt'}"]).text
    for steps in (["accept", "-d", "US"], ["reject", "--all"]):
        word = run_cli([*steps, str(can), "--to", "text", "--report", "none"]).text
        assert word.split() == _decided(text, ["accept", "-d", "CAN"], steps).split()
    # the new paragraph last in the document: Word marks the paragraph mark before it inserted
    last = base[: base.index("5. Entrust")].rstrip() + "\n"
    (tmp_path / "base.txt").write_text(last, encoding="utf-8")
    (tmp_path / "can.txt").write_text(last.replace("can align their", "can align, their"), encoding="utf-8")
    r = run_cli(["consolidate", str(tmp_path / "base.txt"), f"CAN={tmp_path / 'can.txt'}", "-o", str(out)])
    assert r.code == 0, r.err
    assert "can align[CAN: ,] their" in run_cli(["parse", "--format", "text", str(out)]).text
    rejected = run_cli(["reject", "--all", str(out), "--to", "text", "--report", "none"]).text
    assert rejected.split() == _decided(last, ["reject", "--all"]).split()


def test_an_edit_inside_another_delegations_instruction_is_the_paragraphs_version(tmp_path):
    # '[MEX: replace "review" with[NOR: ,] "consider"]': MEX's instruction read as words then
    base = 'OP6\tDecides to review the matter [MEX: replace "review" with "consider"] at its session;\n'
    nor = base.replace('with "consider"', 'with, "consider"')
    r = _compiled(tmp_path, base, {"NOR": nor})
    assert '[MEX: replace "review" with "consider"]' in r.text.splitlines()[0]
    assert _decided(r.text, ["reject", "--all"]) == _decided(base, ["reject", "--all"])
    assert _decided(r.text, ["accept", "-d", "MEX"], ["reject", "--all"]) == _decided(
        base, ["accept", "-d", "MEX"]
    )


def test_words_proposed_in_one_of_two_identical_versions_keep_both_versions_in_word(tmp_path):
    # the example's paragraph 8 is one text by ARG and by the US; JPN amends ARG's copy. The
    # versions then differ: the US's was a comment in the Word compilation, and rejecting
    # everything there left it, and the paragraph with it
    base = EXAMPLE.read_text(encoding="utf-8")
    jpn = base.replace("to prepare within 90 days", "to prepare within 90 and regional days", 1)
    (tmp_path / "base.txt").write_text(base, encoding="utf-8")
    (tmp_path / "jpn.txt").write_text(jpn, encoding="utf-8")
    out = tmp_path / "c.docx"
    r = run_cli(["consolidate", str(tmp_path / "base.txt"), f"JPN={tmp_path / 'jpn.txt'}", "-o", str(out)])
    assert r.code == 0, r.err
    read = run_cli(["parse", "--format", "text", str(out)]).text
    assert "Alternative by" not in read and "8.\t[ARG: To instruct" in read
    compiled = run_cli(["consolidate", str(tmp_path / "base.txt"), f"JPN={tmp_path / 'jpn.txt'}"]).text
    for code in ("US", "ARG"):
        decided = tmp_path / f"{code}.docx"
        assert run_cli(["accept", "-d", code, str(out), "-o", str(decided), "--report", "none"]).code == 0
        word = run_cli(["reject", "--all", str(decided), "--to", "text", "--report", "none"]).text
        text = _decided(compiled, ["accept", "-d", code], ["reject", "--all"])
        assert word.split() == text.split(), code
    # JPN's words accepted inside ARG's open paragraph: Word cannot hold them (refused there)
    word = _decided(
        run_cli(["accept", "-d", "JPN", str(out), "--to", "text", "--report", "none"]).text,
        ["reject", "--all"],
    )
    assert word.split() == _decided(compiled, ["accept", "-d", "JPN"], ["reject", "--all"]).split()
    word = run_cli(["reject", "--all", str(out), "--to", "text", "--report", "none"]).text
    assert word.split() == _decided(compiled, ["reject", "--all"]).split()


@pytest.mark.parametrize(
    "base",
    [
        "TITLE\n\nRecalling the decision of the Council on the matter,\n\n1. Decides to act.\n",
        "(a) The date;\n(b) The authorising Party, with details;\n(c) The scope.\n",
        # (a paragraph of several lines, as the real UNFCCC draft's first: rivals of the line)
        "The Conference of the Parties,\nRecalling the decision of the Council on the matter,\n"
        "\tAlso recalling its annex,\n\n1. Decides to act.\n",
        "The Conference of the Parties,\r\nRecalling the decision of the Council on the matter,\r\n"
        "\tAlso recalling its annex,\r\n\r\n1. Decides to act.\r\n",
    ],
)
def test_versions_of_a_paragraph_with_no_alternative_line_decide_back(tmp_path, base):
    # an unnumbered paragraph (or one labelled "(b)") has no "N alt" line: its versions were
    # paragraphs of their own after it, and accepting one kept the base paragraph too, so
    # "accept -d JPN | reject --all" gave the base's words and JPN's
    words = "the decision of the Council" if "Recalling" in base else "The authorising Party"
    subs = {
        "JPN": base.replace(
            words, words.replace("the", "the regional", 1).replace("The ", "The regional ", 1)
        ),
        "NOR": base.replace(words, words.split()[0] + " " + words.split()[-1]),
    }
    r = _compiled(tmp_path, base, subs, "--conflicts", "alternatives")
    assert r.code == 0, r.err
    _decides_back(r.text, base, subs)
    both = run_cli(["accept", "-d", "JPN", "-d", "NOR", "-"], stdin=r.text.encode())
    assert "conflict" in both.err  # accepting both differing versions is said, never both kept
    out = tmp_path / "c.docx"
    _word_compilation(tmp_path, base, subs, out)
    _word_decides_back(out, base, subs)


def test_versions_whose_shared_words_overlap_stay_revisions_beside_the_brackets_of_the_text(tmp_path):
    # "Noting that" → "Noting that," and "Noting": the words every version keeps at the start
    # and at the end overlap in the shorter one, so the words struck reached into '"[t]he',
    # which a deletion never holds, and every version was a comment
    base = 'PP2\tNoting that "[t]he Parties shall cooperate" [sic] in good faith[1],\n'
    subs = {"JPN": base.replace("that", "that,"), "NOR": base.replace("that ", "")}
    out = tmp_path / "c.docx"
    _word_compilation(tmp_path, base, subs, out)
    assert not _comments(out)
    _word_decides_back(out, base, subs)


def test_a_paragraph_rewritten_in_its_place_keeps_its_label(tmp_path):
    # three of OP2's four words rewritten: too unlike to be found again, it was deleted ("AUS
    # proposes to delete paragraph OP2") and added again unnumbered before it, so accepting the
    # AUS's changes lost its label. In its place, with its label, it is that paragraph
    base = "OP1\tNotes the report;\n\nOP2\tCalls upon stakeholders;\n\nOP3\tRequests a report.\n"
    aus = base.replace("upon stakeholders", "significantly and regional promptly")
    r = _compiled(tmp_path, base, {"AUS": aus})
    assert "OP2\tCalls [AUS: ~~upon stakeholders~~ significantly and regional promptly];" in r.text
    assert "delete" not in r.text and "Proposed new paragraph" not in r.text
    _each_decides_back(r.text, {"AUS": aus})
    assert _decided(r.text, ["reject", "--all"]) == base
    # a paragraph added elsewhere under a label the base has is still a new paragraph
    moved = "OP1\tNotes the report;\n\nOP3\tRequests a report.\n\nOP2\tCalls significantly.\n"
    r = _compiled(tmp_path, base, {"AUS": moved})
    assert "AUS proposes to delete paragraph OP2" in r.text


def test_an_unnumbered_paragraph_holding_a_bracket_is_deleted_by_a_note(tmp_path):
    # its whole text struck cannot hold "[A/RES/77/1]": it was written as "[AUS: ]", a
    # paragraph of its own that accepting AUS's changes left behind with the base paragraph
    base = (
        "Noting the report [A/RES/77/1] with appreciation,\n\nRecalling its decision,\n\n1. Decides to act.\n"
    )
    aus = "Recalling its decision,\n\n1. Decides to act.\n"
    jpn = base.replace("with appreciation", "with great appreciation")
    r = _compiled(tmp_path, base, {"AUS": aus, "JPN": jpn})
    assert r.text.startswith(
        "AUS proposes to delete the following paragraph\n"
        "Noting the report [A/RES/77/1] with [JPN: great] appreciation,\n"
    )
    assert _decided(r.text, ["reject", "--all"]) == base
    _each_decides_back(r.text, {"AUS": aus, "JPN": jpn})
    out = tmp_path / "c.docx"
    r = run_cli(
        ["consolidate", str(tmp_path / "draft0.txt"), f"AUS={tmp_path / 'draft1.txt'}", "-o", str(out)]
    )
    assert r.code == 0, r.err
    _word_decides_back(out, base, {"AUS": aus})
    if shutil.which("pandoc"):
        assert ("deletion", "AUS") in pandoc_revisions(out)


def test_a_sub_item_removed_beside_words_changed_in_the_one_before(tmp_path):
    # JPN changes two words of a) and removes b): widened to the lines it crosses, the removal
    # took in only the last change before it, and JPN's version of the paragraph applied the
    # first one twice ("that year.and first half of 2025,"); CHE's changes to b) compete with
    # the removal over a line break, which no rival bracket can hold
    base = (
        "7. Convene, if resources are available:\n"
        "a) the session of CICTE, in the first half of 2025, well in advance;\n"
        "b) the meeting of the Group, in the second half of 2024.\n"
    )
    jpn = (
        "7. Convene, if resources are available:\n"
        "a) the session of CICTE, in the and first half promptly 2025, well in advance;\n"
    )
    che = base.replace("meeting of the Group", "meeting of (the Fund) the Group")
    r = _compiled(tmp_path, base, {"JPN": jpn, "CHE": che})
    assert "that year.and" not in r.text and "advance;and" not in r.text
    assert _decided(r.text, ["reject", "--all"]) == base
    _each_decides_back(r.text, {"JPN": jpn, "CHE": che})


def test_a_version_without_the_paragraphs_sub_items_takes_their_place(tmp_path):
    # CHE's version of paragraph 2 removes its sub-item: "2 alt [CHE: … is:]", one line, read
    # as a version of the first line only, and accepting it kept (a)
    base = (
        "2. Recalls that a cooperative approach is:\n"
        "  (a) The voluntary participation of Parties;\n\n"
        "3. Notes the report.\n"
    )
    che = "2. Recalls that (the Fund) a cooperative approach is:\n\n3. Notes the report.\n"
    aus = base.replace("voluntary participation", "participation")
    r = _compiled(tmp_path, base, {"CHE": che, "AUS": aus}, "--conflicts", "alternatives")
    assert "2 alt [CHE: Recalls that (the Fund) a cooperative approach is:\n]\n" in r.text
    assert _decided(r.text, ["reject", "--all"]) == base
    _each_decides_back(r.text, {"CHE": che, "AUS": aus})


def test_an_unnumbered_paragraph_deleted_and_changed_by_others_is_deleted_by_a_note(tmp_path):
    # NOR removes it, AUS changes a word of it: NOR's struck text was AUS's rival, and with
    # --conflicts alternatives the versions became "[NOR: ]", a paragraph of its own that
    # accepting NOR left in place
    base = "Recalling its resolution on the matter,\n\nNoting the findings,\n\n1. Decides.\n"
    subs = {
        "AUS": base.replace("on the matter", "on the matter, sustainable"),
        "NOR": "Noting the findings,\n\n1. Decides.\n",
    }
    for args in ((), ("--conflicts", "alternatives")):
        r = _compiled(tmp_path, base, subs, *args)
        assert r.text.startswith(
            "NOR proposes to delete the following paragraph\n"
            "Recalling its resolution on the matter, [AUS: sustainable,]\n"
        )
        _decides_back(r.text, base, subs)


def test_versions_word_holds_as_comments_are_said_when_compiled_and_when_decided(tmp_path):
    # versions of a paragraph with sub-items whose lines differ in number are comments in the
    # Word compilation: neither the report nor a decision on the Word file said so, and
    # "accept -d JPN" on it left JPN's version undecided, silently
    base = (
        "7. Convene, if resources are available:\n"
        "a) the session of CICTE, in the first half of 2025, well in advance;\n"
        "b) the meeting of the Group, in the second half of 2024.\n"
    )
    jpn = "7. Convene, if resources are available:\na) the session of CICTE, in the first half of 2025;\n"
    che = base.replace("meeting of the Group", "meeting of (the Fund) the Group")
    paths = _drafts(tmp_path, base, jpn, che)
    out = tmp_path / "c.docx"
    r = run_cli(
        [
            "consolidate",
            str(paths[0]),
            f"JPN={paths[1]}",
            f"CHE={paths[2]}",
            "-o",
            str(out),
            "--report",
            "json",
        ]
    )
    assert r.code == 0, r.err
    commented = [e for e in json.loads(r.err)["entries"] if e["kind"] == "commented-version"]
    assert commented and all(e["paragraph"] == "7." for e in commented)
    said = {who for e in commented for who in e["delegations"]}
    for code in said:
        decided = run_cli(["accept", "-d", code, str(out), "-o", str(tmp_path / "a.docx")])
        assert f"untouched alternative by {code}" in decided.err
        assert "decide it in the text compilation" in decided.err


def test_a_line_removed_from_an_unnumbered_paragraph_of_several_lines_is_a_rival(tmp_path):
    # NOR removes the paragraph's third line, AUS and JPN change words of it: their versions have
    # other counts of lines, and were paragraphs of their own that accepting left beside the
    # base's (the real UNFCCC draft's first paragraph is three such lines)
    base = (
        "Matters relating to cooperative approaches referred to in Article 6, paragraph 2\n"
        "The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement, \n"
        "Recalling decision 2/CMA.3 and its annex,\n"
        "\tAlso recalling decision 6/CMA.4 and its annexes, \n"
        "    I. Scope and definition of a cooperative approach\n"
    )
    subs = {
        "AUS": base.replace("decision 2/CMA.3 and its annex", "2/CMA.3 and its, annex"),
        "JPN": base.replace("decision 2/CMA.3 and its annex", "2/CMA.3 and significantly annex"),
        "NOR": base.replace("Recalling decision 2/CMA.3 and its annex,\n", ""),
    }
    r = _compiled(tmp_path, base, subs, "--conflicts", "alternatives")
    assert "/ [NOR: ~~Recalling decision 2/CMA.3 and its annex,~~]\n" in r.text
    _decides_back(r.text, base, subs)


def test_versions_of_an_unnumbered_paragraph_holding_a_bracket_decide_back(tmp_path):
    # no alternative line, no struck words over "[A/RES/77/1]": each version a paragraph of its
    # own after it, and accepting one kept the base paragraph too; the versions' delegations now
    # propose deleting it, so that accepting one gives that version alone, in text and in Word
    base = "Noting the report [A/RES/77/1] with appreciation,\n\n1. Decides to act.\n"
    subs = {
        "JPN": base.replace("with appreciation", "with great appreciation"),
        "NOR": base.replace("report [A", "report, [A").replace("with appreciation", "with some appreciation"),
    }
    r = _compiled(tmp_path, base, subs, "--conflicts", "alternatives")
    assert r.text.startswith(
        "JPN and NOR propose to delete the following paragraph\nNoting the report [A/RES"
    )
    _decides_back(r.text, base, subs)
    out = tmp_path / "c.docx"
    _word_compilation(tmp_path, base, subs, out)
    _word_decides_back(out, base, subs)
