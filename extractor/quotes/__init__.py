"""Finding quotes in a parsed document: Document → list[Quote].

Order matters: reported speech with a cue first (it claims the quotation marks inside it, which makes
it mixed), then „laut/zufolge/so“ attributions, then free-standing quotations, then colon speech („Selenskyj: …“), then a sentence that
„Das teilte X mit“ reports, then reported speech acts (a cue without a clause: the sentence is the report) where nothing else was found, then Konjunktiv
continuations and discourse speakers, and last the resolution of every speaker to one canonical name.
"""

from __future__ import annotations

import bisect

from extractor.document import Document
from extractor.marks import QuoteMarks, find_quote_marks
from extractor.quotes.attribution import find_attributions
from extractor.quotes.candidates import Candidate
from extractor.quotes.continuation import attribute_from_discourse, konjunktiv_continuations
from extractor.quotes.direct import find_colon_speech, find_direct
from extractor.quotes.indirect import find_acts, find_back_reference, find_indirect
from extractor.quotes.names import repair_names
from extractor.quotes.report_nouns import find_noun_reports
from extractor.quotes.resolve import build_index, resolve
from extractor.spans import Spans
from extractor.types import Quote

PRIORITY = {"cue": 0, "colon": 0, "attribution": 1, "act": 2, "continuation": 3, "discourse": 4}


def _outermost(q: QuoteMarks) -> bool:
    return q.depth == 0


def _overlap(a: Candidate, b: Candidate) -> float:
    o = min(a.end, b.end) - max(a.start, b.start)
    return o / max(1, min(a.end - a.start, b.end - b.start))


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Keep the better of two candidates that overlap by more than half (priority, then length).

    No kept span can contain another (containment is an overlap of 1), so kept spans sorted by start
    are sorted by end too, and those that meet a new candidate are found by bisection: linear in the
    number of candidates however many quotations a document has.
    """
    keep: list[Candidate] = []
    spans: list[tuple[int, int, int]] = []  # (start, end, place in keep) of kept non-empty spans
    for c in sorted(cands, key=lambda c: (PRIORITY[c.via], -(c.end - c.start))):
        clash = None
        i = bisect.bisect_left(spans, (c.end,)) - 1  # the last kept span starting before c ends
        while i >= 0 and spans[i][1] > c.start:
            k = keep[spans[i][2]]
            if _overlap(k, c) > 0.5 and (clash is None or spans[i][2] < clash[0]):
                clash = (spans[i][2], k)
            i -= 1
        if clash is None:
            if c.end > c.start:  # an empty span overlaps nothing
                bisect.insort(spans, (c.start, c.end, len(keep)))
            keep.append(c)
        elif clash[1].mention is None and c.mention is not None:
            clash[1].mention = c.mention
    return sorted(keep, key=lambda c: c.start)


def find_quotes(doc: Document) -> list[Quote]:
    marks = find_quote_marks(doc.text)
    repair_names(doc)
    claimed: list[Candidate] = []
    for s in doc.sentences:
        if not s.parsed or not s.words:
            continue
        claimed += find_indirect(doc, s, marks)
        claimed += find_attributions(doc, s, marks)
    claimed = dedupe(claimed)
    cands = dedupe(claimed + find_direct(doc, marks, claimed))
    cands = dedupe(cands + find_colon_speech(doc, marks, cands))
    taken = Spans.of(cands)
    backs = [c for s in doc.sentences if s.parsed and s.words for c in find_back_reference(doc, s, taken, cands)]
    cands = dedupe(cands + backs)
    acts = []
    taken, quoted = Spans.of(cands), marks.spans(_outermost)
    for s in doc.sentences:
        if s.parsed and s.words:
            acts += find_acts(doc, s, marks, taken, quoted)
    cands = dedupe(cands + acts)
    taken = Spans.of(cands)
    nouns = [c for s in doc.sentences if s.parsed and s.words for c in find_noun_reports(doc, s, marks, taken, quoted)]
    cands = dedupe(cands + nouns)
    cands = dedupe(cands + konjunktiv_continuations(doc, cands, marks))
    attribute_from_discourse(doc, cands)
    index = build_index(doc)
    quotes = []
    for c in cands:
        # one Quote per coordinated speaker: „Macron und Scholz erklärten …“ is a quote of each
        for m in (c.mention, *c.co_speakers):
            speaker, role = resolve(m, index)
            quotes.append(
                Quote(
                    text=doc.text[c.start : c.end],
                    start=c.start,
                    end=c.end,
                    kind=c.kind,
                    cue=c.cue,
                    speaker=speaker,
                    speaker_mention=m.span if m else None,
                    speaker_role=role,
                    confidence=c.confidence if speaker or c.via == "cue" else min(c.confidence, 0.3),
                    mode=c.mode,
                )
            )
    return quotes
