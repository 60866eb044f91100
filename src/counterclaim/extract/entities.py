"""Entities: one entry per real-world entity in the article, with its aliases and every mention.

Built on spaCy's NER (PERSON, ORG, GPE, NORP, LOC, FAC) with fixes as data:

- ``configure`` adds ``title_persons``: a run of capitalised names right after a title
  ("Prime Minister X", "adviser, X", "Lt. Gen. X"; lexicon ``titles``) is a PERSON whatever NER
  said, since NER reads names from conflict regions as places or organisations;
- a surface form tagged PERSON once is PERSON everywhere, and so is a surname alone after its
  full name; occurrences NER missed are found again by their text;
- persons merge by surname and by close transliteration (rapidfuzz), never when first names differ;
- a capital used for its government ("Baku's right", "Moscow said", "the Kiev regime") joins its
  state (lexicon ``countries``); nationality adjectives become mentions of their state;
- generic institutions ("Defense Ministry") take the state that qualifies them, so "Russia's
  Defense Ministry" and "Russian Defense Ministry" are one entity and Azerbaijan's another;
- titles and appositions give ``descriptors``, ``affiliation`` and ``gender``;
- names no lexicon lists are read from the article's own evidence (``_learn_local``): a name in
  state contexts ("X's defence ministry", "neighbouring X", "the president of X", a dateline's
  region) is a state, one in place contexts ("in X", "the capital, X") a place, whatever NER
  said; an unlisted nationality word built on such a name ("Calveran" ~ "Calvera") is a mention of
  it; "Z, the capital of X" teaches a capital; a dateline's capitalised city is a place, named
  in normal case. What an article teaches lives in the lexicon maps only while it is read;
- the layout around a story names no party (lexicon ``entity_cues``): bylines, reporting and
  picture credits, a dateline's agency, all-capital subheadings, news wires and the outlet
  itself; a name seen only in a photo caption is the picture's, not the story's;
- a capitalised common word opening a sentence ('Ceasefire talks ...') is no name; time zones and
  'X-type' kinds are not entities;
- names NER cuts or mistypes are read from their frame: double names joined by a hyphen, lists
  ('the villages of A, B and C'), 'X, the regional capital', 'the X and Y regions', 'the X
  strait', 'news agency X', 'the mission, ACRONYM,', 'X, known as Y', states and international
  organisations the lexicons list, and places the model has never seen after 'at' or 'from'.
"""

from __future__ import annotations

import functools
import re
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import lexicons
from ..nlp import doc_text, ent_of, sent_starts, token_lowers, token_pos_dep
from ..records import Context, Entity, EntityTable, hash_id

_TITLES = lexicons.entries("titles")
TITLE_HEADS: dict[str, str | None] = _TITLES["heads"]
TITLE_MODIFIERS: set[str] = set(_TITLES["modifiers"])
MALE = set(_TITLES["male_words"])
FEMALE = set(_TITLES["female_words"])
GENERIC_INST: set[str] = set(_TITLES["generic_institutions"])
GOV_WORDS: set[str] = set(_TITLES["government_words"])
POLITICAL_VERBS: set[str] = set(_TITLES["political_verbs"])
POLITICAL_NOUNS: set[str] = set(_TITLES["political_nouns"])
POLITICAL_OBJECTS: set[str] = set(_TITLES["political_objects"])
GROUP_HEADS: set[str] = set(_TITLES["group_heads"])
GROUP_NAMES_CASED: list[str] = sorted(_TITLES["group_names"], key=len, reverse=True)
GROUP_NAMES: set[str] = {g.lower() for g in GROUP_NAMES_CASED}
# the names and, for plurals like 'Houthis', the singular used as a modifier ('Houthi missiles')
_GROUP_FORMS = [*GROUP_NAMES_CASED, *(n[:-1] for n in GROUP_NAMES_CASED if n.endswith("is"))]
NOT_ENTITIES: set[str] = {w.lower() for w in _TITLES["not_entities"]}
PLACE_PREPS: set[str] = set(_TITLES["place_preps"])
PLACE_NOUNS: set[str] = set(_TITLES["place_nouns"])
STATE_POSSESSIONS: set[str] = set(_TITLES["state_possessions"])
ORG_HEADS: set[str] = set(_TITLES["org_heads"])
_INST_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in sorted(GENERIC_INST, key=lambda x: -len(x.split())):
    _INST_BY_FIRST.setdefault(_p.split()[0], []).append(tuple(_p.split()))
FACILITY_NOUNS: set[str] = set(_TITLES["facility_nouns"])

STATE_OWNED: set[str] = set(_TITLES["state_owned"])
STATE_OWNED_WEAK: set[str] = set(_TITLES["state_owned_weak"])
STATE_OF_NOUNS: set[str] = set(_TITLES["state_of_nouns"])
STATE_PREMODIFIERS: set[str] = set(_TITLES["state_premodifiers"])
DEMONYM_SUFFIXES: list[str] = sorted(_TITLES["demonym_suffixes"], key=len, reverse=True)


_NOISE = lexicons.entries("entity_cues")
TIME_ZONES: set[str] = set(_NOISE["time_zones"])
KIND_SUFFIXES: set[str] = set(_NOISE["kind_suffixes"])
ORG_NOUNS: set[str] = set(_NOISE["org_nouns"])
ARMED_WORDS: set[str] = set(_NOISE["armed_words"])
DESCRIPTIVE_TAILS: set[str] = set(_NOISE["descriptive_tails"])
WIRE_AGENCIES: set[str] = {w.lower() for w in _NOISE["wire_agencies"]}
GEO_FEATURES: set[str] = set(_NOISE["geo_feature_nouns"])
WEAK_PLACE_PREPS: set[str] = set(_NOISE["weak_place_preps"])
FORCE_NOUNS: set[str] = set(_NOISE["force_nouns"])


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first so a longer form wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _whole_words_re(words: list[str]) -> re.Pattern[str]:
    r"""``re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])")``, the same matches found
    faster: the forms are grouped by first character (longest first within each group) and the
    pattern opens with those characters, so the regex engine skips to where one of them stands
    instead of trying every form at every position."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    # the look-behind moves after the first character: no word character or hyphen before it
    alt = "|".join(rf"{re.escape(c)}(?<![\w-].)(?:{'|'.join(rest)})" for c, rest in groups.items())
    return re.compile(rf"(?:{alt})(?![\w-])")


_GROUP_RE = _whole_words_re(_GROUP_FORMS)  # 'Houthis', and 'Houthi' before a noun


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
_ORGS: dict[str, list[str]] = _NOISE["organisations"]
_ORG_FORMS = [f for name, alts in _ORGS.items() for f in [name, *(alts or [])]]
_TERRITORY_SUFFIXES = frozenset(_NOISE.get("territory_suffixes", []))
_ORG_OF_FORM = {f.lower(): name for name, alts in _ORGS.items() for f in [name, *(alts or [])]}
_ORG_RE = _whole_words_re(_ORG_FORMS)


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


_NO_LOCAL: dict[str, str] = {}  # what ``_Overlay.local`` is before an article sets it (never filled)


class _Overlay(dict):
    """A lexicon map plus the states and nationality words one article taught (``local``);
    ``extract`` fills ``local`` for the article it reads and empties it when done. ``local`` is
    per thread, so articles analysed at once in several threads never see each other's."""

    def __init__(self) -> None:
        super().__init__()
        self._tls = threading.local()

    @property
    def local(self) -> dict[str, str]:
        return getattr(self._tls, "map", {})

    @local.setter
    def local(self, value: dict[str, str]) -> None:
        self._tls.map = value

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in getattr(self._tls, "map", _NO_LOCAL)

    def __getitem__(self, key: str) -> str:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return self.local[key]

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return getattr(self._tls, "map", _NO_LOCAL).get(key, default)


_COUNTRIES: dict[str, dict] = lexicons.entries("countries")
COUNTRY_OF_NAME: _Overlay = _Overlay()  # lower surface form -> country
COUNTRY_OF_ADJ: _Overlay = _Overlay()
COUNTRY_OF_CAPITAL: _Overlay = _Overlay()
for _c, _info in _COUNTRIES.items():
    _info = _info or {}
    for _n in [_c, *(_info.get("aliases") or [])]:
        COUNTRY_OF_NAME[_n.lower()] = _c
    for _a in _info.get("adj") or []:
        COUNTRY_OF_ADJ[_a.lower()] = _c
    for _cap in _info.get("capital") or []:
        COUNTRY_OF_CAPITAL[_cap.lower()] = _c

_OVERLAYS = (COUNTRY_OF_NAME, COUNTRY_OF_ADJ, COUNTRY_OF_CAPITAL)

# every state name and alias of the lexicon, as written there (case matters: 'Chad', not 'chad')
_STATE_FORMS = [f for c, info in _COUNTRIES.items() for f in [c, *((info or {}).get("aliases") or [])]]
_STATE_RE = _whole_words_re([f for f in _STATE_FORMS if f[:1].isupper()])

TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_MISC = {"LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT"}  # kept only when the context makes them places
_READ_TYPES = frozenset(TYPES | _MISC)  # the NER labels mentions are made of
_PARTICLES = {
    "al",
    "al-",
    "bin",
    "ibn",
    "bint",
    "de",
    "van",
    "von",
    "der",
    "da",
    "el",
    "la",
    "le",
    "du",
    "abu",
    "ben",
}
_NOT_NAMES = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
}


# --- pipeline component ----------------------------------------------------------------------


def _is_head(tok: Token) -> bool:
    low = tok.lower_
    return low in TITLE_HEADS or (low + "." in TITLE_HEADS and tok.text[:1].isupper())


def _extend_particles(doc: Doc, span: Span) -> Span:
    """Take in an 'al-' particle NER cut off: 'Majed' + 'al-Ansari', 'al-' + 'Jalali'."""
    s, e = span.start, span.end
    while (
        e + 2 < len(doc)
        and doc[e].lower_ in ("al", "el")
        and doc[e + 1].text == "-"
        and doc[e + 2].text[:1].isupper()
    ):
        e += 3
    if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in ("al", "el"):
        s -= 2
    while _hyphen_joins(doc, e):  # 'Hadiza Kaouré' + '-Mamane'
        e += 2
    while s >= 2 and _hyphen_joins(doc, s - 1):  # 'Pierre-' + 'Louis Dembélé'
        s -= 2
    if (s, e) == (span.start, span.end):
        return span
    return Span(doc, s, e, label=span.label_, kb_id=span.kb_id_)


def _hyphen_joins(doc: Doc, k: int) -> bool:
    """``doc[k]`` is a hyphen written tight between two capitalised words: one double name
    ('Kaouré-Mamane', 'Pierre-Louis'), which the tokenizer splits in three."""
    return (
        0 < k < len(doc) - 1
        and doc[k].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and doc[k - 1].text[:1].isupper()
        and doc[k - 1].is_alpha
        and doc[k + 1].text[:1].isupper()
        and doc[k + 1].is_alpha
    )


def _particle_joined(doc: Doc, j: int) -> bool:
    """``doc[j]`` is a lower-case name particle written tight to a capitalised word by a hyphen:
    'al-Shabaab', 'al-Qaeda', which the tokenizer splits in three."""
    return (
        j + 2 < len(doc)
        and doc[j].lower_ in _PARTICLES
        and doc[j].is_lower
        and not doc[j].whitespace_
        and doc[j + 1].text == "-"
        and not doc[j + 1].whitespace_
        and doc[j + 2].is_alpha
        and doc[j + 2].text[:1].isupper()
    )


def _name_run(doc: Doc, j: int) -> int:
    """End (exclusive) of the run of capitalised name tokens starting at ``j``."""
    k = j
    while k < len(doc) and k - j < 5:
        t = doc[k]
        low = t.lower_
        if (
            low in _PARTICLES
            and k + 2 < len(doc)
            and doc[k + 1].text == "-"
            and doc[k + 2].text[:1].isupper()
        ):
            k += 3
            continue
        if low in _PARTICLES and k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
            k += 1
            continue
        if k > j and _hyphen_joins(doc, k):
            k += 2
            continue
        if not t.text[:1].isupper() or not t.is_alpha and "-" not in t.text and "'" not in t.text:
            break
        if (
            low in _NOT_NAMES
            or low in NOT_ENTITIES
            or low in COUNTRY_OF_NAME
            or low in COUNTRY_OF_ADJ
            or _is_head(t)
        ):
            break
        if t.pos_ not in ("PROPN", "NOUN", "ADJ") and t.tag_ != "NNP":
            break
        k += 1
    return k


def title_person_spans(doc: Doc) -> list[Span]:
    """PERSON spans for the names that follow a title ('President X', 'spokesman, X')."""
    found: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if not _is_head(t):
            i += 1
            continue
        j = i + 1
        while j < n and (
            _is_head(doc[j])
            or doc[j].text == "."
            or (doc[j].lower_ in TITLE_MODIFIERS and doc[j].text[:1].isupper())
        ):
            j += 1
        if j < n and doc[j].text == "," and t.text.islower():
            j += 1  # 'adviser, Hikmat Hajiyev'
        k = _name_run(doc, j)
        inside_org = j < n and doc[j].ent_iob_ == "I" and doc[j].ent_type_ not in ("PERSON", "")
        if k > j and not inside_org and not (k - j == 1 and doc[j].ent_type_ in ("GPE", "NORP", "LOC")):
            found.append(Span(doc, j, k, label="PERSON", kb_id="title"))
        i = max(i + 1, j)
    return found


@Language.component("title_persons")
def title_persons(doc: Doc) -> Doc:
    """Names right after a title are PERSON, whatever the statistical NER said."""
    new = title_person_spans(doc)
    covered = {i for s in new for i in range(s.start, s.end)}
    keep = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
    keep = [_extend_particles(doc, e) if e.label_ == "PERSON" else e for e in keep]
    doc.ents = filter_spans([*new, *keep])
    return doc


def configure(nlp: Language) -> None:
    """Add the ``title_persons`` component after the statistical NER."""
    if "title_persons" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("title_persons", after="ner")


# --- mentions --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str
    tok: int  # index of the first token
    tok_end: int
    via: str = "ner"
    country: str | None = None  # state qualifying an institution, or the state a form names
    place: bool = False  # read as a place in its context ('in X', 'the town of X')
    actor: bool = False  # subject of a speech or political verb


@dataclass(slots=True)
class _Cluster:
    label: str
    mentions: list[_Mention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    country: str | None = None
    inst: str | None = None  # generic institution key
    descriptors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender_votes: Counter = field(default_factory=Counter)

    def forms(self) -> list[str]:
        return list(dict.fromkeys([m.text for m in self.mentions]))

    def last_pos(self, before: int) -> int:
        return max((m.start for m in self.mentions if m.start < before), default=-1)


def _clean(doc: Doc, lowers: list[str], s: int, e: int) -> tuple[int, int] | None:
    """Token bounds ``[s, e)`` without a leading 'the' and a trailing possessive or punctuation
    (``lowers``: the doc's ``token_lowers``)."""
    while s < e and (lowers[s] in ("the", "a", "an") or doc[s].is_punct):
        s += 1
    while e > s and (
        lowers[e - 1] in ("'s", "’s", "'", "and", "or") or doc[e - 1].is_punct or doc[e - 1].is_space
    ):
        e -= 1  # 'Kumshe and' when NER runs a list together
    return (s, e) if e > s else None


@dataclass(slots=True)
class _Piece:
    """One of NER's names of a type mentions are made of, outside credits and bylines, cut at its
    commas (NER runs lists and two names together: 'Facebook, Pashinyan') and cleaned (``_clean``)."""

    start: int  # token bounds
    end: int
    label: str
    title: bool  # a name after a title (``title_persons``)
    credit: bool  # a photo or wire credit (``_is_credit``)


def _ner_pieces(doc: Doc, credits: list[tuple[int, int]]) -> list[_Piece]:
    """The pieces of NER's names, in text order (read by ``_name_candidates`` and ``_raw_mentions``)."""
    lowers, text = token_lowers(doc), doc_text(doc)
    out: list[_Piece] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _READ_TYPES:
            continue
        start_char, end_char = ent.start_char, ent.end_char
        if _inside(start_char, end_char, credits):
            continue  # a reporter, photographer or agency in a byline or credit
        start, end = ent.start, ent.end
        title = ent.kb_id != 0 and ent.kb_id_ == "title"
        credit = _is_credit(text[start_char:end_char], lowers, start, end)
        a = start
        for b in [*(i + 1 for i in range(start, end) if lowers[i] == ","), end]:
            bounds = _clean(doc, lowers, a, b)
            a = b
            if bounds is not None:
                out.append(_Piece(bounds[0], bounds[1], label, title, credit))
    return out


_POSSESSIVE_END = re.compile(r"['’]s$")
_NO_LETTERS = re.compile(r"[\d\W]+")


def _make_mention(doc: Doc, doc_str: str, s: int, e: int, label: str, via: str = "ner") -> _Mention | None:
    """A mention of tokens ``[s, e)`` (``doc_str``: the doc's text), or None for no name."""
    if e <= s:
        return None  # no tokens, no text
    start, last = doc[s].idx, doc[e - 1]
    text = doc_str[start : last.idx + len(last.text)]  # ``doc[s:e].text``
    if "s" in text[-2:]:  # a possessive ends it, or ends it before a line break
        text = _POSSESSIVE_END.sub("", text)
    text = text.strip()
    if not text or not any(map(str.isupper, text)) or text.lower() in _NOT_NAMES:
        return None
    if _NO_LETTERS.fullmatch(text):
        return None
    return _Mention(start, start + len(text), text, label, s, e, via)


def _raw_mentions(doc: Doc, pieces: list[_Piece]) -> list[_Mention]:
    out: list[_Mention] = []
    pos = token_pos_dep(doc)[0]
    lowers, text = token_lowers(doc), doc_text(doc)
    for p in pieces:
        if p.credit:
            continue
        m = _make_mention(doc, text, p.start, p.end, p.label, "title" if p.title else "ner")
        if (
            m is None
            or m.text.lower().rstrip(".") in NOT_ENTITIES  # 'wrote on X.'
            or _only_title_words(lowers[p.start : p.end])
        ):
            continue
        if m.label == "PERSON" and _names_a_force(doc, m):
            m.label, m.via = "ORG", "name of a force"
        if m.label == "ORG":
            m = _extend_org(doc, m)
        m = _extend_facility(doc, lowers, m)
        if m.label == "NORP" and m.text.lower() not in COUNTRY_OF_ADJ and pos[p.end - 1] == "ADJ":
            continue  # 'Soviet', 'Western': an adjective with no state to stand for
        out.append(m)
    return out


def _names_a_force(doc: Doc, m: _Mention) -> bool:
    """'the Asayish internal security forces': one unfamiliar word modifying a lower-case force
    noun names that force (NER often calls it a person)."""
    if m.tok_end - m.tok != 1:
        return False
    root = doc[m.tok]
    head = root.head
    return (
        root.dep_ in ("compound", "nmod", "amod")
        and head.i > root.i
        and head.is_lower
        and head.lower_ in FORCE_NOUNS
        and all(t.is_lower for t in doc[root.i + 1 : head.i])
        and _unfamiliar(doc[m.tok : m.tok_end])
    )


# a title word: a modifier, a head, or a head's abbreviation without its full stop ('brig')
_TITLE_WORDS = frozenset({*TITLE_MODIFIERS, *TITLE_HEADS, *(h[:-1] for h in TITLE_HEADS if h.endswith("."))})


def _only_title_words(lowers: list[str]) -> bool:
    """'Supreme', 'Brig.': NER takes a bare title word (its tokens' ``lowers``) for an organisation."""
    words = [w.rstrip(".") for w in lowers if w != "."]
    return bool(words) and _TITLE_WORDS.issuperset(words) and ORG_HEADS.isdisjoint(words)


def _extend_org(doc: Doc, m: _Mention) -> _Mention:
    """Take in the institution noun NER left out: 'U.N.' + 'refugee agency', 'Interior' + 'Ministry'."""
    k = m.tok_end
    j = k
    while j < len(doc) and j - k < 3 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN") and doc[j].is_alpha:
        if doc[j].lower_ in ORG_HEADS:
            end = doc[j].idx + len(doc[j].text)
            return _Mention(m.start, end, doc_text(doc)[m.start : end], "ORG", m.tok, j + 1, "ner + org noun")
        if doc[j].text[:1].isupper() and j > k:
            break
        j += 1
    return m


def _extend_facility(doc: Doc, lowers: list[str], m: _Mention) -> _Mention:
    """'Hakari bridge', 'Rafah crossing': a name with a lower-case facility noun after it is a FAC."""
    k = m.tok_end
    if m.label in ("NORP",) or k >= len(doc) or lowers[k] not in FACILITY_NOUNS or not doc[k].is_lower:
        return m
    end = doc[k].idx + len(doc[k].text)
    return _Mention(m.start, end, doc_text(doc)[m.start : end], "FAC", m.tok, k + 1, "name + facility noun")


def _institution_mentions(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Generic institutions NER does not tag: 'Israeli military', "Sudan's army", 'the army'."""
    taken = {i for m in ms if m.label in ("ORG", "FAC") for i in range(m.tok, m.tok_end)}
    out: list[_Mention] = []
    lowers = token_lowers(doc)
    i = 0
    # only where an institution's first word stands; a hit skips its words
    for first in [k for k, w in enumerate(lowers) if w in _INST_BY_FIRST]:
        if first < i:
            continue
        i = first
        hit = None
        for phrase in _INST_BY_FIRST[lowers[i]]:  # longest first
            n = len(phrase)
            if i + n <= len(doc) and all(lowers[i + k] == phrase[k] for k in range(n)):
                hit = n
                break
        if hit is None or any(j in taken for j in range(i, i + hit)):
            i += 1
            continue
        last = doc[i + hit - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i:
            i += hit
            continue  # 'military correspondents': a modifier, not the institution
        prev = doc[i - 1] if i else None
        qualified = prev is not None and (prev.lower_ in COUNTRY_OF_ADJ or prev.lower_ in ("'s", "’s"))
        if qualified or (prev is not None and prev.lower_ == "the"):
            end = doc[i + hit - 1].idx + len(doc[i + hit - 1].text)
            out.append(
                _Mention(doc[i].idx, end, doc_text(doc)[doc[i].idx : end], "ORG", i, i + hit, "institution")
            )
        i += hit
    return ms + out


def _known_groups(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Armed groups known by name ('Islamic State', 'Hamas') wherever NER missed or mistyped them."""
    out = list(ms)
    for hit in _GROUP_RE.finditer(doc_text(doc)):
        s, e = hit.span()
        longer = _longer_name(doc_text(doc), s, e)
        if longer != e:  # 'Islamic State West Africa Province (ISWAP)': the acronym names it too
            acr = _LONGER_RE.match(doc_text(doc), e).group("acr")  # type: ignore[union-attr]
            out += _occurrences(doc, out, acr, "ORG", "acronym of a known group")
        out = _put_known(doc, out, s, longer, "known armed group")
    return out


def _put_known(doc: Doc, ms: list[_Mention], s: int, e: int, why: str) -> list[_Mention]:
    """``ms`` with an ORG mention at [s, e) of a name from a known-names lexicon: left out when an
    ORG or GROUP mention already covers it (a longer name is kept), else replacing every mention
    it overlaps."""
    span = doc.char_span(s, e)
    if span is None:
        return ms
    clash = [m for m in ms if not (e <= m.start or s >= m.end)]
    if any(m.start <= s and m.end >= e and m.label in ("ORG", "GROUP") for m in clash):
        return ms
    kept = [m for m in ms if m not in clash]
    return [*kept, _Mention(s, e, doc_text(doc)[s:e], "ORG", span.start, span.end, why)]


def _occurrences(doc: Doc, ms: list[_Mention], form: str, label: str, via: str) -> list[_Mention]:
    """New mentions for every whole-word occurrence of ``form`` that no mention covers."""
    out: list[_Mention] = []
    for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc_text(doc)):
        s, e = hit.span()
        span = doc.char_span(s, e)
        if span is None or any(not (e <= m.start or s >= m.end) for m in [*ms, *out]):
            continue
        out.append(_Mention(s, e, form, label, span.start, span.end, via))
    return out


_LONGER_RE = re.compile(r"((?:[ \t]+[A-Z][\w'’-]*){1,5})[ \t]*\((?P<acr>[A-Z]{2,8})\)")


def _longer_name(text: str, s: int, e: int) -> int:
    """End of the longer name a known name opens, when an acronym in brackets spells it:
    'Islamic State West Africa Province (ISWAP)'; else ``e``."""
    hit = _LONGER_RE.match(text, e)
    if hit is None:
        return e
    words = re.findall(r"[\w'’-]+", text[s : hit.end(1)])
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return hit.end(1) if initials == hit.group("acr") else e


def _known_organisations(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """International organisations known by name ('Médecins Sans Frontières', 'OSCE') wherever NER
    missed, cut or mistyped them; a longer name already found is kept."""
    out = list(ms)
    for hit in _ORG_RE.finditer(doc_text(doc)):
        out = _put_known(doc, out, *hit.span(), "known organisation")
    return out


def _named_by_org_noun(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'state news agency Tasnim', 'the broadcaster KTV', 'the militia group Fano', 'the terrorist
    group al-Shabaab': a name written right after a lower-case organisation noun names that
    organisation, whatever NER said."""
    out = list(ms)
    pos = token_pos_dep(doc)[0]
    lowers = token_lowers(doc)
    # where a noun is followed by a proper noun or a particle ('al-Shabaab'): the cheap tests first
    after_nouns = [
        i
        for i, (p, q, low) in enumerate(zip(pos, pos[1:], lowers[1:], strict=False), 1)
        if p == "NOUN" and (q == "PROPN" or low in _PARTICLES)
    ]
    for i in after_nouns:
        prev = doc[i - 1]
        if not (prev.is_lower and prev.lemma_.lower() in ORG_NOUNS):
            continue
        t = doc[i]
        particle = _particle_joined(doc, t.i)
        if not particle and (
            not (t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN") or t.lower_ in _NOT_NAMES
        ):
            continue
        k = t.i + (3 if particle else 1)
        while k < len(doc) and k - t.i < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        e = doc[k - 1].idx + len(doc[k - 1].text)
        text = doc_text(doc)[t.idx : e]
        low = text.lower()
        if any(low in known for known in (COUNTRY_OF_NAME, COUNTRY_OF_ADJ, COUNTRY_OF_CAPITAL, NOT_ENTITIES)):
            continue
        clash = [m for m in out if not (e <= m.start or t.idx >= m.end)]
        if any(m.label in ("ORG", "GROUP") or m.via == "title" for m in clash):
            continue
        out = [m for m in out if m not in clash]
        armed = prev.lower_ in ARMED_WORDS or any(
            c.dep_ in ("amod", "compound") and c.lower_ in ARMED_WORDS for c in prev.children
        )
        label = "GROUP" if armed else "ORG"
        out.append(_Mention(t.idx, e, text, label, t.i, k, "name after an organisation noun"))
    named = {_norm_key(m.text): m.label for m in out if m.via == "name after an organisation noun"}
    for m in out:
        if m.label == "PERSON" and _norm_key(m.text) in named:
            # 'the group al-Shabaab ... Al-Shabaab claimed': the same organisation
            m.label = named[_norm_key(m.text)]
    return out


def _acronym_appositions(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'the U.N. peacekeeping mission, MINUSMA, left': an all-capital word set off by commas right
    after an organisation is that organisation's acronym, and so is one right before its name in
    brackets ('the ELN (National Liberation Army)'); NER often leaves such words untagged."""
    taken = {i for m in ms for i in range(m.tok, m.tok_end)}
    out = list(ms)
    for m in ms:
        k = m.tok_end
        if m.label != "ORG" or k + 2 >= len(doc) or doc[k].text != ",":
            continue
        t = doc[k + 1]
        if t.i in taken or not (t.is_alpha and t.is_upper and len(t) >= 3) or t.text in TIME_ZONES:
            continue
        if doc[k + 2].text not in (",", ".", ")", ";") or t.lower_ in COUNTRY_OF_NAME:
            continue
        out.append(_Mention(t.idx, t.idx + len(t), t.text, "ORG", t.i, t.i + 1, "acronym in apposition"))
    for m in ms:  # 'the ELN (National Liberation Army)': the acronym its spelled-out name follows
        k = m.tok
        if m.label != "ORG" or k < 2 or doc[k - 1].text != "(" or m.tok_end >= len(doc):
            continue
        t = doc[k - 2]
        if doc[m.tok_end].text != ")" or t.i in taken or not (t.is_alpha and t.is_upper and len(t) >= 2):
            continue
        if t.text in TIME_ZONES or t.lower_ in COUNTRY_OF_NAME:
            continue
        out += _occurrences(doc, out, t.text, "ORG", "acronym before its spelled-out name")
    return out


def _natural_features(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'the Bab el-Mandeb strait', 'the Nuba mountains': capitalised words right before a
    lower-case natural-feature noun name a place (LOC), whatever NER made of them."""
    out = list(ms)
    for i in [i for i, low in enumerate(token_lowers(doc)) if low in GEO_FEATURES and i]:
        t = doc[i]
        if not t.is_lower:
            continue
        j = t.i
        while j > 0 and t.i - j < 5:
            prev = doc[j - 1]
            if prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start:
                j -= 1
            elif prev.text == "-" and j >= 2 and not prev.whitespace_ and not doc[j - 2].whitespace_:
                j -= 2  # 'el-Mandeb'
            elif prev.lower_ in ("al", "el") and j < t.i:
                j -= 1
            else:
                break
        while j < t.i and not doc[j].text[:1].isupper():
            j += 1
        if j == t.i:
            continue
        s, e = doc[j].idx, doc[t.i - 1].idx + len(doc[t.i - 1].text)
        text = doc_text(doc)[s:e]
        if text.lower() in COUNTRY_OF_NAME or text.lower() in COUNTRY_OF_ADJ:
            continue  # 'the Niger river' is named for its state; 'Yemeni coast' is the state's
        clash = [m for m in out if not (e <= m.start or s >= m.end)]
        if any(m.start < s or m.end > e or m.label in ("PERSON", "ORG", "GROUP") for m in clash):
            continue
        out = [m for m in out if m not in clash]
        out.append(_Mention(s, e, text, "LOC", j, t.i, "name + natural feature"))
    return out


def _known_states(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """States the country lexicon names, wherever NER missed or cut them ('Burkina' of 'Burkina
    Faso'); a name inside a longer capitalised name ('Lake Chad', 'Jordan Bardella') is left alone."""
    out = list(ms)
    bounds = {(m.start, m.end) for m in out}  # a mention there already covers the name: the cheap test
    for hit in _STATE_RE.finditer(doc_text(doc)):
        s, e = hit.span()
        if (s, e) in bounds:
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        if _name_word(before) or _name_word(after):
            continue
        clash = [m for m in out if not (e <= m.start or s >= m.end)]
        if any(m.start <= s and m.end >= e for m in clash) or any(m.label == "PERSON" for m in clash):
            continue
        out = [m for m in out if m not in clash]
        out.append(_Mention(s, e, hit.group(0), "GPE", span.start, span.end, "known state"))
        bounds = {(m.start, m.end) for m in out}
    return out


def _name_word(t: Token | None) -> bool:
    """A capitalised word that is not capitalised only for opening its sentence."""
    return t is not None and t.is_alpha and t.text[:1].isupper() and not t.is_sent_start


_COMMON_TAGS = {"NN", "NNS", "VBG", "VBN", "RB"}


def _drop_capitalised_common_words(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'Ceasefire talks collapsed', 'Aid Workers described chaos': a sentence's first word is
    capitalised whatever it is; when the tagger reads it as a common noun (or a verb form or
    adverb) and the form never appears capitalised elsewhere, NER's name is no name. Lexicon
    names (states, nationality words, known groups and organisations) are kept."""
    inside: dict[str, int] = Counter(m.text for m in ms if not doc[m.tok].is_sent_start)
    out: list[_Mention] = []
    for m in ms:
        first = doc[m.tok]
        low = m.text.lower()
        common = (
            first.is_sent_start
            and first.tag_ in _COMMON_TAGS
            and m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")
            and m.via in ("ner", "title", "found again", "name + facility noun", "ner + org noun")
            and not inside[m.text]
            and low not in COUNTRY_OF_NAME
            and low not in COUNTRY_OF_CAPITAL
            and low not in GROUP_NAMES
            and not any(w in ORG_HEADS or w in GROUP_HEADS for w in low.split()[1:])
        )
        if not common:
            out.append(m)
    return out


def _reporter(m: _Mention, ctx: Context) -> bool:
    """A news wire ('told Reuters', 'AFP reported') or the outlet itself: who reports the story,
    not a party to it."""
    if m.label == "PERSON":
        return False
    if m.text.lower() in WIRE_AGENCIES:
        return True
    outlet = _norm_key(ctx.article.outlet or "")
    return bool(outlet) and _norm_key(m.text) == outlet


def _noise_mention(doc: Doc, m: _Mention, credits: list[tuple[int, int]]) -> bool:
    """A mention that names no party: inside a credit or byline, a time zone ('14:02 GMT'), or a
    name made a kind of thing by a hyphen ('Shahed-type drone')."""
    if _inside(m.start, m.end, credits) or m.text in TIME_ZONES:
        return True
    k = m.tok_end
    return (
        m.label != "NORP"
        and k + 1 < len(doc)
        and doc[k].text == "-"
        and not doc[k - 1].whitespace_
        and doc[k + 1].lower_ in KIND_SUFFIXES
    )


def _is_credit(text: str, lowers: list[str], start: int, end: int) -> bool:
    """A photo or wire credit ('(AP File Photo)', '(GNW)') names no actor in the story (``text``
    is the entity's, ``start`` and ``end`` its token bounds, ``lowers`` the doc's ``token_lowers``)."""
    if _PHOTO.search(text):
        return True
    in_parens = start > 0 and lowers[start - 1] == "(" and end < len(lowers) and lowers[end] == ")"
    return in_parens and text.isupper() and len(text) <= 5


_PHOTO = re.compile(r"\bPhotos?\b")


_DATELINE_DASH = re.compile(r"[—–]|\s-\s")
_LOWER_WORD = re.compile(r"\b[a-z]")


def _is_dateline(doc: Doc, m: _Mention) -> bool:
    """'YANGON —', 'KYIV, Ukraine (AP) —': the capitalised place opening a story's first line."""
    if not m.text.isupper() or (m.tok > 0 and "\n" not in doc[m.tok - 1].text_with_ws):
        return False  # not in capitals, or not at a line's start
    rest = doc_text(doc)[m.end : m.end + 60]
    dash = _DATELINE_DASH.search(rest)
    return dash is not None and not _LOWER_WORD.search(rest[: dash.start()])


def _unfamiliar(span: Span) -> bool:
    """A name the model has no vector for, not an acronym: NER's label for it is a guess."""
    return all(not t.has_vector for t in span if t.is_alpha) and not span.text.isupper()


def _root(doc: Doc, s: int, e: int) -> Token:
    """``doc[s:e].root``, without making a span for a one-token name (its own root)."""
    return doc[s] if e - s == 1 else doc[s:e].root


def _place_evidence(doc: Doc, lowers: list[str], m: _Mention, root: Token, dateline: bool) -> bool:
    """The mention reads as a place: 'in Goris', 'the town of X', 'X region', "X's Defense Ministry".
    ``root`` is the mention's root token; ``dateline`` says whether it opens a dateline."""
    if m.via == "title":
        return False
    if dateline:
        return True
    # any one clue is enough: the word tests first, then the tree's
    k, n = m.tok, len(doc)
    if k >= 2 and lowers[k - 1] == "of" and lowers[k - 2] in PLACE_NOUNS:
        return True
    if k >= 1 and lowers[k - 1] in PLACE_NOUNS and doc[k - 1].is_lower and doc[k - 1].dep_ != "poss":
        return True  # 'the regional capital Marka', 'the border town Kerem'
    e = m.tok_end
    if e - k > 1 and lowers[e - 1] in GEO_FEATURES and doc[e - 1].text[:1].isupper():
        return True  # 'the Golan Heights', 'the Nuba Mountains': a feature in the name itself
    if e < n and lowers[e] in PLACE_NOUNS:
        return True
    if e + 1 < n and lowers[e] in ("'s", "’s") and lowers[e + 1] in STATE_POSSESSIONS:
        return True
    base = _list_head(root)
    if _modifies_place_noun(base):
        return True  # 'the Belgorod and Kursk regions'
    if base.dep_ != "pobj":
        return False
    prep = base.head
    low = lowers[prep.i]
    if low in PLACE_PREPS:
        return True
    if low in WEAK_PLACE_PREPS and _unfamiliar(doc[k:e]):
        return True  # 'trucks waiting at Adre', 'the road from Minova': a name the model never saw
    # 'the villages of A, B and C'
    return low == "of" and prep.head.lemma_.lower() in PLACE_NOUNS and prep.head.is_lower


def _listed_with_places(doc: Doc, ms: list[_Mention]) -> set[str]:
    """Forms of untitled PERSON mentions written in a list of places ('Kyiv, Dnipro, Kryvyi Rih
    and Kramatorsk'): its neighbours in the list, before and after (only before for the item
    after 'and'), are places."""
    order = sorted(ms, key=lambda m: m.tok)
    out: set[str] = set()

    lowers = token_lowers(doc)

    def joined(a: _Mention, b: _Mention) -> bool:
        gap = lowers[a.tok_end : b.tok]
        return gap in ([","], ["and"], [",", "and"], ["or"], [",", "or"])

    def place(x: _Mention) -> bool:
        return x.label in ("GPE", "LOC") or x.place or x.text.lower() in out

    grew = True
    while grew:  # a place found makes its neighbour's case ('..., Sloviansk and Kramatorsk')
        grew = False
        for k, m in enumerate(order):
            if m.label != "PERSON" or m.via == "title" or m.text.lower() in out:
                continue
            if m.tok_end < len(doc) and doc[m.tok_end].lower_ in ("'s", "’s"):
                continue  # 'Warsaw and Ivan Petrov's office': someone's
            prev = order[k - 1] if k > 0 and joined(order[k - 1], m) else None
            nxt = order[k + 1] if k + 1 < len(order) and joined(m, order[k + 1]) else None
            if prev is not None and doc[m.tok - 1].lower_ in ("and", "or"):
                sides = [prev]  # the list's last item
            elif prev is not None and nxt is not None:
                sides = [prev, nxt]
            else:
                continue
            if all(place(x) for x in sides):
                out.add(m.text.lower())
                grew = True
    return out


def _fix_types(doc: Doc, ms: list[_Mention]) -> None:
    """Lexicon types first (a country is a GPE); a form read more often as a place than as a person
    is a place; then a form seen as PERSON is PERSON everywhere (its surname and first name too)."""
    person_votes: Counter[str] = Counter()
    place_votes: Counter[str] = Counter()
    lowers = token_lowers(doc)
    # a state's name or capital (asked once per form: each overlay look-up is a Python call)
    state_word = functools.cache(lambda low: low in COUNTRY_OF_NAME or low in COUNTRY_OF_CAPITAL)
    for m in ms:
        low = m.text.lower()
        if state_word(low):
            m.label = "GPE"
        elif low in COUNTRY_OF_ADJ and m.label not in ("ORG",):
            m.label = "NORP"
        root = _root(doc, m.tok, m.tok_end)
        dateline = _is_dateline(doc, m)
        m.place = _place_evidence(doc, lowers, m, root, dateline)
        if dateline:
            m.label, m.via = "GPE", "dateline"
        elif m.place and (
            (m.label in _MISC and m.label != "LANGUAGE") or (m.label == "NORP" and low not in COUNTRY_OF_ADJ)
        ):  # 'in Arabic' is a language, not a place
            m.label, m.via = "GPE", "place context"
        m.actor = root.dep_ == "nsubj" and root.head.lemma_.lower() in POLITICAL_VERBS
        if m.place or m.label in ("GPE", "LOC"):
            place_votes[low] += 1
        elif m.label == "PERSON":
            person_votes[low] += 3 if m.via == "title" else 1
        if m.label == "PERSON" and len(low.split()) > 1:
            person_votes[low.split()[-1]] += 2  # a surname alone after the full name
    for low in _listed_with_places(doc, ms):
        place_votes[low] += 1  # 'Kyiv, Dnipro, Kryvyi Rih, Sloviansk': one of a list of places
    name_parts = {p for m in ms if m.label == "PERSON" and " " in m.text for p in m.text.lower().split()}
    for m in ms:
        low = m.text.lower()
        lone = " " not in low and low not in name_parts and place_votes[low] > 0
        if m.label == "PERSON" and m.via != "title" and (place_votes[low] >= person_votes[low] or lone):
            m.label = "GPE"
            m.via = "place context"
    person_forms: set[str] = set()
    for m in ms:
        if m.label == "PERSON":
            low = m.text.lower()
            person_forms.add(low)
            toks = low.split()
            if len(toks) > 1:
                person_forms.add(_surname(toks))
                if toks[0] not in _PARTICLES and len(toks[0]) > 3:
                    person_forms.add(toks[0])
    one_word_forms = [_strip_al(p) for p in person_forms if " " not in p]
    # a person's one-word form spelt closely (asked once per form)
    near_person = functools.cache(lambda bare: any(fuzz.ratio(bare, p) >= 88 for p in one_word_forms))
    for m in ms:
        low = m.text.lower()
        if (
            m.label == "PERSON"
            or state_word(low)
            or place_votes[low] > person_votes[low]
        ):
            continue
        bare = _strip_al(low) if " " not in low and len(low) > 4 else None
        if low in person_forms or (bare and near_person(bare)):
            m.label = "PERSON"
            m.via = "person elsewhere"


_AL = re.compile(r"^(?:al|el)-")


@functools.lru_cache(maxsize=4096)
def _strip_al(s: str) -> str:
    return _AL.sub("", s.lower())


def _surname(tokens: list[str]) -> str:
    return tokens[-1]


def _find_again(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Occurrences of known PERSON names and surnames that NER left untagged."""
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in ms]
    forms: dict[str, str] = {}
    for m in ms:
        if m.label == "PERSON":
            forms[m.text] = "PERSON"
            parts = m.text.split()
            if len(parts) > 1 and len(parts[-1]) > 3:
                forms.setdefault(parts[-1], "PERSON")
        elif m.label in ("ORG", "GPE", "LOC", "FAC") and len(m.text) > 3:
            forms.setdefault(m.text, m.label)
    extra: list[_Mention] = []
    # a mask of taken characters (the mentions, and each new hit as it is found): one lookup per
    # hit instead of a scan of every taken span
    mask = bytearray(len(text))
    for a, b in taken:
        mask[a:b] = b"\x01" * (b - a)
    for form, label in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for s, e in _whole_word_hits(text, form):
            if mask.find(1, s, e) >= 0:
                continue
            span = doc.char_span(s, e)
            if span is None:
                continue
            mask[s:e] = b"\x01" * (e - s)
            extra.append(_Mention(s, e, form, label, span.start, span.end, "found again"))
    return ms + extra


def _word_char(c: str) -> bool:
    """What a regular expression's ``[\\w-]`` matches: a letter, digit, underscore or hyphen."""
    return c.isalnum() or c in "_-"


def _whole_word_hits(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` not inside a longer word or hyphenated name, left to
    right without overlaps: the spans of ``re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])",
    text)``, found with ``str.find`` (no pattern to compile per name, no regex scan)."""
    if not form:
        return
    n, end = len(form), len(text)
    i = text.find(form)
    while i >= 0:
        e = i + n
        if (i == 0 or not _word_char(text[i - 1])) and (e == end or not _word_char(text[e])):
            yield i, e
            i = text.find(form, e)
        else:
            i = text.find(form, i + 1)


# --- names the model has never seen -----------------------------------------------------------

NOT_STATE_WORDS: set[str] = set(_TITLES["not_state_words"])
DATELINE_LABELS: set[str] = set(_TITLES["dateline_labels"])
_LOCAL_RULES = {
    "state context",
    "place context",
    "dateline",
    "dateline region",
    "unlisted nationality",
    # rules that add or retype a mention NER missed or mistyped
    "known organisation",
    "known state",
    "name after an organisation noun",
    "acronym in apposition",
    "acronym before its spelled-out name",
    "name + natural feature",
    "name of a force",
}

# 'ARDEN, Lormark (Reuters) -', 'KYIV, Ukraine (AP) —', 'YANGON —': a city in capitals opening the text
_DATELINE_RE = re.compile(
    r"(?P<city>[A-Z][A-Z'’.\-]*[A-Z](?:[ \t]+[A-Z][A-Z'’.\-]*[A-Z])*)"
    r"(?:[ \t]*,[ \t]*(?P<region>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,2}))?"
    r"(?:[ \t]*\((?P<agency>[^)\n]{1,40})\))?[ \t]*(?:[—–]|--?)\s"
)


@dataclass(slots=True)
class _Local:
    """What the article itself teaches about names no lexicon lists."""

    states: dict[str, str] = field(default_factory=dict)  # lower form -> the state's name
    places: set[str] = field(default_factory=set)  # lower forms read as places, not known as states
    adjs: dict[str, str] = field(default_factory=dict)  # lower nationality word -> the state's name
    capitals: dict[str, str] = field(default_factory=dict)  # lower capital -> the state's name
    occurrences: list[tuple[int, int, str]] = field(default_factory=list)  # token bounds, label
    city: tuple[int, int] | None = None  # token bounds of the dateline city
    region: tuple[int, int] | None = None  # token bounds of the dateline's state or region


def _dateline_bounds(doc: Doc) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Token bounds of the city and of the region of a dateline opening the article."""
    text = doc_text(doc)
    hit = None
    pos = 0
    for line in text.split("\n"):  # one of the first three lines (a photo caption may come first)
        if line.strip():
            hit = _DATELINE_RE.match(text, pos + len(line) - len(line.lstrip()))
            if hit is not None or text[:pos].count("\n") > 6:
                break
        pos += len(line) + 1
    if hit is None or sum(c.isalpha() for c in hit.group("city")) < 3:
        return None, None
    if hit.group("city").lower() in DATELINE_LABELS:
        return None, None  # 'BREAKING —'

    city = doc.char_span(*hit.span("city"), alignment_mode="expand")
    region = doc.char_span(*hit.span("region"), alignment_mode="expand") if hit.group("region") else None
    if city is None:
        return None, None
    return (city.start, city.end), ((region.start, region.end) if region is not None else None)


def _titlecase(name: str) -> str:
    """'GAZA CITY' -> 'Gaza City', 'AL-HASAKAH' -> 'Al-Hasakah'."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())


# what ``_not_a_state_name`` asks of the lexicons, as one set each (the lexicons never change;
# what an article teaches lives in the overlays' ``local`` maps, asked apart)
_LISTED_FORMS = frozenset(
    {
        *dict.keys(COUNTRY_OF_NAME),
        *dict.keys(COUNTRY_OF_ADJ),
        *dict.keys(COUNTRY_OF_CAPITAL),
        *lexicons.nationality_map(),
        *NOT_ENTITIES,
        *_NOT_NAMES,
        *GROUP_NAMES,
    }
)
_NO_STATE_WORDS = frozenset(ORG_HEADS | GROUP_HEADS | NOT_STATE_WORDS)
_NO_STATE_ALONE = frozenset({*TITLE_HEADS, *TITLE_MODIFIERS, *POLITICAL_NOUNS})


def _not_a_state_name(low: str) -> bool:
    words = low.split()
    return (
        low in _LISTED_FORMS
        or not _NO_STATE_WORDS.isdisjoint(words)
        or (len(words) == 1 and low in _NO_STATE_ALONE)
        or any(low in getattr(o._tls, "map", _NO_LOCAL) for o in _OVERLAYS)  # what the article taught
    )


def _name_candidates(
    doc: Doc, local: _Local, pieces: list[_Piece], credits: list[tuple[int, int]], capitalised: list[int]
) -> tuple[dict[str, list[Span]], set[str]]:
    """Unlisted capitalised names (NER's spans and untagged proper nouns), by lower form, and the
    lower words of person names (after a title, or a full name NER tagged PERSON). Names in
    credits and bylines teach nothing; 'A, B and C' NER ran together are three names."""
    person_words: set[str] = set()
    spans: list[Span] = []
    lowers = token_lowers(doc)
    for p in pieces:
        if p.title or (p.label == "PERSON" and p.end - p.start > 1):
            person_words.update(lowers[p.start : p.end])
            continue
        spans.append(Span(doc, p.start, p.end))
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    pos = token_pos_dep(doc)[0]
    for i in capitalised:
        if pos[i] != "PROPN" or i in taken:
            continue
        t = doc[i]
        if not t.ent_type_ and not _inside(t.idx, t.idx + len(t), credits):
            spans.append(Span(doc, i, i + 1))
    if local.region is not None and not any((sp.start, sp.end) == local.region for sp in spans):
        spans.append(doc[local.region[0] : local.region[1]])
    out: dict[str, list[Span]] = {}
    text = doc_text(doc)
    texts = [text[sp.start_char : sp.end_char] for sp in spans]  # ``sp.text``, joined once each
    kinds = [sp.root.ent_type_ for sp in spans]
    loc = {x.lower() for x, k in zip(texts, kinds, strict=True) if k in ("LOC", "FAC")}
    loc -= {x.lower() for x, k in zip(texts, kinds, strict=True) if k not in ("LOC", "FAC", "")}
    not_state = functools.cache(_not_a_state_name)  # asked once per form in this article
    for sp, sp_text in zip(spans, texts, strict=True):
        low = sp_text.lower()
        if low in loc:
            continue  # a continent, sea or region NER already reads as a place ('Europe', 'Red Sea')
        if local.city is not None and sp.start < local.city[1] and sp.end > local.city[0]:
            continue
        if sp_text.isupper() or not sp_text[:1].isupper() or low in person_words:
            continue
        if not_state(low):
            continue
        out.setdefault(low, []).append(sp)
    return out, person_words


def _evidence(doc: Doc, lowers: list[str], sp: Span, local: _Local) -> tuple[int, int, list[str], list[str]]:
    """(state points, place points) one occurrence of a name earns from its context, less a place
    point for each of the two lists of lower-case words that follow when one of them is a known
    state or place: its conjuncts ('X and Y agreed') and its co-arguments ('X accused Y')."""
    state = place = 0
    root = sp.root
    start, end = sp.start, sp.end
    nxt = lowers[end] if end < len(doc) else None
    if (start, end) == local.region:
        state += 2  # 'ARDEN, Lormark (Reuters) -'
    if nxt in ("'s", "’s", "'"):
        for t in doc[end + 1 : end + 4]:  # "X's defence ministry", "X's president"
            if t.lower_ in STATE_OWNED or t.lemma_.lower() in STATE_OWNED:
                state += 3
                break
            if t.lower_ in STATE_OWNED_WEAK or t.lemma_.lower() in STATE_OWNED_WEAK:
                state += 2
                break
            if t.pos_ not in ("ADJ", "NOUN", "PROPN") or not t.is_alpha:
                break
    elif nxt in GOV_WORDS:  # 'the X government', 'X authorities'
        state += 1 if root.ent_type_ == "PERSON" else 2
    if start and lowers[start - 1] in STATE_PREMODIFIERS:  # 'neighbouring X'
        state += 2
    base = _list_head(root)  # 'the villages of A, B and C': B and C read as A does
    if base.dep_ == "pobj" and base.head.lower_ == "of":
        owner = base.head.head
        if owner.lemma_.lower() in STATE_OF_NOUNS or owner.lower_ in STATE_OF_NOUNS:
            state += 2  # 'the president of X'
        elif owner.lower_ in PLACE_NOUNS or owner.lemma_.lower() in PLACE_NOUNS:
            place += 2  # 'the town of X', 'the villages of X, Y and Z'
    if base.dep_ == "pobj" and base.head.lower_ in PLACE_PREPS:
        place += 1  # 'in X'
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in root.children):
        place += 2  # 'X, the regional capital'
    if _modifies_place_noun(base):
        place += 2  # 'the X and Y regions'
    if (root.dep_ == "appos" and root.head.lower_ in PLACE_NOUNS) or (
        start >= 3
        and lowers[start - 1] == ","
        and lowers[start - 2] in PLACE_NOUNS
        and doc[start - 3].is_lower
    ):
        place += 2  # 'the capital, X'
    conjuncts = [c.lower_ for c in root.conjuncts]  # 'X and Y agreed', Y a state
    others: list[str] = []
    head = root.head
    if root.dep_ in ("nsubj", "dobj") and head.lemma_.lower() in POLITICAL_VERBS:
        # 'X accused Y of ...', Y a state
        others = [c.lower_ for c in head.children if c.dep_ in ("nsubj", "dobj") and c.i != root.i]
    return state, place, conjuncts, others


@dataclass(slots=True)
class _Clues:
    """What a candidate name's occurrences say, worked out once for both passes of ``_learn_local``."""

    evidence: list[tuple[int, int, list[str], list[str]]]  # ``_evidence`` of each occurrence
    org: bool  # a word the model knows, read by NER only as an organisation
    org_name: bool  # a name of several words NER once read as an organisation
    ner_place: bool  # NER read it as a LOC or FAC somewhere

    @classmethod
    def of(cls, doc: Doc, low: str, sps: list[Span], local: _Local) -> _Clues:
        lowers = token_lowers(doc)
        roots = [sp.root for sp in sps]
        return cls(
            [_evidence(doc, lowers, sp, local) for sp in sps],
            all(r.ent_type_ == "ORG" and r.has_vector for r in roots),
            " " in low and any(r.ent_type_ == "ORG" for r in roots),
            any(r.ent_type_ in ("LOC", "FAC") for r in roots),
        )


def _modifies_place_noun(tok: Token) -> bool:
    """'Belgorod' in 'the Belgorod and Kursk regions': a name modifying a lower-case place noun."""
    if tok.dep_ not in ("compound", "nmod"):
        return False  # the cheap test first: most names modify nothing
    head = tok.head
    return head.i > tok.i and head.is_lower and head.lemma_.lower() in PLACE_NOUNS


def _list_head(tok: Token) -> Token:
    """The first item of the list ``tok`` is in ('A' for 'C' in 'A, B and C'), else ``tok``."""
    seen = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 20:
        tok = tok.head
        seen += 1
    return tok


def _demonym_of_name(word: str, place: str) -> bool:
    """'calveran' ~ 'calvera', 'tessarian' ~ 'tessary', 'lormarki' ~ 'lormark', 'qarabelis' ~
    'qarabel': a nationality ending on the place name's stem, less at most two final letters."""
    if word == place or " " in place or word.rstrip("s") == place or len(place) < 4:
        return False
    n = 0
    while n < min(len(word), len(place)) and word[n] == place[n]:
        n += 1
    rest_w, rest_p = word[n:], place[n:]
    if n < max(4, len(place) - 2) or not 0 < len(rest_w) <= 4 or len(rest_p) > 2:
        return False
    return any(word.endswith(s) and len(s) >= len(rest_w) - 1 for s in DEMONYM_SUFFIXES)


def _inside_name(t: Token) -> bool:
    """'European' in 'European Union': a word inside a longer name, unless the rest of it is a
    generic institution ('Calveran Defence Ministry')."""
    ent = ent_of(t)
    if ent is None or len(ent) == 1 or ent.label_ == "NORP":
        return False
    rest = " ".join(w.lower_ for w in ent if w.i != t.i and w.lower_ != "the")
    return rest not in GENERIC_INST


def _person_of_a_people(sp: Span) -> bool:
    """'a Kurd', 'the Druze', 'Kurds': a NORP noun counted or in the plural names people, not a place."""
    root = sp.root
    return root.ent_type_ == "NORP" and (
        (root.tag_ in ("NNS", "NNPS") and root.lower_.endswith("s"))
        or any(c.dep_ == "det" for c in root.children)
    )


def _capitalised(doc: Doc) -> list[int]:
    """Indices of the title-case alphabetic tokens ('Kyiv', not 'KYIV' or 'Al-Hasakah'), read off
    the doc's arrays in one go."""
    flags = doc.to_array([IS_TITLE, IS_ALPHA])
    return numpy.flatnonzero(flags[:, 0] & flags[:, 1]).tolist()


def _learn_local(doc: Doc, pieces: list[_Piece], credits: list[tuple[int, int]]) -> _Local:
    """States, places and nationality words the article's own repeated evidence shows."""
    local = _Local()
    local.city, local.region = _dateline_bounds(doc)
    capitalised = _capitalised(doc)
    cands, person_words = _name_candidates(doc, local, pieces, credits, capitalised)
    # nationality words: a capitalised word ending like one whose stem is a name in the article
    singles = {  # a member of a people ('a Kurd', 'Kurds') is no place to hang a nationality on
        low: sps
        for low, sps in cands.items()
        if " " not in low and not any(_person_of_a_people(sp) for sp in sps)
    }
    by_stem: dict[str, list[str]] = {}  # a demonym shares its place's first four letters
    for low in singles:
        by_stem.setdefault(low[:4], []).append(low)
    lowers = token_lowers(doc)
    for i in capitalised:
        low = lowers[i]
        stems = by_stem.get(low[:4])
        if stems is None or low in COUNTRY_OF_ADJ or low in COUNTRY_OF_NAME or low in person_words:
            continue
        t = doc[i]
        if (t.ent_type_ == "PERSON" and t.ent_iob_ == "I") or _inside_name(t):
            continue
        homes = [p for p in stems if _demonym_of_name(low, p)]
        if homes:
            home = max(homes, key=len)
            name = singles[home][0].text
            local.states[home] = name
            local.adjs[low] = name
            local.occurrences.append((t.i, t.i + 1, "NORP"))
    known = {*COUNTRY_OF_NAME.keys(), *local.states}
    clues: dict[str, _Clues] = {}
    for _ in range(2):  # the second pass lets 'X and Y' use states found in the first
        for low, sps in cands.items():
            if low in local.adjs or low in local.states:
                continue
            c = clues.get(low) or clues.setdefault(low, _Clues.of(doc, low, sps, local))
            state = place = 0
            for s, p, conjuncts, others in c.evidence:
                p += any(w in known for w in conjuncts) + any(w in known for w in others)
                state, place = state + s, place + p
            # a word the model knows (it has a vector) that NER reads only as an organisation needs
            # more ('Microsoft's president'); on a name it has never seen, NER's label is a guess
            if state >= (4 if c.org_name else 2) and (not c.org or state + place >= 3):
                local.states[low] = sps[0].text
                local.places.discard(low)
            elif state + place >= (3 if c.org else 2) and not c.ner_place:
                local.places.add(low)  # NER's LOC and FAC are places already
        known |= set(local.states) | local.places
    text = doc_text(doc)
    for low, sps in cands.items():
        state = next((st for sp in sps if (st := _capital_of(sp, local, text, lowers)) is not None), None)
        if state is not None and low not in local.states:
            local.capitals[low] = state
            local.places.add(low)
        if low in local.states or low in local.places:
            local.occurrences += [(sp.start, sp.end, "GPE") for sp in sps]
    return local


def _capital_of(sp: Span, local: _Local, text: str, lowers: list[str]) -> str | None:
    """The state whose capital ``sp`` is said to be: 'Z, the capital of Y', "Y's capital, Z",
    'the Yan capital Z', 'in Z, the Yan capital,' (``text`` and ``lowers``: the doc's)."""
    doc = sp.doc
    name = text[sp.start_char : sp.end_char].lower()  # ``sp.text``
    if name in local.adjs or name in local.states:
        return None
    root = sp.root
    caps = [c for c in root.children if c.dep_ in ("appos", "compound") and c.lower_ == "capital"]
    if root.dep_ == "appos" and root.head.lower_ == "capital":
        caps.append(root.head)
    e = sp.end
    # the parse often misses the apposition: read the five words after the name
    if e + 3 <= len(doc) and lowers[e] == "," and lowers[e + 1] == "the":
        caps += [doc[i] for i in range(e + 2, min(e + 5, len(doc))) if lowers[i] == "capital"][:1]
    owners: list[Token] = []
    for cap in caps:
        owners += [c for c in cap.children if c.dep_ in ("poss", "amod", "compound") and c.i < cap.i]
        owners += [o for p in cap.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        owners += [t for t in doc[max(0, cap.i - 2) : cap.i] if t.is_title]
        if cap.i + 2 < len(doc) and doc[cap.i + 1].lower_ == "of":
            owners.append(doc[cap.i + 2])
    for o in owners:
        low = o.lower_
        state = (
            local.states.get(low)
            or local.adjs.get(low)
            or dict.get(COUNTRY_OF_NAME, low)
            or dict.get(COUNTRY_OF_ADJ, low)
        )
        if state is not None:
            return state
    return None


def _titled_apposition(doc: Doc, m: _Mention) -> bool:
    """'X, the foreign minister of Y' / 'a spokeswoman for Y, X': a name in apposition with a
    title noun names a person."""
    root = doc[m.tok : m.tok_end].root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return any(
        n.pos_ == "NOUN" and n.is_lower and (n.lower_ in TITLE_HEADS or n.lemma_.lower() in TITLE_HEADS)
        for n in nouns
    )


def _apply_local(doc: Doc, ms: list[_Mention], local: _Local) -> list[_Mention]:
    """Retype mentions by what the article taught, add the occurrences NER missed, and make the
    dateline's city and region places."""
    fixed: list[_Mention] = []
    text = doc_text(doc)
    for bounds, via in ((local.city, "dateline"), (local.region, "dateline region")):
        if bounds is None:
            continue
        ms = [m for m in ms if m.tok_end <= bounds[0] or m.tok >= bounds[1]]
        m = _make_mention(doc, text, bounds[0], bounds[1], "GPE", via)
        if m is not None:
            fixed.append(m)
    not_state = functools.cache(_not_a_state_name)  # asked once per form in this article
    for m in ms:
        low = m.text.lower()
        if low in local.adjs and m.via != "title":
            m.label, m.via = "NORP", "unlisted nationality"
        elif low in local.states or (low in local.places and m.label not in ("LOC", "FAC")):
            m.label, m.via = "GPE", "state context" if low in local.states else "place context"
        elif m.label != "PERSON" and not not_state(low) and _titled_apposition(doc, m):
            m.label, m.via = "PERSON", "title"  # 'Tomasz Lerch, the foreign minister of X'
    ms = ms + fixed
    taken = {i for m in ms for i in range(m.tok, m.tok_end)}
    for s, e, label in local.occurrences:
        if any(i in taken for i in range(s, e)):
            continue
        via = "unlisted nationality" if label == "NORP" else "state context"
        m = _make_mention(doc, text, s, e, label, via)
        if m is not None:
            ms.append(m)
            taken |= set(range(s, e))
    return ms


# --- clustering --------------------------------------------------------------------------------


def _same_person(a: str, b: str) -> bool:
    """Two full names for one person: same length, first names alike, surnames alike."""
    ta, tb = a.lower().split(), b.lower().split()
    if ta == tb:
        return True
    if len(ta) != len(tb):
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        # 'Mohammed al-Golani' within 'Abu Mohammed al-Golani'
        return len(short) >= 2 and long_[-len(short) :] == short
    if fuzz.ratio(_strip_al(ta[-1]), _strip_al(tb[-1])) < 85:
        return False
    return all(fuzz.ratio(x, y) >= 75 for x, y in zip(ta[:-1], tb[:-1], strict=True))


def _person_clusters(ms: list[_Mention]) -> list[_Cluster]:
    persons = sorted((m for m in ms if m.label == "PERSON"), key=lambda m: (-len(m.text.split()), m.start))
    clusters: list[_Cluster] = []
    full: list[tuple[_Cluster, str, list[str]]] = []  # the clusters opened by a full name, its words
    for m in persons:
        toks = m.text.split()
        if len(toks) > 1:
            home = next((c for c, name, _ in full if _same_person(name, m.text)), None)
            if home is None:
                clusters.append(_Cluster("PERSON", [m], ["ner/title full name"]))
                full.append((clusters[-1], m.text, toks))
            else:
                home.mentions.append(m)
                if m.text not in home.forms()[:-1]:
                    home.reasons.append("spelling variant")
            continue
        low = _strip_al(m.text)
        cands = [c for c, _, words in full if fuzz.ratio(low, _strip_al(words[-1])) >= 85]
        if not cands:
            cands = [c for c, _, words in full if words[0].lower() == m.text.lower()]
        if not cands:
            cands = [c for c in clusters if c.mentions[0].text.lower() == m.text.lower()]
        if not cands:
            clusters.append(_Cluster("PERSON", [m], ["ner/title single name"]))
            continue
        # several people share the name: the one mentioned last before it
        home = max(cands, key=lambda c: (c.last_pos(m.start), -c.mentions[0].start))
        home.mentions.append(m)
        surname = home.mentions[0].text.split()[-1].lower()
        home.reasons.append("surname after full name" if m.text.lower() == surname else "name variant")
    return clusters


def _institution(doc: Doc, m: _Mention) -> tuple[str | None, str | None, int]:
    """(institution key, qualifying country, new first token) for a generic institution mention."""
    words = m.text.split()
    low = m.text.lower()
    country = None
    rest = " ".join(w.lower() for w in words[1:])
    if words and words[0].lower() in COUNTRY_OF_ADJ and rest in GENERIC_INST:
        return rest, COUNTRY_OF_ADJ[words[0].lower()], m.tok
    head, of, tail = low.rpartition(" of ")
    if of and head in GENERIC_INST and tail in COUNTRY_OF_NAME:  # 'Security Service of Ukraine'
        return head, COUNTRY_OF_NAME[tail], m.tok
    if low not in GENERIC_INST:
        return None, None, m.tok
    i = m.tok
    if i >= 2 and doc[i - 1].lower_ in ("'s", "’s") and doc[i - 2].text.lower() in COUNTRY_OF_NAME:
        country = COUNTRY_OF_NAME[doc[i - 2].text.lower()]
        return low, country, i - 2
    if i >= 1 and doc[i - 1].lower_ in COUNTRY_OF_ADJ:
        return low, COUNTRY_OF_ADJ[doc[i - 1].lower_], i - 1
    return low, None, i


def _other_clusters(doc: Doc, ms: list[_Mention]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    bare_inst: list[_Mention] = []
    for m in sorted((m for m in ms if m.label != "PERSON"), key=lambda m: m.start):
        low = m.text.lower()
        if m.label in ("GPE", "LOC") and low in COUNTRY_OF_NAME:
            key = "gpe:" + COUNTRY_OF_NAME[low]
            m.country = COUNTRY_OF_NAME[low]
        elif m.label == "NORP" and low in COUNTRY_OF_ADJ:
            key = "norp:" + COUNTRY_OF_ADJ[low]
            m.country = COUNTRY_OF_ADJ[low]
        else:
            inst, country, first = _institution(doc, m) if m.label in ("ORG", "FAC") else (None, None, m.tok)
            if inst is not None:
                if country is None:
                    bare_inst.append(m)
                    continue
                if first != m.tok:  # take the qualifier into the name: "Russia's Defense Ministry"
                    m.start = doc[first].idx
                    m.text = doc_text(doc)[m.start : m.end]
                    m.tok = first
                m.country = country
                key = f"inst:{country}:{inst}"
                c = clusters.get(key)
                if c is None:
                    c = clusters[key] = _Cluster("ORG", [], ["institution qualified by its state"])
                c.country, c.inst = country, inst
                c.mentions.append(m)
                continue
            key = "name:" + _norm_key(m.text)
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(m.label, [], ["ner"])
        c.mentions.append(m)
        if m.via in _LOCAL_RULES:
            c.reasons.append(m.via)
        if m.country:
            c.country = m.country
    for m in bare_inst:  # 'the Defense Ministry said' after "Russia's Defense Ministry"
        inst = m.text.lower()
        same = [c for c in clusters.values() if c.inst == inst]
        if same:
            home = max(same, key=lambda c: c.last_pos(m.start))
            home.mentions.append(m)
            home.reasons.append("bare institution after its qualified name")
        elif m.via != "institution" and m.text[:1].isupper():
            c = clusters.setdefault(f"inst::{inst}", _Cluster("ORG", [], ["institution"]))
            c.inst = inst
            c.mentions.append(m)
    return list(clusters.values())


_POSSESSIVE_S = re.compile(r"['’]s\b")
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORDS = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=4096)
def _norm_key(s: str) -> str:
    s = _POSSESSIVE_S.sub("", s.lower())
    s = _LEADING_THE.sub("", s)
    return _NON_WORDS.sub(" ", s).strip()


_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z.]{1,8})\)")
# 'the UN agency for Palestinian refugees (UNRWA)': the name's own of- or for-phrase before the bracket
_ACRONYM_AFTER_PHRASE = re.compile(
    r"[ \t]+(?:for|of)[ \t]+[A-Za-z'’ -]{2,40}?[ \t]*\((?P<acr>[A-Z][A-Z.]{1,8})\)"
)
_ACRONYM_BEFORE = re.compile(r"\b(?P<acr>[A-Z][A-Z.]{1,8})\s*$")


def _acronyms_after(text: str, name: str) -> Iterator[str]:
    r"""The acronyms in brackets right after ``name`` ('Rapid Support Forces (RSF)'): what
    ``re.finditer(rf"{re.escape(name)}\s*\((?P<acr>[A-Z][A-Za-z.]{{1,8}})\)", text)`` finds,
    without compiling a pattern per name."""
    i = text.find(name)
    while i >= 0:
        m = _ACRONYM_AFTER.match(text, i + len(name)) or _ACRONYM_AFTER_PHRASE.match(text, i + len(name))
        if m is not None:
            yield m.group("acr")
            i = text.find(name, m.end())
        else:
            i = text.find(name, i + 1)


def _merge_acronyms(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Rapid Support Forces (RSF)' and initials: an acronym joins the name it abbreviates."""
    text = doc_text(doc)
    by_form: dict[str, _Cluster] = {}
    for c in clusters:
        for f in c.forms():
            by_form.setdefault(f, c)
    gone: set[int] = set()
    for c in clusters:
        for f in c.forms():
            if len(f.split()) < 2:
                continue
            initials = "".join(w[0] for w in _WORDS.findall(f) if w[0].isupper())
            acrs = set(_acronyms_after(text, f))
            if len(initials) >= 2:
                acrs.add(initials)
            for a in acrs | set(_acronyms_before(text, f)):
                other = by_form.get(a)
                if other is not None and other is not c and id(other) not in gone and other.label != "PERSON":
                    c.mentions.extend(other.mentions)
                    c.reasons.append(f"acronym {a}")
                    gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _merge_known_names(clusters: list[_Cluster]) -> list[_Cluster]:
    """'the SBU' and 'the Security Service of Ukraine': names the organisations lexicon gives one
    organisation are one entity, whatever their initials."""
    home: dict[str, _Cluster] = {}
    gone: set[int] = set()
    for c in clusters:
        if c.label not in ("ORG", "GROUP"):
            continue
        names = {_ORG_OF_FORM[f.lower()] for f in c.forms() if f.lower() in _ORG_OF_FORM}
        if len(names) != 1:
            continue
        name = names.pop()
        if name in home:
            home[name].mentions.extend(c.mentions)
            home[name].reasons.append(f"another name of {name}")
            gone.add(id(c))
        else:
            home[name] = c
    return [c for c in clusters if id(c) not in gone]


def _merge_place_variants(clusters: list[_Cluster]) -> list[_Cluster]:
    """One place written two ways: 'the Gaza Strip' and 'Gaza' (a territory suffix, lexicon
    ``territory_suffixes``), 'Severodonetsk' and a misspelt 'Severedonestsk' (one long word, close
    by rapidfuzz; the tagger may have called the variant an organisation)."""
    places = [c for c in clusters if c.label == "GPE" and c.country is None]
    place_forms = {id(p): _place_forms(p) for p in places}  # made again for a place that grows
    gone: set[int] = set()
    for c in clusters:
        if id(c) in gone or c.label not in ("GPE", "ORG") or c.country is not None or c.inst:
            continue
        forms = c.forms()
        if len(forms) != 1 or " " in forms[0] or not forms[0][:1].isupper():
            continue
        word = forms[0]
        for p in places:
            if p is c or id(p) in gone:
                continue
            names, territories = place_forms[id(p)]
            territory = word in territories
            variant = c.label == "GPE" or len(c.mentions) == 1
            close = variant and len(word) >= 8 and any(
                " " not in n and len(n) >= 8 and fuzz.ratio(n.lower(), word.lower()) >= 88 for n in names
            )
            if territory or close:
                p.mentions.extend(c.mentions)
                place_forms[id(p)] = _place_forms(p)
                why = "another spelling of the place" if close else "territory named without its suffix"
                p.reasons.append(why)
                gone.add(id(c))
                break
    return [c for c in clusters if id(c) not in gone]


def _place_forms(p: _Cluster) -> tuple[list[str], set[str]]:
    """(``p``'s forms, the first words of its two-word forms ending in a territory suffix)."""
    forms = p.forms()
    parts = [f.split() for f in forms]
    return forms, {w[0] for w in parts if len(w) == 2 and w[1] in _TERRITORY_SUFFIXES}


def _acronyms_before(text: str, name: str) -> Iterator[str]:
    """'the ELN (National Liberation Army)': an acronym whose spelled-out name (often translated,
    so its initials need not match) follows it in brackets."""
    i = text.find(f"({name})")
    while i >= 0:
        m = _ACRONYM_BEFORE.search(text, max(0, i - 12), i)
        if m is not None:
            yield m.group("acr")
        i = text.find(f"({name})", i + 1)


def _acronym_of(c: _Cluster, acr: _Cluster | None, gone: set[int]) -> bool:
    """``acr`` is an acronym cluster found in apposition right after one of ``c``'s mentions."""
    return (
        acr is not None
        and acr is not c
        and id(acr) not in gone
        and acr.label == "ORG"
        and all(x.text == acr.mentions[0].text for x in acr.mentions)
        and any(x.via == "acronym in apposition" for x in acr.mentions)
    )


def _merge_appositions(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'UNRWA, the U.N. agency for refugees,': an organisation and its apposition are one."""
    owner: dict[int, _Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            owner[m.tok] = c
    gone: set[int] = set()
    for c in clusters:
        acronym = _acronym(c.mentions[0].text) and c.country is None
        if (c.label not in ("ORG", "GROUP") and not acronym) or id(c) in gone:
            continue
        for m in list(c.mentions):
            k = m.tok_end
            acr = owner.get(k + 1) if k + 1 < len(doc) and doc[k].text == "," else None
            if _acronym_of(c, acr, gone):
                c.mentions.extend(acr.mentions)  # type: ignore[union-attr]  # 'the mission, MINUSMA,'
                c.reasons.append("acronym in apposition")
                gone.add(id(acr))
                continue
            if k + 1 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("the", "a", "an"):
                continue
            other = owner.get(k + 2)
            if other is None or other is c or other.label != "ORG" or id(other) in gone or other.inst:
                continue
            if doc[other.mentions[0].tok : other.mentions[0].tok_end].root.dep_ != "appos":
                continue
            c.mentions.extend(other.mentions)
            c.label = "ORG"
            c.reasons.append("apposition")
            gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _merge_plural_groups(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Houthi missiles' belongs to 'the Houthis': a name used only as a modifier joins the group
    named by its plural."""
    by_form = {f.lower(): c for c in clusters if c.label in ("ORG", "NORP") for f in c.forms()}
    gone: set[int] = set()
    for c in clusters:
        if c.label not in ("ORG", "NORP", "GPE"):
            continue
        forms = c.forms()
        if len(forms) != 1 or " " in forms[0]:
            continue
        home = by_form.get(forms[0].lower() + "s")
        if home is None or home is c or id(home) in gone:
            continue
        roots = [doc[m.tok : m.tok_end].root for m in c.mentions]
        if all(r.dep_ in ("compound", "amod", "nmod", "npadvmod") and r.head.i > r.i for r in roots):
            home.mentions.extend(c.mentions)
            home.reasons.append("singular used as a modifier")
            gone.add(id(c))
    return [c for c in clusters if id(c) not in gone]


_HYPHEN_OR_SPACE = re.compile(r"[-\s]")


def _merge_short_forms(clusters: list[_Cluster]) -> list[_Cluster]:
    """A short organisation name that ends or heads exactly one longer one joins it ('Central Command'
    in 'U.S. Central Command', 'Observatory' in 'Syrian Observatory for Human Rights'); 'Ossaria'
    joins 'Kingdom of Ossaria'."""
    gone: set[int] = set()
    # each cluster's forms, lower-cased and split, worked out once (again for a cluster that grows)
    split: dict[int, list[list[str]]] = {id(c): [f.lower().split() for f in c.forms()] for c in clusters}
    # only clusters with a form ending in (or, split at hyphens, in) a's last word can be its home:
    # looked up by that word rather than tried pair by pair (thousands of names made it quadratic)
    by_end: dict[str, list[_Cluster]] = {}
    for c in clusters:
        for k in _form_ends(c):
            by_end.setdefault(k, []).append(c)
    for a in clusters:
        if a.label == "PERSON" or a.inst:
            continue
        af = split[id(a)]
        homes = []
        ends = {x[-1] for x in af if x} | {x[0] for x in af if len(x) == 1}
        for b in {id(b): b for k in ends for b in by_end.get(k, ())}.values():
            if b is a or id(b) in gone or b.label == "PERSON":
                continue
            for bf in split[id(b)]:
                head = bf[: bf.index("for")] if "for" in bf else bf
                for x in af:
                    if len(x) >= len(bf):
                        continue
                    orgs = a.label == "ORG" and b.label == "ORG"
                    short_org = orgs and (bf[-len(x) :] == x or head[-len(x) :] == x)
                    state_of = (
                        len(bf) >= 3
                        and bf[-len(x) :] == x
                        and bf[-len(x) - 1] == "of"
                        and bf[0] in ("kingdom", "republic", "state", "emirate", "sultanate")
                    )
                    if short_org or state_of:
                        homes.append(b)
                parts = _HYPHEN_OR_SPACE.split(" ".join(bf))
                for x in af:  # 'Karabakh' for 'Nagorno-Karabakh', 'Strip' for 'Gaza Strip'
                    places = a.label in ("GPE", "LOC") and b.label in ("GPE", "LOC")
                    if (
                        places
                        and len(x) == 1
                        and len(parts) > 1
                        and parts[-1] == x[0]
                        and x[0] not in COUNTRY_OF_NAME
                    ):
                        homes.append(b)
        homes = list({id(h): h for h in homes}.values())
        if len(homes) == 1:
            homes[0].mentions.extend(a.mentions)
            homes[0].reasons.append("short form of the full name")
            split[id(homes[0])] = [f.lower().split() for f in homes[0].forms()]
            gone.add(id(a))
            for k in _form_ends(homes[0]):  # its forms grew
                by_end.setdefault(k, []).append(homes[0])
    return [c for c in clusters if id(c) not in gone]


def _form_ends(c: _Cluster) -> set[str]:
    """The words a shorter name must end with to be one of ``c``'s forms' short form
    (``_merge_short_forms``): each form's last word, its last before 'for', its last hyphen part."""
    keys: set[str] = set()
    for f in c.forms():
        bf = f.lower().split()
        if not bf:
            continue
        head = bf[: bf.index("for")] if "for" in bf else bf
        keys.update([bf[-1], _HYPHEN_OR_SPACE.split(bf[-1])[-1], *head[-1:]])
    return keys


_KNOWN_AS_RE = re.compile(
    r"\)?,?[ \t]*\(?(?:(?:widely|also|better|commonly|popularly|locally|formerly|previously)[ \t]+)?"
    r"(?:known(?:[ \t]+in[ \t]+[A-Z]\w+)?[ \t]+as|nicknamed|a\.k\.a\.?|aka)[ \t]+[\"“'‘]?"
)


def _merge_known_as(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Mohamed Hamdan Dagalo, widely known as Hemedti', 'JNIM, known in Arabic as Jama'at Nusrat
    al-Islam': the other name joins the person or organisation."""
    by_start = {m.start: c for c in clusters for m in c.mentions}
    gone: set[int] = set()
    text = doc_text(doc)
    for c in clusters:
        if c.label not in ("PERSON", "ORG", "GROUP") or id(c) in gone:
            continue
        for m in list(c.mentions):
            hit = _KNOWN_AS_RE.match(text, m.end)
            other = by_start.get(hit.end()) if hit else None
            if other is None or other is c or id(other) in gone or len(other.forms()) != 1:
                continue
            if not _other_name_fits(c, other):
                continue
            c.mentions.extend(other.mentions)
            c.reasons.append("known as")
            gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _other_name_fits(c: _Cluster, other: _Cluster) -> bool:
    """A person's other name is a person's or one word; an organisation's is an organisation's, or
    a long name NER took for a person's ('Jama'at Nusrat al-Islam')."""
    if c.label == "PERSON":
        return other.label == "PERSON" or " " not in other.forms()[0]
    return other.label in ("ORG", "GROUP") or (other.label == "PERSON" and " " in other.forms()[0])


def _metonymic(doc: Doc, m: _Mention) -> bool:
    """A capital standing for its government: subject of a political verb, possessor of a political
    noun, agent of a passive ('appointed by Addis Ababa'), or followed by 'regime'/'government'."""
    toks = doc[m.tok : m.tok_end]
    root = toks.root
    after = doc[m.tok_end] if m.tok_end < len(doc) else None
    if after is not None and after.lower_ in ("'s", "’s"):
        nxt = after.head
        if nxt.lemma_.lower() in POLITICAL_NOUNS or nxt.lower_ in POLITICAL_NOUNS:
            return True
    if after is not None and after.lower_ in GOV_WORDS:
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in POLITICAL_VERBS:
        return True
    if root.dep_ == "nsubj" and root.head.pos_ == "AUX":
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.tag_ == "VBN":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_.lower() in POLITICAL_NOUNS:
        return True  # 'claims by Kiev that ...'
    if root.dep_ == "dobj" and root.head.lemma_.lower() in POLITICAL_OBJECTS:
        return True  # 'blamed Kyiv for the casualties'
    return root.dep_ == "poss" and root.head.lemma_.lower() in POLITICAL_NOUNS


def _capitals(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """Capitals used for their government join their state (or keep their name, with the state as
    affiliation, when the state itself is not named); 'the Kiev regime' becomes an alias."""
    states = {
        c.country: c
        for c in clusters
        if c.label == "GPE"
        and c.country
        and c.inst is None
        and any(m.text.lower() in COUNTRY_OF_NAME for m in c.mentions)
    }
    out: list[_Cluster] = []
    for c in clusters:
        caps = [m for m in c.mentions if m.text.lower() in COUNTRY_OF_CAPITAL] if c.label == "GPE" else []
        if c.label != "GPE" or not caps or len(c.forms()) != len({m.text for m in caps}):
            out.append(c)
            continue
        country = COUNTRY_OF_CAPITAL[caps[0].text.lower()]
        meto = [m for m in caps if _metonymic(doc, m)]
        c.affiliation = country
        for m in list(c.mentions):  # 'the Kiev regime': the phrase is a name of the government too
            if m.tok_end < len(doc) and doc[m.tok_end].lower_ in GOV_WORDS:
                end = doc[m.tok_end].idx + len(doc[m.tok_end].text)
                c.mentions.append(
                    _Mention(
                        m.start,
                        end,
                        doc_text(doc)[m.start : end],
                        "GPE",
                        m.tok,
                        m.tok_end + 1,
                        "capital + government word",
                    )
                )
                c.mentions.remove(m)
        if meto and country in states:
            states[country].mentions.extend(c.mentions)
            states[country].reasons.append(f"capital '{caps[0].text}' used for the government")
            continue
        if meto:
            c.reasons.append(f"capital used for the government of {country}")
        out.append(c)
    return out


def _norp_to_states(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """Nationality adjectives become mentions of their state when the state is named; otherwise
    only a plural people noun ('Palestinians', 'Houthis') stays an entity."""
    states = {c.country: c for c in clusters if c.label == "GPE" and c.country and c.inst is None}
    out: list[_Cluster] = []
    for c in clusters:
        if c.label == "NORP" and c.country and c.country in states:
            st = states[c.country]
            st.mentions.extend(c.mentions)
            st.reasons.append("nationality adjective linked to its state")
            continue
        if c.label == "NORP" and not any(doc[m.tok_end - 1].tag_ in ("NNS", "NNPS") for m in c.mentions):
            continue  # an adjective with no named state ('Ukrainian forces'): no entity of its own
        if c.label == "NORP" and c.country:
            c.affiliation = c.country
        out.append(c)
    return out


# --- descriptors, affiliation, gender ---------------------------------------------------------


def _country_of_token(t: Token) -> str | None:
    low = t.text.lower()
    return COUNTRY_OF_ADJ.get(low) or COUNTRY_OF_NAME.get(low) or COUNTRY_OF_CAPITAL.get(low)


_SPACES = re.compile(r"\s+")


def _title_text(doc: Doc, words: list[Token]) -> str:
    """The title as written, lower-cased; a rank after a role is split off with '; '
    ('defense ministry spokesman; lt. gen.')."""
    parts: list[str] = []
    cur = ""
    for w in words:
        rank = w.text.endswith(".") or (w.i + 1 < len(doc) and doc[w.i + 1].text == ".") or w.text == "."
        if cur and rank and not cur.endswith(".") and w.text != "." and _is_head(doc[w.i - 1]):
            parts.append(cur)
            cur = ""
        cur += w.text_with_ws if w.i != words[-1].i else w.text
    parts.append(cur)
    return "; ".join(_SPACES.sub(" ", p).strip().lower() for p in parts if p.strip())


def _title_before(doc: Doc, m: _Mention) -> tuple[str | None, str | None, Token | None]:
    """(descriptor, affiliation, possessor token) from the title written before a name."""
    i = m.tok - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words: list[Token] = []
    while i >= 0 and (
        _is_head(doc[i])
        or doc[i].lower_ in TITLE_MODIFIERS
        or doc[i].text == "."
        or (doc[i].text in ("-", "in") and i + 1 < m.tok and doc[i + 1].text in ("-", "in"))
        or (doc[i].text == "-" and words and _is_head(words[0]))
        or (doc[i].lower_ == "of" and words and i >= 1 and _is_head(doc[i - 1]))
    ):
        words.insert(0, doc[i])
        i -= 1
    while words and not _is_head(words[0]) and words[0].lower_ not in TITLE_MODIFIERS:
        words.pop(0)
    if not any(_is_head(w) for w in words):
        return None, None, None
    while words and not _is_head(words[-1]) and not (len(words) > 1 and words[-2].lower_ == "of"):
        words.pop()  # 'secretary of state' keeps its tail
    desc = _title_text(doc, words)
    aff: str | None = None
    poss: Token | None = None
    if i >= 3 and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # 'Israel Defense Forces (IDF) spokesperson X': the name before its acronym
    if i >= 0:
        t = doc[i]
        if t.lower_ in ("'s", "’s") and i >= 1:
            prev = doc[i - 1]
            aff = _country_of_token(prev)
            if aff is None and prev.ent_type_ == "PERSON":
                poss = prev
            elif aff is None and prev.ent_type_ in ("ORG", "GPE"):
                aff = _ent_text(prev)
        else:
            aff = _country_of_token(t)
            if aff is None and t.ent_type_ in ("ORG", "NORP", "GPE") and t.text[:1].isupper():
                aff = _ent_text(t)
    return desc, aff, poss


def _ent_text(t: Token) -> str:
    e = ent_of(t)
    return t.text if e is None else re.sub(r"^the\s+", "", e.text, flags=re.I)


def _apposition(doc: Doc, m: _Mention) -> tuple[str | None, str | None]:
    """(descriptor, affiliation) from an apposition: 'X, the head of Y' or 'the commander of Y, X'."""
    root = _root(doc, m.tok, m.tok_end)
    nouns: list[Token] = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for n in nouns:
        if n.lemma_.lower() not in TITLE_HEADS and n.lower_ not in TITLE_HEADS:
            continue
        mods = [c for c in n.children if c.dep_ in ("compound", "amod") and c.i < n.i]
        start = min([n.i, *[c.i for c in mods]])
        words = [
            w.lower_
            for w in doc[start : n.i + 1]
            if w.lower_ in TITLE_MODIFIERS or w.i == n.i or w.pos_ == "NOUN"
        ]
        for prep in (c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"):
            objs = [o for o in prep.children if o.dep_ == "pobj" and o.is_lower and o.pos_ == "NOUN"]
            if objs and not any(c.dep_ in ("det", "poss") for c in objs[0].children):
                words += ["of", objs[0].lower_]  # 'chief of staff'
        desc = " ".join(words)
        aff = None
        for c in n.subtree:  # the first state or organisation named in the apposition
            if c.i == n.i:
                continue
            if co := _country_of_token(c):
                aff = co
                break
            if c.ent_type_ in ("ORG", "GPE"):
                aff = _ent_text(c)
                break
        return desc, aff
    return None, None


_PRONOUN_GENDER = dict.fromkeys(("he", "his", "him", "himself"), "m") | dict.fromkeys(
    ("she", "her", "hers", "herself"), "f"
)

_PRONOUN_IDS = [numpy.uint64(get_string_id(w)) for w in _PRONOUN_GENDER]  # their LOWER ids


@dataclass(slots=True)
class _Tokens:
    """Where sentences start, PERSON tokens and gendered pronouns stand in a doc (token indices,
    in order), for ``_pronoun_gender``."""

    sent_starts: list[int]
    persons: list[int]
    pronouns: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        arr = doc.to_array([ENT_TYPE, LOWER])
        lows = arr[:, 1]
        pronoun = lows == _PRONOUN_IDS[0]
        for x in _PRONOUN_IDS[1:]:  # eight comparisons: cheaper than ``numpy.isin`` on one article
            pronoun |= lows == x
        return cls(
            sent_starts(doc),
            numpy.flatnonzero(arr[:, 0] == doc.vocab.strings["PERSON"]).tolist(),
            numpy.flatnonzero(pronoun).tolist(),
        )


def _title_gender(desc: str | None) -> str | None:
    """The gender a title's words give ('spokeswoman'), or None."""
    if desc:
        for w in desc.split():
            g = TITLE_HEADS.get(w)
            if g:
                return g
    return None


def _pronoun_gender(doc: Doc, m: _Mention, toks: _Tokens) -> str | None:
    """The gender of the first personal pronoun after the name in its sentence or the next,
    before another person; None without one."""
    # the end of the name's sentence (``doc[m.tok].sent.end``): the next sentence start after it
    k = bisect_right(toks.sent_starts, m.tok)
    end = min(len(doc), (toks.sent_starts[k] if k < len(toks.sent_starts) else len(doc)) + 25)
    k = bisect_left(toks.pronouns, m.tok_end)
    pronoun = toks.pronouns[k] if k < len(toks.pronouns) and toks.pronouns[k] < end else end
    k = bisect_left(toks.persons, m.tok_end)
    if k < len(toks.persons) and toks.persons[k] <= pronoun and toks.persons[k] < end:
        return None
    return _PRONOUN_GENDER[token_lowers(doc)[pronoun]] if pronoun < end else None


def _attributes(doc: Doc, clusters: list[_Cluster]) -> None:
    toks: _Tokens | None = None  # made for the first name whose title gives no gender
    pending: list[tuple[_Cluster, Token]] = []
    for c in clusters:
        if c.label != "PERSON":
            if c.country and c.label in ("ORG", "NORP") and not c.affiliation:
                c.affiliation = c.country
            continue
        for m in c.mentions:
            desc, aff, poss = _title_before(doc, m)
            d2, a2 = _apposition(doc, m)
            for d in [*(desc.split("; ") if desc else []), d2]:
                if d and not any(x == d or x.endswith(" " + d) for x in c.descriptors):
                    c.descriptors.append(d)
            c.affiliation = c.affiliation or aff or a2
            if poss is not None:
                pending.append((c, poss))
            g = _title_gender(desc or d2)
            if g is None:
                toks = toks or _Tokens.of(doc)
                g = _pronoun_gender(doc, m, toks)
            if g:
                c.gender_votes[g] += 2 if desc and TITLE_HEADS.get(desc.split()[-1]) else 1
    by_tok = {i: c for c in clusters for m in c.mentions for i in range(m.tok, m.tok_end)} if pending else {}
    for c, poss in pending:  # "President X's adviser, Y": Y shares X's affiliation
        owner = by_tok.get(poss.i)
        if owner is not None and owner is not c and not c.affiliation:
            c.affiliation = owner.affiliation


# --- building ---------------------------------------------------------------------------------


_GROUP_PREFIXES = tuple(g + " " for g in GROUP_NAMES)  # a known group's name opening a longer one


def _group_type(name: str, label: str) -> str:
    low = name.lower()
    if label == "ORG" and (
        low in GROUP_NAMES
        or low.split()[-1] in GROUP_HEADS
        or low.startswith(_GROUP_PREFIXES)  # 'Islamic State West Africa Province'
    ):
        return "GROUP"
    return label


def _canonical(c: _Cluster) -> str:
    counts = Counter([m.text for m in c.mentions])
    if c.label == "PERSON":
        return max(
            counts,
            key=lambda f: (len(f.split()), counts[f], -min(m.start for m in c.mentions if m.text == f)),
        )
    states = [f for f in counts if f.lower() in COUNTRY_OF_NAME]
    if states:
        return COUNTRY_OF_NAME[max(states, key=counts.__getitem__).lower()] if c.label == "GPE" else states[0]
    plain = [f for f in counts if not f.isupper() and f.split()[-1].lower() not in GOV_WORDS] or list(counts)
    # a proper name beats a description ('UNRWA', not 'UN agency'; 'Security Service of Ukraine')
    proper = [f for f in plain if f.split()[-1][:1].isupper()]
    if not proper and c.label in ("ORG", "GROUP"):
        proper = [f for f in counts if _acronym(f)]
    return max(proper or plain, key=lambda f: (counts[f], len(f)))


_CAPITALS_3 = re.compile(r"[A-Z]{3,}")


def _acronym(text: str) -> bool:
    """'UNRWA', 'OCHA': an all-capital name that is not a state's is an organisation's."""
    return bool(_CAPITALS_3.fullmatch(text)) and text.lower() not in COUNTRY_OF_NAME


def _label(c: _Cluster) -> str:
    if c.label in ("PERSON", "NORP"):
        return c.label
    name = [w for m in c.mentions for w in m.text.lower().split()]
    if c.mentions[0].text.split()[-1].lower() in FACILITY_NOUNS:
        return "FAC"  # 'Umayyad Mosque', 'Hakari bridge'
    ner_labels = {m.label for m in c.mentions}
    if (
        any(m.place for m in c.mentions)
        and not any(w in ORG_HEADS or w in GROUP_HEADS for w in name)
        and ner_labels <= {"ORG", "GPE"}
        and not any(_acronym(m.text) for m in c.mentions)
        and not c.inst
        and not any(m.actor for m in c.mentions)
    ):
        return "GPE"  # read as a place somewhere and never as an actor
    votes = Counter(
        "ORG" if _acronym(m.text) and m.via != "dateline" else m.label
        for m in c.mentions
        if m.label != "NORP"
    )
    votes["GPE"] += sum(1 for m in c.mentions if m.place and m.label in ("ORG", "FAC"))
    if not votes:
        return "NORP"
    order = {"GPE": 0, "LOC": 1, "ORG": 2, "FAC": 3}
    label = max(votes, key=lambda lb: (votes[lb], -order.get(lb, 9)))
    return "ORG" if label == "FAC" and c.inst else label


def _without_tail(name: str) -> str:
    """An organisation's name without what describes it ('RIA state news agency' -> 'RIA'). A
    connector the tagger left at its end ('UN Office for') stays: the who layer joins such a
    name to the rest the tagger cut off."""
    words = name.split()
    for k in range(1, len(words)):
        tail = words[k:]
        if all(w.islower() for w in tail) and " ".join(tail) in DESCRIPTIVE_TAILS:
            return " ".join(words[:k])
    return " ".join(words)


def extract(doc: Doc, ctx: Context) -> EntityTable:
    """The article's entity table: one ``Entity`` per real-world entity, every mention's span."""
    credits, captions = noise_spans(doc_text(doc))
    pieces = _ner_pieces(doc, credits)
    local = _learn_local(doc, pieces, credits)
    COUNTRY_OF_NAME.local = {**local.states}
    COUNTRY_OF_ADJ.local = {**local.adjs}
    COUNTRY_OF_CAPITAL.local = {**local.capitals}
    try:
        return _extract(doc, ctx, local, pieces, credits, captions)
    finally:
        COUNTRY_OF_NAME.local = {}
        COUNTRY_OF_ADJ.local = {}
        COUNTRY_OF_CAPITAL.local = {}


def _extract(
    doc: Doc,
    ctx: Context,
    local: _Local,
    pieces: list[_Piece],
    credits: list[tuple[int, int]],
    captions: list[tuple[int, int]],
) -> EntityTable:
    ms = _apply_local(doc, _raw_mentions(doc, pieces), local)
    _fix_types(doc, ms)
    ms = _find_again(doc, ms)
    ms = _institution_mentions(doc, ms)
    ms = [m for m in ms if m.label not in _MISC]
    ms = _known_groups(doc, ms)
    ms = _known_organisations(doc, ms)
    ms = _named_by_org_noun(doc, ms)
    ms = _acronym_appositions(doc, ms)
    ms = _natural_features(doc, ms)
    ms = _known_states(doc, ms)
    ms = [m for m in ms if not _noise_mention(doc, m, credits) and not _reporter(m, ctx)]
    ms = _drop_capitalised_common_words(doc, ms)
    clusters = _person_clusters(ms) + _other_clusters(doc, ms)
    clusters = _merge_acronyms(doc, clusters)
    clusters = _merge_known_names(clusters)
    clusters = _merge_place_variants(clusters)
    clusters = _merge_short_forms(clusters)
    clusters = _merge_plural_groups(doc, clusters)
    clusters = _merge_appositions(doc, clusters)
    clusters = _merge_known_as(doc, clusters)
    clusters = _capitals(doc, clusters)
    clusters = _norp_to_states(doc, clusters)
    _attributes(doc, clusters)
    entities: list[Entity] = []
    for c in clusters:
        if not c.mentions or (captions and all(_inside(m.start, m.end, captions) for m in c.mentions)):
            continue  # named only in a photo caption
        label = _label(c)
        name = _canonical(c)
        label = _group_type(name, label)
        words = name.split()
        if label in ("GPE", "LOC") and len(words) > 1 and words[-1] in PLACE_NOUNS:
            name = " ".join(words[:-1])  # 'Bahri district' is Bahri; the full form stays an alias
        elif label in ("ORG", "GROUP"):
            name = _without_tail(name)  # 'Reuters news agency' is Reuters
        if any(m.via == "dateline" for m in c.mentions):
            if name.isupper() and sum(ch.isalpha() for ch in name) > 3:
                name = _titlecase(name)  # 'MERENSK' opening the text is the city Merensk
            if local.region is not None and not c.affiliation and label == "GPE":
                region = doc[local.region[0] : local.region[1]].text
                c.affiliation = COUNTRY_OF_NAME.get(region.lower(), region)  # 'ARDEN, Lormark': Lormark's
        aliases = [
            f
            for f in dict.fromkeys(
                m.text for m in c.mentions if not (m.label == "NORP" and c.label != "NORP")
            )
            if f != name
        ]
        gender = c.gender_votes.most_common(1)[0][0] if c.gender_votes else None
        spans = sorted({(m.start, m.end) for m in c.mentions})
        entities.append(
            Entity(
                id=hash_id(ctx.article.id, name, label, prefix="e_"),
                name=name,
                type=label,  # type: ignore[arg-type]
                aliases=aliases,
                mentions=spans,
                descriptors=c.descriptors,
                affiliation=c.affiliation or (c.country if c.label != "GPE" else None),
                gender=gender,  # type: ignore[arg-type]
                reason="entities: " + "; ".join(dict.fromkeys(c.reasons)),
            )
        )
    entities.sort(key=lambda e: e.mentions[0])
    return EntityTable(entities)


__all__ = ["Entity", "configure", "extract", "noise_spans", "title_person_spans"]
