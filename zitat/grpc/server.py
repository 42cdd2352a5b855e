"""Building, starting and stopping the zitat gRPC server (Extractor + Quotes, health, reflection).

Bounded by design: at most `max_workers` extraction calls are in the server at once (fewer with
`max_concurrent_rpcs`); the next gets RESOURCE_EXHAUSTED at once instead of piling up behind the one
extractor (zitat.grpc.admission). The thread pool has RESERVED_THREADS more than that, which only
cheap calls (health, GetModelVersion, Quotes) can use, so they are answered however busy extraction
is; MAX_RPCS_IN_SERVER bounds all calls together, as a memory limit only.
"""

from __future__ import annotations

import signal
import threading
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from extractor.api import Extractor
from foundation import defaults
from foundation.errors import ZitatError
from foundation.logging import get_logger
from foundation.settings import Settings
from stance.scorer import Scorer
from worker.extraction import Pipeline
from zitat.grpc.admission import AdmissionInterceptor, ExtractionSlots
from zitat.grpc.decoding import DecodingInterceptor
from zitat.grpc.interceptors import RequestContextInterceptor
from zitat.grpc.limits import MESSAGE_OPTIONS
from zitat.grpc.servicers import ExtractorServicer, QuoteService, QuotesServicer
from zitat.v1 import zitat_pb2, zitat_pb2_grpc

log = get_logger(__name__)

EXTRACTOR_SERVICE = zitat_pb2.DESCRIPTOR.services_by_name["Extractor"].full_name
QUOTES_SERVICE = zitat_pb2.DESCRIPTOR.services_by_name["Quotes"].full_name
DEFAULT_MAX_WORKERS = 8
DEFAULT_GRACE_S = 10.0
#: Threads beyond the extraction slots: what health checks and the cheap RPCs can always use.
RESERVED_THREADS = 4
#: Every call in the server at once, running or queued (health included), before gRPC itself answers
#: RESOURCE_EXHAUSTED: far above what the slots let through, a bound on memory, not on work.
MAX_RPCS_IN_SERVER = 512


class ServerError(ZitatError):
    """The server could not be set up (address taken, TLS files unreadable)."""


@dataclass(frozen=True)
class TLSConfig:
    cert_file: Path
    key_file: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> TLSConfig | None:
        cert, key = settings.tls_cert, settings.tls_key
        if bool(cert) != bool(key):
            raise ServerError(f"set both {defaults.ENV_TLS_CERT} and {defaults.ENV_TLS_KEY} for TLS, or neither")
        return cls(cert, key) if cert and key else None

    def credentials(self) -> grpc.ServerCredentials:
        try:
            pair = (self.key_file.read_bytes(), self.cert_file.read_bytes())
        except OSError as e:
            raise ServerError(f"cannot read TLS key/certificate: {e}") from e
        return grpc.ssl_server_credentials([pair])


class ZitatServer:
    """A started-or-not grpc.Server plus its health servicer, so that stopping can announce itself."""

    def __init__(self, server: grpc.Server, health_servicer: health.HealthServicer) -> None:
        self.grpc_server = server
        self.health = health_servicer

    def start(self) -> None:
        self.grpc_server.start()

    def stop(self, grace: float | None = DEFAULT_GRACE_S) -> threading.Event:
        """Health says NOT_SERVING first (load balancers stop sending), then in-flight calls get `grace` s."""
        self.health.enter_graceful_shutdown()
        return self.grpc_server.stop(grace)

    def wait_for_termination(self, timeout: float | None = None) -> bool:
        return self.grpc_server.wait_for_termination(timeout)


def build_server(
    extractor: Extractor,
    quote_service: QuoteService | None = None,
    address: str = "127.0.0.1:0",
    max_workers: int = DEFAULT_MAX_WORKERS,
    tls: TLSConfig | None = None,
    max_concurrent_rpcs: int | None = None,
    scorer: Scorer | None = None,
) -> tuple[ZitatServer, int]:
    """A ready-to-start server bound to `address`, and its port (":0" picks a free one). The
    Extractor service runs `extractor` with `scorer` on its parse (worker.extraction.Pipeline).

    `max_workers` extraction calls may be in the server at once (`max_concurrent_rpcs`, if given and
    smaller, lowers that); see the module docstring for the threads the other calls keep."""
    slots = ExtractionSlots(min(max_workers, max_concurrent_rpcs or max_workers))
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=slots.slots + RESERVED_THREADS, thread_name_prefix="zitat-grpc"),
        interceptors=[RequestContextInterceptor(), DecodingInterceptor(), AdmissionInterceptor(slots)],
        options=MESSAGE_OPTIONS,
        maximum_concurrent_rpcs=MAX_RPCS_IN_SERVER,
    )
    zitat_pb2_grpc.add_ExtractorServicer_to_server(ExtractorServicer(Pipeline(extractor, scorer)), server)
    zitat_pb2_grpc.add_QuotesServicer_to_server(QuotesServicer(quote_service), server)

    # Watch streams are answered from their own small pool instead of holding a worker each.
    health_servicer = health.HealthServicer(
        experimental_non_blocking=True,
        experimental_thread_pool=futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="zitat-health"),
    )
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    serving, not_serving = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING
    health_servicer.set("", serving)
    health_servicer.set(EXTRACTOR_SERVICE, serving)
    # Without a store every Quotes RPC fails: say so to anyone who checks before calling.
    health_servicer.set(QUOTES_SERVICE, serving if quote_service is not None else not_serving)

    reflection.enable_server_reflection(
        (EXTRACTOR_SERVICE, QUOTES_SERVICE, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )

    try:
        port = server.add_secure_port(address, tls.credentials()) if tls else server.add_insecure_port(address)
    except RuntimeError as e:  # grpcio raises when it cannot bind
        raise ServerError(f"cannot listen on {address}: {e}") from e
    if not port:
        raise ServerError(f"cannot listen on {address}")
    return ZitatServer(server, health_servicer), port


def serve_until_signalled(server: ZitatServer, grace: float = DEFAULT_GRACE_S) -> None:
    """Start and block until SIGTERM/SIGINT, then shut down gracefully (main thread only)."""
    stopping = threading.Event()

    def handle(signum: int, _frame) -> None:
        if stopping.is_set():
            return
        stopping.set()
        log.info("server.stopping", signal=signal.Signals(signum).name, grace_s=grace)
        server.stop(grace)

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.start()
        server.wait_for_termination()
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    log.info("server.stopped")
