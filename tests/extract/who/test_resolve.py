"""The who layer: pronouns, titles, names and collective speakers."""

from __future__ import annotations

import pytest

from counterclaim.extract import grammar, who
from counterclaim.records import Article, Context, Entity, EntityTable, Party, Quote


def resolve(nlp, text: str, word: str, nth: int = -1, entities: list[Entity] | None = None) -> Party | None:
    """Resolve the ``nth`` token whose text is ``word`` (the last one by default)."""
    doc = nlp(text)
    ctx = Context(article=Article.make(text), entities=EntityTable(entities or []))
    tok = [t for t in doc if t.text == word][nth]
    return who.resolve_mention(doc, tok, ctx)


# (text, mention word, expected name, resolved_via)
CASES = [
    ("Ivan Petrov met the mayor on Monday. He said the bridge was safe.", "He", "Ivan Petrov", "pronoun"),
    (
        "Anna Berg, a spokeswoman for the ministry, met Mr Ivan Petrov in Kyiv. She said the road was open.",
        "She",
        "Anna Berg",
        "pronoun",
    ),
    (
        "Anna Berg, a spokeswoman for the ministry, met Mr Ivan Petrov in Kyiv. He said the road was open.",
        "He",
        "Ivan Petrov",
        "pronoun",
    ),
    (
        "Omar Haddad visited the Health Ministry. It said 12 people had died.",
        "It",
        "Health Ministry",
        "pronoun",
    ),
    (
        "Ukrainian officials met Omar Haddad in Kyiv. They said the drones had been shot down.",
        "They",
        "Ukrainian officials",
        "pronoun",
    ),
    (
        "Armenian Prime Minister Nikol Pashinian spoke in Yerevan. The prime minister said the talks failed.",
        "minister",
        "Nikol Pashinian",
        "title",
    ),
    (
        "Hikmet Hajiyev, foreign policy adviser to the president, met reporters. "
        "The adviser said no one was forced.",
        "adviser",
        "Hikmet Hajiyev",
        "title",
    ),
    (
        "Russian Foreign Minister Sergey Lavrov met his counterpart. "
        "The ministry said the talks were useful.",
        "ministry",
        "Russian Foreign Ministry",
        "title",
    ),
    (
        "The Sudanese army shelled the bridge. The army said the bridge was a military target.",
        "army",
        "Sudanese army",
        "title",
    ),
    (
        "Residents of Khan Younis said the night was quiet.",
        "Residents",
        "Residents of Khan Younis",
        "collective",
    ),
    (
        "The Azerbaijani authorities said 60 civilians had been killed.",
        "authorities",
        "Azerbaijani authorities",
        "collective",
    ),
    ("A group of rebels declared the city free.", "group", "group of rebels", "collective"),
    (
        "A statement from the prime minister's office said the operation was over.",
        "statement",
        "prime minister's office",
        "collective",
    ),
    (
        "A statement from the Defense Ministry said the strike hit a depot. It denied any civilian deaths.",
        "It",
        "Defense Ministry",
        "pronoun",
    ),
    (
        "Nikol Pashinian arrived on Monday. Pashinian said little.",
        "Pashinian",
        "Nikol Pashinian",
        "alias",
    ),
    (
        "Officials in Yerevan said no treaty would be signed.",
        "Officials",
        "Officials in Yerevan",
        "collective",
    ),
]


@pytest.mark.parametrize(("text", "word", "name", "via"), CASES)
def test_resolve_mention(nlp, text: str, word: str, name: str, via: str) -> None:
    party = resolve(nlp, text, word)
    assert party is not None
    assert party.name == name
    assert party.resolved_via == via
    assert party.kind == "source"


UNRESOLVED = [
    ("He said the bridge was safe.", "He"),  # no antecedent at all
    ("A news report said the minister had resigned.", "report"),  # a document with no author
    ("Maria Lopez met the mayor. It said the bridge was safe.", "It"),  # 'it' never takes a person
]


@pytest.mark.parametrize(("text", "word"), UNRESOLVED)
def test_unresolvable_stays_none(nlp, text: str, word: str) -> None:
    assert resolve(nlp, text, word) is None


def test_title_nobody_holds_is_named_by_its_words_not_guessed(nlp) -> None:
    party = resolve(nlp, "The spokesman said the bridge was safe.", "spokesman")
    assert party is not None
    assert (party.name, party.entity_id, party.resolved_via) == ("spokesman", None, "collective")


def test_pronoun_skips_names_inside_quotes(nlp) -> None:
    text = 'Olga Marchenko spoke at the funeral. "Ivan Petrov was my neighbour," she said.'
    party = resolve(nlp, text, "she")
    assert party is not None and party.name == "Olga Marchenko"


def test_entity_table_gives_canonical_name_and_id(nlp) -> None:
    text = "Pashinyan said the talks had failed."
    ent = Entity(
        id="p1", name="Nikol Pashinian", type="PERSON", aliases=["Pashinyan"], mentions=[(0, 9)], gender="m"
    )
    party = resolve(nlp, text, "Pashinyan", entities=[ent])
    assert party == Party(name="Nikol Pashinian", entity_id="p1", kind="source", resolved_via="alias")


def test_entity_descriptor_resolves_title(nlp) -> None:
    text = "Olga Marchenko arrived in the city. The governor said the shelters were full."
    ent = Entity(id="p2", name="Olga Marchenko", type="PERSON", mentions=[(0, 14)], descriptors=["governor"])
    party = resolve(nlp, text, "governor", entities=[ent])
    assert party is not None and party.entity_id == "p2" and party.resolved_via == "title"


def test_entity_gender_blocks_wrong_pronoun(nlp) -> None:
    text = "Olga Marchenko met Ivan Petrov. She said the road was open."
    ents = [
        Entity(id="f", name="Olga Marchenko", type="PERSON", mentions=[(0, 14)], gender="f"),
        Entity(id="m", name="Ivan Petrov", type="PERSON", mentions=[(19, 30)], gender="m"),
    ]
    party = resolve(nlp, text, "She", entities=ents)
    assert party is not None and party.entity_id == "f"


@pytest.mark.parametrize(
    ("adjective", "state"),
    [
        ("Azerbaijani", "Azerbaijan"),
        ("Azeri", "Azerbaijan"),
        ("Burmese", "Myanmar"),
        ("Ruritanian", "Ruritania"),
        ("Israeli", "Israel"),
    ],
)
def test_state_for(adjective: str, state: str) -> None:
    assert grammar.state_for(adjective) == state


@pytest.mark.parametrize(
    ("surface", "clean"),
    [
        ("the Houthis", "Houthis"),
        ("Azerbaijan's", "Azerbaijan"),
        ("  the  army ,", "army"),
        ("Hamas", "Hamas"),
    ],
)
def test_clean_name(surface: str, clean: str) -> None:
    assert grammar.clean_name(surface) == clean


def test_noun_phrase_drops_apposition_and_relative_clause(nlp) -> None:
    doc = nlp("Azerbaijan's Health Ministry, which counts the dead, said 12 people died.")
    head = next(t for t in doc if t.text == "Ministry")
    assert grammar.noun_phrase(head).text == "Azerbaijan's Health Ministry"


def test_index_is_built_once_per_doc(nlp) -> None:
    text = "Ivan Petrov met Olga Marchenko in Kyiv."
    doc = nlp(text)
    ctx = Context(article=Article.make(text))
    first = who.build_index(doc, ctx)
    assert who.build_index(doc, ctx) is first
    assert {m.party.name for m in first.mentions} >= {"Ivan Petrov", "Olga Marchenko"}


@pytest.mark.parametrize(
    ("holders", "expected"),
    [
        ([("p1", "Marta Quiroga", ["governor"])], "p1"),  # named only in the next paragraph
        ([("p1", "Marta Quiroga", ["governor"]), ("p2", "Ana Lind", ["deputy governor"])], None),  # two
        ([("p1", "Marta Quiroga", ["mayor"])], None),  # another role
    ],
)
def test_lede_title_takes_the_one_holder_named_later(
    nlp, holders: list[tuple[str, str, list[str]]], expected: str | None
) -> None:
    text = (
        "A drone set a fuel depot ablaze, killing four workers, the regional governor said.\n\n"
        "Governor Marta Quiroga told reporters that three tanks were destroyed.\n"
    )
    ents = [Entity(id=i, name=n, type="PERSON", descriptors=d) for i, n, d in holders]
    party = resolve(nlp, text, "governor", entities=ents)
    if expected is None:  # no unambiguous holder: named by its words, never a guessed person
        assert party is not None and party.entity_id is None and party.resolved_via == "collective"
    else:
        assert party is not None and party.entity_id == expected and party.resolved_via == "title"


# a share of a group is named by its description, not left unknown
DESCRIBED = [
    ("Six in 10 say the ceasefire will not hold.", "Six", "Six in 10"),
    ("Half of the residents said they would leave.", "Half", "Half of the residents"),
    (
        "In the poll, 52 percent of registered voters said the war was lost.",
        "percent",
        "52 percent of registered voters",
    ),
]


@pytest.mark.parametrize(("text", "word", "name"), DESCRIBED)
def test_described_speaker_is_named_by_its_description(nlp, text: str, word: str, name: str) -> None:
    party = resolve(nlp, text, word)
    assert party is not None
    assert party.name == name
    assert party.resolved_via == "collective"
    assert party.entity_id is None


def test_title_with_one_holder_still_resolves_to_the_person(nlp) -> None:
    text = "Governor Ilse Brandt toured the dam. The governor said the water would recede."
    party = resolve(nlp, text, "governor")
    assert party is not None
    assert party.name == "Ilse Brandt"
    assert party.resolved_via == "title"


# kinds of real reporting: (text, mention word, nth occurrence, expected name, resolved_via)
REPORTING = [
    # 'it' for a body even when its noun is plural in form
    ("Police said the road was closed. It said the cordon would stay.", "It", -1, "Police", "pronoun"),
    # a document with its author in a compound, a possessive pronoun, or none (the last body)
    (
        "The Varnian Defence Ministry statement said the base was safe.",
        "statement",
        -1,
        "Varnian Defence Ministry",
        "name",
    ),
    (
        "The Kovan army did not respond. Its own evening summary said the front was quiet.",
        "summary",
        -1,
        "Kovan army",
        "pronoun",
    ),
    # a title with its place or its completing noun
    (
        "The governor of Luhansk region said the town had fallen.",
        "governor",
        -1,
        "governor of Luhansk region",
        "collective",
    ),
    ("The military chief of staff said the base held.", "chief", -1, "military chief of staff", "collective"),
    # a collective noun with the name in apposition, its last word tagged a common noun
    (
        "More than 9,000 people have fled since May, the aid group Blue Water Aid said on Thursday.",
        "group",
        -1,
        "Blue Water Aid",
        "name",
    ),
]


@pytest.mark.parametrize(("text", "word", "nth", "name", "via"), REPORTING)
def test_real_reporting_mentions(nlp, text: str, word: str, nth: int, name: str, via: str) -> None:
    party = resolve(nlp, text, word, nth)
    assert party is not None
    assert (party.name, party.resolved_via) == (name, via)


def test_description_of_a_group_named_before(nlp) -> None:
    text = "Hezbollah fired rockets. The Iran-backed group said it was a warning."
    group = Entity(id="g1", name="Hezbollah", type="GROUP", mentions=[(0, 9)])
    party = resolve(nlp, text, "group", entities=[group])
    assert party is not None
    assert (party.name, party.entity_id, party.resolved_via) == ("Hezbollah", "g1", "title")


def test_description_of_a_group_named_in_reported_words(nlp) -> None:
    # a pronoun skips names inside reported words; a description names whom it describes
    text = (
        "The Israel Defence Forces said it would intensify its airstrikes on Hezbollah. "
        "The rocket fire followed a barrage in which the Iran-backed terror group fired missiles."
    )
    ents = [
        Entity(id="o1", name="Israel Defence Forces", type="ORG", mentions=[(4, 25)]),
        Entity(
            id="g1",
            name="Hezbollah",
            type="GROUP",
            mentions=[(text.index("Hezbollah"), text.index("Hezbollah") + 9)],
        ),
    ]
    doc = nlp(text)
    ctx = Context(article=Article.make(text), entities=EntityTable(ents))
    start = text.index("it would")
    ctx.quotes = [
        Quote(
            text=text[start : text.index(".")],
            kind="indirect",
            speaker=Party(name="Israel Defence Forces", entity_id="o1"),
            span=(0, text.index(".") + 1),
            content_span=(start, text.index(".")),
        )
    ]
    tok = [t for t in doc if t.text == "group"][-1]
    party = who.resolve_mention(doc, tok, ctx)
    assert party is not None and party.name == "Hezbollah"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Photos showed the market in ruins.", "Photos"),
        ("Both sides said the truce held.", "sides"),
        ("Heavy battles raged near the airport.", "battles"),
    ],
)
def test_words_that_cannot_denote_a_party(nlp, text: str, word: str) -> None:
    assert resolve(nlp, text, word) is None


@pytest.mark.parametrize(
    ("text", "word", "outlet", "kind"),
    [
        ("SAHEL POST reports that 85 people died.", "POST", "Sahel Post", "outlet"),
        ("The Sahel Post learnt that 85 people died.", "Post", "Sahel Post", "outlet"),
        ("SAHEL POST reports that 85 people died.", "POST", "Coast Daily", "source"),
        ("Post offices reopened, officials said.", "officials", "Sahel Post", "source"),
    ],
)
def test_the_outlet_naming_itself_is_the_outlet(nlp, text: str, word: str, outlet: str, kind: str) -> None:
    doc = nlp(text)
    ctx = Context(article=Article.make(text, outlet=outlet))
    party = who.resolve_mention(doc, [t for t in doc if t.text == word][0], ctx)
    assert party is not None and party.kind == kind
    if kind == "outlet":
        assert (party.name, party.resolved_via) == (outlet, "outlet")


@pytest.mark.parametrize(
    ("text", "word", "subject"),
    [
        ("Five police vehicles were travelling in the valley when they were ambushed.", "they", "vehicles"),
        ("The convoy was crossing the bridge when it was hit.", "it", "convoy"),
        # no time clause, or a subject that does not agree: left to the index
        ("Five police vehicles were travelling and they were ambushed.", "they", None),
        ("The convoy was crossing the bridge when they opened fire.", "they", None),
        # a subject that is a thing goes on through its plural possessor
        ("The rebels' advance gathered pace after they captured Aleppo.", "they", "rebels"),
    ],
)
def test_a_time_clause_pronoun_goes_on_from_the_main_subject(
    nlp, text: str, word: str, subject: str | None
) -> None:
    doc = nlp(text)
    main = who.main_clause_subject([t for t in doc if t.text == word][0])
    assert (main.text if main is not None else None) == subject
