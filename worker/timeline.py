"""A speaker's stance over time: statements bucketed by day, week (from Monday) or month, in UTC.

The store keeps per-day counts for each speaker (worker.keys.speaker_days), so a timeline costs
one hash read whatever the number of statements; bounds therefore count whole days. Every bucket
between the first and the last (or between the asked bounds) is listed, empty ones too, so that a
chart's time axis has no gaps that hide silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from foundation.errors import InvalidDocument
from worker.types import TimelineBucket

INTERVALS = ("day", "week", "month")
MAX_BUCKETS = 5000


def check_interval(interval: str) -> str:
    if interval not in INTERVALS:
        raise InvalidDocument(f"unknown interval {interval!r}: choose one of {', '.join(INTERVALS)}", field="interval")
    return interval


def bucket_start(day: date, interval: str) -> date:
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _day(ts: float) -> date:
    return datetime.fromtimestamp(ts, tz=UTC).date()


def buckets(
    days: Iterable[tuple[str, int, int, int, float]], interval: str, low: float | None = None, high: float | None = None
) -> list[TimelineBucket]:
    """Bucket per-day counts (ISO day, statements, hawkish, conciliatory, sum of stance scores);
    `low`/`high` (unix time) cut the days to a range and widen the range shown to it."""
    check_interval(interval)
    first_day = _day(low) if low is not None else None
    last_day = _day(high) if high is not None else None
    rows = [(date.fromisoformat(d), n, h, c, s) for d, n, h, c, s in days]
    rows = [r for r in rows if (first_day is None or r[0] >= first_day) and (last_day is None or r[0] <= last_day)]
    span = [r[0] for r in rows] + [d for d in (first_day, last_day) if d is not None]
    if not span:
        return []
    first, last = bucket_start(min(span), interval), bucket_start(max(span), interval)
    sums: dict[date, list] = {}
    start = first
    while start <= last:
        sums[start] = [0, 0.0, 0, 0]
        if len(sums) > MAX_BUCKETS:
            raise InvalidDocument(
                f"more than {MAX_BUCKETS} {interval}s asked for: choose a longer interval or a shorter period",
                field="interval",
            )
        start = _next(start, interval)
    for day, n, h, c, total in rows:
        row = sums[bucket_start(day, interval)]
        row[0] += n
        row[1] += total
        row[2] += h
        row[3] += c
    return [
        TimelineBucket(start.isoformat(), n, (total / n) if n else 0.0, h, n - h - c, c)
        for start, (n, total, h, c) in sums.items()
    ]
