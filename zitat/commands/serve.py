"""`zitat serve`: the gRPC API (zitat.v1.Extractor, and zitat.v1.Quotes when a quote store is there).

The model is loaded before the port opens, so a server that answers health checks can extract. The
quote store is optional: without Redis (or the worker package) the Quotes RPCs answer
FAILED_PRECONDITION and the Extractor still works.
"""

from __future__ import annotations

import argparse

from foundation import defaults
from foundation.errors import StoreUnavailable
from foundation.logging import get_logger
from foundation.settings import current

log = get_logger(__name__)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def register(subparsers) -> None:
    from zitat.grpc.server import DEFAULT_GRACE_S, DEFAULT_MAX_WORKERS

    p = subparsers.add_parser(
        "serve",
        help="serve the gRPC API",
        description=__doc__.splitlines()[0],
        epilog=f"TLS: set {defaults.ENV_TLS_CERT} and {defaults.ENV_TLS_KEY} to PEM files. Quote store: "
        f"{defaults.ENV_REDIS_URL}, else the embedded Redis.",
    )
    p.add_argument(
        "--address",
        default=f"127.0.0.1:{defaults.DEFAULT_GRPC_PORT}",
        help="HOST:PORT to listen on; port 0 picks a free one (default %(default)s; use 0.0.0.0:PORT in a container)",
    )
    p.add_argument(
        "--models",
        choices=["bundled", "official"],
        default=None,
        help=f"which German models (default: ${defaults.ENV_MODELS} or bundled)",
    )
    p.add_argument(
        "--full-parse",
        action="store_true",
        default=None,
        help="parse every sentence, not only those that can carry speech (slower; "
        f"default: ${defaults.ENV_FULL_PARSE})",
    )
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=DEFAULT_MAX_WORKERS,
        help="extraction calls in the server at once, running or waiting for the model, which runs "
        "one batch at a time; more are refused with RESOURCE_EXHAUSTED. Health checks and "
        "the Quotes RPCs have threads of their own (default %(default)s)",
    )
    p.add_argument("--no-store", action="store_true", help="serve the Extractor only, even if Redis is there")
    p.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE_S,
        help="seconds in-flight calls get on SIGTERM/SIGINT (default %(default)s)",
    )
    p.set_defaults(func=run)


def _quote_service(extractor):
    """worker.service.QuoteService if the worker package and a store are there, else None.

    With ZITAT_REDIS_URL set the store is wired in even if Redis is not up yet (its RPCs answer
    UNAVAILABLE until it is: compose may start Redis after us); the embedded default is used only if
    it starts.
    """
    try:
        from worker.service import QuoteService
    except ModuleNotFoundError as e:
        if e.name not in ("worker.service", "worker"):
            raise  # the worker is there but broken: say so rather than serve without it
        log.warning("serve.no_quote_store", reason="worker.service is not installed")
        return None
    service = QuoteService(extractor=extractor)  # our model's version keys the document cache
    try:
        service.list_speakers(1, 0)  # connects (or starts the embedded Redis) now, not on the first RPC
    except (StoreUnavailable, OSError) as e:
        if current().redis_url:
            log.warning("serve.store_unreachable", reason=str(e))
            return service
        log.warning("serve.no_quote_store", reason=f"embedded Redis did not start: {e}")
        return None
    return service


def run(args: argparse.Namespace) -> int:
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig
    from zitat.grpc.server import TLSConfig, build_server, serve_until_signalled
    from zitat.memory import cap_malloc_arenas

    cap_malloc_arenas(settings=current())  # before the model load and the RPC threads: see zitat/memory.py
    settings = current()
    tls = TLSConfig.from_settings(settings)  # before the slow model load: a config error should fail fast
    extractor = Extractor(ModelConfig.from_settings(args.models, full_parse=args.full_parse, settings=settings)).load()
    quote_service = None if args.no_store else _quote_service(extractor)
    server, port = build_server(extractor, quote_service, address=args.address, max_workers=args.workers, tls=tls)
    host = args.address.rsplit(":", 1)[0]
    print(
        f"zitat serve: listening on {host}:{port} ({'TLS' if tls else 'plaintext'}, model "
        f"{extractor.model_version}, quote store {'on' if quote_service is not None else 'off'})",
        flush=True,
    )
    serve_until_signalled(server, args.grace)
    return 0
