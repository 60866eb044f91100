"""The command line, in process through click's CliRunner (the pipeline loads once per session)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from counterclaim.cli import cli
from counterclaim.ingest import set_max_bytes

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ingest"
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed-pashinian-call-to-arms.txt"


@pytest.fixture(autouse=True)
def _reset_limit():  # type: ignore[no-untyped-def]
    yield
    set_max_bytes(None)


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def _lines_starting(out: str, prefix: str) -> int:
    return sum(1 for ln in out.split("\n") if ln.startswith(prefix))


@pytest.mark.usefixtures("nlp")
def test_analyze_one_txt_prints_the_json() -> None:
    r = run("analyze", SEED, "--format", "json", "--outlet", "Daily Sabah")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["article"]["title"].startswith("Azerbaijan slams Pashinian")
    assert d["article"]["outlet"] == "Daily Sabah"
    assert d["article"]["language"] == "en"
    assert r.stdout.startswith("{\n")  # one article: indented JSON


@pytest.mark.usefixtures("nlp")
def test_analyze_several_prints_json_lines_in_input_order() -> None:
    r = run("analyze", DATA / "article.json", SEED, DATA / "page.html")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.strip().split("\n")
    titles = [json.loads(ln)["article"]["title"] for ln in lines]
    assert titles[0] == "Ministry says convoy reached the besieged town"
    assert titles[1].startswith("Azerbaijan slams")
    assert titles[2] == "Talks resume over the border crossing"


@pytest.mark.usefixtures("nlp")
def test_analyze_jsonl_with_bad_lines() -> None:
    r = run("analyze", DATA / "mixed.jsonl")
    assert r.exit_code == 2
    titles = [json.loads(ln)["article"]["title"] for ln in r.stdout.strip().split("\n")]
    assert titles == ["First brief", "Last brief"]
    assert "[E015]" in r.stderr and "mixed.jsonl:2" in r.stderr
    assert "[E016]" in r.stderr and "mixed.jsonl:3" in r.stderr


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.txt", "E011"),
        ("picture.txt", "E012"),
        ("no-article.html", "E014"),
        ("malformed.json", "E015"),
        ("french.txt", "E017"),
        ("missing.txt", "E019"),
    ],
)
@pytest.mark.usefixtures("nlp")
def test_analyze_bad_input_exits_nonzero_with_the_error(name: str, code: str) -> None:
    r = run("analyze", DATA / name)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert f"[{code}]" in r.stderr and name in r.stderr


@pytest.mark.usefixtures("nlp")
def test_analyze_too_large_with_max_size() -> None:
    r = run("analyze", SEED, "--max-size", "1KB")
    assert r.exit_code == 2 and "[E013]" in r.stderr and "1.0 KB limit" in r.stderr


@pytest.mark.usefixtures("nlp")
def test_analyze_legacy_encoding_warns() -> None:
    r = run("analyze", DATA / "legacy-cp1252.txt")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert any("cp1252" in w for w in d["warnings"])
    assert "warning" in r.stderr and "cp1252" in r.stderr
    assert "Renée Marchetti" in d["article"]["text"]


@pytest.mark.usefixtures("nlp")
def test_analyze_stdin_and_overrides() -> None:
    r = run(
        "analyze",
        "-",
        "--published",
        "2024-05-07",
        "--url",
        "https://x.example/a",
        input="Border talks\n\nThe interior minister said the crossing would reopen on Friday.\n",
    )
    assert r.exit_code == 0, r.stderr
    art = json.loads(r.stdout)["article"]
    assert (art["title"], art["published"], art["published_source"], art["url"]) == (
        "Border talks",
        "2024-05-07",
        "metadata",
        "https://x.example/a",
    )


def test_analyze_bad_published_date_is_a_usage_error() -> None:
    r = run("analyze", SEED, "--published", "last Tuesday")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr


@pytest.mark.usefixtures("nlp")
def test_analyze_text_report() -> None:
    r = run("analyze", SEED, "--format", "text")
    assert r.exit_code == 0
    out = r.stdout
    assert out.startswith("Azerbaijan slams Pashinian's call to arms")
    for heading in (
        "Entities (",
        "Quotes (",
        "Figures (",
        "Inconsistencies (",
        "Events (",
        "Framing (",
        "Dates (",
        "Slant",
    ):
        assert f"\n{heading}" in out, heading
    assert "published: 2020-10-21 (inferred" in out  # the seed gives no date: it is worked out


@pytest.mark.usefixtures("nlp")
def test_ingest_show_list_and_reingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(DATA / "article.json", folder / "article.json")
    shutil.copy(DATA / "empty.txt", folder / "empty.txt")
    db = tmp_path / "cc.db"

    r = run("ingest", folder, "--db", db)
    assert r.exit_code == 2  # one item skipped
    assert _lines_starting(r.stdout, "stored ") == 2 and "[E011]" in r.stderr and "empty.txt" in r.stderr
    assert "2 stored" in r.stdout and "1 skipped" in r.stdout

    again = run("ingest", folder / "seed.txt", folder / "article.json", "--db", db)
    assert again.exit_code == 0
    assert _lines_starting(again.stdout, "unchanged ") == 2 and "0 stored" in again.stdout

    listing = run("list", "--db", db)
    ids = [ln.split()[0] for ln in listing.stdout.strip().split("\n")[1:]]
    assert len(ids) == 2

    shown = run("show", ids[0][:8], "--db", db)  # a unique prefix is enough
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["article"]["id"] == ids[0]

    missing = run("show", "a_nothere", "--db", db)
    assert missing.exit_code == 4 and "[E041]" in missing.stderr


def test_show_without_a_store(tmp_path: Path) -> None:
    r = run("show", "a_x", "--db", tmp_path / "none.db")
    assert r.exit_code == 4 and "[E041]" in r.stderr
    assert not (tmp_path / "none.db").exists()  # show never creates a store


@pytest.mark.usefixtures("nlp")
def test_a_crashing_extractor_fails_only_its_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    pipeline = importlib.import_module("counterclaim.pipeline")  # the module, not the function

    real_run = pipeline._run

    def run_or_crash(article, doc, warnings):  # type: ignore[no-untyped-def]
        if article.title == "Boom":
            raise ValueError("extractor bug (simulated)")
        return real_run(article, doc, warnings)

    monkeypatch.setattr(pipeline, "_run", run_or_crash)
    f = tmp_path / "three.jsonl"
    rows = [
        ("Fine one", "The army said it held the bridge."),
        ("Boom", "The army said it lost the bridge."),
        ("Fine two", "The mayor said the market reopened."),
    ]
    f.write_text("\n".join(json.dumps({"title": t, "text": x}) for t, x in rows) + "\n", encoding="utf-8")
    r = run("analyze", f)
    assert r.exit_code == 3
    assert [json.loads(ln)["article"]["title"] for ln in r.stdout.strip().split("\n")] == [
        "Fine one",
        "Fine two",
    ]
    assert "[E030]" in r.stderr and "three.jsonl:2" in r.stderr and "simulated" in r.stderr


@pytest.mark.parametrize(
    ("url", "fetch", "message"),
    [
        ("https://news.example/feed.xml", False, "pass --fetch"),  # fetching is opt-in
        ("file:///etc/passwd", True, "only http and https"),  # never file://
        ("http://127.0.0.1:9/feed", True, "non-public address"),  # never loopback or private
    ],
)
def test_ingest_feed_urls_are_opt_in_and_checked(tmp_path: Path, url: str, fetch: bool, message: str) -> None:
    db = tmp_path / "cc.db"
    res = run("ingest", url, "--db", str(db), *(["--fetch"] if fetch else []))
    assert res.exit_code == 2
    assert url in res.output and message in res.output
    assert "0 stored" in res.output


FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local wire</title>
<item><title>Border talks resume</title><link>http://wire.example/1</link>
<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>The interior minister said on Monday that the crossing would reopen within a month,
and that both delegations had agreed to meet again in Vienna.</description></item>
</channel></rss>"""


@pytest.fixture()
def local_feed() -> Iterator[str]:
    """A feed served on 127.0.0.1 for the length of one test."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_local_feed_needs_allow_private(tmp_path: Path, local_feed: str) -> None:
    db = tmp_path / "cc.db"
    refused = run("ingest", local_feed, "--db", str(db), "--fetch")
    assert refused.exit_code == 2 and "non-public address" in refused.output
    stored = run("ingest", local_feed, "--db", str(db), "--fetch", "--allow-private")
    assert stored.exit_code == 0, stored.output
    assert "1 stored" in stored.output and "Border talks resume" in stored.output
