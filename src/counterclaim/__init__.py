"""counterclaim: who claims what in conflict and political news.

The public API is ``analyze`` (one text), ``analyze_article`` (one ``Article`` from a reader) and
``analyze_many`` (a stream, parsed in batches), from ``counterclaim.pipeline``. They are imported
lazily so that light commands (``counterclaim --help``, ``show``) start without loading spaCy; the
module has a name of its own so that importing it never hides the ``analyze`` function.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import CounterclaimError
from .records import Analysis, Article

if TYPE_CHECKING:
    from .pipeline import analyze, analyze_article, analyze_many

__all__ = ["Analysis", "Article", "CounterclaimError", "analyze", "analyze_article", "analyze_many"]
__version__ = "0.1.0"

_LAZY = {"analyze", "analyze_article", "analyze_many"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(".pipeline", __name__)
        for n in _LAZY:
            globals()[n] = getattr(module, n)
        return globals()[name]
    raise AttributeError(f"module 'counterclaim' has no attribute {name!r}")
