"""Date expressions: every one in a text, found by the patterns, checked ('May' as a modal, 'the
14th Brigade', '1994 soldiers' are no dates), read into their parts, and marked when in a caption
or inside quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import (
    _PATTERNS,
    CAPTION_MARKERS,
    COUNT_NOUNS,
    DAY_OFFSETS,
    HOLIDAYS,
    MONTH_LEADS,
    MONTHS,
    OFFSET_NUMBERS,
    OFFSET_UNITS,
    ORDINAL_FOLLOWERS,
    ORDINAL_LEADS,
    WEEKDAY_PREFIXES,
    WEEKDAYS,
    YEAR_EVENT_NOUNS,
    _match_starts,
    _matches,
)

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
