"""The gRPC edge with the real extractor (Stanza models): slow, and quote counts depend on the model.

Until the final models land in models/de the conftest fixture uses build/quickmodels, so only
invariants are checked, except for one plain sentence where a direct quote must be found.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from test_grpc_support import channel, serving
from zitat import defaults
from zitat.grpc.client import RemoteExtractor
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

MERKEL = "„Wir werden nicht nachgeben“, sagte Merkel."
ARTICLE = ("Die Verhandlungen in Brüssel sind festgefahren. „Wir werden nicht nachgeben“, sagte Merkel am "
           "Montag. Der französische Präsident erklärte, man sei zu Gesprächen bereit. "
           "Scholz sagte, die Lage sei „sehr ernst“.")


@pytest.fixture(scope="module")
def real_address(extractor):
    with serving(extractor) as (addr, _):
        yield addr


def test_real_extract_offsets_and_fields(real_address, extractor):
    with channel(real_address) as ch:
        response = pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=ARTICLE), timeout=120)
    assert response.model_version == extractor.model_version
    for q in response.quotes:
        assert ARTICLE[q.start:q.end] == q.text
        assert q.kind != pb.QUOTE_KIND_UNSPECIFIED and 0.0 <= q.confidence <= 1.0
        for span in (q.cue, q.speaker_mention):
            assert ARTICLE[span.start:span.end] == span.text


def test_real_remote_extractor_matches_local(real_address, extractor):
    with RemoteExtractor(real_address, timeout=120) as remote:
        assert remote.extract(ARTICLE) == extractor.extract(ARTICLE)


def test_real_extractor_finds_the_direct_quote_in_a_plain_sentence(real_address):
    """About the extractor's quality, not the gRPC edge: fails while quote finding is unfinished."""
    with channel(real_address) as ch:
        quotes = pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=MERKEL), timeout=120).quotes
    direct = [q for q in quotes if q.kind == pb.QUOTE_KIND_DIRECT]
    assert any(q.text == "Wir werden nicht nachgeben" for q in direct), [q.text for q in quotes]


def test_zitat_serve_starts_answers_and_stops_on_sigterm(extractor):
    env = {**os.environ, defaults.ENV_MODEL_DIR: str(extractor.config.model_dir), "ZITAT_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "zitat", "--log-format", "json", "serve", "--address",
                             "127.0.0.1:0", "--no-store", "--grace", "2"], cwd=defaults.REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"listening on (\S+:\d+)", line)
        if not match:
            proc.kill()
            pytest.fail(f"zitat serve printed no address: {line!r}; stderr: {proc.communicate()[1][-2000:]}")
        with channel(match.group(1)) as ch:
            health = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            with pytest.raises(grpc.RpcError) as info:
                pb_grpc.QuotesStub(ch).ListSpeakers(pb.ListSpeakersRequest(), timeout=10)
            assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
