"""The hostile corpus (``hostile.CASES``) through the command line: every case ends with its
numbered error, its documented exit status and no traceback. Cases that could block (FIFOs,
sockets) run in a child process with a timeout, so a regression fails instead of hanging."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli

from .hostile import CASES, GOOD, Case

BLOCKING = ("FIFO", "socket")


def _run(case: Case, tmp_path: Path) -> tuple[int, str]:
    args = case.args(tmp_path)
    if any(word in case.name for word in BLOCKING):
        r = subprocess.run(
            [sys.executable, "-m", "counterclaim", *args],
            input=GOOD.encode(),
            capture_output=True,
            timeout=300,
            env={**os.environ, **case.env},
            cwd=tmp_path,
        )
        return r.returncode, r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
    result = CliRunner().invoke(cli, args, input=GOOD, env=case.env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output + (result.stderr or "")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case_gives_its_numbered_error(
    case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if case.needs_model:
        request.getfixturevalue("nlp")
    code, out = _run(case, tmp_path)
    assert "Traceback" not in out, out[-2000:]
    assert f"[{case.code}]" in out or f"{case.code}:" in out, out[-2000:]
    assert code == case.exit, (code, out[-2000:])
