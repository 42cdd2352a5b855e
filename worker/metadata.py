"""Article metadata from the outside world: flags, manifest lines, request fields and HTML heads.

Everything a newsroom hands us is checked here once, so that the store, the CLI and the web pages can
trust an ArticleMeta: text fields are single-line strings within limits, `url` is http(s) with a host
(pages link it, so a `javascript:` URL must never get in), `published` is normalised ISO 8601 with
the zone as given, and `published_ts` is that instant as unix time.

Explicit input (mapping) is strict and raises InvalidDocument naming the field; HTML is scraped
leniently: a value that does not pass is dropped, never fatal.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from urllib.parse import urlsplit

from foundation.errors import InvalidDocument
from worker.types import META_FIELDS, ArticleMeta

MAX_URL_CHARS = 2000
MAX_FIELD_CHARS = 1000
MAX_LANGUAGE_CHARS = 16
#: HTML is read up to </head> (or the first article's <time>), and never beyond this many characters.
MAX_HTML_SCAN_CHARS = 256 * 1024
#: Keys of a manifest line that are not metadata; meta_from_mapping passes over them (and any other).
MANIFEST_KEYS = ("path", "text", "name")

PUBLISHED_FORM = "an ISO 8601 date or time such as 2025-03-04 or 2025-03-04T10:15:00+01:00"
BOUND_FORM = "an ISO 8601 month, date or time such as 2025-03, 2025-03-04 or 2025-03-04T10:15:00+01:00"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
#: Dates and times with '-' and ':' separators, a 'T' or a space between, an optional fraction and
#: zone; fromisoformat alone would also take week dates and compact forms nobody means to send.
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?", re.IGNORECASE
)
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


# --- dates ------------------------------------------------------------------------------------------
def _datetime(text: str) -> datetime | None:
    if not _DATETIME.fullmatch(text):
        return None
    text = text.replace(",", ".")
    if text[-1] in "zZ":
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _utc_ts(value: datetime) -> float:
    """Unix time; a naive value counts as UTC."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def parse_published(value: str) -> tuple[str, float | None]:
    """(normalised ISO 8601 text, unix time) of a publication date or time; ("", None) for "".

    The zone stays as given (a reader in Berlin wants to see +01:00); a date alone stays a date; a
    value without a zone keeps none in its text and counts as UTC for the timestamp."""
    if not isinstance(value, str):
        raise InvalidDocument(f"published must be {PUBLISHED_FORM}, got {type(value).__name__}", field="published")
    text = value.strip()
    if not text:
        return "", None
    try:
        if _DATE.fullmatch(text):
            day = date.fromisoformat(text)
            return day.isoformat(), _utc_ts(datetime.combine(day, time()))
        moment = _datetime(text)
        if moment is not None:
            spec = "seconds" if not moment.microsecond else "microseconds"
            return moment.isoformat(timespec=spec), _utc_ts(moment)
    except (ValueError, OverflowError):
        pass
    raise InvalidDocument(f"published must be {PUBLISHED_FORM}, got {text[:60]!r}", field="published")


def parse_bound(value: str, end: bool) -> float:
    """A filter bound as unix time, inclusive: a year, month or date is its first instant, or with
    `end` its last (the microsecond before the next period), so that "--to 2025-03" means all of
    March. A time is that instant (UTC when it has no zone). "" is no bound (-inf or +inf)."""
    field = "published_to" if end else "published_from"
    if not isinstance(value, str):
        raise InvalidDocument(f"{field} must be {BOUND_FORM}, got {type(value).__name__}", field=field)
    text = value.strip()
    if not text:
        return float("inf") if end else float("-inf")
    try:
        period = _period(text)
    except ValueError:
        period = None
    if period is not None:
        return _utc_ts(period[1] if end else period[0])
    moment = _datetime(text)
    if moment is None:
        raise InvalidDocument(f"{field} must be {BOUND_FORM}, got {text[:60]!r}", field=field)
    return _utc_ts(moment)


def _period(text: str) -> tuple[datetime, datetime] | None:
    """(first, last instant) of a year, month or date given alone (naive, read as UTC); None else."""
    if _DATE.fullmatch(text):
        first = last = date.fromisoformat(text)
    elif m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
    elif _YEAR.fullmatch(text):
        first, last = date(int(text), 1, 1), date(int(text), 12, 31)
    else:
        return None
    return datetime.combine(first, time()), datetime.combine(last, time.max)


# --- explicit metadata ------------------------------------------------------------------------------
def check_url(value: str) -> str:
    """The URL as given if it is http(s) with a host and nothing a link must not carry, else raise."""
    ok = len(value) <= MAX_URL_CHARS and not any(c.isspace() or not c.isprintable() for c in value)
    if ok:
        try:
            parts = urlsplit(value)
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError:
            ok = False
    if not ok:
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise InvalidDocument(
            f"url must be an http:// or https:// address with a host (at most {MAX_URL_CHARS} "
            f"characters, no spaces), got {shown!r}",
            field="url",
        )
    return value


def check_language(value: str) -> str:
    if len(value) > MAX_LANGUAGE_CHARS or not _LANGUAGE.fullmatch(value):
        raise InvalidDocument(
            f"language must be a language code such as de or de-AT (letters and '-', at most "
            f"{MAX_LANGUAGE_CHARS} characters), got {value[:40]!r}",
            field="language",
        )
    return value


def _text_field(key: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidDocument(f"{key} must be text, got {type(value).__name__}", field=key)
    if _CONTROL.search(value):
        raise InvalidDocument(f"{key} contains control characters", field=key)
    text = _SPACES.sub(" ", value).strip()  # one line: titles and names are shown in tables and lists
    limit = MAX_URL_CHARS if key == "url" else MAX_FIELD_CHARS
    if len(text) > limit:
        raise InvalidDocument(f"{key} is {len(text)} characters; the limit is {limit}", field=key)
    return text


def meta_from_mapping(data: Mapping[str, object]) -> ArticleMeta:
    """Metadata from explicit fields (flags, a manifest line, a request); keys that are not metadata
    (a manifest's path/text/name, or anything else) are passed over. InvalidDocument names the field."""
    if not isinstance(data, Mapping):
        raise InvalidDocument(f"metadata must be an object, got {type(data).__name__}", field="meta")
    values = {key: _text_field(key, data.get(key)) for key in META_FIELDS}
    if values["url"]:
        check_url(values["url"])
    if values["language"]:
        check_language(values["language"])
    values["published"], ts = parse_published(values["published"])
    return ArticleMeta(**values, published_ts=ts)


# --- HTML -------------------------------------------------------------------------------------------
class _Stop(Exception):
    """Enough read: the head is over and nothing more is wanted from the body."""


class _HeadReader(HTMLParser):
    """Collects the candidates for each field as the page offers them; never judges them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}  # first value per source ("og:title", "title", ...)
        self._title: list[str] | None = None
        self._in_article = False
        self.head_over = False

    def _keep(self, source: str, value: str | None) -> None:
        if value and value.strip() and source not in self.found:
            self.found[source] = value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v for k, v in attrs if v is not None}
        if tag == "html":
            self._keep("lang", a.get("lang") or a.get("xml:lang"))
        elif tag == "title" and "title" not in self.found and not self.head_over:
            self._title = []
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            self._keep(key, a.get("content"))
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split():
            self._keep("canonical", a.get("href"))
        elif tag == "article":
            self._in_article = True
        elif tag == "time" and self._in_article:
            self._keep("time", a.get("datetime"))
            if self.head_over:
                raise _Stop

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._keep("title", "".join(self._title))
            self._title = None
        elif tag == "article":
            self._in_article = False
            if self.head_over:
                raise _Stop  # only the first article's <time> is the article's own
        elif tag == "head":
            self.head_over = True
            if self._published_known():
                raise _Stop

    def finish(self) -> None:
        """Keep an unterminated <title> as far as it went."""
        if self._title is not None:
            self._keep("title", "".join(self._title))
            self._title = None

    def _published_known(self) -> bool:
        return any(_clean("published", self.found[k]) for k in _PUBLISHED_SOURCES if k in self.found)


_PUBLISHED_SOURCES = ("article:published_time", "datepublished", "date", "dc.date", "dcterms.date", "time")
_SOURCES = {
    "title": ("og:title", "title", "twitter:title"),
    "outlet": ("og:site_name", "application-name"),
    "published": _PUBLISHED_SOURCES,
    "url": ("canonical", "og:url"),
    "author": ("author", "article:author"),
    "language": ("lang", "og:locale"),
}


def _clean(key: str, value: str) -> str:
    """A scraped value made acceptable, or "" when it cannot be."""
    text = _SPACES.sub(" ", _CONTROL.sub("", value)).strip()
    try:
        if key == "url":
            return check_url(text)
        if key == "language":
            return check_language(text.replace("_", "-"))
        if key == "published":
            return text if parse_published(text)[0] else ""
        if key == "author" and text.lower().startswith(("http://", "https://")):
            return ""  # article:author is often a profile page, not a name
    except InvalidDocument:
        return ""
    return text[:MAX_FIELD_CHARS]


def meta_from_html(text: str) -> ArticleMeta:
    """What an HTML page says about itself (title, outlet, publication time, canonical URL, author,
    language); plain text and pages without such tags give an empty ArticleMeta. Never raises."""
    head = text[:MAX_HTML_SCAN_CHARS] if isinstance(text, str) else ""
    if "<" not in head:
        return ArticleMeta()
    reader = _HeadReader()
    try:
        reader.feed(head)
        reader.close()
    except _Stop:
        pass
    except Exception:  # noqa: BLE001 - broken markup gives what was read so far, never an error
        pass
    reader.finish()
    values = {}
    for key, sources in _SOURCES.items():
        values[key] = next((v for v in (_clean(key, reader.found[s]) for s in sources if s in reader.found) if v), "")
    published, ts = parse_published(values["published"])
    return ArticleMeta(**{**values, "published": published}, published_ts=ts)
