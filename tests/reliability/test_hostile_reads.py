"""Unbounded reads (issue 20, class 1). The size cap checked ``st_size`` and then read everything:
``analyze /dev/zero`` grew to 23.8 GB, a FIFO hung ``ingest`` forever (and was skipped silently
inside a folder), and ``batch`` on a 1 MB gzipped JSONL whose line inflates to 1 GB peaked at
15.9 GB and exited 0. Reads are now bounded by the bytes actually read (``ingest/files.py``)."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import psutil
import pytest

from counterclaim.errors import InputTooLarge, NotRegularFile
from counterclaim.ingest import read_path
from counterclaim.ingest.files import bounded_lines, open_regular, read_capped
from counterclaim.records import Article

from .hostile import GOOD, gzip_bomb


class _Counting(io.RawIOBase):
    """A stream of ``total`` bytes of one long line that records the largest read asked of it."""

    def __init__(self, total: int) -> None:
        self.left = total
        self.largest = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        n = min(len(b), self.left)
        self.largest = max(self.largest, n)
        b[:n] = b"x" * n
        self.left -= n
        return n


def test_bounded_lines_never_holds_more_than_the_limit() -> None:
    raw = _Counting(64 << 20)  # one 64 MB line
    stream = io.BufferedReader(raw, buffer_size=1 << 16)
    tracemalloc.start()
    out = list(bounded_lines(stream, 1 << 20))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert out == [(1, None)]
    assert peak < 8 << 20  # a few MB, not 64


def test_bounded_lines_reads_a_gzip_bomb_within_the_limit(tmp_path: Path) -> None:
    path = gzip_bomb(tmp_path / "bomb.jsonl.gz", 32 << 20)
    tracemalloc.start()
    with gzip.open(path, "rb") as f:
        lines = [(n, line is None) for n, line in bounded_lines(f, 1 << 20)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert lines == [(1, True), (2, False)] and peak < 8 << 20


def test_read_capped_counts_what_it_reads(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 1000)
    assert read_capped(p, 1000) == b"x" * 1000
    with pytest.raises(InputTooLarge):
        read_capped(p, 999)
    if Path("/proc/self/status").exists():  # st_size 0, yet it has content: read, not trusted
        assert b"Name:" in read_capped("/proc/self/status", 1 << 20)


@pytest.mark.parametrize("special", ["fifo", "device", "socket", "folder"])
def test_special_files_are_refused_before_they_are_opened(special: str, tmp_path: Path) -> None:
    import socket

    p = tmp_path / f"x.{special}.txt"
    if special == "fifo":
        os.mkfifo(p)
    elif special == "device":
        p = Path("/dev/null")
    elif special == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(p))
        s.close()
    else:
        p.mkdir()
    t0 = time.monotonic()
    with pytest.raises(NotRegularFile):
        open_regular(p)
    assert time.monotonic() - t0 < 5  # refused at once: a FIFO never blocks (hang guard)


def test_a_folder_lists_its_special_files_as_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere")
    items = list(read_path(tmp_path))
    kinds = sorted(type(i).__name__ for i in items)
    assert kinds == ["Article", "InputNotFound", "NotRegularFile", "NotRegularFile"], kinds
    assert {i.source for i in items if not isinstance(i, Article)} == {
        str(tmp_path / n) for n in ("pipe.txt", "zero.txt", "gone.txt")
    }


def test_a_warc_record_is_never_held_whole(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from counterclaim.ingest.warc import read_warc

    path = tmp_path / "big.warc.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        body = b"\x00" * (160 << 20)  # a 160 MB image: not an article, skipped by draining
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "http://x.example/a.png", "response", payload=io.BytesIO(body), http_headers=http
            )
        )
    tracemalloc.start()
    items = list(read_warc(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # bounded by warcio's read buffer (~60 MB whatever the record's size), not by the record: a
    # 200 MB record peaked at 414 MB when it was read whole
    assert items == [] and peak < 100 << 20


def _peak_mb(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, float]:
    """Run ``cmd``, sampling its resident memory; (exit status, output, peak MB)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    return proc.wait(), out, peak / 2**20


@pytest.mark.slow
def test_batch_on_a_gzip_bomb_stays_small_and_fails_the_line(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", 256 << 20)  # 256 KB of gzip, a 256 MB line
    code, out, peak = _peak_mb(
        [sys.executable, "-m", "counterclaim", "batch", str(bomb), "--out", str(tmp_path / "out"), "-q"],
        {**os.environ},
        tmp_path,
    )
    print(f"\nbatch on a 256 MB gzip line: exit {code}, peak {peak:.0f} MB")
    assert code == 2 and "E013" in out and "Traceback" not in out
    assert peak < 2048
