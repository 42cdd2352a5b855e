"""How one stored quote is laid out in Redis: versioned, and separate from the CLI's formats.

Format 3 (written now) is one JSON string per quote with the fields of format 2 (and "codec": "3"):
a Redis hash keeps a value longer than 64 bytes (every quote's text) in its large encoding, which
cost 2.5 kB per quote; the string costs what its JSON costs. Formats 1 and 2 were hashes and are
still read (worker.migrate copies a store of the first layout): format 1 (no `codec` field) was the
CLI's row format plus stance fields, so a change to what `zitat extract` printed would have changed
what Redis held.

Format 2, all values strings: text, start, end, kind, confidence (repr: exact), cue / cue_start /
cue_end and mention / mention_start / mention_end (present only with a span), speaker, speaker_role
(present only when set), mode (speech | thought | writing), the stance (stance_label, stance_score,
stance_evidence as JSON) and where it came from (doc_id, doc_name, index, published, version,
speaker_token).
"""

from __future__ import annotations

import json

from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker.types import StoredQuote

CODEC_VERSION = "3"
HASH_VERSION = "2"


def as_text(value: bytes | str) -> str:
    """A value as Redis returns it (bytes), as text; lone surrogates kept as they were written."""
    return value.decode("utf-8", errors="surrogatepass") if isinstance(value, bytes) else str(value)


def _span_fields(prefix: str, span: Span | None) -> dict[str, str]:
    if span is None:
        return {}
    return {prefix: span.text, f"{prefix}_start": str(span.start), f"{prefix}_end": str(span.end)}


def _span(row: dict[str, str], prefix: str, text_key: str | None = None) -> Span | None:
    text_key = text_key or prefix
    if row.get(text_key) is None or row.get(f"{prefix}_start") in (None, ""):
        return None
    return Span(row[text_key], int(row[f"{prefix}_start"]), int(row[f"{prefix}_end"]))


def encode(
    doc_id: str,
    doc_name: str,
    index: int,
    published: float,
    version: str,
    quote: Quote,
    stance: Stance,
    token: str | None,
) -> str:
    """One stored quote (format CODEC_VERSION): a JSON string."""
    return json.dumps(
        fields(doc_id, doc_name, index, published, version, quote, stance, token) | {"codec": CODEC_VERSION},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def fields(
    doc_id: str,
    doc_name: str,
    index: int,
    published: float,
    version: str,
    quote: Quote,
    stance: Stance,
    token: str | None,
) -> dict[str, str]:
    """The fields of one stored quote, all strings: format 2's hash (and format 3's JSON object)."""
    out = {
        "codec": HASH_VERSION,
        "text": quote.text,
        "start": str(quote.start),
        "end": str(quote.end),
        "kind": quote.kind,
        "confidence": repr(float(quote.confidence)),
        "mode": quote.mode,
        **_span_fields("cue", quote.cue),
        **_span_fields("mention", quote.speaker_mention),
        "doc_id": doc_id,
        "doc_name": doc_name,
        "index": str(index),
        "published": repr(float(published)),
        "version": version,
        "speaker_token": token or "",
        "stance_label": stance.label,
        "stance_score": repr(float(stance.score)),
        "stance_evidence": json.dumps(
            [
                {"text": e.text, "start": e.start, "end": e.end, "weight": e.weight, "note": e.note}
                for e in stance.evidence
            ],
            ensure_ascii=False,
        ),
    }
    if quote.speaker is not None:
        out["speaker"] = quote.speaker
    if quote.speaker_role is not None:
        out["speaker_role"] = quote.speaker_role
    return out


def decode(raw: dict | bytes | str) -> StoredQuote:
    """A StoredQuote from a JSON string (format 3) or a hash (formats 1 and 2)."""
    if isinstance(raw, (bytes, str)):
        row = json.loads(raw)
    else:
        row = {as_text(k): as_text(v) for k, v in raw.items()}
    if row.get("codec") in (CODEC_VERSION, HASH_VERSION):
        mention = _span(row, "mention")
    else:  # format 1: the CLI's row names for the mention
        mention = _span(row, "speaker", "speaker_mention")
    evidence = [
        Evidence(e["text"], int(e["start"]), int(e["end"]), float(e["weight"]), e.get("note", ""))
        for e in json.loads(row.get("stance_evidence") or "[]")
    ]
    doc_id = row["doc_id"]
    return StoredQuote(
        quote_id=f"{doc_id}:{row['index']}",
        doc_id=doc_id,
        doc_name=row.get("doc_name", ""),
        quote=Quote(
            text=row["text"],
            start=int(row["start"]),
            end=int(row["end"]),
            kind=row["kind"],
            cue=_span(row, "cue"),
            speaker=row.get("speaker"),
            speaker_mention=mention,
            speaker_role=row.get("speaker_role"),
            confidence=float(row.get("confidence", 0.0)),
            mode=row.get("mode", "speech"),
        ),  # format 1 had no mode
        stance=Stance(float(row["stance_score"]), row["stance_label"], evidence),
        published=float(row["published"]),
    )
