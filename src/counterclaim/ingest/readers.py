"""Readers: turn files, folders, JSON(L), HTML pages and standard input into ``Article``s.

    for item in read_paths(["a.txt", "folder/", "batch.jsonl", "-"]):
        ...  # an Article, or the InputError that item raised (in input order)

Formats, by file name (content sniffed for standard input and unknown names):

- ``.txt``: the first non-empty line is the title, the remaining lines (stripped, plus "\\n") the text.
- ``.html``/``.htm``: main text and metadata extracted by trafilatura.
- ``.json``: one object (or a list of objects) with ``title``, ``text``, optional ``url``,
  ``outlet``, ``published``; ``.jsonl``: one such object per line.
- ``.rss``/``.atom`` (and ``.xml`` whose root is ``<rss>``/``<feed>``): ``ingest.feeds.read_feed``;
  ``.warc``/``.warc.gz``: ``ingest.warc.read_warc``.

Bytes that are not UTF-8 are decoded with charset-normalizer and the article records the encoding
(``check_article`` turns it into a warning). Bad items become numbered ``InputError``s naming the
file (and line); a bulk run reports and skips them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import (
    BinaryInput,
    CounterclaimError,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    InvalidValue,
    MalformedInput,
    MissingField,
    NoArticleFound,
    UnsupportedFormat,
)
from ..records import Article
from . import checks, files

Item = Article | InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")
XML_SUFFIXES = (".xml",)
# what a folder walk picks up (an explicit file of another name is read with its content sniffed)
KNOWN_SUFFIXES = (
    (".txt",) + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + XML_SUFFIXES
)
# Legacy encodings preferred when charset-normalizer finds several equally clean decodings:
# English news not in UTF-8 is nearly always Windows-1252 (a superset of Latin-1's printable set).
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
HTML_RAW_FACTOR = 4  # an HTML file may be this many times the text limit
MIN_HTML_WORDS = 12  # less extracted text than this is a menu or a stub, not an article
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(slots=True, frozen=True)
class Overrides:
    """Metadata given on the command line; it wins over what the file says."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    def apply(self, article: Article) -> Article:
        if self.published:
            article.published = self.published
            article.published_source = "metadata"
            article.published_reason = "given on the command line"
        if self.outlet:
            article.outlet = self.outlet
        if self.url:
            article.url = self.url
        return article


def read_paths(
    paths: Iterable[str | Path],
    *,
    overrides: Overrides | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every article in these paths (files, folders walked in name order, ``-`` for standard
    input), in order; an unreadable item is yielded as its ``InputError`` in its place."""
    for p in paths:
        yield from read_path(p, overrides=overrides, max_bytes=max_bytes, stdin=stdin)


def read_path(
    path: str | Path,
    *,
    overrides: Overrides | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """The articles in one path (see ``read_paths``)."""
    ov = overrides or Overrides()
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _guard(lambda: _read_stdin(stream, max_bytes), "-", ov)
        return
    p = Path(path)
    if p.is_dir():
        # every entry with an article file's name that is not a folder: FIFOs, devices, sockets
        # and dangling links come out as their numbered errors (listed as skipped), never read
        files = sorted(f for f in p.rglob("*") if _wanted(f, p) and not f.is_dir())
        if not files:
            yield InputNotFound(
                "the folder holds no article files (.txt, .html, .json, .jsonl ...)", source=str(p)
            )
        for f in files:
            yield from _guard(lambda f=f: _read_file(f, max_bytes), str(f), ov)
        return
    yield from _guard(lambda: _read_file(p, max_bytes), str(p), ov)


def count_items(paths: Iterable[str | Path]) -> int | None:
    """About how many items ``read_paths`` will yield for ``paths``, for a progress bar: one per
    file and one per non-blank JSONL line, without reading any article (a .json list counts as
    one). None when it cannot be told in advance: standard input, feeds, WARC files, or a folder
    that cannot be walked (reading it reports that)."""
    try:
        return _count(paths)
    except OSError:
        return None


def _count(paths: Iterable[str | Path]) -> int | None:
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file() and _wanted(f, p)) if p.is_dir() else [p]
        for f in files:
            suffix = _suffix(f)
            if suffix in WARC_SUFFIXES or suffix in FEED_SUFFIXES or suffix in XML_SUFFIXES:
                return None
            if suffix in JSONL_SUFFIXES and f.is_file():
                try:
                    with f.open("rb") as lines:
                        total += sum(1 for line in lines if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _wanted(f: Path, root: Path) -> bool:
    """Folder walks take known article files and skip hidden ones."""
    rel = f.relative_to(root)
    return not any(part.startswith(".") for part in rel.parts) and _suffix(f) in KNOWN_SUFFIXES


def _guard(produce: Callable[[], Iterator[Item]], source: str, ov: Overrides) -> Iterator[Item]:
    """Run a reader, turning its errors into items (a reader may fail after yielding some)."""
    try:
        for item in produce():
            yield ov.apply(item) if isinstance(item, Article) else item
    except InputError as exc:
        yield exc
    except CounterclaimError as exc:
        yield MalformedInput(exc.message, source=exc.source or source)
    except OSError as exc:
        yield InputNotFound(f"cannot read it: {exc.strerror or exc}", source=source)


def _suffix(p: Path) -> str:
    name = p.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else p.suffix.lower()


def _read_file(p: Path, max_bytes: int | None) -> Iterator[Item]:
    st = files.check_regular(p)  # a FIFO, device or socket is refused before anything opens it
    suffix = _suffix(p)
    if suffix in WARC_SUFFIXES:
        yield from _delegate("warc", "read_warc", p)
        return
    if suffix in FEED_SUFFIXES:
        yield from _delegate("feeds", "read_feed", p)
        return
    limit = max_bytes or checks.max_bytes()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(p, limit)  # streamed: the limit applies to each line
        return
    # a page carries markup besides its text: allow it more bytes (its text is checked later)
    raw_limit = limit * HTML_RAW_FACTOR if suffix in HTML_SUFFIXES else limit
    if st.st_size > raw_limit:
        raise InputTooLarge(
            f"the file is {checks.human_size(st.st_size)}, over the {checks.human_size(raw_limit)} limit "
            "(raise it with --max-size or COUNTERCLAIM_MAX_BYTES)",
            source=str(p),
        )
    data = files.read_capped(p, raw_limit)  # bounded by what is read, not by what stat said
    if suffix in XML_SUFFIXES:
        if _is_feed(data):
            yield from _delegate("feeds", "read_feed", p)
            return
        raise UnsupportedFormat("an XML file that is not an RSS or Atom feed", source=str(p))
    yield from parse_bytes(data, source=str(p), kind=_kind(suffix))


def _kind(suffix: str) -> str | None:
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None  # sniff the content


def _read_stdin(stream: BinaryIO, max_bytes: int | None) -> Iterator[Item]:
    limit = max_bytes or checks.max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(f"standard input is over the {checks.human_size(limit)} limit", source="-")
    yield from parse_bytes(data, source="-", kind=None)


def _delegate(module: str, func: str, p: Path) -> Iterator[Item]:
    """Hand feeds and WARC files to their readers, imported only when needed."""
    import importlib  # noqa: PLC0415

    try:
        reader = getattr(importlib.import_module(f"{__package__}.{module}"), func)
    except (ImportError, AttributeError) as exc:
        raise UnsupportedFormat(
            f"reading {_suffix(p)} files needs ingest/{module}.py ({exc})", source=str(p)
        ) from exc
    yield from reader(p) if module == "warc" else reader(str(p))


def _is_feed(data: bytes) -> bool:
    head = data[:2048].decode("utf-8", "replace")
    head = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S).lstrip()
    return bool(re.match(r"<(?:\w+:)?(rss|feed|rdf:RDF)\b", head))


def parse_bytes(data: bytes, *, source: str, kind: str | None = None) -> Iterator[Item]:
    """The articles in raw bytes of the given kind ('txt', 'html', 'json', 'jsonl'; None sniffs)."""
    if not data.strip():
        raise EmptyInput("the input is empty", source=source)
    text, encoding = decode(data, source=source)
    if kind is None or (kind == "json" and sniff(text) == "jsonl"):
        kind = sniff(text)  # unnamed input, or a .json file that holds JSON Lines
    if kind == "html":
        yield _stamp(parse_html(text, source=source), encoding)
    elif kind == "json":
        for art in parse_json(text, source=source):
            yield _stamp(art, encoding)
    elif kind == "jsonl":
        for item in parse_jsonl(text, source=source):
            yield _stamp(item, encoding) if isinstance(item, Article) else item
    else:
        yield _stamp(parse_txt(text, source=source), encoding)


def _stamp(article: Article, encoding: str | None) -> Article:
    article.encoding = encoding
    return article


def decode(data: bytes, *, source: str) -> tuple[str, str | None]:
    """(text, legacy encoding or None for UTF-8). Raises ``BinaryInput`` for bytes that are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise(data.decode("utf-16")), None
        except UnicodeDecodeError as exc:  # a UTF-16 byte order mark, then no UTF-16 (odd length ...)
            why = f"starts as UTF-16 but is not valid UTF-16 ({exc.reason})"
            raise BinaryInput(why, source=source) from exc
    if b"\x00" in data[:8192]:
        raise BinaryInput("binary data (NUL bytes), not a text article", source=source)
    try:
        return _normalise(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415

    matches = list(from_bytes(data))
    if not matches:
        raise BinaryInput("not text in any known encoding", source=source)
    cleanest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= cleanest]
    # a match stands for every encoding that decodes the bytes to the same text
    for enc in PREFERRED_LEGACY:
        for m in tied:
            if enc in (m.encoding, *m.could_be_from_charset):
                return _normalise(str(m)), enc
    return _normalise(str(tied[0])), tied[0].encoding


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff(text: str) -> str:
    """Guess the kind of an unnamed input: 'json', 'jsonl', 'html' or 'txt'."""
    head = text.lstrip()[:512].lower()
    if head.startswith("{"):
        lines = [ln for ln in text.strip().split("\n") if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
            try:
                json.loads(text)
                return "json"
            except (ValueError, RecursionError):
                return "jsonl"
        return "json"
    if head.startswith("["):
        return "json"
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|article|p|div)\b", head):
        return "html"
    return "txt"


def parse_txt(text: str, *, source: str) -> Article:
    """First non-empty line is the title; the rest, stripped, plus a trailing newline, the text."""
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise EmptyInput("the file is empty", source=source)
    body = "\n".join(lines[first + 1 :]).strip()
    if not body:
        raise EmptyInput("the file has a title line but no article text after it", source=source)
    return Article.make(body + "\n", title=lines[first].strip(), source=source)


def parse_html(html: str, *, source: str) -> Article:
    """Main text and metadata (title, date, site name, canonical URL) by trafilatura."""
    import trafilatura  # noqa: PLC0415 (slow import, only for HTML)

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise MalformedInput(f"cannot parse the HTML ({type(exc).__name__}: {exc})", source=source) from exc
    if doc is None:
        raise NoArticleFound("the page has no article text that could be extracted", source=source)
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (meta.get("text") or "").strip()
    if len(body.split()) < MIN_HTML_WORDS or not re.search(r"[.!?\"\u201d]", body):
        # what is left is navigation or a stub, not prose
        raise NoArticleFound("the page has no article text that could be extracted", source=source)
    # one paragraph per line in trafilatura's text; a blank line between them, as in .txt files
    paras = [ln.strip() for ln in body.split("\n") if ln.strip()]
    title = (meta.get("title") or "").strip()
    if not title and len(paras) > 1:
        title = paras.pop(0)  # no <title> or headline: the first line stands in, as for .txt
    elif len(paras) > 1 and _same_words(paras[0], title):
        paras.pop(0)  # the page's <h1> repeats the title
    body = "\n\n".join(paras)
    published = meta.get("date")
    if isinstance(published, str) and ISO_DATE.match(published):
        try:  # a page's own date that cannot be (2020-02-30, year 9999) is left out, not trusted
            published = checks.valid_date(published, partial=True)
        except InvalidValue:
            published = None
    return Article.make(
        body + "\n",
        title=title,
        url=meta.get("url") or None,
        outlet=meta.get("sitename") or None,
        published=published if isinstance(published, str) and ISO_DATE.match(published) else None,
        source=source,
    )


def parse_json(text: str, *, source: str) -> Iterator[Article]:
    """A ``.json`` file: one article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"malformed JSON: {exc}", source=source) from exc
    except (ValueError, RecursionError) as exc:  # nested thousands deep, or a 5000-digit number
        why = f"malformed JSON: {type(exc).__name__}: {str(exc)[:120]}"
        raise MalformedInput(why, source=source) from exc
    if isinstance(data, list):
        for i, obj in enumerate(data):
            yield article_from_object(obj, source=f"{source}[{i}]")
    else:
        yield article_from_object(data, source=source)


def parse_jsonl(text: str, *, source: str) -> Iterator[Item]:
    """A ``.jsonl`` file: one article object per line; a bad line is yielded as its error."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_line(line, f"{source}:{n}")


def _jsonl_line(line: str, where: str) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedInput(f"line is not JSON (column {exc.colno}: {exc.msg})", source=where)
    except (ValueError, RecursionError) as exc:  # nested thousands deep, or a 5000-digit number
        return MalformedInput(f"line is not JSON ({type(exc).__name__}: {str(exc)[:120]})", source=where)
    try:
        return article_from_object(obj, source=where)
    except InputError as exc:
        return exc


def _read_jsonl_file(p: Path, limit: int) -> Iterator[Item]:
    """A JSONL file read line by line, so a file of many articles is never held whole; a line
    over the size limit is an error for that line only."""
    seen = False
    with files.open_regular(p) as f:
        for n, raw in files.bounded_lines(f, limit):
            where = f"{p}:{n}"
            if raw is None:
                seen = True
                yield InputTooLarge(f"the line is over the {checks.human_size(limit)} limit", source=where)
                continue
            if not raw.strip():
                continue
            seen = True
            try:
                line, encoding = decode(raw, source=where)
            except InputError as exc:
                yield exc
                continue
            item = _jsonl_line(line, where)
            yield _stamp(item, encoding) if isinstance(item, Article) else item
    if not seen:
        raise EmptyInput("the input is empty", source=str(p))


def article_from_object(obj: Any, *, source: str) -> Article:
    """An article from a JSON object with ``title``, ``text`` and optional metadata."""
    if not isinstance(obj, dict):
        raise MalformedInput(
            f"expected a JSON object with 'title' and 'text', got {type(obj).__name__}", source=source
        )
    text = obj.get("text")
    if text is None:
        raise MissingField("the object has no 'text' field", source=source)
    if not isinstance(text, str):
        raise MalformedInput("'text' must be a string", source=source)
    title = obj.get("title") or ""
    if not isinstance(title, str):
        raise MalformedInput("'title' must be a string", source=source)
    meta: dict[str, str | None] = {}
    for key in ("url", "outlet", "published"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedInput(f"'{key}' must be a string", source=source)
        meta[key] = value or None
    published = meta["published"]
    if published:  # a real calendar day in range (2020-02-30 and 9999-12-31 are refused, E023)
        published = checks.valid_date(published, what="'published'", source=source, partial=True)
    for key, value in (("text", text), ("title", title), *meta.items()):
        if value:
            checks.require_unicode(value, what=f"'{key}'", source=source)  # JSON "\ud800" escapes
    body = _normalise(text).strip()
    if not body:
        raise EmptyInput("the object's 'text' is empty", source=source)
    return Article.make(
        body + "\n",
        title=title.strip(),
        url=meta["url"],
        outlet=meta["outlet"],
        published=published,
        source=source,
    )


def _same_words(a: str, b: str) -> bool:
    """Equal up to case, punctuation and spacing."""
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())
