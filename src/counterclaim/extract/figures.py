"""Figure extraction (placeholder until its issue lands: returns no records, never made-up ones)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Context, Figure


def extract(doc: Doc, ctx: Context) -> list[Figure]:
    """Figure records found in ``doc``."""
    return []
