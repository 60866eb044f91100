"""Resolution: one date expression's ISO value, grain and reason against the publication date,
or against the date a relative expression counts from.
"""

from __future__ import annotations

import datetime as dt

from .expressions import MONTH_DAY_KINDS, Expr
from .patterns import REL_DAYS, REL_PERIODS


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
