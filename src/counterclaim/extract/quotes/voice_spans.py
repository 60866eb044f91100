"""Voice spans: the character ranges that are someone's words or view by the parse alone
(``attributed``), which ``extract.voice`` counts as attributed speech with the quotes' own
contents."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...nlp import token_lemma_lowers, token_lowers, token_pos_dep
from ...records import Span
from .. import grammar, voice, who

# reporting-verb forms the tagger sometimes reads as nouns ('whom groups accuse of ...')
_VERB_FORMS = frozenset({"accuse", "accuses", "accused", "says", "said", "told", "alleges", "insists"})


def _as_clause(tok: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "as" for m in tok.children)


def _subtree_chars(tok: Token) -> Span:
    """Characters from the first to the last token of ``tok.subtree`` (in its order, which a
    non-projective parse can make differ from the left and right edges)."""
    first = last = tok
    while (left := next(first.lefts, None)) is not None:
        first = left  # the subtree opens with its first left child's subtree
    while rights := list(last.rights):
        last = rights[-1]  # and closes with its last right child's
    return first.idx, last.idx + len(last)


def _find(words: list[str], phrase: tuple[str, ...]) -> int | None:
    """Where ``phrase`` first occurs in ``words``, or None."""
    n = len(phrase)
    if not n:
        return 0
    first = phrase[0]
    for i in [i for i, w in enumerate(words) if w == first]:  # where it may start, in order
        if i + n > len(words):
            return None
        if tuple(words[i : i + n]) == phrase:
            return i
    return None


def attributed(doc: Doc, outlet: str | None = None) -> list[Span]:
    """Character ranges that are someone's words or view by the parse alone: complements of the
    reporting, labelling and stance verbs (``grammar.voice_cue``), the host clause of an inserted
    'the governor said', and sentences carrying an attribution phrase ('according to X'). With
    the quotes' own contents these are what ``extract.voice`` counts as attributed speech. What
    the ``outlet`` itself reports ('DAILY POST reports that ...') is its own voice."""
    phrases, clause_scoped = grammar.attribution_phrases()
    out: list[Span] = []
    lowers, lemmas = token_lowers(doc), token_lemma_lowers(doc)
    pos = token_pos_dep(doc)[0]
    cues = grammar.voice_cues()  # (keyed by lower-case lemma, as the lemma column is)
    for i in [i for i, p in enumerate(pos) if p in ("VERB", "AUX") or lowers[i] in _VERB_FORMS]:
        verb = pos[i] in ("VERB", "AUX") and lemmas[i] in cues
        if not (verb or lowers[i] in _VERB_FORMS):
            continue
        tok = doc[i]
        subj = [c.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(who.is_outlet(doc[i], outlet) for i in subj):
            continue
        subordinate = any(c.dep_ == "mark" for c in tok.children)
        for child in tok.children:
            keep = (
                child.dep_ in ("ccomp", "xcomp", "oprd", "dobj", "attr")
                or (child.dep_ == "prep" and child.lower_ in ("of", "as"))
                or (child.dep_ == "advcl" and _as_clause(child))  # 'described the town as liberated'
            )
            if keep and child.i < tok.i and (subordinate or not subj or min(subj) < child.i):
                keep = False  # a clause before the verb is its content only in 'X, officials said'
            if keep:
                out.append(_subtree_chars(child))
        if tok.dep_ == "parataxis" and subj and tok.i < tok.head.i:
            # 'The rebels, the governor said, are bandits': the whole host clause is the content
            out.append(_subtree_chars(tok.head))
    for sent in doc.sents:
        low = lowers[sent.start : sent.end]
        words = set(low)
        for ph in phrases:
            if ph and ph[0] not in words:
                continue  # cannot occur in this sentence
            at = _find(low, ph)
            if at is not None:
                start = voice.phrase_scope(sent[at]) if ph in clause_scoped else sent.start
                out.append((sent.doc[start].idx, sent.end_char))
                break
    return out
