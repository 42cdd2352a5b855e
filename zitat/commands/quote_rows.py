"""Stored quotes (occurrences in one document) as records: what `zitat run` prints per document."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime

COLUMNS = [
    "speaker",
    "quote_id",
    "doc_id",
    "doc_name",
    "published",
    "stance_label",
    "stance_score",
    "kind",
    "mode",
    "speaker_role",
    "speaker_mention",
    "cue",
    "start",
    "end",
    "confidence",
    "text",
]


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).isoformat(timespec="seconds")


def row(q, speaker: str | None = None) -> dict:
    """A StoredQuote as one flat record (JSONL keeps the stance evidence as well)."""
    return {
        "speaker": speaker or q.quote.speaker,
        "quote_id": q.quote_id,
        "doc_id": q.doc_id,
        "doc_name": q.doc_name,
        "published": iso(q.published),
        "stance_label": q.stance.label,
        "stance_score": round(q.stance.score, 3),
        **{k: v for k, v in q.quote.to_row().items() if k != "speaker"},
        "stance_evidence": q.stance.to_dict()["evidence"],
    }


def pretty_line(q) -> str:
    who = ""
    if q.quote.speaker_mention and q.quote.speaker_mention.text != q.quote.speaker:
        who = f" ({q.quote.speaker_mention.text})"
    return f"  [{q.stance.label:<12} {q.stance.score:+.2f}] „{q.quote.text}“{who} — {q.doc_name or q.doc_id[:12]}"


def write(quotes, fmt: str, out=None, speaker: str | None = None) -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        for q in quotes:
            out.write(json.dumps(row(q, speaker), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for q in quotes:
            writer.writerow(row(q, speaker))
    else:
        for q in quotes:
            print(pretty_line(q), file=out)
