"""The load benchmark (bench/load.py) in its smoke form: 10 clients for 5 s against a real `zitat serve`.

The same command as the full run (`python -m bench.load`, 50 clients for 60 s), shorter, and with a
server that admits only 2 extraction calls (`--server-workers 2`), so that its back-pressure is
exercised: some calls get RESOURCE_EXHAUSTED, which the clients answer with a pause; nothing else may
go wrong, every answer must equal the one the server gives without load, the compose health check
must say SERVING every time it probes, and the server's memory must stay within 10 % of its size
after the warm-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from foundation import defaults

pytestmark = pytest.mark.slow


def test_ten_clients_for_five_seconds(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            "--clients",
            "10",
            "--seconds",
            "5",
            "--warmup",
            "2",
            "--server-workers",
            "2",
            "--out",
            str(out),
        ],
        cwd=defaults.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.exists(), done.stdout + done.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert done.returncode == 0, done.stdout + json.dumps(summary, indent=1)
    assert "PASS" in done.stdout

    assert summary["errors"] == 0, summary["error_examples"]
    assert set(summary["calls"]) <= {"OK", "RESOURCE_EXHAUSTED"}
    assert summary["wrong_answers"] == 0
    assert summary["calls"]["OK"] >= 10
    assert summary["back_pressure"] > 0, "10 clients on a server that admits 2 calls: some must be turned away"
    assert summary["health_checks"]["ok"] >= 2 and summary["health_checks"]["failed"] == 0, summary["health_checks"]
    assert summary["rss_samples"] >= 5
    assert summary["rss_growth_after_warmup"] <= 0.10
    assert (tmp_path / "load.server.log").exists()
