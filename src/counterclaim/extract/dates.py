"""Dates: datable expressions resolved against the publication date (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Context, DateMention


def infer_published(doc: Doc, ctx: Context) -> tuple[str | None, str]:
    """Publication date inferred from the text, with the reason; (None, why) when it cannot be."""
    return None, "not inferred"


def extract(doc: Doc, ctx: Context) -> list[DateMention]:
    """Date mentions resolved against ``ctx.published``."""
    return []
