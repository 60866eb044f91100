#!/usr/bin/env python3
"""Where the extractors spend their time: a cProfile of analysis after parsing (printed).

    .venv/bin/python benchmarks/profile_analyze.py [--repeat 2] [--top 40] [--sort tottime|cumulative]

The corpus is ``bench_analyze``'s (devset articles and samples), repeated ``--repeat`` times.
Every text is parsed first, outside the profile, with ``nlp.pipe``; then ``analyze_article``
runs on each parsed doc under cProfile, so the profile holds the extractors only. Prints the
CPU time of the parse and of the extractors, their ratio, and the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analyze import corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    ap.add_argument("--out", type=Path, help="also write the raw profile here (pstats format)")
    args = ap.parse_args()

    from counterclaim import analyze_article, nlp
    from counterclaim.records import Article

    base = corpus()
    articles = base * args.repeat
    pipe = nlp.get()
    analyze_article(Article.from_dict(base[0].to_dict()))  # warm-up: lexicons, caches
    c0 = time.process_time()
    docs = list(pipe.pipe([a.text for a in articles], batch_size=16))
    parse = time.process_time() - c0
    fresh = [Article.from_dict(a.to_dict()) for a in articles]
    prof = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
    c0 = time.process_time()
    prof.enable()
    for art, doc in zip(fresh, docs, strict=True):
        analyze_article(art, doc=doc)
    prof.disable()
    extract = time.process_time() - c0
    print(
        f"{len(articles)} articles; CPU seconds: parse {parse:.2f}, extractors (profiled) {extract:.2f}; "
        f"extractors / parse {extract / parse:.2f} (profiling inflates the extractors)"
    )
    stats = pstats.Stats(prof)
    if args.out:
        stats.dump_stats(str(args.out))
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
