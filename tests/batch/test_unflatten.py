"""``tables.unflatten`` is the exact inverse of ``tables.flatten``, through Parquet and back."""

from __future__ import annotations

import dataclasses
import io
import types
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim import analyze_article
from counterclaim.batch import tables
from counterclaim.records import SCHEMA_VERSION, Analysis, Article, Event, Party, Quote, Record, Slant

from .conftest import Corpus

TEXT = "Governor Ilse Marten said 12 civilians were killed in Varna Dol on Tuesday.\n"


def _through_parquet(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows written to Parquet and read back, as the loader sees them."""
    back = {}
    for t, rs in rows.items():
        buf = io.BytesIO()
        pq.write_table(tables.to_table(t, rs), buf)
        buf.seek(0)
        back[t] = pq.read_table(buf).to_pylist()
    return back


def _round_trip(a: Analysis) -> Analysis:
    return tables.unflatten(_through_parquet(tables.flatten(a)))


# --- records built by Hypothesis from the type hints -----------------------------------------

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)  # Parquet holds UTF-8 only
_int = st.integers(min_value=-(2**40), max_value=2**40)


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    """Values of a record field's type hint (records recursively, like ``tables`` derives columns)."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[_strategy(a) for a in get_args(hint)])
    if hint is type(None):
        return st.none()
    if hint is str:
        return _text
    if hint is bool:
        return st.booleans()
    if hint is int:
        return _int
    if hint is float:
        return st.floats(allow_nan=False, width=64)
    if origin is Literal:
        return st.sampled_from(get_args(hint))
    if origin is tuple:
        return st.tuples(*[_strategy(a) for a in get_args(hint)])
    if origin is list:
        return st.lists(_strategy(get_args(hint)[0]), max_size=3)
    if origin is dict:
        key, value = get_args(hint)
        return st.dictionaries(_strategy(key), _strategy(value), max_size=3)
    if isinstance(hint, type) and issubclass(hint, Record):
        return _records(hint)
    raise TypeError(f"no strategy for {hint!r}")


def _records(cls: type) -> st.SearchStrategy[Any]:
    hints = get_type_hints(cls)
    fields = {f.name: _strategy(hints[f.name]) for f in dataclasses.fields(cls)}
    if cls is Analysis:
        fields["schema_version"] = st.just(SCHEMA_VERSION)  # flatten writes the current version for ""
    return st.builds(cls, **fields)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records(Analysis))
def test_unflatten_inverts_flatten_for_any_analysis(a: Analysis) -> None:
    back = _round_trip(a)
    assert back == a
    assert back.to_json() == a.to_json()


# --- real analyses ----------------------------------------------------------------------------


def test_unflatten_inverts_flatten_for_analysed_articles(nlp: object, corpus: Corpus) -> None:
    for row in corpus:
        a = analyze_article(Article.make(row["text"], title=row["title"], outlet=row.get("outlet")))
        assert a.entities and (a.quotes or a.events)  # something to round-trip
        back = _round_trip(a)
        assert back == a
        assert back.to_json() == a.to_json()


# --- the edges of the mapping -----------------------------------------------------------------


def _article() -> Article:
    return Article.make(TEXT, title="Shelling", published="2025-03-04")


marten = Party(name="Ilse Marten", entity_id="e1", kind="source", resolved_via="name")


@pytest.mark.parametrize(
    ("analysis", "check"),
    [
        # an optional party left out stays None; one given comes back whole
        (
            Analysis(article=_article(), events=[Event(type="ASSAULT", actor=marten, span=(0, 5))]),
            lambda b: b.events[0].target is None and b.events[0].actor == marten,
        ),
        (
            Analysis(
                article=_article(),
                events=[Event(type="ACCUSE", actor=marten, span=(0, 5), target=Party.unknown())],
            ),
            lambda b: b.events[0].target == Party.unknown(),
        ),
        # an optional span left out stays None; a span comes back as a tuple
        (
            Analysis(
                article=_article(), quotes=[Quote(speaker=marten, text="x", kind="direct", span=(1, 5))]
            ),
            lambda b: b.quotes[0].content_span is None and b.quotes[0].span == (1, 5),
        ),
        # no slant and an empty slant are different analyses
        (Analysis(article=_article()), lambda b: b.slant is None),
        (Analysis(article=_article(), slant=Slant()), lambda b: b.slant == Slant()),
        # warnings and article metadata
        (
            Analysis(article=_article(), warnings=["no date"]),
            lambda b: b.warnings == ["no date"] and b.article.published == "2025-03-04",
        ),
    ],
)
def test_unflatten_edges(analysis: Analysis, check: Any) -> None:
    back = _round_trip(analysis)
    assert back == analysis
    assert check(back)


def test_records_come_back_in_position_order() -> None:
    quotes = [Quote(speaker=marten, text=str(i), kind="direct", span=(i, i + 1)) for i in range(4)]
    rows = tables.flatten(Analysis(article=_article(), quotes=quotes))
    rows["quotes"].reverse()
    assert [q.text for q in tables.unflatten(rows).quotes] == ["0", "1", "2", "3"]


def test_a_column_missing_from_an_older_file_keeps_the_default() -> None:
    q = Quote(speaker=marten, text="x", kind="direct", span=(1, 2), cue_loaded=True, reason="cue")
    rows = tables.flatten(Analysis(article=_article(), quotes=[q]))
    for r in rows["quotes"]:
        del r["cue_loaded"], r["reason"]
    back = tables.unflatten(rows).quotes[0]
    assert (back.cue_loaded, back.reason, back.text) == (False, "", "x")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: rows.update(articles=[]), "one articles row"),
        (lambda rows: rows["articles"].append(dict(rows["articles"][0])), "one articles row"),
        (lambda rows: rows["quotes"][0].update(article_id="a_other"), "another article"),
    ],
)
def test_unflatten_refuses_rows_of_no_or_several_articles(edit: Any, message: str) -> None:
    q = Quote(speaker=marten, text="x", kind="direct", span=(1, 2))
    rows = tables.flatten(Analysis(article=_article(), quotes=[q]))
    edit(rows)
    with pytest.raises(ValueError, match=message):
        tables.unflatten(rows)
