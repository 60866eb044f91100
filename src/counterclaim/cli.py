"""Command line: a thin face over ``counterclaim`` (placeholder until issue 2's CLI lands)."""

from __future__ import annotations

import sys

import click

from .analyze import analyze


@click.group()
def cli() -> None:
    """counterclaim: who claims what in conflict news."""


@cli.command("analyze")
@click.argument("path", type=click.Path())
def analyze_cmd(path: str) -> None:
    """Analyse one .txt article and print JSON."""
    lines = open(path, encoding="utf-8").read().split("\n")
    click.echo(analyze("\n".join(lines[1:]).strip() + "\n", title=lines[0]).to_json())


def main() -> None:
    sys.exit(cli())
