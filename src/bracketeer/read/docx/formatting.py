"""Proposals marked by formatting, as compilations mark them when they are not tracked changes:
strike-through for a proposed deletion, double underline (or bold underline) for a proposed
insertion (WHO and WIPO style), a font colour per delegation. Each convention is off until
asked for (``--formatting strike,underline,colour``), since a struck or coloured word is not
always a proposal; formatting a paragraph's style gives all its text (a bold heading) never
counts.

Marked runs are written as brackets in the draft notation, as native revisions are
(``[US: ~~old~~new]``), attributed by their colour (``--colour-map FF0000=US``) or else
unattributed: a plain bracket, which ``check`` reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from .paragraphs import REVISIONS, LinePart, W, write_bracket

KINDS = ("strike", "underline", "colour")
_RPR = W + "rPr"
_OFF = ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class Conventions:
    """Which formatting reads as a proposal, and each colour's delegation (hex, upper case)."""

    strike: bool = False
    underline: bool = False
    colour: bool = False
    colours: Mapping[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.strike or self.underline or self.colour


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(W + "val", "true") not in _OFF


def _props(rpr: etree._Element | None) -> dict[str, str]:
    """The formatting the conventions look at, as set by one ``w:rPr``."""
    if rpr is None:
        return {}
    out: dict[str, str] = {}
    if _on(rpr.find(W + "strike")) or _on(rpr.find(W + "dstrike")):
        out["strike"] = "1"
    u = rpr.find(W + "u")
    if u is not None and u.get(W + "val", "single") not in _OFF:
        out["underline"] = u.get(W + "val", "single")
    if _on(rpr.find(W + "b")):
        out["bold"] = "1"
    colour = rpr.find(W + "color")
    if colour is not None and colour.get(W + "val", "auto") != "auto":
        out["colour"] = colour.get(W + "val", "").upper()
    return out


class Styles:
    """The formatting each style gives its text, through ``basedOn``."""

    def __init__(self, styles: etree._Element | None):
        self._own: dict[str, dict[str, str]] = {}
        self._based: dict[str, str] = {}
        self.default_paragraph = ""
        if styles is None:
            return
        for s in styles.iter(W + "style"):
            sid = s.get(W + "styleId", "")
            self._own[sid] = _props(s.find(_RPR))
            base = s.find(W + "basedOn")
            if base is not None:
                self._based[sid] = base.get(W + "val", "")
            if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"):
                self.default_paragraph = sid

    def props(self, sid: str | None) -> dict[str, str]:
        out: dict[str, str] = {}
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            out = {**self._own.get(sid, {}), **out}
            sid = self._based.get(sid)
        return out


@dataclass(slots=True)
class Found:
    """What the conventions found in a paragraph: the runs to unformat when their proposal is
    decided (and which properties), and where unattributed proposals stand."""

    strip: dict[int, tuple[str, ...]] = field(default_factory=dict)
    unattributed: list[int] = field(default_factory=list)  # offsets in the line
    legend: bool = False  # the paragraph is the key to the colours, not a proposal


# a paragraph saying which colour is whose: "Legend: United States, Canada", "Colour key:",
# "Leyenda:", "Légende :" (its coloured names are the key, never proposals)
_LEGEND = re.compile(r"\s*(?:legend|key|colou?r (?:code|key|legend)s?|leyenda|l[ée]gende|clave)\s*:", re.I)


def _is_legend(segments: list[LinePart], conventions: Conventions) -> bool:
    words = "".join(s.text for s in segments if s.role != "label")
    return conventions.colour and _LEGEND.match(words) is not None


def _never_marked(seg: LinePart) -> bool:
    """Text no formatting makes a proposal: not a run's, or inside a native revision."""
    if seg.run is None or seg.role not in ("text", "element"):
        return True
    return any(w.tag in REVISIONS for w in seg.chain)


def mark(
    segments: list[LinePart], p: etree._Element, conventions: Conventions, styles: Styles
) -> tuple[list[LinePart], Found]:
    """``segments`` with every run of marked text bracketed (none in a colour legend)."""
    found = Found()
    if _is_legend(segments, conventions):
        found.legend = True
        return segments, found
    ppr = p.find(W + "pPr")
    pstyle = ppr.find(W + "pStyle") if ppr is not None else None
    base = styles.props(pstyle.get(W + "val") if pstyle is not None else styles.default_paragraph)
    cache: dict[int, tuple[str, str | None, tuple[str, ...]] | None] = {}

    def marked(seg: LinePart) -> tuple[str, str | None, tuple[str, ...]] | None:
        if _never_marked(seg):
            return None
        key = id(seg.run)
        if key not in cache:
            cache[key] = _kind(seg.run, base, conventions, styles)
        return cache[key]

    out: list[LinePart] = []
    i = 0
    while i < len(segments):
        first = marked(segments[i])
        if first is None:
            out.append(segments[i])
            i += 1
            continue
        code = first[1]
        group = _group(segments, i, code, marked)
        runs = tuple(dict.fromkeys(seg.run for seg, m in group if m is not None and seg.run is not None))
        for seg, m in group:
            if m is not None and seg.run is not None:
                found.strip[id(seg.run)] = m[2]
        inner, struck = _with_strokes(group, runs)
        if code is None:
            found.unattributed.append(sum(len(s.text) for s in out))
        write_bracket(inner, struck, code, runs, (), out)
        i += len(group)
    return out, found


Marked = tuple[str, str | None, tuple[str, ...]]  # (ins/del, delegation, properties to strip)


def _group(
    segments: list[LinePart], i: int, code: str | None, marked: Callable[[LinePart], Marked | None]
) -> list[tuple[LinePart, Marked | None]]:
    """The parts from ``i`` marked for one delegation (``code``), with the markers and objects
    between them (none after the last marked one)."""
    group: list[tuple[LinePart, Marked | None]] = []
    for j in range(i, len(segments)):  # (indexes: a slice would copy the rest of a long paragraph)
        seg = segments[j]
        m = marked(seg)
        if m is not None and m[1] == code:
            group.append((seg, m))
        elif seg.role in ("marker", "object") and m is None:
            group.append((seg, None))
        else:
            break
    while group and group[-1][1] is None:  # markers after the last marked run stay outside
        group.pop()
    return group


def _with_strokes(
    group: list[tuple[LinePart, tuple[str, str | None, tuple[str, ...]] | None]],
    runs: tuple[etree._Element, ...],
) -> tuple[list[LinePart], bool]:
    """A bracket's parts, with "~~" written where struck text starts and ends; and whether it
    ends struck."""
    inner: list[LinePart] = []
    struck = False
    for seg, m in group:
        if m is not None and (m[0] == "del") != struck:
            struck = m[0] == "del"
            inner.append(LinePart("~~", "syntax", runs[0], None, (), runs))
        inner.append(seg)
    return inner, struck


def _kind(
    run: etree._Element, base: dict[str, str], conventions: Conventions, styles: Styles
) -> tuple[str, str | None, tuple[str, ...]] | None:
    """("del" or "ins", delegation or None, the properties that mark it) for a marked run."""
    rpr = run.find(_RPR)
    own = _props(rpr)
    rstyle = rpr.find(W + "rStyle") if rpr is not None else None
    if rstyle is not None:
        own = {**styles.props(rstyle.get(W + "val")), **own}
    direct = {k: v for k, v in own.items() if base.get(k) != v}
    code = conventions.colours.get(direct.get("colour", "")) if conventions.colour else None
    colour = ("color",) if code else ()
    if conventions.strike and "strike" in direct:
        return "del", code, ("strike", "dstrike", *colour)
    underline = direct.get("underline")
    if conventions.underline and (underline == "double" or (underline and "bold" in own)):
        return "ins", code, ("u", *(("b",) if underline != "double" else ()), *colour)
    if code:
        return "ins", code, colour
    return None
