"""gRPC Extract latency with concurrent clients: a real server on loopback, each client its own channel.

The extractor runs one document at a time (Stanza is not thread-safe), so with 8 clients a call
waits for the calls ahead of it: the latency shows that queueing, which is what a caller sees.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import grpc

from bench.corpus import Article
from bench.stats import percentile
from zitat.grpc.server import MESSAGE_OPTIONS, build_server
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc


def run(extractor, articles: Sequence[Article], clients: int = 8, calls_per_client: int = 3) -> dict:
    server, port = build_server(extractor, None, address="127.0.0.1:0", max_workers=clients)
    server.start()
    samples: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    go = threading.Event()

    def client(k: int) -> None:
        with grpc.insecure_channel(f"127.0.0.1:{port}", options=MESSAGE_OPTIONS) as channel:
            stub = pb_grpc.ExtractorStub(channel)
            go.wait()
            for i in range(calls_per_client):
                a = articles[(k + i) % len(articles)]
                start = time.perf_counter()
                try:
                    stub.Extract(pb.ExtractRequest(text=a.text, doc_name=a.name), timeout=600)
                except grpc.RpcError as e:
                    with lock:
                        errors.append(e.code().name)
                    continue
                with lock:
                    samples.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    try:
        for t in threads:
            t.start()
        go.set()
        for t in threads:
            t.join()
    finally:
        server.stop(grace=None)
    return {
        "extract_grpc_clients": clients,
        "extract_grpc_calls": len(samples),
        "extract_grpc_errors": len(errors),
        "extract_grpc_p50_ms": round(percentile(samples, 0.5) or 0, 1),
        "extract_grpc_p99_ms": round(percentile(samples, 0.99) or 0, 1),
    }
