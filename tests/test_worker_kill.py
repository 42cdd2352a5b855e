"""A worker killed mid-job loses nothing: SIGKILL a real forking `zitat worker`, start another.

rq notices the abandoned job once its lease in the StartedJobRegistry runs out (heartbeat interval
+ 60 s), re-queues it through its Retry, and the new worker runs it: the document ends up stored
exactly once. Takes about two minutes: the lease and the scheduler lock of the dead worker both
expire after ~61 s.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import redis
from redis_server import redis_client, redis_server  # noqa: F401
from rq.job import Job
from rq.serializers import JSONSerializer
from test_worker_job import model_env

from foundation import defaults
from worker.service import QuoteService

REPO = Path(__file__).resolve().parent.parent


def _worker(url: str, log: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, **model_env(), "ZITAT_REDIS_URL": url, "PYTHONPATH": str(REPO)}
    env.pop(defaults.ENV_GRPC_ADDRESS, None)
    with log.open("w") as sink:  # a file, not a pipe: a full pipe would block the worker
        proc = subprocess.Popen(
            [sys.executable, "-m", "zitat", "--log-format", "json", "worker", "--maintenance-interval", "2", *extra],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _kill_tree(proc: subprocess.Popen) -> None:
    """SIGKILL the worker, its work horse and its scheduler at once, like a node dying."""
    family = [proc.pid] + [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    for pid in family:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(10)
    for pid in family:
        while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            time.sleep(0.05)


def _wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(
                f"worker exited early ({proc.returncode}) waiting for {what}: {proc.log.read_text()[-3000:]}"
            )
        if time.monotonic() > deadline:
            tail = proc.log.read_text()[-3000:] if proc is not None else ""
            raise AssertionError(f"timed out waiting for {what}: {tail}")
        time.sleep(0.2)


@pytest.mark.slow
def test_sigkilled_worker_loses_nothing(
    redis_server,
    redis_client: redis.Redis,  # noqa: F811
    tmp_path: Path,
) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    service = QuoteService(redis_client)
    status = service.submit_document(text, "all-seeds")
    job_id, doc_id = status.job_id, status.doc_id

    def state() -> str:
        return Job.fetch(job_id, connection=redis_client, serializer=JSONSerializer).get_status()

    victim = _worker(redis_server.url, tmp_path / "victim.log", "--job-monitoring-interval", "1", "--name", "victim")
    try:
        _wait_for(lambda: state() == "started", 180, "the job to start", victim)
        time.sleep(1.0)  # well inside extraction
    finally:
        _kill_tree(victim)
    assert state() == "started"  # nobody is left to say otherwise
    assert not service.store.has_document(doc_id)  # atomic: nothing half-written
    assert redis_client.keys("zitat:v2:quote:*") == []

    survivor = _worker(redis_server.url, tmp_path / "survivor.log", "--name", "survivor")
    try:
        _wait_for(lambda: state() == "finished", 300, "the abandoned job to be retried and finish", survivor)
    finally:
        survivor.send_signal(signal.SIGTERM)  # warm shutdown
        survivor.wait(60)
    assert survivor.returncode == 0

    job = Job.fetch(job_id, connection=redis_client, serializer=JSONSerializer)
    assert job.retries_left == defaults.JOB_RETRY_MAX - 1  # the abandoned run used one retry
    quotes = service.document_quotes(doc_id)
    assert quotes, "the re-run stored nothing"
    assert [q.quote_id for q in quotes] == [f"{doc_id}:{i}" for i in range(len(quotes))]  # one set, in order
    assert service.get_job(job_id).quote_count == len(quotes)
    assert len(redis_client.keys(f"zitat:v2:quote:{doc_id}:*")) == len(quotes)
    article = service.get_article(doc_id)  # submitted without metadata: the article is the document
    sids = [q.statement_id for q in article.quotes if q.quote.speaker]
    assert all(sids) and len(sids) == sum(1 for q in quotes if q.quote.speaker)
    assert sum(s.quotes for s in service.list_speakers(1000, 0)) == len(set(sids))
