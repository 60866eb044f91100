"""The web app's pages through FastAPI's TestClient, on the small store of ``conftest.py``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from counterclaim.records import Analysis

from .conftest import XSS_IMG, XSS_LINK, XSS_SCRIPT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = ["/", "/entities", "/claims", "/contradictions", "/stories", "/search?q=market", "/analyze"]


def _xss_id(analyses: list[Analysis]) -> str:
    return next(a.article.id for a in analyses if XSS_SCRIPT in a.article.title)


def _assert_no_raw_payload(html: str) -> None:
    assert XSS_SCRIPT not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_security_headers(client: Any, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    _assert_no_raw_payload(r.text)


def test_home_lists_every_article(client: Any, analyses: list[Analysis]) -> None:
    html = client.get("/").text
    for a in analyses:
        assert f'href="/articles/{a.article.id}"' in html


def test_article_page_marks_quotes_figures_and_outlet_voice(client: Any, analyses: list[Analysis]) -> None:
    a = next(x for x in analyses if x.article.title == "Shelling hits Varosh market")
    html = client.get(f"/articles/{a.article.id}").text
    assert html.count('<mark class="fig"') >= len(a.figures) >= 1
    f = a.figures[0]
    assert f"claimant: {f.claimant.name}" in html and f"as of {f.as_of}" in html
    assert 'class="q sp' in html and 'class="outlet"' in html
    assert re.search(r'<a class="ent" href="/entities/e_[0-9a-f]+">Elena Dorn</a>', html)  # by canonical id
    assert '<span class="who"><a class="ent" href="/entities/' in html  # the speaker beside the quote
    assert 'href="#q-1"' in html and 'id="q-1"' in html and 'href="#f-1"' in html and 'id="f-1"' in html
    assert 'id="quotes"' in html and 'id="figures"' in html and 'id="events"' in html and 'id="slant"' in html
    assert 'href="https://herald.example/varosh-market"' in html


def test_article_page_escapes_payloads(client: Any, analyses: list[Analysis]) -> None:
    html = client.get(f"/articles/{_xss_id(analyses)}").text
    _assert_no_raw_payload(html)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__xss=1&#34;" in html or "onerror=&quot;window.__xss=1&quot;" in html
    assert XSS_LINK in html  # shown as text, never as a link


def test_unknown_article_is_404(client: Any) -> None:
    r = client.get("/articles/a_0000000000000000")
    assert r.status_code == 404 and "no article" in r.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Elena Dorn", "This was a deliberate strike"), ("Ana Kovac", "We are ready to agree")],
)
def test_entity_page_lists_what_it_said(client: Any, name: str, expected: str) -> None:
    r = client.get("/entity", params={"name": name})
    assert r.status_code == 200
    assert expected in r.text


def test_entity_page_lists_claimed_figures(client: Any) -> None:
    html = client.get("/entity", params={"name": "regional health ministry"}).text
    assert "Claimed (" in html and "Claimed (0)" not in html


def test_entities_list_links_to_entity_pages(client: Any) -> None:
    html = client.get("/entities").text
    assert 'href="/entities/e_' in html


def test_claims_explorer_chart_and_table(client: Any) -> None:
    html = client.get("/claims").text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'class="chart"' in html
    assert 'id="claims-table"' in html and "regional health ministry" in html


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"category": "displaced"}, "United Nations refugee agency", "Kestrian officials"),
        ({"claimant": "Kestrian"}, "<td>Kestrian</td>", "United Nations refugee agency</td>"),
        ({"outlet": "Capital Daily", "category": "killed"}, "Toll rises", "Shelling hits"),
        ({"since": "2031-03-05"}, "Thousands flee", "Toll rises"),
        ({"until": "2031-03-02"}, "Shelling hits", "Thousands flee"),
    ],
)
def test_claims_filters(client: Any, params: dict[str, str], present: str, absent: str) -> None:
    html = client.get("/claims", params=params).text
    table = html[html.index('id="claims-table"') :]
    assert present in table
    assert absent not in table


def test_claims_bad_date_is_ignored_not_an_error(client: Any) -> None:
    assert client.get("/claims", params={"since": "yesterday"}).status_code == 200


def test_claims_csv_download_filters_and_escapes(client: Any) -> None:
    r = client.get("/claims.csv", params={"category": "killed"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["category"] == "killed" for row in rows)
    assert {"regional health ministry", "Kestrian"} <= {row["claimant"] for row in rows}


def test_search_finds_quotes_and_articles(client: Any) -> None:
    html = client.get("/search", params={"q": "deliberate strike"}).text
    assert "quote by Elena Dorn" in html and "<b>deliberate</b>" in html


@pytest.mark.parametrize(
    "q", ['"market', "market OR", "NEAR(a b)", "*", "col:x", "'; DROP TABLE articles; --"]
)
def test_search_treats_query_syntax_as_words(client: Any, q: str) -> None:
    assert client.get("/search", params={"q": q}).status_code == 200
    assert client.get("/search", params={"q": "market"}).text.count("<li>") >= 2


def test_search_escapes_payloads(client: Any) -> None:
    html = client.get("/search", params={"q": "respond"}).text
    assert "quote by Marco Vell" in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt; We will <b>respond</b>" in html
    _assert_no_raw_payload(html)


def test_contradictions_and_stories_link_articles(client: Any, analyses: list[Analysis]) -> None:
    stories = client.get("/stories").text
    assert 'href="/articles/' in stories
    ids = {a.article.id for a in analyses}
    assert any(f'href="/articles/{i}"' in stories for i in ids)
    assert client.get("/contradictions").status_code == 200


def test_analyze_paste_shows_analysis_without_storing(client: Any) -> None:
    text = '"We will not retreat," said General Tomas Brand.\n\nThe army said 9 soldiers were killed.\n'
    before = client.get("/").text.count('href="/articles/')
    r = client.post("/analyze", data={"text": text, "title": "Brand interview", "store": "1"})
    assert r.status_code == 200
    assert "Tomas Brand" in r.text and "not stored" in r.text
    assert client.get("/").text.count('href="/articles/') == before  # read-only: nothing stored


def test_analyze_upload_escapes_payload(client: Any) -> None:
    data = f"Upload {XSS_SCRIPT}\n\nOfficials said {XSS_IMG} 3 people were killed in the village.\n"
    r = client.post("/analyze", files={"upload": ("a.txt", data.encode(), "text/plain")})
    assert r.status_code == 200
    assert "&lt;img src=x onerror=" in r.text and '<mark class="fig"' in r.text
    _assert_no_raw_payload(r.text)


def test_analyze_upload_without_article_is_400(client: Any) -> None:
    data = b"<html><head><title>t</title></head><body><p>Hi.</p></body></html>"
    r = client.post("/analyze", files={"upload": ("a.html", data, "text/html")})
    assert r.status_code == 400 and "E01" in r.text


def test_analyze_empty_is_400(client: Any) -> None:
    assert client.post("/analyze", data={"text": "  "}).status_code == 400


def test_request_size_limit(client: Any) -> None:
    from counterclaim.web.app import MAX_BODY

    r = client.post("/analyze", data={"text": "x" * (MAX_BODY + 10)})
    assert r.status_code == 413


def test_writable_app_stores_when_asked(web_db: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from counterclaim.store import open_store
    from counterclaim.web.app import create_app

    db = tmp_path / "copy.db"
    with open_store(web_db) as src, open_store(db) as dst:
        dst.upsert(src.get(src.article_ids()[0]))
    app = create_app(str(db), index_path=str(tmp_path / "idx.sqlite"))
    with TestClient(app) as c:
        text = "The army said 9 soldiers were killed on Monday near the border.\n"
        r = c.post(  # the app's own form sends its origin: the CSRF check wants it for a store
            "/analyze",
            data={"text": text, "title": "Border losses", "store": "1"},
            headers={"origin": "http://testserver"},
        )
        assert r.status_code == 200 and ">stored</a>" in r.text
        assert "Border losses" in c.get("/").text
        assert "Border losses" in c.get("/claims").text
    with open_store(db) as s:
        assert len(s.article_ids()) == 2


def test_read_only_app_needs_an_existing_store(tmp_path: Path) -> None:
    from counterclaim.errors import NotFoundInStore
    from counterclaim.web.app import create_app

    with pytest.raises(NotFoundInStore):
        create_app(str(tmp_path / "missing.db"), read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_request_size_limit_without_content_length(client: Any) -> None:
    from counterclaim.web.app import MAX_BODY

    def chunks() -> Any:
        for _ in range(MAX_BODY // 100_000 + 2):
            yield b"x" * 100_000

    r = client.post(
        "/analyze", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413


@pytest.mark.parametrize("sort", ["findings", "newest", "oldest", "bogus"])
def test_contradictions_grouped_per_story_and_worded(client: Any, sort: str) -> None:
    html = client.get("/contradictions", params={"sort": sort}).text
    assert "Contradictions</h1>" in html and "?, ?:" not in html and "None None" not in html


def test_unknown_address_is_an_html_404(client: Any) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Page not found" in r.text and 'class="skip"' in r.text


def test_numbers_are_written_for_people(client: Any) -> None:
    for url in ("/claims", "/", "/entities"):
        html = client.get(url).text
        assert not re.search(r"\d\.?\d*e\+\d", html)
        assert "exact " not in html and "at_least" not in html
    assert "at least 5 people killed" in client.get("/claims").text


def test_story_with_an_undated_article_says_its_dates_are_uncertain(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from counterclaim import analyze
    from counterclaim.store import open_store
    from counterclaim.web.app import create_app

    text = (
        "Drones struck the Varno grain terminal in Port Selva overnight, killing four workers, the "
        "Calveran defence ministry said. The ministry blamed Dostrana for the attack on the terminal.\n"
    )
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.upsert(analyze(text, title="Drones hit Port Selva terminal", published="2025-03-12"))
        store.upsert(analyze(text + "Dostrana denied it.\n", title="Port Selva terminal hit by drones"))
    app = create_app(str(db), read_only=True, index_path=str(tmp_path / "i.sqlite"))
    with TestClient(app) as c:
        page = c.get("/stories").text
    assert "dates uncertain" in page
