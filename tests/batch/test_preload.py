"""``batch.preload``, what the workers' fork server imports: it loads the pipeline, and the
process that imported it ends without tearing the pipeline down (its output flushed first)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


@pytest.mark.slow
def test_a_process_that_preloaded_ends_without_teardown_and_with_its_output_flushed() -> None:
    code = textwrap.dedent(
        """
        import sys
        import counterclaim.batch.preload as preload
        from counterclaim import nlp

        class Witness:
            def __del__(self):
                print("torn down", flush=True)

        witness = Witness()  # a module global: finalised only by a full teardown
        sys.stdout.write(f"loaded={preload.LOADED_IN is not None and nlp._nlp is not None}")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "loaded=True"  # written without a newline, flushed on the way out
