"""Pairing quotation marks in German text: „…“, »…«, «…», "…", “…”, ‚…‘, ›…‹, nested and mismatched.

Pure text, no parse: one left-to-right pass with a stack. A mark's role (opening or closing) comes from
the mark itself, the mark on top of the stack and the characters beside it, because German uses “ to
close what „ opened, English uses it to open, and ASCII " does both. A paragraph break closes whatever
is still open (a quotation never silently swallows the rest of an article); such spans are flagged.

Pure text, so both stages read it: the parse stage to repair sentence boundaries and to pick the
sentences worth parsing, the quote stage to find quotations.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from extractor.spans import Spans
from foundation.german import (
    ASCII_DOUBLE,
    ASCII_SINGLE,
    CLOSING_MARKS,
    LAQUO,
    LEFT_DOUBLE,
    LEFT_SINGLE,
    LOW_DOUBLE,
    LOW_SINGLE,
    LSAQUO,
    OPENING_MARKS,
    QUOTATION_MARKS,
    RAQUO,
    RIGHT_DOUBLE,
    RIGHT_SINGLE,
    RSAQUO,
    SINGLE_MARKS,
)

#: The marks paired here: every style but the typewriter ', which in German text is an apostrophe
#: (Merz' Antrag, Macron's) far more often than a quotation mark.
MARKS = QUOTATION_MARKS - {ASCII_SINGLE}
OPENERS, CLOSERS = OPENING_MARKS & MARKS, CLOSING_MARKS & MARKS
#: Quotations open at once, at most. German nests two levels („… ‚…‘ …“); a run of opening marks
#: that never close would otherwise give as many spans as marks, each to the paragraph's end.
MAX_OPEN = 3
OPENING_CONTEXT = frozenset(" \t\n\u00a0\u2009\u202f([{/–—-:") | MARKS


@dataclass(frozen=True)
class QuoteMarks:
    """One pair of marks. The content is text[content_start:content_end] (inner whitespace trimmed)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or the paragraph end where unclosed
    content_start: int
    content_end: int
    depth: int  # 0 for an outermost quotation, 1 inside another
    closed: bool
    single: bool  # ‚…‘ or ›…‹: usually a quotation inside a quotation


def _guillemet_opener(text: str) -> tuple[str, str]:
    """German »…« unless the text opens with « (Swiss/French style)."""
    right, left = text.find(RAQUO), text.find(LAQUO)
    if left != -1 and (right == -1 or left < right):
        return LAQUO, RAQUO
    return RAQUO, LAQUO


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _role(text: str, i: int, stack: list[tuple[str, int]], g_open: str, g_close: str) -> str | None:
    """'open', 'close' or None (not a quotation mark here, e.g. an apostrophe)."""
    c = text[i]
    top = stack[-1][0] if stack else None
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opening_ctx = before in OPENING_CONTEXT
    if c == LOW_DOUBLE:
        return "open"
    if c == LOW_SINGLE:
        return "open" if not after.isspace() else None
    if c in (RIGHT_SINGLE, LEFT_SINGLE) and _is_letter(text, i - 1) and _is_letter(text, i + 1):
        return None  # apostrophe: geht’s, Mc‘Donald
    if c == LEFT_DOUBLE:
        if top in (LOW_DOUBLE, ASCII_DOUBLE, LEFT_DOUBLE) and not opening_ctx:
            return "close"
        if top == LOW_DOUBLE:
            return "close"
        return "open" if not after.isspace() else None
    if c == RIGHT_DOUBLE:
        return "close" if top in (LOW_DOUBLE, LEFT_DOUBLE, ASCII_DOUBLE) else None
    if c == LEFT_SINGLE:
        if top == LOW_SINGLE:
            return "close"
        return "open" if opening_ctx and not after.isspace() else None
    if c == RIGHT_SINGLE:
        return "close" if top in (LOW_SINGLE, LEFT_SINGLE) else None
    if c in (RAQUO, LAQUO):
        if top == (g_open if c == g_close else g_close):
            return "close"
        return "open" if c == g_open else ("close" if top else None)
    if c in (RSAQUO, LSAQUO):
        single_open = RSAQUO if g_open == RAQUO else LSAQUO
        if top and top in (RSAQUO, LSAQUO) and top != c:
            return "close"
        return "open" if c == single_open else None
    if c == ASCII_DOUBLE:
        if top in (ASCII_DOUBLE, LOW_DOUBLE) and not opening_ctx:
            return "close"
        if opening_ctx and not after.isspace():
            return "open"
        if top in (ASCII_DOUBLE, LOW_DOUBLE):
            return "close"
        return None
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class QuoteMarkList(list):
    """The pairs of a text in order of opening, with a look-up of those opening in a span by bisection
    (asked once per cue, a scan of all pairs would make quote finding quadratic)."""

    _opens: list[int] | None = None
    _spans: dict | None = None

    def opening_in(self, start: int, end: int) -> list[QuoteMarks]:
        """The pairs whose opening mark lies in [start, end]."""
        if self._opens is None or len(self._opens) != len(self):
            self._opens = [q.open for q in self]
        return self[bisect.bisect_left(self._opens, start) : bisect.bisect_right(self._opens, end)]

    def outer_opens_in(self, start: int, end: int) -> bool:
        """Does an outermost quotation open in [start, end)? (A report holding one is mixed.)"""
        return any(q.depth == 0 for q in self.opening_in(start, end - 1))

    def spans(self, which: Callable[[QuoteMarks], bool]) -> Spans:
        """The contents of the pairs `which` selects, as Spans (built once per selector)."""
        self._spans = self._spans if self._spans is not None else {}
        if which not in self._spans:
            self._spans[which] = Spans((q.content_start, q.content_end) for q in self if which(q))
        return self._spans[which]


def find_quote_marks(text: str) -> QuoteMarkList:
    """Every pair of quotation marks in the text, outermost and nested, in order of opening."""
    g_open, g_close = _guillemet_opener(text)
    stack: list[tuple[str, int]] = []
    found: list[QuoteMarks] = []

    def close_at(pos_close: int, content_end: int, closed: bool) -> None:
        c, pos = stack.pop()
        s, e = _trimmed(text, pos + 1, content_end)
        if e > s:
            found.append(QuoteMarks(pos, pos_close, s, e, len(stack), closed, c in SINGLE_MARKS))

    for i, c in enumerate(text):
        if c == "\n":
            while stack:
                close_at(i, i, False)
            continue
        if c not in MARKS:
            continue
        role = _role(text, i, stack, g_open, g_close)
        if role == "open":
            if stack and stack[-1][0] == c and not text[stack[-1][1] + 1 : i].strip():
                stack.pop()  # „„ or „ „: the earlier mark opened nothing (stray, or doubled by mistake)
            elif len(stack) >= MAX_OPEN:
                stack.pop()  # the innermost of too many unclosed marks opened nothing
            stack.append((c, i))
        elif role == "close" and stack:
            close_at(i, i, True)
    while stack:
        close_at(len(text), len(text), False)
    found.sort(key=lambda q: q.open)
    return QuoteMarkList(found)


def closing_mark_offsets(text: str) -> set[int]:
    """Offsets of marks that close a quotation: a sentence never starts with one of these."""
    return {q.close for q in find_quote_marks(text) if q.closed}
