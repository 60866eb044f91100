"""Dates: datable expressions resolved against the publication date, and the publication date
itself inferred from the text when no metadata gives it.

Expressions are found with our own patterns (lexicon ``dates``), not an off-the-shelf parser:
those read "since Sept. 27" as Sept. 2 or take a photo caption's date for the article's. Each
expression is resolved as precisely as the text allows (YYYY, YYYY-MM or YYYY-MM-DD):

- full dates ("Sept. 27, 2020", "2 March 2023", "2025-03-12", "12/03/2025") and years ("since
  1994") stand alone; a numeric date whose day and month could swap follows the order the article
  writes its other dates in, else the reading nearest publication, else day-month;
- a night or span of days ("the night of March 3-4", "16-17 March") is its first day;
- a month and day without a year ("Oct. 7", "21 June", "Christmas Day") takes the year that puts
  it nearest the publication date, moved a year back (forward) when the clause is plainly past
  (future) and the date is not a planned one ("set talks for June 19"); "Sept. 27 of that year"
  takes the year last named;
- a bare ordinal day ("on the 14th") takes the month of a date earlier in its sentence, else the
  month that puts it nearest publication (the next one in a future clause, the last in a past one);
- a weekday is the most recent such day on or before publication, or with a future clause
  ("will", "due to", "would") the next one on or after it; "last Friday" is strictly before
  publication and "next Friday" strictly after; a weekday written with its date or with
  "today"/"tomorrow" ("tomorrow (Monday)") takes that day;
- a month alone ("since October") is the most recent such month, or the next one when future;
- "today", "yesterday", "last month", "this year", "two days ago" count from the publication date;
  "two days later", "a month later", "the next day" from the date mentioned just before them in
  the paragraph, and "one month after Aug. 21" from the date it names.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from .. import lexicons
from ..nlp import doc_text
from ..records import Context, DateMention

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


# kinds that name a whole date on their own
FULL_KINDS = ("mdy", "dmy", "iso", "num")
# kinds that name a day and month without a year
MONTH_DAY_KINDS = ("md", "dm", "holiday")

_QUOTE_OPEN = "\u201c"
_QUOTE_CLOSE = "\u201d"


@dataclass(slots=True)
class Expr:
    """One date expression found in the text, before resolution."""

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    in_caption: bool = False
    in_quote: bool = False
    tense: str = "unknown"  # past | future | unknown
    extra: dict[str, object] = field(default_factory=dict)


# --- finding -------------------------------------------------------------------------------


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` sits inside quotation marks within its paragraph."""
    s, _ = _line_bounds(text, pos)
    before = text[s:pos]
    if before.count(_QUOTE_OPEN) > before.count(_QUOTE_CLOSE):
        return True
    return before.count('"') % 2 == 1


def _is_caption(line: str) -> bool:
    return any(m in line for m in CAPTION_MARKERS)


def find_expressions(text: str) -> list[Expr]:
    """Every date expression in ``text`` (not yet resolved), in text order, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[Expr] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    starts = _match_starts(text)
    for kind, pat in _PATTERNS:
        for m in _matches(pat, text, starts.get(kind)):
            s, e = m.span()
            if not free(s, e):
                continue
            ex = _make(kind, m, text)
            if ex is None:
                continue
            taken.append((ex.start, ex.end))
            found.append(ex)
    found.extend(_first_of_two_days(found, text))
    found.sort(key=lambda x: x.start)
    for ex in found:
        ls, le = _line_bounds(text, ex.start)
        ex.in_caption = _is_caption(text[ls:le])
        ex.in_quote = _inside_quote(text, ex.start)
    return found


def _first_of_two_days(found: list[Expr], text: str) -> list[Expr]:
    """'on 4 and 5 April': the first day shares the month (and year) written after the second;
    the expression spans both days and the month."""
    out: list[Expr] = []
    for ex in found:
        if ex.kind not in ("dm", "dmy"):
            continue
        m = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\s+(?:and|&)\s+$", text[max(0, ex.start - 12) : ex.start])
        if m is None or not 1 <= int(m.group(1)) < (ex.day or 0):
            continue
        start = ex.start - (len(m.group(0)))
        first = Expr(ex.kind, start, ex.end, text[start : ex.end], year=ex.year, month=ex.month)
        first.day = int(m.group(1))
        out.append(first)
    return out


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").rstrip(".").lower()]


def _phrase_key(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("’", "'"))


def _make(kind: str, m: re.Match[str], text: str) -> Expr | None:
    s, e = m.span()
    g = m.groupdict()
    if kind in ("mdy", "dmy", "md", "dm"):
        day = int(g["day"])
        mon = _month(m)
        if not 1 <= day <= 31:
            return None
        if kind == "dm" and m.group(0).lower().startswith("the "):
            s += 4  # 'the 21st of June': keep the date words only
        if kind in ("md", "dm") and _probably_not_date(kind, m, text):
            return None
        year = int(g["year"]) if g.get("year") else None
        ex = Expr(kind, s, e, text[s:e], year=year, month=mon, day=day)
        if g.get("day2"):
            ex.extra["day2"] = int(g["day2"])
        return ex
    if kind == "iso":
        return Expr(kind, s, e, text[s:e], year=int(g["year"]), month=int(g["mm"]), day=int(g["dd"]))
    if kind == "num":
        ex = Expr(kind, s, e, text[s:e], year=int(g["year"]))
        ex.extra.update(a=int(g["a"]), b=int(g["b"]), sep=g["sep"])
        return ex
    if kind == "holiday":
        mon, day = HOLIDAYS[_phrase_key(g["hol"])]
        return Expr(kind, s, e, text[s:e], month=int(mon), day=int(day))
    if kind == "offset":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else OFFSET_NUMBERS[raw]
        grain, mult = OFFSET_UNITS[g["unit"].lower()]
        ex = Expr(kind, s, e, text[s:e], rel=g["dir"].lower())
        ex.extra.update(n=n * int(mult), grain=grain)
        return ex
    if kind == "day_offset":
        phrase = _phrase_key(g["phrase"])
        if phrase.endswith(("after", "before")) and not re.match(r"\s*(?:[,.;:)]|$)", text[e:]):
            return None  # 'the day before the vote': counted from an event, not a date
        ex = Expr(kind, s, e, text[s:e], rel="later")
        ex.extra.update(n=DAY_OFFSETS[phrase], grain="day")
        return ex
    if kind == "ord":
        if not _ordinal_ok(m, text):
            return None
        return Expr(kind, s, e, text[s:e], day=int(g["day"]))
    if kind in ("my", "m"):
        if kind == "m" and not _bare_month_ok(m, text):
            return None
        mon = _month(m)
        year = int(g["year"]) if g.get("year") else None
        ex = Expr(kind, s, e, text[s:e], year=year, month=mon)
        ex.extra["part"] = g.get("part")
        return ex
    if kind == "wd":
        ex = Expr(kind, s, e, text[s:e], weekday=WEEKDAYS[g["wd"].lower()])
        if g.get("wpre"):
            ex.extra["prefix"] = WEEKDAY_PREFIXES[_phrase_key(g["wpre"])]
        return ex
    if kind in ("rel_period", "rel_day"):
        return Expr(kind, s, e, text[s:e], rel=re.sub(r"\s+", " ", g["rel"].lower()))
    if kind == "y":
        if not _year_ok(m, text):
            return None
        return Expr(kind, s, e, text[s:e], year=int(g["year"]))
    return None


def _ordinal_ok(m: re.Match[str], text: str) -> bool:
    """'on the 14th' is a day of the month; 'the 14th Brigade', 'the 30th anniversary' are not.
    Needs a lead word before it and punctuation or a function word after it."""
    if not 1 <= int(m.group("day")) <= 31:
        return False
    before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 12) : m.start()])
    if not before or before[-1].lower() not in ORDINAL_LEADS:
        return False
    after = text[m.end() : m.end() + 20]
    if re.match(r"\s*(?:[,.;:)!?\"”—–-]|$)", after):
        return True
    low = " " + re.sub(r"\s+", " ", after.lower()).strip() + " "
    return any(low.startswith(f" {w} ") for w in ORDINAL_FOLLOWERS)


def _probably_not_date(kind: str, m: re.Match[str], text: str) -> bool:
    """'May 5' after a modal-like use, or 'Mar 3' in a score line: only guard the ambiguous 'May'."""
    if m.group("mon") == "May":
        before = text[max(0, m.start() - 20) : m.start()].split()
        return bool(before) and before[-1].lower() in {"you", "we", "they", "it", "he", "she", "i"}
    return False


def _bare_month_ok(m: re.Match[str], text: str) -> bool:
    """A month name alone is a date only after a lead word ('in', 'since', 'until' ...)."""
    if m.group("part"):
        return True
    mon = m.group("mon")
    if mon.endswith(".") or mon in {
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    }:
        return False  # abbreviations alone are not dates
    before = text[max(0, m.start() - 20) : m.start()].lower()
    words = re.findall(r"[a-z']+", before)
    if not words:
        return False
    if words[-1] in MONTH_LEADS:
        return not (mon == "May" and words[-1] in {"and", "or", "to"})
    return len(words) >= 2 and f"{words[-2]} {words[-1]}" in MONTH_LEADS


def _year_ok(m: re.Match[str], text: str) -> bool:
    """A four-digit number is a year unless it counts something ('1994 soldiers')."""
    after = text[m.end() : m.end() + 30]
    nxt = re.match(r"\s+([a-z]+)", after)
    before = text[max(0, m.start() - 12) : m.start()]
    if re.search(r"(No\.|number|Operation|Resolution|Route|Highway|flight|Flight)\s*$", before):
        return False
    if re.match(r"\s*(?:GMT|UTC|hours|hrs|local time|h\b)", after):
        return False  # '1800 GMT' is a time of day
    if not nxt:
        return True
    word = nxt.group(1)
    if word in COUNT_NOUNS:
        return False  # '1994 people'
    # a plural noun after it counts ('1994 soldiers') unless it names events ('the 2020 talks')
    return not (
        word.endswith("s")
        and len(word) > 3
        and not word.endswith("ss")
        and word not in YEAR_EVENT_NOUNS
        and word not in {"was", "has", "this", "its", "is", "as"}
    )


# --- tense ---------------------------------------------------------------------------------


def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        if t.head is t:
            return t
        t = t.head
    return None


def _future_marked(t: Token) -> bool:
    # a plain past verb is no frame: 'set a depot ablaze Tuesday' (but 'is set to', 'was due')
    plain_past = t.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
    if not plain_past and (t.lemma_.lower() in FUTURE_MARKERS or t.lower_ in FUTURE_MARKERS):
        return True
    return any(
        c.dep_ in ("aux", "auxpass", "acomp", "xcomp")
        and (c.lower_ in FUTURE_MARKERS or c.lemma_.lower() in FUTURE_MARKERS)
        for c in t.children
    )


def clause_tense(doc: Doc, start: int, end: int) -> str:
    """'future', 'past' or 'unknown' for the clause governing the expression at [start, end).

    Future: an auxiliary 'will'/'would' or a 'due to'/'scheduled to'/'expected to' frame on the
    governing verb or the verbs it is the complement of. Past: a past-tense or participle verb.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    v = _governing_verb(span.root)
    if v is None:
        return "unknown"
    t = v
    for _ in range(4):
        if _future_marked(t):
            return "future"
        if t.dep_ not in ("xcomp", "acomp", "advcl", "conj") or t.head is t:
            break
        t = t.head
    if v.tag_ in ("VBD", "VBN"):
        return "past"
    if v.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ == "VBD" for c in v.children):
        return "past"
    return "unknown"


# --- resolving -----------------------------------------------------------------------------


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_day(month: int, day: int, anchor: dt.date, tense: str) -> tuple[dt.date | None, str]:
    """A month and day without a year: the year nearest ``anchor``, moved by a past/future clause."""
    options = [
        d
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := _safe_date(y, month, day)) is not None
    ]
    if not options:
        return None, "impossible date"
    best = min(options, key=lambda d: abs((d - anchor).days))
    why = "month-day, year nearest publication"
    if tense == "past" and best > anchor and (best - anchor).days > 1:
        best = _safe_date(best.year - 1, month, day) or best
        why = "month-day, past clause: last such day"
    elif tense == "future" and best < anchor:
        best = _safe_date(best.year + 1, month, day) or best
        why = "month-day, future clause: next such day"
    return best, why


def _ordinal_day(day: int, anchor: dt.date, tense: str) -> tuple[dt.date | None, str]:
    """'on the 14th' with no month in its sentence: that day in the month before, of or after
    publication: the last one in a past clause, the next in a future one, else the nearest."""
    options = [
        d
        for k in (-1, 0, 1)
        if (d := _safe_date(*_add_months(anchor.year, anchor.month, k), day)) is not None
    ]
    if not options:
        return None, "impossible date"
    if tense == "past" and (past := [d for d in options if d <= anchor]):
        return max(past), "ordinal day, past clause: last such day"
    if tense == "future" and (future := [d for d in options if d >= anchor]):
        return min(future), "ordinal day, future clause: next such day"
    return min(options, key=lambda d: abs((d - anchor).days)), "ordinal day nearest publication"


def _numeric(ex: Expr, anchor: dt.date | None) -> tuple[dt.date | None, str]:
    """'12/03/2025': day-month or month-day. A part over 12 decides; dots are day-month; else the
    order the article writes its other dates in, else the reading nearest publication, else
    day-month (the order of most of the world's press)."""
    a, b, y = int(ex.extra["a"]), int(ex.extra["b"]), ex.year or 0  # type: ignore[call-overload]
    dmy, mdy = _safe_date(y, b, a), _safe_date(y, a, b)
    if dmy is None or mdy is None or dmy == mdy:
        d = dmy or mdy
        return d, "numeric date" if d else "impossible date"
    if ex.extra.get("sep") == ".":
        return dmy, "numeric date with dots: day first"
    style = ex.extra.get("style")
    if style in ("dmy", "mdy"):
        return (dmy if style == "dmy" else mdy), f"numeric date in the article's {style} order"
    if anchor is not None:
        best = min((dmy, mdy), key=lambda d: abs((d - anchor).days))
        return best, "numeric date, reading nearest publication"
    return dmy, "numeric date, day first"


def _weekday(ex: Expr, anchor: dt.date) -> tuple[dt.date, str]:
    assert ex.weekday is not None
    prefix = ex.extra.get("prefix")
    wd, aw = ex.weekday, anchor.weekday()
    if prefix == "before":
        return anchor - dt.timedelta(
            days=(aw - wd - 1) % 7 + 1
        ), "'last' weekday: strictly before publication"
    if prefix == "after":
        return anchor + dt.timedelta(days=(wd - aw - 1) % 7 + 1), "'next' weekday: strictly after publication"
    if prefix == "coming" or ex.tense == "future":
        return anchor + dt.timedelta(
            days=(wd - aw) % 7
        ), "weekday, future clause: next such day (or publication day)"
    return anchor - dt.timedelta(days=(aw - wd) % 7), "weekday: most recent such day on or before publication"


def _grain_of(value: str) -> str:
    return {10: "day", 7: "month"}.get(len(value), "year")


def _shift(ref: str, n: int, grain: str) -> tuple[str | None, str | None]:
    """``ref`` (an ISO value) moved by ``n`` units of ``grain`` (day, month or year)."""
    ref_grain = _grain_of(ref)
    y = int(ref[:4])
    if grain == "year":
        return f"{y + n:04d}", "year"
    if grain == "month":
        if ref_grain == "year":
            return None, None
        ny, nm = _add_months(y, int(ref[5:7]), n)
        if ref_grain == "month":
            return f"{ny:04d}-{nm:02d}", "month"
        day = int(ref[8:10])
        while day > 28 and _safe_date(ny, nm, day) is None:
            day -= 1  # 'a month after Jan. 31' is the last day of February
        return dt.date(ny, nm, day).isoformat(), "day"
    if ref_grain != "day":
        return None, None
    return (dt.date.fromisoformat(ref) + dt.timedelta(days=n)).isoformat(), "day"


Resolved = tuple[str | None, str | None, str]


def resolve(ex: Expr, anchor: dt.date | None, ref: str | None = None) -> Resolved:
    """(ISO value, grain, reason) for one expression against the publication date ``anchor``;
    ``ref`` is the ISO value of the date a relative expression counts from ('two days later')."""
    if ex.kind in ("mdy", "dmy", "iso"):
        assert ex.year and ex.month and ex.day
        d = _safe_date(ex.year, ex.month, ex.day)
        span = "; first day of the span" if ex.extra.get("day2") else ""
        return (d.isoformat(), "day", f"full date{span}") if d else (None, None, "impossible date")
    if ex.kind == "num":
        d, why = _numeric(ex, anchor)
        return (d.isoformat() if d else None), ("day" if d else None), why
    if ex.kind == "my":
        assert ex.year and ex.month
        return f"{ex.year:04d}-{ex.month:02d}", "month", "month and year"
    if ex.kind == "y":
        return f"{ex.year:04d}", "year", "year"
    if ex.kind in MONTH_DAY_KINDS and isinstance(ex.extra.get("year"), int):
        assert ex.month and ex.day
        d = _safe_date(int(ex.extra["year"]), ex.month, ex.day)  # type: ignore[call-overload]
        return (
            (d.isoformat(), "day", "month-day 'of that year': the year last named") if d else (None, None, "")
        )
    if ex.kind in ("ord", "offset", "day_offset") and ref is not None:
        n = int(ex.extra.get("n", 0))  # type: ignore[call-overload]
        if ex.kind == "ord":
            assert ex.day
            y, m = int(ref[:4]), int(ref[5:7])
            if ex.day < int(ref[8:10]):
                y, m = _add_months(y, m, 1)  # 'from the 28th to the 3rd'
            d = _safe_date(y, m, ex.day)
            return (
                (d.isoformat(), "day", "ordinal day in the month of the date before it")
                if d
                else (None, None, "")
            )
        if ex.rel in ("earlier", "before", "ago"):
            n = -n
        value, grain = _shift(ref, n, str(ex.extra["grain"]))
        base = "publication date" if ex.rel == "ago" else "the date it counts from"
        return value, grain, f"'{ex.text}' from {base}"
    if anchor is None:
        return None, None, "relative date without a publication date"
    if ex.kind in MONTH_DAY_KINDS:
        assert ex.month and ex.day
        best, why = _month_day(ex.month, ex.day, anchor, ex.tense)
        if best is None:
            return None, None, why
        if ex.extra.get("day2"):
            why += "; first day of the span"
        return best.isoformat(), "day", why
    if ex.kind == "ord":
        assert ex.day
        d, why = _ordinal_day(ex.day, anchor, ex.tense)
        return (d.isoformat() if d else None), "day", why
    if ex.kind == "m":
        assert ex.month
        if ex.tense == "future":
            y = anchor.year if ex.month >= anchor.month else anchor.year + 1
            why = "month, future clause: next such month"
        else:
            y = anchor.year if ex.month <= anchor.month else anchor.year - 1
            why = "month: most recent such month"
        return f"{y:04d}-{ex.month:02d}", "month", why
    if ex.kind == "wd":
        d, why = _weekday(ex, anchor)
        return d.isoformat(), "day", why
    if ex.kind == "rel_day":
        assert ex.rel
        d = anchor + dt.timedelta(days=REL_DAYS[ex.rel])
        return d.isoformat(), "day", f"'{ex.rel}' from publication date"
    if ex.kind == "rel_period":
        assert ex.rel
        unit, k = REL_PERIODS[ex.rel]
        if unit == "year":
            return f"{anchor.year + k:04d}", "year", f"'{ex.rel}' from publication date"
        y, m = _add_months(anchor.year, anchor.month, k)
        return f"{y:04d}-{m:02d}", "month", f"'{ex.rel}' from publication date"
    return None, None, "no date it counts from"


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _planned(doc: Doc, ex: Expr) -> bool:
    """'set talks for June 19', 'declared Oct. 10 a day of mourning', 'proposed Jan. 15': a date
    a past clause plans, not one it reports."""
    before = re.findall(r"[a-z]+", doc_text(doc)[max(0, ex.start - 8) : ex.start].lower())
    if before and before[-1] in PLAN_LEADS:
        return True
    span = doc.char_span(ex.start, ex.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ in ("dobj", "npadvmod", "nsubj", "oprd") and root.head.lemma_.lower() in PLAN_VERBS


def _with_tense(doc: Doc, exprs: list[Expr]) -> list[Expr]:
    for ex in exprs:
        if ex.kind in ("md", "dm", "holiday", "ord", "m", "wd"):
            ex.tense = clause_tense(doc, ex.start, ex.end)
            if ex.tense == "past" and ex.kind != "wd" and _planned(doc, ex):
                ex.tense = "unknown"
    return exprs


# ``_tensed_expressions`` per doc (``infer_published`` and ``extract`` both need them); the
# lists hold no reference to the doc, so an entry goes when its doc does
_EXPRESSIONS: weakref.WeakKeyDictionary[Doc, list[Expr]] = weakref.WeakKeyDictionary()


def _tensed_expressions(doc: Doc) -> list[Expr]:
    """``find_expressions`` of the doc's text with their clauses' tense, worked out once per doc;
    each caller gets its own copies to change (``extra`` holds only numbers and strings)."""
    found = _EXPRESSIONS.get(doc)
    if found is None:
        found = _EXPRESSIONS[doc] = _with_tense(doc, find_expressions(doc_text(doc)))
    return [replace(ex, extra=dict(ex.extra)) for ex in found]


def _numeric_style(exprs: list[Expr]) -> str | None:
    """'dmy' or 'mdy': the order the article writes its dates with month names in, if one leads."""
    dmy = sum(e.kind in ("dm", "dmy") for e in exprs)
    mdy = sum(e.kind in ("md", "mdy") for e in exprs)
    return "dmy" if dmy > mdy else "mdy" if mdy > dmy else None


_THAT_YEAR_RE = re.compile(r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)
_PAIR_GAP_RE = re.compile(r",?\s*\(?\s*(?:the\s+)?")


def _weekday_pairs(exprs: list[Expr], text: str) -> list[tuple[Expr, Expr]]:
    """A weekday written with its date or relative day: 'Tuesday, Oct. 24', 'Monday (June 2)',
    'tomorrow (Monday)', 'today, Sunday'."""
    out: list[tuple[Expr, Expr]] = []
    for a, b in zip(exprs, exprs[1:], strict=False):
        if not _PAIR_GAP_RE.fullmatch(text[a.end : b.start]):
            continue
        if (
            a.kind == "wd"
            and "prefix" not in a.extra
            and b.kind in (*MONTH_DAY_KINDS, *FULL_KINDS, "rel_day")
        ):
            out.append((a, b))
        elif b.kind == "wd" and "prefix" not in b.extra and a.kind == "rel_day":
            out.append((b, a))
    # 'tomorrow (Monday)' needs its comma or bracket: 'said on Monday tomorrow's talks' is no pair
    return [(w, o) for w, o in out if o.kind != "rel_day" or re.search(r"[,(]", _gap(w, o, text))]


def _gap(a: Expr, b: Expr, text: str) -> str:
    """The text between two expressions, whichever comes first."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return text[first.end : second.start]


def _sentence_bounds(doc: Doc, pos: int) -> tuple[int, int]:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _line_bounds(doc_text(doc), pos)
    sent = span[0].sent
    return sent.start_char, sent.end_char


def _resolve_all(doc: Doc, exprs: list[Expr], anchor: dt.date | None) -> list[Resolved]:
    """Resolve every expression; relative ones ('the 14th', 'two days later', 'Sept. 27 of that
    year', 'one month after Aug. 21') from the dates around them, in text order."""
    text = doc_text(doc)
    style = _numeric_style(exprs)
    for ex in exprs:
        if ex.kind == "num":
            ex.extra["style"] = style
    out: list[Resolved] = [(None, None, "")] * len(exprs)
    contextual = ("ord", "offset", "day_offset")
    for i, ex in enumerate(exprs):
        if ex.kind not in contextual:
            out[i] = resolve(ex, anchor)
    for i, ex in enumerate(exprs):
        if ex.kind in MONTH_DAY_KINDS and _THAT_YEAR_RE.match(text, ex.end):
            years = [out[k][0] for k in range(i) if out[k][0]]
            if years:
                ex.extra["year"] = int(str(years[-1])[:4])
                out[i] = resolve(ex, anchor)
            continue
        if ex.kind not in contextual:
            continue
        ref: str | None = None
        if ex.kind == "ord":
            s0, _ = _sentence_bounds(doc, ex.start)
            prior = [out[k][0] for k in range(i) if exprs[k].start >= s0 and out[k][1] == "day"]
            ref = str(prior[-1]) if prior else None
        elif ex.rel == "ago":
            ref = anchor.isoformat() if anchor else None
        elif ex.rel in ("after", "before"):
            nxt = i + 1
            if nxt < len(exprs) and re.fullmatch(r"\s+(?:the\s+|on\s+)?", text[ex.end : exprs[nxt].start]):
                ref = out[nxt][0]
                if ref:
                    ex.end = exprs[nxt].end
                    ex.text = text[ex.start : ex.end]
        else:
            ref = _previous_value(exprs, out, i, text)
        if ref is None and ex.kind != "ord":
            continue
        out[i] = resolve(ex, anchor, ref)
    for wd, other in _weekday_pairs(exprs, text):
        iw, io = exprs.index(wd), exprs.index(other)
        value = out[io][0]
        if value and out[io][1] == "day" and dt.date.fromisoformat(value).weekday() == wd.weekday:
            how = "date" if other.kind != "rel_day" else f"'{other.text}'"
            out[iw] = (value, "day", f"weekday written with its {how}")
    return out


def _previous_value(exprs: list[Expr], out: list[Resolved], i: int, text: str) -> str | None:
    """The value of the nearest resolved date before ``exprs[i]`` in its paragraph or the one
    before: what 'two days later' counts from."""
    para, _ = _line_bounds(text, exprs[i].start)
    prev_para = para
    pos = para - 1
    while pos > 0:  # back over blank lines to the start of the paragraph before
        ls, le = _line_bounds(text, pos - 1)
        if text[ls:le].strip():
            prev_para = ls
            break
        pos = ls
    for k in range(i - 1, -1, -1):
        if exprs[k].start < prev_para:
            return None
        if not exprs[k].in_caption:
            return out[k][0]  # None when that date could not be placed: then neither can this
    return None


def extract(doc: Doc, ctx: Context) -> list[DateMention]:
    """Date mentions resolved against ``ctx.published``: one per distinct (text, value), with
    ``span`` the first occurrence and ``mentions`` every occurrence."""
    anchor = _parse_iso(ctx.published or ctx.article.published)
    exprs = _tensed_expressions(doc)
    out: list[DateMention] = []
    for ex, (value, grain, why) in zip(exprs, _resolve_all(doc, exprs, anchor), strict=True):
        if ex.kind == "rel_day" and ex.in_quote:
            continue  # 'today' in a quote is the speaker's day, seldom the article's
        if value is None:
            continue
        _merge(out, ex, value, grain, why)
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _merge(out: list[DateMention], ex: Expr, value: str, grain: str | None, why: str) -> None:
    """Add ``ex`` to an existing mention of the same value whose text holds or is held by its own."""
    n = _norm(ex.text)
    for dm in out:
        if dm.value != value:
            continue
        m = _norm(dm.text)
        if n == m or (ex.kind != "y" and (n in m or m in n) and not _is_year(dm.text)):
            dm.mentions.append((ex.start, ex.end))
            return
    out.append(
        DateMention(
            text=ex.text,
            value=value,
            span=(ex.start, ex.end),
            grain=grain,  # type: ignore[arg-type]
            mentions=[(ex.start, ex.end)],
            reason=f"dates: {why}",
        )
    )


def _is_year(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", s.strip()))


# --- publication date ---------------------------------------------------------------------


def infer_published(doc: Doc, ctx: Context) -> tuple[str | None, str]:
    """Publication date inferred from the text, with the reason (``extract/published.py``, which
    builds on this module's expressions; imported here so callers keep one dates interface)."""
    from .published import infer_published as infer  # noqa: PLC0415

    return infer(doc, ctx)

__all__ = ["Expr", "clause_tense", "extract", "find_expressions", "infer_published", "resolve"]
