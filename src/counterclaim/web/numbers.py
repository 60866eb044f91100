"""Numbers and figures worded for people: thousands separators, no e-notation, qualifiers in words.

    number(14854.0)                                   -> '14,854'
    number(1_700_000)                                 -> '1.7 million'
    figure_phrase(4, "at_least", "workers", "killed") -> 'at least 4 workers killed'
    figure_phrase(1, "exact", "people", "killed")     -> '1 person killed'

The words (qualifiers, categories, irregular singulars, large-number names) are the lexicon
``web_numbers``.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from .. import lexicons


@functools.cache
def _words() -> dict[str, Any]:
    return lexicons.entries("web_numbers")


def number(value: float | int | None) -> str:
    """A value as people write it: '14,854', '2.5', '1.7 million'; '?' when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    v = float(value)
    if math.isinf(v):
        return "no limit" if v > 0 else "-no limit"
    for size, name in _words()["large"]:
        if abs(v) >= size and round(v / size * 100, 6) == int(v / size * 100):
            return f"{_plain(v / size)} {name}"  # 1,700,000 -> 1.7 million; 1,234,567 stays in digits
    return _plain(v)


def _plain(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def qualifier_words(qualifier: str | None) -> str:
    """'at_least' -> 'at least'; 'exact' -> ''."""
    q = qualifier or "exact"
    return str(_words()["qualifiers"].get(q, q.replace("_", " ")))


def amount(
    value: float, qualifier: str | None = "exact", low: float | None = None, high: float | None = None
) -> str:
    """The value with its qualifier: 'at least 4', 'about 1.7 million', 'between 20 and 30'."""
    if qualifier == "range" and low is not None and high is not None and low != high:
        return f"between {number(low)} and {number(high)}"
    words = qualifier_words(qualifier if qualifier != "range" else "exact")
    return f"{words} {number(value)}".strip()


def noun(subject: str | None, value: float) -> str:
    """The subject in the number the value asks for: 1 -> 'person', 'civilian'; else as written."""
    s = (subject or "").strip()
    if value != 1 or not s:
        return s
    head, _, last = s.rpartition(" ")
    low = last.lower()
    single = _words()["singulars"].get(low)
    if single is None:
        if len(low) > 4 and low.endswith("ies"):
            single = low[:-3] + "y"
        elif len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
            single = low[:-1]
        else:
            single = low
    if last[:1].isupper():
        single = single[:1].upper() + single[1:]
    return f"{head} {single}".strip()


def category_words(category: str | None) -> str:
    """'casualties' -> 'killed or wounded'; 'other' -> ''."""
    c = category or "other"
    return str(_words()["categories"].get(c, c))


def figure_phrase(
    value: float,
    qualifier: str | None,
    subject: str | None,
    category: str | None,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A figure in words: 'at least 4 workers killed', 'about 1.7 million people displaced'."""
    counted = high if qualifier == "range" and high is not None else value
    parts = [amount(value, qualifier, low, high), noun(subject, counted), category_words(category)]
    return " ".join(p for p in parts if p)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 figure', '3 figures', '1,204 articles'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


__all__ = ["amount", "category_words", "figure_phrase", "noun", "number", "plural", "qualifier_words"]
