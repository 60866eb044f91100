"""Which parts of an article's text name no party: bylines, credit lines, picture credits, a
dateline's agency and all-capital subheadings (``noise_spans``), and the photo or wire credits NER
tags as names (``_is_credit``)."""

from __future__ import annotations

import re

from .words import _NOISE, _NOT_NAMES, _alternation

# 'Reporting by X; Editing by Y', 'Photograph: X', 'Source: Al Jazeera and news agencies'
_CREDIT_LINE_RE = re.compile(
    rf"^[ \t]*(?:{_alternation(_NOISE['credit_line_starts'])})[ \t]*(?:by\b|:)", re.I
)
# 'By Name and Name', 'By Name, Eastern Europe correspondent': a short line naming the writers
_BYLINE_START = re.compile(r"^[ \t]*(?:By|BY)[ \t]+")
_NAME_JOINERS = {"and", "&", "de", "van", "von", "al", "el", "bin", "da", "di", "le", "la", "du", "del"}
# credit words as credits write them: capitalised ('AP Photo', '(File)') or in capitals
_CREDIT_WORD = _alternation([f(w) for w in _NOISE["credit_words"] for f in (str.capitalize, str.upper)])
_AGENCY = _alternation(_NOISE["picture_agencies"])
# '(AP Photo/Name)', '(Photo: Name)', '(File)', 'Photograph: Name/Agency', 'Name/AFP via Getty Images'
_INLINE_CREDIT_RE = re.compile(
    rf"\((?:[^()\n]{{0,40}}\b)?(?:{_CREDIT_WORD})[sS]?\b[^()\n]{{0,40}}\)"
    rf"|\b(?:Photo(?:graph)?s?|Pictures?|Images?|Credit|PHOTOS?|CREDIT)[ \t]*:[^\n]*"
    rf"|\b[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}[ \t]*/[ \t]*(?:{_AGENCY})\b"
    rf"(?:[ \t]+via[ \t]+[A-Z][\w ]*)?"
)
_CREDIT_MARKS = re.compile(r"[(:/]")  # '(AP Photo/X)', 'Photograph: X', 'X/AFP': none without one


def noise_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(credit spans, caption lines) of an article, as character ranges.

    Credit spans hold no party to the story: byline lines ('By X and Y'), credit lines
    ('Reporting by X; Editing by Y'), picture credits ('(AP Photo/X)', 'Photograph: X/Agency')
    and a dateline's agency ('KYIV (AP) —'). Caption lines are the lines carrying a picture
    credit: a name seen only there is a picture's subject, not the story's."""
    credits: list[tuple[int, int]] = []
    captions: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not line:
            pos = end + 1
            continue  # a blank line holds no credit
        if (
            _is_byline(line)
            or _CREDIT_LINE_RE.match(line)
            or ("contributed" in line and _CONTRIBUTED_RE.match(line))  # the word it needs
        ):
            credits.append((pos, end))
        elif _caps_heading(line):
            credits.append((pos, end))  # 'WHO CARRIED OUT THE ATTACK?': a subheading, no NER to trust
        else:
            hits = (
                [(pos + h.start(), pos + h.end()) for h in _INLINE_CREDIT_RE.finditer(line)]
                if _CREDIT_MARKS.search(line)  # each kind of picture credit needs one of these
                else []
            )
            dl = _DATELINE_RE.match(line, len(line) - len(line.lstrip()))
            if dl is not None and dl.group("agency"):
                credits.append((pos + dl.start("agency") - 1, pos + dl.end("agency") + 1))
            elif hits:
                captions.append((pos, end))
            credits += hits
        pos = end + 1
    return credits, captions


# 'Associated Press writer X contributed from Y', 'Staff reporters X and Y contributed to this report'
_CONTRIBUTED_RE = re.compile(
    r"^[^\n]{0,80}\b(?:writers?|reporters?|correspondents?|staff|journalists?)\b[^\n]{0,80}\bcontributed\b"
)


def _is_byline(line: str) -> bool:
    """'By Amina Yusufari and Pierre-Louis Dembélé', 'By Oskar Brennvik, Eastern Europe
    correspondent', 'By KOFI MENSAH Associated Press': 'By', then names (capitalised words and
    joiners) up to an optional comma and role; a sentence ('By Tuesday, the army had ...') ends
    with a full stop or opens with a date word."""
    hit = _BYLINE_START.match(line)
    text = line.strip()
    if hit is None or text.endswith((".", "?", "!", ":", ";")) or len(text.split()) > 16:
        return False
    names = line[hit.end() :].split(",")[0].split()
    return (
        0 < len(names) <= 8
        and names[0].lower() not in _NOT_NAMES
        and names[0].lower() not in ("the", "a", "an")
        and all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in names)
    )


_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_DASHES = re.compile(r"[—–]|\s-\s|--")


def _caps_heading(line: str) -> bool:
    """A line of three or more words in capitals with no dateline dash: a subheading or kicker."""
    if line.upper() != line:
        return False
    return len(_LETTER_RUNS.findall(line)) >= 3 and not _DASHES.search(line)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """The range overlaps one of ``spans``."""
    return bool(spans) and any(start < b and end > a for a, b in spans)


def _is_credit(text: str, lowers: list[str], start: int, end: int) -> bool:
    """A photo or wire credit ('(AP File Photo)', '(GNW)') names no actor in the story (``text``
    is the entity's, ``start`` and ``end`` its token bounds, ``lowers`` the doc's ``token_lowers``)."""
    if _PHOTO.search(text):
        return True
    in_parens = start > 0 and lowers[start - 1] == "(" and end < len(lowers) and lowers[end] == ")"
    return in_parens and text.isupper() and len(text) <= 5


_PHOTO = re.compile(r"\bPhotos?\b")


# 'ARDEN, Lormark (Reuters) -', 'KYIV, Ukraine (AP) —', 'YANGON —': a city in capitals opening the text
_DATELINE_RE = re.compile(
    r"(?P<city>[A-Z][A-Z'’.\-]*[A-Z](?:[ \t]+[A-Z][A-Z'’.\-]*[A-Z])*)"
    r"(?:[ \t]*,[ \t]*(?P<region>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,2}))?"
    r"(?:[ \t]*\((?P<agency>[^)\n]{1,40})\))?[ \t]*(?:[—–]|--?)\s"
)
