"""Accuracy gate: scores on the devset, the held-out sets and the learning sets may never fall
below the floors pinned in floors.json.

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
HELDOUT = Path(__file__).parent / "data" / "heldout"
HELDOUT2 = Path(__file__).parent / "data" / "heldout2"  # written 2026-11-29, after the rules
# the part-specific learning sets (tests/data/*_dev, see tests/data/README.md): floors only for
# the parts they have gold for
DEV_SETS = ("events_dev", "entities_dev", "dates_dev", "figures_dev", "framing_dev")
SETS = {
    "devset": DEVSET,
    "heldout": HELDOUT,
    "heldout2": HELDOUT2,
    **{name: Path(__file__).parent / "data" / name for name in DEV_SETS},
}


def _scorer():
    spec = importlib.util.spec_from_file_location("cc_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_SCORES: dict[str, dict] = {}


def _scores(name: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Analyse one gold set and score it (once per test session)."""
    if name not in _SCORES:
        gold_dir = SETS[name]
        pred = tmp_path_factory.mktemp(f"pred-{name}")
        pairs = list(devset_articles(gold_dir))
        assert len(pairs) >= 4, f"gold set at {gold_dir} looks incomplete"
        for (stem, _), result in zip(pairs, analyze_many(a for _, a in pairs), strict=True):
            assert not isinstance(result, Exception), f"{stem}: {result}"
            (pred / f"{stem}.json").write_text(result.to_json())
        out = pred / "scores.json"
        _scorer().main(["score.py", str(gold_dir), str(pred), "--json", str(out)])
        _SCORES[name] = json.loads(out.read_text())
    return _SCORES[name]


@pytest.mark.parametrize(
    ("name", "part"), [(name, part) for name in SETS for part in sorted(FLOORS[name])]
)
def test_floor_holds(name: str, part: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    row = _scores(name, tmp_path_factory)[part]
    got = row.get("f1", row.get("accuracy"))
    floor = FLOORS[name][part]
    assert got + 1e-9 >= floor, f"{name} {part} fell to {got:.3f}, below its floor {floor:.3f}"
