"""Opening input files safely: regular files only, and never more bytes read than allowed.

    with open_regular(path) as f:        # raises NotRegularFile for a FIFO, device or socket
        ...
    data = read_capped(path, limit)      # raises InputTooLarge once more than ``limit`` bytes came

A size check on ``st_size`` is not a bound: ``/dev/zero`` and ``/proc`` files report 0 and never
end, a FIFO blocks in ``open`` until a writer comes, and a file may grow between ``stat`` and
``read``. So a path is ``stat``-ed first (no open), then opened non-blocking (a FIFO that slipped in
since cannot block), checked again on the open descriptor, and read at most ``limit + 1`` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputNotFound, InputTooLarge, NotRegularFile
from . import checks

LINE_CHUNK = 1 << 20  # bytes read at a time while skipping the rest of an over-long line


def kind_of(mode: int) -> str:
    """What a non-regular file is, for messages: 'a FIFO', 'a character device' ..."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_regular(path: str | Path, *, source: str | None = None) -> os.stat_result:
    """The path's ``stat`` (following links) when it is a regular file; raises ``InputNotFound``
    when it does not exist and ``NotRegularFile`` for anything else. Opens nothing."""
    where = source or str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputNotFound("a symbolic link to a file that does not exist", source=where) from None
        raise InputNotFound("no such file", source=where) from None
    except OSError as exc:
        raise InputNotFound(f"cannot read it: {exc.strerror or exc}", source=where) from exc
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(f"{kind_of(st.st_mode)}, not a regular file: not read", source=where)
    return st


def open_regular(path: str | Path, *, source: str | None = None) -> BinaryIO:
    """Open a regular file for binary reading; anything else is refused before it can block."""
    where = source or str(path)
    check_regular(path, source=where)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO swapped in since the check
            raise NotRegularFile("not a regular file (a socket or pipe): not read", source=where) from exc
        raise InputNotFound(f"cannot read it: {exc.strerror or exc}", source=where) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between the check and the open
            raise NotRegularFile(f"{kind_of(st.st_mode)}, not a regular file: not read", source=where)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: str | Path, limit: int, *, source: str | None = None, what: str = "the file") -> bytes:
    """The bytes of a regular file, refused with ``InputTooLarge`` as soon as more than ``limit``
    bytes have been read (whatever ``st_size`` said)."""
    where = source or str(path)
    with open_regular(path, source=where) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(
            f"{what} is over the {checks.human_size(limit)} limit "
            "(raise it with --max-size or COUNTERCLAIM_MAX_BYTES)",
            source=where,
        )
    return data


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a binary stream, at most ``limit`` bytes held at a
    time: a longer line comes out as (number, None) after the rest of it is skipped unread into
    memory. Works on decompressing streams too, so a gzip bomb's one huge line costs ``limit``."""
    n = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        n += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            del raw
            while True:  # skip the rest of the over-long line
                rest = stream.readline(LINE_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, raw


__all__ = ["bounded_lines", "check_regular", "kind_of", "open_regular", "read_capped"]
