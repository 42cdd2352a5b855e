"""Helpers for the gRPC tests (no tests here): a stand-in extractor, an in-memory store, real servers.

The gRPC edge is tested against a real server on 127.0.0.1:0 and real channels, but with a stand-in
extractor that finds „…“ quotes with a regex: loading Stanza takes seconds and CPU that the model
training needs. tests/test_grpc_real_extractor.py runs the real one.
"""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from typing import Iterator

import grpc

from extractor.api import validate_text
from extractor.types import Quote, Span
from stance.types import Evidence, Stance
from worker.types import JobStatus, SpeakerCount, StoredQuote
from zitat.exceptions import NotFound, StoreUnavailable
from zitat.grpc.server import MESSAGE_OPTIONS, ZitatServer, build_server

_QUOTE = re.compile(r"„([^“]+)“(,\s*(sagte)\s+(\w+))?")
SENTENCE_WITH_QUOTE = "Der Streit geht weiter. „Wir werden nicht nachgeben“, sagte Merkel am Montag."
CRASH_MARKER = "KAPUTT"  # a document containing this makes the stand-in raise an unexpected error


class StandInExtractor:
    """extractor.api.Extractor's interface; optionally blocks on `gate` to hold the server busy."""

    model_version = "stand-in-1"

    def __init__(self, gate: threading.Event | None = None, error: Exception | None = None) -> None:
        self.gate = gate
        self.error = error
        self.calls = 0
        self.started = threading.Event()

    def extract_many(self, texts: list[str]) -> list[list[Quote]]:
        for text in texts:
            validate_text(text)
        self.calls += 1
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        if self.error is not None:
            raise self.error
        return [self._find(text) for text in texts]

    @staticmethod
    def _find(text: str) -> list[Quote]:
        if CRASH_MARKER in text:
            raise RuntimeError("stand-in crashed")
        quotes = []
        for m in _QUOTE.finditer(text):
            cue = Span(m.group(3), m.start(3), m.end(3)) if m.group(3) else None
            mention = Span(m.group(4), m.start(4), m.end(4)) if m.group(4) else None
            quotes.append(Quote(text=m.group(1), start=m.start(1), end=m.end(1), kind="direct", cue=cue,
                                speaker=mention.text if mention else None, speaker_mention=mention,
                                speaker_role=None, confidence=0.75))
        return quotes


def stored(doc_id: str = "d1", index: int = 0, speaker: str = "Angela Merkel") -> StoredQuote:
    text = "„Wir werden nicht nachgeben“, sagte Merkel."
    quote = Quote(text="Wir werden nicht nachgeben", start=1, end=27, kind="direct", cue=Span("sagte", 30, 35),
                  speaker=speaker, speaker_mention=Span("Merkel", 36, 42), speaker_role="Kanzlerin",
                  confidence=0.9)
    assert text[quote.start:quote.end] == quote.text
    stance = Stance(score=0.6, label="hawkish",
                    evidence=[Evidence("nicht nachgeben", 12, 27, 0.6, "negated")])
    return StoredQuote(quote_id=f"{doc_id}:{index}", doc_id=doc_id, doc_name="merkel", quote=quote,
                       stance=stance, published=1_700_000_000.25)


class MemoryQuoteService:
    """The QuoteService protocol over a dict: enough to see every field cross the wire."""

    def __init__(self) -> None:
        self.down = False
        self.quotes = [stored()]

    def _check(self) -> None:
        if self.down:
            raise StoreUnavailable("redis at redis://nowhere:6379 is unreachable")

    def submit_document(self, text: str, doc_name: str) -> JobStatus:
        self._check()
        return JobStatus(job_id="job-1", doc_id="d1", state="queued")

    def get_job(self, job_id: str) -> JobStatus:
        self._check()
        if job_id != "job-1":
            raise NotFound(f"no job {job_id}")
        return JobStatus(job_id="job-1", doc_id="d1", state="finished", quote_count=1)

    def quotes_by_speaker(self, name, sort, limit, offset, stance):
        self._check()
        self.last_query = (name, sort, limit, offset, stance)
        if name not in ("Merkel", "Angela Merkel"):
            return None, [], 0
        return "Angela Merkel", self.quotes[offset:offset + limit], len(self.quotes)

    def list_speakers(self, limit: int, offset: int) -> list[SpeakerCount]:
        self._check()
        return [SpeakerCount("Angela Merkel", 1, ("Merkel",))][offset:offset + limit]

    def document_quotes(self, doc_id: str) -> list[StoredQuote]:
        self._check()
        if doc_id != "d1":
            raise NotFound(f"no document {doc_id}")
        return list(self.quotes)


@contextmanager
def serving(extractor, quote_service=None, **kwargs) -> Iterator[tuple[str, ZitatServer]]:
    """A started server on a free port; stopped (without grace) afterwards."""
    server, port = build_server(extractor, quote_service, **kwargs)
    server.start()
    try:
        yield f"127.0.0.1:{port}", server
    finally:
        server.stop(None).wait(5)


@contextmanager
def channel(address: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(address, options=MESSAGE_OPTIONS) as ch:
        yield ch
