"""PLOVER events: who did what to whom, when, where, and whether it happened.

``extract(doc, ctx)`` reads each sentence through these rooms, sharing one ``ArticleState``, then
merges what they found:

1. ``triggers``: verbs and nouns of the per-type lexicons (``plover_verbs``, ``plover_nouns``,
   looked up by ``match``) and declared readiness, read over the dependency parse, return
   candidates (separate meetings split one per counterpart), with their targets (``targets``)
   and the actors of attacks no subject names (``attacks``);
2. ``filters``: the drop checks (``DROP_CHECKS``) remove what is no event of its own (an act
   promised, asked for or threatened; a description in a relative clause; a purpose; a restated
   consequence; a condition of another act; a participle adding to a statement);
3. ``reported`` links each event to its quote and adds the speaker's own act (an ACCUSE for
   another party's hostile act, a REJECT for a denial of their own side's); ``speech`` reads what
   a statement does by itself (a demand, a pledge, a threat, ruling out talks, calling a claim
   false, a charge); then the late checks drop habits stated in the present (``LATE_CHECKS``)
   and the demanded acts, and ``derived`` adds the conditional threats;
4. ``annotate`` fills in status, span, mode, date and place; hypothetical acts no threat
   announces go (``filters.unannounced``), and ``derived`` applies the intent rows of
   ``plover_derived``;
5. ``merge``: one event per happening, by type, actor, target, date, place and polarity.

Every stage gets its parties from ``parties`` (``party_of``: which party a mention denotes, asked
of the shared who layer). ``lexicon`` holds the rule tables, ``grammar`` the parse helpers,
``state`` the candidate and the per-article state. Every event's ``reason`` names the rule that
made it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...nlp import doc_text
from ...records import Context, Event
from .annotate import finish
from .derived import conditional_threats, declared_intent, future_marked
from .filters import kept, late_kept, unannounced
from .lexicon import DERIVED_CONDITIONS, lex
from .merge import merge
from .reported import reported_layer
from .speech import speech_acts
from .state import ArticleState, Candidate
from .triggers import candidates

__all__ = ["DERIVED_CONDITIONS", "extract"]


MAX_SENT_TOKENS = 400  # far beyond any real sentence; deeper parses crash spaCy's subtree walk
_SURROGATE = re.compile("[\ud800-\udfff]")


def extract(doc: Doc, ctx: Context) -> list[Event]:
    """PLOVER events found in ``doc``, merged so each happening appears once."""
    st = ArticleState.of(doc, ctx)
    cands: list[Candidate] = []
    text = doc_text(doc)
    odd = _SURROGATE.search(text) is not None  # a sentence's own text is only read when needed
    for sent in doc.sents:
        if len(sent) > MAX_SENT_TOKENS or (odd and _SURROGATE.search(text, sent.start_char, sent.end_char)):
            # a deep parse overflows spaCy's recursive subtree walk, and lone surrogates its
            # string store; either kills the process, so such a sentence is left out
            ctx.warnings.append(f"events: skipped the sentence at {sent.start_char} (too long or malformed)")
            continue
        try:
            cands.extend(sentence(st, sent))
        except Exception as exc:  # one odd parse must not cost the article its other events
            ctx.warnings.append(
                f"events: skipped the sentence at {sent.start_char} ({type(exc).__name__}: {exc})"
            )
    return merge(cands, st)


def sentence(st: ArticleState, sent: Span) -> list[Candidate]:
    """The event candidates of one sentence, finished (status, date, place, mode): matched by the
    triggers, filtered by the drop checks, then the acts read off others (the speaker's own acts
    in reported speech, what statements do, conditional threats once demanded acts are dropped)
    added and all annotated; hypothetical acts no threat announces go, and declared intent is
    read last."""
    out = kept(candidates(st, sent))
    st.dropped = set()
    out.extend(reported_layer(st, sent, out))
    out.extend(speech_acts(st, sent, out))
    out = [c for c in late_kept(out) if c.derived or c.trigger.i not in st.dropped]
    # after the demanded acts are dropped: a demand is no one's conditional threat
    out.extend(conditional_threats(out))
    for c in out:
        finish(st, c, sent)
    out = [c for c in out if not unannounced(c)]
    out.extend(declared_intent(st, out, sent))
    # a denied hostile act is news (a side's "did not strike"), and so is a refusal ("will not
    # send aid"); a meeting or a charge said not to have happened is no event
    return [c for c in out if c.status != "negated" or c.type in lex().hostile or future_marked(c.trigger)]
