"""The who layer's index: every place a party is named or described in one doc, in text order.

Built once per doc and cached while the doc lives (``build_index``); pronouns and titles are
resolved against it (``resolve``). Mention kinds and names come from the article's entity table
where it has the mention (its type beats the tagger's label), else from the parse.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...nlp import doc_text, token_pos_dep
from ...records import Context, Party
from ..grammar import (
    body_noun,
    collective_noun,
    definite_bare,
    document_noun,
    name_head,
    nationalities,
    noun_phrase,
    person_role,
    role_table,
)
from .cache import INDEX_KEY, doc_cache
from .naming import describe, name_party, named_party

NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


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
    possessor: bool = False  # "Israel's strikes": a place that owns an act is an actor, not a setting
    document: bool = False  # a statement, report or list standing for its author
    named: bool = True  # False for a described party ('a local military official')
    roles: tuple[str, ...] = ()  # lower-case role phrases: 'prime minister', 'adviser'
    nationality: str | None = None  # adjective before a title: 'Russian' in 'Russian Foreign Minister'
    text: str = ""


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the union of ``[s, e)`` spans, as disjoint ranges in order."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(sp for sp in spans if sp[0] < sp[1]):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def mention_start(m: Mention) -> int:
    """Sort key of the index: a mention's first token."""
    return m.start


@dataclass(slots=True)
class CorefIndex:
    """Candidate antecedents of one doc, in text order."""

    mentions: list[Mention] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # char spans inside quotation marks
    # ``quoted`` as sorted disjoint ranges (starts, ends), for the list it was worked out from
    _quote_bounds: tuple[list[tuple[int, int]], int, list[int], list[int]] | None = field(
        default=None, repr=False, compare=False
    )
    # ``resolve_mention``'s answers by mention, for the context, entity table, quoted spans and
    # number of mentions they were worked out with (a note or new quoted spans start afresh)
    _answers: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)

    def answers(self, ctx: Context) -> dict[Hashable, Party | None]:
        """The memo of ``resolve_mention`` answers for ``ctx`` and the index as it stands."""
        a = self._answers
        if (
            a is None
            or a[0] is not ctx
            or a[1] is not ctx.entities
            or a[2] is not self.quoted
            or a[3] != len(self.quoted)
            or a[4] != len(self.mentions)
        ):
            a = self._answers = (ctx, ctx.entities, self.quoted, len(self.quoted), len(self.mentions), {})
        return a[5]

    def note(self, party: Party, token: Token, *, kind: str = "person", plural: bool = False) -> None:
        """Record a resolved speaker at ``token`` so later pronouns can prefer it."""
        gender = role_table()["person"].get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
        m = Mention(
            token.i,
            token.i + 1,
            party,
            kind,
            plural=plural,
            gender=gender,
            subject=True,
            speaker=True,
            named=party.resolved_via != "collective",
            text=party.name,
        )
        insort(self.mentions, m, key=mention_start)  # = append and stable sort, without resorting each time

    def kind_at(self, i: int) -> str | None:
        """The kind of the mention covering token ``i`` ('person', 'org', ...), or None."""
        k = bisect_left(self.mentions, i + 1, key=mention_start)
        for m in reversed(self.mentions[max(0, k - 8) : k]):
            if m.start <= i < m.end:
                return m.kind
        return None

    def in_quote(self, char: int) -> bool:
        """True when the character offset lies inside a quotation."""
        bounds = self._quote_bounds
        if bounds is None or bounds[0] is not self.quoted or bounds[1] != len(self.quoted):
            bounds = self._quote_bounds = (self.quoted, len(self.quoted), *_union(self.quoted))
        starts, ends = bounds[2], bounds[3]
        k = bisect_right(starts, char) - 1
        return k >= 0 and char < ends[k]


# --- lexicons --------------------------------------------------------------------------------


def author_of(tok: Token) -> Token | None:
    """The author of a document noun: 'a statement from X', 'a list released by X', "X's figures"."""
    for c in tok.children:
        owner = (
            c.dep_ == "poss"
            or c.pos_ == "PROPN"
            or c.ent_type_ in ("ORG", "GPE", "NORP")
            or body_noun(c.lemma_)  # 'a coalition statement', 'the police handout'
        )
        if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN", "PRON") and c.i < tok.i and owner:
            return c  # "the ministry's statement", 'the Russian Defense Ministry statement', 'its summary'
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN") and not document_noun(obj):
                return obj
        if c.dep_ in ("acl", "relcl"):
            for g in c.children:
                if g.dep_ == "agent":
                    obj = next((h for h in g.children if h.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None



def build_index(doc: Doc, ctx: Context, *, quoted: list[tuple[int, int]] | None = None) -> CorefIndex:
    """Candidate antecedents of ``doc``: named mentions and common-noun subjects (cached).

    ``quoted`` gives the character spans inside quotation marks; mentions there are not used
    as antecedents of pronouns outside them. Without it, the content spans of ``ctx.quotes``
    (reported speech too) are used.
    """
    cached = doc_cache(doc).get(INDEX_KEY)
    if isinstance(cached, CorefIndex) and (quoted is None or cached.quoted == quoted):
        return cached
    if quoted is None and ctx.quotes:
        quoted = [q.content_span for q in ctx.quotes if q.content_span]
    elif quoted is None:
        from ..quotes import find_segments  # noqa: PLC0415  (quotes imports this module)

        quoted = [(s.cstart, s.cend) for s in find_segments(doc.text)]
    index = CorefIndex(quoted=list(quoted))
    seen: set[int] = set()
    pos, dep = token_pos_dep(doc)
    for ent in doc.ents:
        if ent.label_ not in NAMED:
            continue
        if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound"):
            continue  # an adjective: 'Armenian forces' is handled through its head noun
        m = _named_mention(doc, ent, ctx, pos)
        if m is not None:
            index.mentions.append(m)
            seen.update(range(ent.start, ent.end))
    for i in [i for i, d in enumerate(dep) if d in SUBJECT_DEPS]:
        if i in seen or pos[i] not in ("NOUN", "PROPN"):
            continue
        tok = doc[i]
        if tok.pos_ == "PROPN":
            span = noun_phrase(tok)
            party = name_party(doc, span, ctx)
            roles = _roles_of(span)
            index.mentions.append(
                Mention(
                    span.start,
                    span.end,
                    party,
                    # a name no tagger knew is a person when a person's title goes with it
                    # ('said Marthe Kolani, the group's country director')
                    "person" if roles else "unknown",
                    gender=_gender_of_roles(doc, span, roles) if roles else None,
                    subject=True,
                    roles=roles,
                    text=span.text,
                )
            )
            continue
        low = tok.lemma_.lower()
        if document_noun(tok):  # 'A statement from the office said ... It denied ...'
            author = author_of(tok)
            if author is not None:
                aspan = noun_phrase(author)
                aparty = (
                    name_party(doc, aspan, ctx)
                    if author.pos_ == "PROPN"
                    else describe(doc, aspan, ctx, pronouns=False)
                )
                index.mentions.append(
                    Mention(tok.i, tok.i + 1, aparty, "org", subject=True, document=True, text=aspan.text)
                )
            continue
        if not (body_noun(low) or collective_noun(tok.lower_) or person_role(low)):
            continue
        span = noun_phrase(tok)
        if any(c.dep_ == "appos" and name_head(c) for c in tok.children):
            continue  # 'the spokesman, Majed al-Ansari, said': the name is the mention
        if definite_bare(span):
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
                named=False,
                plural=tok.tag_ in ("NNS", "NNPS") or collective_noun(tok.lower_),
                gender=role_table()["person"].get(low),
                subject=True,
                roles=(span.text.lower(),) if kind == "person" else (),
                text=span.text,
            )
        )
    index.mentions.sort(key=lambda x: x.start)
    doc_cache(doc)[INDEX_KEY] = index
    return index


# entity type -> mention kind; the entity table's type beats the tagger's label (it has seen
# every mention of the name: 'Pavlo Kirilenko' tagged ORG once is still a person)
_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group", "GROUP": "group"}


def _named_mention(doc: Doc, ent: Span, ctx: Context, pos: list[str]) -> Mention | None:
    root = ent.root  # (spaCy works it out on every access)
    text = doc_text(doc)[ent.start_char : ent.end_char]  # ``ent.text``
    party = named_party(doc, ent, root, text, ctx)
    # the entity the party names ('Marthe Obiang, Open Hands Relief's' tagged as one name is the
    # person), else the one the span overlaps most
    entity = ctx.entities.by_id(party.entity_id) if party.entity_id and len(ctx.entities) else None
    if entity is None and len(ctx.entities):
        entity = ctx.entities.at(ent.start_char, ent.end_char)
    kind = _KIND.get(entity.type if entity is not None else ent.label_, "place")
    # no title when the word before cannot be part of one (``_title_tokens`` would stop there)
    title = _title_tokens(doc, ent.start) if ent.start and pos[ent.start - 1] in _TITLE_POS else []
    roles = _roles_of(ent, title, root)
    gender: str | None = None
    if entity is not None:
        roles = roles + tuple(d.lower() for d in entity.descriptors)
        gender = entity.gender
    if gender is None and kind == "person":
        gender = _gender_of_roles(doc, ent, roles)
    nationality = _nationality_before(doc, ent, title, root)
    plural = (
        kind == "group" and ent.label_ == "NORP"
        or ent[-1].tag_ == "NNPS"
        or (kind == "org" and collective_noun(ent[-1].lower_))
    )
    subject = root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)
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
        possessor=root.dep_ == "poss",
        text=text,
    )


_TITLE_POS = ("PROPN", "NOUN", "ADJ")


def _title_tokens(doc: Doc, start: int) -> list[Token]:
    """Title words right before a name: 'Armenian Prime Minister' before 'Nikol Pashinian'."""
    out: list[Token] = []
    i = start - 1
    while i >= 0 and len(out) < 6:
        t = doc[i]
        if t.is_punct and t.text != "." or t.is_space or t.ent_type_ == "PERSON":
            break
        if t.pos_ not in _TITLE_POS and not (t.text == "." and out):
            break
        out.insert(0, t)
        i -= 1
    return out


def _roles_of(
    span: Span, title_tokens: list[Token] | None = None, root: Token | None = None
) -> tuple[str, ...]:
    """Role phrases attached to a name: the title before it and the head of an apposition.
    ``title_tokens`` are ``_title_tokens(doc, span.start)`` and ``root`` is ``span.root`` when
    the caller has them."""
    doc = span.doc
    roles: list[str] = []
    if title_tokens is None:
        title_tokens = _title_tokens(doc, span.start)
    title = [t for t in title_tokens if t.text != "."]
    words = [t.lower_ for t in title]
    for j, w in enumerate(words):
        if person_role(w) or w.rstrip(".") in role_table()["honorific"]:
            roles.append(" ".join(x for x in words[: j + 1] if not nationalities().get(x)))
    if root is None:
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
    table = {**role_table()["person"], **role_table()["honorific"]}
    for r in roles:
        for w in r.split():
            g = table.get(w.rstrip("."))
            if g:
                return str(g)
    return None


def _nationality_before(doc: Doc, ent: Span, title_tokens: list[Token], root: Token) -> str | None:
    for t in title_tokens:
        if t.ent_type_ == "NORP" or t.lower_ in nationalities():
            return t.text
    for c in root.children:  # "Russia's Foreign Minister Lavrov"
        if c.dep_ == "poss" and c.ent_type_ == "GPE":
            return c.text
    return None


# --- naming phrases --------------------------------------------------------------------------
