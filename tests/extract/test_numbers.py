"""Reading numbers (``extract/numbers.py``): digits, number words composed as English composes
them, and which values can be counts. Then the same cases through ``analyze`` as figures."""

from __future__ import annotations

import pytest

from counterclaim.extract import numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        ("1,200", 1200.0),
        ("1.5", 1.5),
        ("5k", 5000.0),
        ("2.5bn", 2.5e9),
        ("12.5.3", None),
        ("1e999", None),
        ("1,0,0,0", None),
        ("9" * 400, None),  # past any float: no value, not infinity
        ("-4", None),
    ],
)
def test_digit_value(text: str, expected: float | None) -> None:
    assert numbers.digit_value(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("twelve", 12.0),
        ("a dozen", 12.0),
        ("two dozen", 24.0),
        ("twenty - five", 25.0),
        ("two hundred fifty", 250.0),
        ("two hundred thousand", 200_000.0),
        ("two thousand thousand", 2_000_000.0),  # was read as 3,000
        ("one thousand million", 1e9),
        ("one hundred thousand million", 1e11),  # was 1,100,000
        ("two million five hundred thousand", 2_500_000.0),
        ("3 million 500 thousand", 3_500_000.0),
        ("1.2 million", 1_200_000.0),
        ("thousand", None),  # a lone scale
        ("million thousand", None),
        ("two million thousand", None),  # a smaller scale straight after a larger one
        ("a hundred", None),  # as before: "a" alone does not start a number (only "a dozen")
        ("two soldiers", None),
    ],
)
def test_word_value_composes_multipliers(words: str, expected: float | None) -> None:
    assert numbers.word_value(words.split()) == expected


@pytest.mark.parametrize(
    ("value", "count"),
    [(12.0, True), (0.0, True), (1e10, True), (0.5, False), (-1.0, False), (1e10 + 1, False), (1e22, False),
     (float("inf"), False), (float("nan"), False), (None, False)],
)  # fmt: skip
def test_is_count(value: float | None, count: bool) -> None:
    assert numbers.is_count(value) is count


@pytest.mark.parametrize(
    ("low", "high", "between", "expected"),
    [(20, 30, False, (20, 30)), (30, 20, True, (20, 30)), (30, 20, False, None), (20, 20, True, None)],
)
def test_range_ends(low: float, high: float, between: bool, expected: tuple[float, float] | None) -> None:
    assert numbers.range_ends(low, high, between=between) == expected


def test_power_notation() -> None:
    assert numbers.in_power("^", None) and numbers.in_power(None, "^") and numbers.in_power("**", "x")
    assert not numbers.in_power("said", "fled")


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials said two thousand thousand people fled the town.", [(2_000_000.0, None, None)]),
        ("Officials said 10^400 fled the town on Monday.", []),
        ("The ministry said 10 ^ 400 people fled.", []),
        ("The ministry said 9999999999999999999999 people were killed.", []),
        ("The ministry said between 30 and 20 soldiers were killed.", [(20.0, 20.0, 30.0)]),
        ("The ministry said 0.5 soldiers were wounded.", []),
        ("Officials said 1.5 million people fled.", [(1_500_000.0, None, None)]),
        ("Officials said between 20 and 30 thousand people fled.", [(20_000.0, 20_000.0, 30_000.0)]),
    ],
)
def test_figures_read_values_that_can_be(sentence: str, expected: list[tuple[float, ...]]) -> None:
    from counterclaim.pipeline import analyze

    a = analyze(sentence, title="t", published="2024-03-01")
    got = [(f.value, f.low if f.qualifier == "range" else None, f.high if f.qualifier == "range" else None)
           for f in a.figures]  # fmt: skip
    assert got == expected
