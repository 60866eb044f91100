"""Numbers: the number expressions of a text (digits, number words and scale words run
together, ranges), their values and qualifiers ("at least", "between 20 and 30", "losses
exceeded 9,800"), and ``Num``, what is known about each as the stages read it. The ``*_TAG``
markers are the words a figure's reason carries for other modules."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc, Token

from ...nlp import token_lowers
from ...records import FigureCategory, Qualifier
from .. import numbers as parse_numbers
from .lexicon import FigureLex, load_lex

UPDATE_TAG = "update"  # in a figure's reason: the number revises or continues an earlier count


LOSS_TAG = "lost"  # in a figure's reason: people "lost", which may mean killed or all casualties


PART_TAG = "a part of the dead or wounded"  # in a figure's reason: "four of the dead had gunshot wounds"




_RANGE_RE = re.compile(r"^(\d[\d,.]*)[-\u2013\u2014](\d[\d,.]*)$")


@dataclass(slots=True)
class Num:
    """One number expression in the text and what is known about it so far."""

    toks: list[Token]
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    q_toks: list[Token] = field(default_factory=list)
    anchor: Token | None = None  # the expression's syntactic head
    noun: Token | None = None  # what it counts, when named
    category: FigureCategory | None = None
    subject: str | None = None
    rule: str = ""
    link: int | None = None  # index of the figure this one continues
    update: bool = False
    subset: bool = False  # "including 10 children": part of the count before it
    follows: bool = False  # "up from 420", "as well as 13 tanks": continues the count before it
    skip: bool = False  # not a figure (names a thing, measures time, a total of a part ...)
    party: str | None = None


def _digit_value(text: str) -> float | None:
    return parse_numbers.digit_value(text)


def _word_value(tok: Token, lex: FigureLex) -> float | None:
    return _token_value(tok.text)


@functools.lru_cache(maxsize=4096)
def _token_value(text: str) -> float | None:
    """``numbers.token_value``, worked out once per distinct token text."""
    return parse_numbers.token_value(text)


@functools.lru_cache(maxsize=4096)
def _words_value(texts: tuple[str, ...]) -> float | None:
    """``numbers.word_value``, worked out once per distinct run of token texts."""
    return parse_numbers.word_value(texts)


def chunks(doc: Doc, lex: FigureLex) -> list[Num]:
    """Number expressions: digits, number words and scale words run together."""
    out: list[Num] = []
    n = len(doc)
    lowers = token_lowers(doc)
    like_num = doc.to_array(LIKE_NUM).tolist()
    # where an expression may start: a digit's lower case is itself, no letter's lower case
    # starts with a digit, and 'a'/'an' (no value of their own) count only before a scale word
    starts = [
        i
        for i, low in enumerate(lowers)
        if like_num[i]
        or low[:1].isdigit()
        or low in lex.units
        or (low in ("a", "an") and i + 1 < n and lowers[i + 1] in ("dozen", "hundred", "thousand"))
    ]
    j = 0
    for i in starts:
        if i < j:
            continue  # inside the expression before
        tok = doc[i]
        first = _word_value(tok, lex)
        if first is None and lowers[i] not in ("a", "an"):
            continue  # ('a'/'an' stand here only before a scale word)
        toks = [tok]
        j = i + 1
        while j < n:
            low, last = lowers[j], lowers[toks[-1].i]
            if low in lex.scales or low == "dozen":
                toks.append(doc[j])
            elif (
                low == "-"
                and j + 1 < n
                and lowers[j + 1] in lex.units
                and last in lex.units
                and not doc[j].whitespace_
                and not toks[-1].whitespace_
            ):
                toks.extend([doc[j], doc[j + 1]])  # "twenty-five"
                j += 1
            elif low in lex.units and last in lex.scales:
                toks.append(doc[j])  # "two hundred fifty"
            else:
                break
            j += 1
        value = _combine(toks, lex)
        power = parse_numbers.in_power(doc[i - 1].text if i else None, doc[j].text if j < n else None)
        if value is not None and not power:  # '10^400': notation, no count
            out.append(Num(toks=toks, value=value))
    return out


def _combine(toks: list[Token], lex: FigureLex) -> float | None:
    return _words_value(tuple([t.text for t in toks]))


def merge_ranges(doc: Doc, nums: list[Num]) -> list[Num]:
    """'between 20 and 30', '20-30', '20 to 30' become one range expression."""
    out: list[Num] = []
    k = 0
    while k < len(nums):
        a = nums[k]
        b = nums[k + 1] if k + 1 < len(nums) else None
        if b is not None and b.toks[0].i - a.toks[-1].i <= 2:
            gap = doc[a.toks[-1].i + 1 : b.toks[0].i]
            before = doc[a.toks[0].i - 1] if a.toks[0].i > 0 else None
            joint = gap.text.strip().lower()
            is_between = joint == "and" and before is not None and before.lower_ == "between"
            is_dash = joint in ("-", "\u2013", "\u2014", "to") and (
                before is None or before.lower_ not in ("from",)
            )
            ends = parse_numbers.range_ends(a.value, b.value, between=is_between)
            if (is_between or is_dash) and ends is not None:
                # 'between 30 and 20' is the range 20-30, not two figures
                lo, hi = (_scaled_low(a, b), b.value) if b.value > a.value else ends
                merged = Num(toks=a.toks + list(gap) + b.toks, value=lo, low=lo, high=hi, qualifier="range")
                if is_between and before is not None:
                    merged.q_toks = [before]
                out.append(merged)
                k += 2
                continue
        out.append(a)
        k += 1
    # "20-30" as a single token
    # (digits have no case: a token starts with one when its lower case does)
    for i in [i for i, low in enumerate(token_lowers(doc)) if low[:1].isdigit()]:
        tok = doc[i]
        if len(tok) < 3:
            continue
        m = _RANGE_RE.match(tok.text)
        if m:
            lo, hi = _digit_value(m.group(1)), _digit_value(m.group(2))
            if lo is not None and hi is not None and hi > lo:
                out.append(Num(toks=[tok], value=lo, low=lo, high=hi, qualifier="range"))
    out.sort(key=lambda x: x.toks[0].i)
    return out


def _scaled_low(a: Num, b: Num) -> float:
    """'20 to 30 thousand': the low end takes the high end's scale (20,000)."""
    if a.value < 1000 <= b.value and len(a.toks) == 1 and len(b.toks) > 1:
        unit = _combine(b.toks[:1], load_lex())
        if unit:
            return a.value * (b.value / unit)
    return a.value


def qualify(doc: Doc, num: Num, lex: FigureLex) -> None:
    """Set the qualifier from the words just before (or after) the expression."""
    if num.qualifier == "range":
        return
    lowers = token_lowers(doc)
    start = num.toks[0].i
    words: list[int] = []  # the (up to) four words before, quotation marks skipped
    k = start - 1
    while k >= 0 and len(words) < 4:
        if lowers[k] in ("'", '"') or doc[k].is_quote:
            k -= 1
            continue
        words.insert(0, k)
        k -= 1
    for size in (4, 3, 2, 1):
        if len(words) >= size:
            key = tuple(lowers[j] for j in words[-size:])
            if key in lex.q_before:
                num.qualifier = lex.q_before[key]
                num.q_toks = [doc[j] for j in words[-size:]]
                break
    end = num.toks[-1].i + 1
    for size in (2, 1):
        key = tuple(lowers[end : end + size])
        if len(key) == size and key in lex.q_after and num.qualifier == "exact":
            num.qualifier = lex.q_after[key]
            break
    if num.qualifier in ("at_least", "more_than"):
        num.low = num.value
    elif num.qualifier in ("at_most", "fewer_than"):
        num.high = num.value


def verb_qualifier(num: Num, lex: FigureLex) -> None:
    """A bound set by the verb the count is the object of: "losses exceeded 9,800" (more than)."""
    if num.qualifier != "exact" or num.anchor is None:
        return
    obj = num.noun if num.noun is not None and num.noun.i > num.anchor.i else num.anchor
    verb = obj.head
    if obj.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.q_verbs:
        num.qualifier = lex.q_verbs[verb.lemma_.lower()]
        if num.qualifier in ("at_least", "more_than"):
            num.low = num.value
        elif num.qualifier in ("at_most", "fewer_than"):
            num.high = num.value
