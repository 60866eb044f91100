"""Per-article budget: how much text and how much time one article may take.

    from counterclaim.budget import Budget
    analyze_article(article, budget=Budget(max_chars=200_000, max_seconds=10))

One pathological article must not stall a batch. The size check runs before parsing and fails
fast. The time budget is enforced two ways:

- inside stages: ``Clock.run(fn)`` arms a process-wide watchdog thread that, when the article's
  time is up, raises an exception in the analysing thread between two bytecodes (CPython's
  ``PyThreadState_SetAsyncExc``), wherever it is: in the parse, in an extractor's loop. It is a
  ``BaseException`` so no ``except Exception`` in an extractor swallows it, and ``run``
  turns it into ``BudgetExceeded`` naming the stage (the extractor module that was running). No
  extractor needs to know. Code that runs long in C without returning to Python (one huge regex
  match) is only stopped when it returns: the web app, which must stop for sure, also runs the
  analysis in a worker process it can kill.
- between stages: ``analyze`` calls ``Clock.check`` after the parse and after each extractor.

Defaults come from the environment: ``COUNTERCLAIM_MAX_CHARS`` (default 1,000,000, spaCy's own
limit on one text) and ``COUNTERCLAIM_MAX_SECONDS`` (default 120). ``0`` or ``none`` turns a
limit off (a text over spaCy's limit still fails, but as ``BudgetExceeded``, never as a crash).
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic as _real_monotonic  # the watchdog's own time (tests may fake ``time``)
from types import TracebackType
from typing import Any, TypeVar

from .errors import BudgetExceeded
from .records import Article

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's Language.max_length: longer texts are refused by the parser
DEFAULT_MAX_SECONDS = 120.0
PARSER_MAX_CHARS = 1_000_000  # the hard ceiling, whatever the budget says
ENV_MAX_CHARS = "COUNTERCLAIM_MAX_CHARS"
ENV_MAX_SECONDS = "COUNTERCLAIM_MAX_SECONDS"
_OFF = ("", "0", "none", "off", "unlimited")
T = TypeVar("T")


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
    """Time spent on one article: checked between stages, and enforced inside them by ``run``."""

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
            raise self._exceeded(spent, f"by the end of stage '{stage}'")

    def _exceeded(self, spent: float, when: str) -> BudgetExceeded:
        limit = self.budget.max_seconds
        return BudgetExceeded(
            f"article {self.article.id} ({_title(self.article)}) took {spent:.1f} s, over the "
            f"{limit:g} s budget, {when} (set {ENV_MAX_SECONDS} or Budget(max_seconds=...))",
            source=source_of(self.article),
        )

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` under the time budget, in this thread: when the article's time
        is up, ``fn`` is stopped wherever it is and ``BudgetExceeded`` names the stage that was
        running. Calls may nest (the inner one adds nothing)."""
        limit = self.budget.max_seconds
        tid = threading.get_ident()
        if limit is None or _WATCHDOG.watching(tid):
            return fn(*args, **kwargs)
        # Every step that may receive the interrupt sits inside the try: it can arrive at any
        # bytecode once armed, including the first instructions of ``disarm``.
        token = _WATCHDOG.token()
        stage: str | None = None
        result: Any = None
        try:
            _WATCHDOG.arm(token, _real_monotonic() + max(0.0, limit - self.elapsed()), tid)
            result = fn(*args, **kwargs)
        except Overrun as exc:
            stage = stage_of(exc.__traceback__)
        finally:
            while True:
                try:
                    fired = _WATCHDOG.disarm(token)  # cancels an interrupt not yet delivered
                    break
                except Overrun as exc:
                    stage = stage or stage_of(exc.__traceback__)
        if fired or stage is not None:  # stopped, or a broad handler swallowed it and fn ran on
            raise self._exceeded(self.elapsed(), f"stopped during stage '{stage or 'analysis'}'")
        return result


class Overrun(BaseException):
    """Raised asynchronously in the analysing thread when its time is up (never by code).

    A ``BaseException``: extractors' ``except Exception`` handlers let it through."""


def stage_of(tb: TracebackType | None) -> str:
    """The stage a traceback was in: the extractor module running (``counterclaim.extract.X``
    gives 'X'), 'parse' inside spaCy, else 'analysis'."""
    parse = False
    while tb is not None:
        name = str(tb.tb_frame.f_globals.get("__name__", ""))
        if name.startswith("counterclaim.extract."):
            return name.rsplit(".", 1)[1]
        if name.startswith(("spacy", "thinc", "counterclaim.nlp")):
            parse = True
        tb = tb.tb_next
    return "parse" if parse else "analysis"


class _Watchdog:
    """One daemon thread per process that raises ``Overrun`` in a thread at its deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self._fired: set[int] = set()
        self._threads: dict[int, int] = {}  # thread id -> armed tokens in it
        self._next = 0
        self._thread: threading.Thread | None = None

    def watching(self, tid: int) -> bool:
        with self._cond:
            return self._threads.get(tid, 0) > 0

    def token(self) -> int:
        """A new token to arm (taken before arming, so disarming never misses one)."""
        with self._cond:
            self._next += 1
            return self._next

    def arm(self, token: int, deadline: float, tid: int) -> None:
        """Raise ``Overrun`` in thread ``tid`` at ``deadline`` (``_real_monotonic`` time)."""
        with self._cond:
            self._armed[token] = (deadline, tid)
            self._threads[tid] = self._threads.get(tid, 0) + 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="counterclaim-budget", daemon=True)
                self._thread.start()
            self._cond.notify()

    def disarm(self, token: int) -> bool:
        """Stop watching (a token never armed is fine); True when its deadline had passed. Called
        from the watched thread: an interrupt not delivered yet is cancelled, so none can arrive
        after this returns."""
        with self._cond:
            entry = self._armed.pop(token, None)
            fired = token in self._fired
            self._fired.discard(token)
            if entry is not None:
                tid = entry[1]
                self._threads[tid] -= 1
                if not self._threads[tid]:
                    del self._threads[tid]
                if fired:
                    _async_raise(tid, None)
            return fired

    def _run(self) -> None:
        with self._cond:
            while True:
                now = _real_monotonic()
                for token, (deadline, tid) in list(self._armed.items()):
                    if deadline <= now and token not in self._fired:
                        self._fired.add(token)
                        _async_raise(tid, Overrun)
                waiting = [d for t, (d, _) in self._armed.items() if t not in self._fired]
                # at most an hour at a time: a budget of 1e308 s must not overflow the wait
                self._cond.wait(min(min(waiting) - now, 3600.0) if waiting else None)


def _async_raise(tid: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in thread ``tid`` at its next bytecode (None cancels a pending one)."""
    obj = ctypes.py_object(exc) if exc is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), obj)


_WATCHDOG = _Watchdog()


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
    "Overrun",
    "default_budget",
    "set_default_budget",
    "source_of",
]
