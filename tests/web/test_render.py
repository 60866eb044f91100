"""render.py: the highlighted article and search snippets."""

from __future__ import annotations

import re
from html import unescape

import pytest

from counterclaim.web.render import highlight, snippet, speaker_class

from .factories import quoted_analysis


def _text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _without_labels(html: str) -> str:
    return re.sub(r'<span class="who">.*?</span> ', "", html)


def test_highlight_keeps_the_text_exactly() -> None:
    a = quoted_analysis()
    html = str(highlight(a))
    assert _text_of(_without_labels(html)) == a.article.text


def test_highlight_shows_the_speaker_beside_each_quote() -> None:
    html = str(highlight(quoted_analysis()))
    label = html.index('<span class="who">Rena Holt</span>')
    assert label < html.index('<span class="q ')  # visible before the quote, not only on hover


def test_highlight_gives_each_record_an_anchor_once() -> None:
    html = str(highlight(quoted_analysis()))
    for anchor in ("q-1", "f-1", "fr-1"):
        assert html.count(f'id="{anchor}"') == 1


def test_highlight_escapes_article_markup() -> None:
    html = str(highlight(quoted_analysis()))
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_highlight_nests_figure_and_framing_inside_the_quote() -> None:
    html = str(highlight(quoted_analysis()))
    cls = speaker_class("Rena Holt")
    assert re.search(
        rf'<span class="q {cls}"[^>]*><mark class="fig" id="f-1" title="7 people killed; claimant: Rena Holt',
        html,
    )
    assert 'class="frame frame-source"' in html and "loaded_language" in html
    # the text outside the quote is the outlet's voice, the quote is not
    assert '<span class="outlet">Rena Holt said </span>' in _without_labels(html)
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
