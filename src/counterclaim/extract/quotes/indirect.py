"""Pass 2, indirect and mixed quotes: a reporting verb (lexicon ``quote_cues``) with a clausal
complement (``X said the statement reflects ...``, ``..., the ministry said``, ``X told RIA
that ...``, ``X says in a statement that ...``, ``And, X tells the crowd, ...``), or a labelling
verb with a quoted complement (``called it "false"``). A quoted fragment inside the content
makes it mixed. Verbs that report nothing here are skipped first (``CUE_SKIPS``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from ...records import Party, Quote, Span
from .. import grammar, who
from ..grammar import cue_info
from .bounds import bare_cue, cut_comment, cut_other_cues, skip_aside, trim, with_speaker
from .speakers import speaker_of
from .state import MAX_TAIL, Run, add_quote, cue_text, in_content

CueSkip = Callable[[Run, Token], bool]


def indirect(st: Run) -> None:
    """Quote the content of every reporting or labelling verb not yet used by a direct quote."""
    for i, info in st.cues.items():
        if i in st.used_cues:
            continue
        tok = st.doc[i]
        if any(skip(st, tok) for skip in CUE_SKIPS):
            continue  # quoted, negated, or inside another report
        asked = request_content(st, tok, info["request"]) if info.get("request") else None
        if asked is not None:
            content = asked
        elif info["frame"] == "estimate":
            content = estimate_content(st, tok)
        else:
            content = label_content(st, tok) if info["frame"] == "label" else clause_content(st, tok, info)
        if content is None or relays_a_report(st, tok):
            continue  # no report, or 'A said B, Interfax reported': A's report, relayed
        cs, ce = content
        inner = [k for k, s in enumerate(st.segs) if cs <= s.cstart and s.cend <= ce + 1]
        if any(k in st.seg_quote for k in inner):
            continue  # the verb introduces a direct quote already taken
        if info["frame"] == "label" and not inner and asked is None:
            continue
        speaker = speaker_of(st, tok)
        party = Party.unknown()
        start = min(cs, tok.idx)
        end = max(ce, tok.idx + len(tok))
        words = st.text[cs:ce]
        if cs < tok.idx < ce:  # the cue clause sits inside its report: leave it out of the words
            inner_cue = [t for t in tok.subtree if not t.is_punct]
            a, b = inner_cue[0].idx, inner_cue[-1].idx + len(inner_cue[-1])
            words = f"{st.text[cs:a].rstrip(' ,')} {st.text[b:ce].lstrip(' ,')}"
        if speaker is not None:
            sp = grammar.noun_phrase(speaker)
            start, end = min(start, sp.start_char), max(end, sp.end_char)
        st.consumed.update(inner)
        st.used_cues.add(tok.i)
        add_quote(
            st,
            Quote(
                speaker=party,
                text=words,
                kind="mixed" if inner else "indirect",
                span=(start, end),
                cue=cue_text(st, tok),
                cue_loaded=bool(info["loaded"]),
                content_span=(cs, ce),
                reason=(
                    "directive verb + what it asks for"
                    if asked is not None
                    else "estimate: object + value"
                    if info["frame"] == "estimate"
                    else "labelling verb with a quoted complement"
                    if info["frame"] == "label"
                    else "reporting verb + " + ("clause with quoted words" if inner else "clausal complement")
                ),
            ),
            speaker,
        )


def quoted_verb(st: Run, tok: Token) -> bool:
    """The verb sits inside quotation marks: quoted speech, not a cue."""
    return st.quoted_tok[tok.i]


def negated(st: Run, tok: Token) -> bool:
    """'did not say': no report."""
    return any(c.dep_ == "neg" for c in tok.children)


def inside_report(st: Run, tok: Token) -> bool:
    """'said its units destroyed what it called "..."', 'said "eyewitnesses" confirmed ...':
    speech reported inside another report is part of that report."""
    return in_content(st, tok.idx)


# the checks that leave a cue verb alone, in the order they are tried
CUE_SKIPS: tuple[CueSkip, ...] = (quoted_verb, negated, inside_report)


def clause_content(st: Run, verb: Token, info: dict[str, Any]) -> Span | None:
    """The report of a reporting verb: its clausal complement (cut to this statement), or the
    sentence around a cue clause set off in it ('..., the ministry said')."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(comps) > 1:  # 'said A and insisted that B' parsed as two ccomps: B is its own quote
        comps = [comps[0], *(c for c in comps[1:] if not bare_cue(c))]
    if not comps and info.get("xcomp"):
        comps = [c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and c.pos_ in ("VERB", "AUX")]
    if not comps and info.get("prep"):
        heads = [verb, *(c for c in verb.rights if c.dep_ == "dobj")]
        for c in (r for h in heads for r in h.rights):
            if c.dep_ == "prep" and c.lower_ == info["prep"]:
                # 'accused X of hitting ...' reports a claim; 'blamed X for the casualties' names
                # a thing, not a statement
                comps = [g for g in c.children if g.dep_ == "pcomp" or g.dep_ == "pobj" and clausal(st, g)]
    if not comps:  # 'said in a video posted online that ...'
        for c in verb.rights:
            if c.dep_ == "prep":
                comps = [t for t in c.subtree if t.dep_ == "ccomp" and cue_info(t.head.lemma_) is None]
                if not comps and c.lower_ in ("in", "on", "at", "during"):
                    # 'wrote in his memoir that X', 'said at the briefing that X': the
                    # that-clause hung on the noun
                    comps = [
                        t
                        for g in c.children
                        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
                        for t in g.rights
                        if t.dep_ in ("acl", "relcl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children)
                    ]
                if comps:
                    break
    subj = next((c for c in verb.children if c.dep_ in who.SUBJECT_DEPS), None)
    before = [c for c in comps if c.i < verb.i]
    # 'X has deployed units, it said Friday, after a massacre the UN said ...': the clause
    # before the cue is the report; a clause after it with a subject of its own is not
    split = bool(before) and len(before) < len(comps) and subj is not None
    if split and subj.i > before[-1].right_edge.i and st.doc[subj.left_edge.i - 1].text == ",":
        comps = before
    if (
        comps
        and all(c.i < verb.i for c in comps)
        and any(c.dep_ == "mark" or c.dep_ == "dobj" and not info.get("addressee") for c in verb.children)
    ):
        return None  # 'X happened, hours after Y announced a ceasefire': not an attribution
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps)
        # a ccomp before the verb ('X happened, the army said') must not swallow the subject
        if hi > verb.i and lo < verb.i:
            lo = verb.i + 1
        hi = cut_other_cues(st, verb, lo, hi)
        hi = cut_comment(st, lo, hi)
        lo = skip_aside(st, verb, lo, hi)
        for c in verb.rights:  # 'denied that A, dismissing B as "C"': one statement
            if lo > verb.i and c.dep_ == "advcl" and c.i > hi and bare_cue(c) and c.tag_ == "VBG":
                hi = c.right_edge.i
        return trim(st, lo, hi)
    if with_speaker(verb) is not None:
        return report_held(st, verb)
    # '..., the ministry said.' parsed with the report as the head of the verb
    if (
        verb.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        and verb.head.i < verb.i
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        return report_before(st, verb)
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return report_after(st, verb) or report_around(st, verb)
    return None


def clausal(st: Run, tok: Token) -> bool:
    """A noun phrase that carries a claim: a verb or quoted words in it, or four words or more."""
    sub = [t for t in tok.subtree if not t.is_punct]
    return len(sub) >= 4 or any(t.pos_ in ("VERB", "AUX") or st.quoted_tok[t.i] for t in sub)


def estimate_content(st: Run, verb: Token) -> Span | None:
    """'Local authorities had put the population at about 120,000': the thing counted and the
    count (a value after 'at'); None for other uses of the verb ('put pressure on', 'put in place')."""
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    at = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "at"), None)
    value = next((g for g in at.children if g.dep_ == "pobj"), None) if at is not None else None
    if obj is None or value is None or not (value.like_num or any(c.like_num for c in value.subtree)):
        return None
    # the value's own words: 'at five, one more than the governor's figure' ends at 'five'
    words = st.doc[value.i : value.right_edge.i + 1]
    hi = next((t.i - 1 for t in words if t.text == ","), value.right_edge.i)
    return trim(st, obj.left_edge.i, hi)


def request_content(st: Run, verb: Token, frames: list[str]) -> Span | None:
    """What a directive verb asks for, with whom it asks ('urged the partners to send more air
    defences', 'called on both sides to let the convoy through', 'called for an independent
    investigation'); None when the verb asks nothing of that shape ('called it a lie',
    'asked a question')."""
    if any(c.dep_ == "prt" for c in verb.children) or any(c.dep_ == "auxpass" for c in verb.children):
        return None  # 'was called up for the second time', 'was called for': no one asks
    kids = list(verb.rights)
    todo = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in frames:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            inner = next((g for g in obj.rights if g.dep_ in ("acl", "relcl") and g.tag_ == "VB"), None)
            act = todo or inner
            if act is not None:
                return _asked(st, verb, obj.left_edge.i, act.right_edge.i)  # 'called on X to Y'
            if c.lower_ == "for" and obj.pos_ == "NOUN":
                return _asked(st, verb, obj.left_edge.i, obj.right_edge.i)  # 'called for an inquiry'
    if not {"object", "object_to"} & set(frames):
        return None
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if todo is not None and todo.i > obj.i:
        return _asked(st, verb, obj.left_edge.i, todo.right_edge.i)  # 'urged citizens to enlist'
    if "object" in frames and obj.pos_ == "NOUN" and obj.lemma_.lower() not in _NOT_ASKED:
        return _asked(st, verb, obj.left_edge.i, obj.right_edge.i)  # 'urged restraint'
    return None


def _asked(st: Run, verb: Token, lo: int, hi: int) -> Span | None:
    """The request's words, ended before another report joined to it ('urged citizens to enlist
    and claimed "..."': the claim is a quote of its own)."""
    return trim(st, lo, cut_comment(st, lo, cut_other_cues(st, verb, lo, hi)))


_NOT_ASKED = frozenset({"question", "questions", "reporter", "reporters", "journalist", "journalists"})


def label_content(st: Run, verb: Token) -> Span | None:
    """'called the exodus "an act of ethnic cleansing" ...': from the object to the label."""
    if any(
        c.dep_ == "dobj" and c.lower_ in ("itself", "themselves", "himself", "herself") for c in verb.children
    ):
        return None  # 'a group that calls itself "X"' names, it does not speak
    for c in verb.rights:  # 'rejected the account as "a lie"', 'called for "restraint"': the label alone
        if c.dep_ == "prep" and c.lower_ in ("as", "for") and any(st.quoted_tok[t.i] for t in c.subtree):
            return trim(st, c.i + 1, c.right_edge.i)
    rights = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr")]
    if not rights:
        return None
    lo = min(c.left_edge.i for c in rights)
    hi = max(c.right_edge.i for c in rights)
    for c in verb.children:  # 'what it called "X"': the object precedes the verb
        if c.dep_ == "dobj" and c.i < verb.i:
            lo = min(lo, verb.i + 1)
    return trim(st, lo, hi)


def report_after(st: Run, verb: Token) -> Span | None:
    """'X told the crowd, he has been known to be "tough".': a sentence-opening cue clause
    set off by a comma, with the report after it (parsed as the head of the verb)."""
    sent = verb.sent
    if not any(c.dep_ in who.SUBJECT_DEPS for c in verb.children) or any(
        c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ not in ("then", "also")
        for c in verb.children
    ):
        return None  # 'As X said, ...', 'when X said' are not this shape
    lead = [t for t in st.doc[sent.start : verb.left_edge.i] if not (t.is_punct or t.dep_ == "cc")]
    info = cue_info(verb.lemma_) or {}
    if verb.right_edge.i - verb.left_edge.i > MAX_TAIL or any(
        c.dep_ == "dobj" and not info.get("addressee") for c in verb.children
    ):
        return None  # 'X has maintained support among ..., Fox found': X's own clause
    after = verb.right_edge.i + 1
    if lead or after >= sent.end or st.doc[after].text not in (",", "\u2014", ":"):
        return None
    return trim(st, after + 1, min(verb.head.right_edge.i, sent.end - 1))


def report_held(st: Run, verb: Token) -> Span | None:
    """'..., with witnesses telling AFP they heard a loud bang': the clause after the participle
    and its addressee, to the end of the sentence, when a clause starts there."""
    after = verb.right_edge.i + 1
    sent = verb.sent
    if after >= sent.end - 1:
        return None
    first = st.doc[after]
    if first.lower_ == "that":
        after += 1
        first = st.doc[after]
    if first.dep_ not in who.SUBJECT_DEPS:
        return None  # no clause: 'with residents telling of the night'
    return trim(st, after, sent.end - 1)


def report_around(st: Run, verb: Token) -> Span | None:
    """'The trio, police said, were not on the list': a short cue clause set off by commas
    inside the report; the content is the sentence around it (its text leaves the cue out)."""
    sent = verb.sent
    inner = [t.i for t in verb.subtree if not t.is_punct]
    lo, hi = min(inner), max(inner)
    if lo <= sent.start or hi + 1 >= sent.end or hi - lo > MAX_TAIL:
        return None
    if st.doc[lo - 1].text != "," or st.doc[hi + 1].text != ",":
        return None
    if not any(c.dep_ in who.SUBJECT_DEPS for c in verb.children) or any(
        c.dep_ in ("dobj", "ccomp", "mark") for c in verb.children
    ):
        return None
    return trim(st, sent.start, sent.end - 1)


def report_before(st: Run, verb: Token) -> Span | None:
    """'..., the ministry said (in a statement).': the sentence before the attribution;
    '..., a local official told AFP': a verb that takes its hearer as object may have one."""
    sent = verb.sent
    hearer = bool((cue_info(verb.lemma_) or {}).get("addressee"))
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    for c in verb.children:
        set_off = subj is not None and _set_off(st, c, subj)
        if c.i < verb.i and c.dep_ in ("prep", "npadvmod") and set_off:
            continue  # '..., soon after midnight, a local official told AFP': the report's own time
        if c.i < verb.i and c.dep_ not in ("nsubj", "nsubjpass", "aux", "advmod", "punct", "neg"):
            return None  # 'hours after the government announced ...'
        if c.i > verb.i and c.dep_ == "dobj" and hearer:
            continue
        if c.i > verb.i and c.dep_ not in (
            "nsubj",
            "prep",
            "npadvmod",
            "advmod",
            "punct",
            "dative",
            "agent",
        ):
            return None
    left = min((t.i for t in verb.subtree if not t.is_punct), default=verb.i)
    if subj is not None and left < subj.left_edge.i:
        left = subj.left_edge.i  # a phrase the parse hung on the cue belongs to the report
    prev = st.doc[left - 1] if left > sent.start else None
    if prev is None or prev.text not in (",", "\u2014"):
        return None
    return trim(st, sent.start, left - 2)


def _set_off(st: Run, phrase: Token, subj: Token) -> bool:
    """The phrase ends right before a comma that comes right before the subject."""
    after = phrase.right_edge.i + 1
    return after + 1 == subj.left_edge.i and st.doc[after].text == ","


def relays_a_report(st: Run, verb: Token) -> bool:
    """The report before the verb is itself a report with a speaker of its own ('Ukraine's air
    force said it had shot down 40 drones, Interfax reported'): the relay makes no claim."""
    for c in verb.children:
        if c.dep_ not in ("ccomp", "parataxis") or c.pos_ not in ("VERB", "AUX") or c.i > verb.i:
            continue  # ('X said "witnesses" confirmed Y' is X's claim: the relay comes after)
        info = cue_info(c.lemma_)
        if info and info["frame"] == "clause" and any(g.dep_ in who.SUBJECT_DEPS for g in c.children):
            return any(g.dep_ == "ccomp" for g in c.children)
    return False
