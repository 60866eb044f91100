"""When a predicted record counts as a gold item, part by part, and the one-to-one matching."""

from __future__ import annotations

import pytest

from counterclaim.evaluate.match import (
    date,
    entity,
    event,
    figure,
    figure_value,
    framing,
    pair_up,
    quote,
    quote_text,
)
from counterclaim.evaluate.words import hashed_words

SAID = "there is no way now to settle the issue through diplomacy"


def q(text: str, speaker: str | None = "Nikol Pashinian") -> dict:
    return {"text": text, "speaker": {"name": speaker} if speaker else None, "kind": "direct"}


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        (q(SAID), {"text": SAID, "speaker": ["Pashinian"]}, True),
        (q(SAID), {"text_tokens": hashed_words(SAID), "speaker": "Pashinian"}, True),  # hashed gold
        (q(SAID), {"text": SAID, "speaker": "Hajiyev"}, False),  # wrong speaker
        (q(SAID, None), {"text": SAID, "speaker": "Pashinian"}, False),  # no speaker
        (q(SAID, None), {"text": SAID, "speaker": "*"}, True),
        (q("no way to settle it"), {"text": SAID, "speaker": "Pashinian"}, False),  # too few words
        # the gold's words whole inside a prediction at most twice as long
        (q("he said " + SAID + " and more"), {"text": SAID, "speaker": "Pashinian"}, True),
        (q("x " * 40 + SAID), {"text": SAID, "speaker": "Pashinian"}, False),
    ],
)
def test_quote(pred: dict, gold: dict, expected: bool) -> None:
    assert quote(pred, gold) is expected


def test_quote_span_ignores_the_speaker() -> None:
    assert quote_text(q(SAID, "Somebody Else"), {"text": SAID, "speaker": "Pashinian"})


@pytest.mark.parametrize(
    ("pred", "expected", "value_only"),
    [
        ({"value": 12.0, "category": "killed", "claimant": {"name": "Defence Ministry"}}, True, True),
        ({"value": 12, "category": "wounded", "claimant": {"name": "Defence Ministry"}}, False, True),
        ({"value": 12, "category": "casualties", "claimant": {"name": "ministry"}}, True, True),
        ({"value": 13, "category": "killed", "claimant": {"name": "Defence Ministry"}}, False, False),
        ({"value": 12, "category": "killed", "claimant": {"name": "Hamas"}}, False, True),
        ({"value": None, "category": "killed", "claimant": None}, False, False),
    ],
)
def test_figure(pred: dict, expected: bool, value_only: bool) -> None:
    gold = {"value": 12, "category": ["killed", "casualties"], "claimant": ["Defence Ministry"]}
    assert figure(pred, gold) is expected
    assert figure_value(pred, gold) is value_only


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ({"type": "ASSAULT", "actor": {"name": "Russia"}, "target": {"name": "Ukraine"}}, True),
        ({"type": "ASSAULT", "actor": {"name": "Russia"}, "target": None}, True),  # no target: not checked
        ({"type": "ASSAULT", "actor": {"name": "Russia"}, "target": {"name": "Georgia"}}, False),
        ({"type": "ACCUSE", "actor": {"name": "Russia"}, "target": {"name": "Ukraine"}}, False),
        ({"type": "ASSAULT", "actor": {"name": "Ukraine"}, "target": {"name": "Ukraine"}}, False),
    ],
)
def test_event(pred: dict, expected: bool) -> None:
    assert (
        event(pred, {"type": ["ASSAULT", "COERCE"], "actor": "Russia", "target": ["Ukraine", "Kyiv"]})
        is expected
    )


def test_event_without_gold_target_takes_any_target() -> None:
    pred = {"type": "AGREE", "actor": {"name": "Armenia"}, "target": {"name": "Anyone"}}
    assert event(pred, {"type": "AGREE", "actor": "Armenia", "target": None})


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ({"text": "illegal occupation", "voice": "outlet"}, True),
        ({"text": "the illegal occupation of the region", "voice": "outlet"}, True),  # gold inside
        ({"text": "illegal occupation", "voice": "source"}, False),  # wrong voice
        ({"text": "occupation", "voice": "outlet"}, True),  # F1 of 2/3
        ({"text": "peaceful talks", "voice": "outlet"}, False),
    ],
)
def test_framing(pred: dict, expected: bool) -> None:
    assert framing(pred, {"text": "illegal occupation", "voice": ["outlet"]}) is expected


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ({"text": "Sept. 27", "value": "2020-09-27"}, True),
        ({"text": "since Sept. 27", "value": "2020-09-27"}, True),  # one text holds the other
        ({"text": "27", "value": "2020-09-27"}, True),
        ({"text": "Sept. 27", "value": "2020-09-28"}, False),
        ({"text": "", "value": "2020-09-27"}, False),
        ({"text": "Monday", "value": "2020-09-27"}, False),
    ],
)
def test_date(pred: dict, expected: bool) -> None:
    assert date(pred, {"text": "Sept. 27", "value": "2020-09-27"}) is expected


def test_date_value_as_a_year_number() -> None:
    assert date({"text": "in 1994", "value": "1994"}, {"text": "1994", "value": 1994})


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ({"name": "Nikol Pashinian", "type": "PERSON", "aliases": []}, True),
        ({"name": "Armenian PM", "type": "PERSON", "aliases": ["Pashinyan"]}, True),  # by an alias
        ({"name": "Nikol Pashinian", "type": "ORG", "aliases": []}, False),
        ({"name": "Aliyev", "type": "PERSON", "aliases": None}, False),
    ],
)
def test_entity(pred: dict, expected: bool) -> None:
    assert entity(pred, {"name": ["Nikol Pashinian", "Pashinyan"], "type": "PERSON"}) is expected


def _same(p: dict, g: dict) -> bool:
    return p["v"] == g["v"]


def test_required_gold_is_matched_before_optional_gold() -> None:
    # the optional item comes first in the file, but the required one takes the only prediction
    golds = [{"v": 1, "optional": True}, {"v": 1}]
    paired = pair_up([{"v": 1}], golds, _same)
    assert paired.counts == (1, 0, 0)
    assert paired.found == [({"v": 1}, {"v": 1})]


def test_optional_gold_found_counts_neither_way() -> None:
    paired = pair_up([{"v": 1}, {"v": 2}], [{"v": 1}, {"v": 2, "optional": True}], _same)
    assert paired.counts == (1, 0, 0)
    assert paired.optional_found == [({"v": 2, "optional": True}, {"v": 2})]


def test_matching_is_one_to_one_and_greedy() -> None:
    paired = pair_up([{"v": 1}], [{"v": 1}, {"v": 1}], _same)
    assert paired.counts == (1, 0, 1)
    paired = pair_up([{"v": 1}, {"v": 1}, {"v": 3}], [{"v": 1}], _same)
    assert paired.counts == (1, 2, 0)
    assert paired.extra == [{"v": 1}, {"v": 3}]
    assert pair_up([], [{"v": 1, "optional": True}], _same).counts == (0, 0, 0)
