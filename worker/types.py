"""Dataclasses at the worker/store seam, shared by the CLI and the gRPC servicers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extractor.types import Quote
from stance.types import Stance

JobState = Literal["queued", "started", "finished", "failed", "deferred", "scheduled", "unknown"]
SpeakerSort = Literal["newest", "hawkish", "conciliatory", "repeated"]
Interval = Literal["day", "week", "month"]


@dataclass(frozen=True)
class ArticleMeta:
    """What a newsroom knows about an article besides its text; every field optional ("" unknown).

    `published` is ISO 8601 as normalised by worker.metadata (its time zone kept as given);
    `published_ts` is the same instant as unix time (a date without a zone counts as UTC), or None."""

    title: str = ""
    url: str = ""
    outlet: str = ""
    published: str = ""
    author: str = ""
    language: str = ""
    published_ts: float | None = None

    def merged(self, fallback: ArticleMeta) -> ArticleMeta:
        """This metadata, with each empty field taken from `fallback` (flags over HTML, say)."""
        values = {f: getattr(self, f) or getattr(fallback, f) for f in META_FIELDS}
        ts = self.published_ts if self.published else fallback.published_ts
        return ArticleMeta(**values, published_ts=ts)


META_FIELDS = ("title", "url", "outlet", "published", "author", "language")


@dataclass(frozen=True)
class StoredQuote:
    """A quote as kept in the store: the extractor's Quote, its stance and where it came from."""

    quote_id: str  # "<doc_id>:<index>"
    doc_id: str  # content hash of the document
    doc_name: str  # the submitter's name for it (file stem), may be ""
    quote: Quote
    stance: Stance
    published: float  # unix time the article appeared, else when it was stored
    statement_id: str = ""  # the statement this occurrence belongs to ("" before it was published)
    article_id: str = ""  # the article it appeared in ("" before it was published)


@dataclass(frozen=True)
class ArticleRef:
    """One article that carries a statement, with the statement's form and offsets in it."""

    article_id: str
    doc_id: str
    meta: ArticleMeta
    quote_id: str  # "<doc_id>:<index>"
    text: str  # the statement as this article has it
    start: int
    end: int
    speaker_role: str | None = None  # the role the article gave the speaker (offices change)
    doc_name: str = ""


@dataclass(frozen=True)
class Statement:
    """The same words by the same speaker across articles (worker.statements defines "the same")."""

    statement_id: str
    speaker: str  # canonical name
    text: str  # the longest complete form seen
    stance: Stance  # the stance of that form
    mode: str  # speech | thought | writing
    kind: str
    count: int  # articles that carry it
    first_seen: ArticleRef  # the earliest publication
    articles: tuple[ArticleRef, ...]  # every article, earliest first


@dataclass(frozen=True)
class StatementQuery:
    """Filters over statements, by one speaker or across all. Empty/None fields do not filter.

    `words`: every word must occur (lemma-based; a compound is found by its parts);
    `published_from`/`published_to`: ISO dates or times, inclusive, on the first publication;
    `outlet`: an outlet that carried the statement (case-insensitive)."""

    speaker: str | None = None
    words: str = ""
    stance: str | None = None  # hawkish | neutral | conciliatory
    min_score: float | None = None
    max_score: float | None = None
    published_from: str | None = None
    published_to: str | None = None
    outlet: str | None = None
    mode: str | None = None  # speech | thought | writing
    sort: SpeakerSort = "newest"
    limit: int = 0  # 0: the default page (worker.service.page)
    offset: int = 0


@dataclass(frozen=True)
class StatementPage:
    speaker: str | None  # the canonical name when the query named a speaker
    statements: list[Statement]
    total: int  # statements matching, over all pages


@dataclass(frozen=True)
class TimelineBucket:
    """One day, week (from Monday) or month of a speaker's statements, by first publication (UTC)."""

    start: str  # ISO date of the bucket's first day
    statements: int
    mean_stance: float  # 0.0 for an empty bucket
    hawkish: int
    neutral: int
    conciliatory: int


@dataclass(frozen=True)
class Article:
    """An article as stored: its metadata, its text (when stored) and its quotes in text order."""

    article_id: str
    doc_id: str
    doc_name: str
    meta: ArticleMeta
    text: str | None
    quotes: list[StoredQuote]


@dataclass(frozen=True)
class JobStatus:
    job_id: str
    doc_id: str
    state: JobState
    quote_count: int | None = None
    error: str | None = None
    cached: bool = False  # the document had been processed before: no new work was done
    article_id: str = ""  # the article this submission registered (text + metadata)


@dataclass(frozen=True)
class SpeakerCount:
    speaker: str  # canonical name
    quotes: int  # statements (the same words in several articles count once)
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # roles articles gave the speaker („US-Außenminister“)
