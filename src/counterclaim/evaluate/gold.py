"""Gold files: reading and checking ``NAME.gold.json`` (the format of docs/annotating.md).

A gold file is a JSON object naming its article (``file``) and listing, per part, what a careful
reader takes from it. ``load_gold_set`` reads every gold file of a folder; a file that cannot be
scored (bad JSON, a missing key, a value of the wrong type) comes back as a ``GoldError`` naming
the file and the first problem, and the rest are scored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError, NoGold

GOLD_SUFFIX = ".gold.json"

# the lists a gold file may hold, and for each item the keys it must have: the scorer reads them
PART_KEYS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker",),
    "figures": ("value", "category", "claimant"),
    "events": ("type", "actor"),
    "framing": ("voice",),
    "dates": ("text", "value"),
    "entities": ("name", "type"),
}
WORDS_OR_TEXT = ("quotes", "framing")  # items with "text" or hashed "text_tokens"


@dataclass(frozen=True, slots=True)
class Gold:
    """One checked gold file: ``data`` is its JSON; ``stem`` names the article (``STEM.txt``) and
    its analysis (``STEM.json``)."""

    path: Path
    data: dict[str, Any]

    @property
    def article_file(self) -> str:
        return str(self.data["file"])

    @property
    def stem(self) -> str:
        return Path(self.article_file).stem

    def parts(self) -> list[str]:
        """The parts this file has gold for (a part left out is not scored for this article)."""
        return [p for p in PART_KEYS if p in self.data]


def gold_paths(gold_dir: Path) -> list[Path]:
    """The gold files of a folder, in name order; ``NoGold`` when there is none."""
    paths = sorted(Path(gold_dir).glob(f"*{GOLD_SUFFIX}"))
    if not paths:
        raise NoGold(f"no NAME{GOLD_SUFFIX} files in the folder", source=str(gold_dir))
    return paths


def load_gold_set(gold_dir: Path) -> tuple[list[Gold], list[GoldError]]:
    """Every gold file of ``gold_dir`` in name order: the good ones, and an error for each bad one."""
    good: list[Gold] = []
    bad: list[GoldError] = []
    for path in gold_paths(gold_dir):
        try:
            good.append(load_gold(path))
        except GoldError as exc:
            bad.append(exc)
    return good, bad


def load_gold(path: Path) -> Gold:
    """Read and check one gold file; raises ``GoldError`` naming the file and the problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read the file ({exc.__class__.__name__}: {exc})", source=str(path)) from exc
    except ValueError as exc:
        raise GoldError(f"malformed JSON: {exc}", source=str(path)) from exc
    problem = check(data)
    if problem:
        raise GoldError(problem, source=str(path))
    return Gold(Path(path), data)


# --- checking ------------------------------------------------------------------------------------


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _answers_of(ok: Callable[[object], bool]) -> Callable[[object], bool]:
    """A value or a non-empty list of acceptable values."""
    return lambda v: ok(v) or (isinstance(v, list) and bool(v) and all(ok(x) for x in v))


_NAMES = _answers_of(_is_str)
_TYPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "speaker": (_NAMES, "a name or a list of names"),
    "claimant": (_NAMES, "a name or a list of names"),
    "actor": (_NAMES, "a name or a list of names"),
    "target": (lambda v: v is None or _NAMES(v), "a name, a list of names or null"),
    "name": (_NAMES, "a name or a list of names"),
    "type": (_NAMES, "a string or a list of strings"),
    "category": (_NAMES, "a string or a list of strings"),
    "voice": (_NAMES, "a string or a list of strings"),
    "value": (_is_number, "a number"),
    "text": (_is_str, "a string"),
    "text_tokens": (lambda v: isinstance(v, list) and all(_is_str(x) for x in v), "a list of strings"),
    "optional": (lambda v: isinstance(v, bool), "true or false"),
}
_DATE_VALUE = (lambda v: _is_str(v) or _is_number(v), "a string such as 2020-10-21 (or a year)")


def _iso_date(v: object) -> bool:
    try:
        dt.date.fromisoformat(str(v))
    except ValueError:
        return False
    return isinstance(v, str)


def check(data: object) -> str | None:
    """The first problem that keeps ``data`` from being scored as a gold file, or None."""
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    if "file" not in data:
        return "the key 'file' (the article's file name, NAME.txt) is missing"
    if not _is_str(data["file"]) or not Path(data["file"]).stem:
        return "'file' must be the article's file name, such as NAME.txt"
    for key, ok, want in (
        ("published", lambda v: v is None or _iso_date(v), "an ISO date such as 2024-03-07"),
        ("published_given", lambda v: isinstance(v, bool), "true or false"),
        ("outlet", lambda v: v is None or _is_str(v), "a string"),
        ("url", lambda v: v is None or _is_str(v), "a string"),
    ):
        if key in data and not ok(data[key]):
            return f"'{key}' must be {want}, got {json.dumps(data[key])[:60]}"
    for part, required in PART_KEYS.items():
        problem = _check_part(part, data.get(part, []), required)
        if problem:
            return problem
    return _check_groups(data.get("same_entity", [])) or _check_inconsistencies(
        data.get("inconsistencies", [])
    )


def _check_part(part: str, items: object, required: tuple[str, ...]) -> str | None:
    if not isinstance(items, list):
        return f"'{part}' must be a list of objects, got {type(items).__name__}"
    for i, item in enumerate(items):
        where = f"{part}[{i}]"
        if not isinstance(item, dict):
            return f"{where} must be an object, got {type(item).__name__}"
        for key in required:
            if key not in item:
                return f"{where}: the key '{key}' is missing"
        if part in WORDS_OR_TEXT and "text" not in item and "text_tokens" not in item:
            return f"{where}: give 'text' or 'text_tokens'"
        for key, value in item.items():
            ok, want = _DATE_VALUE if (part, key) == ("dates", "value") else _TYPES.get(key, (None, ""))
            if ok is not None and not ok(value):
                return f"{where}: '{key}' must be {want}, got {json.dumps(value)[:60]}"
    return None


def _check_groups(groups: object) -> str | None:
    ok = isinstance(groups, list) and all(
        isinstance(g, list) and g and all(_is_str(x) for x in g) for g in groups
    )
    return None if ok else "'same_entity' must be a list of lists of names"


def _check_inconsistencies(items: object) -> str | None:
    if not isinstance(items, list):
        return "'inconsistencies' must be a list of objects"
    for i, item in enumerate(items):
        values = item.get("values") if isinstance(item, dict) else None
        if not (isinstance(values, list) and values and all(_is_number(v) for v in values)):
            return f"inconsistencies[{i}]: 'values' must be a list of the figures' numbers"
    return None


# --- a digest, so a changed gold set is noticed -------------------------------------------------------


def gold_digest(gold_dir: Path, texts_dir: Path | None = None) -> str:
    """SHA-256 over every gold file of the folder and the article text each names (when it is in
    ``texts_dir``, default the gold folder), by name: changes when any of them changes."""
    gold_dir = Path(gold_dir)
    texts = Path(texts_dir) if texts_dir else gold_dir
    h = hashlib.sha256()
    for path in gold_paths(gold_dir):
        files = [path]
        try:
            name = json.loads(path.read_text(encoding="utf-8")).get("file")
        except (ValueError, AttributeError):
            name = None
        if isinstance(name, str) and (texts / name).is_file():
            files.append(texts / name)
        for f in files:
            h.update(f.name.encode("utf-8") + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()
