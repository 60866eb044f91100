"""HTML built in Python: the highlighted article text, search snippets and the claims chart (SVG).

Article data is untrusted: every piece of it passes through ``markupsafe.escape`` here, and only
the markup this module writes itself is marked safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..records import Analysis

PALETTE = 8  # speaker colours: CSS classes sp0..sp7
LINE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def speaker_class(name: str) -> str:
    """A stable colour class for a speaker name."""
    return f"sp{int(hashlib.sha1(name.encode('utf-8')).hexdigest(), 16) % PALETTE}"


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    tag: str  # q (attributed speech), fig (a figure), frame (framing)
    css: str
    title: str
    order: int  # nesting: lower wraps outer


def _marks(a: Analysis) -> list[_Mark]:
    n = len(a.article.text)
    out: list[_Mark] = []
    for i, q in enumerate(a.quotes):
        css = f"q {speaker_class(q.speaker.name)}"
        out.append(_Mark(*q.span, "span", css, f"quote {i + 1}: {q.speaker.name} ({q.kind})", 0))
    for f in a.figures:
        as_of = f.as_of or "date unknown"
        title = f"{f.category} {f.value:g} {f.subject}; claimant: {f.claimant.name}; as of {as_of}"
        out.append(_Mark(*f.span, "mark", "fig", title, 2))
    for fr in a.framing:
        title = f"framing: {fr.technique} ({fr.voice} voice)" + (
            f", favours {fr.favours}" if fr.favours else ""
        )
        out.append(_Mark(*fr.span, "span", f"frame frame-{fr.voice}", title, 1))
    return [m for m in out if 0 <= m.start < m.end <= n]


def highlight(a: Analysis) -> Markup:
    """The article text as HTML: quotes coloured by speaker, figures marked, framing underlined,
    the outlet's own voice (text outside any quote) in its own class. Text is escaped per segment."""
    text = a.article.text
    marks = _marks(a)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    parts: list[str] = []
    for s, e in zip(cuts, cuts[1:], strict=False):
        covering = sorted((m for m in marks if m.start <= s and e <= m.end), key=lambda m: m.order)
        inner = str(escape(text[s:e]))
        if not any(m.css.startswith("q ") for m in covering):
            inner = f'<span class="outlet">{inner}</span>'
        for m in reversed(covering):
            inner = f'<{m.tag} class="{m.css}" title="{escape(m.title)}">{inner}</{m.tag}>'
        parts.append(inner)
    return Markup("".join(parts))


def snippet(s: str) -> Markup:
    """An FTS5 snippet whose matches are bracketed by \\x01 and \\x02, as escaped HTML with <b>."""
    out = []
    for chunk in s.split("\x01"):
        hit, sep, rest = chunk.partition("\x02")
        out.append(f"<b>{escape(hit)}</b>{escape(rest)}" if sep else str(escape(chunk)))
    return Markup("".join(out))


def _day(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        try:
            return dt.date.fromisoformat(s[:7] + "-01") if len(s) >= 7 else dt.date(int(s[:4]), 7, 1)
        except ValueError:
            return None


def chart(series: dict[str, Any], *, width: int = 640, height: int = 220) -> Markup:
    """One series as SVG: a line per claimant over time and the min-max band across claimants."""
    lines: dict[str, list[tuple[str, float, float]]] = series["lines"]
    pts = [(_day(d), lo, hi, who) for who, ps in lines.items() for d, lo, hi in ps]
    pts = [p for p in pts if p[0] is not None]
    left, right, top, bottom = 56, 150, 12, 28
    w, h = width - left - right, height - top - bottom
    title = escape(series["name"])
    head = (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
    )
    if not pts:
        return Markup(head + f'<text x="{left}" y="{top + 20}">no dated figures</text></svg>')
    d0 = min(p[0] for p in pts).toordinal()  # type: ignore[union-attr]
    d1 = max(p[0] for p in pts).toordinal()  # type: ignore[union-attr]
    v0 = 0.0
    v1 = max(p[2] for p in pts) or 1.0

    def x(d: dt.date) -> float:
        return left + (w / 2 if d1 == d0 else w * (d.toordinal() - d0) / (d1 - d0))

    def y(v: float) -> float:
        return top + h - h * (v - v0) / (v1 - v0)

    parts = [head]
    # axes and labels
    parts.append(
        f'<line class="axis" x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#888"/>'
    )
    parts.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" stroke="#888"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="11">{v1:g}</text>')
    parts.append(f'<text x="{left - 4}" y="{top + h}" text-anchor="end" font-size="11">0</text>')
    first, last = dt.date.fromordinal(d0).isoformat(), dt.date.fromordinal(d1).isoformat()
    parts.append(f'<text x="{left}" y="{height - 8}" font-size="11">{first}</text>')
    parts.append(f'<text x="{left + w}" y="{height - 8}" text-anchor="end" font-size="11">{last}</text>')
    # the band: per day, lowest low and highest high across claimants
    by_day: dict[dt.date, tuple[float, float]] = {}
    for d, lo, hi, _ in pts:
        a, b = by_day.get(d, (lo, hi))  # type: ignore[arg-type]
        by_day[d] = (min(a, lo), max(b, hi))  # type: ignore[index]
    days = sorted(by_day)
    upper = [f"{x(d):.1f},{y(by_day[d][1]):.1f}" for d in days]
    lower = [f"{x(d):.1f},{y(by_day[d][0]):.1f}" for d in reversed(days)]
    if len(days) == 1:  # a single day: a thin vertical band
        d = days[0]
        upper = [f"{x(d) - 3:.1f},{y(by_day[d][1]):.1f}", f"{x(d) + 3:.1f},{y(by_day[d][1]):.1f}"]
        lower = [f"{x(d) + 3:.1f},{y(by_day[d][0]):.1f}", f"{x(d) - 3:.1f},{y(by_day[d][0]):.1f}"]
    parts.append(
        f'<polygon class="band" points="{" ".join(upper + lower)}" fill="#999" fill-opacity="0.25"/>'
    )
    for i, (who, ps) in enumerate(sorted(lines.items())):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        xy = [(x(_day(d)), y((lo + hi) / 2)) for d, lo, hi in ps if _day(d)]  # type: ignore[arg-type]
        if len(xy) > 1:
            coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
            parts.append(
                f'<polyline class="line" points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for a, b in xy:
            tip = f"<title>{escape(who)}</title>"
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}">{tip}</circle>')
        ly = top + 12 + 14 * i
        parts.append(f'<rect x="{left + w + 10}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + w + 24}" y="{ly + 1}" font-size="11">{escape(who[:22])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["chart", "highlight", "snippet", "speaker_class"]
