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

from ..errors import CounterclaimError, PipelineError
from ..records import Analysis, Article
from ..store.tables import Prepared
from .dask_engine import map_in_order
from .engine import Failed, analyse_articles

CHUNK = 8  # articles per task: small enough that the last tasks end together, big enough for nlp.pipe
Item = Article | CounterclaimError


def analyze_in_workers(
    items: Iterable[Item],
    *,
    workers: int,
    batch_size: int = 16,
    chunk_size: int = CHUNK,
    max_bytes: int | None = None,
    prepare: bool = False,
) -> Iterator[Analysis | Prepared | CounterclaimError]:
    """Analyse ``items`` on ``workers`` worker processes; yield each item's analysis or error in
    input order. ``max_bytes`` is the article size limit the workers apply (``--max-size``);
    with ``prepare`` the workers also validate each analysis and work out its store rows, and
    ``Prepared`` analyses come back (``store.tables.prepare``: the writer then only writes)."""
    chunks = _chunks(items, chunk_size)
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


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


__all__ = ["CHUNK", "analyze_in_workers"]
