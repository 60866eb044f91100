"""Framing filters: which cue hits are no framing (negated, denied, or only naming a charge
someone investigates), and which cues in reported speech are still the outlet's words (an
epithet on a place or a name, a comment on the reporting verb).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ... import lexicons
from ...nlp import token_lowers
from ..grammar import name_head, voice_cue
from .cues import Hit, _named

_DENIAL = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disprove", "debunk"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "pobj", "prep"})


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
