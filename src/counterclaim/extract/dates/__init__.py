"""Dates: datable expressions resolved against the publication date, and the publication date
itself inferred from the text when no metadata gives it.

Expressions are found with our own patterns (lexicon ``dates``), not an off-the-shelf parser:
those read "since Sept. 27" as Sept. 2 or take a photo caption's date for the article's. Each
expression is resolved as precisely as the text allows (YYYY, YYYY-MM or YYYY-MM-DD):

- full dates ("Sept. 27, 2020", "2 March 2023", "2025-03-12", "12/03/2025") and years ("since
  1994") stand alone; a numeric date whose day and month could swap follows the order the article
  writes its other dates in, else the reading nearest publication, else day-month;
- a night or span of days ("the night of March 3-4", "16-17 March") is its first day;
- a month and day without a year ("Oct. 7", "21 June", "Christmas Day") takes the year that puts
  it nearest the publication date, moved a year back (forward) when the clause is plainly past
  (future) and the date is not a planned one ("set talks for June 19"); "Sept. 27 of that year"
  takes the year last named;
- a bare ordinal day ("on the 14th") takes the month of a date earlier in its sentence, else the
  month that puts it nearest publication (the next one in a future clause, the last in a past one);
- a weekday is the most recent such day on or before publication, or with a future clause
  ("will", "due to", "would") the next one on or after it; "last Friday" is strictly before
  publication and "next Friday" strictly after; a weekday written with its date or with
  "today"/"tomorrow" ("tomorrow (Monday)") takes that day;
- a month alone ("since October") is the most recent such month, or the next one when future;
- "today", "yesterday", "last month", "this year", "two days ago" count from the publication date;
  "two days later", "a month later", "the next day" from the date mentioned just before them in
  the paragraph, and "one month after Aug. 21" from the date it names.

Modules: ``patterns`` (the lexicon and the patterns), ``expressions`` (finding and reading the
expressions), ``tense`` (the tense of their clauses), ``resolution`` (one expression's value),
``relative`` (an article's expressions in text order, relative ones from the dates around them),
``published`` (``infer_published``); ``extract`` is here.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from ...records import Context, DateMention
from .expressions import Expr, find_expressions
from .published import infer_published
from .relative import _resolve_all
from .resolution import resolve
from .tense import _tensed_expressions, clause_tense


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def extract(doc: Doc, ctx: Context) -> list[DateMention]:
    """Date mentions resolved against ``ctx.published``: one per distinct (text, value), with
    ``span`` the first occurrence and ``mentions`` every occurrence."""
    anchor = _parse_iso(ctx.published or ctx.article.published)
    exprs = _tensed_expressions(doc)
    out: list[DateMention] = []
    for ex, (value, grain, why) in zip(exprs, _resolve_all(doc, exprs, anchor), strict=True):
        if ex.kind == "rel_day" and ex.in_quote:
            continue  # 'today' in a quote is the speaker's day, seldom the article's
        if value is None:
            continue
        _merge(out, ex, value, grain, why)
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _merge(out: list[DateMention], ex: Expr, value: str, grain: str | None, why: str) -> None:
    """Add ``ex`` to an existing mention of the same value whose text holds or is held by its own."""
    n = _norm(ex.text)
    for dm in out:
        if dm.value != value:
            continue
        m = _norm(dm.text)
        if n == m or (ex.kind != "y" and (n in m or m in n) and not _is_year(dm.text)):
            dm.mentions.append((ex.start, ex.end))
            return
    out.append(
        DateMention(
            text=ex.text,
            value=value,
            span=(ex.start, ex.end),
            grain=grain,  # type: ignore[arg-type]
            mentions=[(ex.start, ex.end)],
            reason=f"dates: {why}",
        )
    )


def _is_year(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", s.strip()))


__all__ = ["Expr", "clause_tense", "extract", "find_expressions", "infer_published", "resolve"]
