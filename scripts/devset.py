#!/usr/bin/env python3
"""Analyse every article of a gold set and score it with ``counterclaim.evaluate`` (what
``counterclaim evaluate`` does), the shared devset by default.

    .venv/bin/python scripts/devset.py [--gold DIR] [--pred DIR] [--json OUT] [--only STEM] [--show PART]

Articles are read as ``counterclaim evaluate`` reads them: first line title, optional URL:,
DATE:, OUTLET: lines, then the text; metadata missing there comes from the gold file (the date
only when ``published_given`` is not false).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from counterclaim.evaluate import evaluate, format_differences, format_table, load_gold_set
from counterclaim.evaluate.run import articles
from counterclaim.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"


def devset_articles(devset: Path = DEVSET) -> Iterator[tuple[str, Article]]:
    """(stem, Article) for every good gold file of a set whose article can be read, in name order."""
    golds, _ = load_gold_set(devset)
    for gold, item in articles(golds, devset):
        if isinstance(item, Article):
            yield gold.stem, item


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEVSET, help="gold folder (default: ../shared/devset)")
    ap.add_argument("--pred", type=Path, help="keep the analyses here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the scores as JSON here")
    ap.add_argument("--only", help="only articles whose name contains this")
    ap.add_argument("--show", action="append", default=[], help="list what was missed and extra for a part")
    args = ap.parse_args()
    keep = args.pred or Path(tempfile.mkdtemp(prefix="cc-devset-"))
    ev = evaluate(args.gold, keep_dir=keep, only=args.only)
    for problem in ev.problems:
        print(f"counterclaim: {problem}", file=sys.stderr)
    print(format_table(ev.scores))
    for part in args.show:
        print(f"\nMissed and extra: {part}\n{format_differences(ev, part)}")
    if args.json:
        args.json.write_text(json.dumps(ev.scores.to_dict(), indent=2) + "\n", encoding="utf-8")
    print(f"analyses in {keep}", file=sys.stderr)
    return 2 if ev.problems else 0


if __name__ == "__main__":
    sys.exit(main())
