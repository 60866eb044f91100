"""Scores: counts summed over articles before P/R/F1 (micro-average), accuracies, overall F1."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.evaluate import HEADLINE, Gold, format_table, score


def gold(stem: str, **parts: object) -> Gold:
    return Gold(Path(f"{stem}.gold.json"), {"file": f"{stem}.txt", **parts})


def quote(text: str, speaker: str, **extra: object) -> dict:
    return {"text": text, "speaker": speaker, **extra}


def said(text: str, speaker: str) -> dict:
    return {"text": text, "speaker": {"name": speaker}}


A = gold(
    "a",
    quotes=[
        quote("the talks will resume next week", "Hajiyev"),
        quote("no room is left for diplomacy", "Pashinian"),
        quote("the army fired first", "ministry", optional=True),
    ],
    published="2020-10-21",
)
B = gold("b", quotes=[quote("we will defend the border", "Aliyev")] * 3)


def test_counts_are_summed_before_precision_and_recall() -> None:
    preds = {
        "a": {
            "quotes": [
                said("the talks will resume next week", "Hikmat Hajiyev"),  # found
                said("the army fired first", "Defence Ministry"),  # the optional one: no count
                said("the weather is fine", "Aliyev"),  # extra
            ],
            "article": {"published": "2020-10-21"},
        },
        "b": {"quotes": []},  # three missed
    }
    s = score([A, B], preds)
    q = s.parts["quotes"]
    assert (q.tp, q.fp, q.fn) == (1, 1, 4)
    assert q.precision == pytest.approx(0.5)
    assert q.recall == pytest.approx(0.2)  # micro: 1 of 5, not the mean of 1/2 and 0/3
    assert q.f1 == pytest.approx(2 * 0.5 * 0.2 / 0.7)
    assert s.per_article["a"] == {"quotes": pytest.approx(0.5), "quote spans": pytest.approx(0.5)}
    assert s.per_article["b"] == {"quotes": 0.0, "quote spans": 0.0}
    assert (s.accuracies["published"].right, s.accuracies["published"].of) == (1, 1)


def test_an_article_without_analysis_scores_as_empty() -> None:
    s = score([A], {})
    assert (s.parts["quotes"].tp, s.parts["quotes"].fp, s.parts["quotes"].fn) == (0, 0, 2)
    assert s.accuracies["published"].to_dict() == {"accuracy": 0.0, "right": 0, "of": 1}


def test_a_part_without_gold_is_not_scored_an_empty_one_is() -> None:
    preds = {"x": {"dates": [{"text": "Monday", "value": "2024-01-01"}], "events": [{"type": "AGREE"}]}}
    s = score([gold("x", dates=[])], preds)
    assert (s.parts["dates"].tp, s.parts["dates"].fp) == (0, 1)  # gold says: no dates
    assert (s.parts["events"].fp, s.parts["events"].fn) == (0, 0)  # no gold for events: not scored


def test_same_entity_needs_exactly_one_entity() -> None:
    g = gold("x", same_entity=[["Pashinian", "Pashinyan"], ["Baku", "Azerbaijan"], ["Putin"]])
    pred = {
        "entities": [
            {"name": "Nikol Pashinian", "aliases": ["Pashinyan"]},  # one entity carries the group
            {"name": "Baku", "aliases": []},
            {"name": "Azerbaijan", "aliases": []},  # two entities: split
        ]
    }
    t = score([g], {"x": pred}).accuracies["same_entity"]
    assert (t.right, t.of) == (1, 3)  # Putin: carried by none


def test_an_inconsistency_is_found_when_one_links_all_its_values() -> None:
    g = gold("x", inconsistencies=[{"values": [63, 60]}, {"values": [834, 900]}])
    pred = {
        "figures": [{"value": 63}, {"value": 60}, {"value": 834}, {"value": 12}],
        "inconsistencies": [{"figures": [0, 1, 3]}, {"figures": [2, 99]}],
    }
    t = score([g], {"x": pred}).accuracies["inconsistencies"]
    assert (t.right, t.of) == (1, 2)


def test_overall_f1_is_the_mean_of_five_parts() -> None:
    s = score([A], {"a": {"quotes": [said("no room is left for diplomacy", "Pashinian")]}})
    assert s.parts["quotes"].f1 == pytest.approx(2 / 3)
    assert s.overall_f1 == pytest.approx(sum(s.parts[p].f1 for p in HEADLINE) / 5)
    assert s.overall_f1 == pytest.approx(2 / 15)


def test_json_and_table() -> None:
    s = score([A], {"a": {"quotes": [said("no room is left for diplomacy", "Pashinian")]}})
    d = s.to_dict()
    assert d["quotes"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
        "tp": 1,
        "fp": 0,
        "fn": 1,
    }
    assert d["published"] == {"accuracy": 0.0, "right": 0, "of": 1}
    assert d["overall_f1"] == pytest.approx(2 / 15)
    lines = format_table(s).split("\n")
    assert lines[0].split() == ["part", "P", "R", "F1", "tp/fp/fn"]
    assert lines[1].split() == ["quotes", "1.00", "0.50", "0.67", "1/0/1"]
    assert lines[9].split() == ["published", "0.00", "0/1"]
    assert lines[-1] == "overall F1 = 0.133"
