"""Checks every article passes before analysis: text present, not binary, within the size limit,
and in English (the only language the pipeline reads). ``analyze`` calls ``check_article``.

The size limit is process-wide: ``DEFAULT_MAX_BYTES`` unless the ``COUNTERCLAIM_MAX_BYTES``
environment variable or ``set_max_bytes`` (the CLI's ``--max-size``) says otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from ..errors import (
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    InvalidValue,
    MalformedInput,
    UnsupportedLanguage,
)
from ..records import Article

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # 5 MB of UTF-8 text
MAX_SIZE_LIMIT = 1024**3  # --max-size and COUNTERCLAIM_MAX_BYTES may not go over 1 GB
SUPPORTED_LANGUAGES = ("en",)
# Language verdicts: a non-English guess rejects the article only when it is confident and the
# text is long enough for the guess to mean something; shorter or unsure texts pass with a warning.
MIN_CONFIDENCE = 0.90
MIN_LETTERS = 40
LANGID_SAMPLE = 4000  # characters classified: enough for a verdict, cheap on long articles
MAX_CONTROL_SHARE = 0.01  # more control characters than this and the text is not prose
# Code points of Unicode categories Cc, Cs and Co (closed sets: no code point enters or leaves
# them) except tab and the line breaks; tests/ingest checks the class against ``unicodedata``.
CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)

# Publication dates a news article can have. Outside this range a date is a typo or an attack
# (9999-12-31 and 0001-01-01 overflowed the date arithmetic of relative dates).
MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

_max_bytes: int | None = None


def max_bytes() -> int:
    """The size limit in bytes: ``set_max_bytes``, else $COUNTERCLAIM_MAX_BYTES (a number of
    bytes, at most ``MAX_SIZE_LIMIT``), else 5 MB."""
    if _max_bytes is not None:
        return _max_bytes
    env = os.environ.get("COUNTERCLAIM_MAX_BYTES", "").strip()
    if env.isdigit() and 0 < len(env) <= 12 and 0 < int(env) <= MAX_SIZE_LIMIT:
        return int(env)
    return DEFAULT_MAX_BYTES


def set_max_bytes(limit: int | None) -> None:
    """Set (or with None, reset) the process-wide size limit for articles and input files."""
    global _max_bytes
    if limit is not None and not 0 < limit <= MAX_SIZE_LIMIT:
        raise ValueError(f"the size limit must be positive and at most {MAX_SIZE_LIMIT} bytes")
    _max_bytes = limit


def human_size(n: int) -> str:
    """'5.0 MB' for 5*1024*1024: sizes in error messages."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover - loop always returns


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language, by py3langid (``language``)."""
    from .language import identifier  # noqa: PLC0415 (loads a model)

    lang, prob = identifier().classify(text[:LANGID_SAMPLE])
    return str(lang), float(prob)


def control_share(text: str) -> float:
    """Share of characters that are control codes other than tab and line breaks."""
    if not text:
        return 0.0
    sample = text[: LANGID_SAMPLE * 2]
    return len(CONTROL_CHARS.findall(sample)) / len(sample)


def require_unicode(text: str, *, what: str = "text", source: str | None = None) -> None:
    """Raise ``MalformedInput`` when ``text`` holds lone surrogates (a ``str`` that is not valid
    Unicode and cannot be hashed, parsed or stored as UTF-8)."""
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise MalformedInput(
            f"the {what} holds a lone surrogate code point at {exc.start}: not valid Unicode", source=source
        ) from exc


def valid_date(
    value: str, *, what: str = "the date", source: str | None = None, partial: bool = False
) -> str:
    """``value`` as an ISO date (``YYYY-MM-DD``; with ``partial`` also ``YYYY-MM`` and ``YYYY``; a
    timestamp is cut to its date) when it is a real calendar day between ``MIN_DATE`` and
    ``MAX_DATE``; raises ``InvalidValue`` naming ``what`` otherwise (2020-02-30, 9999-12-31,
    'not-a-date')."""
    raw = value.strip() if isinstance(value, str) else ""
    m = _ISO.fullmatch(raw[:10] if re.match(r"\d{4}-\d{2}-\d{2}[T ]", raw) else raw)
    if m is None or (not partial and m.group(3) is None):
        shape = "YYYY-MM-DD, YYYY-MM or YYYY" if partial else "YYYY-MM-DD"
        raise InvalidValue(f"{what} {value!r} is not a date in {shape} form", source=source)
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidValue(f"{what} {value!r} is not a day of the calendar ({exc})", source=source) from None
    if not MIN_DATE <= date <= MAX_DATE:
        raise InvalidValue(
            f"{what} {value!r} is outside the dates an article can have ({MIN_DATE} to {MAX_DATE})",
            source=source,
        )
    return m.group(0)


def check_article(article: Article) -> list[str]:
    """Raise an ``InputError`` for an article that cannot be analysed; return warnings otherwise.

    Sets ``article.language`` when the language is known.
    """
    warnings: list[str] = []
    src = article.source
    if not article.text.strip():
        raise EmptyInput("the article has no text", source=src)
    size = len(article.text.encode("utf-8", "surrogatepass"))
    limit = max_bytes()
    if size > limit:
        raise InputTooLarge(
            f"the article text is {human_size(size)}, over the {human_size(limit)} limit "
            "(raise it with --max-size or COUNTERCLAIM_MAX_BYTES)",
            source=src,
        )
    if "\x00" in article.text or control_share(article.text) > MAX_CONTROL_SHARE:
        raise BinaryInput("the text is full of control characters: binary data, not an article", source=src)
    if article.published:
        valid_date(article.published, what="the publication date", source=src, partial=True)
    if article.encoding:
        warnings.append(f"the input was not UTF-8; decoded it as {article.encoding}")
    warnings.extend(_check_language(article))
    return warnings


def _check_language(article: Article) -> list[str]:
    sample = f"{article.title}\n{article.text}" if article.title else article.text
    letters = _letters(sample[:LANGID_SAMPLE], MIN_LETTERS)
    lang, prob = detect_language(sample)
    if lang in SUPPORTED_LANGUAGES:
        article.language = lang
        return []
    if prob >= MIN_CONFIDENCE and letters >= MIN_LETTERS:
        raise UnsupportedLanguage(
            f"the article is in '{lang}' (p={prob:.2f}); counterclaim reads English only",
            source=article.source,
        )
    article.language = None
    if letters < MIN_LETTERS:
        return []  # too short to tell: nothing worth a warning
    return [f"could not tell the article's language (best guess '{lang}', p={prob:.2f}); read it as English"]


def _letters(text: str, enough: int) -> int:
    """The letters in ``text``, counted up to ``enough`` (all a verdict needs to know)."""
    n = 0
    for c in text:
        if c.isalpha():
            n += 1
            if n >= enough:
                break
    return n
