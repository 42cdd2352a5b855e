"""The queue/store commands: zitat submit, worker, speaker, speakers, run."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
import redis
from redis_server import redis_client, redis_server  # noqa: F401
from test_store import POMPEO_DOC, PSAKI_DOC, QuoteStore, pompeo_quotes, psaki_quotes
from test_worker_job import model_env

from foundation import defaults
from worker.keys import doc_id_for
from worker.queue import make_queue
from zitat.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _restore_logging(restore_cli_logging):
    """Every test here runs `main()` in this process (see conftest.restore_cli_logging)."""


@pytest.fixture
def store_env(redis_server, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> redis.Redis:  # noqa: F811
    monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    return redis_client


@pytest.fixture
def populated(store_env: redis.Redis) -> redis.Redis:
    store = QuoteStore(store_env)
    store.write_document(doc_id_for(POMPEO_DOC), "000_pompeo", "v", pompeo_quotes(), now=1000.0)
    store.write_document(doc_id_for(PSAKI_DOC), "004_psaki", "v", psaki_quotes()[:1], now=2000.0)
    return store_env


def test_submit_names_a_bad_file_and_submits_the_others(store_env: redis.Redis, tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(POMPEO_DOC, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PSAKI_DOC, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Die Lage ist ernst, sagte Stoltenberg. Größe".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    assert main(["submit", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "latin1.txt: not valid UTF-8 (byte 0xf6 at offset 41): skipped" in err
    assert "empty.txt: document is empty: skipped" in err
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(Path(p).name, state) for p, _, state in lines] == [("a.txt", "queued"), ("b.txt", "queued")]
    assert make_queue(store_env).count == 2

    assert main(["submit", str(tmp_path / "a.txt")]) == 0  # the same document again: no new job
    out, _ = capsys.readouterr()
    assert out.split("\t")[2].strip() == "queued (cached)" and make_queue(store_env).count == 2


def test_submit_wait_on_cached_documents_returns_at_once(populated: redis.Redis, tmp_path: Path, capsys) -> None:
    from worker.service import QuoteService

    service = QuoteService(populated)
    service.store.write_document(doc_id_for(POMPEO_DOC), "000", service.pipeline_version(), pompeo_quotes())
    (tmp_path / "a.txt").write_text(POMPEO_DOC, encoding="utf-8")
    assert main(["submit", "--wait", "--timeout", "5", str(tmp_path)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("finished (cached)")


def test_speaker_formats(populated: redis.Redis, capsys) -> None:
    assert main(["speaker", "US-Außenminister Pompeo", "--sort", "hawkish"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Mike Pompeo: 1–2 of 2 statement(s), hawkish first"
    assert "[hawkish      +0.80] „Andernfalls würden die USA mit Waffengewalt reagieren“" in out[1]

    assert main(["speaker", "pompeo", "--format", "jsonl", "--sort", "conciliatory", "--limit", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["speaker"] == "Mike Pompeo" and rows[0]["stance"]["score"] == -0.6
    assert rows[0]["stance"]["evidence"][0]["text"] == "keinen Krieg" and rows[0]["count"] == 1
    assert rows[0]["first_seen"]["doc_name"] == "000_pompeo" and len(rows[0]["articles"]) == 1

    assert main(["speaker", "MIKE POMPEO", "--format", "csv", "--stance", "hawkish"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["stance_label"] for r in rows] == ["hawkish"] and rows[0]["count"] == "1"


def test_unknown_speaker_exits_1(populated: redis.Redis, capsys) -> None:
    assert main(["speaker", "Niemand"]) == 1
    assert "no speaker matches 'Niemand'" in capsys.readouterr().err


def test_speakers_formats(populated: redis.Redis, capsys) -> None:
    assert main(["speakers"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["2", "Mike", "Pompeo"] and out[1].split()[:3] == ["1", "Jen", "Psaki"]
    assert main(["speakers", "--format", "jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["speaker"] == "Mike Pompeo" and first["statements"] == 2 and "Pompeo" in first["aliases"]
    assert "US-Außenminister" in first["roles"]
    assert main(["speakers", "--format", "csv", "--limit", "1", "--offset", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("Jen Psaki,1,")


def test_unreachable_store_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv(defaults.ENV_REDIS_URL, "redis://:pw@127.0.0.1:1/0")
    assert main(["speakers"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zitat speakers: error: cannot reach redis://127.0.0.1:1/0") and "pw" not in err


def _redis_processes() -> set[int]:
    return {p.pid for p in psutil.process_iter(["name"]) if p.info["name"] == "redis-server"}


@pytest.mark.slow
def test_run_on_the_embedded_redis(tmp_path: Path) -> None:
    """`zitat run DIR` with no Redis configured: embedded server up, documents processed, server down."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("001", "004"):
        src = next((REPO / "seeds").glob(f"{name}_*.txt"))
        (docs / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"\xff\xfe kaputt")
    env = {**os.environ, **model_env(), defaults.ENV_DATA_DIR: str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    env.pop(defaults.ENV_REDIS_URL, None)
    env.pop(defaults.ENV_GRPC_ADDRESS, None)
    before = _redis_processes()

    done = subprocess.run(
        [sys.executable, "-m", "zitat", "run", str(docs)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert done.returncode == 1, done.stderr[-3000:]  # one broken file
    assert "broken.txt: not valid UTF-8" in done.stderr
    assert "quote(s) from 2 document(s)" in done.stdout.splitlines()[0]
    assert "[" in done.stdout and "—" in done.stdout
    assert _redis_processes() <= before  # no orphan redis-server
    assert (tmp_path / "data" / "redis" / "appendonly.aof").exists()

    again = subprocess.run(
        [sys.executable, "-m", "zitat", "run", str(docs), "--format", "jsonl"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    rows = [json.loads(line) for line in again.stdout.splitlines()]
    count = int(done.stdout.split()[0])
    assert len(rows) == count and all(-1 <= r["stance_score"] <= 1 for r in rows)
    assert _redis_processes() <= before
