"""Reports attributed without a speech verb: „laut X“, „X zufolge“, „nach Angaben von X“, „…, so X.“

The source is the noun phrase governed by the attribution word; the content is the rest of the
sentence: what follows a fronted attribution („Laut Trump wäre …“), what precedes a final one
(„…, so Ynet.“), or the whole sentence around one in the middle.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.document import Document, Sentence, Word
from extractor.marks import QuoteMarkList
from extractor.ner import entity_label, head_kinds
from extractor.quotes.candidates import Candidate, cue_span, sentence_content_end, trim
from extractor.quotes.mentions import Mention, mention_at, nominal, oblique, widen
from extractor.types import QuoteKind, Span
from extractor.words.cues import attribution_words
from extractor.words.people import TEMPORAL
from extractor.words.sources import can_name_a_source, is_a_medium

MIN_CONTENT_WORDS = 4


def _source_after(s: Sentence, w: Word) -> Word | None:
    """The head of the phrase after „laut“ / „nach Angaben“: its first nominal word, in a genitive or
    „von“ or „aus“ complement („nach Angaben aus Regierungskreisen“; „nach Angaben in die Luft“ names
    no source)."""
    for x in s.words[w.id : w.id + 6]:
        if nominal(x, mistagged=True):
            return x
        if x.upos in ("VERB", "AUX", "PUNCT") or (x.upos == "ADP" and x.text.lower() not in ("von", "vom", "aus")):
            return None
    return None


def _phrase_start(s: Sentence, w: Word) -> int:
    """The first word of the phrase before „zufolge“ (word `w`)."""
    start = w.id - 1
    while (
        start > 1
        and (prev := s.word(start - 1)) is not None
        and (
            prev.upos in ("DET", "ADJ", "NUM", "NOUN", "PROPN", "ADP", "X")
            or prev.text.lower() == "und"
            or prev.text == "-"
        )
        and prev.text not in (",", ":")
        and not (prev.upos in ("NOUN", "PROPN") and (cur := s.word(start)) is not None and _new_phrase(s, cur))
    ):
        start -= 1  # „die Organisation Schätzungen zufolge“: two nouns side by side are two phrases
    return start


def _source_before(s: Sentence, w: Word) -> Word | None:
    """The head of the phrase before „zufolge“: the first nominal of that phrase."""
    for x in s.words[_phrase_start(s, w) - 1 : w.id - 1]:
        if nominal(x, mistagged=True):
            return x
    return None


def _new_phrase(s: Sentence, w: Word) -> bool:
    """After a noun, does `w` open a phrase of its own rather than a genitive complement („die Kanzlerin
    einigen Teilnehmern zufolge“, „die Organisation Schätzungen zufolge“)?"""
    if w.upos == "DET":
        return w.text.lower() not in GENITIVE_ARTICLES
    article = s.word(w.id - 2)  # „die Organisation Schätzungen“: a noun after a noun with its article
    joined = (nxt := s.word(w.id + 1)) is not None and nxt.text == "-" and nxt.start == w.end  # „al-Jazeera“
    return w.upos == "NOUN" and w.text[:1].isupper() and not joined and article is not None and article.upos == "DET"


def _phrase_end(s: Sentence, head: Word) -> int:
    """Index of the last word of the source phrase (names and genitive complements included, a
    hyphenated name whole: „Franz-Josef Jung“, an abbreviation in brackets: „(IAEO)“)."""
    i = head.id
    while True:
        nxt = s.word(i + 1)
        if nxt is not None and nxt.text == "-" and nxt.start == s.words[i - 1].end and i + 2 <= len(s.words):
            i += 2  # „Franz-Josef“, „Baden-Württemberg“ tokenised in three
            continue
        if (
            nxt is not None
            and nxt.text == "("
            and (close := s.word(i + 3)) is not None
            and close.text == ")"
            and (inner := s.word(i + 2)) is not None
            and inner.text[:1].isalpha()
        ):
            i += 3  # „der Internationalen Atomenergie-Organisation (IAEO)“
            continue
        if not _phrase_step(s, head, i):
            break
        i += 1
    return i


def _phrase_step(s: Sentence, head: Word, i: int) -> bool:
    """Does the source phrase go on from word `i` to the next („der Gruppe X“, „von Augenzeugen“)?"""
    if (
        i < len(s.words)
        and (nxt := s.word(i + 1)) is not None
        and nxt.upos in ("PROPN", "NOUN", "DET", "ADJ", "ADP")
        and nxt.text not in (",",)
        and not (nxt.upos == "ADP" and i > head.id + 3)
    ):
        if nxt.upos == "DET" and (cur := s.word(i)) is not None and cur.upos == "ADP" and cur.start == nxt.start:
            return True  # the article of „im“, „vom“: the preposition already continued the phrase
        if nxt.upos == "DET" and nxt.text.lower() not in GENITIVE_ARTICLES:
            return False  # „laut einer Sprecherin ein Teilgeständnis“: a new phrase, not a complement
        if nxt.upos == "DET" and nxt.feats.get("Case") in ("Nom", "Acc"):
            return False  # „laut Verfassung der Parlamentspräsident“: the clause's subject
        if nxt.upos == "ADP" and not _attributive_pp(s, nxt):
            return False  # „nach Angaben der Polizei vom Dienstag“, „in dem Land“
        if nxt.upos == "ADP" and nxt.text.lower() in ("in", "im") and is_a_medium(s.words[i - 1].text):
            return False  # „laut dem Magazin im Pentagon“: the place belongs to the verb
        if nxt.upos == "NOUN" and (cur := s.word(i)) is not None and cur.upos == "PROPN":
            return False  # „nach Ansicht von ai Disziplinarmaßnahmen“: a noun after a name starts anew
        return nxt.upos not in ("DET", "ADP", "ADJ") or any(x.upos in ("NOUN", "PROPN") for x in s.words[i + 1 : i + 4])
    return False


#: „nach eigenen Angaben“, „laut eigener Aussage“: the source is the clause's own subject.
OWN = frozenset({"eigenen", "eigener", "eigenem"})

#: Articles that can open a genitive complement („Angaben des Ministeriums“, „einer Sprecherin der Polizei“).
GENITIVE_ARTICLES = frozenset(
    "der des eines einer dieser dieses mehrerer einiger verschiedener aller zahlreicher beider seiner ihrer".split()
)


def _attributive_pp(s: Sentence, prep: Word) -> bool:
    """„von Augenzeugen“, „im Iran“, „in Berlin“: a preposition that continues a source phrase, with a
    name or a source noun and no time word („vom Dienstag“)."""
    lower = prep.text.lower()
    rest = [x for x in s.words[prep.id : prep.id + 3] if x.start != prep.start]  # „im“ is „in“ + „dem“
    noun = next((x for x in rest if x.upos in ("NOUN", "PROPN", "X") or x.text[:1].isupper()), None)
    if noun is None or noun.lemma.lower() in TEMPORAL or noun.text.lower() in TEMPORAL:
        return False
    if lower in ("von", "vom"):
        return True
    if lower not in ("in", "im", "aus"):
        return False
    if noun.upos == "PROPN" or entity_label(noun) in ("LOC", "ORG") or not noun.text.isalpha():
        return True
    # „einem Beamten im Pentagon“: a body by its noun, definite; not a place referred back to („in dem Land“)
    article = next((x for x in s.words[prep.id : prep.id + 2] if x.upos == "DET"), None)  # „im“ has one
    return (
        (article is not None and article.text.lower() in ("dem", "der", "den"))
        and "place" not in head_kinds(noun.text)
        and can_name_a_source(noun.text)
    )


def _as_phrase(doc: Document, m: Mention, start: int, end: int) -> Mention:
    """The mention `m` written as the attribution phrase `start`..`end` („Angaben der Polizei“,
    „eigenen Angaben“): its speaker is still `m`'s."""
    return replace(m, span=Span(doc.text[start:end], start, end), citation=m.citation or m.description)


def _compound_key(w: Word, words: dict[str, str]) -> str | None:
    """„Polizeiangaben“, „Medienberichten“: an attribution noun as the last part of a compound."""
    if not w.text[:1].isupper() or not w.text.isalpha():
        return None
    lower = w.text.lower()
    return next((k for k in words if k[:1].isupper() and lower.endswith(k.lower()) and len(lower) > len(k) + 2), None)


def _sentence_subject(s: Sentence, before: Word, after: Word | None = None) -> Word | None:
    """„Die Firma hat nach eigenen Angaben …“, „Laut eigener Aussage hat der Minister …“: the subject
    of the clause the phrase (`before` … `after`) sits in — the parse's, else the first nominal before
    the phrase, else the first nominative one after it."""
    for x in s.words:
        if (
            x.deprel in ("nsubj", "nsubj:pass")
            and nominal(x, mistagged=True)
            and (governor := s.word(x.head)) is not None
            and governor.deprel == "root"
        ):
            return x
    first = next((x for x in s.words[: before.id - 1] if nominal(x, mistagged=True)), None)
    if first is None and after is not None:
        rest = s.words[after.id :]
        first = next((x for x in rest if nominal(x, mistagged=True) and x.feats.get("Case") in (None, "Nom")), None)
    return first


def find_attributions(doc: Document, s: Sentence, marks: QuoteMarkList) -> list[Candidate]:
    words = attribution_words()
    out = []
    for w in s.words:
        key = w.text if w.text in words else w.text.lower() if w.text.lower() in words else None
        compound = None
        if key is None:
            compound = _compound_key(w, words)
            if compound is None:
                continue
            key = compound
        kind = words[key]
        cue_words = [w]
        own, own_from = False, w  # own_from: „eigenen“ in „nach eigenen Angaben“
        described: list[Word] = []  # adjectives before the attribution noun: „nach offiziellen Angaben“
        article: Word | None = None
        if key[:1].isupper():
            prev = s.word(w.id - 1)
            if prev is not None and prev.text.lower() in OWN and kind == "pre":
                own, own_from = True, prev
                prev = s.word(prev.id - 1)
            while not own and kind == "pre" and prev is not None and prev.xpos == "ADJA" and len(described) < 2:
                described.insert(0, prev)  # „nach offiziellen / ersten israelischen Angaben“
                prev = s.word(prev.id - 1)
            article = prev if prev is not None and prev.xpos == "ART" and kind == "pre" and not own else None
            if article is not None:
                prev = s.word(article.id - 1)  # „nach den Worten X“, „nach einem Bericht X“
            if compound is not None and kind == "pre" and (prev is None or prev.text.lower() != "nach"):
                post = s.word(w.id + 1)  # „Polizeiangaben zufolge“
                if post is None or post.text.lower() != "zufolge":
                    continue
                cue_words = [w, post]
            elif prev is None or prev.text.lower() != "nach":
                continue  # „Angaben“ only as „nach Angaben …“
            else:
                cue_words = [prev, w]
        if (
            kind == "pre"
            and not key[:1].isupper()
            and (mine := s.word(w.id + 1)) is not None
            and mine.text.lower() in OWN
            and (noun := s.word(w.id + 2)) is not None
        ):
            own, own_from, cue_words = True, mine, [w, mine, noun]  # „laut eigener Aussage“ names the subject too
        if own:
            head = _sentence_subject(s, cue_words[0], cue_words[-1])
        elif compound is not None:
            head = w  # the compound names its source: „nach Polizeiangaben“
        else:
            head = _source_after(s, w) if kind == "pre" else _source_before(s, w)
            if head is None and described:
                head = w  # „nach offiziellen Angaben“ names no one: the phrase is the source
        if head is None:
            continue
        if compound is not None:
            mention = mention_at(s, head, doc.text, limit=head.id, floor=head.id)  # „Zeitungsberichten zufolge“
        elif head is w:
            # the phrase is the source and names nobody („nach offiziellen Angaben“): no speaker
            mention = replace(mention_at(s, head, doc.text, limit=head.id, floor=described[0].id), kind="unnamed")
        elif own:
            # the source phrase is „eigenen Angaben“ (as the SpkAtt guidelines mark it); its speaker is
            # the clause's subject, who speaks of itself
            mention = mention_at(s, head, doc.text, limit=head.id)
            mention = _as_phrase(doc, mention, own_from.start, cue_words[-1].end)
        else:
            # „nach Aussage der Feuerwehr“: the source starts after the attribution word
            limit, floor = (_phrase_end(s, head), w.id + 1) if kind == "pre" else (w.id - 1, _phrase_start(s, w))
            mention = oblique(
                widen(s, mention_at(s, head, doc.text, limit=limit, floor=floor), doc.text, floor=floor, limit=limit),
                s,
                doc.text,
            )
        if kind == "post" and compound is None and (before := s.word(w.id - 1)) is not None:
            # „Dem Sender al-Dschasira zufolge“: the whole phrase before „zufolge“
            mention = _as_phrase(doc, mention, mention.span.start, max(mention.span.end, before.end))
        if kind == "pre" and key[:1].isupper() and compound is None and not own and head is not w:
            # the source as a reader marks it is the attribution noun with its complement: „Angaben der
            # Polizei“ („nach offiziellen Angaben der Polizei“: with its adjectives)
            opening = article or (described or [w])[0]  # „einem Bericht der Zeitung“ with its article
            mention = _as_phrase(doc, mention, opening.start, max(w.end, mention.span.end))
        phrase_start = min(cue_words[0].start, mention.span.start) if not own else cue_words[0].start
        phrase_end = max(cue_words[-1].end, mention.span.end) if not own else cue_words[-1].end
        first, last_end = s.words[0], sentence_content_end(s)
        if phrase_start <= first.start + 1:  # fronted: content follows
            span = trim(doc, phrase_end, last_end)
        elif phrase_end >= last_end - 1:  # final: content precedes
            span = trim(doc, first.start, phrase_start)
        else:
            span = trim(doc, first.start, last_end)
        if span[1] - span[0] <= 0 or len([x for x in s.words if span[0] <= x.start < span[1]]) < MIN_CONTENT_WORDS:
            continue
        kind_q: QuoteKind = "mixed" if marks.outer_opens_in(span[0], span[1]) else "indirect"
        out.append(
            Candidate(
                span[0], span[1], kind_q, cue_span(doc, cue_words), mention, s.index, s.paragraph, 0.75, "attribution"
            )
        )
    out.extend(_so_x(doc, s, marks))
    return out


def _so_x(doc: Document, s: Sentence, marks: QuoteMarkList) -> list[Candidate]:
    """„…, so Ynet.“ / „…, so das Portal am Sonntag, …“ — „so“ + source, no verb of its own."""
    ws = s.words
    out = []
    for w in ws:
        if w.text.lower() != "so" or w.id < 3 or (comma := s.word(w.id - 1)) is None or comma.text != ",":
            continue
        tail = []
        for x in ws[w.id :]:
            if x.text in (",", ";", ":") or x.text in ".!?":
                break
            tail.append(x)
        # „so“ + the source's noun phrase („so das Portal am Sonntag“); „so dass“, „so könnte“ are not
        if not tail or len(tail) > 6 or tail[0].upos not in ("DET", "NOUN", "PROPN"):
            continue
        head = next((x for x in tail if nominal(x, mistagged=True)), None)
        if head is None:
            continue
        mention = widen(s, mention_at(s, head, doc.text, limit=tail[-1].id), doc.text, limit=tail[-1].id)
        span = trim(doc, ws[0].start, comma.start)
        first = ws[0]
        if first.text.lower() in ("und", "aber", "doch") and (second := s.word(2)) is not None:
            span = trim(doc, second.start, span[1])
        if span[1] <= span[0]:
            continue
        kind: QuoteKind = "mixed" if marks.outer_opens_in(span[0], span[1]) else "indirect"
        if any(q.depth == 0 and q.open <= span[0] + 1 and q.close >= span[1] - 1 for q in marks):
            kind = "direct"
        out.append(
            Candidate(span[0], span[1], kind, cue_span(doc, [w]), mention, s.index, s.paragraph, 0.75, "attribution")
        )
    return out
