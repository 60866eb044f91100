"""Rules as data: word lists and patterns live beside this file as versioned YAML.

Each file starts with a header mapping: ``name``, ``version``, ``source`` (where the list comes
from: written for this project, or the public resource it was drawn from) and ``entries``.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from ..errors import PipelineError

# libyaml's parser when PyYAML was built with it (the wheels are): it reads the 32 lexicons in a
# tenth of the pure-Python parser's time, which every process pays once (each ingest and batch
# worker too); the same safe constructor, so the same data
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed lexicon ``NAME.yaml`` (cached). Raises PipelineError if it is missing or bad."""
    try:
        raw = resources.files(__package__).joinpath(f"{name}.yaml").read_text("utf-8")
    except FileNotFoundError as exc:
        raise PipelineError(f"lexicon '{name}' is missing", source=f"lexicons/{name}.yaml") from exc
    data = yaml.load(raw, Loader=LOADER)  # noqa: S506 (a safe loader)
    if not isinstance(data, dict) or "version" not in data or "source" not in data:
        raise PipelineError("lexicon needs a header with version and source", source=f"lexicons/{name}.yaml")
    return data


def entries(name: str) -> Any:
    """The ``entries`` of lexicon ``NAME``."""
    return load(name)["entries"]


@functools.cache
def nationality_map() -> dict[str, str]:
    """Lower-cased nationality word, alias, capital or seat of government -> the state or group
    it stands for, from the one shared lexicon ``countries`` ('azeri' -> 'Azerbaijan',
    'baku' -> 'Azerbaijan', 'kremlin' -> 'Russia', 'tigrayan' -> 'Tigray')."""
    data = load("countries")
    out: dict[str, str] = {}
    for section in ("entries", "groups"):
        for name, info in (data.get(section) or {}).items():
            info = info or {}
            for form in [name, *info.get("aliases", []), *info.get("adj", []), *info.get("capital", [])]:
                out.setdefault(str(form).lower(), str(name))
    for seat, state in (data.get("seats") or {}).items():
        out.setdefault(str(seat).lower(), str(state))
    return out
