#!/usr/bin/env python3
"""Event type accuracy and source-actor match on the PLOVER gold standard records.

    .venv/bin/python benchmarks/plover_gsr.py [--data PATH] [--show N] [--errors]

The records (``shared/data/plover-gsr/PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0, Open Event Data
Alliance) are single sentences drawn from the CAMEO manual's examples, each coded with one event.
Their draft ontology is mapped onto the 16 current PLOVER types as the data README says
(DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT); INVESTIGATE records and the
DOCUMENT header are left out.

Each sentence is analysed on its own (entities, dates and quotes extractors first, as in the
pipeline; any of them failing is replaced by an empty result so this measures events alone).
Since a sentence may yield several events, one is chosen as the sentence's event: the one whose
clause is outermost (widest span; on a tie the act done by speaking, such as a conditional
threat, first; then earliest), which is the main-clause event, or the speaker's own act for a
reported event.

* type accuracy: the chosen event's type equals the gold type (no event counts as wrong);
* type recall (any): the gold type is among the sentence's predicted event types;
* actor match: the chosen event's actor (or one of its ``actors``) shares a content word with one
  of the gold source ``actorText`` values (case-insensitive, after dropping articles and
  possessive 's; a demonym and its country match on their first five letters, so "Russian" ~
  "Russia"); records without a gold source are left out of this rate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
SKIP = {"DOCUMENT", "INVESTIGATE"}
# reasons of events that are what the speaker or actor does by saying it (a threat, a demand)
OWN_ACT = ("statement", "conditional", "reported", "readiness", "declared")
STOP = {"the", "a", "an", "of", "s", "and", "in", "on", "for", "to", "by"}


def records(path: Path) -> list[dict]:
    """The scorable records, with ``gold`` set to the mapped PLOVER type."""
    out = []
    for r in json.loads(path.read_text()):
        ev = r.get("event")
        if ev in SKIP or not r.get("text"):
            continue
        r["gold"] = TYPE_MAP.get(ev, ev)
        out.append(r)
    return out


def words(text: str) -> set[str]:
    """Content words of a name, lower-cased."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")) if w not in STOP}


def actor_match(pred: list[str], gold: list[str]) -> bool:
    """A predicted actor shares a content word (or a five-letter stem) with a gold actorText."""
    for p in pred:
        pw = words(p)
        for g in gold:
            gw = words(g)
            if pw & gw:
                return True
            if {w[:5] for w in pw if len(w) >= 5} & {w[:5] for w in gw if len(w) >= 5}:
                return True
    return False


def analyse(texts: list[str]) -> list[list]:
    """Events per sentence, running the extractors in pipeline order."""
    from counterclaim import nlp
    from counterclaim.extract import dates, entities, events, quotes
    from counterclaim.records import Article, Context, EntityTable

    out = []
    for text, doc in zip(texts, nlp.parse_many(texts, batch_size=32), strict=True):
        ctx = Context(article=Article.make(text), published="2000-01-01")
        for name, step in (
            ("entities", entities.extract),
            ("dates", dates.extract),
            ("quotes", quotes.extract),
        ):
            try:
                value = step(doc, ctx)
            except Exception as exc:  # another extractor's bug must not hide this benchmark
                print(f"warning: {name} failed on a record ({exc!r}); using none", file=sys.stderr)
                value = EntityTable([]) if name == "entities" else []
            setattr(ctx, name, value)
        out.append(events.extract(doc, ctx))
    return out


def chosen(evs: list) -> object | None:
    """The sentence's main event: outermost clause (widest span), the speaker's own act first,
    then earliest."""
    if not evs:
        return None
    return max(evs, key=lambda e: (e.span[1] - e.span[0], e.reason.startswith(OWN_ACT), -e.span[0]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true", help="list the records coded wrongly")
    ap.add_argument("--actor-errors", action="store_true", help="list the records whose actor missed")
    args = ap.parse_args()
    recs = records(args.data)
    t0 = time.perf_counter()
    preds = analyse([r["text"] for r in recs])
    secs = time.perf_counter() - t0
    right = any_right = actor_ok = actor_n = 0
    per_type: Counter[str] = Counter()
    per_type_ok: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for r, evs in zip(recs, preds, strict=True):
        main_ev = chosen(evs)
        got = main_ev.type if main_ev is not None else "-"
        per_type[r["gold"]] += 1
        ok = got == r["gold"]
        right += ok
        per_type_ok[r["gold"]] += ok
        any_right += any(e.type == r["gold"] for e in evs)
        if not ok:
            confusion[(r["gold"], got)] += 1
        gold_actors = [s.get("actorText", "") for s in r.get("source", []) or [] if s.get("actorText")]
        if gold_actors:
            actor_n += 1
            names = [p.name for p in ([main_ev.actor, *main_ev.actors] if main_ev is not None else [])]
            hit = actor_match(names, gold_actors)
            actor_ok += hit
            if args.actor_errors and not hit:
                print(f"[actor {names[:1]} vs {gold_actors}] {r['text'][:160]}")
        if args.errors and (not ok):
            print(f"[{r['gold']} -> {got}] {r['text'][:160]}")
    n = len(recs)
    print(f"PLOVER GSR (CAMEO examples): {n} records scored, {secs:.1f}s")
    print(
        "actor match = the chosen event's actor shares a content word (or 5-letter stem)"
        " with a gold source actorText"
    )
    print(f"{'type':<11}{'n':>5}{'acc':>7}")
    for t in sorted(per_type):
        print(f"{t:<11}{per_type[t]:>5}{per_type_ok[t] / per_type[t]:7.2f}")
    print(f"event type accuracy     {right / n:.3f}  ({right}/{n})")
    print(f"type recall (any event) {any_right / n:.3f}  ({any_right}/{n})")
    print(f"source actor match      {actor_ok / actor_n:.3f}  ({actor_ok}/{actor_n})")
    print(
        "most common confusions (gold -> predicted):",
        ", ".join(f"{g}->{p} x{c}" for (g, p), c in confusion.most_common(8)),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
