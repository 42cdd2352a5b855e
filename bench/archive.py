"""The archive at scale: statements by speaker, word search and timelines with many statements stored.

    python -m bench.archive                      # 1,000,000 statements (fills for a while: see fill_s)
    python -m bench.archive --statements 100000  # quicker

The store is filled through the worker's own write path (QuoteStore.write_document, then
Archive.register and Archive.publish, matching and all) with synthetic articles: 20 quotes each,
from a pool of synthetic speakers whose sizes follow a Zipf law (the busiest has tens of thousands
of statements, most have a few), words drawn from the seed articles, publication times spread over
one year, six outlets. Then, against a private redis-server:
- statements by speaker (first page, most hawkish first), through the library and through gRPC;
- a word search across all speakers (one content word, newest first; the target), and without a
  target: the same most hawkish first, two words, one word within one month;
- one speaker's weekly timeline over the year;
- Redis memory per statement (used_memory after the fill over the statement count).
Prints one JSON object; targets from the archive issue are checked and reported as "targets".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import grpc

from bench import synthetic
from bench.stats import percentile
from foundation import defaults
from foundation.logging import configure as configure_logging
from worker.connection import EmbeddedRedis
from worker.service import QuoteService
from worker.types import StatementQuery

TARGETS = {
    "speaker_p99_ms_library": 10.0,
    "speaker_p99_ms_grpc": 20.0,
    "word_search_p99_ms": 50.0,
    "timeline_year_weekly_p99_ms": 50.0,
}


def speakers(n: int) -> list[str]:
    first = (
        "Anna Boris Clara David Emma Felix Greta Hans Ida Jonas Karla Lukas Marta Nils Olga Paul Rosa Stefan Tina Uwe"
    ).split()
    return [f"{first[i % len(first)]} Bench{i:05d}" for i in range(n)]


def fill(service: QuoteService, statements: int, n_speakers: int, seed: int = 11) -> tuple[list[str], int]:
    """Fill the store, speakers' sizes following a Zipf law; returns (speakers, busiest speaker's count)."""
    people = speakers(n_speakers)
    weights = [1.0 / (rank + 1) for rank in range(n_speakers)]
    counts = synthetic.fill(
        service,
        statements // synthetic.QUOTES_PER_ARTICLE,
        lambda rng, _: (rng.choices(people, weights)[0], None),
        seed=seed,
    )
    return people, max(counts.values(), default=0)


def latency(query: Callable[[int], object], repeats: int) -> tuple[float, float]:
    for i in range(20):  # warm connections and caches
        query(i)
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        query(i)
        samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 0.50), percentile(samples, 0.99)


def run(statements: int, n_speakers: int, repeats: int) -> dict:
    from zitat.grpc.server import MESSAGE_OPTIONS, build_server
    from zitat.v1 import zitat_pb2 as pb
    from zitat.v1 import zitat_pb2_grpc as pb_grpc

    with tempfile.TemporaryDirectory(prefix="zitat-bench-") as tmp, EmbeddedRedis(Path(tmp) / "redis") as redis:
        client = redis.new_client()
        service = QuoteService(client)
        before = int(client.info("memory")["used_memory"])
        start = time.perf_counter()
        people, busiest = fill(service, statements, n_speakers)
        fill_s = time.perf_counter() - start
        stored = int(client.zcard(service.archive.keys.everyone("time")))
        memory = int(client.info("memory")["used_memory"]) - before
        top = people[:50]  # the busiest speakers: the slowest pages
        lib = latency(
            lambda i: service.statements(StatementQuery(speaker=top[i % len(top)], sort="hawkish", limit=20)), repeats
        )
        words = [w for w in synthetic.vocabulary() if len(w) > 6][:200]
        search = latency(lambda i: service.statements(StatementQuery(words=words[i % len(words)], limit=20)), repeats)
        hawkish = latency(
            lambda i: service.statements(StatementQuery(words=words[i % len(words)], sort="hawkish", limit=20)),
            max(50, repeats // 10),
        )
        two = latency(
            lambda i: service.statements(
                StatementQuery(words=f"{words[i % len(words)]} {words[(i * 7 + 3) % len(words)]}", limit=20)
            ),
            max(50, repeats // 10),
        )
        month = latency(
            lambda i: service.statements(
                StatementQuery(
                    words=words[i % len(words)],
                    published_from=f"2025-{i % 12 + 1:02d}",
                    published_to=f"2025-{i % 12 + 1:02d}",
                    limit=20,
                )
            ),
            max(50, repeats // 10),
        )
        timeline = latency(
            lambda i: service.speaker_timeline(top[i % 5], "week", "2025-01-01", "2025-12-31"), max(50, repeats // 10)
        )
        server, port = build_server(None, service, address="127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}", options=MESSAGE_OPTIONS) as channel:
                stub = pb_grpc.QuotesStub(channel)
                rpc = latency(
                    lambda i: stub.QuotesBySpeaker(
                        pb.QuotesBySpeakerRequest(name=top[i % len(top)], sort=pb.SPEAKER_SORT_HAWKISH, limit=20),
                        timeout=10,
                    ),
                    repeats,
                )
        finally:
            server.stop(grace=None)
    out = {
        "statements": stored,
        "speakers": n_speakers,
        "busiest_speaker_statements": busiest,
        "fill_s": round(fill_s, 1),
        "statements_per_s": round(stored / fill_s, 1),
        "redis_bytes_per_statement": round(memory / max(stored, 1)),
        "speaker_p50_ms_library": round(lib[0], 3),
        "speaker_p99_ms_library": round(lib[1], 3),
        "speaker_p50_ms_grpc": round(rpc[0], 3),
        "speaker_p99_ms_grpc": round(rpc[1], 3),
        "word_search_p50_ms": round(search[0], 3),
        "word_search_p99_ms": round(search[1], 3),
        "word_search_hawkish_p50_ms": round(hawkish[0], 3),
        "word_search_hawkish_p99_ms": round(hawkish[1], 3),
        "two_words_p50_ms": round(two[0], 3),
        "two_words_p99_ms": round(two[1], 3),
        "word_in_a_month_p50_ms": round(month[0], 3),
        "word_in_a_month_p99_ms": round(month[1], 3),
        "timeline_year_weekly_p50_ms": round(timeline[0], 3),
        "timeline_year_weekly_p99_ms": round(timeline[1], 3),
    }
    out["targets"] = {k: {"bound": v, "met": out[k] <= v} for k, v in TARGETS.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--speakers", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=defaults.REPO_ROOT / "build" / "bench" / "archive.json")
    args = ap.parse_args(argv)
    configure_logging(level="WARNING")  # the server's per-call lines would drown the result
    result = run(args.statements, args.speakers, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if all(t["met"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
