"""``counterclaim evaluate`` in process: the table, --show, --json, bad gold files, the docs example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from counterclaim.cli import cli
from counterclaim.evaluate import load_gold
from counterclaim.evaluate.words import hashed_words

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples"
SAMPLES = ROOT / "samples"
TEXT = "Calm returns\n\nThe army said on Monday that the border crossing had reopened after the talks.\n"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, ["evaluate", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def gold_set(tmp_path: Path) -> tuple[Path, Path]:
    """Two gold files (one with hashed words) and their ready analyses."""
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    said = "the border crossing had reopened after the talks"
    (gold / "a.txt").write_text(TEXT, encoding="utf-8")
    a = {
        "file": "a.txt",
        "quotes": [{"speaker": ["army"], "text_tokens": hashed_words(said)}],
        "dates": [{"text": "Monday", "value": "2024-06-03"}],
    }
    b = {
        "file": "b.txt",
        "quotes": [{"speaker": "Hamas", "text": "the truce holds"}],
        "published": "2024-06-04",
    }
    for stem, g in (("a", a), ("b", b)):
        (gold / f"{stem}.gold.json").write_text(json.dumps(g), encoding="utf-8")
    analysis = {
        "article": {"text": TEXT.split("\n", 2)[2], "published": "2024-06-03"},
        "quotes": [{"speaker": {"name": "The army"}, "text": said, "kind": "indirect"}],
        "dates": [{"text": "Monday", "value": "2024-06-04"}],
    }
    (pred / "a.json").write_text(json.dumps(analysis), encoding="utf-8")
    (pred / "b.json").write_text(json.dumps({"quotes": [], "article": {"published": "2024-06-04"}}))
    return gold, pred


def test_table_from_ready_analyses(gold_set: tuple[Path, Path]) -> None:
    gold, pred = gold_set
    result = run(gold, "--pred", pred)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:-1]}
    assert rows["quotes"] == ["1.00", "0.50", "0.67", "1/0/1"]
    assert rows["dates"] == ["0.00", "0.00", "0.00", "0/1/1"]  # the right words, the wrong day
    assert rows["published"] == ["1.00", "1/1"]
    assert result.stdout.splitlines()[-1] == "overall F1 = 0.133"
    assert "2 article(s) scored" in result.stderr


def test_show_lists_missed_and_extra_with_the_gold_words_unhashed(gold_set: tuple[Path, Path]) -> None:
    gold, pred = gold_set
    result = run(gold, "--pred", pred, "--show", "quotes", "--show", "dates")
    out = result.stdout.split("Missed and extra: quotes\n")[1]
    assert "== b\n  missed  [Hamas] (-) the truce holds" in out
    assert "== a" not in out.split("Missed and extra: dates")[0]
    assert "== a\n  missed  Monday -> 2024-06-03\n  extra   Monday -> 2024-06-04" in out


def test_show_maps_hashes_back_to_the_articles_words(gold_set: tuple[Path, Path]) -> None:
    gold, pred = gold_set
    (pred / "a.json").write_text('{"quotes": []}', encoding="utf-8")  # no text in the analysis: the file's
    out = run(gold, "--pred", pred, "--show", "quotes").stdout
    assert "  missed  [army] (-) border crossing had reopened after talks" in out


def test_json_has_the_tables_numbers(gold_set: tuple[Path, Path], tmp_path: Path) -> None:
    gold, pred = gold_set
    out = tmp_path / "scores.json"
    run(gold, "--pred", pred, "--json", out)
    scores = json.loads(out.read_text())
    assert scores["quotes"]["tp"] == 1 and scores["overall_f1"] == pytest.approx(2 / 15)
    assert scores["files"]["a"] == {"quotes": 1.0, "quote spans": 1.0, "dates": 0.0}


def test_a_malformed_gold_file_is_named_and_the_rest_scored(gold_set: tuple[Path, Path]) -> None:
    gold, pred = gold_set
    (gold / "c.gold.json").write_text('{"file": "c.txt", "figures": [{"value": 3}]}', encoding="utf-8")
    (gold / "d.gold.json").write_text('{"file": "d.txt", "quotes": [', encoding="utf-8")
    result = run(gold, "--pred", pred)
    assert result.exit_code == 2
    assert (
        f"counterclaim: [E050] {gold / 'c.gold.json'}: figures[0]: the key 'category' is missing"
        in result.stderr
    )
    assert f"counterclaim: [E050] {gold / 'd.gold.json'}: malformed JSON" in result.stderr
    assert "quotes             1.00   0.50   0.67   1/0/1" in result.stdout  # a and b still scored


def test_a_missing_analysis_scores_as_empty(gold_set: tuple[Path, Path]) -> None:
    gold, pred = gold_set
    (pred / "a.json").unlink()
    result = run(gold, "--pred", pred)
    assert result.exit_code == 2
    assert f"[E051] {pred / 'a.json'}: no analysis for this article; scored as empty" in result.stderr
    assert "quotes             0.00   0.00   0.00   0/0/2" in result.stdout


def test_usage_errors(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.exit_code == 2
    assert f"counterclaim: [E052] {tmp_path}: no NAME.gold.json files in the folder" in result.stderr
    assert run(tmp_path, "--show", "speakers").exit_code == 2  # not a part
    assert run(tmp_path / "absent").exit_code == 2


@pytest.mark.slow
def test_the_docs_worked_example(tmp_path: Path) -> None:
    """docs/annotating.md's example: the sample analysed here and scored against its gold file;
    every required gold item is counted once, found or missed."""
    result = run(EXAMPLE, "--texts", SAMPLES, "--keep", tmp_path, "--show", "events")
    assert result.exit_code == 0, result.stderr
    gold = load_gold(EXAMPLE / "river-dam-talks.gold.json").data
    rows = {line[:16].strip(): line[16:].split() for line in result.stdout.splitlines()[1:12]}
    for part, key in (("quotes", "quotes"), ("figures", "figures"), ("events", "events"), ("dates", "dates")):
        tp, _, fn = map(int, rows[part][-1].split("/"))
        assert tp + fn == sum(not g.get("optional") for g in gold[key]), part
    assert rows["framing"][-1].split("/")[::2] == ["0", "0"]  # no framing in the gold: nothing to find
    assert (tmp_path / "river-dam-talks.json").exists()  # --keep: score again with --pred
    again = run(EXAMPLE, "--texts", SAMPLES, "--pred", tmp_path, "--show", "events")
    assert again.stdout == result.stdout
