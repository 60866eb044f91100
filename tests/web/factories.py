"""Hand-built analyses for the web tests that need no NLP pipeline."""

from __future__ import annotations

from counterclaim.records import Analysis, Article, Figure, Framing, Party, Quote


def figure_analysis(
    *,
    title: str,
    outlet: str,
    published: str,
    figures: list[tuple[float, str, str, str | None]],
) -> Analysis:
    """An article with one sentence per figure: (value, category, claimant, as_of)."""
    lines = [f"{claimant} said {value:g} people were {category}." for value, category, claimant, _ in figures]
    text = "\n".join(lines) + "\n"
    art = Article.make(text, title=title, outlet=outlet, published=published)
    figs = []
    pos = 0
    for line, (value, category, claimant, as_of) in zip(lines, figures, strict=True):
        start = pos + line.index(f"{value:g}")
        figs.append(
            Figure(
                value=value,
                category=category,  # type: ignore[arg-type]
                subject="people",
                claimant=Party(claimant),
                span=(start, start + len(f"{value:g}")),
                as_of=as_of,
                reason="test",
            )
        )
        pos += len(line) + 1
    return Analysis(article=art, figures=figs)


def quoted_analysis() -> Analysis:
    """'<b>' inside a quote, a figure inside that quote, framing overlapping both."""
    text = 'Rena Holt said "<b>7 were killed</b> by a brutal raid" on Friday.\n'
    art = Article.make(text, title="T", outlet="O", published="2030-01-01")
    q0 = text.index('"')
    q1 = text.rindex('"') + 1
    f0 = text.index("7")
    r0 = text.index("brutal")
    return Analysis(
        article=art,
        quotes=[Quote(speaker=Party("Rena Holt"), text=text[q0 + 1 : q1 - 1], kind="direct", span=(q0, q1))],
        figures=[
            Figure(
                value=7, category="killed", subject="people", claimant=Party("Rena Holt"), span=(f0, f0 + 1)
            )
        ],
        framing=[
            Framing(text="brutal raid", technique="loaded_language", voice="source", span=(r0, r0 + 11))
        ],
    )
