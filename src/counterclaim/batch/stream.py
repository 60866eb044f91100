"""Analysis of a stream of read items on worker processes, results back in input order.

    for r in analyze_in_workers(read_paths(["news/"]), workers=2):
        ...  # an Analysis, or the CounterclaimError of that item, in input order

What ``counterclaim ingest --workers N`` runs: the items (articles, and the read errors among
them) are cut into chunks; each chunk's articles are analysed on the batch engine's local Dask
cluster (``dask_engine.map_in_order``, ``engine.analyse_articles``: one pipeline per worker,
spaCy's memory zone per chunk) while the caller's process stores the results. Read errors never
leave this process; they come back in their place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from math import ceil

from ..errors import CounterclaimError, PipelineError
from ..records import Analysis, Article
from ..store.tables import Prepared
from .dask_engine import map_in_order
from .engine import Failed, analyse_articles

CHUNK = 8  # articles per task at most: big enough for nlp.pipe, small enough to share out
Item = Article | CounterclaimError


def analyze_in_workers(
    items: Iterable[Item],
    *,
    workers: int,
    batch_size: int = 16,
    chunk_size: int = CHUNK,
    total: int | None = None,
    max_bytes: int | None = None,
    prepare: bool = False,
) -> Iterator[Analysis | Prepared | CounterclaimError]:
    """Analyse ``items`` on ``workers`` worker processes; yield each item's analysis or error in
    input order. ``total`` is the number of items when it is known (an estimate will do): the
    chunks then shrink towards the end, so the workers finish together. ``max_bytes`` is the
    article size limit the workers apply (``--max-size``); with ``prepare`` the workers also
    validate each analysis and work out its store rows, and ``Prepared`` analyses come back
    (``store.tables.prepare``: the writer then only writes)."""
    chunks = _chunks(items, chunk_size, workers, total)
    held: list[list[Item]] = []  # chunks submitted and not yet yielded, oldest first

    def submitted() -> Iterator[list[Article]]:
        for chunk in chunks:
            held.append(chunk)
            yield [x for x in chunk if isinstance(x, Article)]

    results = map_in_order(
        analyse_articles,
        submitted(),
        workers=workers,
        batch_size=batch_size,
        max_bytes=max_bytes,
        prepare=prepare,
    )
    try:
        for result in results:
            chunk = held.pop(0)
            yield from _in_place(chunk, result)
    finally:
        results.close()


def _in_place(
    chunk: list[Item], result: list[Analysis | Prepared | Failed] | BaseException
) -> Iterator[Analysis | Prepared | CounterclaimError]:
    """The chunk's items in order: read errors as they were, articles as analysed."""
    done = iter(result) if isinstance(result, list) else None
    for item in chunk:
        if isinstance(item, CounterclaimError):
            yield item
        elif done is None:  # the worker running this chunk was lost
            why = f"{type(result).__name__}: {result}"
            yield PipelineError(f"analysis failed: a worker process was lost ({why})", source=item.source)
        else:
            r = next(done)
            yield r.error() if isinstance(r, Failed) else r


def _chunks(items: Iterable[Item], size: int, workers: int, total: int | None) -> Iterator[list[Item]]:
    """``items`` in chunks of ``size``; with ``total`` known, a chunk is also at most the items
    left shared among twice the workers (guided self-scheduling): with equal chunks, one worker
    was left idle for up to a chunk's analysis at the end while the other finished the last."""
    it = iter(items)
    left = total
    while True:
        n = size if left is None else max(1, min(size, ceil(left / (2 * workers))))
        chunk = list(islice(it, n))
        if not chunk:
            return
        if left is not None:
            left -= len(chunk)
        yield chunk


__all__ = ["CHUNK", "analyze_in_workers"]
