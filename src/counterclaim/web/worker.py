"""The web app's analyses run in a worker process that the app kills when they must stop.

    job = Job(text=..., title=...)                      # or Job(data=b"...", filename="a.html")
    analysis = analyze(job, gone=client_gone(request))  # raises the worker's CounterclaimError

A thread cannot be stopped from outside, and one pasted article can hold a core for minutes (a
parse, an extractor, a regular expression deep in C). So the app never analyses in its own
process: one worker process (started on the first analysis, a fresh interpreter that shares
nothing with the server's threads) loads the pipeline once and analyses one job at a time. The app waits for
the answer and polls, every ``POLL_SECONDS``, whether

- the client has gone (the browser tab was closed, the request cancelled): the worker is killed;
- the time budget (``COUNTERCLAIM_MAX_SECONDS``) plus ``GRACE_SECONDS`` has passed: the budget
  inside the worker normally stops the analysis first (``BudgetExceeded``); if it could not (code
  stuck in C), the worker is killed and the request fails with ``BudgetExceeded`` all the same.

A killed or crashed worker is replaced on the next job. Requests wait their turn (the model is
loaded once, and the machine has few cores); a waiting request whose client leaves gives up its
turn.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..budget import Budget, default_budget
from ..errors import BudgetExceeded, CounterclaimError, InputError, InternalError, PipelineError
from ..records import Analysis

POLL_SECONDS = 0.2
GRACE_SECONDS = 10.0  # after the budget, before the worker is killed (its own budget fires first)
START_SECONDS = 300.0  # the worker's start (imports and the model) may take this long at most

UPLOAD_KINDS = {"htm": "html", "html": "html", "json": "json", "jsonl": "jsonl", "txt": "txt"}


@dataclass(slots=True)
class Job:
    """One article to analyse, as the analyze form gave it: pasted text, or an uploaded file."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""
    data: bytes | None = None  # an uploaded file's bytes
    filename: str | None = None


class ClientGone(InputError):
    """The client closed the connection; the analysis was stopped (nobody reads this answer)."""


# --- in the worker process ------------------------------------------------------------------------


def build_article(job: Job) -> Any:
    """The ``Article`` of a job: the upload read as its suffix says, or the pasted text; the form's
    title, outlet and date win. Raises the readers' ``InputError``s."""
    from pathlib import Path  # noqa: PLC0415

    from ..ingest import parse_bytes  # noqa: PLC0415
    from ..ingest.checks import valid_date  # noqa: PLC0415
    from ..records import Article  # noqa: PLC0415

    published = None
    if job.published:
        published = valid_date(job.published, what="the publication date", source="web")
    if job.data is not None:
        name = job.filename or "upload"
        kind = UPLOAD_KINDS.get(Path(name).suffix.lower().lstrip("."))
        items = list(parse_bytes(job.data, source=name, kind=kind))
        art = next((x for x in items if isinstance(x, Article)), None)
        if art is None:
            err = next((x for x in items if isinstance(x, CounterclaimError)), None)
            raise err or InputError("no article in the upload", source=name)
        if job.title or job.outlet or published:
            art = Article.make(
                art.text,
                title=job.title or art.title,
                url=art.url,
                outlet=job.outlet or art.outlet,
                published=published or art.published,
                source=name,
            )
        return art
    return Article.make(
        job.text, title=job.title, outlet=job.outlet or None, published=published, source="web"
    )


def _serve(jobs: Any, answers: Any) -> None:
    """The worker's loop: load the pipeline, say so, then answer jobs until the app's end of the
    pipe closes (the app stopped or died: the worker ends too)."""
    from .. import nlp  # noqa: PLC0415
    from ..pipeline import analyze_article  # noqa: PLC0415

    nlp.get()
    answers.send(("ready",))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            answers.send(("ok", analyze_article(build_article(job)).to_json()))
        except CounterclaimError as exc:
            answers.send(("error", exc.code, exc.message, exc.source))
        except Exception as exc:  # noqa: BLE001 - a bug: reported to the app, the worker goes on
            answers.send(("error", InternalError.code, f"internal error: {type(exc).__name__}: {exc}", None))


def main(argv: list[str] | None = None) -> None:
    """``python -m counterclaim.web.worker JOBS_FD ANSWERS_FD``: the worker process."""
    from multiprocessing.connection import Connection  # noqa: PLC0415

    jobs_fd, answers_fd = (int(a) for a in (argv or sys.argv[1:3]))
    _serve(Connection(jobs_fd, writable=False), Connection(answers_fd, readable=False))


# --- in the app ------------------------------------------------------------------------------------


def _error_class(code: str) -> type[CounterclaimError]:
    """The ``CounterclaimError`` subclass with this code (the base class if none)."""
    todo: list[type[CounterclaimError]] = [CounterclaimError]
    while todo:
        cls = todo.pop()
        if cls.code == code:
            return cls
        todo.extend(cls.__subclasses__())
    return CounterclaimError


class Worker:
    """One analysis process, started when first needed and killed when a job must stop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Any = None

    def analyze(
        self, job: Job, *, gone: Callable[[], bool] = lambda: False, budget: Budget | None = None
    ) -> Analysis:
        """Analyse ``job`` in the worker; raises the worker's ``CounterclaimError``,
        ``BudgetExceeded`` when it had to be killed for time, ``ClientGone`` when ``gone()``."""
        budget = budget or default_budget()
        if job.published:  # a date that cannot be is refused here, before any process is involved
            from ..ingest.checks import valid_date  # noqa: PLC0415

            valid_date(job.published, what="the publication date", source="web")
        while not self._lock.acquire(timeout=POLL_SECONDS):  # wait for our turn
            if gone():
                raise ClientGone("the client left while waiting: nothing was analysed", source="web")
        try:
            self._start(gone)
            self._conn.send(job)
            limit = budget.max_seconds
            hard = None if limit is None else time.monotonic() + limit + GRACE_SECONDS
            while not self._conn.poll(POLL_SECONDS):
                if gone():
                    self.stop()
                    raise ClientGone("the client left: the analysis was stopped", source="web")
                if hard is not None and time.monotonic() > hard:
                    self.stop()
                    raise BudgetExceeded(
                        f"the analysis took over the {limit:g} s budget and was stopped "
                        "(set COUNTERCLAIM_MAX_SECONDS)",
                        source="web",
                    )
                if not self._alive():
                    code = self._proc.returncode
                    self.stop()
                    raise PipelineError(f"the analysis process died (exit code {code})", source="web")
            reply = self._conn.recv()
        except (EOFError, OSError) as exc:  # the pipe broke: the worker died under us
            self.stop()
            raise PipelineError(f"the analysis process died ({type(exc).__name__})", source="web") from exc
        finally:
            self._lock.release()
        if reply[0] == "ok":
            return Analysis.from_json(reply[1])
        _, code, message, source = reply
        raise _error_class(code)(message, source=source)

    def _start(self, gone: Callable[[], bool]) -> None:
        """Start the worker if none is running, and wait until its pipeline is loaded. It is a
        fresh interpreter (``python -m counterclaim.web.worker``) talking over two pipes: it
        shares no thread, lock or ``__main__`` with the server."""
        if self._alive():
            return
        self.stop()
        jobs_r, jobs_w = os.pipe()
        answers_r, answers_w = os.pipe()
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "counterclaim.web.worker", str(jobs_r), str(answers_w)],
                pass_fds=(jobs_r, answers_w),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(jobs_r)
            os.close(answers_w)
        self._proc = proc
        self._conn = _Duplex(Connection(jobs_w, readable=False), Connection(answers_r, writable=False))
        deadline = time.monotonic() + START_SECONDS
        while not self._conn.poll(POLL_SECONDS):
            if gone():
                self.stop()
                raise ClientGone("the client left while the analysis process started", source="web")
            if not self._alive() or time.monotonic() > deadline:
                self.stop()
                raise PipelineError("the analysis process could not start", source="web")
        if self._conn.recv() != ("ready",):  # pragma: no cover - the worker only ever says ready first
            self.stop()
            raise PipelineError("the analysis process did not start properly", source="web")

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def pid(self) -> int | None:
        """The worker's process id, None when none runs."""
        return self._proc.pid if self._alive() else None

    def stop(self) -> None:
        """Kill the worker (if any); the next job starts a new one."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)


class _Duplex:
    """The app's ends of the two pipes, used as one connection."""

    def __init__(self, out: Connection, back: Connection) -> None:
        self.out, self.back = out, back

    def send(self, obj: Any) -> None:
        self.out.send(obj)

    def poll(self, timeout: float) -> bool:
        return self.back.poll(timeout)

    def recv(self) -> Any:
        return self.back.recv()

    def close(self) -> None:
        self.out.close()
        self.back.close()


WORKER = Worker()  # one per server process, shared by its apps
atexit.register(WORKER.stop)


def analyze(job: Job, *, gone: Callable[[], bool] = lambda: False) -> Analysis:
    """Analyse ``job`` in the shared worker process (see ``Worker.analyze``)."""
    return WORKER.analyze(job, gone=gone)


def client_gone(request: Any) -> Callable[[], bool]:
    """A check, callable from the endpoint's worker thread, of whether the request's client has
    disconnected (asks the event loop; False when it cannot be asked)."""
    import anyio.from_thread  # noqa: PLC0415

    def gone() -> bool:
        try:
            return bool(anyio.from_thread.run(request.is_disconnected))
        except RuntimeError:  # not called from a thread of the server's event loop
            return False

    return gone


__all__ = [
    "GRACE_SECONDS",
    "WORKER",
    "ClientGone",
    "Job",
    "Worker",
    "analyze",
    "build_article",
    "client_gone",
]


if __name__ == "__main__":
    main()
