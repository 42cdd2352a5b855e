"""Security, as deployed: a password-protected Redis, `zitat serve` with TLS from its environment, a
real `zitat worker --burst`, and someone with access to Redis planting a pickle in the queue.

One module-scoped deployment (real redis-server with requirepass, real `zitat serve` subprocess with
ZITAT_GRPC_TLS_CERT/KEY, real forking rq worker subprocess) is set up once; each test checks one
guarantee against it. Store-level key tests with hostile names are in test_store.py, rediss:// with a
real TLS Redis in test_worker_connection.py.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import grpc
import pytest
import redis
from redis_server import REDIS_SERVER, RedisServer
from rq import Callback, Queue
from rq.job import Job
from rq.serializers import JSONSerializer
from test_grpc_support import SCHOLZ, SCHOLZ_QUOTE, self_signed_certificate, serving

from foundation import defaults
from foundation.defaults import ENV_TLS_CA, ENV_TLS_CERT, ENV_TLS_KEY
from worker.connection import client_options
from worker.service import QuoteService
from zitat.grpc.client import ExtractorUnavailable, RemoteExtractor
from zitat.grpc.limits import MESSAGE_OPTIONS
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.access(REDIS_SERVER, os.X_OK) or shutil.which("openssl") is None,
        reason="needs redis-server and the openssl CLI",
    ),
]
REPO = Path(__file__).resolve().parent.parent
PASSWORD = "Pw-7f3a-Geheimnis"
#: A sentence no log line could contain by accident: if "Zitronenfalter" shows up, article text leaked.
ARTICLE = "„Die Zitronenfalter-Doktrin gilt ab sofort“, sagte Bundeskanzler Olaf Scholz am Montag."
SECRET_WORDS = ("Zitronenfalter", PASSWORD)
HOSTILE_DOC_NAMES = ["*", "zitat:v2:speakers", "rq:job:*", "a b\nc", "../../etc/passwd", "Name:*:\r\nDEL *"]


class _Pickled:
    """Unpickling this runs `touch marker`: what an attacker with Redis access would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ZITAT_THREADS": "1",
        "PYTHONPATH": str(REPO),
        defaults.ENV_MODELS: "bundled",
        defaults.ENV_MODEL_DIR: str(defaults.BUNDLED_MODEL_DIR),
        **extra,
    }


class Deployment:
    """Redis with a password, `zitat serve` over TLS on it; logs of every process kept in files."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.redis = RedisServer(directory, password=PASSWORD)
        self.client = self.redis.client()
        self.cert, self.key = self_signed_certificate(directory)
        self.serve_log = directory / "serve.log"
        with open(self.serve_log, "w") as log:
            self.serve = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "zitat",
                    "--log-format",
                    "json",
                    "serve",
                    "--address",
                    "127.0.0.1:0",
                    "--grace",
                    "2",
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=_env(
                    **{defaults.ENV_REDIS_URL: self.redis.url, ENV_TLS_CERT: str(self.cert), ENV_TLS_KEY: str(self.key)}
                ),
            )
        line = self.serve.stdout.readline()
        match = re.search(r"listening on \S+:(\d+) \(TLS", line)
        if not match:
            self.stop()
            raise AssertionError(f"zitat serve did not start with TLS: {line!r} {self.serve_log.read_text()[-2000:]}")
        self.address = f"localhost:{match.group(1)}"
        self.worker_output = ""

    def tls_channel(self) -> grpc.Channel:
        creds = grpc.ssl_channel_credentials(self.cert.read_bytes())
        return grpc.secure_channel(self.address, creds, options=MESSAGE_OPTIONS)

    def run_worker(self) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "zitat", "--log-format", "json", "worker", "--burst"],
            cwd=REPO,
            env=_env(**{defaults.ENV_REDIS_URL: self.redis.url}),
            capture_output=True,
            text=True,
            timeout=300,
        )
        self.worker_output = done.stdout + done.stderr
        return done

    def stop(self) -> str:
        """Stop `zitat serve` (SIGTERM) and the Redis; returns everything serve wrote."""
        if self.serve.poll() is None:
            self.serve.send_signal(signal.SIGTERM)
            try:
                self.serve.wait(30)
            except subprocess.TimeoutExpired:
                self.serve.kill()
                self.serve.wait()
        self.client.close()
        self.redis.stop()
        return self.serve_log.read_text() + (self.serve.stdout.read() if self.serve.stdout else "")


@pytest.fixture(scope="module")
def deployment():
    with tempfile.TemporaryDirectory(prefix="zitat-security-") as tmp:
        d = Deployment(Path(tmp))
        try:
            # Someone with Redis access plants a pickle at the head of our queue ...
            d.marker = Path(tmp) / "pwned"
            Queue(defaults.QUEUE_NAME, connection=d.client).enqueue(
                "builtins.print", _Pickled(d.marker), job_id="planted"
            )
            # ... and JSON jobs that name a dangerous function instead of a zitat job function.
            json_queue = Queue(defaults.QUEUE_NAME, connection=d.client, serializer=JSONSerializer)
            d.system_marker, d.eval_marker = Path(tmp) / "system-ran", Path(tmp) / "eval-ran"
            json_queue.enqueue("os.system", f"touch {d.system_marker}", job_id="planted-system")
            json_queue.enqueue("builtins.eval", f"open({str(d.eval_marker)!r}, 'w').close()", job_id="planted-eval")
            json_queue.enqueue(
                "worker.job.process_document",
                "0" * 64,
                "x",
                "Text.",
                None,
                on_failure=Callback("os.system"),
                job_id="planted-callback",
            )
            # ... then documents arrive the normal way, over TLS, with hostile names.
            with d.tls_channel() as ch:
                stub = pb_grpc.QuotesStub(ch)
                d.submitted = [
                    stub.SubmitDocument(pb.SubmitDocumentRequest(text=f"{ARTICLE} ({i})", doc_name=name), timeout=30)
                    for i, name in enumerate(HOSTILE_DOC_NAMES)
                ]
            d.worker = d.run_worker()
            yield d
        finally:
            d.stop()


def test_the_planted_pickle_is_refused_not_executed(deployment):
    assert b"system" in zlib.decompress(deployment.client.hget("rq:job:planted", "data"))  # it really is one
    assert deployment.worker.returncode == 0, deployment.worker.stderr[-2000:]
    assert not deployment.marker.exists()
    planted = Job.fetch("planted", connection=deployment.client, serializer=JSONSerializer)
    assert planted.get_status() == "failed"
    assert "DeserializationError" in planted.latest_result().exc_string


@pytest.mark.parametrize("job_id", ["planted-system", "planted-eval", "planted-callback"])
def test_a_planted_job_naming_another_function_fails_without_running(deployment, job_id):
    assert not deployment.system_marker.exists() and not deployment.eval_marker.exists()
    planted = Job.fetch(job_id, connection=deployment.client, serializer=JSONSerializer)
    assert planted.get_status() == "failed"
    assert planted.latest_result().exc_string.startswith("UnsafeJob:")
    refused = [line for line in deployment.worker_output.splitlines() if "job.refused" in line and job_id in line]
    assert len(refused) == 1 and "touch" not in refused[0] and "open(" not in refused[0]


def test_the_documents_behind_it_are_processed(deployment):
    with deployment.tls_channel() as ch:
        stub = pb_grpc.QuotesStub(ch)
        for submitted in deployment.submitted:
            assert stub.GetJob(pb.GetJobRequest(job_id=submitted.job_id), timeout=10).job.state == pb.JOB_STATE_FINISHED
            quotes = stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id=submitted.doc_id), timeout=10).quotes
            assert [q.quote.speaker for q in quotes if "Zitronenfalter" in q.quote.text] == ["Olaf Scholz"]


def test_names_and_ids_never_reach_outside_their_key_namespace(deployment):
    keys = deployment.client.keys("*")
    assert len(keys) > 10
    outside = [k for k in keys if not k.startswith((defaults.REDIS_KEY_PREFIX.encode(), b"rq:"))]
    assert outside == []
    with deployment.tls_channel() as ch:
        stub = pb_grpc.QuotesStub(ch)
        for pattern in ("*", "Olaf*", "*Scholz", "Schol?", "[O]laf", "zitat:v2:*", "zitat:v2:speaker:*"):
            response = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name=pattern, limit=50), timeout=10)
            assert (response.HasField("speaker"), response.total, list(response.quotes)) == (False, 0, []), pattern
        for call, request in (
            ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id="*")),
            ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id=defaults.REDIS_KEY_PREFIX + "*")),
            ("GetJob", pb.GetJobRequest(job_id="rq:job:*")),
            ("GetJob", pb.GetJobRequest(job_id="*")),
        ):
            with pytest.raises(grpc.RpcError) as info:
                getattr(stub, call)(request, timeout=10)
            assert info.value.code() == grpc.StatusCode.NOT_FOUND, (call, request)
    assert len(deployment.client.keys("*")) == len(keys)  # queries wrote nothing


def test_grpc_tls_is_on_by_configuration(deployment, monkeypatch):
    monkeypatch.setenv(ENV_TLS_CA, str(deployment.cert))
    with RemoteExtractor(deployment.address, timeout=60) as remote:  # the CA comes from the environment
        assert SCHOLZ_QUOTE in [q.text for q in remote.extract(SCHOLZ)]
    monkeypatch.delenv(ENV_TLS_CA)
    with RemoteExtractor(deployment.address, timeout=5) as plaintext, pytest.raises(ExtractorUnavailable):
        plaintext.extract(SCHOLZ)
    with grpc.insecure_channel(deployment.address) as ch, pytest.raises(grpc.RpcError) as info:
        pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SCHOLZ), timeout=5)
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


def test_half_configured_tls_is_refused_at_start(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "zitat", "serve", "--address", "127.0.0.1:0", "--no-store"],
        cwd=REPO,
        env=_env(**{ENV_TLS_CERT: str(tmp_path / "cert.pem")}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert ENV_TLS_CERT in done.stderr and ENV_TLS_KEY in done.stderr and "Traceback" not in done.stderr


def test_a_wrong_redis_password_is_a_clear_error_that_does_not_echo_it(deployment, extractor):
    wrong = deployment.redis.url.replace(PASSWORD, "falsch-Passwort-99")
    done = subprocess.run(
        [sys.executable, "-m", "zitat", "speakers"],
        cwd=REPO,
        timeout=60,
        env=_env(**{defaults.ENV_REDIS_URL: wrong}),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "authentication failed" in done.stderr and "Traceback" not in done.stderr
    assert "falsch-Passwort-99" not in done.stderr + done.stdout

    service = QuoteService(redis.Redis.from_url(wrong, **client_options()), extractor=extractor)
    with serving(extractor, service) as (address, _), grpc.insecure_channel(address) as ch:
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.QuotesStub(ch).ListSpeakers(pb.ListSpeakersRequest(), timeout=10)
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "authentication failed" in info.value.details() and "falsch-Passwort-99" not in info.value.details()


def test_logs_hold_no_article_text_and_no_password(deployment):
    """Runs last: it stops the deployment to read everything `zitat serve` logged."""
    serve_output = deployment.stop()
    assert '"event"' in serve_output and '"event"' in deployment.worker_output  # JSON logs were written
    assert "job_id" in deployment.worker_output
    for output in (serve_output, deployment.worker_output):
        for word in SECRET_WORDS:
            assert word not in output
