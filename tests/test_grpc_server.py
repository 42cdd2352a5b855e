"""The gRPC server end to end: a real server on 127.0.0.1:0, real channels, the real Stanza extractor.

Where a test needs the extractor busy or crashing on cue it goes through GatedExtractor, a thin
wrapper that delegates to the same real extractor (see its docstring). The Quotes service on a real
Redis is in test_grpc_quotes.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import grpc
import pytest
import structlog
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_status import rpc_status
from test_grpc_support import (
    ARTICLE,
    CRASH_MARKER,
    NO_QUOTE,
    SCHOLZ,
    SCHOLZ_QUOTE,
    GatedExtractor,
    channel,
    find_scholz,
    has_scholz_quote,
    serving,
)

from extractor.api import Extractor
from extractor.nlp import ModelConfig
from foundation import defaults
from zitat.grpc import converters as conv
from zitat.grpc.errors import INTERNAL_MESSAGE
from zitat.grpc.server import EXTRACTOR_SERVICE, QUOTES_SERVICE
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow  # every test here serves the real Stanza extractor


@pytest.fixture(scope="module")
def address(extractor):
    with serving(extractor) as (addr, _):
        yield addr


@pytest.fixture(scope="module")
def crash_address(extractor):
    """The real extractor, except that documents containing CRASH_MARKER raise an unexpected error."""
    with serving(GatedExtractor(extractor, crash_marker=CRASH_MARKER)) as (addr, _):
        yield addr


@pytest.fixture
def stub(address):
    with channel(address) as ch:
        yield pb_grpc.ExtractorStub(ch)


def bad_request(err: grpc.RpcError) -> error_details_pb2.BadRequest:
    status = rpc_status.from_call(err)
    assert status is not None, "no google.rpc.Status in the trailers"
    bad = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(bad)
    return bad


def assert_spans_point_into(doc: str, quotes) -> None:
    for q in quotes:
        assert doc[q.start : q.end] == q.text
        assert q.kind != pb.QUOTE_KIND_UNSPECIFIED and 0.0 <= q.confidence <= 1.0
        for name in ("cue", "speaker_mention"):
            if q.HasField(name):
                span = getattr(q, name)
                assert doc[span.start : span.end] == span.text


def test_health_reports_serving_and_quotes_not_serving_without_store(address):
    with channel(address) as ch:
        check = health_pb2_grpc.HealthStub(ch).Check
        status = {
            name: check(health_pb2.HealthCheckRequest(service=name), timeout=5).status
            for name in ("", EXTRACTOR_SERVICE, QUOTES_SERVICE)
        }
    assert status == {
        "": health_pb2.HealthCheckResponse.SERVING,
        EXTRACTOR_SERVICE: health_pb2.HealthCheckResponse.SERVING,
        QUOTES_SERVICE: health_pb2.HealthCheckResponse.NOT_SERVING,
    }


def test_reflection_lists_both_services(address):
    with channel(address) as ch:
        db = ProtoReflectionDescriptorDatabase(ch)
        services = set(db.get_services())
        extract = db.FindFileContainingSymbol("zitat.v1.Extractor")
    assert {"zitat.v1.Extractor", "zitat.v1.Quotes", "grpc.health.v1.Health"} <= services
    assert {m.name for m in extract.service[0].method} >= {"Extract", "ExtractBatch"}


def test_extract_sends_what_the_extractor_found_with_code_point_offsets(stub, extractor):
    doc = "Emoji 🙂 und Umlaute stehen davor. " + SCHOLZ  # code point offsets, not UTF-8 or UTF-16
    response = stub.Extract(pb.ExtractRequest(text=doc, doc_name="t"), timeout=60)
    assert response.model_version == extractor.model_version
    assert list(response.quotes) == [conv.quote_to_pb(q) for q in extractor.extract(doc)]
    assert_spans_point_into(doc, response.quotes)
    (scholz,) = find_scholz(response.quotes)
    assert scholz.kind == pb.QUOTE_KIND_DIRECT and doc[scholz.start - 1] == "„"
    assert scholz.cue.text == "sagte" and "Scholz" in scholz.speaker_mention.text


def test_stances_come_with_the_quotes_only_when_asked_for(stub, extractor):
    from worker.extraction import Pipeline

    doc = "„Wir sind zu Verhandlungen bereit“, sagte Bundeskanzler Olaf Scholz am Montag. " + SCHOLZ
    plain = stub.Extract(pb.ExtractRequest(text=doc), timeout=60)
    assert plain.quotes and not any(q.HasField("stance") for q in plain.quotes)
    scored = stub.Extract(pb.ExtractRequest(text=doc, with_stance=True), timeout=120)
    expected = [conv.quote_to_pb(q, st) for q, st in Pipeline(extractor).process(doc)]  # one parse
    assert list(scored.quotes) == expected
    assert all(q.HasField("stance") and q.stance.label != pb.STANCE_LABEL_UNSPECIFIED for q in scored.quotes)
    talks = next(q for q in scored.quotes if "Verhandlungen" in q.text)
    assert talks.stance.label == pb.STANCE_LABEL_CONCILIATORY
    batch = list(
        stub.ExtractBatch(
            iter(
                [pb.ExtractBatchRequest(id="s", text=doc, with_stance=True), pb.ExtractBatchRequest(id="p", text=doc)]
            ),
            timeout=120,
        )
    )
    assert list(batch[0].quotes) == expected
    assert not any(q.HasField("stance") for q in batch[1].quotes)


def test_extract_article_and_a_document_without_quotes(stub):
    response = stub.Extract(pb.ExtractRequest(text=ARTICLE), timeout=60)
    assert_spans_point_into(ARTICLE, response.quotes)
    assert find_scholz(response.quotes)
    assert list(stub.Extract(pb.ExtractRequest(text=NO_QUOTE), timeout=60).quotes) == []


def test_model_version_rpc(stub, extractor):
    assert stub.GetModelVersion(pb.GetModelVersionRequest(), timeout=10).model_version == extractor.model_version


@pytest.mark.parametrize("text, words", [("  \n", "empty"), ("Text mit \x00 darin", "NUL")])
def test_unusable_text_is_invalid_argument_with_bad_request(stub, text, words):
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text=text), timeout=10)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    violation = bad_request(info.value).field_violations[0]
    assert violation.field == "text" and words in violation.description


def test_document_over_the_limit_is_invalid_argument_naming_it(stub):
    doc = SCHOLZ + "ä" * ((defaults.MAX_DOCUMENT_BYTES - len(SCHOLZ.encode())) // 2 + 1)
    assert len(doc.encode()) > defaults.MAX_DOCUMENT_BYTES >= len(doc)  # over in bytes, not in characters
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text=doc), timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert str(defaults.MAX_DOCUMENT_BYTES) in info.value.details()
    assert bad_request(info.value).field_violations[0].field == "text"


def test_document_at_the_limit_is_processed(stub):
    # Exactly MAX_DOCUMENT_BYTES, multi-byte characters included; padded with blank lines, which
    # Stanza skips quickly (2 MiB of letters would take the real tokenizer half a minute).
    head = SCHOLZ + "\n\n" + "Übergrößenängste " * 100 + "\n"
    doc = head + "\n" * (defaults.MAX_DOCUMENT_BYTES - len(head.encode()))
    assert len(doc.encode()) == defaults.MAX_DOCUMENT_BYTES
    quotes = stub.Extract(pb.ExtractRequest(text=doc), timeout=120).quotes
    assert has_scholz_quote(quotes)
    assert_spans_point_into(doc, quotes)


def test_batch_stream_survives_bad_items(crash_address, extractor):
    items = [("a", SCHOLZ), ("b", ""), ("c", f"{CRASH_MARKER} geheim"), ("d", "Nul\x00l"), ("e", ARTICLE)]
    with channel(crash_address) as ch:
        responses = list(
            pb_grpc.ExtractorStub(ch).ExtractBatch(
                iter(pb.ExtractBatchRequest(id=i, text=t) for i, t in items), timeout=60
            )
        )
    assert [r.id for r in responses] == ["a", "b", "c", "d", "e"]
    assert all(r.model_version == extractor.model_version for r in responses)
    ok = {r.id: r for r in responses if not r.HasField("error")}
    assert set(ok) == {"a", "e"}
    assert list(ok["a"].quotes) == [conv.quote_to_pb(q) for q in extractor.extract(SCHOLZ)]
    assert has_scholz_quote(ok["a"].quotes) and has_scholz_quote(ok["e"].quotes)
    empty, crashed, binary = responses[1].error, responses[2].error, responses[3].error
    for bad in (empty, binary):
        assert (bad.code, bad.field) == (grpc.StatusCode.INVALID_ARGUMENT.value[0], "text")
    assert crashed.code == grpc.StatusCode.INTERNAL.value[0] and crashed.message == INTERNAL_MESSAGE


def test_unexpected_error_is_internal_and_says_nothing_of_the_document(crash_address):
    with channel(crash_address) as ch, pytest.raises(grpc.RpcError) as info:
        pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=f"{CRASH_MARKER} Geheimnis"), timeout=10)
    assert info.value.code() == grpc.StatusCode.INTERNAL
    assert info.value.details() == INTERNAL_MESSAGE


def test_missing_model_is_failed_precondition(tmp_path):
    """A real Extractor pointed at a folder without models: loading fails with ModelNotAvailable."""
    no_models = Extractor(ModelConfig("bundled", tmp_path, threads=1))
    with serving(no_models) as (addr, _), channel(addr) as ch, pytest.raises(grpc.RpcError) as info:
        pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SCHOLZ), timeout=10)
    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "tokenize.pt" in info.value.details()


def test_quotes_rpcs_without_store_are_failed_precondition(address):
    calls = [
        ("SubmitDocument", pb.SubmitDocumentRequest(text=SCHOLZ)),
        ("GetJob", pb.GetJobRequest(job_id="j")),
        ("QuotesBySpeaker", pb.QuotesBySpeakerRequest(name="Scholz")),
        ("ListSpeakers", pb.ListSpeakersRequest()),
        ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id="d1")),
    ]
    with channel(address) as ch:
        stub = pb_grpc.QuotesStub(ch)
        for name, request in calls:
            with pytest.raises(grpc.RpcError) as info:
                getattr(stub, name)(request, timeout=5)
            assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION, name
            assert defaults.ENV_REDIS_URL in info.value.details()


def test_deadline_is_honoured_while_the_extractor_is_busy(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SCHOLZ), timeout=30)
        assert gated.started.wait(5)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=0.3)
        assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        time.sleep(0.3)  # the server gives up waiting at the same deadline
        gate.set()
        assert has_scholz_quote(first.result(30).quotes)
    assert gated.calls == 1, "the timed-out request must not have run the extractor"


def test_batch_deadline_ends_the_stream_with_deadline_exceeded(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SCHOLZ), timeout=30)
        assert gated.started.wait(5)
        requests = iter([pb.ExtractBatchRequest(id="a", text=SCHOLZ)])
        with pytest.raises(grpc.RpcError) as info:
            list(stub.ExtractBatch(requests, timeout=0.3))
        time.sleep(0.3)
        gate.set()
        first.result(30)
    assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert gated.calls == 1


def test_requests_beyond_the_queue_are_resource_exhausted(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with (
        serving(gated, max_workers=2, max_concurrent_rpcs=1) as (addr, _),
        channel(addr) as ch,
        ThreadPoolExecutor(1) as pool,
    ):
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SCHOLZ), timeout=30)
        assert gated.started.wait(5)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=5)
        gate.set()
        assert has_scholz_quote(first.result(30).quotes)
    assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_graceful_stop_says_not_serving_and_lets_calls_finish(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated) as (addr, server), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        first = pool.submit(pb_grpc.ExtractorStub(ch).Extract, pb.ExtractRequest(text=SCHOLZ), timeout=30)
        assert gated.started.wait(5)
        stopped = server.stop(grace=10)
        status = server.health.Check(health_pb2.HealthCheckRequest(service=""), None).status
        assert status == health_pb2.HealthCheckResponse.NOT_SERVING
        gate.set()
        assert has_scholz_quote(first.result(30).quotes)
        assert stopped.wait(10)


def test_request_id_is_bound_in_the_handler_and_text_never_logged(stub):
    captured = structlog.testing.LogCapture()
    old = structlog.get_config()
    structlog.configure(processors=[structlog.contextvars.merge_contextvars, captured], cache_logger_on_first_use=False)
    try:
        response = stub.Extract(
            pb.ExtractRequest(text=SCHOLZ, doc_name="doc-7"), metadata=[("x-request-id", "req-42")], timeout=60
        )
        time.sleep(0.1)  # the interceptor's final line is written after the response is sent
    finally:
        structlog.configure(**old)
    assert has_scholz_quote(response.quotes)
    done = [e for e in captured.entries if e["event"] == "extract.done"]
    assert done and done[0]["request_id"] == "req-42" and done[0]["doc_name"] == "doc-7"
    assert done[0]["quotes"] == len(response.quotes)
    assert any(e["event"] == "rpc.done" and e.get("request_id") == "req-42" for e in captured.entries)
    assert not any(word in repr(e) for e in captured.entries for word in ("nachgeben", "Scholz"))


@contextmanager
def _zitat_serve(extractor, *args: str, **env: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`zitat serve` on a free port with the bundled models: the process and its address, once it
    says it listens. Leaving the block stops it with SIGTERM, which must end it cleanly (exit 0)."""
    env = {**os.environ, defaults.ENV_MODEL_DIR: str(extractor.config.model_dir), defaults.ENV_THREADS: "1", **env}
    command = ["zitat", "--log-format", "json", "serve", "--address", "127.0.0.1:0", "--grace", "2", *args]
    proc = subprocess.Popen(
        [sys.executable, "-m", *command],
        cwd=defaults.REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"listening on (\S+:\d+).*quote store (on|off)", line)
        if not match:
            proc.kill()
            pytest.fail(f"zitat serve printed no address: {line!r}; stderr: {proc.communicate()[1][-2000:]}")
        yield proc, match.group(1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_zitat_serve_starts_answers_and_stops_on_sigterm(extractor):
    with _zitat_serve(extractor, "--no-store") as (_, address), channel(address) as ch:
        health = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
        assert health.status == health_pb2.HealthCheckResponse.SERVING
        response = pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SCHOLZ), timeout=60)
        assert response.model_version == extractor.model_version
        assert [q.text for q in response.quotes] == [q.text for q in extractor.extract(SCHOLZ)]
        assert SCHOLZ_QUOTE in [q.text for q in response.quotes]
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.QuotesStub(ch).ListSpeakers(pb.ListSpeakersRequest(), timeout=10)
        assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION


@pytest.mark.slow
def test_zitat_serve_starts_while_its_configured_store_is_down(extractor):
    """A configured Redis that does not answer at start-up is not a reason to refuse extraction: the
    server starts, extracts, and its Quotes calls say UNAVAILABLE until the store is back."""
    from redis_server import free_port

    down = {defaults.ENV_REDIS_URL: f"redis://127.0.0.1:{free_port()}/0"}
    with _zitat_serve(extractor, **down) as (proc, address), channel(address) as ch:
        response = pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SCHOLZ), timeout=60)
        assert SCHOLZ_QUOTE in [q.text for q in response.quotes]
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.QuotesStub(ch).ListSpeakers(pb.ListSpeakersRequest(), timeout=20)
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "serve.store_unreachable" in proc.stderr.read()
