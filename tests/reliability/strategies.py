"""Hypothesis strategies for adversarial article input, shared by the reliability tests.

Text is built from fragments that have broken parsers before: quotation marks of every kind,
unbalanced and nested; numbers too big for any float; impossible dates; control characters;
right-to-left and mixed scripts; markup. Every strategy is seeded by the test's settings.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# one profile for every fuzz test: fixed seed (derandomize), no deadline (a cold trafilatura or
# spaCy call can take a second), no health check that fails slow strategies
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def fuzz(examples: int) -> settings:
    """The ``FUZZ`` profile with this many examples."""
    return settings(FUZZ, max_examples=examples)

QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a"]
QUOTES += ["``", "''"]
NUMBERS = [
    "10^400",
    "1,0,0,0",
    "1e999",
    "-1e999",
    "1" + "0" * 400,
    "9" * 400 + ".5",
    "0.000000000000000000001",
    "1,000,000,000,000,000,000,000",
    "NaN",
    "inf",
    "12.5.3",
    "3/0",
    "1½",
    "\u0661\u0662\u0663",  # Arabic-Indic digits
    "٣٠٠٠",
    "dozens",
    "tens of thousands",
    "a hundred thousand million",
    "−40",  # minus sign
    "#1",
    "99%",
    "$1.5bn",
    # issue 20: misread before numbers.py
    "two thousand thousand",
    "one hundred thousand million",
    "9999999999999999999999",
    "between 30 and 20",
    "0.5",
    "10 ^ 400",
]
DATES = [
    "February 30",
    "Feb. 29, 2023",
    "31 April 2024",
    "2024-13-45",
    "2020-02-30",
    "0000-00-00",
    "9999-12-31",
    "Monday, February 30, 2021",
    "last Tuesday",
    "the 32nd of May",
    "year 10000",
    "on 29/02/2023",
    "yesterday",
    "in 1 BC",
]
SCRIPTS = [
    "\u0627\u0644\u062c\u064a\u0634 \u0642\u0627\u0644",  # Arabic
    "\u05e6\u05d4\u05f4\u05dc \u05d0\u05de\u05e8",  # Hebrew
    "\u0410\u0440\u043c\u0438\u044f \u0437\u0430\u044f\u0432\u0438\u043b\u0430",  # Cyrillic
    "\u519b\u65b9\u79f0",  # Chinese
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u200b\u2060\ufeff",  # direction marks, zero-width
    "Mar\u200bta Qui\u202eroga\u202c",  # issue 20: marks inside a name
    "\u2067isolate\u2069 \u00adsoft\u061c",
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\U0001f4a3\U0001f1fa\U0001f1e6",  # emoji, flag
    "\ud800",  # lone surrogate
    "\ufffd",
]
CONTROL = ["\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029"]
CONTROL += ["\x1b]0;pwned\x07", "\x9b31m"]  # issue 20: set the terminal's title, 8-bit CSI
CONTROL += ["\r", "\r\n", "\t", "\f", "\v"]
WORDS = [
    "said",
    "The army said",
    "officials said",
    "killed",
    "were killed",
    "wounded",
    "according to",
    "the ministry",
    "Hamas",
    "Russia",
    "he",
    "she told reporters",
    "attacked",
    "at least",
    "more than",
    "people",
    "civilians",
    "soldiers",
    "on",
    ".",
    ",",
    ":",
    "\u2014",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "President",
    "Mr.",
    "U.S.",
]
MARKUP = ["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#0;"]
MARKUP += ["&#x110000;", "&#xd800;", "&#55296;", "<![CDATA[", "]]>", "<a href='javascript:1'>"]

fragment = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTES),
    st.sampled_from(NUMBERS),
    st.sampled_from(DATES),
    st.sampled_from(SCRIPTS),
    st.sampled_from(CONTROL),
    st.sampled_from(MARKUP),
    st.text(max_size=12),
)


@st.composite
def adversarial_text(draw: st.DrawFn, max_fragments: int = 60) -> str:
    """Prose-like text made of adversarial fragments, joined by spaces (sometimes not)."""
    parts = draw(st.lists(fragment, min_size=1, max_size=max_fragments))
    sep = draw(st.sampled_from([" ", "", "\n", " \u201c"]))
    return sep.join(parts)


@st.composite
def quote_storm(draw: st.DrawFn) -> str:
    """Quotation marks by the hundred or thousand, unbalanced and nested, around a few words."""
    n = draw(st.integers(min_value=1, max_value=2000))
    marks = draw(st.lists(st.sampled_from(QUOTES), min_size=1, max_size=6))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    body = " ".join(words)
    return "".join(marks[i % len(marks)] for i in range(n)) + body + "".join(marks[::-1]) * (n % 7)


@st.composite
def nested_html(draw: st.DrawFn) -> str:
    """HTML nested hundreds of levels deep, sometimes unclosed, around adversarial text."""
    depth = draw(st.integers(min_value=1, max_value=3000))
    tag = draw(st.sampled_from(["div", "p", "b", "span", "table", "article", "blockquote", "li"]))
    inner = draw(adversarial_text(max_fragments=20))
    closed = draw(st.booleans())
    return "<html><body>" + f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")


any_text = st.one_of(adversarial_text(), quote_storm(), st.text(max_size=300))
any_bytes = st.one_of(
    any_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
    any_text.map(lambda s: b"\xff\xfe" + s.encode("utf-16-le", "surrogatepass")),
    any_text.map(lambda s: s.encode("utf-8", "surrogatepass") + b"\xc3\x28\xa0\xa1\xe2\x82"),  # invalid UTF-8
    any_text.map(lambda s: s.encode("cp1252", "replace")),
)
