"""Quote extraction (placeholder until its issue lands: returns no records, never made-up ones)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Context, Quote


def extract(doc: Doc, ctx: Context) -> list[Quote]:
    """Quote records found in ``doc``."""
    return []
