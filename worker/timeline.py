"""A speaker's stance over time: statements bucketed by day, week (from Monday) or month, in UTC.

Every bucket between the first and the last (or between the asked bounds) is listed, empty ones
too, so that a chart's time axis has no gaps that hide silence.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from worker.types import TimelineBucket
from zitat.exceptions import InvalidDocument

INTERVALS = ("day", "week", "month")
MAX_BUCKETS = 5000


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
    return datetime.fromtimestamp(ts, tz=timezone.utc).date()


def buckets(points: Iterable[tuple[float, float, str]], interval: str,
            low: float | None = None, high: float | None = None) -> list[TimelineBucket]:
    """Bucket (time, stance score, label) points; `low`/`high` (unix time) widen the range shown."""
    if interval not in INTERVALS:
        raise InvalidDocument(f"unknown interval {interval!r}: choose one of {', '.join(INTERVALS)}",
                              field="interval")
    points = list(points)
    days = [_day(ts) for ts, _, _ in points] + [_day(b) for b in (low, high) if b is not None]
    if not days:
        return []
    first, last = bucket_start(min(days), interval), bucket_start(max(days), interval)
    sums: dict[date, list] = {}
    start = first
    while start <= last:
        sums[start] = [0, 0.0, 0, 0, 0]
        if len(sums) > MAX_BUCKETS:
            raise InvalidDocument(f"more than {MAX_BUCKETS} {interval}s asked for: choose a longer interval "
                                  "or a shorter period", field="interval")
        start = _next(start, interval)
    for ts, score, label in points:
        row = sums[bucket_start(_day(ts), interval)]
        row[0] += 1
        row[1] += score
        row[2 + ("hawkish", "neutral", "conciliatory").index(label)] += 1
    return [TimelineBucket(start.isoformat(), n, (total / n) if n else 0.0, h, neu, c)
            for start, (n, total, h, neu, c) in sums.items()]
