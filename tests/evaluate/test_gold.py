"""Gold files: every bundled one is good; a bad one is named with its problem; the digest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.errors import GoldError, NoGold
from counterclaim.evaluate import gold_digest, load_gold, load_gold_set
from gold_sets import DATA, SETS
from shared_files import SHARED, require_shared

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples"


def _bundled_gold_dirs() -> list[Path]:
    dirs = sorted({p.parent for p in DATA.glob("*/*.gold.json")} | {EXAMPLE})
    return dirs + [SHARED / "devset", SHARED / "realdev"]


@pytest.mark.parametrize("folder", _bundled_gold_dirs(), ids=lambda p: p.name)
def test_every_bundled_gold_file_is_good(folder: Path) -> None:
    if folder.is_relative_to(SHARED):
        require_shared(folder)
    good, bad = load_gold_set(folder)
    assert [str(e) for e in bad] == []
    assert good


def test_the_gate_sets_are_bundled() -> None:
    assert all(p.is_relative_to(DATA) or p.is_relative_to(SHARED) for p in SETS.values())


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"file": "a.txt", "quotes": [', "malformed JSON: Expecting value: line 1 column 30"),
        ("[]", "expected a JSON object, got list"),
        ('{"quotes": []}', "the key 'file' (the article's file name, NAME.txt) is missing"),
        ('{"file": 3}', "'file' must be the article's file name, such as NAME.txt"),
        ('{"file": "a.txt", "quotes": [{"text": "x"}]}', "quotes[0]: the key 'speaker' is missing"),
        ('{"file": "a.txt", "quotes": [{"speaker": "X"}]}', "quotes[0]: give 'text' or 'text_tokens'"),
        ('{"file": "a.txt", "quotes": [{"speaker": 7, "text": "x"}]}', "quotes[0]: 'speaker' must be a name"),
        (
            '{"file": "a.txt", "figures": [{"value": "12", "category": "killed", "claimant": "x"}]}',
            "figures[0]: 'value' must be a number, got \"12\"",
        ),
        ('{"file": "a.txt", "events": {"type": "ASSAULT"}}', "'events' must be a list of objects, got dict"),
        ('{"file": "a.txt", "dates": ["Monday"]}', "dates[0] must be an object, got str"),
        ('{"file": "a.txt", "entities": [{"name": [], "type": "GPE"}]}', "entities[0]: 'name' must be"),
        ('{"file": "a.txt", "framing": [{"voice": "outlet", "text": "x", "optional": "yes"}]}', "'optional'"),
        ('{"file": "a.txt", "published": "May 7"}', "'published' must be an ISO date"),
        ('{"file": "a.txt", "published_given": "no"}', "'published_given' must be true or false"),
        ('{"file": "a.txt", "same_entity": ["Baku"]}', "'same_entity' must be a list of lists of names"),
        ('{"file": "a.txt", "inconsistencies": [{"values": []}]}', "inconsistencies[0]: 'values' must be"),
    ],
)
def test_a_bad_gold_file_is_named_with_its_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(path)
    assert err.value.code == "E050"
    assert err.value.source == str(path)
    assert problem in err.value.message


def test_a_good_minimal_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"file": "x.txt", "quotes": [], "url": None}), encoding="utf-8")
    gold = load_gold(path)
    assert (gold.stem, gold.parts()) == ("x", ["quotes"])


def test_the_set_keeps_good_files_beside_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text('{"file": "a.txt"}', encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("{", encoding="utf-8")
    (tmp_path / "c.gold.json").write_text('{"file": "c.txt", "dates": []}', encoding="utf-8")
    good, bad = load_gold_set(tmp_path)
    assert [g.stem for g in good] == ["a", "c"]
    assert [e.source for e in bad] == [str(tmp_path / "b.gold.json")]


def test_a_folder_without_gold(tmp_path: Path) -> None:
    with pytest.raises(NoGold, match=r"\[E052\] .*: no NAME.gold.json files in the folder"):
        load_gold_set(tmp_path)


def test_digest_follows_the_gold_files_and_their_texts(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text('{"file": "a.txt"}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    first = gold_digest(tmp_path)
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    assert gold_digest(tmp_path) == first  # other files do not count
    (tmp_path / "a.txt").write_text("Title\n\nText changed.\n", encoding="utf-8")
    second = gold_digest(tmp_path)
    assert second != first
    (tmp_path / "a.gold.json").write_text('{"file": "a.txt", "quotes": []}', encoding="utf-8")
    assert gold_digest(tmp_path) not in (first, second)
