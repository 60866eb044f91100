"""``batch.workers``: how many workers to start, and starting their fork server before the
command line imports anything heavy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from counterclaim.batch import workers
from counterclaim.records import Article


def _articles(n: int) -> list[Article]:
    return [Article.make(f"Officials said {i} people were hurt.\n", title=f"Item {i}") for i in range(n)]


@pytest.mark.parametrize(
    ("total", "cpus", "expected"),
    [(None, 4, 4), (10, 2, 1), (99, 2, 1), (100, 2, 2), (5000, 8, 8), (100, 1, 1)],
)
def test_default_workers(
    total: int | None, cpus: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cpus)
    assert workers.default_workers(total) == expected


def test_an_unknown_count_is_decided_by_reading_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    few = _articles(10)
    n, rest = workers.plan_workers(iter(few), None)
    assert n == 1 and list(rest) == few
    many = _articles(130)
    n, rest = workers.plan_workers(iter(many), None)
    assert n == 2 and list(rest) == many


@pytest.mark.parametrize(
    "module",
    [
        "counterclaim.cli",
        "counterclaim.batch",
        "counterclaim.batch.workers",
        "counterclaim.batch.progress",
        "counterclaim.export",
        "counterclaim.ingest",
        "counterclaim.store",
    ],
)
def test_the_command_line_starts_without_spacy_or_pyarrow(module: str) -> None:
    """The command line, the batch package's light parts and the worker planning load neither
    spaCy nor the extractors: ``ingest`` starts its workers' fork server (which loads them)
    before this process would, and ``--help``, ``show`` or ``list`` never need them. Nor
    pyarrow, which only building a Parquet schema or table needs."""
    heavy = ("spacy", "counterclaim.pipeline", "distributed", "pyarrow")
    code = f"import sys, {module}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
