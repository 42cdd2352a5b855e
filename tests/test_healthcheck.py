"""zitat.healthcheck: the probes the compose healthchecks run, against real servers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent import futures
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from redis_server import redis_client, redis_server  # noqa: F401

from foundation import defaults
from zitat import healthcheck

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def health_server():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, f"127.0.0.1:{port}"
    server.stop(None)


def test_grpc_probe(health_server) -> None:
    servicer, address = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    servicer.set("zitat.v1.Quotes", health_pb2.HealthCheckResponse.NOT_SERVING)
    assert healthcheck.main(["grpc", address]) == 0
    assert healthcheck.main(["grpc", address, "--service", "zitat.v1.Quotes"]) == 1
    assert healthcheck.main(["grpc", address, "--service", "no.such.Service"]) == 1


def test_grpc_probe_as_compose_runs_it(health_server) -> None:
    servicer, address = health_server
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    done = subprocess.run(
        [sys.executable, "-m", "zitat.healthcheck", "grpc", address],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("healthy:")


def test_redis_probe(redis_server, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    assert healthcheck.main(["redis"]) == 0
    monkeypatch.setenv(defaults.ENV_REDIS_URL, "redis://127.0.0.1:1/0")
    assert healthcheck.main(["redis"]) == 1


def test_worker_probe_sees_a_live_worker_of_this_host(
    redis_server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    redis_server.client().flushall()
    assert healthcheck.main(["worker"]) == 1  # none yet
    worker = subprocess.Popen(
        [sys.executable, "-m", "zitat", "worker", "--no-preload", "--name", "probe-me"],
        cwd=REPO,
        env={**os.environ, defaults.ENV_REDIS_URL: redis_server.url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while healthcheck.main(["worker"]) != 0:
            assert worker.poll() is None and time.monotonic() < deadline
            time.sleep(0.5)
        ok, message = healthcheck.check_worker()
        assert ok and "probe-me" in message and socket.gethostname() in message
    finally:
        worker.terminate()
        worker.wait(60)
