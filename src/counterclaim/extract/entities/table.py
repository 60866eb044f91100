"""The entity table (``extract``): the passes in order, then each cluster's type, canonical name,
aliases and spans as one ``Entity``."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...nlp import doc_text, token_lowers
from ...records import Context, Entity, EntityTable, hash_id
from .attributes import _attributes
from .clusters import _acronym, _Cluster, _other_clusters, _person_clusters
from .known import (
    _acronym_appositions,
    _drop_capitalised_common_words,
    _find_again,
    _institution_mentions,
    _known_groups,
    _known_organisations,
    _known_states,
    _named_by_org_noun,
    _natural_features,
    _noise_mention,
    _reporter,
)
from .local import _apply_local, _learn_local, _Local, _titlecase
from .mentions import _appos_tokens, _ner_pieces, _Piece, _raw_mentions
from .merges import (
    _capitals,
    _merge_acronyms,
    _merge_appositions,
    _merge_known_as,
    _merge_known_names,
    _merge_place_variants,
    _merge_plural_groups,
    _merge_short_forms,
    _norp_to_states,
)
from .noise import _inside, noise_spans
from .retype import _fix_types
from .words import (
    _MISC,
    COUNTRY_OF_ADJ,
    COUNTRY_OF_CAPITAL,
    COUNTRY_OF_NAME,
    DESCRIPTIVE_TAILS,
    FACILITY_NOUNS,
    GOV_WORDS,
    GROUP_HEADS,
    GROUP_NAMES,
    ORG_HEADS,
    PLACE_NOUNS,
)

_GROUP_PREFIXES = tuple(g + " " for g in GROUP_NAMES)  # a known group's name opening a longer one


def _group_type(name: str, label: str) -> str:
    low = name.lower()
    if label == "ORG" and (
        low in GROUP_NAMES
        or low.split()[-1] in GROUP_HEADS
        or low.startswith(_GROUP_PREFIXES)  # 'Islamic State West Africa Province'
    ):
        return "GROUP"
    return label


def _canonical(c: _Cluster) -> str:
    counts = Counter([m.text for m in c.mentions])
    if c.label == "PERSON":
        first: dict[str, int] = {}  # each form's first start
        for m in c.mentions:
            if m.start < first.get(m.text, m.start + 1):
                first[m.text] = m.start
        return max(counts, key=lambda f: (len(f.split()), counts[f], -first[f]))
    states = [f for f in counts if f.lower() in COUNTRY_OF_NAME]
    if states:
        return COUNTRY_OF_NAME[max(states, key=counts.__getitem__).lower()] if c.label == "GPE" else states[0]
    plain = [f for f in counts if not f.isupper() and f.split()[-1].lower() not in GOV_WORDS] or list(counts)
    # a proper name beats a description ('UNRWA', not 'UN agency'; 'Security Service of Ukraine')
    proper = [f for f in plain if f.split()[-1][:1].isupper()]
    if not proper and c.label in ("ORG", "GROUP"):
        proper = [f for f in counts if _acronym(f)]
    return max(proper or plain, key=lambda f: (counts[f], len(f)))


def _label(c: _Cluster) -> str:
    if c.label in ("PERSON", "NORP"):
        return c.label
    if c.mentions[0].text.split()[-1].lower() in FACILITY_NOUNS:
        return "FAC"  # 'Umayyad Mosque', 'Hakari bridge'
    acronym = {f: _acronym(f) for f in c.forms()}  # asked once per form
    ner_labels = {m.label for m in c.mentions}
    if (
        any(m.place for m in c.mentions)
        and not any(w in ORG_HEADS or w in GROUP_HEADS for f in acronym for w in f.lower().split())
        and ner_labels <= {"ORG", "GPE"}
        and not any(acronym.values())
        and not c.inst
        and not any(m.actor for m in c.mentions)
    ):
        return "GPE"  # read as a place somewhere and never as an actor
    votes = Counter(
        "ORG" if acronym[m.text] and m.via != "dateline" else m.label
        for m in c.mentions
        if m.label != "NORP"
    )
    votes["GPE"] += sum(1 for m in c.mentions if m.place and m.label in ("ORG", "FAC"))
    if not votes:
        return "NORP"
    order = {"GPE": 0, "LOC": 1, "ORG": 2, "FAC": 3}
    label = max(votes, key=lambda lb: (votes[lb], -order.get(lb, 9)))
    return "ORG" if label == "FAC" and c.inst else label


def _without_tail(name: str) -> str:
    """An organisation's name without what describes it ('RIA state news agency' -> 'RIA'). A
    connector the tagger left at its end ('UN Office for') stays: the who layer joins such a
    name to the rest the tagger cut off."""
    words = name.split()
    for k in range(1, len(words)):
        tail = words[k:]
        if all(w.islower() for w in tail) and " ".join(tail) in DESCRIPTIVE_TAILS:
            return " ".join(words[:k])
    return " ".join(words)


def extract(doc: Doc, ctx: Context) -> EntityTable:
    """The article's entity table: one ``Entity`` per real-world entity, every mention's span."""
    credits, captions = noise_spans(doc_text(doc))
    pieces = _ner_pieces(doc, credits)
    local = _learn_local(doc, pieces, credits)
    COUNTRY_OF_NAME.local = {**local.states}
    COUNTRY_OF_ADJ.local = {**local.adjs}
    COUNTRY_OF_CAPITAL.local = {**local.capitals}
    try:
        return _extract(doc, ctx, local, pieces, credits, captions)
    finally:
        COUNTRY_OF_NAME.local = {}
        COUNTRY_OF_ADJ.local = {}
        COUNTRY_OF_CAPITAL.local = {}


def _extract(
    doc: Doc,
    ctx: Context,
    local: _Local,
    pieces: list[_Piece],
    credits: list[tuple[int, int]],
    captions: list[tuple[int, int]],
) -> EntityTable:
    appos = _appos_tokens(doc)
    ms = _apply_local(doc, _raw_mentions(doc, pieces), local, appos)
    _fix_types(doc, ms)
    ms = _find_again(doc, ms)
    ms = _institution_mentions(doc, ms)
    ms = [m for m in ms if m.label not in _MISC]
    ms = _known_groups(doc, ms)
    ms = _known_organisations(doc, ms)
    ms = _named_by_org_noun(doc, ms)
    ms = _acronym_appositions(doc, ms)
    ms = _natural_features(doc, ms)
    ms = _known_states(doc, ms)
    lowers = token_lowers(doc)
    ms = [m for m in ms if not _noise_mention(doc, lowers, m, credits) and not _reporter(m, ctx)]
    ms = _drop_capitalised_common_words(doc, ms)
    clusters = _person_clusters(ms) + _other_clusters(doc, ms)
    clusters = _merge_acronyms(doc, clusters)
    clusters = _merge_known_names(clusters)
    clusters = _merge_place_variants(clusters)
    clusters = _merge_short_forms(clusters)
    clusters = _merge_plural_groups(doc, clusters)
    clusters = _merge_appositions(doc, clusters)
    clusters = _merge_known_as(doc, clusters)
    clusters = _capitals(doc, clusters)
    clusters = _norp_to_states(doc, clusters)
    _attributes(doc, clusters, appos)
    entities: list[Entity] = []
    for c in clusters:
        if not c.mentions or (captions and all(_inside(m.start, m.end, captions) for m in c.mentions)):
            continue  # named only in a photo caption
        label = _label(c)
        name = _canonical(c)
        label = _group_type(name, label)
        words = name.split()
        if label in ("GPE", "LOC") and len(words) > 1 and words[-1] in PLACE_NOUNS:
            name = " ".join(words[:-1])  # 'Bahri district' is Bahri; the full form stays an alias
        elif label in ("ORG", "GROUP"):
            name = _without_tail(name)  # 'Reuters news agency' is Reuters
        if any(m.via == "dateline" for m in c.mentions):
            if name.isupper() and sum(ch.isalpha() for ch in name) > 3:
                name = _titlecase(name)  # 'MERENSK' opening the text is the city Merensk
            if local.region is not None and not c.affiliation and label == "GPE":
                region = doc[local.region[0] : local.region[1]].text
                c.affiliation = COUNTRY_OF_NAME.get(region.lower(), region)  # 'ARDEN, Lormark': Lormark's
        aliases = [
            f
            for f in dict.fromkeys(
                m.text for m in c.mentions if not (m.label == "NORP" and c.label != "NORP")
            )
            if f != name
        ]
        gender = c.gender_votes.most_common(1)[0][0] if c.gender_votes else None
        spans = sorted({(m.start, m.end) for m in c.mentions})
        entities.append(
            Entity(
                id=hash_id(ctx.article.id, name, label, prefix="e_"),
                name=name,
                type=label,  # type: ignore[arg-type]
                aliases=aliases,
                mentions=spans,
                descriptors=c.descriptors,
                affiliation=c.affiliation or (c.country if c.label != "GPE" else None),
                gender=gender,  # type: ignore[arg-type]
                reason="entities: " + "; ".join(dict.fromkeys(c.reasons)),
            )
        )
    entities.sort(key=lambda e: e.mentions[0])
    return EntityTable(entities)
