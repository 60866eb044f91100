"""The ``load`` command through click's CliRunner: summary, idempotence, numbered errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.batch import output
from counterclaim.cli import cli
from counterclaim.cli_load import COMMANDS, load_cmd
from counterclaim.records import Analysis, Article, Party, Quote
from counterclaim.store import open_store

TEXT = 'Governor Ilse Marten said: "This was a deliberate attack."\n'


def _batch_out(folder: Path, n: int = 3) -> Path:
    """A batch-style output folder of one done shard with ``n`` hand-built analyses (no spaCy)."""
    from counterclaim.batch.output import ShardWriter, write_marker  # noqa: PLC0415
    from counterclaim.batch.sources import Shard  # noqa: PLC0415
    from counterclaim.batch.tables import flatten  # noqa: PLC0415

    speaker = Party(name="Ilse Marten", kind="source", resolved_via="name")
    w = ShardWriter(folder, "news-0")
    for i in range(n):
        art = Article.make(TEXT, title=f"Statement {i}")
        quote = Quote(speaker=speaker, text="This was a deliberate attack.", kind="direct", span=(27, 58))
        w.add(flatten(Analysis(article=art, quotes=[quote])))
    w.commit()
    shard = Shard(id="news-0", uri=str(folder / "news.jsonl"), format="jsonl", fingerprint="x")
    write_marker(folder, shard, articles=n, failures=[], rows=w.rows, seconds=0.1)
    return folder


def test_load_is_registered_on_the_main_cli() -> None:
    assert [c.name for c in COMMANDS] == ["load"]
    assert cli.commands.get("load") is load_cmd


def test_load_command_loads_then_changes_nothing(tmp_path: Path) -> None:
    out = _batch_out(tmp_path / "out")
    db = tmp_path / "s.db"
    first = CliRunner().invoke(load_cmd, [str(out), "--db", str(db), "--batch-size", "2"])
    assert first.exit_code == 0, first.output
    assert "3 article(s) read" in first.output and "3 changed, 0 unchanged, 0 failure(s)" in first.output
    assert "shards: 1 read, 0 not done" in first.output and "quotes" in first.output
    again = CliRunner().invoke(load_cmd, [str(out), "--db", str(db), "--quiet"])
    assert again.exit_code == 0, again.output
    assert "0 changed, 3 unchanged" in again.output
    with open_store(db) as st:
        assert st.count("articles") == 3 and st.count("quotes") == 3


def test_load_command_into_postgresql_never_shows_the_password(tmp_path: Path, pg_url: str) -> None:
    out = _batch_out(tmp_path / "out", n=2)
    scheme, rest = pg_url.split("://", 1)
    with_pw = f"{scheme}://{rest.split('@', 1)[0].split(':')[0]}:s3cret-pw@{rest.split('@', 1)[1]}"
    result = CliRunner().invoke(load_cmd, [str(out), "--db", with_pw, "-q"])  # trust auth: accepted
    assert result.exit_code == 0, result.output
    assert "2 changed" in result.output and "s3cret-pw" not in result.output and ":***@" in result.output


def test_failures_are_listed_and_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "analyses.jsonl"
    good = Analysis(article=Article.make(TEXT, title="ok"))
    src.write_text(good.to_json() + "\n" + json.dumps({"title": "not an analysis"}) + "\n")
    result = CliRunner().invoke(load_cmd, [str(src), "--db", str(tmp_path / "s.db"), "-q"])
    assert result.exit_code == 1
    assert "1 changed" in result.output and "1 failure(s)" in result.output
    assert f"{src}:2" in result.output and "no 'article' object" in result.output


@pytest.mark.parametrize(
    ("args", "code", "exit_code", "hidden"),
    [
        (["{tmp}/missing"], "E019", 2, None),
        (["{tmp}"], "E018", 2, None),  # a folder that is not batch output
        (["{out}", "--db", "mysql://root:topsecret@localhost/x"], "E040", 4, "topsecret"),
        (["{out}", "--db", "postgresql://me:topsecret@127.0.0.1:1/x"], "E040", 4, "topsecret"),
    ],
)
def test_numbered_errors(
    tmp_path: Path, args: list[str], code: str, exit_code: int, hidden: str | None
) -> None:
    out = _batch_out(tmp_path / "batch" / "out", n=1)
    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path / "empty", out=out) for a in args]
    if "--db" not in argv:
        argv += ["--db", str(tmp_path / "s.db")]
    result = CliRunner().invoke(load_cmd, argv)
    assert result.exit_code == exit_code, result.output
    assert f"[{code}]" in result.output
    if hidden:
        assert hidden not in result.output and "***" in result.output


def test_undone_shards_are_named_in_the_summary(tmp_path: Path) -> None:
    out = _batch_out(tmp_path / "out")
    output.marker_file(out, "news-0").unlink()
    result = CliRunner().invoke(load_cmd, [str(out), "--db", str(tmp_path / "s.db"), "-q"])
    assert result.exit_code == 0, result.output
    assert "0 article(s) read" in result.output and "1 not done (skipped)" in result.output
    assert "skipped news-0" in result.output
