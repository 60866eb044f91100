"""The exclusion checks of extract/figures/exclusions.py, each alone, on the number expressions
``figures.extract`` reads (chunked, ranges merged, qualified)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from counterclaim.extract.figures.exclusions import EXCLUSIONS, excluded
from counterclaim.extract.figures.lexicon import load_lex
from counterclaim.extract.figures.numbers import Num, chunks, merge_ranges, qualify

# (text, the number as written, the one check that drops it)
DROPPED = [
    ("They fled along route 12 after 4 people died.", "12", "labelled"),
    ("Two boats sank; the one near Halden was empty.", "one", "pronoun_one"),
    ("The army said nine men died, not seventy.", "seventy", "denied"),
    ("It was one of the deadliest attacks this year.", "one", "rank"),
    ("Prices rose 12 percent as 40 soldiers were killed.", "12", "unit_after"),
    ("A 25-day siege left 30 people dead.", "25", "hyphenated_measure"),
    ("Voting ended at 10 : 30 after 5 people were hurt.", "10", "time_or_fraction"),
    ("On Oct. 7, gunmen killed 50 people.", "7", "day_of_month"),
    ("In 2014 rebels killed 30 soldiers.", "2014", "year"),
    ("Call 0800 for help; 3 people were hurt.", "0800", "code"),
]
# the counts beside them
KEPT = [
    ("They fled along route 12 after 4 people died.", "4"),
    ("The army said nine men died, not seventy.", "nine"),
    ("Prices rose 12 percent as 40 soldiers were killed.", "40"),
    ("A 25-day siege left 30 people dead.", "30"),
    ("On Oct. 7, gunmen killed 50 people.", "50"),
    ("In 2014 rebels killed 30 soldiers.", "30"),
]


def number(nlp, text: str, written: str) -> tuple[Doc, Num]:
    """The number expression of ``text`` written ``written``, as ``figures.extract`` reads it."""
    doc = nlp(text)
    lex = load_lex()
    nums = merge_ranges(doc, chunks(doc, lex))
    for num in nums:
        qualify(doc, num, lex)
    return doc, next(n for n in nums if " ".join(t.text for t in n.toks) == written)


@pytest.mark.parametrize(("text", "written", "check"), DROPPED)
def test_each_check_drops_its_kind_alone(nlp, text: str, written: str, check: str) -> None:
    doc, num = number(nlp, text, written)
    assert [c.__name__ for c in EXCLUSIONS if c(doc, num, load_lex())] == [check]
    assert excluded(doc, num, load_lex())


@pytest.mark.parametrize(("text", "written"), KEPT)
def test_no_check_drops_a_count(nlp, text: str, written: str) -> None:
    doc, num = number(nlp, text, written)
    assert not excluded(doc, num, load_lex())


def test_the_checks_and_their_order() -> None:
    assert [c.__name__ for c in EXCLUSIONS] == [
        "labelled",
        "pronoun_one",
        "denied",
        "vague_scale",
        "rank",
        "unit_after",
        "hyphenated_measure",
        "time_or_fraction",
        "day_of_month",
        "year",
        "code",
    ]
