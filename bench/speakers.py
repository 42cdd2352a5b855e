"""Quotes by speaker at scale: latency of the speaker query with many quotes in Redis.

The store is filled through QuoteStore.write_document (the worker's own write path) with synthetic
documents whose quotes come from a pool of synthetic speakers, then one speaker's first page, most
hawkish first, is asked for again and again: through the library (QuoteService) and through gRPC
(zitat.v1.Quotes/QuotesBySpeaker on a real server on loopback).
"""
from __future__ import annotations

import hashlib
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import grpc

from bench.stats import percentile
from extractor.types import Quote, Span
from stance.types import Stance
from worker.connection import EmbeddedRedis
from worker.service import QuoteService
from zitat.grpc.server import MESSAGE_OPTIONS, build_server
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

QUOTES_PER_DOC = 100
FIRST = ("Anna Boris Clara David Emma Felix Greta Hans Ida Jonas Karla Lukas Marta Nils Olga Paul "
         "Rosa Stefan Tina Uwe").split()
LAST = ("Albers Brandt Conrad Dietz Engel Frank Graf Hahn Imhof Jung Krause Lorenz Maier Nowak Otto "
        "Peters Quandt Roth Seidel Thiel Ulrich Vogel Wolf Xander Yilmaz Zander").split()
SENTENCE = "Wir werden alle Optionen prüfen und notfalls mit aller Härte reagieren"


def speakers() -> list[str]:
    return [f"{f} {l}" for f in FIRST for l in LAST]  # 520 people


def fill(service: QuoteService, quotes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = speakers()
    for d in range(quotes // QUOTES_PER_DOC):
        doc_id = hashlib.sha256(f"bench-doc-{d}".encode()).hexdigest()
        scored = []
        for i in range(QUOTES_PER_DOC):
            who = rng.choice(people)
            start = i * (len(SENTENCE) + 2)
            q = Quote(SENTENCE, start, start + len(SENTENCE), "direct", Span("sagte", start, start + 5), who,
                      Span(who, start, start + len(who)), None, 0.9)
            score = rng.uniform(-1, 1)
            scored.append((q, Stance(score, "hawkish" if score > 0.15 else "conciliatory" if score < -0.15
                                     else "neutral", [])))
        service.store.write_document(doc_id, f"bench-{d}", "bench", scored)


def latency(query: Callable[[str], object], names: list[str], repeats: int) -> tuple[float, float]:
    for name in names[:20]:  # warm connections and caches
        query(name)
    samples = []
    for i in range(repeats):
        name = names[i % len(names)]
        start = time.perf_counter()
        query(name)
        samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 0.50), percentile(samples, 0.99)


def run(extractor, quotes: int = 100_000, repeats: int = 2000) -> dict:
    names = speakers()
    random.Random(3).shuffle(names)
    with tempfile.TemporaryDirectory(prefix="zitat-bench-") as tmp, EmbeddedRedis(Path(tmp) / "redis") as redis:
        service = QuoteService(redis.new_client(), extractor=extractor)
        start = time.perf_counter()
        fill(service, quotes)
        fill_s = time.perf_counter() - start
        lib = latency(lambda n: service.quotes_by_speaker(n, "hawkish", 20, 0, None), names, repeats)
        server, port = build_server(extractor, service, address="127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}", options=MESSAGE_OPTIONS) as channel:
                stub = pb_grpc.QuotesStub(channel)
                rpc = latency(lambda n: stub.QuotesBySpeaker(
                    pb.QuotesBySpeakerRequest(name=n, sort=pb.SPEAKER_SORT_HAWKISH, limit=20), timeout=10),
                    names, repeats)
        finally:
            server.stop(grace=None)
    return {"speaker_quotes": quotes, "speaker_fill_s": round(fill_s, 1),
            "speaker_p50_ms_library": round(lib[0], 3), "speaker_p99_ms_library": round(lib[1], 3),
            "speaker_p50_ms_grpc": round(rpc[0], 3), "speaker_p99_ms_grpc": round(rpc[1], 3)}
