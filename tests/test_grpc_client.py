"""RemoteExtractor against a real server with the real Stanza extractor: the same answers as that
extractor in-process, and zitat exceptions for the server's errors."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading

import pytest
from test_grpc_support import (
    ARTICLE,
    NO_QUOTE,
    SCHOLZ,
    GatedExtractor,
    find_scholz,
    has_scholz_quote,
    self_signed_certificate,
    serving,
)

from extractor.api import Extractor
from extractor.nlp import ModelConfig
from foundation import defaults
from foundation.errors import InvalidDocument, ModelNotAvailable
from zitat.grpc.client import ExtractorUnavailable, RemoteExtractor
from zitat.grpc.retry import RetryPolicy
from zitat.grpc.server import TLSConfig

DOCS = [SCHOLZ, NO_QUOTE, ARTICLE]
NO_RETRY = RetryPolicy(budget=0)  # where failing at once is the point (retries: test_grpc_retry.py)


@pytest.fixture(scope="module")
def address(extractor):
    with serving(extractor) as (addr, _):
        yield addr


@pytest.mark.slow
def test_extract_returns_the_same_quotes_as_the_local_extractor(address, extractor):
    with RemoteExtractor(address, timeout=60) as remote:
        assert remote.model_version == extractor.model_version
        scholz = remote.extract(SCHOLZ)
        assert scholz == extractor.extract(SCHOLZ) and find_scholz(scholz)
        assert remote.extract_many(DOCS) == extractor.extract_many(DOCS)
        assert remote.extract_many([]) == []


@pytest.mark.slow
def test_invalid_document_raises_invalid_document(address):
    with RemoteExtractor(address, timeout=60) as remote, pytest.raises(InvalidDocument) as info:
        remote.extract_many([SCHOLZ, ""])
    assert info.value.field == "text"


def test_server_side_errors_map_back_to_zitat_exceptions(tmp_path):
    """The server's real Extractor has no models to load: ModelNotAvailable crosses the wire."""
    with serving(Extractor(ModelConfig("bundled", tmp_path, threads=1))) as (addr, _):
        with RemoteExtractor(addr, timeout=10) as remote, pytest.raises(ModelNotAvailable):
            remote.extract(SCHOLZ)


def test_unreachable_server_is_extractor_unavailable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens there
    with (
        RemoteExtractor(f"127.0.0.1:{port}", timeout=2, retry_policy=NO_RETRY) as remote,
        pytest.raises(ExtractorUnavailable) as info,
    ):
        remote.extract(SCHOLZ)
    assert isinstance(info.value, ConnectionError)


@pytest.mark.slow
def test_timeout_is_extractor_unavailable(extractor):
    """The real extractor held behind a gate, so that the client's 0.3 s run out while it works."""
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated) as (addr, _):
        try:
            with RemoteExtractor(addr, timeout=0.3) as remote, pytest.raises(ExtractorUnavailable):
                remote.extract(SCHOLZ)
            assert gated.started.is_set()
        finally:
            gate.set()


FORKING_CLIENT = """
import os, sys
from zitat.grpc.client import RemoteExtractor
remote = RemoteExtractor(sys.argv[1], timeout=10)
expected = remote.extract(sys.argv[2])  # channel made in the parent, as in an rq worker
for _ in range(3):
    pid = os.fork()
    if pid == 0:  # the work horse: must not use the parent's channel
        try:
            os._exit(0 if remote.extract(sys.argv[2]) == expected else 1)
        except BaseException as e:
            print("child failed:", repr(e), file=sys.stderr)
            os._exit(2)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0, "child failed"
assert remote.extract(sys.argv[2]) == expected
"""


@pytest.mark.slow
def test_survives_rq_like_fork(address):
    """A client process that used the channel forks (rq's work horse) and both go on using it."""
    result = subprocess.run(
        [sys.executable, "-c", FORKING_CLIENT, address, SCHOLZ],
        cwd=defaults.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_tls(tmp_path, extractor):
    cert, key = self_signed_certificate(tmp_path)
    with serving(extractor, tls=TLSConfig(cert, key)) as (addr, _):
        port = addr.rsplit(":", 1)[1]
        with RemoteExtractor(f"localhost:{port}", timeout=60, tls_ca=cert) as remote:
            assert has_scholz_quote(remote.extract(SCHOLZ))
        with (
            RemoteExtractor(f"localhost:{port}", timeout=2, retry_policy=NO_RETRY) as plaintext,
            pytest.raises(ExtractorUnavailable),
        ):
            plaintext.extract(SCHOLZ)


def test_the_deadline_grows_with_the_document_and_fits_inside_the_job():
    remote = RemoteExtractor("127.0.0.1:1", timeout=60)
    short, largest = "Ein Satz.", "x" * defaults.MAX_DOCUMENT_BYTES
    assert remote.deadline_for([short]) == pytest.approx(60, abs=0.1)
    assert remote.deadline_for([largest]) == pytest.approx(60 + 2048 * defaults.EXTRACT_DEADLINE_PER_KIB_S)
    assert remote.deadline_for([short, short]) == pytest.approx(120, abs=0.1)
    # the job that waits for the extraction lives longer than the longest deadline
    assert remote.deadline_for([largest]) + 60 < defaults.JOB_TIMEOUT
