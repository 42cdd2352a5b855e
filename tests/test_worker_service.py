"""worker.service.QuoteService: what the CLI, the gRPC servicers and the web pages call, on a real Redis."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
import redis
from redis_server import RedisServer, redis_client, redis_server  # noqa: F401
from test_store import POMPEO_DOC, PSAKI_DOC, pompeo_quotes, psaki_quotes

from foundation import defaults
from foundation.errors import InvalidDocument, NotFound, StoreUnavailable
from worker.connection import client_options
from worker.keys import doc_id_for
from worker.service import QuoteService
from worker.types import ArticleMeta, JobStatus, SpeakerCount, Statement, StatementQuery


@pytest.fixture
def service(redis_client: redis.Redis) -> QuoteService:
    return QuoteService(redis_client)


def test_submit_then_resubmit(service: QuoteService) -> None:
    first = service.submit_document(POMPEO_DOC, "000")
    assert isinstance(first, JobStatus)
    assert (first.state, first.cached, first.doc_id) == ("queued", False, doc_id_for(POMPEO_DOC))
    assert len(first.article_id) == 64  # the article this submission registered
    assert service.get_job(first.job_id) == replace(first, article_id="")
    again = service.submit_document(POMPEO_DOC, "000")
    assert (again.job_id, again.cached) == (first.job_id, True)
    assert service.queue.count == 1


@pytest.mark.parametrize("text", ["", "   \n", "a\x00b", 42])
def test_invalid_documents_are_refused(service: QuoteService, text) -> None:
    with pytest.raises(InvalidDocument):
        service.submit_document(text, "x")
    assert service.queue.count == 0


def test_doc_name_is_bounded(service: QuoteService) -> None:
    with pytest.raises(InvalidDocument) as info:
        service.submit_document(POMPEO_DOC, "x" * 5000)
    assert info.value.field == "doc_name"


def test_cached_document_and_expired_job_record(service: QuoteService, redis_client: redis.Redis) -> None:
    doc_id = doc_id_for(POMPEO_DOC)
    service.store.write_document(doc_id, "000", service.pipeline_version(), pompeo_quotes())
    status = service.submit_document(POMPEO_DOC, "000")
    assert (status.state, status.cached, status.quote_count) == ("finished", True, 2)
    # No rq record exists for it (none was ever needed): get_job still answers from the cache.
    assert not redis_client.exists(f"rq:job:{status.job_id}")
    assert service.get_job(status.job_id) == replace(status, article_id="")
    # a cached document is published at once as the submitted article
    assert [q.statement_id != "" for q in service.get_article(status.article_id).quotes] == [True, True]


@pytest.mark.parametrize("job_id", ["*", "rq:job:*", "doc-" + "0" * 64 + "-000000000000", "nope", "a b", ""])
def test_unknown_jobs(service: QuoteService, job_id: str) -> None:
    with pytest.raises(NotFound):
        service.get_job(job_id)


def test_queries(service: QuoteService) -> None:
    for doc, name, quotes in ((POMPEO_DOC, "000", pompeo_quotes()), (PSAKI_DOC, "004", psaki_quotes())):
        service.store.write_document(doc_id_for(doc), name, "v", quotes)
        service.archive.publish(service.archive.register(doc_id_for(doc), name, ArticleMeta()))
    page = service.statements(StatementQuery(speaker="pompeo", sort="hawkish", limit=1))
    assert (page.speaker, page.total) == ("Mike Pompeo", 2)
    assert isinstance(page.statements[0], Statement) and page.statements[0].stance.score == 0.8
    assert service.statements(StatementQuery(speaker="Psaki", sort="conciliatory", stance="hawkish")).total == 1
    assert service.statements(StatementQuery(speaker="Niemand")).speaker is None
    speakers = service.list_speakers(10, 0)
    assert all(isinstance(s, SpeakerCount) for s in speakers)
    assert [(s.speaker, s.quotes) for s in speakers] == [("Jen Psaki", 2), ("Mike Pompeo", 2)] or [
        (s.speaker, s.quotes) for s in speakers
    ] == [("Mike Pompeo", 2), ("Jen Psaki", 2)]
    quotes = service.document_quotes(doc_id_for(PSAKI_DOC))
    assert [q.quote.speaker for q in quotes] == ["Jen Psaki", "Jen Psaki"]
    with pytest.raises(NotFound):
        service.document_quotes("f" * 64)


def test_store_going_away_is_store_unavailable(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    client = redis.Redis.from_url(server.url, **client_options())
    service = QuoteService(client)
    assert service.list_speakers(10, 0) == []
    server.stop()
    for call in (
        lambda: service.list_speakers(10, 0),
        lambda: service.statements(StatementQuery(speaker="Pompeo")),
        lambda: service.speaker_timeline("Pompeo"),
        lambda: service.document_quotes("0" * 64),
        lambda: service.get_job("doc-x"),
        lambda: service.submit_document(POMPEO_DOC, "000"),
    ):
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match=f"cannot reach redis://127.0.0.1:{server.port}/0"):
            call()
        assert time.monotonic() - started < 5


def test_one_paging_rule_for_every_edge():
    from worker.service import page

    assert page(0, 0) == (defaults.DEFAULT_PAGE_SIZE, 0)  # 0: the default page
    assert page(5, 10) == (5, 10)
    assert page(defaults.MAX_PAGE_SIZE + 1, 0) == (defaults.MAX_PAGE_SIZE, 0)  # capped, not refused
    for bad in ((-1, 0), (1, -1)):
        with pytest.raises(InvalidDocument):
            page(*bad)
