"""The ``batch`` command: analyse JSONL/Parquet/WARC shards into Parquet tables, locally or on Dask.

Registered on the main CLI group by ``cli.py`` through ``COMMANDS``.
"""

from __future__ import annotations

import click

from .errors import CounterclaimError


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder (one Parquet dataset per table).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this process; dask: a Dask distributed cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Join this Dask scheduler instead of starting a local cluster (implies --engine dask).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the local Dask cluster [default: CPU count].",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Articles per shard (JSONL and Parquet files are cut into shards).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Articles parsed together by spaCy.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def batch_cmd(
    inputs: tuple[str, ...],
    out: str,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    shard_size: int,
    batch_size: int,
    quiet: bool,
) -> None:
    """Analyse every article in INPUT... (.jsonl, .parquet, .warc files, folders, s3:// etc. URLs).

    Writes DIR/<table>/<shard>.parquet for articles, entities, quotes, figures, events, framing,
    dates and inconsistencies, and DIR/failures.jsonl. A rerun skips shards already done. Exits 2
    when any article failed (listed in failures.jsonl), 1 when a shard failed as a whole.
    """
    from rich.console import Console  # noqa: PLC0415

    from .batch.progress import RichReporter, print_summary  # noqa: PLC0415
    from .batch.runner import NullReporter, run_batch  # noqa: PLC0415

    if scheduler:
        engine = "dask"
    console = Console(stderr=True)
    reporter = NullReporter() if quiet else RichReporter(console)
    try:
        summary = run_batch(
            inputs,
            out,
            engine=engine,
            scheduler=scheduler,
            workers=workers,  # type: ignore[arg-type]
            batch_size=batch_size,
            shard_size=shard_size,
            reporter=reporter,
        )
    except CounterclaimError as exc:
        err = click.ClickException(str(exc))
        err.exit_code = exc.exit_code
        raise err from exc
    print_summary(summary, console)
    if summary.exit_code:
        raise SystemExit(summary.exit_code)


COMMANDS: list[click.Command] = [batch_cmd]
