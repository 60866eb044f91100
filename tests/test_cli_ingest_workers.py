"""``counterclaim ingest --workers N``: worker processes analyse, this process stores in input
order; the same rows as one worker, bad items reported in their place, a progress bar on a
terminal unless --quiet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from counterclaim.cli import cli
from counterclaim.ingest import set_max_bytes

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ingest"
# good articles, bad JSONL lines, and an article only analysis refuses (French: E017, raised on
# the worker), in this order
INPUTS = [ROOT / "samples", DATA / "mixed.jsonl", DATA / "french.txt", DATA / "article.json"]


@pytest.fixture(autouse=True)
def _reset_limit():  # type: ignore[no-untyped-def]
    yield
    set_max_bytes(None)


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the store, in storage order (meta and migrations aside)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in names
            if t not in ("meta", "migrations") and not t.startswith("sqlite_")
        }
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.usefixtures("nlp")
def test_two_workers_store_the_same_rows_in_input_order(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = run("ingest", *INPUTS, "--db", one, "--workers", 1)
    r2 = run("ingest", *INPUTS, "--db", two, "--workers", 2)
    assert r1.exit_code == r2.exit_code == 2  # bad items were skipped
    # the same lines in the same (input) order, errors included, on both streams
    assert r2.stdout.replace(str(two), "DB") == r1.stdout.replace(str(one), "DB")
    assert r2.stderr == r1.stderr
    assert "[E015]" in r2.stderr and "[E016]" in r2.stderr and "[E017]" in r2.stderr  # read and worker errors
    stored = [ln.split()[1] for ln in r2.stdout.splitlines() if ln.startswith("stored ")]
    assert len(stored) == 8
    assert _rows(two) == _rows(one)
    con = sqlite3.connect(two)
    assert [r[0] for r in con.execute("SELECT id FROM articles ORDER BY rowid")] == stored
    con.close()

    # a second run with workers changes nothing
    before = _rows(two)
    again = run("ingest", *INPUTS, "--db", two, "--workers", 2)
    assert again.exit_code == 2
    assert sum(ln.startswith("unchanged ") for ln in again.stdout.splitlines()) == 8
    assert "0 stored" in again.stdout
    assert _rows(two) == before


@pytest.mark.usefixtures("nlp")
def test_progress_bar_on_a_terminal_and_quiet_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich takes standard error for a terminal
    shown = run("ingest", ROOT / "samples", "--db", tmp_path / "a.db", "--workers", 1)
    assert shown.exit_code == 0, shown.stderr
    assert "articles" in shown.stderr and "5/5" in shown.stderr and "left" in shown.stderr
    quiet = run("ingest", ROOT / "samples", "--db", tmp_path / "b.db", "--workers", 1, "--quiet")
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout.count("\nstored ") + quiet.stdout.startswith("stored ") == 5


def test_no_bar_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    r = run("ingest", DATA / "empty.txt", "--db", tmp_path / "c.db")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"counterclaim: [E011] {DATA / 'empty.txt'}: the input is empty"]
