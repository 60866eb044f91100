"""A hand-built analysis with a record in every part, for store and schema tests."""

from __future__ import annotations

from counterclaim.records import (
    Analysis,
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Framing,
    Inconsistency,
    Party,
    Quote,
    SideSlant,
    Slant,
)

TEXT = (
    "The defence ministry said 12 soldiers were killed on Monday. "
    '"We will respond," minister Anna Berg said. Rebels claimed 40 soldiers died.\n'
)


def make_analysis(text: str = TEXT, title: str = "Clash at the ridge") -> Analysis:
    """A hand-built analysis with a record in every part. Its spans are TEXT's: a shorter text
    gets TEXT appended, so every span stays inside it (the store refuses spans past the end)."""
    if len(text) < len(TEXT):
        text = text.rstrip("\n") + " " + TEXT
    art = Article.make(text, title=title, outlet="Example Wire", published="2024-05-07", source="test")
    berg = Entity(
        id="e1",
        name="Anna Berg",
        type="PERSON",
        aliases=["Anna Berg", "Berg"],
        mentions=[(88, 97)],
        descriptors=["minister"],
        reason="ner",
    )
    rebels = Entity(
        id="e2", name="Rebels", type="GROUP", aliases=["Rebels"], mentions=[(106, 112)], reason="ner"
    )
    ministry = Party(name="defence ministry", kind="source", resolved_via="name")
    return Analysis(
        article=art,
        entities=[berg, rebels],
        quotes=[
            Quote(
                speaker=Party(name="Anna Berg", entity_id="e1"),
                text="We will respond",
                kind="direct",
                span=(61, 98),
                cue="said",
                reason="quote-cue",
            )
        ],
        figures=[
            Figure(
                value=12,
                category="killed",
                subject="soldiers",
                claimant=ministry,
                span=(26, 37),
                party="government",
                as_of="2024-05-06",
                reason="figure",
            ),
            Figure(
                value=40,
                category="killed",
                subject="soldiers",
                claimant=Party(name="Rebels", entity_id="e2"),
                span=(121, 132),
                party="government",
                reason="figure",
            ),
        ],
        events=[
            Event(
                type="ASSAULT",
                actor=Party(name="Rebels", entity_id="e2"),
                span=(0, 60),
                target=Party(name="government"),
                date="2024-05-06",
                reason="plover",
            )
        ],
        framing=[
            Framing(text="claimed", technique="doubt", voice="outlet", span=(113, 120), reason="loaded-cue")
        ],
        dates=[DateMention(text="Monday", value="2024-05-06", span=(52, 58), grain="day", reason="weekday")],
        inconsistencies=[
            Inconsistency(
                figures=[0, 1], severity="contradiction", explanation="12 vs 40", reason="same-count"
            )
        ],
        slant=Slant(
            sides=[SideSlant(side="government", quotes=1, figures=1, cues={"said": 1}, neutral_cues=1)],
            last_word="Rebels",
            outlet_voice_share=0.25,
        ),
        warnings=["a test warning"],
    )
