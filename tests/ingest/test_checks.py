"""check_article: emptiness, size, binary text, language, and the legacy-encoding warning."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counterclaim.errors import BinaryInput, EmptyInput, InputTooLarge, UnsupportedLanguage
from counterclaim.ingest import check_article, checks, set_max_bytes
from counterclaim.records import Article


@pytest.fixture(autouse=True)
def _reset_limit() -> Iterator[None]:
    yield
    set_max_bytes(None)


def _art(text: str, title: str = "", **kw: str | None) -> Article:
    a = Article.make(text, title=title, source="test")
    for k, v in kw.items():
        setattr(a, k, v)
    return a


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 12 people were killed when shells hit the market on Tuesday.",
        "The defence ministry denied the report and accused the rebels of staging the attack.",
    ],
)
def test_english_passes_and_is_labelled(text: str) -> None:
    a = _art(text)
    assert check_article(a) == []
    assert a.language == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Les autorités ont annoncé mardi que douze civils avaient été tués lors de bombardements "
            "nocturnes dans la vallée, et le ministère a accusé l'autre camp.",
            "fr",
        ),
        (
            "Die Behörden teilten am Dienstag mit, dass bei nächtlichen Angriffen zwölf Zivilisten "
            "getötet wurden, und das Ministerium beschuldigte die Gegenseite.",
            "de",
        ),
        (
            "Las autoridades informaron el martes que doce civiles murieron en los bombardeos "
            "nocturnos en el valle, y el ministerio acusó al otro bando.",
            "es",
        ),
    ],
)
def test_non_english_is_refused(text: str, lang: str) -> None:
    with pytest.raises(UnsupportedLanguage) as err:
        check_article(_art(text))
    assert f"'{lang}'" in str(err.value) and "English only" in str(err.value)
    assert err.value.code == "E017"


@pytest.mark.parametrize("text", ["Kyiv", "Hajiyev slammed Pashinian.", "12 killed"])
def test_short_text_is_not_refused_for_its_language(text: str) -> None:
    """Too little text for a verdict: analyse it rather than refuse it."""
    check_article(_art(text))


@pytest.mark.parametrize("text", ["", "   \n\n\t"])
def test_empty_text(text: str) -> None:
    with pytest.raises(EmptyInput):
        check_article(_art(text))


def test_size_limit_applies_to_the_text() -> None:
    text = "Officials said the talks would continue. " * 100
    check_article(_art(text))
    set_max_bytes(1000)
    with pytest.raises(InputTooLarge) as err:
        check_article(_art(text))
    assert "1000 bytes limit" in str(err.value)


def test_size_limit_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_MAX_BYTES", "2048")
    assert checks.max_bytes() == 2048
    set_max_bytes(4096)
    assert checks.max_bytes() == 4096  # an explicit setting wins over the environment


@pytest.mark.parametrize("text", ["The army said\x00\x00 it had won.", "ab\x01\x02\x03\x04cd" * 20])
def test_control_characters_mean_binary(text: str) -> None:
    with pytest.raises(BinaryInput):
        check_article(_art(text))


def test_legacy_encoding_becomes_a_warning() -> None:
    a = _art(
        "Officials said 12 people were killed when shells hit the caf\u00e9 on Tuesday.", encoding="cp1252"
    )
    warnings = check_article(a)
    assert any("not UTF-8" in w and "cp1252" in w for w in warnings)


@pytest.mark.parametrize(("n", "shown"), [(512, "512 bytes"), (5 * 1024 * 1024, "5.0 MB"), (1536, "1.5 KB")])
def test_human_size(n: int, shown: str) -> None:
    assert checks.human_size(n) == shown


def test_control_class_is_unicode_categories_cc_cs_co() -> None:
    # the compiled class stands for a per-character category look-up: the same code points
    import sys
    import unicodedata

    wanted = {
        cp
        for cp in range(sys.maxunicode + 1)
        if chr(cp) not in "\t\n\r\f" and unicodedata.category(chr(cp)) in ("Cc", "Cs", "Co")
    }
    found = {cp for cp in range(sys.maxunicode + 1) if checks.CONTROL_CHARS.match(chr(cp))}
    assert found == wanted


@pytest.mark.parametrize(
    ("text", "share"),
    [("", 0.0), ("plain text\n\tand tabs\r\f", 0.0), ("ab\x01\x02", 0.5), ("a\ue000b\U0010fffd", 0.5)],
)
def test_control_share(text: str, share: float) -> None:
    assert checks.control_share(text) == share


@pytest.mark.parametrize(
    ("text", "enough", "n"),
    [("", 40, 0), ("12 killed", 40, 6), ("Ünïcödé — 123", 40, 7), ("abcdef", 3, 3), ("ab cd", 4, 4)],
)
def test_letters_counted_up_to_enough(text: str, enough: int, n: int) -> None:
    assert checks._letters(text, enough) == n
    assert n == min(enough, sum(c.isalpha() for c in text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("plain", False),
        ("Pu\u200btin", True),
        ("é\u202eà", True),
        ("é à ü", False),
        ("soft\u00adhyphen", True),
    ],
)
def test_has_invisible(text: str, found: bool) -> None:
    from counterclaim.ingest.normalise import INVISIBLE, has_invisible

    assert has_invisible(text) is found is any(c in INVISIBLE for c in text)
