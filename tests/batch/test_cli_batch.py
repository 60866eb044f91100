"""The ``batch`` command through click's CliRunner (local engine)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from counterclaim.batch import read_table
from counterclaim.cli_batch import COMMANDS, batch_cmd

from .conftest import Corpus, write_jsonl


def test_batch_is_exported_for_the_main_cli() -> None:
    assert [c.name for c in COMMANDS] == ["batch"]


def test_batch_command_writes_tables_and_summary(nlp: object, tmp_path: Path, corpus: Corpus) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", corpus[:4], bad_line="{broken")
    out = tmp_path / "out"
    result = CliRunner().invoke(batch_cmd, [str(src), "--out", str(out), "--shard-size", "2"])
    assert result.exit_code == 2, result.output  # an article (the broken line) failed
    assert "4 article(s) analysed" in result.output
    assert "1 failure(s)" in result.output and "E015" in result.output
    assert "rows per table" in result.output and "inconsistencies" in result.output
    assert read_table(out, "articles").num_rows == 4
    rerun = CliRunner().invoke(batch_cmd, [str(src), "--out", str(out), "--shard-size", "2", "--quiet"])
    # everything is done already: nothing analysed, nothing added, the failure kept once
    assert rerun.exit_code == 0, rerun.output
    assert "0 article(s) analysed" in rerun.output and "3 skipped" in rerun.output
    assert read_table(out, "articles").num_rows == 4
    assert len((out / "failures.jsonl").read_text().splitlines()) == 1


def test_batch_command_rejects_unknown_input(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = CliRunner().invoke(batch_cmd, [str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "E018" in result.output and "notes.txt" in result.output
