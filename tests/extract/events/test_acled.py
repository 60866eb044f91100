"""The ACLED-style export carries the attacks events now finds in nominal and passive reporting,
with actor, target and location: one article read through the pipeline, then exported."""

from __future__ import annotations

from counterclaim.export import Tables
from counterclaim.pipeline import analyze

TEXT = """KYIV (Wire) - The railway station in Kramatorsk was hit by missiles on Friday, killing 12 people, \
the regional governor said.

The Russian army continued the shelling of Kupiansk on Saturday. Azerbaijan said ballistic missiles \
were launched from the territory of Armenia at the city of Ganja on Sunday.
"""


def test_acled_rows_carry_nominal_and_passive_attacks() -> None:
    a = analyze(TEXT, title="Strikes hit eastern Ukraine", published="2024-03-06", outlet="Wire")
    rows = Tables([a]).rows("acled")
    attacks = {
        (r["actor1"], r["actor2"], r["location"], r["event_type"], r["fatalities"])
        for r in rows
        if r["plover_type"] == "ASSAULT"
    }
    assert attacks == {
        # an attack whose author the article does not name: ACLED's unidentified actor
        ("Unidentified Armed Group", "Kramatorsk", "Kramatorsk", "Explosions/Remote violence", 12),
        # "the shelling of Kupiansk": the place shelled is target and location
        ("Russia", "Kupiansk", "Kupiansk", "Explosions/Remote violence", 0),
        # "launched from the territory of Armenia": the actor from the text of the claim
        ("Armenia", "Ganja", "Ganja", "Explosions/Remote violence", 0),
    }
    # the claim itself is a row too, a statement and no attack
    assert ("Azerbaijan", "Armenia", "Strategic developments") in {
        (r["actor1"], r["actor2"], r["event_type"]) for r in rows if r["plover_type"] == "ACCUSE"
    }


def test_acled_leaves_out_what_did_not_happen() -> None:
    text = "Ossaria will shell the harbour of Tarvik, its defence minister said on Monday.\n"
    a = analyze(text, title="Threats", published="2024-03-06", outlet="Wire")
    assert any(e.type == "ASSAULT" and e.status == "planned" for e in a.events)
    assert not [r for r in Tables([a]).rows("acled") if r["plover_type"] == "ASSAULT"]


def test_acled_rows_name_the_attacker_a_report_names_indirectly() -> None:
    # the party hyphened to "led" carried the attack out; a ministry's "it hit" is its state's
    text = (
        "GAZA (Wire) - Israel says 1,200 people were killed in the Hamas-led attack on southern Israel "
        "on Oct. 7.\n\nRuritania's Defence Ministry said on Sunday it hit a depot of Olmavian troops "
        "in the town of Kell.\n"
    )
    a = analyze(text, title="Attacks", published="2024-03-06", outlet="Wire")
    rows = [r for r in Tables([a]).rows("acled") if r["plover_type"] == "ASSAULT"]
    actors = {(r["actor1"], r["actor2"]) for r in rows}
    assert ("Hamas", "Israel") in actors, actors
    assert any(r["actor1"] == "Ruritania" for r in rows), actors
