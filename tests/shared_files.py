"""The project's shared folder (``../shared`` beside the checkout: the devset, the original
scorer, the schema's master copy), which a clone of the repository alone does not have.

Tests that need it call ``require_shared``: without it they skip with a one-line reason, except
on CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"
SHARED_SCHEMA = SHARED / "schema" / "analysis.schema.json"
SHARED_SCORER = SHARED / "eval" / "score.py"


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_shared(path: Path = SHARED) -> Path:
    """``path`` (under ../shared) when it exists; otherwise skip the test, or fail it on CI."""
    if path.exists():
        return path
    msg = f"needs ../shared/{path.relative_to(SHARED)} beside the checkout, and it is absent"
    if on_ci():
        pytest.fail(f"{msg} (CI=true: the shared folder must be there)")
    pytest.skip(msg)
