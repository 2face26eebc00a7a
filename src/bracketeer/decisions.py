"""Decisions from the command line and from a decisions file (TOML), checked against a draft.

A decisions file lists decisions in the order they apply::

    renumber = true          # optional

    [[decision]]
    accept = ["US"]          # delegations, or "all"
    paragraphs = ["2", "4.bis", "6-8"]   # optional; everywhere when left out

    [[decision]]
    reject = ["ARG"]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .ast import Document, Heading, Note, Paragraph
from .delegations import Registry
from .errors import DecisionError
from .query import iter_brackets, iter_paragraphs, paragraph_lines, plain_words
from .resolver import Action, Decision, selector_matches
from .resolver.selectors import section_matches, split_selector
from .tomlfile import check_keys, read_toml


def sponsors_in(document: Document) -> set[str]:
    keys: set[str] = set()
    for p in iter_paragraphs(document):
        for ln in paragraph_lines(p):
            for br, _ in iter_brackets(ln.content):
                keys.update(s.key for s in br.sponsors)
    for block in document.blocks:
        if isinstance(block, Note):
            keys.update(s.key for s in block.sponsors)
    return keys


def delegation_keys(
    names: Iterable[str], registry: Registry, document: Document, source: str, origin: str = ""
) -> frozenset[str]:
    """Registry codes for ``names`` (comma lists allowed); a name the registry does not know is
    accepted when the draft uses it as written."""
    present = sponsors_in(document)
    keys: set[str] = set()
    for raw in names:
        for name in raw.split(","):
            name = name.strip()
            if not name:
                continue
            code = registry.lookup(name)
            if code is None and name in present:
                code = name
            if code is None:
                guess = registry.suggest(name)
                hint = f'; did you mean "{guess}"?' if guess else ""
                where = f"{origin}: " if origin else ""
                raise DecisionError(f'{where}unknown delegation "{name}"{hint}', source=source)
            keys.add(code)
    return frozenset(keys)


def check_paragraphs(
    selectors: Iterable[str], document: Document, source: str, origin: str = ""
) -> tuple[str, ...]:
    labels = list(_labels_by_section(document))
    out = []
    for raw in selectors:
        for sel in raw.split(","):
            sel = sel.strip()
            where = f"{origin}: " if origin else ""
            if not sel:  # left out, it would widen the decision to the whole draft
                raise DecisionError(f"{where}an empty paragraph label in {raw!r}", source=source)
            wanted, label = split_selector(sel)
            found = [
                (section, key)
                for section, key in labels
                if (wanted is None or section_matches(wanted, section)) and selector_matches(label, key)
            ]
            if not found:
                raise DecisionError(f'{where}no paragraph labelled "{sel}" in the draft', source=source)
            sections = list(dict.fromkeys(section for section, _ in found))
            if wanted is None and len(sections) > 1:
                # numbering restarts under each heading: deciding them all would be a guess
                named = "; ".join(f'"{s}/{label}"' for s in sections if s)
                raise DecisionError(
                    f'{where}"{sel}" is a paragraph in {len(sections)} sections; name one: {named}',
                    source=source,
                )
            out.append(sel)
    return tuple(out)


def _labels_by_section(document: Document) -> Iterator[tuple[str | None, str]]:
    section: str | None = None
    for b in document.blocks:
        if isinstance(b, Heading):
            section = plain_words(b.line.content).strip()
        elif isinstance(b, Paragraph) and b.label is not None:
            yield section, b.label.key


def _check_option(option: int, selectors: tuple[str, ...], document: Document) -> frozenset[str] | None:
    """None for an option of a group of option notes; the sponsor keys of the ``[Option N: …]``
    brackets in the paragraph for options written as brackets."""
    from .query import option_groups
    from .resolver.selectors import selected_blocks

    chosen = selected_blocks(document, selectors)
    groups = [g for g in option_groups(document) if g.blocks() & chosen]
    if not groups:
        tagged = _bracket_options(document, chosen)
        if option in tagged:
            return tagged[option]
        if tagged:
            raise DecisionError(
                f"there is no option {option} there: the options are {', '.join(map(str, sorted(tagged)))}",
                source="--option",
            )
        raise DecisionError(
            f"--paragraph {', '.join(selectors)} is not in a group of options", source="--option"
        )
    if len(groups) > 1:
        raise DecisionError(
            f"--paragraph {', '.join(selectors)} is in {len(groups)} option groups; name one",
            source="--option",
        )
    numbers = [n for n, _, _ in groups[0].options]
    if option not in numbers:
        raise DecisionError(
            f"there is no option {option} there: the options are {', '.join(map(str, numbers))}",
            source="--option",
        )
    return None


def _bracket_options(document: Document, chosen: set[int]) -> dict[int, frozenset[str]]:
    """Option number → the sponsor keys written ``Option N`` on brackets in those paragraphs."""
    import re

    found: dict[int, set[str]] = {}
    for i in sorted(chosen):
        p = document.blocks[i]
        assert isinstance(p, Paragraph)
        for ln in paragraph_lines(p):
            for b, _ in iter_brackets(ln.content):
                for sp in b.sponsors:
                    m = re.fullmatch(r"(?:Option|Alt(?:ernative)?)[ \u00a0]?(\d{1,2})[a-z]?", sp.written)
                    if m:
                        found.setdefault(int(m.group(1)), set()).add(sp.key)
    return {n: frozenset(keys) for n, keys in found.items()}


def from_options(
    action: Action,
    delegations: Iterable[str],
    everything: bool,
    paragraphs: Iterable[str],
    registry: Registry,
    document: Document,
    option: int | None = None,
) -> list[Decision]:
    """The decisions of ``accept``/``reject``; with ``--all`` and ``--delegation`` together, the
    named delegations' proposals are decided first, so that they win over conflicts. With
    ``option``, the option of the group holding the ``--paragraph`` instead."""
    keys = delegation_keys(delegations, registry, document, "--delegation")
    sel = check_paragraphs(paragraphs, document, "--paragraph")
    if option is not None:
        if keys or everything or not sel:
            raise DecisionError(
                "--option needs --paragraph LABEL (a paragraph of the option group) alone", source="--option"
            )
        tagged = _check_option(option, sel, document)
        if tagged is not None:  # "[Option 1: …] [Option 2: …]": decided as the alternatives they are
            return [Decision(action, tagged, False, sel, f"--option {option}")]
        return [Decision(action, frozenset(), False, sel, f"--option {option}", option)]
    if not keys and not everything and not sel:
        raise DecisionError("say whose proposals: --delegation CODE, --paragraph LABEL or --all")
    out = []
    if keys:
        out.append(Decision(action, keys, False, sel, "--delegation " + ",".join(sorted(keys))))
    if everything or (not keys and sel):
        out.append(Decision(action, frozenset(), everything, sel, "--all" if everything else "--paragraph"))
    return out


def from_file(path: str, registry: Registry, document: Document) -> tuple[list[Decision], bool]:
    """The decisions in a TOML file, and whether it asks to renumber. Unknown keys, empty
    labels and values of the wrong type are errors that say where they are."""
    data = read_toml(path, "decisions file", DecisionError)
    check_keys(data, ("decision", "renumber"), "", path, DecisionError)
    items = data.get("decision")
    if not isinstance(items, list) or not items:
        raise DecisionError("expected one or more [[decision]] tables", source=path)
    out = [_decision(item, f"decision {n}", path, registry, document) for n, item in enumerate(items, 1)]
    renumber = data.get("renumber", False)
    if not isinstance(renumber, bool):
        raise DecisionError("renumber must be true or false", source=path)
    return out, renumber


def _decision(item: Any, origin: str, path: str, registry: Registry, document: Document) -> Decision:
    """One ``[[decision]]`` table, checked against the draft."""
    if not isinstance(item, dict):
        raise DecisionError(f"{origin} must be a table ([[decision]])", source=path)
    check_keys(item, ("accept", "reject", "paragraphs"), origin, path, DecisionError)
    actions = [a for a in ("accept", "reject") if a in item]
    if len(actions) != 1:
        raise DecisionError(f"{origin}: give exactly one of accept = [...] or reject = [...]", source=path)
    action: Action = "accept" if actions[0] == "accept" else "reject"
    sel = check_paragraphs(_labels(item.get("paragraphs", []), origin, path), document, path, origin)
    who = item[action]
    if who == "all":
        return Decision(action, frozenset(), True, sel, f"{path}: {origin}")
    if isinstance(who, str):
        who = [who]
    if not isinstance(who, list) or not all(isinstance(w, str) and w.strip() for w in who):
        raise DecisionError(f'{origin}: {action} must be a list of delegations or "all"', source=path)
    if not who:
        # an empty list with paragraphs would decide every proposal in them: a decision
        # wider than written. Only "all" widens.
        raise DecisionError(
            f'{origin}: {action} = [] names no delegation; write {action} = "all" to decide '
            "every proposal" + (" in those paragraphs" if sel else ""),
            source=path,
        )
    keys = delegation_keys(who, registry, document, path, origin)
    return Decision(action, keys, False, sel, f"{path}: {origin}")


def _labels(value: Any, origin: str, path: str) -> list[str]:
    """``paragraphs = "2"`` or ``["2", "4.bis", 5]``, each label non-empty."""
    labels = [value] if isinstance(value, (str, int)) else value
    if not isinstance(labels, list) or not all(
        isinstance(p, (str, int)) and not isinstance(p, bool) for p in labels
    ):
        raise DecisionError(f"{origin}: paragraphs must be a list of labels", source=path)
    out = [str(p) for p in labels]
    if any(not p.strip() for p in out):
        raise DecisionError(f"{origin}: an empty paragraph label", source=path)
    return out
