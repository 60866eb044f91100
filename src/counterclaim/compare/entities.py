"""Entities across articles: every article's entities folded into canonical entities.

Rules, in order (each one named in the canonical entity's ``reason``):

- people with a given name and a surname merge when their folded surnames agree (transliteration
  rules, then a fuzzy ratio) and their given names are compatible (same fold, an initial, or a
  close fuzzy match). 'Lena Varga' and 'Milan Varga' never merge.
- a surname alone joins the one full-name person it can mean: in its own article first, then
  with the same affiliation, then across the store; when two people share it, it stays apart.
- a given name alone ('Sergey') joins the full-name person with that given name in its article.
- a role alone ('the Valdorian prime minister') joins the one person holding that role for that
  state (roles from titles in names, and descriptors).
- organisations and places merge on an order-free key with nationality words turned into states
  ("Valdoria's Ministry of Defence" = 'Valdorian Defence Ministry'); an acronym joins the one
  organisation whose initials it spells; a bare 'Defence Ministry' joins the one qualified
  ministry of its article.

Blocking keeps this linear: people are compared only within a block (surname's first three
letters, given name's initial) and there only when their surnames share a deletion key;
name keys are worked out once per distinct string.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .. import lexicons
from ..records import Analysis, CanonicalEntity, Entity, EntityRef, Party, hash_id
from .names import (
    PersonName,
    acronym,
    ascii_fold,
    demonym_state,
    fold_token,
    guess_state,
    is_acronym,
    known_states,
    normalise_role,
    org_key,
    parse_person,
    singular,
    tokens,
)
from .sides import Sides, name_key
from .unionfind import UnionFind

_AMBIGUOUS = "\0ambiguous"  # a look-up key more than one canonical entity claims
SURNAME_RATIO = 90.0  # fuzzy floor for two folded surnames to count as one
GIVEN_RATIO = 85.0


@dataclass(slots=True)
class _Member:
    article_id: str
    entity: Entity
    quotes: int = 0
    person: PersonName | None = None  # the fullest parse among name and aliases
    roles: set[str] = field(default_factory=set)
    state: str | None = None  # affiliation, given or derived
    org: str | None = None  # an affiliation that is no state ('Defence Ministry'): resolved through it
    group: str = "OTHER"  # PERSON, NORP or OTHER: who may merge with whom


def _group(e: Entity) -> str:
    if e.type == "PERSON":
        return "PERSON"
    if e.type == "NORP":
        return "NORP"
    return "OTHER"


def _best_parse(e: Entity) -> PersonName:
    parses = [parse_person(n) for n in [e.name, *e.aliases]]
    full = [p for p in parses if p.surname and not p.single]
    if full:
        return max(full, key=lambda p: len(p.given))
    single = [p for p in parses if p.surname]
    return single[0] if single else parses[0]


def _given_ok(a: list[str], b: list[str]) -> bool:
    """Given names agree: same fold, one an initial of the other, or a close fuzzy match."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    # romanisations of one name differ most in their vowels: Hikmat / Hikmet, Rustam / Rustem
    if len(x) >= 4 and _consonants(x) == _consonants(y):
        return True
    return fuzz.ratio(x, y) >= GIVEN_RATIO


def _consonants(name: str) -> str:
    """The first letter and the consonants after it: the shape vowel variants share."""
    return name[0] + re.sub(r"[aeiouy]", "", name[1:])


def _surname_ok(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SURNAME_RATIO)


class EntityIndex:
    """Canonical entities with look-ups from any article's entity or party."""

    def __init__(
        self,
        entities: list[CanonicalEntity],
        member_of: dict[tuple[str, str], str],
        by_key: dict[str, str],
        sides: Sides,
        states: dict[str, str] | None = None,
    ) -> None:
        self.entities = entities
        self.sides = sides
        self.states = states if states is not None else known_states(sides.names())  # folded -> name
        self._by_id = {e.id: e for e in entities}
        self._member_of = member_of
        self._by_key = by_key

    def __iter__(self) -> Iterator[CanonicalEntity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, canonical_id: str) -> CanonicalEntity | None:
        """The canonical entity with this id."""
        return self._by_id.get(canonical_id)

    def of(self, article_id: str, entity_id: str | None) -> CanonicalEntity | None:
        """The canonical entity an article's entity belongs to."""
        if entity_id is None:
            return None
        cid = self._member_of.get((article_id, entity_id))
        return self._by_id.get(cid) if cid else None

    def by_name(self, name: str) -> CanonicalEntity | None:
        """The canonical entity a name means, when only one can: a known surface form (folded), an
        organisation's order-free key, a person's surname, or 'the <nationality> <role>'."""
        cid = self._by_key.get(name_key(name)) or self._by_key.get("org:" + org_key(name, self.states))
        if cid is None:
            p = parse_person(name)
            if p.surname and p.single:
                cid = self._by_key.get("surname:" + p.surname)
            elif p.surname is None and p.role and p.nationality:
                state = _state_of(p.nationality, self.states)
                cid = self._by_key.get(f"role:{normalise_role(p.role)}|{state}") if state else None
        return self._by_id.get(cid) if cid else None

    def party(self, article_id: str, party: Party) -> CanonicalEntity | None:
        """The canonical entity a quote speaker, claimant or actor stands for."""
        return self.of(article_id, party.entity_id) or (
            self.by_name(party.name) if party.kind == "source" else None
        )

    def party_name(self, article_id: str, party: Party) -> str:
        """A party's canonical name ('outlet' parties keep the outlet's name)."""
        ce = self.party(article_id, party)
        return ce.name if ce else party.name

    def side(self, article_id: str, party: Party) -> str | None:
        """The side a party belongs to, through its canonical entity or its own name."""
        ce = self.party(article_id, party)
        if ce is not None:
            return ce.side
        if party.kind != "source":
            return None
        return self.sides.side_of(party.name)

    def find(self, query: str, *, limit: int = 20) -> list[CanonicalEntity]:
        """Entities whose name or an alias matches ``query`` (folded; fuzzy for near spellings)."""
        q = " ".join(fold_token(t) for t in tokens(query))
        scored = []
        for e in self.entities:
            best = max(_match(q, " ".join(fold_token(t) for t in tokens(a))) for a in [e.name, *e.aliases])
            if best >= 85:
                scored.append((-best, -len(e.articles), e.name, e))
        return [s[-1] for s in sorted(scored, key=lambda s: s[:3])[:limit]]


def _match(query: str, form: str) -> float:
    """How well a query names a form: it may be part of a longer form, never the reverse
    ('Varga' finds 'Lena Varga', but 'Milan Varga' does not match the alias 'Varga')."""
    return fuzz.partial_ratio(query, form) if len(form) >= len(query) else fuzz.ratio(query, form)


_GC_LOCK = threading.Lock()
_GC_STATE = {"depth": 0, "was_enabled": False}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold CPython's cyclic garbage collector while a resolution builds its tables.

    A resolution makes a few hundred thousand long-lived, cycle-free objects (members, keys,
    canonical entities); each time enough of them pile up the collector walks the whole heap,
    the stored analyses included, so its cost grows with the store on top of the work itself
    (at 10,000 articles three full collections took as long as the resolution). Reference
    counting still frees everything; nested or concurrent resolutions share one pause, and a
    collector that was already off stays off."""
    with _GC_LOCK:
        if _GC_STATE["depth"] == 0:
            _GC_STATE["was_enabled"] = gc.isenabled()
            gc.disable()
        _GC_STATE["depth"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["depth"] -= 1
            if _GC_STATE["depth"] == 0 and _GC_STATE["was_enabled"]:
                gc.enable()


def resolve_entities(analyses: Iterable[Analysis], *, sides: Sides | None = None) -> EntityIndex:
    """Fold every article's entities into canonical entities (see the module doc for the rules)."""
    with _gc_paused():
        return _resolve(analyses, sides)


def _resolve(analyses: Iterable[Analysis], sides: Sides | None) -> EntityIndex:
    members: list[_Member] = []
    for a in analyses:
        quotes = Counter(q.speaker.entity_id for q in a.quotes if q.speaker.entity_id)
        for e in a.entities:
            members.append(_Member(a.article.id, e, quotes.get(e.id, 0)))
    states = _states(members, sides)
    st_map = known_states(states)
    keys = _Keys(st_map)
    for m in members:
        _describe(m, states, keys)
    uf = UnionFind(len(members))
    why: dict[int, set[str]] = defaultdict(set)
    people = [i for i, m in enumerate(members) if m.group == "PERSON"]
    _merge_people(members, people, uf, why)
    others = [i for i, m in enumerate(members) if m.group == "OTHER"]
    _merge_others(members, others, uf, why, keys)
    norps = [i for i, m in enumerate(members) if m.group == "NORP"]
    _merge_keys(members, norps, uf, why, lambda m: [singular(ascii_fold(m.entity.name))], "same nationality")
    if sides is None:
        groups = (m.entity.name for m in members if m.entity.type == "GROUP" and not m.entity.affiliation)
        sides = Sides.default((s for s in states if s), groups)
    return _build(members, uf, why, sides, keys)


def _states(members: list[_Member], sides: Sides | None) -> set[str]:
    """State names: configured sides, and the GPEs that affiliations or nationality words point to."""
    out: set[str] = set(sides.names()) if sides else set()
    people = {  # surnames of full person names
        p.surname
        for m in members
        if m.entity.type == "PERSON" and (p := parse_person(m.entity.name)).surname and not p.single
    }
    # a 'GPE' that is also a person's surname ('Aliyev' mis-typed) is no state
    gpes = known_states(
        {m.entity.name for m in members if m.entity.type == "GPE" and fold_token(m.entity.name) not in people}
    )
    others = {name_key(m.entity.name) for m in members if m.entity.type not in ("GPE", "NORP")}
    others |= people
    gpe_keys = _Keys(gpes)
    for m in members:
        aff = m.entity.affiliation
        if aff:
            one = len(tokens(aff)) == 1
            st = gpes.get(fold_token(aff)) or (gpe_keys.demonym(aff) if one else None)
            if st is None and one:
                st = guess_state(aff)  # 'Ostrian' with no 'Ostria' in the store
            if st is None and name_key(aff) not in others:
                st = aff  # a party named as an affiliation ('Ostria') that is no organisation we know
            if st:
                out.add(st)
        for n in [m.entity.name, *m.entity.aliases]:
            for w in tokens(n):
                if w[:1].isupper() and w.lower().endswith(("n", "i", "ese", "ish", "ns")):
                    st = gpe_keys.demonym(w)
                    if st and st != w:
                        out.add(st)
    return {s for s in out if s}


def _state_of(value: str | None, st_map: dict[str, str]) -> str | None:
    """A state for an affiliation as written: the state itself or its nationality word."""
    if not value:
        return None
    hit = st_map.get(" ".join(fold_token(t) for t in tokens(value)))
    if hit is None and len(tokens(value)) == 1:
        hit = demonym_state(value, st_map)
    return hit


class _Keys:
    """The name look-ups of one resolution against its fixed map of states, each worked out once
    per distinct string (the same names recur in thousands of articles)."""

    def __init__(self, st_map: dict[str, str]) -> None:
        self.st_map = st_map
        self._demonym: dict[str, str | None] = {}
        self._state: dict[str | None, str | None] = {}
        self._org: dict[str, str] = {}
        self._org_words: dict[str, frozenset[str]] = {}

    def demonym(self, word: str) -> str | None:
        """``demonym_state(word, st_map)``."""
        try:
            return self._demonym[word]
        except KeyError:
            hit = self._demonym[word] = demonym_state(word, self.st_map)
            return hit

    def state_of(self, value: str | None) -> str | None:
        """``_state_of(value, st_map)``."""
        try:
            return self._state[value]
        except KeyError:
            hit = self._state[value] = _state_of(value, self.st_map)
            return hit

    def org(self, name: str) -> str:
        """``org_key(name, st_map)``."""
        try:
            return self._org[name]
        except KeyError:
            k = self._org[name] = org_key(name, self.st_map)
            return k

    def org_words(self, name: str) -> frozenset[str]:
        """The words of ``org(name)``."""
        try:
            return self._org_words[name]
        except KeyError:
            w = self._org_words[name] = frozenset(self.org(name).split())
            return w


def _state_word(e: Entity, keys: _Keys) -> bool:
    """A person-typed entity whose name, without titles or a role, holds a state or nationality word."""
    p = parse_person(e.name)
    if p.role or p.surname is None:
        return False
    words = p.display.split()
    return any(keys.state_of(w) for w in words)


def _describe(m: _Member, states: set[str], keys: _Keys) -> None:
    e = m.entity
    m.group = _group(e)
    m.state = keys.state_of(e.affiliation)
    if e.affiliation and m.state is None:
        m.org = e.affiliation
    if e.type == "PERSON" and _state_word(e, keys):
        # 'Twenty Kestrian' or 'Kestria' typed as a person is a state's voice, not a person
        m.group = "OTHER"
    elif e.type == "PERSON":
        m.person = _best_parse(e)
        for n in [e.name, *e.aliases]:
            p = parse_person(n)
            if p.role:
                m.roles.add(normalise_role(p.role))
            if p.nationality and not m.state:
                m.state = keys.demonym(p.nationality) or (p.nationality if p.nationality in states else None)
        for d in e.descriptors:
            p = parse_person(d)
            if p.role:
                m.roles.add(normalise_role(p.role))
    elif not m.state:
        for w in tokens(e.name):
            st = w if w in states else keys.demonym(w) if w[:1].isupper() else None
            if st and (e.type != "GPE" or st != e.name):
                m.state = st
                break


def _merge_people(members: list[_Member], idx: list[int], uf: UnionFind, why: dict[int, set[str]]) -> None:
    full = [
        i for i in idx if members[i].person and members[i].person.surname and not members[i].person.single
    ]
    # block full names by the first three letters of the folded surname and the first letter of
    # the folded given name (variants agree on both once folded); inside a block, two spellings
    # are compared only when their surnames share a deletion key (see ``_surname_keys``)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in full:
        p = members[i].person
        blocks[(p.surname[:3], p.given[0][:1])].append(i)  # type: ignore[union-attr,index]
    for block in blocks.values():
        # one representative per distinct (surname, given) spelling keeps blocks small
        reps: dict[tuple[str, str], int] = {}
        for i in block:
            p = members[i].person
            key = (p.surname or "", p.given[0] if p.given else "")  # type: ignore[union-attr]
            if key in reps:
                uf.union(reps[key], i)
                why[i].add("same name after transliteration folding")
            else:
                reps[key] = i
        keys = list(reps)
        for x, y in _similar_surname_pairs([k[0] for k in keys]):
            a, b = members[reps[keys[x]]].person, members[reps[keys[y]]].person
            if _surname_ok(a.surname, b.surname) and _given_ok(a.given, b.given):  # type: ignore[union-attr,arg-type]
                uf.union(reps[keys[x]], reps[keys[y]])
                why[reps[keys[y]]].add("surname and given name match (fuzzy)")
    clusters = _person_clusters(members, full, uf)
    # indexes so a partial mention meets only the clusters it could mean: surnames by deletion key
    # (every surname of a cluster shares its block's first three letters), articles, roles
    by_key: dict[str, list[dict]] = defaultdict(list)
    by_article: dict[str, list[dict]] = defaultdict(list)
    by_role: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in clusters:
        for k in {k for s in c["surnames"] for k in _surname_keys(s)}:
            by_key[k].append(c)
        for aid in c["articles"]:
            by_article[aid].append(c)
        for role in c["roles"]:
            for st in c["states"]:
                by_role[(role, st)].append(c)
    surname_hits: dict[str, list[dict]] = {}

    def by_surname(surname: str) -> list[dict]:
        hit = surname_hits.get(surname)
        if hit is None:
            seen: dict[int, dict] = {}
            for k in _surname_keys(surname):
                for c in by_key.get(k, ()):
                    seen.setdefault(id(c), c)
            hit = [
                c
                for c in sorted(seen.values(), key=lambda c: c["order"])
                if any(_surname_ok(surname, s) for s in c["surnames"])
            ]
            surname_hits[surname] = hit
        return hit

    # a bare surname, a bare given name, or a bare role joins the one person it can mean
    for i in idx:
        m = members[i]
        p = m.person
        if p is None or (p.surname and not p.single):
            continue
        if p.surname:
            cands = by_surname(p.surname)
            rule = "surname alone"
            if not cands:
                cands = [c for c in by_article.get(m.article_id, []) if p.surname in c["given"]]
                rule = "given name alone, in the same article"
        else:
            role = next(iter(m.roles), None)
            cands = by_role.get((role, m.state), []) if role and m.state else []
            rule = "role and state"
        pick = _pick(cands, m)
        if pick is not None:
            uf.union(pick["rep"], i)
            why[i].add(rule)
    _merge_keys(
        members,
        [
            i
            for i in idx
            if members[i].person
            and members[i].person.single
            and not why.get(i)
            and not by_surname(members[i].person.surname)  # type: ignore[union-attr,arg-type]
        ],
        uf,
        why,
        lambda m: [f"{m.person.surname}|{m.state or ''}"],
        "same single name",  # type: ignore[union-attr]
    )
    _merge_keys(
        members,
        [i for i in idx if members[i].person and not members[i].person.surname and members[i].state],
        uf,
        why,
        lambda m: [f"{r}|{m.state}" for r in sorted(m.roles)],
        "same role and state",
    )


def _person_clusters(members: list[_Member], full: list[int], uf: UnionFind) -> list[dict]:
    by_root: dict[int, dict] = {}
    for i in full:
        r = uf.find(i)
        m = members[i]
        c = by_root.get(r)
        if c is None:
            c = by_root[r] = {
                "rep": i,
                "order": len(by_root),
                "surnames": set(),
                "given": set(),
                "roles": set(),
                "states": set(),
                "articles": set(),
            }
        c["surnames"].add(m.person.surname)  # type: ignore[union-attr]
        c["given"].update(m.person.given)  # type: ignore[union-attr]
        c["roles"] |= m.roles
        if m.state:
            c["states"].add(m.state)
        c["articles"].add(m.article_id)
    return list(by_root.values())


@functools.lru_cache(maxsize=100_000)
def _surname_keys(surname: str) -> tuple[str, ...]:
    """Deletion keys of a folded surname: its first three letters, then the rest with up to
    ``_max_deletions`` letters left out. Two surnames that ``_surname_ok`` accepts and that start
    alike share a key (the longest common subsequence keeps a common prefix, and reaching it
    takes each side no more deletions than that), so comparing only key-sharing surnames finds
    every pair an exhaustive comparison within the block would."""
    head, rest = surname[:3], surname[3:]
    out = {rest}
    frontier = {rest}
    for _ in range(_max_deletions(len(surname))):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return tuple(sorted(head + "|" + w for w in out))


def _max_deletions(n: int) -> int:
    """Letters a surname of length ``n`` may lose on the way to a common subsequence with one
    ``_surname_ok`` accepts: with ``d`` deletions from it and ``e`` from the other, the Indel
    distance ``d + e`` is at most (100 - SURNAME_RATIO)% of both lengths, ``2n - d + e``; so ``d``
    is at most 2 * share * n / (1 + share). Short surnames must be equal."""
    share = (100.0 - SURNAME_RATIO) / 100.0
    return int(2 * share * n / (1 + share) + 1e-9) if n >= 5 else 0


def _similar_surname_pairs(surnames: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``(x, y)``, ``x < y``, of surnames sharing a deletion key, in the order an
    exhaustive double loop would visit them."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(surnames):
        for k in _surname_keys(s):
            by_key[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in by_key.values():
        if len(ids) > 1:
            pairs.update((x, y) for n, x in enumerate(ids) for y in ids[n + 1 :])
    return sorted(pairs)


def _pick(cands: list[dict], m: _Member) -> dict | None:
    """The one candidate a partial mention can mean: same article, then same state, then alone."""
    if len(cands) <= 1:
        return cands[0] if cands else None
    for narrow in (
        lambda c: m.article_id in c["articles"],
        lambda c: bool(m.state) and m.state in c["states"],
        lambda c: bool(m.roles & c["roles"]),
    ):
        hit = [c for c in cands if narrow(c)]
        if len(hit) == 1:
            return hit[0]
    return None


def _merge_keys(
    members: list[_Member],
    idx: list[int],
    uf: UnionFind,
    why: dict[int, set[str]],
    keys: Callable[[_Member], list[str]],
    rule: str,
) -> None:
    """Union the members that share any key."""
    seen: dict[str, int] = {}
    for i in idx:
        for k in keys(members[i]):
            if k in seen:
                if uf.union(seen[k], i):
                    why[i].add(rule)
            else:
                seen[k] = i


def _merge_others(
    members: list[_Member], idx: list[int], uf: UnionFind, why: dict[int, set[str]], names: _Keys
) -> None:
    state_keys = set(names.st_map)  # folded state names
    office = _office_words()

    def keys(m: _Member) -> list[str]:
        out = set()
        for n in [m.entity.name, *m.entity.aliases]:
            if _generic(n):
                continue
            k = names.org(n)
            words = names.org_words(n)
            # an organisation known to belong to a state is keyed as if the name said so
            if m.state and m.entity.type in ("ORG", "GROUP") and not words & state_keys:
                k = " ".join(sorted([*k.split(), fold_token(m.state)]))
            elif words and words <= office and not words & state_keys:
                k = f"{k}|{m.article_id}"  # 'Defence Ministry' alone: whose, only its article knows
            out.add(k)
        return sorted(out)

    _merge_keys(members, idx, uf, why, keys, "same name (order-free, nationality to state)")
    # an acronym joins the one organisation whose initials it spells
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i in idx:
        n = members[i].entity.name
        if not is_acronym(n) and len(tokens(n)) >= 2:
            by_initials[acronym(n).upper()].add(uf.find(i))
    for i in idx:
        n = members[i].entity.name.replace(".", "")
        if is_acronym(n):
            roots = by_initials.get(n.upper(), set())
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)
                why[i].add("acronym")
    # a bare 'Defence Ministry' joins the one qualified ministry of its own article
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        by_article[members[i].article_id].append(i)
    for group in by_article.values():
        for i in group:
            k = names.org_words(members[i].entity.name)
            if not k or k & state_keys or members[i].entity.type == "GPE":
                continue
            sup = {
                uf.find(j)
                for j in group
                if j != i
                and k < names.org_words(members[j].entity.name)
                and names.org_words(members[j].entity.name) - k <= state_keys
            }
            if len(sup) == 1:
                uf.union(next(iter(sup)), i)
                why[i].add("unqualified name, one qualified match in the article")


@functools.cache
def _office_words() -> frozenset[str]:
    return frozenset(fold_token(w) for w in lexicons.entries("compare_titles")["office_words"])


@functools.lru_cache(maxsize=200_000)
def _generic(name: str) -> bool:
    """'the ministry', 'the office': a common noun phrase, not a name to merge on."""
    return not any(w[:1].isupper() for w in tokens(name) if w.lower() != "the")


def _build(
    members: list[_Member],
    uf: UnionFind,
    why: dict[int, set[str]],
    sides: Sides,
    names: _Keys,
) -> EntityIndex:
    st_map = names.st_map
    out: list[CanonicalEntity] = []
    member_of: dict[tuple[str, str], str] = {}
    # look-up key -> the one canonical id it names, or _AMBIGUOUS when several share it
    key_owner: dict[str, str] = {}

    def vote(k: str, cid: str) -> None:
        if key_owner.setdefault(k, cid) != cid:
            key_owner[k] = _AMBIGUOUS

    orgs: dict[str, list[str]] = {}
    for _root, group in sorted(uf.groups().items()):
        ms = [members[i] for i in group]
        name = _canonical_name(ms)
        types = Counter(m.entity.type for m in ms if m.group == "PERSON" or m.entity.type != "PERSON")
        etype = types.most_common(1)[0][0] if types else "GPE"  # person-typed states are states
        cid = hash_id(ms[0].group, name_key(name), prefix="e_")
        forms = Counter(n for m in ms for n in [m.entity.name, *m.entity.aliases] if not _generic(n))
        aliases = [f for f, _ in forms.most_common() if f != name]
        state_votes = Counter(m.state for m in ms if m.state)
        affiliation = state_votes.most_common(1)[0][0] if state_votes else None
        if affiliation is None and etype != "PERSON" and fold_token(name) in st_map:
            affiliation = st_map[fold_token(name)]  # a state is its own affiliation
        if affiliation is None:
            orgs[cid] = [m.org for m in ms if m.org]
        rules = sorted(set().union(*(why.get(i, ()) for i in group))) if len(group) > 1 else []
        ce = CanonicalEntity(
            id=cid,
            name=name,
            type=etype,
            aliases=aliases,
            articles=sorted({m.article_id for m in ms}),
            members=[EntityRef(m.article_id, m.entity.id, m.entity.name) for m in ms],
            descriptors=sorted({d for m in ms for d in m.entity.descriptors}),
            affiliation=affiliation,
            mentions=sum(len(m.entity.mentions) for m in ms),
            quotes=sum(m.quotes for m in ms),
            reason="; ".join(rules) if rules else "single article entity",
        )
        out.append(ce)
        for m in ms:
            member_of[(m.article_id, m.entity.id)] = cid
        if ms[0].group == "PERSON":
            # a bare surname or 'the <nationality> <role>' in a party name finds this person
            for m in ms:
                if m.person and m.person.surname:
                    vote("surname:" + m.person.surname, cid)
                for role in m.roles:
                    if affiliation:
                        vote(f"role:{role}|{affiliation}", cid)
        for f in [name, *aliases]:
            vote(name_key(f), cid)
            if etype != "PERSON":
                vote("org:" + names.org(f), cid)
    # only unambiguous surface forms resolve a bare name
    by_key = {k: cid for k, cid in key_owner.items() if cid != _AMBIGUOUS}
    by_id = {e.id: e for e in out}
    # a spokeswoman affiliated with 'Defence Ministry' belongs to that ministry's state
    for cid, org_names in orgs.items():
        for n in org_names:
            via = by_key.get(name_key(n)) or by_key.get("org:" + names.org(n))
            if via and via != cid and by_id[via].affiliation:
                by_id[cid].affiliation = by_id[via].affiliation
                break
    for e in out:
        e.side = sides.side_of(e.name, e.affiliation)
    out.sort(key=lambda e: (-len(e.articles), e.name))
    return EntityIndex(out, member_of, by_key, sides, st_map)


def _canonical_name(ms: list[_Member]) -> str:
    """The most used full name (people: a given name and surname, titles stripped)."""
    votes: Counter[str] = Counter()
    for m in ms:
        if m.person is not None:
            p = parse_person(m.entity.name)
            if p.surname and not p.single:
                votes[p.display] += 2
            elif m.person.surname and not m.person.single:
                votes[m.person.display] += 1
        elif not _generic(m.entity.name):
            votes[m.entity.name.removeprefix("the ").removeprefix("The ")] += 1
    if votes:
        return max(votes.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    return ms[0].entity.name
