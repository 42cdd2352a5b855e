"""The intermediate result of the quote finders, before speakers are resolved across the document."""
from __future__ import annotations

from dataclasses import dataclass

from extractor.document import Document, Sentence, Word
from extractor.quotes.mentions import Mention
from extractor.types import Span

SENTENCE_FINAL = frozenset(".!?")
OPENING_MARKS = frozenset("„»«\"‚›‹“")
CLOSING_MARKS = frozenset("“”\"«»‘’‹›")


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: Span | None
    mention: Mention | None  # the local speaker mention; None for „hieß es“ or unknown
    sentence: int
    paragraph: int
    confidence: float
    via: str  # cue | attribution | continuation | discourse | colon: how it was found
    co_speakers: tuple = ()  # further Mentions coordinated with `mention` („Macron und Scholz“)


def cue_span(doc: Document, words: list[Word]) -> Span:
    words = [w for w in words if w is not None]
    start, end = min(w.start for w in words), max(w.end for w in words)
    return Span(doc.text[start:end], start, end)


def trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, trailing sentence/comma punctuation and unpaired edge marks from a content span."""
    t = doc.text
    while start < end and (t[start].isspace()):
        start += 1
    while start < end and t[start] in OPENING_MARKS:  # „„ „Wir …“: a mark before another opens nothing
        nxt = start + 1
        while nxt < end and t[nxt].isspace():
            nxt += 1
        if nxt >= end or t[nxt] not in OPENING_MARKS:
            break
        start = nxt
    while end > start and (t[end - 1].isspace() or t[end - 1] in ",;:.!?–-"):
        end -= 1
    return start, end


def sentence_content_end(s: Sentence) -> int:
    """End of the sentence without its final punctuation."""
    words = s.words
    i = len(words) - 1
    while i > 0 and (words[i].text in SENTENCE_FINAL or words[i].text in CLOSING_MARKS and
                     words[i - 1].text in SENTENCE_FINAL):
        i -= 1
    return words[i].end if words else s.end
