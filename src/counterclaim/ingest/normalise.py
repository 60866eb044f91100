"""Invisible and bidirectional control characters: removed before analysis, spans kept true.

    clean = Cleaned.of(article.text)      # clean.text has no zero-width or direction marks
    clean.span((s, e))                    # a span into clean.text -> the same span in the original

Zero-width spaces and joiners, word joiners, byte-order marks, soft hyphens and the Unicode
direction marks, embeddings, overrides and isolates show nothing (or reorder what is shown), but
a tokenizer sees them: "Pu\\u200btin" is not "Putin", a right-to-left override inside a name splits
it, and who a figure is credited to changes. The analysis runs on the text without them; every
span it finds is mapped back onto the article's own text, which is stored unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from array import array
from dataclasses import dataclass
from typing import Any

# Format characters (Unicode category Cf) that are invisible or change the display order.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
ZERO_WIDTH = frozenset(
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff"  # zero-width no-break space (byte-order mark)
)
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
_DROP = dict.fromkeys(map(ord, INVISIBLE))
_ANY_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def has_invisible(text: str) -> bool:
    """True when ``text`` holds any of the ``INVISIBLE`` characters."""
    return not text.isascii() and _ANY_INVISIBLE.search(text) is not None


def strip_invisible(text: str) -> str:
    """``text`` without the ``INVISIBLE`` characters."""
    return text.translate(_DROP) if has_invisible(text) else text


@dataclass(slots=True)
class Cleaned:
    """A text without its invisible characters, and where each kept character was."""

    original: str
    text: str
    positions: array | None  # positions[i]: index in ``original`` of ``text[i]``; None: unchanged

    @classmethod
    def of(cls, original: str) -> Cleaned:
        if not has_invisible(original):
            return cls(original, original, None)
        keep = array("q", (i for i, c in enumerate(original) if c not in INVISIBLE))
        return cls(original, original.translate(_DROP), keep)

    @property
    def changed(self) -> bool:
        return self.positions is not None

    def offset(self, i: int, *, end: bool = False) -> int:
        """The original offset of clean offset ``i`` (a start, or with ``end`` an end offset:
        the invisible characters right after a span stay outside it)."""
        pos = self.positions
        if pos is None:
            return i
        if end:
            return pos[i - 1] + 1 if i > 0 else 0
        return pos[i] if i < len(pos) else len(self.original)

    def span(self, span: tuple[int, int]) -> tuple[int, int]:
        """A ``[start, end)`` span of the clean text as a span of the original."""
        s, e = span
        start = self.offset(s)
        return (start, max(start, self.offset(e, end=True)))


def remap(record: Any, clean: Cleaned) -> None:
    """Map every span in a record (and the records it holds) from the clean text to the original:
    ``span``, ``content_span`` and the ``mentions`` lists of entities and dates."""
    if isinstance(record, list):
        for r in record:
            remap(r, clean)
        return
    if not dataclasses.is_dataclass(record):
        return
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in ("span", "content_span") and isinstance(value, tuple | list) and len(value) == 2:
            setattr(record, f.name, clean.span((value[0], value[1])))
        elif f.name == "mentions" and isinstance(value, list):
            setattr(record, f.name, [clean.span((s, e)) if isinstance(s, int) else (s, e) for s, e in value])
        elif isinstance(value, list) or dataclasses.is_dataclass(value):
            remap(value, clean)


__all__ = [
    "BIDI_CONTROLS",
    "INVISIBLE",
    "ZERO_WIDTH",
    "Cleaned",
    "has_invisible",
    "remap",
    "strip_invisible",
]
