"""Thin servicers: check the request, call the domain object, convert. No status codes here.

Errors are raised as zitat exceptions and mapped in zitat.grpc.errors by the interceptor. The
extractor runs one document at a time (Stanza is not thread-safe); waiting for it is bounded by the
caller's deadline so that nobody's model time is spent on an answer that can no longer be delivered.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar

import grpc

from extractor.api import extract_each, validate_text
from foundation import defaults
from foundation.errors import InvalidDocument
from foundation.logging import get_logger
from worker.extraction import Analyser, Scored
from worker.types import (
    Article,
    ArticleMeta,
    JobStatus,
    SpeakerCount,
    Statement,
    StatementPage,
    StatementQuery,
    StoredQuote,
    TimelineBucket,
)
from zitat.grpc import batching
from zitat.grpc import converters as conv
from zitat.grpc.errors import Cancelled, DeadlineExceeded, InvalidArgument, QuoteStoreNotConfigured, item_error
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

log = get_logger(__name__)
T = TypeVar("T")

MAX_JOB_ID_CHARS = 200  # rq's ids here: doc-<64 hex>-<12 hex>; worker.keys accepts up to 200


class QuoteService(Protocol):
    """The store behind the Quotes service; implemented by worker.service.QuoteService."""

    def submit_document(self, text: str, doc_name: str = "", meta: ArticleMeta | None = None) -> JobStatus: ...

    def get_job(self, job_id: str) -> JobStatus: ...

    def statements(self, query: StatementQuery) -> StatementPage: ...

    def export(self, query: StatementQuery) -> Iterator[Statement]: ...

    def speaker_timeline(
        self, name: str, interval: str = "week", start: str | None = None, end: str | None = None
    ) -> tuple[str | None, list[TimelineBucket]]: ...

    def list_speakers(self, limit: int, offset: int) -> list[SpeakerCount]: ...

    def get_article(self, article_id: str) -> Article: ...

    def document_quotes(self, doc_id: str) -> list[StoredQuote]: ...


class ExtractorServicer(pb_grpc.ExtractorServicer):
    """Extract and ExtractBatch over one pipeline (worker.extraction.Pipeline): quotes, and with
    `with_stance` their stances, scored on the same parse."""

    def __init__(self, pipeline: Analyser) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()  # ours, not the extractor's: we can give up waiting at the deadline

    def _locked(self, context: grpc.ServicerContext, work: Callable[[], T], what: str) -> T:
        """Run `work` with the model lock, given up at the caller's deadline; Cancelled (the caller
        went away during the work) becomes DEADLINE_EXCEEDED where the deadline is what passed."""
        remaining = context.time_remaining()
        if remaining is None:
            remaining = threading.TIMEOUT_MAX
        if remaining <= 0:
            raise DeadlineExceeded(f"deadline passed before {what} started")
        if not self._lock.acquire(timeout=min(remaining, threading.TIMEOUT_MAX)):
            raise DeadlineExceeded(f"deadline passed while waiting for the model (server busy) before {what}")
        try:
            if not context.is_active():
                raise Cancelled(f"request cancelled or timed out while waiting for {what}")
            return work()
        except Cancelled:
            remaining = context.time_remaining()
            log.info("extract.cancelled", stage=what, deadline_passed=remaining is not None and remaining <= 0)
            if remaining is not None and remaining <= 0:
                raise DeadlineExceeded(f"deadline passed during {what}: the work was stopped") from None
            raise
        finally:
            self._lock.release()

    def _extract(self, texts: list[str], with_stance: bool, context: grpc.ServicerContext) -> list[Scored]:
        return self._locked(
            context,
            lambda: self._pipeline.process_many(texts, stop=lambda: not context.is_active(), with_stance=with_stance),
            "extraction",
        )

    def Extract(self, request: pb.ExtractRequest, context: grpc.ServicerContext) -> pb.ExtractResponse:
        text = validate_text(request.text)
        _check_doc_name(request.doc_name)
        scored = self._extract([text], request.with_stance, context)[0]
        log.info(
            "extract.done",
            doc_name=request.doc_name,
            chars=len(text),
            quotes=len(scored),
            with_stance=request.with_stance,
        )
        return pb.ExtractResponse(
            quotes=[conv.quote_to_pb(q, st) for q, st in scored], model_version=self._pipeline.model_version
        )

    def ExtractBatch(
        self, request_iterator: Iterator[pb.ExtractBatchRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.ExtractBatchResponse]:
        """Answers in order, extracting the documents that have already arrived as one batch; a bad or
        crashing document costs only its own answer."""
        version = self._pipeline.model_version
        try:
            yield from self._answer_batches(request_iterator, context, version)
        except batching.StreamIdle as e:
            raise DeadlineExceeded(f"{e}: the stream was closed to free its extraction slot") from None

    def _answer_batches(
        self, request_iterator: Iterator[pb.ExtractBatchRequest], context: grpc.ServicerContext, version: str
    ) -> Iterator[pb.ExtractBatchResponse]:
        for batch in batching.batches(request_iterator, idle_timeout=defaults.STREAM_IDLE_SECONDS):
            named = [item for item in batch if len(item.doc_name) <= defaults.MAX_DOC_NAME_CHARS]
            with_stance = any(item.with_stance for item in named)  # scoring reads the parse made anyway
            extract = functools.partial(self._extract, with_stance=with_stance, context=context)
            found = iter(extract_each(extract, [item.text for item in named]))
            for item in batch:
                result: Scored | Exception
                try:
                    _check_doc_name(item.doc_name)
                    result = next(found)
                except InvalidArgument as e:
                    result = e
                if isinstance(result, Exception):  # this document's own error; the stream goes on
                    unexpected = not isinstance(result, (InvalidDocument, InvalidArgument))
                    error = item_error(result, "ExtractBatch" if unexpected else "")
                    yield pb.ExtractBatchResponse(id=item.id, error=error, model_version=version)
                    continue
                answer = [conv.quote_to_pb(q, st if item.with_stance else None) for q, st in result]
                log.info(
                    "extract.done",
                    doc_name=item.doc_name,
                    chars=len(item.text),
                    quotes=len(result),
                    with_stance=item.with_stance,
                )
                yield pb.ExtractBatchResponse(id=item.id, quotes=answer, model_version=version)

    def GetModelVersion(
        self, request: pb.GetModelVersionRequest, context: grpc.ServicerContext
    ) -> pb.GetModelVersionResponse:
        return pb.GetModelVersionResponse(model_version=self._pipeline.model_version)


def _speaker_name(name: str, required: bool = False) -> str:
    """A speaker's name from a request: bounded, and present where the call needs one."""
    if required and not name.strip():
        raise InvalidArgument("name is required", "name")
    if len(name) > defaults.MAX_SPEAKER_NAME_CHARS:
        raise InvalidArgument(f"name is {len(name)} characters; the limit is {defaults.MAX_SPEAKER_NAME_CHARS}", "name")
    return name.strip()


def _check_doc_name(doc_name: str) -> None:
    """A document's name is a label for logs and listings: bounded, so no log line carries megabytes."""
    if len(doc_name) > defaults.MAX_DOC_NAME_CHARS:
        raise InvalidArgument(
            f"doc_name is {len(doc_name)} characters; the limit is {defaults.MAX_DOC_NAME_CHARS}", "doc_name"
        )


class QuotesServicer(pb_grpc.QuotesServicer):
    def __init__(self, service: QuoteService | None) -> None:
        self._service_or_none = service

    @property
    def _service(self) -> QuoteService:
        if self._service_or_none is None:
            raise QuoteStoreNotConfigured(
                "this zitat server has no quote store: set ZITAT_REDIS_URL (or let `zitat serve` start "
                "its embedded Redis) to use zitat.v1.Quotes; zitat.v1.Extractor works without it"
            )
        return self._service_or_none

    def SubmitDocument(
        self, request: pb.SubmitDocumentRequest, context: grpc.ServicerContext
    ) -> pb.SubmitDocumentResponse:
        service = self._service
        meta = conv.meta_from_pb(request.metadata)
        job = service.submit_document(validate_text(request.text), request.doc_name, meta)
        log.info("document.submitted", doc_name=request.doc_name, doc_id=job.doc_id, cached=job.cached)
        status = conv.job_status_to_pb(job)
        return pb.SubmitDocumentResponse(
            job_id=job.job_id, doc_id=job.doc_id, cached=job.cached, state=status.state, article_id=job.article_id
        )

    def GetJob(self, request: pb.GetJobRequest, context: grpc.ServicerContext) -> pb.GetJobResponse:
        service = self._service
        if not request.job_id:
            raise InvalidArgument("job_id is required", "job_id")
        if len(request.job_id) > MAX_JOB_ID_CHARS:  # no job id is this long: not a lookup, an error
            raise InvalidArgument(
                f"job_id is {len(request.job_id)} characters; job ids have at most {MAX_JOB_ID_CHARS}", "job_id"
            )
        return pb.GetJobResponse(job=conv.job_status_to_pb(service.get_job(request.job_id)))

    def QuotesBySpeaker(
        self, request: pb.QuotesBySpeakerRequest, context: grpc.ServicerContext
    ) -> pb.QuotesBySpeakerResponse:
        service = self._service
        name = _speaker_name(request.name, required=True)
        flt = pb.StatementFilter()
        flt.CopyFrom(request.filter)
        if request.HasField("stance"):  # the request's own stance and mode fields predate the filter
            flt.stance = request.stance
        if request.HasField("mode"):
            flt.mode = request.mode
        page = service.statements(conv.query_from_pb(name, flt, request.sort, request.limit, request.offset))
        return conv.statement_page_to_pb(page, pb.QuotesBySpeakerResponse())

    def SearchStatements(
        self, request: pb.SearchStatementsRequest, context: grpc.ServicerContext
    ) -> pb.SearchStatementsResponse:
        query = conv.query_from_pb(
            _speaker_name(request.speaker), request.filter, request.sort, request.limit, request.offset
        )
        return conv.statement_page_to_pb(self._service.statements(query), pb.SearchStatementsResponse())

    def ExportStatements(
        self, request: pb.SearchStatementsRequest, context: grpc.ServicerContext
    ) -> Iterator[pb.Statement]:
        query = conv.query_from_pb(_speaker_name(request.speaker), request.filter, request.sort, 0, 0)
        for statement in self._service.export(query):
            if not context.is_active():
                return
            yield conv.statement_to_pb(statement)

    def SpeakerTimeline(
        self, request: pb.SpeakerTimelineRequest, context: grpc.ServicerContext
    ) -> pb.SpeakerTimelineResponse:
        name = _speaker_name(request.name, required=True)
        interval = conv.interval_from_pb(request.interval)
        if interval is None:
            raise InvalidArgument(f"unknown interval {request.interval}", "interval")
        speaker, buckets = self._service.speaker_timeline(
            name, interval, getattr(request, "from") or None, request.to or None
        )
        response = pb.SpeakerTimelineResponse(buckets=[conv.bucket_to_pb(b) for b in buckets])
        if speaker is not None:
            response.speaker = speaker
        return response

    def GetArticle(self, request: pb.GetArticleRequest, context: grpc.ServicerContext) -> pb.GetArticleResponse:
        if not request.article_id:
            raise InvalidArgument("article_id is required", "article_id")
        return conv.article_to_pb(self._service.get_article(request.article_id))

    def ListSpeakers(self, request: pb.ListSpeakersRequest, context: grpc.ServicerContext) -> pb.ListSpeakersResponse:
        service = self._service
        limit, offset = request.limit, request.offset  # paged by the service (worker.service.page)
        return pb.ListSpeakersResponse(
            speakers=[conv.speaker_count_to_pb(s) for s in service.list_speakers(limit, offset)]
        )

    def GetDocumentQuotes(
        self, request: pb.GetDocumentQuotesRequest, context: grpc.ServicerContext
    ) -> pb.GetDocumentQuotesResponse:
        service = self._service
        if not request.doc_id:
            raise InvalidArgument("doc_id is required", "doc_id")
        return pb.GetDocumentQuotesResponse(
            quotes=[conv.stored_quote_to_pb(q) for q in service.document_quotes(request.doc_id)]
        )
