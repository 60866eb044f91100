"""Accuracy gate: the devset scores may never fall below the floors pinned in floors.json.

Floors only ever go up (raise them when a change lifts a score; never lower one to pass).
Scored with the project-independent scorer in shared/eval/score.py.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from counterclaim import analyze_many

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from devset import DEVSET, SHARED, devset_articles  # noqa: E402

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


def _scorer():
    spec = importlib.util.spec_from_file_location("cc_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    pred = tmp_path_factory.mktemp("pred")
    pairs = list(devset_articles())
    assert len(pairs) >= 11, f"devset at {DEVSET} looks incomplete"
    for (stem, _), result in zip(pairs, analyze_many(a for _, a in pairs), strict=True):
        assert not isinstance(result, Exception), f"{stem}: {result}"
        (pred / f"{stem}.json").write_text(result.to_json())
    out = pred / "scores.json"
    _scorer().main(["score.py", str(DEVSET), str(pred), "--json", str(out)])
    return json.loads(out.read_text())


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_floor_holds(scores: dict, part: str) -> None:
    row = scores[part]
    got = row.get("f1", row.get("accuracy"))
    assert got + 1e-9 >= FLOORS[part], f"devset {part} fell to {got:.3f}, below its floor {FLOORS[part]:.3f}"
