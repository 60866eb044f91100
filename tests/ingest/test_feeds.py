"""RSS and Atom feeds (ingest/feeds.py): entries become articles; URLs only when allowed and public."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.errors import EmptyInput, InputError, InputNotFound, MalformedInput, UnsupportedFormat
from counterclaim.ingest.feeds import check_url, html_to_text, read_feed
from counterclaim.records import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Rockets hit Saltmere harbour</title><link>https://gazette.example/a1</link>
<pubDate>Tue, 04 Mar 2031 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Rockets hit the harbour of Saltmere overnight.&lt;/p&gt;
&lt;p&gt;Two ships burned, officials said.&lt;/p&gt;</description>
</item>
<item><title>Empty one</title><link>https://gazette.example/a2</link><description></description></item>
<item><title>Talks resume &amp; stall</title><link>https://gazette.example/a3</link>
<pubDate>Wed, 05 Mar 2031 10:00:00 +0100</pubDate>
<description>Talks resumed in Dranov on Wednesday.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Monitor</title>
<id>urn:x</id><updated>2031-03-06T00:00:00Z</updated>
<entry><title>Villagers flee the Tessa valley</title><id>urn:1</id><link href="https://monitor.example/1"/>
<published>2031-03-06T09:30:00Z</published><updated>2031-03-06T10:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;About 5,000 people fled.&lt;/p&gt;
&lt;script&gt;track()&lt;/script&gt;&lt;p&gt;Shelters are full.&lt;/p&gt;</content>
</entry></feed>
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_rss_entries(tmp_path: Path) -> None:
    items = list(read_feed(_write(tmp_path, "g.rss", RSS)))
    assert [type(i) for i in items] == [Article, EmptyInput, Article]
    first, empty, third = items
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.title == "Rockets hit Saltmere harbour"
    assert (
        first.text == "Rockets hit the harbour of Saltmere overnight.\n\nTwo ships burned, officials said.\n"
    )
    assert (first.outlet, first.url, first.published) == (
        "Harbour Gazette",
        "https://gazette.example/a1",
        "2031-03-04",
    )
    assert first.source.endswith("g.rss#entry1")
    assert "entry2" in str(empty)
    assert third.title == "Talks resume & stall" and third.published == "2031-03-05"


def test_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    (art,) = list(read_feed(_write(tmp_path, "m.atom", ATOM)))
    assert isinstance(art, Article)
    assert art.text == "About 5,000 people fled.\n\nShelters are full.\n"  # the script is dropped
    assert (art.outlet, art.published, art.url) == (
        "Valley Monitor",
        "2031-03-06",
        "https://monitor.example/1",
    )


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three.\n"),
        ("plain", "plain\n"),
        ("<style>p{}</style>", ""),
        ("a<br>b", "a\n\nb\n"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("<html><body>not a feed</body></html>", MalformedInput),
        ("", EmptyInput),
        ('<rss version="2.0"><channel><title>x</title></channel></rss>', EmptyInput),
    ],
)
def test_bad_feeds_name_the_file(tmp_path: Path, content: str, error: type) -> None:
    path = _write(tmp_path, "bad.rss", content)
    with pytest.raises(error) as err:
        list(read_feed(path))
    assert "bad.rss" in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        list(read_feed(str(tmp_path / "none.rss")))


def test_urls_need_permission() -> None:
    with pytest.raises(InputError, match="network"):
        list(read_feed("https://gazette.example/feed.rss"))


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("file:///etc/passwd", UnsupportedFormat),
        ("ftp://example.org/feed", UnsupportedFormat),
        ("http://127.0.0.1/feed", InputError),
        ("http://10.1.2.3/feed", InputError),
        ("http://192.168.0.10:8080/rss", InputError),
        ("http://169.254.169.254/latest/meta-data", InputError),
        ("http://[::1]/feed", InputError),
        ("http:///nohost", MalformedInput),
    ],
)
def test_refused_addresses(url: str, error: type) -> None:
    with pytest.raises(error):
        check_url(url)
    with pytest.raises(error):
        list(read_feed(url, allow_network=True))
