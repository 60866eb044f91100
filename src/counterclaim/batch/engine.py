"""Analysing one shard: read its articles, analyse them in batches, write its tables, mark it done.

``process_shard`` is the whole unit of work, the same function whichever engine runs it (in
this process for ``local``, on a Dask worker for ``dask``), so both engines write identical
tables. The spaCy pipeline is loaded by ``counterclaim.nlp.get()`` once per process and never
travels between processes.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .. import nlp
from ..errors import CounterclaimError, PipelineError
from ..ingest import set_max_bytes
from ..pipeline import analyze_article, analyze_many
from ..records import Analysis, Article
from ..store.tables import Prepared
from ..store.tables import prepare as prepare_rows
from . import output, tables
from .sources import Shard, read_shard

Progress = Callable[[int], None]


@dataclass(slots=True)
class ShardReport:
    """What happened to one shard (returned by workers; small and picklable)."""

    shard: str
    uri: str
    status: str  # 'done', or 'failed' when the shard as a whole could not be processed
    articles: int = 0  # articles analysed
    failures: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    cpu_seconds: float = 0.0  # CPU time the shard took in its process
    pid: int = 0  # the process that ran it
    peak_rss_mb: float = 0.0  # that process' peak resident memory so far


def _peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (0 where the OS does not say)."""
    try:
        import resource  # noqa: PLC0415 (POSIX only)
    except ImportError:
        return 0.0
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / (1024 * 1024)  # macOS reports bytes


def failure(item: BaseException, *, shard: str, article: Article | None = None) -> dict[str, Any]:
    """A failures.jsonl row: where, which error code, why."""
    if isinstance(item, CounterclaimError):
        code, message, source = item.code, item.message, item.source
    else:  # a bug in an extractor: reported with its type, the run goes on
        code, message, source = "E999", f"internal error: {type(item).__name__}: {item}", None
    if source is None and article is not None:
        source = article.source
    frames = traceback.extract_tb(item.__traceback__) if item.__traceback__ else []
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames and code == "E999" else None
    return {
        "shard": shard,
        "source": source,
        "article_id": article.id if article is not None else None,
        "code": code,
        "error": message,
        "where": where,  # for internal errors: the line that raised
    }


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _analyse(articles: list[Article], batch_size: int) -> list[Analysis | BaseException]:
    """Analyses of a batch in order; if the batch run dies on an unexpected error, the articles
    are redone one by one so only the article that raised it fails."""
    try:
        return list(analyze_many(articles, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolate the culprit below
        results: list[Analysis | BaseException] = []
        for art in articles:
            try:
                results.append(analyze_article(art))
            except Exception as exc:  # noqa: BLE001 - reported as a failure row
                results.append(exc)
        return results


def _zone() -> Any:
    """spaCy's memory zone: strings a batch adds are freed after it, so long runs stay flat."""
    pipeline = nlp.get()
    return pipeline.memory_zone() if hasattr(pipeline, "memory_zone") else _NullZone()


class _NullZone:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def process_shard(
    shard: Shard,
    out: str | Path,
    *,
    batch_size: int = 16,
    progress: Progress | None = None,
) -> ShardReport:
    """Analyse every article of ``shard`` and write its tables under ``out``, then mark it done.

    Bad articles become failure rows in the marker (and so in failures.jsonl); a shard that
    cannot be read at all comes back with status 'failed' and no marker, to be retried.
    """
    out = Path(out)
    t0, c0 = time.perf_counter(), time.process_time()
    writer = output.ShardWriter(out, shard.id)
    failures: list[dict[str, Any]] = []
    done = 0
    try:
        for chunk in _chunks(read_shard(shard), batch_size * 4):
            good: list[Article] = []
            for item in chunk:
                if isinstance(item, Article):
                    good.append(item)
                else:
                    failures.append(failure(item, shard=shard.id))
            with _zone():
                results = _analyse(good, batch_size)
                for art, res in zip(good, results, strict=True):
                    if isinstance(res, Analysis):
                        writer.add(tables.flatten(res))
                        done += 1
                    else:
                        failures.append(failure(res, shard=shard.id, article=art))
            if progress is not None:
                progress(len(chunk))
        writer.commit()
    except Exception as exc:  # noqa: BLE001 - the whole shard failed; reported, retried next run
        writer.abort()
        detail = str(exc) if isinstance(exc, CounterclaimError) else traceback.format_exc(limit=3)
        return ShardReport(
            shard=shard.id,
            uri=shard.uri,
            status="failed",
            articles=done,
            failures=failures,
            seconds=time.perf_counter() - t0,
            error=detail,
            cpu_seconds=time.process_time() - c0,
            pid=os.getpid(),
            peak_rss_mb=_peak_rss_mb(),
        )
    seconds = time.perf_counter() - t0
    output.write_marker(out, shard, articles=done, failures=failures, rows=writer.rows, seconds=seconds)
    return ShardReport(
        shard=shard.id,
        uri=shard.uri,
        status="done",
        articles=done,
        failures=failures,
        rows=dict(writer.rows),
        seconds=seconds,
        cpu_seconds=time.process_time() - c0,
        pid=os.getpid(),
        peak_rss_mb=_peak_rss_mb(),
    )


@dataclass(frozen=True, slots=True)
class Failed:
    """An article's error as it travels back from a worker process: the error class and its
    arguments (``CounterclaimError`` keeps its code and source in attributes that pickling an
    exception drops)."""

    kind: type[CounterclaimError]
    message: str
    source: str | None

    @classmethod
    def of(cls, exc: BaseException, article: Article) -> Failed:
        """An article's failure; an unexpected error becomes a ``PipelineError`` naming its type."""
        if isinstance(exc, CounterclaimError):
            return cls(type(exc), exc.message, exc.source if exc.source is not None else article.source)
        return cls(PipelineError, f"analysis failed: {type(exc).__name__}: {exc}", article.source)

    def error(self) -> CounterclaimError:
        """The error again, in the process that receives it."""
        return self.kind(self.message, source=self.source)


def analyse_articles(
    articles: list[Article], *, batch_size: int = 16, max_bytes: int | None = None, prepare: bool = False
) -> list[Analysis | Prepared | Failed]:
    """Analyse ``articles`` in this process, in order, inside spaCy's memory zone: each one's
    ``Analysis``, or its failure as a ``Failed``. What ``ingest --workers N`` runs on a worker.

    ``max_bytes`` is the size limit the caller's process was given (``--max-size``), which a
    worker process does not inherit. With ``prepare`` each analysis comes back validated and
    turned into its store rows (``store.tables.prepare``), so the one process that stores them
    only writes; an analysis the store would refuse comes back as its failure."""
    if max_bytes is not None:
        set_max_bytes(max_bytes)
    with _zone():
        results = _analyse(articles, batch_size)
        out: list[Analysis | Prepared | Failed] = []
        for art, r in zip(articles, results, strict=True):
            if not isinstance(r, Analysis):
                out.append(Failed.of(r, art))
                continue
            try:
                out.append(prepare_rows(r) if prepare else r)
            except CounterclaimError as exc:
                out.append(Failed.of(exc, art))
        return out


# Analysed once per process by ``warm``: what the extractors load on first use (lexicons, the
# language model, compiled patterns; about 0.5 CPU s) is then ready before work starts.
WARM_TEXT = (
    "Officials said 12 people were killed in Kyiv on Monday. "
    '"We will respond," Russian spokesman Dmitry Peskov said.\n'
)
_warmed = False


def warm() -> int:
    """Load the pipeline, and what the extractors load on first use, in this process (run on
    every Dask worker, or in the fork server workers are forked from, before work starts)."""
    global _warmed
    nlp.get()
    if not _warmed:
        analyze_article(Article.make(WARM_TEXT, title="Warm-up", published="2024-03-01"))
        _warmed = True
    return os.getpid()
