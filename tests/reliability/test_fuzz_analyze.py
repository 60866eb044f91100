"""Fuzzing ``counterclaim.analyze``: adversarial text either analyses into a well-formed
``Analysis`` (every span inside the text, strict JSON out) or fails with a ``CounterclaimError``.

An analysis costs ~0.1-0.3 s, so the default run fuzzes a couple of hundred short texts; the
``slow`` test runs a thousand more. tests/RELIABILITY.md records the figures of a real run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterclaim.budget import Budget
from counterclaim.errors import BudgetExceeded, CounterclaimError
from counterclaim.pipeline import analyze, analyze_article, analyze_many
from counterclaim.records import Analysis, Article

from .strategies import DATES, NUMBERS, QUOTES, SCRIPTS, adversarial_text, fuzz, quote_storm

pytestmark = pytest.mark.usefixtures("nlp")


def _no_constant(name: str) -> Any:
    raise AssertionError(f"the analysis JSON holds {name}, which is not JSON")


def _spans(obj: Any) -> list[tuple[str, Any]]:
    """Every (key, value) in the analysis whose key names a span."""
    found: list[tuple[str, Any]] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if (k == "span" or k.endswith("_span")) and v is not None:
                found.append((k, v))
            found.extend(_spans(v))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(_spans(v))
    return found


def check_outcome(article: Article, outcome: Analysis | BaseException) -> None:
    """An analysis must be well-formed; a failure must be the project's own error."""
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, CounterclaimError), f"{type(outcome).__name__}: {outcome}"
        assert outcome.code.startswith("E0")
        return
    data = json.loads(outcome.to_json(), parse_constant=_no_constant)
    n = len(article.text)
    for key, span in _spans(data):
        start, end = span
        assert 0 <= start <= end <= n, f"{key} {span} outside the text (length {n})"


def run_one(text: str, title: str = "") -> None:
    """Analyse one text through the public API and check the outcome."""
    try:
        result = analyze(text, title=title, published="2024-03-01")
    except CounterclaimError as exc:
        assert exc.code.startswith("E0")
        return
    check_outcome(result.article, result)


texts = st.one_of(adversarial_text(max_fragments=40), quote_storm())


@fuzz(200)
@given(text=texts, title=st.sampled_from(["", "Breaking", "\u201c", "\u202e"]))
def test_analyze_never_crashes(text: str, title: str) -> None:
    run_one(text, title)


@pytest.mark.slow
@fuzz(1200)
@given(text=st.one_of(texts, adversarial_text(max_fragments=200)))
def test_analyze_never_crashes_long_run(text: str) -> None:
    run_one(text)


def _sentence_with(piece: str) -> str:
    return f"The ministry said {piece} people were killed on {piece}, officials told reporters.\n"


FIXED = {
    "5000 unbalanced quotes": "\u201c" * 5000 + "He said the army attacked.\n",
    "nested quotes 200 deep": "".join(f"{q}He said " for q in QUOTES * 16) + "war.\n",
    "alternating straight quotes": '"a" "b" "' * 700 + " said the army.\n",
    "huge numbers": "".join(_sentence_with(n) for n in NUMBERS),
    "impossible dates": "".join(f"The army said on {d} that 12 soldiers died.\n" for d in DATES),
    "mixed scripts and rtl": "".join(f"The army said {s} 5 were killed.\n" for s in SCRIPTS),
    "one sentence of 10000 tokens": "The army said " + "very " * 10000 + "many were killed.\n",
    "no spaces": "Thearmysaid12peoplewerekilled" * 2000 + "\n",
    "only punctuation": ".,;:!?\u2014()[]" * 500 + "\n",
    "one token per line": "\n".join(["said"] * 5000) + "\n",
}


@pytest.mark.parametrize("text", list(FIXED.values()), ids=list(FIXED))
def test_fixed_adversarial_texts(text: str) -> None:
    run_one(text, "Title")


def test_megabyte_line_fails_fast_with_budget_error() -> None:
    text = "The army said " + "x" * (1 << 20) + " were killed.\n"
    article = Article.make(text, title="Big", source="big.txt")
    with pytest.raises(BudgetExceeded) as err:
        analyze_article(article)
    assert "big.txt" in str(err.value) and "characters" in str(err.value)


def test_analyze_many_survives_a_hostile_stream() -> None:
    texts = [
        "The army said 12 soldiers were killed on Monday.\n",
        "\x00\x01 binary",
        "x" * 2_000_000,
        "   ",
        "\u201c" * 3000 + "\n",
        "Officials said 3 civilians were wounded.\n",
    ]
    arts = [Article.make(t, title=f"t{i}", source=f"s{i}") for i, t in enumerate(texts)]
    out = list(analyze_many(arts, batch_size=4, budget=Budget(max_chars=1_000_000)))
    assert len(out) == len(arts)
    for art, res in zip(arts, out, strict=True):
        check_outcome(art, res)
    assert isinstance(out[0], Analysis) and isinstance(out[-1], Analysis)
    assert isinstance(out[2], BudgetExceeded)


DEEP_SENTENCE = (
    "import counterclaim\n"
    "counterclaim.analyze('The army said ' + 'very ' * 40000 + 'many were killed.', published='2024-03-01')\n"
)


@pytest.mark.slow
def test_a_sentence_40000_tokens_deep_does_not_kill_the_process() -> None:
    # in a child process: a segfault must not take the test run down with it
    r = subprocess.run([sys.executable, "-c", DEEP_SENTENCE], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-400:]
