"""Speech that carries on without a cue of its own: Konjunktiv I sentences and free quotations.

German news reports a speaker's further statements in Konjunktiv I with no new verb of saying („Man sei
auf alle Szenarien vorbereitet.“), and lets a quotation that opens a paragraph continue the speaker of
the paragraph before. Both take the speaker of the nearest earlier quote in the same or the previous
paragraph — with a lower confidence than a cue gives, and never across a longer gap.
"""
from __future__ import annotations

from extractor.document import Document
from extractor.quotes.candidates import Candidate, sentence_content_end, trim
from extractor.quotes.konjunktiv import konjunktiv_i_words
from extractor.quotes.marks import QuoteMarks

MAX_SENTENCE_GAP = 3
MIN_WORDS = 4


def _previous_speaker(cands: list[Candidate], c_start: int, paragraph: int, sentence: int) -> Candidate | None:
    earlier = [c for c in cands if c.end <= c_start and c.mention is not None]
    if not earlier:
        return None
    prev = max(earlier, key=lambda c: c.end)
    if paragraph - prev.paragraph > 1 or sentence - prev.sentence > MAX_SENTENCE_GAP:
        return None
    return prev


SUBORDINATORS = frozenset("""dass ob wie wonach weil da als wenn falls obwohl nachdem damit sodass
 während bevor seit seitdem der die das den dem deren dessen denen welche welcher welches wo was""".split())


def _in_main_clause(s, w) -> bool:
    """A Konjunktiv in a „wonach …“ or relative clause reports nothing by itself."""
    for i in range(w.id - 1, 0, -1):
        x = s.word(i)
        if x.text in (",", ";", ":", "–"):
            nxt = s.word(i + 1)
            return nxt is None or nxt.text.lower() not in SUBORDINATORS
    return True


def konjunktiv_continuations(doc: Document, found: list[Candidate], marks: list[QuoteMarks]) -> list[Candidate]:
    out: list[Candidate] = []
    for s in doc.sentences:
        if len(s.words) < MIN_WORDS or any(c.start < s.end and s.start < c.end for c in found + out):
            continue
        kw = [w for w in konjunktiv_i_words(s) if _in_main_clause(s, w)]
        if not kw:
            continue
        start, end = trim(doc, s.words[0].start, sentence_content_end(s))
        probe = Candidate(start, end, "indirect", None, None, s.index, s.paragraph, 0.0, "continuation")
        prev = _previous_speaker(found + out, start, s.paragraph, s.index)
        if prev is None or prev.paragraph != s.paragraph:
            # „X werde …. Es gehe darum, …, sagte Y.“: the next sentence names the speaker
            prev = _next_speaker(found, end, s.paragraph, s.index) or prev
        if prev is None:
            continue
        kind = "mixed" if any(q.depth == 0 and start <= q.open < end for q in marks) else "indirect"
        probe.kind, probe.mention, probe.confidence = kind, prev.mention, round(prev.confidence * 0.7, 3)
        out.append(probe)
    return out


def _next_speaker(cands: list[Candidate], c_end: int, paragraph: int, sentence: int) -> Candidate | None:
    later = [c for c in cands if c.start >= c_end and c.mention is not None and c.paragraph == paragraph
             and c.sentence - sentence == 1 and c.kind in ("indirect", "mixed")]
    return min(later, key=lambda c: c.start) if later else None


def attribute_from_discourse(doc: Document, cands: list[Candidate]) -> None:
    """Quotations without a cue take the previous quote's speaker (same or previous paragraph), and so
    does a reported clause whose cue has no subject in a Konjunktiv sentence („Man habe angewiesen, …“)."""
    for c in sorted(cands, key=lambda c: c.start):
        if c.mention is not None:
            continue
        if c.via == "cue":
            s = doc.sentences[c.sentence]
            if not (c.cue and c.cue.text != "heißt" and c.cue.text != "hieß" and konjunktiv_i_words(s)):
                continue
        elif c.via != "discourse":
            continue
        prev = _previous_speaker(cands, c.start, c.paragraph, c.sentence)
        if prev is not None:
            c.mention, c.confidence = prev.mention, round(min(0.6, prev.confidence * 0.7), 3)
