"""Command line, across articles: entities, stories, claims, contradictions, export.

``COMMANDS`` lists the click commands; the main CLI group registers them. Each reads the
analyses of a store (``--db``, default counterclaim.db) and prints a plain-text table, or JSON
with ``--json``. A sides file (``--sides FILE``, YAML, see ``compare.sides``) groups parties
into the sides of a conflict; without one each state is its own side.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .compare.claims import filter_series
from .compare.contradictions import for_story
from .compare.sides import Sides
from .errors import CounterclaimError, InputNotFound, StoreError
from .export import FORMATS, TABLES, Tables, encode, write_file
from .ingest.checks import valid_date
from .records import Analysis
from .report import json_for_terminal, terminal_safe

DEFAULT_DB = "counterclaim.db"


def _open_store(path: str) -> Any:
    from .store import open_store  # noqa: PLC0415 - the store is only needed by these commands

    return open_store(path, read_only=True)


def load_tables(db: str, sides_path: str | None = None) -> Tables:
    """Every analysis in the store at ``db``, ready for the compare tables."""
    if "://" not in db and not Path(db).is_file():
        raise StoreError("no store here; analyse some articles into it first", source=db)
    with _open_store(db) as store:
        analyses: list[Analysis] = list(store.analyses())
    tables = Tables(analyses)
    if sides_path:
        p = Path(sides_path)
        if not p.is_file():
            raise InputNotFound("sides file not found", source=sides_path)
        from .compare.entities import resolve_entities  # noqa: PLC0415

        sides = Sides.from_yaml(p.read_text("utf-8"), source=sides_path)
        tables._index = resolve_entities(analyses, sides=sides)
    return tables


def _errors(fn: Callable[..., None]) -> Callable[..., None]:
    """Turn a ``CounterclaimError`` into its message on stderr and its exit code."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except CounterclaimError as exc:
            _echo(f"counterclaim: {exc}", err=True)
            sys.exit(exc.exit_code)

    return run


def _echo(line: str, *, err: bool = False) -> None:
    """One line of output, terminal escapes and control characters removed (titles are data)."""
    click.echo(terminal_safe(line, newlines=False), err=err)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An ISO date flag: a real calendar day, or E023 (``claims --since not-a-date`` matched nothing)."""
    return None if value is None else valid_date(value, what=f"--{param.name}")


def _common(fn: Callable[..., None]) -> Callable[..., None]:
    fn = click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        metavar="DB",
        help="The store to read: an SQLite file or a postgresql:// URL.",
    )(fn)
    return click.option(
        "--sides",
        "sides_path",
        default=None,
        type=click.Path(dir_okay=False),
        help="YAML file: which parties form each side.",
    )(fn)


def _json(obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    click.echo(json_for_terminal(text) if sys.stdout.isatty() else text)


@click.command("entities")
@_common
@click.option("--query", default=None, help="Only entities matching this name (any spelling).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def entities_cmd(db: str, sides_path: str | None, query: str | None, as_json: bool) -> None:
    """Canonical entities across articles, with aliases, articles and quotes."""
    t = load_tables(db, sides_path)
    ents = t.index.find(query) if query else list(t.index)
    if as_json:
        _json([e.to_dict() for e in ents])
        return
    for e in ents:
        side = f" side={e.side}" if e.side else ""
        _echo(
            f"{e.name} [{e.type}]{side}  articles={len(e.articles)} mentions={e.mentions} "
            f"quotes={e.quotes}  id={e.id}"
        )
        if e.aliases:
            _echo("    aka: " + "; ".join(e.aliases[:12]))


@click.command("stories")
@_common
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def stories_cmd(db: str, sides_path: str | None, as_json: bool) -> None:
    """Groups of articles about the same happening."""
    t = load_tables(db, sides_path)
    if as_json:
        _json([s.to_dict() for s in t.stories])
        return
    titles = {
        a.article.id: (a.article.published or "?", a.article.outlet or "?", a.article.title)
        for a in t.analyses
    }
    for s in t.stories:
        uncertain = "  (dates uncertain: an article has no date)" if s.date_uncertain else ""
        _echo(
            f"{s.id}  {s.start or '?'}..{s.end or '?'}{uncertain}  {len(s.articles)} article(s)  "
            f"{', '.join(s.entities)}"
        )
        for aid in s.articles:
            pub, outlet, title = titles[aid]
            _echo(f"    {pub}  {outlet}: {title}")


@click.command("claims")
@_common
@click.option("--party", default=None, help="Whose losses (a state or group).")
@click.option("--category", default=None, help="killed, wounded, displaced, ...")
@click.option("--claimant", default=None, help="Only figures from this claimant (or side).")
@click.option("--since", default=None, callback=_date, help="Only figures as of this ISO date or later.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def claims_cmd(
    db: str,
    sides_path: str | None,
    party: str | None,
    category: str | None,
    claimant: str | None,
    since: str | None,
    as_json: bool,
) -> None:
    """Figures as series per (category, subject, party): each claimant's latest, range, revisions."""
    t = load_tables(db, sides_path)
    series = filter_series(t.series, party=party, category=category, claimant=claimant, since=since)
    if as_json:
        _json([s.to_dict() for s in series])
        return
    for s in series:
        cons = s.conservative
        _echo(
            f"{s.category} {s.subject} ({s.party or 'party unknown'}): range {s.low:g}-{s.high:g}, "
            f"most conservative {cons.value:g} ({cons.claimant})  id={s.id}"
            if cons
            else s.id
        )
        for p in s.points:
            rev = f"  (was {p.revision_of:g})" if p.revision_of is not None else ""
            side = f" [{p.claimant_side}]" if p.claimant_side else ""
            _echo(
                f"    {p.as_of or '?'}  {p.qualifier:<9} {p.value:>8g}  {p.claimant}{side}  "
                f"via {p.outlet or '?'}{rev}"
            )


@click.command("contradictions")
@_common
@click.option("--story", "story_id", default=None, help="Only this story's contradictions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def contradictions_cmd(db: str, sides_path: str | None, story_id: str | None, as_json: bool) -> None:
    """Figures that cannot both hold, and denials against the other side's claims."""
    t = load_tables(db, sides_path)
    found = for_story(t.contradictions, story_id, t.stories) if story_id else t.contradictions
    if as_json:
        _json([c.to_dict() for c in found])
        return
    for c in found:
        _echo(f"[{c.severity}] {c.kind}: {c.explanation}")
        for ev in (c.left, c.right):
            _echo(f"    {ev.published or '?'} {ev.outlet or '?'} ({ev.claimant}): {ev.text}")


@click.command("export")
@click.argument("table", type=click.Choice(TABLES))
@_common
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Output file (default stdout).")
@_errors
def export_cmd(table: str, db: str, sides_path: str | None, fmt: str, out: str | None) -> None:
    """Write one table (articles, entities, quotes, figures, events, claims, ...) as CSV, JSONL or Parquet."""
    t = load_tables(db, sides_path)
    data = encode(t.rows(table), fmt)
    if out:
        write_file(out, data)  # atomic: a failed write leaves the previous file as it was
        _echo(f"{len(t.rows(table))} row(s) -> {out}", err=True)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


COMMANDS: list[click.Command] = [entities_cmd, stories_cmd, claims_cmd, contradictions_cmd, export_cmd]
