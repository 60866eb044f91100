"""The parties room's boundary, party_of (which party a mention denotes), and same_side."""

from __future__ import annotations

import pytest

from counterclaim.extract.events.parties import party_of, same_side
from counterclaim.records import Party

from .conftest import word

# (text, mention, as_target, expected name or None, expected resolved_via)
MENTIONS = [
    ("Kenya closed its border.", "Kenya", False, "Kenya", "name"),
    ("Kenya said it would close the border.", "it", False, "Kenya", "pronoun"),
    ("Russian troops shelled the town.", "troops", False, "Russia", "name"),
    ("Thousands of students marched.", "Thousands", False, "students", "name"),
    ("KELLAN, Ossaria (Wire) - Troops shelled the town.", "KELLAN", False, None, None),
    ("The number of soldiers killed rose.", "number", False, None, None),
    ("Rebels shelled the hospital.", "hospital", True, None, None),
]


@pytest.mark.parametrize(("text", "mention", "as_target", "name", "via"), MENTIONS)
def test_party_of_a_mention(
    read, text: str, mention: str, as_target: bool, name: str | None, via: str | None
) -> None:
    st = read(text)
    p = party_of(st, word(st, mention), as_target=as_target)
    if name is None:
        assert p is None
    else:
        assert p is not None and (p.name, p.resolved_via) == (name, via)


def party(name: str) -> Party:
    return Party(name=name, entity_id=None, kind="source")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("U.S. Central Command", "United States", True),  # acronym and initials
        ("Russian forces", "Russia's Defense Ministry", True),  # national stem
        ("Russia", "Ukraine", False),
    ],
)
def test_same_side(a: str, b: str, same: bool) -> None:
    assert same_side(party(a), party(b)) is same
