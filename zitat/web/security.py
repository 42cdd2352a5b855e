"""The web server's guard: security headers, the request size limit, the optional access token, and
the CSRF tokens of its forms.

- Content-Security-Policy: scripts and styles only from this server ('self'), no inline script or
  handler, no plugins, no framing; plus nosniff, no referrer to other sites, no framing.
- Request bodies larger than settings.max_request_bytes are refused with 413, by Content-Length
  before anything is read and by counting for bodies sent without one.
- With ZITAT_WEB_TOKEN set, every request but /healthz, /static/ and /login needs the token: the
  header `Authorization: Bearer TOKEN`, or the login cookie that /login (or `?token=TOKEN` on any
  page, once) sets. Pages send a browser to /login; the API answers 401.
- CSRF: signed double-submit tokens. A form page sets a cookie with `nonce.signature` and puts the
  same value in a hidden field; a POST must bring both, equal, with a valid signature.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from foundation.logging import get_logger
from zitat.web.settings import WebSettings

log = get_logger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOGIN_COOKIE = "zitat_login"
CSRF_COOKIE = "zitat_csrf"
CSRF_FIELD = "csrf_token"
OPEN_PATHS = ("/healthz", "/login", "/static/", "/favicon.ico")


class BodyTooLarge(HTTPException):
    """Raised while reading a body past the limit; an HTTPException so that body parsers pass it on."""

    def __init__(self) -> None:
        super().__init__(413, "Die Anfrage ist zu groß.")


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path in ("/api", "/healthz", "/openapi.json")


def _cookies(scope: Scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, not an error page
                pass
    return {k: m.value for k, m in jar.items()}


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == wanted:
            return value.decode("latin-1")
    return None


def login_value(settings: WebSettings) -> str:
    return settings.sign("login", settings.token or "")


def authorised(scope: Scope, settings: WebSettings) -> bool:
    if not settings.token:
        return True
    auth = _header(scope, b"authorization") or ""
    if auth[:7].lower() == "bearer " and hmac.compare_digest(auth[7:].strip().encode(), settings.token.encode()):
        return True
    cookie = _cookies(scope).get(LOGIN_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), login_value(settings).encode())


def set_login_cookie(response: Response, settings: WebSettings, secure: bool) -> None:
    response.set_cookie(
        LOGIN_COOKIE,
        login_value(settings),
        httponly=True,
        samesite="strict",
        secure=secure,
        max_age=30 * 24 * 3600,
        path="/",
    )


def safe_next(target: str | None) -> str:
    """A redirect target on this site only (a path), else "/"."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# --- CSRF -------------------------------------------------------------------------------------------
def new_csrf_token(settings: WebSettings) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{settings.sign('csrf', nonce)}"


def csrf_valid(settings: WebSettings, token: str) -> bool:
    nonce, _, signature = token.partition(".")
    return bool(nonce and signature) and hmac.compare_digest(signature.encode(), settings.sign("csrf", nonce).encode())


def csrf_token_for(request: Request, settings: WebSettings) -> str:
    """The token of this browser: its cookie's if valid, else a new one (the page then sets it)."""
    current = request.cookies.get(CSRF_COOKIE, "")
    return current if csrf_valid(settings, current) else new_csrf_token(settings)


def set_csrf_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/")


def csrf_ok(request: Request, settings: WebSettings, submitted: object) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return (
        isinstance(submitted, str)
        and bool(cookie)
        and hmac.compare_digest(submitted.encode(), cookie.encode())
        and csrf_valid(settings, cookie)
    )


# --- the middleware ---------------------------------------------------------------------------------
class Guard:
    """Pure ASGI middleware (streams pass through untouched): size limit, access token, headers, and
    one log line per request (method, path without its query, status, milliseconds)."""

    def __init__(self, app: ASGIApp, settings: WebSettings, render_error) -> None:
        self.app = app
        self.settings = settings
        self.render_error = render_error  # (request, status, title, message) -> Response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path = scope.get("path", "")
        status = {"code": 0}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                names = {name for name, _ in message.get("headers", ())}
                message["headers"] = list(message.get("headers", ())) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        try:
            await self._guarded(scope, receive, send_with_headers, path)
        finally:
            log.info(
                "web.request",
                method=scope.get("method"),
                path=path[:200],
                status=status["code"],
                ms=round((time.perf_counter() - started) * 1000, 1),
            )

    async def _guarded(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        limit = self.settings.max_request_bytes
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await self._too_large(scope, receive, send)
            return
        if not authorised(scope, self.settings) and not path.startswith(OPEN_PATHS):
            await self._refuse(scope, receive, send, path)
            return

        received = 0
        started = {"response": False}

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started["response"] = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started["response"]:
                raise
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        mib = self.settings.max_request_bytes / (1024 * 1024)
        response = self.render_error(
            Request(scope, receive),
            413,
            "Zu groß",
            f"Die Anfrage ist größer als {mib:.2f} MiB. Ein Artikel darf höchstens 2 MiB Text haben.",
        )
        response.headers["connection"] = "close"
        await response(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        request = Request(scope, receive)
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)]
        offered = next((v for k, v in query if k == "token"), None)
        if (
            offered is not None
            and scope.get("method") in ("GET", "HEAD")
            and hmac.compare_digest(offered.encode(), (self.settings.token or "").encode())
        ):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            response = Response(status_code=303, headers={"location": path + (f"?{rest}" if rest else "")})
            set_login_cookie(response, self.settings, request.url.scheme == "https")
            await response(scope, receive, send)
            return
        if is_api(path) or scope.get("method") not in ("GET", "HEAD"):
            body = json.dumps(
                {
                    "error": "unauthorized",
                    "message": "Zugang nur mit Token (ZITAT_WEB_TOKEN): Authorization: Bearer TOKEN",
                },
                ensure_ascii=False,
            ).encode()
            response = Response(
                body,
                status_code=401,
                media_type="application/json",
                headers={"www-authenticate": 'Bearer realm="zitat"'},
            )
        else:
            target = path + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
            response = Response(status_code=303, headers={"location": f"/login?next={quote(target, safe='')}"})
        await response(scope, receive, send)
