"""Loading 100,000 analysed articles from batch output into SQLite and PostgreSQL (issue 9).

    .venv/bin/python benchmarks/bench_load.py [--n 100000] [--pg URL] [--parts sqlite,pg]

How the 100,000 articles are made cheaply (printed, never asserted):
1. base articles: the devset, the held-out set, samples/ and tests/data/compare (real and
   hand-written news), each also without its first paragraph (a second, shorter real article),
   are analysed once with ``analyze_many``;
2. clone i is base analysis ``i % len(base)`` with its title numbered and a line
   ``[copy i]`` appended to its text, so it has its own content id and text (every span still
   points at the same words); its records are unchanged. Row ids are recomputed exactly as
   ``tables.flatten`` would for that article (the per-record content is hashed once per base);
3. the clones are written as ``counterclaim batch`` output: shards of ``--shard-size`` articles,
   one Parquet file per table per shard, then the shard's marker.

Then ``batch.load.load`` reads that folder shard by shard into a fresh SQLite file and into a
fresh PostgreSQL database (``--pg``, else $COUNTERCLAIM_BENCH_PG, else /tmp/pg_url), timing each:
articles/s, batch-table rows/s read, store rows/s written, and the ratio PostgreSQL / SQLite.
A second load of the same folder must change nothing (run with ``--again``).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import machine  # noqa: E402
from devset import devset_articles  # noqa: E402

from counterclaim import analyze_many  # noqa: E402
from counterclaim.batch import output, tables  # noqa: E402
from counterclaim.batch.load import load  # noqa: E402
from counterclaim.batch.sources import Shard  # noqa: E402
from counterclaim.ingest import read_path  # noqa: E402
from counterclaim.records import Analysis, Article, content_id, hash_id  # noqa: E402
from counterclaim.store import TABLE_NAMES, open_store, redact  # noqa: E402


def base_articles() -> list[Article]:
    """Real articles from the devset, held-out set, samples and the compare test corpus, each
    also without its first paragraph."""
    arts = [a for _, a in devset_articles()]
    arts += [a for _, a in devset_articles(ROOT / "tests" / "data" / "heldout")]
    compare = ROOT / "tests" / "data" / "compare" / "articles.jsonl"
    for path in [*sorted((ROOT / "samples").iterdir()), compare]:
        arts.extend(x for x in read_path(str(path)) if isinstance(x, Article))
    shorter = []
    for a in arts:
        paras = [p for p in a.text.split("\n") if p.strip()]
        if len(paras) > 2:
            shorter.append(
                Article.make(
                    "\n".join(paras[1:]) + "\n",
                    title=a.title,
                    outlet=a.outlet,
                    published=a.published,
                    url=a.url,
                    source=a.source,
                )
            )
    return arts + shorter


class Cloner:
    """Batch-output rows of clone i of the base analyses, without re-flattening every clone."""

    def __init__(self, analyses: list[Analysis]) -> None:
        self.bases = analyses
        self.tables: list[dict[str, pa.Table]] = []
        self.contents: list[dict[str, list[str]]] = []  # per base, table: each record's content
        for a in analyses:
            rows = tables.flatten(a)
            self.tables.append({t: tables.to_table(t, rows[t]) for t in tables.TABLES})
            self.contents.append({t: [tables._content(r) for r in getattr(a, t)] for t in tables.RECORD_OF})

    def article(self, i: int) -> tuple[int, Article]:
        b = i % len(self.bases)
        art = copy.copy(self.bases[b].article)
        art.title = f"{art.title} [{i}]"
        art.text = f"{art.text}[copy {i}]\n"
        art.id = content_id(art.title, art.text)
        return b, art

    def analysis(self, i: int) -> Analysis:
        """Clone i as an Analysis (for checking the written rows against ``flatten``)."""
        b, art = self.article(i)
        a = copy.copy(self.bases[b])
        a.article = art
        return a

    def shard(self, start: int, stop: int) -> dict[str, pa.Table]:
        """Every table's rows for clones start..stop-1, as ``flatten`` would write them."""
        parts: dict[str, list[pa.Table]] = {t: [] for t in tables.TABLES}
        ids: dict[str, list[str]] = {t: [] for t in tables.TABLES}
        row_ids: dict[str, list[str]] = {t: [] for t in tables.TABLES}
        titles, texts = [], []
        for i in range(start, stop):
            b, art = self.article(i)
            base = self.tables[b]
            meta = {k: v for k, v in art.to_dict().items() if k != "source"}
            meta_json = json.dumps(meta, sort_keys=True)
            row_ids["articles"].append(hash_id("articles", art.id, meta_json, prefix="r_"))
            ids["articles"].append(art.id)
            titles.append(art.title)
            texts.append(art.text)
            parts["articles"].append(base["articles"])
            for t, contents in self.contents[b].items():
                parts[t].append(base[t])
                ids[t].extend([art.id] * len(contents))
                row_ids[t].extend(hash_id(t, art.id, k, c, prefix="r_") for k, c in enumerate(contents))
        out = {}
        for t in tables.TABLES:
            tab = pa.concat_tables(parts[t]) if parts[t] else tables.schema(t).empty_table()
            tab = _set(tab, "row_id", row_ids[t])
            tab = _set(tab, "article_id", ids[t])
            if t == "articles":
                tab = _set(_set(tab, "title", titles), "text", texts)
            out[t] = tab
        return out


def _set(tab: pa.Table, name: str, values: list[str]) -> pa.Table:
    i = tab.schema.get_field_index(name)
    return tab.set_column(i, tab.schema.field(i), pa.array(values, pa.string()))


def write_output(cloner: Cloner, n: int, folder: Path, shard_size: int) -> dict[str, int]:
    """N clones as batch output under ``folder``; rows per table."""
    rows = dict.fromkeys(tables.TABLES, 0)
    for k, start in enumerate(range(0, n, shard_size)):
        stop = min(n, start + shard_size)
        sid = f"clones-{k:05d}"
        parts = cloner.shard(start, stop)
        for t, tab in parts.items():
            path = output.table_file(folder, t, sid)
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(tab, path, compression="zstd")
            rows[t] += tab.num_rows
        shard = Shard(id=sid, uri=f"bench://clones/{k}", format="jsonl", start=start, stop=stop)
        counts = {t: tab.num_rows for t, tab in parts.items()}
        output.write_marker(folder, shard, articles=stop - start, failures=[], rows=counts, seconds=0.0)
    return rows


def pg_url(arg: str | None) -> str | None:
    if arg:
        return arg
    if os.environ.get("COUNTERCLAIM_BENCH_PG"):
        return os.environ["COUNTERCLAIM_BENCH_PG"]
    p = Path("/tmp/pg_url")
    return p.read_text().strip() if p.exists() else None


def fresh_pg(url: str) -> tuple[str, str]:
    """A new empty database on the server of ``url``: (its URL, the admin URL to drop it)."""
    import psycopg  # noqa: PLC0415

    name = f"bench_load_{uuid.uuid4().hex[:8]}"
    admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name, admin


def drop_pg(admin: str, url: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def run_load(name: str, where: str, folder: Path, rows_in: int, args: argparse.Namespace) -> float:
    """Load ``folder`` into the store at ``where``; print and return articles/s."""
    with open_store(where) as store:
        s = load(folder, store, batch_size=args.batch_size)
        stored = sum(s.store_rows.values())
        print(
            f"{name}: {s.articles} articles in {s.seconds:.1f}s = {s.rate:.1f} articles/s; "
            f"{rows_in / s.seconds:,.0f} batch rows/s read; {stored / s.seconds:,.0f} store rows/s "
            f"written ({stored:,} rows in {len(TABLE_NAMES)} tables); changed {s.changed}, "
            f"failures {len(s.failures)}",
            flush=True,
        )
        if args.again:
            again = load(folder, store, batch_size=args.batch_size)
            print(
                f"{name} again: {again.seconds:.1f}s, changed {again.changed}, "
                f"rows unchanged: {again.store_rows == s.store_rows}",
                flush=True,
            )
        return s.rate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles to load")
    ap.add_argument("--shard-size", type=int, default=500, help="articles per batch shard")
    ap.add_argument("--batch-size", type=int, default=500, help="articles per store transaction")
    ap.add_argument("--pg", help="PostgreSQL server URL (a fresh database is made on it)")
    ap.add_argument("--parts", default="sqlite,pg", help="sqlite, pg or both")
    ap.add_argument("--again", action="store_true", help="load a second time (must change nothing)")
    ap.add_argument("--tmp", help="folder for the output and SQLite file (default: system temp)")
    args = ap.parse_args()

    print(f"# bench_load  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    arts = base_articles()
    t0 = time.perf_counter()
    analyses = [a for a in analyze_many(arts) if isinstance(a, Analysis)]
    print(f"base: {len(analyses)} analysed articles in {time.perf_counter() - t0:.1f}s", flush=True)
    cloner = Cloner(analyses)
    # the shortcut writes exactly what flatten writes, for a clone of every base
    for i in range(len(analyses)):
        direct = tables.flatten(cloner.analysis(i))
        cloned = cloner.shard(i, i + 1)
        assert all(
            cloned[t].to_pylist() == tables.to_table(t, direct[t]).to_pylist() for t in tables.TABLES
        ), i

    with tempfile.TemporaryDirectory(prefix="bench_load_", dir=args.tmp) as tmp:
        folder = Path(tmp) / "out"
        t0 = time.perf_counter()
        rows = write_output(cloner, args.n, folder, args.shard_size)
        rows_in = sum(rows.values())
        print(
            f"batch output: {args.n} articles, {rows_in:,} rows ("
            + ", ".join(f"{t} {n:,}" for t, n in rows.items())
            + f"), shards of {args.shard_size}, written in {time.perf_counter() - t0:.1f}s; "
            f"store batch size {args.batch_size}",
            flush=True,
        )
        rates = {}
        if "sqlite" in args.parts:
            rates["sqlite"] = run_load("SQLite", str(Path(tmp) / "bench.db"), folder, rows_in, args)
        url = pg_url(args.pg)
        if "pg" in args.parts and url:
            db, admin = fresh_pg(url)
            try:
                rates["pg"] = run_load(f"PostgreSQL ({redact(url)})", db, folder, rows_in, args)
            finally:
                drop_pg(admin, db)
        elif "pg" in args.parts:
            print("PostgreSQL: no server URL (--pg, $COUNTERCLAIM_BENCH_PG or /tmp/pg_url); skipped")
        if len(rates) == 2:
            print(f"ratio PostgreSQL / SQLite (articles/s): {rates['pg'] / rates['sqlite']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
