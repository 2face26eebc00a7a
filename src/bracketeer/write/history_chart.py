"""``history`` as a chart: open proposals of each delegation across the versions (one line
each, in the page's colours), and the share of paragraphs agreed (dashed, on its own scale).

SVG written directly: a handful of lines, circles and labels need no plotting library (which
would cost every start-up or an optional extra), and the bytes are the same every run. The PNG
is that SVG drawn by resvg (the optional ``png`` extra), so the two never differ but in form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from xml.sax.saxutils import escape

from ..errors import UsageError
from ..history import History
from .html import NEUTRAL, PALETTE

_W, _H = 720, 360
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 190, 40, 64  # margins: axis labels left, legend right
_KEY = _W - _RIGHT + 50  # where the legend starts, past the right axis's labels


def svg(h: History) -> str:
    """The chart, a standalone SVG document."""
    n = len(h.versions)
    codes = [d.code for d in h.delegations]
    peak = max([1, *(v.by_delegation.get(c, 0) for v in h.versions for c in codes)])
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(k: int) -> float:
        return _LEFT + (width * k / (n - 1) if n > 1 else width / 2)

    def y(value: float, top: float) -> float:
        return _TOP + height - height * value / top

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" '
        'font-family="sans-serif" font-size="12">',
        "<title>Open proposals by delegation, and paragraphs agreed, across the versions</title>",
        f'<rect width="{_W}" height="{_H}" fill="#ffffff"/>',
        f'<text x="{_LEFT}" y="22" font-size="14" font-weight="bold">Open proposals by delegation</text>',
    ]
    out += _axes(n, peak, x, y, h)
    for i, code in enumerate(codes):
        colour = PALETTE[i % len(PALETTE)]
        # lines of equal counts drawn a little apart, so that none hides another
        lift = (i - (len(codes) - 1) / 2) * 2.5
        points = [(x(k), y(v.by_delegation.get(code, 0), peak) - lift) for k, v in enumerate(h.versions)]
        out.append(_line(points, colour, dashed=False))
        out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points]
        ly = _TOP + 18 * i
        out.append(_key(ly, colour, dashed=False))
        out.append(f'<text x="{_KEY + 26}" y="{ly + 4}">{escape(code)}</text>')
    share = [
        (x(k), y(100 * v.agreed / v.paragraphs if v.paragraphs else 0, 100)) for k, v in enumerate(h.versions)
    ]
    out.append(_line(share, NEUTRAL, dashed=True))
    ly = _TOP + 18 * len(codes)
    out.append(_key(ly, NEUTRAL, dashed=True))
    out.append(f'<text x="{_KEY + 26}" y="{ly + 4}">% agreed (right)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def png(h: History) -> bytes:
    """The chart as a PNG, twice the SVG's size (for slides and Word), drawn from ``svg``."""
    try:
        import resvg_py
    except ImportError:
        raise UsageError(
            "a PNG chart is drawn by resvg_py, which is not installed: "
            "pip install 'bracketeer-drafts[png]', or write the chart as FILE.svg"
        ) from None
    return bytes(resvg_py.svg_to_bytes(svg_string=svg(h), zoom=2, background="#ffffff"))


def _axes(
    n: int, peak: int, x: Callable[[int], float], y: Callable[[float, float], float], h: History
) -> list[str]:
    """Axes, ticks and version labels: proposals on the left, per cent agreed on the right."""
    bottom, right = _TOP + (_H - _TOP - _BOTTOM), _W - _RIGHT
    out = [
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{bottom}" stroke="#888888"/>',
        f'<line x1="{_LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#888888"/>',
        f'<line x1="{right}" y1="{_TOP}" x2="{right}" y2="{bottom}" stroke="#cccccc"/>',
    ]
    step = max(1, -(-peak // 5))
    for value in range(0, peak + 1, step):
        py = y(value, peak)
        out.append(f'<line x1="{_LEFT - 4}" y1="{py:.1f}" x2="{right}" y2="{py:.1f}" stroke="#eeeeee"/>')
        out.append(f'<text x="{_LEFT - 8}" y="{py + 4:.1f}" text-anchor="end">{value}</text>')
    for pct in (0, 50, 100):
        out.append(f'<text x="{right + 4}" y="{y(pct, 100) + 4:.1f}" fill="{NEUTRAL}">{pct}%</text>')
    for k, v in enumerate(h.versions):
        px = x(k)
        name = escape(PurePath(v.name).name or v.name)
        out.append(f'<text x="{px:.1f}" y="{bottom + 18}" text-anchor="middle">#{k + 1}</text>')
        small = 'text-anchor="middle" font-size="10" fill="#555555"'
        out.append(f'<text x="{px:.1f}" y="{bottom + 34}" {small}>{name}</text>')
    out.append(
        f'<text x="{_LEFT}" y="{_H - 8}" font-size="11" fill="#555555">versions, in negotiation order</text>'
    )
    return out


def _line(points: list[tuple[float, float]], colour: str, *, dashed: bool) -> str:
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def _key(y: float, colour: str, *, dashed: bool) -> str:
    """A line's sample in the legend."""
    x = _KEY
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return f'<line x1="{x}" y1="{y}" x2="{x + 20}" y2="{y}" stroke="{colour}" stroke-width="2"{dash}/>'
