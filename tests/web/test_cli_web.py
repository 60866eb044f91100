"""cli_web.py: the ``serve`` command is registered and refuses what it cannot serve."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli


def test_serve_is_registered_with_its_options() -> None:
    r = CliRunner().invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--db", "--host", "--port", "--read-only"):
        assert opt in r.output
    assert "127.0.0.1" in r.output  # local only by default


def test_serve_read_only_without_store_fails(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db"), "--read-only"])
    assert r.exit_code != 0 and "no store" in r.output
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("port", ["-1", "70000", "http"])
def test_serve_rejects_bad_ports(port: str) -> None:
    assert CliRunner().invoke(cli, ["serve", "--port", port]).exit_code == 2
