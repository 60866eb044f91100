"""Framing extraction (placeholder until its issue lands: returns no records, never made-up ones)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Context, Framing, Slant


def extract(doc: Doc, ctx: Context) -> list[Framing]:
    """Framing records found in ``doc``."""
    return []


def slant(ctx: Context, framing: list[Framing]) -> Slant | None:
    """Per-article slant summary over the quotes, figures and framing already found."""
    return None
