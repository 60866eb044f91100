#!/usr/bin/env python3
"""Time of ``extract.quotes`` (with its who index) against the spaCy parse of the same texts.

    .venv/bin/python benchmarks/bench_quotes.py [--repeat N] [FILES...]

Texts default to the devset articles (first line, the title, dropped). Parses every text once
(timed), then runs the quote extractor on each doc ``--repeat`` times (best run kept) with an
empty entity table, and prints both times and their ratio. The budget is 15% of the parse.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
BUDGET = 0.15


def load_texts(files: list[Path]) -> list[str]:
    """Article bodies: each file without its first (title) line."""
    return ["\n".join(f.read_text("utf-8").split("\n")[1:]).strip() + "\n" for f in files]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from counterclaim import nlp
    from counterclaim.extract import quotes, who
    from counterclaim.records import Article, Context

    files = args.files or sorted(DEVSET.glob("*.txt"))
    texts = load_texts(files)
    pipe = nlp.get()
    pipe("warm up the pipeline.")
    t0 = time.perf_counter()
    docs = [pipe(t) for t in texts]
    parse = time.perf_counter() - t0
    ctxs = [Context(article=Article.make(t)) for t in texts]
    best = float("inf")
    n = 0
    for _ in range(max(1, args.repeat)):
        for d in docs:
            who.clear_cache(d)  # time the index and name table too
        t0 = time.perf_counter()
        n = sum(len(quotes.extract(d, c)) for d, c in zip(docs, ctxs, strict=True))
        best = min(best, time.perf_counter() - t0)
    ratio = best / parse
    print(f"texts={len(texts)} tokens={sum(len(d) for d in docs)} quotes={n}")
    print(
        f"parse={parse * 1000:.1f} ms  quotes={best * 1000:.1f} ms  ratio={ratio:.3f} (budget {BUDGET:.2f})"
    )
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
