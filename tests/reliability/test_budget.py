"""The per-article budget (``counterclaim.budget``): size fails fast, time is checked between
stages and enforced inside them (the watchdog), the environment sets the defaults, and a stream
goes on past an article over budget."""

from __future__ import annotations

import time

import pytest

from counterclaim import budget as budget_mod
from counterclaim.budget import Budget, default_budget, set_default_budget
from counterclaim.errors import BudgetExceeded, CounterclaimError, InputError
from counterclaim.pipeline import analyze, analyze_article, analyze_many
from counterclaim.records import Analysis, Article

SHORT = "The army said 12 soldiers were killed near the bridge on Monday.\n"


class FakeClock:
    """Stands in for ``time`` in counterclaim.budget: time moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(budget_mod, "time", clock)
    return clock


@pytest.mark.parametrize(
    "env,expected",
    [
        ({}, Budget()),
        ({"COUNTERCLAIM_MAX_CHARS": "5000"}, Budget(max_chars=5000)),
        ({"COUNTERCLAIM_MAX_CHARS": "20_000", "COUNTERCLAIM_MAX_SECONDS": "2.5"}, Budget(20000, 2.5)),
        ({"COUNTERCLAIM_MAX_SECONDS": "0"}, Budget(max_seconds=None)),
        ({"COUNTERCLAIM_MAX_CHARS": "none"}, Budget(max_chars=None)),
        ({"COUNTERCLAIM_MAX_CHARS": "lots", "COUNTERCLAIM_MAX_SECONDS": "-3"}, Budget(max_seconds=None)),
        ({"COUNTERCLAIM_MAX_SECONDS": ""}, Budget()),
    ],
)
def test_budget_from_env(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Budget) -> None:
    for k in ("COUNTERCLAIM_MAX_CHARS", "COUNTERCLAIM_MAX_SECONDS"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert Budget.from_env() == expected
    assert default_budget() == expected


def test_set_default_budget_wins_over_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_MAX_CHARS", "10")
    set_default_budget(Budget(max_chars=77))
    try:
        assert default_budget().max_chars == 77
    finally:
        set_default_budget(None)
    assert default_budget().max_chars == 10


@pytest.mark.parametrize("kwargs", [{"max_chars": 0}, {"max_chars": -5}, {"max_seconds": 0.0}])
def test_budget_refuses_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Budget(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "chars,limit,over",
    [
        (100, 100, False),
        (101, 100, True),
        (5, None, False),
        (1_000_001, None, True),  # spaCy's own ceiling holds even with no budget
        (2_000_000, 5_000_000, True),
    ],
)
def test_size_check(chars: int, limit: int | None, over: bool) -> None:
    art = Article.make("a" * chars, title="Long read", source="feed.rss#entry3")
    b = Budget(max_chars=limit)
    if not over:
        b.check_size(art)
        return
    with pytest.raises(BudgetExceeded) as err:
        b.check_size(art)
    msg = str(err.value)
    assert err.value.code == "E020" and isinstance(err.value, InputError)
    assert "feed.rss#entry3" in msg and art.id in msg and "'Long read'" in msg


def test_oversize_fails_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    from counterclaim import nlp

    def no_parse(text: str) -> None:
        raise AssertionError("parsed an article over budget")

    monkeypatch.setattr(nlp, "parse", no_parse)
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded):
        analyze(SHORT * 100, budget=Budget(max_chars=1000))
    assert time.monotonic() - t0 < 1.0


@pytest.mark.usefixtures("nlp")
def test_time_budget_names_the_stage(monkeypatch: pytest.MonkeyPatch, fake_time: FakeClock) -> None:
    from counterclaim.extract import quotes

    real = quotes.extract

    def slow_quotes(doc, ctx):  # type: ignore[no-untyped-def]
        fake_time.now += 30  # the quotes stage "takes" 30 s
        return real(doc, ctx)

    monkeypatch.setattr(quotes, "extract", slow_quotes)
    art = Article.make(SHORT, title="Slow", source="slow.txt", published="2024-03-01")
    with pytest.raises(BudgetExceeded) as err:
        analyze_article(art, budget=Budget(max_seconds=20))
    msg = str(err.value)
    assert "stage 'quotes'" in msg and "slow.txt" in msg and "20 s budget" in msg and "30.0 s" in msg


@pytest.mark.usefixtures("nlp")
def test_clock_is_cooperative_not_preemptive() -> None:
    art = Article.make(SHORT, source="x")
    clock = Budget(max_seconds=0.05).start(art, started=time.monotonic() - 1)
    with pytest.raises(BudgetExceeded, match="stage 'dates'"):
        clock.check("dates")
    Budget(max_seconds=None).start(art, started=0.0).check("dates")  # no limit: never raises


@pytest.mark.usefixtures("nlp")
def test_analyze_many_goes_on_after_articles_over_budget(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClock
) -> None:
    from counterclaim.extract import framing

    real = framing.extract

    def slow_for_one(doc, ctx):  # type: ignore[no-untyped-def]
        if ctx.article.title == "Slow":
            fake_time.now += 60
        return real(doc, ctx)

    monkeypatch.setattr(framing, "extract", slow_for_one)
    arts = [
        Article.make(SHORT, title="First", source="a"),
        Article.make("word " * 3000, title="Huge", source="b"),
        Article.make(SHORT.replace("12", "14"), title="Slow", source="c"),
        Article.make(SHORT.replace("12", "16"), title="Last", source="d"),
    ]
    out = list(analyze_many(arts, batch_size=2, budget=Budget(max_chars=10_000, max_seconds=50)))
    assert [type(r).__name__ for r in out] == ["Analysis", "BudgetExceeded", "BudgetExceeded", "Analysis"]
    assert "characters" in str(out[1]) and "stage 'framing'" in str(out[2])
    assert all(isinstance(r, Analysis | CounterclaimError) for r in out)


@pytest.mark.usefixtures("nlp")
def test_env_budget_reaches_analyze(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(budget_mod.ENV_MAX_CHARS, "20")
    with pytest.raises(BudgetExceeded):
        analyze(SHORT)
    monkeypatch.setenv(budget_mod.ENV_MAX_CHARS, "100000")
    assert isinstance(analyze(SHORT), Analysis)


# -- the budget inside a stage (the watchdog): issue 20 -------------------------------------------


def _stuck(st, sent):  # type: ignore[no-untyped-def]
    """A stage that never ends, with a broad handler that must not swallow the stop."""
    while True:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001, S112 - what a careless extractor might write
            continue


@pytest.mark.usefixtures("nlp")
def test_a_stage_that_never_ends_is_stopped_inside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from counterclaim.extract import events

    monkeypatch.setattr(events, "sentence", _stuck)
    art = Article.make(SHORT, title="Stuck", source="stuck.txt", published="2024-03-01")
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded) as err:
        analyze_article(art, budget=Budget(max_seconds=1))
    assert time.monotonic() - t0 < 30  # stopped, not hung (a hang guard, not a speed check)
    msg = str(err.value)
    assert "stopped during stage 'events'" in msg and "stuck.txt" in msg and err.value.code == "E020"


@pytest.mark.usefixtures("nlp")
def test_analyze_many_goes_on_after_a_stuck_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from counterclaim.extract import events

    real = events.sentence

    def stuck_for_one(st, sent):  # type: ignore[no-untyped-def]
        if st.ctx.article.title == "Stuck":
            _stuck(st, sent)
        return real(st, sent)

    monkeypatch.setattr(events, "sentence", stuck_for_one)
    texts = {"First": SHORT, "Stuck": SHORT, "Last": SHORT.replace("12", "13")}
    arts = [Article.make(x, title=t, source=t, published="2024-03-01") for t, x in texts.items()]
    out = list(analyze_many(arts, batch_size=3, budget=Budget(max_seconds=2)))
    assert [type(r).__name__ for r in out] == ["Analysis", "BudgetExceeded", "Analysis"]


def test_run_never_leaks_an_interrupt() -> None:
    """Deadlines that fall while the call returns must not raise anywhere else later."""
    art = Article.make(SHORT, source="x")
    stopped = 0
    for _ in range(500):
        try:
            Budget(max_seconds=0.0005).start(art).run(sum, range(3000))
        except BudgetExceeded:
            stopped += 1
    time.sleep(0.1)
    total = sum(range(10_000))  # ran after every clock was disarmed: nothing may land here
    assert total == 49_995_000 and 0 <= stopped <= 500


def test_nested_runs_and_huge_budgets() -> None:
    art = Article.make(SHORT, source="x")
    outer = Budget(max_seconds=1e308).start(art)  # must not overflow the watchdog's wait
    assert outer.run(lambda: Budget(max_seconds=5).start(art).run(lambda: 42)) == 42
