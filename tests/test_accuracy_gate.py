"""Accuracy gate: scores on the devset, the held-out sets and the learning sets may never fall
below the floors pinned in floors.json, measured with ``counterclaim.evaluate``.

Floors only ever go up (raise them when a change lifts a score; never lower one to pass): a test
compares floors.json with every earlier version of it in git. Each gold set is pinned by a
digest (gold_digests.json), so a changed gold set is noticed and its floors re-measured.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from counterclaim.evaluate import gold_digest
from gold_sets import DIGESTS_FILE, FLOORS_FILE, SETS, evaluation, floors, gold_dir

FLOORS = floors()
DIGESTS = json.loads(DIGESTS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "part"), [(name, part) for name in SETS for part in sorted(FLOORS[name])])
def test_floor_holds(name: str, part: str) -> None:
    got = evaluation(name).scores.value(part)
    floor = FLOORS[name][part]
    assert got + 1e-9 >= floor, f"{name} {part} fell to {got:.3f}, below its floor {floor:.3f}"


def test_every_set_has_floors_and_a_digest() -> None:
    assert set(FLOORS) == set(SETS) == set(DIGESTS)


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_set_is_the_one_the_floors_were_measured_on(name: str) -> None:
    got = gold_digest(gold_dir(name))
    assert got == DIGESTS[name], (
        f"the gold set {name} changed (its files or texts): re-measure its scores, raise floors that "
        f"rose (never lower one), and pin the new digest {got} in {DIGESTS_FILE.name}"
    )


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=FLOORS_FILE.parent, capture_output=True, text=True, check=True
    ).stdout


def _by_set(floors: dict) -> dict[str, dict[str, float]]:
    """The first floors.json held the devset's floors alone, not keyed by set."""
    return {"devset": floors} if all(isinstance(v, int | float) for v in floors.values()) else floors


def _history() -> list[tuple[str, dict[str, dict[str, float]]]]:
    """(commit, floors) for every committed version of floors.json, newest first."""
    rel = FLOORS_FILE.name
    try:
        commits = _git("log", "--format=%h", "--", rel).split()
        return [(c, _by_set(json.loads(_git("show", f"{c}:./{rel}")))) for c in commits]
    except (OSError, subprocess.CalledProcessError):
        return []


def test_floors_only_go_up() -> None:
    history = _history()
    if not history:
        pytest.skip("no git history of tests/floors.json here (not a git checkout, or a shallow one)")
    highest: dict[tuple[str, str], tuple[float, str]] = {}  # (set, part) -> (floor, commit)
    for commit, then in reversed(history):
        for name, parts in then.items():
            for part, floor in parts.items():
                if floor > highest.get((name, part), (-1.0, ""))[0]:
                    highest[(name, part)] = (floor, commit)
    lowered = [
        f"{name} {part}: {FLOORS.get(name, {}).get(part, 'removed')}, was {floor} in {commit}"
        for (name, part), (floor, commit) in highest.items()
        if FLOORS.get(name, {}).get(part, -1.0) + 1e-9 < floor
    ]
    assert not lowered, "floors only go up; lowered or removed: " + "; ".join(lowered)
