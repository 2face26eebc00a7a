"""The fuzzing harness's two halves, shared by the test suite (hypothesis, tests/test_fuzz.py)
and by ``bench/fuzz.py`` (many random cases, reproducers saved to tests/fuzz-cases/):

* ``mutate``: a real draft with brackets, colons, tildes, quotes, labels, line endings,
  byte-order marks and no-break spaces put in or taken out at random places;
* ``failure``: what is wrong with how bracketeer treats a text, or None. The properties: a
  text that parses prints back byte for byte; one that does not fails with a ParseError whose
  every line of message has ``file:line:col``; accepting or rejecting any one delegation, and
  accepting everything then rejecting everything, never removes agreed text (text outside every
  bracket); nothing raises anything but bracketeer's own errors.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import bracketeer
from bracketeer.ast import Bracket, Command, Document, Note, Paragraph
from bracketeer.errors import BracketeerError, ParseError
from bracketeer.query import iter_brackets, iter_paragraphs, paragraph_lines, source_text

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "fuzz-cases"

# what a careless or hostile edit puts into a draft
TOKENS = [
    "[", "]", "[US: ", "[CAN, MEX: ", "]", ":", "::", "~~", '"', "“", "8 alt ", "(a) ", "4.bis. ",
    "\n", "\r\n", "\r", "\n\n", "\ufeff", "\u00a0", "\t", "［", "］", " (US)", "]US", " — ARG]",
    'delete "the"', "delete", "[US: delete]", 'replace "the" with "a"', "~~old~~ ",
    "\nUS proposes to delete paragraph 2.\n", "\nProposed new paragraph submitted by the delegation of Canada:\n",
    "[sic]", "[1.] ", "Option 1: ",
]  # fmt: skip
_WORD_CHARS = re.compile(r"\w+")
_POSITION = re.compile(r"^.+?:\d+:\d+: ")


def examples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def mutate(rng: random.Random, text: str, edits: int) -> str:
    """A window of ``text`` (a few lines) with ``edits`` random edits."""
    lines = text.splitlines(keepends=True)
    start = rng.randrange(len(lines))
    text = "".join(lines[start : start + rng.randint(1, 10)])
    for _ in range(edits):
        at = rng.randint(0, len(text))
        r = rng.random()
        if r < 0.6:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif r < 0.9:
            text = text[:at] + text[at + rng.randint(1, 20) :]
        else:
            end = text.find("\n", at)
            text = (
                text[:at]
                + text[at : end + 1 if end >= 0 else len(text)] * 2
                + text[end + 1 if end >= 0 else len(text) :]
            )
    return text


def failure(data: bytes) -> str | None:
    """What is wrong with bracketeer on ``data``, or None when every property holds."""
    try:
        draft = bracketeer.load(data, name="case.txt")
    except ParseError as e:
        lines = [ln for ln in e.describe().splitlines() if not ln.startswith("    ")]
        bad = [ln for ln in lines if not _POSITION.match(ln)]
        return f"a parse error without a position: {bad[0]!r}" if bad else None
    except BracketeerError:
        return None  # a clear refusal (not text, bad encoding): fine
    except Exception as e:
        return f"load raised {type(e).__name__}: {e}"
    try:
        back = bracketeer.render(draft)
    except Exception as e:
        return f"render raised {type(e).__name__}: {e}"
    if back != data:
        return "the round trip is not exact"
    if _edits_agreed_text(draft):
        return None  # deletions and replacements legitimately take agreed words out
    agreed = _agreed(draft)
    plans = [
        bracketeer.decide(draft, a, delegations=[c])
        for c in _delegations(draft)
        for a in ("accept", "reject")
    ]
    plans.append(bracketeer.decide(draft, "accept", everything=True))
    for plan in plans:
        try:
            result = bracketeer.resolve(draft, plan).document
            if plan.decisions[0].everything:
                result = bracketeer.resolve(
                    result, bracketeer.decide(result, "reject", everything=True)
                ).document
            out = source_text(result)
        except BracketeerError:
            continue
        except Exception as e:
            return f"resolve raised {type(e).__name__}: {e}"
        if not _subsequence(agreed, "".join(_WORD_CHARS.findall(out))):
            return f"agreed text lost by {plan.decisions[0].origin or 'accept --all, reject --all'}"
    return None


def _delegations(draft: Document) -> list[str]:
    return sorted(
        {
            s.key
            for p in iter_paragraphs(draft)
            for ln in paragraph_lines(p)
            for b, _ in iter_brackets(ln.content)
            for s in b.proposers
        }
    )


def _edits_agreed_text(draft: Document) -> bool:
    """Drafts whose proposals delete agreed words (commands, deletion notes) or offer versions
    of an agreed paragraph (alternatives) are left out of the agreed-text property."""
    for b in draft.blocks:
        if isinstance(b, Note) and b.kind == "deletion":
            return True
        if isinstance(b, Paragraph):
            if b.alternatives:
                return True
            for ln in paragraph_lines(b):
                for br, _ in iter_brackets(ln.content):
                    if any(isinstance(n, Command) for n in br.body):
                        return True
    return False


def _agreed(draft: Document) -> str:
    """The word characters of the text outside every bracket, in order."""
    out: list[str] = []
    for p in iter_paragraphs(draft):
        for ln in paragraph_lines(p):
            for n in ln.content:
                if not isinstance(n, Bracket):
                    out.extend(_WORD_CHARS.findall(n.text))
    return "".join(out)


def _subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(ch in chars for ch in needle)


# ------------------------------------------------------------------ every surface, one family each
# A family makes a case from a random source and says what is wrong with bracketeer on it, or
# None. bench/fuzz.py runs them by the hundred thousand; tests/test_fuzz.py runs each a few
# hundred times from a fixed seed in every CI run.
import collections  # noqa: E402
import io  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from lxml import etree  # noqa: E402

from bracketeer.write.word import WriteBackError  # noqa: E402

EXIT_OK = {0, 1, 2, 130, 141}
# decisions a Word write-back refused rather than write other than decided, by family
REFUSED: collections.Counter[str] = collections.Counter()
# a decision that removes a comment's note takes the comment out of these too
COMMENT_PARTS = ("word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml")
WORD_FILES = [ROOT / "examples" / "cicte-omnibus-2024.docx", ROOT / "examples" / "submission-us.docx"]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHORS = ["United States", "Canada", "ARG", "Delegation of Mexico", "Jane Doe", "", "EU, NOR"]


@dataclass
class Case:
    """One generated input: files by name (bytes) and the command lines to run on them."""

    files: dict[str, bytes]
    argv: list[list[str]] = field(default_factory=list)
    note: str = ""


def _cli(argv: list[str], folder: Path) -> tuple[int, bytes, str]:
    from .conftest import run_cli

    args = [a.replace("{dir}", str(folder)) for a in argv]
    r = run_cli(args)
    return r.code, r.out, r.err


def _traceback_free(code: int, err: str, argv: list[str]) -> str | None:
    if code not in EXIT_OK:
        return f"{' '.join(argv[:2])} exited {code}: {err[-300:]!r}"
    if "Traceback" in err:
        return f"{' '.join(argv[:2])} printed a traceback"
    return None


def _run_case(case: Case, check: Callable[[Path, list[tuple[int, bytes, str]]], str | None]) -> str | None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        results = []
        for argv in case.argv:
            code, out, err = _cli(argv, folder)
            problem = _traceback_free(code, err, argv)
            if problem:
                return problem
            results.append((code, out, err))
        return check(folder, results)


# --- recover: damaged drafts read as they stand
def gen_recover(rng: random.Random) -> Case:
    text = mutate(rng, rng.choice(examples()), rng.randint(1, 6))
    return Case({"d.txt": text.encode("utf-8")}, [["status", "--recover", "{dir}/d.txt"]])


def fail_recover(case: Case) -> str | None:
    data = case.files["d.txt"]
    try:
        draft = bracketeer.load(data, name="d.txt", recover=True)
    except ParseError:
        return "--recover refused a draft"
    except BracketeerError:
        return None
    if bracketeer.render(draft) != data:
        return "the round trip under --recover is not exact"
    faulty = [f.span.line for f in draft.faults]
    try:
        result = bracketeer.resolve(draft, bracketeer.decide(draft, "reject", everything=True)).document
    except BracketeerError:
        return None
    out = source_text(result)
    # (lines as the reader counts them: a lone carriage return ends none)
    lines = data.decode("utf-8-sig", errors="replace").split("\n")
    for ln in faulty:
        # the line holding an unbalanced bracket is kept as written
        if lines[ln - 1].strip() and lines[ln - 1].strip() not in out:
            return f"reject --all --recover changed line {ln}, which holds an unbalanced bracket"

    def check(folder: Path, results: list[tuple[int, bytes, str]]) -> str | None:
        code = results[0][0]
        if code == 0 and faulty:
            return "status --recover exited 0 on a draft with faults"
        return None

    return _run_case(case, check)


# --- Word documents: XML-level edits (typed tags, native revisions, split runs) and write-back
def _document_xml(rng: random.Random, xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    runs = root.findall(f".//{{{_W}}}body//{{{_W}}}r")
    texts = [r for r in runs if r.find(f"{{{_W}}}t") is not None and r.getparent().tag == f"{{{_W}}}p"]
    for _ in range(rng.randint(1, 4)):
        if not texts:
            break
        run = rng.choice(texts)
        t = run.find(f"{{{_W}}}t")
        assert t is not None
        r = rng.random()
        if r < 0.35:  # a typed tag or a bracket typed into the text
            at = rng.randint(0, len(t.text or ""))
            t.text = (
                (t.text or "")[:at]
                + rng.choice(TOKENS).replace("\r", "").replace("\n", " ")
                + (t.text or "")[at:]
            )
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif r < 0.7 and run.getparent() is not None:  # a native revision around the run
            kind = rng.choice(["ins", "del"])
            wrapper = etree.Element(f"{{{_W}}}{kind}")
            wrapper.set(f"{{{_W}}}id", str(rng.randint(1000, 9999)))
            wrapper.set(f"{{{_W}}}author", rng.choice(AUTHORS))
            parent = run.getparent()
            parent.replace(run, wrapper)
            wrapper.append(run)
            if kind == "del":
                t.tag = f"{{{_W}}}delText"
            texts.remove(run)
        elif r < 0.9:  # the run split in two, as Word splits runs at an rsid
            text = t.text or ""
            at = rng.randint(0, len(text))
            twin = etree.fromstring(etree.tostring(run))
            t.text = text[:at]
            twin_t = twin.find(f"{{{_W}}}t")
            assert twin_t is not None
            twin_t.text = text[at:]
            for x in (t, twin_t):
                x.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addnext(twin)
        else:  # the run deleted outright
            run.getparent().remove(run)
            texts.remove(run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            new = change(item.filename, src.read(item))
            if new is not None:
                dst.writestr(item, new)
    return out.getvalue()


def gen_docx(rng: random.Random) -> Case:
    data = rng.choice(WORD_FILES).read_bytes()
    edited = _rezip(data, lambda n, b: _document_xml(rng, b) if n == "word/document.xml" else b)
    return Case({"d.docx": edited}, [["status", "{dir}/d.docx"]])


def fail_docx(case: Case) -> str | None:
    """A Word draft decides as its text does: for every decision, the .docx written back reads
    as the decision's text, or the write-back is refused with exit 2; every part but the body
    (and the comments a decision took out) stays byte for byte."""
    data = case.files["d.docx"]
    try:
        draft = bracketeer.load(data, name="d.docx")
    except BracketeerError:
        return None
    except Exception as e:
        return f"load raised {type(e).__name__}: {e}"
    from bracketeer import api

    try:
        same = api.write_back(draft)
    except BracketeerError:
        same = None
    if same is not None and _body(same) != _body(data):
        return "a write-back that decides nothing changed word/document.xml"
    plans = [
        bracketeer.decide(draft, "accept", everything=True),
        bracketeer.decide(draft, "reject", everything=True),
    ]
    plans += [
        bracketeer.decide(draft, a, delegations=[c])
        for c in _delegations(draft)[:3]
        for a in ("accept", "reject")
    ]
    for plan in plans:
        what = plan.decisions[0].origin or "--all"
        try:
            result = bracketeer.resolve(draft, plan).document
            expected = bracketeer.render(result).decode("utf-8")
            written = api.write_back(result)
        except WriteBackError:
            REFUSED["docx"] += 1  # said aloud, exit 2: counted, since a user gets no document
            continue
        except BracketeerError:
            continue
        except Exception as e:
            return f"{plan.decisions[0].action} {what} raised {type(e).__name__}: {e}"
        try:
            back = bracketeer.render(bracketeer.load(written, name="back.docx")).decode("utf-8")
        except BracketeerError as e:
            return f"{plan.decisions[0].action} {what} wrote a .docx that does not read back: {e.describe()}"
        if _words(back) != _words(expected):
            return f"{plan.decisions[0].action} {what}: the .docx written back reads otherwise than decided"
        changed = _changed_parts(data, written)
        if changed - {"word/document.xml", *COMMENT_PARTS}:
            return f"{plan.decisions[0].action} {what} changed other parts: {sorted(changed)}"
    return _run_case(case, lambda folder, results: None)


def _words(text: str) -> list[str]:
    """The words of each line, a leading label aside: Word numbers a list again when an item
    goes, where the decided text keeps its labels (the write-back's own check holds typed
    labels to the letter)."""
    from bracketeer.read.terminals import terminals

    label, sep = terminals()["LABEL"], terminals()["LABEL_SEP"]
    out: list[str] = []
    for line in text.replace("\u2060", "").split("\n"):
        found = label.match(line)
        after = sep.match(line, found.end()) if found else None
        out.extend((line[after.end() :] if after else line).split())
    return out


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def _changed_parts(a: bytes, b: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
        names = set(za.namelist()) | set(zb.namelist())
        return {
            n for n in names if n not in za.namelist() or n not in zb.namelist() or za.read(n) != zb.read(n)
        }


# --- Word documents damaged at the zip level
def gen_zip(rng: random.Random) -> Case:
    data = bytearray(rng.choice(WORD_FILES).read_bytes())
    r = rng.random()
    if r < 0.3:
        data = data[: rng.randint(0, len(data))]
    elif r < 0.6:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    else:
        names = zipfile.ZipFile(io.BytesIO(bytes(data))).namelist()
        gone = rng.choice(names)
        junk = rng.choice([b"", b"<x/>", b"\xff\xfe<\x00", b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'])
        data = bytearray(
            _rezip(bytes(data), lambda n, b: (None if rng.random() < 0.5 else junk) if n == gone else b)
        )
    argv = [["status", "{dir}/d.docx"], ["accept", "--all", "{dir}/d.docx", "-o", "{dir}/out.docx"]]
    return Case({"d.docx": bytes(data)}, argv)


def fail_zip(case: Case) -> str | None:
    def check(folder: Path, results: list[tuple[int, bytes, str]]) -> str | None:
        (s, _, err), (a, _, _) = results
        if s == 2 and not err.strip():
            return "status refused a damaged .docx without a word"
        if (s == 2) != (a == 2):
            return f"status and accept disagree on whether the file reads ({s} / {a})"
        return None

    return _run_case(case, check)


# --- decisions files: never wider than written
DECISION_PIECES = [
    'accept = ["US"]', 'reject = ["ARG"]', 'accept = []', 'reject = []', 'accept = "all"', 'reject = "all"',
    'accept = ["CAN", "US"]', 'accept = ["Canda"]', 'accept = ["XYZZY"]', 'accept = "US"', 'accept = 5',
    'paragraphs = ["2"]', 'paragraphs = ["4.bis"]', 'paragraphs = []', 'paragraphs = ["99"]', 'paragraphs = ["2-8"]',
    'paragraphs = [""]', 'paragraphs = [2]', 'paragraph = ["2"]', 'renumber = true', 'renumber = "yes"',
    "accept = [[[[[[]]]]]]", "x = {a = {b = {c = 1}}}",
]  # fmt: skip


def gen_decisions(rng: random.Random) -> Case:
    lines = []
    for _ in range(rng.randint(0, 4)):
        lines.append("[[decision]]")
        lines.extend(rng.sample(DECISION_PIECES, rng.randint(0, 3)))
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.1:
        text = "\ufeff" + text
    if rng.random() < 0.05:
        text = "x = " + "[" * 1500 + "]" * 1500 + "\n"
    draft = (ROOT / "examples" / "cicte-omnibus-2024.txt").read_bytes()
    argv = [["resolve", "--decisions", "{dir}/d.toml", "{dir}/draft.txt", "--report", "json"]]
    return Case({"d.toml": text.encode("utf-8"), "draft.txt": draft}, argv)


def fail_decisions(case: Case) -> str | None:
    import json
    import tomllib

    try:
        written = tomllib.loads(case.files["d.toml"].decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, RecursionError):
        written = None

    def check(folder: Path, results: list[tuple[int, bytes, str]]) -> str | None:
        code, _, err = results[0]
        if code != 0:
            return None if code == 2 and err.strip() else f"resolve exited {code} without saying why"
        if written is None:
            return "a decisions file that is not TOML was taken"
        named: set[str] = set()
        wide = False
        for d in written.get("decision", []):
            who = d.get("accept", d.get("reject"))
            if who == "all":
                wide = True
            else:
                named.update([who] if isinstance(who, str) else who)
        events = json.loads(err).get("events", [])
        # a version identical to a named delegation's is one proposal with it (documented)
        twins = {
            e["paragraph"] for e in events if e["what"] == "alternative" and set(e["sponsors"] or []) & named
        }
        for event in events:
            sponsors = set(event.get("sponsors") or [])
            if event["what"] == "alternative" and event["paragraph"] in twins:
                continue
            if not wide and sponsors and not sponsors & named:
                return f"decided {sorted(sponsors)}'s proposal, which the file did not name"
            if not wide and not sponsors and event.get("outcome") in ("accepted", "rejected"):
                return 'decided a plain bracket without "all"'
        return None

    return _run_case(case, check)


# --- delegations and settings files, and the maps given on the command line
DELEGATION_PIECES = [
    '[delegations.XYZ]\nname = "Xyzland"', '[delegations."A:B"]\nname = "Ab"', '[delegations.US]\nname = "Other"',
    '[delegations.SICA]\naliases = ["Sistema"]\nkind = "group"', '[delegations.Q]\nkind = "country"',
    '[authors]\n"Jane Doe" = "US"', '[authors]\n"Jane Doe" = "XYZZY"', '[authors]\n"Jane" = ""',
    '[authors]\n"Jane" = "SICA, US"', '[delegations.E]\naliases = [1]', 'colour = 1', '[delegations]\nX = 1',
]  # fmt: skip
MAP_VALUES = [
    "--author-map=United States=XYZZY", "--author-map=Jane Doe=US", "--author-map=Jane=Canda", "--author-map==US",
    "--author-map=Jane=", "--colour-map=FF0000=US", "--colour-map=GG0000=US", "--colour-map=FF0000=XYZZY",
    "--colour-map=#00ff00=CAN", "--formatting=colour", "--formatting=strike,bogus", "--encoding=latin-1",
    "--encoding=nope",
]  # fmt: skip


def gen_settings(rng: random.Random) -> Case:
    text = "\n".join(rng.sample(DELEGATION_PIECES, rng.randint(0, 3))) + "\n"
    word = rng.random() < 0.5
    draft = (
        rng.choice(WORD_FILES).read_bytes()
        if word
        else (ROOT / "examples" / "cicte-omnibus-2024.txt").read_bytes()
    )
    name = "draft.docx" if word else "draft.txt"
    options = rng.sample(MAP_VALUES, rng.randint(0, 2))
    argv = [
        ["accept", "-d", rng.choice(["US", "XYZ", "SICA", "Jane Doe"]), f"{{dir}}/{name}", "--delegations", "{dir}/del.toml", *options],
        ["check", f"{{dir}}/{name}", "--delegations", "{dir}/del.toml", *options],
    ]  # fmt: skip
    return Case({"del.toml": text.encode("utf-8"), name: draft}, argv)


def fail_settings(case: Case) -> str | None:
    def check(folder: Path, results: list[tuple[int, bytes, str]]) -> str | None:
        for code, _, err in results:
            if code == 2 and not err.strip():
                return "refused without a word"
        return None

    return _run_case(case, check)


# --- consolidation: empty, equal, binary, UTF-16, mixed line endings, repeated or unknown codes
def gen_consolidate(rng: random.Random) -> Case:
    base_text = (ROOT / "examples" / "consolidation" / "base.txt").read_text(encoding="utf-8")
    lines = base_text.splitlines(keepends=True)
    start = rng.randrange(max(1, len(lines) - 8))
    base = "".join(lines[start : start + rng.randint(3, 12)])
    files = {"base.txt": base.encode("utf-8")}
    argv = ["consolidate", "{dir}/base.txt"]
    for n in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.4:
            sub = _edit_words(rng, base).encode("utf-8")
        elif r < 0.5:
            sub = base.encode("utf-8")
        elif r < 0.6:
            sub = b""
        elif r < 0.7:
            sub = _edit_words(rng, base).encode("utf-16")
        elif r < 0.8:
            sub = _edit_words(rng, base).replace("\n", rng.choice(["\r\n", "\n", "\r"]), 1).encode("utf-8")
        elif r < 0.9:
            sub = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        else:
            sub = mutate(rng, base, 2).encode("utf-8")
        files[f"s{n}.txt"] = sub
        code = rng.choice(["US", "CAN", "ARG", "US", "XYZZY", "Canda"])
        argv.append(f"{code}={{dir}}/s{n}.txt")
    return Case(files, [argv, ["reject", "--all", "-"]])


def _edit_words(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(words))
        r = rng.random()
        if r < 0.4:
            words.insert(i, rng.choice(["urgently", "all", "and regional", "sustainable,"]))
        elif r < 0.7 and len(words) > 1:
            del words[i]
        else:
            words[i] = words[i].upper()
    return " ".join(words)


def fail_consolidate(case: Case) -> str | None:
    argv, _ = case.argv
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        code, out, err = _cli(argv, folder)
        problem = _traceback_free(code, err, argv)
        if problem or code != 0:
            return problem
        (folder / "compilation.txt").write_bytes(out)
        back_code, back, back_err = _cli(
            ["reject", "--all", "{dir}/compilation.txt", "--report", "none"], folder
        )
        problem = _traceback_free(back_code, back_err, ["reject", "--all"])
        if problem:
            return problem
        base = case.files["base.txt"]
        if back_code == 0 and _agreed_words(back) != _agreed_words(base):
            return "reject --all of the compilation does not give the base's words back"
    return None


def _agreed_words(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").split()


# --- consolidation decided back: each delegation's submission from the compilation
_RUNNING_WORD = re.compile(r"[a-z]+[,;.]?")
_LABELLED = re.compile(r"^\s*(?:\d+\.|OP\d|PP\d|\(?[a-z]\)|\d+\.\w+\.|Recalling |Noting )")
# unnumbered paragraphs, as a resolution's preamble writes them (the examples have none)
PREAMBLE = (
    "Recalling its resolution on the matter and the report of the Committee thereon,\n\n"
    "Noting with concern the findings of the review and the measures taken since,\n\n"
)
DECIDERS = ["JPN", "NOR", "CHE", "AUS"]  # (no bracket of the example drafts is theirs)
INSERTED = [
    "urgently",
    "all",
    "and regional",
    "sustainable,",
    "(the Fund)",
    "inter alia,",
    "and",
    '"all"',
]


def _submission(rng: random.Random, text: str) -> str:
    """``text`` as a delegation would send it back: words inserted, deleted, replaced or given a
    comma in its labelled paragraphs, never in a label, a tag or a note."""
    lines = text.splitlines(keepends=True)
    editable = [k for k, ln in enumerate(lines) if _LABELLED.match(ln) and "alt" not in ln.split("[")[0]]
    for _ in range(rng.randint(1, 5) if editable else 0):
        k = rng.choice(editable)
        words = lines[k].split(" ")
        running = _running_words(words)
        if not running:
            continue
        i = rng.choice(running)
        r = rng.random()
        if r < 0.45:
            words.insert(i, rng.choice(INSERTED))
        elif r < 0.7:
            del words[i]
        elif r < 0.85:
            words[i] = words[i].rstrip(",;.") if words[i][-1:] in ",;." else words[i] + ","
        else:
            words[i] = rng.choice(["significantly", "the", "promptly"])
        lines[k] = " ".join(words)
    # a paragraph removed whole (a deletion note, or struck): one of one line, no note of its own
    # before it (a note left alone would be no paragraph's), no alternative after it
    whole = [k for k in editable if _removable(lines, k)]
    if whole and rng.random() < 0.15:
        lines[rng.choice(whole)] = ""
    return "".join(lines)


def _removable(lines: list[str], k: int) -> bool:
    before = next((ln for ln in reversed(lines[:k]) if ln.strip()), "")
    after = next((ln for ln in lines[k + 1 :] if ln.strip()), "")
    return (
        not before.lstrip().startswith("Proposed")
        and not after.lstrip().startswith("[")
        and " alt" not in after.split("[")[0]
        # (a paragraph's first line, its sub-items after it, is not the whole paragraph)
        and not re.match(r"\s*\(?[a-z]{1,4}\)", after)
    )


def _running_words(words: list[str]) -> list[int]:
    """The indexes of a line's running words: not its first, none in a bracket's tag."""
    out, in_tag = [], False
    for i in range(1, len(words)):
        word, before = words[i], words[i - 1]
        if "[" in before and ":" not in before.split("[")[-1]:
            in_tag = True
        if in_tag:
            in_tag = not (":" in word or "]" in word)
            continue
        if (
            _RUNNING_WORD.fullmatch(word)
            and word not in ("bis", "ter", "alt")
            and not before.endswith((":", "\t"))
        ):
            out.append(i)
    return out


# the real UNFCCC draft, where ../shared holds it (its sub-items full of plain brackets)
REAL_DRAFT = ROOT.parent / "shared" / "real-drafts" / "unfccc-sbsta61-art62-draft-decision-2024.txt"


def gen_decide_back(rng: random.Random) -> Case:
    drafts = examples()
    if REAL_DRAFT.exists():
        drafts.append(REAL_DRAFT.read_text(encoding="utf-8-sig"))
    lines = rng.choice(drafts).splitlines(keepends=True)
    start = rng.randrange(max(1, len(lines) - 10))
    base = "".join(lines[start : start + rng.randint(4, 16)])
    if rng.random() < 0.3:
        base = PREAMBLE + base
    files = {"base.txt": base.encode("utf-8")}
    argv = ["consolidate", "{dir}/base.txt", "--report", "none"]
    if rng.random() < 0.25:
        argv += ["--conflicts", "alternatives"]
    for code in rng.sample(DECIDERS, rng.randint(1, 3)):
        files[f"{code}.txt"] = _submission(rng, base).encode("utf-8")
        argv.append(f"{code}={{dir}}/{code}.txt")
    if rng.random() < 0.3:  # through a tracked Word compilation, of a first round's base
        argv += ["--to", "docx"]
    return Case(files, [argv])


def fail_decide_back(case: Case) -> str | None:
    """Rejecting everything in the compilation gives the base's words, and accepting one
    delegation and then rejecting everything gives that delegation's submission's (spacing
    before a mark, and a separator the resolver's tidying takes, aside); a refusal (exit 2) is
    no failure. Through Word, the base is the first round's agreed text."""
    argv = case.argv[0]
    word = "docx" in argv
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        if word:
            for name in case.files:
                code, text, _ = _cli(["reject", "--all", f"{{dir}}/{name}", "--report", "none"], folder)
                if code != 0:
                    return None  # (a window cut inside a bracket: no first round to compile)
                (folder / name).write_bytes(text)
        out = folder / ("compilation.docx" if word else "compilation.txt")
        code, _, err = _cli([*argv, "-o", str(out)], folder)
        problem = _traceback_free(code, err, argv)
        if problem or code != 0:
            return problem
        return _decides_back(folder, out, [n[:-4] for n in case.files if n != "base.txt"])


def _decides_back(folder: Path, compilation: Path, codes: list[str]) -> str | None:
    def agreed(*steps: list[str]) -> list[str] | None:
        # each step decides the file the one before wrote, a Word file as a Word file (as text,
        # two revisions side by side become touching brackets: the reader warns of it)
        source = compilation
        for n, step in enumerate(steps):
            last = n == len(steps) - 1
            written = folder / f"step{n}{'.txt' if last else compilation.suffix}"
            code, _, err = _cli([*step, str(source), "-o", str(written)], folder)
            if code != 0 or "decide it in the text compilation" in err:
                # said aloud (exit 2, or a version Word holds as a comment reported undecided):
                # counted, not a failure
                REFUSED["decide-back"] += 1
                return None
            source = written
        if source.suffix != ".txt":
            return None
        return _tidied_words(source.read_bytes())

    everything = ["reject", "--all"]
    back = agreed(everything)
    if back is not None and back != _agreed_of(folder, "base.txt"):
        return "reject --all of the compilation does not give the base's words"
    for code in codes:
        got = agreed(["accept", "-d", code], everything)
        if got is not None and got != _agreed_of(folder, f"{code}.txt"):
            return f"accept -d {code} then reject --all does not give {code}'s submission"
    return None


def _agreed_of(folder: Path, name: str) -> list[str]:
    _, data, _ = _cli(["reject", "--all", f"{{dir}}/{name}", "--report", "none"], folder)
    return _tidied_words(data)


def _tidied_words(data: bytes) -> list[str]:
    """A text's words, a space before a mark and a doubled separator (as the resolver tidies
    them) aside."""
    text = re.sub(r"\s+([,;:.])", r"\1", data.decode("utf-8"))
    return re.sub(r"[,;]+([,;.])", r"\1", text).split()


def gen_text(rng: random.Random) -> Case:
    text = mutate(rng, rng.choice(examples()), rng.randint(1, 6))
    return Case({"case.txt": text.encode("utf-8")}, [["check", "{dir}/case.txt"]])


def fail_text(case: Case) -> str | None:
    def check(folder: Path, results: list[tuple[int, bytes, str]]) -> str | None:
        code, _, err = results[0]
        if code == 2 and not err.startswith(str(folder / "case.txt")):
            return f"check's error names no position: {err[:200]!r}"
        return None

    return failure(case.files["case.txt"]) or _run_case(case, check)


FAMILIES: dict[str, tuple[Callable[[random.Random], Case], Callable[[Case], str | None]]] = {
    "text": (gen_text, fail_text),
    "recover": (gen_recover, fail_recover),
    "docx": (gen_docx, fail_docx),
    "zip": (gen_zip, fail_zip),
    "decisions": (gen_decisions, fail_decisions),
    "settings": (gen_settings, fail_settings),
    "consolidate": (gen_consolidate, fail_consolidate),
    "decide-back": (gen_decide_back, fail_decide_back),
}
