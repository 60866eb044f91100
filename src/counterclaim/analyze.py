"""The public API: one article in, one ``Analysis`` out.

    >>> import counterclaim
    >>> a = counterclaim.analyze("Officials said 12 people were killed.", published="2024-03-01")
    >>> a.to_json()

The pipeline is parsed once (``nlp.get()``), then each extractor runs in order, reading the
records of those before it: entities, publication date, dates, quotes, figures (and their
inconsistencies), events, framing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import nlp
from .extract import dates, entities, events, figures, framing, inconsistencies, quotes
from .ingest.checks import check_article
from .records import Analysis, Article, Context


def analyze(
    text: str,
    *,
    title: str = "",
    published: str | dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Analysis:
    """Analyse one article given as text. ``published`` (ISO date) anchors relative dates;
    without it the date is inferred from the text."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    article = Article.make(text, title=title, url=url, outlet=outlet, published=published)
    return analyze_article(article)


def analyze_article(article: Article, *, doc: Doc | None = None) -> Analysis:
    """Analyse an ``Article`` (from ``counterclaim.ingest``). Raises an ``InputError`` for bad input."""
    warnings = check_article(article)
    if doc is None:
        doc = nlp.parse(article.text)
    return _run(article, doc, warnings)


def analyze_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis | Exception]:
    """Analyse articles in order, parsing them in batches with ``nlp.pipe``.

    Yields an ``Analysis`` per article, or the ``CounterclaimError`` that article raised, so one
    bad article never stops the rest.
    """
    pending: list[tuple[Article, list[str] | Exception]] = []

    def flush() -> Iterator[Analysis | Exception]:
        good = [(a, w) for a, w in pending if not isinstance(w, Exception)]
        docs = iter(nlp.parse_many((a.text for a, _ in good), batch_size=batch_size))
        for art, w in pending:
            if isinstance(w, Exception):
                yield w
            else:
                yield _run(art, next(docs), w)
        pending.clear()

    from .errors import CounterclaimError  # noqa: PLC0415

    for article in articles:
        try:
            pending.append((article, check_article(article)))
        except CounterclaimError as exc:
            pending.append((article, exc))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def _run(article: Article, doc: Doc, warnings: list[str]) -> Analysis:
    ctx = Context(article=article, warnings=list(warnings))
    ctx.entities = entities.extract(doc, ctx)
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
    ctx.quotes = quotes.extract(doc, ctx)
    ctx.figures = figures.extract(doc, ctx)
    found = inconsistencies.find(ctx.figures)
    ctx.events = events.extract(doc, ctx)
    spans = framing.extract(doc, ctx)
    return Analysis(
        article=article,
        entities=list(ctx.entities),
        quotes=ctx.quotes,
        figures=ctx.figures,
        events=ctx.events,
        framing=spans,
        dates=ctx.dates,
        inconsistencies=found,
        slant=framing.slant(ctx, spans, doc=doc),
        warnings=ctx.warnings,
    )
