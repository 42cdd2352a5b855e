"""Protobuf ↔ dataclass conversions lose nothing, including None vs "" and unset spans."""

from __future__ import annotations

import pytest
from test_grpc_support import SCHOLZ

from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker.types import JobStatus, SpeakerCount, StoredQuote
from zitat.grpc import converters as conv
from zitat.v1 import zitat_pb2 as pb


def stored() -> StoredQuote:
    """A stored quote as the real extractor and scorer make it from SCHOLZ (field values copied from
    their output; pure conversion tests need no models: the gRPC Quotes tests cover live data)."""
    quote = Quote(
        text="Wir werden nicht nachgeben",
        start=1,
        end=27,
        kind="direct",
        cue=Span("sagte", 30, 35),
        speaker="Olaf Scholz",
        speaker_mention=Span("Bundeskanzler Olaf Scholz", 36, 61),
        speaker_role="Bundeskanzler",
        confidence=0.9,
    )
    for span in (quote, quote.cue, quote.speaker_mention):
        assert SCHOLZ[span.start : span.end] == span.text
    stance = Stance(
        score=0.17808086811733018,
        label="hawkish",
        evidence=[Evidence("nachgeben", 18, 27, 0.18, "yielding verb; negated by 'nicht'")],
    )
    assert SCHOLZ[18:27] == "nachgeben"
    return StoredQuote(
        quote_id="ab" * 32 + ":0",
        doc_id="ab" * 32,
        doc_name="scholz",
        quote=quote,
        stance=stance,
        published=1_700_000_000.25,
    )


@pytest.mark.parametrize(
    "quote",
    [
        stored().quote,
        Quote(
            text="",
            start=0,
            end=0,
            kind="indirect",
            cue=None,
            speaker=None,
            speaker_mention=None,
            speaker_role=None,
            confidence=0.0,
        ),
        Quote(
            text="x",
            start=3,
            end=4,
            kind="mixed",
            cue=Span("", 0, 0),
            speaker="",
            speaker_mention=None,
            speaker_role="",
            confidence=1.0,
        ),
    ],
)
def test_quote_round_trip(quote):
    msg = pb.Quote.FromString(conv.quote_to_pb(quote).SerializeToString())
    assert conv.quote_from_pb(msg) == quote


def test_stored_quote_round_trip_keeps_stance_and_time():
    original = stored()
    msg = pb.StoredQuote.FromString(conv.stored_quote_to_pb(original).SerializeToString())
    assert conv.stored_quote_from_pb(msg) == original


@pytest.mark.parametrize(
    "job",
    [
        JobStatus("j", "d", "queued"),
        JobStatus("j", "d", "failed", error="boom"),
        JobStatus("j", "d", "finished", quote_count=0, cached=True),
        JobStatus("j", "d", "unknown"),
    ],
)
def test_job_status_round_trip(job):
    assert conv.job_status_from_pb(conv.job_status_to_pb(job)) == job


def test_speaker_count_and_enums():
    count = SpeakerCount("Olaf Scholz", 3, ("Scholz",))
    assert conv.speaker_count_from_pb(conv.speaker_count_to_pb(count)) == count
    assert conv.sort_from_pb(pb.SPEAKER_SORT_UNSPECIFIED) == "newest"
    assert conv.sort_from_pb(pb.SPEAKER_SORT_CONCILIATORY) == "conciliatory"
    assert conv.sort_from_pb(99) is None  # a value from a newer client is refused, not guessed
    assert conv.stance_label_from_pb(pb.STANCE_LABEL_UNSPECIFIED) is None
