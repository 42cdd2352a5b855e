"""Between protobuf messages and zitat's dataclasses, so servicers and the client never touch fields.

proto3 has no None for strings or messages: optional strings use presence (`HasField`), spans and
stances are unset messages, and enum zero values (UNSPECIFIED) stand for "not given".
"""
from __future__ import annotations

import math

from google.protobuf.timestamp_pb2 import Timestamp

from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker.types import JobStatus, SpeakerCount, StoredQuote
from zitat.v1 import zitat_pb2 as pb

_KINDS = {"direct": pb.QUOTE_KIND_DIRECT, "indirect": pb.QUOTE_KIND_INDIRECT, "mixed": pb.QUOTE_KIND_MIXED}
_KIND_NAMES = {v: k for k, v in _KINDS.items()}
_MODES = {"speech": pb.QUOTE_MODE_SPEECH, "thought": pb.QUOTE_MODE_THOUGHT, "writing": pb.QUOTE_MODE_WRITING}
_MODE_NAMES = {v: k for k, v in _MODES.items()}
_LABELS = {"hawkish": pb.STANCE_LABEL_HAWKISH, "neutral": pb.STANCE_LABEL_NEUTRAL,
           "conciliatory": pb.STANCE_LABEL_CONCILIATORY}
_LABEL_NAMES = {v: k for k, v in _LABELS.items()}
_STATES = {"queued": pb.JOB_STATE_QUEUED, "started": pb.JOB_STATE_STARTED, "finished": pb.JOB_STATE_FINISHED,
           "failed": pb.JOB_STATE_FAILED, "deferred": pb.JOB_STATE_DEFERRED,
           "scheduled": pb.JOB_STATE_SCHEDULED, "unknown": pb.JOB_STATE_UNSPECIFIED}
_STATE_NAMES = {v: k for k, v in _STATES.items()}
_SORTS = {pb.SPEAKER_SORT_UNSPECIFIED: "newest", pb.SPEAKER_SORT_NEWEST: "newest",
          pb.SPEAKER_SORT_HAWKISH: "hawkish", pb.SPEAKER_SORT_CONCILIATORY: "conciliatory"}


def span_to_pb(span: Span) -> pb.Span:
    return pb.Span(text=span.text, start=span.start, end=span.end)


def span_from_pb(msg: pb.Span) -> Span:
    return Span(msg.text, msg.start, msg.end)


def stance_to_pb(stance: Stance) -> pb.Stance:
    return pb.Stance(
        label=_LABELS.get(stance.label, pb.STANCE_LABEL_UNSPECIFIED), score=stance.score,
        evidence=[pb.Evidence(text=e.text, start=e.start, end=e.end, weight=e.weight, note=e.note)
                  for e in stance.evidence])


def stance_from_pb(msg: pb.Stance) -> Stance:
    return Stance(score=msg.score, label=_LABEL_NAMES.get(msg.label, "neutral"),
                  evidence=[Evidence(e.text, e.start, e.end, e.weight, e.note) for e in msg.evidence])


def quote_to_pb(quote: Quote, stance: Stance | None = None) -> pb.Quote:
    msg = pb.Quote(text=quote.text, start=quote.start, end=quote.end,
                   kind=_KINDS.get(quote.kind, pb.QUOTE_KIND_UNSPECIFIED), confidence=quote.confidence,
                   mode=_MODES.get(quote.mode, pb.QUOTE_MODE_UNSPECIFIED))
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
        text=msg.text, start=msg.start, end=msg.end, kind=_KIND_NAMES.get(msg.kind, "direct"),
        cue=span_from_pb(msg.cue) if msg.HasField("cue") else None,
        speaker=msg.speaker if msg.HasField("speaker") else None,
        speaker_mention=span_from_pb(msg.speaker_mention) if msg.HasField("speaker_mention") else None,
        speaker_role=msg.speaker_role if msg.HasField("speaker_role") else None,
        confidence=msg.confidence, mode=_MODE_NAMES.get(msg.mode, "speech"))


def stored_quote_to_pb(stored: StoredQuote) -> pb.StoredQuote:
    seconds = math.floor(stored.published)
    published = Timestamp(seconds=seconds, nanos=min(round((stored.published - seconds) * 1e9), 999_999_999))
    return pb.StoredQuote(quote_id=stored.quote_id, doc_id=stored.doc_id, doc_name=stored.doc_name,
                          quote=quote_to_pb(stored.quote, stored.stance), published=published)


def stored_quote_from_pb(msg: pb.StoredQuote) -> StoredQuote:
    return StoredQuote(quote_id=msg.quote_id, doc_id=msg.doc_id, doc_name=msg.doc_name,
                       quote=quote_from_pb(msg.quote), stance=stance_from_pb(msg.quote.stance),
                       published=msg.published.seconds + msg.published.nanos / 1e9)


def job_status_to_pb(job: JobStatus) -> pb.JobStatus:
    msg = pb.JobStatus(job_id=job.job_id, doc_id=job.doc_id, state=_STATES.get(job.state, 0), cached=job.cached)
    if job.quote_count is not None:
        msg.quote_count = job.quote_count
    if job.error is not None:
        msg.error = job.error
    return msg


def job_status_from_pb(msg: pb.JobStatus) -> JobStatus:
    return JobStatus(job_id=msg.job_id, doc_id=msg.doc_id, state=_STATE_NAMES.get(msg.state, "unknown"),
                     quote_count=msg.quote_count if msg.HasField("quote_count") else None,
                     error=msg.error if msg.HasField("error") else None, cached=msg.cached)


def speaker_count_to_pb(count: SpeakerCount) -> pb.SpeakerCount:
    return pb.SpeakerCount(speaker=count.speaker, quote_count=count.quotes, aliases=list(count.aliases))


def speaker_count_from_pb(msg: pb.SpeakerCount) -> SpeakerCount:
    return SpeakerCount(speaker=msg.speaker, quotes=msg.quote_count, aliases=tuple(msg.aliases))


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
