"""The labels Word draws in front of numbered paragraphs (``4.``, ``(a)``, ``OP5``), worked out
from ``numbering.xml`` as Word counts: levels, ``lvlText``, start values, restarts of deeper
levels, overrides per list instance, numbering that comes from a paragraph style."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


@dataclass(slots=True)
class _List:
    levels: dict[int, _Level]
    abstract: str  # the abstract list whose count it shares
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    value: str | None = el.get(W + "val", default)
    return value


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _levels(parent: etree._Element) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in parent.findall(W + "lvl"):
        out[_int(lvl.get(W + "ilvl"), 0)] = _Level(
            start=_int(_val(lvl.find(W + "start")), 1),
            fmt=_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
            text=_val(lvl.find(W + "lvlText"), "") or "",
            legal=lvl.find(W + "isLgl") is not None,
        )
    return out


class Numbering:
    """Counts numbered paragraphs in document order and gives each its label."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self._lists: dict[str, _List] = _lists(numbering) if numbering is not None else {}
        self._counts: dict[str, dict[int, int]] = {}  # by abstract list: each level's count
        self._restarted: set[tuple[str, int]] = set()  # the list instances' start overrides used
        self._style_num = _style_numbering(styles) if styles is not None else {}

    def label(self, p: etree._Element) -> str:
        """The label Word shows for paragraph ``p`` ("" when it has none), counting it."""
        num_id, ilvl = self._numbering_of(p)
        if not num_id or num_id == "0" or num_id not in self._lists:
            return ""
        lst = self._lists[num_id]
        level = ilvl or 0
        # every instance of an abstract list counts on in one sequence; an instance's start
        # override restarts it where that instance is first used at that level (as Word does,
        # and as LibreOffice writes a list continued, each paragraph an instance of its own)
        counts = self._count(num_id, lst, level)
        spec = lst.levels.get(level, _Level())
        if spec.fmt in ("bullet", "none"):
            return ""
        text = spec.text
        for k in range(9):
            mark = f"%{k + 1}"
            if mark in text:
                lv = lst.levels.get(k, _Level())
                value = counts.get(k, lst.starts.get(k, lv.start))
                text = text.replace(mark, _format(value, "decimal" if spec.legal else lv.fmt))
        return text.strip()

    def _count(self, num_id: str, lst: _List, level: int) -> dict[int, int]:
        """Count a paragraph of list instance ``num_id`` at ``level``: its abstract list's counts
        after it."""
        counts = self._counts.setdefault(lst.abstract, {})
        override = lst.starts.get(level)
        if override is not None and (num_id, level) not in self._restarted:
            self._restarted.add((num_id, level))
            counts[level] = override
        elif level in counts:
            counts[level] += 1
        else:
            counts[level] = override if override is not None else lst.levels.get(level, _Level()).start
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        return counts

    def _numbering_of(self, p: etree._Element) -> tuple[str | None, int | None]:
        """The list and level of paragraph ``p``: its own, else its style's."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return None, None
        style = _val(ppr.find(W + "pStyle"))
        num_id, ilvl = self._style_num.get(style, (None, None)) if style is not None else (None, None)
        num = ppr.find(W + "numPr")
        if num is not None:
            own_id = _val(num.find(W + "numId"))
            own_lvl = _maybe_int(_val(num.find(W + "ilvl")))
            num_id = own_id if own_id is not None else num_id
            ilvl = own_lvl if own_lvl is not None else ilvl
        return num_id, ilvl


def _lists(numbering: etree._Element) -> dict[str, _List]:
    """Each list instance (``w:num``) with its levels, overrides and what it counts with."""
    abstract: dict[str, dict[int, _Level]] = {}
    for a in numbering.findall(W + "abstractNum"):
        abstract[a.get(W + "abstractNumId", "")] = _levels(a)
    lists: dict[str, _List] = {}
    for n in numbering.findall(W + "num"):
        num_id = n.get(W + "numId", "")
        abs_id = _val(n.find(W + "abstractNumId"), "") or ""
        levels = dict(abstract.get(abs_id, {}))
        starts: dict[int, int] = {}
        for o in n.findall(W + "lvlOverride"):
            ilvl = _int(o.get(W + "ilvl"), 0)
            start = o.find(W + "startOverride")
            if start is not None:
                starts[ilvl] = _int(_val(start), 1)
            levels.update(_levels(o))
        lists[num_id] = _List(levels, abs_id, starts)
    return lists


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str | None, int | None]]:
    """Each paragraph style's list and level, its own or the nearest style it is based on's."""
    style_num: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for s in styles.findall(W + "style"):
        sid = s.get(W + "styleId", "")
        base = s.find(W + "basedOn")
        if base is not None:
            based[sid] = _val(base, "") or ""
        num = s.find(f"{W}pPr/{W}numPr")
        if num is not None:
            style_num[sid] = (_val(num.find(W + "numId")), _maybe_int(_val(num.find(W + "ilvl"))))
    for sid in list(based):
        seen = {sid}
        cur = sid
        while cur not in style_num and cur in based and based[cur] not in seen:
            cur = based[cur]
            seen.add(cur)
        if cur in style_num and sid not in style_num:
            style_num[sid] = style_num[cur]
    return style_num


def _maybe_int(text: str | None) -> int | None:
    return None if text is None else _int(text, 0)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's a … z, aa … zz, aaa …
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)
