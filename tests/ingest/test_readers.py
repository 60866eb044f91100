"""Readers: every input format, every kind of bad input, ids that do not depend on the format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from counterclaim.errors import (
    BinaryInput,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    InvalidValue,
    MalformedInput,
    MissingField,
    NoArticleFound,
    UnsupportedFormat,
)
from counterclaim.ingest import Overrides, read_path, read_paths
from counterclaim.ingest.readers import decode, parse_txt, sniff
from counterclaim.records import Article, content_id

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def _one(path: Path | str, **kw: object) -> Article:
    items = list(read_path(path, **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def _error(path: Path | str, **kw: object) -> Exception:
    items = list(read_path(path, **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], Exception), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Headline\nFirst paragraph.\n\nSecond.\n", "Headline", "First paragraph.\n\nSecond.\n"),
        ("\n\n  Headline after blanks  \n\n\nBody line.", "Headline after blanks", "Body line.\n"),
        ("Title\n   \n  indented body  \n\n", "Title", "indented body\n"),
    ],
)
def test_txt_title_is_first_nonempty_line(text: str, title: str, body: str) -> None:
    art = parse_txt(text, source="x.txt")
    assert (art.title, art.text) == (title, body)
    assert art.id == content_id(title, body)


def test_txt_matches_devset_convention(tmp_path: Path) -> None:
    raw = "A title\n\n\nPara one.\n\nPara two.\n\n"
    f = tmp_path / "a.txt"
    f.write_text(raw, encoding="utf-8")
    lines = raw.split("\n")
    assert _one(f).text == "\n".join(lines[1:]).strip() + "\n"


def test_crlf_line_ends_are_normalised(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"Title\r\n\r\nLine one.\r\nLine two.\r\n")
    art = _one(f)
    assert art.text == "Line one.\nLine two.\n"


def test_html_main_text_and_metadata() -> None:
    art = _one(DATA / "page.html")
    assert art.title == "Talks resume over the border crossing"
    assert art.outlet == "Example Daily"
    assert art.url == "https://daily.example/2024/06/03/border-talks"
    assert art.published == "2024-06-03" and art.published_source == "metadata"
    assert art.text.startswith("Negotiators from the two neighbouring states")  # the <h1> is not repeated
    assert "Privacy" not in art.text and "Sport" not in art.text  # navigation and footer left out
    assert "\n\n" in art.text  # paragraphs separated by a blank line, as in .txt


def test_html_without_article() -> None:
    assert isinstance(_error(DATA / "no-article.html"), NoArticleFound)


def test_json_object_with_metadata() -> None:
    art = _one(DATA / "article.json")
    assert art.title == "Ministry says convoy reached the besieged town"
    assert (art.outlet, art.url, art.published) == (
        "Example Wire",
        "https://wire.example/convoy",
        "2024-02-13",
    )
    assert art.text.endswith("the day before.\n")


def test_same_article_same_id_in_every_format(tmp_path: Path) -> None:
    title, body = "Truce holds", "The truce held overnight, officials said.\n\nMarkets reopened.\n"
    (tmp_path / "a.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": title, "text": body}), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": title, "text": "  " + body}) + "\n", encoding="utf-8"
    )
    ids = {_one(tmp_path / n).id for n in ("a.txt", "a.json", "a.jsonl")}
    assert len(ids) == 1
    assert ids == {content_id(title, body)}


def test_id_changes_with_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\n\nTwelve were killed.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("T\n\nThirteen were killed.\n", encoding="utf-8")
    assert _one(tmp_path / "a.txt").id != _one(tmp_path / "b.txt").id


def test_jsonl_bad_lines_are_numbered_and_skipped() -> None:
    items = list(read_path(DATA / "mixed.jsonl"))
    kinds = [type(i) for i in items]
    assert kinds == [Article, MalformedInput, MissingField, Article, MalformedInput]
    assert items[1].source == f"{DATA / 'mixed.jsonl'}:2"  # type: ignore[union-attr]
    assert items[2].source.endswith("mixed.jsonl:3")  # type: ignore[union-attr]
    assert items[4].source.endswith("mixed.jsonl:6")  # the blank line 4 is skipped, not an error
    assert "[E015]" in str(items[1]) and "mixed.jsonl:2" in str(items[1])
    assert [a.title for a in items if isinstance(a, Article)] == ["First brief", "Last brief"]


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("empty.txt", EmptyInput, "empty"),
        ("whitespace.txt", EmptyInput, "empty"),
        ("title-only.txt", EmptyInput, "no article text"),
        ("picture.txt", BinaryInput, "binary"),
        ("malformed.json", MalformedInput, "line 1"),
        ("no-article.html", NoArticleFound, "no article text"),
        ("not-a-feed.xml", UnsupportedFormat, "not an RSS or Atom feed"),
        ("does-not-exist.txt", InputNotFound, "no such file"),
    ],
)
def test_bad_input_gets_a_clear_numbered_error(name: str, error: type[Exception], words: str) -> None:
    exc = _error(DATA / name)
    assert type(exc) is error
    msg = str(exc)
    assert msg.startswith(f"[{error.code}] ")  # type: ignore[attr-defined]
    assert name in msg and words in msg


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing it
    exc = _error(big)
    assert isinstance(exc, InputTooLarge)
    assert "50.0 MB" in str(exc) and "5.0 MB" in str(exc)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Title\n\n" + "Word " * 400, encoding="utf-8")
    assert isinstance(_error(f, max_bytes=1000), InputTooLarge)
    assert isinstance(_one(f, max_bytes=10_000), Article)


@pytest.mark.parametrize(
    ("name", "encoding", "phrase"),
    [
        (
            "legacy-cp1252.txt",
            "cp1252",
            "\u201cWe lost everything,\u201d said the owner, Ren\u00e9e Marchetti \u2014",
        ),
        ("legacy-latin1.txt", "cp1252", "the mayor, Jos\u00e9 Ib\u00e1\u00f1ez"),
    ],
)
def test_legacy_encodings_are_decoded_and_recorded(name: str, encoding: str, phrase: str) -> None:
    art = _one(DATA / name)
    assert phrase in art.text
    assert art.encoding == encoding  # Latin-1 text reads the same as Windows-1252


def test_utf8_input_records_no_encoding() -> None:
    assert _one(DATA / "page.html").encoding is None
    assert decode("caf\u00e9".encode(), source="x") == ("caf\u00e9", None)
    assert decode(b"\xef\xbb\xbfBOM text", source="x") == ("BOM text", None)


def test_folder_is_walked_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B title\n\nB body.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A title\n\nA body.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H\n\nhidden\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.json").write_text(json.dumps({"title": "C", "text": "C body."}), encoding="utf-8")
    titles = [a.title for a in read_paths([tmp_path]) if isinstance(a, Article)]
    assert titles == ["A title", "B title", "C"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    assert isinstance(_error(tmp_path), InputNotFound)


def test_stdin_is_sniffed() -> None:
    text = json.dumps({"title": "From a pipe", "text": "Body from stdin."})
    art = _one("-", stdin=io.BytesIO(text.encode()))
    assert (art.title, art.source) == ("From a pipe", "-")
    art = _one("-", stdin=io.BytesIO(b"Plain title\n\nPlain body.\n"))
    assert (art.title, art.text) == ("Plain title", "Plain body.\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"title": "a", "text": "b"}', "json"),
        ('{"title": "a", "text": "b"}\n{"title": "c", "text": "d"}\n', "jsonl"),
        ('[{"title": "a", "text": "b"}]', "json"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("Headline\n\nA paragraph about <b>bold</b> claims.", "txt"),
    ],
)
def test_sniff(text: str, kind: str) -> None:
    assert sniff(text) == kind


def test_overrides_win_over_the_file() -> None:
    ov = Overrides(published="2024-02-14", outlet="Other Outlet", url="https://other.example/x")
    art = _one(DATA / "article.json", overrides=ov)
    assert (art.published, art.outlet, art.url) == ("2024-02-14", "Other Outlet", "https://other.example/x")
    assert art.published_source == "metadata"


@pytest.mark.parametrize(
    ("obj", "error"),
    [
        ({"title": "t", "text": 5}, MalformedInput),
        ({"title": "t", "text": "body", "published": "last Tuesday"}, InvalidValue),
        ({"title": "t", "text": "body", "published": "2020-02-30"}, InvalidValue),  # no such day
        ({"title": "t", "text": "body", "published": "9999-12-31"}, InvalidValue),  # out of range
        ({"title": "t", "text": "body", "published": "0001-01-01"}, InvalidValue),
        ({"title": "t", "text": "   "}, EmptyInput),
        ({"title": "t"}, MissingField),
    ],
)
def test_bad_json_fields(tmp_path: Path, obj: dict[str, object], error: type[Exception]) -> None:
    f = tmp_path / "a.json"
    f.write_text(json.dumps(obj), encoding="utf-8")
    assert type(_error(f)) is error


def test_json_timestamp_is_cut_to_its_date(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(
        json.dumps({"title": "t", "text": "body", "published": "2024-03-01T10:00:00Z"}), encoding="utf-8"
    )
    assert _one(f).published == "2024-03-01"


def test_feed_and_warc_go_to_their_readers(tmp_path: Path) -> None:
    """.rss/.xml feeds and .warc files are handed to ingest.feeds / ingest.warc: articles when those
    readers exist, a clear UnsupportedFormat (never an ImportError) when they do not."""
    import importlib.util

    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>'
        "<item><title>Item one</title><link>https://x.example/1</link>"
        "<description>The ministry said 4 people were hurt in the blast on Monday, and the police "
        "said they had arrested two suspects near the market.</description></item></channel></rss>"
    )
    has_feeds = importlib.util.find_spec("counterclaim.ingest.feeds") is not None
    for name in ("f.rss", "f.xml"):
        (tmp_path / name).write_text(rss, encoding="utf-8")
        items = list(read_path(tmp_path / name))
        if has_feeds:
            assert [a.title for a in items if isinstance(a, Article)] == ["Item one"], items
        else:
            assert [type(i) for i in items] == [UnsupportedFormat]
    warc = tmp_path / "w.warc"
    warc.write_bytes(b"")
    for item in read_path(warc):
        assert not isinstance(item, Article)
        assert isinstance(item, UnsupportedFormat | EmptyInput | MalformedInput), item


def test_jsonl_limit_applies_per_line(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    small = json.dumps({"title": "Small", "text": "The army said it held the bridge."})
    huge = json.dumps({"title": "Huge", "text": "word " * 400})
    f.write_text(f"{small}\n{huge}\n{small}\n", encoding="utf-8")
    items = list(read_path(f, max_bytes=1000))
    assert [type(i) for i in items] == [Article, InputTooLarge, Article]
    assert items[1].source.endswith("many.jsonl:2")  # type: ignore[union-attr]


def test_jsonl_lines_in_a_legacy_encoding(tmp_path: Path) -> None:
    f = tmp_path / "legacy.jsonl"
    line = '{"title": "Caf\u00e9 shelled", "text": "The caf\u00e9 owner said 3 people were hurt."}\n'
    f.write_bytes(line.encode("cp1252"))
    art = _one(f)
    assert art.text.startswith("The caf\u00e9 owner") and art.encoding == "cp1252"


def test_html_may_be_larger_than_the_text_limit() -> None:
    size = (DATA / "page.html").stat().st_size
    assert isinstance(_one(DATA / "page.html", max_bytes=size // 2), Article)  # markup allowance
    assert isinstance(_error(DATA / "page.html", max_bytes=size // 8), InputTooLarge)


def test_empty_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "blank.jsonl"
    f.write_text("\n\n  \n", encoding="utf-8")
    assert isinstance(_error(f), EmptyInput)
