"""Values that cannot be (issue 20, class 7): ``--published 9999-12-31`` crashed the date
arithmetic (E030, and a 500 on the web form), ``"published": "2020-02-30"`` was stored as a date,
``claims --since not-a-date`` exited 0 with nothing. Dates are now checked at every entry
(``ingest.checks.valid_date``: a calendar day from 1800-01-01 to 2199-12-31); the number cases
(``extract/numbers.py``) are in ``tests/extract/test_numbers.py``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.errors import InvalidValue
from counterclaim.ingest import parse_bytes
from counterclaim.ingest.checks import valid_date
from counterclaim.records import Article
from counterclaim.store import open_store
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

BAD_DATES = [
    "9999-12-31",
    "0001-01-01",
    "2020-02-30",
    "2023-02-29",
    "2024-13-01",
    "not-a-date",
    "20240101",
    "",
]
TEXT = "Border clash\n\nThe army said 12 soldiers were killed near the border town on Monday.\n"


@pytest.mark.parametrize("value", BAD_DATES)
def test_valid_date_refuses(value: str) -> None:
    with pytest.raises(InvalidValue) as err:
        valid_date(value, what="--published")
    assert err.value.code == "E023" and "--published" in str(err.value)


@pytest.mark.parametrize(
    ("value", "partial", "expected"),
    [
        ("2024-02-29", False, "2024-02-29"),
        ("2024-05-06T10:00:00Z", False, "2024-05-06"),
        ("2024-05", True, "2024-05"),
        ("2024", True, "2024"),
        ("1800-01-01", False, "1800-01-01"),
        ("2199-12-31", False, "2199-12-31"),
    ],
)
def test_valid_date_accepts(value: str, partial: bool, expected: str) -> None:
    assert valid_date(value, partial=partial) == expected


@pytest.mark.parametrize("value", BAD_DATES[:6])
@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_cli_published_flag(value: str, command: str, tmp_path: Path) -> None:
    extra = ["--db", str(tmp_path / "cc.db")] if command == "ingest" else []
    r = CliRunner().invoke(cli, [command, "-", "--published", value, *extra], input=TEXT)
    assert r.exit_code == 2 and "[E023]" in r.stderr and "Traceback" not in r.output
    assert not (tmp_path / "cc.db").exists()  # refused before anything was opened


@pytest.mark.parametrize("value", ["2020-02-30", "9999-12-31", "0001-01-01", "last Tuesday"])
def test_json_published_field(value: str) -> None:
    data = json.dumps({"title": "t", "text": "The army said 3 died.", "published": value}).encode()
    with pytest.raises(InvalidValue) as err:  # a .json file of one article: raised for the file
        list(parse_bytes(data, source="a.json", kind="json"))
    assert "a.json" in str(err.value) and "'published'" in str(err.value)


def test_jsonl_published_field_fails_that_line_only() -> None:
    lines = [
        {"title": "a", "text": "The army said 3 died.", "published": "2020-02-30"},
        {"title": "b", "text": "The army said 4 died.", "published": "2020-02-29"},
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    items = list(parse_bytes(data, source="a.jsonl", kind="jsonl"))
    assert isinstance(items[0], InvalidValue) and isinstance(items[1], Article)
    assert items[1].published == "2020-02-29"


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("published", ["9999-12-31", dt.date(1, 1, 1), "2020-02-30"])
def test_python_api_published(published: str | dt.date) -> None:
    from counterclaim.pipeline import analyze

    with pytest.raises(InvalidValue):
        analyze("The army said 3 soldiers died on Monday.", title="t", published=published)


def test_an_html_page_date_that_cannot_be_is_left_out() -> None:
    html = (
        b'<html><head><title>Clash</title><meta property="article:published_time" content="9999-12-31">'
        b"</head><body><article><p>The army said 12 soldiers were killed near the border town on Monday, and "
        b"officials said the fighting went on through the night.</p></article></body></html>"
    )
    (art,) = list(parse_bytes(html, source="a.html", kind="html"))
    assert isinstance(art, Article) and art.published != "9999-12-31"


@pytest.mark.parametrize("value", ["not-a-date", "9999-12-31", "2021-02-29"])
def test_claims_since(value: str, tmp_path: Path) -> None:
    db = tmp_path / "cc.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    r = CliRunner().invoke(cli, ["claims", "--since", value, "--db", str(db)])
    assert r.exit_code == 2 and "[E023]" in r.stderr


def test_web_form_date_is_a_400_not_a_500(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from counterclaim.web.app import create_app

    db = tmp_path / "cc.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    app = create_app(str(db), read_only=True, index_path=str(tmp_path / "idx.sqlite"))
    with TestClient(app) as c:
        for value in ("9999-12-31", "2020-02-30", "0001-01-01"):
            r = c.post("/analyze", data={"text": TEXT, "published": value})
            assert r.status_code == 400 and "E023" in r.text
