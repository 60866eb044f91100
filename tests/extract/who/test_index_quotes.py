"""``CorefIndex.in_quote``: a bisection over the quotations' union answers as a scan of every
quotation span would, also after the spans are replaced (quotes add reported speech later)."""

from __future__ import annotations

import pytest

from counterclaim.extract.who.index import CorefIndex


def _scan(quoted: list[tuple[int, int]], char: int) -> bool:
    return any(s <= char < e for s, e in quoted)


@pytest.mark.parametrize(
    "quoted",
    [
        [],
        [(5, 10)],
        [(20, 30), (5, 10)],  # out of order
        [(5, 10), (8, 15), (15, 18)],  # overlapping, then touching
        [(5, 40), (10, 12)],  # one inside another
        [(7, 7), (9, 3), (12, 14)],  # empty and reversed spans hold nothing
    ],
)
def test_in_quote_matches_a_scan(quoted: list[tuple[int, int]]) -> None:
    index = CorefIndex(quoted=list(quoted))
    assert [index.in_quote(c) for c in range(-1, 45)] == [_scan(quoted, c) for c in range(-1, 45)]


def test_in_quote_follows_replaced_and_extended_spans() -> None:
    index = CorefIndex(quoted=[(5, 10)])
    assert index.in_quote(6) and not index.in_quote(25)
    index.quoted = sorted({*index.quoted, (20, 30)})
    assert index.in_quote(25) and index.in_quote(6)
    index.quoted.append((40, 50))
    assert index.in_quote(45)
