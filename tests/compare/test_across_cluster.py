"""Across articles through the real pipeline: stories and contradictions a fact-checker would sign.

``tests/data/across`` is one contested strike covered by several outlets over three days; its
expected contradictions are listed as their two sentences and must be found exactly. The samples
and the devset are checked for the other half of the promise: no denial found there rests on a
sentence that denies nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.compare.contradictions import find_contradictions
from counterclaim.compare.entities import resolve_entities
from counterclaim.compare.stories import group_stories
from counterclaim.ingest.readers import read_paths
from counterclaim.records import Analysis, Article, Contradiction

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
CLUSTER = ROOT / "tests" / "data" / "across"
DEVSET = ROOT.parent / "shared" / "devset"

# The sentences of the samples and the devset that deny something, read by hand: a denial found
# there must rest on one of them.
DENYING = [
    # samples
    "Dostrana's foreign ministry rejected the accusation.",
    "carried out no operations anywhere near Port Selva",
    "The army denied the claim.",
    # devset
    "denied that its troops had retreated in chaos",
    "dismissed the figure as",
    "did not strike residential quarters",
    "The Israeli military denied the report",
    "its aircraft did not strike Gaza",
    "Azerbaijan rejects that charge.",
    "did not strike residential buildings",
    "rejected the Russian account",
    "Central Command denied the claim",
    "The Houthis dismissed the designation",
    "denies directing its attacks",
    "did not strike residential neighborhoods",
    "Abdallah, denied the claim",
    "had denied that Assad had left the capital",
    "did not strike the rebel columns",
    "denied that troops had been forced out of Mekelle",
    "denied that the army had attacked civilians",
    "flatly denied the attack",
    "did not strike any civilian settlement",
    "Calling the Veshtari figures",
]


def _found(analyses: list[Analysis]) -> list[Contradiction]:
    index = resolve_entities(analyses)
    return find_contradictions(analyses, index=index, stories=group_stories(analyses, index=index))


@pytest.fixture(scope="module")
def cluster(nlp: object) -> tuple[list[Analysis], dict[str, str], dict]:
    from counterclaim.pipeline import analyze_many  # noqa: PLC0415

    rows = [json.loads(line) for line in (CLUSTER / "articles.jsonl").read_text("utf-8").splitlines() if line]
    arts = [
        Article.make(r["text"], title=r["title"], outlet=r["outlet"], published=r["published"]) for r in rows
    ]
    analyses = list(analyze_many(arts))
    assert all(isinstance(a, Analysis) for a in analyses), analyses
    key = {a.article.id: r["key"] for a, r in zip(analyses, rows, strict=True)}
    return analyses, key, json.loads((CLUSTER / "expected.json").read_text("utf-8"))  # type: ignore[return-value]


def test_cluster_stories(cluster: tuple[list[Analysis], dict[str, str], dict]) -> None:
    analyses, key, want = cluster
    stories = group_stories(analyses, index=resolve_entities(analyses))
    assert sorted(sorted(key[a] for a in s.articles) for s in stories) == sorted(
        sorted(g) for g in want["stories"]
    )
    uncertain = [sorted(key[a] for a in s.articles) for s in stories if s.date_uncertain]
    assert sorted(uncertain) == sorted(sorted(g) for g in want["uncertain"])


def test_cluster_contradictions_are_exactly_the_expected_sentences(
    cluster: tuple[list[Analysis], dict[str, str], dict],
) -> None:
    analyses, _key, want = cluster
    got = {(c.kind, frozenset((c.left.text, c.right.text))) for c in _found(analyses)}
    expected = {(w["kind"], frozenset((w["left"], w["right"]))) for w in want["contradictions"]}
    assert got == expected


def test_cluster_denial_is_the_deniers(cluster: tuple[list[Analysis], dict[str, str], dict]) -> None:
    analyses, _key, want = cluster
    denials = [c for c in _found(analyses) if c.kind == "denial"]
    texts = {w["left"] for w in want["contradictions"] if w["kind"] == "denial"}
    assert denials and all(c.left.text in texts for c in denials)  # the denial on the left, its claim right


def _denials_rest_on_denying_sentences(analyses: list[Analysis]) -> list[str]:
    bad = []
    for c in _found(analyses):
        if c.kind == "denial" and not any(d in c.left.text for d in DENYING):
            bad.append(c.left.text)
    return bad


def test_no_denial_in_the_samples_rests_on_a_sentence_that_denies_nothing(nlp: object) -> None:
    from counterclaim.pipeline import analyze_many  # noqa: PLC0415

    arts = [a for a in read_paths([ROOT / "samples"]) if isinstance(a, Article)]
    analyses = [a for a in analyze_many(arts) if isinstance(a, Analysis)]
    assert _denials_rest_on_denying_sentences(analyses) == []


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not beside the project")
def test_no_denial_in_the_devset_rests_on_a_sentence_that_denies_nothing(nlp: object) -> None:
    import sys  # noqa: PLC0415

    from counterclaim.pipeline import analyze_many  # noqa: PLC0415

    sys.path.insert(0, str(ROOT / "scripts"))
    from devset import devset_articles  # noqa: PLC0415

    analyses = [a for a in analyze_many(art for _, art in devset_articles(DEVSET)) if isinstance(a, Analysis)]
    found = _found(analyses)
    assert any(c.kind == "denial" for c in found)  # the devset does hold denials
    assert _denials_rest_on_denying_sentences(analyses) == []
