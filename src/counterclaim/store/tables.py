"""The store's tables: one per part of the analysis, dialect-neutral, with deterministic row ids.

Every child table has ``id`` (hash of article id, table, position and record content),
``article_id``, ``position`` (the record's index in its list) and ``record`` (the record's full
JSON, so a field added later is kept without a new column); the named columns are there to query.
Later issues add tables or columns here; existing ones keep their names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..records import Analysis, content_id, hash_id

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Table:
    """One child table: its columns (name, SQL type) and how an analysis becomes its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: Callable[[Analysis], Iterator[tuple[int, dict[str, Any], Row]]]  # (position, record, columns)


def canonical(obj: Any) -> str:
    """JSON with sorted keys: equal content, equal text, equal hash."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _party(prefix: str, p: dict[str, Any] | None) -> Row:
    p = p or {}
    return {
        f"{prefix}_name": p.get("name"),
        f"{prefix}_entity_id": p.get("entity_id"),
        f"{prefix}_kind": p.get("kind"),
        f"{prefix}_resolved_via": p.get("resolved_via"),
    }


def _span(d: dict[str, Any], key: str = "span") -> Row:
    s = d.get(key) or (None, None)
    return {"span_start": s[0], "span_end": s[1]}


def _listed(part: str) -> Callable[[Callable[[dict[str, Any]], Row]], Callable[[Analysis], Iterator[Any]]]:
    """Rows of ``part`` (a list field of the analysis), one per record, via ``make``."""

    def wrap(make: Callable[[dict[str, Any]], Row]) -> Callable[[Analysis], Iterator[Any]]:
        def rows(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
            for i, rec in enumerate(getattr(a, part)):
                d = rec.to_dict()
                yield i, d, make(d)

        return rows

    return wrap


def _party_cols(p: str) -> tuple[tuple[str, str], ...]:
    return (
        (f"{p}_name", "TEXT"),
        (f"{p}_entity_id", "TEXT"),
        (f"{p}_kind", "TEXT"),
        (f"{p}_resolved_via", "TEXT"),
    )


_SPAN_COLS = (("span_start", "INTEGER"), ("span_end", "INTEGER"))


@_listed("entities")
def _entity(d: dict[str, Any]) -> Row:
    return {
        "name": d.get("name"),
        "type": d.get("type"),
        "affiliation": d.get("affiliation"),
        "gender": d.get("gender"),
        "descriptors": canonical(d.get("descriptors") or []),
        "reason": d.get("reason"),
    }


def _aliases(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
    pos = 0
    for e in a.entities:
        for alias in e.aliases:
            yield pos, {"entity_id": e.id, "alias": alias}, {"entity_id": e.id, "alias": alias}
            pos += 1


def _mentions(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
    pos = 0
    for e in a.entities:
        for s, t in e.mentions:
            rec = {"entity_id": e.id, "span": [s, t]}
            yield pos, rec, {"entity_id": e.id, "span_start": s, "span_end": t}
            pos += 1


@_listed("quotes")
def _quote(d: dict[str, Any]) -> Row:
    return {
        **_party("speaker", d.get("speaker")),
        "text": d.get("text"),
        "kind": d.get("kind"),
        "cue": d.get("cue"),
        "cue_loaded": int(bool(d.get("cue_loaded"))),
        **_span(d),
        "reason": d.get("reason"),
    }


@_listed("figures")
def _figure(d: dict[str, Any]) -> Row:
    return {
        "value": d.get("value"),
        "low": d.get("low"),
        "high": d.get("high"),
        "qualifier": d.get("qualifier"),
        "category": d.get("category"),
        "subject": d.get("subject"),
        "party": d.get("party"),
        **_party("claimant", d.get("claimant")),
        "as_of": d.get("as_of"),
        "quote_position": d.get("quote"),
        **_span(d),
        "reason": d.get("reason"),
    }


@_listed("events")
def _event(d: dict[str, Any]) -> Row:
    return {
        "type": d.get("type"),
        "mode": d.get("mode"),
        **_party("actor", d.get("actor")),
        **_party("target", d.get("target")),
        "date": d.get("date"),
        "location": d.get("location"),
        "status": d.get("status"),
        "trigger": d.get("trigger"),
        "source_quote": d.get("source_quote"),
        **_span(d),
        "reason": d.get("reason"),
    }


@_listed("framing")
def _framing(d: dict[str, Any]) -> Row:
    return {
        "text": d.get("text"),
        "technique": d.get("technique"),
        "voice": d.get("voice"),
        "favours": d.get("favours"),
        **_span(d),
        "reason": d.get("reason"),
    }


@_listed("dates")
def _date(d: dict[str, Any]) -> Row:
    return {
        "text": d.get("text"),
        "value": d.get("value"),
        "grain": d.get("grain"),
        **_span(d),
        "reason": d.get("reason"),
    }


@_listed("inconsistencies")
def _inconsistency(d: dict[str, Any]) -> Row:
    return {
        "figures": canonical(d.get("figures") or []),
        "severity": d.get("severity"),
        "explanation": d.get("explanation"),
        "reason": d.get("reason"),
    }


def _slant(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
    if a.slant is not None:
        d = a.slant.to_dict()
        d.pop("sides", None)
        yield 0, d, {"last_word": d.get("last_word"), "outlet_voice_share": d.get("outlet_voice_share")}


def _slant_sides(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
    if a.slant is None:
        return
    for i, side in enumerate(a.slant.sides):
        d = side.to_dict()
        yield (
            i,
            d,
            {
                "side": d.get("side"),
                "claims": d.get("claims"),
                "quotes": d.get("quotes"),
                "figures": d.get("figures"),
                "neutral_cues": d.get("neutral_cues"),
                "loaded_cues": d.get("loaded_cues"),
                "framing_for": d.get("framing_for"),
                "framing_against": d.get("framing_against"),
                "cues": canonical(d.get("cues") or {}),
            },
        )


def _warnings(a: Analysis) -> Iterator[tuple[int, dict[str, Any], Row]]:
    for i, w in enumerate(a.warnings):
        yield i, {"message": w}, {"message": w}


ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "TEXT NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("url", "TEXT"),
    ("outlet", "TEXT"),
    ("published", "TEXT"),
    ("published_source", "TEXT"),
    ("published_reason", "TEXT"),
    ("language", "TEXT"),
    ("source", "TEXT"),
    ("encoding", "TEXT"),
    ("schema_version", "TEXT NOT NULL"),
    ("analysis_hash", "TEXT NOT NULL"),
    ("analysis_json", "TEXT NOT NULL"),
)

CHILD_TABLES: tuple[Table, ...] = (
    Table(
        "entities",
        (
            ("name", "TEXT"),
            ("type", "TEXT"),
            ("affiliation", "TEXT"),
            ("gender", "TEXT"),
            ("descriptors", "TEXT"),
            ("reason", "TEXT"),
        ),
        _entity,
    ),
    Table("aliases", (("entity_id", "TEXT"), ("alias", "TEXT")), _aliases),
    Table("mentions", (("entity_id", "TEXT"), *_SPAN_COLS), _mentions),
    Table(
        "quotes",
        (
            *_party_cols("speaker"),
            ("text", "TEXT"),
            ("kind", "TEXT"),
            ("cue", "TEXT"),
            ("cue_loaded", "INTEGER"),
            *_SPAN_COLS,
            ("reason", "TEXT"),
        ),
        _quote,
    ),
    Table(
        "figures",
        (
            ("value", "REAL"),
            ("low", "REAL"),
            ("high", "REAL"),
            ("qualifier", "TEXT"),
            ("category", "TEXT"),
            ("subject", "TEXT"),
            ("party", "TEXT"),
            *_party_cols("claimant"),
            ("as_of", "TEXT"),
            ("quote_position", "INTEGER"),
            *_SPAN_COLS,
            ("reason", "TEXT"),
        ),
        _figure,
    ),
    Table(
        "events",
        (
            ("type", "TEXT"),
            ("mode", "TEXT"),
            *_party_cols("actor"),
            *_party_cols("target"),
            ("date", "TEXT"),
            ("location", "TEXT"),
            ("status", "TEXT"),
            ("trigger", "TEXT"),
            ("source_quote", "INTEGER"),
            *_SPAN_COLS,
            ("reason", "TEXT"),
        ),
        _event,
    ),
    Table(
        "framing",
        (
            ("text", "TEXT"),
            ("technique", "TEXT"),
            ("voice", "TEXT"),
            ("favours", "TEXT"),
            *_SPAN_COLS,
            ("reason", "TEXT"),
        ),
        _framing,
    ),
    Table(
        "dates",
        (("text", "TEXT"), ("value", "TEXT"), ("grain", "TEXT"), *_SPAN_COLS, ("reason", "TEXT")),
        _date,
    ),
    Table(
        "inconsistencies",
        (("figures", "TEXT"), ("severity", "TEXT"), ("explanation", "TEXT"), ("reason", "TEXT")),
        _inconsistency,
    ),
    Table("slant", (("last_word", "TEXT"), ("outlet_voice_share", "REAL")), _slant),
    Table(
        "slant_sides",
        (
            ("side", "TEXT"),
            ("claims", "INTEGER"),
            ("quotes", "INTEGER"),
            ("figures", "INTEGER"),
            ("neutral_cues", "INTEGER"),
            ("loaded_cues", "INTEGER"),
            ("framing_for", "INTEGER"),
            ("framing_against", "INTEGER"),
            ("cues", "TEXT"),
        ),
        _slant_sides,
    ),
    Table("warnings", (("message", "TEXT"),), _warnings),
)

TABLE_NAMES: tuple[str, ...] = ("articles", *(t.name for t in CHILD_TABLES))


def content_hash(a: Analysis) -> str:
    """Hash of what the analysis says, leaving out where the article was read from
    (``article.source``): the same article ingested from another path is not a change."""
    d = a.to_dict()
    d["article"] = {k: v for k, v in d["article"].items() if k != "source"}
    return hash_id(canonical(d), length=32)


def article_row(a: Analysis, analysis_json: str) -> Row:
    """The ``articles`` row: the article's fields, the full analysis JSON and its content hash."""
    art = a.article
    return {
        "id": art.id,
        "title": art.title,
        "text": art.text,
        "url": art.url,
        "outlet": art.outlet,
        "published": art.published,
        "published_source": art.published_source,
        "published_reason": art.published_reason,
        "language": art.language,
        "source": art.source,
        "encoding": getattr(art, "encoding", None),
        "schema_version": a.schema_version,
        "analysis_hash": content_hash(a),
        "analysis_json": analysis_json,
    }


def same_content(stored_title: str, stored_text: str, a: Analysis) -> bool:
    """True when a stored article's title and text are the analysis' own (up to whitespace, as
    the content id counts them): an upsert may replace an analysis, never the article under it."""
    return content_id(stored_title, stored_text) == content_id(a.article.title, a.article.text)


def child_rows(a: Analysis) -> Iterator[tuple[Table, Row]]:
    """Every child row of the analysis, with its deterministic id."""
    aid = a.article.id
    for table in CHILD_TABLES:
        for pos, rec, cols in table.rows(a):
            rid = hash_id(aid, table.name, pos, canonical(rec), length=20)
            yield table, {"id": rid, "article_id": aid, "position": pos, **cols, "record": canonical(rec)}


def columns_of(table: str) -> tuple[str, ...]:
    """Every column of one store table, in order (``KeyError`` for an unknown table)."""
    if table == "articles":
        return ("id", *(n for n, _ in ARTICLE_COLUMNS))
    for t in CHILD_TABLES:
        if t.name == table:
            return ("id", "article_id", "position", *(n for n, _ in t.columns), "record")
    raise KeyError(table)


@dataclass(slots=True)
class Prepared:
    """An analysis already checked and turned into its store rows (``prepare``), so a writer
    only writes: ``ingest --workers N`` prepares on the worker processes, and the one process
    that stores receives these instead of bare analyses."""

    analysis: Analysis
    row: Row  # the ``articles`` row
    children: list[tuple[str, Row]]  # (table name, row) for every child row, as ``child_rows``


def prepare(a: Analysis) -> Prepared:
    """Validate ``a`` (raises ``InvalidAnalysis``) and work out every row storing it writes."""
    from .validate import validate  # noqa: PLC0415 - jsonschema is only needed for writes

    validate(a)
    return Prepared(a, article_row(a, a.to_json()), [(t.name, row) for t, row in child_rows(a)])


# article id -> (articles row, analysis, child rows when prepared ahead), in input order
Batch = dict[str, tuple[Row, Analysis, list[tuple[str, Row]] | None]]


def rows_to_write(entry: tuple[Row, Analysis, list[tuple[str, Row]] | None]) -> Iterator[tuple[str, Row]]:
    """(table name, row) of every child row of a batch entry: prepared ahead, or worked out now."""
    if entry[2] is not None:
        return iter(entry[2])
    return ((t.name, row) for t, row in child_rows(entry[1]))


def batches(analyses: Iterable[Analysis | Prepared], size: int) -> Iterator[Batch]:
    """The analyses in groups of ``size`` articles, each with its ``articles`` row; the same
    article twice in one group keeps its last analysis (in the position of that last one).
    Every analysis is validated first (``validate.validate``: types, schema, spans, ids): an
    invalid one raises ``InvalidAnalysis`` before anything of its batch is written. A
    ``Prepared`` analysis was validated when it was prepared and is taken as it is."""
    from .validate import validate  # noqa: PLC0415 - jsonschema is only needed for writes

    batch: Batch = {}
    for a in analyses:
        if isinstance(a, Prepared):
            art, analysis, children = a.row, a.analysis, a.children
        else:
            validate(a)
            art, analysis, children = article_row(a, a.to_json()), a, None
        batch.pop(art["id"], None)
        batch[art["id"]] = (art, analysis, children)
        if len(batch) >= size:
            yield batch
            batch = {}
    if batch:
        yield batch
