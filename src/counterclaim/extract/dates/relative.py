"""An article's expressions resolved in text order: numeric dates in the order the article writes
its dates in, relative ones ('the 14th', 'two days later', 'Sept. 27 of that year', 'one month
after Aug. 21') from the dates around them, and weekdays written with their date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from ...nlp import doc_text
from .expressions import FULL_KINDS, MONTH_DAY_KINDS, Expr, _line_bounds
from .resolution import Resolved, resolve


def _numeric_style(exprs: list[Expr]) -> str | None:
    """'dmy' or 'mdy': the order the article writes its dates with month names in, if one leads."""
    dmy = sum(e.kind in ("dm", "dmy") for e in exprs)
    mdy = sum(e.kind in ("md", "mdy") for e in exprs)
    return "dmy" if dmy > mdy else "mdy" if mdy > dmy else None


_THAT_YEAR_RE = re.compile(r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)
_PAIR_GAP_RE = re.compile(r",?\s*\(?\s*(?:the\s+)?")


def _weekday_pairs(exprs: list[Expr], text: str) -> list[tuple[Expr, Expr]]:
    """A weekday written with its date or relative day: 'Tuesday, Oct. 24', 'Monday (June 2)',
    'tomorrow (Monday)', 'today, Sunday'."""
    out: list[tuple[Expr, Expr]] = []
    for a, b in zip(exprs, exprs[1:], strict=False):
        if not _PAIR_GAP_RE.fullmatch(text[a.end : b.start]):
            continue
        if (
            a.kind == "wd"
            and "prefix" not in a.extra
            and b.kind in (*MONTH_DAY_KINDS, *FULL_KINDS, "rel_day")
        ):
            out.append((a, b))
        elif b.kind == "wd" and "prefix" not in b.extra and a.kind == "rel_day":
            out.append((b, a))
    # 'tomorrow (Monday)' needs its comma or bracket: 'said on Monday tomorrow's talks' is no pair
    return [(w, o) for w, o in out if o.kind != "rel_day" or re.search(r"[,(]", _gap(w, o, text))]


def _gap(a: Expr, b: Expr, text: str) -> str:
    """The text between two expressions, whichever comes first."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return text[first.end : second.start]


def _sentence_bounds(doc: Doc, pos: int) -> tuple[int, int]:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _line_bounds(doc_text(doc), pos)
    sent = span[0].sent
    return sent.start_char, sent.end_char


def _resolve_all(doc: Doc, exprs: list[Expr], anchor: dt.date | None) -> list[Resolved]:
    """Resolve every expression; relative ones ('the 14th', 'two days later', 'Sept. 27 of that
    year', 'one month after Aug. 21') from the dates around them, in text order."""
    text = doc_text(doc)
    style = _numeric_style(exprs)
    for ex in exprs:
        if ex.kind == "num":
            ex.extra["style"] = style
    out: list[Resolved] = [(None, None, "")] * len(exprs)
    contextual = ("ord", "offset", "day_offset")
    for i, ex in enumerate(exprs):
        if ex.kind not in contextual:
            out[i] = resolve(ex, anchor)
    for i, ex in enumerate(exprs):
        if ex.kind in MONTH_DAY_KINDS and _THAT_YEAR_RE.match(text, ex.end):
            years = [out[k][0] for k in range(i) if out[k][0]]
            if years:
                ex.extra["year"] = int(str(years[-1])[:4])
                out[i] = resolve(ex, anchor)
            continue
        if ex.kind not in contextual:
            continue
        ref: str | None = None
        if ex.kind == "ord":
            s0, _ = _sentence_bounds(doc, ex.start)
            prior = [out[k][0] for k in range(i) if exprs[k].start >= s0 and out[k][1] == "day"]
            ref = str(prior[-1]) if prior else None
        elif ex.rel == "ago":
            ref = anchor.isoformat() if anchor else None
        elif ex.rel in ("after", "before"):
            nxt = i + 1
            if nxt < len(exprs) and re.fullmatch(r"\s+(?:the\s+|on\s+)?", text[ex.end : exprs[nxt].start]):
                ref = out[nxt][0]
                if ref:
                    ex.end = exprs[nxt].end
                    ex.text = text[ex.start : ex.end]
        else:
            ref = _previous_value(exprs, out, i, text)
        if ref is None and ex.kind != "ord":
            continue
        out[i] = resolve(ex, anchor, ref)
    for wd, other in _weekday_pairs(exprs, text):
        iw, io = exprs.index(wd), exprs.index(other)
        value = out[io][0]
        if value and out[io][1] == "day" and dt.date.fromisoformat(value).weekday() == wd.weekday:
            how = "date" if other.kind != "rel_day" else f"'{other.text}'"
            out[iw] = (value, "day", f"weekday written with its {how}")
    return out


def _previous_value(exprs: list[Expr], out: list[Resolved], i: int, text: str) -> str | None:
    """The value of the nearest resolved date before ``exprs[i]`` in its paragraph or the one
    before: what 'two days later' counts from."""
    para, _ = _line_bounds(text, exprs[i].start)
    prev_para = para
    pos = para - 1
    while pos > 0:  # back over blank lines to the start of the paragraph before
        ls, le = _line_bounds(text, pos - 1)
        if text[ls:le].strip():
            prev_para = ls
            break
        pos = ls
    for k in range(i - 1, -1, -1):
        if exprs[k].start < prev_para:
            return None
        if not exprs[k].in_caption:
            return out[k][0]  # None when that date could not be placed: then neither can this
    return None
