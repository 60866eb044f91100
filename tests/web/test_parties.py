"""parties.py: links to entities go by canonical id, and a name with no exact entity says so."""

from __future__ import annotations

from compare.helpers import analysis, party  # tests/compare: pytest puts tests/ on the path
from counterclaim.compare.entities import resolve_entities
from counterclaim.records import Party
from counterclaim.web.parties import Linker


def _linker():
    ents = [
        ("Armenia", "GPE", None, [], ["Yerevan"]),
        ("Nikol Pashinian", "PERSON", "Armenia"),
        ("Azerbaijani military", "ORG", "Azerbaijan"),
    ]
    a = analysis("Nikol Pashinian spoke in Yerevan. The Azerbaijani military denied it.", entities=ents)
    return a, Linker(resolve_entities([a]))


def test_a_party_with_a_mention_links_to_its_entity_by_id() -> None:
    a, linker = _linker()
    html = str(linker.html(party(a, "Nikol Pashinian"), a.article.id))
    ce = linker.entity(a.article.id, party(a, "Nikol Pashinian"))
    assert ce is not None and html == f'<a class="ent" href="/entities/{ce.id}">Nikol Pashinian</a>'


def test_words_the_entity_does_not_bear_are_shown_and_the_link_names_the_entity() -> None:
    a, linker = _linker()
    armenia = next(e for e in a.entities if e.name == "Armenia")
    p = Party(name="Armenian government", entity_id=armenia.id, kind="source", resolved_via="alias")
    html = str(linker.html(p, a.article.id))
    assert html.startswith("Armenian government <small>(<a class=\"ent\" href=\"/entities/e_")
    assert html.endswith(">Armenia</a>)</small>")


def test_a_name_without_an_exact_entity_is_never_guessed() -> None:
    a, linker = _linker()
    p = Party(name="Kiev's military", kind="source")  # close to 'Azerbaijani military' only by fuzz
    html = str(linker.html(p, a.article.id))
    assert 'class="noent"' in html and "/entity?name=Kiev%27s+military" in html and "/entities/" not in html
    assert linker.exact("Kiev's military") is None
    assert linker.exact("yerevan") is not None  # an alias, folded


def test_outlet_and_unknown() -> None:
    _, linker = _linker()
    assert "The Ledger" in str(linker.html(Party.outlet("The Ledger"), None, "The Ledger"))
    assert "(outlet)" not in str(linker.html(Party.outlet(None), None, None))
    assert "the outlet" in str(linker.html(Party.outlet(None), None, None))
    assert "unknown" in str(linker.html(Party.unknown()))
    assert str(linker.html(None)) == "—"
    assert "&lt;b&gt;" in str(Linker(None).html(Party(name="<b>x</b>", kind="source")))
