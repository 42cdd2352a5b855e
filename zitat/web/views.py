"""What the pages and the JSON API show: the service's dataclasses as plain dicts and rows, the
filters of a request as a StatementQuery, an article's text cut into plain and quoted pieces, and the
German words for labels. No query logic: every fact comes from worker.service.QuoteService.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from foundation.errors import InvalidDocument
from worker.metadata import check_url
from worker.types import (
    Article,
    ArticleMeta,
    JobStatus,
    SpeakerCount,
    Statement,
    StatementQuery,
    StoredQuote,
    TimelineBucket,
)
from zitat import statement_rows

STANCES = ("hawkish", "neutral", "conciliatory")
MODES = ("speech", "thought", "writing")
SORTS = ("newest", "hawkish", "conciliatory", "repeated")
INTERVALS = ("day", "week", "month")

STANCE_DE = {"hawkish": "konfrontativ", "neutral": "neutral", "conciliatory": "versöhnlich"}
MODE_DE = {"speech": "gesagt", "thought": "gedacht", "writing": "geschrieben"}
KIND_DE = {"direct": "direkt", "indirect": "indirekt", "mixed": "gemischt"}
SORT_DE = {
    "newest": "neueste zuerst",
    "hawkish": "konfrontativste zuerst",
    "conciliatory": "versöhnlichste zuerst",
    "repeated": "meistwiederholte zuerst",
}
INTERVAL_DE = {"day": "Tag", "week": "Woche", "month": "Monat"}
JOB_STATE_DE = {
    "queued": "in der Warteschlange",
    "started": "wird verarbeitet",
    "finished": "fertig",
    "failed": "fehlgeschlagen",
    "deferred": "zurückgestellt",
    "scheduled": "geplant (neuer Versuch)",
    "unknown": "unbekannt",
}
MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


# --- filters ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """The filters of a speaker view as they appear in the URL (so a view can be shared)."""

    words: str = ""
    stance: str = ""
    published_from: str = ""
    published_to: str = ""
    outlet: str = ""
    mode: str = ""
    sort: str = "newest"
    min_score: float | None = None
    max_score: float | None = None

    @classmethod
    def parse(
        cls,
        words: str | None = None,
        stance: str | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        outlet: str | None = None,
        mode: str | None = None,
        sort: str | None = None,
        min_score: float | None = None,
        max_score: float | None = None,
    ) -> Filters:
        """Validated filters; an empty value does not filter. InvalidDocument names a bad one."""

        def choice(field: str, value: str | None, allowed: tuple[str, ...]) -> str:
            value = (value or "").strip()
            if value and value not in allowed:
                raise InvalidDocument(f"{field} must be one of {', '.join(allowed)}, got {value[:40]!r}", field=field)
            return value

        def text(field: str, value: str | None, limit: int) -> str:
            value = (value or "").strip()
            if len(value) > limit:
                raise InvalidDocument(f"{field} is longer than {limit} characters", field=field)
            return value

        for field, score in (("min_score", min_score), ("max_score", max_score)):
            if score is not None and not -1.0 <= score <= 1.0:
                raise InvalidDocument(f"{field} must lie between -1 and 1, got {score}", field=field)
        return cls(
            words=text("words", words, 500),
            stance=choice("stance", stance, STANCES),
            published_from=text("from", published_from, 40),
            published_to=text("to", published_to, 40),
            outlet=text("outlet", outlet, 300),
            mode=choice("mode", mode, MODES),
            sort=choice("sort", sort, SORTS) or "newest",
            min_score=min_score,
            max_score=max_score,
        )

    def query(self, speaker: str | None, limit: int = 0, offset: int = 0) -> StatementQuery:
        return StatementQuery(
            speaker=speaker,
            words=self.words,
            stance=self.stance or None,
            min_score=self.min_score,
            max_score=self.max_score,
            published_from=self.published_from or None,
            published_to=self.published_to or None,
            outlet=self.outlet or None,
            mode=self.mode or None,
            sort=self.sort,  # type: ignore[arg-type]
            limit=limit,
            offset=offset,
        )

    def params(self, **extra: object) -> dict[str, str]:
        """The URL query of this view (empty values left out), with `extra` (page, interval) on top."""
        values = {
            "q": self.words,
            "stance": self.stance,
            "from": self.published_from,
            "to": self.published_to,
            "outlet": self.outlet,
            "mode": self.mode,
            "sort": "" if self.sort == "newest" else self.sort,
            "min_score": "" if self.min_score is None else str(self.min_score),
            "max_score": "" if self.max_score is None else str(self.max_score),
        }
        values.update({k: "" if v is None else str(v) for k, v in extra.items()})
        return {k: v for k, v in values.items() if v}

    def url(self, path: str, **extra: object) -> str:
        params = self.params(**extra)
        return f"{path}?{urlencode(params)}" if params else path

    @property
    def active(self) -> bool:
        return any(
            (
                self.words,
                self.stance,
                self.published_from,
                self.published_to,
                self.outlet,
                self.mode,
                self.min_score is not None,
                self.max_score is not None,
            )
        )


@dataclass(frozen=True)
class Pager:
    page: int  # 1-based
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)


# --- dicts for the JSON API and the exports ---------------------------------------------------------
def meta_dict(meta: ArticleMeta) -> dict:
    return {
        "title": meta.title,
        "url": meta.url,
        "outlet": meta.outlet,
        "published": meta.published,
        "author": meta.author,
        "language": meta.language,
    }


def statement_dict(s: Statement) -> dict:
    """A statement as the API and the JSON Lines export give it (zitat.statement_rows: the same
    record `zitat export` writes)."""
    return statement_rows.record(s)


def speaker_dict(s: SpeakerCount) -> dict:
    return {
        "speaker": s.speaker,
        "statements": s.quotes,
        "aliases": list(s.aliases),
        "roles": list(s.roles),
        "page": speaker_path(s.speaker),
    }


def bucket_dict(b: TimelineBucket) -> dict:
    return {
        "start": b.start,
        "statements": b.statements,
        "mean_stance": round(b.mean_stance, 3),
        "hawkish": b.hawkish,
        "neutral": b.neutral,
        "conciliatory": b.conciliatory,
    }


def quote_dict(q: StoredQuote) -> dict:
    quote = q.quote
    return {
        "quote_id": q.quote_id,
        "statement_id": q.statement_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "mode": quote.mode,
        "speaker": quote.speaker,
        "speaker_role": quote.speaker_role,
        "speaker_mention": quote.speaker_mention.text if quote.speaker_mention else None,
        "cue": quote.cue.text if quote.cue else None,
        "confidence": round(quote.confidence, 3),
        "stance": q.stance.to_dict(),
    }


def article_dict(a: Article) -> dict:
    return {
        "article_id": a.article_id,
        "doc_id": a.doc_id,
        "doc_name": a.doc_name,
        **meta_dict(a.meta),
        "text": a.text,
        "quotes": [quote_dict(q) for q in a.quotes],
    }


def job_dict(job: JobStatus) -> dict:
    article = job.article_id or None
    return {
        "job_id": job.job_id,
        "doc_id": job.doc_id,
        "state": job.state,
        "quote_count": job.quote_count,
        "error": job.error,
        "cached": job.cached,
        "article_id": article,
        "status_page": f"/jobs/{job.job_id}" + (f"?article={article}" if article else ""),
        "article_page": article_path(article) if article else None,
    }


# --- article text -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    text: str
    quote: int | None = None  # index into the article's quotes, None for plain text


def pieces(text: str, quotes: list[StoredQuote]) -> list[Piece]:
    """The text cut at the quotes' offsets: plain pieces and quoted ones (index into `quotes`). A quote
    that overlaps one already placed (a nested or mixed quote) is left to the list, not highlighted."""
    out: list[Piece] = []
    at = 0
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].quote.start, -quotes[i].quote.end))
    for i in order:
        start, end = quotes[i].quote.start, quotes[i].quote.end
        if start < at or not 0 <= start < end <= len(text):
            continue
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], i))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


# --- paths and formatting ---------------------------------------------------------------------------
def _quote_path(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def speaker_path(name: str) -> str:
    return f"/speakers/{_quote_path(name)}"


def article_path(article_id: str) -> str:
    return f"/articles/{_quote_path(article_id)}"


def safe_href(url: str | None) -> str | None:
    """The URL if it is one the store accepts (worker.metadata.check_url: http(s) with a host — a link
    must never run script), else None."""
    if not url:
        return None
    try:
        return check_url(url)
    except InvalidDocument:
        return None


def german_date(value: str | None) -> str:
    """ "2025-03-04T10:15:00+01:00" → "4. März 2025, 10:15"; a date alone without the time; "" stays ""."""
    if not value:
        return ""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{moment.day}. {MONTHS_DE[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def score(value: float) -> str:
    """A stance score as German text: "+0,42", "−0,30"."""
    text = f"{value:+.2f}".replace(".", ",")
    return text.replace("-", "−")
