"""Framing: labels, loaded words and contested assertions, their voice, negation and the slant."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.extract import framing, quotes, voice
from counterclaim.extract.framing.merge import _balance_quotes
from counterclaim.records import Article, Context, Entity, EntityTable, Figure, Framing, Party, Quote


def _context(doc, text: str) -> Context:
    """A context as the pipeline leaves it for framing: what the quote layer attributes."""
    ctx = Context(article=Article.make(text))
    ctx.attributed = quotes.attributed(doc)
    return ctx


def _run(nlp, text: str, **kw) -> list[Framing]:
    doc = nlp(text)
    return framing.extract(doc, _context(doc, text), **kw)


def _find(records: list[Framing], word: str) -> list[Framing]:
    return [r for r in records if word.lower() in r.text.lower()]


# (text, a word the record must contain, technique, voice)
FOUND = [
    # labels in the outlet's own voice
    ("Government troops fought the terrorists near the border.", "terrorists", "name_calling", "outlet"),
    ("The Kessel regime closed the crossing again.", "Kessel regime", "name_calling", "outlet"),
    (
        "Shelling by the nationalist battalions went on all night.",
        "nationalist battalions",
        "name_calling",
        "outlet",
    ),
    # the same labels inside quotation marks or reported speech
    (
        'The army said it had killed "dozens of terrorists" near the border.',
        "terrorists",
        "name_calling",
        "source",
    ),
    ("The ministry said the terrorists had fled towards the hills.", "terrorists", "name_calling", "source"),
    ('"The junta will fall," the rebel commander told reporters.', "junta", "name_calling", "source"),
    # contested assertions stated as fact
    (
        "Northland's army continues the illegal occupation of the southern province.",
        "illegal occupation of the southern province",
        "unattributed_assertion",
        "outlet",
    ),
    (
        "The minister praised the troops, despite the fact that the blockade is illegal.",
        "despite the fact that the blockade is illegal",
        "unattributed_assertion",
        "outlet",
    ),
    (
        "The valley is internationally recognized as part of Moldova.",
        "internationally recognized",
        "unattributed_assertion",
        "outlet",
    ),
    (
        "Their gunners have in fact moved heavy artillery onto the hills above the town.",
        "have in fact moved heavy artillery",
        "unattributed_assertion",
        "outlet",
    ),
    (
        "Militia units continue indiscriminate attacks on farming villages.",
        "indiscriminate attacks on farming villages",
        "unattributed_assertion",
        "outlet",
    ),
    (
        "The depot was used for years to shell the port.",
        "used for years to shell the port",
        "unattributed_assertion",
        "outlet",
    ),
    ("The night raids were designed to terrorize the villagers.", "designed to terrorize the villagers",
     "unattributed_assertion", "outlet"),
    # loaded words, doubt, exaggeration, fear, flag-waving
    ("The cowardly night ambush killed four guards.", "cowardly night ambush", "loaded_language", "outlet"),
    (
        "Government forces liberated the town of Kessel on Monday.",
        "liberated the town",
        "loaded_language",
        "outlet",
    ),
    ("The retreat was a humiliating defeat.", "humiliating defeat", "loaded_language", "outlet"),
    ("Fighters of the so-called people's republic fired on the town.", "so-called", "doubt", "outlet"),
    ('The "peacekeepers" have dug in with artillery on the ridge.', "peacekeepers", "doubt", "outlet"),
    ("The general offered no evidence for the claim.", "offered no evidence", "doubt", "outlet"),
    ("The minister said the so-called referendum was a farce.", "so-called referendum", "doubt", "source"),
    ('"This is an illegal occupation," the envoy said.', "illegal occupation", "unattributed_assertion",
     "source"),
    ('"We will hunt down every last sniper," he said.', "every last sniper", "exaggeration", "source"),
    (
        "Officials warned of an existential threat to the country.",
        "existential threat",
        "appeal_to_fear",
        "source",
    ),
    (
        '"Rise up and defend the Motherland," the president told the crowd.',
        "Motherland",
        "flag_waving",
        "source",
    ),
    # the outlet settling a dispute: 'falsely', 'baseless', 'pretext', 'a sham', 'make no mistake'
    ("Korsk falsely claims that the trucks carry rifles.", "Korsk falsely claims", "doubt", "outlet"),
    (
        "Officials in Korsk have long used security as a pretext for closing the border.",
        "used security as a pretext for closing the border",
        "unattributed_assertion",
        "outlet",
    ),
    ("The vote held in the border district last spring was a sham.", "was a sham", "doubt", "outlet"),
    ("Despite the baseless accusations, the ferry reached the island.", "the baseless accusations", "doubt",
     "outlet"),
    ("Make no mistake: the siege is collective punishment.", "Make no mistake", "unattributed_assertion",
     "outlet"),
    ("It is no secret that the governor armed the gangs.", "no secret that the governor armed the gangs",
     "unattributed_assertion", "outlet"),
    ("The smear campaign against the minister collapsed.", "smear campaign", "doubt", "outlet"),
    ('The so-called "security corridor" was shelled within hours.', 'so-called "security corridor"', "doubt",
     "outlet"),
    ('Its outlets spread reports of a Northland "offensive" that never began.', "offensive", "doubt",
     "outlet"),
    # labels and loaded words added in lexicon 1.1
    ("Kessel's desperate attempt to retake the bridge failed.", "Kessel's desperate attempt",
     "loaded_language", "outlet"),
    ("The unprovoked invasion has displaced millions.", "unprovoked invasion", "loaded_language", "outlet"),
    ("The villagers lived for years under the yoke of the warlords.", "under the yoke of", "loaded_language",
     "outlet"),
    ("The rogue state tested another missile on Friday.", "rogue state", "name_calling", "outlet"),
    ("The West has turned a blind eye to the shelling for years.", "turned a blind eye", "loaded_language",
     "outlet"),
    ("The Kremlin's lies about the raid were exposed by satellite images.", "The Kremlin's lies", "doubt",
     "outlet"),
    # euphemisms in the outlet's own voice
    ("The special military operation will go on until its goals are met.", "special military operation",
     "other", "outlet"),
    ("Border guards neutralized six saboteurs near the river.", "neutralized six saboteurs", "other",
     "outlet"),
    # an epithet on a place name inside unquoted reported speech is the outlet's paraphrase
    (
        "Forty prisoners were freed from a jail in occupied Crimea, the prison service said.",
        "occupied Crimea",
        "unattributed_assertion",
        "outlet",
    ),
    # so is a label on a named party, while a contested claim about a place stays the speaker's
    (
        "A raid by the terrorist group al-Dhamar on the base left 18 people dead, officials told reporters.",
        "terrorist group al-Dhamar",
        "name_calling",
        "outlet",
    ),
    (
        "The president said the troops must withdraw from the illegally occupied Velsha valley.",
        "illegally occupied",
        "unattributed_assertion",
        "source",
    ),
    # a comment on the reporting verb itself is the outlet's, however the parser hangs it
    (
        "The Kremlin said, without providing evidence, it was Ukrainian air defence that hit the depot.",
        "without providing evidence",
        "doubt",
        "outlet",
    ),
    ("The ministry claimed, without evidence, to have killed 60 soldiers.", "without evidence", "doubt",
     "outlet"),
    # attribution the parse finds: a parenthetical speech verb, 'refer to ... as', 'speak of'
    ("The rebels, the governor said, are bandits and mercenaries.", "bandits", "name_calling", "source"),
    ("The army's statement referred to the fighters as mercenaries.", "mercenaries", "name_calling",
     "source"),
    ("Villagers interviewed by the agency spoke of a massacre.", "massacre", "unattributed_assertion",
     "source"),
    ("The army said it had neutralized 40 gunmen.", "neutralized 40 gunmen", "other", "source"),
    ("The army described the town as liberated.", "liberated", "loaded_language", "source"),
    # a quoted polity name, judging speech verbs, idioms of blame
    ('Shelling went on in the "Northern People\'s Republic" overnight.', "People's Republic", "doubt",
     "outlet"),
    ("The defence minister boasted that the town would fall within days.", "boasted", "loaded_language",
     "outlet"),
    ("The island has been an inalienable part of the kingdom since ancient times.", "inalienable part of",
     "unattributed_assertion", "outlet"),
    ("The vote was marred by foreign interference.", "foreign interference", "unattributed_assertion",
     "outlet"),
    ("Soldiers murdered two teenagers at the checkpoint.", "murdered two teenagers", "loaded_language",
     "outlet"),
    # only the words said, not the speaker: 'called the drills irresponsible and destabilising'
    ("The ministry called the drills irresponsible and destabilising.", "irresponsible and destabilising",
     "loaded_language", "source"),
]


@pytest.mark.parametrize(("text", "word", "technique", "voice"), FOUND)
def test_finds_technique_with_voice(nlp, text: str, word: str, technique: str, voice: str) -> None:
    got = _find(_run(nlp, text), word)
    assert got, f"nothing framed around {word!r}"
    rec = got[0]
    assert rec.technique == technique
    assert rec.voice == voice
    assert text[rec.span[0] : rec.span[1]] == rec.text
    assert rec.reason


# negated or denied labels are never the outlet's assertion
NEGATED = [
    ("It was not a terrorist attack, the inquiry found.", "terrorist"),
    ("This is not a terrorist attack.", "terrorist"),
    ("The government denied it was an occupation.", "occupation"),
    ("The ministry rejected claims of a massacre in the village.", "massacre"),
    ("The transfer of the land is not illegal under the treaty.", "illegal"),
    ("There was no massacre in the village.", "massacre"),
]


@pytest.mark.parametrize(("text", "word"), NEGATED)
def test_negated_label_is_not_asserted(nlp, text: str, word: str) -> None:
    got = _find(_run(nlp, text), word)
    assert not [r for r in got if r.voice == "outlet"], got
    assert not got


# neutral uses of cue words
NEUTRAL = [
    "The sanctions regime was extended for a year.",
    "Police arrested three illegal immigrants at the port.",
    "The Hindu nationalist party won the state election.",
    "Protesters occupied with chores left the square.",
    "The court opened a criminal case against the mayor.",
    # wire hedges and plain wording
    "The court is investigating alleged war crimes in the province.",
    "A UN inquiry into possible crimes against humanity will report in March.",
    "The United States lists the movement as a terrorist organisation.",
    "The truce was supposed to start at noon.",
    "The army launched an unprecedented drone attack on the port.",
    "Rescue workers made a desperate attempt to reach the trapped miners.",
    "The village lies on the eastern bank of the river.",
    "The police smeared paint over the slogans.",
    "Troops eliminated a roadblock set up by protesters.",
    "The false alarm sent residents into shelters.",
    "Analysts said the offensive marked a turning point.",
    "Investigators are examining claims of foreign interference in the vote.",
    "He was charged with murder after the shooting.",
    "The film \"Iron Harvest\" won the prize.",
    "Police began an operation codenamed \"Iron Wall\" at dawn.",
    "Talks collapsed after the delegation walked out.",
    "Protesters occupied the main square for three days.",
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_uses_are_not_framing(nlp, text: str) -> None:
    assert _run(nlp, text) == []


def test_cues_in_one_phrase_merge_into_one_record(nlp) -> None:
    text = "The strike dealt a crushing blow to the Kessel regime, true to form."
    got = _run(nlp, text)
    spans = sorted(r.span for r in got)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "overlapping records"
    assert len(_find(got, "crushing blow to the Kessel regime")) == 1


def test_clause_after_speech_verb_is_outlet_voice(nlp) -> None:
    text = (
        '"We will defend our land," the minister added, despite the fact that the occupation of the '
        "valley is illegal."
    )
    got = _find(_run(nlp, text), "despite the fact")
    assert got and got[0].voice == "outlet"


def test_what_the_outlet_itself_reports_is_its_own_voice(nlp) -> None:
    text = "SAHEL POST reports that the strike targeting terrorists hit a wedding on Sunday."
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet="Sahel Post"))
    ctx.attributed = quotes.attributed(doc, ctx.article.outlet)
    got = _find(framing.extract(doc, ctx), "terrorists")
    assert got and got[0].voice == "outlet"
    # the same sentence in another outlet is that paper's claim
    other = Context(article=Article.make(text, outlet="Coast Daily"))
    other.attributed = quotes.attributed(doc, other.article.outlet)
    got = _find(framing.extract(doc, other), "terrorists")
    assert got and got[0].voice == "source"


def test_quote_record_makes_its_content_source_voice(nlp) -> None:
    text = "The occupiers must leave now. That was the message from the rally."
    doc = nlp(text)
    ctx = Context(article=Article.make(text))
    ctx.quotes = [
        Quote(speaker=Party(name="rally"), text=text[:28], kind="direct", span=(0, 67), content_span=(0, 28))
    ]
    got = _find(framing.extract(doc, ctx), "occupiers")
    assert got and got[0].voice == "source"


def test_label_favours_the_other_side(nlp) -> None:
    text = (
        "Armenia and Azerbaijan traded fire again on Monday. Azerbaijani troops fired on Armenian "
        "villages, Armenia said. The Azerbaijani regime has denied it. Azerbaijan said Armenian units "
        "attacked first."
    )
    got = _find(_run(nlp, text), "regime")
    assert got and got[0].favours == "Armenia"


def test_occupation_in_relative_clause_favours_the_occupied_side(nlp) -> None:
    text = ("Veshtar and Ossaria fought again. Ossarian guns fired at Veshtari farms. The Kingdom of "
            "Ossaria, whose troops have occupied the eastern ridge since May, denied the attack.")
    got = _find(_run(nlp, text), "have occupied the eastern ridge")
    assert got and got[0].favours == "Veshtar" and got[0].voice == "outlet"
    assert not got[0].text.startswith("The Kingdom")


def test_extra_lexicon_adds_cues(nlp, tmp_path: Path) -> None:
    lex = tmp_path / "mine.yaml"
    lex.write_text(
        "name: mine\nversion: '1'\nsource: test\nentries:\n"
        "  - {match: 'hooligans', technique: name_calling, polarity: against}\n"
    )
    text = "The hooligans burned two cars outside the stadium."
    assert not _find(_run(nlp, text), "hooligans")
    got = _find(_run(nlp, text, extra_lexicon=lex), "hooligans")
    assert got and got[0].technique == "name_calling" and got[0].voice == "outlet"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said 'under our control' twice.", ["'under our control'"]),
        ("The Houthis' war goes on, and 'it will last,' he said.", ["'it will last,'"]),
        (
            "\u201cFirst part.\n\n\u201cSecond part,\u201d she said.",
            ["\u201cFirst part.", "\u201cSecond part,\u201d"],
        ),
        ("No quotes here, don't worry.", []),
    ],
)
def test_quote_regions(text: str, quoted: list[str]) -> None:
    assert [text[s:e] for s, e in voice.quote_regions(text)] == quoted


def test_slant_counts_claims_cues_framing_and_last_word(nlp) -> None:
    text = (
        "Armenia and Azerbaijan traded fire. Armenia said three soldiers died. Azerbaijan claimed "
        "victory. Armenian officials said talks had failed."
    )
    doc = nlp(text)
    ctx = Context(article=Article.make(text))
    ctx.quotes = [
        Quote(
            speaker=Party(name="Armenia"),
            text="three soldiers died",
            kind="indirect",
            span=(36, 68),
            cue="said",
        ),
        Quote(
            speaker=Party(name="Azerbaijan"),
            text="victory",
            kind="indirect",
            span=(69, 95),
            cue="claimed",
            cue_loaded=True,
        ),
        Quote(
            speaker=Party(name="Armenian officials"),
            text="talks had failed",
            kind="indirect",
            span=(96, 136),
            cue="said",
        ),
    ]
    ctx.figures = [
        Figure(
            value=3,
            category="killed",
            subject="soldiers",
            claimant=Party(name="Armenia"),
            span=(49, 67),
            quote=0,
        )
    ]
    framed = [Framing(text="x", technique="name_calling", voice="outlet", span=(0, 1), favours="Armenia")]
    result = framing.slant(ctx, framed, doc=doc)
    assert result is not None
    sides = {s.side: s for s in result.sides}
    assert sides["Armenia"].quotes == 2 and sides["Armenia"].neutral_cues == 2
    assert sides["Armenia"].figures == 1 and sides["Armenia"].claims == 2  # the figure's claim is its quote
    assert sides["Azerbaijan"].loaded_cues == 1 and sides["Azerbaijan"].cues == {"claimed": 1}
    assert sides["Armenia"].framing_for == 1 and sides["Azerbaijan"].framing_against == 1
    assert result.last_word == "Armenia"
    assert result.outlet_voice_share is not None and 0 < result.outlet_voice_share < 1


@pytest.mark.parametrize(
    ("text", "sides", "not_sides"),
    [
        # a speaking surname is a person, not a state, even when the tagger has nothing else
        (
            "Valdoria's defence ministry spokesman Ivo Marrek said the strikes hit depots. "
            "Marrek said Valdorian forces lost no aircraft. Valdoria and Ostrend traded fire again.",
            {"Valdoria"},
            {"Marrek", "Ivo Marrek"},
        ),
        (
            "Ostrend's President Lena Harrow rejected the talks. Harrow said the talks were a trap. "
            "Ostrend and Valdoria traded fire.",
            {"Ostrend"},
            {"Harrow", "Lena Harrow"},
        ),
    ],
)
def test_slant_sides_are_states_and_groups_not_persons(
    text: str, sides: set[str], not_sides: set[str]
) -> None:
    import counterclaim

    result = counterclaim.analyze(text)
    assert result.slant is not None
    found = {s.side for s in result.slant.sides}
    assert sides <= found, found
    assert not (not_sides & found), found
    # every quote by a person lands on a state, not on the person's name
    claimed = {s.side for s in result.slant.sides if s.quotes}
    assert claimed and claimed <= found - not_sides


def test_an_affiliation_that_is_a_person_takes_that_persons_side(nlp) -> None:
    text = "Lena Harrow of Ostrend spoke. Pavel Dunn, an adviser to Harrow, said no."
    harrow = Entity(id="e1", name="Lena Harrow", type="PERSON", aliases=["Harrow"], affiliation="Ostrend")
    dunn = Entity(id="e2", name="Pavel Dunn", type="PERSON", affiliation="Harrow")
    ctx = Context(article=Article.make(text))
    ctx.entities = EntityTable([harrow, dunn])
    sides = framing.Sides(nlp(text), ctx)
    assert sides.of_entity(dunn) == "Ostrend"
    assert sides.of_party(Party(name="Pavel Dunn", entity_id="e2")) == "Ostrend"
    # a loop of affiliations ends without a side rather than recursing
    loop = Entity(id="e3", name="Ann Loop", type="PERSON", affiliation="Ann Loop")
    ctx.entities = EntityTable([loop])
    assert framing.Sides(nlp(text), ctx).of_entity(loop) is None


def test_lexicons_load_with_source_notes() -> None:
    from counterclaim import lexicons

    for name in [*framing.CUE_LEXICONS, "framing_voice", "framing_sides"]:
        lex = lexicons.load(name)
        assert lex["source"] and lex["version"] and lex["entries"]
    assert len(framing.builtin_cues()) > 50


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", '"', "\u201cUnclosed terrorist quote\n\nNext", "'", "so-called", "— illegal —",
     "The\u2019 regime\u2019s"],
)
def test_odd_input_never_crashes(nlp, text: str) -> None:
    for rec in _run(nlp, text):
        assert text[rec.span[0]:rec.span[1]] == rec.text


def test_linked_cues_a_few_words_apart_merge(nlp) -> None:
    text = "The ambush was one of many reckless provocations ordered by the criminal clique in the capital."
    got = _run(nlp, text)
    assert len(got) == 1
    assert "reckless provocations ordered by the criminal clique" in got[0].text


def test_trailing_according_to_covers_only_the_nearest_clause(nlp) -> None:
    text = (
        "In reality, the militia fired on the farmers, and four of them died, according to the clinic."
    )
    doc = nlp(text)
    ctx = _context(doc, text)
    got = _find(framing.extract(doc, ctx), "In reality")
    assert got and got[0].voice == "outlet"
    # the same when a quote record claims the whole sentence for the clinic
    ctx.quotes = [
        Quote(speaker=Party(name="the clinic"), text=text[:-1], kind="indirect", span=(0, len(text)),
              content_span=(0, text.index(", according")), cue="according to")
    ]
    got = _find(framing.extract(doc, ctx), "In reality")
    assert got and got[0].voice == "outlet"


def test_leading_according_to_covers_the_whole_sentence(nlp) -> None:
    got = _find(_run(nlp, "According to the rebels, the junta bombed a school."), "junta")
    assert got and got[0].voice == "source"


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ('the so-called "corridor" held', 4, 23, 'so-called "corridor"'),
        ('remarks about "Nazi" leaders', 15, 28, '"Nazi" leaders'),
        ("plain words here", 0, 5, "plain"),
    ],
)
def test_balance_quotes(text: str, start: int, end: int, expected: str) -> None:
    s, e = _balance_quotes(text, start, end)
    assert text[s:e] == expected


def test_speech_complement_span_leaves_out_the_speaker(nlp) -> None:
    got = _find(_run(nlp, "The ministry called the drills irresponsible and destabilising."), "irresponsible")
    assert len(got) == 1 and got[0].text == "irresponsible and destabilising"
