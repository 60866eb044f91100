"""Text that is not what it looks like (issue 20, class 8). Zero-width and direction marks around
names changed who a figure was credited to and turned a person into an ORG; escape sequences in a
title reached the user's terminal through ``list``, ``show`` and ``stories``.

The analysis now runs on the text without invisible characters (``ingest/normalise.py``) with
every span mapped back into the original; everything printed as text goes through
``report.terminal_safe``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.ingest.normalise import INVISIBLE, Cleaned
from counterclaim.records import Analysis, content_id
from counterclaim.report import json_for_terminal, terminal_safe
from counterclaim.store import open_store
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

CLEAN = (
    "The defence ministry said on Tuesday that Colonel Marta Quiroga confirmed 12 soldiers were killed "
    "when shells hit the base near Harrow. Rebel commander Dario Fenn said 40 fighters were wounded.\n"
)
MARKS = {
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte-order mark": "\ufeff",
    "right-to-left override": "\u202e",
    "left-to-right mark": "\u200e",
    "isolate": "\u2067",
}
# what must never reach a terminal: escapes (CSI, OSC, 8-bit CSI), C0/C1 controls, direction marks
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _dirty(mark: str) -> str:
    return (
        CLEAN.replace("Marta Quiroga", f"Mar{mark}ta Qui{mark}roga{mark}")
        .replace("Dario Fenn", f"{mark}Dario{mark} Fenn")
        .replace("defence", f"de{mark}fence")
    )


def _facts(a: Analysis) -> tuple[object, ...]:
    return (
        sorted((e.name, e.type) for e in a.entities),
        [(f.value, f.category, f.claimant.name) for f in a.figures],
        [(q.speaker.name, q.kind) for q in a.quotes],
    )


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("name", list(MARKS))
def test_invisible_marks_change_nothing_of_the_analysis(name: str) -> None:
    from counterclaim.pipeline import analyze

    dirty = _dirty(MARKS[name])
    clean = analyze(CLEAN, title="Shells hit base", published="2024-03-07")
    got = analyze(dirty, title=f"Shells {MARKS[name]}hit base", published="2024-03-07")
    assert _facts(got) == _facts(clean)
    assert ("Marta Quiroga", "PERSON") in _facts(got)[0]  # not split, not an ORG
    art = got.article
    assert art.text == dirty and art.id == content_id(art.title, art.text)  # stored as read
    assert any("invisible" in w for w in got.warnings)
    ref = {e.name: [CLEAN[s:t] for s, t in e.mentions] for e in clean.entities}
    for e in got.entities:  # every span points into the original text, at the same words
        seen = ["".join(c for c in dirty[s:t] if c not in INVISIBLE) for s, t in e.mentions]
        assert seen == ref[e.name], (e.name, seen)


def test_cleaned_maps_spans_back() -> None:
    original = "ab\u200bcd\u202eef"
    c = Cleaned.of(original)
    assert c.text == "abcdef" and c.changed
    assert c.span((0, 2)) == (0, 2)
    assert c.span((2, 4)) == (3, 5)  # 'cd'
    assert c.span((4, 6)) == (6, 8)  # 'ef'
    assert c.span((0, 6)) == (0, 8)
    assert c.span((3, 3)) == (4, 4)
    assert not Cleaned.of("plain").changed


ESCAPES = [
    "\x1b[31mRED\x1b[0m",
    "\x1b]0;pwned\x07",  # set the terminal's title
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
    "\x9b31m",  # 8-bit CSI
    "\x1b[2J\x1b[H",  # clear the screen
    "back\rspace",
    "bell\x07",
    "\u202ereversed\u202c",
    "zero\u200bwidth",
]


@pytest.mark.parametrize("payload", ESCAPES, ids=range(len(ESCAPES)))
def test_terminal_safe(payload: str) -> None:
    out = terminal_safe(f"Title {payload} end", newlines=False)
    assert not UNSAFE.search(out) and out.startswith("Title ") and out.endswith(" end")


def _store_with_escapes(tmp_path: Path) -> Path:
    db = tmp_path / "cc.db"
    with open_store(db) as s:
        for i, payload in enumerate(ESCAPES):
            a = make_analysis(title=f"Report {i} {payload}")
            a.article.outlet = f"Outlet {payload}"
            s.upsert(a)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "a_"],  # ambiguous prefix: the error path
        ["stories"],
        ["claims"],
        ["entities"],
        ["contradictions"],
    ],
)
def test_nothing_unsafe_reaches_the_terminal(args: list[str], tmp_path: Path) -> None:
    db = _store_with_escapes(tmp_path)
    r = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert not UNSAFE.search(r.output), repr(UNSAFE.findall(r.output)[:5])
    assert "Traceback" not in r.output


def test_show_text_report_is_safe(tmp_path: Path) -> None:
    db = _store_with_escapes(tmp_path)
    with open_store(db, read_only=True) as s:
        ids = s.article_ids()
    for aid in ids:
        r = CliRunner().invoke(cli, ["show", aid, "--db", str(db), "--format", "text"])
        assert r.exit_code == 0 and not UNSAFE.search(r.output.replace("\n", "")), aid


def test_show_json_keeps_the_data_exact_and_is_safe_on_a_terminal(tmp_path: Path) -> None:
    db = _store_with_escapes(tmp_path)
    with open_store(db, read_only=True) as s:
        aid = s.article_ids()[0]
        stored = s.get(aid)
    r = CliRunner().invoke(cli, ["show", aid, "--db", str(db), "--format", "json"])
    assert Analysis.from_json(r.output) == stored  # a pipe gets the exact data
    shown = json_for_terminal(stored.to_json(indent=2))
    assert not UNSAFE.search(shown.replace("\n", "")) and json.loads(shown) == json.loads(stored.to_json())


def test_file_names_in_messages_are_safe(tmp_path: Path) -> None:
    name = tmp_path / "\x1b]0;pwned\x07evil\x1b[31m.txt"
    name.write_text("")
    r = CliRunner().invoke(cli, ["analyze", str(name)])
    assert r.exit_code == 2 and "[E011]" in r.stderr and not UNSAFE.search(r.stderr.replace("\n", ""))
