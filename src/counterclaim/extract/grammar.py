"""Grammar helpers every extractor shares: the noun phrase that names a party, clean names,
and the words that tell what kind of party a noun is (role, body, group, document, pronoun,
nationality).

One module, so quotes, figures, events and framing cut a noun phrase the same way and read the
same word lists (lexicons ``coref_roles``, ``coref_pronouns`` and the shared ``countries``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.tokens import Span, Token

from .. import lexicons
from ..nlp import ent_of
from ..records import Context

DETS = {"the", "a", "an", "this", "that", "these", "those"}
TRAIL = " \t\n,;:.'\u2019\"\u201d"


# --- kinds of nouns ---------------------------------------------------------------------------


@functools.cache
def role_table() -> dict[str, dict[str, Any]]:
    return {k: dict(v or {}) for k, v in lexicons.entries("coref_roles").items()}


@functools.cache
def _pronouns() -> dict[str, dict[str, Any]]:
    return dict(lexicons.entries("coref_pronouns"))


@functools.cache
def nationalities() -> dict[str, str]:
    return lexicons.nationality_map()


def person_role(word: str) -> bool:
    """True for a noun naming a person's role ('minister', 'spokeswoman')."""
    return word.lower() in role_table()["person"]


def generic_person(word: str) -> bool:
    """True for a noun that can stand for any person mentioned before ('the person', 'the source')."""
    return word.lower() in role_table().get("generic", {})


def not_party(word: str) -> bool:
    """True for a noun that can never denote a party ('photos', 'battles', 'sides', 'remarks')."""
    return word.lower() in role_table().get("not_party", {})


def movement_noun(word: str) -> bool:
    """True for a noun that describes an armed or political group ('the Iran-backed group')."""
    return word.lower() in role_table().get("movement", {})


def body_noun(word: str) -> bool:
    """True for a noun naming an organisation ('ministry', 'army')."""
    return word.lower() in role_table()["body"]


def collective_noun(word: str) -> bool:
    """True for a plural noun naming a group that speaks together ('officials', 'residents')."""
    return word.lower() in role_table()["collective"]


def quantity_noun(word: str) -> bool:
    """True for a noun heading a share of a group ('half', 'majority', 'percent')."""
    return word.lower() in role_table().get("quantity", {})


def document_noun(word: str | Token) -> bool:
    """True for a noun naming a text that speaks for its author ('statement', 'list'); a token is
    checked by its lemma and its own form (the tagger lemmatises 'data' to 'datum')."""
    table = role_table()["document"]
    if isinstance(word, Token):
        return word.lemma_.lower() in table or word.lower_ in table
    return word.lower() in table


def pronoun_features(word: str) -> dict[str, Any] | None:
    """Agreement features of a third-person pronoun, or None."""
    return _pronouns().get(word.lower())


def state_for(adjective: str, ctx: Context | None = None) -> str | None:
    """The state or region a nationality adjective names ('Azerbaijani' -> 'Azerbaijan')."""
    a = adjective.strip()
    hit = nationalities().get(a.lower())
    if hit:
        return hit
    # regular forms: Syrian -> Syria, Ukrainian -> Ukraine (by entity table), Israeli -> Israel
    if ctx is not None:
        low = a.lower()
        for e in ctx.entities:
            if e.type != "GPE":
                continue
            n = e.name.lower()
            if len(n) >= 4 and (low.startswith(n) or (len(low) > 5 and n.startswith(low[:-3]))):
                return e.name
    for suffix, repl in (("ian", "ia"), ("an", "a"), ("i", "")):
        if a.endswith(suffix) and len(a) > len(suffix) + 3:
            return a[: -len(suffix)] + repl
    return None


# --- the index -------------------------------------------------------------------------------


@functools.cache
def _cues() -> dict[str, dict[str, Any]]:
    return {k: dict(v) for k, v in lexicons.entries("quote_cues").items()}


@functools.cache
def _speech_cues() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in _cues().items() if not v.get("voice_only")}


@functools.cache
def _voice_cues() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in _cues().items() if v.get("voice") or v.get("voice_only")}


def cue_info(lemma: str) -> dict[str, Any] | None:
    """The one table of reporting verbs (lexicon ``quote_cues``): the entry of a verb lemma
    ({loaded, frame, ...}) or None for a verb that does not report speech."""
    return _speech_cues().get(lemma.lower())


def speech_cues() -> dict[str, dict[str, Any]]:
    """``cue_info``'s table itself, keyed by lower-case lemma, for a pass that tests every verb
    of a doc (one dict look-up each). Shared: never change it."""
    return _speech_cues()


def voice_cue(lemma: str) -> dict[str, Any] | None:
    """The entry of a verb whose complement is someone's words or view, not the outlet's
    (``voice`` or ``voice_only`` in quote_cues: 'said', 'denied', 'consider', 'portray'; not
    'continued' or 'agreed')."""
    return _voice_cues().get(lemma.lower())


def voice_cues() -> dict[str, dict[str, Any]]:
    """``voice_cue``'s table itself, keyed by lower-case lemma, for a pass that tests every verb
    of a doc. Shared: never change it."""
    return _voice_cues()


@functools.cache
def attribution_phrases() -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[str, ...]]]:
    """Phrases that attribute their sentence ('according to', 'citing'), and those covering only
    the clause they close."""
    e = lexicons.entries("attribution_phrases")
    phrases = tuple(tuple(p.lower().split()) for p in e["phrases"])
    return phrases, frozenset(tuple(p.lower().split()) for p in e["clause_scoped"])


# --- naming phrases --------------------------------------------------------------------------


def noun_phrase(tok: Token) -> Span:
    """The phrase naming the party a head token stands for, without determiners, appositions
    or relative clauses: 'Azerbaijan's Health Ministry', 'residents of Khan Younis', 'Nikol Pashinian'."""
    doc = tok.doc
    if tok.ent_type_ == "PERSON":
        ent = ent_of(tok)
        if ent is not None:
            return strip_possessive(ent)
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "npadvmod", "det", "quantmod", "punct"):
            start = min(start, c.left_edge.i)
    # a left compound/amod can carry its own subtree; keep it contiguous up to the head
    while start < tok.i and (doc[start].lower_ in DETS or doc[start].is_punct):
        start += 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and tok.ent_iob_ in ("B", "I"):
        end += 1  # the rest of a named entity: 'Ministry of Foreign Affairs of Ukraine'
    end = max(end, tok.i + 1)
    # 'residents of Khan Younis', 'officials in Yerevan': keep a place after a group noun
    if tok.pos_ in ("NOUN", "PROPN") and (
        collective_noun(tok.lower_) or body_noun(tok.lemma_.lower()) or person_role(tok.lemma_.lower())
    ):
        # a body keeps 'of' and a named counterpart ('the Ministry of Health', 'the mission to
        # the JCCC', 'the U.N. agency for Palestinian refugees'), not where it sits ('the coalition
        # in Yemen'); one person keeps 'of' ('the governor of Luhansk region'), a group its place
        # too ('officials in Yerevan', 'residents of Khan Younis')
        body = body_noun(tok.lemma_.lower()) and not collective_noun(tok.lower_)
        one = person_role(tok.lemma_.lower()) and tok.tag_ in ("NN", "NNP")
        preps = ("of", "to", "for") if body else ("of", "in") if one else ("of", "in", "from")
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in preps and c.i <= end:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                obj = objs[0] if objs else None
                if obj is None:
                    break
                if c.lower_ in ("to", "for") or one and c.lower_ == "in":
                    # 'a source in the Defence Ministry' (an institution), not 'an official in Karsk'
                    if _named(obj) if not one else _institution(obj):
                        end = _entity_end(obj) + 1
                elif obj.pos_ == "PROPN":
                    end = _name_end(obj) + 1  # the name only, not a clause hanging from it
                elif collective_noun(obj.lower_) or _named_region(c, obj):
                    end = _entity_end(obj) + 1  # the place name only, not a clause hanging from it
            break
    return strip_possessive(doc[start:end])


def _institution(obj: Token) -> bool:
    """A body or organisation named by the noun: 'the Defence Ministry', 'the army', 'UNICEF'."""
    return body_noun(obj.lemma_.lower()) or obj.ent_type_ == "ORG"


def _named(obj: Token) -> bool:
    """A noun phrase with a name or nationality in it: 'the JCCC', 'Palestinian refugees'."""
    return obj.pos_ == "PROPN" or any(
        t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in obj.subtree if t.i <= obj.i
    )


def _entity_end(obj: Token) -> int:
    """The last token of the named entity ``obj`` starts or sits in ('the Joint Center for
    Control and Coordination'), or ``obj`` itself."""
    doc, end = obj.doc, obj.i
    if obj.ent_iob_ in ("B", "I"):
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
    return end


def _name_end(obj: Token) -> int:
    """The last token of the proper name ``obj`` heads, with the capitalised 'of'/'for' parts
    the tagger left out of its entity ('the rebel Movement for the Renaissance of the North')."""
    doc = obj.doc
    end = _entity_end(obj)
    if doc[end].lower_ in ("of", "for"):  # the tagger's entity stopped on a connector
        pobj = next((g for g in doc[end].children if g.dep_ == "pobj"), None)
        end = max(_entity_end(pobj), pobj.i) if pobj is not None and pobj.pos_ == "PROPN" else end - 1
    node = obj
    for _ in range(4):
        nxt = next((c for c in node.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        pobj = next((g for g in nxt.children if g.dep_ == "pobj"), None) if nxt is not None else None
        if pobj is None or pobj.pos_ != "PROPN" or nxt.i != end + 1:
            break
        end = max(end, _entity_end(pobj), pobj.i)
        node = pobj
    return end


def _named_region(prep: Token, obj: Token) -> bool:
    """'the governor of Luhansk region': a common noun that a place name makes a proper one;
    'chief of staff', 'head of state': a bare noun that completes a title."""
    if any(g.dep_ == "compound" and g.pos_ == "PROPN" for g in obj.children):
        return True  # 'of Luhansk region', 'officials in Darvo province'
    bare = obj.pos_ == "NOUN" and not any(obj.children)
    return prep.lower_ == "of" and bare and person_role(prep.head.lemma_.lower())


def strip_possessive(span: Span) -> Span:
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def definite_bare(span: Span) -> bool:
    """'the ministry', 'the prime minister': a definite role phrase with no name in it."""
    doc = span.doc
    first = span.start - 1
    det = doc[first].lower_ if first >= 0 else ""
    if det not in ("the", "this", "that"):
        return False
    return all(t.pos_ in ("NOUN", "ADJ") and t.ent_type_ not in ("NORP", "GPE", "ORG") for t in span)


_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_FINAL_POSSESSIVE = re.compile(r"['\u2019]s$")


def clean_name(text: str) -> str:
    """A surface name without 'the', possessive 's or surrounding punctuation."""
    s = _SPACES.sub(" ", text).strip(TRAIL)
    s = _ARTICLE.sub("", s)
    return _FINAL_POSSESSIVE.sub("", s).strip(TRAIL)


def name_head(tok: Token) -> bool:
    """``tok`` heads a name: a proper noun, or a capitalised common word closing one ('the aid
    group Blue Water Aid', where the tagger reads 'Aid' as a noun)."""
    if tok.pos_ == "PROPN":
        return True
    return (
        tok.pos_ == "NOUN"
        and tok.text[:1].isupper()
        and not tok.is_sent_start
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    )


_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(lexicons.entries("entity_cues")["time_zones"])


def timestamp(tok: Token) -> bool:
    """``tok`` is a live blog's time stamp ('18:45 GMT — President X said ...'), which the parser
    may make the subject of the sentence it opens: never a party."""
    if tok.pos_ == "NUM" and _CLOCK.match(tok.text):
        return True
    return tok.text in _time_zones() and any(
        c.dep_ == "nummod" and _CLOCK.match(c.text) for c in tok.children
    )
