"""Who is the speaker of a cue: the subject from the parse, checked against German word order.

The parse proposes (nsubj; the agent of a passive; the object of an active „zitieren“). Because the
compact parser often takes a fronted adverbial („Einen Tag später“, „Gleichzeitig“) for the subject,
a candidate must be nominal, not temporal, and not inside the reported content; otherwise the
nominative phrase right after the finite cue (inverted order „…, sagte Außenminister X“) or the
phrase that opens the cue's clause is taken.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.document import Document, Sentence, Word
from extractor.marks import CLOSERS, MARKS
from extractor.ner import entity_label
from extractor.quotes.cues import Cue
from extractor.quotes.konjunktiv import tagged_finite
from extractor.quotes.mentions import (
    PRONOUNS,
    Mention,
    adverb_like,
    is_name_word,
    mention_at,
    names_a_source,
    nominal,
    oblique,
    widen,
)
from extractor.types import Span
from extractor.words.people import NOT_SPEAKER_WORDS, TEMPORAL
from extractor.words.sources import can_name_a_source
from foundation.german import ARTICLES, PREPOSITIONS

#: Marks that end the cue's clause (the searches for its start and its subject look past quotation marks).
CLAUSE_BREAK = frozenset({",", ":", ";", "(", ")", "–", "—"}) | MARKS
SUBJECT_RELS = ("nsubj", "nsubj:pass", "csubj")


def _clause_initial_name(s: Sentence, w: Word) -> bool:
    """„Teheran wies … zurück“: a capitalised word the tagger missed, right before the finite verb. A
    word tagged as an adverb counts only where the NER model calls it an entity: „Dagegen beteuerte
    …“, „Da gab …“ open the clause with an adverb."""
    nxt = s.word(w.id + 1)
    prev = s.word(w.id - 1)
    return (
        w.text[:1].isupper()
        and (w.upos in ("ADJ", "X") or (w.upos == "ADV" and entity_label(w) is not None))
        and w.text.lower() not in NOT_SPEAKER_WORDS
        and not adverb_like(w)
        and (prev is None or prev.text in CLAUSE_BREAK)
        and nxt is not None
        and nxt.upos in ("VERB", "AUX")
    )


def _blocked(w: Word, content: tuple[int, int] | None) -> bool:
    return content is not None and content[0] <= w.start < content[1]


def _case_ok(w: Word, relaxed: bool = False) -> bool:
    """Nominative, or a name: the compact tagger's case on proper names is unreliable. `relaxed` (for a
    word the parse calls the subject, „teilte die Organisation mit“, or where no nominative was found,
    „Gestern hat eine Sprecherin mitgeteilt“): also an accusative of the same form, that of a feminine
    or neuter noun in the singular, if the noun can speak (plural objects are too common: „habe man die
    Aktivisten informiert“)."""
    if w.upos == "PROPN" or w.feats.get("Case") in (None, "Nom"):
        return True
    return (
        relaxed
        and w.feats.get("Case") == "Acc"
        and w.feats.get("Gender") in ("Fem", "Neut")
        and w.feats.get("Number") != "Plur"
        and can_name_a_source(w.lemma or w.text)
    )


def _after_adposition(s: Sentence, w: Word, lo: int) -> bool:
    """Is `w` inside a prepositional phrase („gegenüber Reportern“, „in Moskau“)?"""
    for i in range(w.id - 1, lo - 1, -1):
        x = s.word(i)
        if x is None:
            break
        if x.upos == "ADP" or x.text.lower() in PREPOSITIONS:
            return True
        if x.upos not in ("DET", "ADJ", "NUM", "NOUN", "PROPN") and x.text != "-":
            return False
    return False


def _scan(s: Sentence, ids: range, content, lo: int, relaxed: bool = False) -> Word | None:
    for i in ids:
        w = s.word(i)
        if w is not None and w.text in MARKS and not _blocked(w, content):
            continue
        if w is None or w.text in CLAUSE_BREAK or _blocked(w, content):
            return None
        if (nominal(w) and _case_ok(w, relaxed) and not _after_adposition(s, w, lo)) or _clause_initial_name(s, w):
            return _compound_head(s, w)
    return None


def _partitive(s: Sentence, w: Word) -> Word | None:
    """„Einer der beteiligten Polizisten sagte“: an indefinite pronoun (STTS PIS) heading a genitive
    stands for one of them, and the noun names the source; None for any other word."""
    if w.xpos != "PIS":
        return None
    part = next((c for c in s.children(w.id) if c.deprel == "nmod" and c.upos == "NOUN"), None)
    return part if part is not None and can_name_a_source(part.lemma or part.text) else None


def _compound_head(s: Sentence, w: Word) -> Word:
    """„US-Präsident“ is tokenised US / - / Präsident: the last part is the head."""
    while (
        (dash := s.word(w.id + 1)) is not None
        and dash.text == "-"
        and dash.start == w.end
        and (nxt := s.word(w.id + 2)) is not None
        and nxt.start == dash.end
    ):
        w = nxt
    return w


def _clause_start(s: Sentence, cue: Word) -> int:
    """First word of the cue's clause; quotation marks do not end a clause („wie „Politico“ berichtet“)."""
    for i in range(cue.id - 1, 0, -1):
        w = s.word(i)
        if w is not None and w.text in CLAUSE_BREAK and w.text not in MARKS:
            return i + 1
    return 1


def _clause_end(s: Sentence, cue: Word) -> int:
    for i in range(cue.id + 1, len(s.words) + 1):
        w = s.word(i)
        if w is not None and (w.text in CLAUSE_BREAK or w.text in ".!?"):
            return i - 1
    return len(s.words)


def _phrase_head(s: Sentence, w: Word) -> Word:
    """Climb from a name inside a complement to the noun it belongs to: „Sprecher der Gruppe X“."""
    seen = 0
    while w.deprel in ("nmod", "flat", "flat:name", "appos", "compound") and seen < 3:
        gov = s.word(w.head)
        if gov is None or gov.id > w.id or not nominal(gov):
            break
        w, seen = gov, seen + 1
    return w


def _subjects(s: Sentence, v: Word, content: tuple[int, int] | None) -> list[Word]:
    """The words the parse makes subjects of `v` that can name a speaker (outside `content`), and the
    noun a partitive subject stands for („Einer der Polizisten“)."""
    kids = [k for k in s.children(v.id) if k.deprel in SUBJECT_RELS]
    out = [
        k
        for k in kids
        if nominal(k) and not _blocked(k, content) and _case_ok(k, relaxed=True) and not _after_adposition(s, k, 1)
    ]
    return out + [p for k in kids if (p := _partitive(s, k)) is not None and not _blocked(p, content)]


def speaker_head(s: Sentence, cue: Cue, content: tuple[int, int] | None) -> Word | None:
    v = cue.word
    kids = s.children(v.id)
    passive = any(k.deprel in ("aux:pass", "nsubj:pass") for k in kids) or v.feats.get("Voice") == "Pass"
    if cue.entry.frame == "cite" and not passive:
        # „zitierte ihn das Portal“: the quoted person is the object, the outlet only relays
        for k in kids:
            if k.deprel in ("obj", "iobj") and nominal(k) and not _blocked(k, content):
                return k
        nxt = s.word(v.id + 1)
        if nxt is not None and nxt.text.lower() in PRONOUNS:
            return nxt
    if passive:
        for k in kids:
            agent = k.deprel == "obl:agent" or (
                k.deprel.startswith("obl") and any(c.text.lower() == "von" for c in s.children(k.id))
            )
            if agent and cue.entry.frame != "cite" and nominal(k) and not _blocked(k, content):
                return k
    subjects = _subjects(s, v, content)
    if not subjects and v.deprel == "conj" and (first := s.word(v.head)) is not None and first.id < v.id:
        subjects = _subjects(s, first, content)  # „Sie lobte den Plan, sprach aber von …“: the first verb's
    if subjects:
        # two subjects on one verb: the parse took a fronted object for one („Eine Verschiebung
        # bezeichnete der Diplomat als fatal“); the one that can speak is the subject
        speaking = [k for k in subjects if k.upos != "NOUN" or can_name_a_source(k.lemma or k.text)]
        return _phrase_head(s, (speaking or subjects)[0])
    # Word order: after the cue (inverted, „…, sagte X“, „Gleichzeitig betonte der US-Präsident“) …
    lo = _clause_start(s, v)
    hi = _clause_end(s, v)
    inverted = lo == v.id or (
        lo > 1 and (prev := s.word(lo - 1)) is not None and (prev.text in (",", ":") or prev.text in CLOSERS)
    )
    first = s.word(lo)
    fronted_adverbial = (
        first is not None
        and not _clause_initial_name(s, first)
        and (
            first.upos in ("ADV", "ADP", "SCONJ")
            or first.lemma.lower() in TEMPORAL
            or not nominal(first)
            and first.upos not in ("DET", "ADJ")
        )
    )

    def look(relaxed: bool) -> Word | None:
        after = _scan(s, range(v.id + 1, hi + 1), content, v.id + 1, relaxed)
        before = _scan(s, range(lo, v.id), content, lo, relaxed)
        return (after or before) if inverted or fronted_adverbial else (before or after)

    # a nominative first, else an accusative of the same form, where the verb has no subject at all
    # („Man habe die Botschaft angewiesen“: „man“ names nobody, and the object is no speaker)
    # („Das Objekt, genannt X, …“: a participle with no auxiliary heads no clause of its own)
    heads_a_clause = tagged_finite(v) or any(k.deprel.startswith("aux") for k in kids)
    no_subject = not any(k.deprel in SUBJECT_RELS for k in kids)
    found = look(False) or (look(True) if heads_a_clause and no_subject else None)
    if found is None and lo > 1:
        # „Der Stabschef der Streitkräfte, Generalmajor X, erklärte …“: the subject sits before
        # commas that only enclose an apposition
        found = _scan_across_commas(s, v, content)
    return found


def _scan_across_commas(s: Sentence, v: Word, content) -> Word | None:
    for w in s.words[: v.id - 1]:
        if w.text in MARKS or w.text in (":", ";") or _blocked(w, content):
            return None
        if w.upos in ("VERB", "AUX"):
            return None
        if nominal(w) and _case_ok(w) and not _after_adposition(s, w, 1):
            return _compound_head(s, w)
    return None


def _apposed_name(s: Sentence, m: Mention, text: str) -> Mention | None:
    """„die Sprecherin von Joe Biden, Jen Psaki, …“: the name in apposition is the speaker."""
    if m.kind != "description":
        return None
    after = [w for w in s.words if w.start >= m.span.end]
    if len(after) < 2 or after[0].text != ",":
        return None
    run: list[Word] = []
    titles = 0  # „…, Generalmajor Abdolrahim Mussawi,“: a rank or title may open the name
    for w in after[1:]:
        if w.upos == "PROPN" or is_name_word(w) or (w.text == "-" and run):
            run.append(w)
        elif not run and w.upos == "NOUN" and w.text[:1].isupper() and titles < 2:
            titles += 1
        else:
            if w.text not in (",", ".") and w.text not in CLOSERS and run:
                return None
            break
    if len(run) < 2:
        return None
    name = mention_at(s, run[-1], text)
    return name if name.kind == "name" else None


def speaker_mention(s: Sentence, cue: Cue, content: tuple[int, int] | None, text: str) -> Mention | None:
    head = speaker_head(s, cue, content)
    if head is None:
        return None
    after_cue = head.id > cue.word.id
    limit = _clause_end(s, head) if after_cue else cue.word.id - 1
    floor = cue.word.id + 1 if after_cue else 1
    m = mention_at(s, head, text, limit=limit, floor=floor)
    if (name := _apposed_name(s, m, text)) is not None:
        # „die Sprecherin von Joe Biden, Jen Psaki“: the speaker is the name, the source the whole phrase
        m = replace(name, span=Span(text[m.span.start : name.span.end], m.span.start, name.span.end))
    if m.kind == "description" and m.head.feats.get("Case") in ("Acc", "Dat"):
        m = oblique(m, s, text)  # „zitiert … einen ehemaligen US-Kommandeur“
    if content and content[0] < m.span.end and m.span.start < content[1]:
        return None
    # after the cue, an apposition may close the sentence: „…, sagte Jana Petersen, Vorsitzende des Vereins.“
    wide_limit = len(s.words) if after_cue else limit
    if content and content[0] >= m.span.end:
        # never into the reported content that follows the source
        wide_limit = min(wide_limit, max((w.id for w in s.words if w.end <= content[0]), default=head.id))
    wide = widen(s, m, text, floor=floor, limit=wide_limit)
    if not (content and content[0] < wide.span.end and wide.span.start < content[1]):
        m = wide
    if m.kind != "pronoun" and m.span.text.lower() in ARTICLES:
        return None
    if is_dateline(s, m.head) or not names_a_source(m):
        return None
    first = m.span.text.split()[0].lower() if m.span.text.split() else ""
    if cue.entry.frame != "cite" and first in OBLIQUE_ARTICLES:
        return None  # „Den Unmut der CDU äußerte …“: a fronted object, never the speaker
    return m


#: Articles that mark a noun phrase as accusative or dative — an object, not the speaking subject.
OBLIQUE_ARTICLES = frozenset("den dem einen einem".split())


def is_dateline(s: Sentence, w: Word) -> bool:
    """„Kiew (dpa) –“, „TEHERAN, 25. Feb.“: a place and an agency or date opening the text, not a speaker."""
    if w.id > 3:
        return False
    nxt = [x.text for x in s.words[w.id : w.id + 3]]
    if (
        len(nxt) >= 3
        and nxt[0] == "("
        and nxt[2] == ")"
        and len(nxt[1]) <= 6
        and (nxt[1].islower() or nxt[1].isupper())
    ):
        return True
    return w.text.isupper() and len(w.text) > 2 and len(nxt) >= 2 and nxt[0] == "," and nxt[1][:1].isdigit()


COORDINATORS = frozenset({"und", "sowie"})


def coordinated(s: Sentence, m: Mention, text: str) -> list[Mention]:
    """„Macron und Scholz erklärten“: the other speakers coordinated with a subject mention."""
    if m.kind == "pronoun":
        return []
    out = []
    after = [w for w in s.words if w.start >= m.span.end][:4]
    if after and after[0].text.lower() in COORDINATORS:
        head = next((w for w in after[1:] if nominal(w) or w.upos == "PROPN"), None)
        if head is not None and all(w.upos in ("DET", "ADJ", "PROPN", "NOUN") for w in after[1 : after.index(head)]):
            out.append(mention_at(s, _compound_head(s, head), text, floor=after[0].id + 1))
    before = [w for w in s.words if w.end <= m.span.start][-4:]
    if (
        len(before) >= 2
        and before[-1].text.lower() in COORDINATORS
        and (nominal(before[-2]) or before[-2].upos == "PROPN")
    ):
        out.append(mention_at(s, before[-2], text))
    return [
        o
        for o in out
        if o.kind != "pronoun"
        and not (o.span.start < m.span.end and m.span.start < o.span.end)
        and names_a_source(o)
        and not o.span.text.lower().startswith(POSSESSIVES)  # „die Linien und ihre Geschäfte“: an object
    ]


#: Possessive articles: a phrase they open after „und“ is what the speaker has, not another speaker.
POSSESSIVES = ("sein", "ihr", "unser", "euer", "eur", "mein", "dein")


def _one_source(m: Mention, other: Mention) -> bool:
    """Is a phrase coordinated with `m` part of the same source: two roles of one person („Der
    Abgeordnete und Fraktionschef Andreas Stoch“), or the feminine and masculine of one group („die
    Bürgerinnen und Bürger“)?"""
    if other.span.start < m.span.start:
        return False
    if m.kind == "description" and other.kind == "name" and other.span.text.split()[0].lower() not in ARTICLES:
        # a second title before the name („Der Abgeordnete und Fraktionschef Andreas Stoch“), or a name
        # going on the complement („Die Regierungen von Deutschland und Frankreich“)
        complement = any(w in m.span.text.split()[1:] for w in ("von", "der", "des"))
        return other.role is not None or complement
    a, b = (m.role or "").lower(), (other.role or "").lower()
    return bool(a and b) and m.kind == other.kind == "description" and (a.startswith(b) or b.startswith(a))


def _merged(m: Mention, other: Mention, text: str) -> Mention:
    """`m` and the phrase coordinated with it as one source, named as the later phrase names it when
    that is a name."""
    span = Span(text[m.span.start : other.span.end], m.span.start, other.span.end)
    return replace(other if other.kind == "name" else m, span=span, citation=None)  # „Bürgerinnen und Bürger“


#: Prepositions of the phrase that names who speaks in „heißt es …“ („in der Mitteilung“, „aus Kreisen
#: der Regierung“). „bei der Agentur“, „auf der Webseite“, „von Seiten der Regierung“ were tried: better
#: on the 600 SpkAtt articles, slightly worse on the 100 kept aside, so left out.
IMPERSONAL_SOURCE_PREPOSITIONS = frozenset("in im aus".split())


def impersonal_source(doc, s: Sentence, cue: Cue, content: tuple[int, int]) -> Mention | None:
    """„In einer Mitteilung des Ministeriums heißt es“ / „…, heißt es in der Mitteilung des
    Ministeriums“: the document that speaks, from an „in“ phrase of the cue's own clause."""
    for w in s.words:
        if content[0] <= w.start < content[1] or w.text.lower() not in IMPERSONAL_SOURCE_PREPOSITIONS:
            continue
        if abs(w.id - cue.word.id) > 6:
            continue
        nouns = [
            x
            for x in s.words[w.id : w.id + 4]
            if x.upos in ("NOUN", "PROPN") and x.lemma.lower() not in TEMPORAL and x.text.lower() not in TEMPORAL
        ]
        if nouns:
            m = widen(s, mention_at(s, nouns[0], doc.text, floor=w.id + 1), doc.text, floor=w.id + 1)
            # the source as a reader marks it is the whole phrase, „in einer Mitteilung des Ministeriums“
            return replace(
                m, span=Span(doc.text[w.start : m.span.end], w.start, m.span.end), citation=m.citation or m.description
            )
    return None


def cue_source(
    doc: Document, s: Sentence, cue: Cue, content: tuple[int, int]
) -> tuple[Mention | None, tuple[Mention, ...]]:
    """The source a cue gives the report `content` of sentence `s`, and the further speakers coordinated
    with it („Macron und Scholz erklärten“): the cue's speaker, or for „heißt es“ the document that
    speaks („In einer Mitteilung des Ministeriums heißt es“), which has no co-speakers."""
    if cue.entry.lemma == "heißen":
        return impersonal_source(doc, s, cue, content), ()
    mention = speaker_mention(s, cue, content, doc.text)
    if mention is None:
        return None, ()
    others = []
    for other in coordinated(s, mention, doc.text):
        if _one_source(mention, other):
            mention = _merged(mention, other, doc.text)
        else:
            others.append(other)
    return mention, tuple(others)
