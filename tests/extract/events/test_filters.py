"""The drop checks of extract/events/filters.py, each alone: a candidate built by hand on one
trigger, so a check is tested apart from the triggers that would find it."""

from __future__ import annotations

import pytest

from counterclaim.extract.events.filters import DROP_CHECKS, LATE_CHECKS, kept
from counterclaim.extract.events.state import Candidate
from counterclaim.extract.events.triggers import candidates
from counterclaim.records import Party

from .conftest import word

# (text, trigger, the event its clause hangs on or None, the one check that drops it)
DROPPED = [
    ("Ruritania promised to withdraw its troops from Olm.", "withdraw", None, "embedded_in_intent"),
    ("The soldiers, who shelled Olm in 2015, were honoured in Kell.", "shelled", None, "backgrounded"),
    ("Olmavia's foreign minister travelled to Paris to sign a pact.", "sign", "travelled", "purpose_of"),
    ("Ruritanian troops shelled the post, wounding five guards.", "wounding", "shelled", "consequence"),
    ("Ruritania will expel envoys unless Olmavia apologizes.", "apologizes", None, "condition_of_another"),
    ("The death toll in Monday's missile attacks on Kell rose to 42.", "attacks", None, "toll_setting"),
    ("The envoys will meet in Kell to discuss extending the truce.", "truce", None, "topic_of_talks"),
    ("Olmavia and Ruritania held talks on a prisoner exchange.", "exchange", None, "topic_of_talks"),
    ("Kell staged the attack to sabotage Ruritania's talks with Olmavia.", "talks", None, "topic_of_talks"),
]
# the same acts told as news of their own
KEPT = [
    ("Ruritania withdrew its troops from Olm.", "withdrew"),
    ("The soldiers shelled the village in 2015.", "shelled"),
    ("Olmavia's foreign minister signed a pact in Paris.", "signed"),
    ("Ruritanian troops wounded five guards at the post.", "wounded"),
    ("Olmavia apologized to Ruritania on Monday.", "apologized"),
    ("Monday's missile attacks on Kell killed 42 people.", "attacks"),
    ("The envoys extended the truce in Kell.", "truce"),
    ("Olmavia and Ruritania carried out a prisoner exchange.", "exchange"),
]


def fired(c: Candidate, types: dict[int, str]) -> list[str]:
    return [check.__name__ for check in DROP_CHECKS if check(c, types)]


@pytest.mark.parametrize(("text", "trigger", "head", "check"), DROPPED)
def test_each_check_drops_its_kind_alone(read, text: str, trigger: str, head: str | None, check: str) -> None:
    st = read(text)
    tok = word(st, trigger)
    types = {tok.i: "ASSAULT"} | ({word(st, head).i: "ASSAULT"} if head else {})
    assert fired(Candidate("ASSAULT", tok, [Party.unknown()]), types) == [check]


@pytest.mark.parametrize(("text", "trigger"), KEPT)
def test_no_check_drops_a_main_clause_act(read, text: str, trigger: str) -> None:
    st = read(text)
    tok = word(st, trigger)
    assert fired(Candidate("ASSAULT", tok, [Party.unknown()]), {tok.i: "ASSAULT"}) == []


def test_the_checks_and_their_order() -> None:
    assert [c.__name__ for c in DROP_CHECKS] == [
        "embedded_in_intent",
        "backgrounded",
        "purpose_of",
        "topic_of_talks",
        "order_for_an_act",
        "consequence",
        "condition_of_another",
        "part_of_statement",
        "toll_setting",
    ]


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("The prime minister ordered troops to take control of the buffer zone.", True),
        ("The general ordered the army to attack the border post.", True),
        # no act named: the order that sends them is the event
        ("The general ordered troops to the border.", False),
    ],
)
def test_an_order_to_forces_is_the_act_ordered(read, text: str, dropped: bool) -> None:
    st = read(text)
    order = word(st, "ordered")
    types = {order.i: "MOBILIZE"} | {
        t.i: "COERCE" for t in st.doc if t.dep_ == "xcomp" and t.head.i == order.i
    }
    assert ("order_for_an_act" in fired(Candidate("MOBILIZE", order, [Party.unknown()]), types)) is dropped


def test_kept_leaves_the_promise_and_drops_what_is_promised(read) -> None:
    st = read("Ruritania promised to withdraw its troops from Olm.")
    found = candidates(st, next(st.doc.sents))
    assert [(c.type, c.trigger.text) for c in found] == [("AGREE", "promised"), ("RETREAT", "withdraw")]
    assert [(c.type, c.trigger.text) for c in kept(found)] == [("AGREE", "promised")]


def test_a_participle_adding_to_a_statement_is_that_statement(read) -> None:
    st = read("Calvera condemned the attack, calling for an investigation.")
    calling, condemned = word(st, "calling"), word(st, "condemned")
    types = {condemned.i: "ACCUSE", calling.i: "REQUEST"}
    assert [
        c.__name__ for c in DROP_CHECKS if c(Candidate("REQUEST", calling, [Party.unknown()]), types)
    ] == ["part_of_statement"]
    # told as an act of its own it stays
    st = read("Calvera called for an investigation.")
    called = word(st, "called")
    assert not [
        c for c in DROP_CHECKS if c(Candidate("REQUEST", called, [Party.unknown()]), {called.i: "REQUEST"})
    ]


# (text, trigger, the late check that drops it, or None when it stays)
LATE = [
    ("Talks ended. Olmavia only hits military targets, its minister said.", "hits", "generic"),
    ("Talks ended. The army does not strike civilian infrastructure.", "strike", "generic"),
    ("Talks ended. Olmavia hit the depot on Monday.", "hit", None),
    ("Talks ended. The hospital was hit by a falling air defense missile.", "hit", "intercepted"),
    ("Talks ended. The hospital was hit by a Russian missile.", "hit", None),
    ("Talks ended. The army denied any attacks on civilian targets.", "attacks", "denied_any"),
    ("Talks ended. Our forces did not strike any civilian settlement.", "strike", "denied_any"),
    ("Talks ended. Our forces did not strike the village of Olm.", "strike", None),
]


@pytest.mark.parametrize(("text", "trigger", "check"), LATE)
def test_late_checks(read, text: str, trigger: str, check: str | None) -> None:
    st = read(text)
    tok = word(st, trigger)
    fired_late = [
        c.__name__ for c in LATE_CHECKS if c(Candidate("ASSAULT", tok, [Party.unknown()]), {tok.i: "ASSAULT"})
    ]
    assert fired_late == ([check] if check else [])
