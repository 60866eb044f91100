"""Per-article budget: how much text and how much time one article may take.

    from counterclaim.budget import Budget
    analyze_article(article, budget=Budget(max_chars=200_000, max_seconds=10))

One pathological article must not stall a batch. The size check runs before parsing and fails
fast; the time check is cooperative: ``analyze`` calls ``Clock.check`` between stages (parse,
each extractor), so a stage is never interrupted, but the article fails with ``BudgetExceeded``
naming the stage as soon as the stage that overran returns. No threads, no signals.

Defaults come from the environment: ``COUNTERCLAIM_MAX_CHARS`` (default 1,000,000, spaCy's own
limit on one text) and ``COUNTERCLAIM_MAX_SECONDS`` (default 120). ``0`` or ``none`` turns a
limit off (a text over spaCy's limit still fails, but as ``BudgetExceeded``, never as a crash).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from .errors import BudgetExceeded
from .records import Article

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's Language.max_length: longer texts are refused by the parser
DEFAULT_MAX_SECONDS = 120.0
PARSER_MAX_CHARS = 1_000_000  # the hard ceiling, whatever the budget says
ENV_MAX_CHARS = "COUNTERCLAIM_MAX_CHARS"
ENV_MAX_SECONDS = "COUNTERCLAIM_MAX_SECONDS"
_OFF = ("", "0", "none", "off", "unlimited")


def _env_number(name: str, default: float) -> float | None:
    """A positive number from the environment; None when turned off; the default when unset or unreadable."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    raw = raw.strip().lower().replace("_", "")
    if raw in _OFF:
        return None if raw else default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 and value != float("inf") else None


@dataclass(frozen=True, slots=True)
class Budget:
    """Limits for one article: ``max_chars`` of text, ``max_seconds`` of analysis (None: no limit)."""

    max_chars: int | None = DEFAULT_MAX_CHARS
    max_seconds: float | None = DEFAULT_MAX_SECONDS

    def __post_init__(self) -> None:
        if self.max_chars is not None and self.max_chars <= 0:
            raise ValueError("max_chars must be positive (or None for no limit)")
        if self.max_seconds is not None and self.max_seconds <= 0:
            raise ValueError("max_seconds must be positive (or None for no limit)")

    @classmethod
    def from_env(cls) -> Budget:
        """The budget set by $COUNTERCLAIM_MAX_CHARS and $COUNTERCLAIM_MAX_SECONDS (defaults otherwise)."""
        chars = _env_number(ENV_MAX_CHARS, DEFAULT_MAX_CHARS)
        seconds = _env_number(ENV_MAX_SECONDS, DEFAULT_MAX_SECONDS)
        return cls(max_chars=int(chars) if chars is not None else None, max_seconds=seconds)

    def check_size(self, article: Article) -> None:
        """Raise ``BudgetExceeded`` naming the article when its text is over the character limit."""
        n = len(article.text)
        limit = min(self.max_chars or PARSER_MAX_CHARS, PARSER_MAX_CHARS)
        if n > limit:
            why = "the budget" if self.max_chars and self.max_chars <= PARSER_MAX_CHARS else "the parser's"
            raise BudgetExceeded(
                f"article {article.id} ({_title(article)}) has {n:,} characters, over {why} limit of "
                f"{limit:,} (set {ENV_MAX_CHARS} or Budget(max_chars=...))",
                source=source_of(article),
            )

    def start(self, article: Article, *, started: float | None = None) -> Clock:
        """A clock for this article, running from ``started`` (a ``time.monotonic()`` value) or now."""
        return Clock(self, article, time.monotonic() if started is None else started)


class Clock:
    """Time spent on one article, checked between stages."""

    __slots__ = ("article", "budget", "started")

    def __init__(self, budget: Budget, article: Article, started: float) -> None:
        self.budget = budget
        self.article = article
        self.started = started

    def elapsed(self) -> float:
        """Seconds since the clock started."""
        return time.monotonic() - self.started

    def check(self, stage: str) -> None:
        """Raise ``BudgetExceeded`` naming the article and ``stage`` (the one just finished) when
        the article is over its time budget."""
        limit = self.budget.max_seconds
        if limit is None:
            return
        spent = self.elapsed()
        if spent > limit:
            raise BudgetExceeded(
                f"article {self.article.id} ({_title(self.article)}) took {spent:.1f} s, over the "
                f"{limit:g} s budget, by the end of stage '{stage}' (set {ENV_MAX_SECONDS} or "
                "Budget(max_seconds=...))",
                source=source_of(self.article),
            )


def source_of(article: Article) -> str:
    """What names the article in an error: where it came from, else its id."""
    return article.source or article.url or article.id


def _title(article: Article) -> str:
    t = " ".join(article.title.split())
    if not t:
        return "untitled"
    return repr(t if len(t) <= 60 else t[:59] + "…")


_default: Budget | None = None


def default_budget() -> Budget:
    """The budget used when none is given: the one ``set_default_budget`` set, else
    ``Budget.from_env()`` (the environment is read on every call; it is cheap)."""
    return _default if _default is not None else Budget.from_env()


def set_default_budget(budget: Budget | None) -> None:
    """Set the process-wide default budget (None: back to the environment)."""
    global _default
    _default = budget


__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_SECONDS",
    "Budget",
    "Clock",
    "default_budget",
    "set_default_budget",
    "source_of",
]
