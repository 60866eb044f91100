"""cli_web.py: the ``serve`` command is registered and refuses what it cannot serve."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.cli_web import scrub


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


def test_serve_help_says_db_is_a_file_or_a_url() -> None:
    out = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--db DB" in out and "FILE" in out and "postgresql://" in out


@pytest.mark.parametrize(
    ("message", "location", "expected"),
    [
        (
            "[E040] postgresql://u:pw1@h/db: refused",
            "postgresql://u:pw1@h/db",
            "[E040] postgresql://u:***@h/db: refused",
        ),
        ("auth failed for pw1 and p%40ss", "postgresql://u:p%40ss@h/db", "auth failed for pw1 and ***"),
        ("bad password p@ss", "postgresql://u:p%40ss@h/db", "bad password ***"),
        ("no store here", "out/cc.db", "no store here"),
        ("cannot read postgresql://u@h/db", "postgresql://u@h/db", "cannot read postgresql://u@h/db"),
    ],
)
def test_scrub_masks_the_password(message: str, location: str, expected: str) -> None:
    assert scrub(message, location) == expected


def test_serve_unreachable_server_never_prints_the_password() -> None:
    r = CliRunner().invoke(cli, ["serve", "--db", "postgresql://u:Sekr3t@127.0.0.1:1/x", "--read-only"])
    assert r.exit_code != 0 and "cannot open" in r.output
    assert "Sekr3t" not in r.output and "u:***@127.0.0.1:1/x" in r.output


def test_serve_postgresql_prints_the_redacted_url(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    scheme, rest = pg_url.split("://", 1)
    url = f"{scheme}://{rest.replace('@', ':Sekr3t@', 1)}"  # trust auth ignores the password
    r = CliRunner().invoke(cli, ["serve", "--db", url, "--port", "0"])
    assert r.exit_code == 0, r.output
    assert len(served) == 1 and "Sekr3t" not in r.output
    assert f"serving {scheme}://{rest.replace('@', ':***@', 1)} on http://127.0.0.1:0/" in r.output
    served[0].state.web.close()  # type: ignore[attr-defined]
