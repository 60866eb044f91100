"""Sides: the user's YAML grouping of parties, and the default of one side per state."""

from __future__ import annotations

import pytest

from counterclaim.compare.sides import Sides
from counterclaim.errors import MalformedInput

YAML = """
conflict: Harwick ridge war
sides:
  North: [Ostria, Free Valley Brigade]
  South: [Pelland]
neutral: [Office for Refugee Relief]
"""


@pytest.mark.parametrize(
    ("name", "affiliation", "side"),
    [
        ("Ostria", None, "North"),
        ("Free Valley Brigade", None, "North"),
        ("the Free Valley Brigade", None, "North"),
        ("Ostrian Army", "Ostria", "North"),
        ("Pellandic", None, "South"),
        ("Office for Refugee Relief", None, "neutral"),
        ("Lumeria", None, None),
        (None, None, None),
    ],
)
def test_side_of(name: str | None, affiliation: str | None, side: str | None) -> None:
    assert Sides.from_yaml(YAML).side_of(name, affiliation) == side


def test_default_is_one_side_per_state() -> None:
    s = Sides.default(["Pelland", "Ostria", "Ostria"])
    assert s.names() == ["Ostria", "Pelland"]
    assert s.side_of("Ostrian Army", "Ostria") == "Ostria"


def test_default_makes_unaffiliated_armed_groups_sides_of_their_own() -> None:
    s = Sides.default(["Pelland"], ["Free Valley Brigade", "free valley brigade", "Pelland"])
    assert s.names() == ["Pelland", "Free Valley Brigade"]
    assert s.side_of("the Free Valley Brigade", None) == "Free Valley Brigade"
    assert s.side_of("Pellandic army", None) == "Pelland"


@pytest.mark.parametrize(
    "bad",
    [
        "sides: [a, b]",
        "- just a list",
        "sides:\n  North: Ostria",
        ": : :",
        "sides:\n  North: [Ostria]\nneutral: Lumeria",
    ],
)
def test_bad_files_name_the_source(bad: str) -> None:
    with pytest.raises(MalformedInput) as err:
        Sides.from_yaml(bad, source="sides.yaml")
    assert "sides.yaml" in str(err.value)
