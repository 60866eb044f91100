"""Links between figures: a count with no category of its own takes it from the count it
continues ("63 civilians were killed and 292 wounded", "the number rose to 98,625"), and one
with no noun shares the noun of the count before it."""

from __future__ import annotations

from .categories import carry, subject_text
from .lexicon import load_lex
from .numbers import UPDATE_TAG, Num


def link(nums: list[Num], sent_of: dict[int, int]) -> None:
    """Let counts with no category of their own take it from the count they continue."""
    tok_owner: dict[int, int] = {}
    for k, num in enumerate(nums):
        for t in num.toks:
            tok_owner[t.i] = k
        if num.noun is not None:
            tok_owner.setdefault(num.noun.i, k)
    for k, num in enumerate(nums):
        if num.category is not None or num.anchor is None or num.skip:
            continue
        core = (
            num.noun
            if num.noun is not None and num.noun.i in tok_owner and tok_owner[num.noun.i] == k
            else num.anchor
        )
        # climb through conj / appos / 'including' / 'among' / 'along with' to another count
        x = core
        target = None
        for _ in range(4):
            h = x.head
            if h.i == x.i:
                break
            if h.i in tok_owner and tok_owner[h.i] != k:
                target = tok_owner[h.i]
                break
            if x.dep_ in ("conj", "appos", "pobj", "prep", "npadvmod", "advmod") or h.lower_ in (
                "including",
                "among",
                "with",
                "along",
            ):
                x = h
                continue
            break
        if num.subset or num.follows:
            prev = [
                j for j in range(k) if nums[j].category and not nums[j].subset and sent_of[j] == sent_of[k]
            ]
            target = prev[-1] if prev else target
        if target is None and num.update:
            # "the number rose to 98,625": the last count before it, in this or the previous sentence
            prev = [j for j in range(k) if nums[j].category and sent_of[k] - sent_of[j] <= 1]
            target = prev[-1] if prev else None
        definite = num.toks[0].i > 0 and num.toks[0].doc[num.toks[0].i - 1].lower_ == "the"
        if (
            target is None
            and num.noun is None
            and (
                num.anchor.dep_ in ("nsubj", "nsubjpass", "dobj") or (definite and num.anchor.dep_ == "pobj")
            )
        ):
            prev = [j for j in range(k) if nums[j].category and sent_of[j] == sent_of[k]]
            target = prev[-1] if prev else None
        if target is not None and nums[target].category:
            src = nums[target]
            num.link = target
            if num.category is None:
                num.category = carry(src.category, num.noun, load_lex())
                num.rule = (num.rule + "; " if num.rule else "") + f"continues '{src.toks[0].text}'"
                if num.update or (src.update and num.follows):
                    num.rule += f" ({UPDATE_TAG})"
                    num.update = True
    # a count with a category but no noun ("292 wounded", "240 were taken captive") shares the
    # noun of the count before it in the sentence
    for k, num in enumerate(nums):
        if num.noun is None and num.subject is None and num.category:
            prev = [
                j
                for j in range(k)
                if nums[j].category
                and (nums[j].noun is not None or nums[j].subject)
                and not nums[j].subset
                and sent_of[k] - sent_of[j] <= (1 if num.update else 0)
            ]
            if not prev:
                # "They now say 22 have been killed": the same kind of count in the sentence before
                prev = [
                    j
                    for j in range(k)
                    if nums[j].category == num.category
                    and not nums[j].subset
                    and (nums[j].noun is not None or nums[j].subject)
                    and sent_of[k] - sent_of[j] == 1
                ]
            if num.link is not None and (nums[num.link].noun is not None or nums[num.link].subject):
                prev.append(num.link)
            if prev:
                src = nums[prev[-1]]
                num.subject = src.subject or (
                    subject_text(src.noun, load_lex()) if src.noun is not None else None
                )
                num.link = prev[-1] if num.link is None else num.link
                num.party = num.party or src.party
