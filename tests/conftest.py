"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"
SCHEMA = SHARED / "schema" / "analysis.schema.json"


@pytest.fixture(scope="session")
def nlp():
    from counterclaim import nlp as _nlp

    return _nlp.get()


@pytest.fixture(scope="session")
def seed_text() -> str:
    lines = (DEVSET / "seed-pashinian-call-to-arms.txt").read_text().split("\n")
    return "\n".join(lines[1:]).strip() + "\n"
