"""The language of a text, by py3langid's model, with its byte automaton walked by numpy.

py3langid counts the byte n-gram features of a text by walking an Aho-Corasick automaton one
byte at a time in Python, about 0.6 ms for the 4,000 characters ``checks`` classifies: most of
the language check, which runs on every article. In an Aho-Corasick automaton the state after a
byte is the longest suffix of the text read so far that is a node of the trie, so it depends
only on the last ``depth`` bytes, ``depth`` being the trie's greatest depth (6 for the pinned
model; tests/ingest/test_language.py checks it). Here every position's state is found at once:
the automaton is started at every position ``depth`` bytes back and the ``depth`` steps are taken
for all positions together. The features are then counted in the order the walk first meets
them, as py3langid counts them, and scored by py3langid itself: the verdicts and probabilities
are the library's, bit for bit (the same tests compare them on texts in many languages).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

DEPTH = 6  # the greatest depth of the pinned model's automaton (checked by the tests)


class Identifier(LanguageIdentifier):  # type: ignore[misc]
    """py3langid's ``LanguageIdentifier`` whose feature counts come from ``feature_counts``."""

    def _raw_score(self, text: bytes) -> Any:
        visits = self.feature_counts(text)
        if visits is None:
            return super()._raw_score(text)  # no feature at all: the library's own answer
        return self._sparse_score(visits, self.nb_ptc)

    def feature_counts(self, text: bytes) -> dict[int, int] | None:
        """{feature: count} of the UTF-8 ``text``, in the order the walk first meets each
        feature (py3langid's ``visit_counts``, the same dictionary); None without features."""
        moves, rows, outputs = self._tables
        data = np.frombuffer(text, dtype=np.uint8)
        n = len(data)
        state = np.zeros(n, dtype=np.int64)
        # position i reads bytes i-back for back = DEPTH-1 .. 0, from the start state (near the
        # text's start, from its first byte: the walk py3langid takes)
        for back in range(min(DEPTH, n) - 1, -1, -1):
            state[back:] = moves[rows[state[back:]] + data[: n - back]]
        found = outputs[state]
        found = found[found >= 0]
        if not len(found):
            return None
        ids, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first)
        return dict(zip(ids[order].tolist(), counts[order].tolist(), strict=True))

    @functools.cached_property
    def _tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The automaton as arrays: its transition table (a view, not a copy), each state's row
        in it, and each state's feature (-1 for none)."""
        moves = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))
        return moves, np.asarray(self._rowbase, dtype=np.int64), np.asarray(self.tk_output, dtype=np.int64)


@functools.cache
def identifier() -> Identifier:
    """The process-wide identifier (loads py3langid's model on first use), probabilities
    normalised."""
    return Identifier.from_model_file(MODEL_FILE, norm_probs=True)


__all__ = ["DEPTH", "Identifier", "identifier"]
