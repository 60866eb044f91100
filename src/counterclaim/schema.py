"""The JSON Schema of an analysis (what ``analyze --format json`` prints), shipped with the package.

    >>> from counterclaim.schema import schema_text, validator
    >>> validator().iter_errors(json.loads(analysis.to_json()))

The file is ``counterclaim/analysis.schema.json`` (package data); ``counterclaim schema`` prints it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

SCHEMA_FILE = "analysis.schema.json"


def schema_text() -> str:
    """The schema as the text of its file."""
    return resources.files("counterclaim").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def schema() -> dict[str, Any]:
    """The schema as a JSON object (cached: treat it as read-only)."""
    return json.loads(schema_text())


def validator() -> jsonschema.protocols.Validator:
    """A validator of analyses (JSON objects) for the schema's own draft; the schema is checked first."""
    doc = schema()
    cls = jsonschema.validators.validator_for(doc)
    cls.check_schema(doc)
    return cls(doc)
