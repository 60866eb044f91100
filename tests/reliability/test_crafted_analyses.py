"""Crafted analyses (issue 20, class 4): ``load`` trusted its input. A figure value ``"thirty"``
broke ``claims``, ``show``, ``export`` and the web claims page for everyone; an existing article
id with another text silently replaced a real article. Every write now validates the analysis
(``store/validate.py``: record types, schema, ids, spans, counts, indexes, dates) and refuses a
changed text under a stored id."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.errors import ArticleConflict, InvalidAnalysis
from counterclaim.records import Analysis, content_id
from counterclaim.store import open_store
from counterclaim.store.validate import validate
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def apply(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return apply


def _drop(path: str) -> Mutation:
    def apply(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        del node[last]

    return apply


CRAFTED: dict[str, tuple[Mutation, str]] = {
    "figure value 'thirty'": (_set("figures.0.value", "thirty"), "not a number"),
    "figure value NaN-like string": (_set("figures.0.value", "NaN"), "not a number"),
    "figure value negative": (_set("figures.0.value", -5), "negative"),
    "figure value a list": (_set("figures.0.value", [1, 2]), "not a number"),
    "figure value true": (_set("figures.0.value", True), "not a number"),
    "figure low above high": (lambda d: d["figures"][0].update(low=50, high=10, qualifier="range"), "above"),
    "unknown category": (_set("figures.0.category", "vaporised"), "not one of"),
    "unknown event type": (_set("events.0.type", "INVADE"), "not one of"),
    "span past the text": (_set("figures.0.span", [0, 10_000]), "outside the text"),
    "span backwards": (_set("quotes.0.span", [50, 10]), "outside the text"),
    "span of three numbers": (_set("quotes.0.span", [1, 2, 3]), "2 values"),
    "span with a float": (_set("events.0.span", [0.5, 3]), "not an integer"),
    "mention past the text": (_set("entities.0.mentions", [[0, 99_999]]), "outside the text"),
    "quote index past the quotes": (_set("figures.0.quote", 7), "quotes"),
    "inconsistency names a missing figure": (_set("inconsistencies.0.figures", [0, 9]), "figure 9"),
    "id not of its text": (_set("article.id", "a_0000000000000000"), "not the id of its title and text"),
    "date 2020-02-30": (_set("figures.0.as_of", "2020-02-30"), "calendar"),
    "date not a date": (_set("events.0.date", "yesterday"), "events/0/date"),
    "published in year 9999": (_set("article.published", "9999-12-31"), "outside the dates"),
    "speaker not a party": (_set("quotes.0.speaker", "Anna Berg"), "not a Party"),
    "speaker without a name": (_drop("quotes.0.speaker.name"), "name"),
    "outlet share 7": (_set("slant.outlet_voice_share", 7), "not a share"),
    "schema version 2": (_set("schema_version", "2"), "schema"),
    "title not a string": (_set("article.title", 42), "not a string"),
}


def _crafted(mutate: Mutation) -> Analysis:
    d = json.loads(make_analysis().to_json())
    mutate(d)
    return Analysis.from_dict(d)


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_analysis_is_refused_before_anything_is_written(name: str, tmp_path: Path) -> None:
    mutate, why = CRAFTED[name]
    try:
        bad = _crafted(mutate)
    except (TypeError, ValueError, KeyError):  # not even an Analysis: load reports it as E022
        from counterclaim.batch.load import AnalysisReader

        d = json.loads(make_analysis().to_json())
        mutate(d)
        src = tmp_path / "one.jsonl"
        src.write_text(json.dumps(d) + "\n", encoding="utf-8")
        reader = AnalysisReader(src)
        assert list(reader) == [] and [f.code for f in reader.failures] == ["E022"]
        return
    with pytest.raises(InvalidAnalysis) as err:
        validate(bad)
    assert err.value.code == "E022" and why in str(err.value)
    db = tmp_path / "cc.db"
    with open_store(db) as s:
        with pytest.raises(InvalidAnalysis):
            s.upsert(bad)
        assert s.count("articles") == 0 and s.count("figures") == 0


def test_a_changed_text_under_a_stored_id_is_refused(tmp_path: Path) -> None:
    real = make_analysis()
    forged = copy.deepcopy(real)
    forged.article.text = forged.article.text.replace("12 soldiers", "120 soldiers")
    forged.article.id = real.article.id  # the id of the real article, someone else's text
    with open_store(tmp_path / "cc.db") as s:
        s.upsert(real)
        with pytest.raises(InvalidAnalysis, match="not the id of its title and text"):
            s.upsert(forged)
        assert s.get(real.article.id) == real


def test_the_store_itself_refuses_replacing_an_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind validation, the store's own check: an update under a stored id whose title or text
    differs is E045 and changes nothing."""
    from counterclaim.store import validate as validate_mod

    real = make_analysis()
    forged = copy.deepcopy(real)
    forged.article.text = real.article.text.replace("Rebels", "Rangers")
    monkeypatch.setattr(validate_mod, "validate", lambda a, **_: None)  # reach the store's check
    with open_store(tmp_path / "cc.db") as s:
        s.upsert(real)
        with pytest.raises(ArticleConflict) as err:
            s.upsert(forged)
        assert err.value.code == "E045"
        assert s.get(real.article.id) == real


def test_load_refuses_crafted_lines_and_keeps_the_store_usable(tmp_path: Path) -> None:
    good = make_analysis()
    other = make_analysis(title="Second report")
    lines = [good.to_json()]
    for name in (
        "figure value 'thirty'",
        "span past the text",
        "id not of its text",
        "published in year 9999",
    ):
        d = json.loads(other.to_json())
        CRAFTED[name][0](d)
        lines.append(json.dumps(d))
    lines.append("{not json")
    lines.append(json.dumps({"article": "no"}))
    src = tmp_path / "analyses.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "cc.db"
    r = CliRunner().invoke(cli, ["load", str(src), "--db", str(db), "-q"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.count("[E022]") == 5 and r.stderr.count("[E015]") == 1
    with open_store(db, read_only=True) as s:
        assert s.article_ids() == [good.article.id]
    for args in (
        ["claims"],
        ["list"],
        ["show", good.article.id[:8]],
        ["export", "figures", "--format", "csv"],
    ):
        r = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert r.exit_code == 0, (args, r.output)


def test_ids_are_the_content_ids() -> None:
    a = make_analysis()
    assert a.article.id == content_id(a.article.title, a.article.text)
