"""charts.py: claims charts as CSP-safe SVG with labelled axes, tooltips and links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from counterclaim.web.charts import MAX_LINES, Point, chart

NS = {"s": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"


def _pt(claimant: str, day: str, value: float, **kw: object) -> Point:
    base = dict(
        low=value, high=value, qualifier="exact", count=1, subject="civilians", category="killed",
        outlet="Wire", title="A title", href=f"/articles/a_1#f-{int(value)}",
    )  # fmt: skip
    base.update(kw)
    return Point(claimant=claimant, day=day, value=value, **base)  # type: ignore[arg-type]


def _labels(svg: str, axis: str) -> list[str]:
    root = ET.fromstring(svg)
    out = []
    for g in root.iter(SVG + "g"):
        if g.get("class") == axis:
            out += [t.text.strip() for t in g.iter(SVG + "text") if t.text and t.text.strip()]
    return out


@pytest.mark.parametrize(
    "points",
    [
        [_pt("Ministry", "2030-01-01", 10), _pt("Ministry", "2030-01-03", 20), _pt("Army", "2030-01-02", 5)],
        [_pt("Ministry", "2030-01-01", 1)],  # one point, one day, value 1
        [_pt("A", "2024-01-01", 3), _pt("B", "2024-09-30", 500_000)],  # an outlier, months apart
        [_pt("A", "2017-05-01", 40), _pt("A", "2025-05-01", 41)],  # years apart
    ],
)
def test_axes_have_four_labelled_ticks_each(points: list[Point]) -> None:
    svg = str(chart(points, key="c_test", y_label="civilians killed").svg)
    assert len(_labels(svg, "xtick")) >= 4 and len(_labels(svg, "ytick")) >= 4
    assert not re.search(r"\de[+-]?\d", " ".join(_labels(svg, "ytick")))


def test_points_are_links_with_tooltips() -> None:
    pts = [_pt("Ministry", "2030-01-01", 1_700_000, qualifier="about", outlet="Daily", title="Toll")]
    svg = str(chart(pts, key="c_t", y_label="people displaced").svg)
    root = ET.fromstring(svg)
    (a,) = root.iterfind(".//s:a", NS)
    assert a.get(HREF) == "/articles/a_1#f-1700000" and a.get("target") is None
    tip = a.find("s:title", NS).text  # type: ignore[union-attr]
    assert tip is not None
    for part in ("Ministry", "about 1.7 million civilians killed", "2030-01-01", "Daily", "Toll"):
        assert part in tip


def test_an_outlier_switches_to_a_log_axis_and_says_so() -> None:
    flat = chart([_pt("A", "2030-01-01", 3), _pt("B", "2030-01-02", 12)], key="k1", y_label="x")
    steep = chart([_pt("A", "2030-01-01", 3), _pt("B", "2030-01-02", 500_000)], key="k2", y_label="x")
    assert not flat.log and steep.log
    assert "(log scale)" in str(steep.svg) and "500,000" in " ".join(_labels(str(steep.svg), "ytick"))


def test_svg_is_csp_safe_and_escapes() -> None:
    evil = "<script>alert(1)</script>"
    svg = str(chart([_pt(evil, "2030-01-01", 3, title=evil)], key="c_x", y_label="x").svg)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg and "<style" not in svg  # style-src 'self' would block both
    assert "<metadata" not in svg and 'width="' not in svg.split(">", 1)[0]  # scales with its box
    ids = re.findall(r'id="([^"]+)"', svg)
    assert ids and all(i.startswith("c_x-") for i in ids) and len(ids) == len(set(ids))
    refs = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg)
    assert all((a or b) in ids for a, b in refs)  # every reference points inside the chart


def test_same_input_same_bytes() -> None:
    pts = [_pt("A", "2030-01-01", 3), _pt("B", "2030-01-05", 7)]
    from counterclaim.web import charts

    first = str(chart(pts, key="k", y_label="y").svg)
    charts._cached.cache_clear()
    assert str(chart(pts, key="k", y_label="y").svg) == first


def test_claimants_beyond_the_palette_are_named_not_drawn() -> None:
    pts = [_pt(f"Claimant {i:02d}", "2030-01-01", i + 1) for i in range(MAX_LINES + 2)]
    c = chart(pts, key="k", y_label="y")
    assert len(c.claimants) == MAX_LINES and len(c.hidden) == 2
    assert set(c.claimants) | set(c.hidden) == {p.claimant for p in pts}


def test_no_dated_points_says_so() -> None:
    c = chart([_pt("A", "not a date", 3)], key="k", y_label="y")
    assert "no dated figures" in str(c.svg) and c.points == 0


def test_many_points_are_thinned_to_each_weeks_largest() -> None:
    from counterclaim.web.charts import MAX_POINTS

    days = [f"2030-{1 + d // 28:02d}-{1 + d % 28:02d}" for d in range(MAX_POINTS + 20)]
    pts = [_pt("A", day, 10 + i) for i, day in enumerate(days)]
    c = chart(pts, key="k", y_label="y")
    assert c.weekly and c.points < len(pts) / 5
    assert f"{10 + len(pts) - 1} civilians killed" in str(c.svg)  # the last week's largest is drawn
    assert "the largest of" in str(c.svg)
