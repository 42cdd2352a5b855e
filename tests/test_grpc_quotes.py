"""zitat.v1.Quotes end to end: real server, real worker.service.QuoteService on a real redis-server.

Documents get into the store the way production puts them there: SubmitDocument queues an rq job
in Redis, and a real (in-process, burst) zitat worker runs worker.job.process_document on it with
the real extractor and the real stance scorer. Nothing is written to the store by hand.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import SimpleNamespace

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from redis_server import RedisServer, redis_server  # noqa: F401
from test_grpc_support import ARTICLE, SCHOLZ_QUOTE, SCHOLZ_SPEAKER, channel, find_scholz, serving

from foundation import defaults
from worker import extraction
from worker.keys import doc_id_for
from worker.runner import build_worker
from worker.service import QuoteService
from worker.types import StatementQuery
from zitat.grpc import converters as conv
from zitat.grpc.server import QUOTES_SERVICE
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow  # real Stanza models and a real redis-server


@pytest.fixture(scope="module")
def job_pipeline(extractor):
    """The rq job runs with the session's real extractor (set as the worker process's extractor
    rather than loaded a second time) and the real stance scorer on the same models."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(defaults.ENV_GRPC_ADDRESS, raising=False)
        mp.setenv("ZITAT_THREADS", "1")
        mp.setenv(defaults.ENV_MODELS, extractor.config.source)
        mp.setenv(
            defaults.ENV_MODEL_DIR if extractor.config.source == "bundled" else defaults.ENV_STANZA_DIR,
            str(extractor.config.model_dir),
        )
        extraction.reset()
        extraction.use_extractor(extractor)
        try:
            yield
        finally:
            extraction.reset()


@pytest.fixture(scope="module")
def store(extractor, redis_server, job_pipeline):  # noqa: F811
    """A server with a QuoteService on an emptied real Redis, and ARTICLE submitted and processed."""
    client = redis_server.client()
    client.flushall()
    service = QuoteService(client, extractor=extractor)  # as `zitat serve` builds it
    try:
        with serving(extractor, service) as (addr, _), channel(addr) as ch:
            stub = pb_grpc.QuotesStub(ch)
            submitted = stub.SubmitDocument(pb.SubmitDocumentRequest(text=ARTICLE, doc_name="bruessel"), timeout=10)
            queued = stub.GetJob(pb.GetJobRequest(job_id=submitted.job_id), timeout=10).job
            handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                worked = build_worker(client, simple=True).work(burst=True)
            finally:  # rq installs its own; pytest's Ctrl-C handling should survive the module
                for sig, handler in handlers.items():
                    signal.signal(sig, handler)
            finished = stub.GetJob(pb.GetJobRequest(job_id=submitted.job_id), timeout=10).job
            yield SimpleNamespace(
                address=addr,
                stub=stub,
                service=service,
                client=client,
                submitted=submitted,
                queued=queued,
                worked=worked,
                finished=finished,
            )
    finally:
        client.flushall()
        client.close()


@pytest.fixture
def scholz_stored(store):
    """The stored Scholz quote(s): the speaker queries below are about him."""
    quotes = store.service.document_quotes(doc_id_for(ARTICLE))
    return find_scholz([q.quote for q in quotes])


def test_health_says_quotes_serving_with_a_store(store):
    with channel(store.address) as ch:
        response = health_pb2_grpc.HealthStub(ch).Check(
            health_pb2.HealthCheckRequest(service=QUOTES_SERVICE), timeout=5
        )
    assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_submitted_document_is_queued_then_finished_by_the_worker(store):
    submitted, doc_id = store.submitted, doc_id_for(ARTICLE)
    assert (submitted.doc_id, submitted.state, submitted.cached) == (doc_id, pb.JOB_STATE_QUEUED, False)
    assert (store.queued.job_id, store.queued.state) == (submitted.job_id, pb.JOB_STATE_QUEUED)
    assert store.worked, "the worker found no job in the queue"
    job = store.finished
    assert (job.job_id, job.doc_id, job.state) == (submitted.job_id, doc_id, pb.JOB_STATE_FINISHED)
    assert not job.HasField("error")
    assert job.quote_count == len(store.service.document_quotes(doc_id)) >= 1


def test_resubmitting_is_answered_from_the_cache(store):
    again = store.stub.SubmitDocument(pb.SubmitDocumentRequest(text=ARTICLE, doc_name="bruessel"), timeout=10)
    assert (again.job_id, again.doc_id, again.state, again.cached) == (
        store.submitted.job_id,
        store.submitted.doc_id,
        pb.JOB_STATE_FINISHED,
        True,
    )
    assert store.service.queue.count == 0


def test_document_quotes_are_what_the_extractor_found_with_stances(store, extractor):
    doc_id = doc_id_for(ARTICLE)
    quotes = store.stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id=doc_id), timeout=10).quotes
    assert [conv.stored_quote_from_pb(q) for q in quotes] == store.service.document_quotes(doc_id)
    assert [conv.quote_from_pb(q.quote) for q in quotes] == extractor.extract(ARTICLE)
    for i, stored in enumerate(quotes):
        assert (stored.quote_id, stored.doc_id, stored.doc_name) == (f"{doc_id}:{i}", doc_id, "bruessel")
        assert ARTICLE[stored.quote.start : stored.quote.end] == stored.quote.text
        assert stored.quote.HasField("stance") and -1.0 <= stored.quote.stance.score <= 1.0
        assert stored.quote.stance.label != pb.STANCE_LABEL_UNSPECIFIED
        for e in stored.quote.stance.evidence:
            assert ARTICLE[e.start : e.end] == e.text
        assert abs(stored.published.seconds - time.time()) < 600
    assert find_scholz([q.quote for q in quotes])


def test_quotes_by_speaker_resolves_aliases_sorts_and_filters(store, scholz_stored):
    stub = store.stub
    page = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="scholz", sort=pb.SPEAKER_SORT_HAWKISH), timeout=10)
    assert page.speaker == SCHOLZ_SPEAKER and page.total == len(page.statements) >= 1
    assert not page.quotes  # deprecated: the store keeps statements
    assert all(s.speaker == SCHOLZ_SPEAKER for s in page.statements)
    assert SCHOLZ_QUOTE in [s.text for s in page.statements]
    scores = [s.stance.score for s in page.statements]
    assert scores == sorted(scores, reverse=True)
    assert conv.statement_page_from_pb(page) == store.service.statements(
        StatementQuery(speaker="scholz", sort="hawkish")
    )
    for st in page.statements:
        assert st.count == 1 and st.first_seen.doc_name == "bruessel"
        assert ARTICLE[st.first_seen.start : st.first_seen.end] == st.first_seen.text

    for alias in ("Olaf Scholz", "OLAF SCHOLZ", "Bundeskanzler Scholz"):
        found = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name=alias), timeout=10)
        assert (found.speaker, found.total) == (SCHOLZ_SPEAKER, page.total), alias

    by_label = {
        label: stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Scholz", stance=label), timeout=10)
        for label in (pb.STANCE_LABEL_HAWKISH, pb.STANCE_LABEL_NEUTRAL, pb.STANCE_LABEL_CONCILIATORY)
    }
    assert sum(r.total for r in by_label.values()) == page.total
    for label, response in by_label.items():
        assert all(s.stance.label == label for s in response.statements)

    by_mode = {
        mode: stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Scholz", mode=mode), timeout=10)
        for mode in (pb.QUOTE_MODE_SPEECH, pb.QUOTE_MODE_THOUGHT, pb.QUOTE_MODE_WRITING)
    }
    assert sum(r.total for r in by_mode.values()) == page.total
    for mode, response in by_mode.items():
        assert all(s.mode == mode for s in response.statements)
    for bad in (
        pb.QuotesBySpeakerRequest(name="Scholz", mode=7),
        pb.QuotesBySpeakerRequest(name="Scholz", sort=9),
        pb.QuotesBySpeakerRequest(name="Scholz", filter=pb.StatementFilter(published_from="gestern")),
    ):
        with pytest.raises(grpc.RpcError) as info:
            stub.QuotesBySpeaker(bad, timeout=10)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    first = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Scholz", limit=1), timeout=10)
    assert len(first.statements) == 1 and first.total == page.total

    unknown = stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Niemand"), timeout=10)
    assert not unknown.HasField("speaker") and unknown.total == 0 and not unknown.statements


def test_list_speakers_is_the_store_s_list(store, scholz_stored):
    speakers = store.stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=10).speakers
    assert [conv.speaker_count_from_pb(s) for s in speakers] == store.service.list_speakers(20, 0)
    scholz = [s for s in speakers if s.speaker == SCHOLZ_SPEAKER]
    assert scholz and scholz[0].quote_count >= len(scholz_stored) >= 1
    counts = [s.quote_count for s in speakers]
    assert counts == sorted(counts, reverse=True)
    assert len(store.stub.ListSpeakers(pb.ListSpeakersRequest(limit=1), timeout=10).speakers) == 1


@pytest.mark.parametrize(
    "method, request_, code",
    [
        ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id="0" * 64), "NOT_FOUND"),
        ("GetDocumentQuotes", pb.GetDocumentQuotesRequest(doc_id="nope"), "NOT_FOUND"),
        ("GetJob", pb.GetJobRequest(job_id="nope"), "NOT_FOUND"),
        ("GetJob", pb.GetJobRequest(job_id="doc-" + "0" * 64 + "-000000000000"), "NOT_FOUND"),
        ("ListSpeakers", pb.ListSpeakersRequest(limit=-1), "INVALID_ARGUMENT"),
        ("QuotesBySpeaker", pb.QuotesBySpeakerRequest(name="  "), "INVALID_ARGUMENT"),
        ("SubmitDocument", pb.SubmitDocumentRequest(text=""), "INVALID_ARGUMENT"),
        ("SubmitDocument", pb.SubmitDocumentRequest(text=ARTICLE, doc_name="x" * 5000), "INVALID_ARGUMENT"),
    ],
)
def test_errors_from_the_store(store, method, request_, code):
    with pytest.raises(grpc.RpcError) as info:
        getattr(store.stub, method)(request_, timeout=10)
    assert info.value.code().name == code


def test_redis_going_away_is_unavailable(extractor, tmp_path: Path):
    """A redis-server of its own (the shared one keeps running), stopped under a serving server."""
    redis = RedisServer(tmp_path)
    client = redis.client()
    try:
        with serving(extractor, QuoteService(client, extractor=extractor)) as (addr, _), channel(addr) as ch:
            stub = pb_grpc.QuotesStub(ch)
            assert list(stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=10).speakers) == []
            redis.stop()
            calls = [
                lambda: stub.ListSpeakers(pb.ListSpeakersRequest(), timeout=10),
                lambda: stub.QuotesBySpeaker(pb.QuotesBySpeakerRequest(name="Scholz"), timeout=10),
                lambda: stub.GetDocumentQuotes(pb.GetDocumentQuotesRequest(doc_id="0" * 64), timeout=10),
                lambda: stub.GetJob(pb.GetJobRequest(job_id="doc-x"), timeout=10),
                lambda: stub.SubmitDocument(pb.SubmitDocumentRequest(text=ARTICLE), timeout=10),
            ]
            for call in calls:
                started = time.monotonic()
                with pytest.raises(grpc.RpcError) as info:
                    call()
                assert info.value.code() == grpc.StatusCode.UNAVAILABLE, info.value.details()
                assert time.monotonic() - started < 5
    finally:
        client.close()
        redis.stop()
