"""The pages as an analyst uses them: Chromium (Playwright, /usr/bin/chromium) at 390 px and
1280 px over a store of the bundled samples plus the shared devset.

Checked on every page: nothing wider than the window, no e-notation, text contrast of at least
4.5:1; and: every entity link opens the entity whose name or alias is its text, a claims chart
has at least four labelled ticks on each axis, 'kill' finds what 'killed' finds, an unknown
address gives an HTML 404, speakers are shown beside their quotes, side-list links land on their
passage, the skip link works, tables sort and page. Screenshots of every page at both widths go
to test-output/web/390/ and test-output/web/1280/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, served

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"
OUT = ROOT / "test-output" / "web"
WIDTHS = (390, 1280)
E_NOTATION = re.compile(r"\b\d+(?:\.\d+)?e[+-]?\d+\b", re.IGNORECASE)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.skipif(not DEVSET.is_dir(), reason=f"no devset at {DEVSET}"),
]

# the relative luminance contrast of each text element against the background it sits on
CONTRAST_JS = """
() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (st.visibility === 'hidden' || st.display === 'none' || box.width === 0 || box.height === 0) continue;
    const svgFill = st.fill.startsWith('rgb') ? st.fill : 'rgb(0,0,0)';
    const fg = rgb(el instanceof SVGElement ? svgFill : st.color);
    const [a, b] = [lum(fg) + 0.05, lum(bg(el)) + 0.05];
    const ratio = Math.max(a, b) / Math.min(a, b);
    const what = `${el.tagName}.${el.className.baseVal ?? el.className}`;
    if (ratio < 4.5) low.push(`${what} ${ratio.toFixed(2)}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return low;
}
"""


def devset_analyses() -> list[Any]:
    """The samples and the devset articles (title line, then text; metadata from the gold file)."""
    from counterclaim import analyze_many
    from counterclaim.ingest import read_paths
    from counterclaim.records import Analysis, Article

    arts = [x for x in read_paths([str(ROOT / "samples")]) if isinstance(x, Article)]
    for g in sorted(DEVSET.glob("*.gold.json")):
        gold = json.loads(g.read_text())
        lines = (DEVSET / gold["file"]).read_text().split("\n")
        arts.append(
            Article.make(
                "\n".join(lines[1:]).strip() + "\n",
                title=lines[0],
                published=gold.get("published") if gold.get("published_given", True) else None,
                outlet=gold.get("outlet"),
                url=gold.get("url"),
                source=gold["file"],
            )
        )
    return [a for a in analyze_many(arts) if isinstance(a, Analysis)]


@pytest.fixture(scope="module")
def store(nlp: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """A store of the samples plus the devset, and its analyses."""
    from counterclaim.store import open_store

    analyses = devset_analyses()
    path = tmp_path_factory.mktemp("analyst") / "store.db"
    with open_store(path) as s:
        s.upsert_many(analyses)
    return path, analyses


@pytest.fixture(scope="module")
def base(store: tuple[Path, list[Any]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over that store, served by uvicorn on 127.0.0.1."""
    from counterclaim.web.app import create_app

    index = str(tmp_path_factory.mktemp("ai") / "i.sqlite")
    app = create_app(str(store[0]), read_only=True, index_path=index)
    with served(app) as url:
        yield url


def _page(browser: Any, width: int) -> Any:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    return ctx.new_page()


@pytest.fixture(scope="module")
def urls(base: str, store: tuple[Path, list[Any]], browser: Any) -> dict[str, str]:
    """Screenshot name -> path of every kind of page (every article, a series, an entity, ...)."""
    pg = _page(browser, 1280)
    pg.goto(base + "/claims")
    series = pg.locator(".chartbox h3 a").first.get_attribute("href")
    pg.goto(base + "/entities")
    entity = pg.locator("#entities-table a.ent").first.get_attribute("href")
    pg.context.close()
    out = {
        "articles": "/",
        "claims": "/claims",
        "claims-killed": "/claims?category=killed",
        "series": series,
        "entities": "/entities",
        "entity": entity,
        "entity-by-name": "/entity?name=" + "Kiev%27s+military",
        "stories": "/stories",
        "contradictions": "/contradictions",
        "search": "/search?q=kill",
        "analyze": "/analyze",
    }
    for i, a in enumerate(store[1]):
        out[f"article-{i:02d}"] = f"/articles/{a.article.id}"
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_window_and_is_screenshotted(
    browser: Any, base: str, urls: dict[str, str], width: int
) -> None:
    pg = _page(browser, width)
    folder = OUT / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    wide = {}
    for name, path in urls.items():
        resp = pg.goto(base + path)
        assert resp is not None and resp.status == 200, path
        pg.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        got = pg.evaluate("() => document.documentElement.scrollWidth")
        if got > width:
            wide[path] = got
    pg.context.close()
    assert not wide, f"pages wider than {width}px: {wide}"


def test_no_page_shows_e_notation(browser: Any, base: str, urls: dict[str, str]) -> None:
    pg = _page(browser, 1280)
    found = {}
    for path in urls.values():
        pg.goto(base + path)
        shown = pg.evaluate(
            "() => document.body.innerText + ' ' + [...document.querySelectorAll('svg title, svg text')]"
            ".map(t => t.textContent).join(' ')"
        )
        hits = E_NOTATION.findall(shown)
        if hits:
            found[path] = hits[:3]
    pg.context.close()
    assert not found


def test_every_entity_link_opens_the_entity_it_names(browser: Any, base: str, urls: dict[str, str]) -> None:
    """Every link to an entity (on articles, entity pages, lists) opens the entity whose name or
    alias is the link's text; a name with no exact entity links to a page that says so."""
    pg = _page(browser, 1280)
    links: dict[str, set[str]] = {}
    nameless: set[str] = set()
    for path in urls.values():
        pg.goto(base + path)
        for text, href in pg.eval_on_selector_all(
            "a.ent", "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])"
        ):
            links.setdefault(href, set()).add(text)
        nameless.update(pg.eval_on_selector_all("a.noent", "els => els.map(e => e.getAttribute('href'))"))
    assert len(links) >= 20 and nameless
    wrong = {}
    for href, texts in links.items():
        assert href.startswith("/entities/e_"), href  # by canonical id, never by name
        pg.goto(base + href)
        names = {pg.locator("h1").inner_text().strip().lower()}
        also = pg.locator("p.aliases").inner_text().removeprefix("Also called:").strip()
        names |= {n.strip().lower() for n in also.split(";") if n.strip() and n.strip() != "—"}
        bad = {t for t in texts if t.lower() not in names}
        if bad:
            wrong[href] = (bad, names)
    for href in sorted(nameless)[:10]:
        pg.goto(base + href)
        assert pg.locator("#no-entity").count() == 1, href
    pg.context.close()
    assert not wrong


def test_claims_charts_have_four_labelled_ticks_per_axis(browser: Any, base: str) -> None:
    pg = _page(browser, 1280)
    for path in ("/claims", "/claims?category=killed", "/claims?spage=2"):
        pg.goto(base + path)
        charts = pg.locator("svg.chart")
        assert charts.count() >= 1
        for i in range(charts.count()):
            svg = charts.nth(i)
            for axis in ("xtick", "ytick"):
                labels = [t.strip() for t in svg.locator(f"g.{axis} text").all_text_contents() if t.strip()]
                assert len(labels) >= 4, (path, i, axis, labels)
            tips = svg.locator("a title").all_text_contents()
            assert tips and all(re.search(r"\d{4}-\d\d-\d\d", t) for t in tips)
    pg.context.close()


def test_charts_never_pool_unrelated_stories(browser: Any, base: str) -> None:
    """A series whose figures do not say whose losses they count belongs to one story."""
    pg = _page(browser, 1280)
    pg.goto(base + "/claims?category=killed")
    scopes = pg.locator(".chartbox p.scope").all_inner_texts()
    labels = pg.locator(".chartbox h3").all_inner_texts()
    assert scopes and len(scopes) == len(labels)
    for label, scope in zip(labels, scopes, strict=True):
        if "whose losses not said" in label:
            assert scope.startswith("Story: "), (label, scope)
    pg.context.close()


def test_kill_finds_what_killed_finds(browser: Any, base: str) -> None:
    pg = _page(browser, 1280)

    def results(q: str) -> list[str]:
        pg.goto(f"{base}/search?q={q}")
        hrefs: list[str] = []
        while True:
            hrefs += pg.eval_on_selector_all("ol.hits > li > a", "es => es.map(e => e.getAttribute('href'))")
            nxt = pg.locator("a[rel=next]")
            if not nxt.count():
                break
            nxt.first.click()
        return hrefs

    killed = results("killed")
    kill = results("kill")
    pg.context.close()
    assert len(killed) > 30 and sorted(kill) == sorted(killed)


def test_search_shows_titles_and_pages(browser: Any, base: str) -> None:
    pg = _page(browser, 1280)
    pg.goto(base + "/search?q=the")
    count = int(re.sub(r"\D", "", pg.locator("#search-count").inner_text().split(" result")[0]))
    assert count > 50 and pg.locator("ol.hits > li").count() == 50  # one page of 50, and a next
    first = pg.locator("ol.hits > li > a").first.inner_text()
    assert first and not first.startswith("a_")  # the article's title, not its id
    pg.locator("a[rel=next]").first.click()
    assert "page=2" in pg.url and pg.locator("ol.hits > li").count() >= 1
    pg.context.close()


def test_unknown_address_gives_an_html_404(browser: Any, base: str) -> None:
    pg = _page(browser, 390)
    resp = pg.goto(base + "/no/such/page")
    assert resp is not None and resp.status == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert pg.locator("h1").inner_text() == "Page not found" and pg.locator("nav a.brand").count() == 1
    OUT.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(OUT / "390" / "not-found.png"), full_page=True)
    pg.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_speakers_are_shown_beside_their_quotes(
    browser: Any, base: str, store: tuple[Path, list[Any]], width: int
) -> None:
    a = max(store[1], key=lambda x: len(x.quotes))
    pg = _page(browser, width)
    pg.goto(f"{base}/articles/{a.article.id}")
    labels = pg.locator("#text .who")
    starts = {q.span[0] for q in a.quotes if 0 <= q.span[0] < q.span[1] <= len(a.article.text)}
    assert labels.count() >= len(starts) > 5  # one label per speaker where quotes begin
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0  # visible, not a tooltip
    assert a.quotes[0].speaker.name in labels.first.inner_text() or a.quotes[0].speaker.kind != "source"
    pg.context.close()


def test_side_lists_link_to_their_passages(browser: Any, base: str, store: tuple[Path, list[Any]]) -> None:
    pg = _page(browser, 1280)
    for a in store[1][:8]:
        pg.goto(f"{base}/articles/{a.article.id}")
        targets = pg.eval_on_selector_all("aside a.passage", "els => els.map(e => e.getAttribute('href'))")
        assert len(targets) == len(a.quotes) + len(a.figures) + len(a.events) + len(a.framing)
        missing = [t for t in targets if pg.locator(f"[id='{t[1:]}']").count() != 1]
        assert not missing, (a.article.title, missing)
    pg.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_text_contrast_is_at_least_4_5(browser: Any, base: str, urls: dict[str, str], width: int) -> None:
    pg = _page(browser, width)
    low = {}
    for name, path in urls.items():
        if name.startswith("article-") and name not in ("article-00", "article-05", "article-10"):
            continue
        pg.goto(base + path)
        found = pg.evaluate(CONTRAST_JS)
        if found:
            low[path] = found[:5]
    pg.context.close()
    assert not low


def test_skip_link_goes_to_the_content(browser: Any, base: str) -> None:
    pg = _page(browser, 390)
    pg.goto(base + "/claims")
    pg.keyboard.press("Tab")
    focused = pg.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip", "Skip to content"]
    box = pg.locator("a.skip").bounding_box()
    assert box is not None and box["y"] >= 0  # on screen when focused
    pg.keyboard.press("Enter")
    assert pg.url.endswith("#main")
    pg.context.close()


def test_tables_sort_and_page(browser: Any, base: str) -> None:
    pg = _page(browser, 1280)
    pg.goto(base + "/claims")
    pg.locator("#claims-table th a", has_text="Figure").click()
    assert "sort=value" in pg.url and "dir=desc" in pg.url
    first = pg.locator("#claims-table tbody tr td.num").first.inner_text()
    assert "million" in first or "," in first  # the largest figure first, in words
    pg.locator("a[rel=next]").first.click()
    assert "page=2" in pg.url and "sort=value" in pg.url
    pg.goto(base + "/entities")
    pg.locator("#entities-table th a", has_text="Name").click()
    names = pg.locator("#entities-table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    pg.goto(base + "/?sort=title&dir=asc")
    titles = pg.locator("#articles-table tbody td:nth-child(3)").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    pg.context.close()


def test_contradictions_are_grouped_per_story_and_say_what_is_counted(browser: Any, base: str) -> None:
    pg = _page(browser, 1280)
    pg.goto(base + "/contradictions")
    groups = pg.locator("section.story-group")
    assert groups.count() >= 2
    badges = set(pg.locator(".badge").all_inner_texts())
    assert badges and all(b.split(":")[0] in ("contradiction", "discrepancy", "denial") for b in badges)
    figures = pg.locator("blockquote p:first-child b + b").all_inner_texts()  # 'reports <b>60 ... killed</b>'
    assert figures and all(re.search(r"\d", f) and re.search(r"[a-z]{3,}", f) for f in figures)
    links = pg.locator("blockquote a").all_inner_texts()
    assert links and not any(t.startswith("?, ?") for t in links)
    pg.context.close()
