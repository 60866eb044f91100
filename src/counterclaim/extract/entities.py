"""Entities: one entry per real-world entity, with aliases and every mention (placeholder)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Context, Entity, EntityTable


def configure(nlp: Language) -> None:
    """Add the entity ruler and any pipeline components entity extraction needs."""


def extract(doc: Doc, ctx: Context) -> EntityTable:
    """The article's entity table."""
    return EntityTable([])


__all__ = ["Entity", "configure", "extract"]
