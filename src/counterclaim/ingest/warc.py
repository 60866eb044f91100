"""WARC archives (.warc, .warc.gz): each HTML response record becomes an ``Article``.

Records are read with warcio; only ``response`` records with an HTTP 2xx status and an HTML
content type are articles (requests, metadata, images and redirects are passed over). The main
text and metadata come from trafilatura, as for an .html file; the record's target URI stands in
when the page names no URL of its own. A record that cannot be read or holds no article is
yielded as an ``InputError`` naming the file and the record (its number and URI), so the rest of
the archive still comes through; an archive that is not a WARC at all raises ``MalformedInput``.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, InputTooLarge, MalformedInput
from ..records import Article
from . import checks, files

HTML_TYPES = ("text/html", "application/xhtml+xml")
DRAIN_CHUNK = 1 << 16  # bytes read at a time when a record's payload is skipped


def read_warc(path: str | Path) -> Iterator[Article | InputError]:
    """The HTML pages archived in a WARC file as articles; bad records as errors."""
    p = Path(path)
    # one open of a checked regular file (a FIFO or device is refused before it can block)
    with files.open_regular(p) as stream:
        _sniff(stream, p)
        yield from _records(stream, p, os.fstat(stream.fileno()).st_size)


def _records(stream: BinaryIO, p: Path, size: int) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - only needed for WARC
    from warcio.exceptions import ArchiveLoadFailed  # noqa: PLC0415

    from .readers import decode, parse_html  # noqa: PLC0415 - the .html reader, reused

    limit = checks.max_bytes()
    n = 0
    end = 0  # where the last whole record ended
    try:
        records = ArchiveIterator(stream)
        for record in records:
            n += 1
            item = _article(record, p, n, limit, decode, parse_html)
            # read to the record's end: its length tells whether anything is cut short
            cut = _cut_short(record)
            end = records.get_record_offset() + records.get_record_length()
            if cut:
                yield MalformedInput(
                    "the record is cut short (the archive is truncated)", source=_where(p, n, record)
                )
            elif item is not None:
                yield item
    except ArchiveLoadFailed as exc:
        raise MalformedInput(f"not a readable WARC file (after {n} record(s)): {exc}", source=str(p)) from exc
    except (OSError, EOFError, ValueError) as exc:
        raise MalformedInput(f"the WARC file is damaged after record {n}: {exc}", source=str(p)) from exc
    if end < size and not _only_padding(stream, end, size):
        raise MalformedInput(
            f"{size - end} byte(s) after record {n} are not a readable record "
            "(the archive is truncated or damaged)",
            source=str(p),
        )


def _only_padding(stream: BinaryIO, start: int, size: int) -> bool:
    """True when what follows the last record is just the blank lines that close it."""
    if size - start > 64:
        return False
    stream.seek(start)
    return not stream.read(64).strip()


def _where(p: Path, n: int, record: Any) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return f"{p}#record{n}" + (f" ({uri})" if uri else "")


def _cut_short(record: Any) -> bool:
    """True when the record's block holds fewer bytes than its Content-Length promised."""
    try:
        content = record.content_stream()
        while content.read(DRAIN_CHUNK):  # drained a chunk at a time: a huge payload is never held
            pass
    except Exception:  # a damaged payload is as good as cut short
        return True
    raw = record.raw_stream
    while hasattr(raw, "stream") and not hasattr(raw, "limit"):
        raw = raw.stream
    return bool(getattr(raw, "limit", 0))


def _sniff(stream: BinaryIO, p: Path) -> None:
    """Raise ``MalformedInput`` unless the file (gzipped or not) starts with a WARC record; the
    stream is left at its start."""
    try:
        head = stream.read(2)
        stream.seek(0)
        gzipped = head == b"\x1f\x8b"
        head = gzip.GzipFile(fileobj=stream, mode="rb").read(8) if gzipped else stream.read(8)
        stream.seek(0)
    except (OSError, EOFError) as exc:
        raise MalformedInput(f"cannot read it as a WARC file: {exc}", source=str(p)) from exc
    if not head.startswith(b"WARC/"):
        raise MalformedInput("not a WARC file (it does not start with a WARC/1.x record)", source=str(p))


def _article(
    record: Any, p: Path, n: int, limit: int, decode: Any, parse_html: Any
) -> Article | InputError | None:
    """The article in one record, the error that record raises, or None for records that are no page."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is None:
        return None
    where = _where(p, n, record)
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    status = (http.get_statuscode() or "").strip()
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not status.startswith("2") or ctype not in HTML_TYPES:
        return None
    try:
        body = record.content_stream().read(limit + 1)
    except Exception as exc:  # warcio raises assorted decoding errors on damaged payloads
        return MalformedInput(f"cannot read the record's payload ({type(exc).__name__}: {exc})", source=where)
    if len(body) > limit:
        return InputTooLarge(f"the page is over the {checks.human_size(limit)} limit", source=where)
    try:
        html, _encoding = decode(body, source=where)
        article = parse_html(html, source=where)
    except InputError as exc:
        return exc
    if not article.url and uri:
        article.url = uri
    return article
