"""Reading numbers: digits and number words to values, and which values can be counts.

    digit_value("1,200")                       -> 1200.0   ("5k" 5000, "1.2" 1.2, "12.5.3" None)
    word_value(["two", "thousand", "thousand"]) -> 2000000.0
    word_value(["a", "hundred", "thousand"])    -> 100000.0
    is_count(0.5), is_count(1e22)               -> False, False
    range_ends(30, 20, between=True)            -> (20.0, 30.0)

The word tables (units, scales, vague plurals) and the largest count are data:
``lexicons/number_words.yaml``. A figure is a count of people or things: a whole number, not
negative, at most ``max_count`` (ten billion: more than everyone alive); "0.5 wounded", "10^400
fled" and a 22-digit number are not figures. A scale word multiplies what comes before it, the
way English composes them: "two hundred thousand" is (2 x 100) x 1000, "two thousand thousand" is
2,000 x 1,000 (it was read as 3,000), "one thousand million" is a billion; a scale smaller than
the one before it with nothing between ("thousand hundred") is no number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .. import lexicons

NUM_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([kKmM]|bn|mn)?$")
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}


@dataclass(frozen=True, slots=True)
class Words:
    """The number words of ``lexicons/number_words.yaml``."""

    units: dict[str, float]  # 'two' 2, 'twenty' 20, 'dozen' 12
    scales: dict[str, float]  # 'hundred' 100, 'thousand' 1000, 'million' 1e6
    vague: frozenset[str]  # 'hundreds', 'dozens': no figure
    max_count: float
    power_signs: frozenset[str]  # '^': '10^400' is notation, not a count


@cache
def words() -> Words:
    """The number word tables, loaded once."""
    num = lexicons.entries("number_words")
    return Words(
        units={k: float(v) for k, v in num["units"].items()},
        scales={k: float(v) for k, v in num["scales"].items()},
        vague=frozenset(num["vague"]),
        max_count=float(num.get("max_count", 1e10)),
        power_signs=frozenset(num.get("power_signs", ["^"])),
    )


def digit_value(text: str) -> float | None:
    """'12', '1,200', '1.5', '5k', '2.5bn' as a number; None for anything else ('12.5.3', '1e999')
    or a value too large for a float."""
    m = NUM_RE.match(text)
    if not m:
        return None
    try:
        v = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
    except OverflowError:  # pragma: no cover - float() of a digit string gives inf, not an error
        return None
    v *= SUFFIX_SCALES.get((m.group(3) or "").lower(), 1.0)
    return v if math.isfinite(v) else None


def token_value(text: str) -> float | None:
    """One token: a unit word ('twelve', 'dozen') or digits."""
    low = text.lower()
    w = words()
    if low in w.units:
        return w.units[low]
    return digit_value(text)


def word_value(tokens: Sequence[str]) -> float | None:
    """The value of a run of number tokens ('two', 'hundred', 'fifty'; 'a', 'dozen'; '1.2',
    'million'; '-' inside 'twenty-five'), composing scales as English does; None when the run is
    not a number (a lone scale word, a scale after a larger one, an unknown word)."""
    w = words()
    total = 0.0  # finished groups: 'two million' in 'two million five hundred'
    current = 0.0  # the group being read
    last_big = math.inf  # the last scale of 1,000 or more applied (they must come in falling order)
    seen = False
    for raw in tokens:
        low = raw.lower()
        if low in ("a", "an"):
            current = max(current, 1.0)
            continue
        if low == "-":
            continue
        if low == "dozen":
            current = max(current, 1.0) * 12
            seen = True
            continue
        if low in w.scales:
            scale = w.scales[low]
            if not seen:
                return None  # a lone "million" or "k"
            if scale < 1000:  # 'hundred' multiplies the group being read
                current = max(current, 1.0) * scale
                continue
            if current == 0:  # 'two thousand thousand': the scale multiplies everything so far
                if total == 0 or scale < last_big:  # 'million thousand' is no number
                    return None
                total *= scale
            elif scale < last_big:  # 'two million five hundred thousand': a new, smaller group
                total += current * scale
            else:  # 'one hundred thousand million': the scale multiplies everything so far
                total = (total + current) * scale
            last_big = scale
            current = 0.0
            continue
        v = token_value(raw)
        if v is None:
            return None
        current += v
        seen = True
    value = total + current
    return value if seen and math.isfinite(value) else None


def is_count(value: float | None) -> bool:
    """True for a value that can count people or things: whole, not negative, at most
    ``max_count``."""
    return (
        value is not None
        and math.isfinite(value)
        and 0 <= value <= words().max_count
        and float(value).is_integer()
    )


def in_power(before: str | None, after: str | None) -> bool:
    """True when the tokens around a number make it part of power notation ('10^400': both
    numbers), which counts nothing."""
    signs = words().power_signs
    return (before or "") in signs or (after or "") in signs


def range_ends(low: float, high: float, *, between: bool) -> tuple[float, float] | None:
    """The ends of a range written '<low> to <high>' or 'between <low> and <high>'; 'between 30
    and 20' (ends written the wrong way round) is read as 20 to 30; equal ends, or reversed ends
    without 'between' ('30-20' is a score or a date as often as a range), make no range."""
    if high > low:
        return low, high
    if between and low > high:
        return high, low
    return None


__all__ = [
    "NUM_RE",
    "Words",
    "digit_value",
    "in_power",
    "is_count",
    "range_ends",
    "token_value",
    "word_value",
    "words",
]
