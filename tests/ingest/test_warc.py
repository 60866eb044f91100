"""WARC archives (ingest/warc.py): HTML responses become articles; bad records are reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterclaim.errors import InputError, InputNotFound, MalformedInput, NoArticleFound
from counterclaim.ingest.warc import read_warc
from counterclaim.records import Article

PAGE = """<html><head><title>Rockets hit Saltmere harbour</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2031-03-04T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Rockets hit Saltmere harbour</h1>
<p>Rockets hit the harbour of Saltmere overnight, setting two cargo ships on fire, harbour officials said.</p>
<p>Firefighters fought the blaze on the docks until morning, and the port stayed closed on Tuesday.</p>
<p>"We heard four explosions," a dock worker told reporters at the harbour gate.</p>
</article></body></html>"""

STUB = "<html><head><title>Menu</title></head><body><nav>Home | World</nav></body></html>"


def _record(
    w: WARCWriter,
    uri: str,
    body: bytes,
    *,
    ctype: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    rec_type: str = "response",
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http))


def _warc(tmp_path: Path, name: str, gz: bool) -> Path:
    p = tmp_path / name
    with p.open("wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(
            w.create_warc_record(
                "https://gazette.example/a1", "request", payload=io.BytesIO(b"GET /a1 HTTP/1.1\r\n\r\n")
            )
        )
        _record(w, "https://gazette.example/a1", PAGE.encode())
        _record(w, "https://gazette.example/logo.png", b"\x89PNG....", ctype="image/png")
        _record(w, "https://gazette.example/moved", b"", status="301 Moved Permanently")
        _record(w, "https://gazette.example/menu", STUB.encode())
    return p


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path: Path, name: str, gz: bool) -> None:
    items = list(read_warc(_warc(tmp_path, name, gz)))
    assert [type(i) for i in items] == [Article, NoArticleFound]
    art, stub = items
    assert isinstance(art, Article)
    assert art.title == "Rockets hit Saltmere harbour"
    assert "two cargo ships on fire" in art.text and "Home | World" not in art.text
    assert art.url == "https://gazette.example/a1"
    assert art.source is not None and name in art.source and "record2" in art.source
    # the bad record names the file, the record number and its URI
    assert name in str(stub) and "record5" in str(stub) and "/menu" in str(stub)


def test_not_a_warc(tmp_path: Path) -> None:
    p = tmp_path / "junk.warc"
    p.write_bytes(b"this is not a web archive\n" * 10)
    with pytest.raises(MalformedInput) as err:
        list(read_warc(p))
    assert "junk.warc" in str(err.value)


def test_truncated_archive_keeps_earlier_records(tmp_path: Path) -> None:
    whole = _warc(tmp_path, "whole.warc", False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"logo.png") + 200])
    items: list[object] = []
    with pytest.raises(InputError):
        for item in read_warc(cut):
            items.append(item)
    assert any(isinstance(i, Article) for i in items)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        list(read_warc(tmp_path / "none.warc"))
