"""Dates: datable expressions resolved against the publication date, and the publication date
itself inferred from the text when no metadata gives it.

Expressions are found with our own patterns (lexicon ``dates``), not an off-the-shelf parser:
those read "since Sept. 27" as Sept. 2 or take a photo caption's date for the article's. Each
expression is resolved as precisely as the text allows (YYYY, YYYY-MM or YYYY-MM-DD):

- full dates ("Sept. 27, 2020", "2 March 2023") and years ("since 1994") stand alone;
- a month and day without a year ("Oct. 7", "21 June") takes the year that puts it nearest the
  publication date, moved a year back (forward) when the clause is plainly past (future);
- a weekday is the most recent such day on or before publication, or with a future clause
  ("will", "due to", "would") the next one on or after it;
- a month alone ("since October") is the most recent such month, or the next one when future;
- "today", "yesterday", "last month", "this year" count from the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import lexicons
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

_MONTH_RE = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"

# (kind, pattern), tried in order; earlier kinds win overlapping matches
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH_RE}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH_RE}\s+{_DAY}\b(?![,.]?\d)(?!\s*%)")),
    ("dm", re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH_RE}")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?{_MONTH_RE},?\s+(?:of\s+)?{_YEAR}\b")),
    ("m", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?{_MONTH_RE}")),
    ("wd", re.compile(rf"\b{_WEEKDAY}(?!s)")),
    (
        "rel_period",
        re.compile(
            r"\b(?P<rel>(?:earlier|later)\s+this\s+(?:month|year)|(?:this|last|next)\s+(?:month|year))\b",
            re.I,
        ),
    ),
    ("rel_day", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow)\b", re.I)),
    ("y", re.compile(rf"(?<![\d,.$£€-]){_YEAR}(?![\d%]|,\d|\.\d|s\b|['’]s\b)")),
]

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

    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            ex = _make(kind, m, text)
            if ex is None:
                continue
            taken.append((ex.start, ex.end))
            found.append(ex)
    found.sort(key=lambda x: x.start)
    for ex in found:
        ls, le = _line_bounds(text, ex.start)
        ex.in_caption = _is_caption(text[ls:le])
        ex.in_quote = _inside_quote(text, ex.start)
    return found


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").rstrip(".").lower()]


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
        return Expr(kind, s, e, text[s:e], year=year, month=mon, day=day)
    if kind in ("my", "m"):
        if kind == "m" and not _bare_month_ok(m, text):
            return None
        mon = _month(m)
        year = int(g["year"]) if g.get("year") else None
        ex = Expr(kind, s, e, text[s:e], year=year, month=mon)
        ex.extra["part"] = g.get("part")
        return ex
    if kind == "wd":
        return Expr(kind, s, e, text[s:e], weekday=WEEKDAYS[g["wd"].lower()])
    if kind in ("rel_period", "rel_day"):
        return Expr(kind, s, e, text[s:e], rel=re.sub(r"\s+", " ", g["rel"].lower()))
    if kind == "y":
        if not _year_ok(m, text):
            return None
        return Expr(kind, s, e, text[s:e], year=int(g["year"]))
    return None


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


def resolve(ex: Expr, anchor: dt.date | None) -> tuple[str | None, str | None, str]:
    """(ISO value, grain, reason) for one expression against the publication date ``anchor``."""
    if ex.kind in ("mdy", "dmy"):
        assert ex.year and ex.month and ex.day
        d = _safe_date(ex.year, ex.month, ex.day)
        return (d.isoformat(), "day", "full date") if d else (None, None, "impossible date")
    if ex.kind == "my":
        assert ex.year and ex.month
        return f"{ex.year:04d}-{ex.month:02d}", "month", "month and year"
    if ex.kind == "y":
        return f"{ex.year:04d}", "year", "year"
    if anchor is None:
        return None, None, "relative date without a publication date"
    if ex.kind in ("md", "dm"):
        assert ex.month and ex.day
        options = [
            d
            for y in (anchor.year - 1, anchor.year, anchor.year + 1)
            if (d := _safe_date(y, ex.month, ex.day)) is not None
        ]
        if not options:
            return None, None, "impossible date"
        best = min(options, key=lambda d: abs((d - anchor).days))
        why = "month-day, year nearest publication"
        if ex.tense == "past" and best > anchor and (best - anchor).days > 1:
            best = _safe_date(best.year - 1, ex.month, ex.day) or best
            why = "month-day, past clause: last such day"
        elif ex.tense == "future" and best < anchor:
            best = _safe_date(best.year + 1, ex.month, ex.day) or best
            why = "month-day, future clause: next such day"
        return best.isoformat(), "day", why
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
        assert ex.weekday is not None
        if ex.tense == "future":
            d = anchor + dt.timedelta(days=(ex.weekday - anchor.weekday()) % 7)
            why = "weekday, future clause: next such day (or publication day)"
        else:
            d = anchor - dt.timedelta(days=(anchor.weekday() - ex.weekday) % 7)
            why = "weekday: most recent such day on or before publication"
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
    return None, None, "unknown expression"


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _with_tense(doc: Doc, exprs: list[Expr]) -> list[Expr]:
    for ex in exprs:
        if ex.kind in ("md", "dm", "m", "wd"):
            ex.tense = clause_tense(doc, ex.start, ex.end)
    return exprs


def extract(doc: Doc, ctx: Context) -> list[DateMention]:
    """Date mentions resolved against ``ctx.published``: one per distinct (text, value), with
    ``span`` the first occurrence and ``mentions`` every occurrence."""
    anchor = _parse_iso(ctx.published or ctx.article.published)
    exprs = _with_tense(doc, find_expressions(doc.text))
    out: list[DateMention] = []
    named = {id(wd): md for wd, md in _weekday_dates(exprs, doc.text)}
    for ex in exprs:
        if ex.kind == "rel_day" and ex.in_quote:
            continue  # 'today' in a quote is the speaker's day, seldom the article's
        value, grain, why = resolve(ex, anchor)
        if value is None:
            continue
        md = named.get(id(ex))
        if md is not None:  # 'Monday, March 4': the weekday names the date written with it
            md_value, _, _ = resolve(md, anchor)
            if md_value and dt.date.fromisoformat(md_value).weekday() == ex.weekday:
                value, why = md_value, "weekday written with its date"
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


# --- publication date ----------------------------------------------------------------------

_DURATION_RE = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")(?:-|\s+)(?P<unit>days?|weeks?)\b", re.I
)
_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Z .'-]+,(?:[^,\n—–-]{{0,30}},)?\s+{_MONTH_RE}\s+{_DAY}(?:,\s+{_YEAR})?"
    r"\s*(?:\([^)]*\)\s*)?[—–-]"
)
_START_LEMMAS = {"begin", "start", "launch", "erupt", "break", "open", "trigger", "spark", "ignite"}


@dataclass(slots=True)
class _Candidate:
    day: dt.date
    score: float
    why: list[str]


def _is_start_date(doc: Doc, ex: Expr) -> bool:
    """'since Sept. 27', 'fighting that began on Nov. 27': a date some ongoing thing counts from."""
    before = doc.text[max(0, ex.start - 12) : ex.start].lower()
    if re.search(r"\bsince\s+$", before):
        return True
    span = doc.char_span(ex.start, ex.end, alignment_mode="expand")
    if span is None:
        return False
    v = _governing_verb(span.root)
    return v is not None and v.lemma_.lower() in _START_LEMMAS


def _weekday_dates(body: list[Expr], text: str) -> list[tuple[Expr, Expr]]:
    """Weekdays written with their date ('on Tuesday, Oct. 24'): the pair fixes the year."""
    return [
        (a, b)
        for a, b in zip(body, body[1:], strict=False)
        if a.kind == "wd"
        and b.kind in ("md", "dm")
        and re.fullmatch(r",?\s*(?:the\s+)?", text[a.end : b.start])
    ]


def _deadline(text: str, e: Expr) -> bool:
    """'by Jan. 1, 2024', 'until 2030': a deadline, which may lie after publication."""
    return bool(re.search(r"\b(?:by|until|till|before)\s+$", text[max(0, e.start - 8) : e.start]))


def _durations(doc: Doc) -> list[int]:
    """Day counts of running durations ('the 25-day clash', 'in just 11 days'); durations in a
    sentence that names a year are history ('a 44-day war in 2020') and left out."""
    text = doc.text
    out: list[int] = []
    for m in _DURATION_RE.finditer(text):
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
        if 2 <= days <= 400 and days not in out:
            out.append(days)
    return out


def _dateline(text: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) from a dateline opening a paragraph ('MOSCOW, February 18 —')."""
    for line in text.split("\n")[:6]:
        m = _DATELINE_RE.match(line.strip())
        if m:
            y = m.group("year")
            return _month(m), int(m.group("day")), int(y) if y else None
    return None


def infer_published(doc: Doc, ctx: Context) -> tuple[str | None, str]:
    """Publication date inferred from the text, with the reason; (None, why) when it cannot be.

    Candidate days come from a dateline ("MOSCOW, February 18 —"), from a start date plus a
    running duration ("since Sept. 27" ... "the 25-day clash": N-1 or N days later), and from the
    days just after an explicit full date (a caption's date counts less; a file photo's not at all).
    Each candidate is scored: the first past weekday of the body ("said Wednesday") on it or the
    day before, no past-tense date after it, a year not before the latest year the text names.
    Years left open are the first at or after that latest year that fit the weekday.
    """
    text = doc.text
    exprs = _with_tense(doc, find_expressions(text))
    body = [e for e in exprs if not e.in_caption]
    years = [
        e.year
        for e in exprs
        if e.year and e.kind in ("y", "mdy", "dmy", "my") and e.tense != "future" and not _deadline(text, e)
    ]
    weekdays = [e for e in body if e.kind == "wd" and e.tense != "future" and not e.in_quote]
    lead_wd = weekdays[0].weekday if weekdays else None
    floor_year = max(years) if years else None

    def years_for(y: int | None) -> list[int]:
        if y:
            return [y]
        return [] if floor_year is None else list(range(floor_year, floor_year + 8))

    def add(d: dt.date | None, score: float, why: str) -> None:
        if d is not None:
            penalty = 0.05 * (d.year - floor_year) if floor_year and d.year >= floor_year else 0.0
            cands.append(_Candidate(d, score - penalty, [why]))

    cands: list[_Candidate] = []
    dl = _dateline(text)
    if dl:
        mon, day, y = dl
        for yy in years_for(y):
            add(_safe_date(yy, mon, day), 3.0, f"dateline {text and _MONTH_NAMES[mon]} {day}")
    durations = _durations(doc)
    for e in body:
        if e.kind not in ("md", "dm", "mdy", "dmy") or not durations or not _is_start_date(doc, e):
            continue
        assert e.month and e.day
        for yy in years_for(e.year):
            s = _safe_date(yy, e.month, e.day)
            for n in durations:
                for k in (n - 1, n):
                    add(s + dt.timedelta(days=k) if s else None, 2.0, f"{n} days counted from '{e.text}'")
    for wd, md in _weekday_dates(body, text):
        for yy in years_for(None) or []:
            d = _safe_date(yy, md.month or 1, md.day or 1)
            if d and d.weekday() == wd.weekday:
                for k in range(0, 8):
                    add(d + dt.timedelta(days=k), 1.5 - 0.1 * k, f"'{wd.text}, {md.text}' falls in {yy}")
                break
    for e in exprs:
        if e.kind not in ("mdy", "dmy") or e.tense == "future" or _deadline(text, e):
            continue
        if e.in_caption and "file" in text[_line_bounds(text, e.start)[0] : e.start + 200].lower():
            continue  # a file photo is older than the article
        weight = 0.5 if e.in_caption else 1.0
        d = _safe_date(e.year or 0, e.month or 1, e.day or 1) if e.year else None
        for k in range(0, 8):
            add(d + dt.timedelta(days=k) if d else None, weight - 0.1 * k, f"on or after '{e.text}'")
    if not cands:
        if lead_wd is None:
            return None, "no dateline, full date or counted duration in the text"
        return None, "weekday evidence only, no date or year to place it"

    past_md = [e for e in body if e.kind in ("md", "dm") and e.tense == "past"]
    for c in cands:
        if lead_wd is not None:
            if c.day.weekday() == lead_wd:
                c.score += 2.0
                c.why.append(f"the first weekday, '{weekdays[0].text}', falls on it")
            elif (c.day.weekday() - 1) % 7 == lead_wd:
                c.score += 1.0
                c.why.append(f"the first weekday, '{weekdays[0].text}', is the day before")
            else:
                c.score -= 1.0
        for e in body:
            if e.kind in ("mdy", "dmy") and e.tense == "past" and e.year:
                d = _safe_date(e.year, e.month or 1, e.day or 1)
                if d and d > c.day:
                    c.score -= 1.0
        for e in past_md:
            d = _safe_date(c.day.year, e.month or 1, e.day or 1)
            if d and 0 < (d - c.day).days < 60:
                c.score -= 0.5
        if floor_year and c.day.year < floor_year:
            c.score -= 3.0
    best = max(cands, key=lambda c: c.score)
    if best.score <= 0.5:
        return None, "the evidence in the text does not agree on a date"
    why = "; ".join(dict.fromkeys(best.why))
    if floor_year:
        why += f"; year at or after the latest year named ({floor_year})"
    return best.day.isoformat(), f"inferred: {why}"


_MONTH_NAMES = {v: k.capitalize() for k, v in MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")}

__all__ = ["Expr", "clause_tense", "extract", "find_expressions", "infer_published", "resolve"]
