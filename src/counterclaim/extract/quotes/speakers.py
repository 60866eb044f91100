"""Speakers: the token that speaks for a reporting verb (its subject, a passive's agent, the
source a relay cites, the subject of the clause a participle hangs from, a misparsed subject
found loosely), and its ``Party`` as ``extract.who`` resolves it, in text order once every
quote is known."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Party
from .. import grammar, who
from ..grammar import cue_info
from .bounds import with_speaker
from .state import Run


def resolve(st: Run) -> None:
    """Resolve every speaker in text order, with all quote contents known: a name inside
    someone's reported words is never the antecedent of a speaker's pronoun."""
    # direct quotes are already there segment by segment (a merged one spans its cue)
    spans = {q.content_span for q in st.quotes if q.content_span and q.kind != "direct"}
    st.index.quoted = sorted(set(st.index.quoted) | spans | set(st.blocks))
    for i in sorted(range(len(st.quotes)), key=lambda i: st.quotes[i].span[0]):
        st.quotes[i].speaker = speaker_party(st, st.speakers[i])


def speaker_of(st: Run, verb: Token) -> Token | None:
    """The subject of a reporting verb. Participles and conjoined verbs without a subject
    ('..., saying that', '... and insisted that') take the subject of the clause they hang
    from, skipping clauses that are themselves reported content."""
    relayed = relayed_source(verb)
    if relayed is not None:
        return relayed
    held = with_speaker(verb)
    if held is not None:
        return held  # 'with witnesses telling AFP they heard ...'
    v = verb
    via_conj = False
    for _ in range(6):
        subj = subject_of(v)
        if subj == "none":
            return None
        if isinstance(subj, Token) and st.quoted_tok[subj.i]:
            # a misparse gave the verb a second subject inside the quotation: the one outside speaks
            subj = next(
                (c for c in v.children if c.dep_ in who.SUBJECT_DEPS and not st.quoted_tok[c.i]), subj
            )
        if via_conj and v.dep_ in ("advcl", "xcomp", "acl") and cue_info(v.lemma_) is None:
            subj = None  # 'urged citizens to sign up as volunteers ... and claimed': not 'volunteers'
        if isinstance(subj, Token) and (v.i == verb.i or cue_info(v.lemma_) is not None or not reported(v)):
            return subj
        via_conj = v.dep_ == "conj"
        if v.dep_ == "relcl":
            return v.head
        if v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and v.i != verb.i:
            v = v.head  # 'urged citizens to sign up as volunteers ... and claimed': up to the verb
            continue
        if v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "pobj", "prep") and v.head.i != v.i:
            v = v.head
            continue
        return subj if isinstance(subj, Token) else loose_subject(st, verb)
    return None


def relayed_source(verb: Token) -> Token | None:
    """'Interfax reported, citing a source in the ministry, that ...': the source an agency (or
    anyone) cites speaks, not the one who relays it."""
    for c in verb.children:
        if c.dep_ not in ("advcl", "xcomp") or c.tag_ != "VBG":
            continue  # (the parse first: most children fail it, and the lexicon is not read)
        if (grammar.voice_cue(c.lemma_) or {}).get("relay"):
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    return None


def subject_of(v: Token) -> Token | str | None:
    """v's subject token; the agent of a passive; "none" for 'it was reported that'."""
    subj: Token | None = None
    agent: Token | None = None
    for c in v.children:  # the first subject and the first agent, in one walk
        dep = c.dep_
        if subj is None and dep in who.SUBJECT_DEPS:
            subj = c
        elif agent is None and dep == "agent":
            agent = c
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if pobj is not None and (subj is None or subj.dep_ == "nsubjpass"):
        return pobj
    if (
        subj is not None
        and subj.dep_ == "nsubjpass"
        and subj.lower_ == "it"
        and any(c.dep_ == "ccomp" for c in v.children)
    ):
        return "none"
    if subj is not None and v.dep_ == "relcl" and subj.lower_ in ("who", "which", "that"):
        return v.head
    return subj


def reported(v: Token) -> bool:
    """True when v sits inside the content clause of a reporting verb."""
    t = v
    while t.head.i != t.i:
        if t.dep_ == "ccomp" and cue_info(t.head.lemma_) is not None:
            return True
        t = t.head
    return False


def loose_subject(st: Run, verb: Token) -> Token | None:
    """A misparsed subject ('In Goris, Artur Sargsyan, who runs ..., said'): the last name
    or noun before the verb in its sentence that is no other verb's argument."""
    best: Token | None = None
    for t in verb.sent:
        if t.i >= verb.i:
            break
        if t.pos_ not in ("PROPN", "NOUN") or t.dep_ in ("compound", "poss", "amod", "nmod"):
            continue
        h, ok = t.head, True
        while h.i != verb.i and h.head.i != h.i:
            if h.pos_ in ("VERB", "AUX"):
                ok = False
                break
            h = h.head
        if ok:
            best = t
    if best is None and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # 'Kasich offered the man a job, then says he ...' parsed with the first clause as a
        # ccomp of 'says': its subject is the speaker
        for c in verb.lefts:
            if c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX"):
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
                    best = subj
    return best


def speaker_party(st: Run, speaker: Token | None) -> Party:
    """The party a speaker token denotes (noted in the who index for later mentions)."""
    if speaker is None:
        return Party.unknown()
    party = who.resolve_mention(st.doc, speaker, st.ctx, index=st.index)
    if party is None:
        return Party.unknown()
    if party.resolved_via not in ("pronoun", "continuation"):
        person = (
            speaker.ent_type_ == "PERSON"
            or grammar.person_role(speaker.lemma_)
            or st.index.kind_at(speaker.i) == "person"
        )
        kind = "person" if person else "group"
        st.index.note(party, speaker, kind=kind, plural=speaker.tag_ in ("NNS", "NNPS"))
    return party
