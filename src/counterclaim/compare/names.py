"""Name keys for matching across articles: transliteration folding, titles, roles, demonyms.

All rules come from lexicons (``compare_translit``, ``compare_titles``, ``compare_demonyms``);
nothing here knows any particular conflict's names.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import lexicons

_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PREFIXED = re.compile(r"^[a-z]{1,3}-[A-Z]")  # al-Assad, el-Sisi, bin-Salman


@functools.cache
def _translit() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), r) for p, r in lexicons.entries("compare_translit")]


@functools.cache
def _honorifics() -> frozenset[str]:
    return frozenset(lexicons.entries("compare_titles")["honorifics"])


@functools.cache
def _particles() -> frozenset[str]:
    return frozenset(lexicons.entries("compare_titles")["particles"])


@functools.cache
def _org_filler() -> frozenset[str]:
    return frozenset(lexicons.entries("compare_titles")["org_filler"])


@functools.cache
def _roles() -> dict[str, list[tuple[str, ...]]]:
    """Role phrases as token tuples by first word, longest first ('foreign minister' before 'foreign')."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for r in sorted(
        {tuple(r.split()) for r in lexicons.entries("compare_titles")["roles"]}, key=len, reverse=True
    ):
        out.setdefault(r[0], []).append(r)
    return out


@functools.cache
def _demonym_rules() -> tuple[list[tuple[re.Pattern[str], str]], dict[str, str]]:
    data = lexicons.entries("compare_demonyms")
    rules = [(re.compile(p), r) for p, r in data["suffix_rules"]]
    irregular = dict(lexicons.nationality_map())
    return rules, irregular


def ascii_fold(text: str) -> str:
    """Lower case without accents: 'Pashinján' -> 'pashinjan'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """One name token folded so common romanisations agree: 'Yuriy' and 'Iouri' -> 'iuri'."""
    s = _POSSESSIVE.sub("", ascii_fold(token)).strip(".")
    for pattern, repl in _translit():
        s = pattern.sub(repl, s)
    return s


def tokens(name: str) -> list[str]:
    """The word tokens of a name, possessives dropped: "Valdoria's Ministry" -> ['Valdoria', 'Ministry']."""
    return list(_tokens(name))


@functools.lru_cache(maxsize=200_000)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_POSSESSIVE.sub("", t).rstrip(".") for t in _WORD.findall(name))


def singular(word: str) -> str:
    """A rough singular for English plurals ('troops' -> 'troop', 'families' -> 'family')."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def known_states(names: Iterable[str]) -> dict[str, str]:
    """Folded name -> name: build once and pass to ``demonym_state``/``org_key`` in loops."""
    return {fold_token(n): n for n in names}


def demonym_state(word: str, known: Iterable[str] | Mapping[str, str] = ()) -> str | None:
    """The state a nationality word names: 'Valdorian' -> 'Valdoria' when 'Valdoria' is known.

    Irregular forms come first; then each suffix rule's candidate is checked against the
    ``known`` state names (compared folded). Without a known match, None.
    """
    rules, irregular = _demonym_rules()
    if word.lower() in irregular:
        return irregular[word.lower()]
    folded_known = known if isinstance(known, Mapping) else known_states(known)
    low = word.lower()
    for pattern, repl in rules:
        if pattern.search(low):
            cand = pattern.sub(repl, low)
            hit = folded_known.get(fold_token(cand))
            if hit:
                return hit
    return None


_LIKELY_DEMONYM = re.compile(r"(?:ian|ean|ese|ic)s?$")


def guess_state(word: str) -> str | None:
    """A state name for a nationality word no known state matches: irregular forms, else the
    first suffix rule for the unambiguous endings (-ian, -ean, -ese, -ic): 'Ostrian' -> 'Ostria'."""
    rules, irregular = _demonym_rules()
    if word.lower() in irregular:
        return irregular[word.lower()]
    if not word[:1].isupper() or not _LIKELY_DEMONYM.search(word):
        return None
    for pattern, repl in rules:
        if pattern.search(word):
            return pattern.sub(repl, word)
    return None


def find_role(words: list[str]) -> tuple[str | None, int, int]:
    """The first role phrase in ``words`` (lower-cased match) as (role, start, end), else (None, 0, 0)."""
    low = [w.lower() for w in words]
    roles = _roles()
    for i, w in enumerate(low):
        for role in roles.get(w, ()):
            if tuple(low[i : i + len(role)]) == role:
                return " ".join(role), i, i + len(role)
    return None, 0, 0


def normalise_role(role: str) -> str:
    """One spelling per office: 'defense minister' and 'minister of defence' -> 'defence minister'."""
    r = role.lower().replace("defense", "defence")
    m = re.fullmatch(r"minister of (?:the )?(\w+)(?: affairs)?", r)
    if m:
        r = f"{m.group(1)} minister"
    return r


@dataclass(slots=True)
class PersonName:
    """A person's name split into given names and surname, with what preceded it."""

    given: list[str]  # folded given names (or initials)
    surname: str | None  # folded surname; None for a role-only mention
    display: str  # the name without titles, as written
    role: str | None = None  # 'prime minister' from 'Valdorian Prime Minister X'
    nationality: str | None = None  # 'Valdorian' from the same
    single: bool = False  # one bare token: a surname or a given name alone


@functools.lru_cache(maxsize=200_000)
def parse_person(name: str) -> PersonName:
    """Split a person mention: 'Valdorian Prime Minister Aram Hovsepyan' -> role, nationality, name.

    A mention with no proper-name tokens left ('the Valdorian prime minister') has surname None.
    Cached: the result is shared, so treat it as read-only.
    """
    words = tokens(name)
    role, rs, re_ = find_role(words)
    nationality = None
    # a capitalised word before the role that is not a title is a nationality or a state
    if role is not None:
        before = [w for w in words[:rs] if w.lower() not in ("the", "a", "an") and w[:1].isupper()]
        if before:
            nationality = before[-1]
        rest = words[re_:]
    else:
        rest = words
    honor = _honorifics()
    particles = _particles()
    proper: list[str] = []
    for k, w in enumerate(rest):
        low = w.lower()
        if (w[:1].isupper() or _PREFIXED.match(w)) and low not in honor and low != "the":
            proper.append(w)
        elif proper and low in particles and any(x[:1].isupper() for x in rest[k + 1 :]):
            proper.append(w)  # 'de' in 'Jan de Vries' belongs to the surname
    if not proper:
        return PersonName(given=[], surname=None, display="", role=role, nationality=nationality)
    display = " ".join(proper)
    # the surname is the last word with any particles just before it
    cut = len(proper) - 1
    while cut > 0 and proper[cut - 1].lower() in particles:
        cut -= 1
    surname = "".join(fold_token(w) for w in proper[cut:])
    given = [fold_token(w) for w in proper[:cut]]
    return PersonName(
        given=given, surname=surname, display=display, role=role, nationality=nationality, single=not given
    )


def org_key(name: str, states: Iterable[str] | Mapping[str, str] = ()) -> str:
    """Order-free key for an organisation or place: "Valdoria's Ministry of Defence" and
    'Valdorian Defence Ministry' -> 'defense ministri valdoria' (folded, demonyms to states)."""
    known = states if isinstance(states, Mapping) else known_states(states)
    out: set[str] = set()
    for w in tokens(name):
        low = w.lower()
        if low in _org_filler():
            continue
        state = demonym_state(w, known) if w[:1].isupper() else None
        out.add(fold_token(state) if state else fold_token(w))
    return " ".join(sorted(out))


def acronym(name: str) -> str:
    """Initials of the capitalised significant words: 'Relief Coordination Office' -> 'RCO'."""
    return "".join(w[0] for w in tokens(name) if w[:1].isupper() and w.lower() not in ("the", "of", "and"))


def is_acronym(name: str) -> bool:
    """True for short all-capital names such as 'UN' or 'RCO'."""
    s = name.replace(".", "").strip()
    return 2 <= len(s) <= 7 and s.isalpha() and s.isupper()
