"""The extractor server dies during a worker's call: the job retries and completes once it is back.

A real `zitat serve` (Extractor only), a real forking `zitat worker` that calls it over gRPC
(ZITAT_EXTRACTOR_ADDRESS), a real redis-server. The server is SIGKILLed while it extracts the
worker's document (a crash: nothing is drained), and a new one is started on the same port.

Two layers of retry, one test each: an outage shorter than ZITAT_EXTRACTOR_RETRY_SECONDS is ridden
out inside the job (the gRPC client retries UNAVAILABLE with back-off); a longer one fails the job
attempt and the job's own retries (rq Retry, served by the worker's scheduler) run it again.
"""

from __future__ import annotations

import time
from pathlib import Path

import psutil
import pytest
import redis
from redis_server import free_port, redis_client, redis_server  # noqa: F401
from rq import Retry
from rq.job import Job
from rq.serializers import JSONSerializer
from zitat_processes import SEEDS, ZitatProcess, serve, wait_for, worker, zitat_env

from foundation import defaults
from worker.keys import doc_id_for
from worker.queue import submit
from worker.service import QuoteService

pytestmark = pytest.mark.slow

#: All five seed articles in one document: about 6 s of extraction on one core, so that the server
#: can be killed while it works on it.
TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _serving_a_call(server: ZitatProcess, port: int) -> bool:
    """A client (the work horse) holds a connection to the server: its Extract call is in there."""
    try:
        conns = psutil.Process(server.pid).net_connections(kind="tcp")
    except psutil.NoSuchProcess:
        return False
    return any(c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port for c in conns)


def _crash_mid_call(server: ZitatProcess, port: int, horse_watch: ZitatProcess) -> None:
    wait_for(
        lambda: _serving_a_call(server, port), 120, "the worker's call to reach the extractor", server, horse_watch
    )
    time.sleep(1.0)  # well inside the extraction
    server.kill()
    assert "extract.done" not in server.text(), "the call finished before the crash: nothing was tested"


def _job(client: redis.Redis, job_id: str) -> Job:
    return Job.fetch(job_id, connection=client, serializer=JSONSerializer)


def _assert_stored_once(client: redis.Redis, job_id: str, doc_id: str) -> list:
    service = QuoteService(client)
    quotes = service.document_quotes(doc_id)
    assert quotes, "the document was not stored"
    assert service.get_job(job_id).quote_count == len(quotes)
    assert len(client.keys(f"{defaults.REDIS_KEY_PREFIX}quote:{doc_id}:*")) == len(quotes)
    for stored in quotes:
        assert TEXT[stored.quote.start : stored.quote.end] == stored.quote.text
    return quotes


def _retries_logged(proc: ZitatProcess) -> list[dict]:
    return [e for e in proc.events() if e.get("event") == "grpc.retry" and e.get("code") == "UNAVAILABLE"]


def test_short_extractor_outage_is_ridden_out_inside_the_job(
    redis_server,
    redis_client: redis.Redis,  # noqa: F811
    tmp_path: Path,
) -> None:
    port = free_port()
    address = f"127.0.0.1:{port}"
    base = zitat_env(redis_server.url)
    server, _ = serve(base, tmp_path / "serve-1.log", address, "--no-store")
    work = worker({**base, defaults.ENV_GRPC_ADDRESS: address}, tmp_path / "worker.log")
    restarted = None
    try:
        status = QuoteService(redis_client).submit_document(TEXT, "all-seeds")
        _crash_mid_call(server, port, work)
        time.sleep(2.0)  # down: the worker's client retries into a closed port
        restarted, _ = serve(base, tmp_path / "serve-2.log", address, "--no-store")
        wait_for(
            lambda: _job(redis_client, status.job_id).get_status() == "finished",
            120,
            "the job to finish",
            work,
            restarted,
        )
    finally:
        work.stop()
        for proc in (server, restarted):
            if proc is not None:
                proc.stop()
    assert work.popen.returncode == 0, work.tail()
    assert _retries_logged(work), "the worker's client never saw the extractor unavailable"
    assert _job(redis_client, status.job_id).retries_left == defaults.JOB_RETRY_MAX  # no job-level retry
    assert "extract.done" in restarted.text()
    _assert_stored_once(redis_client, status.job_id, doc_id_for(TEXT))
    assert "Pompeo" not in work.text()  # retries log the target and the code, never the document


def test_long_extractor_outage_is_retried_by_the_job(
    redis_server,
    redis_client: redis.Redis,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The client gives up after 1 s; the job's Retry (short intervals here; 10, 60, 300 s by default)
    runs it again until the server, down for longer than the first intervals, is back."""
    retries = 5  # interval doubling from 1 s: attempts about 1, 3, 7, 15 and 31 s after the first
    port = free_port()
    address = f"127.0.0.1:{port}"
    base = zitat_env(redis_server.url)
    server, _ = serve(base, tmp_path / "serve-1.log", address, "--no-store")
    work = worker(
        {**base, defaults.ENV_GRPC_ADDRESS: address, defaults.ENV_EXTRACTOR_RETRY_SECONDS: "1"}, tmp_path / "worker.log"
    )
    restarted = None
    try:
        service = QuoteService(redis_client)
        status = submit(
            service.queue,
            service.store,
            TEXT,
            "all-seeds",
            service.pipeline_version(),
            retry=Retry(max=retries, interval=[1, 2, 4, 8, 16]),
        )
        _crash_mid_call(server, port, work)
        wait_for(
            lambda: _job(redis_client, status.job_id).retries_left < retries,
            30,
            "the first attempt to fail and be scheduled again",
            work,
        )
        restarted, _ = serve(base, tmp_path / "serve-2.log", address, "--no-store")
        wait_for(
            lambda: _job(redis_client, status.job_id).get_status() == "finished",
            120,
            "the job to finish",
            work,
            restarted,
        )
    finally:
        work.stop()
        for proc in (server, restarted):
            if proc is not None:
                proc.stop()
    assert work.popen.returncode == 0, work.tail()
    job = _job(redis_client, status.job_id)
    assert 0 <= job.retries_left < retries
    assert any(e.get("event") == "grpc.retry.gave_up" for e in work.events())
    _assert_stored_once(redis_client, status.job_id, doc_id_for(TEXT))
