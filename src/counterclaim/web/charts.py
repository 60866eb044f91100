"""Claims charts drawn by matplotlib as inline SVG: no JavaScript, links and tooltips on points.

One chart per claims series: a line and points per claimant over time, each point a link to the
figure's passage with a tooltip (``<title>``: value and qualifier, claimant, outlet, date, article),
a grey band from the lowest to the highest claim of each day, labelled axes with at least four
ticks each, and a logarithmic value axis when the largest value would flatten the rest (then the
chart says so). Claimant names are not drawn into the picture: the page lists them beside it in
HTML (full names, wrapping on any screen), in the colours of ``COLOURS`` (CSS classes c0..c9).

matplotlib writes presentation as ``style`` attributes and a ``<style>`` element, which the app's
Content-Security-Policy (``style-src 'self'``) would block inside a page; ``_csp_safe`` rewrites
them into SVG presentation attributes, makes every id unique to the chart, and drops the metadata.
Output is deterministic (fixed hash salt, no date), so both store backends give the same bytes.
Renders are cached on their input; a lock keeps matplotlib to one thread at a time.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from .numbers import figure_phrase, number

COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#e6550d", "#8c564b", "#c2185b", "#0f7c8c", "#7f7f7f",
    "#6b6b00",
)  # fmt: skip
MAX_LINES = len(COLOURS)  # claimants drawn; the rest are named in the note under the chart
MAX_POINTS = 240  # above this, each claimant's points are thinned to the largest of each week
LOG_RATIO = 50.0  # largest / smallest positive value above which the value axis is logarithmic
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_LOCK = threading.Lock()
_DECL = re.compile(r"\s*([a-z-]+)\s*:\s*([^;]+)")
_URL_REF = re.compile(r"url\(#([^)]+)\)")


@dataclass(frozen=True, slots=True)
class Point:
    """One point: a claimant's figure (the day's largest) with what its tooltip and link say."""

    claimant: str
    day: str  # ISO date
    value: float
    low: float
    high: float
    qualifier: str
    count: int  # times this claimant gave this value that day
    subject: str  # as the article words it
    category: str
    outlet: str
    title: str
    href: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart: the SVG, the claimants in colour order, and what the page should say."""

    svg: Markup
    claimants: tuple[str, ...]  # drawn, in the order of COLOURS
    hidden: tuple[str, ...]  # claimants not drawn (more than MAX_LINES)
    log: bool
    points: int
    weekly: bool = False  # too many points: each claimant's largest figure of each week is drawn


def chart(points: Sequence[Point], *, key: str, y_label: str) -> Chart:
    """The chart of one series' points (``key`` makes its element ids unique on the page)."""
    return _cached(tuple(points), key, y_label)


@functools.lru_cache(maxsize=512)
def _cached(points: tuple[Point, ...], key: str, y_label: str) -> Chart:
    with _LOCK:
        return _render(points, key, y_label)


def _day(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _render(points: tuple[Point, ...], key: str, y_label: str) -> Chart:
    import matplotlib  # noqa: PLC0415 - loaded on the first chart, not at import
    import matplotlib.dates as mdates  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator  # noqa: PLC0415

    pts = [p for p in points if _day(p.day) is not None]
    counts: dict[str, int] = {}
    for p in pts:
        counts[p.claimant] = counts.get(p.claimant, 0) + 1
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    drawn = tuple(sorted(ranked[:MAX_LINES]))
    hidden = tuple(sorted(ranked[MAX_LINES:]))
    pts = [p for p in pts if p.claimant in drawn]
    weekly = len(pts) > MAX_POINTS
    if weekly:
        pts = _by_week(pts)
    positive = [v for p in pts for v in (p.low, p.high, p.value) if v > 0]
    log = bool(positive) and max(positive) / min(positive) >= LOG_RATIO

    with matplotlib.rc_context(
        {"svg.hashsalt": "counterclaim", "svg.fonttype": "none", "text.parse_math": False, "font.size": 10}
    ):
        fig = Figure(figsize=(5.2, 3.0), dpi=72)
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.16, right=0.97, top=0.95, bottom=0.22)
        days = sorted({_day(p.day) for p in pts})  # type: ignore[type-var]
        if not pts:
            ax.text(0.5, 0.5, "no dated figures", ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            _band(ax, pts, log)
            for i, who in enumerate(drawn):
                mine = sorted((p for p in pts if p.claimant == who), key=lambda p: p.day)
                xs = [_day(p.day) for p in mine]
                ys = [p.value for p in mine]
                colour = COLOURS[i]
                if len(mine) > 1:
                    ax.plot(xs, ys, color=colour, linewidth=1.6, zorder=2)
                ranged = [p for p in mine if p.qualifier == "range" and p.high > p.low]
                if ranged:
                    ax.vlines([_day(p.day) for p in ranged], [max(p.low, 0) for p in ranged],
                              [p.high for p in ranged], color=colour, linewidth=1, zorder=2)  # fmt: skip
                sc = ax.scatter(xs, ys, s=30, color=colour, edgecolors="white", linewidths=0.8, zorder=3)
                sc.set_urls([p.href for p in mine])
                sc.set_gid(f"pts{i}")
            lo_day, hi_day = days[0], days[-1]
            pad = max(2, (hi_day - lo_day).days // 20)
            ax.set_xlim(lo_day - dt.timedelta(days=pad), hi_day + dt.timedelta(days=pad))  # type: ignore[arg-type]
            loc = mdates.AutoDateLocator(minticks=4, maxticks=7)
            ax.xaxis.set_major_locator(loc)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc, show_offset=True))
            top = max(p.high for p in pts)
            if log:
                ax.set_yscale("log")
                bottom = min(positive)
                ax.set_ylim(bottom / 2, top * 2)
                ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0), numticks=12))
                ax.yaxis.set_minor_locator(NullLocator())
            else:
                ax.set_ylim(0, max(top * 1.12, 4))
                ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=4))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
        ax.set_xlabel("date (as of, else published)")
        ax.set_ylabel(y_label + (" (log scale)" if log else ""))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    by_day = sorted(pts, key=lambda p: p.day)
    tips = {f"pts{i}": [_tip(p, weekly) for p in by_day if p.claimant == who] for i, who in enumerate(drawn)}
    svg = _csp_safe(buf.getvalue(), key, tips, y_label)
    return Chart(Markup(svg), drawn, hidden, log, len(pts), weekly)


def _by_week(pts: list[Point]) -> list[Point]:
    """Each claimant's largest figure of each ISO week (its count: all figures of that week)."""
    best: dict[tuple[str, tuple[int, int]], Point] = {}
    counts: dict[tuple[str, tuple[int, int]], int] = {}
    for p in pts:
        iso = _day(p.day).isocalendar()  # type: ignore[union-attr]
        k = (p.claimant, (iso.year, iso.week))
        counts[k] = counts.get(k, 0) + p.count
        if k not in best or p.value > best[k].value:
            best[k] = p
    return [replace(p, count=counts[k]) for k, p in best.items()]


def _band(ax: object, pts: list[Point], log: bool) -> None:
    """Per day, the lowest to the highest claim across claimants, as a light band."""
    by_day: dict[dt.date, tuple[float, float]] = {}
    for p in pts:
        d = _day(p.day)
        lo, hi = by_day.get(d, (math.inf, -math.inf))  # type: ignore[arg-type]
        by_day[d] = (min(lo, p.low), max(hi, p.high))  # type: ignore[index]
    days = sorted(by_day)
    if len(days) < 2:
        return
    floor = min(v for v, _ in by_day.values() if v > 0) if log else 0.0
    lows = [max(by_day[d][0], floor) for d in days]
    highs = [by_day[d][1] for d in days]
    ax.fill_between(days, lows, highs, color="#9e9e9e", alpha=0.25, linewidth=0, zorder=1)  # type: ignore[attr-defined]


def _tip(p: Point, weekly: bool) -> str:
    more = ""
    if p.count > 1:
        more = f" (the largest of {p.count} figures that week)" if weekly else f" (given {p.count} times)"
    return (
        f"{p.claimant}: {figure_phrase(p.value, p.qualifier, p.subject, p.category, p.low, p.high)}{more}\n"
        f"{p.day} · {p.outlet or 'outlet unknown'} · {p.title}"
    )


def _csp_safe(svg: str, key: str, tips: dict[str, list[str]], label: str) -> str:
    """matplotlib's SVG made fit for a page under ``style-src 'self'`` (see the module doc)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    q = f"{{{SVG_NS}}}"
    href = f"{{{XLINK_NS}}}href"
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (q + "metadata", q + "style"):
                parent.remove(child)
    ids = {el.get("id"): f"{key}-{i}" for i, el in enumerate(root.iter()) if el.get("id")}
    for el in root.iter():
        style = el.attrib.pop("style", None)
        if style:
            for name, value in _DECL.findall(style):
                if name == "font-family":
                    continue  # the page's own font
                el.set(name, value.strip())
        old = el.get("id")
        if old:
            if old.startswith("xtick_"):
                el.set("class", "xtick")
            elif old.startswith("ytick_"):
                el.set("class", "ytick")
            el.set("id", ids[old])
        for attr in ("clip-path", "mask", "fill"):
            v = el.get(attr)
            if v and "url(#" in v:
                el.set(attr, _URL_REF.sub(lambda m: f"url(#{ids.get(m.group(1), m.group(1))})", v))
        ref = el.get(href)
        if ref and ref.startswith("#"):
            el.set(href, "#" + ids.get(ref[1:], ref[1:]))
        if el.tag == q + "a":
            el.attrib.pop("target", None)
    for gid, texts in tips.items():
        group = root.find(f".//{q}g[@id='{ids.get(gid, gid)}']")
        if group is None:
            continue
        for a, text in zip(group.iter(q + "a"), texts, strict=False):
            title = ET.Element(q + "title")
            title.text = text
            a.insert(0, title)
    root.set("class", "chart")
    root.set("role", "img")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)  # scales with its box (CSS), keeping the viewBox's shape
    name = ET.Element(q + "title")
    name.text = label
    root.insert(0, name)
    return ET.tostring(root, encoding="unicode")


__all__ = ["COLOURS", "MAX_LINES", "Chart", "Point", "chart"]
