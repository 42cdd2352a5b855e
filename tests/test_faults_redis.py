"""Redis restarted mid-run: nothing accepted is lost, the services reconnect, calls fail fast meanwhile.

A real redis-server with its append-only file on, a real `zitat serve` (Extractor and Quotes) and a
real forking `zitat worker`, both pointed at it by ZITAT_REDIS_URL. Documents are accepted through
SubmitDocument and through `zitat submit`; once the worker is busy with them, Redis is stopped under
both services, and while it is down every Quotes RPC must fail within seconds with UNAVAILABLE and a
message naming the store. Redis is then started again on the same port and data directory, and the
very same two processes (never restarted) must finish every accepted document, each stored once.

Two ways to stop Redis: SIGTERM (Redis writes out its append-only file and exits: the default
`appendfsync everysec` loses nothing) and SIGKILL (a crash: nothing is flushed, so only
`appendfsync always`, which syncs every write before acknowledging it, promises that everything
acknowledged survives).
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from redis_server import REDIS_SERVER, RedisServer
from test_grpc_support import ARTICLE, SCHOLZ, channel
from zitat_processes import REPO, SEEDS, ZitatProcess, serve, wait_for, worker, zitat_env

from foundation import defaults
from worker.keys import doc_id_for
from worker.service import QuoteService
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(REDIS_SERVER).is_file(), reason=f"no redis-server at {REDIS_SERVER}"),
]

#: A call made while Redis is down must end well before this (it is a bound on hanging, not a speed
#: target: the client gives up on an unreachable store after one quick retry).
FAIL_FAST_S = 5.0
DOWN_S = 3.0  # how long Redis stays down: longer than a seed document's job, so one is caught


def _submit_cli(env: dict[str, str], path: Path) -> tuple[str, str]:
    """`zitat submit FILE` without --wait: it returns once the document is accepted (job id, state)."""
    done = subprocess.run(
        [sys.executable, "-m", "zitat", "submit", str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    _, job_id, state = done.stdout.strip().split("\t")[:3]
    return job_id, state


def _states(stub: pb_grpc.QuotesStub, job_ids) -> dict[str, int]:
    return {j: stub.GetJob(pb.GetJobRequest(job_id=j), timeout=10).job.state for j in job_ids}


def _fails_fast_with_unavailable(call, redis_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        call()
    took = time.monotonic() - started
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE, info.value.details()
    assert took < FAIL_FAST_S, f"took {took:.1f} s"
    assert re.search(rf"cannot reach redis://127\.0\.0\.1:{redis_port}\b", info.value.details()), info.value.details()


@pytest.mark.parametrize(
    "stop_signal, redis_args",
    [
        pytest.param(signal.SIGTERM, (), id="sigterm"),
        pytest.param(signal.SIGKILL, ("--appendfsync", "always"), id="sigkill-appendfsync-always"),
    ],
)
def test_redis_restart_mid_run_loses_nothing(
    stop_signal: signal.Signals, redis_args: tuple[str, ...], tmp_path: Path
) -> None:
    (tmp_path / "redis").mkdir()
    redis = RedisServer(tmp_path / "redis", *redis_args)
    env = zitat_env(redis.url)
    server: ZitatProcess | None = None
    work: ZitatProcess | None = None
    accepted: dict[str, str] = {}  # job id -> text
    try:
        server, address = serve(env, tmp_path / "serve.log")
        # Heartbeats every second while a job runs: the worker's own loop meets the outage too, not
        # just its work horse (rq's default, 30 s, would meet it only in a long job).
        work = worker(env, tmp_path / "worker.log", "--job-monitoring-interval", "1")
        with channel(address) as ch:
            stub = pb_grpc.QuotesStub(ch)
            for path in sorted(SEEDS.glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                reply = stub.SubmitDocument(pb.SubmitDocumentRequest(text=text, doc_name=path.stem), timeout=10)
                accepted[reply.job_id] = text
            article = tmp_path / "article.txt"
            article.write_text(ARTICLE, encoding="utf-8")
            job_id, state = _submit_cli(env, article)
            assert state == "queued"
            accepted[job_id] = ARTICLE

            def mid_run() -> bool:
                states = list(_states(stub, accepted).values())
                return pb.JOB_STATE_FINISHED in states and pb.JOB_STATE_STARTED in states

            wait_for(mid_run, 180, "the worker to be busy with the accepted documents", work, server)
            redis.stop(stop_signal)
            down_since = time.monotonic()

            # Down: every Quotes RPC fails fast and says why; nobody hangs.
            for call in (
                lambda: stub.SubmitDocument(pb.SubmitDocumentRequest(text=SCHOLZ, doc_name="s"), timeout=30),
                lambda: stub.GetJob(pb.GetJobRequest(job_id=next(iter(accepted))), timeout=30),
                lambda: stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=30),
                lambda: stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Pompeo"), timeout=30),
                lambda: stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id=doc_id_for(ARTICLE)), timeout=30),
            ):
                _fails_fast_with_unavailable(call, redis.port)
            time.sleep(max(0.0, DOWN_S - (time.monotonic() - down_since)))
            assert work.alive() and server.alive()
            redis.start()

            # Back: the same server answers and accepts; the same worker finishes everything.
            reply = stub.SubmitDocument(pb.SubmitDocumentRequest(text=SCHOLZ, doc_name="after"), timeout=10)
            accepted[reply.job_id] = SCHOLZ
            wait_for(
                lambda: set(_states(stub, accepted).values()) == {pb.JOB_STATE_FINISHED},
                240,
                "every accepted document to be finished",
                work,
                server,
            )
        events = [e.get("event") for e in work.events()]
        assert "worker.lost_redis" in events and "worker.redis_back" in events, "the outage missed the worker"
        assert work.stop() == 0, work.tail()
        assert server.stop() == 0, server.tail()
        client = redis.client()
        try:
            service = QuoteService(client)
            for job_id, text in accepted.items():
                doc_id = doc_id_for(text)
                quotes = service.document_quotes(doc_id)
                assert quotes, f"no quotes stored for {job_id}"
                assert service.get_job(job_id).quote_count == len(quotes)
                assert len(client.keys(f"{defaults.REDIS_KEY_PREFIX}quote:{doc_id}:*")) == len(quotes)
        finally:
            client.close()
    finally:
        for proc in (work, server):
            if proc is not None and proc.alive():
                proc.kill()
        redis.stop()
