"""Cross-site request forgery: state-changing requests must come from the app's own pages.

    app = SameOrigin(app)        # ASGI middleware, outermost

A page on another site can make a visitor's browser POST to the app (a form that submits itself),
with the visitor's network position: on ``counterclaim serve`` at 127.0.0.1 it would store
whatever it liked. Browsers say where such a request comes from: ``Origin`` on every POST (``null``
when the sending page hides it), else ``Referer``. So:

- a POST, PUT, PATCH or DELETE whose ``Origin`` (or, without one, ``Referer``) names another
  host than the request's own ``Host`` is refused with 403 (E024), and so is ``Origin: null``;
- a request that writes (``store=1`` on ``/analyze``) must *prove* it is same-origin: the route
  calls ``require_same_origin`` before writing, which refuses it (403, E024) without a matching
  ``Origin`` or ``Referer`` (a browser always sends one of them; a script that stores sends
  ``Origin``);
- a POST with neither header that does not write (``curl -F text=@a.txt .../analyze``) passes:
  no browser sends that, so no other site can forge it.

The app's pages are served with ``Referrer-Policy: same-origin`` so that the browser sends the
real ``Origin`` on the app's own form posts (with ``no-referrer`` it sends ``Origin: null``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from ..errors import CrossSiteRequest

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
SCOPE_KEY = "counterclaim.same_origin"  # set on every request: True when proven same-origin


def _host_port(netloc: str, scheme: str) -> tuple[str, int | None]:
    """('host', port) of a netloc, lower-cased, with the scheme's default port filled in."""
    parts = urlsplit(f"//{netloc}")
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: matches nothing
        return netloc.lower(), -1
    return (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(scheme)


def same_origin(url: str, host: str, scheme: str) -> bool:
    """True when ``url`` (an Origin or Referer value) names the host:port the request was sent to.
    The scheme may differ (a TLS proxy in front of the app), the host and port may not."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    theirs = _host_port(parts.netloc, parts.scheme)
    ours = _host_port(host, scheme)
    if theirs[0] != ours[0]:
        return False
    # same host: the port must match, counting the default port of either scheme
    return theirs[1] == ours[1] or (
        parts.scheme != scheme and theirs[1] == DEFAULT_PORTS.get(parts.scheme) and ours[1] in (80, 443)
    )


def verdict(method: str, headers: dict[bytes, bytes], scheme: str) -> tuple[str | None, bool]:
    """(why the request must be refused or None, whether it proved to be same-origin)."""
    if method.upper() not in UNSAFE:
        return None, False
    host = headers.get(b"host", b"").decode("latin-1")
    origin = headers.get(b"origin")
    referer = headers.get(b"referer")
    if origin is not None:
        value = origin.decode("latin-1").strip()
        if value == "null":
            return "the request comes from a page that hides its origin (Origin: null)", False
        if not same_origin(value, host, scheme):
            return f"the request comes from another site ({value[:100]})", False
        return None, True
    if referer is not None:
        value = referer.decode("latin-1").strip()
        if not same_origin(value, host, scheme):
            return f"the request comes from another site (Referer: {urlsplit(value).netloc[:100]})", False
        return None, True
    return None, False  # no browser sends neither: let it through, but it proves nothing


class SameOrigin:
    """ASGI middleware: refuses cross-site state-changing requests with a 403 page (E024) and
    marks the others in ``scope[SCOPE_KEY]`` (True when proven same-origin), for
    ``require_same_origin`` on the routes that write."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        why, proven = verdict(scope.get("method", "GET"), headers, scope.get("scheme", "http"))
        if why is not None:
            await _refuse(scope, send, why)
            return
        scope[SCOPE_KEY] = proven
        await self.app(scope, receive, send)


def require_same_origin(request: Any) -> None:
    """Raise ``CrossSiteRequest`` unless the request proved it comes from the app's own pages
    (call it before any write)."""
    if not request.scope.get(SCOPE_KEY, False):
        raise CrossSiteRequest(
            "refused: a request that stores must say where it comes from (an Origin or Referer "
            "header naming this server; the app's own form sends one)",
            source=request.url.path,
        )


async def _refuse(scope: Scope, send: Send, why: str) -> None:
    from html import escape  # noqa: PLC0415

    err = CrossSiteRequest(f"refused: {why}", source=scope.get("path", ""))
    page = (
        "<!doctype html><html><head><meta charset=utf-8><title>Refused</title></head><body>"
        f"<h1>Refused</h1><p>[{err.code}] {escape(err.message)}</p></body></html>"
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(page)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": page})


__all__ = ["SCOPE_KEY", "SameOrigin", "require_same_origin", "same_origin", "verdict"]
