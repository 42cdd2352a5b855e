"""The document queue: deterministic job ids, JSON-only jobs, retries with back-off.

A job id is derived from the document's content hash and the pipeline version, so submitting the
same document twice is free: the store's cache answers first; otherwise rq's `unique=True` enqueue
(an atomic Lua script) refuses the duplicate and the existing job's status is returned. A failed
job keeps its id for failure_ttl, so it is requeued (with fresh retries) rather than enqueued anew.
"""

from __future__ import annotations

import re

import redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, InvalidJobOperation, NoSuchJobError
from rq.job import Job
from rq.job import JobStatus as RQStatus
from rq.serializers import JSONSerializer

from foundation import defaults
from worker.job import FUNCTION, status_of
from worker.keys import doc_id_for, version_digest
from worker.store import QuoteStore
from worker.types import JobStatus

_JOB_ID = re.compile(r"doc-([0-9a-f]{64})-([0-9a-f]{12})")


def make_queue(client: redis.Redis, name: str = defaults.QUEUE_NAME) -> Queue:
    """The document queue; JSONSerializer so a job payload can never be a pickle."""
    return Queue(name, connection=client, serializer=JSONSerializer, default_timeout=defaults.JOB_TIMEOUT)


def default_retry() -> Retry:
    return Retry(max=defaults.JOB_RETRY_MAX, interval=list(defaults.JOB_RETRY_INTERVALS))


def job_id_for(doc_id: str, version: str) -> str:
    """doc-<sha256 of the text>-<digest of the pipeline version>: only [a-z0-9-], as rq requires."""
    return f"doc-{doc_id}-{version_digest(version)}"


def parse_job_id(job_id: str) -> tuple[str, str] | None:
    """(doc_id, version digest) of a zitat job id, or None."""
    m = _JOB_ID.fullmatch(job_id or "")
    return (m.group(1), m.group(2)) if m else None


def submit(
    queue: Queue,
    store: QuoteStore,
    text: str,
    doc_name: str,
    version: str,
    *,
    retry: Retry | None = None,
    use_retry: bool = True,
) -> JobStatus:
    """Queue one document unless its result is cached or a job for it exists; never runs it twice.

    `text` must already be valid (extractor.api.validate_text).
    """
    doc_id = doc_id_for(text)
    job_id = job_id_for(doc_id, version)
    hit = store.cached(doc_id, version)
    if hit is not None:
        return JobStatus(job_id=job_id, doc_id=doc_id, state="finished", quote_count=hit.quote_count, cached=True)
    retry = (retry or default_retry()) if use_retry else None
    for _ in range(5):
        try:
            queue.enqueue(
                FUNCTION,
                doc_id,
                doc_name,
                text,
                version,
                job_id=job_id,
                unique=True,
                retry=retry,
                job_timeout=defaults.JOB_TIMEOUT,
                result_ttl=defaults.JOB_RESULT_TTL,
                failure_ttl=defaults.JOB_FAILURE_TTL,
                description=f"document {doc_id[:16]}",
            )
            return JobStatus(job_id=job_id, doc_id=doc_id, state="queued")
        except DuplicateJobError:
            try:
                job = Job.fetch(job_id, connection=queue.connection, serializer=JSONSerializer)
                state = job.get_status(refresh=True)
            except (NoSuchJobError, InvalidJobOperation):
                continue  # it expired between the two calls: enqueue again
            if state in (RQStatus.FAILED, RQStatus.STOPPED):
                if _requeue(job, retry):
                    return JobStatus(job_id=job_id, doc_id=doc_id, state="queued")
                continue  # someone else requeued or removed it: look again
            if state == RQStatus.CANCELED:
                job.delete()
                continue
            return status_of(job, doc_id, cached=True)
    # Only reachable under a pathological race; report what is there now.
    job = Job.fetch(job_id, connection=queue.connection, serializer=JSONSerializer)
    return status_of(job, doc_id, cached=True)


def _requeue(job: Job, retry: Retry | None) -> bool:
    """Requeue a failed job with fresh retries; False if it was no longer in the failed registry."""
    if retry is not None:
        job.retries_left = retry.max
        job.retry_intervals = retry.intervals
    try:
        job.requeue()
    except InvalidJobOperation:
        return False
    return True
