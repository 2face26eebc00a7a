"""The resolver's rules and the structure's rules, one case each, from fixture files
(tests/fixtures/*.txt, read by tests/fixture_cases.py): input, decisions, expected output."""

from __future__ import annotations

import re

import pytest

import bracketeer

from .fixture_cases import Case, read_cases


def _plan(draft: bracketeer.ast.Document, lines: str) -> bracketeer.Plan:
    plan = bracketeer.Plan()
    for line in lines.splitlines():
        words = line.split()
        if words == ["renumber"]:
            plan += bracketeer.Plan(renumber=True)
            continue
        if words[1] == "option":  # "accept option 2 in 16"
            plan += bracketeer.decide(draft, words[0], paragraphs=words[4:], option=int(words[2]))  # type: ignore[arg-type]
            continue
        action, who, *rest = words
        paragraphs = rest[1:] if rest[:1] == ["in"] else []
        plan += bracketeer.decide(
            draft,
            action,  # type: ignore[arg-type]
            delegations=[] if who == "all" else [who],
            everything=who == "all",
            paragraphs=paragraphs,
        )
    return plan


def _load(case: Case, source: str) -> bracketeer.ast.Document:
    """The case's draft, read with the reading options its title names ("--recover",
    "--adjacent alternatives")."""
    said = re.search(r"--adjacent (\w+)", case.title)
    proposals = re.search(r"--proposals (\w+)", case.title)
    return bracketeer.load(
        source.encode("utf-8"),
        name="case.txt",
        recover="--recover" in case.title,
        adjacent=said.group(1) if said else None,  # type: ignore[arg-type]
        proposals=proposals.group(1) if proposals else None,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("case", read_cases("resolve.txt", 3), ids=str)
def test_resolver_rule(case: Case) -> None:
    source, decisions, expected = case.blocks
    draft = _load(case, source)
    result = bracketeer.resolve(draft, _plan(draft, decisions))
    assert bracketeer.render(result.document).decode("utf-8") == expected, f"resolve.txt:{case.line}"


@pytest.mark.parametrize("case", read_cases("check.txt", 2), ids=str)
def test_check_rule(case: Case) -> None:
    """What ``check`` finds in a draft: exactly these findings, each ``line:column code``."""
    source, expected = case.blocks
    found = "".join(f"{f.line}:{f.column} {f.code}\n" for f in bracketeer.check(_load(case, source)))
    assert found == expected, f"check.txt:{case.line}: {case.title}"


def _outline(draft: bracketeer.ast.Document) -> str:
    from bracketeer.ast import Alternative, Blank, Heading, Note, Paragraph, Title

    out: list[str] = []

    def paragraph(p: Paragraph, indent: str) -> None:
        label = p.label.text if p.label else "-"
        out.append(f"{indent}paragraph {label} ({len(p.lines)} line{'s' if len(p.lines) > 1 else ''})")
        for item in p.items:
            if isinstance(item, Paragraph):
                paragraph(item, indent + "  ")
            elif isinstance(item, Alternative):
                out.append(f"{indent}  alternative")

    for b in draft.blocks:
        if isinstance(b, Paragraph):
            paragraph(b, "")
        elif isinstance(b, Note):
            out.append(f"note {b.kind}")
        elif isinstance(b, Title):
            out.append(f"title ({len(b.lines)} line{'s' if len(b.lines) > 1 else ''})")
        elif isinstance(b, Heading):
            out.append("heading")
        elif isinstance(b, Blank):
            continue
    return "".join(line + "\n" for line in out)


@pytest.mark.parametrize("case", read_cases("structure.txt", 2), ids=str)
def test_structure_rule(case: Case) -> None:
    source, expected = case.blocks
    draft = bracketeer.load(source.encode("utf-8"), name="case.txt")
    assert _outline(draft) == expected, f"structure.txt:{case.line}"


def test_a_fixture_that_is_wrong_fails(tmp_path, monkeypatch):
    from . import fixture_cases

    (tmp_path / "resolve.txt").write_text("## wrong\n.\n1. [US: a] b.\n.\naccept US\n.\n1. [US: a] b.\n.\n")
    monkeypatch.setattr(fixture_cases, "FIXTURES", tmp_path)
    (case,) = fixture_cases.read_cases("resolve.txt", 3)
    with pytest.raises(AssertionError):
        test_resolver_rule(case)


@pytest.mark.parametrize("case", read_cases("status.txt", 2), ids=str)
def test_status_rule(case: Case) -> None:
    from bracketeer.standing import status

    draft, expected = case.blocks
    got = "".join(f"{p.label} {p.state}\n" for p in status(_load(case, draft)).paragraphs)
    assert got == expected, f"fixtures/status.txt:{case.line}: {case.title}"


@pytest.mark.parametrize("case", read_cases("positions.txt", 2), ids=str)
def test_positions_rule(case: Case) -> None:
    from bracketeer.query import iter_brackets, iter_paragraphs, paragraph_lines

    draft, expected = case.blocks
    lines = []
    for p in iter_paragraphs(_load(case, draft)):
        for ln in paragraph_lines(p):
            for b, _ in iter_brackets(ln.content):
                by: dict[str, list[str]] = {}
                for pos in b.positions:
                    by.setdefault(pos.stance, []).append(pos.delegation.key)
                said = "; ".join(f"{k}: {', '.join(v)}" for k, v in by.items())
                lines.append(f"{b.kind}: {', '.join(s.key for s in b.proposers)} | {said}".rstrip() + "\n")
    assert "".join(lines) == expected, f"fixtures/positions.txt:{case.line}: {case.title}"


def test_positions_carry_where_they_are_written() -> None:
    from bracketeer.query import iter_brackets, iter_paragraphs

    text = "1. We act [fully] (AOSIS) (US, JPN: delete) now.\n\n3. An [ambitious - EU; LMDC delete] goal.\n"
    doc = bracketeer.load(text.encode())
    found = []
    for p in iter_paragraphs(doc):
        for b, _ in iter_brackets(p.lines[0].content):
            for pos in b.positions:
                found.append((pos.delegation.key, text[pos.span.offset : pos.span.end_offset]))
    assert found == [("US", "(US, JPN: delete)"), ("JPN", "(US, JPN: delete)"), ("LMDC", "LMDC delete")]
