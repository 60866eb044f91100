"""Fuzzing every reader: random and adversarial bytes in, only ``Article``s or the project's own
``InputError``s out (yielded in place or raised), never another exception, never a hang.

Readers are cheap, so each test runs hundreds to thousands of examples (fixed seed; see
``strategies.FUZZ``). tests/RELIABILITY.md records the figures of a real run.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterclaim.errors import CounterclaimError, InputError
from counterclaim.ingest import parse_bytes, read_path
from counterclaim.ingest.feeds import html_to_text, read_feed
from counterclaim.ingest.warc import read_warc
from counterclaim.records import Article

from .strategies import any_bytes, any_text, fuzz, nested_html, quote_storm


def drain(produce: Callable[[], Iterable[object]]) -> list[object]:
    """All items of a reader; a raised ``CounterclaimError`` counts as the last item. Any other
    exception propagates and fails the test."""
    items: list[object] = []
    try:
        items.extend(produce())
    except CounterclaimError as exc:
        items.append(exc)
    for item in items:
        assert isinstance(item, Article | InputError), f"unexpected item {item!r}"
        if isinstance(item, Article):
            assert item.text.strip(), "an article with no text got through"
        else:
            assert item.code.startswith("E0") and str(item)
    return items


@fuzz(1200)
@given(data=any_bytes, kind=st.sampled_from([None, "txt", "json", "jsonl"]))
def test_parse_bytes_never_crashes(data: bytes, kind: str | None) -> None:
    drain(lambda: parse_bytes(data, source="fuzz", kind=kind))


@fuzz(300)
@given(data=st.one_of(nested_html(), any_bytes.map(lambda b: b"<html><body><p>" + b)))
def test_parse_html_never_crashes(data: str | bytes) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    drain(lambda: parse_bytes(raw, source="fuzz.html", kind="html"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries(
    {},
    optional={
        "title": json_values,
        "text": st.one_of(any_text, json_values),
        "url": json_values,
        "outlet": json_values,
        "published": st.one_of(st.sampled_from(["February 30", "2023-02-29", "2024-13-01"]), json_values),
    },
)


@fuzz(600)
@given(objs=st.lists(st.one_of(article_objects, json_values), min_size=1, max_size=5))
def test_json_and_jsonl_never_crash(objs: list[object]) -> None:
    as_json = json.dumps(objs if len(objs) > 1 else objs[0]).encode()
    as_jsonl = "\n".join(json.dumps(o) for o in objs).encode()
    drain(lambda: parse_bytes(as_json, source="fuzz.json", kind="json"))
    drain(lambda: parse_bytes(as_jsonl, source="fuzz.jsonl", kind="jsonl"))


SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".md"]


@fuzz(600)
@given(data=any_bytes, suffix=st.sampled_from(SUFFIXES))
def test_read_path_never_crashes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"article{suffix}"
        f.write_bytes(data)
        drain(lambda: read_path(f))
        drain(lambda: read_path(d))  # the folder walk too


def _feed(entries: list[tuple[str, str, str]], atom: bool) -> str:
    if atom:
        body = "".join(
            f"<entry><title>{t}</title><updated>{d}</updated><content type='html'>{c}</content></entry>"
            for t, c, d in entries
        )
        return f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>{body}</feed>"
    body = "".join(
        f"<item><title>{t}</title><pubDate>{d}</pubDate><description>{c}</description></item>"
        for t, c, d in entries
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{body}</channel></rss>"


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


feed_dates = st.sampled_from(["Mon, 30 Feb 2023 10:00:00 GMT", "2023-02-29T00:00:00Z", "not a date", ""])


@fuzz(300)
@given(
    entries=st.lists(
        st.tuples(any_text, st.one_of(any_text, nested_html(), quote_storm()), feed_dates), max_size=4
    ),
    atom=st.booleans(),
    escape=st.booleans(),
    cut=st.integers(min_value=0, max_value=400),
)
def test_read_feed_never_crashes(
    entries: list[tuple[str, str, str]], atom: bool, escape: bool, cut: int
) -> None:
    if escape:
        entries = [(_escape(t), _escape(c), d) for t, c, d in entries]
    xml = _feed(entries, atom).encode("utf-8", "surrogatepass")
    if cut:
        xml = xml[:-cut]  # truncated feeds too
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / ("feed.atom" if atom else "feed.rss")
        f.write_bytes(xml)
        drain(lambda: read_feed(str(f)))


def _warc_record(uri: str, payload: bytes, status: str, ctype: str) -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
    block = http + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T00:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


@fuzz(500)
@given(
    pages=st.lists(
        st.tuples(
            st.one_of(nested_html(), any_text),
            st.sampled_from(["200 OK", "404 Not Found", "302 Found", "abc"]),
            st.sampled_from(["text/html", "text/html; charset=utf-8", "image/png", ""]),
        ),
        min_size=1,
        max_size=3,
    ),
    gz=st.booleans(),
    cut=st.integers(min_value=0, max_value=200),
    noise=st.binary(max_size=40),
)
def test_read_warc_never_crashes(pages: list[tuple[str, str, str]], gz: bool, cut: int, noise: bytes) -> None:
    raw = b"".join(
        _warc_record(f"http://example.org/{i}", html.encode("utf-8", "surrogatepass"), status, ctype)
        for i, (html, status, ctype) in enumerate(pages)
    )
    raw = (raw[:-cut] if cut else raw) + noise
    if gz:
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb") as g:
            g.write(raw)
        raw = buf.getvalue()
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / ("a.warc.gz" if gz else "a.warc")
        f.write_bytes(raw)
        drain(lambda: read_warc(f))


@fuzz(800)
@given(html=st.one_of(nested_html(), any_text))
def test_feed_html_to_text_never_crashes(html: str) -> None:
    out = html_to_text(html)
    assert isinstance(out, str)
    assert "<script>" not in out.lower() or "<script>" in html.lower()


# -- fixed adversarial cases, too big to leave to chance -------------------------------------

MEGA_LINE = "The army said " + "x" * (1 << 20) + " were killed.\n"
BIG_CASES = {
    "one-megabyte line": ("txt", ("Title\n" + MEGA_LINE).encode()),
    "20000 unbalanced quotes": ("txt", ("Title\n" + "\u201c" * 20000 + " he said.\n").encode()),
    "deep html": ("html", ("<html><body>" + "<div>" * 50000 + "<p>Officials said 3 died.</p>").encode()),
    "deep json": ("json", b"[" * 100000 + b"]" * 100000),
    "huge json number": ("json", b'{"title": "t", "text": 1' + b"0" * 5000 + b"}"),
    "json with NaN": ("json", b'{"title": NaN, "text": Infinity}'),
    "invalid utf-8": ("txt", b"Title\n\xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xf0\x28\x8c\xbc the army said\n" * 50),
    "utf-16 bom with odd length": ("txt", b"\xff\xfeT\x00i\x00t"),
    "bom only": ("txt", b"\xef\xbb\xbf"),
    "nul after 8k": ("txt", b"Title\n" + b"a " * 5000 + b"\x00" * 100),
}


@pytest.mark.parametrize("kind,data", list(BIG_CASES.values()), ids=list(BIG_CASES))
def test_big_adversarial_inputs(kind: str, data: bytes) -> None:
    drain(lambda: parse_bytes(data, source="big", kind=kind))
    drain(lambda: parse_bytes(data, source="big", kind=None))
