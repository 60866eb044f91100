"""Figures: casualty and damage numbers, each tied to what it counts, whose losses, and who says so.

For every number in the parsed ``Doc`` (digits, "1.2 million", "5k", "twelve", "a dozen"; not
"hundreds of" or "dozens") the extractor

1. reads its value and qualifier ("at least", "over", "nearly", "between 20 and 30");
2. drops it when it measures something else (dates, years, ages, durations, money, percent,
   distances, scores, phone numbers) -- see ``lexicons/figure_exclusions.yaml``;
3. finds what it counts and the category over the dependency parse: the verb whose object or
   passive subject it is ("killed 12 people", "12 people were killed"), the intransitive verb
   whose subject it is ("12 people died"), the participle or adjective on its noun ("houses
   damaged", "people missing"), a loss noun ("12 deaths", "the death toll rose to 12"), or a
   linked figure it continues ("63 civilians were killed and 292 wounded", "including 10
   children", "the number rose to 98,625");
4. finds the claimant: the speaker of a covering quote (``ctx.quotes``), else "according to X",
   the subject of a reporting verb above the number ("X said ..."), a passive "reported by X",
   with pronouns and "the ministry" resolved to the last named speaker; else the outlet;
5. finds the party whose losses they are: nationality adjective or possessive on the counted noun,
   "their"/"its" resolved to the claimant, civilians reported by their own side's authorities;
6. dates it: the nearest date in the clause (``ctx.dates``), else the publication date.

Numbers with no loss category (``other``) are left out unless ``include_other=True``.

The rooms: ``numbers`` (1: values, ranges, qualifiers, and the per-number ``Num``),
``exclusions`` (2: the drop checks), ``analyse`` and ``categories`` (3: reading a number over
the parse; what verbs, modifiers and nouns say befell it), ``links`` (3: counts that continue
another), ``claimants`` with ``phrases`` (4: who says it; noun phrases and sides), ``party``
(5 and 6: whose losses, as of when); ``lexicon`` holds the word lists.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ...nlp import sent_bounds, sent_starts
from ...records import Context, Figure, Party
from .. import numbers as parse_numbers
from .analyse import analyse, mark_subset
from .categories import subject_text
from .claimants import (
    OUTLET_WORDS,
    Speaker,
    covering_quote,
    document_owner,
    find_claimant,
    more_specific,
    own_pronoun,
)
from .exclusions import excluded
from .lexicon import load_lex
from .links import link
from .numbers import LOSS_TAG, PART_TAG, UPDATE_TAG, Num, chunks, merge_ranges, qualify, verb_qualifier
from .party import figure_date, loss_verb_above, part_of_losses, state_map, whose_losses
from .phrases import side_from_name


def extract(doc: Doc, ctx: Context, *, include_other: bool = False) -> list[Figure]:
    """Figure records found in ``doc``: value, qualifier, category, subject, party, claimant, date.

    ``include_other`` keeps counts whose category is ``other`` (prisoners released, drones launched).
    """
    lex = load_lex()
    nums = merge_ranges(doc, chunks(doc, lex))
    # counts only: whole, not negative, within numbers.is_count's bound ('0.5 wounded', 1e22 are not)
    nums = [
        n for n in nums if all(parse_numbers.is_count(v) for v in (n.value, n.low, n.high) if v is not None)
    ]
    kept: list[Num] = []
    for num in nums:
        qualify(doc, num, lex)
        if excluded(doc, num, lex):
            continue
        mark_subset(doc, num)
        analyse(num, lex)
        verb_qualifier(num, lex)
        kept.append(num)
    starts = sent_starts(doc)  # the sentences cover the doc in order
    sent_of = {k: bisect.bisect_right(starts, n.toks[0].i) - 1 for k, n in enumerate(kept)}
    link(kept, sent_of)
    states = state_map(doc, ctx) if kept else {}
    figures: list[Figure] = []
    claim_of: dict[int, Speaker | None] = {}
    known: dict[int, Speaker | None] = {}  # claimants by head token, read once
    for k, num in enumerate(kept):
        if num.category is None or (num.category == "other" and not include_other):
            continue
        assert num.anchor is not None
        toks = sorted([*num.q_toks, *num.toks], key=lambda t: t.i)
        span = (toks[0].idx, num.toks[-1].idx + len(num.toks[-1]))
        fig_span = span
        if num.noun is not None and num.noun.i > num.toks[-1].i and num.noun.i - num.toks[-1].i <= 4:
            fig_span = (span[0], num.noun.idx + len(num.noun))
        qi = covering_quote(span, ctx)
        claimant, why_c = find_claimant(num, ctx, lex, known)
        if (
            qi is not None
            and not why_c.startswith(OUTLET_WORDS)
            and not more_specific(claimant, ctx.quotes[qi].speaker)
            and not own_pronoun(claimant, ctx.quotes[qi].speaker)
        ):
            # a covering quote's speaker, unless the parse names the same speaker more fully
            q = ctx.quotes[qi]
            qparty = document_owner(q.speaker, lex)
            side = side_from_name(qparty, ctx, lex)
            claimant = Speaker(q.span[0], qparty, "", False, side)
            why_c = f"in a quote of {q.speaker.name}"
        if claimant is None and num.link is not None and num.link in claim_of:
            claimant, why_c = claim_of[num.link], "claimant of the count it continues"
        claim_of[k] = claimant
        party, why_p = whose_losses(num, claimant, ctx, lex)
        weak = party is None or why_p == "losses reported by their own side"
        if weak and num.link is not None and kept[num.link].party:
            party, why_p = kept[num.link].party, "shared with the count it continues"
        party = states.get(party, party) if party else party
        num.party = party
        sent_start, sent_end = sent_bounds(doc, num.toks[0].i)
        as_of, _ = figure_date(num, span, doc[sent_start:sent_end], ctx)
        subject = num.subject or (subject_text(num.noun, lex) if num.noun is not None else "people")
        reason = f"{num.rule}; claimant: {why_c or 'the outlet (no source named)'}"
        if why_p:
            reason += f"; party: {why_p}"
        if num.update and UPDATE_TAG not in reason:
            reason += f" ({UPDATE_TAG})"
        if num.category == "casualties" and loss_verb_above(num.noun or num.anchor, lex) is not None:
            reason += f" ({LOSS_TAG})"
        if part_of_losses(num, lex):
            reason += f" ({PART_TAG})"
        figures.append(
            Figure(
                value=num.value,
                category=num.category,
                subject=subject,
                claimant=claimant.party if claimant else Party.outlet(ctx.article.outlet),
                span=fig_span,
                low=num.low if num.low is not None else (num.value if num.qualifier == "exact" else None),
                high=num.high if num.high is not None else (num.value if num.qualifier == "exact" else None),
                qualifier=num.qualifier,
                party=party,
                as_of=as_of,
                quote=qi,
                reason=reason,
                sentence=sent_of[k],
            )
        )
    return figures


__all__ = ["LOSS_TAG", "PART_TAG", "UPDATE_TAG", "Figure", "extract"]
