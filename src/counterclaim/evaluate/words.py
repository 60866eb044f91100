"""Words as the scorer compares them: normalised, stop words dropped, optionally hashed.

Gold files may keep the words of a quote or a framing span only as short hashes
(``text_tokens``), so that a gold set can be shared without the article it was made from; a
prediction's words are hashed the same way before they are compared.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# words too common to count: articles, "of", and the "s" left over from a possessive
STOP_WORDS = frozenset({"the", "a", "an", "of", "'s", "s"})
_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_NOT_WORD = re.compile(r"[^\w\s']")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
HASH_CHARS = 10  # hex digits of SHA-1 kept per word


def norm(text: object) -> str:
    """Lower case, NFKC, straight apostrophes; every other non-word character a space; spaces
    collapsed."""
    s = unicodedata.normalize("NFKC", str(text)).lower().translate(_CURLY)
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", s)).strip()


def words(text: object) -> list[str]:
    """The content words of ``text``, in order ("Armenia's army" -> ['armenia', 'army'])."""
    return [w for w in _WORD.findall(norm(text)) if w not in STOP_WORDS]


def word_hash(word: str) -> str:
    """The short hash gold files store for one word."""
    return hashlib.sha1(word.encode("utf-8")).hexdigest()[:HASH_CHARS]


def hashed_words(text: object) -> list[str]:
    """``words(text)``, each as its hash: what a gold file's ``text_tokens`` holds."""
    return [word_hash(w) for w in words(text)]


def overlap_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """F1 of two word lists counted as multisets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def runs_inside(outer: Sequence[str], inner: Sequence[str]) -> bool:
    """``inner`` (not empty) occurs in ``outer`` as one unbroken run."""
    n = len(inner)
    if not n:
        return False
    inner = list(inner)
    return any(list(outer[i : i + n]) == inner for i in range(len(outer) - n + 1))


def answers(value: object) -> list:
    """A gold value as its list of acceptable answers (a single value is a list of one)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def name_matches(name: str, gold: object) -> bool:
    """Does a predicted name match one of the gold's names?

    "*" accepts anything. Otherwise the content words must be the same, or one name's words
    hold the other's and both end on the same word: "Pashinian" matches "Nikol Pashinian" (a
    shorter prediction may leave out at most two words), and "Russian Foreign Ministry" matches
    "the Foreign Ministry" only through its last word being the same.
    """
    options = answers(gold)
    if "*" in options:
        return True
    mine = words(name)
    if not mine:
        return False
    for option in options:
        theirs = words(option)
        if not theirs:
            continue
        if mine == theirs:
            return True
        if mine[-1] != theirs[-1]:
            continue
        m, t = set(mine), set(theirs)
        if (m <= t and len(t) - len(m) <= 2) or t <= m:
            return True
    return False


def same_text(value: object, gold: object) -> bool:
    """One of the gold's answers, compared after normalisation."""
    return any(norm(value) == norm(option) for option in answers(gold))
