#!/usr/bin/env python3
"""Analyse every devset article and score it with shared/eval/score.py.

    .venv/bin/python scripts/devset.py [--pred DIR] [--json OUT] [--only STEM] [--gold DIR]

Articles are fed as the before-stop hook feeds them: first line title, rest text, and the
metadata (published when given, outlet, url) from the gold file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"


def devset_articles(devset: Path = DEVSET):
    """(stem, Article) for every gold file in the devset, in name order."""
    from counterclaim.records import Article

    for g in sorted(devset.glob("*.gold.json")):
        gold = json.loads(g.read_text())
        lines = (devset / gold["file"]).read_text().split("\n")
        published = gold.get("published") if gold.get("published_given", True) else None
        art = Article.make(
            "\n".join(lines[1:]).strip() + "\n",
            title=lines[0],
            published=published,
            outlet=gold.get("outlet"),
            url=gold.get("url"),
            source=gold["file"],
        )
        yield Path(gold["file"]).stem, art


def predict(pred_dir: Path, only: str | None = None, gold: Path = DEVSET) -> None:
    from counterclaim import analyze_many

    pairs = [(s, a) for s, a in devset_articles(gold) if not only or only in s]
    pred_dir.mkdir(parents=True, exist_ok=True)
    for (stem, _), result in zip(pairs, analyze_many(a for _, a in pairs), strict=True):
        if isinstance(result, Exception):
            print(f"{stem}: {result}", file=sys.stderr)
            continue
        (pred_dir / f"{stem}.json").write_text(result.to_json(indent=1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, help="keep predictions here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the scores as JSON here")
    ap.add_argument("--only", help="only articles whose name contains this")
    ap.add_argument("--gold", type=Path, default=DEVSET, help="gold folder (default: the devset; "
                    "tests/data/heldout holds the held-out articles)")
    args = ap.parse_args()
    pred = args.pred or Path(tempfile.mkdtemp(prefix="cc-devset-"))
    predict(pred, args.only, args.gold)
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(args.gold), str(pred)]
    if args.json:
        cmd += ["--json", str(args.json)]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
