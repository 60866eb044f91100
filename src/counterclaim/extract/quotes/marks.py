"""Quotation marks: the stretches of text inside them (``Segment``), paragraph by paragraph,
and the mark helpers the later passes use (marks left open, a lone mark at a content's end)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ... import lexicons

# opening mark -> marks that may close it
_OPEN = {
    '"': '"\u201d\u201c',
    "\u201c": '\u201d"',
    "\u201e": '\u201c\u201d"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",  # Danish/Swedish style >>...<<
    "\u2039": "\u203a",
}
_SINGLE_OPEN = {"'": "'\u2019", "\u2018": "\u2019'"}
_OPENERS = re.compile("[" + re.escape("".join(_OPEN) + "".join(_SINGLE_OPEN)) + "]")
_CLOSERS = {ch: re.compile("[" + re.escape(close) + "]") for ch, close in _OPEN.items()}
_SINGLE_CLOSERS = re.compile("['\u2019]")


@dataclass(slots=True)
class Segment:
    """One stretch of text inside quotation marks, within one paragraph."""

    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (paragraph end when left open)
    cstart: int  # content start
    cend: int  # content end (trimmed of spaces and a trailing comma)
    closed: bool
    para: int
    para_start: int
    para_end: int


def find_segments(text: str) -> list[Segment]:
    """Quotation-mark segments of ``text``, paragraph by paragraph (a line is a paragraph).

    Nested quotes stay inside their outer segment; an opening mark with no closing mark in its
    paragraph runs to the paragraph end (the quote continues in the next paragraph).
    """
    segs: list[Segment] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        if line.strip():
            _scan_paragraph(line, pos, para, segs)
            para += 1
        pos += len(line) + 1
    return segs


def _scan_paragraph(p: str, base: int, para: int, out: list[Segment]) -> None:
    i, n = 0, len(p)
    while (m := _OPENERS.search(p, i)) is not None:  # characters that open nothing are skipped
        i = m.start()
        ch = p[i]
        close_set = _OPEN.get(ch)
        if close_set is None and ch in _SINGLE_OPEN and _single_opens(p, i):
            j = _single_close(p, i)
            if j is not None:
                out.append(_segment(p, base, para, i, j + 1, True))
                i = j + 1
                continue
        if close_set is not None and not (ch == '"' and _is_inch(p, i)):
            close = _CLOSERS[ch].search(p, i + 1)
            if close is None:
                out.append(_segment(p, base, para, i, n, False))
                return
            j = close.start()
            out.append(_segment(p, base, para, i, j + 1, True))
            i = j + 1
            continue
        i += 1


def _is_inch(p: str, i: int) -> bool:
    """A straight double quote after a digit is an inch mark (a 12" gun), not a quotation."""
    return i > 0 and p[i - 1].isdigit() and (i + 1 == len(p) or not p[i + 1].isalnum())


def _single_opens(p: str, i: int) -> bool:
    before = p[i - 1] if i > 0 else " "
    after = p[i + 1] if i + 1 < len(p) else " "
    return (before.isspace() or before in "([\u2014\u2013-") and after.isalnum()


def _single_close(p: str, i: int) -> int | None:
    """The closing single mark: after a non-space, before a non-letter, not an apostrophe."""
    for m in _SINGLE_CLOSERS.finditer(p, i + 2):
        k = m.start()
        before, after = p[k - 1], (p[k + 1] if k + 1 < len(p) else " ")
        if before.isspace() or after.isalnum():
            continue  # don't, it's, rock 'n' roll
        if before in "sS" and after == " " and _possessive_next(p, k + 2):
            continue  # plural possessive: the soldiers' families
        return k
    return None


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(lexicons.entries("quote_function_words"))


def _possessive_next(p: str, k: int) -> bool:
    """After "s' ": a lower-case content word reads as a plural possessive (the soldiers' camp);
    a function word ('objectives' in the region') means the mark closes a quotation."""
    word = p[k:].split(" ", 1)[0].strip(".,;:!?")
    return word[:1].islower() and word not in _function_words()


def _segment(p: str, base: int, para: int, i: int, j: int, closed: bool) -> Segment:
    cs, ce = i + 1, (j - 1 if closed else j)
    while cs < ce and p[cs].isspace():
        cs += 1
    while ce > cs and (p[ce - 1].isspace() or p[ce - 1] == ","):
        ce -= 1
    return Segment(base + i, base + j, base + cs, base + ce, closed, para, base, base + len(p))


def open_marks(text: str) -> tuple[int, bool]:
    """Curly/angle marks opened in ``text`` and not closed there (negative: closed but never
    opened), and whether it holds an odd number of straight marks (one of them lost its mate)."""
    curly = text.count("\u201c") - text.count("\u201d") + text.count("\u00ab") - text.count("\u00bb")
    return curly, text.count('"') % 2 == 1


def balance(text: str) -> str:
    """Drop a lone quotation mark left at either end of a content span ('«une désescalade')."""
    opens, closes = "\"\u201c\u2018\u00ab'", "\"\u201d\u2019\u00bb'"
    if text[:1] in opens and not any(c in text[1:] for c in closes):
        text = text[1:].lstrip()
    if text[-1:] in closes and not any(c in text[:-1] for c in opens):
        text = text[:-1].rstrip()
    return text
