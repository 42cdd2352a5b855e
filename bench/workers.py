"""Queue throughput with N worker processes, and the cost of resubmitting a processed document.

Real `zitat worker` processes (forking rq workers, one torch thread each, models preloaded) on an
embedded Redis. The clock starts once every worker has registered — its models are loaded — and the
documents are submitted, and stops when the last job has finished, so the numbers are throughput, not
start-up. Between runs the database is flushed, so every run does all the work.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rq import Worker

from bench.corpus import Article
from foundation import defaults
from worker.connection import EmbeddedRedis
from worker.service import QuoteService

READY_TIMEOUT_S = 180
JOB_TIMEOUT_S = 900


def _start_workers(n: int, url: str, logs: Path) -> list[subprocess.Popen]:
    env = {**os.environ, defaults.ENV_REDIS_URL: url, "ZITAT_LOG_FORMAT": "json", "PYTHONPATH": str(defaults.REPO_ROOT)}
    env.pop(defaults.ENV_GRPC_ADDRESS, None)
    procs = []
    for i in range(n):
        with (logs / f"worker-{n}-{i}.log").open("w") as sink:
            proc = subprocess.Popen(
                [sys.executable, "-m", "zitat", "worker", "--name", f"bench-{n}-{i}"],
                cwd=defaults.REPO_ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proc.log = sink.name  # type: ignore[attr-defined]
        procs.append(proc)
    return procs


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(10)


def _wait(what: str, done, timeout: float, procs: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        dead = [p for p in procs if p.poll() is not None]
        if dead:
            tail = Path(dead[0].log).read_text()[-2000:]
            raise RuntimeError(f"a worker exited (code {dead[0].returncode}) while waiting for {what}:\n{tail}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


def throughput(service: QuoteService, articles: Sequence[Article], n: int, url: str, logs: Path) -> float:
    """Documents per second through the queue with `n` worker processes."""
    service.redis.flushdb()
    procs = _start_workers(n, url, logs)
    try:
        _wait(
            f"{n} workers to load their models",
            lambda: len(Worker.all(connection=service.redis)) >= n,
            READY_TIMEOUT_S,
            procs,
        )
        start = time.perf_counter()
        jobs = [service.submit_document(a.text, a.name).job_id for a in articles]

        def finished() -> bool:
            states = [service.get_job(j).state for j in jobs]
            if "failed" in states:
                raise RuntimeError(f"a benchmark job failed; see {logs}")
            return all(s == "finished" for s in states)

        _wait("the jobs", finished, JOB_TIMEOUT_S, procs)
        return len(articles) / (time.perf_counter() - start)
    finally:
        _stop(procs)


def cache_hit_ms(service: QuoteService, article: Article, repeats: int = 200) -> float:
    """Median milliseconds to resubmit an already processed document (a cached result, no new job)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        status = service.submit_document(article.text, article.name)
        times.append((time.perf_counter() - start) * 1000)
        if not status.cached:
            raise RuntimeError("the resubmitted document was not served from the cache")
    return statistics.median(times)


def run(articles: Sequence[Article], extractor, counts: Sequence[int] = (1, 2)) -> dict:
    """{"docs_per_s_1": …, "docs_per_s_2": …, "worker_speedup_2": …, "cache_hit_ms": …}."""
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="zitat-bench-") as tmp, EmbeddedRedis(Path(tmp) / "redis") as redis:
        logs = Path(tmp)
        service = QuoteService(redis.new_client(), extractor=extractor)
        for n in counts:
            out[f"docs_per_s_{n}"] = round(throughput(service, articles, n, redis.url, logs), 3)
        out["cache_hit_ms"] = round(cache_hit_ms(service, articles[0]), 3)
    if 1 in counts and 2 in counts:
        out["worker_speedup_2"] = round(out["docs_per_s_2"] / out["docs_per_s_1"], 3)
    return out
