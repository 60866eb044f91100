"""The compare commands (counterclaim/cli_compare.py) over a store holding the corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from counterclaim.cli_compare import COMMANDS

from . import corpus


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group("counterclaim")
    for cmd in COMMANDS:
        group.add_command(cmd)
    return group


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from counterclaim.store import open_store  # noqa: PLC0415

    path = tmp_path_factory.mktemp("store") / "corpus.db"
    with open_store(str(path)) as store:
        for a in corpus.hand_analyses():
            store.upsert(a)
    return str(path)


def run(cli: click.Group, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_commands_are_named() -> None:
    assert [c.name for c in COMMANDS] == ["entities", "stories", "claims", "contradictions", "export"]


def test_entities_query_finds_any_spelling(cli: click.Group, db: str) -> None:
    out = json.loads(run(cli, "entities", "--db", db, "--query", "Hovsepjan", "--json"))
    assert out[0]["name"] == "Aram Hovsepian" and "Aram Hovsepyan" in out[0]["aliases"]
    text = run(cli, "entities", "--db", db)
    assert "Milan Varga" in text and "Lena Varga" in text


def test_stories(cli: click.Group, db: str) -> None:
    out = json.loads(run(cli, "stories", "--db", db, "--json"))
    assert sorted(len(s["articles"]) for s in out) == sorted(len(g) for g in corpus.expected()["stories"])


def test_claims_filters(cli: click.Group, db: str) -> None:
    out = json.loads(run(cli, "claims", "--db", db, "--category", "killed", "--party", "Kestria", "--json"))
    assert [(s["subject"], s["low"], s["high"]) for s in out] == [("military", 3, 40)]
    out = json.loads(run(cli, "claims", "--db", db, "--claimant", "Relief Coordination Office", "--json"))
    assert [p["value"] for s in out for p in s["points"]] == [5000, 8000, 8000]
    text = run(cli, "claims", "--db", db, "--since", "2031-03-10")
    assert "captured military (Valdoria)" in text and "killed" not in text


def test_contradictions_by_story(cli: click.Group, db: str) -> None:
    stories = json.loads(run(cli, "stories", "--db", db, "--json"))
    every = json.loads(run(cli, "contradictions", "--db", db, "--json"))
    per_story = [
        json.loads(run(cli, "contradictions", "--db", db, "--story", s["id"], "--json")) for s in stories
    ]
    assert sum(len(p) for p in per_story) == len(every) > 0
    assert "[contradiction]" in run(cli, "contradictions", "--db", db)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_file(cli: click.Group, db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"figures.{fmt}"
    run(cli, "export", "figures", "--db", db, "--format", fmt, "--out", str(out))
    data = out.read_bytes()
    n = {
        "csv": lambda: len(list(csv.DictReader(io.StringIO(data.decode())))),
        "jsonl": lambda: len(data.splitlines()),
        "parquet": lambda: pq.read_table(io.BytesIO(data)).num_rows,
    }[fmt]()
    assert n == sum(len(a.figures) for a in corpus.hand_analyses())


def test_export_to_stdout(cli: click.Group, db: str) -> None:
    out = run(cli, "export", "acled", "--db", db, "--format", "csv")
    assert out.splitlines()[0].startswith(
        "event_date,event_type,actor1,actor2,location,fatalities,source,notes"
    )


def test_sides_file(cli: click.Group, db: str, tmp_path: Path) -> None:
    sides = tmp_path / "sides.yaml"
    sides.write_text(
        "sides:\n  West: [Valdoria]\n  East: [Kestria]\nneutral: [Lumeria, Relief Coordination Office]\n"
    )
    out = json.loads(
        run(cli, "entities", "--db", db, "--sides", str(sides), "--query", "Milan Varga", "--json")
    )
    assert out[0]["side"] == "East"


def test_missing_store_and_sides_file_fail_cleanly(cli: click.Group, db: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["stories", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 4 and "none.db" in r.output
    r = CliRunner().invoke(cli, ["stories", "--db", db, "--sides", str(tmp_path / "none.yaml")])
    assert r.exit_code == 2 and "none.yaml" in r.output
