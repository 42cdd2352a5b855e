"""Container health probes, for compose/Kubernetes healthchecks (exit 0 healthy, 1 not).

    python -m zitat.healthcheck grpc [HOST:PORT] [--service NAME]   # gRPC health protocol
    python -m zitat.healthcheck redis                                # PING $ZITAT_REDIS_URL
    python -m zitat.healthcheck worker                               # an rq worker of this host is alive

The gRPC probe speaks grpc.health.v1 (grpcio-health-checking), so it needs no grpcurl or
grpc_health_probe binary in the image. The worker probe looks for a worker registered in Redis from
this host (the container) whose heartbeat is recent, so a hung worker turns unhealthy.
"""

from __future__ import annotations

import argparse
import socket
import sys
from datetime import UTC, datetime, timedelta

from foundation import defaults
from foundation.settings import current


def check_grpc(address: str, service: str = "", timeout: float = 3.0) -> tuple[bool, str]:
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    with grpc.insecure_channel(address) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout
            )
        except grpc.RpcError as e:
            return False, f"{address}: {e.code().name}: {e.details()}"
    name = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == health_pb2.HealthCheckResponse.SERVING, f"{address} {service or '(server)'}: {name}"


def check_redis() -> tuple[bool, str]:
    from foundation.errors import StoreUnavailable
    from worker.connection import from_url, redact

    url = current().redis_url
    if not url:
        return False, f"{defaults.ENV_REDIS_URL} is not set"
    try:
        from_url(url).close()
    except StoreUnavailable as e:
        return False, str(e)
    return True, f"{redact(url)}: PONG"


def check_worker(max_silence: float = 120.0) -> tuple[bool, str]:
    from rq import Worker

    from foundation.errors import StoreUnavailable
    from worker.connection import from_url

    url = current().redis_url
    if not url:
        return False, f"{defaults.ENV_REDIS_URL} is not set"
    try:
        client = from_url(url)
    except StoreUnavailable as e:
        return False, str(e)
    host = socket.gethostname()
    now = datetime.now(UTC)
    for w in Worker.all(connection=client):
        beat = w.last_heartbeat
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=UTC)
        if w.hostname == host and beat is not None and now - beat < timedelta(seconds=max_silence):
            silence = int((now - beat).total_seconds())
            return True, f"worker {w.name} on {host}: {w.get_state()}, heartbeat {silence}s ago"
    return False, f"no live rq worker registered from {host}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zitat.healthcheck", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="probe", required=True)
    g = sub.add_parser("grpc")
    g.add_argument("address", nargs="?", default=f"127.0.0.1:{defaults.DEFAULT_GRPC_PORT}")
    g.add_argument("--service", default="", help="a service name; default: the whole server")
    g.add_argument("--timeout", type=float, default=3.0)
    sub.add_parser("redis")
    w = sub.add_parser("worker")
    w.add_argument("--max-silence", type=float, default=120.0, help="seconds since the last heartbeat")
    args = ap.parse_args(argv)
    try:
        if args.probe == "grpc":
            ok, message = check_grpc(args.address, args.service, args.timeout)
        elif args.probe == "redis":
            ok, message = check_redis()
        else:
            ok, message = check_worker(args.max_silence)
    except Exception as e:  # a probe must answer, not crash with a traceback
        ok, message = False, f"{type(e).__name__}: {e}"
    print(("healthy: " if ok else "unhealthy: ") + message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
