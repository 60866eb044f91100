"""The publication date of an article without metadata, inferred from its text.

Candidate days come from a dateline ("MOSCOW, February 18 —") or a header line ("Published 12
March", "Last updated: Saturday", a timestamp line "Mon 14 Apr 2031 09.12 BST"), from a start
date plus a running duration ("since Sept. 27" ... "the 25-day clash": N-1 or N days later), from
the days just after an explicit full date (a caption's date counts less; a file photo's not at
all), after a weekday written with its date ("Thursday, June 5").

Two rules keep a wrong date out (a wrong date is worse than none):

- an article cannot predate what it reports: a candidate before any date, month or year the
  text names (outside future clauses and deadlines) is dropped;
- a year the text does not write is taken from the latest full date it names (that year, or the
  next when that year is impossible), or, when it names none, only from a weekday tied to the
  candidate day itself: a header's weekday, "tomorrow (Monday)", a weekday written with its date,
  or a weekday in the sentence that gives the start date and the duration. A bare weekday
  elsewhere ("condemned the attack Thursday") can mean any of several days and any of several
  years, so it may confirm a day but never choose a year.

Each remaining candidate is scored: a header's weekday on it; a weekday written with "today" or
"tomorrow" agreeing with it; the first bare past weekday of the body ("said Wednesday") on it or
the day before; no past-tense date after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ...nlp import doc_text
from ...records import Context
from .expressions import FULL_KINDS, Expr, _line_bounds, _month
from .patterns import (
    _ASCII_FOLDS,
    _DAY,
    _MONTH_RE,
    _YEAR,
    DURATION_UNITS,
    HEADER_WORDS,
    MONTHS,
    NUMBER_WORDS,
    REL_DAYS,
    _alternation,
    _matches,
    _occurrences,
    _words_back,
)
from .relative import _weekday_pairs
from .resolution import _safe_date, resolve
from .tense import _governing_verb, _tensed_expressions

_DURATION_RE = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")(?:-|\s+)(?P<unit>days?|weeks?)\b", re.I
)
_PLAIN_NUMBERS = all(w.isascii() and w.isalpha() for w in NUMBER_WORDS)  # what ``_duration_starts`` needs
_DATELINE_TAIL = rf"(?:,?\s+{_YEAR})?\s*(?:\([^)]*\)\s*)?[—–-]"
_DATELINE_HEAD = r"^[A-Z][A-Za-z .'-]+,(?:[^,\n—–-]{0,30},)?\s+"
# 'MOSCOW, February 18 —', 'LORIN, Oct 3 (Reuters) -', 'Velmar, 18 March (Agency) —'
_DATELINE_RES = [
    re.compile(_DATELINE_HEAD + rf"{_MONTH_RE}\s+{_DAY}" + _DATELINE_TAIL),
    re.compile(_DATELINE_HEAD + rf"{_DAY}\s+{_MONTH_RE}" + _DATELINE_TAIL),
]
# 'Last updated: Saturday 09:42 GMT', 'Published 12 March 2025'
_HEADER_RE = re.compile(rf"^\s*(?:{_alternation(HEADER_WORDS)})\b\s*:?\s*(?:on\s+)?\S", re.I)
# a line that is only a time stamp: 'Mon 14 Apr 2031 09.12 BST', '9 March 2031, 07:42 EDT'
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?|\b[ap]\.?m\.?|\b[A-Z]{2,4}\b"
)
_START_LEMMAS = {"begin", "start", "launch", "erupt", "break", "open", "trigger", "spark", "ignite"}
_MONTH_NAMES = {v: k.capitalize() for k, v in MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")}
_NEXT_YEAR_PENALTY = 2.5  # the year after the latest full date: only when that year is impossible


@dataclass(slots=True)
class _Candidate:
    day: dt.date
    score: float
    why: list[str]


@dataclass(slots=True)
class _Duration:
    days: int
    start: int  # character offset of the duration expression
    end: int


def _is_start_date(doc: Doc, ex: Expr) -> bool:
    """'since Sept. 27', 'fighting that began on Nov. 27': a date some ongoing thing counts from."""
    before = doc_text(doc)[max(0, ex.start - 12) : ex.start].lower()
    if re.search(r"\bsince\s+$", before):
        return True
    span = doc.char_span(ex.start, ex.end, alignment_mode="expand")
    if span is None:
        return False
    v = _governing_verb(span.root)
    return v is not None and v.lemma_.lower() in _START_LEMMAS


def _deadline(text: str, e: Expr) -> bool:
    """'by Jan. 1, 2024', 'until 2030': a deadline, which may lie after publication."""
    return bool(re.search(r"\b(?:by|until|till|before)\s+$", text[max(0, e.start - 8) : e.start]))


def _duration_starts(text: str) -> list[int] | None:
    """Every place a ``_DURATION_RE`` match can start: the word before each 'day' or 'week' in the
    lower-cased text, over white space or a hyphen (None: look everywhere; see
    ``patterns._match_starts``)."""
    if not _PLAIN_NUMBERS or _ASCII_FOLDS.search(text) is not None:
        return None
    starts: set[int] = set()
    for i in _occurrences(text.lower(), ("day", "week")):
        starts.update(_words_back(text, i, 1))
        if i and text[i - 1] == "-":
            starts.update(_words_back(text, i - 1, 1))
    return sorted(starts)


def _durations(doc: Doc) -> list[_Duration]:
    """Running durations ('the 25-day clash', 'in just 11 days'); durations in a sentence that
    names a year are history ('a 44-day war in 2020') and left out."""
    text = doc_text(doc)
    out: list[_Duration] = []
    for m in _matches(_DURATION_RE, text, _duration_starts(text)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        sent = span.sent.text if span is not None else ""
        if re.search(r"\b(?:1[89]|20)\d\d\b", sent):
            continue
        if re.search(r"\b(?:to|or|and|-)\s*$", text[max(0, m.start() - 6) : m.start()]):
            continue  # '10 to 14 days': a span of time, not a count since a start
        after = text[m.end() : m.end() + 12]
        lead = text[max(0, m.start() - 16) : m.start()].lower()
        hyphenated = text[m.start() : m.end()].count("-") == 1
        if re.match(r"\s+(?:after|before|later|ago|earlier|from)\b", after):
            continue  # 'two weeks after it was struck': an offset, not a running count
        if not hyphenated and not re.search(r"\b(?:in|just|only|for|after|past|last|first)\s+$", lead):
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 0)
        days = n * DURATION_UNITS[m.group("unit").lower()]
        if 2 <= days <= 400 and all(d.days != days for d in out):
            out.append(_Duration(days, m.start(), m.end()))
    return out


def _dateline(text: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) from a dateline opening a paragraph ('MOSCOW, February 18 —')."""
    for line in text.split("\n")[:6]:
        for pat in _DATELINE_RES:
            m = pat.match(line.strip())
            if m:
                y = m.group("year")
                return _month(m), int(m.group("day")), int(y) if y else None
    return None


def _is_stamp(line: str, exprs: list[Expr], start: int) -> bool:
    """A short opening line holding a full date and nothing but weekday, time and zone words."""
    end = start + len(line)
    full = [e for e in exprs if start <= e.start < end and e.kind in FULL_KINDS]
    if not full or len(line.strip()) > 60:
        return False
    rest = line
    for e in sorted(full, key=lambda e: -e.start):
        rest = rest[: e.start - start] + rest[e.end - start :]
    rest = _STAMP_WORDS.sub(" ", rest)
    return not re.search(r"[^\W\d_]", rest)


def _header_lines(text: str, exprs: list[Expr]) -> list[tuple[int, int]]:
    """Spans of the opening lines that give a publication or update time."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n")[:6]:
        if _HEADER_RE.match(line) or _is_stamp(line, exprs, pos):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _sentence_of(doc: Doc, pos: int) -> tuple[int, int]:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _line_bounds(doc_text(doc), pos)
    return span[0].sent.start_char, span[0].sent.end_char


def _file_photo(text: str, e: Expr) -> bool:
    """A date in a file photo's caption: older than the article, by how much nobody says."""
    return e.in_caption and "file" in text[_line_bounds(text, e.start)[0] : e.start + 200].lower()


def _reported(text: str, exprs: list[Expr]) -> list[tuple[dt.date, Expr]]:
    """The earliest day each dated thing the article reports allows for publication: a full date
    itself, a month-and-year its first day, a year its first of January (future clauses and
    deadlines left out)."""
    out: list[tuple[dt.date, Expr]] = []
    for e in exprs:
        if e.tense == "future" or _deadline(text, e):
            continue
        d: dt.date | None = None
        if e.kind in FULL_KINDS:
            value, _, _ = resolve(e, None)
            d = dt.date.fromisoformat(value) if value else None
        elif e.kind == "my" and e.year and e.month:
            d = dt.date(e.year, e.month, 1)
        elif e.kind == "y" and e.year:
            d = dt.date(e.year, 1, 1)
        if d is not None:
            out.append((d, e))
    return out


def infer_published(doc: Doc, ctx: Context) -> tuple[str | None, str]:
    """Publication date inferred from the text, with the reason; (None, why) when it cannot be
    (see the module docstring for the evidence and the rules)."""
    text = doc_text(doc)
    exprs = _tensed_expressions(doc)  # shared with ``dates.extract``
    body = [e for e in exprs if not e.in_caption]
    reported = _reported(text, exprs)
    bound = max(reported, key=lambda r: r[0], default=None)
    full = [(d, e) for d, e in reported if e.kind in FULL_KINDS and not _file_photo(text, e)]
    full_years = [d.year for d, _ in full]
    # a year-less date takes the year of a full date on the same month and day ('Sept. 27' and a
    # caption's 'Sept. 27, 2020'), file photos included
    same_day = {(d.month, d.day): d.year for d, e in reported if e.kind in FULL_KINDS}
    floor_year = max((d.year for d, _ in reported), default=None)
    headers = _header_lines(text, exprs)

    def in_header(e: Expr) -> bool:
        return any(a <= e.start < b for a, b in headers)

    pairs = _weekday_pairs(body, text)
    paired = {id(x) for pair in pairs for x in pair}
    header_wd = [e for e in body if e.kind == "wd" and in_header(e) and "prefix" not in e.extra]
    weekdays = [
        e
        for e in body
        if e.kind == "wd"
        and e.tense != "future"
        and not e.in_quote
        and id(e) not in paired
        and "prefix" not in e.extra
        and not in_header(e)
    ]
    lead_wd = weekdays[0].weekday if weekdays else None
    # 'tomorrow (Monday)': publication falls on the weekday before Monday
    rel_wd = [
        ((wd.weekday or 0) - REL_DAYS[other.rel or "today"]) % 7
        for wd, other in pairs
        if other.kind == "rel_day" and not other.in_quote
    ]
    day_tied = bool(header_wd or rel_wd)  # a weekday that names the publication day itself

    def years_for(y: int | None, *, tied: bool) -> list[tuple[int, float]]:
        """Years (with a penalty) a candidate without a written year may take."""
        if y:
            return [(y, 0.0)]
        if full_years:
            top = max(full_years)
            return [(top, 0.0), (top + 1, _NEXT_YEAR_PENALTY)]
        if tied and floor_year is not None:
            return [(yy, 0.05 * (yy - floor_year)) for yy in range(floor_year, floor_year + 8)]
        return []

    cands: list[_Candidate] = []

    def add(d: dt.date | None, score: float, why: str) -> None:
        if d is not None:
            cands.append(_Candidate(d, score, [why]))

    dl = _dateline(text)
    if dl:
        mon, day, y = dl
        for yy, pen in years_for(y, tied=day_tied):
            add(_safe_date(yy, mon, day), 3.0 - pen, f"dateline {_MONTH_NAMES[mon]} {day}")
    for e in body:
        if not in_header(e):
            continue
        if e.kind in FULL_KINDS:
            d0, _, _ = resolve(e, None)
            if d0:
                add(dt.date.fromisoformat(d0), 10.0, f"header date '{e.text}'")
        elif e.kind in ("md", "dm"):
            for yy, pen in years_for(None, tied=day_tied):
                add(_safe_date(yy, e.month or 1, e.day or 1), 3.0 - pen, f"header date '{e.text}'")
    durations = _durations(doc)
    for e in body:
        if e.kind not in ("md", "dm", "mdy", "dmy") or not durations or not _is_start_date(doc, e):
            continue
        assert e.month and e.day
        sent = _sentence_of(doc, e.start)
        for n in durations:
            # a weekday in the one sentence giving both the start and the duration names the end day
            tied = day_tied or (
                sent[0] <= n.start < sent[1] and any(sent[0] <= w.start < sent[1] for w in weekdays)
            )
            for yy, pen in years_for(e.year or same_day.get((e.month, e.day)), tied=tied):
                s = _safe_date(yy, e.month, e.day)
                for k in (n.days - 1, n.days):
                    why = f"{n.days} days counted from '{e.text}'"
                    add(s + dt.timedelta(days=k) if s else None, 2.0 - pen, why)
    for wd, md in _weekday_dates(pairs):
        for yy, _pen in years_for(None, tied=True):
            d = _safe_date(yy, md.month or 1, md.day or 1)
            if d and d.weekday() == wd.weekday:
                for k in range(0, 8):
                    add(d + dt.timedelta(days=k), 1.5 - 0.1 * k, f"'{wd.text}, {md.text}' falls in {yy}")
                break
    for d, e in full:
        if in_header(e):
            continue
        weight = 0.5 if e.in_caption else 1.0
        for k in range(0, 8):
            add(d + dt.timedelta(days=k), weight - 0.1 * k, f"on or after '{e.text}'")
    if not cands:
        if lead_wd is None:
            return None, "no dateline, full date or counted duration in the text"
        return None, "weekday evidence only, no date or year to place it"
    if bound is not None:
        cands = [c for c in cands if c.day >= bound[0]]
        if not cands:
            return None, f"every candidate predates '{bound[1].text}', which the text reports"
    _score(cands, body, header_wd, rel_wd, weekdays, text)
    best = max(cands, key=lambda c: c.score)
    if best.score <= 0.5:
        return None, "the evidence in the text does not agree on a date"
    why = "; ".join(dict.fromkeys(best.why))
    if bound is not None:
        why += f"; not before '{bound[1].text}', the latest date the text reports"
    return best.day.isoformat(), f"inferred: {why}"


def _weekday_dates(pairs: list[tuple[Expr, Expr]]) -> list[tuple[Expr, Expr]]:
    """Weekdays written with a year-less date ('on Tuesday, Oct. 24', 'Monday (June 2)'): the pair
    fixes the year."""
    return [(a, b) for a, b in pairs if b.kind in ("md", "dm")]


def _score(
    cands: list[_Candidate],
    body: list[Expr],
    header_wd: list[Expr],
    rel_wd: list[int],
    weekdays: list[Expr],
    text: str,
) -> None:
    """Add each candidate's agreement with the weekdays and dates of the text to its score."""
    lead = weekdays[0] if weekdays else None
    past_md = [e for e in body if e.kind in ("md", "dm") and e.tense == "past" and not e.in_quote]
    past_full = []
    for e in body:
        if e.kind in FULL_KINDS and e.tense == "past":
            value, _, _ = resolve(e, None)
            if value:
                past_full.append(dt.date.fromisoformat(value))
    for c in cands:
        if c.score >= 10.0:
            continue  # a header's full date is the answer
        for h in header_wd[:1]:
            if c.day.weekday() == h.weekday:
                c.score += 3.0
                c.why.append(f"the header's weekday, '{h.text}', falls on it")
            else:
                c.score -= 2.0
        for w in rel_wd:
            if c.day.weekday() == w:
                c.score += 3.0
                c.why.append("a weekday written with 'today'/'tomorrow'/'yesterday' fits it")
            else:
                c.score -= 2.0
        if lead is not None:
            if c.day.weekday() == lead.weekday:
                c.score += 2.0
                c.why.append(f"the first weekday, '{lead.text}', falls on it")
            elif (c.day.weekday() - 1) % 7 == lead.weekday:
                c.score += 1.0
                c.why.append(f"the first weekday, '{lead.text}', is the day before")
            else:
                c.score -= 1.0
        c.score -= sum(1.0 for d in past_full if d > c.day)
        for e in past_md:
            d = _safe_date(c.day.year, e.month or 1, e.day or 1)
            if d and 0 < (d - c.day).days < 60:
                c.score -= 0.5
