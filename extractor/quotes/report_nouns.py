"""Reports a noun introduces: „die Forderung des Ministers, dass …“, „die Befürchtung, dass …“.

A noun of saying or thinking (extractor/data/report_nouns.tsv) followed by a „dass“ or „ob“ clause
reports that clause, as a verb of saying would (SpkAtt guidelines: the cue may be a noun). The source
is the noun's genitive or „von“ complement where it has one („die Warnung der Polizei, dass …“);
otherwise the report has no source of its own here and the discourse may give it one.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.document import Document, Sentence, Word
from extractor.marks import QuoteMarkList
from extractor.quotes.candidates import Candidate, cue_span, trim
from extractor.quotes.mentions import Mention, mention_at, names_a_source, nominal, widen
from extractor.spans import Spans
from extractor.types import QuoteKind
from extractor.words.cues import report_nouns

#: The words that open the reported clause after the noun and its comma.
OPENERS = frozenset({"dass", "ob"})
#: A report needs at least this many words after „dass“.
MIN_WORDS = 3


def _subtree_end(s: Sentence, head: Word) -> int:
    """The id of the last word in `head`'s subtree."""
    last, todo = head.id, [head]
    while todo:
        w = todo.pop()
        for c in s.children(w.id):
            last = max(last, c.id)
            todo.append(c)
    return last


def _clause_end(s: Sentence, opener: Word) -> int:
    """The last word of the clause „dass“ opens: the subtree of the verb it marks, else the words up to
    the next comma after a finite verb (or the sentence's end)."""
    head = s.word(opener.head)
    if opener.deprel == "mark" and head is not None and head.id > opener.id:
        return _subtree_end(s, head)
    seen_verb = False
    for w in s.words[opener.id :]:
        if w.text in (",", ";", ":") and seen_verb:
            return w.id - 1
        seen_verb = seen_verb or w.upos in ("VERB", "AUX")
    return len(s.words)


#: At most this many words of a complement stand between the noun and its clause („die Forderung des
#: Ministers, dass“).
MAX_COMPLEMENT = 4


def _opener_after(s: Sentence, noun: Word) -> Word | None:
    """The „dass“ or „ob“ right after the comma that follows the noun or its short complement."""
    for w in s.words[noun.id : noun.id + MAX_COMPLEMENT + 1]:
        if w.text == ",":
            nxt = s.word(w.id + 1)
            return nxt if nxt is not None and nxt.text in OPENERS else None
        if w.upos in ("VERB", "AUX", "PUNCT") or (w.upos == "ADP" and w.text.lower() not in ("von", "vom")):
            return None  # „Hinweise für die Behauptungen, dass“: the clause completes the nearer noun
    return None


def _source(doc: Document, s: Sentence, noun: Word) -> Mention | None:
    """The noun's genitive or „von“ complement right after it: „die Forderung des Ministers“; for a
    noun that is the predicate of „sein“, the clause's subject: „Der Sprecher ist der Meinung, dass …“."""
    kids = s.children(noun.id)
    for c in kids:
        if c.deprel.startswith("nmod") and c.id > noun.id and nominal(c, mistagged=True):
            m = widen(s, mention_at(s, c, doc.text, floor=noun.id + 1), doc.text, floor=noun.id + 1)
            if m.kind == "description" and m.head.lemma:
                m = replace(m, citation=m.head.lemma)  # the genitive „des Ministers“ names „Minister“
            return m if names_a_source(m) else None
    cop = next((c for c in kids if c.deprel == "cop"), None)
    if cop is not None:
        for c in kids:
            if c.deprel == "nsubj" and nominal(c) and c.id < cop.id:
                m = widen(s, mention_at(s, c, doc.text, limit=cop.id - 1), doc.text, limit=cop.id - 1)
                return m if names_a_source(m) else None
    return None


def find_noun_reports(doc: Document, s: Sentence, marks: QuoteMarkList, taken: Spans, quoted: Spans) -> list[Candidate]:
    """The „dass“/„ob“ clauses that complete a report noun, outside the reports found so far (`taken`)
    and outside quotations (`quoted`: the outermost quotations' contents, where a report is part of
    the quotation)."""
    nouns = report_nouns()
    out: list[Candidate] = []
    for w in s.words:
        mode = nouns.get((w.lemma or w.text).lower()) if w.upos == "NOUN" else None
        if mode is None:
            continue
        opener = _opener_after(s, w)
        if opener is None:
            continue
        end = _clause_end(s, opener)
        if end - opener.id < MIN_WORDS:
            continue
        start, stop = trim(doc, opener.start, s.words[end - 1].end)
        if stop <= start or taken.overlaps(start, stop) or quoted.contains(start):
            continue
        kind: QuoteKind = "mixed" if marks.outer_opens_in(start, stop) else "indirect"
        mention = _source(doc, s, w)
        conf = 0.6 if mention is not None else 0.4
        out.append(
            Candidate(start, stop, kind, cue_span(doc, [w]), mention, s.index, s.paragraph, conf, "act", (), mode)
        )
    return out
