"""``counterclaim.evaluate`` gives the numbers of the project's original scorer,
../shared/eval/score.py, on the same analyses: every count, score, accuracy and per-article F1,
on the devset, the held-out sets and the learning sets (analysed once per session, shared with
the accuracy gate), and on deliberately mismatched pairs of gold and analysis."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from counterclaim.evaluate import PARTS, Evaluation, score
from gold_sets import SETS, evaluation
from shared_files import SHARED_SCORER, require_shared


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", require_shared(SHARED_SCORER))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _theirs(ev: Evaluation, preds: dict[str, dict], folder: Path) -> dict:
    folder.mkdir()
    for stem, pred in preds.items():
        (folder / f"{stem}.json").write_text(json.dumps(pred), encoding="utf-8")
    out = folder / "scores.json"
    _scorer().main(["score.py", str(ev.gold_dir), str(folder), "--json", str(out)])
    return json.loads(out.read_text())


@pytest.mark.parametrize("name", list(SETS))
def test_same_numbers_as_the_shared_scorer(name: str, tmp_path: Path) -> None:
    require_shared(SHARED_SCORER)
    ev = evaluation(name)
    assert ev.scores.to_dict() == _theirs(ev, ev.predictions, tmp_path / "pred")


@pytest.mark.parametrize("name", ["devset", "heldout2", "figures_dev"])
def test_same_numbers_on_mismatched_analyses(name: str, tmp_path: Path) -> None:
    """Each article's gold against the next article's analysis, one analysis left out: nearly
    everything is missed or extra, and what little matches must still agree."""
    require_shared(SHARED_SCORER)
    ev = evaluation(name)
    stems = [g.stem for g in ev.golds]
    shifted = {stem: ev.predictions[stems[(i + 1) % len(stems)]] for i, stem in enumerate(stems[1:], 1)}
    ours = score(ev.golds, shifted).to_dict()
    assert ours == _theirs(ev, shifted, tmp_path / "pred")
    missed = sum(ours[p.name]["fn"] for p in PARTS)
    assert missed > sum(c.fn for c in ev.scores.parts.values())  # the mismatch did bite
