"""Inconsistencies between figures of one article, on figures and sentences written for these tests."""

from __future__ import annotations

import pytest

from counterclaim.extract import figures, inconsistencies
from counterclaim.records import Article, Context, Figure, Party


def fig(
    value: float,
    *,
    qualifier: str = "exact",
    category: str = "killed",
    subject: str = "civilians",
    party: str | None = "Norland",
    claimant: str = "Norland",
    as_of: str | None = "2024-05-01",
    low: float | None = None,
    high: float | None = None,
    reason: str = "test",
    span: tuple[int, int] = (0, 1),
    sentence: int | None = None,
) -> Figure:
    return Figure(
        value=value,
        category=category,
        subject=subject,
        claimant=Party(claimant),
        span=span,  # type: ignore[arg-type]
        low=low,
        high=high,
        qualifier=qualifier,
        party=party,
        as_of=as_of,
        reason=reason,  # type: ignore[arg-type]
        sentence=sentence,
    )


# (figures, expected [(indices, severity)])
CASES = [
    # 63 against "at least 60": both can hold
    ([fig(63), fig(60, qualifier="at_least", claimant="Norland officials")], [([0, 1], "discrepancy")]),
    # two exact values for the same day and claimant cannot both hold
    ([fig(292, category="wounded"), fig(270, category="wounded")], [([0, 1], "contradiction")]),
    # the same count on different days: a discrepancy
    (
        [fig(420, as_of="2024-04-28"), fig(459, qualifier="at_least", as_of="2024-04-30")],
        [([0, 1], "discrepancy")],
    ),
    # a revised count ("rose to 61, up from 48") is a discrepancy even on one day
    (
        [
            fig(61, reason=f"'toll' rose ({figures.UPDATE_TAG})"),
            fig(48, reason=f"continues ({figures.UPDATE_TAG})"),
        ],
        [([0, 1], "discrepancy")],
    ),
    # opposing claims about one side's fighters: 9 against more than 300
    (
        [
            fig(9, subject="fighters", party="Eastern Front", claimant="Eastern Front"),
            fig(300, qualifier="more_than", subject="fighters", party=None, claimant="Norland army"),
        ],
        [([0, 1], "contradiction")],
    ),
    # a range and an exact value outside it
    (
        [
            fig(22, subject="fighters", party="Eastern Front", claimant="Eastern Front"),
            fig(
                30,
                qualifier="range",
                low=30,
                high=40,
                subject="fighters",
                party="Eastern Front",
                claimant="an official",
            ),
        ],
        [([0, 1], "contradiction")],
    ),
    # "more than 3,000" against "fewer than 100"
    (
        [
            fig(
                3000,
                qualifier="more_than",
                category="casualties",
                subject="soldiers",
                party=None,
                claimant="rebels",
            ),
            fig(
                100,
                qualifier="fewer_than",
                category="casualties",
                subject="losses",
                party="Norland army",
                claimant="Norland army",
            ),
        ],
        [],
    ),  # 'losses' is not a kind of soldier: not compared
    # troops and soldiers are counted together
    (
        [fig(12, subject="soldiers"), fig(20, qualifier="range", low=20, high=30, subject="Norland troops")],
        [([0, 1], "contradiction")],
    ),
    # the same figure repeated is not an inconsistency
    ([fig(63), fig(63)], []),
    # different categories, subjects or parties are not compared
    ([fig(63), fig(292, category="wounded")], []),
    (
        [
            fig(1700, category="damaged", subject="houses"),
            fig(90, category="damaged", subject="residential buildings"),
        ],
        [],
    ),
    ([fig(63, party="Norland"), fig(70, party="Estovia")], []),
    # two groups in one sentence ("7 militants and 2 police officers were killed") are not compared
    ([fig(7, subject="militants", sentence=3), fig(2, subject="police officers", sentence=3)], []),
    # unless one revises the other ("rose to 61, up from 48")
    (
        [
            fig(61, reason=f"'toll' rose ({figures.UPDATE_TAG})", sentence=2),
            fig(48, reason=f"continues ({figures.UPDATE_TAG})", sentence=2),
        ],
        [([0, 1], "discrepancy")],
    ),
    # a part of a count is not another count of it
    (
        [
            fig(310, subject="people"),
            fig(44, subject="civilians", reason="part of the count before it", span=(5, 6)),
        ],
        [],
    ),
    # figures with no party: two sources' counts in different sentences are compared ...
    (
        [
            fig(20, category="damaged", subject="houses", party=None, claimant="mayor", sentence=1),
            fig(15, category="damaged", subject="homes", party=None, claimant="governor", sentence=4),
        ],
        [([0, 1], "contradiction")],
    ),
    # ... but not two sources' counts in one sentence (two places or two groups)
    (
        [
            fig(20, category="damaged", subject="houses", party=None, claimant="mayor", sentence=2),
            fig(15, category="damaged", subject="homes", party=None, claimant="governor", sentence=2),
        ],
        [],
    ),
    # one sentence setting two sources' counts of one side's losses against each other
    (
        [
            fig(
                412, category="destroyed", subject="vehicles", party="Kovan", claimant="analysts", sentence=5
            ),
            fig(
                1900, category="destroyed", subject="vehicles", party="Kovan", claimant="Serevia", sentence=5
            ),
        ],
        [([0, 1], "contradiction")],
    ),
    # men "lost" (killed or all casualties) meet a death toll of the same side
    (
        [
            fig(4, category="casualties", subject="men", reason=f"object of 'lost' ({figures.LOSS_TAG})"),
            fig(60, qualifier="at_least", subject="servicemen", claimant="Estovia"),
        ],
        [([0, 1], "contradiction")],
    ),
    # casualties not from a loss verb stay apart from deaths
    ([fig(40, category="casualties", subject="soldiers"), fig(12, subject="soldiers")], []),
    # two sources' counts with no party, far apart in scale, count different scopes
    (
        [
            fig(4000, category="displaced", subject="residents", party=None, claimant="agency", sentence=1),
            fig(1100000, category="displaced", subject="people", party=None, claimant="UN", sentence=9),
        ],
        [],
    ),
    # "four of the dead had gunshot wounds" is a part of a toll, not another toll
    (
        [
            fig(5, subject="protesters", claimant="ministry"),
            fig(
                4, subject="people", claimant="hospital official", reason=f"noun 'dead' ({figures.PART_TAG})"
            ),
        ],
        [],
    ),
    # "11 of them" counts a part of something, not a kind of its own
    ([fig(11, subject="them", party=None), fig(8, subject="them", party=None, sentence=7)], []),
    (
        [
            fig(20, category="damaged", subject="houses", party=None, claimant="mayor"),
            fig(15, category="damaged", subject="homes", party=None, claimant="mayor"),
        ],
        [([0, 1], "contradiction")],
    ),
    # a side's count of things it destroyed is not about its own side
    (
        [
            fig(41, category="destroyed", subject="drones", party=None, claimant="Norland's air force"),
            fig(
                12,
                category="destroyed",
                subject="Norland drones",
                party="Norland",
                claimant="Estovian ministry",
            ),
        ],
        [],
    ),
    # "about 1,200" and 1,250 overlap
    (
        [fig(1200, qualifier="about", subject="people"), fig(1250, subject="people", claimant="agency")],
        [([0, 1], "discrepancy")],
    ),
    # a state's soldiers and the militants fighting them are two sides' losses, never one toll
    (
        [
            fig(5, subject="soldiers", party=None, claimant="governor"),
            fig(13, subject="militants", party=None, claimant="governor"),
        ],
        [],
    ),
    # 'men' goes with either side
    (
        [
            fig(30, subject="terrorists", party=None, claimant="command"),
            fig(5, subject="men", party=None, claimant="rebel commander", sentence=3),
        ],
        [([0, 1], "contradiction")],
    ),
    # one source's two counts an order of magnitude apart count different scopes
    (
        [
            fig(40, qualifier="about", subject="people", party=None, claimant="outlet", as_of="2024-05-01"),
            fig(2000, qualifier="more_than", subject="people", party=None, claimant="outlet"),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("figs", "expected"), CASES)
def test_find(figs: list[Figure], expected: list[tuple[list[int], str]]) -> None:
    got = [(i.figures, i.severity) for i in inconsistencies.find(figs)]
    assert got == expected


def test_explanation_cites_values_qualifiers_and_claimants() -> None:
    (inc,) = inconsistencies.find([fig(63), fig(60, qualifier="at_least", claimant="Norland officials")])
    assert "Norland says 63 civilians killed" in inc.explanation
    assert "Norland officials says at least 60 civilians killed" in inc.explanation
    assert "both can hold" in inc.explanation


def test_range_is_shown_as_a_range() -> None:
    (inc,) = inconsistencies.find([fig(22), fig(30, qualifier="range", low=30, high=40)])
    assert "between 30 and 40" in inc.explanation
    assert inc.severity == "contradiction"


def test_end_to_end_from_text(nlp) -> None:
    text = (
        "The Norland ministry said 63 civilians were killed and 292 wounded.\n"
        "Norland authorities said at least 60 civilians have been killed and 270 wounded since May 1.\n"
    )
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet="Test Wire"), published="2024-05-03")
    figs = figures.extract(doc, ctx)
    assert [f.value for f in figs] == [63.0, 292.0, 60.0, 270.0]
    found = {tuple(i.figures): i.severity for i in inconsistencies.find(figs)}
    assert found[(0, 2)] == "discrepancy"
    assert (1, 3) in found
