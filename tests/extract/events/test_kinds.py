"""The kinds of reporting issue 16 names, each as (text, expected) cases read through the whole
pipeline (entities, quotes and who first), so speech acts rest on the quote layer as they do in
an article: what is coded, what is not, and with which actor and target.

Every sentence is written for these tests; the places are real or invented, the events are not
reports of real ones. Each text opens with a line of its own, so no case is read as a headline.
"""

from __future__ import annotations

import pytest

from counterclaim.pipeline import analyze
from counterclaim.records import Event

PUBLISHED = "2024-03-06"
LEAD = "Officials gave the following account on Wednesday.\n\n"


def events(text: str) -> list[Event]:
    return analyze(LEAD + text, title="Test wire", published=PUBLISHED).events


def coded(text: str) -> set[tuple[str, str, str | None]]:
    """(type, actor, target) of every event of the text."""
    return {(e.type, e.actor.name, e.target.name if e.target else None) for e in events(text)}


def types(text: str) -> set[str]:
    return {e.type for e in events(text)}


def has(found: set[tuple[str, str, str | None]], etype: str, actor: str, target: str | None = None) -> bool:
    """An event of ``etype`` whose actor's name holds ``actor`` and, when given, whose target's
    name holds ``target``."""
    return any(c[0] == etype and actor in c[1] and (target is None or target in (c[2] or "")) for c in found)


# --- spurious: no event, or not this one -----------------------------------------------------

NOT_CODED = [
    # a position is no agreement: readiness for an aim, not an act
    ('"We are ready to resolve the issue through mutual concessions," the Ossarian minister said.', "AGREE"),
    # an agreement held to a condition is no agreement yet
    ("The rebels said they would agree to a truce only if the army withdrew from the valley.", "AGREE"),
    ("Ossaria is willing to hold talks with Veshtar if the shelling stops.", "AGREE"),
    # "fight" in a vow against no enemy, or against an abstraction
    ("The president vowed to fight corruption in the ministry.", "THREATEN"),
    ("The minister vowed to fight on.", "THREATEN"),
    # a plain "said", an opinion ("should") and a question are no requests
    ("The ministry said the convoy had reached the city of Kell.", "REQUEST"),
    ("Officials said Veshtar should draw conclusions from the defeat.", "REQUEST"),
    ("The spokesman was asked by journalists if there had been a mistake.", "REQUEST"),
    ('"The army hit the depot," a source said, requesting anonymity.', "REQUEST"),
    # a habit stated in the present is no event
    ("Olmavia only hits military targets, its defence minister said.", "ASSAULT"),
    ("The Olmavian military does not strike civilian infrastructure, the spokesman said.", "ASSAULT"),
    # a demand is a request, not the demanded act
    ("Calvera said Dostrana must withdraw its troops from the border.", "RETREAT"),
]


@pytest.mark.parametrize(("text", "etype"), NOT_CODED)
def test_not_coded(text: str, etype: str) -> None:
    assert etype not in types(text)


def test_a_habit_in_a_headline_is_no_event() -> None:
    text = "Olmavia only hits military targets, its defence minister says\n\nThe minister spoke on Monday."
    assert "ASSAULT" not in {e.type for e in analyze(text, published=PUBLISHED).events}


def test_x_is_to_blame_is_the_speakers_charge_not_xs() -> None:
    found = coded("Calveran state media claimed that Dostranan air defences were to blame for the deaths.")
    assert not [c for c in found if c[0] == "ACCUSE" and "Dostran" in c[1]]
    assert any(c[0] == "ACCUSE" and "state media" in c[1] for c in found)


def test_a_meeting_place_is_not_the_counterpart() -> None:
    assert ("CONSULT", "Dostrana", "Calvera") in coded(
        "Dostrana held talks in Geneva with Calvera on Monday."
    )


def test_one_assist_is_one_pledge() -> None:
    evs = events("Kenya will assist Somalia in rebuilding its army.")
    assert [(e.type, e.actor.name, e.target.name if e.target else None) for e in evs] == [
        ("AGREE", "Kenya", "Somalia")
    ]


def test_the_name_of_a_summit_is_not_who_meets() -> None:
    found = coded(
        "The US and China are expected to use the upcoming Shangri-La Dialogue summit to discuss the war."
    )
    assert all("Shangri" not in c[1] for c in found)
    assert any(c[0] == "CONSULT" and c[1] == "United States" for c in found)


# --- speech acts --------------------------------------------------------------------------------

SPEECH_ACTS = [
    # a call to take up arms mobilises
    (
        "Pashinian called on all Armenians to take up arms and defend the motherland.",
        "MOBILIZE",
        "Pashinian",
        None,
    ),
    ("Pashinian urged citizens to enlist in volunteer units.", "MOBILIZE", "Pashinian", None),
    # ruling out diplomacy is a rejection
    ("Pashinian ruled out talks with Azerbaijan.", "REJECT", "Pashinian", "Azerbaijan"),
    (
        '"There is no way to settle the conflict through diplomacy," Pashinian said.',
        "REJECT",
        "Pashinian",
        None,
    ),
    ("Zelensky said Russia will not join negotiations.", "REJECT", "Russia", None),
    # a charge names whom it charges
    ("Serbia accused Kosovo of provoking the clashes.", "ACCUSE", "Serbia", "Kosovo"),
    ("Israel blamed Hezbollah for the weekend attack on Majdal Shams.", "ACCUSE", "Israel", "Hezbollah"),
    # a denial answers the party whose claim it denies
    (
        "Ossaria denied Veshtar's claims that Ossarian troops shelled the village of Olm.",
        "REJECT",
        "Ossaria",
        "Veshtar",
    ),
    # the content of a proof the parser took for a relative clause is still the charge
    (
        "Ossaria's security service said it had evidence the hospital was hit by a Veshtari cruise missile.",
        "ACCUSE",
        "security service",
        "Veshtari",
    ),
    # a condemnation of an act charges its actor
    ("Calvera condemned the shelling of Port Selva by Dostranan artillery.", "ACCUSE", "Calvera", None),
    # what a statement does by its words
    ("Calvera said every Dostranan convoy is a legitimate target.", "THREATEN", "Calvera", None),
    ("Calvera said Dostrana must withdraw its troops from the border.", "REQUEST", "Calvera", "Dostrana"),
]


@pytest.mark.parametrize(("text", "etype", "actor", "target"), SPEECH_ACTS)
def test_speech_acts(text: str, etype: str, actor: str, target: str | None) -> None:
    found = [c for c in coded(text) if c[0] == etype and actor in c[1]]
    assert found, coded(text)
    if target is not None:
        assert any(c[2] == target for c in found), found


def test_a_speech_act_rests_on_its_quote() -> None:
    text = "Serbia's foreign ministry said Kosovo police shelled the village of Banjska on Monday."
    evs = [e for e in events(text) if e.type == "ACCUSE"]
    assert evs and evs[0].source_quote is not None
    assert evs[0].reason == "reported hostile act (ASSAULT) by another party"


def test_a_denial_that_blames_the_other_side_also_charges_it() -> None:
    text = (
        "The Ossarian ministry said Ossarian forces did not strike residential buildings and that "
        "the damage was caused by Veshtari missiles."
    )
    assert any(c[0] == "ACCUSE" and "Veshtar" in (c[2] or "") for c in coded(text))


# --- nominal and passive attacks ----------------------------------------------------------------

ATTACKS = [
    (
        "The Azerbaijani army continued the shelling of Martuni and Askeran on Tuesday.",
        "Azerbaijan",
        "Martuni",
    ),
    (
        "Azerbaijani officials said missile strikes on Ganja killed four civilians on Sunday.",
        "unknown",
        "Ganja",
    ),
    (
        "Azerbaijan said ballistic missiles were launched from the territory of Armenia at the city"
        " of Ganja.",
        "Armenia",
        "Ganja",
    ),
    ("Kramatorsk railway station was hit on Friday, Ukrainian officials said.", "unknown", "Kramatorsk"),
    ("The railway station in Kramatorsk was hit on Friday, officials said.", "unknown", "Kramatorsk"),
    (
        "Two Israeli soldiers were killed along the border in Hezbollah drone attacks on Thursday.",
        "Hezbollah",
        "Israel",
    ),
    ("Calvera's forces shot down two army fighter jets over the capital.", "Calvera", "army"),
    # the agent of a passive whatever the parser made of its 'by'; armed people are a party
    ("Police were ambushed by 30 gunmen near Port Selva.", "gunmen", "Police"),
    ("Police were ambushed by more than 30 armed individuals.", "armed individuals", "Police"),
    # 'they' in a time clause goes on from the main clause; a thing hit stands for its owner
    (
        "Five police vehicles were travelling through Aguililla when they were ambushed by gunmen.",
        "gunmen",
        "police",
    ),
    # the kind of group a modifier names, whatever the tagger made of the word
    (
        "Eleven soldiers have been killed in a suspected jihadist attack in eastern Dostrana.",
        "jihadists",
        "soldiers",
    ),
]


CODED = [
    # 'sides' is no party, unless a named party's word goes with it
    ("The Ossarian and Veshtari sides have agreed to share data on missing people.", "AGREE", "Ossaria"),
    # an object and its conjuncts: 'photographs and intelligence' is aid
    ("Ossaria is providing photographs and intelligence to Veshtar.", "AID", "Ossaria"),
]


@pytest.mark.parametrize(("text", "etype", "actor"), CODED)
def test_coded_with_actor(text: str, etype: str, actor: str) -> None:
    assert any(c[0] == etype and actor in c[1] for c in coded(text)), coded(text)


@pytest.mark.parametrize(("text", "actor", "target"), ATTACKS)
def test_nominal_and_passive_attacks(text: str, actor: str, target: str) -> None:
    assert ("ASSAULT", actor, target) in coded(text), coded(text)


def test_an_attack_by_no_one_named_is_located_where_it_hit() -> None:
    (ev,) = [
        e
        for e in events("Missile strikes on Kupiansk killed four civilians on Sunday.")
        if e.type == "ASSAULT"
    ]
    assert (ev.actor.kind, ev.target.name if ev.target else None, ev.location) == (
        "unknown",
        "Kupiansk",
        "Kupiansk",
    )


# an elided passive: the count is who was harmed, never who harmed
VICTIMS = [
    "Twelve soldiers killed in rebel ambush near the border.",
    '"Eleven soldiers lost their lives (and) at least 20" wounded, the army said.',
    "Three killed as shells hit the market in Port Selva, officials said.",
]


@pytest.mark.parametrize("text", VICTIMS)
def test_a_count_harmed_is_no_actor(text: str) -> None:
    actors = {e.actor.name.lower() for e in events(text) if e.type == "ASSAULT"}
    assert not actors & {"soldiers", "twelve soldiers", "three", "20"}, actors


def test_a_spokesman_reporting_his_own_sides_act_charges_no_one() -> None:
    text = (
        'Ostrian forces are fighting "with full force" in Harwick, Ostrian Defence Forces (ODF) '
        "spokesperson Arel Danon said.\n\n"
        'A statement from Danon on Thursday said ODF troops "completed the encirclement of Harwick '
        'City, which is the focal point of the Kessel terror organisation".'
    )
    assert not [c for c in coded(text) if c[0] == "ACCUSE" and "Danon" in c[1]], coded(text)


# --- agreements and meetings named by nouns -----------------------------------------------------


def test_a_brokered_ceasefire_taking_effect_is_an_agreement() -> None:
    found = coded("A humanitarian ceasefire brokered by the United States took effect on Monday.")
    assert ("AGREE", "United States", None) in found


def test_separate_meetings_are_one_consult_per_counterpart() -> None:
    found = coded(
        "Lavrov held separate meetings with the foreign ministers of Armenia and Azerbaijan on Friday."
    )
    assert {c for c in found if c[0] == "CONSULT"} == {
        ("CONSULT", "Lavrov", "Armenia"),
        ("CONSULT", "Lavrov", "Azerbaijan"),
    }


def test_one_happening_told_twice_is_one_event() -> None:
    text = (
        "The ELN and the government agreed on Nov. 7 to resume peace talks. "
        "A week after the parties agreed to resume talks, the military killed 13 guerrillas."
    )
    assert len([e for e in events(text) if e.type == "AGREE"]) == 1


def test_a_second_meeting_on_another_day_is_another_event() -> None:
    text = (
        "Ossaria's foreign minister met Veshtar's foreign minister in Geneva on Monday. "
        "The two ministers met again in Vienna on Friday."
    )
    assert len([e for e in events(text) if e.type == "CONSULT"]) == 2


def test_every_event_names_its_rule() -> None:
    text = "Pashinian ruled out talks with Azerbaijan. Serbia accused Kosovo of provoking the clashes."
    assert all(e.reason for e in events(text))


# --- session 5: what is one act, and whose ------------------------------------------------------

# (text, the events of the given type expected: (actor, target) pairs)
ONE_ACT = [
    # a denial and the participle that spells it out ("..., calling ... false") are one REJECT
    (
        "The Ossarian presidency denied that the president had left the capital, calling such "
        'reports "false news."',
        "REJECT",
        1,
    ),
    # a side's denial, then its own spokesman's words in the next sentence: one REJECT
    (
        "Veshtar accused Ossaria of shelling Amrane. Ossaria rejected that charge. Ossaria's defence "
        'ministry said its forces "did not strike any civilian settlement."',
        "REJECT",
        1,
    ),
    # two speakers in one sentence are two acts
    (
        "Ossaria's defence ministry said Veshtari mortars hit the town of Kell, and Amrane said "
        "Ossarian drones struck a fuel depot in Tesca.",
        "ACCUSE",
        2,
    ),
    # a refusal and a rejection told in one sentence are two acts
    (
        'The Ossarian government said it would not negotiate with "terrorist groups" and has '
        "repeatedly rejected offers of mediation from church leaders.",
        "REJECT",
        2,
    ),
    # "... and denied targeting civilians": the denial told once, by its own verb
    (
        "Ossaria's defence ministry said its forces had struck a fuel depot in Kell and denied "
        "targeting civilians.",
        "REJECT",
        1,
    ),
]


@pytest.mark.parametrize(("text", "etype", "count"), ONE_ACT)
def test_one_act_told_in_several_clauses(text: str, etype: str, count: int) -> None:
    found = [e for e in events(text) if e.type == etype]
    assert len(found) == count, [(e.actor.name, e.trigger) for e in found]


NOT_CODED_HERE = [
    # what talks are about is not done
    ("The envoys will meet in Doha on Tuesday to discuss extending the truce.", "AGREE"),
    ("Ossaria and Veshtar held talks on a ceasefire in Geneva.", "AGREE"),
    # a past fact denied is no refusal of talks
    ("The Ossarian foreign ministry said Ossaria had not taken part in those talks.", "REJECT"),
    # asylum granted by no one named: the one granted it is not the giver
    (
        "State media reported that the president and his family were in Amrane and had been granted asylum.",
        "AID",
    ),
]


@pytest.mark.parametrize(("text", "etype"), NOT_CODED_HERE)
def test_not_coded_here(text: str, etype: str) -> None:
    assert etype not in types(text), coded(text)


ACTOR_CASES = [
    # the forces of a ministry are its state's
    (
        "Azerbaijan's Defense Ministry said its units had destroyed 90 combat positions.",
        "ASSAULT",
        "Azerbaijan",
    ),
    # a town "liberated" by one side is a town taken from the other
    ("Ossarian troops have fully liberated the town of Kell.", "ASSAULT", "Ossaria"),
    # an order sending forces is the act ordered, by whoever ordered it
    ("The Ossarian president ordered troops to take control of the buffer zone.", "COERCE", "Ossaria"),
    # the accuser hung on the gerund in the passive
    (
        "The former president has been accused of misusing public funds by government officials.",
        "ACCUSE",
        "officials",
    ),
]


@pytest.mark.parametrize(("text", "etype", "actor"), ACTOR_CASES)
def test_coded_with_this_actor(text: str, etype: str, actor: str) -> None:
    assert has(coded(text), etype, actor), coded(text)


def test_what_forces_are_ordered_to_do_stands_for_the_order() -> None:
    found = types("The Ossarian president ordered troops to take control of the buffer zone.")
    assert "MOBILIZE" not in found


# (text, type, actor word, target word or None): kinds the PLOVER sentences showed
PLOVER_KINDS = [
    # a step declared out of the question is rejected
    (
        "Ruritanian officials said lifting the sanctions on Olmavia is out of the question.",
        "REJECT",
        "officials",
        None,
    ),
    # a measure announced as decided is that measure
    (
        "Ruritania announced on Monday it would prohibit all aid to the Olmavian rebels.",
        "SANCTION",
        "Ruritania",
        "rebels",
    ),
    # a statement addressed to a party that "it must" act asks that party
    (
        "The Ruritanian president issued a stern reminder to Olmavia that it must free the hostages.",
        "REQUEST",
        "president",
        "Olmavia",
    ),
    # an attempted act happened, by no one named
    (
        "An attempt to assassinate the governor of Kell, Anna Berg, was thwarted on Sunday.",
        "ASSAULT",
        "unknown",
        "governor",
    ),
    # defending a party against criticism backs it
    (
        "The Ruritanian president defended Olmavia on Friday against Western criticism.",
        "SUPPORT",
        "president",
        "Olmavia",
    ),
    # two states' warships in one exercise cooperate
    (
        "Ruritanian and Olmavian warships on Monday launched ten days of war games.",
        "COOPERATE",
        "Ruritania",
        None,
    ),
    # force used to disperse a crowd is repression
    ("Ruritanian police opened fire to disperse demonstrators in Kell on Monday.", "COERCE", "police", None),
    # a party ordered to shut down is coerced
    (
        "The Ruritanian government ordered the opposition newspaper Kell Daily to suspend publication.",
        "COERCE",
        "Ruritania",
        "Kell Daily",
    ),
    # political parties are parties
    ("Seven opposition parties in Ruritania have organized a general strike.", "PROTEST", "parties", None),
]


@pytest.mark.parametrize(("text", "etype", "actor", "target"), PLOVER_KINDS)
def test_plover_kinds(text: str, etype: str, actor: str, target: str | None) -> None:
    found = coded(text)
    assert has(found, etype, actor, target), found


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a decided measure is no threat; "deny entry" calls no claim false
        (
            "Ruritania announced it would prohibit all aid to the rebels and deny entry to their chiefs.",
            "THREATEN",
        ),
        (
            "Ruritania announced it would prohibit all aid to the rebels and deny entry to their chiefs.",
            "REJECT",
        ),
        # "both parties" is still no party
        ("Both parties agreed to a truce.", "AGREE"),
    ],
)
def test_plover_kinds_not_coded(text: str, etype: str) -> None:
    assert etype not in types(text), coded(text)


MORE_KINDS = [
    # naming a group terrorist is a sanction; a naval mission launched is a mobilisation
    (
        "Ruritania listed the Kell Front as a terrorist group in February.",
        "SANCTION",
        "Ruritania",
        "Kell Front",
    ),
    (
        "The European Union launched its own naval mission in the Red Sea on Monday.",
        "MOBILIZE",
        "European Union",
        None,
    ),
    # asking officials to raise armed units is a call to arms
    (
        "The Ruritanian president urged local mayors to organize volunteer units.",
        "MOBILIZE",
        "Ruritania",
        None,
    ),
    # 'ruled' a country is no denial: the act stays an act
    (
        "Taliban ruled Afghanistan has been sharing expertise with the Kell Front.",
        "COOPERATE",
        "Afghanistan",
        None,
    ),
]


@pytest.mark.parametrize(("text", "etype", "actor", "target"), MORE_KINDS)
def test_more_kinds(text: str, etype: str, actor: str, target: str | None) -> None:
    found = {(e.type, e.actor.name, e.target.name if e.target else None, e.status) for e in events(text)}
    assert any(
        c[0] == etype
        and actor in c[1]
        and (target is None or (c[2] is not None and target in c[2]))
        and c[3] != "negated"
        for c in found
    ), found


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a meeting said not to have happened is no meeting (a refusal of talks would be a REJECT)
        ("The Ruritanian foreign ministry said Ruritania had not taken part in those talks.", "CONSULT"),
        # a charge denied is not the denier's charge
        ("Olmavia rejected the accusation on Monday.", "ACCUSE"),
        # one clause listing a group, another telling what someone else did: no charge
        (
            "Ruritania listed the Kell Front as a terrorist group, and the EU launched a naval mission.",
            "ACCUSE",
        ),
    ],
)
def test_more_kinds_not_coded(text: str, etype: str) -> None:
    assert etype not in types(text), coded(text)


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # the party hyphened to "led" carried the attack out, and the attack's object is the target
        (
            "Israel says 1,200 people were killed in the Hamas-led attack on southern Israel on Oct. 7.",
            "Hamas",
            "Israel",
        ),
        # a ministry that says "it hit" speaks for its state's forces
        (
            "Ruritania's Defence Ministry said it hit a gathering of Olmavian commanders in Kell.",
            "Ruritania",
            None,
        ),
    ],
)
def test_who_attacked(text: str, actor: str, target: str | None) -> None:
    found = [c for c in coded(text) if c[0] == "ASSAULT"]
    assert any(c[1] == actor and (target is None or c[2] == target) for c in found), found


def test_a_sponsor_is_no_attacker() -> None:
    found = [
        c
        for c in coded("Ten soldiers were killed in an Iran-backed attack on the base.")
        if c[0] == "ASSAULT"
    ]
    assert not any("Iran" in c[1] for c in found), found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a side's label for the forces of a state the article names is that state
        (
            "Russian terrorists once again attacked Ukraine with missiles, Zelensky said. Russia denied it.",
            "Russia",
        ),
        # no Palestinian state is named: the label names the attackers, not a state
        ("Palestinian terrorists attacked the village of Kfar Aza in Israel.", "Palestinian terrorists"),
    ],
)
def test_a_label_for_a_states_forces(text: str, actor: str) -> None:
    assert any(c[0] == "ASSAULT" and c[1] == actor for c in coded(text)), coded(text)


def test_striking_only_military_targets_is_a_denial() -> None:
    text = (
        "Ruritania's defence ministry was asked about the strike on Monday. Ruritanian defence "
        'spokesman Ivan Petrov said the Ruritanian army "exclusively carries out strikes against '
        'military targets".'
    )
    found = coded(text)
    assert has(found, "REJECT", "Petrov"), found
    assert not [c for c in found if c[0] == "ASSAULT"], found  # a rule stated, no strike told


def test_strikes_carried_out_every_night_are_still_strikes() -> None:
    assert "ASSAULT" in types("Russian forces carry out strikes on Kharkiv every night.")


def test_a_weapon_from_a_partys_system_is_that_partys() -> None:
    text = (
        "Ruritanian foreign ministry spokesperson Anna Berg said on Tuesday that the hospital had been "
        "hit by a missile from the Olmavian air defense system."
    )
    found = coded(text)
    assert has(found, "ACCUSE", "Berg", "Olmavia"), found


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # calling a figure into doubt rejects the claim of whoever released it
        (
            "Anna Berg of Amnesty International counted 77 bodies, challenging the initial casualty "
            "figure released by NEMA.",
            "Berg",
            "NEMA",
        ),
        ("The Olmavian army disputed the Ruritanian ministry's account of the raid.", "army", "ministry"),
    ],
)
def test_a_figure_or_account_disputed_is_rejected(text: str, actor: str, target: str) -> None:
    found = coded(text)
    assert has(found, "REJECT", actor, target), found


def test_a_ceasefire_and_a_withdrawal_of_one_side_are_two_acts() -> None:
    text = (
        "Tigrayan forces entered Mekelle on Monday as federal soldiers pulled out, hours after the "
        "federal government declared a unilateral ceasefire."
    )
    assert len([e for e in events(text) if e.type == "RETREAT"]) == 2, coded(text)


def test_a_strike_told_twice_at_one_place_is_one_strike() -> None:
    text = (
        "Israel struck Beirut on Tuesday evening, the Israeli military said. "
        '"The Israeli army carried out a targeted strike in Beirut," the military said.'
    )
    assert len([e for e in events(text) if e.type == "ASSAULT"]) == 1, coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gov. Anna Berg said Olmavian shelling killed one man and damaged 15 homes in Kell.",
        "Ruritania's Health Ministry said one civilian was killed by Olmavian fire.",
    ],
)
def test_a_toll_reported_with_who_caused_it_is_no_charge(text: str) -> None:
    found = coded(text)
    assert "ASSAULT" in {c[0] for c in found} and "ACCUSE" not in {c[0] for c in found}, found


def test_a_charge_in_a_toll_still_charges() -> None:
    # loaded words make the report a charge
    found = coded("Gov. Anna Berg said Olmavian terrorists murdered one man in Kell.")
    assert has(found, "ACCUSE", "Berg"), found


def test_a_quoted_label_after_a_possessive_keeps_its_owner() -> None:
    found = coded("Tellhaven’s “peacekeepers” have in fact dug in with heavy artillery near Kell.")
    assert any(c[0] == "MOBILIZE" and c[1] == "Tellhaven" for c in found), found


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # an army's word for killing fighters (who it killed is no party here)
        ("Army warplanes helped to neutralise at least 15 terrorists near Kell.", "army", None),
        # told in the passive by a side, the side's own kills
        ("The army said that 64 rebels had been neutralised in the fighting around Kell.", "army", "rebels"),
    ],
)
def test_a_sides_words_for_its_own_kills(text: str, actor: str, target: str | None) -> None:
    found = [c for c in coded(text) if c[0] == "ASSAULT"]
    assert any(actor in c[1].lower() and (target is None or target in (c[2] or "")) for c in found), found
