"""The skip checks of extract/quotes, each alone: ``indirect.CUE_SKIPS`` (a verb that reports
nothing here) and ``direct.SEGMENT_SKIPS`` (a quotation-mark segment that is no speech of its
own), on a state built as ``quotes.extract`` builds it."""

from __future__ import annotations

import pytest

from counterclaim.extract import who
from counterclaim.extract.quotes.direct import SEGMENT_SKIPS, direct
from counterclaim.extract.quotes.indirect import CUE_SKIPS, indirect
from counterclaim.extract.quotes.marks import find_segments
from counterclaim.extract.quotes.state import Run
from counterclaim.records import Article, Context


@pytest.fixture
def run_of(nlp):
    """``run_of(text)``: a fresh Run for ``text``, with its segments and who index."""

    def _run_of(text: str) -> Run:
        doc = nlp(text)
        ctx = Context(article=Article.make(text))
        segs = [s for s in find_segments(text) if s.cend > s.cstart]
        index = who.build_index(doc, ctx, quoted=[(s.cstart, s.cend) for s in segs])
        return Run.of(doc, ctx, segs, index)

    return _run_of


# (text, the cue verb, whether the indirect pass ran first, the checks that skip the verb)
CUES = [
    ("The minister did not say that the army withdrew.", "say", False, ["negated"]),
    ('Brandt added: "They said the town fell."', "said", False, ["quoted_verb"]),
    ("The army said its units destroyed what it called a base.", "called", True, ["inside_report"]),
    ("The army said its units destroyed what it called a base.", "said", False, []),
    ("The minister said the army withdrew.", "said", False, []),
]


@pytest.mark.parametrize(("text", "verb", "after_indirect", "checks"), CUES)
def test_cue_skips(run_of, text: str, verb: str, after_indirect: bool, checks: list[str]) -> None:
    st = run_of(text)
    if after_indirect:
        indirect(st)
    tok = next(t for t in st.doc if t.text == verb)
    assert [skip.__name__ for skip in CUE_SKIPS if skip(st, tok)] == checks


# (text, segment index, whether the direct pass ran first, the checks that skip the segment)
SEGMENTS = [
    ('The crowd shouted "!!!" and left the square.', 0, False, ["no_words"]),
    ('"We will win," Brandt, wearing "Ted Cruz" pins, said.', 1, True, ["inside_cue"]),
    ('"We will win," Brandt, wearing "Ted Cruz" pins, said.', 0, False, []),
]


@pytest.mark.parametrize(("text", "k", "after_direct", "checks"), SEGMENTS)
def test_segment_skips(run_of, text: str, k: int, after_direct: bool, checks: list[str]) -> None:
    st = run_of(text)
    if after_direct:
        direct(st)
    assert [skip.__name__ for skip in SEGMENT_SKIPS if skip(st, st.segs[k])] == checks


def test_a_skipped_label_stays_in_its_report(run_of) -> None:
    st = run_of("The army said its units destroyed what it called a base.")
    indirect(st)
    assert [(q.cue, q.text) for q in st.quotes] == [("said", "its units destroyed what it called a base")]
