#!/usr/bin/env python3
"""Time figure extraction against parsing: prints the ratio of figures.extract time to parse time.

    .venv/bin/python benchmarks/bench_figures.py [--repeat N] [--full]

Articles are the devset texts. Each is parsed once per repeat (timed) and figures.extract runs on
the parse (timed, with inconsistencies.find). ``--full`` fills the context with the upstream
extractors (entities, dates, quotes; not timed) as the pipeline does. The target is a ratio of
at most 0.10.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from counterclaim import nlp
from counterclaim.extract import figures, inconsistencies
from counterclaim.records import Article, Context

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="fill ctx with entities, dates and quotes first")
    args = ap.parse_args()
    texts = [p.read_text() for p in sorted(DEVSET.glob("*.txt"))]
    nlp.get()
    figures.extract(nlp.parse("Officials said 3 people were killed."), Context(article=Article.make("x")))
    t_parse = t_fig = 0.0
    n_figs = 0
    for _ in range(args.repeat):
        for text in texts:
            t0 = time.perf_counter()
            doc = nlp.parse(text)
            t_parse += time.perf_counter() - t0
            ctx = Context(article=Article.make(text, published="2024-01-01"), published="2024-01-01")
            if args.full:
                from counterclaim.extract import dates, entities, quotes  # noqa: PLC0415

                ctx.entities = entities.extract(doc, ctx)
                ctx.dates = dates.extract(doc, ctx)
                ctx.quotes = quotes.extract(doc, ctx)
            t0 = time.perf_counter()
            found = figures.extract(doc, ctx)
            inconsistencies.find(found)
            t_fig += time.perf_counter() - t0
            n_figs += len(found)
    print(f"articles={len(texts)} repeat={args.repeat} figures={n_figs // args.repeat}")
    print(f"parse {t_parse:.3f}s  figures {t_fig:.3f}s  ratio {t_fig / t_parse:.3f} (target <= 0.10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
