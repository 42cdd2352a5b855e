"""The gRPC server end to end: real server on 127.0.0.1:0, real channels, stand-in extractor."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
import structlog
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_status import rpc_status

from test_grpc_support import (CRASH_MARKER, SENTENCE_WITH_QUOTE, MemoryQuoteService, StandInExtractor, channel,
                               serving)
from zitat import defaults
from zitat.exceptions import ModelNotAvailable
from zitat.grpc.errors import INTERNAL_MESSAGE
from zitat.grpc.server import EXTRACTOR_SERVICE, QUOTES_SERVICE
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

SENTENCE = SENTENCE_WITH_QUOTE


@pytest.fixture(scope="module")
def address():
    with serving(StandInExtractor()) as (addr, _):
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


def test_health_reports_serving_and_quotes_not_serving_without_store(address):
    with channel(address) as ch:
        check = health_pb2_grpc.HealthStub(ch).Check
        status = {name: check(health_pb2.HealthCheckRequest(service=name), timeout=5).status
                  for name in ("", EXTRACTOR_SERVICE, QUOTES_SERVICE)}
    assert status == {"": health_pb2.HealthCheckResponse.SERVING,
                      EXTRACTOR_SERVICE: health_pb2.HealthCheckResponse.SERVING,
                      QUOTES_SERVICE: health_pb2.HealthCheckResponse.NOT_SERVING}


def test_health_quotes_serving_with_store():
    with serving(StandInExtractor(), MemoryQuoteService()) as (addr, _), channel(addr) as ch:
        response = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=QUOTES_SERVICE))
    assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_both_services(address):
    with channel(address) as ch:
        db = ProtoReflectionDescriptorDatabase(ch)
        services = set(db.get_services())
        extract = db.FindFileContainingSymbol("zitat.v1.Extractor")
    assert {"zitat.v1.Extractor", "zitat.v1.Quotes", "grpc.health.v1.Health"} <= services
    assert {m.name for m in extract.service[0].method} >= {"Extract", "ExtractBatch"}


def test_extract_offsets_point_into_the_document(stub):
    doc = "Emoji 🙂 und Umlaute: " + SENTENCE  # code point offsets, not UTF-8 or UTF-16
    response = stub.Extract(pb.ExtractRequest(text=doc, doc_name="t"), timeout=10)
    assert response.model_version == "stand-in-1"
    assert response.quotes
    for q in response.quotes:
        assert doc[q.start:q.end] == q.text
        assert doc[q.cue.start:q.cue.end] == q.cue.text
        assert doc[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text
        assert q.kind == pb.QUOTE_KIND_DIRECT and not q.HasField("speaker_role") and not q.HasField("stance")


def test_empty_text_is_invalid_argument_with_bad_request(stub):
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text="  \n"), timeout=10)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    violation = bad_request(info.value).field_violations[0]
    assert violation.field == "text" and "empty" in violation.description


def test_document_over_the_limit_is_invalid_argument_naming_it(stub):
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text="a" * (defaults.MAX_DOCUMENT_BYTES + 1)), timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert str(defaults.MAX_DOCUMENT_BYTES) in info.value.details()
    assert bad_request(info.value).field_violations[0].field == "text"


def test_document_at_the_limit_is_processed(stub):
    doc = SENTENCE + "ä" * ((defaults.MAX_DOCUMENT_BYTES - len(SENTENCE.encode())) // 2)
    assert len(doc.encode()) <= defaults.MAX_DOCUMENT_BYTES
    assert stub.Extract(pb.ExtractRequest(text=doc), timeout=30).quotes


def test_batch_stream_survives_bad_items(stub):
    items = [("a", SENTENCE), ("b", ""), ("c", f"{CRASH_MARKER} geheim"), ("d", SENTENCE)]
    responses = list(stub.ExtractBatch(iter(pb.ExtractBatchRequest(id=i, text=t) for i, t in items), timeout=10))
    assert [r.id for r in responses] == ["a", "b", "c", "d"]
    ok = [r for r in responses if not r.HasField("error")]
    assert [r.id for r in ok] == ["a", "d"] and all(r.quotes for r in ok)
    empty, crashed = responses[1].error, responses[2].error
    assert (empty.code, empty.field) == (grpc.StatusCode.INVALID_ARGUMENT.value[0], "text")
    assert crashed.code == grpc.StatusCode.INTERNAL.value[0] and crashed.message == INTERNAL_MESSAGE


def test_unexpected_error_is_internal_and_says_nothing_of_the_document(stub):
    with pytest.raises(grpc.RpcError) as info:
        stub.Extract(pb.ExtractRequest(text=f"{CRASH_MARKER} Geheimnis"), timeout=10)
    assert info.value.code() == grpc.StatusCode.INTERNAL
    assert info.value.details() == INTERNAL_MESSAGE


def test_missing_model_is_failed_precondition():
    with serving(StandInExtractor(error=ModelNotAvailable("no models in /x"))) as (addr, _), channel(addr) as ch:
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SENTENCE), timeout=10)
    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_quotes_rpcs_without_store_are_failed_precondition(address):
    calls = [("SubmitDocument", pb.SubmitDocumentRequest(text=SENTENCE)), ("GetJob", pb.GetJobRequest(job_id="j")),
             ("QuotesBySpeaker", pb.QuotesBySpeakerRequest(name="Merkel")),
             ("ListSpeakers", pb.ListSpeakersRequest()),
             ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id="d1"))]
    with channel(address) as ch:
        stub = pb_grpc.QuotesStub(ch)
        for name, request in calls:
            with pytest.raises(grpc.RpcError) as info:
                getattr(stub, name)(request, timeout=5)
            assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION, name
            assert defaults.ENV_REDIS_URL in info.value.details()


def test_deadline_is_honoured_while_the_extractor_is_busy():
    gate = threading.Event()
    extractor = StandInExtractor(gate=gate)
    with serving(extractor) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SENTENCE), timeout=20)
        assert extractor.started.wait(5)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SENTENCE), timeout=0.3)
        assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        time.sleep(0.3)  # the server gives up waiting at the same deadline
        gate.set()
        assert first.result(10).quotes
    assert extractor.calls == 1, "the timed-out request must not have run the extractor"


def test_batch_deadline_ends_the_stream_with_deadline_exceeded():
    gate = threading.Event()
    extractor = StandInExtractor(gate=gate)
    with serving(extractor) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SENTENCE), timeout=20)
        assert extractor.started.wait(5)
        requests = iter([pb.ExtractBatchRequest(id="a", text=SENTENCE)])
        with pytest.raises(grpc.RpcError) as info:
            list(stub.ExtractBatch(requests, timeout=0.3))
        time.sleep(0.3)
        gate.set()
        first.result(10)
    assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert extractor.calls == 1


def test_requests_beyond_the_queue_are_resource_exhausted():
    gate = threading.Event()
    extractor = StandInExtractor(gate=gate)
    with serving(extractor, max_workers=2, max_concurrent_rpcs=1) as (addr, _), channel(addr) as ch, \
            ThreadPoolExecutor(1) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        first = pool.submit(stub.Extract, pb.ExtractRequest(text=SENTENCE), timeout=20)
        assert extractor.started.wait(5)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SENTENCE), timeout=5)
        gate.set()
        assert first.result(10).quotes
    assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_graceful_stop_says_not_serving_and_lets_calls_finish():
    gate = threading.Event()
    extractor = StandInExtractor(gate=gate)
    with serving(extractor) as (addr, server), channel(addr) as ch, ThreadPoolExecutor(1) as pool:
        first = pool.submit(pb_grpc.ExtractorStub(ch).Extract, pb.ExtractRequest(text=SENTENCE), timeout=20)
        assert extractor.started.wait(5)
        stopped = server.stop(grace=10)
        status = server.health.Check(health_pb2.HealthCheckRequest(service=""), None).status
        assert status == health_pb2.HealthCheckResponse.NOT_SERVING
        gate.set()
        assert first.result(10).quotes
        assert stopped.wait(10)


def test_request_id_is_bound_in_the_handler_and_text_never_logged(stub):
    captured = structlog.testing.LogCapture()
    old = structlog.get_config()
    structlog.configure(processors=[structlog.contextvars.merge_contextvars, captured],
                        cache_logger_on_first_use=False)
    try:
        stub.Extract(pb.ExtractRequest(text=SENTENCE, doc_name="doc-7"), metadata=[("x-request-id", "req-42")],
                     timeout=10)
        time.sleep(0.1)  # the interceptor's final line is written after the response is sent
    finally:
        structlog.configure(**old)
    done = [e for e in captured.entries if e["event"] == "extract.done"]
    assert done and done[0]["request_id"] == "req-42" and done[0]["doc_name"] == "doc-7"
    assert any(e["event"] == "rpc.done" and e.get("request_id") == "req-42" for e in captured.entries)
    assert not any("nachgeben" in repr(e) for e in captured.entries)


def test_quotes_rpcs_with_store():
    service = MemoryQuoteService()
    with serving(StandInExtractor(), service) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.QuotesStub(ch)
        submitted = stub.SubmitDocument(pb.SubmitDocumentRequest(text=SENTENCE, doc_name="x"), timeout=5)
        assert (submitted.job_id, submitted.state, submitted.cached) == ("job-1", pb.JOB_STATE_QUEUED, False)
        job = stub.GetJob(pb.GetJobRequest(job_id="job-1"), timeout=5).job
        assert job.state == pb.JOB_STATE_FINISHED and job.quote_count == 1 and not job.HasField("error")

        page = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(
            name="Merkel", sort=pb.SPEAKER_SORT_HAWKISH, stance=pb.STANCE_LABEL_HAWKISH), timeout=5)
        assert page.speaker == "Angela Merkel" and page.total == 1
        assert service.last_query == ("Merkel", "hawkish", 20, 0, "hawkish")
        quote = page.quotes[0]
        assert quote.quote.stance.label == pb.STANCE_LABEL_HAWKISH and quote.published.seconds == 1_700_000_000
        unknown = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Niemand"), timeout=5)
        assert not unknown.HasField("speaker") and unknown.total == 0

        speakers = stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=5).speakers
        assert [(s.speaker, s.quote_count, list(s.aliases)) for s in speakers] == \
            [("Angela Merkel", 1, ["Merkel"])]
        assert len(stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id="d1"), timeout=5).quotes) == 1

        expected = [(lambda: stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id="nope")), "NOT_FOUND"),
                    (lambda: stub.GetJob(pb.GetJobRequest(job_id="nope")), "NOT_FOUND"),
                    (lambda: stub.ListSpeakers(pb.ListSpeakersRequest(limit=-1)), "INVALID_ARGUMENT"),
                    (lambda: stub.SubmitDocument(pb.SubmitDocumentRequest(text="")), "INVALID_ARGUMENT")]
        for call, code in expected:
            with pytest.raises(grpc.RpcError) as info:
                call()
            assert info.value.code().name == code
        service.down = True
        with pytest.raises(grpc.RpcError) as info:
            stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=5)
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE
