"""Tests for extract/dates/: the resolver on sentences written for these tests."""

from __future__ import annotations

import pytest

from counterclaim.extract import dates
from counterclaim.extract.dates import patterns
from counterclaim.records import Article, Context


def _run(nlp, text: str, published: str | None) -> list:
    doc = nlp(text)
    ctx = Context(article=Article.make(text), published=published)
    return dates.extract(doc, ctx)


def _value(found: list, expr: str) -> str | None:
    for d in found:
        if expr.lower() in d.text.lower():
            return d.value
    return None


# (sentence, publication date, expression, expected ISO value)
CASES = [
    # weekdays: past -> on or before publication; future -> on or after
    ("The minister resigned on Monday.", "2022-03-10", "Monday", "2022-03-07"),
    ("Officials said Wednesday that the road was closed.", "2022-03-09", "Wednesday", "2022-03-09"),
    ("The envoys will meet on Friday in Vienna.", "2022-03-09", "Friday", "2022-03-11"),
    ("The envoys met on Friday in Vienna.", "2022-03-09", "Friday", "2022-03-04"),
    ("The talks are due to resume on Tuesday.", "2022-03-09", "Tuesday", "2022-03-15"),
    # a past verb that can also frame a plan ('set', 'planned') is past when it stands alone
    ("Shells set the depot ablaze early Tuesday.", "2022-03-09", "Tuesday", "2022-03-08"),
    ("The vote is set for Tuesday.", "2022-03-09", "Tuesday", "2022-03-15"),
    ("The council is scheduled to vote on Sunday.", "2022-03-09", "Sunday", "2022-03-13"),
    ("He said the convoy would leave on Saturday.", "2022-03-09", "Saturday", "2022-03-12"),
    ("Shelling resumed late Thursday night.", "2022-03-11", "Thursday", "2022-03-10"),
    ("The truce will begin on Wednesday.", "2022-03-09", "Wednesday", "2022-03-09"),
    # month and day without a year: nearest year, across the year boundary
    ("Fighting has continued since Sept. 27.", "2020-10-21", "Sept. 27", "2020-09-27"),
    ("The siege began on Dec. 28.", "2023-01-04", "Dec. 28", "2022-12-28"),
    ("The delegation arrives on Jan. 3.", "2023-12-29", "Jan. 3", "2024-01-03"),
    ("Elections were held on 2 March.", "2023-03-20", "2 March", "2023-03-02"),
    ("The rally took place on March 2nd.", "2023-03-20", "March 2nd", "2023-03-02"),
    ("Troops crossed the river on the 21st of June.", "2021-06-29", "21st of June", "2021-06-21"),
    ("Aid arrived on October 21.", "2020-10-25", "October 21", "2020-10-21"),
    ("The vote took place on Nov. 30.", "2024-01-10", "Nov. 30", "2023-11-30"),
    # full dates
    ("The accord was signed on Sept. 27, 2020.", "2024-01-01", "Sept. 27, 2020", "2020-09-27"),
    ("The deal lapsed on 2 March 2023.", "2024-01-01", "2 March 2023", "2023-03-02"),
    ("Talks collapsed on February 24, 2022.", "2024-01-01", "February 24, 2022", "2022-02-24"),
    # month grain
    ("The offensive has gone on since October.", "2024-02-18", "October", "2023-10"),
    ("Prices rose sharply in January.", "2024-02-18", "January", "2024-01"),
    ("Clashes flared in mid-October.", "2023-11-09", "mid-October", "2023-10"),
    ("The city fell in March 2023.", "2024-05-01", "March 2023", "2023-03"),
    ("Peace talks will resume in December.", "2024-09-13", "December", "2024-12"),
    # years
    ("A war there ended in 1994.", "2020-10-21", "1994", "1994"),
    ("He has ruled since 2000.", "2024-12-08", "2000", "2000"),
    ("The 1987 armistice held for decades.", "2024-09-13", "1987", "1987"),
    # relative days and periods
    ("Yesterday the bridge was hit again.", "2023-05-02", "Yesterday", "2023-05-01"),
    ("Officials said the border would reopen tomorrow.", "2023-05-02", "tomorrow", "2023-05-03"),
    ("Inflation fell last month.", "2023-01-15", "last month", "2022-12"),
    ("The ministry expects more arrivals this year.", "2023-01-15", "this year", "2023"),
    ("The toll was revised earlier this month.", "2023-11-24", "earlier this month", "2023-11"),
    ("Unemployment was higher last year.", "2023-01-15", "last year", "2022"),
    # numeric and ISO dates; a swappable numeric date follows the article's order, else nearest
    ("The decree of 2025-03-12 stays in force.", "2025-04-01", "2025-03-12", "2025-03-12"),
    ("The decree of 12/03/2025 stays in force.", "2025-03-20", "12/03/2025", "2025-03-12"),
    ("The decree of 12/03/2025 stays in force.", "2025-12-10", "12/03/2025", "2025-12-03"),
    ("The decree of 25/03/2025 stays in force.", "2025-12-10", "25/03/2025", "2025-03-25"),
    ("The decree of 12.03.2025 stays in force.", "2025-12-10", "12.03.2025", "2025-03-12"),
    ("On 2 March the decree of 03/04/2025 was signed.", "2025-06-01", "03/04/2025", "2025-04-03"),
    ("On March 2 the decree of 03/04/2025 was signed.", "2025-06-01", "03/04/2025", "2025-03-04"),
    # a night or span of days is its first day
    ("Drones hit the port on the night of March 3-4.", "2025-03-06", "March 3-4", "2025-03-03"),
    ("Curfew was imposed on the night of 16-17 March.", "2025-03-20", "16-17 March", "2025-03-16"),
    ("The war flared on the night of 7-8 August 2008.", "2025-03-20", "7-8 August 2008", "2008-08-07"),
    # two days sharing one month: the first takes it too
    ("Protests on 4 and 5 April ended peacefully.", "2026-04-08", "4 and 5 April", "2026-04-04"),
    # bare ordinal days: the month of a date in the sentence, else nearest by tense
    ("Raids came on 9 March and again on the 14th.", "2025-04-20", "the 14th", "2025-03-14"),
    ("Insurers will review the rates on the 15th.", "2025-01-04", "the 15th", "2025-01-15"),
    ("The water reached the village on the 30th.", "2025-10-03", "the 30th", "2025-09-30"),
    ("Fighting began on the 28th of last month and ended on the 3rd.", "2025-05-20", "the 3rd", "2025-05-03"),
    # weekdays with last / next / this
    ("The strike came last Friday.", "2025-11-14", "last Friday", "2025-11-07"),
    ("The anniversary falls next Friday.", "2025-11-14", "next Friday", "2025-11-21"),
    ("Talks resume next Tuesday in Geneva.", "2025-01-04", "next Tuesday", "2025-01-07"),
    ("The vote is this Sunday.", "2025-01-04", "this Sunday", "2025-01-05"),
    # a weekday written with a relative day or a bracketed date takes that day
    ("The council meets tomorrow (Monday).", "2025-06-08", "Monday", "2025-06-09"),
    ("Monday (June 2): a convoy was turned back.", "2025-06-30", "Monday", "2025-06-02"),
    # fixed holidays, across the year boundary
    ("Cranes were damaged on New Year's Day.", "2025-01-04", "New Year's Day", "2025-01-01"),
    ("The truce held over Christmas Day.", "2025-01-04", "Christmas Day", "2024-12-25"),
    # planned dates in a past clause stay ahead of publication
    ("They set a new round of talks for June 19.", "2025-06-08", "June 19", "2025-06-19"),
    ("The government has declared Oct. 10 a day of mourning.", "2025-10-03", "Oct. 10", "2025-10-10"),
    ("The mediators proposed Jan. 15 for the first round.", "2025-11-14", "Jan. 15", "2026-01-15"),
    ("The referendum was held on March 20.", "2025-03-02", "March 20", "2024-03-20"),
    # offsets from the date before them, from a named date, or from publication
    (
        "The water supply, cut on 10 March, was restored two days later.",
        "2025-03-18",
        "two days later",
        "2025-03-12",
    ),
    (
        "Rebels seized the dam on Aug. 21, and the army retook it a month later.",
        "2025-10-03",
        "a month later",
        "2025-09-21",
    ),
    ("The army returned one month after Aug. 21.", "2025-10-03", "one month after Aug. 21", "2025-09-21"),
    (
        "A truce took effect on Aug. 12, 2008. Three years later, a crossing opened.",
        "2025-10-03",
        "Three years later",
        "2011",
    ),
    (
        "The talks collapsed on Monday. The following day, shelling resumed.",
        "2025-10-03",
        "The following day",
        "2025-09-30",
    ),
    ("Officials met two days ago in Doha.", "2025-10-03", "two days ago", "2025-10-01"),
    ("The town fell ten years ago.", "2025-10-03", "ten years ago", "2015"),
    # 'of that year' takes the year last named
    (
        "The worst came in 2020. On Sept. 27 of that year, troops attacked.",
        "2025-11-14",
        "Sept. 27",
        "2020-09-27",
    ),
]


@pytest.mark.parametrize(("text", "published", "expr", "expected"), CASES)
def test_resolves(nlp, text: str, published: str, expr: str, expected: str) -> None:
    assert _value(_run(nlp, text, published), expr) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers said the 25-day clash had displaced thousands.",  # duration
        "The Houthis fired 1551 rockets.",  # out of year range, a count
        "Some 1994 soldiers were counted.",  # a four-digit count
        "You may leave now.",  # modal 'may'
        "The column advanced for three weeks.",  # duration
        '"Today we mourn," he said.',  # 'today' inside a quote
        "The 3rd Brigade and the 14th Army moved up.",  # ordinals naming units
        "It was the 30th anniversary of the massacre.",  # ordinal before a noun
        "He spoke on the day before the vote.",  # counted from an event, not a date
        "Two days after the attack, the army withdrew.",  # idem
        "Convoys were stopped at 09:42 GMT.",  # a time of day
    ],
)
def test_not_dates(nlp, text: str) -> None:
    assert _run(nlp, text, "2022-03-09") == []


def test_since_sept_27_is_not_sept_2(nlp) -> None:
    found = _run(nlp, "The current fighting has raged since Sept. 27.", "2020-10-21")
    assert [(d.text, d.value, d.grain) for d in found] == [("Sept. 27", "2020-09-27", "day")]


def test_one_record_per_text_and_value_with_all_mentions(nlp) -> None:
    text = "Clashes erupted on Monday. By Monday evening, officials said 12 people had died. Talks fail."
    found = _run(nlp, text, "2022-03-10")
    mondays = [d for d in found if d.text == "Monday"]
    assert len(mondays) == 1
    assert len(mondays[0].mentions) == 2
    assert text[slice(*mondays[0].span)] == "Monday"
    assert mondays[0].reason.startswith("dates:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dam was struck on Sept. 27.\n\nTwo days later, the water reached Kesh.\n", "2025-09-29"),
        # a paragraph without dates in between: too far back to count from
        ("The dam was struck on Sept. 27.\n\nIt rained.\n\nTwo days later, the water rose.\n", None),
        ("Two days later, the water reached Kesh.\n", None),
    ],
)
def test_offset_counts_from_the_paragraph_before_at_most(nlp, text: str, expected: str | None) -> None:
    assert _value(_run(nlp, text, "2025-10-03"), "days later") == expected


def test_relative_dates_need_a_publication_date(nlp) -> None:
    found = _run(nlp, "The truce failed on Monday after the 1994 accord.", None)
    assert [(d.text, d.value) for d in found] == [("1994", "1994")]


def _infer(nlp, text: str) -> tuple[str | None, str]:
    doc = nlp(text)
    return dates.infer_published(doc, Context(article=Article.make(text)))


INFER_CASES = [
    # start date + running duration + lead weekday, year from the caption
    (
        "Soldiers at a checkpoint near the front, Sept. 27, 2020. (AP Photo)\n\n"
        "The defense minister said Wednesday that the 25-day offensive would go on.\n\n"
        "The fighting that started on Sept. 27 is the worst since 1994.\n",
        "2020-10-21",
    ),
    # 'in just 11 days' counted from a start date; the year is the first after the latest named
    # that puts the start date + 11 days on the weekday
    (
        "Rebels entered the capital early Sunday, ending an offensive that began on Nov. 27 and "
        "toppled the government in just 11 days.\n\nThe group was founded in 2020.\n",
        "2024-12-08",
    ),
    # dateline with a year
    ("ODESA, Ukraine, March 4, 2024 — Drones hit the port on Monday, officials said.\n", "2024-03-04"),
    # dateline in day-month order, the year from the latest full date
    (
        "VARNA, 18 March (State Agency) — Guards repelled an incursion, the ministry said on Tuesday.\n\n"
        "A curfew order of 12/03/2025 remains in force.\n",
        "2025-03-18",
    ),
    # a live blog's header weekday and a weekday written with its date across the new year
    (
        "Last updated: Saturday 09:42 GMT\n\n"
        "Talks that broke down on Monday, Dec. 30, will resume next week.\n\n"
        "The war began in February 2022.\n",
        "2025-01-04",
    ),
    # a weekly roundup: 'tomorrow (Monday)' puts publication on the Sunday
    (
        "Thursday, June 5: Ministers met in Amman.\n\nSaturday: Protesters marched.\n\n"
        "Looking ahead: the council meets tomorrow (Monday). The war began in 2019.\n",
        "2025-06-08",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INFER_CASES)
def test_infer_published(nlp, text: str, expected: str) -> None:
    value, reason = _infer(nlp, text)
    assert value == expected, reason
    assert reason.startswith("inferred:")


def test_infer_published_gives_up_without_evidence(nlp) -> None:
    value, reason = _infer(nlp, "Officials said on Tuesday that the road was closed.\n")
    assert value is None
    assert "weekday" in reason


def test_weekday_with_its_date_fixes_the_year(nlp) -> None:
    text = (
        "The council met on Tuesday, Oct. 24, and said Wednesday it would vote again.\n\n"
        "The dispute dates back to 2019.\n"
    )
    value, reason = _infer(nlp, text)
    assert value is not None and value.startswith("2023-10-2"), reason


@pytest.mark.parametrize("text", ["Curfew starts at 1800 GMT.", "Tensions date back to the 1990s."])
def test_years_that_are_not_dates(nlp, text: str) -> None:
    assert _run(nlp, text, "2022-03-09") == []


def test_weekday_written_with_its_date_takes_that_date(nlp) -> None:
    found = _run(nlp, "The summit opens on Monday, March 4, in Vienna.", "2024-02-20")
    assert {(d.text, d.value) for d in found} >= {("Monday", "2024-03-04"), ("March 4", "2024-03-04")}


# --- publication dates that must stay absent rather than wrong ---

NO_INFER_CASES = [
    # a year-less dateline, a bare weekday about an event, and only history years: the weekday
    # fits some year after the last one named, but nothing says which (a wrong year is worse)
    (
        "TARVIK, Nov 22 (Agency) — Rebels killed four soldiers in a bomb attack, the army said.\n\n"
        "The government condemned the attack Thursday.\n\n"
        "The rebels signed a first accord in 2016 and disarmed in 2017.\n"
    ),
    # an article cannot predate what it reports: every candidate lies before the 2020 ceasefire
    (
        "Last updated: Wednesday 10:12 GMT\n\nTalks first broke down on Oct. 7, 1998, in Velmar.\n\n"
        "The ceasefire signed in March 2020 collapsed on Tuesday, officials said.\n"
    ),
]


@pytest.mark.parametrize("text", NO_INFER_CASES)
def test_infer_published_stays_absent(nlp, text: str) -> None:
    value, reason = _infer(nlp, text)
    assert value is None, reason


PLACED_CASES = [
    # a time-stamp line under the byline is a header: its date wins over a later bare weekday
    (
        "By Ana Vell, correspondent\nMon 14 Apr 2031 09.12 BST\n\n"
        "A drone struck a depot on Sunday, officials said. It burned through Friday night.\n",
        "2031-04-14",
    ),
    (
        "By Kofi Aste\nPublished 7:42 AM EDT, March 9, 2031\n\n"
        "A convoy was ambushed on Tuesday, the army said.\n",
        "2031-03-09",
    ),
    # the start date's year from a file photo of the same day; the weekday from another sentence
    (
        "Troops at the front line, Sept. 27, 2020. (AP File Photo)\n\n"
        "The minister said Wednesday that the 25-day offensive would go on.\n\n"
        "The fighting that started on Sept. 27 is the worst since 1994.\n",
        "2020-10-21",
    ),
    # the year after the latest full date only when that year is impossible
    (
        "KESTO, Jan 4 (Agency) — Guards repelled an attack on Saturday, the ministry said.\n\n"
        "The order of Dec. 30, 2030 remains in force.\n",
        "2031-01-04",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACED_CASES)
def test_infer_published_placed(nlp, text: str, expected: str) -> None:
    value, reason = _infer(nlp, text)
    assert value == expected, reason


def test_ascii_folds_are_the_engines() -> None:
    """The case-blind date patterns are looked for in the lower-cased text unless it holds one of
    ``_ASCII_FOLDS``: exactly the characters the regex engine matches to an ASCII letter besides
    its two cases, and the one character whose lower case is longer."""
    import re
    import sys

    letter = re.compile("[a-z]", re.I)
    folds = {c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.match(c)}
    folds |= {c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1}
    assert folds == set(patterns._ASCII_FOLDS.pattern.strip("[]"))


@pytest.mark.parametrize(
    "text",
    [
        "On 2020-03-12 and 12/03/2025, the 5th, March 3-4, 16-17 March 2024, early-June, mid May 2023",
        "last Monday, this  coming\nFriday, THIS PAST Sunday; Mondays; xMonday",
        "Two weeks ago, 3 days later, a Day Earlier, the previous day, New Year\u2019s Eve, TONIGHT",
        "Later this month, next year; \u212a day later; the day after; valentine's day; the 21st",
    ],
)
def test_patterns_tried_where_they_can_start(text: str) -> None:
    starts = patterns._match_starts(text)
    for kind, pat in patterns._PATTERNS:
        fast = [(m.span(), m.groups()) for m in patterns._matches(pat, text, starts.get(kind))]
        assert fast == [(m.span(), m.groups()) for m in pat.finditer(text)], kind
