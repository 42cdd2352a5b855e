"""Helpers for the gRPC tests (no tests here): real servers and channels, real German documents, and
one thin wrapper around the real extractor for what a real extractor cannot be made to do on cue.

Everything behind the servers is real: extractor.api.Extractor with the Stanza models (the session
fixture `extractor` in conftest.py) and worker.service.QuoteService on a real redis-server
(tests/redis_server.py). Quotes in assertions come from the real model, so tests check invariants
(text == document[start:end]) and the one plain sentence below, not model-dependent counts.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import grpc

from extractor.types import Analysis
from zitat.grpc.server import MESSAGE_OPTIONS, ZitatServer, build_server

#: One plain German sentence whose direct quote and speaker any usable model finds.
SCHOLZ = "„Wir werden nicht nachgeben“, sagte Bundeskanzler Olaf Scholz am Montag."
SCHOLZ_QUOTE = "Wir werden nicht nachgeben"
SCHOLZ_SPEAKER = "Olaf Scholz"
#: A short article: the Scholz quote plus quotes whose details depend on the model.
ARTICLE = (
    "Die Verhandlungen in Brüssel sind festgefahren. " + SCHOLZ + " Der französische Präsident "
    "Emmanuel Macron erklärte, man sei zu Gesprächen bereit. „Wir brauchen eine Lösung“, sagte Macron."
)
NO_QUOTE = "Der Haushalt wird im Herbst im Bundestag beraten."
CRASH_MARKER = "KAPUTT"  # a document containing this makes GatedExtractor(crash_marker=...) raise


class GatedExtractor:
    """The real extractor.api.Extractor, delegated to, plus the control a real extractor cannot give.

    Why it exists: some server behaviour only shows while the extractor is busy or when it fails in
    a way no real document triggers on demand. A real Stanza run takes ~50 ms, too short to hold the
    server busy for RESOURCE_EXHAUSTED, to let a deadline expire mid-extraction, or to stop the
    server gracefully around an in-flight call; and no German text makes the real extractor raise an
    unexpected error, which is what INTERNAL (and a per-item error in ExtractBatch) is about. So:

    - `gate`: analyse_many (what the server's pipeline calls) blocks on it (up to 10 s) before delegating; `started` is set on entry;
    - `crash_marker`: a document containing it raises RuntimeError instead of being extracted;
    - `error`: raised on every call instead of delegating.

    Quotes are never invented: every answer is the real extractor's.
    """

    def __init__(
        self,
        inner,
        gate: threading.Event | None = None,
        crash_marker: str | None = None,
        error: Exception | None = None,
    ) -> None:
        self.inner = inner
        self.gate = gate
        self.crash_marker = crash_marker
        self.error = error
        self.calls = 0
        self.started = threading.Event()

    @property
    def model_version(self) -> str:
        return self.inner.model_version

    def analyse_many(self, texts: list[str], stop=None) -> list[Analysis]:
        self.calls += 1
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        if self.error is not None:
            raise self.error
        if self.crash_marker is not None and any(self.crash_marker in t for t in texts):
            raise RuntimeError("injected crash")
        return self.inner.analyse_many(texts, stop=stop)


def find_scholz(quotes) -> list:
    """The quotes (extractor Quote or zitat.v1.Quote) that are the Scholz quote, attributed to him."""
    return [q for q in quotes if q.text == SCHOLZ_QUOTE and q.speaker == SCHOLZ_SPEAKER]


def has_scholz_quote(quotes) -> bool:
    """The Scholz quote's text was found (speaker or not): for tests about the server, not the model."""
    return SCHOLZ_QUOTE in [q.text for q in quotes]


@contextmanager
def serving(extractor, quote_service=None, **kwargs) -> Iterator[tuple[str, ZitatServer]]:
    """A started server on a free loopback port; stopped (without grace) afterwards."""
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


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throw-away certificate and key for localhost (openssl), for the TLS tests."""
    cert, key = directory / "server.pem", directory / "server.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key
