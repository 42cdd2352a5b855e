"""The committed zitat/v1 code is what proto/ generates with the pinned grpcio-tools."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from foundation import defaults
from zitat.grpc import codegen


def test_generated_code_matches_the_proto():
    stale = codegen.drifted()
    assert not stale, f"regenerate with `python -m zitat.grpc.codegen`: {stale}"


@pytest.mark.skipif(shutil.which("buf") is None, reason="buf is not installed (pip install buf-bin)")
def test_proto_passes_buf_standard_lint():
    config = '{"version":"v2","modules":[{"path":"proto"}],"lint":{"use":["STANDARD"]}}'
    result = subprocess.run(
        ["buf", "lint", "proto", "--config", config],
        cwd=defaults.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
