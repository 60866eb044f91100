"""Flattening analyses into tables: one function and one pyarrow schema per table.

Each table has a row per record with ``row_id`` (deterministic, from the record's content),
``article_id`` and, for the per-article lists, ``position`` (the record's index in the
article's list: ``figures.quote`` and ``events.source_quote`` point at ``quotes.position``,
``inconsistencies.figures`` at ``figures.position``). The record's own fields follow, flattened:

- a ``Party`` field ``speaker`` becomes ``speaker_name``, ``speaker_entity_id``, ``speaker_kind``,
  ``speaker_resolved_via``;
- a span field ``span`` becomes ``start``/``end``, ``content_span`` ``content_start``/``content_end``;
- lists of spans, parties or records become lists of structs; ``dict[str, int]`` a map.

Columns are derived from the record classes in ``records.py``, so a field added there appears
here without an edit. The batch engine, ``load`` and ``export`` (which appends its cross-article
columns to these rows) share these functions.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin, get_type_hints

from ..records import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Framing,
    Inconsistency,
    Party,
    Quote,
    Record,
    Slant,
    hash_id,
)

# pyarrow is imported by the functions that build schemas and tables, not with this module:
# flattening rows needs none of it, and the command line, which imports this module, starts
# 0.1-0.2 s sooner without it.
if TYPE_CHECKING:
    import pyarrow as pa

TABLES: tuple[str, ...] = (
    "articles",
    "entities",
    "quotes",
    "figures",
    "events",
    "framing",
    "dates",
    "inconsistencies",
)

# The record class behind each per-article list (articles is built from Article + Analysis).
RECORD_OF: dict[str, type[Record]] = {
    "entities": Entity,
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "framing": Framing,
    "dates": DateMention,
    "inconsistencies": Inconsistency,
}

Row = dict[str, Any]


# --- type hints -> arrow types ------------------------------------------------------------


def _strip_optional(hint: Any) -> Any:
    if get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _is_span(hint: Any) -> bool:
    return get_origin(hint) is tuple and get_args(hint) == (int, int)


def _is_record(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Record)


def _arrow_type(hint: Any) -> pa.DataType:
    """The arrow type holding one value of ``hint`` (nested records become structs)."""
    import pyarrow as pa  # noqa: PLC0415

    hint = _strip_optional(hint)
    origin = get_origin(hint)
    if hint is str or origin is Literal:
        return pa.string()
    if hint is bool:
        return pa.bool_()
    if hint is int:
        return pa.int64()
    if hint is float:
        return pa.float64()
    if _is_span(hint):
        return pa.struct([("start", pa.int64()), ("end", pa.int64())])
    if _is_record(hint):
        return pa.struct([(name, _arrow_type(h)) for name, h in _fields(hint)])
    if origin is list:
        (arg,) = get_args(hint)
        return pa.list_(_arrow_type(arg))
    if origin is dict:
        key, value = get_args(hint)
        return pa.map_(_arrow_type(key), _arrow_type(value))
    return pa.string()  # anything else is stored as JSON text


def _arrow_value(hint: Any, value: Any) -> Any:
    """``value`` in the Python shape pyarrow expects for ``_arrow_type(hint)``."""
    if value is None:
        return None
    hint = _strip_optional(hint)
    origin = get_origin(hint)
    if hint in (str, bool, int) or origin is Literal:
        return value
    if hint is float:
        return float(value)
    if _is_span(hint):
        return {"start": int(value[0]), "end": int(value[1])}
    if _is_record(hint):
        return {name: _arrow_value(h, getattr(value, name)) for name, h in _fields(hint)}
    if origin is list:
        (arg,) = get_args(hint)
        return [_arrow_value(arg, v) for v in value]
    if origin is dict:
        _, vhint = get_args(hint)
        return {k: _arrow_value(vhint, v) for k, v in value.items()}
    return json.dumps(value.to_dict() if isinstance(value, Record) else value, ensure_ascii=False)


_FIELDS: dict[type, list[tuple[str, Any]]] = {}


def _fields(cls: type) -> list[tuple[str, Any]]:
    """(name, type hint) of a record's fields, in declaration order."""
    if cls not in _FIELDS:
        hints = get_type_hints(cls)
        _FIELDS[cls] = [(f, hints[f]) for f in cls.__dataclass_fields__]  # type: ignore[attr-defined]
    return _FIELDS[cls]


# --- one record -> flat columns ---------------------------------------------------------------


def _span_prefix(name: str) -> str | None:
    """'span' -> '', 'content_span' -> 'content_'; None for a field that is not a span."""
    if name == "span":
        return ""
    if name.endswith("_span"):
        return name[: -len("span")]
    return None


def _columns(cls: type, rename: dict[str, str] | None = None) -> list[pa.Field]:
    """The flat columns of one record class."""
    import pyarrow as pa  # noqa: PLC0415

    rename = rename or {}
    cols: list[pa.Field] = []
    for name, hint in _fields(cls):
        bare = _strip_optional(hint)
        col = rename.get(name, name)
        prefix = _span_prefix(name)
        if prefix is not None and _is_span(bare):
            cols += [pa.field(f"{prefix}start", pa.int64()), pa.field(f"{prefix}end", pa.int64())]
        elif bare is Party:
            cols += [pa.field(f"{col}_{sub}", _arrow_type(h)) for sub, h in _fields(bare)]
        else:
            cols.append(pa.field(col, _arrow_type(hint)))
    return cols


def _flat(record: Record, rename: dict[str, str] | None = None) -> Row:
    """One record's fields as flat columns matching ``_columns(type(record))``."""
    rename = rename or {}
    row: Row = {}
    for name, hint in _fields(type(record)):
        value = getattr(record, name)
        bare = _strip_optional(hint)
        col = rename.get(name, name)
        prefix = _span_prefix(name)
        if prefix is not None and _is_span(bare):
            row[f"{prefix}start"] = None if value is None else int(value[0])
            row[f"{prefix}end"] = None if value is None else int(value[1])
        elif bare is Party:
            for sub, h in _fields(bare):
                row[f"{col}_{sub}"] = None if value is None else _arrow_value(h, getattr(value, sub))
        else:
            row[col] = _arrow_value(hint, value)
    return row


def party_fields(cls: type[Record]) -> list[str]:
    """Fields of ``cls`` holding one ``Party`` (optional or not), flattened to ``<field>_name`` ...:
    ``['speaker']`` for ``Quote``, ``['actor', 'target']`` for ``Event``."""
    return [name for name, hint in _fields(cls) if _strip_optional(hint) is Party]


def records_of(table: str, analysis: Analysis) -> list[Any]:
    """The records behind ``table``'s rows, in row order: ``[analysis]`` for ``articles``, else the
    analysis's list (``FLATTENERS[table](analysis)[i]`` flattens ``records_of(table, analysis)[i]``)."""
    if table == "articles":
        return [analysis]
    if table not in RECORD_OF:
        raise KeyError(f"no table {table!r}; tables are {', '.join(TABLES)}")
    return list(getattr(analysis, table))


def _content(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)


# --- schemas ----------------------------------------------------------------------------------


def _key_columns() -> list[pa.Field]:
    import pyarrow as pa  # noqa: PLC0415

    return [
        pa.field("row_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
    ]


_ARTICLE_RENAME = {"id": "article_id"}
_ENTITY_RENAME = {"id": "entity_id"}


def _articles_schema() -> pa.Schema:
    import pyarrow as pa  # noqa: PLC0415

    article_cols = [c for c in _columns(Article, _ARTICLE_RENAME) if c.name != "article_id"]
    extra = [
        pa.field("warnings", pa.list_(pa.string())),
        *[pa.field(f"slant_{n}", _arrow_type(h)) for n, h in _fields(Slant)],
        pa.field("schema_version", pa.string()),
    ]
    return pa.schema([*_key_columns(), *article_cols, *extra])


def _list_schema(table: str) -> pa.Schema:
    import pyarrow as pa  # noqa: PLC0415

    rename = _ENTITY_RENAME if table == "entities" else None
    cols = _columns(RECORD_OF[table], rename)
    return pa.schema([*_key_columns(), pa.field("position", pa.int64(), nullable=False), *cols])


def schema(table: str) -> pa.Schema:
    """The pyarrow schema of ``table`` (one of ``TABLES``); empty shards are written with it."""
    if table not in TABLES:
        raise KeyError(f"no table {table!r}; tables are {', '.join(TABLES)}")
    if table not in _SCHEMAS:
        _SCHEMAS[table] = _articles_schema() if table == "articles" else _list_schema(table)
    return _SCHEMAS[table]


_SCHEMAS: dict[str, pa.Schema] = {}


# --- one function per table -------------------------------------------------------------------


def articles_rows(analysis: Analysis) -> list[Row]:
    """One row for the article: its metadata, text, warnings and slant summary."""
    art = analysis.article
    # where it was read from is not content: the same article from two files gets one row id
    content = json.dumps({k: v for k, v in art.to_dict().items() if k != "source"}, sort_keys=True)
    row: Row = {
        "row_id": hash_id("articles", art.id, content, prefix="r_"),
        "article_id": art.id,
    }
    flat = _flat(art, _ARTICLE_RENAME)
    flat.pop("article_id")
    row.update(flat)
    row["warnings"] = list(analysis.warnings)
    for name, hint in _fields(Slant):
        row[f"slant_{name}"] = (
            None if analysis.slant is None else _arrow_value(hint, getattr(analysis.slant, name))
        )
    row["schema_version"] = analysis.schema_version or SCHEMA_VERSION
    return [row]


def _list_rows(table: str, analysis: Analysis) -> list[Row]:
    rename = _ENTITY_RENAME if table == "entities" else None
    aid = analysis.article.id
    rows: list[Row] = []
    for i, rec in enumerate(getattr(analysis, table)):
        row: Row = {
            "row_id": hash_id(table, aid, i, _content(rec), prefix="r_"),
            "article_id": aid,
            "position": i,
        }
        row.update(_flat(rec, rename))
        rows.append(row)
    return rows


def entities_rows(analysis: Analysis) -> list[Row]:
    """A row per entity: ``entity_id``, name, type, aliases, mentions (start/end structs) ..."""
    return _list_rows("entities", analysis)


def quotes_rows(analysis: Analysis) -> list[Row]:
    """A row per quote, the speaker flattened to ``speaker_name``, ``speaker_entity_id`` ..."""
    return _list_rows("quotes", analysis)


def figures_rows(analysis: Analysis) -> list[Row]:
    """A row per figure, the claimant flattened to ``claimant_name`` ..."""
    return _list_rows("figures", analysis)


def events_rows(analysis: Analysis) -> list[Row]:
    """A row per event, actor/target flattened; ``actors``/``targets`` as lists of structs."""
    return _list_rows("events", analysis)


def framing_rows(analysis: Analysis) -> list[Row]:
    """A row per framing span."""
    return _list_rows("framing", analysis)


def dates_rows(analysis: Analysis) -> list[Row]:
    """A row per date mention."""
    return _list_rows("dates", analysis)


def inconsistencies_rows(analysis: Analysis) -> list[Row]:
    """A row per inconsistency; ``figures`` lists ``figures.position`` values."""
    return _list_rows("inconsistencies", analysis)


FLATTENERS: dict[str, Callable[[Analysis], list[Row]]] = {
    "articles": articles_rows,
    "entities": entities_rows,
    "quotes": quotes_rows,
    "figures": figures_rows,
    "events": events_rows,
    "framing": framing_rows,
    "dates": dates_rows,
    "inconsistencies": inconsistencies_rows,
}


def flatten(analysis: Analysis) -> dict[str, list[Row]]:
    """Every table's rows for one analysis."""
    return {table: FLATTENERS[table](analysis) for table in TABLES}


def to_table(table: str, rows: list[Row]) -> pa.Table:
    """Rows of ``table`` as a pyarrow Table with exactly ``schema(table)`` (zero rows is fine)."""
    import pyarrow as pa  # noqa: PLC0415

    return pa.Table.from_pylist(rows, schema=schema(table))


# --- the inverse: rows -> records ------------------------------------------------------------
#
# ``unflatten(flatten(a)) == a`` for every analysis: each column is read back through the same
# type hints that wrote it. The hints are walked once per class into converter functions (the
# loader calls them millions of times). A column missing from an older file leaves the field at
# its default.

Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Convert:
    """A function turning a value read from a column of ``_arrow_type(hint)`` back into the
    record-side value (None stays None)."""
    hint = _strip_optional(hint)
    origin = get_origin(hint)
    if hint in (str, bool, int) or origin is Literal:
        return _same
    if hint is float:
        return lambda v: None if v is None else float(v)
    if _is_span(hint):
        return lambda v: None if v is None else (v["start"], v["end"])
    if _is_record(hint):
        subs = [(name, _converter(h)) for name, h in _fields(hint)]

        def record(v: Any) -> Any:
            if v is None:
                return None
            return hint(**{name: conv(v[name]) for name, conv in subs if name in v})

        return record
    if origin is list:
        item = _converter(get_args(hint)[0])
        if item is _same:
            return lambda v: None if v is None else list(v)
        return lambda v: None if v is None else [item(x) for x in v]
    if origin is dict:
        val = _converter(get_args(hint)[1])

        def mapping(v: Any) -> Any:
            if v is None:
                return None
            # pyarrow hands a map back as (key, value) pairs; a dict passes through unchanged
            pairs = v.items() if isinstance(v, dict) else v
            return {k: val(x) for k, x in pairs}

        return mapping

    def from_json(v: Any) -> Any:  # stored as JSON text by _arrow_value
        if v is None:
            return None
        data = json.loads(v)
        return hint.from_dict(data) if _is_record(hint) and isinstance(data, dict) else data

    return from_json


def _is_optional(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType) and type(None) in get_args(hint)


_READERS: dict[tuple[type, tuple[tuple[str, str], ...]], Callable[[Row], Any]] = {}


def _reader(cls: type[Record], rename: dict[str, str] | None = None) -> Callable[[Row], Any]:
    """The inverse of ``_flat`` for ``cls``: a function building one record from a flat row."""
    key = (cls, tuple(sorted((rename or {}).items())))
    if key in _READERS:
        return _READERS[key]
    rename = rename or {}
    # each field: (name, kind, columns, converter); kind says how the columns make the value
    plan: list[tuple[str, str, tuple[str, ...], Any]] = []
    for name, hint in _fields(cls):
        bare = _strip_optional(hint)
        col = rename.get(name, name)
        prefix = _span_prefix(name)
        if prefix is not None and _is_span(bare):
            plan.append((name, "span", (f"{prefix}start", f"{prefix}end"), None))
        elif bare is Party:
            subs = tuple((sub, _converter(h)) for sub, h in _fields(bare))
            kind = "party?" if _is_optional(hint) else "party"
            plan.append((name, kind, tuple(f"{col}_{sub}" for sub, _ in subs), subs))
        else:
            plan.append((name, "value", (col,), _converter(hint)))

    def read(row: Row) -> Any:
        kwargs: dict[str, Any] = {}
        for name, kind, cols, conv in plan:
            if kind == "value":
                if cols[0] in row:
                    kwargs[name] = conv(row[cols[0]])
            elif kind == "span":
                if cols[0] in row and cols[1] in row:
                    start, end = row[cols[0]], row[cols[1]]
                    kwargs[name] = None if start is None and end is None else (start, end)
            elif any(c in row for c in cols):  # a party
                values = [row.get(c) for c in cols]
                if kind == "party?" and all(v is None for v in values):
                    kwargs[name] = None
                else:
                    kwargs[name] = Party(
                        **{sub: f(v) for (sub, f), c, v in zip(conv, cols, values, strict=True) if c in row}
                    )
            # a column missing from an older file: the field keeps its default
        return cls(**kwargs)

    _READERS[key] = read
    return read


def analysis_from_rows(article_row: Row, children: dict[str, list[Row]]) -> Analysis:
    """The inverse of ``flatten`` for one article: its ``articles`` row and its rows of each other
    table (any order; they are put back in ``position`` order). A table left out has no rows."""
    article = _reader(Article)({**article_row, "id": article_row["article_id"]})
    lists: dict[str, list[Any]] = {}
    for table, cls in RECORD_OF.items():
        read = _reader(cls, _ENTITY_RENAME if table == "entities" else None)
        rows = sorted(children.get(table, ()), key=lambda r: r["position"])
        lists[table] = [read(r) for r in rows]
    slant_cols = {name: f"slant_{name}" for name, _ in _fields(Slant)}
    slant: Slant | None = None
    if any(article_row.get(c) is not None for c in slant_cols.values()):
        slant = _reader(Slant)({n: article_row[c] for n, c in slant_cols.items() if c in article_row})
    extra: dict[str, Any] = {}
    if article_row.get("schema_version") is not None:
        extra["schema_version"] = article_row["schema_version"]
    return Analysis(
        article=article,
        slant=slant,
        warnings=list(article_row.get("warnings") or []),
        **lists,
        **extra,
    )


def unflatten(rows_by_table: dict[str, list[Row]]) -> Analysis:
    """The inverse of ``flatten``: ``unflatten(flatten(a)) == a``. ``rows_by_table`` holds one
    article's rows (exactly one ``articles`` row); raises ``ValueError`` otherwise."""
    arts = rows_by_table.get("articles") or []
    if len(arts) != 1:
        raise ValueError(f"expected one articles row, got {len(arts)}")
    aid = arts[0]["article_id"]
    stray = {
        t for t, rows in rows_by_table.items() if t != "articles" for r in rows if r["article_id"] != aid
    }
    if stray:
        raise ValueError(f"rows of another article than {aid} in {', '.join(sorted(stray))}")
    return analysis_from_rows(arts[0], {t: r for t, r in rows_by_table.items() if t != "articles"})
