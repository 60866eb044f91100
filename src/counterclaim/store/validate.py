"""Every analysis is checked before it is written: the record types, the schema, and what can be.

    validate(analysis)          # raises InvalidAnalysis (E022) naming the first problem

``load`` reads analyses someone else wrote (JSON lines, Parquet); a crafted one (a figure value
``"thirty"``, a span past the end of the text, an article id that is not its text's) once went
into the store as it was, and then ``claims``, ``show``, ``export`` and the web pages failed for
everyone. So every write (``Store.upsert``/``upsert_many``, through ``tables.batches``) checks:

1. the record types of ``records.py``: each field holds what its type hint says (``float`` for a
   figure's value, one of the ``Literal`` values for a category, two integers for a span);
2. the JSON schema of the analysis (``analysis.schema.json``, a copy of ``shared/schema``);
3. what the schema cannot say: the article id is the content id of its title and text; every span
   lies inside the text; numbers are finite, counts are not negative, ``low <= value <= high``;
   indexes into quotes and figures exist; dates are calendar days, and the publication date is in
   the range an article can have; every string is valid Unicode.
"""

from __future__ import annotations

import functools
import json
import math
import re
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from ..errors import CounterclaimError, InvalidAnalysis
from ..records import Analysis, Record, content_id

SCHEMA_FILE = Path(__file__).with_name("analysis.schema.json")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.cache
def _validator() -> Any:
    import jsonschema  # noqa: PLC0415

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate(analysis: Analysis, *, source: str | None = None) -> None:
    """Raise ``InvalidAnalysis`` (E022) naming the analysis and its first problem."""
    where = source or getattr(getattr(analysis, "article", None), "id", None) or "analysis"
    try:
        if not isinstance(analysis, Analysis):
            raise ValueError(f"not an Analysis but {type(analysis).__name__}")
        _types(analysis, "analysis")
        errors = sorted(_validator().iter_errors(analysis.to_dict()), key=lambda e: list(e.absolute_path))
        if errors:
            e = errors[0]
            path = "/".join(str(p) for p in e.absolute_path) or "(top)"
            raise ValueError(f"does not match the schema at {path}: {e.message[:200]}")
        _meaning(analysis)
    except ValueError as exc:
        raise InvalidAnalysis(f"invalid analysis: {exc}", source=where) from None
    except CounterclaimError as exc:
        raise InvalidAnalysis(f"invalid analysis: {exc.message}", source=where) from None


# --- 1. record types -------------------------------------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _types(record: Any, path: str) -> None:
    for f in fields(record):
        _check(_hints(type(record))[f.name], getattr(record, f.name), f"{path}.{f.name}")


def _check(hint: Any, value: Any, path: str) -> None:
    """Raise ``ValueError`` when ``value`` is not of type ``hint``."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = get_args(hint)
        if value is None and type(None) in args:
            return
        problems = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                _check(arg, value, path)
                return
            except ValueError as exc:
                problems.append(str(exc))
        raise ValueError(problems[0] if problems else f"{path} is {value!r}")
    if origin is Literal:
        if value not in get_args(hint):
            raise ValueError(f"{path} is {_show(value)}, not one of {', '.join(map(repr, get_args(hint)))}")
        return
    if origin is list:
        if not isinstance(value, list):
            raise ValueError(f"{path} is {_show(value)}, not a list")
        (arg,) = get_args(hint) or (Any,)
        for i, v in enumerate(value):
            _check(arg, v, f"{path}[{i}]")
        return
    if origin is tuple:  # spans: two integers
        args = get_args(hint)
        if not isinstance(value, tuple | list) or len(value) != len(args):
            raise ValueError(f"{path} is {_show(value)}, not {len(args)} values")
        for i, (arg, v) in enumerate(zip(args, value, strict=True)):
            _check(arg, v, f"{path}[{i}]")
        return
    if origin is dict:
        if not isinstance(value, dict):
            raise ValueError(f"{path} is {_show(value)}, not a mapping")
        kt, vt = get_args(hint) or (Any, Any)
        for k, v in value.items():
            _check(kt, k, f"{path} key")
            _check(vt, v, f"{path}[{k!r}]")
        return
    if hint is Any:
        return
    if isinstance(hint, type) and issubclass(hint, Record):
        if not isinstance(value, hint):
            raise ValueError(f"{path} is {_show(value)}, not a {hint.__name__}")
        _types(value, path)
        return
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{path} is {_show(value)}, not a number")
        if not math.isfinite(value):
            raise ValueError(f"{path} is {value!r}, not a finite number")
        return
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{path} is {_show(value)}, not an integer")
        return
    if hint is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{path} is {_show(value)}, not true or false")
        return
    if hint is str:
        if not isinstance(value, str):
            raise ValueError(f"{path} is {_show(value)}, not a string")
        return
    if isinstance(hint, type) and not isinstance(value, hint):
        raise ValueError(f"{path} is {_show(value)}, not {hint.__name__}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- 3. meaning -------------------------------------------------------------------------------


def _meaning(a: Analysis) -> None:
    art = a.article
    try:
        art.text.encode("utf-8")
        art.title.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"the article holds a lone surrogate at {exc.start}: not valid Unicode") from None
    if art.id != content_id(art.title, art.text):
        own = content_id(art.title, art.text)
        raise ValueError(f"the article id {art.id!r} is not the id of its title and text ({own})")
    if art.published is not None:
        from ..ingest.checks import valid_date  # noqa: PLC0415

        valid_date(art.published, what="article.published", partial=True)
    n = len(art.text)
    _spans(a, n)
    for i, f in enumerate(a.figures):
        where = f"figures[{i}]"
        for name in ("value", "low", "high"):
            v = getattr(f, name)
            if v is not None and v < 0:
                raise ValueError(f"{where}.{name} is {v!r}: a count cannot be negative")
        if f.low is not None and f.high is not None and f.low > f.high:
            raise ValueError(f"{where}: low {f.low!r} is above high {f.high!r}")
        if f.quote is not None and not 0 <= f.quote < len(a.quotes):
            raise ValueError(f"{where}.quote is {f.quote}, but there are {len(a.quotes)} quotes")
        _date(f.as_of, f"{where}.as_of")
    for i, e in enumerate(a.events):
        if e.source_quote is not None and not 0 <= e.source_quote < len(a.quotes):
            raise ValueError(f"events[{i}].source_quote is {e.source_quote}; {len(a.quotes)} quotes")
        _date(e.date, f"events[{i}].date")
    for i, inc in enumerate(a.inconsistencies):
        bad = [k for k in inc.figures if not 0 <= k < len(a.figures)]
        if bad:
            raise ValueError(f"inconsistencies[{i}] names figure {bad[0]}; {len(a.figures)} figures")
    for i, d in enumerate(a.dates):
        _date(d.value, f"dates[{i}].value")
    share = a.slant.outlet_voice_share if a.slant is not None else None
    if share is not None and not 0 <= share <= 1:
        raise ValueError(f"slant.outlet_voice_share is {share!r}, not a share")
    _strings(a, "analysis")


def _spans(record: Any, n: int, path: str = "analysis") -> None:
    """Every ``span``, ``content_span`` and ``mentions`` span inside ``[0, n]`` and in order."""
    if isinstance(record, list):
        for i, r in enumerate(record):
            _spans(r, n, f"{path}[{i}]")
        return
    if not is_dataclass(record):
        return
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name in ("span", "content_span") and value is not None:
            _span(value, n, f"{path}.{f.name}")
        elif f.name == "mentions" and isinstance(value, list):  # entities' and dates' mention spans
            for i, s in enumerate(value):
                _span(s, n, f"{path}.mentions[{i}]")
        elif isinstance(value, list) or is_dataclass(value):
            _spans(value, n, f"{path}.{f.name}")


def _span(span: Any, n: int, path: str) -> None:
    start, end = span
    if not 0 <= start <= end <= n:
        raise ValueError(f"{path} is [{start}, {end}], outside the text (length {n})")


def _date(value: str | None, path: str) -> None:
    """An ISO date as precise as known, and a day of the calendar (any year: texts name history)."""
    if value is None:
        return
    m = _ISO.match(value)
    if m is None:
        raise ValueError(f"{path} is {value!r}, not an ISO date")
    month, day = int(m.group(2) or 1), int(m.group(3) or 1)
    import datetime as dt  # noqa: PLC0415

    try:
        dt.date(max(1, int(m.group(1))), month, day)
    except ValueError:
        raise ValueError(f"{path} is {value!r}, not a day of the calendar") from None


def _strings(record: Any, path: str) -> None:
    """Every string valid Unicode (no lone surrogates: JSON "\\ud800" escapes make them)."""
    if isinstance(record, str):
        if not record.isascii():
            try:
                record.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{path} holds a lone surrogate: not valid Unicode") from None
    elif isinstance(record, list | tuple):
        for i, v in enumerate(record):
            _strings(v, f"{path}[{i}]")
    elif isinstance(record, dict):
        for k, v in record.items():
            _strings(k, f"{path} key")
            _strings(v, f"{path}[{k!r}]")
    elif is_dataclass(record):
        for f in fields(record):
            if f.name not in ("text",) or path != "analysis.article":
                _strings(getattr(record, f.name), f"{path}.{f.name}")


__all__ = ["SCHEMA_FILE", "validate"]
