"""Imported once by the fork server that local Dask workers are forked from (``dask_engine``):
the English pipeline is loaded there (and the extractors warmed up, ``engine.warm``), and every
worker starts with it already in memory (shared copy-on-write) instead of importing counterclaim
and loading the model itself.

Nothing else imports this module. If the pipeline cannot be loaded here, the workers load it as
before (``engine.warm``) and report the error there.
"""

from __future__ import annotations

import atexit
import os
import sys

LOADED_IN: int | None = None  # the process that loaded the pipeline here (the fork server)


@atexit.register
def _exit_at_once() -> None:
    """End the fork server without tearing the pipeline down object by object. It ends when the
    command that started it has ended, and the teardown took 0.5-1 s, all the while holding that
    command's output pipes open: whoever read them (``cmd | tee log``) waited for it. Workers
    forked from here never run this: they leave by ``os._exit``."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


try:
    from .engine import warm

    LOADED_IN = warm()
except Exception:  # noqa: BLE001, S110 - the workers load it themselves and say why it fails
    pass
