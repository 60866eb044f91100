"""Framing: spans where the article takes a side, and the per-article slant summary.

Every sentence part is either the outlet's own voice or attributed speech (inside quotation
marks, a quote record, the complement of a reporting verb, a clause with a parenthetical 'the
governor said', or the clause an "according to" phrase covers). Cue lexicons
(``framing_labels``, ``framing_loaded``, ``framing_assertions``, ``framing_euphemisms``) find
labels, loaded words, euphemisms and contested assertions; the parse widens each cue to the
noun phrase or clause that carries the whole assertion; negated cues, cues inside a denial and
cues that only name a charge someone investigates or lists ('an inquiry into war crimes') are
dropped; cues in one phrase, or a few linked words apart, are merged into one record.
``slant`` then sums, per side, the claims the article reports, the cue verbs it uses for them
and the framing that favours or disfavours it.

Modules: ``cues`` (the lexicons compiled and matched), ``filters`` (hits that are no framing, and
reported-speech cues that are the outlet's words), ``spans`` (a cue widened to its phrase or
clause), ``sides`` (sides and the one a cue favours), ``merge`` (hits merged into records),
``summary`` (``slant``); ``extract`` is here.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from ...nlp import doc_text
from ...records import Context, Framing
from ..voice import VoiceMap
from .cues import (
    _PRIORITY,
    CUE_LEXICONS,
    Cue,
    Hit,
    _builtin_index,
    builtin_cues,
    compile_entries,
    cue_index,
    load_extra,
    match_cues,
)
from .filters import _mentioned, _name_epithet, _negated, _on_the_cue, _place_epithet
from .merge import _balance_quotes, _merge
from .sides import Sides, _favours
from .spans import widen
from .summary import _LAST, slant

__all__ = [
    "CUE_LEXICONS",
    "Cue",
    "Hit",
    "Sides",
    "VoiceMap",
    "builtin_cues",
    "compile_entries",
    "cue_index",
    "extract",
    "load_extra",
    "match_cues",
    "slant",
    "widen",
]


def _scare_hits(doc: Doc, voice: VoiceMap) -> list[Hit]:
    cue = Cue(
        words=(frozenset(),),
        technique="doubt",
        polarity="against",
        span="np",
        lexicon="scare-quotes",
        text="quoted label",
    )
    out: list[Hit] = []
    for s, e in voice.scare:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if not t.is_punct]
        out.append(Hit(cue=cue, start=words[0].i, end=words[-1].i + 1))
    return out


def extract(doc: Doc, ctx: Context, *, extra_lexicon: Path | None = None) -> list[Framing]:
    """Framing records found in ``doc``: labels, loaded words and contested assertions, each with
    its voice (outlet or source) and, where clear, the side it favours.

    ``extra_lexicon`` names a user YAML file of more cues (same entry format as the shipped
    ``framing_*`` lexicons), used on top of them.
    """
    cues: list[Cue] = list(builtin_cues())
    index = _builtin_index()  # the shipped cues' index, built once per process
    if extra_lexicon is not None:
        cues += load_extra(extra_lexicon)
        index = cue_index(cues)
    voice = VoiceMap(doc, ctx)
    sides = Sides(doc, ctx)
    _LAST.state = (doc, ctx, ctx.quotes, ctx.entities, voice, sides)
    hits: list[Hit] = []
    for hit in [*match_cues(doc, cues, index=index), *_scare_hits(doc, voice)]:
        if not hit.cue.keep_negated and _negated(doc, hit):
            continue
        if hit.cue.lexicon != "scare-quotes" and _mentioned(doc, hit):
            continue
        first, last = doc[hit.start], doc[hit.end - 1]
        in_scare = any(s <= first.idx < e for s, e in voice.scare)
        src = voice.is_source(first.idx, last.idx + len(last.text)) and not in_scare
        if (
            src
            and (
                _place_epithet(last)
                or (hit.cue.technique == "name_calling" and _name_epithet(last))
                or _on_the_cue(doc, hit)
            )
            and not voice.in_quotation(first.idx, last.idx + len(last.text))
        ):
            # 'released in the occupied West Bank, the service said', 'a raid by the terrorist
            # group al-Shabaab, officials said', 'said, without evidence, that': the outlet's words
            src = False
        hit.voice = "source" if src else "outlet"
        hit.span = widen(doc, hit)
        hit.favours = _favours(doc, hit, sides)
        hit.reasons = [f"{hit.cue.lexicon}: {hit.cue.text}"]
        hit.techniques = [hit.cue.technique]
        hits.append(hit)
    records: list[Framing] = []
    for h in _merge(doc, hits):
        lo, hi = h.span
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        start, end = _balance_quotes(doc_text(doc), start, end)
        technique = min(h.techniques, key=_PRIORITY.index)
        records.append(
            Framing(
                text=doc_text(doc)[start:end],
                technique=technique,  # type: ignore[arg-type]
                voice=h.voice,  # type: ignore[arg-type]
                span=(start, end),
                favours=h.favours,
                reason="; ".join(h.reasons),
            )
        )
    return records
