"""The web face: FastAPI with server-rendered Jinja2 pages over a store.

    from counterclaim.web.app import create_app
    app = create_app("counterclaim.db", read_only=True)

Pages: articles, one article, entities, one entity, the claims explorer (charts, table, CSV) and
one series, contradictions, stories, search and analyze; an HTML page for errors and unknown
addresses. The store is a SQLite file or a PostgreSQL URL, reached only through the ``Store``
interface: reads through one read-only store, and the only write, storing a pasted article when
asked, through a writable one (never with ``read_only``). Article data is untrusted: templates
autoescape, highlighted text is escaped per segment (``render.py``), charts are SVG without
script or inline style (``charts.py``), the Content-Security-Policy forbids inline scripts and
styles, and request bodies are size-limited.
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
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import CounterclaimError, CrossSiteRequest, InputError, NotFoundInStore, StoreError
from ..export import Tables, defuse
from ..records import Analysis, Party
from ..store import Store, is_url, open_store, redact
from . import numbers, worker
from .charts import Chart, Point, chart
from .index import ClaimFilter, Page, WebIndex, build_index
from .parties import Linker, entity_url, name_url
from .render import highlight, snippet, speaker_class
from .security import SameOrigin, require_same_origin
from .views import Views, sort_rows

HERE = Path(__file__).parent
MAX_BODY = 2 * 1024 * 1024  # bytes accepted in one request (form or upload)
PER_PAGE = 50
SERIES_PER_PAGE = 6
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CSV_COLUMNS = [
    "day", "category", "subject", "figure_subject", "party", "value", "low", "high", "qualifier", "claimant",
    "claimant_side", "outlet", "published", "as_of", "title", "article_id", "position", "series", "story",
]  # fmt: skip
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
    """The store, the web index built from it and the cross-article views, rebuilt when the store changes.

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
        self._views: Views | None = None
        try:
            self.refresh()
        except BaseException:
            self.store.close()
            raise

    def refresh(self, *, force: bool = False) -> None:
        """Rebuild the views and the index when the store has changed since."""
        sig = self.store.signature()
        if not force and sig == self._sig:
            return
        with self._lock:
            if force or sig != self._sig:
                tables = Tables(list(self.store.analyses()))
                build_index(self.store, self.index_path, tables=tables)
                self._views = Views(tables)
                self._sig = sig

    def views(self) -> Views:
        """Entities, stories, series, contradictions and party links across the store."""
        self.refresh()
        assert self._views is not None
        return self._views

    def tables(self) -> Tables:
        """The store's cross-article tables (computed once per change)."""
        return self.views().tables

    def get(self, article_id: str) -> Analysis:
        """A stored analysis; raises ``NotFoundInStore``."""
        return self.store.get(article_id)

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
    env.globals["entity_url"] = entity_url
    env.globals["name_url"] = name_url
    env.filters["safe_url"] = safe_url
    env.filters["number"] = numbers.number
    env.filters["amount"] = numbers.amount
    env.globals["figure_phrase"] = numbers.figure_phrase
    env.globals["plural"] = numbers.plural
    env.filters["date"] = lambda d: (d or "")[:10] or "date unknown"
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


def _desc(direction: str, default: bool) -> bool:
    return {"asc": False, "desc": True}.get(direction, default)


def series_label(s: dict[str, Any]) -> str:
    """'civilians killed · Vestar' or '… · whose losses not said'."""
    what = f"{s['subject']} {numbers.category_words(s['category'])}".strip()
    return f"{what} · {s['party'] or 'whose losses not said'}"


def _points(index: WebIndex, series_id: str, f: ClaimFilter) -> list[Point]:
    return [
        Point(
            claimant=r["claimant"] or "unknown",
            day=r["day"][:10],
            value=float(r["value"]),
            low=float(r["lo"]),
            high=float(r["hi"]),
            qualifier=r["qualifier"] or "exact",
            count=int(r["n"]),
            subject=r["figure_subject"] or "",
            category=f.category or "",
            outlet=r["outlet"] or "",
            title=r["title"] or "",
            href=f"/articles/{r['article_id']}#f-{int(r['position']) + 1}",
        )
        for r in index.chart_points(series_id, f)
    ]


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

    def listing(base: str, params: dict[str, Any], **changes: Any) -> str:
        """A URL of the same list with some parameters changed (empty values dropped)."""
        merged = {**params, **changes}
        q = urlencode({k: v for k, v in merged.items() if v not in ("", None, 1) or k == "dir"})
        return f"{base}?{q}" if q else base

    @app.exception_handler(CounterclaimError)
    async def _error(request: Request, exc: CounterclaimError) -> HTMLResponse:
        status = 404 if isinstance(exc, NotFoundInStore) else 400 if isinstance(exc, InputError) else 500
        status = 403 if isinstance(exc, CrossSiteRequest) else status
        return page(request, "error.html", status, message=exc.message, code=exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse | PlainTextResponse:
        if exc.status_code == 404:
            return page(
                request,
                "error.html",
                404,
                message="There is no page at this address.",
                code="404",
                heading="Page not found",
            )
        if exc.status_code == 413:
            return PlainTextResponse("request too large", status_code=413)
        return page(
            request, "error.html", exc.status_code, message=str(exc.detail), code=str(exc.status_code)
        )

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError) -> HTMLResponse:
        # a malformed or over-long parameter is the client's mistake: a 400 page, not FastAPI's 422 JSON
        names = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors()})
        return page(
            request, "error.html", 400, message=f"bad value for: {', '.join(names)}", code=InputError.code
        )

    @app.get("/", response_class=HTMLResponse)
    def home(
        request: Request,
        outlet: str = Query("", max_length=300),
        q: str = Query("", max_length=300),
        sort: str = Query("published", max_length=20),
        direction: str = Query("", alias="dir", max_length=4),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        state.refresh()
        desc = _desc(direction, sort in ("published", "quotes", "figures", "events"))
        rows = state.index.articles(
            outlet=outlet.strip(), q=q, page=page_no, per_page=PER_PAGE, sort=sort, desc=desc
        )
        params = {"outlet": outlet.strip(), "q": q.strip(), "sort": sort, "dir": "desc" if desc else "asc"}
        return page(
            request,
            "home.html",
            rows=rows,
            outlets=state.index.outlets(),
            outlet=outlet.strip(),
            q=q,
            sort=sort,
            desc=desc,
            url=lambda **c: listing("/", params, **c),
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> HTMLResponse:
        a = state.get(article_id)
        v = state.views()
        story = next((s for s in v.tables.stories if article_id in s.articles), None)
        return _article_page(request, a, v.linker, story=story, stored=True)

    def _article_page(request: Request, a: Analysis, linker: Linker, **ctx: Any) -> HTMLResponse:
        aid = a.article.id
        outlet = a.article.outlet

        def who(p: Party | None) -> Markup:
            return linker.html(p, aid, outlet)

        return page(request, "article.html", a=a, body=highlight(a, who), who=who, **ctx)

    @app.get("/entities", response_class=HTMLResponse)
    def entities(
        request: Request,
        q: str = Query("", max_length=200),
        kind: str = Query("", alias="type", max_length=20),
        side: str = Query("", max_length=200),
        sort: str = Query("articles", max_length=20),
        direction: str = Query("", alias="dir", max_length=4),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        t = state.tables()
        ents = t.index.find(q, limit=500) if q.strip() else list(t.index)
        types = sorted({e.type for e in t.index})
        sides = sorted({e.side for e in t.index if e.side})
        ents = [e for e in ents if (not kind or e.type == kind) and (not side or e.side == side)]
        keys = {
            "name": lambda e: (e.name.lower(), e.id),
            "type": lambda e: (e.type, e.name.lower()),
            "side": lambda e: (e.side or "~", e.name.lower()),
            "articles": lambda e: (len(e.articles), e.quotes, e.name.lower()),
            "quotes": lambda e: (e.quotes, len(e.articles), e.name.lower()),
            "mentions": lambda e: (e.mentions, e.name.lower()),
        }
        desc = _desc(direction, sort in ("articles", "quotes", "mentions"))
        if q.strip() and sort == "articles" and not direction:
            rows = ents  # best matches first
        else:
            rows = sort_rows(ents, sort, desc, keys, "articles")
        start = (page_no - 1) * PER_PAGE
        pg = Page(rows[start : start + PER_PAGE], len(rows), page_no, PER_PAGE)
        params = {"q": q.strip(), "type": kind, "side": side, "sort": sort, "dir": "desc" if desc else "asc"}
        return page(
            request,
            "entities.html",
            rows=pg,
            q=q,
            kind=kind,
            side=side,
            types=types,
            sides=sides,
            sort=sort,
            desc=desc,
            url=lambda **c: listing("/entities", params, **c),
        )

    def _entity_page(request: Request, entity_id: str) -> HTMLResponse:
        v = state.views()
        ce = v.tables.index.get(entity_id)
        if ce is None:
            raise NotFoundInStore(f"no entity '{entity_id}'", source=state.shown)
        arts = [v.by_id[i] for i in ce.articles if i in v.by_id]
        arts.sort(key=lambda a: (a.article.published or "", a.article.id), reverse=True)
        return page(
            request, "entity.html", ce=ce, name=ce.name, arts=arts, recs=v.of_entity(ce), v=v, similar=[]
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_by_id(request: Request, entity_id: str) -> HTMLResponse:
        return _entity_page(request, entity_id)

    @app.get("/entity", response_class=HTMLResponse)
    def entity(
        request: Request, id: str = Query("", max_length=200), name: str = Query("", max_length=300)
    ) -> HTMLResponse:
        if id.strip():
            return _entity_page(request, id.strip())
        if not name.strip():
            raise NotFoundInStore("no entity named", source=state.shown)
        v = state.views()
        ce = v.linker.exact(name)
        if ce is not None:
            return _entity_page(request, ce.id)
        similar = [e for e in v.tables.index.find(name, limit=5)]
        return page(
            request,
            "entity.html",
            ce=None,
            name=name.strip(),
            arts=[],
            recs=v.of_name(name),
            v=v,
            similar=similar,
        )

    def _filter(f: dict[str, str]) -> ClaimFilter:
        return ClaimFilter(
            party=f["party"].strip(),
            category=f["category"].strip(),
            claimant=f["claimant"].strip(),
            outlet=f["outlet"].strip(),
            story=f["story"].strip(),
            series=f.get("series", "").strip(),
            since=_iso(f["since"]),
            until=_iso(f["until"]),
        )

    drawn: dict[tuple[Any, ...], Chart] = {}  # (index build, series, filter) -> chart; bounded below

    def _charts(f: ClaimFilter, series_rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Chart]]:
        out = []
        gen = state.index.generation()
        for s in series_rows:
            cf = ClaimFilter(**{**f.params(), "series": s["id"], "category": s["category"]})
            key = (gen, cf)
            c = drawn.get(key)
            if c is None:
                label = f"{s['subject']} {numbers.category_words(s['category'])}".strip()
                c = chart(_points(state.index, s["id"], cf), key=s["id"], y_label=label)
                if len(drawn) >= 1024:
                    drawn.clear()
                drawn[key] = c
            out.append((s, c))
        return out

    @app.get("/claims", response_class=HTMLResponse)
    def claims(
        request: Request,
        party: str = Query("", max_length=200),
        category: str = Query("", max_length=40),
        claimant: str = Query("", max_length=200),
        outlet: str = Query("", max_length=200),
        story: str = Query("", max_length=40),
        since: str = Query("", max_length=10),
        until: str = Query("", max_length=10),
        sort: str = Query("date", max_length=20),
        direction: str = Query("", alias="dir", max_length=4),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
        spage: int = Query(1, ge=1, le=1_000_000),
    ) -> HTMLResponse:
        state.refresh()
        f = _filter(locals())
        desc = _desc(direction, sort in ("date", "value"))
        rows = state.index.claims(f, page=page_no, per_page=PER_PAGE, sort=sort, desc=desc)
        series = state.index.series(f, page=spage, per_page=SERIES_PER_PAGE)
        params = {**f.params(), "sort": sort, "dir": "desc" if desc else "asc"}
        story_title = ""
        if f.story:
            st = next((s for s in state.tables().stories if s.id == f.story), None)
            story_title = st.title if st else f.story
        return page(
            request,
            "claims.html",
            f=f,
            rows=rows,
            series=series,
            charts=_charts(f, series.rows),
            choices=state.index.choices(),
            categories=CATEGORIES,
            csv_query=urlencode(f.params()),
            sort=sort,
            desc=desc,
            story_title=story_title,
            series_label=series_label,
            url=lambda **c: listing("/claims", {**params, "spage": spage}, **c),
        )

    @app.get("/claims/series/{series_id}", response_class=HTMLResponse)
    def one_series(
        request: Request,
        series_id: str,
        sort: str = Query("date", max_length=20),
        direction: str = Query("", alias="dir", max_length=4),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        state.refresh()
        s = state.index.one_series(series_id)
        if s is None:
            raise NotFoundInStore(f"no claims series '{series_id}'", source=state.shown)
        f = ClaimFilter(series=series_id)
        desc = _desc(direction, sort in ("date", "value"))
        rows = state.index.claims(f, page=page_no, per_page=PER_PAGE, sort=sort, desc=desc)
        (c,) = _charts(ClaimFilter(), [s])
        params = {"sort": sort, "dir": "desc" if desc else "asc"}
        return page(
            request,
            "series.html",
            s=s,
            chart=c[1],
            rows=rows,
            sort=sort,
            desc=desc,
            label=series_label(s),
            url=lambda **ch: listing(f"/claims/series/{series_id}", params, **ch),
        )

    @app.get("/claims.csv")
    def claims_csv(
        party: str = Query("", max_length=200),
        category: str = Query("", max_length=40),
        claimant: str = Query("", max_length=200),
        outlet: str = Query("", max_length=200),
        story: str = Query("", max_length=40),
        series: str = Query("", max_length=40),
        since: str = Query("", max_length=10),
        until: str = Query("", max_length=10),
    ) -> StreamingResponse:
        state.refresh()
        f = _filter(locals())
        cols = CSV_COLUMNS  # fmt: skip

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
    def contradictions(
        request: Request,
        severity: str = Query("", max_length=20),
        kind: str = Query("", max_length=20),
        sort: str = Query("findings", max_length=20),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        v = state.views()
        groups = []
        for g in v.groups():
            found = [x for x in g.findings if (not severity or x.c.severity == severity)
                     and (not kind or x.c.kind == kind)]  # fmt: skip
            if found:
                groups.append((g.story, found))
        total = sum(len(x) for _, x in groups)
        if sort in ("newest", "oldest"):  # by the story's first date; findings outside a story last
            dated = sorted((g for g in groups if g[0] and g[0].start), key=lambda g: g[0].start or "")
            groups = (dated[::-1] if sort == "newest" else dated) + [g for g in groups if g not in dated]
        per = 10  # stories per page
        pg = Page(groups[(page_no - 1) * per : page_no * per], len(groups), page_no, per)
        params = {"severity": severity, "kind": kind, "sort": sort}
        return page(
            request,
            "contradictions.html",
            sort=sort,
            groups=pg,
            total=total,
            severity=severity,
            kind=kind,
            v=v,
            url=lambda **c: listing("/contradictions", params, **c),
        )

    @app.get("/stories", response_class=HTMLResponse)
    def stories(request: Request, page_no: int = Query(1, alias="page", ge=1, le=1_000_000)) -> HTMLResponse:
        v = state.views()
        rows = v.tables.stories
        per = 20
        pg = Page(rows[(page_no - 1) * per : page_no * per], len(rows), page_no, per)
        counts: dict[str, int] = {}
        for c in v.tables.contradictions:
            counts[c.story or ""] = counts.get(c.story or "", 0) + 1
        return page(
            request,
            "stories.html",
            rows=pg,
            arts=v.by_id,
            contradictions=counts,
            url=lambda **c: listing("/stories", {}, **c),
        )

    @app.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        q: str = Query("", max_length=300),
        page_no: int = Query(1, alias="page", ge=1, le=1_000_000),
    ) -> HTMLResponse:
        state.refresh()
        hits = state.index.search(q, page=page_no, per_page=PER_PAGE)
        for h in hits.rows:
            h["html"] = snippet(h["snip"])
        return page(request, "search.html", q=q, hits=hits, url=lambda **c: listing("/search", {"q": q}, **c))

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
        linker = state.views().linker
        return _article_page(request, a, linker, story=None, stored=stored, analysed=True)

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    app.add_middleware(SameOrigin)  # inside Limits: its 403 pages get the security headers too
    app.add_middleware(Limits)
    return app


__all__ = ["CSP", "MAX_BODY", "Limits", "WebState", "create_app", "safe_url", "series_label"]
