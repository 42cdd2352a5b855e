"""QuoteService: the one object the gRPC servicers and the CLI call for queue and store operations.

It hides Redis and rq behind five methods with plain types from worker.types. Errors are zitat's
own: InvalidDocument (bad input or arguments, `field` names which), NotFound (job or document) and
StoreUnavailable (Redis unreachable, raised within a few seconds). Thread-safe: one instance can
serve a gRPC thread pool.
"""
from __future__ import annotations

import threading

import redis

from worker import extraction
from worker import job as jobs
from worker import queue as queues
from worker.connection import translate_errors
from worker.keys import check_job_id
from worker.store import QuoteStore
from worker.types import JobStatus, SpeakerCount, StoredQuote
from zitat import defaults
from zitat.exceptions import InvalidDocument, NotFound

MAX_DOC_NAME = defaults.MAX_DOC_NAME_CHARS


def page(limit: int, offset: int) -> tuple[int, int]:
    """The one paging rule of every edge: a negative limit or offset is refused, 0 asks for the
    default page (DEFAULT_PAGE_SIZE), more than MAX_PAGE_SIZE gets MAX_PAGE_SIZE."""
    if not isinstance(limit, int) or limit < 0:
        raise InvalidDocument(f"limit must not be negative, got {limit!r}", field="limit")
    if not isinstance(offset, int) or offset < 0:
        raise InvalidDocument(f"offset must not be negative, got {offset!r}", field="offset")
    return min(limit or defaults.DEFAULT_PAGE_SIZE, defaults.MAX_PAGE_SIZE), offset


class QuoteService:
    """Submit documents, follow jobs, query quotes by speaker.

    `client` defaults to the process-wide connection (ZITAT_REDIS_URL, else embedded Redis);
    `extractor` (only its model_version is used here) defaults to the configured one.
    """

    def __init__(self, client: redis.Redis | None = None, *, extractor: extraction.ExtractorLike | None = None,
                 queue_name: str = defaults.QUEUE_NAME, prefix: str = defaults.REDIS_KEY_PREFIX) -> None:
        self.redis = client
        self._extractor = extractor
        self._queue_name = queue_name
        self._prefix = prefix
        self._lock = threading.Lock()
        self._store: QuoteStore | None = None
        self._queue = None

    @classmethod
    def from_env(cls, extractor: extraction.ExtractorLike | None = None) -> "QuoteService":
        """Connect now to the configured store (StoreUnavailable if it cannot be reached).

        A server that already holds an extractor passes it, so that submissions are keyed by the
        model it really serves."""
        from worker.connection import default_client

        return cls(default_client(), extractor=extractor)

    # --- wiring -----------------------------------------------------------------------------------
    def _ready(self):
        with self._lock:
            if self.redis is None:
                from worker.connection import default_client

                self.redis = default_client()
            if self._store is None:
                self._store = QuoteStore(self.redis, prefix=self._prefix)
                self._queue = queues.make_queue(self.redis, self._queue_name)
            return self._store, self._queue

    @property
    def store(self) -> QuoteStore:
        return self._ready()[0]

    @property
    def queue(self):
        """The rq Queue documents go to."""
        return self._ready()[1]

    def pipeline_version(self) -> str:
        with self._lock:
            if self._extractor is None:
                self._extractor = extraction.make_extractor()
        return extraction.pipeline_version(self._extractor)

    # --- the API ----------------------------------------------------------------------------------
    @translate_errors
    def submit_document(self, text: str, doc_name: str) -> JobStatus:
        """Queue a document; a document seen before returns its cached result or existing job."""
        from extractor.api import validate_text

        validate_text(text)
        doc_name = "" if doc_name is None else doc_name
        if not isinstance(doc_name, str) or len(doc_name) > MAX_DOC_NAME:
            raise InvalidDocument(f"doc_name must be text of at most {MAX_DOC_NAME} characters", field="doc_name")
        store, queue = self._ready()
        return queues.submit(queue, store, text, doc_name, self.pipeline_version())

    @translate_errors
    def get_job(self, job_id: str) -> JobStatus:
        """A job's state; jobs whose rq record expired are still answered from the document cache."""
        job_id = check_job_id(job_id)
        store, _ = self._ready()
        parsed = queues.parse_job_id(job_id)
        try:
            job = jobs.fetch(self.redis, job_id)
        except NotFound:
            if parsed is not None:
                hit = store.cached_any_version(*parsed)
                if hit is not None:
                    return JobStatus(job_id=job_id, doc_id=parsed[0], state="finished",
                                     quote_count=hit.quote_count, cached=True)
            raise
        doc_id = parsed[0] if parsed else jobs.doc_id_of(job)
        return jobs.status_of(job, doc_id)

    @translate_errors
    def quotes_by_speaker(self, name: str, sort: str, limit: int, offset: int, stance: str | None,
                          mode: str | None = None) -> tuple[str | None, list[StoredQuote], int]:
        """(canonical name, or None if no speaker matches; one page; total matching quotes)."""
        limit, offset = page(limit, offset)
        return self.store.quotes_by_speaker(name, sort, limit, offset, stance, mode)

    @translate_errors
    def list_speakers(self, limit: int, offset: int) -> list[SpeakerCount]:
        limit, offset = page(limit, offset)
        return self.store.list_speakers(limit, offset)

    @translate_errors
    def document_quotes(self, doc_id: str) -> list[StoredQuote]:
        return self.store.document_quotes(doc_id)
