"""The HTML pages: home, search, speaker (with chart and exports), article, submit, job progress, login."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from foundation.errors import InvalidDocument, NotFound
from worker.connection import UNAVAILABLE, unavailable
from worker.types import META_FIELDS, StatementQuery
from zitat import statement_rows
from zitat.web import views
from zitat.web.security import CSRF_FIELD, csrf_ok, csrf_token_for, safe_next, set_csrf_cookie, set_login_cookie

router = APIRouter(include_in_schema=False)


def service(request: Request):
    return request.app.state.services.get()


def render(request: Request, template: str, status: int = 200, **context) -> Response:
    return request.app.state.renderer.page(request, template, status=status, **context)


def page_filters(
    q: Annotated[str | None, Query(max_length=500)] = None,
    stance: Annotated[str | None, Query(max_length=40)] = None,
    published_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    published_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    mode: Annotated[str | None, Query(max_length=40)] = None,
    sort: Annotated[str | None, Query(max_length=40)] = None,
) -> views.Filters:
    return views.Filters.parse(q, stance, published_from, published_to, outlet, mode, sort)


# --- home and search --------------------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> Response:
    svc = service(request)
    speakers = svc.list_speakers(10, 0)
    latest = svc.statements(StatementQuery(sort="newest", limit=10)).statements
    return render(request, "home.html", speakers=speakers, latest=latest)


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=300)] = "") -> Response:
    q = q.strip()
    if not q:
        return RedirectResponse("/", status_code=303)
    svc = service(request)
    found = svc.speaker(q)  # AmbiguousSpeaker: the candidates page
    if found is not None:
        return RedirectResponse(views.speaker_path(found.speaker), status_code=303)
    speakers = svc.suggest_speakers(q, 20)
    if len(speakers) == 1:
        return RedirectResponse(views.speaker_path(speakers[0].speaker), status_code=303)
    statements = svc.statements(StatementQuery(words=q, sort="newest", limit=20))
    return render(
        request,
        "search.html",
        title=f"Suche: {q}",
        query_text=q,
        speakers=speakers,
        statements=statements.statements,
        total=statements.total,
        all_url=views.Filters(words=q).url("/statements"),
    )


@router.get("/statements")
def all_statements(
    request: Request,
    filters: Annotated[views.Filters, Depends(page_filters)],
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Statements of everyone, filtered like a speaker's."""
    size = request.app.state.settings.page_size
    result = service(request).statements(filters.query(None, size, (page - 1) * size))
    pager = views.Pager(page, size, result.total)
    return render(
        request,
        "statements.html",
        title="Alle Aussagen",
        filters=filters,
        pager=pager,
        statements=result.statements,
        base="/statements",
        query_text=filters.words,
    )


# --- speaker ----------------------------------------------------------------------------------------
@router.get("/speakers/{name}")
def speaker(
    request: Request,
    name: str,
    filters: Annotated[views.Filters, Depends(page_filters)],
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
) -> Response:
    svc = service(request)
    found = svc.speaker(name)
    if found is None:
        return render(
            request,
            "not_found.html",
            status=404,
            title="Person nicht gefunden",
            name=name,
            suggestions=svc.suggest_speakers(name, 10) if name.strip() else [],
        )
    size = request.app.state.settings.page_size
    result = svc.statements(filters.query(found.speaker, size, (page - 1) * size))
    path = views.speaker_path(found.speaker)
    return render(
        request,
        "speaker.html",
        title=found.speaker,
        speaker=found,
        filters=filters,
        pager=views.Pager(page, size, result.total),
        statements=result.statements,
        base=path,
        interval=interval,
        chart_url=_chart_url(path, filters, interval) if _plot() else None,
        csv_url=filters.url(f"{path}/export.csv"),
        jsonl_url=filters.url(f"{path}/export.jsonl"),
        timeline_url=filters.url(f"/api{path}/timeline", interval=interval),
    )


def _chart_url(path: str, filters: views.Filters, interval: str) -> str:
    params = {"from": filters.published_from, "to": filters.published_to, "interval": interval}
    return views.Filters().url(f"{path}/chart.svg", **params)


def _plot():
    """zitat.plot.render_timeline, or None while it is not installed."""
    try:
        from zitat.plot import render_timeline
    except ImportError:
        return None
    return render_timeline


class _ChartCache:
    """The last few charts, by speaker, interval and bucket contents (a chart is a function of them)."""

    def __init__(self, size: int = 64) -> None:
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = size
        self.lock = threading.Lock()  # matplotlib draws one figure at a time

    def get(self, key: tuple, make) -> bytes:
        with self.lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            svg = make()
            self._items[key] = svg
            if len(self._items) > self._size:
                self._items.popitem(last=False)
            return svg


_charts = _ChartCache()


@router.get("/speakers/{name}/chart.svg")
def chart(
    request: Request,
    name: str,
    published_from: Annotated[str, Query(alias="from", max_length=40)] = "",
    published_to: Annotated[str, Query(alias="to", max_length=40)] = "",
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
) -> Response:
    render_timeline = _plot()
    if render_timeline is None:
        raise NotFound("the chart needs zitat.plot")
    canonical, buckets = service(request).speaker_timeline(name, interval, published_from or None, published_to or None)
    if canonical is None:
        raise NotFound(f"speaker {name[:100]!r}")
    key = (canonical, interval, tuple(buckets))
    svg = _charts.get(key, lambda: render_timeline(canonical, buckets, interval, fmt="svg"))
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={
            "cache-control": "private, max-age=60",
            "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


def _export(request: Request, name: str, filters: views.Filters, fmt: str) -> Response:
    svc = service(request)
    found = svc.speaker(name)
    if found is None:
        raise NotFound(f"speaker {name[:100]!r}")
    statements = svc.export(filters.query(found.speaker))
    try:  # the store is asked now, so that bad filters or Redis down are still an error page
        first = next(statements, None)
    except UNAVAILABLE as e:
        raise unavailable(None, e) from e

    def chained():
        if first is not None:
            yield first
            yield from statements

    body = statement_rows.csv_lines(chained()) if fmt == "csv" else statement_rows.jsonl_lines(chained())
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    from urllib.parse import quote

    stem = "".join(c if c.isalnum() else "-" for c in found.speaker).strip("-") or "zitat"
    filename = f"zitat-{stem}.{fmt}"
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    return StreamingResponse(
        body,
        media_type=media,
        headers={"content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"},
    )


@router.get("/speakers/{name}/export.csv")
def export_csv(request: Request, name: str, filters: Annotated[views.Filters, Depends(page_filters)]) -> Response:
    return _export(request, name, filters, "csv")


@router.get("/speakers/{name}/export.jsonl")
def export_jsonl(request: Request, name: str, filters: Annotated[views.Filters, Depends(page_filters)]) -> Response:
    return _export(request, name, filters, "jsonl")


# --- article ----------------------------------------------------------------------------------------
@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    if len(article_id) > 200:
        raise InvalidDocument("article id is too long", field="article_id")
    found = service(request).get_article(article_id)
    counts = {label: sum(1 for q in found.quotes if q.stance.label == label) for label in views.STANCES}
    mean = sum(q.stance.score for q in found.quotes) / len(found.quotes) if found.quotes else 0.0
    return render(
        request,
        "article.html",
        title=found.meta.title or found.doc_name or "Artikel",
        article=found,
        pieces=views.pieces(found.text, found.quotes) if found.text else [],
        counts=counts,
        mean=mean,
    )


# --- submit and progress ----------------------------------------------------------------------------
def _form_text(form: FormData, key: str, default: str = "") -> str:
    """A form field's text; `default` when it is missing or a file came where text belongs."""
    value = form.get(key)
    return value if isinstance(value, str) else default


def _submit_form(
    request: Request, status: int = 200, error: str | None = None, field: str | None = None, values: dict | None = None
) -> Response:
    settings = request.app.state.settings
    token = csrf_token_for(request, settings)
    response = render(
        request,
        "submit.html",
        status=status,
        title="Artikel einreichen",
        csrf=token,
        error=error,
        error_field=field,
        values=values or {},
        csrf_field=CSRF_FIELD,
    )
    set_csrf_cookie(response, token, request.url.scheme == "https")
    return response


@router.get("/submit")
def submit_form(request: Request) -> Response:
    return _submit_form(request)


@router.post("/submit")
async def submit(request: Request) -> Response:
    settings = request.app.state.settings
    form = await request.form(max_files=1, max_fields=30, max_part_size=settings.max_request_bytes)
    if not csrf_ok(request, settings, form.get(CSRF_FIELD)):
        return request.app.state.renderer.error(
            request,
            403,
            "Formular abgelaufen",
            "Das Formular war nicht mehr gültig (Schutz gegen fremde Absender). Bitte laden Sie die Seite "
            "„Artikel einreichen“ neu und senden Sie es noch einmal.",
        )
    values = {key: _form_text(form, key) for key in (*META_FIELDS, "doc_name")}
    text = _form_text(form, "text")
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _submit_form(
                request,
                400,
                "Die Datei ist kein UTF-8-Text. Bitte als .txt oder .html in UTF-8 speichern.",
                "file",
                values,
            )
        values["doc_name"] = values["doc_name"] or PurePath(upload.filename).stem[:200]
    values["text"] = text if len(text) < 200_000 else ""  # shown again only if it is not huge
    if not text.strip():
        return _submit_form(request, 400, "Bitte fügen Sie einen Text ein oder wählen Sie eine Datei.", "text", values)
    try:
        from worker.metadata import meta_from_mapping

        meta = meta_from_mapping({key: values[key] for key in META_FIELDS})
        job = await run_in_threadpool(service(request).submit_document, text, values["doc_name"].strip(), meta)
    except InvalidDocument as e:
        from zitat.web.app import field_message

        return _submit_form(request, 400, field_message(e), e.field, values)
    target = f"/jobs/{job.job_id}" + (f"?article={job.article_id}" if job.article_id else "")
    return RedirectResponse(target, status_code=303)


@router.get("/jobs/{job_id}")
def job(
    request: Request, job_id: str, article: Annotated[str, Query(max_length=200, pattern="^[0-9a-f]*$")] = ""
) -> Response:
    """A submission's progress: reloads itself (meta refresh) until the job is done, then links the
    article the submission registered (its id comes along in the URL: a job knows documents only)."""
    status = service(request).get_job(job_id)
    pending = status.state not in ("finished", "failed")
    article_id = status.article_id or article
    return render(
        request, "job.html", title="Verarbeitung", job=status, article_id=article_id, refresh=2 if pending else None
    )


# --- login (only with ZITAT_WEB_TOKEN) --------------------------------------------------------------
@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    settings = request.app.state.settings
    if not settings.token:
        return RedirectResponse(safe_next(next), status_code=303)
    token = csrf_token_for(request, settings)
    response = render(
        request, "login.html", title="Anmelden", csrf=token, csrf_field=CSRF_FIELD, next=safe_next(next), error=None
    )
    set_csrf_cookie(response, token, request.url.scheme == "https")
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    import hmac

    settings = request.app.state.settings
    form = await request.form(max_files=0, max_fields=5)
    target = safe_next(_form_text(form, "next", "/"))
    offered = _form_text(form, "token")
    if not settings.token:
        return RedirectResponse(target, status_code=303)
    if not csrf_ok(request, settings, form.get(CSRF_FIELD)) or not hmac.compare_digest(
        offered.encode(), settings.token.encode()
    ):
        token = csrf_token_for(request, settings)
        response = render(
            request,
            "login.html",
            status=401,
            title="Anmelden",
            csrf=token,
            csrf_field=CSRF_FIELD,
            next=target,
            error="Das Token stimmt nicht (oder das Formular war abgelaufen).",
        )
        set_csrf_cookie(response, token, request.url.scheme == "https")
        return response
    response = RedirectResponse(target, status_code=303)
    set_login_cookie(response, settings, request.url.scheme == "https")
    return response
