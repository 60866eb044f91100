"""Articles and their metadata for scoring; ready analyses; problems reported, the rest scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.errors import InvalidValue, MissingArticle
from counterclaim.evaluate import article_for, evaluate, load_gold, read_predictions
from counterclaim.evaluate.run import split_header


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        (
            "URL: https://x.example/a\nDATE: 2024-07-09\nOUTLET: RT\n\nBody.\n",
            {"URL": "https://x.example/a", "DATE": "2024-07-09", "OUTLET": "RT"},
            "\nBody.\n",
        ),
        ("OUTLET: The Wire\nBody.", {"OUTLET": "The Wire"}, "Body."),
        ("Body first.\nURL: not a header here", {}, "Body first.\nURL: not a header here"),
        ("Date: lower case is text", {}, "Date: lower case is text"),
        ("URLs are many", {}, "URLs are many"),
    ],
)
def test_split_header(text: str, meta: dict, body: str) -> None:
    assert split_header(text) == (meta, body)


def _set(tmp_path: Path, gold: dict, text: str | None) -> Path:
    (tmp_path / "x.gold.json").write_text(json.dumps({"file": "x.txt", **gold}), encoding="utf-8")
    if text is not None:
        (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    return tmp_path / "x.gold.json"


def test_header_lines_are_metadata_never_text(tmp_path: Path) -> None:
    text = (
        "Strike hits depot\nURL: https://ledger.example/a\nDATE: 2025-03-12\nOUTLET: Ledger\n\nA drone hit.\n"
    )
    gold = load_gold(_set(tmp_path, {"outlet": "Other", "published": "2025-01-01"}, text))
    art = article_for(gold, tmp_path)
    assert (art.title, art.text) == ("Strike hits depot", "A drone hit.\n")
    assert (art.url, art.outlet, art.published) == ("https://ledger.example/a", "Ledger", "2025-03-12")
    assert art.published_source == "metadata"


def test_gold_metadata_stands_in_for_missing_headers(tmp_path: Path) -> None:
    gold = {"outlet": "Wire service (generic)", "url": None, "published": "2024-02-18"}
    art = article_for(load_gold(_set(tmp_path, gold, "Title\n\nBody text.\n")), tmp_path)
    assert (art.outlet, art.url, art.published) == (
        "Wire service (generic)",
        None,
        "2024-02-18",
    )  # as written


@pytest.mark.parametrize("header", ["", "DATE: 2024-02-18\n"])
def test_a_date_not_given_is_not_passed(tmp_path: Path, header: str) -> None:
    gold = {"published": "2024-02-18", "published_given": False}
    art = article_for(load_gold(_set(tmp_path, gold, f"Title\n{header}\nBody text.\n")), tmp_path)
    assert art.published is None  # the tool must infer it, and is scored on that


def test_a_missing_text_is_a_numbered_error(tmp_path: Path) -> None:
    gold = load_gold(_set(tmp_path, {}, None))
    with pytest.raises(MissingArticle, match=r"\[E051\] .*x\.txt: the article text is missing"):
        article_for(gold, tmp_path)


def test_a_bad_header_date_is_the_readers_error(tmp_path: Path) -> None:
    gold = load_gold(_set(tmp_path, {}, "Title\nDATE: 9 July\n\nBody.\n"))
    with pytest.raises(InvalidValue, match="'9 July' is not a date") as err:
        article_for(gold, tmp_path)
    assert err.value.code == "E023" and "x.txt" in str(err.value)


def test_ready_analyses_missing_or_unreadable(tmp_path: Path) -> None:
    golds = [load_gold(_set(tmp_path, {}, None))]
    pred = tmp_path / "pred"
    pred.mkdir()
    assert isinstance(read_predictions(golds, pred)["x"], MissingArticle)
    (pred / "x.json").write_text("{oops", encoding="utf-8")
    assert "unreadable analysis" in str(read_predictions(golds, pred)["x"])
    (pred / "x.json").write_text('{"quotes": []}', encoding="utf-8")
    assert read_predictions(golds, pred)["x"] == {"quotes": []}


def test_problems_are_reported_and_the_rest_scored(tmp_path: Path) -> None:
    for stem in ("a", "b"):
        gold = {"file": f"{stem}.txt", "dates": [{"text": "Monday", "value": "2024-06-03"}]}
        (tmp_path / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "c.gold.json").write_text('{"file": "c.txt", "dates": [{"text": "x"}]}', encoding="utf-8")
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.json").write_text(json.dumps({"dates": [{"text": "Monday", "value": "2024-06-03"}]}))
    ev = evaluate(tmp_path, pred_dir=pred)
    assert [p.code for p in ev.problems] == ["E050", "E051"]  # c's gold is bad; b has no analysis
    assert [g.stem for g in ev.golds] == ["a", "b"]
    d = ev.scores.parts["dates"]
    assert (d.tp, d.fp, d.fn) == (1, 0, 1)
    assert evaluate(tmp_path, pred_dir=pred, only="a").scores.parts["dates"].fn == 0
