"""worker.codec: the stored layout of a quote is versioned, round-trips exactly, and the layouts of
earlier stores (hashes: the CLI's row format, then format 2) are still read."""

from __future__ import annotations

import json

import redis
from redis_server import redis_client, redis_server  # noqa: F401

from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker import codec
from worker.keys import Keys, doc_id_for
from worker.service import QuoteService

DOC = "„Wir werden die Truppen verstärken“, sagte Verteidigungsministerin Anna Berg am Dienstag."
DOC_ID = doc_id_for(DOC)


def _quote(**changes) -> Quote:
    values = dict(
        text="Wir werden die Truppen verstärken",
        start=1,
        end=34,
        kind="direct",
        cue=Span("sagte", 36, 41),
        speaker="Anna Berg",
        speaker_mention=Span("Verteidigungsministerin Anna Berg", 42, 75),
        speaker_role="Verteidigungsministerin",
        confidence=0.876543219,
    )
    values.update(changes)
    return Quote(**values)


STANCE = Stance(0.71234567, "hawkish", [Evidence("verstärken", 24, 34, 0.71234567, "announced")])


def test_a_quote_round_trips_exactly_with_its_stance_and_origin():
    for quote in (_quote(), _quote(cue=None, speaker=None, speaker_mention=None, speaker_role=None)):
        encoded = codec.encode(DOC_ID, "berg", 0, 1_700_000_000.125, "v1+lexicon-2", quote, STANCE, "tok")
        assert json.loads(encoded)["codec"] == codec.CODEC_VERSION
        fields = codec.fields(DOC_ID, "berg", 0, 1_700_000_000.125, "v1+lexicon-2", quote, STANCE, "tok")
        assert fields["codec"] == codec.HASH_VERSION and all(isinstance(v, str) for v in fields.values())
        for stored in (
            codec.decode(encoded.encode()),
            codec.decode({k.encode(): v.encode() for k, v in fields.items()}),
        ):
            assert stored.quote == quote and stored.stance == STANCE
            assert (stored.doc_id, stored.doc_name, stored.quote_id, stored.published) == (
                DOC_ID,
                "berg",
                f"{DOC_ID}:0",
                1_700_000_000.125,
            )


def test_the_first_stores_layout_is_still_read(redis_client: redis.Redis):  # noqa: F811
    # exactly what the first store wrote: Quote.to_row() (rounded confidence replaced) + stance fields
    legacy = {
        "text": "Wir werden die Truppen verstärken",
        "start": "1",
        "end": "34",
        "kind": "direct",
        "speaker": "Anna Berg",
        "speaker_role": "Verteidigungsministerin",
        "speaker_mention": "Verteidigungsministerin Anna Berg",
        "speaker_start": "42",
        "speaker_end": "75",
        "cue": "sagte",
        "cue_start": "36",
        "cue_end": "41",
        "confidence": "0.876543219",
        "doc_id": DOC_ID,
        "doc_name": "berg",
        "index": "0",
        "published": "1700000000.125",
        "version": "v1",
        "speaker_token": "",
        "stance_label": "hawkish",
        "stance_score": "0.71234567",
        "stance_evidence": '[{"text": "verstärken", "start": 24, "end": 34, "weight": 0.712, "note": "announced"}]',
    }
    keys = Keys("zitat:v1:")  # where the first store wrote: copied into the current layout on first use
    redis_client.hset(keys.quote(DOC_ID, 0), mapping=legacy)
    redis_client.hset(keys.doc(DOC_ID), mapping={"doc_name": "berg", "quotes": 1, "published": "1700000000.125"})
    (stored,) = QuoteService(redis_client).document_quotes(DOC_ID)
    assert stored.quote == _quote()
    assert stored.stance.label == "hawkish" and stored.stance.evidence[0].note == "announced"
