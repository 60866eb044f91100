"""Coreference over the parse: tie a mention (name, pronoun, title, group noun) to a ``Party``.

No coreference model installs offline here, so this resolves what the extractors need with
rules over the spaCy parse and the article's entity table:

- **names** are looked up in ``ctx.entities`` (canonical name; ``resolved_via`` "name" or
  "alias"); without an entry, a surname is expanded to the full name seen elsewhere in the
  article, else the surface name is kept;
- **pronouns** (he, she, it, they) take the most salient earlier mention that agrees in
  gender and number: recent, and preferably a clause subject (``resolved_via`` "pronoun");
- **titles** ("the prime minister", "the adviser", "the ministry") take the most recent
  mention carrying that role, from its title ("Prime Minister Nikol Pashinian"), apposition
  ("Hikmet Hajiyev, foreign policy adviser to Aliyev") or entity descriptors
  (``resolved_via`` "title");
- **collective** speakers ("Azerbaijani authorities", "residents of Khan Younis") are named
  by their noun phrase without "the", linked to the state entity a nationality adjective
  names (``resolved_via`` "collective").

Public API (for the quotes, figures and events extractors)::

    index = build_index(doc, ctx)                 # once per doc (cached while the doc lives)
    party = resolve_mention(doc, token_or_span, ctx)   # -> Party | None
    span = noun_phrase(token)                     # the phrase that names a head token

``resolve_mention`` accepts the head token of a subject (or any span); it returns ``None``
only when nothing sensible can be said (a bare "it" with no antecedent, a lone title or a
document with no holder or author in sight): callers then use their own context or
``Party.unknown()``. A share of a group ("six in 10 voters") is named by its description
(``resolved_via`` "collective"). ``index.note(party, token)`` lets a caller
record a resolved speaker so later pronouns can prefer it.
"""

from __future__ import annotations

import functools
import re
import weakref
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..records import Context, Entity, Party, ResolvedVia

INDEX_KEY = "index"
NAMES_KEY = "names"
# per-doc caches, kept off doc.user_data so docs stay serialisable
_CACHE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()


def _cache(doc: Doc) -> dict[str, Any]:
    try:
        return _CACHE.setdefault(doc, {})
    except TypeError:  # pragma: no cover - a doc type without weak references
        return {}


def clear_cache(doc: Doc) -> None:
    """Forget the index and name table built for ``doc`` (benchmarks, or a changed context)."""
    _CACHE.pop(doc, None)


NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# how far back (tokens) a pronoun looks, and how much nearer a clause subject counts
WINDOW = 400
SUBJECT_BONUS = 60
SPEAKER_BONUS = 15
SAME_SENTENCE_BONUS = 50
_DETS = {"the", "a", "an", "this", "that", "these", "those"}
_TRAIL = " \t\n,;:.'\u2019\"\u201d"


@dataclass(slots=True)
class Mention:
    """A place where a party is named (or described) in the doc: a candidate antecedent."""

    start: int  # token index
    end: int  # token index, exclusive
    party: Party
    kind: str  # person | org | place | group
    plural: bool = False
    gender: str | None = None
    subject: bool = False
    speaker: bool = False
    roles: tuple[str, ...] = ()  # lower-case role phrases: 'prime minister', 'adviser'
    nationality: str | None = None  # adjective before a title: 'Russian' in 'Russian Foreign Minister'
    text: str = ""


@dataclass(slots=True)
class CorefIndex:
    """Candidate antecedents of one doc, in text order."""

    mentions: list[Mention] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # char spans inside quotation marks

    def note(self, party: Party, token: Token, *, kind: str = "person", plural: bool = False) -> None:
        """Record a resolved speaker at ``token`` so later pronouns can prefer it."""
        m = Mention(
            token.i, token.i + 1, party, kind, plural=plural, subject=True, speaker=True, text=party.name
        )
        insort(self.mentions, m, key=_start)  # = append and stable sort, without resorting each time

    def in_quote(self, char: int) -> bool:
        """True when the character offset lies inside a quotation."""
        return any(s <= char < e for s, e in self.quoted)


# --- lexicons --------------------------------------------------------------------------------


@functools.cache
def _roles() -> dict[str, dict[str, Any]]:
    return {k: dict(v or {}) for k, v in lexicons.entries("coref_roles").items()}


@functools.cache
def _pronouns() -> dict[str, dict[str, Any]]:
    return dict(lexicons.entries("coref_pronouns"))


@functools.cache
def _nationalities() -> dict[str, str]:
    return lexicons.nationality_map()


def person_role(word: str) -> bool:
    """True for a noun naming a person's role ('minister', 'spokeswoman')."""
    return word.lower() in _roles()["person"]


def body_noun(word: str) -> bool:
    """True for a noun naming an organisation ('ministry', 'army')."""
    return word.lower() in _roles()["body"]


def collective_noun(word: str) -> bool:
    """True for a plural noun naming a group that speaks together ('officials', 'residents')."""
    return word.lower() in _roles()["collective"]


def quantity_noun(word: str) -> bool:
    """True for a noun heading a share of a group ('half', 'majority', 'percent')."""
    return word.lower() in _roles().get("quantity", {})


def document_noun(word: str) -> bool:
    """True for a noun naming a text that speaks for its author ('statement', 'list')."""
    return word.lower() in _roles()["document"]


def _author_of(tok: Token) -> Token | None:
    """The author of a document noun: 'a statement from X', 'a list released by X', "X's figures"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN") and not document_noun(obj.lemma_):
                return obj
        if c.dep_ in ("acl", "relcl"):
            for g in c.children:
                if g.dep_ == "agent":
                    obj = next((h for h in g.children if h.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def pronoun_features(word: str) -> dict[str, Any] | None:
    """Agreement features of a third-person pronoun, or None."""
    return _pronouns().get(word.lower())


def state_for(adjective: str, ctx: Context | None = None) -> str | None:
    """The state or region a nationality adjective names ('Azerbaijani' -> 'Azerbaijan')."""
    a = adjective.strip()
    hit = _nationalities().get(a.lower())
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


def build_index(doc: Doc, ctx: Context, *, quoted: list[tuple[int, int]] | None = None) -> CorefIndex:
    """Candidate antecedents of ``doc``: named mentions and common-noun subjects (cached).

    ``quoted`` gives the character spans inside quotation marks; mentions there are not used
    as antecedents of pronouns outside them. Without it, direct-quote content spans from
    ``ctx.quotes`` are used.
    """
    cached = _cache(doc).get(INDEX_KEY)
    if isinstance(cached, CorefIndex) and (quoted is None or cached.quoted == quoted):
        return cached
    if quoted is None and ctx.quotes:
        quoted = [q.content_span for q in ctx.quotes if q.content_span]
    elif quoted is None:
        from .quotes import find_segments  # noqa: PLC0415  (quotes imports this module)

        quoted = [(s.cstart, s.cend) for s in find_segments(doc.text)]
    index = CorefIndex(quoted=list(quoted))
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in NAMED:
            continue
        if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound"):
            continue  # an adjective: 'Armenian forces' is handled through its head noun
        m = _named_mention(doc, ent, ctx)
        if m is not None:
            index.mentions.append(m)
            seen.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in seen or tok.dep_ not in SUBJECT_DEPS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.pos_ == "PROPN":
            span = noun_phrase(tok)
            party = _name_party(doc, span, ctx)
            index.mentions.append(
                Mention(
                    span.start,
                    span.end,
                    party,
                    "unknown",
                    subject=True,
                    roles=_roles_of(span),
                    text=span.text,
                )
            )
            continue
        low = tok.lemma_.lower()
        if document_noun(low):  # 'A statement from the office said ... It denied ...'
            author = _author_of(tok)
            if author is not None:
                aspan = noun_phrase(author)
                aparty = (
                    _name_party(doc, aspan, ctx)
                    if author.pos_ == "PROPN"
                    else describe(doc, aspan, ctx, pronouns=False)
                )
                index.mentions.append(Mention(tok.i, tok.i + 1, aparty, "org", subject=True, text=aspan.text))
            continue
        if not (body_noun(low) or collective_noun(tok.lower_) or person_role(low)):
            continue
        span = noun_phrase(tok)
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children):
            continue  # 'the spokesman, Majed al-Ansari, said': the name is the mention
        if _definite_bare(span):
            continue  # 'the ministry' is itself a title to resolve, not an antecedent
        party = describe(doc, span, ctx, pronouns=False)
        kind = "person" if person_role(low) and tok.tag_ != "NNS" else "group"
        if body_noun(low):
            kind = "org"
        index.mentions.append(
            Mention(
                span.start,
                span.end,
                party,
                kind,
                plural=tok.tag_ in ("NNS", "NNPS") or collective_noun(tok.lower_),
                gender=_roles()["person"].get(low),
                subject=True,
                roles=(span.text.lower(),) if kind == "person" else (),
                text=span.text,
            )
        )
    index.mentions.sort(key=lambda x: x.start)
    _cache(doc)[INDEX_KEY] = index
    return index


def _named_mention(doc: Doc, ent: Span, ctx: Context) -> Mention | None:
    kind = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group"}.get(ent.label_, "place")
    party = _name_party(doc, ent, ctx)
    roles = _roles_of(ent)
    gender: str | None = None
    entity = ctx.entities.at(ent.start_char, ent.end_char) if len(ctx.entities) else None
    if entity is not None:
        roles = roles + tuple(d.lower() for d in entity.descriptors)
        gender = entity.gender
    if gender is None and kind == "person":
        gender = _gender_of_roles(doc, ent, roles)
    nationality = _nationality_before(doc, ent)
    plural = (
        ent.label_ == "NORP" or ent[-1].tag_ == "NNPS" or (kind == "org" and collective_noun(ent[-1].lower_))
    )
    subject = ent.root.dep_ in SUBJECT_DEPS or (
        ent.root.dep_ == "appos" and ent.root.head.dep_ in SUBJECT_DEPS
    )
    return Mention(
        ent.start,
        ent.end,
        party,
        kind,
        plural=plural,
        gender=gender,
        subject=subject,
        roles=roles,
        nationality=nationality,
        text=ent.text,
    )


def _title_tokens(doc: Doc, start: int) -> list[Token]:
    """Title words right before a name: 'Armenian Prime Minister' before 'Nikol Pashinian'."""
    out: list[Token] = []
    i = start - 1
    while i >= 0 and len(out) < 6:
        t = doc[i]
        if t.is_punct and t.text != "." or t.is_space or t.ent_type_ == "PERSON":
            break
        if t.pos_ not in ("PROPN", "NOUN", "ADJ") and not (t.text == "." and out):
            break
        out.insert(0, t)
        i -= 1
    return out


def _roles_of(span: Span) -> tuple[str, ...]:
    """Role phrases attached to a name: the title before it and the head of an apposition."""
    doc = span.doc
    roles: list[str] = []
    title = [t for t in _title_tokens(doc, span.start) if t.text != "."]
    words = [t.lower_ for t in title]
    for j, w in enumerate(words):
        if person_role(w) or w.rstrip(".") in _roles()["honorific"]:
            roles.append(" ".join(x for x in words[: j + 1] if not _nationalities().get(x)))
    root = span.root
    appos = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appos.append(root.head)
    for a in appos:
        if a.pos_ == "NOUN" and person_role(a.lemma_.lower()):
            left = [t.lower_ for t in a.lefts if t.dep_ in ("compound", "amod")]
            roles.append(" ".join([*left, a.lower_]))
    return tuple(r for r in roles if r)


def _gender_of_roles(doc: Doc, ent: Span, roles: tuple[str, ...]) -> str | None:
    table = {**_roles()["person"], **_roles()["honorific"]}
    for r in roles:
        for w in r.split():
            g = table.get(w.rstrip("."))
            if g:
                return str(g)
    return None


def _nationality_before(doc: Doc, ent: Span) -> str | None:
    for t in _title_tokens(doc, ent.start):
        if t.ent_type_ == "NORP" or t.lower_ in _nationalities():
            return t.text
    for c in ent.root.children:  # "Russia's Foreign Minister Lavrov"
        if c.dep_ == "poss" and c.ent_type_ == "GPE":
            return c.text
    return None


# --- naming phrases --------------------------------------------------------------------------


def noun_phrase(tok: Token) -> Span:
    """The phrase naming the party a head token stands for, without determiners, appositions
    or relative clauses: 'Azerbaijan's Health Ministry', 'residents of Khan Younis', 'Nikol Pashinian'."""
    doc = tok.doc
    if tok.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return _strip_possessive(ent)
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "npadvmod", "det", "quantmod", "punct"):
            start = min(start, c.left_edge.i)
    # a left compound/amod can carry its own subtree; keep it contiguous up to the head
    while start < tok.i and (doc[start].lower_ in _DETS or doc[start].is_punct):
        start += 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and tok.ent_iob_ in ("B", "I"):
        end += 1  # the rest of a named entity: 'Ministry of Foreign Affairs of Ukraine'
    end = max(end, tok.i + 1)
    # 'residents of Khan Younis', 'officials in Yerevan': keep a place after a group noun
    if tok.pos_ in ("NOUN", "PROPN") and (
        collective_noun(tok.lower_) or body_noun(tok.lemma_.lower()) or person_role(tok.lemma_.lower())
    ):
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from") and c.i <= end:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and (objs[0].pos_ == "PROPN" or collective_noun(objs[0].lower_)):
                    end = objs[0].i + 1  # the place name only, not a clause hanging from it
            break
    return _strip_possessive(doc[start:end])


def _strip_possessive(span: Span) -> Span:
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def _definite_bare(span: Span) -> bool:
    """'the ministry', 'the prime minister': a definite role phrase with no name in it."""
    doc = span.doc
    first = span.start - 1
    det = doc[first].lower_ if first >= 0 else ""
    if det not in ("the", "this", "that"):
        return False
    return all(t.pos_ in ("NOUN", "ADJ") and t.ent_type_ not in ("NORP", "GPE", "ORG") for t in span)


def clean_name(text: str) -> str:
    """A surface name without 'the', possessive 's or surrounding punctuation."""
    s = re.sub(r"\s+", " ", text).strip(_TRAIL)
    s = re.sub(r"^(the|a|an)\s+", "", s, flags=re.I)
    return re.sub(r"['\u2019]s$", "", s).strip(_TRAIL)


def _entity_party(entity: Entity, surface: str, ctx: Context) -> Party:
    via: ResolvedVia = "name" if clean_name(surface).lower() == entity.name.lower() else "alias"
    return ctx.entities.party(entity, via)


def _name_party(doc: Doc, span: Span, ctx: Context) -> Party:
    """A proper-name phrase as a party: the entity table's canonical name, else a full name
    elsewhere in the article that ends with this surname, else the surface form."""
    if len(ctx.entities):
        e = ctx.entities.at(span.root.idx, span.root.idx + len(span.root.text)) or ctx.entities.lookup(
            span.text
        )
        if e is not None:
            return _entity_party(e, span.text, ctx)
    name = clean_name(span.text)
    if len(span) == 1 and span.root.pos_ == "PROPN":
        full = _full_name(doc, span.root.text)
        if full:
            return Party(name=full, kind="source", resolved_via="alias")
    return Party(name=name, kind="source", resolved_via="name")


def _full_name(doc: Doc, surname: str) -> str | None:
    """The longest personal name in the doc ending with this surname (one scan per doc)."""
    cache = _cache(doc)
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
    for t in doc:
        if t.pos_ != "PROPN" or t.i == 0 or t.text in out:
            continue
        i = t.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].whitespace_ and not _titleish(doc[i - 1]):
            i -= 1
        if i < t.i:
            name = doc[i : t.i + 1].text
            if len(name.split()) > len(runs.get(t.text, "").split()):
                runs[t.text] = name
    return {**runs, **out}


def _titleish(t: Token) -> bool:
    w = t.lower_.rstrip(".")
    return (
        person_role(w)
        or body_noun(w)
        or w in _roles()["honorific"]
        or w in _nationalities()
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
        whose = resolve_mention(doc, owner, ctx)
        rest = clean_name(doc[owner.i + 1 : span.end].text) if owner.i + 1 < span.end else span.root.text
        if whose is not None:
            return Party(name=f"{whose.name}'s {rest}", entity_id=None, kind="source", resolved_via="pronoun")
        name = rest
    for t in span:
        if t.i == span.root.i:
            continue
        state = None
        if t.ent_type_ == "NORP" or t.lower_ in _nationalities():
            state = state_for(t.text, ctx)
        elif t.ent_type_ == "GPE":
            state = t.text
        if state and len(ctx.entities):
            e = ctx.entities.lookup(state)
            if e is not None:
                entity_id = e.id
                break
    return Party(name=name, entity_id=entity_id, kind="source", resolved_via="collective")


# --- resolution ------------------------------------------------------------------------------


def resolve_mention(
    doc: Doc, mention: Token | Span, ctx: Context, *, index: CorefIndex | None = None
) -> Party | None:
    """The party a mention refers to, or None when it cannot be told.

    ``mention`` is a head token (e.g. the ``nsubj`` of a reporting verb) or a span. Names,
    pronouns, titles ('the minister', 'the ministry') and collective nouns are handled as the
    module docstring describes; ``Party.resolved_via`` records which.
    """
    if index is None:
        index = build_index(doc, ctx)
    tok = mention.root if isinstance(mention, Span) else mention
    low = tok.lower_
    feats = pronoun_features(low)
    if feats is not None and tok.pos_ == "PRON":
        return _resolve_pronoun(doc, tok, feats, index)
    if tok.pos_ == "PRON":
        return None
    if len(ctx.entities) and tok.pos_ in ("PROPN", "NOUN"):
        e = ctx.entities.at(tok.idx, tok.idx + len(tok.text))
        if e is not None and e.type != "NORP" and (tok.pos_ == "PROPN" or e.type in ("PERSON", "ORG")):
            return _entity_party(e, noun_phrase(tok).text, ctx)
    if document_noun(tok.lemma_) and tok.pos_ == "NOUN":
        author = _author_of(tok)
        # a document with no author in its sentence is left to the caller, whose context (the
        # organisation the paragraph is about) resolves it better than the bare wording would
        return resolve_mention(doc, author, ctx, index=index) if author is not None else None
    if tok.pos_ == "NUM" or tok.pos_ in ("NOUN", "ADJ", "PROPN") and quantity_noun(tok.lemma_):
        return _quantity_party(doc, tok, ctx)  # 'Six in 10 said', 'half of the residents said'

    # a role noun with a name in apposition: 'the region's ombudsman, Gegham Stepanyan'
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and tok.pos_ == "NOUN":
            return _name_party(doc, noun_phrase(c), ctx)
    span = mention if isinstance(mention, Span) and len(mention) > 1 else noun_phrase(tok)
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return _name_party(doc, span, ctx)
    if tok.pos_ in ("NOUN", "ADJ"):
        if (_definite_bare(span) and not _indefinite(tok)) or _bare_title(span):
            hit = _resolve_title(doc, span, ctx, index)
            if hit is not None:
                return hit
            if person_role(tok.lemma_.lower()) and tok.tag_ != "NNS":
                return None  # a lone title with no holder in sight: left to the caller's context
        return describe(doc, span, ctx)
    return None


MAX_QUANTITY = 12  # tokens: longer number phrases are clauses, not speakers


def _quantity_party(doc: Doc, tok: Token, ctx: Context) -> Party | None:
    """A number phrase as a described group: 'Six in 10 voters', 'half of the residents'."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    # a clause hanging from the phrase ('voters going to the polls Tuesday') is cut off
    clauses = [
        t.left_edge.i for t in doc[tok.i + 1 : hi + 1] if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"
    ]
    hi = min([hi, *(c - 1 for c in clauses)])
    while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in _DETS):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep")):
        hi -= 1
    span = doc[lo : hi + 1]
    if len(span) > MAX_QUANTITY or any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in span):
        return None
    party = describe(doc, span, ctx, pronouns=False)
    return party if any(t.is_alpha for t in span) else None


def _indefinite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another", "some") for c in tok.children)


def _bare_title(span: Span) -> bool:
    """A role word with no qualifier: 'the spokesman' is one; 'a source', 'officials' are not."""
    root = span.root
    if any(c.dep_ == "det" and c.lower_ not in ("the", "this", "that") for c in root.children):
        return False
    return len(span) == 1 and person_role(root.lemma_.lower()) and root.tag_ == "NN"


def _agrees(m: Mention, feats: dict[str, Any]) -> bool:
    if feats["person"] is True:
        return (
            m.kind in ("person", "unknown")
            and not m.plural
            and (m.gender is None or feats["gender"] is None or m.gender == feats["gender"])
        )
    if feats["person"] is False:  # it
        return m.kind in ("org", "place", "unknown", "group") and not m.plural
    # they: groups and organisations (which news writes as plural as often as singular)
    return m.plural or m.kind in ("org", "group")


def _resolve_pronoun(doc: Doc, tok: Token, feats: dict[str, Any], index: CorefIndex) -> Party | None:
    pron_quoted = index.in_quote(tok.idx)
    sent_start = tok.sent.start
    best: tuple[float, Mention] | None = None
    # the mentions within WINDOW tokens before the pronoun (sorted by start: no scan from the top)
    for m in index.mentions[bisect_left(index.mentions, tok.i - WINDOW, key=_start) :]:
        if m.start >= tok.i:
            break
        same_sentence = m.start >= sent_start
        if (
            not pron_quoted
            and index.in_quote(doc[m.start].idx)
            and not (same_sentence and tok.dep_ == "poss")
        ):
            continue  # a name inside reported words (but 'X is due to travel, his office said')
        if not _agrees(m, feats):
            continue
        if m.kind == "place" and not m.subject:
            continue  # 'in Yerevan' is a setting, not a speaker
        score = m.start + (SUBJECT_BONUS if m.subject else 0) + (SPEAKER_BONUS if m.speaker else 0)
        if same_sentence and m.subject:
            score += SAME_SENTENCE_BONUS
        if best is None or score >= best[0]:
            best = (score, m)
    if best is None:
        return None
    p = best[1].party
    return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="pronoun")


def _resolve_title(doc: Doc, span: Span, ctx: Context, index: CorefIndex) -> Party | None:
    """'the prime minister' -> the latest mention with that role; 'the ministry' -> the latest
    ministry named, or the ministry of the latest minister ('Russian Foreign Ministry')."""
    head = span.root
    lemma = head.lemma_.lower()
    phrase = " ".join(t.lower_ for t in span)
    # the mentions before the span, the nearest MAX_LOOKBACK of them (bounded: not quadratic)
    k = bisect_left(index.mentions, span.start, key=_start)
    before = index.mentions[max(0, k - MAX_LOOKBACK) : k]
    if body_noun(lemma):
        for m in reversed(before):
            if (
                m.kind in ("org", "group", "unknown")
                and lemma in m.text.lower()
                and m.party.name.lower() != phrase
            ):
                return _as_title(m.party)
        if lemma == "ministry":
            for m in reversed(before):
                for r in m.roles:
                    words = r.split()
                    if words and words[-1] == "minister" and len(words) > 1 and words[0] != "prime":
                        dept = " ".join(w.capitalize() for w in words[:-1])
                        nat = m.nationality or ""
                        return Party(
                            name=f"{nat} {dept} Ministry".strip(), kind="source", resolved_via="title"
                        )
        return None
    if person_role(lemma):
        for m in reversed(before):
            if m.kind not in ("person", "unknown"):
                continue
            if any(r == phrase or r.endswith(" " + phrase) or r.endswith(phrase) for r in m.roles):
                return _as_title(m.party)
        for e in ctx.entities:
            if any(d.lower().endswith(phrase) for d in e.descriptors):
                return ctx.entities.party(e, "title")
        # 'the regional governor said' in a lede, 'Governor Marta Quiroga' a paragraph later: the
        # one person anywhere in the article whose role ends in the same word
        holders = [
            e
            for e in ctx.entities
            if e.type == "PERSON" and any(d.lower().split()[-1:] == [lemma] for d in e.descriptors)
        ]
        if len(holders) == 1:
            return ctx.entities.party(holders[0], "title")
    return None


MAX_LOOKBACK = 2000  # mentions searched back for a title's antecedent


def _start(m: Mention) -> int:
    return m.start


def _as_title(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="title")
