"""The public API: one article in, one ``Analysis`` out.

    >>> import counterclaim
    >>> a = counterclaim.analyze("Officials said 12 people were killed.", published="2024-03-01")
    >>> a.to_json()

The pipeline is parsed once (``nlp.get()``), then each extractor runs in order, reading the
records of those before it: entities, publication date, dates, quotes, figures (and their
inconsistencies), events, framing.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import nlp
from .budget import Budget, Clock, default_budget
from .errors import CounterclaimError
from .extract import dates, entities, events, figures, framing, inconsistencies, quotes
from .ingest.checks import check_article, require_unicode
from .records import Analysis, Article, Context

# the running article's budget clock, read by ``_run`` between stages (a context variable keeps
# ``_run``'s signature, and stays right under threads)
_CLOCK: contextvars.ContextVar[Clock | None] = contextvars.ContextVar("counterclaim_clock", default=None)


def analyze(
    text: str,
    *,
    title: str = "",
    published: str | dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    budget: Budget | None = None,
) -> Analysis:
    """Analyse one article given as text. ``published`` (ISO date) anchors relative dates;
    without it the date is inferred from the text. ``budget``: see ``analyze_article``."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    require_unicode(text, source=url)
    require_unicode(title, what="title", source=url)
    article = Article.make(text, title=title, url=url, outlet=outlet, published=published)
    return analyze_article(article, budget=budget)


def analyze_article(article: Article, *, doc: Doc | None = None, budget: Budget | None = None) -> Analysis:
    """Analyse an ``Article`` (from ``counterclaim.ingest``). Raises an ``InputError`` for bad input,
    ``BudgetExceeded`` when the article is over its size or time ``budget`` (default:
    ``budget.default_budget()``, from $COUNTERCLAIM_MAX_CHARS and $COUNTERCLAIM_MAX_SECONDS)."""
    budget = budget or default_budget()
    clock = budget.start(article)
    budget.check_size(article)
    warnings = check_article(article)
    if doc is None:
        doc = nlp.parse(article.text)
        clock.check("parse")
    return _timed(clock, article, doc, warnings)


def analyze_many(
    articles: Iterable[Article], *, batch_size: int = 16, budget: Budget | None = None
) -> Iterator[Analysis | Exception]:
    """Analyse articles in order, parsing them in batches with ``nlp.pipe``.

    Yields an ``Analysis`` per article, or the exception that article raised (a
    ``CounterclaimError`` such as ``BudgetExceeded``, or an unexpected error from an extractor),
    so one bad article never stops the rest. Each article's time budget runs from when its
    parse is asked for (the first of a batch also pays for the batch's parse).
    """
    budget = budget or default_budget()
    pending: list[tuple[Article, list[str] | Exception]] = []

    def flush() -> Iterator[Analysis | Exception]:
        good = [(a, w) for a, w in pending if not isinstance(w, Exception)]
        docs = iter(nlp.parse_many((a.text for a, _ in good), batch_size=batch_size))
        for art, w in pending:
            if isinstance(w, Exception):
                yield w
                continue
            clock = budget.start(art)  # before the parse is asked for
            doc = next(docs)
            try:
                clock.check("parse")
                yield _timed(clock, art, doc, w)
            except Exception as exc:  # noqa: BLE001 - reported in the article's place; the rest go on
                yield exc
        pending.clear()

    for article in articles:
        try:
            budget.check_size(article)
            pending.append((article, check_article(article)))
        except CounterclaimError as exc:
            pending.append((article, exc))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def _timed(clock: Clock, article: Article, doc: Doc, warnings: list[str]) -> Analysis:
    """``_run`` under this article's clock."""
    token = _CLOCK.set(clock)
    try:
        return _run(article, doc, warnings)
    finally:
        _CLOCK.reset(token)


def _run(article: Article, doc: Doc, warnings: list[str]) -> Analysis:
    clock = _CLOCK.get() or default_budget().start(article)
    ctx = Context(article=article, warnings=list(warnings))
    ctx.entities = entities.extract(doc, ctx)
    clock.check("entities")
    if article.published:
        ctx.published = article.published
    else:
        inferred, reason = dates.infer_published(doc, ctx)
        if inferred:
            article.published = inferred
            article.published_source = "inferred"
            article.published_reason = reason
            ctx.published = inferred
        else:
            ctx.warnings.append(f"no publication date given or inferable ({reason})")
    ctx.dates = dates.extract(doc, ctx)
    clock.check("dates")
    ctx.quotes = quotes.extract(doc, ctx)
    ctx.attributed = quotes.attributed(doc)
    clock.check("quotes")
    ctx.figures = figures.extract(doc, ctx)
    found = inconsistencies.find(ctx.figures)
    clock.check("figures")
    ctx.events = events.extract(doc, ctx)
    clock.check("events")
    spans = framing.extract(doc, ctx)
    slant = framing.slant(ctx, spans, doc=doc)
    clock.check("framing")
    return Analysis(
        article=article,
        entities=list(ctx.entities),
        quotes=ctx.quotes,
        figures=ctx.figures,
        events=ctx.events,
        framing=spans,
        dates=ctx.dates,
        inconsistencies=found,
        slant=slant,
        warnings=ctx.warnings,
    )
