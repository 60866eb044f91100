"""Date patterns: the ``dates`` lexicon, the regular expressions of each kind of date expression
(tried in order, earlier kinds winning overlaps), and the fast literal scans that say where a
match of each kind can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ... import lexicons

_LEX = lexicons.entries("dates")
MONTHS: dict[str, int] = _LEX["months"]
WEEKDAYS: dict[str, int] = _LEX["weekdays"]
REL_DAYS: dict[str, int] = _LEX["relative_days"]
REL_PERIODS: dict[str, list] = _LEX["relative_periods"]
MONTH_LEADS: set[str] = set(_LEX["month_lead_words"])
FUTURE_MARKERS: set[str] = set(_LEX["future_markers"])
DURATION_UNITS: dict[str, int] = _LEX["duration_units"]
NUMBER_WORDS: dict[str, int] = _LEX["number_words"]
CAPTION_MARKERS: list[str] = _LEX["caption_markers"]
COUNT_NOUNS: set[str] = set(_LEX["count_nouns"])
YEAR_EVENT_NOUNS: set[str] = set(_LEX["year_event_nouns"])
HOLIDAYS: dict[str, list[int]] = _LEX["fixed_holidays"]
WEEKDAY_PREFIXES: dict[str, str] = _LEX["weekday_prefixes"]
OFFSET_NUMBERS: dict[str, int] = _LEX["offset_numbers"]
OFFSET_UNITS: dict[str, list] = _LEX["offset_units"]
DAY_OFFSETS: dict[str, int] = _LEX["day_offsets"]
ORDINAL_LEADS: set[str] = set(_LEX["ordinal_leads"])
ORDINAL_FOLLOWERS: list[str] = _LEX["ordinal_followers"]
PLAN_VERBS: set[str] = set(_LEX["plan_verbs"])
PLAN_LEADS: set[str] = set(_LEX["plan_leads"])
HEADER_WORDS: list[str] = _LEX["header_words"]

_MONTH_RE = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s?[-–]\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"  # '3-4': a night or span of days
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"


def _alternation(words: object) -> str:
    """A regex alternation of lexicon phrases, longest first, apostrophes either way."""
    keys = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(k).replace("'", "['’]").replace(r"\ ", r"\s+") for k in keys)


_WD_PREFIX = _alternation(WEEKDAY_PREFIXES)
_OFFSET_N = _alternation(OFFSET_NUMBERS)
_OFFSET_UNIT = _alternation(OFFSET_UNITS)

# (kind, pattern), tried in order; earlier kinds win overlapping matches
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}(?P<sep>[-/])(?P<mm>[01]\d)(?P=sep)(?P<dd>[0-3]\d)(?!\d)")),
    (
        "num",
        re.compile(
            r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
            r"(?P<year>1[89]\d\d|20\d\d)(?!\d)(?![/.]\d)"
        ),
    ),
    ("mdy", re.compile(rf"\b{_MONTH_RE}\s+{_DAY}{_DAY2},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}{_DAY2}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR}\b")),
    ("holiday", re.compile(rf"\b(?P<hol>{_alternation(HOLIDAYS)})\b", re.I)),
    (
        "offset",
        re.compile(
            rf"\b(?P<n>\d{{1,3}}|{_OFFSET_N})\s+(?P<unit>{_OFFSET_UNIT})\s+(?P<dir>later|earlier|ago|after|before)\b",
            re.I,
        ),
    ),
    ("day_offset", re.compile(rf"\b(?P<phrase>{_alternation(DAY_OFFSETS)})\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH_RE}\s+{_DAY}{_DAY2}\b(?![,.]?\d)(?!\s*%)")),
    ("dm", re.compile(rf"\b(?:the\s+)?{_DAY}{_DAY2}\s+(?:of\s+)?{_MONTH_RE}")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?{_MONTH_RE},?\s+(?:of\s+)?{_YEAR}\b")),
    ("ord", re.compile(r"\bthe\s+(?P<day>[1-3]?\d)(?:st|nd|rd|th)\b")),
    ("m", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?{_MONTH_RE}")),
    ("wd", re.compile(rf"\b(?:(?P<wpre>(?i:{_WD_PREFIX}))\s+)?{_WEEKDAY}(?!s)")),
    (
        "rel_period",
        re.compile(
            r"\b(?P<rel>(?:earlier|later)\s+this\s+(?:month|year)|(?:this|last|next)\s+(?:month|year))\b",
            re.I,
        ),
    ),
    ("rel_day", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow)\b", re.I)),
    ("y", re.compile(rf"(?<![\d,.$£€/-]){_YEAR}(?![\d%]|,\d|\.\d|s\b|['’]s\b)")),
]

# Where a match of each kind can start, found by fast literal scans: a pattern is then tried only
# there (``_matches``) instead of at every character. Digits: the start of a run of digits (every
# digit-led pattern wants no digit before); 'the': each 'the'; months: each month name (all start
# with these three letters), or 4-6 characters before it ('early-', 'mid ', 'late '); weekdays:
# each weekday name and the one or two words just before it ('last', 'this coming'). The
# case-blind kinds are looked for in the lower-cased text, which lines up with the text and holds
# whatever such a pattern matches unless the text has one of the four characters the regex engine
# also folds onto ASCII letters (then they are tried everywhere): a holiday's or relative day's or
# period's first word, and the words before an offset's direction or a day offset's last word.
_DIGIT_RUN = re.compile(r"\d+")
_THE = re.compile("the")
_MONTH_LEAD = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_WEEKDAY_NAME = re.compile("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_ASCII_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")  # 'İ', 'ı', 'ſ', Kelvin sign
_OFFSET_DIRS = ("later", "earlier", "ago", "after", "before")  # as in the offset pattern
_OFFSET_WORDS = max(len(w.split()) for w in OFFSET_NUMBERS) + max(len(w.split()) for w in OFFSET_UNITS)
_DAY_OFFSET_WORDS = max(len(w.split()) for w in DAY_OFFSETS) - 1
_HOLIDAY_LEADS = {re.sub("[^a-z].*", "", k.lower()) for k in HOLIDAYS}
# (the looks hold while the lexicon's phrases are plain words, and each holiday starts with one)
_FOLDED = "" not in _HOLIDAY_LEADS and all(
    w.isascii() and w.isalpha() for k in (*OFFSET_NUMBERS, *OFFSET_UNITS, *DAY_OFFSETS) for w in k.split()
)


def _occurrences(low: str, words: Iterable[str]) -> list[int]:
    """Every place (overlaps included) one of ``words`` occurs in ``low``."""
    out: list[int] = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            out.append(i)
            i = low.find(w, i + 1)
    return out


def _words_back(text: str, i: int, n: int) -> list[int]:
    """``i`` and the starts of the ``n`` words (runs of letters and digits) before it, each
    followed by white space only."""
    out = [i]
    for _ in range(n):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and text[i - 1].isalnum():
            i -= 1
        out.append(i)
    return out


def _match_starts(text: str) -> dict[str, list[int]]:
    """For the kinds it covers, every place (ascending) a match of the kind's pattern can start."""
    digits = [m.start() for m in _DIGIT_RUN.finditer(text)]
    the = [m.start() for m in _THE.finditer(text)]
    months = [m.start() for m in _MONTH_LEAD.finditer(text)]
    weekdays = [p for m in _WEEKDAY_NAME.finditer(text) for p in _words_back(text, m.start(), 2)]
    out = {
        "iso": digits,
        "num": digits,
        "mdy": months,
        "dmy": digits,
        "md": months,
        "dm": sorted({*digits, *the}),
        "my": sorted({p for m in months for p in (m - 6, m - 5, m - 4, m) if p >= 0}),
        "ord": the,
        "wd": sorted(set(weekdays)),
        "y": digits,
    }
    out["m"] = out["my"]
    if _FOLDED and _ASCII_FOLDS.search(text) is None:
        low = text.lower()
        offsets = _occurrences(low, _OFFSET_DIRS)
        ends = _occurrences(low, {k.split()[-1] for k in DAY_OFFSETS})
        out["holiday"] = sorted(set(_occurrences(low, _HOLIDAY_LEADS)))
        out["offset"] = sorted({p for i in offsets for p in _words_back(text, i, _OFFSET_WORDS)})
        out["day_offset"] = sorted({p for i in ends for p in _words_back(text, i, _DAY_OFFSET_WORDS)})
        out["rel_period"] = sorted(set(_occurrences(low, ("earlier", "later", "this", "last", "next"))))
        out["rel_day"] = sorted(set(_occurrences(low, ("today", "tonight", "yesterday", "tomorrow"))))
    return out


def _matches(pat: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``pat.finditer(text)`` (no pattern here matches the empty string), trying only ``starts``
    when given: every place a match can start."""
    if starts is None:
        yield from pat.finditer(text)
        return
    end = 0
    for p in starts:
        if p >= end and (m := pat.match(text, p)) is not None:
            yield m
            end = m.end()
