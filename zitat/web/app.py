"""The FastAPI application of `zitat web`: pages (zitat.web.pages), the JSON API (zitat.web.api), the
guard (zitat.web.security) and readable error pages.

Every read and write goes through worker.service.QuoteService. The store is connected on the first
request that needs it (and again after a failed attempt), so the server starts and answers 503
pages while Redis is down, and recovers without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from foundation.errors import AmbiguousSpeaker, InvalidDocument, NotFound, StoreUnavailable
from foundation.logging import get_logger
from zitat import __version__
from zitat.web import views
from zitat.web.security import Guard, is_api
from zitat.web.settings import WebSettings

log = get_logger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

FIELD_DE = {
    "text": "Text",
    "doc_name": "Name",
    "title": "Titel",
    "url": "URL",
    "outlet": "Medium",
    "published": "Veröffentlicht",
    "author": "Autor",
    "language": "Sprache",
    "published_from": "von",
    "published_to": "bis",
    "from": "von",
    "to": "bis",
    "words": "Wörter",
    "q": "Suche",
    "stance": "Haltung",
    "mode": "Art",
    "sort": "Sortierung",
    "page": "Seite",
    "limit": "limit",
    "offset": "offset",
    "name": "Name",
    "interval": "Intervall",
    "job_id": "Auftrag",
    "article_id": "Artikel",
    "min_score": "min_score",
    "max_score": "max_score",
    "file": "Datei",
    "meta": "Metadaten",
}


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        german_date=views.german_date,
        score=views.score,
        speaker_path=views.speaker_path,
        article_path=views.article_path,
        safe_href=views.safe_href,
    )
    env.globals.update(
        STANCE_DE=views.STANCE_DE,
        MODE_DE=views.MODE_DE,
        KIND_DE=views.KIND_DE,
        SORT_DE=views.SORT_DE,
        INTERVAL_DE=views.INTERVAL_DE,
        JOB_STATE_DE=views.JOB_STATE_DE,
        STANCES=views.STANCES,
        MODES=views.MODES,
        SORTS=views.SORTS,
        INTERVALS=views.INTERVALS,
        version=__version__,
    )
    return env


class Services:
    """The QuoteService, connected lazily: a failed connection is tried again on the next request."""

    def __init__(self, service=None) -> None:
        self._service = service
        self._lock = threading.Lock()

    def get(self):
        if self._service is None:
            with self._lock:
                if self._service is None:
                    from worker.connection import default_client
                    from worker.service import QuoteService

                    self._service = QuoteService(default_client())  # StoreUnavailable: a 503 page
        return self._service


class Renderer:
    def __init__(self, settings: WebSettings) -> None:
        self.env = make_environment()
        self.settings = settings

    def page(self, request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("title", "")
        context.setdefault("refresh", None)
        context.setdefault("query_text", "")
        html = self.env.get_template(template).render(request=request, login=bool(self.settings.token), **context)
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, title: str, message: str, **extra) -> Response:
        if is_api(request.url.path):
            body = {"error": _ERROR_CODES.get(status, "error"), "message": message, **extra}
            return JSONResponse(body, status_code=status)
        return self.page(
            request, "error.html", status=status, title=title, status_code=status, message=message, **extra
        )


_ERROR_CODES = {
    400: "invalid_argument",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "ambiguous_speaker",
    413: "too_large",
    415: "unsupported_media_type",
    500: "internal",
    503: "store_unavailable",
}


def field_message(e: InvalidDocument) -> str:
    label = FIELD_DE.get(e.field, e.field)
    return f"Ungültige Eingabe im Feld „{label}“: {e.reason}"


def create_app(service=None, settings: WebSettings | None = None) -> FastAPI:
    """The application; `service` is a QuoteService (default: the configured store, connected lazily)."""
    from zitat.web import api, pages

    settings = settings or WebSettings.from_settings()
    app = FastAPI(
        title="zitat",
        version=__version__,
        summary="Wer hat was gesagt: Aussagen in deutschen Nachrichten nach Person, mit Quellen und Haltung.",
        description="JSON API of `zitat web`. With `ZITAT_WEB_TOKEN` set, send `Authorization: Bearer TOKEN`.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    renderer = Renderer(settings)
    app.state.settings = settings
    app.state.services = Services(service)
    app.state.renderer = renderer
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(AmbiguousSpeaker)
    async def ambiguous(request: Request, e: AmbiguousSpeaker) -> Response:
        if is_api(request.url.path):
            return renderer.error(
                request, 409, "", str(e), candidates=e.candidates, pages=[views.speaker_path(c) for c in e.candidates]
            )
        return renderer.page(
            request, "ambiguous.html", status=409, title="Mehrere Personen", name=e.name, candidates=e.candidates
        )

    @app.exception_handler(InvalidDocument)
    async def invalid(request: Request, e: InvalidDocument) -> Response:
        return renderer.error(request, 400, "Ungültige Eingabe", field_message(e), field=e.field)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, e: NotFound) -> Response:
        return renderer.error(request, 404, "Nicht gefunden", f"Nicht gefunden: {e}")

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, e: StoreUnavailable) -> Response:
        log.warning("web.store_unavailable", path=request.url.path[:200], error=str(e))
        return renderer.error(
            request,
            503,
            "Datenbank nicht erreichbar",
            "Die Datenbank (Redis) ist gerade nicht erreichbar. Bitte versuchen Sie es in "
            "einigen Sekunden noch einmal.",
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, e: RequestValidationError) -> Response:
        problems = []
        for error in e.errors()[:5]:
            where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
            label = FIELD_DE.get(where[0], where[0]) if where else "Anfrage"
            problems.append(f"„{label}“: {error.get('msg', 'ungültig')}")
        return renderer.error(request, 400, "Ungültige Eingabe", "Ungültige Eingabe: " + "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        titles = {
            404: ("Nicht gefunden", "Diese Seite gibt es nicht."),
            405: ("Nicht erlaubt", "Diese Methode ist hier nicht erlaubt."),
            413: ("Zu groß", "Die Anfrage ist zu groß: ein Artikel darf höchstens 2 MiB Text haben."),
            403: ("Verboten", str(e.detail)),
        }
        title, message = titles.get(e.status_code, ("Fehler", str(e.detail)))
        response = renderer.error(request, e.status_code, title, message)
        if e.headers:
            response.headers.update(e.headers)
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, e: Exception) -> Response:
        log.error("web.error", path=request.url.path[:200], error_type=type(e).__name__, exc_info=e)
        return renderer.error(
            request, 500, "Interner Fehler", "Etwas ist schiefgegangen. Der Fehler wurde protokolliert."
        )

    def render_error(request: Request, status: int, title: str, message: str) -> Response:
        return renderer.error(request, status, title, message)

    app.add_middleware(Guard, settings=settings, render_error=render_error)
    return app
