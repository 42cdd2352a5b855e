"""Direct speech: quotation marks, their cue and speaker, and what is not a quote at all.

A quotation is attributed by the cue next to it: „…“, sagte X / „…“, so X (after the closing mark);
X sagte: „…“ (colon before the opening mark, in the sentence or at the end of the previous paragraph);
X bezeichnete … als „…“ (a cue of the same sentence whose clause holds the quotation). Without a cue,
a real utterance (several words, or a sentence of its own) takes the speaker the discourse gives it;
titles („im ‚Bericht aus Berlin‘“) and scare quotes of a word or two are not quotes.
"""

from __future__ import annotations

from extractor.document import Document, Sentence
from extractor.marks import CLOSERS, QuoteMarkList, QuoteMarks
from extractor.quotes.candidates import Candidate, cue_span, sentence_content_end, trim
from extractor.quotes.cues import Cue, find_cues
from extractor.quotes.mentions import Mention, _not_speaker_word, mention_at, names_a_source, nominal
from extractor.quotes.speakers import cue_source
from extractor.spans import Spans
from extractor.types import QuoteKind
from extractor.words.quotations import (
    MAX_LEAD_WORDS,
    MIN_NON_TITLE_WORDS,
    MIN_UTTERANCE_WORDS,
    TITLE_LEAD,
    TITLE_NOUNS,
    word_count,
)


def is_title(doc: Document, s: Sentence | None, q: QuoteMarks) -> bool:
    """„Bericht aus Berlin“, „Politico“: a name of a work or outlet, not something somebody said."""
    content = doc.text[q.content_start : q.content_end]
    if word_count(content) >= MIN_NON_TITLE_WORDS or content[-1:] in ".!?,":
        return False
    if s is None:
        return False
    before = [w for w in s.words if w.end <= q.open][-2:]
    if before and (before[-1].text.lower() in TITLE_NOUNS or before[-1].lemma.lower() in TITLE_NOUNS):
        return True
    return (
        bool(before)
        and before[-1].text.lower() in TITLE_LEAD
        and content[:1].isupper()
        and word_count(content) <= 4
        and not any(ch in content for ch in ".!?")
    )


#: Lower-case words a proper name may hold („Gesellschaft zur Förderung Freien Wissens“, „Advanced
#: Camera for Surveys“, „Fédération Internationale de Football Association“).
NAME_FUNCTION_WORDS = frozenset(
    "und der die das des dem den für zur zum von vom im in am an auf of the and for to de la le du des et y del".split()
)
NAME_LEAD_ARTICLES = frozenset("Der Die Das Ein Eine".split())


def is_name(doc: Document, s: Sentence | None, q: QuoteMarks) -> bool:
    """„Advanced Camera for Surveys“, „Öffentliche Dienste, Transport und Verkehr“, „Der Fänger im
    Roggen“: a quotation with no verb whose words are all capitalised but for a name's function words,
    and that shows it is a name — a capitalised adjective or foreign word (tagged PROPN, X or ADJ, or
    a capitalised word with a lower-case lemma: „Soziale“ ← sozial), a
    digit, or a capitalised article opening it — is the name of a work, firm or body, not an utterance
    („Kluft zwischen Arm und Reich“ keeps a lower-case preposition; „Grundlagen der Existenz“ has only
    nouns)."""
    if s is None:
        return False
    words = [w for w in s.words if q.content_start <= w.start and w.end <= q.content_end]
    alpha = [w for w in words if any(ch.isalpha() for ch in w.text)]
    if not alpha or any(w.upos in ("VERB", "AUX") for w in words):
        return False
    if len(alpha) == 1:  # „nennt „Twitter““: a single word is a name when tagged as one
        return alpha[0].upos in ("PROPN", "X") and alpha[0].text[:1].isupper()
    if any(not w.text[:1].isupper() and w.text.lower() not in NAME_FUNCTION_WORDS for w in alpha):
        return False
    capitalised = [w for w in alpha if w.text[:1].isupper()]
    return (
        alpha[0].text in NAME_LEAD_ARTICLES
        or any(ch.isdigit() for w in words for ch in w.text)
        or any(w.upos in ("ADJ", "X") or w.lemma[:1].islower() for w in capitalised[1:])
        or sum(w.upos == "PROPN" for w in capitalised) * 2 > len(capitalised)
    )


def _cue_after(s: Sentence, q: QuoteMarks, cues: list[Cue]) -> Cue | None:
    """„…“, sagte X — the cue right after the closing mark (and its comma)."""
    after = [w for w in s.words if w.start >= q.close + 1][:3]
    for w in after:
        for c in cues:
            if c.word is w:
                return c
        if w.text not in (",", "–", "-", "so") and w.upos not in ("ADV",):
            break
    return None


def _cue_before(s: Sentence, q: QuoteMarks, cues: list[Cue]) -> Cue | None:
    """X sagte: „…“ / X sagte, „…“ — a cue in the clause that ends right before the opening mark."""
    before = [w for w in s.words if w.end <= q.open]
    if not before or before[-1].text not in (":", ","):
        return None
    lo = 0
    for i in range(len(before) - 2, -1, -1):
        if before[i].text == "," and not any(w.upos in ("VERB", "AUX") for w in before[i + 1 : -1]):
            continue  # „sagte Paul Berger, Gründer der Band: „…““: an apposition set off by a comma
        if before[i].text in (",", ":", ";", ".") or before[i].text in CLOSERS:
            lo = i + 1
            break
    clause = before[lo:-1]
    for c in cues:
        if c.word in clause:
            return c
    return None


def _cue_in_sentence(s: Sentence, q: QuoteMarks, cues: list[Cue]) -> Cue | None:
    """X bezeichnete die Angriffe als „Verteidigungsmaßnahmen“: a cue governing the quotation."""
    for c in cues:
        if c.word.end <= q.open or c.word.start > q.close:
            between = [w for w in s.words if min(c.word.end, q.close) <= w.start < max(c.word.start, q.open)]
            if not any(w.text in (".", ";", ":") for w in between):
                return c
    return None


def _colon_lead(doc: Document, sents: list[Sentence], s: Sentence, q: QuoteMarks) -> tuple[Sentence, Cue] | None:
    """„Putin sagte außerdem:“ ending the previous sentence or paragraph, the quotation opening the next."""
    if s.index == 0:
        return None
    first = next((w for w in s.words if w.start >= q.open), None)
    if first is None or s.words.index(first) > 1:
        return None
    prev = sents[s.index - 1]
    if not prev.words or prev.words[-1].text != ":":
        return None
    cues = find_cues(prev)
    return (prev, cues[-1]) if cues else None


def _colon_subject(doc: Document, s: Sentence, q: QuoteMarks) -> Mention | None:
    """„Der Trainer zeigte sich zufrieden: „…““ — a quotation after a colon is said by the subject of the
    clause the colon ends, whatever its verb."""
    before = [w for w in s.words if w.end <= q.open]
    if not before or before[-1].text != ":":
        return None
    clause = before[:-1]
    for i, w in enumerate(clause):
        if any(x.text in (",", ";", "–") for x in clause[i:]):
            continue  # the colon's own clause only
        if s.parsed and w.deprel in ("nsubj", "nsubj:pass") and nominal(w):
            m = mention_at(s, w, doc.text, limit=before[-1].id - 1)
            return m if names_a_source(m) else None
    if s.parsed:
        return None
    # tagged only: the noun phrase that opens the clause, right before its (lower-case) verb
    i = 0
    while i < len(clause) and clause[i].upos in ("DET", "ADJ"):
        i += 1
    run = []
    while (
        i < len(clause)
        and (clause[i].upos in ("PROPN", "NOUN") or clause[i].text == "-")
        and (clause[i].text[:1].isupper() or clause[i].text == "-")
    ):
        run.append(clause[i])
        i += 1
    if run and i < len(clause) and clause[i].text[:1].islower() and not _not_speaker_word(run[-1]):
        m = mention_at(s, run[-1], doc.text, limit=before[-1].id - 1)
        return m if names_a_source(m) else None
    return None


def find_direct(doc: Document, marks: QuoteMarkList, claimed: list[Candidate]) -> list[Candidate]:
    sents = doc.sentences
    out: list[Candidate] = []
    reported = Spans((c.start, c.end + 1) for c in claimed)
    for q in marks:
        if q.depth != 0:
            continue
        if reported.covers(q.content_start, q.content_end):
            continue  # part of a reported clause: that quote is mixed
        s_open = doc.sentence_at(q.open)
        s_close = doc.sentence_at(q.close) if q.closed else doc.sentence_at(max(q.open, q.content_end - 1))
        if s_open is None or s_close is None:
            continue
        if is_title(doc, s_open, q):
            continue
        content = doc.text[q.content_start : q.content_end]
        span = (q.content_start, q.content_end)
        utterance = word_count(content) >= MIN_UTTERANCE_WORDS or content[-1:] in ".!?"
        cue_sent, cue = s_close, _cue_after(s_close, q, find_cues(s_close)) if q.closed else None
        if cue is not None and not utterance and doc.text[q.close + 1 : cue.word.start].strip()[:1] != ",":
            cue = None  # „wie „Politico“ berichtet“: a quoted name as the subject, not a quotation
        if cue is None:
            cue_sent, cue = s_open, _cue_before(s_open, q, find_cues(s_open))
        via = "cue"
        if cue is None:
            lead = _colon_lead(doc, sents, s_open, q)
            if lead:
                (cue_sent, cue), via = lead, "colon"
        if cue is None:
            cue = _cue_in_sentence(s_open, q, find_cues(s_open)) if s_open is s_close else None
            cue_sent = s_open
            if cue is not None and not utterance and cue.entry.frame != "label":
                cue = None  # a word or two in quotes is only quoted when labelled („nannte es „…““)
        if cue is None and not utterance:
            continue  # a scare quote: nobody is quoted
        if (cue is None or not utterance) and is_name(doc, s_open, q):
            continue  # „Advanced Camera for Surveys“: a name, whatever verb stands near it
        if cue is not None:
            mention, co = cue_source(doc, cue_sent, cue, span)
            out.append(
                Candidate(
                    span[0],
                    span[1],
                    "direct",
                    cue_span(doc, cue.words),
                    mention,
                    s_open.index,
                    s_open.paragraph,
                    0.9 if mention else 0.5,
                    via,
                    co,
                    cue.entry.mode,
                )
            )
        elif (subject := _colon_subject(doc, s_open, q)) is not None:
            out.append(
                Candidate(span[0], span[1], "direct", None, subject, s_open.index, s_open.paragraph, 0.6, "colon")
            )
        else:
            out.append(
                Candidate(span[0], span[1], "direct", None, None, s_open.index, s_open.paragraph, 0.4, "discourse")
            )
    return out


MIN_COLON_CONTENT_WORDS = 3


def colon_lead_head(s: Sentence, words: list) -> int | None:
    """Index of the speaker's head word in a lead „X:“ / „X wörtlich:“ before a colon, or None: no cue
    (that is „X sagte:“, the cue's business), no preposition or pronoun („Im Blickpunkt:“), and a
    name — a common noun is a label or a topic („Foto:“, „Die Sorge:“), not a speaker."""
    if not words or len(words) > MAX_LEAD_WORDS or words[0].upos == "ADP":
        return None
    glued = {w.id for i, w in enumerate(words[1:], 1) if w.text == "-" and w.start == words[i - 1].end}
    if any(w.upos in ("PUNCT", "SCONJ", "PRON", "ADP") and w.id not in glued for w in words) or any(
        c.word in words for c in find_cues(s)
    ):
        return None  # (a hyphen inside a compound is no punctuation: „BKA-Präsident Meier:“)
    heads = [
        i for i, w in enumerate(words) if w.text[:1].isupper() and w.upos in ("PROPN", "X") and not _not_speaker_word(w)
    ]  # a name: „Hinzu:“, „Neue:“, „Aufgeschlüsselt:“ (an adverb, adjective or participle) lead a list
    return heads[-1] if heads else None


def find_colon_speech(doc: Document, marks: QuoteMarkList, found: list[Candidate]) -> list[Candidate]:
    """Headlines and colon speech: „Selenskyj: Ohne Druck wird es keinen Frieden geben“, and „Peskow
    wörtlich:“ ending a line with the quotation on the next one. The lead names the speaker; a quote
    already found there (without a speaker) takes it, otherwise what follows the colon is the quote."""
    out: list[Candidate] = []
    sents = doc.sentences
    for s in sents:
        colon = next((w for w in s.words[: MAX_LEAD_WORDS + 1] if w.text == ":"), None)
        if colon is None:
            continue
        lead = s.words[: colon.id - 1]
        h = colon_lead_head(s, lead)
        if h is None:
            continue
        mention = mention_at(s, lead[h], doc.text, limit=colon.id - 1)
        rest = [w for w in s.words[colon.id :] if w.upos != "PUNCT"]
        if len(rest) >= MIN_COLON_CONTENT_WORDS and any(w.upos in ("VERB", "AUX") for w in rest):
            # a statement has a verb; a caption („Foto: Die Demonstranten vor dem Parlament“) has none
            start, end = trim(doc, s.words[colon.id].start, sentence_content_end(s))
        elif not rest and s.index + 1 < len(sents) and sents[s.index + 1].words:
            nxt = sents[s.index + 1]
            start, end = trim(doc, nxt.start, sentence_content_end(nxt))
        else:
            continue
        if end <= start:
            continue
        here = [c for c in found if c.start < end and start < c.end]
        for c in here:
            if c.mention is None:
                c.mention, c.via = mention, "colon"
        if here:
            continue
        inner = next((q for q in marks if q.depth == 0 and q.open <= start and end <= q.close + 1), None)
        kind: QuoteKind = (
            "direct" if inner is not None else ("mixed" if marks.outer_opens_in(start, end) else "indirect")
        )
        out.append(Candidate(start, end, kind, None, mention, s.index, s.paragraph, 0.6, "colon"))
    return out
