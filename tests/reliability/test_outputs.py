"""Writes that destroy (issue 20, class 6): ``export --out`` into a missing folder was a
traceback, and a full disk during an export left the previous export truncated. Outputs are now
written to a temporary name, flushed and renamed (``export.write_file``); errors are numbered."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.errors import OutputError
from counterclaim.export import write_file
from counterclaim.store import open_store
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cc.db"
    with open_store(path) as s:
        s.upsert(make_analysis())
        s.upsert(make_analysis(title="Second"))
    return path


def test_export_into_a_missing_folder_makes_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "figures.csv"
    r = CliRunner().invoke(cli, ["export", "figures", "--db", str(db), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("row_id,")
    assert sorted(p.name for p in out.parent.iterdir()) == ["figures.csv"]  # no temporary left


def test_a_failed_write_leaves_the_previous_file_whole(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "figures.csv"
    assert CliRunner().invoke(cli, ["export", "figures", "--db", str(db), "--out", str(out)]).exit_code == 0
    before = out.read_bytes()
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    r = CliRunner().invoke(cli, ["export", "articles", "--db", str(db), "--out", str(out)])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert r.exit_code == 5 and "[E060]" in r.stderr and "No space left" in r.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temporary left


def test_export_to_a_full_device_is_a_numbered_error(db: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    r = CliRunner().invoke(cli, ["export", "articles", "--db", str(db), "--out", "/dev/full"])
    assert r.exit_code == 5 and "[E060]" in r.stderr and "Traceback" not in r.output


def test_write_file_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_file(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_write_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_file(tmp_path, b"x")


@pytest.mark.parametrize(
    ("args", "code", "status"),
    [
        (["list", "--db", "{tmp}/missing.db"], "E041", 4),
        (["show", "a_zz", "--db", "{db}"], "E041", 4),
        (["export", "nosuchtable", "--db", "{db}"], "E001", 2),
        (["export", "articles", "--db", "{db}", "--out", "{tmp}"], "E001", 2),
        (["load", "{tmp}/nothing-here", "--db", "{db}"], "E019", 2),
        (["batch", "{db}", "--out", "{tmp}/out"], "E018", 2),
        (["batch", "{tmp}/missing.jsonl", "--out", "{tmp}/out"], "E019", 2),
        (["ingest", "-", "--db", "mysql://x/y"], "E040", 4),
        (["serve", "--port", "99999", "--db", "{db}"], "E001", 2),
        (["claims", "--sides", "{tmp}/none.yaml", "--db", "{db}"], "E019", 2),
    ],
)
def test_every_error_is_one_numbered_line_with_its_exit_status(
    args: list[str], code: str, status: int, db: Path, tmp_path: Path
) -> None:
    argv = [a.format(tmp=tmp_path, db=db) for a in args]
    r = CliRunner().invoke(cli, argv, input="")
    assert r.exit_code == status, r.output
    assert "Traceback" not in r.output and f"counterclaim: [{code}]" in r.stderr or f"[{code}]" in r.stderr


def test_an_unforeseen_error_is_e999_not_a_traceback(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    from counterclaim import cli as cli_mod

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_mod, "open_store", boom)
    r = CliRunner().invoke(cli, ["list", "--db", str(db)])
    assert r.exit_code == 1 and "[E999]" in r.stderr and "RuntimeError: boom" in r.stderr
    assert "Traceback" not in r.output
