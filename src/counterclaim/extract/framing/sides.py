"""Sides: which state or armed group a mention, an entity, a quote speaker or a figure claimant
stands for (persons rolled up to their affiliation, places to their state when the article uses
their demonym or has them act), and which side a framing cue favours.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, POS
from spacy.symbols import ADJ, GPE, NORP, PROPN, nsubj
from spacy.tokens import Doc, Token

from ... import lexicons
from ...nlp import doc_text, token_lowers
from ...records import Context, Entity, Party
from .cues import Hit
from .spans import _WH, _clause_head, _kind, _np_head

_SIDE_TYPES = frozenset({"GPE", "NORP", "ORG", "GROUP"})


@functools.cache
def _side_lexicon() -> dict[str, str]:
    # nationality words, capitals and seats from the shared lexicon; group names and acronyms here
    sides = dict(lexicons.nationality_map())
    sides.update({str(k).lower(): str(v) for k, v in lexicons.entries("framing_sides").items()})
    return sides


def _person_names(ctx: Context) -> set[str]:
    """Every name and alias of the article's persons, and each one's last word (the surname)."""
    names: set[str] = set()
    for e in ctx.entities:
        if e.type == "PERSON":
            for n in (e.name, *e.aliases):
                names.add(n)
                names.add(n.split()[-1] if n.split() else n)
    return names


class Sides:
    """Turns mentions into sides (states or armed groups), persons rolled up to their affiliation."""

    def __init__(self, doc: Doc, ctx: Context) -> None:
        self.doc = doc
        self.ctx = ctx
        self.lex = _side_lexicon()
        # place names (the tagger may call an unfamiliar country a person) and their demonyms
        ents = doc.ents  # spaCy builds them anew on each access
        gpes = {e.name for e in ctx.entities if e.type == "GPE"}
        text = doc_text(doc)  # ``ent.text`` is ``text[ent.start_char : ent.end_char]``
        for e in ents:  # the tagger's places, and its one-word persons, organisations and places
            label = e.label_
            if label == "GPE" or (label in ("PERSON", "ORG", "LOC") and len(e) == 1):
                gpes.add(text[e.start_char : e.end_char])
        # ... but never a name the entity table knows as a person ('Konashenkov said')
        persons = _person_names(ctx)
        gpes -= persons
        # one pass over the tokens: nationality-like words, and proper nouns acting as subjects
        adjectives: set[str] = set()
        actors: set[str] = set()
        lowers = token_lowers(doc)
        ent, pos, dep, title = doc.to_array([ENT_TYPE, POS, DEP, IS_TITLE]).T
        for i in ((ent == NORP) | (ent == GPE) | ((pos == ADJ) & (title == 1))).nonzero()[0].tolist():
            adjectives.add(lowers[i])
        for i in ((dep == nsubj) & (pos == PROPN)).nonzero()[0].tolist():
            head = doc[i].head
            if head.pos_ == "VERB" and head.lemma_ != "be":
                actors.add(doc[i].text)
        lex_sides, lex_index = _lexicon_sides()
        known = {e.name for e in ctx.entities if e.type == "GROUP"}
        known |= {e.affiliation for e in ctx.entities if e.affiliation}
        # a place is a side (a state, not a town) when the article also uses its demonym, or has
        # it act or speak as the subject of a verb ('Northland claimed ...')
        by_stem: dict[str, list[str]] = {}
        for a in adjectives:
            by_stem.setdefault(a[:_STEM], []).append(a)
        for g in gpes:
            low = g.lower()
            if any(_demonym_of(a, low) for a in by_stem.get(low[:_STEM], ())):
                known.add(g)
        known |= gpes & actors
        known -= persons
        # the known sides indexed for ``_known_side``: the lexicon's (indexed once per process)
        # with this article's added, unless the article calls one of the lexicon's a person
        if persons.isdisjoint(lex_sides):
            self._exact, self._by_stem = _with_sides(lex_index, known - lex_sides)
        else:
            self._exact, self._by_stem = _side_index(known | (lex_sides - persons))
        self._norm: dict[str, str | None] = {}  # ``normalise`` by key, and by the name as given
        self._named: dict[str, str | None] = {}
        # the side each token stands for, worked out once: entity-table mentions first, then the
        # tagger's entities, then single words of the side lexicon (capitals, irregular demonyms)
        tok_side: dict[int, str] = {}
        for ent in ctx.entities:
            side = self.of_entity(ent)
            if not side:
                continue
            for s, e in ent.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        tok_side.setdefault(i, side)
        counts: Counter[str] = Counter()
        for ent in ents:
            side = tok_side.get(ent.start)
            if side is None and ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
                side = self.normalise(text[ent.start_char : ent.end_char])
                if side:
                    for i in range(ent.start, ent.end):
                        tok_side.setdefault(i, side)
            if side:
                counts[side] += 1
        lex = self.lex
        for i in [i for i, low in enumerate(lowers) if low in lex]:
            if i not in tok_side:
                tok_side[i] = lex[lowers[i]]
        self.tok_side = tok_side
        self.counts = counts
        self.principal = [s for s, n in counts.most_common(2) if n >= 2]

    def normalise(self, name: str) -> str | None:
        """The side a surface form stands for: a state's name, demonym or capital, or a group."""
        if name in self._named:
            return self._named[name]
        key = _FINAL_POSSESSIVE.sub("", name.strip()).lower()
        key = _LEADING_THE.sub("", key)
        if key not in self._norm:
            side = self.lex.get(key)
            if side is None:
                side = self._known_side(key)
            words = key.split()
            if side is None and 1 < len(words) <= 6:
                # 'the Kingdom of Ossaria', 'Azerbaijani authorities': the word that names a side
                side = next((x for x in map(self.normalise, reversed(words)) if x), None)
            self._norm[key] = side
        self._named[name] = self._norm[key]
        return self._norm[key]

    def _known_side(self, key: str) -> str | None:
        """The first known side (in ``known`` order) that ``key`` names or is the demonym of."""
        best = self._exact.get(key)
        for order, g, low in self._by_stem.get(key[:_STEM], ()):
            if best is not None and order > best[0]:
                break
            if _demonym_of(key, low):
                best = (order, g)
                break
        return best[1] if best is not None else None

    def of_entity(self, ent: Entity, *, _depth: int = 0) -> str | None:
        """The side of an entity-table entry: its affiliation, or itself when it is a side. An
        affiliation that is a person ('an adviser to Aliyev') takes that person's side."""
        if ent.affiliation:
            side = self.normalise(ent.affiliation)
            if side:
                return side
            boss = self.ctx.entities.lookup(ent.affiliation) if len(self.ctx.entities) else None
            if boss is not None and boss.type == "PERSON":
                return self.of_entity(boss, _depth=_depth + 1) if boss is not ent and _depth < 3 else None
            return ent.affiliation
        if ent.type == "GROUP":
            return ent.name
        if ent.type in _SIDE_TYPES:
            return self.normalise(ent.name)
        return None

    def of_tokens(self, tokens: Iterable[Token]) -> list[str]:
        """Sides mentioned by these tokens, in order, without repeats."""
        out: list[str] = []
        for t in tokens:
            side = self.tok_side.get(t.i)
            if side and side not in out:
                out.append(side)
        return out

    def of_party(self, party: Party) -> str | None:
        """The side a quote speaker or figure claimant belongs to."""
        if party.kind != "source":
            return None
        if party.entity_id:
            ent = self.ctx.entities.by_id(party.entity_id)
            if ent is not None:
                side = self.of_entity(ent)
                if side:
                    return side
        ent = self.ctx.entities.lookup(party.name) if len(self.ctx.entities) else None
        if ent is not None and self.of_entity(ent):
            return self.of_entity(ent)
        side = self.normalise(party.name)
        if side:
            return side
        for word in re.findall(r"[\w.]+", party.name):
            side = self.normalise(word)
            if side:
                return side
        return None

    def opponent(self, side: str) -> str | None:
        """The other principal side of the article, when it has two and ``side`` is one."""
        if len(self.principal) == 2 and side in self.principal:
            return self.principal[1 - self.principal.index(side)]
        return None


_STEM = 4  # ``_demonym_of`` needs at least this many shared first letters
_FINAL_POSSESSIVE = re.compile(r"['\u2019]s$")
_LEADING_THE = re.compile(r"^the\s+")
_Order = tuple[int, str]  # a known side's place in ``_known_side``'s order: longest first, then a-z
_SideIndex = tuple[dict[str, tuple[_Order, str]], dict[str, list[tuple[_Order, str, str]]]]


def _side_order(side: str) -> _Order:
    return -len(side), side


def _side_index(sides: Iterable[str]) -> _SideIndex:
    """Sides indexed for ``Sides._known_side``: by lower-case form the first of them in order, and
    by first letters (a demonym shares at least the first _STEM letters) all of them in order."""
    exact: dict[str, tuple[_Order, str]] = {}
    by_stem: dict[str, list[tuple[_Order, str, str]]] = {}
    for g in sorted(sides, key=_side_order):
        low = g.lower()
        exact.setdefault(low, (_side_order(g), g))
        by_stem.setdefault(low[:_STEM], []).append((_side_order(g), g, low))
    return exact, by_stem


@functools.cache
def _lexicon_sides() -> tuple[frozenset[str], _SideIndex]:
    """The side lexicon's sides, and their index (shared: never change it)."""
    sides = frozenset(_side_lexicon().values())
    return sides, _side_index(sides)


def _with_sides(index: _SideIndex, extra: Iterable[str]) -> _SideIndex:
    """A copy of ``index`` with the ``extra`` sides (none of them in it) added in order."""
    exact, by_stem = dict(index[0]), dict(index[1])
    for g in extra:
        order, low = _side_order(g), g.lower()
        if low not in exact or order < exact[low][0]:
            exact[low] = (order, g)
        by_stem[low[:_STEM]] = sorted([*by_stem.get(low[:_STEM], ()), (order, g, low)])
    return exact, by_stem


def _demonym_of(word: str, place: str) -> bool:
    """'armenian' ~ 'armenia', 'azerbaijani' ~ 'azerbaijan', 'ukrainian' ~ 'ukraine' (shared stem)."""
    n = 0
    while n < min(len(word), len(place)) and word[n] == place[n]:
        n += 1
    return n >= max(_STEM, len(place) - 2) and 0 < len(word) - n <= 4 and word != place


def _agent_tokens(doc: Doc, hit: Hit) -> list[Token]:
    """Tokens naming who the cue is about: the clause subject, or the noun phrase's modifiers."""
    lo, hi = hit.span
    kind = _kind(doc, hit)
    if kind in ("clause", "rest"):
        head = _clause_head(doc[hit.start : hit.end].root)
        subj = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass")]
        if subj and head.dep_ == "relcl" and any(t.lower_ in _WH for t in subj[0].subtree):
            return [t for t in head.head.subtree if t.i < head.left_edge.i]  # 'X, whose troops ...'
        if subj:
            return list(subj[0].subtree)
        for t in doc[lo:hi]:
            if t.dep_ in ("nsubj", "nsubjpass"):
                return list(t.subtree)
    noun = _np_head(doc[hit.end - 1])
    out = [t for ch in noun.children if ch.dep_ in ("poss", "compound", "amod", "nmod") for t in ch.subtree]
    for ch in noun.children:
        if ch.dep_ == "prep" and ch.lower_ in ("by", "of"):
            out += list(ch.subtree)
    out += [t for t in doc[hit.start : hit.end]]
    return out


def _favours(doc: Doc, hit: Hit, sides: Sides) -> str | None:
    lo, hi = hit.span
    in_span = sides.of_tokens(doc[lo:hi])
    if hit.cue.polarity == "none":
        return in_span[0] if len(in_span) == 1 else None
    agents = sides.of_tokens(_agent_tokens(doc, hit))
    agent = agents[0] if agents else None
    if hit.cue.polarity == "for":
        return agent
    if agent is None:
        return None
    other = sides.opponent(agent)
    if other:
        return other
    rest = [s for s in in_span if s != agent]
    return rest[0] if rest else None
