"""Between protobuf messages and zitat's dataclasses, so servicers and the client never touch fields.

proto3 has no None for strings or messages: optional strings use presence (`HasField`), spans and
stances are unset messages, and enum zero values (UNSPECIFIED) stand for "not given".
"""

from __future__ import annotations

import math
from typing import Any, cast

from google.protobuf.timestamp_pb2 import Timestamp

from extractor.types import Quote, QuoteKind, QuoteMode, Span
from stance.types import Evidence, Stance, StanceLabel
from worker.types import (
    Article,
    ArticleMeta,
    ArticleRef,
    Interval,
    JobState,
    JobStatus,
    SpeakerCount,
    SpeakerSort,
    Statement,
    StatementPage,
    StatementQuery,
    StoredQuote,
    TimelineBucket,
)
from zitat.v1 import zitat_pb2 as pb

_KINDS = {"direct": pb.QUOTE_KIND_DIRECT, "indirect": pb.QUOTE_KIND_INDIRECT, "mixed": pb.QUOTE_KIND_MIXED}
_KIND_NAMES = cast(dict[int, QuoteKind], {v: k for k, v in _KINDS.items()})
_MODES = {"speech": pb.QUOTE_MODE_SPEECH, "thought": pb.QUOTE_MODE_THOUGHT, "writing": pb.QUOTE_MODE_WRITING}
_MODE_NAMES = cast(dict[int, QuoteMode], {v: k for k, v in _MODES.items()})
_LABELS = {
    "hawkish": pb.STANCE_LABEL_HAWKISH,
    "neutral": pb.STANCE_LABEL_NEUTRAL,
    "conciliatory": pb.STANCE_LABEL_CONCILIATORY,
}
_LABEL_NAMES = cast(dict[int, StanceLabel], {v: k for k, v in _LABELS.items()})
_STATES = {
    "queued": pb.JOB_STATE_QUEUED,
    "started": pb.JOB_STATE_STARTED,
    "finished": pb.JOB_STATE_FINISHED,
    "failed": pb.JOB_STATE_FAILED,
    "deferred": pb.JOB_STATE_DEFERRED,
    "scheduled": pb.JOB_STATE_SCHEDULED,
    "unknown": pb.JOB_STATE_UNSPECIFIED,
}
_STATE_NAMES = cast(dict[int, JobState], {v: k for k, v in _STATES.items()})
_SORTS: dict[int, SpeakerSort] = {
    pb.SPEAKER_SORT_UNSPECIFIED: "newest",
    pb.SPEAKER_SORT_NEWEST: "newest",
    pb.SPEAKER_SORT_HAWKISH: "hawkish",
    pb.SPEAKER_SORT_CONCILIATORY: "conciliatory",
    pb.SPEAKER_SORT_REPEATED: "repeated",
}
_SORT_VALUES = {
    "newest": pb.SPEAKER_SORT_NEWEST,
    "hawkish": pb.SPEAKER_SORT_HAWKISH,
    "conciliatory": pb.SPEAKER_SORT_CONCILIATORY,
    "repeated": pb.SPEAKER_SORT_REPEATED,
}
_INTERVALS: dict[int, Interval] = {
    pb.INTERVAL_UNSPECIFIED: "week",
    pb.INTERVAL_DAY: "day",
    pb.INTERVAL_WEEK: "week",
    pb.INTERVAL_MONTH: "month",
}
_INTERVAL_VALUES = {"day": pb.INTERVAL_DAY, "week": pb.INTERVAL_WEEK, "month": pb.INTERVAL_MONTH}


def span_to_pb(span: Span) -> pb.Span:
    return pb.Span(text=span.text, start=span.start, end=span.end)


def span_from_pb(msg: pb.Span) -> Span:
    return Span(msg.text, msg.start, msg.end)


def stance_to_pb(stance: Stance) -> pb.Stance:
    return pb.Stance(
        label=_LABELS.get(stance.label, pb.STANCE_LABEL_UNSPECIFIED),
        score=stance.score,
        evidence=[
            pb.Evidence(text=e.text, start=e.start, end=e.end, weight=e.weight, note=e.note) for e in stance.evidence
        ],
    )


def stance_from_pb(msg: pb.Stance) -> Stance:
    return Stance(
        score=msg.score,
        label=_LABEL_NAMES.get(msg.label, "neutral"),
        evidence=[Evidence(e.text, e.start, e.end, e.weight, e.note) for e in msg.evidence],
    )


def quote_to_pb(quote: Quote, stance: Stance | None = None) -> pb.Quote:
    msg = pb.Quote(
        text=quote.text,
        start=quote.start,
        end=quote.end,
        kind=_KINDS.get(quote.kind, pb.QUOTE_KIND_UNSPECIFIED),
        confidence=quote.confidence,
        mode=_MODES.get(quote.mode, pb.QUOTE_MODE_UNSPECIFIED),
    )
    if quote.cue is not None:
        msg.cue.CopyFrom(span_to_pb(quote.cue))
    if quote.speaker is not None:
        msg.speaker = quote.speaker
    if quote.speaker_mention is not None:
        msg.speaker_mention.CopyFrom(span_to_pb(quote.speaker_mention))
    if quote.speaker_role is not None:
        msg.speaker_role = quote.speaker_role
    if stance is not None:
        msg.stance.CopyFrom(stance_to_pb(stance))
    return msg


def quote_from_pb(msg: pb.Quote) -> Quote:
    """The extractor's Quote (the stance, if any, is read separately with `stance_from_pb`)."""
    return Quote(
        text=msg.text,
        start=msg.start,
        end=msg.end,
        kind=_KIND_NAMES.get(msg.kind, "direct"),
        cue=span_from_pb(msg.cue) if msg.HasField("cue") else None,
        speaker=msg.speaker if msg.HasField("speaker") else None,
        speaker_mention=span_from_pb(msg.speaker_mention) if msg.HasField("speaker_mention") else None,
        speaker_role=msg.speaker_role if msg.HasField("speaker_role") else None,
        confidence=msg.confidence,
        mode=_MODE_NAMES.get(msg.mode, "speech"),
    )


def stored_quote_to_pb(stored: StoredQuote) -> pb.StoredQuote:
    seconds = math.floor(stored.published)
    published = Timestamp(seconds=seconds, nanos=min(round((stored.published - seconds) * 1e9), 999_999_999))
    return pb.StoredQuote(
        quote_id=stored.quote_id,
        doc_id=stored.doc_id,
        doc_name=stored.doc_name,
        quote=quote_to_pb(stored.quote, stored.stance),
        published=published,
        statement_id=stored.statement_id,
        article_id=stored.article_id,
    )


def stored_quote_from_pb(msg: pb.StoredQuote) -> StoredQuote:
    return StoredQuote(
        quote_id=msg.quote_id,
        doc_id=msg.doc_id,
        doc_name=msg.doc_name,
        quote=quote_from_pb(msg.quote),
        stance=stance_from_pb(msg.quote.stance),
        published=msg.published.seconds + msg.published.nanos / 1e9,
        statement_id=msg.statement_id,
        article_id=msg.article_id,
    )


def meta_to_pb(meta: ArticleMeta) -> pb.ArticleMetadata:
    return pb.ArticleMetadata(
        title=meta.title,
        url=meta.url,
        outlet=meta.outlet,
        published=meta.published,
        author=meta.author,
        language=meta.language,
    )


def meta_from_pb(msg: pb.ArticleMetadata) -> ArticleMeta:
    """Checked like every other way metadata comes in (worker.metadata): InvalidDocument names the field."""
    from worker.metadata import meta_from_mapping

    return meta_from_mapping(
        {
            "title": msg.title,
            "url": msg.url,
            "outlet": msg.outlet,
            "published": msg.published,
            "author": msg.author,
            "language": msg.language,
        }
    )


def article_ref_to_pb(ref: ArticleRef) -> pb.ArticleRef:
    msg = pb.ArticleRef(
        article_id=ref.article_id,
        doc_id=ref.doc_id,
        metadata=meta_to_pb(ref.meta),
        quote_id=ref.quote_id,
        text=ref.text,
        start=ref.start,
        end=ref.end,
        doc_name=ref.doc_name,
    )
    if ref.speaker_role is not None:
        msg.speaker_role = ref.speaker_role
    return msg


def article_ref_from_pb(msg: pb.ArticleRef) -> ArticleRef:
    return ArticleRef(
        article_id=msg.article_id,
        doc_id=msg.doc_id,
        meta=meta_from_pb(msg.metadata),
        quote_id=msg.quote_id,
        text=msg.text,
        start=msg.start,
        end=msg.end,
        speaker_role=msg.speaker_role if msg.HasField("speaker_role") else None,
        doc_name=msg.doc_name,
    )


def statement_to_pb(st: Statement) -> pb.Statement:
    return pb.Statement(
        statement_id=st.statement_id,
        speaker=st.speaker,
        text=st.text,
        stance=stance_to_pb(st.stance),
        mode=_MODES.get(st.mode, pb.QUOTE_MODE_SPEECH),
        kind=_KINDS.get(st.kind, pb.QUOTE_KIND_UNSPECIFIED),
        count=st.count,
        first_seen=article_ref_to_pb(st.first_seen),
        articles=[article_ref_to_pb(a) for a in st.articles],
    )


def statement_from_pb(msg: pb.Statement) -> Statement:
    return Statement(
        statement_id=msg.statement_id,
        speaker=msg.speaker,
        text=msg.text,
        stance=stance_from_pb(msg.stance),
        mode=_MODE_NAMES.get(msg.mode, "speech"),
        kind=_KIND_NAMES.get(msg.kind, "direct"),
        count=msg.count,
        first_seen=article_ref_from_pb(msg.first_seen),
        articles=tuple(article_ref_from_pb(a) for a in msg.articles),
    )


def statement_page_to_pb(page: StatementPage, into: Any) -> Any:
    """Fill a QuotesBySpeakerResponse or SearchStatementsResponse (the same three fields) from a page."""
    into.statements.extend(statement_to_pb(s) for s in page.statements)
    into.total = page.total
    if page.speaker is not None:
        into.speaker = page.speaker
    return into


def statement_page_from_pb(msg: Any) -> StatementPage:
    return StatementPage(
        msg.speaker if msg.HasField("speaker") else None, [statement_from_pb(s) for s in msg.statements], msg.total
    )


def query_to_pb(q: StatementQuery) -> pb.SearchStatementsRequest:
    flt = pb.StatementFilter(
        words=q.words, published_from=q.published_from or "", published_to=q.published_to or "", outlet=q.outlet or ""
    )
    if q.stance:
        flt.stance = _LABELS[q.stance]
    if q.mode:
        flt.mode = _MODES[q.mode]
    if q.min_score is not None:
        flt.min_score = q.min_score
    if q.max_score is not None:
        flt.max_score = q.max_score
    return pb.SearchStatementsRequest(
        speaker=q.speaker or "", filter=flt, sort=_SORT_VALUES[q.sort], limit=q.limit, offset=q.offset
    )


def query_from_pb(speaker: str, flt: pb.StatementFilter, sort: int, limit: int, offset: int) -> StatementQuery:
    """A StatementQuery from request fields; InvalidDocument (naming the field) for enum values this
    server does not know, so that it refuses them instead of answering another question."""
    from foundation.errors import InvalidDocument

    def enum(field: str, names: dict, unset: int):
        if not flt.HasField(field) or getattr(flt, field) == unset:
            return None
        value = names.get(getattr(flt, field))
        if value is None:
            raise InvalidDocument(f"unknown {field} {getattr(flt, field)}", field=field)
        return value

    sort_name = _SORTS.get(sort)
    if sort_name is None:
        raise InvalidDocument(f"unknown sort {sort}", field="sort")
    return StatementQuery(
        speaker=speaker or None,
        words=flt.words,
        stance=enum("stance", _LABEL_NAMES, pb.STANCE_LABEL_UNSPECIFIED),
        min_score=flt.min_score if flt.HasField("min_score") else None,
        max_score=flt.max_score if flt.HasField("max_score") else None,
        published_from=flt.published_from or None,
        published_to=flt.published_to or None,
        outlet=flt.outlet or None,
        mode=enum("mode", _MODE_NAMES, pb.QUOTE_MODE_UNSPECIFIED),
        sort=sort_name,
        limit=limit,
        offset=offset,
    )


def bucket_to_pb(b: TimelineBucket) -> pb.TimelineBucket:
    return pb.TimelineBucket(
        start=b.start,
        statements=b.statements,
        mean_stance=b.mean_stance,
        hawkish=b.hawkish,
        neutral=b.neutral,
        conciliatory=b.conciliatory,
    )


def bucket_from_pb(msg: pb.TimelineBucket) -> TimelineBucket:
    return TimelineBucket(msg.start, msg.statements, msg.mean_stance, msg.hawkish, msg.neutral, msg.conciliatory)


def interval_from_pb(value: int) -> str | None:
    """day | week | month (UNSPECIFIED: week); None for a value this server does not know."""
    return _INTERVALS.get(value)


def interval_to_pb(name: str) -> int:
    return _INTERVAL_VALUES[name]


def article_to_pb(article: Article) -> pb.GetArticleResponse:
    msg = pb.GetArticleResponse(
        article_id=article.article_id,
        doc_id=article.doc_id,
        doc_name=article.doc_name,
        metadata=meta_to_pb(article.meta),
        quotes=[stored_quote_to_pb(q) for q in article.quotes],
    )
    if article.text is not None:
        msg.text = article.text
    return msg


def article_from_pb(msg: pb.GetArticleResponse) -> Article:
    return Article(
        msg.article_id,
        msg.doc_id,
        msg.doc_name,
        meta_from_pb(msg.metadata),
        msg.text if msg.HasField("text") else None,
        [stored_quote_from_pb(q) for q in msg.quotes],
    )


def job_status_to_pb(job: JobStatus) -> pb.JobStatus:
    msg = pb.JobStatus(
        job_id=job.job_id,
        doc_id=job.doc_id,
        state=_STATES.get(job.state, pb.JOB_STATE_UNSPECIFIED),
        cached=job.cached,
        article_id=job.article_id,
    )
    if job.quote_count is not None:
        msg.quote_count = job.quote_count
    if job.error is not None:
        msg.error = job.error
    return msg


def job_status_from_pb(msg: pb.JobStatus) -> JobStatus:
    return JobStatus(
        job_id=msg.job_id,
        doc_id=msg.doc_id,
        state=_STATE_NAMES.get(msg.state, "unknown"),
        quote_count=msg.quote_count if msg.HasField("quote_count") else None,
        error=msg.error if msg.HasField("error") else None,
        cached=msg.cached,
        article_id=msg.article_id,
    )


def speaker_count_to_pb(count: SpeakerCount) -> pb.SpeakerCount:
    return pb.SpeakerCount(
        speaker=count.speaker, quote_count=count.quotes, aliases=list(count.aliases), roles=list(count.roles)
    )


def speaker_count_from_pb(msg: pb.SpeakerCount) -> SpeakerCount:
    return SpeakerCount(speaker=msg.speaker, quotes=msg.quote_count, aliases=tuple(msg.aliases), roles=tuple(msg.roles))


def sort_from_pb(value: int) -> str | None:
    """The worker's sort name (UNSPECIFIED: newest); None for a value this server does not know, so
    that the servicer refuses it instead of silently answering another question."""
    return _SORTS.get(value)


def mode_from_pb(value: int) -> str | None:
    """speech | thought | writing; None for a value this server does not know."""
    return _MODE_NAMES.get(value)


def stance_label_from_pb(value: int) -> str | None:
    return _LABEL_NAMES.get(value)


def stance_label_to_pb(label: str) -> int:
    return _LABELS[label]
