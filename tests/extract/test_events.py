"""PLOVER event extraction: types, statuses, modes, reported layering and merging.

Every sentence here is written for these tests (place names are real or invented, events are
not reports of real ones).
"""

from __future__ import annotations

import pytest

from counterclaim import lexicons
from counterclaim.extract.events import DERIVED_CONDITIONS, extract
from counterclaim.records import Article, Context, DateMention, Entity, EntityTable, Event, Party, Quote

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
    ("Spain and Morocco shared intelligence on smuggling networks.", "COOPERATE", "Spain"),
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
    ("Rebel artillery shelled the town of Kamba.", "ASSAULT", "rebel"),  # the rebels (their guns)
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
    assert accuse.target.name == "Armenia"  # a state's forces act for the state
    assert assault.actor.name == "Armenia" and assault.target is not None
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


@pytest.mark.parametrize(
    "name", ["plover_verbs", "plover_nouns", "plover_modes", "plover_derived", "event_cues"]
)
def test_lexicons_carry_their_header(name: str) -> None:
    lex = lexicons.load(name)
    assert lex["name"] == name and lex["version"] and lex["source"]


# --- what statements and intentions amount to --------------------------------------------------

RECODE_CASES = [
    # a pledge of aid is an AGREE, made now (one event: the aid has not happened)
    ("Finland will give Tanzania a loan of five million euros.", {"AGREE"}),
    # an act made conditional with "unless" is a threat (the act itself has not happened)
    ("Olmavia will expel the envoys unless Ruritania apologizes.", {"THREATEN"}),
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


# --- generalisation: datelines, charges, nominal attacks, demonyms, modes, pending clauses -----
# (issue 5 follow-up; every sentence invented, with invented states Dunmoor and Lormark)


def run_with_states(nlp, text: str, states: dict[str, list[str]]) -> list[Event]:
    """Events with an entity table that knows ``states`` (name -> surface forms, demonyms
    included, as the entities extractor records them)."""
    doc = nlp(text)
    ctx = Context(article=Article.make(text, published=PUBLISHED), published=PUBLISHED)
    ents = []
    for n, (name, forms) in enumerate(states.items()):
        spans = []
        for form in [name, *forms]:
            start = text.find(form)
            while start >= 0:
                spans.append((start, start + len(form)))
                start = text.find(form, start + 1)
        ents.append(Entity(id=f"e{n}", name=name, type="GPE", aliases=forms, mentions=sorted(spans)))
    ctx.entities = EntityTable(ents)
    return extract(doc, ctx)


DATELINE_CASES = [
    (
        "VELMORA, Dunmoor (Westwire) - Lormark's defence ministry on Tuesday accused Dunmoor of "
        "shelling a hospital.",
        "ACCUSE",
        "Lormark",
    ),
    ("KESSEL (Reuters) - Dunmoor's army attacked a Lormarki border post.", "ASSAULT", "Dunmoor"),
    ("TARVO, Lormark - The Dunmoori government recalled its envoy.", "SANCTION", "Dunmoor"),
    ("HARROW, Dunmoor, March 3 (Wire) — Lormark's navy seized a Dunmoori tanker.", "COERCE", "Lormark"),
]


@pytest.mark.parametrize(("text", "etype", "actor"), DATELINE_CASES)
def test_dateline_place_is_never_the_actor(nlp, text: str, etype: str, actor: str) -> None:
    evs = of_type(run(nlp, text), etype)
    assert evs, f"no {etype} in {text!r}"
    assert actor in evs[0].actor.name
    assert all(e.actor.name.upper() != e.actor.name for e in run(nlp, text))  # no "VELMORA"


CHARGE_CASES = [
    ("Dunmoor blamed Lormark for the collapse of the ceasefire.", "Dunmoor", "Lormark"),
    ("The Lormark government accused Dunmoor of shelling two villages.", "Lormark", "Dunmoor"),
    ("Prime Minister Aro Vessel held Lormark responsible for the bombing.", "Aro Vessel", "Lormark"),
    ("Dunmoor condemned the raid on the village of Harrow by Lormark's troops.", "Dunmoor", "Lormark"),
]


@pytest.mark.parametrize(("text", "actor", "target"), CHARGE_CASES)
def test_charge_targets_the_party_charged(nlp, text: str, actor: str, target: str) -> None:
    (ev,) = of_type(run(nlp, text), "ACCUSE")
    assert actor in ev.actor.name
    assert ev.target is not None and target in ev.target.name


NOMINAL_CASES = [
    ("Witnesses described an assault by Lormark's forces near Harrow.", "Lormark", None),
    ("Dunmoor's troops repelled an attack by Lormark on the border post.", "Lormark", None),
    ("Lormark condemned the drone strike on Dunmoor by rebel fighters.", "rebel fighters", "Dunmoor"),
    ("Lormark carried out a raid on Dunmoor on Sunday.", "Lormark", "Dunmoor"),
]


@pytest.mark.parametrize(("text", "actor", "target"), NOMINAL_CASES)
def test_nominal_attack_takes_by_phrase_and_on_phrase(nlp, text: str, actor: str, target: str | None) -> None:
    evs = [e for e in of_type(run(nlp, text), "ASSAULT") if actor in e.actor.name]
    assert evs, f"no ASSAULT by {actor} in {text!r}"
    if target is not None:
        assert evs[0].target is not None and target in evs[0].target.name


def test_own_forces_strike_is_the_speakers_assault_and_denial_a_reject(nlp) -> None:
    text = "Lormark said its forces had carried out a strike on Dunmoor and denied targeting civilians."
    quote = Quote(
        speaker=Party(name="Lormark"), text=text[14:-1], kind="indirect", span=(0, len(text)), cue="said"
    )
    evs = run(nlp, text, quotes=[quote])
    done = [e for e in of_type(evs, "ASSAULT") if e.status == "occurred"]
    assert done and done[0].actor.name == "Lormark"
    assert done[0].target is not None and done[0].target.name == "Dunmoor"
    assert done[0].source_quote == 0
    assert [e.actor.name for e in of_type(evs, "REJECT")] == ["Lormark"]


DEMONYM_CASES = [
    ("Dunmoori artillery pounded the outskirts of Harrow.", {"Dunmoor": ["Dunmoori"]}, "Dunmoor"),
    ("The Lormarki army shelled a market in Harrow.", {"Lormark": ["Lormarki"]}, "Lormark"),
    ("The Lormarki army shelled a market in Harrow.", {}, "Lormarki"),
]


@pytest.mark.parametrize(("text", "states", "actor"), DEMONYM_CASES)
def test_demonym_forces_resolve_to_their_state(nlp, text: str, states: dict, actor: str) -> None:
    (ev,) = of_type(run_with_states(nlp, text, states), "ASSAULT")
    assert ev.actor.name == actor if states else actor in ev.actor.name


def test_rebels_of_a_people_are_not_its_state(nlp) -> None:
    (ev,) = of_type(run(nlp, "Tigrayan forces shelled the town of Harrow."), "ASSAULT")
    assert ev.actor.name != "Tigray"


ASSAULT_MODE_CASES = [
    ("Lormark launched a drone attack on Dunmoor.", "drone"),
    ("Dunmoor shelled Lormarki positions with artillery.", "heavy-weapons"),
    ("Lormarki gunmen opened fire with rifles on Dunmoori police.", "small-arms"),
    ("Lormarki fighters killed three Dunmoori soldiers.", None),
    ("Dunmoor seized the Lormarki town of Harrow.", None),
    ("Lormarki fighters killed two guards after a drone was spotted over the camp.", None),
]


@pytest.mark.parametrize(("text", "mode"), ASSAULT_MODE_CASES)
def test_assault_mode_comes_from_weapon_words(nlp, text: str, mode: str | None) -> None:
    evs = of_type(run(nlp, text), "ASSAULT")
    assert evs, f"no ASSAULT in {text!r}"
    assert evs[0].mode == mode


PENDING_CASES = [
    ("Lormark said the land would be returned once Dunmoor apologised.", "Dunmoor"),
    ("Lormark will resume aid if Dunmoor frees the prisoners.", "Dunmoor"),
    ("Dunmoor would praise the deal when Lormark signs it.", "Lormark"),
]


@pytest.mark.parametrize(("text", "party"), PENDING_CASES)
def test_awaited_condition_is_no_event(nlp, text: str, party: str) -> None:
    evs = run(nlp, text)
    assert not [e for e in evs if party in e.actor.name and e.status == "occurred"]
    assert not [e for e in evs if party in e.actor.name and e.type in ("SUPPORT", "AGREE")]


def test_apology_is_a_concession(nlp) -> None:
    (ev,) = run(nlp, "Dunmoor apologised to Lormark for the border incident.")
    assert ev.type == "CONCEDE" and ev.target is not None and ev.target.name == "Lormark"


TARGET_CASES = [
    ("Dunmoor called on Lormark to release the prisoners.", "REQUEST", "Lormark"),
    ("Dunmoor imposed new sanctions on Lormark.", "SANCTION", "Lormark"),
    ("Lormarki soldiers killed four farmers in Harrow.", "ASSAULT", None),
    (
        "The envoy of Dunmoor met Lormark's foreign minister on the sidelines of the summit.",
        "CONSULT",
        "Lormark",
    ),
]


@pytest.mark.parametrize(("text", "etype", "target"), TARGET_CASES)
def test_target_prepositions(nlp, text: str, etype: str, target: str | None) -> None:
    evs = of_type(run(nlp, text), etype)
    assert evs, f"no {etype} in {text!r}"
    got = evs[0].target.name if evs[0].target is not None else None
    assert (got is None) if target is None else (got is not None and target in got)


def test_returned_fire_is_an_assault_without_a_weapon_mode(nlp) -> None:
    (ev,) = of_type(
        run(nlp, "Dunmoori forces returned fire and destroyed two Lormarki positions."), "ASSAULT"
    )
    assert "Dunmoor" in ev.actor.name and ev.mode is None


def test_modal_on_the_governing_verb_makes_the_until_clause_pending(nlp) -> None:
    evs = run(nlp, "The Renewal party would keep protesting until Prime Minister Aro Vessel stepped down.")
    assert not of_type(evs, "RETREAT")


def test_rejection_told_in_a_relative_clause_is_the_rejecters(nlp) -> None:
    evs = run(
        nlp, "Rights groups said the detained fishermen had been beaten by guards, a claim Marrin rejected."
    )
    assert [e.actor.name for e in of_type(evs, "REJECT")] == ["Marrin"]


def test_demonym_on_a_seized_thing_names_the_target_state(nlp) -> None:
    text = "Tolva protested after Marrin seized two Tolvan fishing boats."
    (ev,) = of_type(run_with_states(nlp, text, {"Tolva": ["Tolvan"], "Marrin": []}), "COERCE")
    assert ev.actor.name == "Marrin" and ev.target is not None and ev.target.name == "Tolva"


def test_deployed_troops_are_not_the_target(nlp) -> None:
    (ev,) = of_type(run(nlp, "Marrin deployed additional troops to the border region."), "MOBILIZE")
    assert ev.target is None


def test_weapon_of_the_provoking_act_is_not_the_mode(nlp) -> None:
    text = "Keshari militants attacked a checkpoint in retaliation for an air strike on their camp."
    evs = [e for e in of_type(run(nlp, text), "ASSAULT") if e.trigger == "attacked"]
    assert evs and evs[0].mode is None


# --- the derived-event table (lexicon plover_derived) ------------------------------------------

PLEDGE_CASES = [
    # a pledge of aid, cooperation or a concession ("will ...") is an AGREE made now: one event
    ("Portugal will give Angola a loan to build a railway.", "AID", "Portugal", "Angola"),
    ("Brazil will cooperate with Argentina on customs checks.", "COOPERATE", "Brazil", "Argentina"),
    ("The rebels will free the captured journalists.", "CONCEDE", "rebels", None),
    ("Kenya will assist Somalia in rebuilding its army.", "AID", "Kenya", "Somalia"),
]


@pytest.mark.parametrize(("text", "source", "actor", "target"), PLEDGE_CASES)
def test_a_pledge_is_recoded_as_one_agree(
    nlp, text: str, source: str, actor: str, target: str | None
) -> None:
    (ev,) = run(nlp, text)
    assert (ev.type, ev.status) == ("AGREE", "occurred")
    assert ev.reason.startswith(f"declared intent of {source} (pledge): verb lexicon: {source} <- ")
    assert actor in ev.actor.name
    assert (ev.target.name if ev.target else None) == target


DERIVED_CASES = [
    # a declared hostile act (future or plan) is also a THREATEN
    ("The navy will shell the harbour of Tarvik.", "ASSAULT", "THREATEN", "navy", "Tarvik"),
    ("Estonia will expel three Russian diplomats.", "SANCTION", "THREATEN", "Estonia", "Russia"),
    ("Uganda plans to blockade the border crossing.", "COERCE", "THREATEN", "Uganda", None),
]


@pytest.mark.parametrize(("text", "source", "derived", "actor", "target"), DERIVED_CASES)
def test_declared_intent_derives_an_event(
    nlp, text: str, source: str, derived: str, actor: str, target: str | None
) -> None:
    events = run(nlp, text)
    (act,) = of_type(events, source)
    (said,) = of_type(events, derived)
    assert act.status == "planned"  # the declared act itself stays, as planned
    assert said.status == "occurred"  # the pledge or threat is made now
    assert said.reason == f"declared intent of {source}"
    assert said.actor.name == act.actor.name and actor in said.actor.name
    assert (said.target.name if said.target else None) == target
    assert said.span == act.span and said.trigger == act.trigger


NOT_DERIVED_CASES = [
    # done, not declared: no pledge, no threat
    ("Finland gave Tanzania a grant last year.", "AID"),
    ("The army attacked the rebel stronghold at dawn.", "ASSAULT"),
    # a plan without "will" is no pledge (the row asks for future_marked)
    ("Japan plans to give Nepal a loan.", "AID"),
    # a refused act is neither
    ("Ghana will not send aid to the refugees.", "AID"),
    ("Poland will not impose sanctions on Hungary.", "SANCTION"),
]


@pytest.mark.parametrize(("text", "source"), NOT_DERIVED_CASES)
def test_no_derived_event_without_a_declared_intent(nlp, text: str, source: str) -> None:
    events = run(nlp, text)
    assert of_type(events, source), "the act itself is still coded"
    assert not of_type(events, "AGREE") and not of_type(events, "THREATEN")


@pytest.mark.parametrize(
    "text", ["Kenya will not sign the accord.", "The guerrillas did not accept the truce."]
)
def test_refused_agreement_is_recoded_in_place(nlp, text: str) -> None:
    (ev,) = run(nlp, text)
    assert (ev.type, ev.status) == ("REJECT", "occurred")
    assert ev.reason.startswith("verb lexicon: AGREE <- ")
    assert ev.reason.endswith(" (an agreement refused is a rejection)")


def test_derived_table_names_only_plover_types_and_known_checks() -> None:
    plover = set(lexicons.entries("plover_verbs"))
    rows = lexicons.entries("plover_derived")
    assert rows
    for row in rows:
        assert set(row["from"]) <= plover and row["to"] in plover
        assert row["action"] in ("derive", "recode")
        assert row.get("condition") in (None, *DERIVED_CONDITIONS)
        assert row["reason"]
