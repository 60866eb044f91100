#!/usr/bin/env python3
"""External check of the quote extractor against PolNeAR (attribution relations in news).

    .venv/bin/python scripts/polnear_eval.py REPO_GIT_DIR [--split dev] [--offset K] [--limit N] [--show]

REPO_GIT_DIR is a local git copy of networkdynamics/PolNeAR (no work tree needed: files are read
with `git show`). Nothing of PolNeAR is written into this repository; the script prints scores.

PolNeAR marks every attribution (Source, Cue, Content), including thoughts and intentions
("believes", "wants") that counterclaim does not count as quotes. We print:
- precision: share of our quotes whose content matches a gold Content (content-word F1 >= 0.5);
- recall: share of gold attributions with a speech cue (said, told, according to ...) we found;
- speaker accuracy: among matched pairs whose gold Source is a name (not a pronoun), share where
  our speaker's name shares a content word with the gold Source text or with the entity
  mentioned there.

``--offset K`` skips the first K articles (so ``--offset 40 --limit 60`` scores articles 40-99);
``--show`` prints, per article, missed gold attributions, unmatched predictions and wrong
speakers (for error analysis on the train split; the printout is not to be stored).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SPEECH = re.compile(
    r"\b(said|says|say|told|tell|tells|according|stated|states|added|adds|announced|claimed|claims|"
    r"argued|argues|insisted|warned|wrote|writes|declared|noted|explained|asked|charged|denied|"
    r"statement|tweeted|acknowledged|admitted|alleged|accused|suggested)\b",
    re.I,
)
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "him", "them"}
STOP = {"the", "a", "an", "of", "and", "to", "in", "that", "for", "on", "s"}


def words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", s.lower()) if w not in STOP]


def f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    pool = list(b)
    common = 0
    for w in a:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True, check=True
    ).stdout


def articles(repo: Path, split: str) -> Iterator[tuple[str, str, list[dict]]]:
    names = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", f"data/{split}/attributions"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seen: set[str] = set()
    for ann in sorted(names):
        stem = Path(ann).name.rsplit("_", 1)[0]
        if stem in seen:  # several annotators: keep the first
            continue
        seen.add(stem)
        try:
            text = git_show(repo, f"data/{split}/text/{stem}.txt")
        except subprocess.CalledProcessError:
            continue
        yield stem, text, parse_ann(git_show(repo, ann), text)


def parse_ann(ann: str, text: str) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, *offs = parts[1].split(" ", 1)
            ranges = [tuple(map(int, r.split())) for r in offs[0].split(";")] if offs else []
            spans[parts[0]] = (label, ranges)
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(p.split(":") for p in parts[1].split()))

    def part(rel: dict, key: str) -> str:
        if key not in rel or rel[key] not in spans:
            return ""
        return " ".join(text[s:e] for s, e in spans[rel[key]][1])

    return [{k.lower(): part(r, k) for k in ("Source", "Cue", "Content")} for r in rels]


def show(stem: str, what: str, line: str) -> None:
    """One error-analysis line on stdout."""
    print(f"{stem} {what:8} " + " ".join(line.split()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repo", type=Path, help="git directory of a PolNeAR copy")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--offset", type=int, default=0, help="skip the first K articles")
    ap.add_argument("--limit", type=int, default=0, help="score at most N articles")
    ap.add_argument("--show", action="store_true", help="print misses, extras and wrong speakers")
    args = ap.parse_args()

    from counterclaim import analyze

    n_pred = n_pred_ok = n_gold = n_gold_found = n_spk = n_spk_ok = n_art = 0
    for i, (_stem, text, gold) in enumerate(articles(args.repo, args.split)):
        if i < args.offset:
            continue
        if args.limit and i >= args.offset + args.limit:
            break
        n_art += 1
        try:
            quotes = analyze(text).quotes
        except Exception as exc:  # report and go on: this is a measuring script
            print(f"{_stem}: {exc}", file=sys.stderr)
            continue
        gold_words = [words(g["content"]) for g in gold]
        n_pred += len(quotes)
        for q in quotes:
            ok = any(f1(words(q.text), gw) >= 0.5 for gw in gold_words)
            n_pred_ok += ok
            if args.show and not ok:
                show(_stem, "EXTRA", f"[{q.speaker.name}] {q.cue} :: {q.text}")
        for g, gw in zip(gold, gold_words, strict=True):
            if not SPEECH.search(g["cue"]):
                continue
            n_gold += 1
            hit = next((q for q in quotes if f1(words(q.text), gw) >= 0.5), None)
            if hit is None:
                if args.show:
                    show(_stem, "MISS", f"[{g['source']}] {g['cue']} :: {g['content']}")
                continue
            n_gold_found += 1
            src = words(g["source"])
            if src and not set(src) <= PRONOUNS:
                n_spk += 1
                spk_ok = bool(set(words(hit.speaker.name)) & set(src))
                n_spk_ok += spk_ok
                if args.show and not spk_ok:
                    show(
                        _stem,
                        "SPEAKER",
                        f"gold [{g['source']}] ours [{hit.speaker.name}] {g['cue']} :: {hit.text[:120]}",
                    )
    p = n_pred_ok / n_pred if n_pred else 0.0
    r = n_gold_found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"PolNeAR {args.split}: {n_art} articles, {n_pred} quotes predicted, "
        f"{n_gold} gold speech attributions"
    )
    print(
        f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  speaker accuracy {n_spk_ok}/{n_spk} = "
        f"{(n_spk_ok / n_spk if n_spk else 0):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
