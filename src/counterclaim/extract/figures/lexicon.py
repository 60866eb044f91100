"""The word lists figure extraction reads (``FigureLex``, loaded once by ``load_lex``) and the
noun groups its rules test (things, people)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ... import lexicons
from ...records import Qualifier


@dataclass(frozen=True)
class FigureLex:
    """The word lists this extractor reads, loaded once."""

    patient: dict[str, str]
    intransitive: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    tally_nouns: frozenset[str]
    tally_verbs: frozenset[str]
    update_verbs: frozenset[str]
    complements: dict[str, str]
    home_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    loss_kill_verbs: frozenset[str]
    harm_nouns: dict[str, str]
    life_verbs: frozenset[str]
    other_verbs: frozenset[str]
    care_verbs: frozenset[str]
    fire_verbs: frozenset[str]
    groups: dict[str, str]
    civilian_like: frozenset[str]
    q_before: dict[tuple[str, ...], Qualifier]
    q_after: dict[tuple[str, ...], Qualifier]
    q_verbs: dict[str, Qualifier]
    units: dict[str, float]
    scales: dict[str, float]
    vague: frozenset[str]
    excl_units: frozenset[str]
    excl_symbols: frozenset[str]
    excl_after: frozenset[str]
    excl_verbs: frozenset[str]
    demonyms: dict[str, str]
    speech: frozenset[str]  # reporting verbs (quote_cues) and verbs that give a tally
    by_agent: frozenset[str]
    not_claimants: frozenset[str]
    lethal: frozenset[str]  # 'destroyed' verbs that kill the people they count


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): cat for cat, words in table.items() for w in (words or [])}


def _speech_verbs() -> list[str]:
    """The reporting verbs of the one shared table (quote_cues) that assert a clause ('said',
    'reported'; not 'agreed', 'urged')."""
    cues = lexicons.entries("quote_cues").items()
    return [k for k, v in cues if (v or {}).get("frame") == "clause" and not (v or {}).get("act")]


@cache
def load_lex() -> FigureLex:
    """The word lists, loaded once."""
    cat = lexicons.entries("figure_categories")
    subj = lexicons.entries("figure_subjects")
    qual = lexicons.entries("figure_qualifiers")
    num = lexicons.entries("number_words")
    excl = lexicons.entries("figure_exclusions")
    claim = lexicons.entries("figure_claim_verbs")
    return FigureLex(
        patient=_invert(cat["patient"]),
        intransitive=_invert(cat["intransitive"]),
        adjectives=_invert(cat["adjectives"]),
        nouns=_invert(cat["nouns"]),
        tally_nouns=frozenset(cat["tally_nouns"]),
        tally_verbs=frozenset(cat["tally_verbs"]),
        update_verbs=frozenset(cat["update_verbs"]),
        complements=_invert(cat["complements"]),
        home_nouns=frozenset(cat["home_nouns"]),
        loss_verbs=frozenset(cat["loss_verbs"]),
        loss_kill_verbs=frozenset(cat.get("loss_kill_verbs", [])),
        harm_nouns=_invert(cat.get("harm_nouns", {})),
        life_verbs=frozenset(cat.get("life_verbs", [])),
        other_verbs=frozenset(cat.get("other", [])),
        care_verbs=frozenset(cat.get("care_verbs", [])),
        fire_verbs=frozenset(cat.get("fire_verbs", [])),
        groups=_invert(subj["groups"]),
        civilian_like=frozenset(subj["civilian_like"]),
        q_before={tuple(k.split()): v for k, v in qual["before"].items()},
        q_after={tuple(k.split()): v for k, v in qual["after"].items()},
        q_verbs=dict(qual.get("verbs", {})),
        units={k: float(v) for k, v in num["units"].items()},
        scales={k: float(v) for k, v in num["scales"].items()},
        vague=frozenset(num["vague"]),
        excl_units=frozenset(excl["units"]),
        excl_symbols=frozenset(excl["symbols"]),
        excl_after=frozenset(excl["words_after"]),
        excl_verbs=frozenset(excl["verbs"]),
        demonyms=lexicons.nationality_map(),
        speech=frozenset(claim["tallies"]) | frozenset(_speech_verbs()),
        by_agent=frozenset(claim["by_agent"]),
        not_claimants=frozenset(claim["not_claimants"]),
        lethal=frozenset(cat.get("lethal", [])),
    )


THING_GROUPS = {
    "houses",
    "buildings",
    "settlements",
    "vehicles",
    "aircraft",
    "munitions",
    "vessels",
    "positions",
}


PEOPLE_GROUPS = {"military", "civilians", "children", "women", "people"}


def is_people(noun: Token, lex: FigureLex) -> bool:
    """The noun counts people (a people group or a nationality)."""
    return lex.groups.get(noun.lemma_.lower()) in PEOPLE_GROUPS or noun.ent_type_ == "NORP"
