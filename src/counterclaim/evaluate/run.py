"""From a gold folder to scores: the articles with their metadata, their analyses (made here in
one process, or read from a folder), and the table.

An article file is ``NAME.txt`` beside its gold file (or in ``texts_dir``): a title line, then
optional ``URL:``, ``DATE:`` and ``OUTLET:`` header lines, then the text. Header values are
metadata, never text; where a header is missing, the gold file's ``url``, ``outlet`` and
``published`` stand in. A date is passed only when the gold's ``published_given`` is not false
(otherwise the tool must infer it, and is scored on that). Other formats the readers know
(``.html``, ``.json``) work too, with the same metadata rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CounterclaimError, GoldError, MissingArticle, PipelineError
from ..ingest.readers import article_from_object, read_path
from ..records import Analysis, Article
from .gold import Gold, load_gold_set
from .match import Item
from .scoring import Scores, score

HEADER_KEYS = ("URL", "DATE", "OUTLET")


@dataclass(slots=True)
class Evaluation:
    """What ``evaluate`` found: the gold files read, the analysis of each article (by stem), the
    problems met on the way (bad gold files, missing texts, failed analyses), and the scores."""

    gold_dir: Path
    texts_dir: Path
    golds: list[Gold]
    predictions: dict[str, Item]
    problems: list[CounterclaimError] = field(default_factory=list)
    scores: Scores = field(default_factory=Scores)


def evaluate(
    gold_dir: str | Path,
    *,
    pred_dir: str | Path | None = None,
    texts_dir: str | Path | None = None,
    keep_dir: str | Path | None = None,
    only: str | None = None,
) -> Evaluation:
    """Score the articles of ``gold_dir`` against its gold files.

    Without ``pred_dir`` each article is read (from ``texts_dir``, default ``gold_dir``) and
    analysed here, all in one process; with it, ``pred_dir/NAME.json`` holds a ready analysis.
    ``keep_dir`` receives each analysis made here as ``NAME.json`` (to score again with
    ``pred_dir``). ``only``: score only the articles whose name contains it.

    An article that cannot be read or analysed scores as an empty analysis and its error is in
    ``problems``; so are gold files that cannot be scored, which are left out. Raises ``NoGold``
    when the folder has no gold file.
    """
    gold_dir = Path(gold_dir)
    texts = Path(texts_dir) if texts_dir else gold_dir
    golds, bad = load_gold_set(gold_dir)
    golds = [g for g in golds if not only or only in g.stem]
    problems: list[CounterclaimError] = list(bad)
    results = read_predictions(golds, Path(pred_dir)) if pred_dir is not None else analyse(golds, texts)
    predictions: dict[str, Item] = {}
    for stem, result in results.items():
        if isinstance(result, CounterclaimError):
            problems.append(result)
        else:
            predictions[stem] = result
    if keep_dir is not None and pred_dir is None:
        keep = Path(keep_dir)
        keep.mkdir(parents=True, exist_ok=True)
        for stem, pred in predictions.items():
            text = json.dumps(pred, ensure_ascii=False, indent=1)
            (keep / f"{stem}.json").write_text(text, encoding="utf-8")
    return Evaluation(gold_dir, texts, golds, predictions, problems, score(golds, predictions))


# --- articles --------------------------------------------------------------------------------------


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The ``KEY: value`` header lines (URL, DATE, OUTLET) at the start of ``text``, and the rest."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].split(":", 1)[0] in HEADER_KEYS and ":" in lines[i]:
        key, value = lines[i].split(":", 1)
        meta[key] = value.strip()
        i += 1
    return meta, "\n".join(lines[i:])


def article_for(gold: Gold, texts_dir: Path) -> Article:
    """The article a gold file names, with its metadata; raises ``MissingArticle`` when the file
    is not there and the reader's ``InputError`` when it cannot be read."""
    path = texts_dir / gold.article_file
    if not path.is_file():
        raise MissingArticle(
            f"the article text is missing (named by {gold.path.name}); scored as an empty analysis",
            source=str(path),
        )
    items = list(read_path(path))
    if len(items) != 1:
        why = f"'file' must name a file of one article; {path.name} holds {len(items)}"
        raise GoldError(why, source=str(gold.path))
    item = items[0]
    if isinstance(item, CounterclaimError):
        raise item
    meta, body = split_header(item.text)
    published = meta.get("DATE") or item.published or gold.data.get("published")
    fields = {
        "title": item.title,
        "text": body,
        "url": meta.get("URL") or item.url or gold.data.get("url"),
        "outlet": meta.get("OUTLET") or item.outlet or gold.data.get("outlet"),
        "published": published if gold.data.get("published_given", True) is not False else None,
    }
    return article_from_object(fields, source=str(path))


def articles(golds: list[Gold], texts_dir: Path) -> Iterator[tuple[Gold, Article | CounterclaimError]]:
    """Each gold file with its article, or the error reading it raised."""
    for gold in golds:
        try:
            yield gold, article_for(gold, texts_dir)
        except CounterclaimError as exc:
            yield gold, exc


# --- analyses ----------------------------------------------------------------------------------------


def analyse(golds: list[Gold], texts_dir: Path) -> dict[str, Item | CounterclaimError]:
    """Analyse every article in one process (the pipeline loads once; ``analyze_many`` batches
    the parses): each stem's analysis as JSON, or the error its article met."""
    from ..pipeline import analyze_many  # noqa: PLC0415 (loads spaCy)

    out: dict[str, Item | CounterclaimError] = {}
    pending: list[tuple[Gold, Article]] = []
    for gold, item in articles(golds, texts_dir):
        if isinstance(item, CounterclaimError):
            out[gold.stem] = item
        else:
            pending.append((gold, item))
    results = analyze_many(a for _, a in pending)
    for (gold, art), result in zip(pending, results, strict=True):
        out[gold.stem] = as_json(result, art.source)
    return {g.stem: out[g.stem] for g in golds if g.stem in out}


def as_json(result: Analysis | Exception, source: str | None) -> Item | CounterclaimError:
    """An analysis as the JSON object ``analyze --format json`` prints, or its error (numbered)."""
    if isinstance(result, CounterclaimError):
        return result
    if isinstance(result, Exception):
        return PipelineError(f"the analysis failed ({type(result).__name__}: {result})", source=source)
    return json.loads(result.to_json())


def read_predictions(golds: list[Gold], pred_dir: Path) -> dict[str, Item | CounterclaimError]:
    """``pred_dir/NAME.json`` for each gold file: a ready analysis, or the error reading it."""
    out: dict[str, Item | CounterclaimError] = {}
    for gold in golds:
        path = pred_dir / f"{gold.stem}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            out[gold.stem] = MissingArticle("no analysis for this article; scored as empty", source=str(path))
            continue
        except (OSError, ValueError) as exc:
            out[gold.stem] = MissingArticle(f"unreadable analysis ({exc}); scored as empty", source=str(path))
            continue
        out[gold.stem] = (
            data
            if isinstance(data, dict)
            else MissingArticle("the analysis is not a JSON object; scored as empty", source=str(path))
        )
    return out
