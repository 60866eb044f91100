"""The one place record types live.

Every border between modules passes these records, never free-form dicts. Each record
serialises to the JSON of ``shared/schema/analysis.schema.json`` with ``to_dict()``; fields the
schema does not name (``reason``, ``mentions`` ...) are extra properties, which it allows.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1"

Span = tuple[int, int]

EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "GROUP"]
PartyKind = Literal["source", "outlet", "unknown"]
ResolvedVia = Literal["name", "alias", "pronoun", "title", "continuation", "collective", "outlet"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "fewer_than", "about", "range"]
FigureCategory = Literal[
    "killed", "wounded", "casualties", "missing", "captured", "displaced", "damaged", "destroyed", "other"
]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EventStatus = Literal["occurred", "planned", "ongoing", "negated", "hypothetical"]
Technique = Literal[
    "loaded_language",
    "name_calling",
    "unattributed_assertion",
    "doubt",
    "exaggeration",
    "appeal_to_fear",
    "flag_waving",
    "other",
]
Voice = Literal["outlet", "source"]
Severity = Literal["contradiction", "discrepancy"]


def hash_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """Deterministic id from its parts (sqlite-utils' hash_id idea): same parts, same id."""
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")  # lone surrogates too
    h = hashlib.sha256(raw).hexdigest()[:length]
    return f"{prefix}{h}"


def content_id(title: str, text: str) -> str:
    """Stable article id: whitespace-normalised title and text, so re-saving a file keeps its id."""
    norm = re.sub(r"\s+", " ", f"{title}\n{text}").strip()
    return hash_id(norm, prefix="a_")


class Record:
    """Mixin: schema-shaped ``to_dict`` and a typed ``from_dict`` for every record dataclass."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _typed(hints[f.name], data[f.name])
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _typed(hint: Any, value: Any) -> Any:
    """Rebuild nested records and span tuples from their JSON form."""
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(hint):
            if arg is type(None):
                continue
            return _typed(arg, value)
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, dict):
        return hint.from_dict(value)
    if origin is tuple and isinstance(value, list):
        return tuple(value)
    if origin is list and isinstance(value, list):
        (arg,) = get_args(hint) or (Any,)
        return [_typed(arg, v) for v in value]
    return value


@dataclass(slots=True)
class Party(Record):
    """Who: a person, organisation, government, armed group, or the outlet itself."""

    name: str
    entity_id: str | None = None
    kind: PartyKind = "source"
    resolved_via: ResolvedVia | None = None

    @classmethod
    def outlet(cls, outlet: str | None) -> Party:
        return cls(name=outlet or "outlet", entity_id=None, kind="outlet", resolved_via="outlet")

    @classmethod
    def unknown(cls) -> Party:
        return cls(name="unknown", entity_id=None, kind="unknown", resolved_via=None)


@dataclass(slots=True)
class Article(Record):
    """One article as read from its input; ``text`` is what every span points into."""

    id: str
    title: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: Literal["metadata", "inferred"] | None = None
    published_reason: str | None = None
    language: str | None = None
    source: str | None = None  # file, file:line, or '-' for standard input
    encoding: str | None = None  # the legacy encoding the input was decoded from, when not UTF-8

    @classmethod
    def make(
        cls,
        text: str,
        *,
        title: str = "",
        url: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        source: str | None = None,
    ) -> Article:
        """Build an article with its content id; ``published`` given here counts as metadata."""
        return cls(
            id=content_id(title, text),
            title=title,
            text=text,
            url=url,
            outlet=outlet,
            published=published,
            published_source="metadata" if published else None,
            published_reason="given with the article" if published else None,
            source=source,
        )


@dataclass(slots=True)
class Entity(Record):
    """One real-world entity in the article, with every surface form and mention."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)  # roles/titles: 'prime minister', 'adviser'
    affiliation: str | None = None  # state or group it belongs to: 'Armenia' for its prime minister
    gender: Literal["m", "f"] | None = None
    reason: str = ""


@dataclass(slots=True)
class DateMention(Record):
    """A datable expression and the ISO date it denotes (as precise as the text allows)."""

    text: str
    value: str | None
    span: Span
    grain: Literal["day", "month", "year"] | None = None
    mentions: list[Span] = field(default_factory=list)  # every span where this expression recurs
    reason: str = ""


@dataclass(slots=True)
class Quote(Record):
    """Something a party is reported to have said: direct, indirect or mixed."""

    speaker: Party
    text: str
    kind: QuoteKind
    span: Span
    cue: str | None = None
    cue_loaded: bool = False  # 'claimed', 'admitted' (doubting or loaded) vs 'said', 'told'
    content_span: Span | None = None
    reason: str = ""


@dataclass(slots=True)
class Figure(Record):
    """A number about human or material cost, tied to whose losses and who asserts it."""

    value: float
    category: FigureCategory
    subject: str
    claimant: Party
    span: Span
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    party: str | None = None
    as_of: str | None = None
    quote: int | None = None  # index into quotes when the figure sits in a quote
    reason: str = ""
    sentence: int | None = None  # index of the doc sentence holding it (one sentence, distinct groups)


@dataclass(slots=True)
class Event(Record):
    """A PLOVER-coded event."""

    type: EventType
    actor: Party
    span: Span
    mode: str | None = None
    target: Party | None = None
    date: str | None = None
    location: str | None = None
    status: EventStatus = "occurred"
    actors: list[Party] = field(default_factory=list)
    targets: list[Party] = field(default_factory=list)
    source_quote: int | None = None
    trigger: str | None = None
    reason: str = ""


@dataclass(slots=True)
class Framing(Record):
    """A span that takes a side: loaded language, labels, contested assertions."""

    text: str
    technique: Technique
    voice: Voice
    span: Span
    favours: str | None = None
    reason: str = ""


@dataclass(slots=True)
class Inconsistency(Record):
    """Figures in one article that count the same thing for the same party but differ."""

    figures: list[int]
    severity: Severity
    explanation: str
    reason: str = ""


@dataclass(slots=True)
class SideSlant(Record):
    """How one side is treated by the article (the per-article slant summary)."""

    side: str
    claims: int = 0
    quotes: int = 0
    figures: int = 0
    cues: dict[str, int] = field(default_factory=dict)
    neutral_cues: int = 0
    loaded_cues: int = 0
    framing_for: int = 0
    framing_against: int = 0
    mentions: int = 0  # named mentions of the side (its state, demonym, capital, members)


@dataclass(slots=True)
class Slant(Record):
    """Per-article slant: each side's claims and cue verbs, outlet framing, the last word."""

    sides: list[SideSlant] = field(default_factory=list)
    last_word: str | None = None
    outlet_voice_share: float | None = None


@dataclass(slots=True)
class Analysis(Record):
    """Everything counterclaim found in one article: the JSON of the analysis schema."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    inconsistencies: list[Inconsistency] = field(default_factory=list)
    slant: Slant | None = None
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        d = Record.to_dict(self)
        # schema_version first, for people reading the JSON
        return {"schema_version": d.pop("schema_version"), **d}

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Analysis:
        return cls.from_dict(json.loads(text))


class EntityTable:
    """The article's entities with look-ups by id, by character offset and by name.

    Built by ``extract.entities``; read by every later extractor to turn mentions into parties.
    """

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        self._starts: list[tuple[int, int, Entity]] = (
            sorted((s, t, e) for e in entities for (s, t) in e.mentions) if entities else []
        )
        # for ``at``: the mentions' starts (bisected) and the longest mention, which bounds how
        # far before a range a mention overlapping it can start
        self._start_keys = [s for s, _, _ in self._starts]
        self._longest = max((t - s for s, t, _ in self._starts), default=0)
        self._by_name: dict[str, Entity] = {}
        for e in entities:
            for n in [e.name, *e.aliases]:
                self._by_name.setdefault(_key(n), e)
        # answers later extractors work out from this table alone, kept with it (the table does
        # not change once built): (what, key) -> answer
        self.memo: dict[tuple[typing.Hashable, ...], typing.Any] = {}

    def __iter__(self) -> typing.Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def by_id(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), the longest overlap first."""
        best: tuple[int, Entity] | None = None
        starts = self._starts
        for i in range(bisect.bisect_left(self._start_keys, start - self._longest), len(starts)):
            s, t, e = starts[i]
            if s >= end:
                break
            ov = min(t, end) - max(s, start)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, e)
        return best[1] if best else None

    def lookup(self, name: str) -> Entity | None:
        """The entity carrying this exact surface form (case- and 'the'-insensitive)."""
        return self._by_name.get(_key(name))

    def party(self, entity: Entity, resolved_via: ResolvedVia = "name") -> Party:
        return Party(name=entity.name, entity_id=entity.id, kind="source", resolved_via=resolved_via)


_FINAL_POSSESSIVE = re.compile(r"['\u2019]s$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)  # the same names are looked up again and again
def _key(name: str) -> str:
    s = _FINAL_POSSESSIVE.sub("", name.strip()).lower()
    s = _LEADING_THE.sub("", s)
    return _SPACES.sub(" ", s)


@dataclass(slots=True)
class Context:
    """What extractors know besides the parsed doc: the article and earlier extractors' records.

    ``analyze`` fills it in pipeline order (entities, dates, quotes, figures, events, framing);
    an extractor reads only the fields filled before it runs.
    """

    article: Article
    published: str | None = None  # ISO date used as the anchor for relative dates
    entities: EntityTable = field(default_factory=lambda: EntityTable([]))
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # every character range the quote layer found to be someone's words or view (quote contents,
    # complements of reporting and characterising verbs, sentences under 'according to')
    attributed: list[Span] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Across articles (compare/): canonical entities, stories, claim series, contradictions ---


@dataclass(slots=True)
class EntityRef(Record):
    """One article's entity, as a member of a canonical entity."""

    article_id: str
    entity_id: str
    name: str


@dataclass(slots=True)
class CanonicalEntity(Record):
    """One real-world entity across the store: every spelling, article and quote of it."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    members: list[EntityRef] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    side: str | None = None
    mentions: int = 0
    quotes: int = 0
    reason: str = ""


@dataclass(slots=True)
class Story(Record):
    """Articles about the same happening."""

    id: str
    articles: list[str]
    title: str = ""
    start: str | None = None  # first publication date in the group
    end: str | None = None
    entities: list[str] = field(default_factory=list)  # the entities most articles share
    cohesion: float = 0.0  # mean similarity of the links that formed the group
    date_uncertain: bool = False  # an article without a publication date is in the group
    reason: str = ""


@dataclass(slots=True)
class ClaimPoint(Record):
    """One figure as a point on a claims series."""

    series: str
    value: float
    claimant: str
    article_id: str
    figure: int  # index into that article's figures
    span: Span
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    claimant_side: str | None = None
    outlet: str | None = None
    published: str | None = None
    as_of: str | None = None
    story: str | None = None
    revision_of: float | None = None  # the same claimant's previous value, when this one changes it
    text: str = ""
    reason: str = ""


@dataclass(slots=True)
class ClaimSeries(Record):
    """All figures counting one thing (category, subject, party), with a summary across claimants."""

    id: str
    category: FigureCategory
    subject: str
    party: str | None
    points: list[ClaimPoint] = field(default_factory=list)
    latest: list[ClaimPoint] = field(default_factory=list)  # each claimant's latest point
    low: float | None = None  # range across the claimants' latest figures
    high: float | None = None
    conservative: ClaimPoint | None = None  # the lowest latest figure, preferring exact over bounds
    reason: str = ""


@dataclass(slots=True)
class Evidence(Record):
    """One side of a contradiction: a figure, an event or a quote in one article."""

    kind: Literal["figure", "event", "quote"]
    article_id: str
    index: int  # into that article's figures, events or quotes
    span: Span
    claimant: str
    text: str = ""
    value: float | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Contradiction(Record):
    """Two sources that cannot (or may not) both be right about the same thing."""

    id: str
    kind: Literal["figures", "denial"]
    severity: Severity
    left: Evidence
    right: Evidence
    explanation: str
    series: str | None = None
    story: str | None = None
    reason: str = ""
