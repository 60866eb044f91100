"""Work that should not change what counterclaim finds (speed work, refactors) must leave every
output as it was: the analysis JSON of the samples, both held-out sets and the shared devset is
compared, field by field (ids, spans, reasons ...), with expectations stored under
``tests/data/expected/``.

- ``samples/``, ``heldout/``, ``heldout2/``: the whole analysis JSON of each article (our own texts).
- ``devset.json``: the devset's texts live in ../shared and may not be copied here, so each
  article keeps a digest of its analysis, of its ``article`` part and of every record per part
  (with the record's span), enough to say which record of which part changed without any text.

When a change alters outputs on purpose (accuracy work), rewrite the expectations and review the
diff before committing it:

    COUNTERCLAIM_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_outputs_unchanged.py -q

Articles are read as ``scripts/devset.py`` reads them (gold sets: title line, then text, metadata
from the .gold.json) and as ``counterclaim analyze samples`` reads the samples.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from counterclaim import analyze_many
from counterclaim.ingest import read_paths
from counterclaim.records import Article

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from devset import DEVSET, devset_articles  # noqa: E402

DATA = Path(__file__).parent / "data"
EXPECTED = DATA / "expected"
UPDATE = os.environ.get("COUNTERCLAIM_UPDATE_EXPECTED", "") not in ("", "0")
GOLD_SETS = {"heldout": DATA / "heldout", "heldout2": DATA / "heldout2", "heldout3": DATA / "heldout3"}
MAX_DIFFS = 15

pytestmark = pytest.mark.slow


def _sample_articles() -> list[tuple[str, Article]]:
    """(name, Article) for every article in samples/, its source as `counterclaim analyze samples`
    run from the repository root gives it."""
    with contextlib.chdir(ROOT):
        items = list(read_paths(["samples"]))
    out = []
    for item in items:
        assert isinstance(item, Article), f"a sample failed to read: {item}"
        name = Path(item.source or item.id).name.replace(":", "-")
        out.append((name, item))
    return out


def _articles(group: str) -> list[tuple[str, Article]]:
    if group == "samples":
        return _sample_articles()
    return list(devset_articles(DEVSET if group == "devset" else GOLD_SETS[group]))


GROUPS = ("samples", "heldout", "heldout2", "devset")
_ANALYSED: dict[str, dict[str, dict[str, Any]]] = {}


def _analysed(group: str) -> dict[str, dict[str, Any]]:
    """name -> analysis dict, for one group (analysed once per session)."""
    if group not in _ANALYSED:
        pairs = _articles(group)
        assert pairs, f"no articles found for {group}"
        results = analyze_many(a for _, a in pairs)
        out: dict[str, dict[str, Any]] = {}
        for (name, _), res in zip(pairs, results, strict=True):
            assert not isinstance(res, Exception), f"{group}/{name}: {res}"
            out[name] = res.to_dict()
            out[name]["article"]["source"] = _portable(out[name]["article"]["source"])
        _ANALYSED[group] = out
    return _ANALYSED[group]


def _portable(source: str | None) -> str | None:
    """The article's source path relative to the checkout or the shared folder, so the
    expectations hold wherever the project is cloned."""
    if not source:
        return source
    path = Path(source)
    for base in (ROOT, ROOT.parent):
        if path.is_absolute() and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return source


def _digest(obj: Any) -> str:
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def fingerprint(analysis: dict[str, Any]) -> dict[str, Any]:
    """A text-free summary of one analysis: digests of the whole, of each part and of each record
    (lists of records keep each one's span, to find it)."""
    parts: dict[str, Any] = {}
    for key, value in analysis.items():
        if isinstance(value, list):
            parts[key] = [
                [_digest(r), r.get("span")] if isinstance(r, dict) and "span" in r else [_digest(r)]
                for r in value
            ]
        else:
            parts[key] = _digest(value)
    return {"digest": _digest(analysis), "parts": parts}


def _diffs(old: Any, new: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, as 'path: old -> new' lines."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in [*old, *(k for k in new if k not in old)]:
            if k not in new:
                out.append(f"{path}.{k}: removed")
            elif k not in old:
                out.append(f"{path}.{k}: added {_short(new[k])}")
            else:
                out += _diffs(old[k], new[k], f"{path}.{k}")
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = [f"{path}: {len(old)} items -> {len(new)}"] if len(old) != len(new) else []
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            out += _diffs(a, b, f"{path}[{i}]")
        return out
    return [] if old == new else [f"{path}: {_short(old)} -> {_short(new)}"]


def _short(v: Any, n: int = 100) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def _fingerprint_diffs(old: dict[str, Any], new: dict[str, Any], analysis: dict[str, Any]) -> list[str]:
    """Which parts and records of a devset analysis changed (the new record is shown: it comes
    from the texts in ../shared at run time, never from the repository)."""
    out: list[str] = []
    for key in sorted(set(old["parts"]) | set(new["parts"])):
        a, b = old["parts"].get(key), new["parts"].get(key)
        if a == b:
            continue
        if not isinstance(a, list) or not isinstance(b, list):
            out.append(f"{key}: changed -> {_short(analysis.get(key), 300)}")
            continue
        if len(a) != len(b):
            out.append(f"{key}: {len(a)} records -> {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                where = f" (span {x[1]})" if len(x) > 1 else ""
                out.append(f"{key}[{i}]{where} -> {_short(analysis[key][i], 300)}")
    return out


def _expected_path(group: str, name: str) -> Path:
    return EXPECTED / group / f"{name}.json"


def _cases() -> list[tuple[str, str]]:
    """(group, name) for every article of every group, found without analysing anything."""
    cases = [("samples", n) for n, _ in _sample_articles()]
    for group, folder in [*GOLD_SETS.items(), ("devset", DEVSET)]:
        cases += [(group, g.name.removesuffix(".gold.json")) for g in sorted(folder.glob("*.gold.json"))]
    return cases


def _update(group: str) -> None:
    analyses = _analysed(group)
    if group == "devset":
        fp = {name: fingerprint(a) for name, a in sorted(analyses.items())}
        (EXPECTED / "devset.json").write_text(json.dumps(fp, indent=1, sort_keys=True) + "\n")
        return
    folder = EXPECTED / group
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        if old.stem not in analyses:
            old.unlink()
    for name, a in analyses.items():
        _expected_path(group, name).write_text(json.dumps(a, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize(("group", "name"), _cases(), ids=lambda x: x)
def test_output_unchanged(group: str, name: str) -> None:
    if UPDATE:
        _update(group)
        pytest.skip(f"COUNTERCLAIM_UPDATE_EXPECTED is set: rewrote the expectations of {group}")
    new = _analysed(group).get(name)
    assert new is not None, f"{group}/{name} was not analysed"
    if group == "devset":
        stored = json.loads((EXPECTED / "devset.json").read_text())
        assert name in stored, f"no expectation for devset/{name}: regenerate (see this module's docstring)"
        fp = fingerprint(new)
        diffs = _fingerprint_diffs(stored[name], fp, new) if fp != stored[name] else []
    else:
        path = _expected_path(group, name)
        assert path.exists(), f"no {path.relative_to(ROOT)}: regenerate (see this module's docstring)"
        diffs = _diffs(json.loads(path.read_text()), new)
    assert not diffs, f"{group}/{name} changed ({len(diffs)} differences):\n" + "\n".join(
        diffs[:MAX_DIFFS] + ([f"... and {len(diffs) - MAX_DIFFS} more"] if len(diffs) > MAX_DIFFS else [])
    )


def test_every_expectation_is_checked() -> None:
    """No stale expectation files: each one belongs to an article that is still analysed."""
    cases = set(_cases())
    stale = [
        str(p.relative_to(ROOT))
        for group in ("samples", *GOLD_SETS)
        for p in sorted((EXPECTED / group).glob("*.json"))
        if (group, p.stem) not in cases
    ]
    fingerprints = EXPECTED / "devset.json"
    devset = json.loads(fingerprints.read_text()) if fingerprints.exists() and DEVSET.is_dir() else {}
    stale += [f"devset.json: {n}" for n in devset if ("devset", n) not in cases]
    assert not stale, f"expectations without an article: {stale}"
