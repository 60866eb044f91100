"""Quotes in the shapes real reporting takes (wire copy, live blogs, translated releases, agency
relays), each with the speaker a careful reader names. Every sentence was written for these tests.
"""

from __future__ import annotations

import pytest

from counterclaim.extract import entities, quotes
from counterclaim.records import Article, Context, Quote


def run(nlp, text: str) -> list[Quote]:
    """As the pipeline runs it: the entity table first, then the quotes."""
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet="Test Wire"))
    ctx.entities = entities.extract(doc, ctx)
    return quotes.extract(doc, ctx)


def said(found: list[Quote], needle: str) -> Quote:
    hits = [q for q in found if needle in q.text]
    assert len(hits) == 1, [(q.speaker.name, q.text) for q in found]
    return hits[0]


# (text, words of the quote, speaker name, how it was resolved)
CASES = [
    # a statement block closed by an attribution line, and the relayed lede
    (
        "The Security Service of Ukraine said its investigators were at the site.\n\n"
        "The service has classified the strike on the hospital as a war crime.\n\n"
        "- the statement said.\n",
        "classified the strike",
        "Security Service of Ukraine",
        "title",
    ),
    (
        "Fragments of a cruise missile were found at the site. "
        "This was reported by the Security Service of Ukraine.\n",
        "Fragments of a cruise missile",
        "Security Service of Ukraine",
        "name",
    ),
    (
        "\u201cThe station was hit twice and the pumps are gone.\u201d\n\n"
        "Dr. Anna Berg, the director of the city hospital, said in a statement.\n",
        "station was hit twice",
        "Anna Berg",
        "name",
    ),
    # an agency's source speaks, the agency only relays
    (
        "Interfax, citing a source in the Defence Ministry, reported that the bridge was closed.",
        "bridge was closed",
        "source in the Defence Ministry",
        "collective",
    ),
    (
        "A local military official told AFP on condition of anonymity that the convoy had turned back.",
        "convoy had turned back",
        "local military official",
        "collective",
    ),
    (
        "Around 15 insurgents entered the town, soon after midnight, a local official told AFP.",
        "15 insurgents entered the town",
        "local official",
        "collective",
    ),
    # an unnamed source, then 'they' and 'the person'
    (
        "Gunmen burned the market, a villager told AFP.\n\n"
        "\u201cThey took everything and left before dawn,\u201d the person said.\n",
        "took everything",
        "villager",
        "title",
    ),
    (
        "The convoy was stopped at the border, a military official told reporters.\n\n"
        "\u201cNobody was allowed through,\u201d they said.\n",
        "Nobody was allowed through",
        "military official",
        "pronoun",
    ),
    # a document that speaks for its author
    (
        "The Defence Ministry said in a statement that the drones were shot down. "
        "The statement added that two pilots were rescued.",
        "two pilots were rescued",
        "Defence Ministry",
        "title",
    ),
    (
        "The Varnian Defence Ministry statement said the base had been evacuated.",
        "base had been evacuated",
        "Varnian Defence Ministry",
        "name",
    ),
    # a cue clause set off inside its report
    (
        "The three men, police said, were not on any list of militants.",
        "were not on any list",
        "police",
        "collective",
    ),
    # a described group named before, a title nobody holds, a person described anew
    (
        "Hezbollah fired rockets at the base on Sunday. The Iran-backed group said the strike was "
        "a response to the killing of its commander.",
        "a response to the killing",
        "Hezbollah",
        "title",
    ),
    (
        "Julian Ochoa struck a more upbeat tone. In an interview, the former commander said the "
        "movement was ready to talk.",
        "movement was ready to talk",
        "Julian Ochoa",
        "title",
    ),
    (
        "Russian forces are shelling the city, the governor of Luhansk region said.",
        "shelling the city",
        "governor of Luhansk region",
        "collective",
    ),
    # a cue followed by a colon belongs to the next quotation
    (
        'Peskov replied by saying, "we rely on the ministry," adding: "Our strikes hit only military '
        'targets."',
        "we rely on the ministry",
        "Peskov",
        "name",
    ),
    # a live blog's time stamp is no speaker: the name set beside it is
    (
        '18:45 GMT — Corvalian President Teodor Lanik, in a video address, called the strike "a '
        'deliberate murder" and said the army would respond.',
        "deliberate murder",
        "Teodor Lanik",
        "name",
    ),
    # 'it said' after its report, with no one before: the report's own subject
    (
        "The Haitian government has deployed anti-gang police units, it said Friday, after a massacre.",
        "deployed anti-gang police units",
        "Haitian government",
        "pronoun",
    ),
    # a title the parser hangs on its own beside the name
    (
        "An army spokesman, Col. Andrés Vidal, said troops had only returned fire.",
        "troops had only returned fire",
        "Andrés Vidal",
        "name",
    ),
    # the role holder's name hung by the parser on the body the role is of
    (
        "A spokeswoman for a local rights group, Anna Berglund, said the attack came after threats.",
        "the attack came after threats",
        "Anna Berglund",
        "name",
    ),
    # a body's name with the 'for' and 'of' parts the tagger cut off
    (
        "The leader of the rebel Movement for the Renaissance of the North said the town had fallen.",
        "the town had fallen",
        "leader of the rebel Movement for the Renaissance of the North",
        "collective",
    ),
]


@pytest.mark.parametrize(("text", "needle", "speaker", "via"), CASES)
def test_real_reporting_speaker(nlp, text: str, needle: str, speaker: str, via: str) -> None:
    q = said(run(nlp, text), needle)
    assert (q.speaker.name, q.speaker.resolved_via) == (speaker, via)


@pytest.mark.parametrize(
    "text",
    [
        # a plural subject before 'it' or 'they' is seldom the one who speaks: left unknown
        "Officials met on Monday.\n\nRussian forces shelled Kharkiv overnight, it said.",
        "Officials met on Monday.\n\nRussian forces shelled Kharkiv overnight, they said.",
    ],
)
def test_a_plural_report_subject_is_not_it(nlp, text: str) -> None:
    q = said(run(nlp, text), "shelled Kharkiv")
    assert q.speaker.name != "Russian forces"


# (text, words the quote must not hold, words it must hold)
CONTENT = [
    (
        "The Kremlin said, without providing evidence, that it was a Ukrainian missile that hit the school.",
        "without providing evidence",
        "Ukrainian missile",
    ),
    (
        "Moscow said it was annexing the region, a move rejected by most of the international community.",
        "rejected by most",
        "annexing the region",
    ),
    (
        "The ministry reported that three officers were injured, while prosecutors said 20 had been hurt.",
        "prosecutors",
        "three officers were injured",
    ),
    # a closing 'which is ...' that tells the reader what a thing is
    (
        "The Kremlin said it was Ukrainian fire that hit the children's hospital, which is one of "
        "Europe's largest.",
        "Europe's largest",
        "children's hospital",
    ),
    # a 'which' clause that is the speaker's claim stays
    (
        "The army said it struck a depot, which stored weapons for the rebels.",
        "army said",
        "which stored weapons",
    ),
]


@pytest.mark.parametrize(("text", "outside", "inside"), CONTENT)
def test_report_leaves_out_the_outlet_words(nlp, text: str, outside: str, inside: str) -> None:
    q = said(run(nlp, text), inside)
    assert outside not in q.text


# (text, what must not become a quote)
NOT_QUOTES = [
    ("Ukraine's air force said it had shot down 40 drones, Interfax reported.", "Interfax"),
    ("Russia admitted the strike but blamed Kyiv for the casualties.", "casualties"),
    ("Photos showed the market in ruins, the agency said.", "Photos"),
]


@pytest.mark.parametrize(("text", "absent"), NOT_QUOTES)
def test_relays_and_things_are_not_speakers(nlp, text: str, absent: str) -> None:
    found = run(nlp, text)
    assert all(absent not in q.speaker.name and q.text.strip() != f"the {absent}" for q in found)
    assert all(q.text.strip() not in ("the casualties",) for q in found)


# (text, words no quote may hold)
UNQUOTED = [
    # a headline's quote is told again below it
    (
        "Troops ‘completed the encirclement of Harwick’, says army\n\nThe army said the town was cut off.",
        "encirclement",
    ),
    # a count or a text no one is named for does not speak
    ("The strikes killed 38 people and injured 190, according to preliminary information.", "strikes"),
    ("At least 40 people were killed, according to estimates.", "40 people"),
]


@pytest.mark.parametrize(("text", "absent"), UNQUOTED)
def test_words_no_party_said(nlp, text: str, absent: str) -> None:
    found = run(nlp, text)
    assert all(absent not in q.text for q in found), [(q.speaker.name, q.text) for q in found]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("At least 40 people were killed, according to UN estimates.", "UN"),
        ("At least 40 people were killed, according to the army's count.", "army"),
    ],
)
def test_a_count_speaks_for_whom_it_belongs_to(nlp, text: str, speaker: str) -> None:
    assert said(run(nlp, text), "40 people").speaker.name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "TEST WIRE reports that the strike hit a wedding party on Sunday night.",
        "Test Wire has learnt that the convoy was turned back at the border.",
        "The Test Wire reported on Monday that 40 families had fled the village.",
    ],
)
def test_what_the_outlet_itself_reports_is_no_quote(nlp, text: str) -> None:
    # 'run' publishes every text in Test Wire: its own reporting is not a source's speech
    assert run(nlp, text) == []


def test_another_outlet_reporting_is_a_quote(nlp) -> None:
    q = said(run(nlp, "Coast Daily reports that the strike hit a wedding party on Sunday night."), "wedding")
    assert q.speaker.name == "Coast Daily"


def test_it_after_a_named_person_with_a_title_is_the_organisation(nlp) -> None:
    # a name no tagger knows, with a person's title in apposition, is no antecedent for 'it'
    text = (
        "More than 9,000 people have fled their homes since May, the aid group Open Doors Relief "
        "said in a report published on Thursday.\n\n"
        '"Whole streets are gone," said Marthe Kolani, Open Doors Relief\'s country director.\n\n'
        "The report blames both sides. It says militia fighters burned homes in Durno."
    )
    assert said(run(nlp, text), "burned homes").speaker.name == "Open Doors Relief"


# (text, what is asked, who asks): a call, an appeal or an urging is that party's words
REQUESTS = [
    (
        "Mayor Ihor Tarlov appealed to Western allies to send more air defence systems.",
        "Western allies to send more air defence systems",
        "Ihor Tarlov",
    ),
    (
        "The charity called on both sides to let aid convoys into Mabaro.",
        "both sides to let aid convoys into Mabaro",
        "charity",
    ),
    (
        "President Anil Tanu called for an independent investigation into the bombing.",
        "an independent investigation into the bombing",
        "Anil Tanu",
    ),
    ("The council urged the partners to send more help.", "the partners to send more help", "council"),
]


@pytest.mark.parametrize(("text", "asked", "speaker"), REQUESTS)
def test_what_a_party_asks_for_is_its_words(nlp, text: str, asked: str, speaker: str) -> None:
    q = said(run(nlp, text), asked.split()[-1])
    assert q.text == asked and q.kind == "indirect"
    assert q.speaker.name == speaker
    assert q.reason == "directive verb + what it asks for"


def test_a_request_ends_where_another_report_begins(nlp) -> None:
    found = run(
        nlp,
        'Earlier, Tanu urged citizens to sign up as volunteers and claimed "the enemy\'s stance" leaves '
        "no room for talks.",
    )
    asked = said(found, "sign up")
    assert asked.text == "citizens to sign up as volunteers"
    claimed = said(found, "no room for talks")
    assert claimed.cue == "claimed" and claimed.speaker.name == "Tanu"


@pytest.mark.parametrize(
    ("text", "estimate", "speaker"),
    [
        (
            "Local authorities had put the valley's population at about 120,000 before the fighting.",
            "the valley's population at about 120,000 before the fighting",
            "Local authorities",
        ),
        ("The governor's office put the death toll at 40.", "the death toll at 40", "governor's office"),
        # the value's own words, not the comment after it
        (
            "Hospital staff put the death toll at five, one more than the governor's figure.",
            "the death toll at five",
            "Hospital staff",
        ),
    ],
)
def test_a_count_put_at_a_value_is_an_estimate(nlp, text: str, estimate: str, speaker: str) -> None:
    q = said(run(nlp, text), estimate.split()[-1])
    assert (q.text, q.speaker.name, q.reason) == (estimate, speaker, "estimate: object + value")


@pytest.mark.parametrize(
    "text",
    [
        "The sanctions put pressure on the government.",
        "They put the wounded in trucks.",
        "Her grandson has been called up for the second time.",
        "The ministry called the report a lie.",
        "Reporters asked him a question.",
    ],
)
def test_calls_that_ask_nothing_are_no_quotes(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "words", "speaker", "around"),
    [
        (
            "Officials said the strike hit a school, with residents telling Reuters that at least ten "
            "people were killed.",
            "ten people were killed",
            "residents",
            "hit a school",
        ),
        # the participle parsed as the witnesses' modifier
        (
            "A source close to the group said the commander survived, requesting anonymity, with "
            "witnesses telling AFP they heard a loud bang and saw plumes of smoke rising.",
            "heard a loud bang",
            "witnesses",
            "commander survived",
        ),
    ],
)
def test_a_report_in_a_with_phrase_is_its_speakers(
    nlp, text: str, words: str, speaker: str, around: str
) -> None:
    quotes = run(nlp, text)
    assert said(quotes, words).speaker.name == speaker
    assert speaker not in said(quotes, around).text
