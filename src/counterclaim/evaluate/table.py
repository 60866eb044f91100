"""The scores as the table ``counterclaim evaluate`` prints (the layout of shared/eval/score.py's,
so the two can be compared line by line)."""

from __future__ import annotations

from .scoring import Scores

NAME_WIDTH = 16
NUMBER_WIDTH = 7


def format_table(scores: Scores) -> str:
    """One row per part (precision, recall, F1, and the counts behind them), one per accuracy
    (right/asked), then the overall F1 (mean F1 of quotes, figures, events, framing, dates)."""
    w = NUMBER_WIDTH
    rows = [f"{'part':<{NAME_WIDTH}}{'P':>{w}}{'R':>{w}}{'F1':>{w}}   tp/fp/fn"]
    for name, c in scores.parts.items():
        rows.append(
            f"{name:<{NAME_WIDTH}}{c.precision:{w}.2f}{c.recall:{w}.2f}{c.f1:{w}.2f}   {c.tp}/{c.fp}/{c.fn}"
        )
    for name, t in scores.accuracies.items():
        rows.append(f"{name:<{NAME_WIDTH}}{'':>{2 * w}}{t.accuracy:{w}.2f}   {t.right}/{t.of}")
    rows.append(f"overall F1 = {scores.overall_f1:.3f}")
    return "\n".join(rows)
