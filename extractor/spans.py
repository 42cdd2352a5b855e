"""Character spans with an overlap test in logarithmic time.

Quote finding asks, once per sentence or cue, whether a place is already taken by a candidate or lies
inside a quotation; a scan of all of them each time would make it quadratic in the document's length.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import Protocol


class HasSpan(Protocol):
    start: int
    end: int


class Spans:
    """Character spans (of candidates, of quotations) with an overlap test in logarithmic time, so that
    asking it once per sentence keeps a stage linear in the document's length.

    Sorted by start, with the furthest end reached so far: some span overlaps [start, end) exactly when
    one of those that start before `end` reaches past `start`.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(itertools.accumulate((b for _, b in ordered), max))

    @classmethod
    def of(cls, items: Iterable[HasSpan]) -> Spans:
        """The spans of candidates (anything with `start` and `end`)."""
        return cls((c.start, c.end) for c in items)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def contains(self, offset: int) -> bool:
        return self.overlaps(offset, offset + 1)

    def covers(self, start: int, end: int) -> bool:
        """Does one span hold all of [start, end)?"""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end
