"""Name keys: transliteration folding, titles and roles, nationality words, organisation keys."""

from __future__ import annotations

import pytest

from counterclaim.compare.names import (
    acronym,
    demonym_state,
    fold_token,
    is_acronym,
    normalise_role,
    org_key,
    parse_person,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pashinian", "Pashinyan"),
        ("Pashinyan", "Pashinjan"),
        ("Sergey", "Sergei"),
        ("Yuriy", "Iouri"),
        ("Melnychenko", "Melnitchenko"),
        ("Zelenskyy", "Zelensky"),
        ("Muhammad", "Muhammed".replace("e", "a")),
        ("Kharkiv", "Harkiv"),
        ("Tbilisi's", "Tbilisi"),
        ("Dvořák", "Dvorak"),
    ],
)
def test_variants_fold_together(a: str, b: str) -> None:
    assert fold_token(a) == fold_token(b)


@pytest.mark.parametrize(("a", "b"), [("Lena", "Milan"), ("Varga", "Vargas"), ("Ivan", "Iveta")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fold_token(a) != fold_token(b)


@pytest.mark.parametrize(
    ("text", "given", "surname", "role", "nationality"),
    [
        ("Ostrian Prime Minister Tomas Reke", ["tomas"], "reke", "prime minister", "Ostrian"),
        ("Colonel Ada Brun", ["ada"], "brun", None, None),
        ("the Ostrian defence minister", [], None, "defence minister", "Ostrian"),
        ("Foreign Minister Pavel Orlov", ["pavel"], "orlov", "foreign minister", None),
        ("Orlov", [], "orlov", None, None),
        ("Dr. Jan de Vries", ["ian"], "devries", None, None),
        ("Bashar al-Assad", ["bashar"], "alasad", None, None),
    ],
)
def test_parse_person(
    text: str, given: list[str], surname: str | None, role: str | None, nationality: str | None
) -> None:
    p = parse_person(text)
    assert (p.given, p.surname, p.role, p.nationality) == (given, surname, role, nationality)


@pytest.mark.parametrize(
    ("word", "known", "state"),
    [
        ("Ostrian", ["Ostria"], "Ostria"),
        ("Ukrainian", ["Ukraine"], "Ukraine"),
        ("Azerbaijani", ["Azerbaijan"], "Azerbaijan"),
        ("Lebanese", ["Lebanon"], "Lebanon"),
        ("French", [], "France"),
        ("Ostrian", ["Pelland"], None),
    ],
)
def test_demonym_state(word: str, known: list[str], state: str | None) -> None:
    assert demonym_state(word, known) == state


def test_org_key_ignores_word_order_and_nationality_form() -> None:
    assert org_key("Ostria's Ministry of Defence", ["Ostria"]) == org_key(
        "Ostrian Defense Ministry", ["Ostria"]
    )
    assert org_key("Ostrian Defence Ministry", ["Ostria", "Pelland"]) != org_key(
        "Pellandic Defence Ministry", ["Ostria", "Pelland"]
    )


@pytest.mark.parametrize(
    ("role", "norm"),
    [
        ("minister of defense", "defence minister"),
        ("Minister of Foreign Affairs", "foreign minister"),
        ("prime minister", "prime minister"),
    ],
)
def test_normalise_role(role: str, norm: str) -> None:
    assert normalise_role(role) == norm


def test_acronyms() -> None:
    assert acronym("the Office for Refugee Relief") == "ORR"
    assert is_acronym("U.N.") and is_acronym("ORR")
    assert not is_acronym("Orr")


@pytest.mark.parametrize(
    "name",
    [
        "compare_translit",
        "compare_titles",
        "compare_demonyms",
        "compare_subjects",
        "compare_denial",
        "compare_acled",
    ],
)
def test_lexicons_have_a_header_and_only_strings(name: str) -> None:
    from counterclaim import lexicons  # noqa: PLC0415

    data = lexicons.load(name)
    assert data["name"] == name and data["version"] and len(data["source"]) > 40

    def strings(x: object) -> bool:
        if isinstance(x, dict):
            return all(isinstance(k, str) and strings(v) for k, v in x.items())
        if isinstance(x, list):
            return all(strings(v) for v in x)
        return isinstance(x, str)

    assert strings(data["entries"])  # YAML turns bare on/no/false into booleans: quote them
