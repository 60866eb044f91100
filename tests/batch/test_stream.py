"""``batch.stream``: chunks of read items analysed elsewhere come back in input order, read
errors in their place, a lost worker failing only its own chunk (the pool replaced by an
in-process map here; tests/test_cli_ingest_workers.py runs the real one)."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from counterclaim.batch import stream
from counterclaim.batch.engine import Failed, analyse_articles
from counterclaim.errors import CounterclaimError, MalformedInput, PipelineError, UnsupportedLanguage
from counterclaim.records import Analysis, Article
from counterclaim.store.tables import Prepared, child_rows


def _articles(n: int) -> list[Article]:
    return [
        Article.make(
            f"Officials said {i} people were hurt in the town.\n", title=f"Item {i}", source=f"in:{i}"
        )
        for i in range(n)
    ]


def _fake_map(lose: set[int] = frozenset()) -> Callable[..., Iterator[Any]]:  # type: ignore[assignment]
    """map_in_order in this process: each batch's articles 'analysed' into stub analyses; the
    batches numbered in ``lose`` come back as the exception a lost worker gives."""

    def fake(fn: Callable[..., Any], batches: Iterable[list[Article]], **kwargs: Any) -> Iterator[Any]:
        for i, batch in enumerate(batches):
            if i in lose:
                yield OSError("worker died")
                continue
            yield [
                Failed.of(UnsupportedLanguage("not English", source=a.source), a)
                if "3" in a.title
                else Analysis(article=a)
                for a in batch
            ]

    return fake


def test_results_come_back_in_input_order_with_read_errors_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "map_in_order", _fake_map())
    arts = _articles(7)
    items: list[Article | CounterclaimError] = [
        *arts[:2],
        MalformedInput("bad line", source="in:x"),
        *arts[2:],
    ]
    out = list(stream.analyze_in_workers(items, workers=2, chunk_size=3))
    assert [x.article.source if isinstance(x, Analysis) else x.source for x in out] == [
        "in:0",
        "in:1",
        "in:x",
        "in:2",
        "in:3",
        "in:4",
        "in:5",
        "in:6",
    ]
    assert isinstance(out[2], MalformedInput)
    assert (
        isinstance(out[4], UnsupportedLanguage) and out[4].code == "E017" and out[4].message == "not English"
    )


def test_a_lost_worker_fails_only_its_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "map_in_order", _fake_map(lose={1}))
    out = list(stream.analyze_in_workers(_articles(6), workers=2, chunk_size=2))
    kinds = [type(x).__name__ for x in out]
    assert kinds == ["Analysis", "Analysis", "PipelineError", "PipelineError", "Analysis", "Analysis"]
    assert isinstance(out[2], PipelineError) and "worker process was lost" in out[2].message
    assert out[2].source == "in:2"


def test_failures_survive_pickling_with_code_and_source() -> None:
    art = _articles(1)[0]
    f = pickle.loads(pickle.dumps(Failed.of(UnsupportedLanguage("in 'fr'", source="x.txt"), art)))
    err = f.error()
    assert isinstance(err, UnsupportedLanguage) and str(err) == "[E017] x.txt: in 'fr'"
    bug = Failed.of(KeyError("k"), art).error()
    assert (
        isinstance(bug, PipelineError)
        and bug.message == "analysis failed: KeyError: 'k'"
        and bug.source == "in:0"
    )


@pytest.mark.parametrize("prepare", [False, True])
def test_worker_analysis_isolates_a_bad_article(nlp: object, prepare: bool) -> None:
    good = Article.make("The ministry said 3 soldiers were killed on Monday.\n", title="Soldiers killed")
    empty = Article.make(" \n", title="Nothing", source="empty.txt")
    out = analyse_articles([good, empty], batch_size=4, prepare=prepare)
    analysis = out[0].analysis if isinstance(out[0], Prepared) else out[0]
    assert isinstance(analysis, Analysis) and analysis.article.id == good.id
    assert isinstance(out[0], Prepared) is prepare
    if isinstance(out[0], Prepared):  # the rows a store writes for it, worked out on the worker
        assert out[0].row["id"] == good.id and out[0].row["analysis_json"] == analysis.to_json()
        assert [(n, r) for n, r in out[0].children] == [(t.name, r) for t, r in child_rows(analysis)]
        assert any(n == "figures" for n, _ in out[0].children)
    assert isinstance(out[1], Failed) and out[1].error().code == "E011" and out[1].source == "empty.txt"


def _sizes(monkeypatch: pytest.MonkeyPatch, n: int, **kwargs: Any) -> list[int]:
    seen: list[int] = []

    def fake(fn: Callable[..., Any], batches: Iterable[list[Article]], **kw: Any) -> Iterator[Any]:
        for batch in batches:
            seen.append(len(batch))
            yield [Analysis(article=a) for a in batch]

    monkeypatch.setattr(stream, "map_in_order", fake)
    out = list(stream.analyze_in_workers(_articles(n), **kwargs))
    assert [a.article.source for a in out] == [f"in:{i}" for i in range(n)]  # all, in order
    return seen


@pytest.mark.parametrize(
    ("n", "kwargs", "sizes"),
    [
        # unknown length: equal chunks
        (20, {"workers": 2}, [8, 8, 4]),
        # known: chunks shrink to the items left shared among twice the workers
        (40, {"workers": 2, "total": 40}, [8, 8, 6, 5, 4, 3, 2, 1, 1, 1, 1]),
        (12, {"workers": 4, "total": 12}, [2, 2, 1, 1, 1, 1, 1, 1, 1, 1]),
        # an estimate under the real count: the rest goes one item at a time
        (5, {"workers": 2, "total": 3, "chunk_size": 4}, [1, 1, 1, 1, 1]),
    ],
)
def test_chunks_shrink_towards_the_end_when_the_count_is_known(
    monkeypatch: pytest.MonkeyPatch, n: int, kwargs: dict[str, Any], sizes: list[int]
) -> None:
    assert _sizes(monkeypatch, n, **kwargs) == sizes
