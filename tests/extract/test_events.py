"""PLOVER event extraction: types, statuses, modes, reported layering and merging.

Every sentence here is written for these tests (place names are real or invented, events are
not reports of real ones).
"""

from __future__ import annotations

import pytest

from counterclaim import lexicons
from counterclaim.extract.events import extract
from counterclaim.records import Article, Context, DateMention, Event, Party, Quote

PUBLISHED = "2024-03-06"  # a Wednesday


def run(
    nlp, text: str, *, quotes: list[Quote] | None = None, dates: list[DateMention] | None = None
) -> list[Event]:
    doc = nlp(text)
    ctx = Context(article=Article.make(text, published=PUBLISHED), published=PUBLISHED)
    ctx.quotes = quotes or []
    ctx.dates = dates or []
    return extract(doc, ctx)


def date_at(text: str, phrase: str, value: str) -> DateMention:
    start = text.index(phrase)
    return DateMention(text=phrase, value=value, span=(start, start + len(phrase)), grain="day")


def of_type(events: list[Event], etype: str) -> list[Event]:
    return [e for e in events if e.type == etype]


# --- one sentence per PLOVER type ------------------------------------------------------------

TYPE_CASES = [
    ("Kenya and Uganda agreed to reopen their shared border.", "AGREE", "Kenya"),
    ("Chile's foreign minister met Peru's foreign minister in Lima.", "CONSULT", "Chile"),
    ("Norway praised Ghana for its handling of the election.", "SUPPORT", "Norway"),
    ("The junta released forty political prisoners on Sunday.", "CONCEDE", "junta"),
    ("Spain and Morocco will share intelligence on smuggling networks.", "COOPERATE", "Spain"),
    ("Japan sent food and medicine to flood victims in Bangladesh.", "AID", "Japan"),
    ("Rebel fighters withdrew from the town of Kamba overnight.", "RETREAT", "Rebel fighters"),
    ("Brazil urged Venezuela to free the detained journalists.", "REQUEST", "Brazil"),
    ("Serbia accused Kosovo of provoking the clashes.", "ACCUSE", "Serbia"),
    ("Kosovo rejected the accusation on Tuesday.", "REJECT", "Kosovo"),
    ("Ecuador threatened to expel the Colombian ambassador.", "THREATEN", "Ecuador"),
    ("Thousands of farmers protested outside parliament in Paris.", "PROTEST", "farmers"),
    ("Canada imposed new sanctions on Belarus.", "SANCTION", "Canada"),
    ("Moldova deployed troops along its eastern border.", "MOBILIZE", "Moldova"),
    ("Police arrested twelve opposition activists in Minsk.", "COERCE", "Police"),
    ("Rebel artillery shelled the town of Kamba.", "ASSAULT", "Rebel artillery"),
]


@pytest.mark.parametrize(("text", "etype", "actor"), TYPE_CASES)
def test_each_type(nlp, text: str, etype: str, actor: str) -> None:
    events = run(nlp, text)
    found = of_type(events, etype)
    assert found, f"no {etype} in {[(e.type, e.actor.name) for e in events]}"
    assert actor.lower() in found[0].actor.name.lower()
    assert found[0].reason and found[0].span[0] < found[0].span[1]


def test_all_sixteen_types_are_covered() -> None:
    assert {t for _, t, _ in TYPE_CASES} == set(lexicons.entries("plover_verbs"))


def test_targets(nlp) -> None:
    (ev,) = of_type(run(nlp, "Serbia accused Kosovo of provoking the clashes."), "ACCUSE")
    assert ev.target is not None and ev.target.name == "Kosovo"
    (ev,) = of_type(run(nlp, "Canada imposed new sanctions on Belarus."), "SANCTION")
    assert ev.target is not None and ev.target.name == "Belarus"


def test_several_actors_act_together(nlp) -> None:
    (ev,) = of_type(run(nlp, "Kenya and Uganda agreed to reopen their shared border."), "AGREE")
    assert [p.name for p in ev.actors] == ["Kenya", "Uganda"]
    assert ev.actor.name == "Kenya"


def test_a_requested_act_is_not_an_event(nlp) -> None:
    events = run(nlp, "Brazil urged Venezuela to free the detained journalists.")
    assert [e.type for e in events] == ["REQUEST"]


# --- status ------------------------------------------------------------------------------------

STATUS_CASES = [
    ("Ethiopian troops attacked the village of Dera.", "ASSAULT", "occurred"),
    ("The presidents of Kenya and Tanzania will meet in Arusha.", "CONSULT", "planned"),
    ("Kenya's president is due to visit Kampala.", "CONSULT", "planned"),
    ("Government forces are shelling the northern suburbs.", "ASSAULT", "ongoing"),
    ("The army did not bomb the hospital.", "ASSAULT", "negated"),
    ("Ruritania denied shelling the village of Olm.", "ASSAULT", "negated"),
    ("Ruritania threatened to bomb the bridges if the talks fail.", "ASSAULT", "hypothetical"),
]


@pytest.mark.parametrize(("text", "etype", "status"), STATUS_CASES)
def test_status(nlp, text: str, etype: str, status: str) -> None:
    found = of_type(run(nlp, text), etype)
    assert found and found[0].status == status


def test_denial_is_a_reject_and_a_negated_act(nlp) -> None:
    events = run(nlp, "Ruritania denied shelling the village of Olm.")
    assert {(e.type, e.status) for e in events} == {("REJECT", "occurred"), ("ASSAULT", "negated")}
    assert all(e.actor.name == "Ruritania" for e in events)


def test_threat_keeps_the_threat_and_the_hypothetical_act(nlp) -> None:
    events = run(nlp, "Ruritania threatened to bomb the bridges if the talks fail.")
    assert of_type(events, "THREATEN")[0].status == "occurred"
    assert of_type(events, "ASSAULT")[0].status == "hypothetical"


def test_a_warning_without_a_threatened_act_is_no_threat(nlp) -> None:
    assert not of_type(run(nlp, "Norway warned of a difficult winter ahead."), "THREATEN")


# --- dates and places --------------------------------------------------------------------------


def test_planned_meeting_takes_its_own_date(nlp) -> None:
    text = "The presidents of Kenya and Tanzania will meet in Arusha on Friday."
    (ev,) = of_type(run(nlp, text, dates=[date_at(text, "Friday", "2024-03-08")]), "CONSULT")
    assert (ev.date, ev.status, ev.location) == ("2024-03-08", "planned", "Arusha")


def test_past_event_without_a_date_takes_the_publication_date(nlp) -> None:
    (ev,) = of_type(run(nlp, "Ethiopian troops attacked the village of Dera."), "ASSAULT")
    assert ev.date == PUBLISHED


def test_a_date_in_another_clause_is_not_the_events(nlp) -> None:
    text = "Ruritania, whose troops have held the ridge since May, denied the attack."
    events = run(nlp, text, dates=[date_at(text, "May", "2023-05")])
    assert events and all(e.date == PUBLISHED for e in events)


# --- modes -------------------------------------------------------------------------------------

MODE_CASES = [
    ("Israeli warplanes bombed a weapons depot near Homs.", "ASSAULT", "aerial"),
    ("Ukrainian drones struck an oil depot in Bryansk.", "ASSAULT", "drone"),
    ("Rebel artillery shelled the town of Kamba.", "ASSAULT", "heavy-weapons"),
    ("The Turkish president visited Azerbaijan on Monday.", "CONSULT", "visit"),
    ("Japan sent food and medicine to flood victims in Bangladesh.", "AID", "humanitarian"),
]


@pytest.mark.parametrize(("text", "etype", "mode"), MODE_CASES)
def test_mode(nlp, text: str, etype: str, mode: str) -> None:
    found = of_type(run(nlp, text), etype)
    assert found and found[0].mode == mode


def test_weapon_subject_names_its_owner_as_actor(nlp) -> None:
    (ev,) = of_type(run(nlp, "Ukrainian drones struck an oil depot in Bryansk."), "ASSAULT")
    assert ev.actor.name in ("Ukraine", "Ukrainian")


# --- reported events ---------------------------------------------------------------------------


def test_reported_attack_keeps_both_layers_and_its_quote(nlp) -> None:
    text = "Azerbaijan said Armenian forces shelled Terter."
    quote = Quote(
        speaker=Party(name="Azerbaijan"),
        text="Armenian forces shelled Terter",
        kind="indirect",
        span=(0, len(text)),
        cue="said",
    )
    events = run(nlp, text, quotes=[quote])
    (accuse,) = of_type(events, "ACCUSE")
    (assault,) = of_type(events, "ASSAULT")
    assert accuse.actor.name == "Azerbaijan" and accuse.target is not None
    assert accuse.target.name == "Armenian forces"
    assert assault.actor.name == "Armenian forces" and assault.target is not None
    assert assault.target.name == "Terter"
    assert assault.source_quote == 0


def test_reported_denial_of_own_act(nlp) -> None:
    events = run(nlp, "Ruritania's defence ministry said its forces did not fire on civilians.")
    assert of_type(events, "REJECT")
    (assault,) = of_type(events, "ASSAULT")
    assert assault.status == "negated"
    assert "Ruritania" in assault.actor.name


def test_trailing_attribution_only_sources_the_fact(nlp) -> None:
    events = run(nlp, "Ethiopian troops attacked the village of Dera, local officials said.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_statement_that_another_party_must_act_is_a_request(nlp) -> None:
    events = run(nlp, "Ruritania said on Monday that Olmavia must return the captured helicopter.")
    (req,) = of_type(events, "REQUEST")
    assert req.actor.name == "Ruritania" and req.target is not None and req.target.name == "Olmavia"


def test_casualty_toll_alone_is_no_event(nlp) -> None:
    assert run(nlp, "Seventy soldiers have been killed since January.") == []


# --- one event per happening -------------------------------------------------------------------


def test_same_attack_mentioned_twice_is_one_event(nlp) -> None:
    text = "Ruritanian troops attacked Olm on Monday. Olmavia condemned the Ruritanian attack on Olm."
    events = run(nlp, text, dates=[date_at(text, "Monday", "2024-03-04")])
    assaults = of_type(events, "ASSAULT")
    assert len(assaults) == 1
    assert of_type(events, "ACCUSE")


def test_two_meetings_are_two_events(nlp) -> None:
    text = (
        "Kenya's president met Uganda's president on Monday. "
        "Kenya's president met Rwanda's president on Friday."
    )
    dates = [date_at(text, "Monday", "2024-03-04"), date_at(text, "Friday", "2024-03-08")]
    meetings = of_type(run(nlp, text, dates=dates), "CONSULT")
    assert sorted(e.date or "" for e in meetings) == ["2024-03-04", "2024-03-08"]


def test_events_serialise_to_the_schema_shape(nlp) -> None:
    (ev,) = of_type(run(nlp, "Canada imposed new sanctions on Belarus."), "SANCTION")
    d = ev.to_dict()
    assert {"type", "actor", "span", "mode", "target", "date", "location", "status"} <= set(d)
    assert d["actor"]["kind"] == "source"


@pytest.mark.parametrize("name", ["plover_verbs", "plover_nouns", "plover_modes", "event_cues"])
def test_lexicons_carry_their_header(name: str) -> None:
    lex = lexicons.load(name)
    assert lex["name"] == name and lex["version"] and lex["source"]


# --- what statements and intentions amount to --------------------------------------------------

RECODE_CASES = [
    # a pledge of aid is an AGREE (and the aid itself is planned)
    ("Finland will give Tanzania a loan of five million euros.", {"AGREE", "AID"}),
    # an act made conditional with "unless" is a threat
    ("Olmavia will expel the envoys unless Ruritania apologizes.", {"THREATEN", "SANCTION"}),
    # a declared plan of a hostile act is a threat
    ("Ruritania plans to impose a curfew on the border towns.", {"THREATEN", "COERCE"}),
    # a call on citizens to enlist mobilises
    ("The president urged citizens to enlist in the reserve units.", {"MOBILIZE"}),
    # a protest lodged by a government is a diplomatic accusation
    ("Olmavia lodged a formal protest with Ruritania over the incident.", {"ACCUSE"}),
    # exercises held by two states together are cooperation
    ("Greek and Cypriot warships began joint naval exercises on Monday.", {"COOPERATE"}),
    # an agreement that was refused is a rejection
    ("Olmavia did not accept the proposed agreement.", {"REJECT"}),
]


@pytest.mark.parametrize(("text", "types"), RECODE_CASES)
def test_recoding(nlp, text: str, types: set[str]) -> None:
    assert {e.type for e in run(nlp, text)} == types


def test_statement_with_a_threat_word(nlp) -> None:
    events = run(nlp, "The rebel spokesman said every convoy supplying Olmavia is a legitimate target.")
    assert [e.type for e in events] == ["THREATEN"]


def test_attack_with_no_named_actor_is_unknown(nlp) -> None:
    (ev,) = run(nlp, "A roadside bomb killed three Olmavian soldiers near Kell on Sunday.")
    assert ev.type == "ASSAULT" and ev.actor.kind == "unknown"
    assert ev.target is not None and ev.target.name == "Olmavian soldiers"


def test_ordered_troops_act_for_the_commander(nlp) -> None:
    events = run(nlp, "The prime minister of Armenia ordered troops to seize the border town of Olm.")
    (ev,) = of_type(events, "ASSAULT")
    assert ev.actor.name == "Armenia"


def test_an_attempted_act_happened(nlp) -> None:
    (ev,) = of_type(run(nlp, "Gunmen tried to assassinate the governor of Kell on Sunday."), "ASSAULT")
    assert ev.status == "occurred" and ev.mode == "assassination"


def test_crowd_blocking_roads_protests(nlp) -> None:
    events = run(nlp, "Thousands of people blocked roads in Lagos to demand lower fuel prices.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "obstruct")]


def test_mobilizing_lobbyists_is_no_military_mobilization(nlp) -> None:
    assert not of_type(run(nlp, "Olmavia mobilized lobby groups in Brussels."), "MOBILIZE")
