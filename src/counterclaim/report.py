"""The text report: one analysis laid out for a reader (``counterclaim analyze --format text``).

``sections(analysis)`` turns the records into titled blocks of lines and tables; ``render_plain``
prints them as aligned plain text (pipes, files), ``render_rich`` as rich tables on a terminal.
Both render whatever the records hold; an empty part says so instead of being left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .ingest.normalise import INVISIBLE
from .records import Analysis, Party

MAX_CELL = 48  # plain-text table cells are cut to this many characters
MAX_QUOTE = 300  # quote texts longer than this are cut


# Terminal escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL|ST", DCS/SOS/PM/APC strings,
# two-character escapes), removed whole so no fragment of them is printed either.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b.?"
    r"|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x9c]*[\x07\x9c]?",
    re.S,
)
# every other control character (C0 but tab and line feed, DEL, C1), the invisible and
# direction-control marks, and line/paragraph separators (shown as a space)
_UNSAFE = {
    **{c: None for c in range(0x20) if chr(c) not in "\t\n"},
    **{c: None for c in range(0x7F, 0xA0)},
    **{ord(c): None for c in INVISIBLE},
    0x2028: " ",
    0x2029: " ",
}


def terminal_safe(text: str, *, newlines: bool = True) -> str:
    """``text`` fit to print on a terminal: escape sequences, control characters, invisible and
    direction-control marks removed (a title cannot recolour, retitle or rewrite the terminal, nor
    reorder what is shown); without ``newlines``, line breaks and tabs become spaces."""
    if text.isascii() and text.isprintable():
        return text
    out = _ESCAPES.sub("", text).translate(_UNSAFE)
    if not newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


def json_for_terminal(text: str) -> str:
    """JSON text with every control, invisible and direction-control character inside its strings
    written as a ``\\uXXXX`` escape: the same JSON, safe to show on a terminal."""
    if text.isascii() and "\x7f" not in text:
        return text  # json.dumps escapes every C0 control itself
    return "".join(f"\\u{ord(c):04x}" if _json_unsafe(c) else c for c in text)


def _json_unsafe(c: str) -> bool:
    return 0x7F <= ord(c) < 0xA0 or c in INVISIBLE or c in "\u2028\u2029"


@dataclass(slots=True)
class Block:
    """One titled part of the report: free lines, then an optional table."""

    title: str
    lines: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.lines and not self.rows


def _cut(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def _party(p: Party | None) -> str:
    if p is None:
        return ""
    if p.kind == "outlet":
        return f"{p.name} (outlet)"
    if p.kind == "unknown":
        return "unknown"
    via = f" [{p.resolved_via}]" if p.resolved_via and p.resolved_via != "name" else ""
    return f"{p.name}{via}"


def _header(a: Analysis) -> Block:
    art = a.article
    b = Block(art.title or "(untitled)")
    b.lines.append(f"id: {art.id}")
    meta = [f"{k}: {v}" for k, v in (("outlet", art.outlet), ("url", art.url), ("source", art.source)) if v]
    if meta:
        b.lines.append("   ".join(meta))
    if art.published:
        how = art.published_source or "given"
        reason = (art.published_reason or "").removeprefix("inferred:").strip()
        why = f": {reason}" if reason and how == "inferred" else ""
        b.lines.append(f"published: {art.published} ({how}{why})")
    else:
        b.lines.append("published: unknown")
    b.lines.append(f"language: {art.language or 'unknown'}   length: {len(art.text):,} characters")
    for w in a.warnings:
        b.lines.append(f"warning: {w}")
    return b


def _entities(a: Analysis) -> Block:
    b = Block(
        f"Entities ({len(a.entities)})", headers=["Name", "Type", "Mentions", "Also called", "Affiliation"]
    )
    for e in a.entities:
        others = [x for x in e.aliases if x != e.name]
        b.rows.append([e.name, e.type, str(len(e.mentions)), "; ".join(others), e.affiliation or ""])
    return b


def _quotes(a: Analysis) -> Block:
    b = Block(f"Quotes ({len(a.quotes)}), by speaker")
    order: dict[str, list[int]] = {}
    for i, q in enumerate(a.quotes):
        order.setdefault(_party(q.speaker), []).append(i)
    for speaker, idx in order.items():
        b.lines.append(f"{speaker}:")
        for i in idx:
            q = a.quotes[i]
            cue = q.cue or "—"
            loaded = ", loaded cue" if q.cue_loaded else ""
            text = _cut(q.text, MAX_QUOTE)
            shown = f"“{text}”" if q.kind == "direct" else text
            b.lines.append(f"  #{i + 1} [{q.kind}; {cue}{loaded}] {shown}")
    return b


def _figures(a: Analysis) -> Block:
    b = Block(
        f"Figures ({len(a.figures)})",
        headers=["#", "Value", "Qualifier", "Category", "Subject", "Party", "Claimant", "As of"],
    )
    for i, f in enumerate(a.figures):
        value = (
            f"{_num(f.low)}–{_num(f.high)}" if f.qualifier == "range" and f.low is not None else _num(f.value)
        )
        b.rows.append(
            [
                str(i + 1),
                value,
                f.qualifier,
                f.category,
                f.subject,
                f.party or "",
                _party(f.claimant),
                f.as_of or "",
            ]
        )
    return b


def _inconsistencies(a: Analysis) -> Block:
    b = Block(f"Inconsistencies ({len(a.inconsistencies)})")
    for inc in a.inconsistencies:
        which = " and ".join(f"#{i + 1}" for i in inc.figures)
        b.lines.append(f"figures {which} ({inc.severity}): {inc.explanation}")
    return b


def _events(a: Analysis) -> Block:
    b = Block(
        f"Events ({len(a.events)})",
        headers=["Type", "Mode", "Actor", "Target", "Date", "Location", "Status", "Trigger"],
    )
    for e in a.events:
        actors = e.actors or [e.actor]
        targets = e.targets or ([e.target] if e.target else [])
        b.rows.append(
            [
                e.type,
                e.mode or "",
                ", ".join(_party(p) for p in actors),
                ", ".join(_party(p) for p in targets),
                e.date or "",
                e.location or "",
                e.status,
                e.trigger or "",
            ]
        )
    return b


def _framing(a: Analysis) -> Block:
    b = Block(f"Framing ({len(a.framing)})", headers=["Technique", "Voice", "Text", "Favours"])
    for fr in a.framing:
        b.rows.append([fr.technique, fr.voice, fr.text, fr.favours or ""])
    return b


def _dates(a: Analysis) -> Block:
    b = Block(f"Dates ({len(a.dates)})", headers=["Text", "Date", "Grain", "Times"])
    for d in a.dates:
        b.rows.append([d.text, d.value or "?", d.grain or "", str(max(1, len(d.mentions)))])
    return b


def _slant(a: Analysis) -> Block:
    s = a.slant
    b = Block("Slant")
    if s is None:
        return b
    b.headers = [
        "Side",
        "Claims",
        "Quotes",
        "Figures",
        "Neutral cues",
        "Loaded cues",
        "Framed for",
        "Framed against",
    ]
    for side in s.sides:
        b.rows.append(
            [
                side.side,
                str(side.claims),
                str(side.quotes),
                str(side.figures),
                str(side.neutral_cues),
                str(side.loaded_cues),
                str(side.framing_for),
                str(side.framing_against),
            ]
        )
    if s.last_word:
        b.lines.append(f"last word: {s.last_word}")
    if s.outlet_voice_share is not None:
        b.lines.append(f"outlet's own voice: {s.outlet_voice_share:.0%} of claims")
    return b


def sections(a: Analysis) -> list[Block]:
    """The report's parts, in reading order: header, entities, quotes, figures, inconsistencies,
    events, framing, dates, slant. Every string is ``terminal_safe``: article text is data, and
    escape sequences in a title must not reach the reader's terminal."""
    blocks = [
        _header(a),
        _entities(a),
        _quotes(a),
        _figures(a),
        _inconsistencies(a),
        _events(a),
        _framing(a),
        _dates(a),
        _slant(a),
    ]
    for b in blocks:
        b.title = terminal_safe(b.title, newlines=False)
        b.lines = [terminal_safe(line, newlines=False) for line in b.lines]
        b.rows = [[terminal_safe(c, newlines=False) for c in r] for r in b.rows]
    return blocks


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    cells = [[_cut(c, MAX_CELL) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*headers).rstrip(), "  ".join("-" * w for w in widths)]
    out += [fmt.format(*r).rstrip() for r in cells]
    return out


def render_plain(a: Analysis) -> str:
    """The report as plain text, for pipes and files."""
    out: list[str] = []
    for n, b in enumerate(sections(a)):
        if n == 0:
            out += [b.title, "=" * min(len(b.title), 100)]
        else:
            out += ["", b.title, "-" * len(b.title)]
        if b.empty:
            out.append("none found")
        if b.rows:
            out += _table(b.headers, b.rows)
        out += b.lines
    return "\n".join(out) + "\n"


def render_rich(a: Analysis, console: Any) -> None:
    """Print the report on a rich ``Console`` (a terminal): titled rules and tables."""
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    for n, b in enumerate(sections(a)):
        if n == 0:
            console.print(Text(b.title, style="bold"))
        else:
            console.print()
            console.rule(Text(b.title, style="bold cyan"), align="left")
        if b.empty:
            console.print(Text("none found", style="dim"))
        if b.rows:
            t = Table(show_edge=False, header_style="bold", pad_edge=False)
            for h in b.headers:
                t.add_column(h, overflow="fold")
            for r in b.rows:
                t.add_row(*r)
            console.print(t)
        for line in b.lines:
            style = "yellow" if line.startswith("warning:") else None
            console.print(Text(line, style=style or ""))
