"""zitat.memory: `zitat serve` caps glibc's malloc arenas unless MALLOC_ARENA_MAX already did.

Run in fresh interpreters (the setting is process-wide). Its effect on a loaded server is measured
by bench/load.py and checked in its smoke form by test_load_smoke.py.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from foundation import defaults

CAP = "from zitat.memory import cap_malloc_arenas; print(cap_malloc_arenas())"


def _cap(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run(
        [sys.executable, "-c", CAP],
        cwd=defaults.REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the cap is a glibc setting")
def test_arenas_are_capped_on_glibc():
    assert _cap() == "True"


def test_an_explicit_malloc_arena_max_is_left_alone():
    assert _cap(MALLOC_ARENA_MAX="4") == "False"
