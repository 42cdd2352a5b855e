"""Running rq workers for zitat: a forking Worker with the JSON serializer and a scheduler.

The forking Worker (not SimpleWorker) is what production needs: each job runs in a fresh work
horse, heartbeats keep the job's lease alive, and a horse that dies takes no worker state with it.
`--with-scheduler` is on because Retry intervals are served by the scheduler. The in-process
models are loaded once before forking, so horses inherit them instead of reloading per job.

Losing Redis does not end the process. rq retries a lost connection only while it waits for a job;
anywhere else (a heartbeat while a job runs, its registry maintenance, its own shutdown) it logs
"unhandled exception, quitting" and returns from `work()`. `run_worker` notices that the loop ended
because Redis went away, lets a running work horse finish (its job waits for the store by itself,
see worker.job), waits for Redis with back-off, tidies what the lost loop left in Redis (its worker
record, its scheduler lock, its pub/sub thread) and starts a fresh loop in the same process, with the
models still loaded. A job whose horse died meanwhile is found by rq's abandoned-job detection.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

import redis
import structlog
from rq import SimpleWorker, Worker
from rq.exceptions import DeserializationError
from rq.serializers import JSONSerializer

from foundation import defaults
from foundation.errors import UnsafeJob
from foundation.logging import get_logger
from worker import extraction
from worker.connection import UNAVAILABLE, when_available
from worker.job import check_allowed
from worker.queue import make_queue

log = get_logger(__name__)


class _BindJobId:
    """Binds the job id for rq's own log lines about a job (started, failed, result kept)."""

    def perform_job(self, job, queue):
        with structlog.contextvars.bound_contextvars(job_id=job.id):
            return super().perform_job(job, queue)

    def handle_job_failure(self, job, queue, *args, **kwargs):
        with structlog.contextvars.bound_contextvars(job_id=job.id):
            return super().handle_job_failure(job, queue, *args, **kwargs)


class _AllowListed:
    """Runs only zitat's own job functions (worker.job.ALLOWED_FUNCTIONS), checked before rq imports
    or calls anything: a job planted in Redis naming `os.system` fails as a job, without its payload
    in the log or the job's error, and without retries; the worker goes on."""

    def perform_job(self, job, queue):
        try:
            check_allowed(job)
        except UnsafeJob as e:
            log.error("job.refused", job_id=job.id, queue=queue.name, reason=str(e))
            job.retries_left = 0
            # Its bookkeeping (started registry, intermediate queue) is done before rq's procline
            # reads the function name, which an unreadable payload cannot give.
            with contextlib.suppress(DeserializationError):
                self.prepare_job_execution(job, remove_from_intermediate_queue=len(self.queues) == 1)
            self.handle_job_failure(job, queue=queue, exc_string=f"UnsafeJob: {e}")
            return False
        return super().perform_job(job, queue)


class _NotesLostRedis:
    """Records why rq's work loop ended when the reason is that Redis could not be reached.

    The steps that rq's loop does not guard against connection errors are wrapped; the dequeue wait,
    where rq itself waits for Redis to come back, clears the record once it has a job again.
    """

    lost_redis: Exception | None = None
    jobs_done = 0

    def _noting(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as e:
            self.lost_redis = e
            raise

    def check_for_suspension(self, *args, **kwargs):
        return self._noting(super().check_for_suspension, *args, **kwargs)

    def run_maintenance_tasks(self, *args, **kwargs):
        return self._noting(super().run_maintenance_tasks, *args, **kwargs)

    def heartbeat(self, *args, **kwargs):
        return self._noting(super().heartbeat, *args, **kwargs)

    def execute_job(self, job, queue):
        result = self._noting(super().execute_job, job, queue)
        self.jobs_done += 1
        return result

    def dequeue_job_and_maintain_ttl(self, *args, **kwargs):
        result = super().dequeue_job_and_maintain_ttl(*args, **kwargs)
        self.lost_redis = None
        return result


class ZitatWorker(_NotesLostRedis, _AllowListed, _BindJobId, Worker):
    """rq's forking Worker, with job ids in its log lines."""


class ZitatSimpleWorker(_NotesLostRedis, _AllowListed, _BindJobId, SimpleWorker):
    """In-process variant (no fork, no heartbeats while a job runs): tests and debugging only."""


#: What `build_worker` makes (rq's SimpleWorker is not a Worker: both are BaseWorkers).
AnyWorker = ZitatWorker | ZitatSimpleWorker


def build_worker(
    client: redis.Redis,
    *,
    queue_name: str = defaults.QUEUE_NAME,
    name: str | None = None,
    maintenance_interval: int = defaults.WORKER_MAINTENANCE_INTERVAL,
    job_monitoring_interval: int = 30,
    simple: bool = False,
) -> AnyWorker:
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


def run_worker(
    client: redis.Redis,
    *,
    burst: bool = False,
    with_scheduler: bool = True,
    preload: bool = True,
    logging_level: str = "INFO",
    max_jobs: int | None = None,
    **worker_options,
) -> bool:
    """Run a worker until stopped (or, with burst, until the queue is empty); True if it did work.

    Survives Redis going away: see the module docstring."""
    if preload:
        extraction.preload()
    worked = False
    while True:
        worker = build_worker(client, **worker_options)
        try:
            worked |= worker.work(
                burst=burst, with_scheduler=with_scheduler, logging_level=logging_level, max_jobs=max_jobs
            )
        except UNAVAILABLE as e:  # rq's own shutdown could not reach Redis either
            worker.lost_redis = worker.lost_redis or e
        worked |= worker.jobs_done > 0
        if worker.lost_redis is None:
            return worked
        if max_jobs is not None:
            max_jobs -= worker.jobs_done
            if max_jobs <= 0:
                return worked
        if not _recover(worker, client):
            return worked


def _recover(lost: AnyWorker, client: redis.Redis) -> bool:
    """After rq's loop ended for want of Redis: True once Redis answers again and the lost loop's
    leftovers are tidied; False if SIGTERM/SIGINT asked us to stop meanwhile."""
    log.warning("worker.lost_redis", worker=lost.name, error=str(lost.lost_redis))
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        horse = lost.horse_pid
        if horse:  # its job is still running: let it finish (it waits for the store by itself)
            log.info("worker.waiting_for_running_job", horse_pid=horse)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(horse, 0)
        try:
            when_available(client.ping, what="Redis, to work on", stop=stop)
        except UNAVAILABLE:
            return False  # asked to stop while Redis was still away
        with contextlib.suppress(*UNAVAILABLE):
            lost.register_death()  # so that a worker of the same --name may register again
            if lost.scheduler is not None:
                lost.scheduler.release_locks()  # the new loop's scheduler takes over at once
        with contextlib.suppress(Exception):
            lost.unsubscribe()  # its pub/sub thread would otherwise keep reconnecting
        log.info("worker.redis_back", worker=lost.name)
        return not stop.is_set()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
