"""The terminal face of a batch run: a rich progress bar and the end-of-run summary; and the
same bar over articles for ``ingest`` (``ArticleBar``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..report import terminal_safe
from . import tables

if TYPE_CHECKING:  # only named in annotations: importing them loads spaCy
    from .engine import ShardReport
    from .runner import BatchSummary


class RateColumn(ProgressColumn):
    """Articles per second over rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("  -- art/s" if speed is None else f"{speed:6.1f} art/s", style="progress.data.speed")


def _bar(console: Console, **options: bool) -> Progress:
    """The bar both faces show: articles done of the total, articles/s, time spent and left."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("elapsed,"),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=console,
        speed_estimate_period=60,
        **options,
    )


class RichReporter:
    """Progress bar (articles done, articles/s, time left) on standard error."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = _bar(self.console)
        self.task = self.progress.add_task("articles", total=None, start=False)
        self.shards = 0
        self.done_shards = 0

    def start(self, total: int | None, shards: int, skipped: int) -> None:
        """Show the bar; ``total`` None when a WARC file's article count is unknown."""
        self.shards = shards
        if skipped:
            self.console.print(f"skipping {skipped} shard(s) already done")
        self.progress.update(self.task, total=total, description=f"shards 0/{shards}")
        self.progress.start()
        self.progress.start_task(self.task)

    def advance(self, articles: int) -> None:
        self.progress.advance(self.task, articles)

    def shard_done(self, report: ShardReport) -> None:
        self.done_shards += 1
        self.progress.update(self.task, description=f"shards {self.done_shards}/{self.shards}")
        if report.status != "done":
            why = terminal_safe(str(report.error), newlines=False)
            self.progress.console.print(f"shard {report.shard} failed: {why}", markup=False, highlight=False)

    def stop(self) -> None:
        self.progress.stop()


class ArticleBar:
    """``ingest``'s progress bar on standard error: items done of ``total`` (None when unknown:
    no time left is shown), articles/s, time spent and left. Lines printed to standard output
    while it runs go above it when standard output is the same terminal.

        with ArticleBar(total) as bar:
            for item in work:
                bar.advance()
    """

    def __init__(
        self, total: int | None, console: Console | None = None, description: str = "articles"
    ) -> None:
        self.console = console or Console(stderr=True)
        self.total = total
        self.done = 0
        self.progress = _bar(self.console, redirect_stdout=sys.stdout.isatty(), transient=False)
        self.task = self.progress.add_task(description, total=total)

    def __enter__(self) -> ArticleBar:
        self.progress.start()
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:  # the count was an estimate
            self.total = self.done
            self.progress.update(self.task, total=self.total)
        self.progress.advance(self.task, n)

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


class NoBar(ArticleBar):
    """``ArticleBar``'s interface, showing nothing (--quiet, or not a terminal)."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.done = 0

    def __enter__(self) -> NoBar:
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n

    def __exit__(self, *exc: object) -> None:
        return None


def print_summary(summary: BatchSummary, console: Console | None = None, *, max_reasons: int = 10) -> None:
    """Articles, failures with reasons, rows per table (this run and in the folder)."""
    con = console or Console(stderr=True)
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    con.print(
        f"[bold]{summary.articles}[/bold] article(s) analysed in {summary.seconds:.1f}s "
        f"({rate:.1f}/s, engine {summary.engine}, {summary.workers} worker(s)); "
        f"shards: {summary.processed} done, {summary.skipped} skipped, {len(summary.failed_shards)} failed"
    )
    if summary.peak_rss_mb:
        peaks = sorted(summary.peak_rss_mb.values())
        con.print(f"peak memory per worker process: {peaks[-1]:.0f} MB max, {peaks[0]:.0f} MB min")
    if summary.stale:
        con.print(f"removed {len(summary.stale)} shard output(s) whose input or shard size changed")
    if summary.failures:
        con.print(
            f"{len(summary.failures)} failure(s), written to {terminal_safe(summary.out)}/failures.jsonl:",
            markup=False,
            highlight=False,
        )
        for reason, n in summary.failure_reasons.most_common(max_reasons):
            # messages name files and lines: data, never markup nor terminal escapes
            con.print(f"  {n:5d}  {terminal_safe(reason, newlines=False)}", markup=False, highlight=False)
        rest = len(summary.failure_reasons) - max_reasons
        if rest > 0:
            con.print(f"  ... and {rest} other reason(s)")
    else:
        con.print("no failures")
    grid = Table(title="rows per table", title_justify="left")
    grid.add_column("table")
    grid.add_column("this run", justify="right")
    grid.add_column("in folder", justify="right")
    for t in tables.TABLES:
        grid.add_row(t, str(summary.rows.get(t, 0)), str(summary.total_rows.get(t, 0)))
    con.print(grid)
