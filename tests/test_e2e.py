"""End to end: real Redis, real forking `zitat worker`, the seed articles, queries by speaker.

Runs on the bundled German models in models/de.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from redis_server import redis_client, redis_server  # noqa: F401

from foundation import defaults
from worker.service import QuoteService
from worker.types import StatementQuery

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_TEXT = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}

pytestmark = pytest.mark.slow


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != defaults.ENV_GRPC_ADDRESS}
    return {**env, "ZITAT_REDIS_URL": url, "PYTHONPATH": str(REPO), **extra}


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "zitat", "--log-format", "json", *args],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _submit(env: dict[str, str], *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zitat", "submit", "--wait", "--timeout", "900", *map(str, paths)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=960,
    )


def _check_speaker(service: QuoteService, name: str, must_contain: str) -> list:
    page = service.statements(StatementQuery(speaker=name, sort="hawkish", limit=50))
    assert page.speaker is not None and must_contain in page.speaker, (name, page.speaker)
    assert page.total == len(page.statements) >= 1
    scores = [st.stance.score for st in page.statements]
    assert scores == sorted(scores, reverse=True)
    for st in page.statements:
        for ref in st.articles:
            assert SEED_TEXT[ref.doc_name][ref.start : ref.end] == ref.text
        assert st.stance.label in ("hawkish", "neutral", "conciliatory") and -1 <= st.stance.score <= 1
    return page.statements


def test_seeds_end_to_end(redis_server, redis_client: redis.Redis, tmp_path: Path) -> None:  # noqa: F811
    env = _env(redis_server.url)
    worker = _start(["worker", "--maintenance-interval", "5"], env, tmp_path / "worker.log")
    try:
        done = _submit(env, SEEDS)
        assert done.returncode == 0, done.stdout + done.stderr + (tmp_path / "worker.log").read_text()[-3000:]
        assert len(re.findall(r"\tfinished\t\d+ quote", done.stdout)) == len(SEED_TEXT)
    finally:
        _stop(worker)
    assert worker.returncode == 0

    service = QuoteService(redis_client)
    pompeo = _check_speaker(service, "Pompeo", "Pompeo")
    for alias in ("pompeo", "POMPEO", "Mike Pompeo", "US-Außenminister Pompeo"):
        assert service.statements(StatementQuery(speaker=alias, limit=50)).total == len(pompeo), alias
    psaki = _check_speaker(service, "Psaki", "Psaki")
    assert any("bedroht" in st.text or "verteidigen" in st.text for st in psaki)
    putin = _check_speaker(service, "Putin", "Putin")
    assert any("westlichen Länder" in st.text or "Nato-Staaten" in st.text for st in putin)
    assert service.list_speakers(100, 0)[0].quotes >= 1

    # The CLI sees the same.
    out = subprocess.run(
        [sys.executable, "-m", "zitat", "speaker", "psaki", "--format", "jsonl"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0 and len(out.stdout.splitlines()) == len(psaki)
    assert "Psaki" in json.loads(out.stdout.splitlines()[0])["speaker"]

    # Submitting the seeds again is free: every document is answered from the cache.
    again = _submit(env, SEEDS)
    assert again.returncode == 0 and again.stdout.count("(cached)") == len(SEED_TEXT)
    assert service.queue.count == 0


def _serve(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    proc = _start(["serve", "--address", "127.0.0.1:0"], env, log)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        m = re.search(r"listening on (\S+):(\d+)", log.read_text())
        if m:
            return proc, f"127.0.0.1:{m.group(2)}"
        if proc.poll() is not None:
            raise AssertionError(f"zitat serve exited: {log.read_text()[-3000:]}")
        time.sleep(0.5)
    _stop(proc)
    raise AssertionError("zitat serve did not start listening")


def test_worker_with_the_remote_extractor(
    redis_server,
    redis_client: redis.Redis,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Same flow with ZITAT_EXTRACTOR_ADDRESS: quotes come from `zitat serve` over gRPC."""
    server, address = _serve(_env(redis_server.url), tmp_path / "serve.log")
    try:
        env = _env(redis_server.url, **{defaults.ENV_GRPC_ADDRESS: address})
        worker = _start(["worker", "--maintenance-interval", "5"], env, tmp_path / "worker.log")
        try:
            seed = next(SEEDS.glob("004_*.txt"))
            done = _submit(env, seed)
            assert done.returncode == 0, done.stdout + done.stderr + (tmp_path / "worker.log").read_text()[-3000:]
        finally:
            _stop(worker)
    finally:
        _stop(server)
    service = QuoteService(redis_client)
    _check_speaker(service, "Putin", "Putin")
    _check_speaker(service, "Psaki", "Psaki")
