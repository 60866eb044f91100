"""numbers.py: figures worded for people, never in e-notation."""

from __future__ import annotations

import pytest

from counterclaim.web.numbers import amount, figure_phrase, noun, number, plural


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (14854.0, "14,854"),
        (1_700_000.0, "1.7 million"),
        (500_000.0, "500,000"),
        (1_234_567.0, "1,234,567"),
        (2_000_000.0, "2 million"),
        (1.25e9, "1.25 billion"),
        (2.5, "2.5"),
        (0.0, "0"),
        (1e21, "1,000,000,000,000 billion"),
        (None, "?"),
        (float("inf"), "no limit"),
    ],
)
def test_number(value: float | None, expected: str) -> None:
    assert number(value) == expected
    assert "e+" not in number(value)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((4, "at_least", "workers", "killed"), "at least 4 workers killed"),
        ((1.7e6, "about", "people", "displaced"), "about 1.7 million people displaced"),
        ((14854, "exact", "civilians", "killed"), "14,854 civilians killed"),
        ((1, "exact", "people", "killed"), "1 person killed"),
        ((1, "exact", "Ukrainian soldiers", "captured"), "1 Ukrainian soldier captured"),
        ((1, "exact", "children", "wounded"), "1 child wounded"),
        ((25, "range", "soldiers", "killed", 20, 30), "between 20 and 30 soldiers killed"),
        ((300, "more_than", "homes", "destroyed"), "more than 300 homes destroyed"),
        ((12, "fewer_than", "", "missing"), "fewer than 12 missing"),
        ((3, "exact", "soldiers", "casualties"), "3 soldiers killed or wounded"),
        ((7, "at_most", "boats", "other"), "at most 7 boats"),
    ],
)
def test_figure_phrase(args: tuple, expected: str) -> None:
    assert figure_phrase(*args) == expected


def test_amount_and_noun_and_plural() -> None:
    assert amount(20, "range", 20, 20) == "20"  # a range of one value is that value
    assert noun("bus", 1) == "bus" and noun("buses", 2) == "buses" and noun("families", 1) == "family"
    assert plural(1, "figure") == "1 figure" and plural(1204, "article") == "1,204 articles"
    assert plural(2, "story", "stories") == "2 stories"
