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
import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import nlp
from .budget import Budget, Clock, default_budget
from .errors import BudgetExceeded, CounterclaimError
from .extract import dates, entities, events, figures, framing, inconsistencies, quotes
from .ingest.checks import check_article, require_unicode
from .ingest.normalise import Cleaned, remap, strip_invisible
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
    # the parse and every extractor run under the clock: stopped wherever they are when time is up
    return clock.run(_parse_and_run, clock, article, doc, warnings)


def _parse_and_run(clock: Clock, article: Article, doc: Doc | None, warnings: list[str]) -> Analysis:
    # Invisible and direction-control characters are left out of what is analysed (they split
    # names and move credit); the analysis' spans are mapped back onto the article's own text.
    clean = Cleaned.of(article.text)
    title = strip_invisible(article.title)
    work = article
    if clean.changed or title != article.title:
        work = dataclasses.replace(article, text=clean.text, title=title)
        removed = len(article.text) - len(clean.text) + len(article.title) - len(title)
        note = f"{removed} invisible or direction-control character(s) left out of the analysis"
        warnings = [*warnings, note]
    if doc is None or (clean.changed and doc.text != work.text):
        doc = nlp.parse(work.text)
        clock.check("parse")
    analysis = _timed(clock, work, doc, warnings)
    if work is not article:
        remap(analysis, clean)
        work.text, work.title = article.text, article.title  # the stored article is as it was read
    return analysis


# Articles parsed together by ``nlp.pipe`` hold at most this many characters in all (the parse's
# working memory grows with the tokens of the whole batch); a longer article is parsed on its own.
BATCH_CHARS = 200_000
SOLO_CHARS = 50_000


def analyze_many(
    articles: Iterable[Article], *, batch_size: int = 16, budget: Budget | None = None
) -> Iterator[Analysis | Exception]:
    """Analyse articles in order, parsing short ones in batches with ``nlp.pipe``.

    Yields an ``Analysis`` per article, or the exception that article raised (a
    ``CounterclaimError`` such as ``BudgetExceeded``, or an unexpected error from an extractor),
    so one bad article never stops the rest. A batch's parse is bounded by the time budget as a
    whole (when it runs over, each article is parsed again alone, under its own clock); each
    article's clock covers its own parse when it is parsed alone, and its extractors.
    """
    budget = budget or default_budget()
    pending: list[tuple[Article, list[str] | Exception]] = []
    chars = 0

    def flush() -> Iterator[Analysis | Exception]:
        small = [a for a, w in pending if not isinstance(w, Exception) and len(a.text) <= SOLO_CHARS]
        docs: dict[int, Doc] = {}
        if len(small) > 1:
            try:
                parsed = budget.start(small[0]).run(
                    list, nlp.parse_many((strip_invisible(a.text) for a in small), batch_size=batch_size)
                )
                docs = {id(a): d for a, d in zip(small, parsed, strict=True)}
            except BudgetExceeded:
                docs = {}  # the batch ran over: each article is parsed alone below
        for art, w in pending:
            if isinstance(w, Exception):
                yield w
                continue
            clock = budget.start(art)
            try:
                yield clock.run(_parse_and_run, clock, art, docs.pop(id(art), None), w)
            except Exception as exc:  # noqa: BLE001 - reported in the article's place; the rest go on
                yield exc
        pending.clear()

    for article in articles:
        try:
            budget.check_size(article)
            pending.append((article, check_article(article)))
            chars += len(article.text)
        except CounterclaimError as exc:
            pending.append((article, exc))
        if len(pending) >= batch_size or chars >= BATCH_CHARS:
            yield from flush()
            chars = 0
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
    ctx.attributed = quotes.attributed(doc, ctx.article.outlet)
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
