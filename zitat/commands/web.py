"""`zitat web`: the newsroom's web pages and JSON API (find a speaker, read their statements with
sources, see their stance over time, submit articles).

The store is the one every command uses: ZITAT_REDIS_URL, else the embedded Redis (stopped on exit).
Settings: zitat/web/settings.py (ZITAT_WEB_ADDRESS, ZITAT_WEB_TOKEN, ZITAT_WEB_SECRET).
"""

from __future__ import annotations

import argparse
import signal
import socket
import threading

from foundation.errors import ZitatError
from foundation.logging import get_logger

log = get_logger(__name__)


def register(subparsers) -> None:
    from zitat.web.settings import DEFAULT_ADDRESS, ENV_ADDRESS, ENV_SECRET, ENV_TOKEN

    p = subparsers.add_parser(
        "web",
        help="serve the web pages and the JSON API",
        description=__doc__.splitlines()[0],
        epilog=f"Access token: {ENV_TOKEN} (unset: open). Form signing key: {ENV_SECRET} (unset: random per "
        "process). The JSON API is described at /api/openapi.json.",
    )
    p.add_argument(
        "--address",
        default=None,
        help=f"HOST:PORT to listen on; port 0 picks a free one (default ${ENV_ADDRESS} or "
        f"{DEFAULT_ADDRESS}; use 0.0.0.0:PORT in a container)",
    )
    p.set_defaults(func=run)


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say they are TCP,
    # and with it on a kept-alive connection waits ~40 ms for each response's second write.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise ZitatError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _warm_up() -> None:
    """Import the chart's plotting library now, not on the first chart request (about a second)."""
    try:
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.figure  # noqa: F401

        import zitat.plot  # noqa: F401
    except ImportError:
        pass


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from worker.connection import close_default
    from zitat.web import WebSettings, create_app

    try:
        settings = WebSettings.from_settings(args.address)
        host, port = settings.host_port
    except ValueError as e:
        raise ZitatError(f"--address: {e}") from e
    app = create_app(settings=settings)
    threading.Thread(target=_warm_up, name="zitat-web-warm-up", daemon=True).start()
    sock = listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
        limit_max_requests=None,
    )
    server = uvicorn.Server(config)
    print(
        f"zitat web: listening on http://{shown}:{bound}/ (access token {'on' if settings.token else 'off'})",
        flush=True,
    )
    log.info("web.listening", host=host, port=bound, token=bool(settings.token))
    # uvicorn stops gracefully on SIGTERM and then raises the signal again under the handler it found:
    # with this one that is a no-op, so the embedded Redis is still stopped below and the exit is 0.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
        close_default()  # stops the embedded Redis if this process started it
    return 0
