"""Contradictions across sources: incompatible figures and denials, with severity and both sides."""

from __future__ import annotations

import pytest

from counterclaim.compare.contradictions import find_contradictions, for_story, is_denial_cue, sentence_at
from counterclaim.compare.stories import group_stories
from counterclaim.records import Contradiction, Event, Quote

from . import corpus
from .helpers import analysis, figure, party

ENTS = [
    ("Ostria", "GPE"),
    ("Pelland", "GPE"),
    ("Ostrian Army", "ORG", "Ostria"),
    ("Pellandic Army", "ORG", "Pelland"),
    ("Harwick", "GPE", "Ostria"),
    ("Tolven", "GPE", "Ostria"),
]


def _pair(
    v1: float, d1: str, q1: str, v2: float, d2: str, q2: str = "exact", claimant2: str = "Pellandic Army"
) -> list[Contradiction]:
    t1 = f"The Ostrian Army said {v1:g} Ostrian soldiers were killed in the ambush at Harwick ridge."
    t2 = f"The {claimant2} said {v2:g} Ostrian soldiers were killed in the ambush at Harwick ridge."
    a1 = analysis(t1, published=d1, entities=ENTS)
    a2 = analysis(t2, published=d2, entities=ENTS)
    a1.figures = [figure(a1, v1, "killed", "soldiers", "Ostria", "Ostrian Army", qualifier=q1)]
    a2.figures = [figure(a2, v2, "killed", "soldiers", "Ostria", claimant2, qualifier=q2)]
    return find_contradictions([a1, a2])


@pytest.mark.parametrize(
    ("v1", "d1", "q1", "v2", "d2", "q2", "severity"),
    [
        (3, "2030-05-01", "exact", 40, "2030-05-01", "exact", "contradiction"),  # same day, far apart
        (40, "2030-05-01", "exact", 3, "2030-05-02", "exact", "contradiction"),  # a toll does not fall
        (10, "2030-05-01", "exact", 30, "2030-05-03", "exact", "discrepancy"),  # tripled in two days
        (10, "2030-05-01", "exact", 11, "2030-05-02", "exact", None),  # a plausible update
        (10, "2030-05-01", "at_least", 25, "2030-05-01", "exact", None),  # 'at least 10' allows 25
        (100, "2030-05-01", "about", 95, "2030-05-01", "exact", None),  # 'about 100' allows 95
        (3, "2030-05-01", "exact", 40, "2030-06-20", "exact", None),  # outside the date window
    ],
)
def test_figure_pairs(v1: float, d1: str, q1: str, v2: float, d2: str, q2: str, severity: str | None) -> None:
    found = [c for c in _pair(v1, d1, q1, v2, d2, q2) if c.kind == "figures"]
    assert [c.severity for c in found] == ([severity] if severity else [])
    if found:
        assert {found[0].left.claimant, found[0].right.claimant} == {"Ostrian Army", "Pellandic Army"}
        assert found[0].left.text.startswith("The ") and found[0].explanation


def test_an_armed_group_is_a_side_of_its_own_by_default() -> None:
    # no sides file: the group no state is named for stands against the state it fights
    t1 = "The Ostrian Army said 5 Ostrian soldiers were killed in the ambush at Harwick ridge."
    t2 = "The Harwick Brigade said 20 Ostrian soldiers were killed in the ambush at Harwick ridge."
    ents = [*ENTS, ("Harwick Brigade", "GROUP")]
    a1 = analysis(t1, entities=ents)
    a2 = analysis(t2, entities=ents)
    a1.figures = [figure(a1, 5, "killed", "soldiers", "Ostria", "Ostrian Army")]
    a2.figures = [figure(a2, 20, "killed", "soldiers", "Ostria", "Harwick Brigade")]
    found = [c for c in find_contradictions([a1, a2]) if c.kind == "figures"]
    assert [c.severity for c in found] == ["contradiction"]
    assert {found[0].left.claimant, found[0].right.claimant} == {"Ostrian Army", "Harwick Brigade"}


def test_same_side_updates_are_not_contradictions() -> None:
    # both claimants on Ostria's side: a rise over days is an update
    assert [
        c
        for c in _pair(10, "2030-05-01", "exact", 30, "2030-05-03", claimant2="Ostria")
        if c.kind == "figures"
    ] == []


@pytest.mark.parametrize(
    ("cue", "denies"),
    [
        ("denied", True),
        ("rejected", True),
        ("dismissed as fabricated", True),
        ("said", False),
        ("called the reports a provocation", True),
        ("told reporters", False),
        (None, False),
    ],
)
def test_denial_cues(cue: str | None, denies: bool) -> None:
    assert is_denial_cue(cue) is denies


def _denial_story(by_quote: bool) -> list[Contradiction]:
    claim = analysis(
        "Pellandic shelling killed 9 civilians in Harwick, the Ostrian Army said.",
        title="Shelling kills 9 in Harwick",
        published="2030-05-01",
        entities=ENTS,
    )
    claim.figures = [figure(claim, 9, "killed", "civilians", "Ostria", "Ostrian Army")]
    text = "Pelland denied that its guns had shelled Harwick and called the Harwick reports invented."
    deny = analysis(text, title="Pelland denies shelling Harwick", published="2030-05-02", entities=ENTS)
    if by_quote:
        deny.quotes = [
            Quote(
                speaker=party(deny, "Pelland"),
                text="its guns had not shelled Harwick",
                kind="indirect",
                span=(0, len(text)),
                cue="denied",
            )
        ]
    else:
        deny.events = [Event(type="REJECT", actor=party(deny, "Pelland"), span=(7, 13), trigger="denied")]
    return find_contradictions([claim, deny])


@pytest.mark.parametrize("by_quote", [False, True])
def test_denial_against_other_sides_figure(by_quote: bool) -> None:
    (c,) = _denial_story(by_quote)
    assert (c.kind, c.severity) == ("denial", "contradiction")
    assert c.left.kind == ("quote" if by_quote else "event") and c.left.claimant == "Pelland"
    assert c.right.kind == "figure" and c.right.value == 9 and c.right.claimant == "Ostrian Army"


def test_negated_reject_is_no_denial() -> None:
    claim = analysis(
        "Pellandic shelling killed 9 civilians in Harwick, the Ostrian Army said.",
        published="2030-05-01",
        entities=ENTS,
    )
    claim.figures = [figure(claim, 9, "killed", "civilians", "Ostria", "Ostrian Army")]
    deny = analysis(
        "Pelland did not deny that its guns had shelled Harwick.", published="2030-05-01", entities=ENTS
    )
    deny.events = [Event(type="REJECT", actor=party(deny, "Pelland"), span=(12, 16), status="negated")]
    assert find_contradictions([claim, deny]) == []


def test_sentence_at() -> None:
    text = "First one. The second sentence here. Third.\nNext line."
    assert sentence_at(text, (15, 21)) == "The second sentence here."
    assert sentence_at(text, (46, 50)) == "Next line."


# --- the corpus ---


@pytest.fixture(scope="module")
def corpus_found() -> tuple[list[Contradiction], dict[str, str]]:
    return find_contradictions(corpus.hand_analyses()), corpus.key_of()


def test_corpus_figure_contradictions(corpus_found: tuple[list[Contradiction], dict[str, str]]) -> None:
    found, key = corpus_found
    figs = [c for c in found if c.kind == "figures"]
    want = [w for w in corpus.expected()["contradictions"] if w["kind"] == "figures"]
    assert len(figs) == len(want)
    for w in want:
        hits = [
            c
            for c in figs
            if {key[c.left.article_id], key[c.right.article_id]} <= set(w["left"] + w["right"])
            and (
                (key[c.left.article_id] in w["left"] and key[c.right.article_id] in w["right"])
                or (key[c.left.article_id] in w["right"] and key[c.right.article_id] in w["left"])
            )
        ]
        assert len(hits) == 1, w
        assert hits[0].severity == w["severity"]


def test_corpus_denials(corpus_found: tuple[list[Contradiction], dict[str, str]]) -> None:
    # one finding per denial story and pair of sides, set against a claim the denial rejects
    found, key = corpus_found
    denials = [c for c in found if c.kind == "denial"]
    want = [w for w in corpus.expected()["contradictions"] if w["kind"] == "denial"]
    assert len(denials) == len(want)
    for w in want:
        (hit,) = [c for c in denials if key[c.left.article_id] in w["denial"]]
        assert key[hit.right.article_id] in w["claims"]


def test_corpus_for_story(corpus_found: tuple[list[Contradiction], dict[str, str]]) -> None:
    found, key = corpus_found
    stories = group_stories(corpus.hand_analyses())
    halvik = next(s for s in stories if any(key[a] == "a06" for a in s.articles))
    mine = for_story(found, halvik.id, stories)
    assert mine and all(key[c.left.article_id] in {"a06", "a07", "a08", "a09"} for c in mine)


def test_denial_against_attack_the_other_side_reports() -> None:
    text = "The Ostrian Army said Pellandic drones struck a school in Harwick."
    claim = analysis(text, title="Drones strike Harwick school", published="2030-05-01", entities=ENTS)
    claim.quotes = [
        Quote(
            speaker=party(claim, "Ostrian Army"),
            text="Pellandic drones struck a school in Harwick",
            kind="indirect",
            span=(0, len(text) - 1),
            cue="said",
        )
    ]
    claim.events = [
        Event(
            type="ASSAULT",
            actor=party(claim, "Pelland"),
            target=party(claim, "Ostria"),
            span=(32, 38),
            source_quote=0,
            mode="drone strike",
            location="Harwick",
        )
    ]
    text2 = "Pelland denied that its drones struck the Harwick school."
    deny = analysis(
        text2, title="Pelland denies drone strike on Harwick school", published="2030-05-01", entities=ENTS
    )
    deny.events = [Event(type="REJECT", actor=party(deny, "Pelland"), span=(8, 14), trigger="denied")]
    (c,) = find_contradictions([claim, deny])
    assert c.kind == "denial" and c.right.kind == "event" and c.right.claimant == "Ostrian Army"
    assert c.left.claimant == "Pelland" and "accuses it of" in c.explanation


def test_about_words_drop_reporting_words_and_states() -> None:
    from counterclaim.compare.contradictions import about_words  # noqa: PLC0415
    from counterclaim.compare.names import fold_token, known_states  # noqa: PLC0415

    words = about_words(
        "Pelland denied on Monday that Pellandic guns shelled Harwick, officials said.",
        known_states(["Pelland", "Ostria"]),
    )
    assert words == {fold_token(w) for w in ("gun", "shell", "harwick")}


def test_denial_about_something_else_is_not_matched() -> None:
    claim = analysis(
        "Pellandic shelling killed 9 civilians in Harwick, the Ostrian Army said.",
        title="Shelling kills 9 in Harwick",
        published="2030-05-01",
        entities=ENTS,
    )
    claim.figures = [figure(claim, 9, "killed", "civilians", "Ostria", "Ostrian Army")]
    on_topic = "Pelland denied that its guns shelled Harwick."
    off_topic = "Pelland denied plans to raise fuel taxes next year, its finance office said."
    for text, matches in ((on_topic, 1), (off_topic, 0)):
        deny = analysis(text, title="Pelland denies", published="2030-05-02", entities=ENTS)
        deny.events = [Event(type="REJECT", actor=party(deny, "Pelland"), span=(8, 14), trigger="denied")]
        together = group_stories([claim, deny], threshold=0.0, strong=0.0, top_k=50, max_df=1.0)
        assert len(together) == 1  # same story either way: only the words decide
        assert len(find_contradictions([claim, deny], stories=together)) == matches


def test_unknown_party_compares_only_across_articles_of_one_story() -> None:
    text = "The Ostrian Army said 3 soldiers died on the ridge, while 400 died in the war so far, it added."
    a = analysis(text, published="2030-05-01", entities=ENTS)
    a.figures = [
        figure(a, 3, "killed", "soldiers", None, "Ostrian Army"),
        figure(a, 400, "killed", "soldiers", None, "Pellandic Army"),
    ]
    assert [c for c in find_contradictions([a]) if c.kind == "figures"] == []


# --- counts of one thing, place and day ---


def _two(
    t1: str,
    f1: tuple,
    t2: str,
    f2: tuple,
    *,
    d1: str = "2030-05-01",
    d2: str = "2030-05-01",
    as_of: str | None = None,
) -> list[Contradiction]:
    """Two articles of one story, one figure each: (value, category, subject, party, claimant)."""
    a1 = analysis(t1, title="Harwick toll", published=d1, entities=ENTS)
    a2 = analysis(t2, title="Harwick toll", published=d2, entities=ENTS)
    a1.figures = [figure(a1, *f1, as_of=as_of)]
    a2.figures = [figure(a2, *f2, as_of=as_of)]
    stories = group_stories([a1, a2], threshold=0.0, strong=0.0, top_k=50)
    return [c for c in find_contradictions([a1, a2], stories=stories) if c.kind == "figures"]


HARWICK = "were killed in Harwick on Monday"


@pytest.mark.parametrize(
    ("t1", "f1", "t2", "f2", "found"),
    [
        # one side's ministries, one day: 38 against 42 people is a contradiction
        (
            f"Police said 42 people {HARWICK}.",
            (42, "killed", "people", "Ostria", "Ostrian Army"),
            f"The governor said 38 people {HARWICK}.",
            (38, "killed", "people", "Ostria", "Tolven Office"),
            1,
        ),
        # '42 dead' and '38 people' count one thing
        (
            f"Police said 42 dead {HARWICK}.",
            (42, "killed", "dead", "Ostria", "Ostrian Army"),
            f"The governor said 38 people {HARWICK}.",
            (38, "killed", "people", "Ostria", "Tolven Office"),
            1,
        ),
        # 4 children are not 42 people: a part of them
        (
            f"Police said 42 people {HARWICK}.",
            (42, "killed", "people", "Ostria", "Ostrian Army"),
            f"The governor said 4 children {HARWICK}.",
            (4, "killed", "children", "Ostria", "Tolven Office"),
            0,
        ),
        # not adversaries and far apart: a hospital's dead and a town's
        (
            f"Police said 42 people {HARWICK}.",
            (42, "killed", "people", "Ostria", "Ostrian Army"),
            f"The director said 2 people {HARWICK}.",
            (2, "killed", "people", "Ostria", "Tolven Office"),
            0,
        ),
        # adversaries may lie far apart
        (
            f"The Ostrian Army said 3 soldiers {HARWICK}.",
            (3, "killed", "soldiers", "Ostria", "Ostrian Army"),
            f"The Pellandic Army said 40 soldiers {HARWICK}.",
            (40, "killed", "soldiers", "Ostria", "Pellandic Army"),
            1,
        ),
        # soldiers and militants are different counts
        (
            f"The Ostrian Army said 3 soldiers {HARWICK}.",
            (3, "killed", "soldiers", None, "Ostrian Army"),
            f"The Pellandic Army said 40 militants {HARWICK}.",
            (40, "killed", "militants", None, "Pellandic Army"),
            0,
        ),
        # different places
        (
            "Police said 42 people were killed in Harwick.",
            (42, "killed", "people", "Ostria", "Ostrian Army"),
            "The governor said 38 people were killed in Tolven.",
            (38, "killed", "people", "Ostria", "Tolven Office"),
            0,
        ),
    ],
)
def test_counts_of_one_thing(t1: str, f1: tuple, t2: str, f2: tuple, found: int) -> None:
    assert len(_two(t1, f1, t2, f2)) == found


def test_counts_as_of_one_day_compare_as_one_day() -> None:
    t1 = f"The Pellandic Army said 40 soldiers {HARWICK}."
    t2 = f"The Ostrian Army said 6 soldiers {HARWICK}."
    a1 = (40, "killed", "soldiers", None, "Pellandic Army")
    a2 = (6, "killed", "soldiers", None, "Ostrian Army")
    (c,) = _two(t1, a1, t2, a2, d2="2030-05-02", as_of="2030-04-29")
    assert "same day" in c.explanation


@pytest.mark.parametrize(
    ("text", "number", "part"),
    [
        ("Police said 44 people were killed, including 4 children.", "4 children", True),
        ("Police said 44 people were killed, including 4 children.", "44 people", False),
        ("Officials revised the toll down from 1,400 after bodies were identified.", "1,400", True),
        ("The toll rose to 14, up from 12 a day earlier.", "12 a day", True),
        ("The toll rose to 14, up from 12 a day earlier.", "14", False),
        ("84 people were wounded, 11 of them children.", "11", True),
        ("Air defences shot down 41 of the 44 drones.", "41", True),
    ],
)
def test_parts_and_replaced_values_are_no_counts_to_set_against_others(
    text: str, number: str, part: bool
) -> None:
    from counterclaim.compare.contradictions import is_part  # noqa: PLC0415

    start = text.index(number)
    assert is_part(text, start, start + len(number.split()[0])) is part


def test_two_numbers_of_one_sentence_compare_only_in_quotes_of_their_own() -> None:
    text = "The ministry tweeted that 14 officers had been killed, but the state office said 13 were killed."
    a = analysis(text, title="Ambush", entities=ENTS)
    f14 = figure(a, 14, "killed", "officers", None, "Ostrian Army")
    f13 = figure(a, 13, "killed", "officers", None, "Tolven Office")
    a.figures = [f14, f13]
    assert [c for c in find_contradictions([a]) if c.kind == "figures"] == []
    half = text.index(", but")
    a.quotes = [
        Quote(speaker=party(a, "Ostrian Army"), text=text[:half], kind="indirect", span=(0, half)),
        Quote(speaker=party(a, "Tolven Office"), text=text[half:], kind="indirect", span=(half, len(text))),
    ]
    f14.quote, f13.quote = 0, 1
    assert len([c for c in find_contradictions([a]) if c.kind == "figures"]) == 1


def test_a_part_above_another_sources_whole() -> None:
    t1 = f"The ministry said 14 officers {HARWICK}."
    t2 = "The state office said the death toll in Harwick was in fact 13."
    (c,) = _two(
        t1,
        (14, "killed", "officers", None, "Ostrian Army"),
        t2,
        (13, "killed", "fact", None, "Tolven Office"),
    )
    assert "more than the 13 in all" in c.explanation
