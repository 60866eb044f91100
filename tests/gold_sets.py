"""The gold sets the accuracy gate and the scorer tests use, and their analyses (made once per
test session with ``counterclaim.evaluate``)."""

from __future__ import annotations

import json
from pathlib import Path

from counterclaim.evaluate import Evaluation, evaluate
from shared_files import DEVSET, SHARED, require_shared

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
FLOORS_FILE = TESTS / "floors.json"
DIGESTS_FILE = TESTS / "gold_digests.json"  # one SHA-256 per set over its gold files and texts
# the part-specific learning sets (data/README.md): floors only for the parts they are for
DEV_SETS = ("events_dev", "entities_dev", "dates_dev", "figures_dev", "framing_dev")
SETS: dict[str, Path] = {
    "devset": DEVSET,
    "heldout": DATA / "heldout",
    "heldout2": DATA / "heldout2",  # written 2026-11-29, after the rules
    "heldout3": DATA / "heldout3",  # written 2026-12-06 in real reporting styles, never tuned on
    **{name: DATA / name for name in DEV_SETS},
}


def floors() -> dict[str, dict[str, float]]:
    return json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def gold_dir(name: str) -> Path:
    """The folder of a set; a set under ../shared skips (fails on CI) when that is absent."""
    path = SETS[name]
    return require_shared(path) if path.is_relative_to(SHARED) else path


_RUNS: dict[str, Evaluation] = {}


def evaluation(name: str) -> Evaluation:
    """The set analysed and scored (once per session); every gold file and article must be good."""
    if name not in _RUNS:
        ev = evaluate(gold_dir(name))
        assert not ev.problems, [str(p) for p in ev.problems]
        assert len(ev.golds) >= 4, f"gold set {name} at {ev.gold_dir} looks incomplete"
        _RUNS[name] = ev
    return _RUNS[name]
