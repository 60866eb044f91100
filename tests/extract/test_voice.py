"""``voice.quote_regions`` jumps from one quotation mark or line break to the next; it must find
exactly what a walk over every character finds (the walk it replaced is kept here as the reference)."""

from __future__ import annotations

import random

from counterclaim.extract.voice import _QUOTE_OPEN, _closes_single, _opens_single, quote_regions


def _walk(text: str) -> list[tuple[int, int]]:
    """The character-by-character walk ``quote_regions`` was before issue 18."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    close = ""
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if start is not None:
                j = i
                while j < n and text[j] in "\n \t":
                    j += 1
                if j < n and text[j] in _QUOTE_OPEN and text[j] not in "'\u2019":
                    out.append((start, i))
                    start, close = j, _QUOTE_OPEN[text[j]]
                    i = j + 1
                    continue
                out.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            if ch in _QUOTE_OPEN and (ch not in "'" or _opens_single(text, i)):
                start, close = i, _QUOTE_OPEN[ch]
        elif ch == close and (ch not in "'\u2019" or _closes_single(text, i)):
            out.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        out.append((start, n))
    return out


def test_examples() -> None:
    text = (
        "He said \"we will win\" and \u201cnever\nleave\u201d; the Houthis' war, don't.\n"
        "\u201cOpen\n\n\u201cstill"
    )
    assert quote_regions(text) == _walk(text)
    assert quote_regions('a "b" c') == [(2, 5)]


def test_same_as_the_walk_on_random_text() -> None:
    rng = random.Random(18)
    alphabet = "ab \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb-(\u2014"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert quote_regions(text) == _walk(text), repr(text)
