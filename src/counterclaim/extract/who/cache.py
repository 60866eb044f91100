"""Per-doc caches of the who layer, kept off ``doc.user_data`` so docs stay serialisable."""

from __future__ import annotations

import weakref
from typing import Any

from spacy.tokens import Doc

INDEX_KEY = "index"
NAMES_KEY = "names"
# per-doc caches, kept off doc.user_data so docs stay serialisable
_CACHE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()


def doc_cache(doc: Doc) -> dict[str, Any]:
    try:
        return _CACHE.setdefault(doc, {})
    except TypeError:  # pragma: no cover - a doc type without weak references
        return {}


def clear_cache(doc: Doc) -> None:
    """Forget the index and name table built for ``doc`` (benchmarks, or a changed context)."""
    _CACHE.pop(doc, None)
