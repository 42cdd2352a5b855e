"""Running rq workers for zitat: a forking Worker with the JSON serializer and a scheduler.

The forking Worker (not SimpleWorker) is what production needs: each job runs in a fresh work
horse, heartbeats keep the job's lease alive, and a horse that dies takes no worker state with it.
`--with-scheduler` is on because Retry intervals are served by the scheduler. The in-process
models are loaded once before forking, so horses inherit them instead of reloading per job.
"""
from __future__ import annotations

import redis
import structlog
from rq import SimpleWorker, Worker
from rq.serializers import JSONSerializer

from worker import extraction
from worker.queue import make_queue
from zitat import defaults


class _BindJobId:
    """Binds the job id for rq's own log lines about a job (started, failed, result kept)."""

    def perform_job(self, job, queue):
        with structlog.contextvars.bound_contextvars(job_id=job.id):
            return super().perform_job(job, queue)

    def handle_job_failure(self, job, queue, *args, **kwargs):
        with structlog.contextvars.bound_contextvars(job_id=job.id):
            return super().handle_job_failure(job, queue, *args, **kwargs)


class ZitatWorker(_BindJobId, Worker):
    """rq's forking Worker, with job ids in its log lines."""


class ZitatSimpleWorker(_BindJobId, SimpleWorker):
    """In-process variant (no fork, no heartbeats while a job runs): tests and debugging only."""


def build_worker(client: redis.Redis, *, queue_name: str = defaults.QUEUE_NAME, name: str | None = None,
                 maintenance_interval: int = defaults.WORKER_MAINTENANCE_INTERVAL,
                 job_monitoring_interval: int = 30, simple: bool = False) -> Worker:
    cls = ZitatSimpleWorker if simple else ZitatWorker
    return cls(
        [make_queue(client, queue_name)],
        name=name,
        connection=client,
        serializer=JSONSerializer,
        maintenance_interval=maintenance_interval,
        # rq runs maintenance (abandoned-job clean-up, scheduler take-over) only between dequeue
        # waits, and an idle worker waits worker_ttl - 15 s (405 s by default): tie it to the interval.
        worker_ttl=maintenance_interval + 15,
        job_monitoring_interval=job_monitoring_interval,
        log_job_description=False,
    )


def run_worker(client: redis.Redis, *, burst: bool = False, with_scheduler: bool = True, preload: bool = True,
               logging_level: str = "INFO", max_jobs: int | None = None, **worker_options) -> bool:
    """Run a worker until stopped (or, with burst, until the queue is empty); True if it did work."""
    extraction.single_threaded_torch()
    if preload:
        extraction.preload()
    worker = build_worker(client, **worker_options)
    return worker.work(burst=burst, with_scheduler=with_scheduler, logging_level=logging_level,
                       max_jobs=max_jobs)
