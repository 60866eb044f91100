"""The ``evaluate`` command (score analyses against gold files) and ``schema`` (print the output
schema). A thin face over ``counterclaim.evaluate`` and ``counterclaim.schema``.

Registered on the main CLI group by ``cli.py`` through ``COMMANDS``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import CounterclaimError


def _dir(must_exist: bool = True) -> click.Path:
    return click.Path(exists=must_exist, file_okay=False, path_type=Path)


@click.command("evaluate")
@click.argument("gold_dir", type=_dir(), metavar="GOLD_DIR")
@click.option(
    "--pred",
    "pred_dir",
    type=_dir(),
    default=None,
    metavar="DIR",
    help="Read ready analyses DIR/NAME.json instead of analysing the articles.",
)
@click.option(
    "--texts",
    "texts_dir",
    type=_dir(),
    default=None,
    metavar="DIR",
    help="The articles NAME.txt are here [default: GOLD_DIR].",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="OUT",
    help="Also write the scores (and per-article F1) as JSON to OUT.",
)
@click.option(
    "--show",
    "show",
    multiple=True,
    metavar="PART",
    help="List per article what was missed and extra for PART (quotes, 'quote spans', figures, "
    "'figure values', events, framing, dates, entities, published, same_entity, inconsistencies); "
    "may be repeated.",
)
@click.option("--only", default=None, metavar="TEXT", help="Only the articles whose name contains TEXT.")
@click.option(
    "--keep",
    "keep_dir",
    type=_dir(must_exist=False),
    default=None,
    metavar="DIR",
    help="Write each analysis made here to DIR/NAME.json (to score again with --pred DIR).",
)
def evaluate_cmd(
    gold_dir: Path,
    pred_dir: Path | None,
    texts_dir: Path | None,
    json_out: Path | None,
    show: tuple[str, ...],
    only: str | None,
    keep_dir: Path | None,
) -> None:
    """Score counterclaim on the articles of GOLD_DIR against their gold files NAME.gold.json.

    Each article NAME.txt (a title line, optional URL:, DATE:, OUTLET: lines, then the text) is
    analysed here, or read ready from --pred. Prints precision, recall and F1 per part, the
    accuracies, and the overall F1. A gold file that cannot be scored and an article that is
    missing or fails are reported (numbered errors) and the rest are scored; the exit status is
    then 2. The gold format: docs/annotating.md.
    """
    from .evaluate import SHOWABLE, evaluate, format_differences, format_table  # noqa: PLC0415

    unknown = [p for p in show if p not in SHOWABLE]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r}; choose from {', '.join(SHOWABLE)}", param_hint="--show")
    try:
        ev = evaluate(gold_dir, pred_dir=pred_dir, texts_dir=texts_dir, keep_dir=keep_dir, only=only)
    except CounterclaimError as exc:
        click.echo(f"counterclaim: {exc}", err=True)
        sys.exit(exc.exit_code)
    for problem in ev.problems:
        click.echo(f"counterclaim: {problem}", err=True)
    how = f"analyses from {pred_dir}" if pred_dir else "analysed here"
    click.echo(f"{len(ev.golds)} article(s) scored against {gold_dir} ({how})", err=True)
    click.echo(format_table(ev.scores))
    for part in show:
        click.echo(f"\nMissed and extra: {part}")
        click.echo(format_differences(ev, part))
    if json_out:
        json_out.write_text(json.dumps(ev.scores.to_dict(), indent=2) + "\n", encoding="utf-8")
    if ev.problems:
        sys.exit(2)


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of an analysis (what `analyze --format json` prints)."""
    from .schema import schema_text  # noqa: PLC0415

    click.echo(schema_text(), nl=False)


COMMANDS: list[click.Command] = [evaluate_cmd, schema_cmd]
