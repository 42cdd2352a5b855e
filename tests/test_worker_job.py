"""worker.job: the job function with the real extractor and scorer, its logs and its reported status.

Models: the bundled models in models/de.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
import structlog
from redis_server import redis_client, redis_server  # noqa: F401
from rq.job import Job
from rq.serializers import JSONSerializer

from foundation import defaults
from worker import extraction
from worker.archive import Archive
from worker.job import status_of
from worker.keys import doc_id_for
from worker.queue import make_queue, submit
from worker.runner import build_worker
from worker.service import QuoteService
from worker.store import QuoteStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def model_env() -> dict[str, str]:
    """Environment that points the extractor and scorer at the bundled models."""
    return {defaults.ENV_MODEL_DIR: str(defaults.BUNDLED_MODEL_DIR), defaults.ENV_MODELS: "bundled"}


@pytest.fixture
def pipeline_env(monkeypatch: pytest.MonkeyPatch):
    for name, value in model_env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(defaults.ENV_GRPC_ADDRESS, raising=False)
    monkeypatch.setenv("ZITAT_THREADS", "1")
    extraction.reset()
    yield
    extraction.reset()


def _seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_job_stores_its_document_and_logs_with_its_id(pipeline_env, redis_client: redis.Redis) -> None:
    text = _seed("004")
    service = QuoteService(redis_client)
    status = service.submit_document(text, "004")
    assert status.state == "queued"
    worker = build_worker(redis_client, simple=True)  # in-process so that the logs can be captured
    with structlog.testing.capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
        worker.work(burst=True)

    done = service.get_job(status.job_id)
    assert (done.state, done.doc_id) == ("finished", doc_id_for(text))
    stored = service.document_quotes(done.doc_id)
    assert done.quote_count == len(stored) > 0
    for q in stored:
        assert text[q.quote.start : q.quote.end] == q.quote.text
        assert -1 <= q.stance.score <= 1
    assert service.pipeline_version() in redis_client.hget(f"zitat:v2:doc:{done.doc_id}", "version").decode()

    ours = [e for e in logs if e["event"].startswith("job ")]
    assert [e["event"] for e in ours] == ["job started", "job finished"]
    assert all(e["job_id"] == status.job_id for e in ours)
    sentences = [s for s in text.split(".") if len(s) > 30]
    for entry in logs:
        flat = repr(entry)
        assert not any(s.strip() in flat for s in sentences), entry  # never the article text

    # Cached now: resubmission does no work and says so.
    again = service.submit_document(text, "004")
    assert (again.state, again.cached, again.quote_count) == ("finished", True, len(stored))


@pytest.mark.slow
def test_running_a_job_twice_leaves_one_set(pipeline_env, redis_client: redis.Redis) -> None:
    """rq may deliver a finished job again (rare): the second run rewrites the same quotes."""
    text = _seed("001")
    queue = make_queue(redis_client)
    store = QuoteStore(redis_client)
    version = extraction.make_analyser().version
    first = submit(queue, store, text, "001", version, use_retry=False)
    # A second delivery of the same work under another id (submit() itself would refuse it).
    queue.enqueue("worker.job.process_document", first.doc_id, "001", text, version, job_id="replay")
    build_worker(redis_client, simple=True).work(burst=True)

    assert Job.fetch("replay", connection=redis_client, serializer=JSONSerializer).get_status() == "finished"
    quotes = store.document_quotes(first.doc_id)
    keys = redis_client.keys(f"zitat:v2:quote:{first.doc_id}:*")
    assert len(keys) == len(quotes)
    article = Archive(redis_client).get_article(first.doc_id)  # no article was registered: the document's own
    sids = [q.statement_id for q in article.quotes if q.quote.speaker]
    assert all(sids) and len(sids) == sum(1 for q in quotes if q.quote.speaker)
    total = sum(s.quotes for s in Archive(redis_client).speakers.busiest(1000, 0))
    assert total == len(set(sids))  # every statement counted once, however often it ran


def test_a_job_with_the_wrong_text_fails_without_retries(pipeline_env, redis_client: redis.Redis) -> None:
    queue = make_queue(redis_client)
    from rq import Retry

    queue.enqueue(
        "worker.job.process_document", "0" * 64, "x", "„Nein“, sagte sie.", "v", job_id="mismatch", retry=Retry(max=3)
    )
    build_worker(redis_client, simple=True).work(burst=True)
    job = Job.fetch("mismatch", connection=redis_client, serializer=JSONSerializer)
    status = status_of(job, "0" * 64)
    assert status.state == "failed"
    assert status.error == "foundation.errors.InvalidDocument: the text does not match its document id (content hash)"
    assert job.retries_left == 0 and queue.scheduled_job_registry.count == 0
