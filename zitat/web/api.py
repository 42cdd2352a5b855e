"""The JSON API (OpenAPI schema at /api/openapi.json) and /healthz.

Errors are JSON: {"error": "invalid_argument" | "not_found" | "ambiguous_speaker" | "store_unavailable" |
"unauthorized" | "too_large", "message": ..., "field" (bad input), "candidates" (ambiguous name)}.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from foundation import defaults
from foundation.errors import InvalidDocument, NotFound, StoreUnavailable
from zitat.web import views

router = APIRouter()

Stance = Literal["hawkish", "neutral", "conciliatory"]
Mode = Literal["speech", "thought", "writing"]
Sort = Literal["newest", "hawkish", "conciliatory", "repeated"]
Interval = Literal["day", "week", "month"]
DATE_HELP = "ISO 8601 year, month, date or time (2025, 2025-03, 2025-03-04, 2025-03-04T10:15:00+01:00); inclusive"


def service(request: Request):
    return request.app.state.services.get()


def api_filters(
    q: Annotated[
        str | None,
        Query(
            max_length=500, description="words that must all occur (lemma-based; compounds are found by their parts)"
        ),
    ] = None,
    stance: Annotated[Stance | None, Query(description="stance label")] = None,
    min_score: Annotated[float | None, Query(ge=-1, le=1, description="lowest stance score")] = None,
    max_score: Annotated[float | None, Query(ge=-1, le=1, description="highest stance score")] = None,
    published_from: Annotated[
        str | None, Query(alias="from", max_length=40, description="first publication on or after: " + DATE_HELP)
    ] = None,
    published_to: Annotated[
        str | None, Query(alias="to", max_length=40, description="first publication on or before: " + DATE_HELP)
    ] = None,
    outlet: Annotated[
        str | None, Query(max_length=300, description="an outlet that carried the statement (case-insensitive)")
    ] = None,
    mode: Annotated[Mode | None, Query(description="said, thought or written")] = None,
    sort: Annotated[Sort, Query(description="order")] = "newest",
) -> views.Filters:
    return views.Filters.parse(q, stance, published_from, published_to, outlet, mode, sort, min_score, max_score)


Limit = Annotated[int, Query(ge=1, le=defaults.MAX_PAGE_SIZE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="statements to skip")]


@router.get("/healthz", tags=["health"], summary="the server is up and reaches its store")
def healthz(request: Request) -> JSONResponse:
    try:
        service(request).list_speakers(1, 0)
    except StoreUnavailable as e:
        return JSONResponse({"status": "unavailable", "store": "unreachable", "message": str(e)}, status_code=503)
    return JSONResponse({"status": "ok", "store": "ok"})


@router.get(
    "/api/speakers",
    tags=["speakers"],
    summary="speakers by prefix (names, aliases, roles), or the most quoted when q is empty",
)
def speakers(
    request: Request,
    q: Annotated[str, Query(max_length=300, description="prefix of a name, alias or role")] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Offset = 0,
) -> dict:
    svc = service(request)
    found = svc.suggest_speakers(q.strip(), limit) if q.strip() else svc.list_speakers(limit, offset)
    return {"q": q, "speakers": [views.speaker_dict(s) for s in found]}


@router.get("/api/speakers/{name}", tags=["speakers"], summary="one speaker: canonical name, aliases, roles")
def speaker(request: Request, name: str) -> dict:
    found = service(request).speaker(name)
    if found is None:
        raise NotFound(f"no speaker matches {name[:100]!r}")
    return views.speaker_dict(found)


def _page(request: Request, speaker: str | None, filters: views.Filters, limit: int, offset: int) -> dict:
    result = service(request).statements(filters.query(speaker, limit, offset))
    if speaker is not None and result.speaker is None:
        raise NotFound(f"no speaker matches {speaker[:100]!r}")
    return {
        "speaker": result.speaker,
        "total": result.total,
        "limit": limit,
        "offset": offset,
        "statements": [views.statement_dict(s) for s in result.statements],
    }


@router.get(
    "/api/speakers/{name}/statements",
    tags=["statements"],
    summary="a speaker's statements (any alias finds the speaker), filtered, sorted and paged",
)
def speaker_statements(
    request: Request,
    name: str,
    filters: Annotated[views.Filters, Depends(api_filters)],
    limit: Limit = defaults.DEFAULT_PAGE_SIZE,
    offset: Offset = 0,
) -> dict:
    return _page(request, name, filters, limit, offset)


@router.get("/api/statements", tags=["statements"], summary="statements of everyone, filtered, sorted and paged")
def statements(
    request: Request,
    filters: Annotated[views.Filters, Depends(api_filters)],
    limit: Limit = defaults.DEFAULT_PAGE_SIZE,
    offset: Offset = 0,
) -> dict:
    return _page(request, None, filters, limit, offset)


@router.get(
    "/api/speakers/{name}/timeline",
    tags=["statements"],
    summary="a speaker's stance over time: statements and mean stance per day, week or month",
)
def timeline(
    request: Request,
    name: str,
    interval: Interval = "week",
    published_from: Annotated[str | None, Query(alias="from", max_length=40, description=DATE_HELP)] = None,
    published_to: Annotated[str | None, Query(alias="to", max_length=40, description=DATE_HELP)] = None,
) -> dict:
    canonical, buckets = service(request).speaker_timeline(name, interval, published_from or None, published_to or None)
    if canonical is None:
        raise NotFound(f"no speaker matches {name[:100]!r}")
    return {"speaker": canonical, "interval": interval, "buckets": [views.bucket_dict(b) for b in buckets]}


@router.get(
    "/api/articles/{article_id}", tags=["articles"], summary="an article: metadata, text and its quotes with stance"
)
def article(request: Request, article_id: str) -> dict:
    if len(article_id) > 200:
        raise InvalidDocument("article id is too long", field="article_id")
    return views.article_dict(service(request).get_article(article_id))


class ArticleIn(BaseModel):
    """A document to process, with what the newsroom knows about it (all metadata optional)."""

    text: str = Field(
        description=f"the article (plain text or HTML), at most {defaults.MAX_DOCUMENT_BYTES} bytes of UTF-8"
    )
    doc_name: str = Field("", max_length=defaults.MAX_DOC_NAME_CHARS, description="a label for lists and logs")
    title: str = ""
    url: str = Field("", description="http(s) address of the article")
    outlet: str = Field("", description="the publication („tagesschau.de“)")
    published: str = Field("", description="ISO 8601 date or time, e.g. 2025-03-04T10:15:00+01:00")
    author: str = ""
    language: str = ""


@router.post(
    "/api/articles",
    tags=["articles"],
    status_code=202,
    summary="queue an article; follow the job at /api/jobs/{job_id}",
)
async def submit(request: Request, body: ArticleIn) -> JSONResponse:
    from worker.metadata import meta_from_mapping

    meta = meta_from_mapping(body.model_dump(exclude={"text", "doc_name"}))
    svc = service(request)
    job = await run_in_threadpool(svc.submit_document, body.text, body.doc_name, meta)
    return JSONResponse(views.job_dict(job), status_code=202, headers={"location": f"/api/jobs/{job.job_id}"})


@router.get("/api/jobs/{job_id}", tags=["articles"], summary="a submission's progress; article_id once stored")
def job(request: Request, job_id: str) -> dict:
    return views.job_dict(service(request).get_job(job_id))
