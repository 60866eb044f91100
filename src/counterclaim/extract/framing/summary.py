"""The per-article slant summary: per side, the claims the article reports, the cue verbs it
uses for them and the outlet-voice framing that favours or disfavours it.
"""

from __future__ import annotations

import threading

from spacy.tokens import Doc

from ...records import Context, Framing, SideSlant, Slant
from ..voice import VoiceMap
from .sides import Sides

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
