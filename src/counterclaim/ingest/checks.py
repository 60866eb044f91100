"""Checks every article passes before analysis (placeholder: size and emptiness only)."""

from __future__ import annotations

from ..errors import EmptyInput
from ..records import Article


def check_article(article: Article) -> list[str]:
    """Raise an ``InputError`` for an article that cannot be analysed; return warnings otherwise."""
    if not article.text.strip():
        raise EmptyInput("the article has no text", source=article.source)
    return []
