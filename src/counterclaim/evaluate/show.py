"""What the table counted against an analysis, article by article: for one part, the gold items
nobody found (missed) and the predictions matching no gold item (extra); for an accuracy, the
articles it got wrong.

Gold kept as hashed words (``text_tokens``) is shown by mapping each hash back to a word of the
article where one matches; ``#`` stands for a word not found there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .match import PART_BY_NAME, Item, pair_up, party_name
from .run import Evaluation
from .scoring import ACCURACIES, missed_inconsistencies, published_of, published_right, split_groups
from .words import norm, word_hash

SHOWABLE = tuple(PART_BY_NAME) + ACCURACIES
TEXT_CHARS = 150  # longer texts are cut in the listing


def vocabulary(text: str) -> dict[str, str]:
    """Each word of ``text`` by its hash (the first spelling wins)."""
    vocab: dict[str, str] = {}
    for w in re.findall(r"\w+", norm(text)):
        vocab.setdefault(word_hash(w), w)
    return vocab


def gold_text(item: Item, vocab: dict[str, str]) -> str:
    if "text" in item:
        return str(item["text"])
    return " ".join(vocab.get(h, "#") for h in item.get("text_tokens", []))


def _names(value: object) -> str:
    if isinstance(value, list):
        return "|".join(map(str, value))
    return party_name(value) if value is not None else "-"


def describe(part: str, item: Item, *, gold: bool, vocab: dict[str, str]) -> str:
    """One line for a gold item or a prediction of ``part``."""
    text = gold_text(item, vocab) if gold else str(item.get("text", ""))
    if len(text) > TEXT_CHARS:
        text = text[: TEXT_CHARS - 1] + "…"
    if part in ("quotes", "quote spans"):
        return f"[{_names(item.get('speaker'))}] ({_names(item.get('kind'))}) {text}"
    if part in ("figures", "figure values"):
        what = f"{item.get('value')} {_names(item.get('category'))} {_names(item.get('subject'))}"
        return f"{what} claimant={_names(item.get('claimant'))}"
    if part == "events":
        trigger = "" if gold else f" trigger={item.get('trigger', '')}"
        who = f"actor={_names(item.get('actor'))} target={_names(item.get('target'))}"
        return f"{_names(item.get('type'))} {who}{trigger}"
    if part == "framing":
        return f"({_names(item.get('voice'))}, {item.get('technique', '-')}) {text}"
    if part == "dates":
        return f"{item.get('text')} -> {item.get('value')}"
    return f"{_names(item.get('name'))} {_names(item.get('type'))}"


def differences(ev: Evaluation, part: str) -> Iterator[tuple[str, list[str]]]:
    """(article stem, lines) for every article where ``part`` has something missed or extra."""
    for gold in ev.golds:
        pred = ev.predictions.get(gold.stem) or {}
        vocab = vocabulary(((pred.get("article") or {}).get("text")) or _text_file(ev, gold))
        lines = (_accuracy_lines if part in ACCURACIES else _part_lines)(part, pred, gold.data, vocab)
        if lines:
            yield gold.stem, lines


def format_differences(ev: Evaluation, part: str) -> str:
    blocks = [f"== {stem}\n" + "\n".join(lines) for stem, lines in differences(ev, part)]
    return "\n".join(blocks) if blocks else f"nothing missed or extra in {part}"


def _text_file(ev: Evaluation, gold: Any) -> str:
    path = ev.texts_dir / gold.article_file
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _part_lines(part: str, pred: Item, gold: dict[str, Any], vocab: dict[str, str]) -> list[str]:
    spec = PART_BY_NAME[part]
    if spec.key not in gold:
        return []
    paired = pair_up(pred.get(spec.key) or [], gold[spec.key], spec.test)
    return [f"  missed  {describe(part, g, gold=True, vocab=vocab)}" for g in paired.missed] + [
        f"  extra   {describe(part, p, gold=False, vocab=vocab)}" for p in paired.extra
    ]


def _accuracy_lines(part: str, pred: Item, gold: dict[str, Any], vocab: dict[str, str]) -> list[str]:
    if part == "published":
        if published_right(pred, gold) != (0, 1):
            return []
        return [f"  wrong   published {published_of(pred) or 'none'}, gold {gold['published']}"]
    if part == "same_entity":
        lines = []
        for group, owners in split_groups(pred, gold):
            held = ", ".join(repr(e.get("name")) for e in owners) or "no entity"
            lines.append(f"  wrong   {' | '.join(group)}: carried by {held}")
        return lines
    return [
        f"  missed  inconsistency between {', '.join(map(str, w['values']))}"
        for w in missed_inconsistencies(pred, gold)
    ]
