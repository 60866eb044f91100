"""Event extraction (placeholder until its issue lands: returns no records, never made-up ones)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Context, Event


def extract(doc: Doc, ctx: Context) -> list[Event]:
    """Event records found in ``doc``."""
    return []
