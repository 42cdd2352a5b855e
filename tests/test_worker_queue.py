"""worker.queue on a real Redis: JSON-only jobs, deterministic ids, cached and duplicate submissions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import redis
from redis_server import redis_client, redis_server  # noqa: F401
from rq import Queue, Worker
from rq.job import Job
from rq.serializers import JSONSerializer
from test_store import POMPEO_DOC, pompeo_quotes

from foundation import defaults
from worker.keys import doc_id_for
from worker.queue import job_id_for, make_queue, parse_job_id, submit
from worker.store import QuoteStore

VERSION = "test-model+lexicon-1"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(redis_client: redis.Redis) -> QuoteStore:
    return QuoteStore(redis_client)


@pytest.fixture
def queue(redis_client: redis.Redis) -> Queue:
    return make_queue(redis_client)


def test_job_ids_come_from_the_content_hash_and_version() -> None:
    doc_id = doc_id_for(POMPEO_DOC)
    assert doc_id == doc_id_for(str(POMPEO_DOC))  # pure function of the text
    job_id = job_id_for(doc_id, VERSION)
    assert job_id == job_id_for(doc_id, VERSION) and job_id.startswith(f"doc-{doc_id}-")
    assert job_id != job_id_for(doc_id, "another-model+lexicon-1")
    assert set(job_id) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")  # rq's allowed characters
    assert parse_job_id(job_id) == (doc_id, job_id.rsplit("-", 1)[1])
    assert parse_job_id("doc-xyz") is None


def test_resubmitting_a_queued_document_is_free(queue: Queue, store: QuoteStore) -> None:
    first = submit(queue, store, POMPEO_DOC, "000", VERSION)
    again = submit(queue, store, POMPEO_DOC, "000 again", VERSION)
    assert (first.state, first.cached) == ("queued", False)
    assert (again.job_id, again.state, again.cached) == (first.job_id, "queued", True)
    assert queue.count == 1


def test_a_cached_document_is_not_queued(queue: Queue, store: QuoteStore) -> None:
    doc_id = doc_id_for(POMPEO_DOC)
    store.write_document(doc_id, "000", VERSION, pompeo_quotes())
    status = submit(queue, store, POMPEO_DOC, "000", VERSION)
    assert (status.state, status.cached, status.quote_count, status.doc_id) == ("finished", True, 2, doc_id)
    assert queue.count == 0
    # Another model version is a cache miss: the document is processed again.
    assert submit(queue, store, POMPEO_DOC, "000", "v2").state == "queued"


def test_job_payload_is_json_with_plain_string_args(queue: Queue, store: QuoteStore, redis_client: redis.Redis) -> None:
    status = submit(queue, store, POMPEO_DOC, "000", VERSION)
    raw = redis_client.hget(f"rq:job:{status.job_id}", "data")
    payload = json.loads(zlib.decompress(raw))
    assert payload[0] == "worker.job.process_document"
    assert payload[2] == [doc_id_for(POMPEO_DOC), "000", POMPEO_DOC, VERSION]
    job = Job.fetch(status.job_id, connection=redis_client, serializer=JSONSerializer)
    assert job.retries_left == defaults.JOB_RETRY_MAX and job.retry_intervals == list(defaults.JOB_RETRY_INTERVALS)
    assert POMPEO_DOC not in (job.description or "")  # rq logs descriptions: never the text


def test_queue_data_has_no_ttl(queue: Queue, store: QuoteStore, redis_client: redis.Redis) -> None:
    submit(queue, store, POMPEO_DOC, "000", VERSION)
    rq_keys = [k for k in redis_client.keys("rq:*")]
    assert rq_keys
    for key in rq_keys:
        assert redis_client.ttl(key) == -1, key


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_is_rejected_not_executed(
    queue: Queue, store: QuoteStore, redis_client: redis.Redis, tmp_path: Path
) -> None:
    """Someone with Redis access enqueues a pickle into our queue: the JSON worker refuses it."""
    marker = tmp_path / "pwned"
    pickling_queue = Queue(defaults.QUEUE_NAME, connection=redis_client)  # rq's default: pickle
    pickling_queue.enqueue("builtins.print", _Evil(marker), job_id="planted")
    assert b"posix" in zlib.decompress(redis_client.hget("rq:job:planted", "data")) or b"system" in zlib.decompress(
        redis_client.hget("rq:job:planted", "data")
    )
    good = submit(queue, store, "„Wir verhandeln“, sagte Jen Psaki.", "ok", VERSION, use_retry=False)

    worker = Worker([queue], connection=redis_client, serializer=JSONSerializer)
    worker.work(burst=True, max_jobs=1)  # the planted job comes first

    assert not marker.exists()
    planted = Job.fetch("planted", connection=redis_client, serializer=JSONSerializer)
    assert planted.get_status() == "failed"
    assert "DeserializationError" in planted.latest_result().exc_string
    assert Job.fetch(good.job_id, connection=redis_client, serializer=JSONSerializer).get_status() == "queued"


def _burst_worker(url: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`zitat worker --burst` in a subprocess: a real forking rq worker."""
    return subprocess.run(
        [sys.executable, "-m", "zitat", "--log-format", "json", "worker", "--burst", "--no-preload"],
        cwd=REPO,
        env={**os.environ, "ZITAT_REDIS_URL": url, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_failed_job_is_requeued_on_resubmission(
    redis_server,
    queue: Queue,
    store: QuoteStore,  # noqa: F811
    redis_client: redis.Redis,
    tmp_path: Path,
) -> None:
    """A worker without models fails the job; the same document submitted again requeues that job."""
    first = submit(queue, store, POMPEO_DOC, "000", VERSION, use_retry=False)
    done = _burst_worker(redis_server.url, {"ZITAT_MODEL_DIR": str(tmp_path), "ZITAT_MODELS": "bundled"})
    assert done.returncode == 0, done.stderr[-2000:]
    job = Job.fetch(first.job_id, connection=redis_client, serializer=JSONSerializer)
    assert job.get_status() == "failed"
    assert POMPEO_DOC[:40] not in done.stderr  # the article never reaches the logs

    again = submit(queue, store, POMPEO_DOC, "000", VERSION)
    assert (again.job_id, again.state, again.cached) == (first.job_id, "queued", False)
    job = Job.fetch(first.job_id, connection=redis_client, serializer=JSONSerializer)
    assert job.get_status() == "queued" and job.retries_left == defaults.JOB_RETRY_MAX
    assert queue.count == 1 and queue.failed_job_registry.count == 0
