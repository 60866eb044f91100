"""Resolution: the party a mention denotes (names, pronouns, titles, documents, descriptions)."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...nlp import sent_bounds
from ...records import Context, Party
from ..grammar import (
    DETS,
    body_noun,
    definite_bare,
    document_noun,
    generic_person,
    movement_noun,
    name_head,
    noun_phrase,
    person_role,
    pronoun_features,
    quantity_noun,
    role_table,
    timestamp,
)
from ..grammar import (
    not_party as _not_party,
)
from .index import CorefIndex, Mention, author_of, build_index, mention_start
from .naming import describe, entity_party, is_outlet, name_party
from .sides import side_of

# how far back (tokens) a pronoun looks, and how much nearer a clause subject counts
WINDOW = 400
SUBJECT_BONUS = 60
SPEAKER_BONUS = 15
SAME_SENTENCE_BONUS = 50

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
    # the answer depends on the mention, the index as it stands and the context: worked out once
    memo = index.answers(ctx)
    key = mention.i if isinstance(mention, Token) else (mention.start, mention.end)
    if key in memo:
        hit = memo[key]
    else:
        hit = memo[key] = _resolve(doc, mention, ctx, index)
    return None if hit is None else Party(hit.name, hit.entity_id, hit.kind, hit.resolved_via)


def _resolve(doc: Doc, mention: Token | Span, ctx: Context, index: CorefIndex) -> Party | None:
    tok = mention.root if isinstance(mention, Span) else mention
    low = tok.lower_
    feats = pronoun_features(low)
    if feats is not None and tok.pos_ == "PRON":
        main = main_clause_subject(tok)
        if main is not None:  # 'Five police vehicles were travelling when they were ambushed'
            hit = resolve_mention(doc, main, ctx, index=index)
            if hit is not None:
                return _as_pronoun(hit)
        return _resolve_pronoun(doc, tok, feats, index)
    if tok.pos_ == "PRON":
        return None
    if timestamp(tok):
        # '18:45 GMT — President X, in a video address, said': the name set beside the stamp
        named = next((c for c in tok.children if c.dep_ == "appos" and name_head(c)), None)
        return resolve_mention(doc, named, ctx, index=index) if named is not None else None
    if is_outlet(tok, ctx.article.outlet):
        return Party.outlet(ctx.article.outlet)  # 'DAILY POST reports that ...' in Daily Post
    if tok.pos_ in ("NOUN", "ADJ", "DET") and (_not_party(tok.lemma_) or _not_party(tok.lower_)):
        owner = owner_of(tok)
        if owner is not None:  # 'UN estimates', 'the army's count': whose they are
            return resolve_mention(doc, owner, ctx, index=index)
        return None  # 'Photos showed ...', 'both sides said': nothing that can claim
    if len(ctx.entities) and tok.pos_ in ("PROPN", "NOUN"):
        e = ctx.entities.at(tok.idx, tok.idx + len(tok.text))
        if e is not None and e.type != "NORP" and (tok.pos_ == "PROPN" or e.type in ("PERSON", "ORG")):
            return entity_party(e, noun_phrase(tok).text, ctx)
    if document_noun(tok) and tok.pos_ == "NOUN":
        author = author_of(tok)
        if author is not None:
            return resolve_mention(doc, author, ctx, index=index)
        # 'the statement said', 'said the handout': the author of the last document named, or
        # the body that spoke last; an indefinite one ('a report said') stays to the caller
        return None if _indefinite(tok) else _document_author(doc, tok, index)
    if tok.pos_ == "NUM" or tok.pos_ in ("NOUN", "ADJ", "PROPN") and quantity_noun(tok.lemma_):
        return _quantity_party(doc, tok, ctx)  # 'Six in 10 said', 'half of the residents said'

    # a role noun with a name in apposition: 'the region's ombudsman, Gegham Stepanyan'
    names = [c for c in tok.children if c.dep_ == "appos" and name_head(c)] if tok.pos_ == "NOUN" else []
    if not names and tok.pos_ == "NOUN" and person_role(tok.lemma_.lower()):
        # 'A spokeswoman for a civil society group, Bertide Horace, said': the parser hangs the
        # person's name on the group; a person's name there is the role holder's
        names = [
            a
            for p in tok.children
            if p.dep_ == "prep"
            for o in p.children
            if o.dep_ == "pobj"
            for a in o.children
            if a.dep_ == "appos" and _person_name(a, ctx)
        ]
    if names:
        # 'An army spokesman, Col. Andrés Paz, said': the parser may hang the title on its own
        titles = role_table()["honorific"]
        names = [c for c in names if c.lower_.rstrip(".") not in titles] or names
        named = next((c for c in names if c.ent_type_ == "PERSON"), names[-1])
        return name_party(doc, noun_phrase(named), ctx)
    span = mention if isinstance(mention, Span) and len(mention) > 1 else noun_phrase(tok)
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return name_party(doc, span, ctx)
    if tok.pos_ in ("NOUN", "ADJ"):
        if (definite_bare(span) and not _indefinite(tok)) or _bare_title(span):
            hit = _resolve_title(doc, span, ctx, index)
            if hit is not None:
                return hit
        named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
        if movement_noun(tok.lemma_) and _definite(tok) and not named:
            # 'the Iran-backed terror group said': a description of the group named before
            hit = _last_group(doc, span, ctx, index)
            if hit is not None:
                return hit
        # a title with no holder in sight ('the governor said') is named by its words
        return describe(doc, span, ctx)
    return None


MAX_QUANTITY = 12  # tokens: longer number phrases are clauses, not speakers


def _person_name(tok: Token, ctx: Context) -> bool:
    """``tok`` heads a person's name: tagged or tabled as one, or a proper noun no one took for a
    place or a body ('Bertide Oriol', which the tagger does not know)."""
    if tok.ent_type_ == "PERSON":
        return True
    ent = ctx.entities.at(tok.idx, tok.idx + len(tok.text)) if len(ctx.entities) else None
    if ent is not None:
        return ent.type == "PERSON"
    return tok.pos_ == "PROPN" and not tok.ent_type_


def owner_of(tok: Token) -> Token | None:
    """The party a thing that cannot speak belongs to: 'UN estimates', 'the army's count',
    'Russia's figures' (a name or a body before it, or its possessor); None when no one owns it."""
    for c in tok.children:
        if c.i > tok.i:
            continue
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
        if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP")):
            return c
    return None


def _quantity_party(doc: Doc, tok: Token, ctx: Context) -> Party | None:
    """A number phrase as a described group: 'Six in 10 voters', 'half of the residents'."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    # a clause hanging from the phrase ('voters going to the polls Tuesday') is cut off
    clauses = [
        t.left_edge.i for t in doc[tok.i + 1 : hi + 1] if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"
    ]
    hi = min([hi, *(c - 1 for c in clauses)])
    while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in DETS):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep")):
        hi -= 1
    span = doc[lo : hi + 1]
    if len(span) > MAX_QUANTITY or any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in span):
        return None
    party = describe(doc, span, ctx, pronouns=False)
    return party if any(t.is_alpha for t in span) else None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


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
    if feats["person"] is False:  # it: a body even when its noun is plural ('police', 'armed forces')
        return m.kind == "org" or m.kind in ("place", "unknown", "group") and not m.plural
    # they: groups and organisations (which news writes as plural as often as singular), and a
    # source the article does not name ('a local military official told AFP ... they said')
    return m.plural or m.kind in ("org", "group") or _singular_they(m)


def _singular_they(m: Mention) -> bool:
    return m.kind == "person" and not m.named and m.gender is None and m.speaker


def main_clause_subject(tok: Token) -> Token | None:
    """The subject of the main clause a pronoun's time clause hangs from, when they agree: 'Five
    police vehicles were travelling through Aguililla when they were ambushed' (the subject goes
    on; a name or a title is left to the index, which weighs the whole context)."""
    feats = pronoun_features(tok.lower_)
    verb = tok.head
    if feats is None or tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl":
        return None
    marks = role_table()["time_mark"]
    if not any(c.dep_ in ("advmod", "mark") and c.lower_ in marks for c in verb.children):
        return None
    main = verb.head
    subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > tok.i or subj.pos_ != "NOUN":
        return None
    poss = next((c for c in subj.children if c.dep_ == "poss" and c.tag_ in ("NNS", "NNPS")), None)
    if poss is not None and subj.tag_ != "NNS" and feats["number"] == "pl":
        return poss  # "The rebels' advance gathered pace after they captured Aleppo"
    plural = subj.tag_ == "NNS"
    if feats["number"] == "pl" and plural:
        return subj
    if feats["person"] is False and feats["number"] != "pl" and not plural and not person_role(subj.lemma_):
        return subj
    return None


def _resolve_pronoun(doc: Doc, tok: Token, feats: dict[str, Any], index: CorefIndex) -> Party | None:
    pron_quoted = index.in_quote(tok.idx)
    sent_start = sent_bounds(doc, tok.i)[0]  # ``tok.sent.start``
    best: tuple[float, Mention] | None = None
    # the mentions within WINDOW tokens before the pronoun (sorted by start: no scan from the top)
    possessive = tok.dep_ == "poss"
    mentions = index.mentions
    lo = bisect_left(mentions, tok.i - WINDOW, key=mention_start)
    for m in mentions[lo : bisect_left(mentions, tok.i, lo=lo, key=mention_start)]:
        if not _agrees(m, feats):  # the cheap tests first
            continue
        if m.kind == "place" and not (m.subject or m.possessor):
            continue  # 'in Yerevan' is a setting, not a speaker ("Israel's strikes" is an actor)
        same_sentence = m.start >= sent_start
        if not pron_quoted and not (same_sentence and possessive) and index.in_quote(doc[m.start].idx):
            continue  # a name inside reported words (but 'X is due to travel, his office said')
        score = m.start + (SUBJECT_BONUS if m.subject else 0) + (SPEAKER_BONUS if m.speaker else 0)
        if feats["number"] == "pl" and not m.plural and m.kind == "person":
            score -= SUBJECT_BONUS  # singular 'they' only when no group is as near
        if same_sentence and m.subject:
            score += SAME_SENTENCE_BONUS
        if best is None or score >= best[0]:
            best = (score, m)
    if best is None:
        best = _host_subject(doc, tok, feats, index)
    if best is None:
        return None
    return _as_pronoun(best[1].party)


def _host_subject(
    doc: Doc, tok: Token, feats: dict[str, Any], index: CorefIndex
) -> tuple[float, Mention] | None:
    """'The Haitian government has deployed police units, it said Friday': with no antecedent
    before the sentence, a pronoun speaker set after its report is that report's subject."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i <= tok.sent.start or feats["number"] == "pl":
        return None  # 'Russian forces shelled the city, they said': 'they' is seldom the forces
    for m in index.mentions[bisect_left(index.mentions, tok.sent.start, key=mention_start) :]:
        if m.start >= tok.i:
            break
        head = doc[m.start : m.end].root
        if m.subject and _agrees(m, feats) and head.tag_ not in ("NNS", "NNPS") and head.head.i < tok.i:
            return (0.0, m)
    return None


def _resolve_title(doc: Doc, span: Span, ctx: Context, index: CorefIndex) -> Party | None:
    """'the prime minister' -> the latest mention with that role; 'the ministry' -> the latest
    ministry named, or the ministry of the latest minister ('Russian Foreign Ministry')."""
    head = span.root
    lemma = head.lemma_.lower()
    phrase = " ".join(t.lower_ for t in span)
    before = _before(index, span.start)
    if body_noun(lemma):
        for m in reversed(before):
            if (
                m.kind in ("org", "group", "unknown")
                and lemma in m.text.lower()
                and m.party.name.lower() != phrase
            ):
                return _as_title(m.party)
        if movement_noun(lemma):
            group = _last_group(doc, span, ctx, index)
            if group is not None:
                return group
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
        if generic_person(lemma):
            return _last_person(doc, span, index)
        return _topic_person(doc, span, index)
    return None


def _last_group(doc: Doc, span: Span, ctx: Context, index: CorefIndex) -> Party | None:
    """'the Iran-backed terror group', 'the movement': the last named organisation or group
    outside quotations, within the window; a state, a place or a state's own body (an army, a
    ministry) is not one. An armed group named only in reported words ("the IDF said it would
    strike Hezbollah ... the Iran-backed terror group fired") is the one described when no other
    is in sight."""
    in_quotes: Party | None = None
    for m in reversed(_before(index, span.start)):
        if span.start - m.start > WINDOW:
            break
        if not m.named or m.kind not in ("org", "group"):
            continue
        entity = ctx.entities.by_id(m.party.entity_id) if m.party.entity_id else None
        if entity is None or entity.type not in ("ORG", "GROUP") or _state_body(m.party, ctx):
            continue
        if not index.in_quote(doc[m.start].idx):
            return _as_title(m.party)
        if in_quotes is None and entity.type == "GROUP":
            in_quotes = m.party
    return _as_title(in_quotes) if in_quotes is not None else None


def _state_body(p: Party, ctx: Context) -> bool:
    """A body of a state (its army, a ministry): its side is a state other than itself."""
    side = side_of(p, ctx)
    if side is None or side.lower() == p.name.lower():
        return False
    state = ctx.entities.lookup(side)
    return state is None or state.type == "GPE"


def _topic_person(doc: Doc, span: Span, index: CorefIndex) -> Party | None:
    """'Julián Ochoa struck a more upbeat tone. ... the former commander said': a title nobody
    holds, right after one named person was the subject, is that person described anew."""
    sent = span.root.sent
    lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    people = {
        m.party.name: m
        for m in index.mentions
        if lo <= m.start < span.start
        and m.kind == "person"
        and m.named
        and m.subject
        and not m.plural
        and not index.in_quote(doc[m.start].idx)
    }
    if len(people) != 1:
        return None
    return _as_title(next(iter(people.values())).party)


def _last_person(doc: Doc, span: Span, index: CorefIndex) -> Party | None:
    """'the person', 'the source': the last person named or described outside quotations, within
    the pronoun window, agreeing in gender where the noun has one ('the woman')."""
    gender = role_table()["generic"].get(span.root.lemma_.lower())
    for m in reversed(_before(index, span.start)):
        if span.start - m.start > WINDOW:
            break
        if m.kind != "person" or m.plural or index.in_quote(doc[m.start].idx):
            continue
        if gender is None or m.gender in (None, gender):
            return _as_title(m.party)
    return None


def _document_author(doc: Doc, tok: Token, index: CorefIndex) -> Party | None:
    """The author a definite document noun stands for: the last document whose author is known,
    else the last organisation or group that spoke, outside quotations and within the window."""
    for m in reversed(_before(index, tok.i)):
        if tok.i - m.start > WINDOW:
            break
        if index.in_quote(doc[m.start].idx):
            continue
        if m.document or m.speaker and m.kind in ("org", "group"):
            return Party(name=m.party.name, entity_id=m.party.entity_id, kind="source", resolved_via="title")
    return None


MAX_LOOKBACK = 2000  # mentions searched back for a title's or document's antecedent


def _before(index: CorefIndex, start: int) -> list[Mention]:
    """The mentions before token ``start``, the nearest MAX_LOOKBACK of them (bounded: not quadratic)."""
    k = bisect_left(index.mentions, start, key=mention_start)
    return index.mentions[max(0, k - MAX_LOOKBACK) : k]


def _as_pronoun(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="pronoun")


def _as_title(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="title")
