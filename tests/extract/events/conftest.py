"""Helpers for the tests of the events rooms: one parsed sentence as the stages see it."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from counterclaim.extract.events.state import ArticleState
from counterclaim.records import Article, Context

PUBLISHED = "2024-03-06"


@pytest.fixture
def read(nlp):
    """``read(text)``: a fresh ArticleState for ``text`` (no entities, quotes or dates)."""

    def _read(text: str) -> ArticleState:
        ctx = Context(article=Article.make(text, published=PUBLISHED), published=PUBLISHED)
        return ArticleState.of(nlp(text), ctx)

    return _read


def word(st: ArticleState, text: str) -> Token:
    """The first token of the article spelt ``text``."""
    return next(t for t in st.doc if t.text == text)
