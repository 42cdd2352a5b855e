"""Requests an attacker or a broken client sends: each gets a clear status, bounded in size, and the
server's log tells the truth about how the call ended.

A real server on a loopback port with the real extractor (and a real Redis for the Quotes RPCs).
"""

from __future__ import annotations

import threading
import time

import grpc
import pytest
import structlog
from redis_server import redis_client, redis_server  # noqa: F401
from test_grpc_support import SCHOLZ, GatedExtractor, channel, serving

from foundation import defaults
from worker.service import QuoteService
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow


def _raw_call(ch: grpc.Channel, method: str, payload: bytes, timeout: float = 10) -> bytes:
    """Send bytes as they are, without a client-side protobuf encoder in the way."""
    return ch.unary_unary(method, request_serializer=None, response_deserializer=None)(payload, timeout=timeout)


def test_a_string_field_that_is_not_utf8_is_invalid_argument(extractor):
    text = "„Ein Satz“, sagte er.".encode()
    bad = b"\x0a" + bytes([len(text) + 2]) + text + b"\xc3\x28"  # field 1 (text), then a broken sequence
    with serving(extractor) as (addr, _), channel(addr) as ch:
        with pytest.raises(grpc.RpcError) as info:
            _raw_call(ch, "/zitat.v1.Extractor/Extract", bad)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "UTF-8" in info.value.details()
        # the stream variant fails the same way, and the server goes on serving
        stream = ch.stream_stream(
            "/zitat.v1.Extractor/ExtractBatch", request_serializer=None, response_deserializer=None
        )
        with pytest.raises(grpc.RpcError) as info:
            list(stream(iter([bad]), timeout=10))
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert pb_grpc.ExtractorStub(ch).Extract(pb.ExtractRequest(text=SCHOLZ), timeout=30).quotes


def test_an_overlong_doc_name_is_refused_per_document(extractor):
    long_name = "n" * (defaults.MAX_DOC_NAME_CHARS + 1)
    with serving(extractor) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SCHOLZ, doc_name=long_name), timeout=30)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "doc_name" in info.value.details()
        answers = list(
            stub.ExtractBatch(
                iter(
                    [
                        pb.ExtractBatchRequest(id="a", text=SCHOLZ, doc_name=long_name),
                        pb.ExtractBatchRequest(id="b", text=SCHOLZ, doc_name="ok"),
                    ]
                ),
                timeout=30,
            )
        )
        assert [a.id for a in answers] == ["a", "b"]
        assert answers[0].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        assert answers[0].error.field == "doc_name"
        assert answers[1].quotes


def test_huge_ids_and_names_get_small_answers(extractor, redis_client):  # noqa: F811
    with serving(extractor, QuoteService(redis_client)) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.QuotesStub(ch)
        with pytest.raises(grpc.RpcError) as info:
            stub.GetJob(pb.GetJobRequest(job_id="x" * 20_000), timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert len(info.value.details()) < 300
        with pytest.raises(grpc.RpcError) as info:
            stub.GetJob(pb.GetJobRequest(job_id="y" * 150), timeout=10)  # valid shape, unknown
        assert info.value.code() == grpc.StatusCode.NOT_FOUND and len(info.value.details()) < 300
        with pytest.raises(grpc.RpcError) as info:
            stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id="z" * 20_000), timeout=10)
        assert info.value.code() == grpc.StatusCode.NOT_FOUND and len(info.value.details()) < 300
        with pytest.raises(grpc.RpcError) as info:
            stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="P" * 20_000), timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT and len(info.value.details()) < 300


def test_an_ambiguous_surname_answers_with_the_candidates(extractor, redis_client):  # noqa: F811
    from test_store import QuoteStore, one_quote

    store = QuoteStore(redis_client)
    one_quote(
        store,
        "„Die Truppe braucht mehr Geld“, sagte Boris Pistorius.",
        "Die Truppe braucht mehr Geld",
        "Boris Pistorius",
    )
    one_quote(store, "„Der Verein steigt auf“, sagte Kurt Pistorius.", "Der Verein steigt auf", "Kurt Pistorius")
    with serving(extractor, QuoteService(redis_client)) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.QuotesStub(ch)
        with pytest.raises(grpc.RpcError) as info:
            stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Pistorius"), timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "Boris Pistorius" in info.value.details() and "Kurt Pistorius" in info.value.details()
        answer = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Kurt Pistorius"), timeout=10)
        assert answer.speaker == "Kurt Pistorius" and answer.total == 1


def test_a_call_its_client_gave_up_on_is_not_logged_ok(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with structlog.testing.capture_logs() as logs, serving(gated) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=0.5)
        assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        gate.set()
        time.sleep(1.0)  # the server finishes its side
    done = [e for e in logs if e.get("event") == "rpc.done"]  # the only call made: that Extract
    assert [e["code"] for e in done] == ["DEADLINE_EXCEEDED"], logs


def test_an_unknown_sort_is_refused_not_answered_as_newest(extractor, redis_client):  # noqa: F811
    with serving(extractor, QuoteService(redis_client)) as (addr, _), channel(addr) as ch:
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.QuotesStub(ch).QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Scholz", sort=99), timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "sort" in info.value.details()


def test_errors_that_share_a_code_are_told_apart_by_their_reason(extractor):
    from zitat.grpc import errors
    from zitat.grpc.errors import QuoteStoreNotConfigured

    with serving(extractor) as (addr, _), channel(addr) as ch:  # no store
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.QuotesStub(ch).ListSpeakers(pb.ListSpeakersRequest(), timeout=10)
    err = info.value
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert errors.error_reason(err) == "QuoteStoreNotConfigured"
    mapped = errors.from_status(err.code(), err.details(), None, errors.error_reason(err))
    assert isinstance(mapped, QuoteStoreNotConfigured)
