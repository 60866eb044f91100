"""render.py: the highlighted article, search snippets, the SVG chart."""

from __future__ import annotations

import re
from html import unescape

import pytest

from counterclaim.web.render import chart, highlight, snippet, speaker_class

from .factories import quoted_analysis


def _text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_highlight_keeps_the_text_exactly() -> None:
    a = quoted_analysis()
    html = str(highlight(a))
    assert _text_of(html) == a.article.text


def test_highlight_escapes_article_markup() -> None:
    html = str(highlight(quoted_analysis()))
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_highlight_nests_figure_and_framing_inside_the_quote() -> None:
    html = str(highlight(quoted_analysis()))
    cls = speaker_class("Rena Holt")
    assert re.search(
        rf'<span class="q {cls}"[^>]*><mark class="fig" title="killed 7 people; claimant: Rena Holt', html
    )
    assert 'class="frame frame-source"' in html and "loaded_language" in html
    # the text outside the quote is the outlet's voice, the quote is not
    assert '<span class="outlet">Rena Holt said </span>' in html
    assert '<span class="outlet">&#34;' not in html


def test_highlight_ignores_spans_outside_the_text() -> None:
    a = quoted_analysis()
    a.figures[0].span = (5, 10_000)
    assert "fig" not in str(highlight(a))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a \x01hit\x02 b", "a <b>hit</b> b"),
        ("<i>\x01x\x02</i>", "&lt;i&gt;<b>x</b>&lt;/i&gt;"),
        ("plain", "plain"),
    ],
)
def test_snippet(raw: str, expected: str) -> None:
    assert str(snippet(raw)) == expected


def test_speaker_class_is_stable() -> None:
    assert speaker_class("A") == speaker_class("A")
    assert re.fullmatch(r"sp[0-7]", speaker_class("Someone"))


def test_chart_draws_a_line_per_claimant_and_a_band() -> None:
    s = {
        "name": "killed · people",
        "n": 4,
        "lines": {
            "Ministry": [("2030-01-01", 10, 10), ("2030-01-03", 20, 20)],
            "<script>x</script>": [("2030-01-02", 5, 8)],
        },
    }
    svg = str(chart(s))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 1  # the one-point claimant gets a dot only
    assert svg.count("<circle") == 3 and svg.count('class="band"') == 1
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert ">2030-01-01<" in svg and ">2030-01-03<" in svg


def test_chart_without_dates_says_so() -> None:
    svg = str(chart({"name": "s", "n": 1, "lines": {"A": [("not a date", 1, 1)]}}))
    assert "no dated figures" in svg
