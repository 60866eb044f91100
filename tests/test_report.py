"""The text report renders whatever the records hold, as plain text and on a rich console."""

from __future__ import annotations

import io

from rich.console import Console

from counterclaim.records import Analysis, Article
from counterclaim.report import render_plain, render_rich, sections
from store.factories import make_analysis


def test_plain_report_shows_every_part() -> None:
    out = render_plain(make_analysis())
    lines = out.split("\n")
    assert lines[0] == "Clash at the ridge"
    assert "published: 2024-05-07 (metadata)" in out
    assert "warning: a test warning" in out
    # quotes grouped under their speaker, with kind and cue
    assert "Anna Berg:\n  #1 [direct; said] “We will respond”" in out
    # the figures table: value, qualifier, category, subject, party, claimant, as-of
    row = next(ln for ln in lines if ln.startswith("1  ") and "soldiers" in ln)
    for cell in ("12", "exact", "killed", "soldiers", "government", "defence ministry", "2024-05-06"):
        assert cell in row
    assert "figures #1 and #2 (contradiction): 12 vs 40" in out
    assert "ASSAULT" in out and "Rebels" in out
    assert "doubt" in out and "outlet" in out
    assert "Monday" in out and "2024-05-06" in out
    assert "last word: Rebels" in out and "25% of claims" in out


def test_empty_parts_say_so() -> None:
    a = Analysis(article=Article.make("Some text.\n", title="Empty"))
    out = render_plain(a)
    assert out.count("none found") == len(sections(a)) - 1  # every part but the header
    assert "published: unknown" in out


def test_inferred_date_shows_its_reason() -> None:
    a = make_analysis()
    a.article.published_source = "inferred"
    a.article.published_reason = "inferred: 'Tuesday' after the dateline"
    assert "(inferred: 'Tuesday' after the dateline)" in render_plain(a)


def test_rich_report_renders() -> None:
    buf = io.StringIO()
    render_rich(make_analysis(), Console(file=buf, width=120, force_terminal=False, color_system=None))
    out = buf.getvalue()
    assert "Clash at the ridge" in out and "Figures (2)" in out and "defence ministry" in out
