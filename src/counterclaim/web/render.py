"""HTML built in Python: the highlighted article text and search snippets.

Article data is untrusted: every piece of it passes through ``markupsafe.escape`` here, and only
the markup this module writes itself is marked safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..records import Analysis, Party
from .numbers import figure_phrase

PALETTE = 8  # speaker colours: CSS classes sp0..sp7


def speaker_class(name: str) -> str:
    """A stable colour class for a speaker name."""
    return f"sp{int(hashlib.sha1(name.encode('utf-8')).hexdigest(), 16) % PALETTE}"


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    tag: str  # span or mark
    css: str
    title: str
    order: int  # nesting: lower wraps outer
    anchor: str  # the id of its first piece: q-1, f-1, e-1, fr-1 (1-based, as the side lists count)
    label: Markup | None = None  # shown before it (a quote's speaker)


def _marks(a: Analysis, who: Callable[[Party], Markup] | None) -> list[_Mark]:
    n = len(a.article.text)
    out: list[_Mark] = []
    for i, q in enumerate(a.quotes):
        css = f"q {speaker_class(q.speaker.name)}"
        label = who(q.speaker) if who else escape(q.speaker.name)
        out.append(
            _Mark(*q.span, "span", css, f"quote {i + 1}: {q.speaker.name} ({q.kind})", 0, f"q-{i + 1}", label)
        )
    for i, e in enumerate(a.events):
        out.append(_Mark(*e.span, "span", "ev", f"event {i + 1}: {e.type}", -1, f"e-{i + 1}"))
    for i, f in enumerate(a.figures):
        phrase = figure_phrase(f.value, f.qualifier, f.subject, f.category, f.low, f.high)
        title = f"{phrase}; claimant: {f.claimant.name}; as of {f.as_of or 'date unknown'}"
        out.append(_Mark(*f.span, "mark", "fig", title, 2, f"f-{i + 1}"))
    for i, fr in enumerate(a.framing):
        title = f"framing: {fr.technique} ({fr.voice} voice)" + (
            f", favours {fr.favours}" if fr.favours else ""
        )
        out.append(_Mark(*fr.span, "span", f"frame frame-{fr.voice}", title, 1, f"fr-{i + 1}"))
    return [m for m in out if 0 <= m.start < m.end <= n]


def highlight(a: Analysis, who: Callable[[Party], Markup] | None = None) -> Markup:
    """The article text as HTML: quotes coloured by speaker with the speaker's name shown before
    each (``who`` renders it, e.g. as an entity link), figures marked, framing underlined, the
    outlet's own voice (text outside any quote) in its own class. Every quote, figure, event and
    framing span has an id (``q-1``, ``f-1``, ``e-1``, ``fr-1``) to link to. Text is escaped per
    segment."""
    text = a.article.text
    marks = _marks(a, who)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    parts: list[str] = []
    opened: set[str] = set()
    for s, e in zip(cuts, cuts[1:], strict=False):
        covering = sorted((m for m in marks if m.start <= s and e <= m.end), key=lambda m: m.order)
        inner = str(escape(text[s:e]))
        if not any(m.css.startswith("q ") for m in covering):
            inner = f'<span class="outlet">{inner}</span>'
        for m in reversed(covering):
            ident = ""
            if m.anchor not in opened:
                opened.add(m.anchor)
                ident = f' id="{m.anchor}"'
            inner = f'<{m.tag} class="{m.css}"{ident} title="{escape(m.title)}">{inner}</{m.tag}>'
        labels = dict.fromkeys(str(m.label) for m in covering if m.start == s and m.label is not None)
        parts.extend(f'<span class="who">{label}</span> ' for label in labels)  # one per speaker
        parts.append(inner)
    return Markup("".join(parts))


def snippet(s: str) -> Markup:
    """An FTS5 snippet whose matches are bracketed by \\x01 and \\x02, as escaped HTML with <b>."""
    out = []
    for chunk in s.split("\x01"):
        hit, sep, rest = chunk.partition("\x02")
        out.append(f"<b>{escape(hit)}</b>{escape(rest)}" if sep else str(escape(chunk)))
    return Markup("".join(out))


__all__ = ["highlight", "snippet", "speaker_class"]
