"""``ingest.language``: py3langid's verdicts and probabilities, bit for bit, with the automaton
walked by numpy; and the property that walk rests on (the automaton's depth)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from counterclaim.ingest.checks import LANGID_SAMPLE, detect_language
from counterclaim.ingest.language import DEPTH, identifier

STOCK = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

TEXTS = [
    "",
    "a",
    "Hi!",
    "KYIV —",
    "ARMY SAYS 12 KILLED IN SHELLING",  # all capitals: the library lower-cases it first
    "Officials said 12 people were killed in Kyiv on Monday.",
    '"We will respond," Russian spokesman Dmitry Peskov said.\n\nThe ministry denied it.',
    "Le gouvernement a annoncé mardi que douze soldats ont été tués près de la frontière.",
    "Die Regierung teilte am Dienstag mit, dass zwölf Soldaten getötet wurden.",
    "El ministerio de Defensa informó que doce soldados murieron en el ataque.",
    "Правительство заявило, что погибли двенадцать солдат.",
    "الحكومة أعلنت مقتل اثني عشر جنديا في الهجوم",
    "政府は12人の兵士が死亡したと発表した。",
    "Հայաստանի վարչապետը հայտարարեց զորահավաք։",
    "Azərbaycan Müdafiə Nazirliyi bildirib ki, 12 hərbçi həlak olub.",
    "12 34 56 -- ** // 2024-03-01 ... !!!",
    "Ukraine's army said. Украина заявила. L'armée a dit.",  # mixed
]


def _random_texts(n: int) -> list[str]:
    rng = random.Random(18)
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ.,'\"\n0123456789éüñçßøйцукенгшщзاللهשלום中文한국어"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))) for _ in range(n)]


@pytest.mark.parametrize("text", TEXTS + _random_texts(40))
def test_verdicts_and_probabilities_are_py3langids(text: str) -> None:
    ours = identifier()
    assert ours.classify(text) == STOCK.classify(text)
    assert ours.rank(text) == STOCK.rank(text)
    data = STOCK._encode(text)
    stock = visit_counts(STOCK.tk_nextmove, STOCK._rowbase, STOCK.tk_output, data)
    counts = ours.feature_counts(data)
    # the same features, counts and order (the order the scores are summed in)
    assert (list(counts.items()) if counts else None) == (list(stock.items()) if stock else None)


def test_the_articles_language_check_gives_the_librarys_answer_on_long_texts() -> None:
    text = " ".join(TEXTS[5:8]) * 60  # longer than the sample: only its start is classified
    assert len(text) > LANGID_SAMPLE
    lang, prob = STOCK.classify(text[:LANGID_SAMPLE])
    assert detect_language(text) == (lang, prob)


@pytest.mark.slow
def test_every_state_is_at_most_depth_bytes_from_the_start() -> None:
    """The vectorised walk is exact when the state after any byte depends only on the last
    ``DEPTH`` bytes: true of an Aho-Corasick automaton whose trie is ``DEPTH`` deep, the depth
    being each state's distance from the start (breadth-first over every byte)."""
    moves = np.frombuffer(STOCK.tk_nextmove, dtype=np.dtype(STOCK.tk_nextmove.typecode))
    rows = np.asarray(STOCK._rowbase, dtype=np.int64)
    depth = np.full(len(rows), -1)
    depth[0] = 0
    frontier, d = np.array([0]), 0
    while len(frontier):
        d += 1
        reached = np.unique(moves[(rows[frontier][:, None] + np.arange(256)[None, :]).ravel()])
        frontier = reached[depth[reached] < 0]
        depth[frontier] = d
    assert depth.min() == 0 and depth.max() == DEPTH
