"""Framing: spans where the article takes a side, and the per-article slant summary.

Every sentence part is either the outlet's own voice or attributed speech (inside quotation
marks, a quote record, the complement of a reporting verb, a clause with a parenthetical 'the
governor said', or the clause an "according to" phrase covers). Cue lexicons
(``framing_labels``, ``framing_loaded``, ``framing_assertions``, ``framing_euphemisms``) find
labels, loaded words, euphemisms and contested assertions; the parse widens each cue to the
noun phrase or clause that carries the whole assertion; negated cues, cues inside a denial and
cues that only name a charge someone investigates or lists ('an inquiry into war crimes') are
dropped; cues in one phrase, or a few linked words apart, are merged into one record.
``slant`` then sums, per side, the claims the article reports, the cue verbs it uses for them
and the framing that favours or disfavours it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, POS
from spacy.symbols import ADJ, GPE, NORP, PROPN, nsubj
from spacy.tokens import Doc, Token

from .. import lexicons
from ..errors import PipelineError
from ..nlp import doc_text, sent_bounds, token_lemma_lowers, token_lowers
from ..records import Context, Entity, Framing, Party, SideSlant, Slant
from .grammar import name_head, voice_cue
from .voice import VoiceMap

CUE_LEXICONS = ("framing_labels", "framing_loaded", "framing_assertions", "framing_euphemisms")
# merged records keep the most specific technique
_PRIORITY = [
    "unattributed_assertion",
    "name_calling",
    "doubt",
    "loaded_language",
    "exaggeration",
    "appeal_to_fear",
    "flag_waving",
    "other",
]
_TECHNIQUES = frozenset(_PRIORITY)
_SPAN_KINDS = frozenset({"np", "clause", "rest", "phrase"})
_DENIAL = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disprove", "debunk"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "pobj", "prep"})
# subtrees cut out of a widened span unless they hold the cue itself
_CLAUSE_CUT = frozenset({"advcl", "conj", "cc", "parataxis", "relcl", "appos", "ccomp", "mark", "preconj"})
_NP_CUT = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis", "ccomp"})
_BOUNDARIES = frozenset({"\u2014", "\u2013", ";", "--"})
_WH = frozenset({"which", "who", "whom", "whose"})
_PUNCT_GAP = re.compile(r"^[\s,;:\-\u2013\u2014\"'\u201c\u201d\u2018\u2019]*$")
_SIDE_TYPES = frozenset({"GPE", "NORP", "ORG", "GROUP"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry, compiled: per-word alternatives plus the constraints on its context."""

    words: tuple[frozenset[str], ...]
    technique: str
    polarity: str = "none"  # against: disfavours the side it is about; for: favours it
    span: str | None = None
    head_in: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    needs_modifier: bool = False
    pos: frozenset[str] | None = None
    object_in: frozenset[str] | None = None
    keep_negated: bool = False
    needs_agent: bool = False
    subject_not_in: frozenset[str] = frozenset()
    lexicon: str = ""
    text: str = ""


def compile_entries(entries: Iterable[dict[str, Any]], lexicon: str) -> list[Cue]:
    """Compile lexicon entries (see the header of ``framing_labels.yaml``) into cues."""
    cues: list[Cue] = []
    for e in entries:
        if not isinstance(e, dict) or "match" not in e:
            raise PipelineError(f"framing entry without 'match': {e!r}", source=lexicon)
        technique = e.get("technique", "loaded_language")
        if technique not in _TECHNIQUES:
            raise PipelineError(f"unknown technique {technique!r}", source=lexicon)
        span = e.get("span")
        if span is not None and span not in _SPAN_KINDS:
            raise PipelineError(f"unknown span kind {span!r}", source=lexicon)
        words = tuple(frozenset(a.lower() for a in w.split("|")) for w in str(e["match"]).split())

        def _set(key: str, e: dict[str, Any] = e) -> frozenset[str]:
            return frozenset(str(x).lower() for x in e.get(key) or [])

        cues.append(
            Cue(
                words=words,
                technique=technique,
                polarity=e.get("polarity", "none"),
                span=span,
                head_in=_set("head_in") or None,
                not_after=_set("not_after"),
                not_before=_set("not_before"),
                needs_modifier=bool(e.get("needs_modifier", False)),
                pos=frozenset(str(p).upper() for p in e["pos"]) if e.get("pos") else None,
                object_in=_set("object_in") or None,
                keep_negated=bool(e.get("keep_negated", False)),
                needs_agent=bool(e.get("needs_agent", False)),
                subject_not_in=_set("subject_not_in"),
                lexicon=lexicon,
                text=str(e["match"]),
            )
        )
    return cues


@functools.cache
def builtin_cues() -> tuple[Cue, ...]:
    """The cues of the shipped framing lexicons (cached)."""
    out: list[Cue] = []
    for name in CUE_LEXICONS:
        out += compile_entries(lexicons.entries(name), name)
    return tuple(out)


def load_extra(path: Path) -> list[Cue]:
    """Cues from a user lexicon file with the same header and entry format as the shipped ones."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PipelineError(f"cannot read framing lexicon: {exc}", source=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise PipelineError("a framing lexicon needs a list under 'entries'", source=str(path))
    return compile_entries(data["entries"], str(data.get("name") or Path(path).stem))


@functools.cache
def _side_lexicon() -> dict[str, str]:
    # nationality words, capitals and seats from the shared lexicon; group names and acronyms here
    sides = dict(lexicons.nationality_map())
    sides.update({str(k).lower(): str(v) for k, v in lexicons.entries("framing_sides").items()})
    return sides


# --- sides -----------------------------------------------------------------------------------


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


# --- cue matching and widening -----------------------------------------------------------------


@dataclass(slots=True)
class Hit:
    """One cue found in the doc, widened to its span."""

    cue: Cue
    start: int  # token indices of the matched words
    end: int
    span: tuple[int, int] = (0, 0)  # token range of the widened span
    voice: str = "outlet"
    favours: str | None = None
    reasons: list[str] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)


def _named(tok: Token, words: frozenset[str]) -> bool:
    """The token's lower-case form or lemma is one of ``words``."""
    return tok.lower_ in words or tok.lemma_.lower() in words


def cue_index(cues: Sequence[Cue]) -> dict[str, list[Cue]]:
    """The cues by each word they may start with, in ``cues`` order."""
    by_first: dict[str, list[Cue]] = {}
    for c in cues:
        for w in c.words[0]:
            by_first.setdefault(w, []).append(c)
    return by_first


@functools.cache
def _builtin_index() -> dict[str, list[Cue]]:
    return cue_index(builtin_cues())


def match_cues(doc: Doc, cues: Sequence[Cue], *, index: dict[str, list[Cue]] | None = None) -> list[Hit]:
    """Every place a cue's words occur (lowercase or lemma), its context constraints met.
    ``index``: ``cue_index(cues)`` when the caller keeps one."""
    by_first = cue_index(cues) if index is None else index
    hits: list[Hit] = []
    lowers = token_lowers(doc)
    lemmas = token_lemma_lowers(doc)
    size = len(doc)
    for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
        if low not in by_first and lem not in by_first:
            continue  # no cue starts with this word
        if lem == low or lem not in by_first:
            cands: Iterable[Cue] = by_first[low]
        elif low not in by_first:
            cands = by_first[lem]
        else:
            cands = {id(c): c for k in sorted({low, lem}) for c in by_first[k]}.values()
        for c in cands:
            words = c.words
            n = len(words)
            if i + n > size:
                continue
            j = 1  # the first word matches: the index says so
            while j < n and (lowers[i + j] in words[j] or lemmas[i + j] in words[j]):
                j += 1
            if j < n:
                continue
            if _constraints_ok(doc, c, i, i + n):
                hits.append(Hit(cue=c, start=i, end=i + n))
    return hits


def _constraints_ok(doc: Doc, c: Cue, start: int, end: int) -> bool:
    last = doc[end - 1]
    if c.pos and last.pos_ not in c.pos:
        return False
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if prev is not None and _named(prev, c.not_after):
        return False
    if prev is not None and prev.text == "-" and start > 1 and _named(doc[start - 2], c.not_after):
        return False
    if nxt is not None and _named(nxt, c.not_before):
        return False
    head_in = c.head_in
    if (
        head_in is not None
        and _head_match(last, head_in) is None
        and not any(_named(t, head_in) for t in last.children)
    ):
        return False
    if c.needs_modifier:
        mods = [t for t in last.lefts if t.dep_ in ("det", "poss", "compound", "amod", "nmod")]
        if not mods:
            return False
    if c.needs_agent and not any(
        t.dep_ == "poss" or (t.dep_ in ("prep", "agent") and t.lower_ == "by") for t in last.children
    ):
        return False
    if c.subject_not_in and any(
        _named(t, c.subject_not_in)
        for t in [*last.children, *(g for a in last.children if a.dep_ == "agent" for g in a.children)]
        if t.dep_ in ("nsubj", "pobj")
    ):
        return False  # 'protesters occupied the square' is no military occupation
    return c.object_in is None or _object_match(last, c.object_in)


def _object_match(verb: Token, lemmas: frozenset[str]) -> bool:
    """The verb's object (or passive subject) is one of ``lemmas``: 'eliminated 40 fighters'."""
    args = [t for t in verb.children if t.dep_ in ("dobj", "nsubjpass", "obj")]
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        args.append(verb.head)  # 'the fighters eliminated', 'fighters who were eliminated'
    for a in list(args):
        args += [c for c in a.children if c.dep_ in ("conj", "compound")]
        if a.lower_ in ("all", "dozens", "hundreds", "scores", "some", "most"):
            args += [g for c in a.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(_named(a, lemmas) for a in args)


def _head_match(tok: Token, lemmas: frozenset[str]) -> Token | None:
    """The nearest of three heads up whose lemma is in ``lemmas`` (parses often misattach by one)."""
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        if _named(node, lemmas):
            return node
    return None


def _negated(doc: Doc, hit: Hit) -> bool:
    """The cue is negated ('not a terrorist attack') or sits inside a denial ('denied it was ...')."""
    lowers = token_lowers(doc)
    if any(lowers[i] in ("no", "non") for i in range(max(hit.start - 2, 0), hit.start)):
        return True
    seen: set[int] = set()
    node = doc[hit.end - 1]
    while node.i not in seen:
        seen.add(node.i)
        if any(
            (ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no")) and not hit.start <= ch.i < hit.end
            for ch in node.children
        ):
            return True
        if node.head.i == node.i:
            break
        # the denied content: a complement of 'deny', 'reject' ... (not its subject)
        if node.head.lemma_.lower() in _DENIAL and node.dep_ in _COMPLEMENTS:
            return True
        if node.dep_ in ("nsubj", "nsubjpass", "relcl", "advcl", "appos"):
            break  # negation further up is about another clause
        node = node.head
    return False


def _cut_tokens(root: Token, cut: frozenset[str], keep: set[int]) -> set[int]:
    """Tokens of ``root``'s subtree that fall in a cut subtree not holding a kept token."""
    out: set[int] = set()
    for t in root.subtree:
        if t.i == root.i or t.dep_ not in cut:
            continue
        sub = {x.i for x in t.subtree}
        if not sub & keep:
            out |= sub
    return out


def _segment(root: Token, cut: frozenset[str], keep: set[int]) -> tuple[int, int]:
    """The contiguous run of ``root``'s subtree around the kept tokens, stopping at cut parts."""
    inside = {t.i for t in root.subtree} - _cut_tokens(root, cut, keep)
    inside |= keep
    lo, hi = min(keep), max(keep)
    doc = root.doc
    while lo - 1 in inside and doc[lo - 1].text not in _BOUNDARIES:
        lo -= 1
    while hi + 1 in inside and doc[hi + 1].text not in _BOUNDARIES:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "mark")) and lo not in keep:
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space) and hi not in keep:
        hi -= 1
    if doc[hi].text in ("'s", "\u2019s") and hi not in keep:
        hi -= 1
    return lo, hi + 1


def _np_head(tok: Token) -> Token:
    node = tok
    for _ in range(4):
        if node.pos_ in ("NOUN", "PROPN", "PRON") and node.dep_ not in ("compound",):
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return node if node.pos_ in ("NOUN", "PROPN", "PRON") else tok


def _clause_head(tok: Token) -> Token:
    node = tok
    while node.pos_ not in ("VERB", "AUX") or node.dep_ in ("amod", "aux", "auxpass", "xcomp"):
        if node.head.i == node.i:
            break
        node = node.head
    return node


def _kind(doc: Doc, hit: Hit) -> str:
    if hit.cue.span:
        return hit.cue.span
    toks = doc[hit.start : hit.end]
    head = toks.root
    if head.pos_ in ("NOUN", "PROPN", "PRON") or head.dep_ in ("amod", "compound", "nmod", "poss", "det"):
        # 'the vote was a sham', 'this is genocide': the predicate asserts of the subject
        noun = _np_head(head)
        if (
            hit.cue.technique in ("doubt", "unattributed_assertion")
            and noun.dep_ == "attr"
            and noun.head.lemma_ == "be"
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in noun.head.children)
        ):
            return "clause"
        return "np"
    if head.pos_ in ("VERB", "AUX"):
        return "clause"
    if head.pos_ == "ADJ":
        return "clause" if head.dep_ in ("acomp", "attr", "xcomp", "oprd", "ROOT") else "np"
    if head.pos_ == "ADV":
        return "np" if head.head.pos_ == "ADJ" and head.head.dep_ == "amod" else "clause"
    return "phrase"


def _complement_of_speech(doc: Doc, hit: Hit, root: Token) -> Token | None:
    """The complement of a reporting verb that holds the cue, when ``root`` is that verb and the
    cue is its object or predicate ('called the drills irresponsible'), else None."""
    if voice_cue(root.lemma_) is None or hit.start <= root.i < hit.end:
        return None
    node = doc[hit.start : hit.end].root
    while node.head.i != root.i and node.head.i != node.i:
        node = node.head
    if node.head.i == root.i and node.dep_ in ("oprd", "dobj", "xcomp", "attr", "acomp"):
        return node
    return None


def widen(doc: Doc, hit: Hit) -> tuple[int, int]:
    """The token range that carries the cue's whole assertion: its noun phrase or clause."""
    keep = set(range(hit.start, hit.end))
    kind = _kind(doc, hit)
    sent_start, sent_end = sent_bounds(doc, hit.start)
    if kind == "rest":
        end = hit.end
        while end < sent_end and doc[end].text not in (";", "\u2014", "\u2013"):
            end += 1
        while end > hit.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return hit.start, end
    if kind == "phrase":
        return hit.start, hit.end
    if kind == "np":
        root = _np_head(doc[hit.end - 1])
    else:
        anchor = _head_match(doc[hit.end - 1], hit.cue.head_in) if hit.cue.head_in else None
        root = _clause_head(anchor or doc[hit.start : hit.end].root)
        inner = _complement_of_speech(doc, hit, root)
        if inner is not None:
            root, kind = inner, "np"  # 'called the drills irresponsible': only the words said
    lo, hi = _segment(root, _NP_CUT if kind == "np" else _CLAUSE_CUT, keep)
    lowers = token_lowers(doc)
    if kind == "clause":
        # 'X, which A did, was used to B': a relative clause the parse missed ends at its comma
        wh = [i for i in range(lo, hit.start) if lowers[i] in _WH]
        commas = [i for i in range(lo, hit.start) if lowers[i] == "," and wh and i > wh[0]]
        if commas:
            lo = commas[-1] + 1
    lo, hi = max(lo, sent_start), min(hi, sent_end)
    if kind == "clause" and doc[lo].lower_ == "according":
        # 'According to the ministry, X were eliminated': the attribution is not the assertion
        comma = next((i for i in range(lo, hit.start) if lowers[i] == ","), None)
        if comma is not None:
            lo = comma + 1
    if hi - lo > 40:  # a runaway parse: keep the matched words with their noun
        lo, hi = hit.start, hit.end
    return lo, hi


# --- favours -----------------------------------------------------------------------------------


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


# --- extract -----------------------------------------------------------------------------------


def _scare_hits(doc: Doc, voice: VoiceMap) -> list[Hit]:
    cue = Cue(
        words=(frozenset(),),
        technique="doubt",
        polarity="against",
        span="np",
        lexicon="scare-quotes",
        text="quoted label",
    )
    out: list[Hit] = []
    for s, e in voice.scare:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if not t.is_punct]
        out.append(Hit(cue=cue, start=words[0].i, end=words[-1].i + 1))
    return out


def _merge(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """One record per phrase: hits whose spans overlap or touch in one sentence and voice merge."""
    hits.sort(key=lambda h: (h.span[0], -h.span[1], h.start, h.cue.lexicon, h.cue.text))
    out: list[Hit] = []
    for h in hits:
        if out:
            last = out[-1]
            lo, hi = last.span
            same_sent = sent_bounds(doc, lo)[0] == sent_bounds(doc, h.span[0])[0]
            gap = ""
            if h.span[0] >= hi:
                gap = doc_text(doc)[doc[hi - 1].idx + len(doc[hi - 1].text) : doc[h.span[0]].idx]
            touching = (
                h.span[0] < hi
                or (bool(_PUNCT_GAP.match(gap)) and len(gap) <= 3 and _linked(doc, last.span, h.span))
                or _bridged(doc, last.span, h.span)
            )
            if same_sent and last.voice == h.voice and touching:
                last.span = (lo, max(hi, h.span[1]))
                last.reasons += [r for r in h.reasons if r not in last.reasons]
                last.techniques += h.techniques
                # a side taken by a label or accusation outranks one merely named near a neutral cue
                if h.favours and (last.favours is None or (last.cue.polarity == "none" != h.cue.polarity)):
                    last.favours = h.favours
                continue
        out.append(h)
    return out


def _linked(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two adjacent spans belong together when the root of one hangs on a word of the other."""
    ra, rb = doc[a[0] : a[1]].root, doc[b[0] : b[1]].root
    return b[0] <= ra.head.i < b[1] or a[0] <= rb.head.i < a[1]


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the other mark of a quotation the span cuts: 'the so-called "corridor"'."""
    inner = text[start:end]
    opens = inner.count("\u201c") > inner.count("\u201d")
    closes = inner.count("\u201d") > inner.count("\u201c")
    if inner.count('"') % 2 == 1:
        at = start + inner.rindex('"')
        opens = at + 1 < len(text) and text[at + 1].isalnum()  # a mark before a word opens
        closes = not opens
    if opens and text[end : end + 1] in ('"', "\u201d"):
        return start, end + 1
    if closes and start > 0 and text[start - 1] in ('"', "\u201c"):
        return start - 1, end
    return start, end


def _place_epithet(tok: Token) -> bool:
    """The cue word is an adjective on a place name ('the occupied West Bank'): in reported speech
    without quotation marks such a descriptor is the outlet's paraphrase, not the speaker's word."""
    head = tok.head
    return (
        tok.dep_ == "amod"
        and tok.pos_ in ("ADJ", "VERB")
        and head.pos_ == "PROPN"
        and head.ent_type_ in ("GPE", "LOC", "FAC")
    )


def _name_epithet(tok: Token) -> bool:
    """The cue word modifies a name ('the terrorist group al-Shabaab', 'the rebel M23'): in
    reported speech without quotation marks a label on a named party is the outlet's choice
    (a contested claim about it, 'the illegally occupied Karabakh', stays the speaker's)."""
    node = tok
    for _ in range(3):
        if node.dep_ not in ("amod", "compound"):
            return False
        node = node.head
        if node.pos_ == "PROPN" and node.ent_type_:
            return True
        if any(c.dep_ == "appos" and name_head(c) for c in node.children):
            return True
    return False


def _on_the_cue(doc: Doc, hit: Hit) -> bool:
    """The cue hangs on the reporting verb itself, not on what is reported ('the Kremlin said,
    without providing evidence, that ...'): the outlet's comment on the claim."""
    root = doc[hit.start : hit.end].root
    verb = root.head
    if (
        root.dep_ in ("prep", "advmod", "npadvmod")
        and root.lower_ not in ("as", "of")  # 'described the town as liberated': the content
        and verb.i != root.i
        and not hit.start <= verb.i < hit.end
        and verb.pos_ == "VERB"
        and voice_cue(verb.lemma_) is not None
    ):
        return True
    # set off by commas right after the verb, whatever the parser hung it on
    if hit.start < 2 or doc[hit.start - 1].text != ",":
        return False
    before = doc[hit.start - 2]
    end = doc[hit.start : hit.end].root.right_edge.i + 1
    return (
        before.pos_ == "VERB"
        and voice_cue(before.lemma_) is not None
        and end < len(doc)
        and doc[end].text == ","
    )


def _bridged(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans a few words apart belong together when one hangs on the other through those words:
    'reckless provocations ordered by the criminal clique'."""
    gap = range(a[1], b[0])
    ra, rb = doc[a[0] : a[1]].root, doc[b[0] : b[1]].root
    if len(gap) == 1 and doc[gap[0]].dep_ == "cc" and rb.dep_ == "conj" and rb.head.i == ra.i:
        return ra.pos_ == rb.pos_ == "ADJ"  # 'irresponsible and destabilising': one judgement
    if not 1 <= len(gap) <= 3 or any(doc[i].is_punct or doc[i].dep_ == "cc" for i in gap):
        return False
    for x, y in ((a, b), (b, a)):
        node = doc[y[0] : y[1]].root
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if x[0] <= node.i < x[1]:
                return True
            if node.i not in gap:
                break
    return False


def _mentioned(doc: Doc, hit: Hit) -> bool:
    """The cue names a charge or category someone investigates, tries, lists or talks about
    ('an inquiry into war crimes', 'a genocide case', 'listed as a terrorist group'), which is
    neither side's label."""
    mention, nouns = _mention_lexicon()
    node = doc[hit.end - 1]
    for _ in range(5):
        if not hit.start <= node.i < hit.end and (
            _named(node, mention) or (node.pos_ == "NOUN" and _named(node, nouns))
        ):
            return True
        if any(c.dep_ in ("amod", "compound") and _named(c, mention) for c in node.children):
            return True
        if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and not hit.start <= node.i < hit.end):
            return False
        node = node.head
    return False


@functools.cache
def _mention_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    e = lexicons.entries("framing_voice")
    return (
        frozenset(str(w).lower() for w in e["mention_words"]),
        frozenset(str(w).lower() for w in e["mention_nouns"]),
    )


def extract(doc: Doc, ctx: Context, *, extra_lexicon: Path | None = None) -> list[Framing]:
    """Framing records found in ``doc``: labels, loaded words and contested assertions, each with
    its voice (outlet or source) and, where clear, the side it favours.

    ``extra_lexicon`` names a user YAML file of more cues (same entry format as the shipped
    ``framing_*`` lexicons), used on top of them.
    """
    cues: list[Cue] = list(builtin_cues())
    index = _builtin_index()  # the shipped cues' index, built once per process
    if extra_lexicon is not None:
        cues += load_extra(extra_lexicon)
        index = cue_index(cues)
    voice = VoiceMap(doc, ctx)
    sides = Sides(doc, ctx)
    _LAST.state = (doc, ctx, ctx.quotes, ctx.entities, voice, sides)
    hits: list[Hit] = []
    for hit in [*match_cues(doc, cues, index=index), *_scare_hits(doc, voice)]:
        if not hit.cue.keep_negated and _negated(doc, hit):
            continue
        if hit.cue.lexicon != "scare-quotes" and _mentioned(doc, hit):
            continue
        first, last = doc[hit.start], doc[hit.end - 1]
        in_scare = any(s <= first.idx < e for s, e in voice.scare)
        src = voice.is_source(first.idx, last.idx + len(last.text)) and not in_scare
        if (
            src
            and (
                _place_epithet(last)
                or (hit.cue.technique == "name_calling" and _name_epithet(last))
                or _on_the_cue(doc, hit)
            )
            and not voice.in_quotation(first.idx, last.idx + len(last.text))
        ):
            # 'released in the occupied West Bank, the service said', 'a raid by the terrorist
            # group al-Shabaab, officials said', 'said, without evidence, that': the outlet's words
            src = False
        hit.voice = "source" if src else "outlet"
        hit.span = widen(doc, hit)
        hit.favours = _favours(doc, hit, sides)
        hit.reasons = [f"{hit.cue.lexicon}: {hit.cue.text}"]
        hit.techniques = [hit.cue.technique]
        hits.append(hit)
    records: list[Framing] = []
    for h in _merge(doc, hits):
        lo, hi = h.span
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        start, end = _balance_quotes(doc_text(doc), start, end)
        technique = min(h.techniques, key=_PRIORITY.index)
        records.append(
            Framing(
                text=doc_text(doc)[start:end],
                technique=technique,  # type: ignore[arg-type]
                voice=h.voice,  # type: ignore[arg-type]
                span=(start, end),
                favours=h.favours,
                reason="; ".join(h.reasons),
            )
        )
    return records


# --- slant ---------------------------------------------------------------------------------------

# The voice map and sides ``extract`` built for the last doc of this thread, which ``slant``
# takes over when it is called on the same doc and context right after (as ``analyze`` does)
# instead of building them again. One slot per thread, emptied by ``slant``: nothing piles up.
_LAST = threading.local()


def _reuse(doc: Doc, ctx: Context) -> tuple[VoiceMap, Sides] | None:
    """``extract``'s voice map and sides for this doc and context, if they are still what it saw."""
    state = getattr(_LAST, "state", None)
    _LAST.state = None
    if state is None:
        return None
    s_doc, s_ctx, quotes, entities, voice, sides = state
    if s_doc is doc and s_ctx is ctx and ctx.quotes is quotes and ctx.entities is entities:
        return voice, sides
    return None


def slant(ctx: Context, framing: list[Framing], *, doc: Doc | None = None) -> Slant | None:
    """Per-article slant summary over the quotes, figures and framing already found.

    For each side (states and armed groups; persons and ministries count for their affiliation):
    how many of its claims the article reports (quotes, claimed figures), with which cue verbs
    (neutral 'said' against loaded 'claimed'), how much outlet-voice framing favours or disfavours
    it, and which side's quote comes last. ``doc`` (the parsed article) lets it resolve sides by
    named-entity tags as well; without it only the entity table and the side lexicon are used.
    """
    voice: VoiceMap | None = None
    if doc is None:
        from .. import nlp  # noqa: PLC0415  (only when the caller has no parse to hand)

        doc = nlp.get().make_doc(ctx.article.text)
    shared = _reuse(doc, ctx)
    if shared is not None:
        voice, sides = shared
    else:
        sides = Sides(doc, ctx)
        if doc.has_annotation("DEP"):
            voice = VoiceMap(doc, ctx)
    table: dict[str, SideSlant] = {}

    def row(side: str) -> SideSlant:
        if side not in table:
            table[side] = SideSlant(side=side)
        return table[side]

    for s in sides.counts:
        row(s)
    last_word: str | None = None
    for q in sorted(ctx.quotes, key=lambda q: q.span[0]):
        side = sides.of_party(q.speaker)
        if side is None:
            continue
        r = row(side)
        r.quotes += 1
        r.claims += 1
        if q.cue:
            cue = q.cue.lower()
            r.cues[cue] = r.cues.get(cue, 0) + 1
            if q.cue_loaded:
                r.loaded_cues += 1
            else:
                r.neutral_cues += 1
        last_word = side
    for f in ctx.figures:
        side = sides.of_party(f.claimant)
        if side is None:
            continue
        r = row(side)
        r.figures += 1
        if f.quote is None:
            r.claims += 1  # a figure inside a quote is already counted as that claim
    for fr in framing:
        if fr.voice != "outlet" or not fr.favours:
            continue
        row(fr.favours).framing_for += 1
        other = sides.opponent(fr.favours)
        if other:
            row(other).framing_against += 1
    if not table and not framing:
        return None
    for r in table.values():
        r.mentions = sides.counts.get(r.side, 0)
    # a side only named in passing (a country in a list) says nothing about slant; a principal
    # side that is never quoted does (its silence is the finding), so it stays
    kept = [
        r
        for r in table.values()
        if r.claims or r.framing_for or r.framing_against or r.side in sides.principal
    ]
    ordered = sorted(kept, key=lambda r: (-r.claims, -r.mentions, r.side))
    share = voice.outlet_share() if voice is not None else None
    return Slant(sides=ordered, last_word=last_word, outlet_voice_share=share)
