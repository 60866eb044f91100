"""Denials: set only against the claim they reject; phrases that deny nothing are no denials."""

from __future__ import annotations

import pytest

from counterclaim.compare.contradictions import find_contradictions
from counterclaim.compare.denials import denial_at, sentence_bounds
from counterclaim.records import Analysis, Contradiction, Event, Quote

from .helpers import analysis, figure, party

ENTS = [
    ("Ostria", "GPE"),
    ("Pelland", "GPE"),
    ("Ostrian Army", "ORG", "Ostria"),
    ("Pellandic Army", "ORG", "Pelland"),
    ("Harwick", "GPE", "Ostria"),
    ("Tolven", "GPE", "Ostria"),
]


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("Pelland denied striking the school in Harwick.", True),
        ("Pelland rejected the accusation.", True),
        ("Police refused to accept it.", True),
        ("The ministry dismissed the figures as fabricated.", True),
        ("\u201cOur forces did not strike any civilian settlement,\u201d the ministry said.", True),
        # none of these denies anything
        ("Pelland has continued its attacks on border towns.", False),
        ("Pelland has refused to report its military casualties.", False),
        ("The rebels have refused to make peace.", False),
        ("Moscow annexed the region, a move rejected by most of the international community.", False),
        ("The WHO did not say which side had seized the laboratory.", False),
        ("Pelland did not immediately comment.", False),
    ],
)
def test_what_denies(text: str, denies: bool) -> None:
    assert (denial_at(text) is not None) is denies


def test_sentence_bounds_end_after_a_closing_quote() -> None:
    text = 'The rebels claimed a hit on a "frigate." The navy denied the claim.'
    start, end = sentence_bounds(text, (text.index("denied"), text.index("denied") + 6))
    assert text[start:end] == "The navy denied the claim."


def _accusation(extra: str = "") -> Analysis:
    """Ostria blames Pelland for drones on a school in Harwick; its figures count the dead, and
    another figure counts something else entirely."""
    text = (
        "The Ostrian Army said Pellandic drones struck a school in Harwick, killing 9 civilians. "
        "In Tolven, 300 homes were damaged by floods, the Ostrian Army said." + extra
    )
    a = analysis(text, title="Drones strike Harwick school", published="2030-05-01", entities=ENTS)
    end = text.index(". ") + 1
    a.quotes = [
        Quote(
            speaker=party(a, "Ostrian Army"),
            text="Pellandic drones struck a school in Harwick, killing 9 civilians",
            kind="indirect",
            span=(0, end),
            cue="said",
        )
    ]
    a.events = [
        Event(
            type="ASSAULT",
            actor=party(a, "Pelland"),
            target=party(a, "Ostria"),
            span=(text.index("Pellandic"), text.index(", killing")),
            source_quote=0,
            trigger="struck",
        )
    ]
    a.figures = [
        figure(a, 9, "killed", "civilians", "Ostria", "Ostrian Army"),
        figure(a, 300, "damaged", "homes", "Ostria", "Ostrian Army"),
    ]
    return a


def _denial(text: str, trigger: str, *, published: str = "2030-05-01") -> Analysis:
    d = analysis(text, title="Pelland denies Harwick strike", published=published, entities=ENTS)
    i = text.index(trigger)
    d.events = [Event(type="REJECT", actor=party(d, "Pelland"), span=(i, i + len(trigger)), trigger=trigger)]
    return d


def _denials(*analyses: Analysis) -> list[Contradiction]:
    return [c for c in find_contradictions(list(analyses)) if c.kind == "denial"]


def test_a_denial_answers_the_accusation_not_every_figure_of_the_other_side() -> None:
    (c,) = _denials(
        _accusation(), _denial("Pelland denied that its drones struck the Harwick school.", "denied")
    )
    assert c.right.kind == "event" and c.right.claimant == "Ostrian Army"
    assert c.left.claimant == "Pelland" and "denied" in c.left.text


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Pelland has continued its attacks on Harwick and other towns.", "continued"),
        ("Pelland has refused to report its casualties from the Harwick fighting.", "refused"),
        ("Pelland annexed Harwick in 2029, a move rejected by most states.", "rejected"),
    ],
)
def test_a_reject_event_on_a_sentence_that_denies_nothing_is_no_denial(text: str, trigger: str) -> None:
    assert _denials(_accusation(), _denial(text, trigger)) == []


def test_a_denial_about_something_else_answers_nothing() -> None:
    other = "Pelland denied that it had raised fuel taxes in Tolven."
    assert _denials(_accusation(), _denial(other, "denied")) == []


def _pointing(text: str) -> list[Contradiction]:
    a = analysis(text, title="Harwick", published="2030-05-01", entities=ENTS)
    a.quotes = [
        Quote(
            speaker=party(a, "Ostrian Army"),
            text=text[: text.index(",")],
            kind="indirect",
            span=(0, text.index(". ")),
        )
    ]
    i = text.index("denied")
    a.events = [Event(type="REJECT", actor=party(a, "Pelland"), span=(i, i + 6), trigger="denied")]
    return _denials(a)


def test_a_denial_pointing_back_answers_the_claim_just_before_it() -> None:
    (c,) = _pointing(
        "The Ostrian Army said 40 families had fled Harwick, officials said. Pelland denied the report."
    )
    assert c.right.kind == "quote" and c.right.claimant == "Ostrian Army"
    assert c.left.text == "Pelland denied the report."


def test_a_denial_pointing_back_prefers_the_accusation_of_the_denier() -> None:
    a = _accusation(" Pelland denied the report.")
    i = a.article.text.index("denied")
    a.events.append(Event(type="REJECT", actor=party(a, "Pelland"), span=(i, i + 6), trigger="denied"))
    (c,) = _denials(a)
    assert c.right.kind == "event" and "Pellandic drones struck" in c.right.text  # not the floods, nearer


def test_a_denial_of_numbers_answers_the_figure_it_names() -> None:
    text = "Pelland rejected claims that 9 civilians were killed in Harwick as invented."
    (c,) = _denials(_accusation(), _denial(text, "rejected"))
    assert (c.right.kind, c.right.value) == ("figure", 9)


def test_one_finding_per_pair_of_sides() -> None:
    first = _denial("Pelland denied that its drones struck the Harwick school.", "denied")
    again = _denial("Pelland again denied that its drones had struck a school in Harwick.", "denied")
    assert len(_denials(_accusation(), first, again)) == 1


def test_a_denier_of_no_known_side_answers_only_claims_that_name_it() -> None:
    text = "The Harwick Observatory denied that drones struck the Harwick school."
    d = analysis(
        text, title="Observatory", published="2030-05-01", entities=[*ENTS, ("Harwick Observatory", "ORG")]
    )
    d.events = [Event(type="REJECT", actor=party(d, "Harwick Observatory"), span=(24, 30), trigger="denied")]
    assert _denials(_accusation(), d) == []
