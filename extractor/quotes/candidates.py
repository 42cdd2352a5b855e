"""The intermediate result of the quote finders, before speakers are resolved across the document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.document import Document, Sentence, Word
from extractor.marks import CLOSERS, OPENERS
from extractor.quotes.mentions import Mention
from extractor.sentences import DATELINE
from extractor.types import QuoteKind, QuoteMode, Span

SENTENCE_FINAL = frozenset(".!?")


@dataclass
class Candidate:
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    mention: Mention | None  # the local speaker mention; None for „hieß es“ or unknown
    sentence: int
    paragraph: int
    confidence: float
    via: str  # cue | attribution | continuation | discourse | colon: how it was found
    co_speakers: tuple = ()  # further Mentions coordinated with `mention` („Macron und Scholz“)
    mode: QuoteMode = "speech"  # from the cue (a continuation keeps its report's)
    #: the earlier report a continuation carries on: its speaker, if only found later (a quotation
    #: that takes its own from the discourse), is the continuation's too
    carries: Candidate | None = field(default=None, compare=False, repr=False)


def cue_span(doc: Document, words: list[Word]) -> Span:
    """The cue's words as one span; a particle far from its verb („kündigte am Montag seinen Rücktritt
    an“) is left out, so that a cue is a verb or phrase, never a whole clause."""
    words = [w for w in words if w is not None]
    if len(words) > 1 and words[0].sent == words[-1].sent and abs(words[-1].id - words[0].id) > 2:
        words = words[:1]
    start, end = min(w.start for w in words), max(w.end for w in words)
    return Span(doc.text[start:end], start, end)


#: An agency's initials closing an article („/sus/DP/jha“) are no part of anything said.
AGENCY_TAG = re.compile(r"\s*\(?/[a-zA-Z]{1,4}(?:/[a-zA-Z]{1,4}){1,4}\)?\s*$")


def trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, trailing sentence/comma punctuation and unpaired edge marks from a content span,
    and a dateline or agency tag at its edges."""
    t = doc.text
    while start < end and (t[start].isspace()):
        start += 1
    m = DATELINE.match(t, start, end)
    if m and m.end() < end:
        start = m.end()
    m = AGENCY_TAG.search(t, start, end)
    if m and m.start() > start:
        end = m.start()
    while start < end and t[start] in OPENERS:  # „„ „Wir …“: a mark before another opens nothing
        nxt = start + 1
        while nxt < end and t[nxt].isspace():
            nxt += 1
        if nxt >= end or t[nxt] not in OPENERS:
            break
        start = nxt
    while end > start and (t[end - 1].isspace() or t[end - 1] in ",;:.!?–-"):
        end -= 1
    # quotation marks are never part of a span: a pair around all of it, or an edge mark whose partner
    # lies outside („…“, sagte er, and a clause that ends where a quotation inside it closes)
    while end - start > 2:
        opens, closes = t[start] in OPENERS, t[end - 1] in CLOSERS
        inner = t[start + 1 : end - 1]
        if opens and closes and not any(c in OPENERS or c in CLOSERS for c in inner):
            start, end = start + 1, end - 1
        elif opens and not any(c in CLOSERS for c in t[start + 1 : end]):
            start += 1
        elif closes and t[end - 1] not in OPENERS and not any(c in OPENERS for c in t[start : end - 1]):
            end -= 1
        else:
            break
        while start < end and t[start].isspace():
            start += 1
        while end > start and (t[end - 1].isspace() or t[end - 1] in ",;:.!?–-"):
            end -= 1
    return start, end


def sentence_content_end(s: Sentence) -> int:
    """End of the sentence without its final punctuation."""
    words = s.words
    i = len(words) - 1
    while i > 0 and (
        words[i].text in SENTENCE_FINAL or words[i].text in CLOSERS and words[i - 1].text in SENTENCE_FINAL
    ):
        i -= 1
    return words[i].end if words else s.end


def with_full_stop(doc: Document, end: int) -> int:
    """A report that is a whole sentence (a speech act, a Konjunktiv continuation) ends with its full
    stop, as the annotation guidelines mark it; a quotation's marks and an inner clause stay as trimmed."""
    return end + 1 if doc.text[end : end + 1] == "." else end
