"""A small store for the web tests: four short articles written for these tests, and one carrying
XSS payloads in its title, text, outlet, URL and quotes."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.records import Analysis

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_LINK = "javascript:window.__xss=1"

ARTICLES: list[dict[str, str]] = [
    {
        "title": "Shelling hits Varosh market",
        "outlet": "Northern Herald",
        "published": "2031-03-02",
        "url": "https://herald.example/varosh-market",
        "text": (
            "VAROSH, March 2 - Artillery fire struck the central market of Varosh on Sunday.\n\n"
            "The regional health ministry said 14 civilians were killed and 30 wounded in the attack.\n\n"
            '"This was a deliberate strike on a crowded market," said Mayor Elena Dorn.\n\n'
            "The Kestrian defence ministry denied targeting civilians and said its forces "
            "hit only military positions.\n"
        ),
    },
    {
        "title": "Toll rises after Varosh market attack",
        "outlet": "Capital Daily",
        "published": "2031-03-04",
        "url": "https://daily.example/varosh-toll",
        "text": (
            "The death toll from the attack on the Varosh market has risen to 21, "
            "the regional health ministry said on Tuesday.\n\n"
            "Kestrian officials said at least 5 people were killed, "
            "blaming a misfired air-defence missile.\n\n"
            '"We reject these accusations entirely," Kestrian spokesman Pavel Irin told reporters.\n'
        ),
    },
    {
        "title": "Thousands flee fighting near Lorn river",
        "outlet": "Northern Herald",
        "published": "2031-03-05",
        "url": "https://herald.example/lorn-displaced",
        "text": (
            "More than 4,000 people have fled villages along the Lorn river, "
            "the United Nations refugee agency said on Wednesday.\n\n"
            "Aid workers said the roads were crowded with families carrying what they could.\n"
        ),
    },
    {
        "title": "Ceasefire talks open in Geneva",
        "outlet": "Capital Daily",
        "published": "2031-03-06",
        "url": "https://daily.example/geneva-talks",
        "text": (
            "Delegations from both governments met in Geneva on Thursday for talks on a ceasefire.\n\n"
            '"We are ready to agree to a pause in the fighting," Foreign Minister Ana Kovac said.\n'
        ),
    },
    {
        "title": f"Breaking {XSS_SCRIPT} news {XSS_IMG}",
        "outlet": f"Evil{XSS_SCRIPT} Outlet",
        "published": "2031-03-07",
        "url": XSS_LINK,
        "text": (
            f"Officials said 12 people were killed {XSS_IMG} in the blast near the port.\n\n"
            f'"{XSS_SCRIPT} We will respond," said General Marco Vell. '
            f'<a href="{XSS_LINK}">click</a>\n'
        ),
    },
]


def analyse_all() -> list[Analysis]:
    """The analyses of ``ARTICLES``."""
    from counterclaim.pipeline import analyze

    return [
        analyze(a["text"], title=a["title"], outlet=a["outlet"], published=a["published"], url=a["url"])
        for a in ARTICLES
    ]


@pytest.fixture(scope="session")
def analyses(nlp: object) -> list[Analysis]:
    """The test articles, analysed once per session (``nlp`` loads the pipeline first)."""
    return analyse_all()


@pytest.fixture(scope="session")
def web_db(analyses: list[Analysis], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the test analyses."""
    from counterclaim.store import open_store

    path = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(path) as store:
        for a in analyses:
            store.upsert(a)
    return path


@pytest.fixture(scope="session")
def client(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A TestClient over a read-only app on the test store."""
    with warnings.catch_warnings():  # starlette's notice about httpx versions, at import
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from counterclaim.web.app import create_app

    index = tmp_path_factory.mktemp("webidx") / "index.sqlite"
    app = create_app(str(web_db), read_only=True, index_path=str(index))
    with TestClient(app) as c:
        yield c


CHROMIUM = Path("/usr/bin/chromium")  # Debian's; `make chromium` installs it
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def served(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free 127.0.0.1 port in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium through Playwright (for the modules that skip without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
