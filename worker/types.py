"""Dataclasses at the worker/store seam, shared by the CLI and the gRPC servicers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extractor.types import Quote
from stance.types import Stance

JobState = Literal["queued", "started", "finished", "failed", "deferred", "scheduled", "unknown"]
SpeakerSort = Literal["newest", "hawkish", "conciliatory"]


@dataclass(frozen=True)
class StoredQuote:
    """A quote as kept in the store: the extractor's Quote, its stance and where it came from."""

    quote_id: str  # "<doc_id>:<index>"
    doc_id: str  # content hash of the document
    doc_name: str  # the submitter's name for it (file stem), may be ""
    quote: Quote
    stance: Stance
    published: float  # unix time the document was stored (orders "newest first")


@dataclass(frozen=True)
class JobStatus:
    job_id: str
    doc_id: str
    state: JobState
    quote_count: int | None = None
    error: str | None = None
    cached: bool = False  # the document had been processed before: no new work was done


@dataclass(frozen=True)
class SpeakerCount:
    speaker: str  # canonical name
    quotes: int
    aliases: tuple[str, ...] = ()
