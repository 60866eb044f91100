"""Look-up helpers of ``extract/entities`` that replace slower equivalents must find exactly
what those did."""

from __future__ import annotations

import random
import re

import pytest

from counterclaim.extract.entities.known import _whole_word_hits
from counterclaim.extract.entities.merges import _acronyms_after


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("Fenn said Fenn's aide and Fenn-Ward met", "Fenn", [(0, 4), (10, 14)]),  # not in Fenn-Ward
        ("Al-Fenn, Fennel, _Fenn, Fenn", "Fenn", [(24, 28)]),
        ("aaaa", "aa", []),  # inside a longer word, never overlapping
        ("Gaza Strip, Gaza", "Gaza", [(0, 4), (12, 16)]),
    ],
)
def test_whole_word_hits(text: str, form: str, expected: list[tuple[int, int]]) -> None:
    assert list(_whole_word_hits(text, form)) == expected


def test_whole_word_hits_is_the_regex_it_replaced() -> None:
    rng = random.Random(18)
    alphabet = "ab -_é1.,\n’"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        form = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
        regex = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]
        assert list(_whole_word_hits(text, form)) == regex, (text, form)


def test_acronyms_after_is_the_regex_it_replaced() -> None:
    assert list(
        _acronyms_after(
            "Rapid Support Forces (RSF) and Rapid Support Forces  (R.S.F.)", "Rapid Support Forces"
        )
    ) == [
        "RSF",
        "R.S.F.",
    ]
    rng = random.Random(18)
    for _ in range(5000):
        text = "".join(rng.choice("Ab (RS) .\nx") for _ in range(rng.randint(0, 40)))
        name = "".join(rng.choice("Ab ") for _ in range(rng.randint(1, 3)))
        pattern = rf"{re.escape(name)}\s*\((?P<acr>[A-Z][A-Za-z.]{{1,8}})\)"
        assert list(_acronyms_after(text, name)) == [m.group("acr") for m in re.finditer(pattern, text)]
