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
