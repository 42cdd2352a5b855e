"""QuoteService: the one object the CLI, the gRPC servicers and the web pages call for the queue,
the store and the archive.

It hides Redis and rq behind methods with plain types from worker.types. Errors are zitat's
own: InvalidDocument (bad input or arguments, `field` names which), NotFound (job, document,
article), AmbiguousSpeaker and StoreUnavailable (Redis unreachable, raised within a few seconds).
Thread-safe: one instance can serve a gRPC or web thread pool. A store written by an earlier
version is copied into the current layout the first time a process uses it (worker.migrate).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import redis

from foundation import defaults
from foundation.errors import InvalidDocument, NotFound
from worker import extraction
from worker import job as jobs
from worker import queue as queues
from worker import timeline as timelines
from worker.archive import Archive
from worker.connection import translate_errors
from worker.keys import check_job_id, doc_id_for
from worker.store import QuoteStore
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

    def __init__(
        self,
        client: redis.Redis | None = None,
        *,
        extractor: extraction.Versioned | None = None,
        queue_name: str = defaults.QUEUE_NAME,
        prefix: str = defaults.REDIS_KEY_PREFIX,
    ) -> None:
        self.redis = client
        self._extractor = extractor
        self._queue_name = queue_name
        self._prefix = prefix
        self._lock = threading.Lock()
        self._store: QuoteStore | None = None
        self._archive: Archive | None = None
        self._queue = None

    @classmethod
    def from_env(cls, extractor: extraction.Versioned | None = None) -> QuoteService:
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
                from worker import migrate

                self._store = QuoteStore(self.redis, prefix=self._prefix)
                self._archive = Archive(self.redis, prefix=self._prefix, store=self._store)
                self._queue = queues.make_queue(self.redis, self._queue_name)
                translate_errors(migrate.migrate)(self.redis, self._prefix)
            return self._store, self._queue

    @property
    def archive(self) -> Archive:
        self._ready()
        assert self._archive is not None
        return self._archive

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
                self._extractor = extraction.make_analyser()
        return extraction.pipeline_version(self._extractor.model_version)

    # --- the API ----------------------------------------------------------------------------------
    @translate_errors
    def submit_document(
        self, text: str, doc_name: str = "", meta: ArticleMeta | None = None, *, retry: bool = True
    ) -> JobStatus:
        """Queue a document as an article (its metadata as given, else read from its HTML); a
        document seen before returns its cached result or existing job, and the article is published
        from it at once."""
        from extractor.api import validate_text
        from worker.metadata import meta_from_html

        validate_text(text)
        doc_name = "" if doc_name is None else doc_name
        if not isinstance(doc_name, str) or len(doc_name) > MAX_DOC_NAME:
            raise InvalidDocument(f"doc_name must be text of at most {MAX_DOC_NAME} characters", field="doc_name")
        meta = meta if meta is not None else ArticleMeta()
        if "<" in text:
            meta = meta.merged(meta_from_html(text))
        store, queue = self._ready()
        article_id = self.archive.register(doc_id_for(text), doc_name, meta)
        status = queues.submit(queue, store, text, doc_name, self.pipeline_version(), use_retry=retry)
        if status.state == "finished":  # cached, or its job finished before this article was seen
            self.archive.publish(article_id)
        return replace(status, article_id=article_id)

    @translate_errors
    def get_job(self, job_id: str) -> JobStatus:
        """A job's state; jobs whose rq record expired are still answered from the document cache."""
        job_id = check_job_id(job_id)
        store, _ = self._ready()
        parsed = queues.parse_job_id(job_id)
        if self.redis is None:  # _ready() connects it
            raise RuntimeError("QuoteService has no Redis client after connecting")
        try:
            job = jobs.fetch(self.redis, job_id)
        except NotFound:
            if parsed is not None:
                hit = store.cached_any_version(*parsed)
                if hit is not None:
                    return JobStatus(
                        job_id=job_id, doc_id=parsed[0], state="finished", quote_count=hit.quote_count, cached=True
                    )
            raise
        doc_id = parsed[0] if parsed else jobs.doc_id_of(job)
        return jobs.status_of(job, doc_id)

    @translate_errors
    def statements(self, query: StatementQuery) -> StatementPage:
        """One page of statements matching the query, by one speaker or across all."""
        limit, offset = page(query.limit, query.offset)
        return self.archive.query(query, limit, offset)

    def export(self, query: StatementQuery) -> Iterator[Statement]:
        """Every statement matching the query (its limit and offset are ignored)."""
        return self.archive.export(query)

    @translate_errors
    def speaker_timeline(
        self, name: str, interval: str = "week", start: str | None = None, end: str | None = None
    ) -> tuple[str | None, list[TimelineBucket]]:
        """(canonical name or None if nobody matches, buckets of the speaker's statements)."""
        from worker.metadata import parse_bound

        low = parse_bound(start, end=False) if start else None
        high = parse_bound(end, end=True) if end else None
        timelines.check_interval(interval)  # before any read: a bad interval is the caller's error
        canonical, days = self.archive.timeline_days(name)
        return canonical, (timelines.buckets(days, interval, low, high) if canonical else [])

    @translate_errors
    def list_speakers(self, limit: int, offset: int) -> list[SpeakerCount]:
        """Speakers with their statement counts, aliases and roles, most statements first."""
        limit, offset = page(limit, offset)
        return self.archive.speakers.busiest(limit, offset)

    @translate_errors
    def suggest_speakers(self, prefix: str, limit: int = 10) -> list[SpeakerCount]:
        """Speakers whose name, alias or role starts with `prefix`, most statements first."""
        limit, _ = page(limit, 0)
        return self.archive.speakers.suggest(prefix, limit)

    @translate_errors
    def speaker(self, name: str) -> SpeakerCount | None:
        """The speaker any alias names (AmbiguousSpeaker when a bare surname fits several)."""
        found = self.archive.speakers.resolve(name)
        return self.archive.speakers.describe([found[0]])[0] if found else None

    @translate_errors
    def get_article(self, article_id: str) -> Article:
        return self.archive.get_article(article_id)

    @translate_errors
    def document_quotes(self, doc_id: str) -> list[StoredQuote]:
        return self.store.document_quotes(doc_id)
