"""The web face: FastAPI with server-rendered Jinja2 pages over a store.

    from counterclaim.web.app import create_app
    app = create_app("counterclaim.db", read_only=True)

Pages: articles, one article, entities, one entity, the claims explorer (chart, table, CSV),
contradictions, stories, search and analyze. The store is a SQLite file or a PostgreSQL URL, reached
only through the ``Store`` interface: reads through one read-only store, and the only write, storing
a pasted article when asked, through a writable one (never with ``read_only``). Article data is
untrusted: templates autoescape, highlighted text is escaped per segment (``render.py``), the
Content-Security-Policy forbids inline scripts, and request bodies are size-limited.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..compare.stories import story_of
from ..errors import CounterclaimError, CrossSiteRequest, InputError, NotFoundInStore, StoreError
from ..export import Tables, defuse
from ..records import Analysis, CanonicalEntity, Party
from ..store import SUMMARY_LIMIT, Store, is_url, open_store, redact
from . import worker
from .index import FILTERS, ClaimFilter, WebIndex, build_index
from .render import chart, highlight, snippet, speaker_class
from .security import SameOrigin, require_same_origin

HERE = Path(__file__).parent
MAX_BODY = 2 * 1024 * 1024  # bytes accepted in one request (form or upload)
PER_PAGE = 50
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CATEGORIES = (
    "killed",
    "wounded",
    "casualties",
    "missing",
    "captured",
    "displaced",
    "damaged",
    "destroyed",
    "other",
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class Limits:
    """ASGI middleware: security headers on every response, and request bodies capped at ``max_body``."""

    def __init__(self, app: Any, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await PlainTextResponse("request too large", status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> MutableMapping[str, Any]:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.max_body:
                raise HTTPException(413, "request too large")
            return msg

        async def with_headers(msg: MutableMapping[str, Any]) -> None:
            if msg["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    # same-origin, not no-referrer: browsers then send the real Origin with the
                    # app's own form posts, which the CSRF check needs (web/security.py)
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                msg["headers"] = [*msg.get("headers", []), *extra]
            await send(msg)

        await self.app(scope, limited, with_headers)


class WebState:
    """The store, the web index built from it and the cross-article tables, rebuilt when the store changes.

    One store is opened read-only for every read; a second, writable one is opened only when the
    analyze form asks to store an article (never with ``read_only``). The store is a file path or
    a database URL and is only reached through the ``Store`` interface.
    """

    def __init__(self, location: str | Path, *, read_only: bool, index_path: str | None = None) -> None:
        loc = str(location)
        self.location = loc if is_url(loc) else str(Path(loc).resolve())
        self.shown = redact(self.location)  # for pages, logs and the index file name: no password
        self.read_only = read_only
        if not is_url(loc) and not Path(self.location).is_file():
            if read_only:
                raise NotFoundInStore("no store here (run `counterclaim ingest` first)", source=loc)
            open_store(self.location).close()  # creates an empty store
        elif is_url(loc) and not read_only:
            open_store(self.location).close()  # creates (or migrates) the tables before reading them
        self.store: Store = open_store(self.location, read_only=True)
        self._writer: Store | None = None
        self._closed = False
        tag = hashlib.sha1(self.shown.encode()).hexdigest()[:12]
        self.index_path = index_path or str(Path(tempfile.gettempdir()) / f"counterclaim-web-{tag}.sqlite")
        self.index = WebIndex(self.index_path)
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._sig: str | None = None
        self._tables: Tables | None = None
        try:
            self.refresh()
        except BaseException:
            self.store.close()
            raise

    def refresh(self, *, force: bool = False) -> None:
        """Rebuild the index (and drop the cached tables) when the store has changed since."""
        sig = self.store.signature()
        if not force and sig == self._sig:
            return
        with self._lock:
            if force or sig != self._sig:
                build_index(self.store, self.index_path)
                self._tables = None
                self._sig = sig

    def get(self, article_id: str) -> Analysis:
        """A stored analysis; raises ``NotFoundInStore``."""
        return self.store.get(article_id)

    def articles(self) -> list[dict[str, Any]]:
        """Every article's id, title, outlet, date and record counts, newest first (at most 500)."""
        return self.store.article_summaries(limit=SUMMARY_LIMIT)

    def tables(self) -> Tables:
        """Entities, stories, series and contradictions across the store (computed once per change)."""
        self.refresh()
        with self._lock:
            if self._tables is None:
                self._tables = Tables(list(self.store.analyses()))
            return self._tables

    def save(self, analysis: Analysis) -> None:
        """Store an analysis through the writable store; refused (``StoreError``) when read-only."""
        if self.read_only:
            raise StoreError("this server is read-only: nothing is stored", source=self.shown)
        with self._write_lock:
            if self._writer is None:
                self._writer = open_store(self.location)
            self._writer.upsert(analysis)
        self.refresh(force=True)

    def open(self) -> None:
        """Reopen the read-only store if ``close`` closed it."""
        with self._lock:
            if self._closed:
                self.store = open_store(self.location, read_only=True)
                self._closed = False

    def close(self) -> None:
        """Close the stores and this thread's index connection (idempotent)."""
        with self._lock:
            if not self._closed:
                self.store.close()
                self._closed = True
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        self.index.close()


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["speaker_class"] = speaker_class
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (so ``javascript:`` and friends never become links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _iso(value: str) -> str:
    """An ISO date from a query parameter, or '' when it is not one."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat() if value.strip() else ""
    except ValueError:
        return ""


def _entity_matches(t: Tables, ce: CanonicalEntity | None, name: str) -> dict[str, list[Any]]:
    """Quotes, figures and events across the store whose party is ``ce`` (or, without one, named ``name``)."""
    key = name.strip().lower()

    def hit(aid: str, p: Party | None) -> bool:
        if p is None:
            return False
        if ce is not None:
            found = t.index.party(aid, p)
            return found is not None and found.id == ce.id
        return p.name.strip().lower() == key

    out: dict[str, list[Any]] = {"quotes": [], "figures": [], "acts": [], "targeted": []}
    for a in t.analyses:
        aid = a.article.id
        out["quotes"] += [(a, i, q) for i, q in enumerate(a.quotes) if hit(aid, q.speaker)]
        out["figures"] += [(a, i, f) for i, f in enumerate(a.figures) if hit(aid, f.claimant)]
        for i, e in enumerate(a.events):
            if any(hit(aid, p) for p in [e.actor, *e.actors]):
                out["acts"].append((a, i, e))
            if any(hit(aid, p) for p in [e.target, *e.targets]):
                out["targeted"].append((a, i, e))
    return out


def create_app(location: str | Path, *, read_only: bool = False, index_path: str | None = None) -> FastAPI:
    """The web app over the store at ``location`` (a SQLite file path or a database URL such as
    ``postgresql://user@host/db``); ``read_only`` forbids storing analysed articles."""
    state = WebState(location, read_only=read_only, index_path=index_path)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.open()  # again, when an app is started after a stop
        yield
        state.close()  # the server is stopping: release the store's connections

    app = FastAPI(title="counterclaim", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.web = state
    templates = Jinja2Templates(env=_env())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("read_only", state.read_only)
        return templates.TemplateResponse(request, template, ctx, status_code=status)

    @app.exception_handler(CounterclaimError)
    async def _error(request: Request, exc: CounterclaimError) -> HTMLResponse:
        status = 404 if isinstance(exc, NotFoundInStore) else 400 if isinstance(exc, InputError) else 500
        status = 403 if isinstance(exc, CrossSiteRequest) else status
        return page(request, "error.html", status, message=exc.message, code=exc.code)

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError) -> HTMLResponse:
        # a malformed or over-long parameter is the client's mistake: a 400 page, not FastAPI's 422 JSON
        names = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors()})
        return page(
            request, "error.html", 400, message=f"bad value for: {', '.join(names)}", code=InputError.code
        )

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        state.refresh()
        return page(request, "home.html", articles=state.articles())

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> HTMLResponse:
        a = state.get(article_id)
        story = story_of(state.tables().stories).get(article_id)
        return page(request, "article.html", a=a, body=highlight(a), story=story, stored=True)

    @app.get("/entities", response_class=HTMLResponse)
    def entities(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
        t = state.tables()
        ents = (
            t.index.find(q, limit=100)
            if q.strip()
            else sorted(t.index, key=lambda e: (-len(e.articles), e.name))
        )
        return page(request, "entities.html", entities=ents[:500], q=q)

    @app.get("/entity", response_class=HTMLResponse)
    def entity(
        request: Request, id: str = Query("", max_length=200), name: str = Query("", max_length=300)
    ) -> HTMLResponse:
        t = state.tables()
        ce = t.index.get(id) if id else None
        if ce is None and name.strip():
            ce = t.index.by_name(name) or next(iter(t.index.find(name, limit=1)), None)
        if ce is None and not name.strip():
            raise NotFoundInStore(f"no entity '{id}'", source=state.shown)
        found = _entity_matches(t, ce, name)
        return page(request, "entity.html", ce=ce, name=ce.name if ce else name, **found)

    def _filter(party: str, category: str, claimant: str, outlet: str, since: str, until: str) -> ClaimFilter:
        return ClaimFilter(
            party.strip(), category.strip(), claimant.strip(), outlet.strip(), _iso(since), _iso(until)
        )

    @app.get("/claims", response_class=HTMLResponse)
    def claims(
        request: Request,
        party: str = Query("", max_length=200),
        category: str = Query("", max_length=40),
        claimant: str = Query("", max_length=200),
        outlet: str = Query("", max_length=200),
        since: str = Query("", max_length=10),
        until: str = Query("", max_length=10),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        state.refresh()
        f = _filter(party, category, claimant, outlet, since, until)
        rows = state.index.claims(f, page=page_no, per_page=PER_PAGE)
        charts = [(s, chart(s)) for s in state.index.series(f)]
        params = {k: v for k, v in vars_of(f).items() if v}
        return page(
            request,
            "claims.html",
            f=f,
            rows=rows,
            charts=charts,
            choices=state.index.choices(),
            categories=CATEGORIES,
            query=urlencode(params),
            prev_q=urlencode({**params, "page": rows.page - 1}),
            next_q=urlencode({**params, "page": rows.page + 1}),
        )

    @app.get("/claims.csv")
    def claims_csv(
        party: str = Query("", max_length=200),
        category: str = Query("", max_length=40),
        claimant: str = Query("", max_length=200),
        outlet: str = Query("", max_length=200),
        since: str = Query("", max_length=10),
        until: str = Query("", max_length=10),
    ) -> StreamingResponse:
        state.refresh()
        f = _filter(party, category, claimant, outlet, since, until)
        cols = ["day", "category", "subject", "party", "value", "low", "high", "qualifier", "claimant",
                "outlet", "published", "as_of", "title", "article_id", "position"]  # fmt: skip

        def lines() -> Iterator[str]:
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180: a bare CR in a cell gets quoted
            w.writerow(cols)
            for r in state.index.all_claims(f):
                w.writerow(
                    [
                        defuse(v) if isinstance(v, str) else ("" if v is None else v)
                        for v in (r[c] for c in cols)
                    ]
                )
                if buf.tell() > 65536:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

        return StreamingResponse(
            lines(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="claims.csv"'},
        )

    @app.get("/contradictions", response_class=HTMLResponse)
    def contradictions(request: Request) -> HTMLResponse:
        t = state.tables()
        titles = {a.article.id: a.article.title for a in t.analyses}
        return page(request, "contradictions.html", found=t.contradictions, titles=titles)

    @app.get("/stories", response_class=HTMLResponse)
    def stories(request: Request) -> HTMLResponse:
        t = state.tables()
        arts = {a.article.id: a.article for a in t.analyses}
        return page(request, "stories.html", stories=t.stories, arts=arts)

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = Query("", max_length=300)) -> HTMLResponse:
        state.refresh()
        hits = state.index.search(q) if q.strip() else []
        for h in hits:
            h["html"] = snippet(h["snip"])
        return page(request, "search.html", q=q, hits=hits)

    @app.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request) -> HTMLResponse:
        return page(request, "analyze.html")

    @app.post("/analyze", response_class=HTMLResponse)
    def analyze_post(
        request: Request,
        text: str = Form("", max_length=MAX_BODY),
        title: str = Form("", max_length=1000),
        outlet: str = Form("", max_length=300),
        published: str = Form("", max_length=10),
        store: str = Form(""),
        upload: UploadFile | None = File(None),  # noqa: B008 - FastAPI's way of declaring a file field
    ) -> HTMLResponse:
        job = worker.Job(text=text, title=title, outlet=outlet, published=published)
        if upload is not None and upload.filename:
            job.data = upload.file.read(MAX_BODY + 1)
            if len(job.data) > MAX_BODY:
                raise HTTPException(413, "upload too large")
            job.filename = upload.filename
        elif not text.strip():
            return page(request, "analyze.html", 400, error="Paste an article or choose a file.")
        if store and not state.read_only:
            require_same_origin(request)  # a write: only from the app's own pages (CSRF)
        # in a worker process, stopped when the client leaves or the time budget ends
        a = worker.analyze(job, gone=worker.client_gone(request))
        stored = False
        if store and not state.read_only:
            state.save(a)
            stored = True
        return page(request, "article.html", a=a, body=highlight(a), story=None, stored=stored, analysed=True)

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    app.add_middleware(SameOrigin)  # inside Limits: its 403 pages get the security headers too
    app.add_middleware(Limits)
    return app


def vars_of(f: ClaimFilter) -> dict[str, str]:
    """The filter as query parameters."""
    return {k: getattr(f, k) for k in (*FILTERS, "since", "until")}


__all__ = ["CSP", "MAX_BODY", "Limits", "WebState", "create_app", "safe_url"]
