"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from shared_files import DEVSET, require_shared


@pytest.fixture(scope="session")
def nlp():
    from counterclaim import nlp as _nlp

    return _nlp.get()


@pytest.fixture(scope="session")
def seed_text() -> str:
    lines = require_shared(DEVSET / "seed-pashinian-call-to-arms.txt").read_text().split("\n")
    return "\n".join(lines[1:]).strip() + "\n"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped after it.

    The server comes from ``scripts/with-postgres`` (which ``make test`` runs the tests under) via
    ``COUNTERCLAIM_TEST_PG``. Without it the test skips, except on CI, where it fails.
    """
    base = os.environ.get("COUNTERCLAIM_TEST_PG")
    if not base:
        msg = "no PostgreSQL server: run the tests under scripts/with-postgres (make test does)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    import psycopg  # noqa: PLC0415

    name = f"cc_{uuid.uuid4().hex[:12]}"
    admin_url = base.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
