"""The ``load`` command: batch output (or analysis JSON lines) into a SQLite or PostgreSQL store.

Registered on the main CLI group by ``cli.py`` through ``COMMANDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .errors import CounterclaimError, StoreError
from .store import DEFAULT_PATH, redact

if TYPE_CHECKING:
    from rich.console import Console

    from .batch.load import AnalysisReader, LoadSummary
    from .store import Store

MAX_REASONS = 10


def _click_error(exc: CounterclaimError) -> click.ClickException:
    err = click.ClickException(str(exc))
    err.exit_code = exc.exit_code
    return err


def _open(db: str) -> Store:
    """The store at ``db``; any failure becomes a ``StoreError`` that never shows the password."""
    from .batch.load import scrub  # noqa: PLC0415
    from .store import open_store  # noqa: PLC0415

    try:
        return open_store(db)
    except CounterclaimError as exc:
        exc.args = (scrub(str(exc), db),)
        raise
    except Exception as exc:  # a driver's own error: bad URL, unreachable server, refused login
        why = scrub(f"{type(exc).__name__}: {exc}", db)
        raise StoreError(f"cannot open the store: {why}", source=redact(db)) from exc


@click.command("load")
@click.argument("source", metavar="DIR")
@click.option(
    "--db",
    default=DEFAULT_PATH,
    show_default=True,
    envvar="COUNTERCLAIM_DB",
    metavar="FILE|URL",
    help="The store: a SQLite file, sqlite:///path or postgresql://user:password@host/db.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles written per transaction.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load_cmd(source: str, db: str, batch_size: int, quiet: bool) -> None:
    """Load the analyses in DIR into the store.

    DIR is a `counterclaim batch` output folder (only shards marked done are read) or a .jsonl
    file, or a folder of them, as `counterclaim analyze --format json` prints. Loading is
    idempotent: articles already stored with the same analysis are left unchanged. Exits 1 when
    any article failed.
    """
    from rich.console import Console  # noqa: PLC0415

    from .batch.load import AnalysisReader, load  # noqa: PLC0415

    console = Console(stderr=True)
    try:
        reader = AnalysisReader(source)
        store = _open(db)
    except CounterclaimError as exc:
        raise _click_error(exc) from exc
    try:
        with store:
            if quiet:
                summary = load(source, store, batch_size=batch_size, reader=reader)
            else:
                summary = _load_with_progress(source, store, reader, batch_size, console)
    except CounterclaimError as exc:
        raise _click_error(exc) from exc
    print_summary(summary, console)
    if not summary.ok:
        raise SystemExit(1)


def _load_with_progress(
    source: str, store: Store, reader: AnalysisReader, batch_size: int, console: Console
) -> LoadSummary:
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .batch.load import load  # noqa: PLC0415
    from .batch.progress import RateColumn  # noqa: PLC0415

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]loading"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        speed_estimate_period=60,
    )
    task = progress.add_task("articles", total=reader.total())
    with progress:
        return load(
            source,
            store,
            batch_size=batch_size,
            reader=reader,
            progress=lambda n: progress.advance(task, n),
        )


def print_summary(summary: LoadSummary, console: Console) -> None:
    """Articles read, changed, unchanged and failed; failure reasons; rows read and stored."""
    from rich.markup import escape  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from .batch import tables  # noqa: PLC0415
    from .report import terminal_safe  # noqa: PLC0415

    con = console
    failed = len(summary.failures)
    con.print(
        f"[bold]{summary.articles}[/bold] article(s) read from {escape(terminal_safe(summary.source))} "
        f"into {escape(terminal_safe(summary.store))} "
        f"in {summary.seconds:.1f}s ({summary.rate:.1f}/s): {summary.changed} changed, "
        f"{summary.unchanged} unchanged, {failed} failure(s)",
        soft_wrap=True,
    )
    if summary.shards or summary.skipped_shards:
        con.print(f"shards: {summary.shards} read, {len(summary.skipped_shards)} not done (skipped)")
        for sid in summary.skipped_shards[:MAX_REASONS]:
            con.print(f"  skipped {sid}")
    if summary.aborted:
        con.print(f"stopped early: {terminal_safe(summary.aborted)}", markup=False, highlight=False)
    if failed:
        con.print(f"[yellow]{failed} failure(s)[/yellow]:")
        for f in summary.failures[:MAX_REASONS]:
            aid = f" {f.article_id}" if f.article_id else ""
            line = terminal_safe(f"  [{f.code}] {f.source}{aid}: {f.error}", newlines=False)
            con.print(line, markup=False, highlight=False, soft_wrap=True)
        if failed > MAX_REASONS:
            con.print(f"  ... and {failed - MAX_REASONS} more")
    grid = Table(title="rows", title_justify="left")
    grid.add_column("table")
    grid.add_column("read", justify="right")
    grid.add_column("in store", justify="right")
    names = list(dict.fromkeys([*tables.TABLES, *summary.store_rows]))
    for t in names:
        read = str(summary.rows[t]) if t in summary.rows else ""
        stored = str(summary.store_rows[t]) if t in summary.store_rows else ""
        grid.add_row(t, read, stored)
    con.print(grid)


COMMANDS: list[click.Command] = [load_cmd]
