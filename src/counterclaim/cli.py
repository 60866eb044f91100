"""Command line: a thin face over ``counterclaim``.

    counterclaim analyze ARTICLE... [--format json|text] [--published YYYY-MM-DD] [--outlet NAME] [--url URL]
    counterclaim ingest PATH... [--db FILE|URL]
    counterclaim show ARTICLE_ID [--db FILE|URL] [--format json|text]
    counterclaim list [--db FILE|URL]

Errors are printed as ``counterclaim: [E0xx] SOURCE: problem`` on standard error. ``analyze`` exits
non-zero when any input was bad; ``ingest`` stores the good items, reports and skips the bad
ones, and exits 2 when it skipped any. Extra commands come from ``cli_compare.COMMANDS``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from .errors import (
    CounterclaimError,
    InternalError,
    NotFoundInStore,
    OutputError,
    PipelineError,
    UsageError,
)
from .ingest import Overrides, read_paths, set_max_bytes
from .ingest.readers import FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES
from .records import Analysis, Article
from .store import DEFAULT_PATH, open_store, redact
from .store.tables import Prepared

BATCH = 16
MULTI_SUFFIXES = JSONL_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + (".xml",)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A real calendar day in the range an article can have (``checks.valid_date``), or E023."""
    if value is None:
        return None
    from .ingest.checks import valid_date  # noqa: PLC0415

    return valid_date(value, what=f"--{param.name}", source=None)


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """'5MB', '500KB', '2000000' -> bytes."""
    if value is None:
        return None
    from .ingest.checks import MAX_SIZE_LIMIT, human_size  # noqa: PLC0415

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", value.lower())
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"'{value}' is not a size such as 5MB, 500KB or 2000000")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2)]
    size = float(m.group(1)) * scale
    if size > MAX_SIZE_LIMIT:
        raise click.BadParameter(f"'{value}' is over the largest size allowed, {human_size(MAX_SIZE_LIMIT)}")
    return max(1, int(size))


def _fail(exc: CounterclaimError) -> None:
    say(f"counterclaim: {exc}", err=True)


def _warn(a: Analysis) -> None:
    src = a.article.source or a.article.id
    for w in a.warnings:
        say(f"counterclaim: warning: {src}: {w}", err=True)


def say(line: str, *, err: bool = False) -> None:
    """Print one line of text output, escape sequences and control characters removed (titles,
    file names and messages are data: they must not drive the terminal)."""
    from .report import terminal_safe  # noqa: PLC0415

    click.echo(terminal_safe(line, newlines=False), err=err)


def analyze_stream(items: Iterable[Article | CounterclaimError]) -> Iterator[Analysis | CounterclaimError]:
    """Analyse read items in order, batching articles through ``analyze_many`` (one pipeline
    load); read errors, and articles that fail, come out as errors in their place."""
    from .pipeline import analyze_many  # noqa: PLC0415 (loads spaCy; not needed for show/list)

    buf: list[Article | CounterclaimError] = []

    def flush() -> Iterator[Analysis | CounterclaimError]:
        arts = [x for x in buf if isinstance(x, Article)]
        try:
            results: list[Analysis | Exception] = list(analyze_many(arts, batch_size=BATCH))
        except Exception:  # an extractor crashed somewhere in the batch: redo one by one
            results = [_one(a) for a in arts]
        it = iter(results)
        for x in buf:
            if isinstance(x, CounterclaimError):
                yield x
                continue
            r = next(it)
            if isinstance(r, CounterclaimError | Analysis):
                yield r
            else:
                yield PipelineError(f"analysis failed: {type(r).__name__}: {r}", source=x.source)
        buf.clear()

    for item in items:
        buf.append(item)
        if len(buf) >= BATCH:
            yield from flush()
    yield from flush()


def _one(article: Article) -> Analysis | Exception:
    from .pipeline import analyze_article  # noqa: PLC0415

    try:
        return analyze_article(article)
    except Exception as exc:  # reported per article by analyze_stream
        return exc


def _is_multi(paths: tuple[str, ...]) -> bool:
    if len(paths) > 1:
        return True
    p = Path(paths[0])
    name = p.name.lower()
    return p.is_dir() or name.endswith(MULTI_SUFFIXES)


class NumberedGroup(click.Group):
    """The command group: every error it lets out is one numbered line on standard error and an
    exit status (README, "Errors and exit status"), never a traceback.

    Usage mistakes are E001 (exit 2); ``CounterclaimError``s keep their code and exit status; an
    output that cannot be written is E060 (exit 5); Ctrl-C exits 130; anything unforeseen is
    E999 (exit 1), named by its type."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except CounterclaimError as exc:
            _fail(exc)
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _fail(UsageError(f"{exc.format_message()}{hint}"))
            sys.exit(UsageError.exit_code)
        except click.ClickException as exc:  # the command modules' errors: already numbered
            msg = exc.format_message()
            numbered = msg if re.match(r"\[E\d{3}\]", msg) else f"[{UsageError.code}] {msg}"
            say(f"counterclaim: {numbered}", err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            say("counterclaim: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            sys.stderr.close()
            sys.exit(141)
        except OSError as exc:
            where = exc.filename if isinstance(exc.filename, str) else None
            _fail(OutputError(f"cannot read or write: {exc.strerror or exc}", source=where))
            sys.exit(OutputError.exit_code)
        except Exception as exc:  # noqa: BLE001 - a bug: one numbered line, not a traceback
            _fail(InternalError(f"internal error: {type(exc).__name__}: {exc} (a bug; please report it)"))
            sys.exit(InternalError.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=NumberedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="counterclaim")
def cli() -> None:
    """counterclaim: who claims what in conflict and political news."""


_size_opt = click.option(
    "--max-size",
    callback=_size,
    metavar="SIZE",
    envvar="COUNTERCLAIM_MAX_BYTES",
    help="Largest article file or text accepted, e.g. 5MB (the default) or 20MB.",
)
_db_opt = click.option(
    "--db",
    default=DEFAULT_PATH,
    show_default=True,
    envvar="COUNTERCLAIM_DB",
    metavar="DB",
    help="The store: an SQLite file, or postgresql://user:password@host:port/database.",
)
_meta_opts = [
    click.option(
        "--published",
        callback=_iso_date,
        metavar="YYYY-MM-DD",
        help="Publication date (overrides the file's; anchors relative dates).",
    ),
    click.option("--outlet", metavar="NAME", help="The publishing outlet (overrides the file's)."),
    click.option("--url", metavar="URL", help="The article's URL (overrides the file's)."),
]


def _meta(f: Any) -> Any:
    for opt in reversed(_meta_opts):
        f = opt(f)
    return f


@cli.command("analyze")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default=None,
    help="json: the schema's JSON (JSON Lines for several articles); text: a readable report. "
    "Default: text on a terminal, json otherwise.",
)
@_meta
@_size_opt
def analyze_cmd(
    articles: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    url: str | None,
    max_size: int | None,
) -> None:
    """Analyse articles and print their analyses, in input order.

    ARTICLE is a .txt, .html, .json or .jsonl file, a feed, a WARC file, a folder, or - for
    standard input."""
    if fmt is None:
        fmt = "text" if sys.stdout.isatty() else "json"
    set_max_bytes(max_size)
    items = read_paths(articles, overrides=Overrides(published, outlet, url), max_bytes=max_size)
    multi = _is_multi(articles)
    held: Analysis | None = None  # the first analysis, held until we know whether more follow
    shown = 0
    exit_code = 0
    for r in analyze_stream(items):
        if isinstance(r, CounterclaimError):
            _fail(r)
            exit_code = max(exit_code, r.exit_code)
            continue
        _warn(r)
        if not multi and held is None and shown == 0:
            held = r
            continue
        if held is not None:
            multi = True
            _emit(held, fmt, multi, shown)
            shown += 1
            held = None
        _emit(r, fmt, multi, shown)
        shown += 1
    if held is not None:
        _emit(held, fmt, multi, shown)
        shown += 1
    if exit_code:
        sys.exit(exit_code)


def _emit(a: Analysis, fmt: str, multi: bool, n: int) -> None:
    if fmt == "json":
        text = a.to_json() if multi else a.to_json(indent=2)
        if sys.stdout.isatty():  # the same JSON, with control and direction marks as \u escapes
            from .report import json_for_terminal  # noqa: PLC0415

            text = json_for_terminal(text)
        click.echo(text)
        return
    if n:
        click.echo()
    _print_report(a)


def _print_report(a: Analysis) -> None:
    from . import report  # noqa: PLC0415

    if sys.stdout.isatty():
        from rich.console import Console  # noqa: PLC0415

        report.render_rich(a, Console())
    else:
        click.echo(report.render_plain(a), nl=False)


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def _read_inputs(
    paths: Iterable[str], overrides: Overrides, max_size: int | None, fetch: bool, allow_private: bool = False
) -> Iterator[Article | CounterclaimError]:
    """Articles from files, folders and standard input; feed URLs only when fetching is allowed
    (the feed reader refuses file:// and private-network addresses and bounds size and time)."""
    for p in paths:
        if not _URL.match(p):
            yield from read_paths([p], overrides=overrides, max_bytes=max_size)
            continue
        from .ingest.feeds import read_feed  # noqa: PLC0415

        try:
            for item in read_feed(p, allow_network=fetch, allow_private=allow_private):
                yield overrides.apply(item) if isinstance(item, Article) else item
        except CounterclaimError as exc:
            if not fetch and exc.source == p:
                exc = type(exc)(f"{exc.message}; pass --fetch to read feeds over the network", source=p)
            yield exc


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_opt
@_meta
@_size_opt
@click.option("--fetch", is_flag=True, help="Allow reading RSS/Atom feed URLs (off by default).")
@click.option(
    "--allow-private", is_flag=True, help="With --fetch: allow loopback and private-network feed addresses."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes analysing articles while this one stores them [default: CPU count; "
    "one, in this process, for fewer articles than starting workers is worth].",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest_cmd(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    outlet: str | None,
    url: str | None,
    max_size: int | None,
    fetch: bool,
    allow_private: bool,
    workers: int | None,
    quiet: bool,
) -> None:
    """Analyse articles and store them in input order; re-ingesting changes nothing.

    PATH is a file, folder, JSONL, feed or WARC file, an RSS/Atom feed URL (with --fetch), or -
    for standard input. A bad item is reported and skipped; the good ones are stored. On a
    terminal a progress bar shows how far it got and how long is left."""
    set_max_bytes(max_size)
    counts = {"stored": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    exit_code = 0
    try:
        store = open_store(db)
    except CounterclaimError as exc:
        _fail(exc)
        sys.exit(exc.exit_code)
    with store, _ingest_progress(paths, quiet) as bar:
        items = _read_inputs(paths, Overrides(published, outlet, url), max_size, fetch, allow_private)
        for r in _ingest_stream(items, workers, bar.total, max_size):
            bar.advance()
            if isinstance(r, CounterclaimError):
                _fail(r)
                counts["skipped"] += 1
                exit_code = max(exit_code, r.exit_code)
                continue
            a = r.analysis if isinstance(r, Prepared) else r
            _warn(a)
            existed = a.article.id in store
            try:
                changed = store.upsert(r)
            except CounterclaimError as exc:
                _fail(exc)
                counts["skipped"] += 1
                exit_code = max(exit_code, exc.exit_code)
                continue
            status = ("updated" if existed else "stored") if changed else "unchanged"
            counts[status] += 1
            say(f"{status:<9}  {a.article.id}  {_short(a.article.title, 60)}  ({a.article.source or '-'})")
        total = store.count("articles")
    summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v or k == "stored")
    say(f"{summary}; {total} article{'s' if total != 1 else ''} in {redact(db)}")
    if exit_code:
        sys.exit(exit_code)


def _ingest_progress(paths: tuple[str, ...], quiet: bool) -> Any:
    """A progress bar over the items to ingest on a terminal (not with --quiet); its ``total``
    is the estimated item count either way (None when it cannot be told in advance)."""
    from rich.console import Console  # noqa: PLC0415

    from .batch.progress import ArticleBar, NoBar  # noqa: PLC0415
    from .ingest import count_items  # noqa: PLC0415

    total = None if any(_URL.match(p) for p in paths) else count_items(paths)
    console = Console(stderr=True)
    return NoBar(total) if quiet or not console.is_terminal else ArticleBar(total, console)


def _ingest_stream(
    items: Iterator[Article | CounterclaimError], workers: int | None, total: int | None, max_size: int | None
) -> Iterator[Analysis | Prepared | CounterclaimError]:
    """Analyses in input order: on worker processes (``batch.stream``), which also validate them
    and work out their store rows, or in this process for one worker, or by default when the
    items are too few to repay starting workers."""
    from .batch import workers as pool  # noqa: PLC0415

    n = workers
    if n is None:
        n, items = pool.plan_workers(items, total)
    if n <= 1:
        return analyze_stream(items)
    if pool.FORK_SERVER:
        # first, so the workers' fork server loads the pipeline on another core while this
        # process imports Dask and starts the scheduler
        pool.start_fork_server()
    from .batch.stream import analyze_in_workers  # noqa: PLC0415

    return analyze_in_workers(
        items, workers=n, batch_size=BATCH, total=total, max_bytes=max_size, prepare=True
    )


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


@cli.command("show")
@click.argument("article_id")
@_db_opt
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default=None,
    help="Default: text on a terminal, json otherwise.",
)
def show_cmd(article_id: str, db: str, fmt: str | None) -> None:
    """Print a stored analysis.

    ARTICLE_ID is an id as `list` shows it, or a unique prefix of one."""
    if fmt is None:
        fmt = "text" if sys.stdout.isatty() else "json"
    try:
        with open_store(db, read_only=True) as store:
            a = store.get(_resolve(store.article_ids(), article_id, store.location))
    except CounterclaimError as exc:
        _fail(exc)
        sys.exit(exc.exit_code)
    _emit(a, fmt, False, 0)


def _resolve(ids: list[str], wanted: str, db: str) -> str:
    if wanted in ids:
        return wanted
    hits = [i for i in ids if i.startswith(wanted)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise NotFoundInStore(f"'{wanted}' matches {len(hits)} articles; give more of the id", source=db)
    raise NotFoundInStore(f"no article with id '{wanted}' in the store", source=db)


@cli.command("list")
@_db_opt
def list_cmd(db: str) -> None:
    """List the stored articles.

    One line each: id, publication date, counts of quotes, figures and events, title."""
    try:
        with open_store(db, read_only=True) as store:
            click.echo(f"{'id':<18}  {'published':<10}  quotes  figures  events  title")
            for a in store.analyses():
                art = a.article
                say(
                    f"{art.id:<18}  {art.published or '?':<10}  {len(a.quotes):>6}  {len(a.figures):>7}  "
                    f"{len(a.events):>6}  {_short(art.title, 70)}"
                )
    except CounterclaimError as exc:
        _fail(exc)
        sys.exit(exc.exit_code)


def main() -> None:
    """Console entry point."""
    sys.exit(cli())


def _register_extra_commands() -> None:
    """Add the ``COMMANDS`` of every ``cli_*`` module beside this one (``cli_compare``,
    ``cli_batch`` ...), so other faces' commands appear without edits here. A module that fails
    to import is reported on standard error and left out; the core commands still work."""
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    from . import __path__ as package_path  # noqa: PLC0415

    for mod in sorted(m.name for m in pkgutil.iter_modules(package_path) if m.name.startswith("cli_")):
        try:
            commands = getattr(importlib.import_module(f"{__package__}.{mod}"), "COMMANDS", [])
        except Exception as exc:  # a broken extra module must not take the core commands down
            why = f"{type(exc).__name__}: {exc}"
            click.echo(f"counterclaim: warning: commands of {mod} unavailable ({why})", err=True)
            continue
        for c in commands:
            if c.name not in cli.commands:
                cli.add_command(c)


_register_extra_commands()

__all__ = ["analyze_stream", "cli", "main"]
