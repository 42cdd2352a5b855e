"""Speech that carries on without a cue of its own: Konjunktiv I sentences and free quotations.

German news reports a speaker's further statements in Konjunktiv I with no new verb of saying („Man sei
auf alle Szenarien vorbereitet.“), and lets a quotation that opens a paragraph continue the speaker of
the paragraph before. Both take the speaker of the nearest earlier quote in the same or the previous
paragraph — with a lower confidence than a cue gives, and never across a longer gap.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.document import Document
from extractor.marks import QuoteMarkList
from extractor.quotes.candidates import Candidate, sentence_content_end, trim, with_full_stop
from extractor.quotes.cues import find_cues
from extractor.quotes.konjunktiv import is_konjunktiv_i, konjunktiv_i_words, reportive_words
from extractor.quotes.mentions import Mention, reference_to
from extractor.quotes.speakers import cue_source
from extractor.spans import Spans
from extractor.types import QuoteKind
from extractor.words.cues import BACK_REFERRING
from extractor.words.verbs import MAX_SENTENCE_GAP, REPORTATIVE_SOLLEN, REPORTIVE, reportative_perfect
from foundation.german import ADVERBIAL_SUBORDINATORS, COMPLEMENT_OPENERS, RELATIVE_PRONOUNS

MIN_WORDS = 4


class _Latest:
    """The latest candidate (by end) that ends at or before a position, for positions asked in
    increasing order: one pass over the candidates sorted by end, so a stage stays linear.
    `keep` says which candidates count, read when the pass reaches them."""

    def __init__(self, cands: list[Candidate], keep=lambda c: True) -> None:
        self._by_end = sorted(cands, key=lambda c: c.end)
        self._next = 0
        self._keep = keep
        self.latest: Candidate | None = None

    def before(self, position: int) -> Candidate | None:
        while self._next < len(self._by_end) and self._by_end[self._next].end <= position:
            c = self._by_end[self._next]
            if self._keep(c) and (self.latest is None or c.end >= self.latest.end):
                self.latest = c
            self._next += 1
        return self.latest


def _previous_speaker(latest: _Latest, c_start: int, paragraph: int, sentence: int) -> Candidate | None:
    prev = latest.before(c_start)
    if prev is None or paragraph - prev.paragraph > 1 or sentence - prev.sentence > MAX_SENTENCE_GAP:
        return None
    return prev


#: Words after a comma that make the clause subordinate: its Konjunktiv continues no report.
SUBORDINATORS = ADVERBIAL_SUBORDINATORS | COMPLEMENT_OPENERS | RELATIVE_PRONOUNS


def _in_main_clause(s, w) -> bool:
    """A Konjunktiv in a „wonach …“ or relative clause reports nothing by itself."""
    for i in range(w.id - 1, 0, -1):
        x = s.word(i)
        if x.text in (",", ";", ":", "–"):
            nxt = s.word(i + 1)
            return nxt is None or nxt.text.lower() not in SUBORDINATORS
    return True


#: A report is carried on across at most this many sentences that are no report themselves: the text
#: has returned to the indicative.
MAX_INDICATIVE_GAP = 1


def _previous_report(
    doc: Document, latest: _Latest, out: list[Candidate], c_start: int, paragraph: int, sentence: int
) -> Candidate | None:
    """The report a sentence may continue: the latest earlier one (with or without a known source),
    ending in the same or the previous paragraph, with at most MAX_INDICATIVE_GAP sentences between.
    `out` holds the continuations found so far, in text order."""
    earlier = [c for c in (latest.before(c_start), out[-1] if out else None) if c is not None and c.end <= c_start]
    if not earlier:
        return None
    prev = max(earlier, key=lambda c: c.end)
    if paragraph - prev.paragraph > 1 or sentence - _last_sentence(doc, prev) - 1 > MAX_INDICATIVE_GAP:
        return None
    return prev


def konjunktiv_continuations(doc: Document, found: list[Candidate], marks: QuoteMarkList) -> list[Candidate]:
    """Konjunktiv I main clauses after a report continue it with its source; so do Konjunktiv II and
    reportative „sollen“ (REPORTIVE), which carry a report on but never open one by themselves."""
    out: list[Candidate] = []
    taken, latest = Spans.of(found), _Latest(found)
    by_sentence: dict[int, list[Candidate]] = {}
    for c in found:
        by_sentence.setdefault(c.sentence, []).append(c)
    for s in doc.sentences:
        if (
            len(s.words) < MIN_WORDS
            or taken.overlaps(s.start, s.end)
            or (out and out[-1].start < s.end and s.start < out[-1].end)
        ):
            continue
        # „Demnach …“: a word that stands for the source named before (guidelines 3.3 E) opens a report
        # in any mood; the report is the rest of the sentence
        referring = [w for w in s.words if w.text.lower() in BACK_REFERRING and _in_main_clause(s, w)]
        opening = referring + [w for w in konjunktiv_i_words(s) if _in_main_clause(s, w)]
        carrying = opening or [w for w in reportive_words(s) if _in_main_clause(s, w)]
        if not carrying:
            continue
        first = s.words[1] if referring and referring[0] is s.words[0] and len(s.words) > 1 else s.words[0]
        start, end = trim(doc, first.start, sentence_content_end(s))
        probe = Candidate(start, end, "indirect", None, None, s.index, s.paragraph, 0.0, "continuation")
        prev = _previous_report(doc, latest, out, start, s.paragraph, s.index)
        speaker_before = _cue_subject_before(doc, s)
        perfect = reportative_perfect([w.text for w in s.words])
        if prev is not None and _last_sentence(doc, prev) < s.index - 1 and speaker_before is not None:
            prev = None  # a speaker named with a verb of saying in between takes over (see below)
        if prev is not None and not opening and not _subjunctive(doc, prev) and prev.via != "act":
            # „hätten“, „soll“ carry on a report in the subjunctive, not an indicative one; a speech act
            # has no clause of its own, and they carry it on („X warnte vor …. Die Dämme befänden sich …“)
            prev = None
        plan = (
            prev is not None
            and not opening
            and prev.mention is None
            and all(w.text.lower() in REPORTATIVE_SOLLEN for w in carrying)
            and not perfect
        )
        if plan:
            prev = None  # „Das Zentrum soll 150 Meter lang sein“: a plan, unless somebody's report goes on
        if opening and (prev is None or prev.paragraph != s.paragraph):
            # „X werde …. Es gehe darum, …, sagte Y.“: the next sentence names the speaker
            prev = _next_speaker(by_sentence.get(s.index + 1, []), end, s.paragraph, s.index) or prev
        if (
            prev is None
            and not plan
            and (opening or any(w.text.lower() in REPORTATIVE_SOLLEN for w in carrying))
            and speaker_before is not None
        ):
            # „X hat seinen Rücktritt verkündet. Er werde …“: the sentence before names a speaker with a
            # verb of saying but reports no clause; a Konjunktiv I or a reportative „soll“ carries that
            # act on (a Konjunktiv II there is mostly a hypothesis of the writer's: „Das wäre …“)
            prev = Candidate(start, end, "indirect", None, speaker_before, s.index, s.paragraph, 0.4, "continuation")
        if prev is None and perfect:
            prev = Candidate(start, end, "indirect", None, None, s.index, s.paragraph, 0.4, "continuation")
        if prev is None and opening:
            # a Konjunktiv I main clause reports by itself (guidelines 3.4: no frame needed); its source
            # is the last one the text named, however far back — with a low confidence
            far = [c for c in (latest.before(start), out[-1] if out else None) if c is not None and c.end <= start]
            anchor = max(far, key=lambda c: c.end) if far else None
            mention = anchor.mention if anchor is not None else None
            prev = Candidate(start, end, "indirect", None, mention, s.index, s.paragraph, 0.4, "continuation")
            if anchor is not None:
                prev.mode, prev.carries = anchor.mode, anchor
        if prev is None:
            continue
        end = with_full_stop(doc, end)
        referred = prev is not None and prev.mention is not None and prev.mention.kind == "reference"
        if prev is not None and out and prev is out[-1] and _adjacent(doc, prev, s) and not (referring or referred):
            # „A habe …. B sei ….“: consecutive Konjunktiv sentences are one passage of the report (but
            # „demnach“ is the source phrase of its own sentence only)
            prev.end = end
            if marks.outer_opens_in(start, end):
                prev.kind = "mixed"
            continue
        probe.end = end
        kind: QuoteKind = "mixed" if marks.outer_opens_in(start, end) else "indirect"
        source = (
            prev.mention.refers_to if prev.mention is not None and prev.mention.kind == "reference" else prev.mention
        )
        if referring:
            source = reference_to(s, referring[0], doc.text, source)  # „Demnach“ is the source phrase
        probe.kind, probe.mention, probe.confidence = kind, source, round(prev.confidence * 0.7, 3)
        probe.mode = prev.mode
        probe.carries = prev.carries if prev.via == "continuation" and prev.carries else prev
        out.append(probe)
    return out


def _last_sentence(doc: Document, c: Candidate) -> int:
    """The index of the sentence a candidate ends in."""
    last = doc.sentence_at(max(c.start, c.end - 1))
    return last.index if last is not None else c.sentence


def _cue_subject_before(doc: Document, s) -> Mention | None:
    """The speaker of a verb of saying in the main clause of the sentence just before `s`, in the same
    paragraph („Die Behörden werfen ihm Betrug vor.“, „X hat seinen Rücktritt verkündet.“), or None."""
    before = doc.sentences[s.index - 1] if s.index > 0 else None
    if before is None or before.paragraph != s.paragraph or not before.parsed or not before.words:
        return None
    nothing = (before.end, before.end)  # no reported clause: the whole sentence may name the source
    for cue in find_cues(before):
        if _in_main_clause(before, cue.word) and (m := cue_source(doc, before, cue, nothing)[0]) is not None:
            return m
    return None


def _adjacent(doc: Document, c: Candidate, s) -> bool:
    """Does sentence `s` follow right after the last sentence of `c`, in the same paragraph?"""
    last = doc.sentence_at(max(c.start, c.end - 1))
    return last is not None and last.index + 1 == s.index and c.paragraph == s.paragraph


def _subjunctive(doc: Document, c: Candidate) -> bool:
    """Is the report itself in the subjunctive (Konjunktiv I or a form that carries a report on)?"""
    for s in doc.sentences[c.sentence :]:
        if s.start >= c.end:
            break
        inside = [w for w in s.words if c.start <= w.start < c.end]
        if any(is_konjunktiv_i(w, s) or w.text.lower() in REPORTIVE for w in inside):
            return True
    return False


def _next_speaker(cands: list[Candidate], c_end: int, paragraph: int, sentence: int) -> Candidate | None:
    """The first report with a source in the sentence after `sentence` (`cands`: that sentence's)."""
    later = [
        c
        for c in cands
        if c.start >= c_end
        and c.mention is not None
        and c.paragraph == paragraph
        and c.sentence - sentence == 1
        and c.kind in ("indirect", "mixed")
    ]
    return min(later, key=lambda c: c.start) if later else None


def attribute_from_discourse(doc: Document, cands: list[Candidate]) -> None:
    """Quotations without a cue take the previous quote's speaker (same or previous paragraph), and so
    does a reported clause whose cue has no subject in a Konjunktiv sentence („Man habe angewiesen, …“)."""
    latest = _Latest(cands, keep=lambda c: c.mention is not None)  # asked in text order, below
    for c in sorted(cands, key=lambda c: c.start):
        if c.via == "continuation" and c.carries is not None and c.carries.mention is not None:
            # „… sagte X: „A.“ „B.“ C sei …“: the Konjunktiv carries on the quotation before it, whose
            # speaker came from the discourse after the continuation was found
            if c.mention is None:
                c.mention = c.carries.mention
            elif c.mention.kind == "reference" and c.mention.refers_to is None:
                c.mention = replace(c.mention, refers_to=c.carries.mention)
        if c.mention is not None:
            continue
        if c.via == "cue":
            s = doc.sentences[c.sentence]
            if not (c.cue and c.cue.text != "heißt" and c.cue.text != "hieß" and konjunktiv_i_words(s)):
                continue
        elif c.via != "discourse":
            continue
        prev = _previous_speaker(latest, c.start, c.paragraph, c.sentence)
        if prev is not None:
            c.mention, c.confidence = prev.mention, round(min(0.6, prev.confidence * 0.7), 3)
            if c.via == "discourse":
                c.mode = prev.mode
