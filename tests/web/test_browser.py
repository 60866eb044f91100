"""Browser tests: the app under uvicorn, driven by Playwright in headless Chromium (/usr/bin/chromium).

Each page is opened with a dialog handler that fails the test and a check that no payload script
set ``window.__xss``; screenshots go to test-output/web/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.records import Analysis

from .conftest import CHROMIUM, XSS_SCRIPT, served

OUT = Path(__file__).resolve().parents[2] / "test-output" / "web"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def base_url(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread."""
    from counterclaim.web.app import create_app

    app = create_app(
        str(web_db), read_only=True, index_path=str(tmp_path_factory.mktemp("bidx") / "i.sqlite")
    )
    with served(app) as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any dialog (alert/confirm/prompt) and records CSP violations."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    dialogs: list[str] = []

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    ctx.close()
    assert not dialogs, f"a script opened a dialog: {dialogs}"


def _open(page: Any, url: str, shot: str) -> None:
    resp = page.goto(url)
    assert resp is not None and resp.status == 200
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{shot}.png"), full_page=True)
    assert page.evaluate("() => window.__xss === undefined"), "an injected script ran"


@pytest.mark.parametrize(
    ("path", "shot", "selector"),
    [
        ("/", "home", "table.list"),
        ("/entities", "entities", "table.list"),
        ("/stories", "stories", "h1"),
        ("/contradictions", "contradictions", "h1"),
        ("/search?q=market", "search", "ol.hits li"),
        ("/analyze", "analyze", "textarea[name=text]"),
        ("/entity?name=Elena+Dorn", "entity", "h1"),
    ],
)
def test_pages_render(page: Any, base_url: str, path: str, shot: str, selector: str) -> None:
    _open(page, base_url + path, shot)
    assert page.locator(selector).count() >= 1


def test_article_pages_run_no_payload(page: Any, base_url: str, analyses: list[Analysis]) -> None:
    for i, a in enumerate(analyses):
        _open(page, f"{base_url}/articles/{a.article.id}", f"article-{i}")
        assert page.locator("#text").count() == 1
    xss = next(a for a in analyses if XSS_SCRIPT in a.article.title)
    _open(page, f"{base_url}/articles/{xss.article.id}", "article-xss")
    assert XSS_SCRIPT in page.locator("h1").inner_text()  # shown as text
    assert page.locator("#text img").count() == 0
    assert page.locator("#text a:not(.ent):not(.noent)").count() == 0  # only the speakers' entity links
    assert page.locator("a[href^='javascript:']").count() == 0


def test_claims_filter_and_chart(page: Any, base_url: str) -> None:
    _open(page, f"{base_url}/claims", "claims")
    assert page.locator("svg.chart").count() >= 1
    assert page.locator("svg.chart a title").count() >= 1  # each point: a link with a tooltip
    page.select_option("select[name=category]", "killed")
    page.click("#apply")
    page.wait_for_url("**/claims?**category=killed**")
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "claims-killed.png"), full_page=True)
    assert page.locator("svg.chart").count() >= 1
    cats = page.locator("#claims-table tbody tr td:nth-child(2)").all_inner_texts()
    assert cats and set(cats) == {"killed"}
    assert "category=killed" in (page.locator("#csv").get_attribute("href") or "")


def test_search_form(page: Any, base_url: str) -> None:
    _open(page, base_url + "/", "home-before-search")
    page.fill("nav input[name=q]", "accusations")
    page.click("nav form.search button")
    page.wait_for_url("**/search?q=accusations")
    assert "Pavel Irin" in page.locator("ol.hits").inner_text()


def test_payload_probe_detects_a_running_script(page: Any) -> None:
    """The check above is meaningful: the same payload, served without escaping, does run."""
    page.set_content(f"<html><body>{XSS_SCRIPT}</body></html>")
    assert page.evaluate("() => window.__xss") == 1


def test_csp_blocks_inline_script_on_app_pages(page: Any, base_url: str) -> None:
    """Even markup injected into a served page cannot run inline script under the app's CSP."""
    _open(page, base_url + "/", "home-csp")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__xss = 2';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.__xss === undefined")
