"""Naming a party from the words that mention it: a proper name through the entity table (or the
full name the article gives a surname), a common-noun phrase as a described or collective party."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from ...nlp import doc_text, token_pos_dep
from ...records import Context, Entity, Party, ResolvedVia
from ..grammar import (
    body_noun,
    clean_name,
    nationalities,
    noun_phrase,
    person_role,
    pronoun_features,
    role_table,
    state_for,
)
from .cache import NAMES_KEY, doc_cache

_CONNECTORS = {"for", "of", "to", "and", "on"}
# ``clean_name``, remembered: the same names are cleaned again and again
_clean_name = functools.lru_cache(maxsize=4096)(clean_name)


def entity_party(entity: Entity, surface: str, ctx: Context) -> Party:
    """The entity's canonical party; a proper name beats a description as its name ('UNRWA', not
    'U.N. agency', when the entity table chose the description)."""
    name = _clean_name(surface)
    via: ResolvedVia = "name" if name.lower() == entity.name.lower() else "alias"
    party = ctx.entities.party(entity, via)
    if entity.name.split()[-1][:1].islower() and name[:1].isupper() and name.split()[-1][:1].isupper():
        party.name, party.resolved_via = name, "name"
    return party


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    low = name.lower().strip()
    return _NOT_ALNUM.sub("", low[4:] if low.startswith("the ") else low)


def names_outlet(text: str, outlet: str | None) -> bool:
    """``text`` names the outlet that published the article ('DAILY POST reports that ...' in
    Daily Post): the outlet speaking of itself, not a source it relays."""
    if not outlet:
        return False
    folded = _folded(text)
    return bool(folded) and folded == _folded(outlet)


def is_outlet(tok: Token, outlet: str | None) -> bool:
    """The name headed by ``tok`` is the article's ``outlet`` (its phrase, and the capitalised
    words right before it, which the parser sometimes cuts off: 'DAILY | POST reports')."""
    if not outlet or tok.pos_ not in ("PROPN", "NOUN"):
        return False
    # both phrases tried hold ``tok``: a word the outlet's name lacks rules them out (unless a
    # leading 'the', which folding drops)
    if tok.lower_ != "the" and _folded(tok.text) not in _folded(outlet):
        return False
    doc = tok.doc
    j = tok.left_edge.i
    while (
        j > 0
        and doc[j - 1].pos_ == "PROPN"
        and doc[j - 1].text[:1].isupper()
        and not doc[j - 1].whitespace_.count("\n")
    ):
        j -= 1
    return names_outlet(doc[j : tok.i + 1].text, outlet) or names_outlet(noun_phrase(tok).text, outlet)


def name_party(doc: Doc, span: Span, ctx: Context) -> Party:
    """A proper-name phrase as a party: the outlet itself, the entity table's canonical name,
    else a full name elsewhere in the article that ends with this surname, else the surface form."""
    # ``span.text``, not joined token by token; ``span.root``, which spaCy works out anew each time
    return named_party(doc, span, span.root, doc_text(doc)[span.start_char : span.end_char], ctx)


def named_party(doc: Doc, span: Span, root: Token, text: str, ctx: Context) -> Party:
    """``name_party`` for a caller that has the span's root and text at hand."""
    if is_outlet(root, ctx.article.outlet) or names_outlet(text, ctx.article.outlet):
        return Party.outlet(ctx.article.outlet)
    if len(ctx.entities):
        e = ctx.entities.at(root.idx, root.idx + len(root.text)) or ctx.entities.lookup(text)
        if e is not None:
            party = entity_party(e, text, ctx)
            whole = _clean_name(text)
            if e.type == "ORG" and e.name.split()[-1].lower() in _CONNECTORS and whole.startswith(e.name):
                party.name = whole  # the tagger cut the name at a connector: 'UN Office for' | '...'
            return party
    name = _clean_name(text)
    if len(span) == 1 and root.pos_ == "PROPN":
        full = _full_name(doc, root.text)
        if full:
            return Party(name=full, kind="source", resolved_via="alias")
    return Party(name=name, kind="source", resolved_via="name")


def _full_name(doc: Doc, surname: str) -> str | None:
    """The longest personal name in the doc ending with this surname (one scan per doc)."""
    cache = doc_cache(doc)
    names = cache.get(NAMES_KEY)
    if names is None:
        names = cache[NAMES_KEY] = _full_names(doc)
    return names.get(surname)


def _full_names(doc: Doc) -> dict[str, str]:
    """Surname -> longest full name: PERSON entities first, else runs of proper nouns with
    titles left out ('Prime Minister Nikol Pashinian' -> 'Nikol Pashinian')."""
    out: dict[str, str] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            name = clean_name(e.text)
            if len(name) > len(out.get(e[-1].text, "")):
                out[e[-1].text] = name
    runs: dict[str, str] = {}
    pos = token_pos_dep(doc)[0]
    text = doc_text(doc)
    titleish: dict[int, bool] = {}  # ``_titleish(doc[i])``, asked once per token
    for k in [k for k, p in enumerate(pos) if p == "PROPN" and k > 0]:
        t = doc[k]
        if t.text in out:
            continue
        i = k
        while i > 0 and pos[i - 1] == "PROPN" and doc[i - 1].whitespace_:
            if i - 1 not in titleish:
                titleish[i - 1] = _titleish(doc[i - 1])
            if titleish[i - 1]:
                break
            i -= 1
        if i < k:
            name = text[doc[i].idx : t.idx + len(t.text)]  # ``doc[i : k + 1].text``
            if len(name.split()) > len(runs.get(t.text, "").split()):
                runs[t.text] = name
    return {**runs, **out}


def _titleish(t: Token) -> bool:
    w = t.lower_.rstrip(".")
    return (
        person_role(w)
        or body_noun(w)
        or w in role_table()["honorific"]
        or w in nationalities()
        or t.ent_type_ in ("NORP", "GPE")
    )


def describe(doc: Doc, span: Span, ctx: Context, *, pronouns: bool = True) -> Party:
    """A common-noun phrase ('Azerbaijani authorities', 'the army') as a collective party,
    linked to the state a nationality adjective or possessive names."""
    name = clean_name(span.text)
    entity_id: str | None = None
    owner = next((c for c in span.root.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None and pronouns and pronoun_features(owner.lower_) is not None:
        # 'his office' -> "Zelenskyy's office"
        from .resolve import resolve_mention  # noqa: PLC0415 (resolve builds on naming)

        whose = resolve_mention(doc, owner, ctx)
        rest = clean_name(doc[owner.i + 1 : span.end].text) if owner.i + 1 < span.end else span.root.text
        if whose is not None:
            return Party(name=f"{whose.name}'s {rest}", entity_id=None, kind="source", resolved_via="pronoun")
        name = rest
    for t in span:
        if t.i == span.root.i:
            continue
        state = None
        if t.ent_type_ == "NORP" or t.lower_ in nationalities():
            state = state_for(t.text, ctx)
        elif t.ent_type_ == "GPE":
            state = t.text
        if state and len(ctx.entities):
            e = ctx.entities.lookup(state)
            if e is not None:
                entity_id = e.id
                break
    return Party(name=name, entity_id=entity_id, kind="source", resolved_via="collective")
