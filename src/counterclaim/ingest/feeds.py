"""RSS and Atom feeds: each entry becomes an ``Article`` (feedparser does the parsing).

    for item in read_feed("world.rss"):                       # a local file
    for item in read_feed("https://example.org/feed", allow_network=True):

A URL is fetched only with ``allow_network=True``, only over http(s), never to a loopback,
private, link-local or otherwise reserved address (checked for the first host and for every
redirect), with a time limit, a size limit and at most ``MAX_REDIRECTS`` redirects. The entry's
HTML content (or its summary when the feed carries no content) is turned into plain text, one
paragraph per line. An entry without text is yielded as an ``EmptyInput`` naming the feed and
the entry, so the other entries still come through.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import EmptyInput, InputError, InputNotFound, InputTooLarge, MalformedInput, UnsupportedFormat
from ..records import Article
from . import checks, files

TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 3
USER_AGENT = "counterclaim-feed-reader/0.1"

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "pre",
    "ul",
    "ol",
    "table",
}
_SKIP_TAGS = {"script", "style", "noscript", "template"}


class _Text(HTMLParser):
    """HTML to text: block elements end a paragraph, scripts and styles are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, one paragraph per line (blank line between), or ''."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n")]
    paras = [ln for ln in lines if ln]
    return "\n\n".join(paras) + "\n" if paras else ""


def _is_url(s: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", s))


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse what a feed fetch must never reach: non-http(s) schemes, and non-public addresses
    unless ``allow_private`` (a feed server on the user's own machine or network)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsupportedFormat(
            f"only http and https feeds can be fetched, not {parts.scheme}://", source=url
        )
    host = parts.hostname
    if not host:
        raise MalformedInput("the URL has no host", source=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise InputNotFound(f"cannot resolve {host}: {exc}", source=url) from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise InputError(f"refusing to fetch from a non-public address ({ip})", source=url)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``MAX_REDIRECTS`` redirects, each to a checked public http(s) address."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, *, allow_private: bool = False) -> None:
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str, *, max_bytes: int | None = None, timeout: float = TIMEOUT_SECONDS, allow_private: bool = False
) -> bytes:
    """The body at a public http(s) URL (any address with ``allow_private``), within the size and
    time limits. ``timeout`` bounds each socket operation and also the whole fetch, so a server
    that drips bytes cannot hold it."""
    check_url(url, allow_private=allow_private)
    limit = max_bytes or checks.max_bytes()
    opener = urllib.request.build_opener(_Redirects(allow_private=allow_private))
    req = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*"}
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(req, timeout=timeout) as resp:
            parts: list[bytes] = []
            size = 0
            while size <= limit:
                chunk = resp.read1(min(1 << 16, limit + 1 - size))  # what has arrived, not a full block
                if not chunk:
                    break
                parts.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise InputNotFound(f"the server took over {timeout:g} s to send the feed", source=url)
            data = b"".join(parts)
    except urllib.error.HTTPError as exc:
        raise InputNotFound(f"the server answered {exc.code} {exc.reason}", source=url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise InputNotFound(f"cannot fetch it: {getattr(exc, 'reason', exc)}", source=url) from exc
    if len(data) > limit:
        raise InputTooLarge(f"the feed is over the {checks.human_size(limit)} limit", source=url)
    return data


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        day = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (AttributeError, ValueError):
        return None
    return day.isoformat() if checks.MIN_DATE <= day <= checks.MAX_DATE else None


def read_feed(
    path_or_url: str, *, allow_network: bool = False, allow_private: bool = False
) -> Iterator[Article | InputError]:
    """The entries of an RSS or Atom feed (file or URL) as articles, bad entries as errors. A URL
    is fetched only with ``allow_network``; loopback and private addresses only with
    ``allow_private`` too."""
    import feedparser  # noqa: PLC0415 - only needed for feeds

    source = str(path_or_url)
    if _is_url(source):
        if not allow_network:
            raise InputError("fetching a feed over the network is off (allow it explicitly)", source=source)
        data = fetch(source, allow_private=allow_private)
    else:
        data = files.read_capped(Path(source), checks.max_bytes(), what="the feed")
    if not data.strip():
        raise EmptyInput("the feed is empty", source=source)
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises assorted errors on hostile markup (e.g. '&#x110000;')
        why = f"{type(exc).__name__}: {exc}"
        raise MalformedInput(f"not a readable RSS or Atom feed ({why})", source=source) from exc
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        if parsed.get("bozo") or not parsed.get("version"):
            raise MalformedInput(f"not a readable RSS or Atom feed{why}", source=source)
        raise EmptyInput("the feed has no entries", source=source)
    outlet = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#entry{n}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry.content), key=len)
        if not html.strip():
            html = entry.get("summary") or entry.get("description") or ""
        text = html_to_text(html)
        title = html_to_text(entry.get("title") or "").strip()
        if not text.strip():
            yield EmptyInput("the feed entry has no text", source=where)
            continue
        yield Article.make(
            text,
            title=title,
            url=entry.get("link") or None,
            outlet=outlet,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            source=where,
        )
