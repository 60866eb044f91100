"""Exports: every table of the store as CSV, JSON Lines or Parquet.

Per-article tables: ``articles``, ``article_entities``, ``quotes``, ``figures``, ``events``,
``framing``, ``dates``, ``inconsistencies``. Each row is the row of the same ``counterclaim batch``
table (``batch/tables.py``: ``row_id``, ``article_id``, ``position``, then the record's fields
flattened, e.g. ``speaker_name``/``speaker_entity_id``, spans as ``start``/``end``), with export's
cross-article columns appended: ``story_id`` and record counts for articles; ``canonical_id``,
``canonical_name``, ``side`` for entities; ``<party>_canonical_id``, ``<party>_canonical_name``,
``<party>_side`` for each party field (speaker, claimant, actor, target); ``outlet`` and
``published`` for figures.

Cross-article tables: ``entities`` (canonical), ``stories``, ``claims`` (one row per point),
``series`` (one row per claims series, with its summary), ``contradictions``, and ``acled`` (events
that happened, in ACLED-style columns: event_date, event_type, actor1, actor2, location,
fatalities, source, notes; an attacker no one names is "Unidentified Armed Group", and an
attack's location is the place it hit when the sentence names no other).

Lists and mappings become JSON text in CSV and Parquet, and stay lists in JSON Lines. CSV cells
that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are
defused with a leading single quote.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from . import lexicons
from .batch import tables as flat
from .compare.claims import build_series
from .compare.contradictions import find_contradictions, sentence_at
from .compare.entities import EntityIndex, resolve_entities
from .compare.stories import group_stories, story_of
from .errors import OutputError, UnsupportedFormat
from .records import Analysis, ClaimSeries, Contradiction, Event, Party, Story

Format = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
TABLES: tuple[str, ...] = (
    "articles",
    "entities",
    "article_entities",
    "quotes",
    "figures",
    "events",
    "framing",
    "dates",
    "inconsistencies",
    "stories",
    "claims",
    "series",
    "contradictions",
    "acled",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


@dataclass(slots=True)
class Tables:
    """The analyses and what compare/ derives from them, computed once on first use."""

    analyses: list[Analysis]
    _index: EntityIndex | None = None
    _stories: list[Story] | None = None
    _series: list[ClaimSeries] | None = None
    _contradictions: list[Contradiction] | None = None
    _story_ids: dict[str, str] | None = None
    _cache: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def index(self) -> EntityIndex:
        if self._index is None:
            self._index = resolve_entities(self.analyses)
        return self._index

    @property
    def stories(self) -> list[Story]:
        if self._stories is None:
            self._stories = group_stories(self.analyses, index=self.index)
        return self._stories

    @property
    def story_ids(self) -> dict[str, str]:
        """Article id -> the id of its story."""
        if self._story_ids is None:
            self._story_ids = story_of(self.stories)
        return self._story_ids

    @property
    def series(self) -> list[ClaimSeries]:
        if self._series is None:
            self._series = build_series(self.analyses, index=self.index, stories=self.stories)
        return self._series

    @property
    def contradictions(self) -> list[Contradiction]:
        if self._contradictions is None:
            self._contradictions = find_contradictions(
                self.analyses, index=self.index, stories=self.stories, series=self.series
            )
        return self._contradictions

    def rows(self, table: str) -> list[Row]:
        """The rows of one table. Raises ``UnsupportedFormat`` for an unknown table name."""
        if table not in TABLES:
            raise UnsupportedFormat(f"unknown table '{table}' (one of: {', '.join(TABLES)})")
        if table not in self._cache:
            self._cache[table] = _BUILDERS[table](self)
        return self._cache[table]


def _entities(t: Tables) -> list[Row]:
    return [
        {
            "entity_id": e.id,
            "name": e.name,
            "type": e.type,
            "affiliation": e.affiliation,
            "side": e.side,
            "aliases": list(e.aliases),
            "descriptors": list(e.descriptors),
            "articles": len(e.articles),
            "mentions": e.mentions,
            "quotes": e.quotes,
            "article_ids": list(e.articles),
            "reason": e.reason,
        }
        for e in t.index
    ]


# Each per-article table is a ``batch`` table (same columns, same order, same values), then the
# columns only export adds: canonical entities, sides, stories, the outlet and date of a figure.
SHARED: dict[str, str] = {
    "articles": "articles",
    "article_entities": "entities",
    "quotes": "quotes",
    "figures": "figures",
    "events": "events",
    "framing": "framing",
    "dates": "dates",
    "inconsistencies": "inconsistencies",
}


def _canonical(t: Tables, article_id: str, prefix: str, p: Party | None) -> Row:
    """``<prefix>_canonical_id``, ``_canonical_name`` (null without a canonical entity) and
    ``_side`` of one party."""
    ce = t.index.party(article_id, p) if p is not None else None
    return {
        f"{prefix}_canonical_id": ce.id if ce else None,
        f"{prefix}_canonical_name": ce.name if ce else None,
        f"{prefix}_side": t.index.side(article_id, p) if p is not None else None,
    }


def _added(t: Tables, table: str, a: Analysis, rec: Any) -> Row:
    """The columns export appends to one batch row of ``table`` (``rec`` is its record)."""
    aid = a.article.id
    if table == "articles":
        counts = {name: len(getattr(a, name)) for name in flat.RECORD_OF}
        return {"story_id": t.story_ids.get(aid), **counts}
    if table == "article_entities":
        ce = t.index.of(aid, rec.id)
        return {
            "canonical_id": ce.id if ce else None,
            "canonical_name": ce.name if ce else None,
            "side": ce.side if ce else None,
        }
    row: Row = {}
    for name in flat.party_fields(type(rec)):
        row |= _canonical(t, aid, name, getattr(rec, name))
    if table == "figures":
        row |= {"outlet": a.article.outlet, "published": a.article.published}
    return row


def _per_article(table: str) -> Callable[[Tables], list[Row]]:
    """The builder of a ``SHARED`` table: batch rows with export's columns appended."""
    source = SHARED[table]

    def build(t: Tables) -> list[Row]:
        out: list[Row] = []
        for a in t.analyses:
            rows = flat.FLATTENERS[source](a)
            for rec, row in zip(flat.records_of(source, a), rows, strict=True):
                out.append(row | _added(t, table, a, rec))
        return out

    return build


def _stories_rows(t: Tables) -> list[Row]:
    return [
        {
            "story_id": s.id,
            "title": s.title,
            "start": s.start,
            "end": s.end,
            "articles": len(s.articles),
            "article_ids": list(s.articles),
            "entities": list(s.entities),
            "cohesion": s.cohesion,
            "date_uncertain": s.date_uncertain,
            "reason": s.reason,
        }
        for s in t.stories
    ]


def _claims(t: Tables) -> list[Row]:
    return [
        {
            "series_id": s.id,
            "category": s.category,
            "subject": s.subject,
            "party": s.party,
            "value": float(p.value),
            "low": p.low,
            "high": p.high,
            "qualifier": p.qualifier,
            "claimant": p.claimant,
            "claimant_side": p.claimant_side,
            "outlet": p.outlet,
            "article_id": p.article_id,
            "figure": p.figure,
            "published": p.published,
            "as_of": p.as_of,
            "story_id": p.story,
            "revision_of": p.revision_of,
            "text": p.text,
        }
        for s in t.series
        for p in s.points
    ]


def _series_rows(t: Tables) -> list[Row]:
    return [
        {
            "series_id": s.id,
            "category": s.category,
            "subject": s.subject,
            "party": s.party,
            "points": len(s.points),
            "claimants": len(s.latest),
            "low": s.low,
            "high": s.high,
            "conservative": s.conservative.value if s.conservative else None,
            "conservative_claimant": s.conservative.claimant if s.conservative else None,
            "latest": {p.claimant: p.value for p in s.latest},
        }
        for s in t.series
    ]


def _contradictions_rows(t: Tables) -> list[Row]:
    out = []
    for c in t.contradictions:
        row: Row = {
            "contradiction_id": c.id,
            "kind": c.kind,
            "severity": c.severity,
            "series_id": c.series,
            "story_id": c.story,
            "explanation": c.explanation,
        }
        for side, ev in (("left", c.left), ("right", c.right)):
            row |= {
                f"{side}_article_id": ev.article_id,
                f"{side}_kind": ev.kind,
                f"{side}_claimant": ev.claimant,
                f"{side}_value": ev.value,
                f"{side}_outlet": ev.outlet,
                f"{side}_published": ev.published,
                f"{side}_text": ev.text,
            }
        out.append(row)
    return out


@functools.cache
def _acled_map() -> dict[str, Any]:
    return lexicons.entries("compare_acled")


def acled_type(e: Event) -> str:
    """The ACLED event type for a PLOVER event: remote attacks by mode, then by type."""
    m = _acled_map()
    if e.type in ("ASSAULT", "COERCE") and e.mode and any(k in e.mode.lower() for k in m["remote_modes"]):
        return m["remote"]
    return m["types"].get(e.type, m["types"]["default"])


def _acled_actor(t: Tables, article_id: str, p: Party | None) -> str | None:
    """ACLED's name for an event's party: its canonical name, "Unidentified Armed Group" for an
    actor the article does not name."""
    if p is None:
        return None
    if p.kind == "unknown":
        return str(_acled_map()["unknown_actor"])
    return t.index.party_name(article_id, p)


def _acled(t: Tables) -> list[Row]:
    """One ACLED-style row per event that happened, with actor, target, place and the killed
    figure of its sentence; an attack's place is the place it hit when no other is named."""
    out = []
    skip = set(_acled_map()["skip_statuses"])
    for a in t.analyses:
        text = a.article.text
        for e in a.events:
            if e.status in skip:
                continue
            note = sentence_at(text, e.span, limit=500)
            start = text.find(note) if note else -1
            # fatalities: killed figures in the sentence of an attack (none for statements)
            killed = [
                f.value
                for f in a.figures
                if f.category == "killed"
                and e.type in ("ASSAULT", "COERCE")
                and start >= 0
                and start <= f.span[0] < start + len(note)
            ]
            out.append(
                {
                    "event_date": e.date or a.article.published,
                    "event_type": acled_type(e),
                    "actor1": _acled_actor(t, a.article.id, e.actor),
                    "actor2": _acled_actor(t, a.article.id, e.target),
                    "location": e.location or _hit_place(a, e),
                    "fatalities": int(max(killed)) if killed else 0,
                    "source": a.article.outlet,
                    "notes": note,
                    "plover_type": e.type,
                    "article_id": a.article.id,
                }
            )
    return out


def _hit_place(a: Analysis, e: Event) -> str | None:
    """The place an attack or a coercion hit, when its target is one the article names as a
    place."""
    if e.type not in ("ASSAULT", "COERCE") or e.target is None:
        return None
    ent = next((x for x in a.entities if x.id == e.target.entity_id), None) if e.target.entity_id else None
    return e.target.name if ent is not None and ent.type in ("GPE", "LOC", "FAC") else None


_BUILDERS: dict[str, Callable[[Tables], list[Row]]] = {
    **{table: _per_article(table) for table in SHARED},
    "entities": _entities,
    "stories": _stories_rows,
    "claims": _claims,
    "series": _series_rows,
    "contradictions": _contradictions_rows,
    "acled": _acled,
}


def defuse(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text, never run: '=1+1' -> "'=1+1"."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def _columns(rows: list[Row]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols)


def to_csv(rows: list[Row]) -> bytes:
    """Rows as UTF-8 CSV with a header, formula cells defused."""
    buf = io.StringIO()
    cols = _columns(rows)
    # RFC 4180 line ends: the writer then quotes every cell holding "\r" or "\n" (with "\n" alone
    # a bare "\r" stays unquoted, and a spreadsheet starts a new row, and maybe a formula, there)
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for r in rows:
        cells = []
        for c in cols:
            v = _flat(r.get(c))
            cells.append(defuse(v) if isinstance(v, str) else ("" if v is None else v))
        w.writerow(cells)
    return buf.getvalue().encode("utf-8")


def to_jsonl(rows: list[Row]) -> bytes:
    """Rows as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def to_parquet(rows: list[Row]) -> bytes:
    """Rows as a Parquet file (nested values as JSON text)."""
    import pyarrow as pa  # noqa: PLC0415 - heavy, only for this format
    import pyarrow.parquet as pq  # noqa: PLC0415

    cols = _columns(rows)
    data = {c: [_flat(r.get(c)) for r in rows] for c in cols}
    table = pa.table({c: _array(v) for c, v in data.items()}) if cols else pa.table({})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _array(values: list[Any]) -> Any:
    import pyarrow as pa  # noqa: PLC0415

    kinds = {type(v) for v in values if v is not None}
    if kinds <= {int, float} and float in kinds:
        return pa.array([None if v is None else float(v) for v in values], type=pa.float64())
    if len(kinds) > 1:
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())
    return pa.array(values)


def encode(rows: list[Row], fmt: str) -> bytes:
    """Rows in one of ``FORMATS``. Raises ``UnsupportedFormat`` for any other."""
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "parquet":
        return to_parquet(rows)
    raise UnsupportedFormat(f"unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: into a temporary file in the same folder, flushed to
    disk, then renamed over ``path``. A failure (a full disk, no permission) leaves the previous
    file of that name as it was and no temporary behind, and raises ``OutputError`` (E060).
    Missing folders are created. A path that exists and is not a regular file or folder
    (``/dev/stdout``, a FIFO) is written to directly: it cannot be replaced."""
    p = Path(path)
    try:
        if p.exists() and not p.is_file() and not p.is_dir():
            with open(p, "wb") as f:
                f.write(data)
            return
        if p.is_dir():
            raise OutputError("is a folder, not a file", source=str(path))
        p.parent.mkdir(parents=True, exist_ok=True)
        mode = p.stat().st_mode & 0o777 if p.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write it: {exc.strerror or exc}", source=str(path)) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(analyses: Iterable[Analysis], table: str, fmt: str, out: BinaryIO) -> int:
    """Write one table of the analyses to ``out`` in ``fmt``; returns the number of rows."""
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")
    rows = Tables(list(analyses)).rows(table)
    out.write(encode(rows, fmt))
    return len(rows)
