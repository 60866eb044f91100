"""Measure counterclaim on your own articles: score analyses against hand-made gold files.

    >>> from counterclaim.evaluate import evaluate, format_table
    >>> ev = evaluate("my-gold/")            # analyses my-gold/NAME.txt, scores NAME.gold.json
    >>> print(format_table(ev.scores)); ev.scores.value("quotes"); ev.problems

The gold format and how to read the table: docs/annotating.md. Modules: ``gold`` (reading and
checking gold files), ``words`` (normalised and hashed words, name matching), ``match`` (when a
record counts as a gold item, part by part, and the one-to-one matching), ``scoring`` (the
counts and accuracies), ``run`` (articles, analyses, ``evaluate``), ``table`` and ``show``
(what is printed).
"""

from __future__ import annotations

from .gold import Gold, gold_digest, load_gold, load_gold_set
from .match import PARTS, pair_up
from .run import Evaluation, article_for, evaluate, read_predictions
from .scoring import ACCURACIES, HEADLINE, Scores, score
from .show import SHOWABLE, differences, format_differences
from .table import format_table

__all__ = [
    "ACCURACIES",
    "HEADLINE",
    "PARTS",
    "SHOWABLE",
    "Evaluation",
    "Gold",
    "Scores",
    "article_for",
    "differences",
    "evaluate",
    "format_differences",
    "format_table",
    "gold_digest",
    "load_gold",
    "load_gold_set",
    "pair_up",
    "read_predictions",
    "score",
]
