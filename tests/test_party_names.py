"""No speaker, claimant, actor or target is a word that cannot denote a party.

Over the devset, the held-out sets and the samples, every party the extractors name is listed with
the entity type it rests on (written to test-output/party-names.tsv for reading), and each must be
a person, an organisation, a state or group, a described party ('local military official'), the
outlet or unknown: never a noun that cannot act or speak ('Photos', 'battles', 'both sides'), a
place that is only a setting (a LOC or FAC entity; an attack's target may be one) or a bare
number or date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from counterclaim import analyze_many
from counterclaim.extract import grammar
from counterclaim.ingest import read_paths
from counterclaim.records import Analysis, Article, Party
from gold_sets import evaluation

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-output" / "party-names.tsv"
SETS_CHECKED = ("devset", "heldout", "heldout2", "heldout3")


def _samples() -> list[Analysis]:
    arts = [a for a in read_paths([ROOT / "samples"]) if isinstance(a, Article)]
    return [a for a in analyze_many(arts) if isinstance(a, Analysis)]


def _parties(a: Analysis) -> Iterator[tuple[str, Party]]:
    for q in a.quotes:
        yield "speaker", q.speaker
    for f in a.figures:
        yield "claimant", f.claimant
    for e in a.events:
        yield "actor", e.actor
        if e.target is not None:
            yield "target", e.target


def _rows() -> list[tuple[str, str, str, str, str]]:
    """(set, article, role, party name, what it rests on: entity type, described, outlet ...)."""
    analyses: list[tuple[str, Analysis]] = []
    for name in SETS_CHECKED:
        ev = evaluation(name)
        analyses += [(name, Analysis.from_dict(p)) for p in ev.predictions.values()]
    analyses += [("samples", a) for a in _samples()]
    rows = []
    for set_name, a in analyses:
        types = {e.id: e.type for e in a.entities}
        for role, p in _parties(a):
            basis = types.get(p.entity_id or "", p.kind if p.kind != "source" else (p.resolved_via or "name"))
            rows.append((set_name, a.article.id, role, p.name, basis))
    return rows


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str, str, str, str]]:
    got = _rows()  # evaluation() skips (or fails on CI) when ../shared is absent
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join("\t".join(r) + "\n" for r in sorted(set(got))), encoding="utf-8")
    return got


def test_every_party_is_a_party(rows: list[tuple[str, str, str, str, str]]) -> None:
    bad = []
    for set_name, article, role, name, basis in rows:
        words = re.findall(r"[\w'-]+", name.lower())
        head = words[-1] if words else ""
        if basis in ("LOC", "FAC") and role != "target":  # a place can be what an attack hits
            bad.append((set_name, article, role, name, "a place that is only a setting"))
        elif head and grammar.not_party(head):
            bad.append((set_name, article, role, name, f"'{head}' cannot denote a party"))
        elif name and not re.search(r"[A-Za-z]", name):
            bad.append((set_name, article, role, name, "no word at all"))
    assert not bad, "\n".join("\t".join(b) for b in bad)


def test_the_listing_covers_every_role(rows: list[tuple[str, str, str, str, str]]) -> None:
    assert {r[2] for r in rows} >= {"speaker", "claimant", "actor", "target"}
    assert OUT.read_text(encoding="utf-8").count("\n") >= 100
