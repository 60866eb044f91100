"""Every analysis we print validates against the schema shipped in the package (the one
`counterclaim schema` prints): the seed, the bundled samples in each input format, and a
hand-built analysis with a record in every part. The packaged copy stays identical to the
project's master copy in ../shared when that is present."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from counterclaim import schema
from counterclaim.cli import cli
from counterclaim.ingest import read_paths
from counterclaim.pipeline import analyze_many
from counterclaim.records import Analysis, Article
from shared_files import SHARED_SCHEMA, require_shared
from store.factories import make_analysis

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    return schema.validator()


def test_packaged_schema_is_the_shared_one() -> None:
    shared = require_shared(SHARED_SCHEMA).read_text(encoding="utf-8")
    assert schema.schema_text() == shared, "copy ../shared/schema/analysis.schema.json into the package"


def test_schema_command_prints_the_packaged_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == schema.schema_text()
    assert json.loads(result.output)["title"] == "Analysis of one news article"


def test_schema_ships_as_package_data() -> None:
    """An installed wheel has the file too, not only this source tree."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert schema.SCHEMA_FILE in config["tool"]["setuptools"]["package-data"]["counterclaim"]


@pytest.fixture(scope="module")
def sample_analyses(nlp) -> list[Analysis]:  # type: ignore[no-untyped-def]
    arts = [a for a in read_paths([SAMPLES]) if isinstance(a, Article)]
    results = list(analyze_many(arts))
    assert all(isinstance(r, Analysis) for r in results), results
    return results  # type: ignore[return-value]


def _errors(validator: jsonschema.protocols.Validator, doc: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_samples_cover_every_input_format(sample_analyses: list[Analysis]) -> None:
    suffixes = {Path((a.article.source or "").split(":")[0]).suffix for a in sample_analyses}
    assert {".txt", ".html", ".json", ".jsonl"} <= suffixes
    assert any(a.article.title.startswith("Azerbaijan slams Pashinian") for a in sample_analyses)


def test_sample_output_validates(
    validator: jsonschema.protocols.Validator, sample_analyses: list[Analysis]
) -> None:
    for a in sample_analyses:
        # validate what is printed, not the objects: the JSON text round-tripped
        assert _errors(validator, json.loads(a.to_json())) == [], a.article.source


def test_spans_point_into_the_text(sample_analyses: list[Analysis]) -> None:
    for a in sample_analyses:
        n = len(a.article.text)
        for part in (a.quotes, a.figures, a.events, a.framing, a.dates):
            for rec in part:
                s, e = rec.span
                assert 0 <= s <= e <= n, (a.article.source, rec)


def test_every_part_filled_validates(validator: jsonschema.protocols.Validator) -> None:
    assert _errors(validator, json.loads(make_analysis().to_json())) == []


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("figures", 0, "qualifier"), "roughly"),
        (("events", 0, "type"), "ATTACK"),
        (("article", "published"), "May 7"),
        (("quotes", 0, "span"), [3]),
    ],
)
def test_schema_catches_bad_values(
    validator: jsonschema.protocols.Validator, path: tuple, bad: object
) -> None:
    """The validation is not vacuous: a wrong value in any part is reported."""
    doc = json.loads(make_analysis().to_json())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    assert _errors(validator, doc)
