"""Inconsistencies between figures within one article (placeholder)."""

from __future__ import annotations

from ..records import Figure, Inconsistency


def find(figures: list[Figure]) -> list[Inconsistency]:
    """Groups of figures counting the same thing for the same party that differ."""
    return []
