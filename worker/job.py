"""The rq job (one document in, its quotes and stances stored) and how a job's state is reported.

Job arguments are plain strings (doc_id, doc_name, text, submitter's pipeline version) serialised
as JSON, so whoever can write to Redis cannot make a worker run code. The job never logs the
article text: its log lines carry the job id, document id and counts only.
"""

from __future__ import annotations

import time
from typing import Any

import redis
import structlog
from rq.exceptions import NoSuchJobError
from rq.job import Job, get_current_job
from rq.job import JobStatus as RQStatus
from rq.serializers import JSONSerializer

from foundation import defaults
from foundation.errors import InvalidDocument, NotFound, UnsafeJob
from worker import extraction
from worker.archive import Archive
from worker.connection import when_available
from worker.keys import check_job_id, doc_id_for
from worker.types import ArticleMeta, JobState, JobStatus

#: Dotted path rq stores in the job: the one function a zitat worker runs.
FUNCTION = "worker.job.process_document"
#: Every function a zitat worker may call. Whoever can write to Redis can plant a job naming any
#: importable callable (`os.system`, `builtins.eval`); rq would import and call it.
ALLOWED_FUNCTIONS = frozenset({FUNCTION})


def check_allowed(job: Job) -> None:
    """UnsafeJob unless the job calls an allowed function, as a plain function, with no callbacks.

    Reads only the names rq stored (nothing is imported), so it is safe to call on any payload.
    """
    try:
        name, instance = job.func_name, job.instance
        # rq has no public accessor that does not import the callback; the names are what it stored.
        callbacks = [getattr(job, f"_{kind}_callback_name", None) for kind in ("success", "failure", "stopped")]
    except Exception as e:  # a payload that does not deserialise
        raise UnsafeJob(f"the job's payload cannot be read ({type(e).__name__})") from e
    if name not in ALLOWED_FUNCTIONS:
        raise UnsafeJob(f"the job calls {str(name)[:80]!r}, which is not a zitat job function")
    if instance is not None or any(callbacks):
        raise UnsafeJob("the job carries an instance or callbacks, which zitat jobs never have")


def process_document(doc_id: str, doc_name: str, text: str, version: str | None = None) -> dict[str, Any]:
    """Extract, score and store one document; returns {doc_id, quote_count, version}.

    Idempotent: a re-run (retry, abandoned job, rare double delivery) replaces the document's
    quotes with one identical set in a single transaction. If the store cannot be reached once the
    work is done, the job waits for it (up to JOB_STORE_WAIT_SECONDS) rather than throw the work away.
    """
    job = get_current_job()
    with structlog.contextvars.bound_contextvars(job_id=job.id if job else None, doc_id=doc_id[:16]):
        log = structlog.get_logger("zitat.worker")
        started = time.monotonic()
        log.info("job started", doc_name=doc_name, chars=len(text))
        try:
            from extractor.api import validate_text

            validate_text(text)
            if doc_id_for(text) != doc_id:
                raise InvalidDocument("the text does not match its document id (content hash)")
        except InvalidDocument:
            if job is not None:
                job.retries_left = 0  # the same input fails the same way: do not retry
            raise
        pipeline = extraction.get_pipeline()
        try:
            scored = pipeline.process(text)
            actual = pipeline.version
        finally:
            if extraction.remote_address():
                pipeline.close()
        if version and version != actual:
            log.warning("pipeline version differs from the submitter's", submitted=version, used=actual)
        client = job.connection if job is not None else _fallback_client()
        count = when_available(
            lambda: _store_and_publish(client, doc_id, doc_name, actual, scored, text),
            what="the store, to write the job's result",
            within=defaults.JOB_STORE_WAIT_SECONDS,
        )
        log.info("job finished", quotes=count, seconds=round(time.monotonic() - started, 3))
        return {"doc_id": doc_id, "quote_count": count, "version": actual}


def _store_and_publish(client: redis.Redis, doc_id: str, doc_name: str, version: str, scored, text: str) -> int:
    """Write the document, then publish every article registered for it (one without metadata when
    none was: a job queued by hand or by an older submitter). Both steps are idempotent."""
    archive = Archive(client)
    count = archive.store.write_document(doc_id, doc_name, version, scored, text=text)
    if not client.exists(archive.keys.doc_articles(doc_id)):
        archive.register(doc_id, doc_name, ArticleMeta())
    archive.publish_document(doc_id)
    return count


def _fallback_client() -> redis.Redis:
    from worker.connection import default_client

    return default_client()


_STATES: dict[RQStatus, JobState] = {
    RQStatus.QUEUED: "queued",
    RQStatus.STARTED: "started",
    RQStatus.FINISHED: "finished",
    RQStatus.FAILED: "failed",
    RQStatus.DEFERRED: "deferred",
    RQStatus.SCHEDULED: "scheduled",
    RQStatus.STOPPED: "failed",
    RQStatus.CANCELED: "failed",
}


def fetch(client: redis.Redis, job_id: str) -> Job:
    """The rq job with this id (JSON serializer); NotFound if there is none."""
    try:
        return Job.fetch(check_job_id(job_id), connection=client, serializer=JSONSerializer)
    except NoSuchJobError as e:
        raise NotFound(f"no job {job_id[:80]!r} (unknown, or its record has expired)") from e


def _error_line(job: Job) -> str | None:
    """The exception's last line, not the traceback (whose frames could quote the article)."""
    result = job.latest_result()
    text = getattr(result, "exc_string", None) or job.exc_info or ""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else None


def status_of(job: Job, doc_id: str, *, cached: bool = False) -> JobStatus:
    """A zitat JobStatus for an rq job."""
    try:
        rq_state = job.get_status(refresh=True)
    except Exception:  # InvalidJobOperation: the record vanished between fetch and read
        rq_state = None
    state: JobState = _STATES.get(rq_state, "unknown") if rq_state is not None else "unknown"
    quote_count = error = None
    if state == "finished":
        value = job.return_value()
        if isinstance(value, dict):
            quote_count = value.get("quote_count")
    elif state == "failed":
        error = _error_line(job)
        if rq_state == RQStatus.STOPPED:
            error = error or "stopped"
        elif rq_state == RQStatus.CANCELED:
            error = error or "canceled"
    return JobStatus(job_id=job.id, doc_id=doc_id, state=state, quote_count=quote_count, error=error, cached=cached)


def doc_id_of(job: Job) -> str:
    """The document id a zitat job was enqueued with (its first argument)."""
    try:
        args = job.args
    except Exception:  # a payload that does not deserialise is not a zitat job
        return ""
    return str(args[0]) if args else ""
