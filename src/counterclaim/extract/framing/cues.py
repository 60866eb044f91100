"""Framing cues: the cue lexicons compiled, and where in a doc their words occur with their
context constraints met (a cue's words as lower-case forms or lemmas, the words before and after,
the head, the modifiers, the agent, the subject and the object it needs).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ... import lexicons
from ...errors import PipelineError
from ...nlp import token_lemma_lowers, token_lowers

CUE_LEXICONS = ("framing_labels", "framing_loaded", "framing_assertions", "framing_euphemisms")
# merged records keep the most specific technique
_PRIORITY = [
    "unattributed_assertion",
    "name_calling",
    "doubt",
    "loaded_language",
    "exaggeration",
    "appeal_to_fear",
    "flag_waving",
    "other",
]
_TECHNIQUES = frozenset(_PRIORITY)
_SPAN_KINDS = frozenset({"np", "clause", "rest", "phrase"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry, compiled: per-word alternatives plus the constraints on its context."""

    words: tuple[frozenset[str], ...]
    technique: str
    polarity: str = "none"  # against: disfavours the side it is about; for: favours it
    span: str | None = None
    head_in: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    needs_modifier: bool = False
    pos: frozenset[str] | None = None
    object_in: frozenset[str] | None = None
    keep_negated: bool = False
    needs_agent: bool = False
    subject_not_in: frozenset[str] = frozenset()
    lexicon: str = ""
    text: str = ""


def compile_entries(entries: Iterable[dict[str, Any]], lexicon: str) -> list[Cue]:
    """Compile lexicon entries (see the header of ``framing_labels.yaml``) into cues."""
    cues: list[Cue] = []
    for e in entries:
        if not isinstance(e, dict) or "match" not in e:
            raise PipelineError(f"framing entry without 'match': {e!r}", source=lexicon)
        technique = e.get("technique", "loaded_language")
        if technique not in _TECHNIQUES:
            raise PipelineError(f"unknown technique {technique!r}", source=lexicon)
        span = e.get("span")
        if span is not None and span not in _SPAN_KINDS:
            raise PipelineError(f"unknown span kind {span!r}", source=lexicon)
        words = tuple(frozenset(a.lower() for a in w.split("|")) for w in str(e["match"]).split())

        def _set(key: str, e: dict[str, Any] = e) -> frozenset[str]:
            return frozenset(str(x).lower() for x in e.get(key) or [])

        cues.append(
            Cue(
                words=words,
                technique=technique,
                polarity=e.get("polarity", "none"),
                span=span,
                head_in=_set("head_in") or None,
                not_after=_set("not_after"),
                not_before=_set("not_before"),
                needs_modifier=bool(e.get("needs_modifier", False)),
                pos=frozenset(str(p).upper() for p in e["pos"]) if e.get("pos") else None,
                object_in=_set("object_in") or None,
                keep_negated=bool(e.get("keep_negated", False)),
                needs_agent=bool(e.get("needs_agent", False)),
                subject_not_in=_set("subject_not_in"),
                lexicon=lexicon,
                text=str(e["match"]),
            )
        )
    return cues


@functools.cache
def builtin_cues() -> tuple[Cue, ...]:
    """The cues of the shipped framing lexicons (cached)."""
    out: list[Cue] = []
    for name in CUE_LEXICONS:
        out += compile_entries(lexicons.entries(name), name)
    return tuple(out)


def load_extra(path: Path) -> list[Cue]:
    """Cues from a user lexicon file with the same header and entry format as the shipped ones."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PipelineError(f"cannot read framing lexicon: {exc}", source=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise PipelineError("a framing lexicon needs a list under 'entries'", source=str(path))
    return compile_entries(data["entries"], str(data.get("name") or Path(path).stem))


@dataclass(slots=True)
class Hit:
    """One cue found in the doc, widened to its span."""

    cue: Cue
    start: int  # token indices of the matched words
    end: int
    span: tuple[int, int] = (0, 0)  # token range of the widened span
    voice: str = "outlet"
    favours: str | None = None
    reasons: list[str] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)


def _named(tok: Token, words: frozenset[str]) -> bool:
    """The token's lower-case form or lemma is one of ``words``."""
    return tok.lower_ in words or tok.lemma_.lower() in words


def cue_index(cues: Sequence[Cue]) -> dict[str, list[Cue]]:
    """The cues by each word they may start with, in ``cues`` order."""
    by_first: dict[str, list[Cue]] = {}
    for c in cues:
        for w in c.words[0]:
            by_first.setdefault(w, []).append(c)
    return by_first


@functools.cache
def _builtin_index() -> dict[str, list[Cue]]:
    return cue_index(builtin_cues())


def match_cues(doc: Doc, cues: Sequence[Cue], *, index: dict[str, list[Cue]] | None = None) -> list[Hit]:
    """Every place a cue's words occur (lowercase or lemma), its context constraints met.
    ``index``: ``cue_index(cues)`` when the caller keeps one."""
    by_first = cue_index(cues) if index is None else index
    hits: list[Hit] = []
    lowers = token_lowers(doc)
    lemmas = token_lemma_lowers(doc)
    size = len(doc)
    for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
        if low not in by_first and lem not in by_first:
            continue  # no cue starts with this word
        if lem == low or lem not in by_first:
            cands: Iterable[Cue] = by_first[low]
        elif low not in by_first:
            cands = by_first[lem]
        else:
            cands = {id(c): c for k in sorted({low, lem}) for c in by_first[k]}.values()
        for c in cands:
            words = c.words
            n = len(words)
            if i + n > size:
                continue
            j = 1  # the first word matches: the index says so
            while j < n and (lowers[i + j] in words[j] or lemmas[i + j] in words[j]):
                j += 1
            if j < n:
                continue
            if _constraints_ok(doc, c, i, i + n, lowers, lemmas):
                hits.append(Hit(cue=c, start=i, end=i + n))
    return hits


def _constraints_ok(doc: Doc, c: Cue, start: int, end: int, lowers: list[str], lemmas: list[str]) -> bool:
    """The cue's context constraints hold for its words at [start, end). ``lowers``, ``lemmas``:
    the doc's ``token_lowers`` and ``token_lemma_lowers`` (what ``_named`` reads off a token)."""
    not_after, not_before = c.not_after, c.not_before
    if not_after and start > 0:
        if lowers[start - 1] in not_after or lemmas[start - 1] in not_after:
            return False
        k = start - 2  # the word before a hyphen
        if lowers[start - 1] == "-" and start > 1 and (lowers[k] in not_after or lemmas[k] in not_after):
            return False
    if not_before and end < len(lowers) and (lowers[end] in not_before or lemmas[end] in not_before):
        return False
    head_in = c.head_in
    if (
        c.pos is None
        and head_in is None
        and not c.needs_modifier
        and not c.needs_agent
        and not c.subject_not_in
        and c.object_in is None
    ):
        return True  # no constraint on the last word: most cues
    last = doc[end - 1]
    if c.pos and last.pos_ not in c.pos:
        return False
    if (
        head_in is not None
        and _head_match(last, head_in) is None
        and not any(_named(t, head_in) for t in last.children)
    ):
        return False
    if c.needs_modifier:
        mods = [t for t in last.lefts if t.dep_ in ("det", "poss", "compound", "amod", "nmod")]
        if not mods:
            return False
    if c.needs_agent and not any(
        t.dep_ == "poss" or (t.dep_ in ("prep", "agent") and t.lower_ == "by") for t in last.children
    ):
        return False
    if c.subject_not_in and any(
        _named(t, c.subject_not_in)
        for t in [*last.children, *(g for a in last.children if a.dep_ == "agent" for g in a.children)]
        if t.dep_ in ("nsubj", "pobj")
    ):
        return False  # 'protesters occupied the square' is no military occupation
    return c.object_in is None or _object_match(last, c.object_in)


def _object_match(verb: Token, lemmas: frozenset[str]) -> bool:
    """The verb's object (or passive subject) is one of ``lemmas``: 'eliminated 40 fighters'."""
    args = [t for t in verb.children if t.dep_ in ("dobj", "nsubjpass", "obj")]
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        args.append(verb.head)  # 'the fighters eliminated', 'fighters who were eliminated'
    for a in list(args):
        args += [c for c in a.children if c.dep_ in ("conj", "compound")]
        if a.lower_ in ("all", "dozens", "hundreds", "scores", "some", "most"):
            args += [g for c in a.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(_named(a, lemmas) for a in args)


def _head_match(tok: Token, lemmas: frozenset[str]) -> Token | None:
    """The nearest of three heads up whose lemma is in ``lemmas`` (parses often misattach by one)."""
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        if _named(node, lemmas):
            return node
    return None
