"""Reported speech introduced by a cue verb: „X sagte, dass …“, „…, beteuerte X“, „X forderte Y auf, … zu“.

The reported clause is found from the cue's place in the sentence, which the compact parser gets
right far more often than the clause attachment itself:
  after   the cue ends its clause with a comma or colon: the content runs from there to the end;
  before  the cue opens a clause right after a comma („…, sagte X“, „…, wie X sagte“): the content is
          what precedes that comma;
  around  „…, so glaubt X, …“: the sentence around the inserted attribution.
A content needs a few words and a verb; a clause that is only a quotation is left to the direct finder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractor.document import Document, Sentence, Word
from extractor.marks import CLOSERS, OPENERS, QuoteMarkList, QuoteMarks
from extractor.quotes.candidates import Candidate, cue_span, sentence_content_end, trim, with_full_stop
from extractor.quotes.cues import Cue, find_cues
from extractor.quotes.konjunktiv import finite_or_subjunctive, is_konjunktiv_i, tagged_finite
from extractor.quotes.mentions import Mention, mention_at
from extractor.quotes.speakers import cue_source, speaker_mention
from extractor.spans import Spans
from extractor.types import QuoteKind, Span
from extractor.words.people import NOT_SPEAKER_WORDS
from extractor.words.verbs import KONJUNKTIV_II
from foundation.german import ADVERBIAL_SUBORDINATORS, COMPLEMENT_OPENERS, RELATIVE_PRONOUNS

MIN_CONTENT_WORDS = 3


def _verb_like(w: Word, prev: Word | None = None, nxt: Word | None = None) -> bool:
    """A verb, or a lower-case word with a verb's ending that the compact tagger mistagged („prüfe“ ADV,
    „man brauche mehr“ ADJ: an adjective with no article before it and no noun after it)."""
    if w.upos in ("VERB", "AUX"):
        return True
    t = w.text
    if not (t.isalpha() and t.islower() and len(t) > 3 and t.endswith(("e", "en", "t")) and t not in NOT_SPEAKER_WORDS):
        return False
    if w.upos in ("ADV", "X"):
        return True
    return (
        w.upos == "ADJ"
        and prev is not None
        and (
            prev.upos == "PRON"
            or prev.upos in ("PROPN", "NOUN")
            and (nxt is None or nxt.upos not in ("NOUN", "PROPN", "ADJ"))
        )
    )


def _has_verb(words: list[Word]) -> bool:
    return any(
        _verb_like(w, words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None)
        for i, w in enumerate(words)
    )


def _words_between(s: Sentence, start: int, end: int) -> list[Word]:
    return [w for w in s.words if start <= w.start and w.end <= end]


def _is_only_quotation(doc: Document, start: int, end: int, marks: QuoteMarkList) -> bool:
    return any(q.depth == 0 and q.close >= end - 1 for q in marks.opening_in(start - 1, start + 1))


def _mixed(start: int, end: int, marks: QuoteMarkList) -> bool:
    return any(q.depth == 0 and q.close <= end + 1 for q in marks.opening_in(start, end + 1))


def _content_after(doc: Document, s: Sentence, cue: Cue) -> tuple[int, int] | None:
    """From the comma or colon that closes the cue's clause to the end of the sentence."""
    last = cue.particle.id if cue.particle and cue.particle.id > cue.word.id else cue.word.id
    for i in range(cue.word.id + 1, len(s.words) + 1):
        w = s.word(i)
        if w is None:
            continue
        if w.text in (",", ":") and i >= last:
            nxt = s.word(i + 1)
            if nxt is None:
                return None
            if w.text == "," and _inserted_phrase(s, i):
                continue  # „sagte der Koordinator, Paul Berger, gegenüber der ARD, dass …“
            after = s.word(i + 2)
            if (
                w.text == ","
                and nxt.text.lower() in RELATIVE_PRONOUNS
                and i > last + 1
                and (after is None or after.upos not in ("NOUN", "PROPN", "ADJ", "NUM"))
            ):
                return None  # „sagte Merkel, die in Berlin war“: a relative clause, not the report
            start, end = trim(doc, nxt.start, _reporter_resumes(s, nxt.id, sentence_content_end(s)))
            return (start, end) if end > start else None
        if w.text in OPENERS or w.text in ".!?;":
            return None
        if tagged_finite(w) and i != cue.word.id and not (cue.particle is not None and w is cue.particle):
            return None  # another clause's verb („gab bekannt“: the particle is part of the cue)
    return None


def _inserted_phrase(s: Sentence, comma: int) -> bool:
    """Whether the words after the comma at `comma`, up to the next comma, are a phrase of the cue's
    own clause set off by commas (an apposition „, Paul Berger,“ or an adjunct „, gegenüber der
    ARD,“): no verb in them, and on the parse every word that leads out of them leads back before
    the comma. Not an enumeration of the report's subjects („…, Paris, Rom und Berlin seien …“)."""
    words = []
    for w in s.words[comma:]:
        if w.text in (",", ":"):
            break
        if w.text in ".!?;" or w.text in OPENERS or w.upos in ("VERB", "AUX"):
            return False
        words.append(w)
    else:
        return False
    ids = {w.id for w in words}
    if not words or words[0].text.lower() in ADVERBIAL_SUBORDINATORS | COMPLEMENT_OPENERS:
        return False  # a relative clause has a verb: the check above
    out = [w for w in words if w.head not in ids]
    return bool(out) and all(w.head < comma and w.deprel.split(":")[0] in INSERTED_RELATIONS for w in out)


#: How a phrase set off by commas hangs on the cue's clause: an apposition, an adjunct, or a
#: conjunct the parse made of an apposition — never a subject or object (an enumeration of the
#: report's subjects: „sagte, Paris, Rom und Berlin seien …“).
INSERTED_RELATIONS = frozenset({"appos", "flat", "obl", "nmod", "conj", "advmod"})


def _reporter_resumes(s: Sentence, first: int, end: int) -> int:
    """Where the reporter's own clause takes over inside a reported one: „…, dass X, und weigerte sich
    …“, „…, es könnten Stellen wegfallen, sprach aber von …“ — a comma or „und/aber“ followed by a
    finite verb in the indicative (a Konjunktiv there carries the report on: „…, und werde …“)."""
    for w in s.words[first:]:
        if w.start >= end:
            break
        nxt = s.word(w.id + 1)
        if nxt is None or not (w.text == "," or w.text.lower() in ("und", "aber", "doch", "sondern")):
            continue
        if (
            tagged_finite(nxt)
            and nxt.feats.get("Mood") != "Sub"
            and not is_konjunktiv_i(nxt, s)
            and nxt.text.lower() not in KONJUNKTIV_II
            and nxt.text.lower() not in RELATIVE_PRONOUNS
            and nxt.text[:1].islower()
            and (nxt.upos == "VERB" or nxt.text.lower() in ("ist", "war", "hat", "hatte"))
        ):
            return w.start
    return end


def _content_before(doc: Document, s: Sentence, cue: Cue) -> tuple[int, int] | None:
    """„…, sagte X“ / „…“, sagte X / „…, wie X sagte“: the clause before the comma."""
    v = cue.word
    prev = s.word(v.id - 1)
    comma = None
    if prev is not None and prev.text == ",":
        comma = prev
    elif (
        prev is not None
        and prev.text.lower() in ("so", "wie")
        and (before := s.word(v.id - 2)) is not None
        and before.text == ","
    ):
        comma = before
    else:
        # „…, wie Trump sagte“ (a „wie“ clause) or „…, wird der Beamte zitiert“ / „…, zitierte ihn X“
        # (a clause opened by a finite verb right after the comma: verb-first order marks an inserted cue)
        for i in range(v.id - 1, 0, -1):
            w = s.word(i)
            if w is None:
                continue
            if w.text in OPENERS or w.text in CLOSERS:
                continue  # „…, wie „Politico“ berichtet“: a quoted name inside the cue's clause
            if w.text in (",", ":", ";"):
                nxt = s.word(i + 1)
                if w.text == "," and nxt is not None and (nxt.text.lower() == "wie" or tagged_finite(nxt)):
                    comma = w
                break
    if comma is None or comma.id <= 1:
        return None
    first: Word | None = s.words[0]
    # „A, zitierte ihn X, und B, fügte er hinzu“: B starts after the previous inserted cue clause
    cue_ids = {c.word.id for c in find_cues(s)}
    for j in range(comma.id - 1, 1, -1):
        w, nxt = s.word(j), s.word(j + 1)
        if w is not None and w.text == "," and nxt is not None and tagged_finite(nxt) and j + 1 < comma.id:
            close = next((x for x in s.words[j + 1 : comma.id - 1] if x.text == ","), None)
            if close is not None and any(j < i < close.id for i in cue_ids):
                first = s.word(close.id + 1)
                while first is not None and first.text.lower() in ("und", "oder", "aber") and first.id < comma.id:
                    first = s.word(first.id + 1)
            break
    if first is None:  # the words after `close` run to the comma, so there is always one
        return None
    start, end = trim(doc, first.start, comma.start)
    return (start, end) if end > start else None


def _insertion_span(doc: Document, s: Sentence, cue: Cue) -> tuple[int, int] | None:
    """„Die Patrouillen, so glaubt Esper, würden …“: the whole sentence carries the content."""
    v = cue.word
    prev = s.word(v.id - 1)
    if prev is None or prev.text.lower() != "so" or (before := s.word(v.id - 2)) is None or before.text != ",":
        return None
    rest = [w for w in s.words[v.id :] if w.text == ","]
    if not rest:
        return None
    start, end = trim(doc, s.words[0].start, sentence_content_end(s))
    return (start, end) if end > start else None


def _best_content(
    doc: Document, s: Sentence, cue: Cue, skip: tuple[str, ...] = ()
) -> tuple[tuple[int, int] | None, str]:
    """The first reading of the cue's place that yields a real clause. A cue right after a comma is
    inverted („…, sagte X“): its content precedes it; otherwise it follows."""
    prev = s.word(cue.word.id - 1)
    inverted = prev is not None and prev.text == ","
    readings = (
        [("around", _insertion_span), ("before", _content_before), ("after", _content_after)]
        if inverted
        else [("after", _content_after), ("around", _insertion_span), ("before", _content_before)]
    )
    # „Wie die Bundesbank mitteilte, hat die Regierung …“: the main clause after a fronted „wie“ clause
    # is the report, its finite verb first
    fronted_wie = s.words[0].text.lower() == "wie" and not any(tagged_finite(w) for w in s.words[1 : cue.word.id - 1])
    for how, find in readings:
        if how in skip:
            continue
        span = find(doc, s, cue)
        if span is None:
            continue
        words = _words_between(s, *span)
        if (
            how == "before"
            and words
            and words[0].text.lower() in ADVERBIAL_OPENERS - {"auch"}
            and not _preposition(words)
        ):
            continue  # „Da …, bewertet X …“: a fronted adverbial clause, and the verb after it the main one
        opener = words[0].text.lower() in ("dass", "ob") if words else False  # a verb it has, tagged or not
        if (
            len(words) >= MIN_CONTENT_WORDS
            and (opener or _has_verb(words))
            and (
                how != "after"
                or _is_reported_clause(s, words, cue.entry.frame)
                or (fronted_wie and tagged_finite(words[0]))
            )
        ):
            return span, how
    return None, ""


#: Words that open an adverbial clause (or an afterthought: „auch“, „wobei“) after a cue's comma:
#: never the report.
ADVERBIAL_OPENERS = ADVERBIAL_SUBORDINATORS | {"auch", "wobei"}


def _preposition(words: list[Word]) -> bool:
    """„Während des Gesprächs …“, „Seit dem Frühjahr …“: a subordinator that is also a preposition,
    here governing a genitive or dative phrase (tagged ADP, or followed by an article in that case)."""
    first, nxt = words[0], words[1] if len(words) > 1 else None
    if first.upos == "ADP":
        return True
    return (
        first.text.lower() in ("während", "seit", "bis")
        and nxt is not None
        and nxt.upos == "DET"
        and nxt.feats.get("Case") in ("Gen", "Dat")
    )


def _is_reported_clause(s: Sentence, words: list[Word], frame: str) -> bool:
    """What follows a cue's comma is a report only as a dass/ob/w-clause, a verb-second clause
    („…, die Lage sei ernst“) or, after urging verbs, a zu-infinitive; not „…, auch noch, als …“."""
    core = [w for w in words if w.upos != "PUNCT" and w.text not in OPENERS]
    if not core:
        return False
    if core[0].text.lower() in COMPLEMENT_OPENERS:
        return True
    if core[0].text.lower() in ADVERBIAL_OPENERS:
        return False  # an adverbial clause or an afterthought („…, auch noch, als …“, „…, um … zu …“)
    if any(
        finite_or_subjunctive(w, s) or _verb_like(w, s.word(w.id - 1), s.word(w.id + 1)) and w.upos != "VERB"
        for w in core[1:4]
    ):
        return True
    if _verb_second(s, core):
        return True
    return frame in ("urge", "say") and any(
        (w.text.lower() == "zu" and (nxt := s.word(w.id + 1)) is not None and nxt.upos in ("VERB", "AUX"))
        or ("zu" in w.text[2:-2] and w.upos == "VERB")
        for w in core
    )


#: The longest first constituent before a verb-second clause's finite verb that is looked through.
MAX_FIRST_CONSTITUENT = 8


def _verb_second(s: Sentence, core: list[Word]) -> bool:
    """„…, die Lage an der Grenze sei ruhig“: a verb-second clause whose first constituent is a longer
    noun phrase — its finite verb comes before any comma, after a few words that hold no verb of a
    clause of their own (a subordinator or relative pronoun would open one)."""
    if core[0].upos not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") or len(core) < 3:
        return False
    if core[0].text.lower() in RELATIVE_PRONOUNS and core[1].upos not in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False  # „…, die er bis 1970 verbüßte“: a relative clause
    for i, w in enumerate(core[1 : MAX_FIRST_CONSTITUENT + 1], start=1):
        if w.text in (",", ";", ":") or w.upos == "SCONJ" or w.text.lower() in RELATIVE_PRONOUNS and w.upos == "PRON":
            return False
        if w.upos in ("VERB", "AUX"):
            after = core[i + 1] if i + 1 < len(core) else None
            # verb second has the rest of its clause after it; a verb closing the clause ends a relative one
            return finite_or_subjunctive(w, s) and after is not None and after.text not in (",", ";", ":")
    return False


def _long_quotation(q: QuoteMarks) -> bool:
    """A closed outermost quotation long enough to hold a reported clause of its own."""
    return q.depth == 0 and q.closed and q.content_end - q.content_start > 40


def _heisst_es(s: Sentence, cue: Cue) -> bool:
    around = [s.word(cue.word.id - 1), s.word(cue.word.id + 1)]
    return any(w is not None and w.text.lower() == "es" for w in around)


def find_indirect(doc: Document, s: Sentence, marks: QuoteMarkList) -> list[Candidate]:
    out: list[Candidate] = []
    inside = marks.spans(_long_quotation)
    for cue in find_cues(s):
        if inside.contains(cue.word.start):
            continue  # „Ich glaube nicht, dass …“ inside a quotation is part of that quotation
        impersonal = cue.entry.lemma == "heißen"
        if impersonal and not _heisst_es(s, cue):
            continue
        span, how = _best_content(doc, s, cue)
        if span is None:
            continue
        if _is_only_quotation(doc, span[0], span[1], marks):
            continue  # a plain quotation: the direct finder attributes it
        # the inserted „…, so glaubt X, …“ lies inside the sentence it reports: the content the source
        # must stay out of ends at the comma before „so“
        content = span if how != "around" else (span[0], s.words[cue.word.id - 3].start)
        mention, co = cue_source(doc, s, cue, content)
        if how == "before" and mention is None and not impersonal:
            # „…, sprechen aber davon, dass …“: a second verb of the same subject, not an inserted cue;
            # its own clause may follow a finite one (not „Das Objekt, genannt X, hat …“)
            span, how = _best_content(doc, s, cue, skip=("around", "before")) if tagged_finite(cue.word) else (None, "")
            if span is None:
                continue
            content = span
            mention, co = cue_source(doc, s, cue, content)
        kind: QuoteKind = "mixed" if _mixed(span[0], span[1], marks) else "indirect"
        conf = 0.85 if mention is not None or impersonal else 0.5
        out.append(
            Candidate(
                span[0],
                span[1],
                kind,
                cue_span(doc, cue.words),
                mention,
                s.index,
                s.paragraph,
                conf if how != "around" else conf - 0.1,
                "cue",
                co,
                cue.entry.mode,
            )
        )
    return _drop_nested(out)


#: Words that open a sentence and stand for the sentence before it as a cue's object (guidelines 3.3 F).
BACK_REFERENCES = frozenset("das dies".split())


def find_back_reference(
    doc: Document, s: Sentence, taken: Spans, quotations: Sequence[Candidate] = ()
) -> list[Candidate]:
    """„Im Fahrzeug saß eine weitere Mitarbeiterin. Das teilte die Organisation mit.“ — a sentence that
    opens with „Das“ or „Dies“ and a cue verb (or a modal and a cue: „Das musste X einräumen“), with no
    reported clause of its own, reports the sentence before it (in the same paragraph, not yet a
    report): the report runs from that sentence to the „Das“ that stands for it, its source is the
    cue's subject. Where the sentence before is a quotation found without a speaker (`quotations`:
    the candidates so far), that quotation takes the cue and its subject instead."""
    if s.index == 0 or len(s.words) < 4:
        return []
    first, verb = s.words[0], s.words[1]
    if first.text.lower() not in BACK_REFERENCES or not tagged_finite(verb):
        return []
    cue = next((c for c in find_cues(s) if c.word is verb), None)
    if cue is None and verb.xpos == "VMFIN":
        cue = next((c for c in find_cues(s) if c.word.xpos == "VVINF" and c.word.id > verb.id), None)
    if cue is None or cue.entry.lemma == "heißen" or _best_content(doc, s, cue)[0] is not None:
        return []
    prev = doc.sentences[s.index - 1]
    if prev.paragraph != s.paragraph:
        return []
    bare = [
        c
        for c in quotations
        if c.kind == "direct" and c.mention is None and prev.start <= c.end <= s.start and c.paragraph == s.paragraph
    ]
    if taken.overlaps(prev.start, prev.end) and not bare:
        return []
    said = doc.text[prev.start : prev.end].rstrip()
    if not bare and (len(said.split()) < MIN_CONTENT_WORDS + 1 or not said.endswith((".", "!"))):
        return []  # a heading or a sentence that runs on („…: Das …“) is no statement of its own
    mention = speaker_mention(s, cue, None, doc.text)
    if mention is None or mention.span.start <= first.start:
        # the parse took „Das“ for the subject: then the noun phrase right after the verb is it
        head = next((w for w in s.words[2:] if w.upos in ("NOUN", "PROPN")), None)
        if head is None or any(w.upos in ("VERB", "AUX", "ADP") for w in s.words[2 : head.id - 1]):
            return []
        mention = mention_at(s, head, doc.text)
    if bare:
        for c in bare:  # „„Ja, es gibt Zumutungen.“ Das musste der Minister einräumen.“
            c.mention, c.cue, c.mode, c.confidence = mention, cue_span(doc, cue.words), cue.entry.mode, 0.7
        return []
    start, _ = trim(doc, prev.start, prev.end)
    return [
        Candidate(
            start,
            first.end,
            "indirect",
            cue_span(doc, cue.words),
            mention,
            prev.index,
            prev.paragraph,
            0.7,
            "cue",
            (),
            cue.entry.mode,
        )
    ]


def _act_object(s: Sentence, v: Word, preposition: str) -> bool:
    """The act's preposition governs the verb's object: the first preposition after the verb, or one
    whose phrase the parse hangs on the verb and that follows no genitive noun („berichtete in einem
    Artikel von 41 Toten“, not „während des Besuchs von X“)."""
    after = [w for w in s.words[v.id :] if w.text not in (",", ";")]
    first = next((w for w in after if w.upos == "ADP" or w.text.lower() == preposition), None)
    if first is not None and first.text.lower() == preposition:
        return True
    for w in after:
        if w.text.lower() == preposition and (governor := s.word(w.head)) is not None and governor.head == v.id:
            prev, article = s.word(w.id - 1), s.word(w.id - 2)
            if (
                prev is None
                or prev.upos not in ("NOUN", "PROPN")
                or (article is not None and article.text.lower() not in ("des", "eines", "der"))
            ):
                return True  # not the complement of a genitive noun („des Besuchs von X“)
    return False


def _main_predicate(s: Sentence, v: Word) -> bool:
    """The cue is the sentence's own verb, not one inside a relative or adverbial clause: no comma
    followed by a subordinator or relative pronoun stands between the sentence start and the cue."""
    for w in s.words[: v.id - 1]:
        if w.text == ",":
            nxt = s.word(w.id + 1)
            if nxt is not None and (
                nxt.text.lower() in RELATIVE_PRONOUNS or nxt.upos == "SCONJ" or nxt.text.lower() in COMPLEMENT_OPENERS
            ):
                return False
    first, second = s.words[0] if s.words else None, s.word(2)
    if first is not None and first.text.lower() == "als" and second is not None and second.upos == "NOUN":
        return True  # „Als Grund gab X … an“: „als“ with a noun is no subordinate clause
    return not (first is not None and first.upos == "SCONJ") or _after_fronted_clause(s, v)


def _after_fronted_clause(s: Sentence, v: Word) -> bool:
    """„Während die Zeitung von 100.000 sprach, sprach die Agentur von 50.000“: the finite verb right
    after the comma that closes a fronted subordinate clause is the main clause's."""
    prev = s.word(v.id - 1)
    return (
        prev is not None
        and prev.text == ","
        and tagged_finite(v)
        and not any(w.text == "," for w in s.words[: prev.id - 1])
    )


def _own_clause_start(s: Sentence, v: Word) -> Word | None:
    """Where the act's own clause starts when it is not the sentence's first: right after the comma
    before a finite cue that opens a coordinated or main clause („…, sprach aber von …“, „Während …,
    sprach die Agentur von …“), or after the coordinator there („…, und sprach von …“)."""
    prev = s.word(v.id - 1)
    if prev is not None and prev.text.lower() in ("und", "aber", "doch", "sondern"):
        prev = s.word(prev.id - 1)
    if prev is None or prev.text != "," or not tagged_finite(v):
        return None
    return s.word(prev.id + 1)


def find_acts(doc: Document, s: Sentence, marks: QuoteMarkList, taken: Spans, quoted: Spans) -> list[Candidate]:
    """Reported speech acts: „X kündigte seinen Rücktritt an“, „X warnte vor einer Eskalation“, „Die
    Forderung wurde von X als unrealistisch bezeichnet“ — a cue with no reported clause of its own.
    What was said is the whole act, so the report is the sentence; its source is the cue's subject
    (or passive agent). A sentence that already holds a quote (`taken`) keeps that quote; a cue inside
    a quotation (`quoted`: the outermost quotations' contents) reports nothing."""
    if taken.overlaps(s.start, s.end) or not s.words:
        return []
    for cue in find_cues(s):
        if not cue.entry.act or quoted.contains(cue.word.start):
            continue
        prepositions = cue.entry.act_preposition.split("|") if cue.entry.act_preposition else []
        if prepositions and not any(_act_object(s, cue.word, p) for p in prepositions):
            continue  # „sprach von einem Erfolg“, not „spricht während des Besuchs von …“
        if not prepositions and (
            any(c.text.lower() == "sich" for c in s.children(cue.word.id))
            or ((following := s.word(cue.word.id + 1)) is not None and following.text.lower() == "sich")
        ):
            continue  # „äußerte sich nicht“: reflexive, nothing is reported („sprach sich für … aus“ does)
        if _negated(s, cue.word):
            continue  # „konnte den Vorfall nicht bestätigen“, „forderte keine Untersuchung“: nothing said
        if not _main_predicate(s, cue.word) or any(w.text == "?" for w in s.words):
            continue  # a question asks, it reports nothing
        prev = s.word(cue.word.id - 1)
        if cue.word.upos == "ADJ" or (prev is not None and prev.upos == "DET"):
            continue  # „die als rechtsradikal eingestufte Website“: an attribute, not the act
        if _participle(cue.word) and (
            not any(c.deprel in ("aux", "aux:pass", "cop") for c in s.children(cue.word.id))
            or (prev is not None and prev.text == ",")
        ):
            continue  # „Das Objekt, genannt 2003 EL61, …“: a participle without an auxiliary (or set off by commas) is no act
        if cue.entry.lemma == "fordern" and any(w.lemma.lower() in VICTIMS for w in s.words[cue.word.id :]):
            continue  # „Das Unglück forderte 92 Menschenleben“: claimed lives, not a demand
        own = _own_clause_start(s, cue.word)
        start, end = trim(doc, (own or s.words[0]).start, sentence_content_end(s))
        words = _words_between(s, start, end)
        if len(words) < MIN_CONTENT_WORDS + 1:
            continue
        end = with_full_stop(doc, end)
        if _passive(s, cue.word):
            mention = _agent(s, cue.word, doc.text)  # „wurde von X als … bezeichnet“; the subject is the act
        else:
            mention = speaker_mention(s, cue, None, doc.text)
        if mention is None or mention.span.text.lower() in FIRST_PERSON:
            continue  # an act is reported with its actor; an interviewee's „ich lehne … ab“ is no report
        mention = _before_act_object(doc, s, mention, cue.word, prepositions)
        kind: QuoteKind = "mixed" if _mixed(start, end, marks) else "indirect"
        return [
            Candidate(
                start,
                end,
                kind,
                cue_span(doc, cue.words),
                mention,
                s.index,
                s.paragraph,
                0.6,
                "act",
                (),
                cue.entry.mode,
            )
        ]
    return []


def _before_act_object(doc: Document, s: Sentence, m: Mention, v: Word, prepositions: list[str]) -> Mention:
    """A source after the cue ends before the act's preposition: „sprach die Agentur von 50.000
    Menschen“ names „die Agentur“, not „die Agentur von 50.000 Menschen“."""
    cut = next(
        (w for w in s.words[v.id :] if w.text.lower() in prepositions and m.span.start < w.start < m.span.end), None
    )
    if cut is None or cut.start <= m.head.start:
        return m
    end = max(w.end for w in s.words if m.span.start <= w.start and w.end <= cut.start)
    return replace(m, span=Span(doc.text[m.span.start : end], m.span.start, end))


NEGATIONS = frozenset("nicht nie niemals kein keine keinen keinem keiner".split())


def _negated(s: Sentence, v: Word) -> bool:
    """The act did not happen: a negation the parse hangs on the cue, right before it, or as the
    article of its object („forderte keine Untersuchung“)."""
    if any(c.text.lower() in NEGATIONS for c in s.children(v.id)):
        return True
    prev = s.word(v.id - 1)
    if prev is not None and prev.text.lower() in NEGATIONS:
        return True
    return any(
        w.text.lower() in NEGATIONS and (head := s.word(w.head)) is not None and head.head == v.id
        for w in s.words
        if w.upos == "DET"
    )


#: The objects of „fordern“ in its sense „claim (lives)“: „Der Sturm forderte zwölf Todesopfer“.
VICTIMS = frozenset("leben menschenleben opfer todesopfer tote toter verletzte".split())


def _participle(w: Word) -> bool:
    return w.feats.get("VerbForm") == "Part" or w.xpos == "VVPP"


FIRST_PERSON = frozenset("ich wir".split())
HABEN = frozenset("hat hatte haben hatten habe hätte hätten".split())
PASSIVE_AUXILIARIES = frozenset("wird werden wurde wurden worden ist sind war waren sei seien".split())


def _passive(s: Sentence, v: Word) -> bool:
    """„wurde … bezeichnet“, „sind für Montag angekündigt“: a participle with „werden“ or „sein“ and no
    „haben“ (which makes it the active perfect: „hat … angekündigt“)."""
    if any(k.deprel in ("aux:pass", "nsubj:pass") for k in s.children(v.id)) or v.feats.get("Voice") == "Pass":
        return True
    participle = v.feats.get("VerbForm") == "Part" or v.xpos == "VVPP"
    lower = {w.text.lower() for w in s.words}
    return participle and bool(lower & PASSIVE_AUXILIARIES) and not lower & HABEN


def _agent(s: Sentence, v: Word, text: str):
    """The agent of a passive act: the phrase after „von“, „vom“ or „durch“ in the cue's clause."""
    for w in s.words:
        if w.text.lower() in ("von", "vom", "durch") and w.id < v.id:
            head = next((x for x in s.words[w.id : v.id - 1] if x.upos in ("NOUN", "PROPN")), None)
            if head is not None:
                return mention_at(s, head, text, floor=w.id + 1, limit=v.id - 1)
    return None


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Two cues in one sentence („sagte …, dass sie warnte, …“): keep the outer report."""
    keep: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -(c.end - c.start)):
        if not any(k.start <= c.start and c.end <= k.end for k in keep):
            keep.append(c)
    return sorted(keep, key=lambda c: c.start)
