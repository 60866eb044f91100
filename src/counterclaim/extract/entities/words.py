"""What the entity rules know: the word lists of lexicons ``titles`` and ``entity_cues``, the
state maps of lexicon ``countries`` (with what one article teaches overlaid: ``_Overlay``), the
patterns that find known names in a text, and the form names are compared by (``_norm_key``)."""

from __future__ import annotations

import functools
import re
import threading

from ... import lexicons

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


_ORGS: dict[str, list[str]] = _NOISE["organisations"]
_ORG_FORMS = [f for name, alts in _ORGS.items() for f in [name, *(alts or [])]]
_TERRITORY_SUFFIXES = frozenset(_NOISE.get("territory_suffixes", []))
_ORG_OF_FORM = {f.lower(): name for name, alts in _ORGS.items() for f in [name, *(alts or [])]}
_ORG_RE = _whole_words_re(_ORG_FORMS)


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


_POSSESSIVE_S = re.compile(r"['’]s\b")
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORDS = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=4096)
def _norm_key(s: str) -> str:
    s = _POSSESSIVE_S.sub("", s.lower())
    s = _LEADING_THE.sub("", s)
    return _NON_WORDS.sub(" ", s).strip()
