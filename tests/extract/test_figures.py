"""Figures: values, qualifiers, categories, subjects, parties, claimants and dates, on sentences
written for these tests (none from the devset)."""

from __future__ import annotations

import pytest

from counterclaim.extract import entities, figures
from counterclaim.records import Article, Context, DateMention, Party, Quote

OUTLET = "Test Wire"
PUBLISHED = "2024-05-01"


def run(nlp, text: str, **ctx_fields) -> list[figures.Figure]:
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet=OUTLET, published=PUBLISHED), published=PUBLISHED)
    ctx.entities = entities.extract(doc, ctx)  # as in the pipeline: figures read the entity table
    for k, v in ctx_fields.items():
        setattr(ctx, k, v)
    return figures.extract(doc, ctx)


def brief(f: figures.Figure) -> tuple[float, str, str, str]:
    return (f.value, f.qualifier, f.category, f.claimant.name)


# (text, [(value, qualifier, category, claimant name), ...]) in text order
CASES = [
    # real reporting: a claim noun's author, the outlet's own description of an admitted act, a
    # toll dated by the report rather than told by it, people 'eliminated'
    (
        "The spokesman's comment followed claims by Kiev that 18 civilians were killed in the strike.",
        [(18, "exact", "killed", "Kiev")],
    ),
    (
        "Russia has admitted carrying out a missile attack on Sumy that killed at least 34 civilians.",
        [(34, "at_least", "killed", OUTLET)],
    ),
    (
        "Israel announced new strikes on Sunday, a day after 558 people, including 50 children, have "
        "been killed in the bombardment.",
        [(558, "exact", "killed", OUTLET), (50, "exact", "killed", OUTLET)],
    ),
    (
        "More than 600 soldiers have been eliminated in the strike, the Varnian Defence Ministry said.",
        [(600, "more_than", "killed", "Varnian Defence Ministry")],
    ),
    # a toll before an announced intention is the outlet's; a number closing a quotation
    (
        "The Varnian army said it would intensify its strikes after three civilians were injured in a "
        "rocket barrage.",
        [(3, "exact", "wounded", OUTLET)],
    ),
    (
        '"Eleven soldiers lost their lives and at least 20" wounded, the Varnian army said.',
        [(20, "at_least", "wounded", "Varnian army")],
    ),
    # claimants: speech verbs, according to, passive by-phrase, outlet
    (
        "The Lorvan Health Ministry said 41 people were killed in the raid.",
        [(41, "exact", "killed", "Lorvan Health Ministry")],
    ),
    (
        "According to local officials, 17 villagers died in the flood of shelling.",
        [(17, "exact", "killed", "local officials")],
    ),
    ("At least 12 soldiers were wounded, the army said on Monday.", [(12, "at_least", "wounded", "army")]),
    (
        "The strike killed 9 people and wounded 30 others.",
        [(9, "exact", "killed", OUTLET), (30, "exact", "wounded", OUTLET)],
    ),
    (
        "The toll was reported by the Red Lantern Society, which counted 23 dead.",
        [(23, "exact", "killed", "Red Lantern Society")],
    ),
    (
        "Governor Mira Talsen told reporters that 6 residents were missing after the blast.",
        [(6, "exact", "missing", "Mira Talsen")],  # the person, not her title
    ),
    # qualifiers
    ("Rescuers said more than 200 people were injured.", [(200, "more_than", "wounded", "Rescuers")]),
    ("Officials said over 1,700 houses were damaged.", [(1700, "more_than", "damaged", "Officials")]),
    ("The agency said upwards of 5,000 people had fled.", [(5000, "more_than", "displaced", "agency")]),
    ("Medics said nearly 90 people were hurt.", [(90, "about", "wounded", "Medics")]),
    ("Police said some 300 protesters were detained.", [(300, "about", "captured", "Police")]),
    ("The ministry said around 40 houses were destroyed.", [(40, "about", "destroyed", "ministry")]),
    # "lost N fighters" counts the dead (version 4 of figure_categories)
    ("The rebels said they had lost fewer than 50 fighters.", [(50, "fewer_than", "killed", "rebels")]),
    ("The army said it had suffered 40 casualties.", [(40, "exact", "casualties", "army")]),
    # lives taken count the killed, and taking them reports nothing (version 6)
    ("A surge in attacks has claimed almost 200 lives.", [(200, "about", "killed", "Test Wire")]),
    ("The ministry said the attacks had claimed 200 lives.", [(200, "exact", "killed", "ministry")]),
    ("Rescuers saved 30 lives.", []),
    ("Some 60,000 evacuated residents cannot return home.", [(60000, "about", "displaced", "Test Wire")]),
    # '(CNN)Thirteen': a bracket glued to the first word
    ("(CNN)Thirteen police officers were killed in an ambush, officials said.",
     [(13, "exact", "killed", "officials")]),
    # people who suffered injuries or sustained wounds are wounded (version 5)
    ("Police said three more officers suffered injuries.", [(3, "exact", "wounded", "Police")]),
    ("The ministry said 12 people sustained shrapnel wounds.", [(12, "exact", "wounded", "ministry")]),
    ("The governor said up to 400 homes had been damaged.", [(400, "at_most", "damaged", "governor")]),
    ("The mission said at most 20 civilians were killed.", [(20, "at_most", "killed", "mission")]),
    ("Monitors said between 20 and 30 fighters were killed.", [(20, "range", "killed", "Monitors")]),
    ("Monitors said 20-30 fighters were killed.", [(20, "range", "killed", "Monitors")]),
    # number words and written-out scales
    ("The navy said twelve sailors were missing.", [(12, "exact", "missing", "navy")]),
    ("The council said a dozen shops were destroyed.", [(12, "exact", "destroyed", "council")]),
    (
        "The agency said 1.2 million people have been displaced.",
        [(1_200_000, "exact", "displaced", "agency")],
    ),
    (
        "Aid groups said two million people had fled their homes.",
        [(2_000_000, "exact", "displaced", "Aid groups")],
    ),
    ("The agency said 5k people were displaced.", [(5000, "exact", "displaced", "agency")]),
    ("The ministry said twenty-five soldiers were captured.", [(25, "exact", "captured", "ministry")]),
    # categories from nouns, tolls, participles, adjectives, losses
    ("The health office said the death toll rose to 39.", [(39, "exact", "killed", "health office")]),
    ("Doctors said there had been 14 deaths at the clinic.", [(14, "exact", "killed", "Doctors")]),
    ("The army admitted 3,000 casualties.", [(3000, "exact", "casualties", "army")]),
    ("The ministry said 80 people were still missing.", [(80, "exact", "missing", "ministry")]),
    ("Witnesses counted 15 wounded soldiers at the gate.", [(15, "exact", "wounded", "Witnesses")]),
    ("The army said it lost 7 tanks.", [(7, "exact", "destroyed", "army")]),
    ("The militia said 60 of its men were taken prisoner.", [(60, "exact", "captured", "militia")]),
    ("The agency said 4,000 refugees had crossed into Norland.", [(4000, "exact", "displaced", "agency")]),
    (
        "Officials said the number of homes destroyed had reached 650.",
        [(650, "exact", "destroyed", "Officials")],
    ),
    ("The air force said it had shot down 19 drones.", [(19, "exact", "destroyed", "air force")]),
    # shared subjects and categories
    (
        "The ministry said 50 civilians were killed and 120 wounded.",
        [(50, "exact", "killed", "ministry"), (120, "exact", "wounded", "ministry")],
    ),
    (
        "Officials said 30 schools were damaged, along with 12 clinics.",
        [(30, "exact", "damaged", "Officials"), (12, "exact", "damaged", "Officials")],
    ),
    (
        "The agency said 310 people were killed, including 44 children.",
        [(310, "exact", "killed", "agency"), (44, "exact", "killed", "agency")],
    ),
    (
        "The ministry said 80 people were wounded, 11 of them seriously.",
        [(80, "exact", "wounded", "ministry"), (11, "exact", "wounded", "ministry")],
    ),
    (
        "The ministry said the toll had climbed to 61, up from 48 a day earlier.",
        [(61, "exact", "killed", "ministry"), (48, "exact", "killed", "ministry")],
    ),
    # pronoun claimants resolve to the last named speaker
    (
        "The Coastal Guard said it had rescued a crew. It said 8 sailors had drowned.",
        [(8, "exact", "killed", "Coastal Guard")],
    ),
    # complements and names running past their head
    (
        "At least 1,000 people are feared dead after the landslide, according to state media.",
        [(1000, "at_least", "killed", "state media")],
    ),
    (
        "The ambush left 8 dead and 25 wounded, officials said.",
        [(8, "exact", "killed", "officials"), (25, "exact", "wounded", "officials")],
    ),
    (
        "A total of 17 journalists have been killed, the Committee to Protect Journalists said.",
        [(17, "exact", "killed", "Committee to Protect Journalists")],
    ),
    (
        "Shelling killed at least 45 people, including 12 children, the Norland Civil Defence agency said.",
        [
            (45, "at_least", "killed", "Norland Civil Defence agency"),
            (12, "exact", "killed", "Norland Civil Defence agency"),
        ],
    ),
    (
        "Officials in Darvo province said 340 families had been forced to flee their homes.",
        [(340, "exact", "displaced", "Officials in Darvo province")],
    ),
    ("The number of dead stands at 88, the ministry said.", [(88, "exact", "killed", "ministry")]),
    ("Two medics were among those killed.", [(2, "exact", "killed", OUTLET)]),
    # a loss word used as a noun right after the number, whatever the parse says
    (
        "Clinics in Varno have taken in 58 wounded, the regional health office said, "
        "nine of them in surgery.",
        [
            (58, "exact", "wounded", "regional health office"),
            (9, "exact", "wounded", "regional health office"),
        ],
    ),
    (
        "The militia said its own losses came to seven dead and 19 wounded.",
        [(7, "exact", "killed", "militia"), (19, "exact", "wounded", "militia")],
    ),
    # a noun with a bare participle after the number, even inside a quoted fragment
    (
        'The army said the rebels had lost "at least 35 fighters killed and more than 80 wounded" '
        "at the pass.",
        [(35, "at_least", "killed", "army"), (80, "more_than", "wounded", "army")],
    ),
    (
        "Monitors have verified 230 Estovian tanks destroyed since the spring.",
        [(230, "exact", "destroyed", "Monitors")],
    ),
    (
        'Drone images showed "between 120 and 150 buildings" with heavy damage near the port.',
        [(120, "range", "damaged", OUTLET)],  # images are no party: the outlet vouches for them
    ),
    # a reporting clause set into the sentence, its pronoun resolved to the last speaker
    (
        "The mayor, Ilse Brandt, said the toll had reached 14. "
        "Another 52 people were hurt, she said, 6 of them children.",
        [
            (14, "exact", "killed", "Ilse Brandt"),
            (52, "exact", "wounded", "Ilse Brandt"),
            (6, "exact", "wounded", "Ilse Brandt"),
        ],
    ),
    # a stance verb's subject is the antecedent of a later "it said"
    (
        "The Estovian command dismissed the report. It said only 5 of its soldiers had been killed.",
        [(5, "exact", "killed", "Estovian command")],
    ),
    # a document speaks for its owner
    (
        "The Norland navy rejected the claim. Its daily bulletin said 26 houses were destroyed.",
        [(26, "exact", "destroyed", "Norland navy")],
    ),
    # a partitive's verb decides, not the whole's modifier ("drones launched" is not a loss)
    (
        "Air defences shot down 40 of the 52 drones launched overnight, the air force said.",
        [(40, "exact", "destroyed", "air force")],
    ),
    # a verb bounding its object: "exceeded" is "more than"
    (
        "The ministry said the enemy's losses had exceeded 4,500 personnel.",
        [(4500, "more_than", "casualties", "ministry")],
    ),
    # an elliptical "the 900 claimed by X" continues the count before it, X claiming it
    (
        "Analysts counted 310 vehicles destroyed, far below the 900 claimed by the Norland army.",
        [(310, "exact", "destroyed", "Analysts"), (900, "exact", "destroyed", "Norland army")],
    ),
    # medical care counts the wounded only "for injuries"; fire damages things
    (
        "Medics said some 90 marchers were treated for injuries after the rally.",
        [(90, "about", "wounded", "Medics")],
    ),
    ("Doctors said they had treated 40 patients.", []),
    (
        "Police said rioters had set fire to 14 buses and torched 3 shops.",
        [(14, "exact", "damaged", "Police"), (3, "exact", "damaged", "Police")],
    ),
    # a count in a noun's "with" phrase is not the verb's object
    ("The envoy held 3 meetings with 200 delegates.", []),
    # a rank and a pronoun "one" are not counts
    ("It was one of the deadliest raids of the war, and the one at Lesk was worse.", []),
    (
        "The governor said that one child was killed.",
        [(1, "exact", "killed", "governor")],
    ),
    # a denied count is not a figure
    ("The army said it lost nine men, not seventy.", [(9, "exact", "killed", "army")]),
    # numbers that are not figures
    ("The army deployed 5,000 troops and the brigade has 3,000 soldiers.", []),
    ("About 40 countries attended; the bill passed 52 to 48 and Resolution 2334 was adopted.", []),
    ("He spent 20 years in prison and the donors approved 50 billion euros.", []),
    ("The 25-day clash ended in 1994 after 3 meetings.", []),
    ("A 34-year-old man said the talks lasted 12 hours.", []),
    ("The donors pledged $40 million, about 12 percent of the budget.", []),
    ("Families can call 0800 555 123 for help.", []),
    ("The home side won 2-1 in front of 30,000 fans.", []),
    ("The convoy travelled 40 miles on Sept. 27.", []),
    ("Hundreds of people and dozens of soldiers were killed.", []),
    ("The two sides agreed to 3 cease-fires in October.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_figures(nlp, text: str, expected: list[tuple]) -> None:
    got = [brief(f) for f in run(nlp, text)]
    assert got == [(float(v), q, c, n) for v, q, c, n in expected]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The ministry said 834 of their troops have been killed.", "troops"),
        ("Officials said 90 residential buildings were damaged.", "residential buildings"),
        ("The ministry said 50 civilians were killed and 120 wounded.", "civilians"),
        ("The office said the death toll rose to 39.", "people"),
        ("Officials said the number of houses damaged has reached over 1,700.", "houses"),
    ],
)
def test_subject(nlp, text: str, subject: str) -> None:
    figs = run(nlp, text)
    assert figs and figs[-1].subject == subject


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # a nationality adjective on the counted noun
        ("Norland's army said it killed 40 Estovian soldiers.", "Estovia"),
        ("The Estovian ministry said 40 Ukrainian soldiers were killed.", "Ukraine"),
        # 'their' resolves to the claimant
        ("According to Armenian separatists, 834 of their troops have been killed.", "Armenia"),
        # civilians reported by their own government
        ("Azerbaijani authorities said at least 60 civilians have been killed.", "Azerbaijan"),
        ("The Syrian Interior Ministry said 12 residents were wounded.", "Syria"),
        # 'on the X side', 'on both sides'
        ("Officials said 200 people were killed on the Georgian side.", "Georgia"),
        ("The war has killed more than 3,000 people on both sides.", "both sides"),
        # the subject of 'lost'
        ("The ministry said Polish units lost 30 soldiers.", "Poland"),
        # an unlisted nationality matched to a place named in the article ("-ic", "-ian")
        ("Estovia's ministry said it destroyed 6 Norlandic tanks near Norland.", "Norland"),
    ],
)
def test_party(nlp, text: str, party: str) -> None:
    # 'Estovia' is found from 'Estovian' when the article names the state
    figs = run(nlp, text + " Estovia rejected the claim.")
    assert figs[0].party == party


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # the subject of 'lost' shared through coordination, 'its' naming the claimant's side
        ("Estovia's army said its units had killed 20 rebels and had lost only 3 men.", [None, "Estovia"]),
        # a rival count in the same sentence shares the side of the count it continues
        (
            "Estovia denied it. Monitors documented 75 Estovian armoured vehicles destroyed, "
            "a fraction of the 400 claimed by Norland.",
            ["Estovia", "Estovia"],
        ),
    ],
)
def test_party_of_each(nlp, text: str, parties: list[str | None]) -> None:
    assert [f.party for f in run(nlp, text)] == parties


def test_second_number_shares_subject_and_party(nlp) -> None:
    figs = run(nlp, "The Serbian ministry said 63 civilians were killed and 292 wounded.")
    assert [(f.value, f.subject, f.party) for f in figs] == [
        (63.0, "civilians", "Serbia"),
        (292.0, "civilians", "Serbia"),
    ]


def test_range_bounds(nlp) -> None:
    (f,) = run(nlp, "Monitors said between 20 and 30 fighters were killed.")
    assert (f.value, f.low, f.high, f.qualifier) == (20.0, 20.0, 30.0, "range")


def test_open_bounds(nlp) -> None:
    (f,) = run(nlp, "Officials said at least 60 civilians were killed.")
    assert (f.low, f.high) == (60.0, None)


def test_span_points_at_the_number(nlp) -> None:
    text = "Officials said at least 60 civilians were killed."
    (f,) = run(nlp, text)
    assert text[f.span[0] : f.span[1]] == "at least 60 civilians"
    assert "object of 'killed'" in f.reason


def test_outlet_is_the_claimant_when_nobody_is_named(nlp) -> None:
    (f,) = run(nlp, "The shelling killed 14 people.")
    assert f.claimant == Party.outlet(OUTLET)


def test_quote_speaker_is_the_claimant(nlp) -> None:
    text = '"They killed 14 of our men," the commander said.'
    quote = Quote(
        speaker=Party(name="Colonel Arvo Brin"),
        text="They killed 14 of our men,",
        kind="direct",
        span=(0, len(text)),
        content_span=(1, 27),
    )
    (f,) = run(nlp, text, quotes=[quote])
    assert f.claimant.name == "Colonel Arvo Brin"
    assert f.quote == 0


def test_as_of_takes_a_date_in_the_sentence(nlp) -> None:
    text = "The ministry said 12 people were killed on Saturday."
    start = text.index("Saturday")
    dates = [DateMention(text="Saturday", value="2024-04-27", span=(start, start + 8), grain="day")]
    (f,) = run(nlp, text, dates=dates)
    assert f.as_of == "2024-04-27"


def test_as_of_since_is_the_publication_date(nlp) -> None:
    text = "The ministry said 12 people were killed since April 2."
    start = text.index("April 2")
    dates = [DateMention(text="April 2", value="2024-04-02", span=(start, start + 7), grain="day")]
    (f,) = run(nlp, text, dates=dates)
    assert f.as_of == PUBLISHED


def test_other_counts_are_kept_only_on_request(nlp) -> None:
    text = "The army said 40 prisoners were released."
    assert run(nlp, text) == []
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet=OUTLET), published=PUBLISHED)
    (f,) = figures.extract(doc, ctx, include_other=True)
    assert (f.value, f.category) == (40.0, "other")


def test_parse_name_beats_a_quote_speaker_it_describes(nlp) -> None:
    text = "ORVA, the regional relief agency, said about 9,000 people had been displaced."
    quote = Quote(
        speaker=Party(name="regional relief agency"),
        text="about 9,000 people had been displaced",
        kind="indirect",
        span=(0, len(text)),
        content_span=(text.index("about"), len(text) - 1),
    )
    (f,) = run(nlp, text, quotes=[quote])
    assert (f.claimant.name, f.quote) == ("ORVA", 0)


@pytest.mark.parametrize(
    ("text", "updates"),
    [
        ("The office said the death toll rose to 39, up from 30.", [True, True]),
        ("The ministry put the number of wounded at 1,150.", [False]),
        ("The ministry said 50 civilians were killed.", [False]),
    ],
)
def test_revised_counts_are_tagged(nlp, text: str, updates: list[bool]) -> None:
    assert [figures.UPDATE_TAG in f.reason for f in run(nlp, text)] == updates


def test_entity_name_is_used_but_a_proper_name_beats_a_description(nlp) -> None:
    from counterclaim.records import Entity, EntityTable

    text = "The Lorvan Red Cross said 12 people were missing. ORVA said 300 people had fled."
    red = text.index("Lorvan Red Cross")
    orva = text.index("ORVA")
    table = EntityTable(
        [
            Entity(id="e1", name="Lorvan Red Cross Society", type="ORG", mentions=[(red, red + 16)]),
            Entity(id="e2", name="relief agency", type="ORG", aliases=["ORVA"], mentions=[(orva, orva + 4)]),
        ]
    )
    first, second = run(nlp, text, entities=table)
    assert (first.claimant.name, first.claimant.entity_id) == ("Lorvan Red Cross Society", "e1")
    assert (second.claimant.name, second.claimant.entity_id) == ("ORVA", "e2")
