"""Quotes: who said what, as direct, indirect or mixed speech, with resolved speakers.

Three passes over the parse, in this order:

1. **direct** - quotation-mark segments (straight, curly, single, guillemets), paragraph by
   paragraph; a paragraph that leaves a quote open continues into the next one that opens
   with a mark. A segment is attributed to an adjacent cue: after it (``"...," X said``,
   ``"...," said X``) or before it (``X said: "..."``, ``X said that "..."``). A cue-less
   segment glued to the previous one in its paragraph extends that quote; a cue-less
   sentence-opening quote continues the previous speaker (``resolved_via`` "continuation"),
   or, when left open at its paragraph end, the speaker of the next paragraph's quote
   (``'“A.' / '“B,” she said.'``). A subject longer than the usual tail is followed to its
   verb (``"...," Trump, the frontrunner and ..., said``).
2. **indirect / mixed** - a reporting verb (lexicon ``quote_cues``) with a clausal complement
   (``X said the statement reflects ...``, ``..., the ministry said``, ``X told RIA that ...``,
   ``It was reported by X that ...``, ``X says in a statement that ...``, ``And, X tells the
   crowd, ...``), or a labelling verb with a quoted complement
   (``called it "false"``). A quoted fragment inside the content makes it mixed.
3. **according to** - ``According to X, ...`` and ``..., according to X.``

Quotation marks that are not speech (scare quotes, titles such as Operation "Iron Swords",
nicknames) are left alone unless a reporting construction takes them in. Speakers are
resolved by ``extract.who``; one that stays unknown is ``Party.unknown()``.

The rooms, sharing one ``state.Run``: ``marks`` (quotation-mark segments), ``cues`` and
``direct`` (pass 1), ``indirect`` with ``bounds`` (pass 2), ``according`` (pass 3), ``lines``
(attribution lines and 'this was reported by X'), ``speakers`` (who speaks for a cue, resolved
in text order), ``continuations`` (cue-less quoted sentences, and the result); ``voice_spans``
holds ``attributed``, the spans of reported voice by the parse alone.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...nlp import doc_text
from ...records import Context, Quote
from .. import who
from ..grammar import cue_info
from .according import according
from .continuations import continuations, result
from .direct import direct
from .indirect import indirect
from .lines import attribution_lines
from .marks import Segment, find_segments
from .speakers import resolve
from .state import Run
from .voice_spans import attributed

__all__ = ["Segment", "attributed", "cue_info", "extract", "find_segments"]


def extract(doc: Doc, ctx: Context) -> list[Quote]:
    """Quote records found in ``doc``, in text order (see the module docstring)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    segs = [s for s in find_segments(text) if s.cend > s.cstart]
    index = who.build_index(doc, ctx, quoted=[(s.cstart, s.cend) for s in segs])
    st = Run.of(doc, ctx, segs, index)
    direct(st)
    indirect(st)
    according(st)
    attribution_lines(st)
    resolve(st)
    continuations(st)
    return result(st)
