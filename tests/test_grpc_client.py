"""RemoteExtractor against a real server: same answers as the extractor behind it, zitat exceptions."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading

import pytest

from test_grpc_support import SENTENCE_WITH_QUOTE, StandInExtractor, serving
from zitat import defaults
from zitat.exceptions import InvalidDocument, ModelNotAvailable
from zitat.grpc.client import ExtractorUnavailable, RemoteExtractor
from zitat.grpc.server import TLSConfig

DOCS = [SENTENCE_WITH_QUOTE, "Kein Zitat hier.", "„Eins“ und „zwei“, sagte Scholz."]


@pytest.fixture(scope="module")
def address():
    with serving(StandInExtractor()) as (addr, _):
        yield addr


def test_extract_returns_the_same_quotes_as_the_local_extractor(address):
    with RemoteExtractor(address, timeout=10) as remote:
        assert remote.model_version == "stand-in-1"
        assert remote.extract(SENTENCE_WITH_QUOTE) == StandInExtractor().extract_many([SENTENCE_WITH_QUOTE])[0]
        assert remote.extract_many(DOCS) == StandInExtractor().extract_many(DOCS)
        assert remote.extract_many([]) == []


def test_invalid_document_raises_invalid_document(address):
    with RemoteExtractor(address, timeout=10) as remote, pytest.raises(InvalidDocument):
        remote.extract_many([SENTENCE_WITH_QUOTE, ""])


def test_server_side_errors_map_back_to_zitat_exceptions():
    with serving(StandInExtractor(error=ModelNotAvailable("no models"))) as (addr, _):
        with RemoteExtractor(addr, timeout=10) as remote, pytest.raises(ModelNotAvailable):
            remote.extract(SENTENCE_WITH_QUOTE)


def test_unreachable_server_is_extractor_unavailable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens there
    with RemoteExtractor(f"127.0.0.1:{port}", timeout=2) as remote, pytest.raises(ExtractorUnavailable) as info:
        remote.extract(SENTENCE_WITH_QUOTE)
    assert isinstance(info.value, ConnectionError)


def test_timeout_is_extractor_unavailable():
    gate = threading.Event()
    with serving(StandInExtractor(gate=gate)) as (addr, _):
        try:
            with RemoteExtractor(addr, timeout=0.3) as remote, pytest.raises(ExtractorUnavailable):
                remote.extract(SENTENCE_WITH_QUOTE)
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


def test_survives_rq_like_fork(address):
    """A client process that used the channel forks (rq's work horse) and both go on using it."""
    result = subprocess.run([sys.executable, "-c", FORKING_CLIENT, address, SENTENCE_WITH_QUOTE],
                            cwd=defaults.REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_tls(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    with serving(StandInExtractor(), tls=TLSConfig(cert, key)) as (addr, _):
        port = addr.rsplit(":", 1)[1]
        with RemoteExtractor(f"localhost:{port}", timeout=10, tls_ca=cert) as remote:
            assert remote.extract(SENTENCE_WITH_QUOTE)
        with RemoteExtractor(f"localhost:{port}", timeout=2) as plaintext, pytest.raises(ExtractorUnavailable):
            plaintext.extract(SENTENCE_WITH_QUOTE)
