"""Which sentences can carry speech, decided from their tokens before anything expensive runs.

Tagging, lemmatising and parsing are almost all of the extraction's cost, and in news a third or more
of the sentences report nobody. Only a speech cue needs the dependency parse (its subject is the
speaker); the rest of the quote finding reads tags, lemmas and word order. So a sentence is
  PARSEd  when it shows a cue word candidate (a form the lemmatizer's dictionary files under a cue
          lemma, or one that starts with a cue verb's stem: sagte, behauptet, gewarnt, forderte … auf)
          or an attribution word (laut, zufolge, nach Angaben, „…, so X“) or a report noun with a
          „dass“ clause („die Forderung, dass“: extractor.quotes.report_nouns);
  TAGged  when it shows a Konjunktiv I candidate (sei, habe, werde, stelle … vor), a form that carries
          a report on (hätte, würden, käme, soll: extractor.words.verbs.REPORTIVE) or an adverb that
          refers back to a source (demnach: extractor.words.cues.BACK_REFERRING) close enough after
          or before such a sentence to continue its quote (the window extractor.quotes.continuation
          looks in: extractor.words.verbs.MAX_SENTENCE_GAP); a quotation mark whose role the words
          around it decide (it opens after „X sagte:“, or it is short enough to be a title: „im
          ‚Bericht aus Berlin‘“); or a person's full name („US-Verteidigungsminister Mark Esper“),
          which the speaker index needs for „Esper“, „er“ and „der Pentagon-Chef“;
and left as bare tokens otherwise: any other quotation is found from its marks alone and takes its
speaker from a cue sentence or the discourse. The screen must only err towards doing too much: a
sentence it skips can never yield a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from extractor.marks import MARKS, find_quote_marks
from extractor.sentences import Tok
from extractor.words.cues import (
    BACK_REFERRING,
    PARTICLES,
    attribution_words,
    lemma_candidates,
    lexicon,
    report_nouns,
)
from extractor.words.people import first_name_gender
from extractor.words.quotations import MAX_LEAD_WORDS, MIN_NON_TITLE_WORDS, MIN_UTTERANCE_WORDS, word_count
from extractor.words.verbs import MAX_SENTENCE_GAP, REPORTIVE, SEIN_SUBJUNCTIVE, reportative_perfect

MIN_STEM = 3
#: What a chosen sentence gets: the whole pipeline, or tags, morphology and lemmas without the
#: dependency parse (all that names, roles, Konjunktiv and titles are read from).
PARSE, TAG = "parse", "tag"


def _stem(lemma: str) -> str:
    """sagen → sag, beteuern → beteuer, handeln → handel."""
    return lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma


_VOWEL_GROUP = re.compile(r"(ie|ei|au|[aeiouäöü])(?=[^aeiouäöü]*$)")
#: The vowel changes of German strong verbs: schreiben schrieb, bieten bot, bitten bat, finden gefunden,
#: sprechen sprach gesprochen spricht, empfehlen empfiehlt, raten riet, halten hält, rufen rief.
_ABLAUT = {
    "ei": ("ie", "i"),
    "ie": ("o",),
    "i": ("a", "u", "o"),
    "e": ("a", "o", "i", "ie"),
    "a": ("ie", "i", "u", "ä"),
    "u": ("ie",),
    "ü": ("o",),
    "au": ("ie", "äu"),
}


def _ablaut(stem: str) -> list[str]:
    """The stem with its last vowel changed as a strong verb changes it (sprech → sprach, sproch)."""
    m = _VOWEL_GROUP.search(stem)
    if m is None:
        return []
    variants = [stem[: m.start()] + v + stem[m.end() :] for v in _ABLAUT.get(m.group(), ())]
    return [v for v in variants if len(v) > MIN_STEM]


def _reports_a_clause(words: Sequence[str], i: int) -> bool:
    """A report noun („Forderung“, „Befürchtungen“) followed by „, dass“ or „, ob“, maybe after a
    short complement („die Forderung des Ministers, dass“)."""
    comma = next((j for j in range(i + 1, min(i + 6, len(words))) if words[j] == ","), None)
    if comma is None or comma + 1 >= len(words) or words[comma + 1] not in ("dass", "ob"):
        return False
    low, nouns = words[i].lower(), report_nouns()
    return low in nouns or any(low.endswith(e) and low[: -len(e)] in nouns for e in ("en", "n", "e", "s"))


class SpeechScreen:
    """Picks the sentences worth parsing. `lemmas` is the lemmatizer's word → lemma dictionary, so the
    screen knows the irregular forms (sprach → sprechen, hieß → heißen) the tagger will lemmatise."""

    def __init__(self, lemmas: Mapping[str, str]) -> None:
        # stem → the particles it needs (None: it is a cue on its own); „fordern“ needs none, „geben“
        # is only a cue with „bekannt“, „an“ or „zu“.
        self._stems: dict[str, set[str | None]] = {}
        for key, entries in lexicon().items():
            for e in entries:
                fused = e.particle is not None and key == e.particle + e.lemma
                self._stems.setdefault(_stem(key), set()).add(None if fused else e.particle)
        self._forms = {
            w.lower(): self._stems[_stem(lemma.lower())]
            for w, lemma in lemmas.items()
            if _stem(lemma.lower()) in self._stems
        }
        # strong verbs change their stem vowel (sprechen → sprach, gesprochen; weisen → wies, gewiesen):
        # the dictionary does not know every form, so every vowel of the last syllable is tried too
        for stem, needs in list(self._stems.items()):
            for variant in _ablaut(stem):
                self._stems.setdefault(variant, set()).update(needs)
        self._verbs = frozenset(lemma for lemma in lemmas.values() if lemma.islower() and lemma.endswith("n"))
        self._lexicon = lexicon()
        self._known: dict[str, set[str]] = {}
        for w, lemma in lemmas.items():
            self._known.setdefault(w.lower(), set()).add(lemma)
        self._attribution = frozenset(w.lower() for w in attribution_words())
        #: „nach Polizeiangaben“: attribution nouns also end compounds
        self._attribution_suffixes = tuple(w.lower() for w in attribution_words() if w[:1].isupper())
        #: capitalised forms the dictionary lemmatises in lower case: „Eine“, „Diese“ are no first names
        self._not_names = frozenset(w for w, lemma in lemmas.items() if w[:1].isupper() and lemma[:1].islower())

    def introduces_person(self, words: Sequence[str]) -> bool:
        """„US-Verteidigungsminister Mark Esper …“: a first name before a capitalised word. The index
        that resolves „Esper“, „er“ and „der Pentagon-Chef“ needs this sentence's names and roles."""
        return any(
            nxt[:1].isupper() and nxt.isalpha() and w not in self._not_names and first_name_gender(w)
            for w, nxt in zip(words, words[1:])
        )

    @staticmethod
    def colon_lead(words: Sequence[str]) -> bool:
        """„Selenskyj: …“, „Peskow wörtlich:“: a colon after a short lead with a capitalised word."""
        k = next((i for i, w in enumerate(words[: MAX_LEAD_WORDS + 1]) if w == ":"), None)
        return k is not None and k > 0 and any(w[:1].isupper() for w in words[:k])

    def is_cue(self, word: str, context: frozenset[str] = frozenset()) -> bool:
        """A form the dictionary files under a cue lemma, or one that starts with a cue verb's stem once
        a particle, „ge“ or „zu“ is taken off (behauptet, aufgefordert, hinzuzufügen); a particle verb
        only with its particle among the sentence's words (`context`, lower case) or fused."""
        w = word.lower()
        if w in self._forms and (None in self._forms[w] or self._forms[w] & context):
            return True
        if not w.isalpha():
            return False
        known = self._known.get(w)
        if known is not None and not any(c in self._lexicon for lemma in known for c in lemma_candidates(w, lemma)):
            # the tagger lemmatises a word it knows as the dictionary does („bekannt“, „ausschließlich“,
            # „vermutlich“), and no reading of it is a cue: the extraction could find none here either
            return False
        rests: list[tuple[str, str | None]] = [(w, None)] + [(w[len(p) :], p) for p in PARTICLES if w.startswith(p)]
        rests += [(r[2:], p) for r, p in rests if r.startswith(("ge", "zu"))]
        for r, fused in rests:
            for k in range(MIN_STEM, len(r) + 1):
                needs = self._stems.get(r[:k])
                if needs and (None in needs or fused in needs or needs & context):
                    return True
        return False

    def is_konjunktiv(self, word: str) -> bool:
        w = word.lower()
        return w in SEIN_SUBJUNCTIVE or w in REPORTIVE or (w.endswith("e") and w + "n" in self._verbs)

    def _screen(self, words: Sequence[str]) -> tuple[bool, bool]:
        """(cue or attribution candidate, Konjunktiv candidate) from a sentence's words. Verbs are
        written in lower case unless they open the sentence or a quotation."""
        # a separable particle closes its clause: „gab … bekannt.“, „forderte sie auf, …“
        context = frozenset(w.lower() for w, nxt in zip(words, [*words[1:], "."]) if not nxt[:1].isalnum())
        cue = konj = False
        for i, w in enumerate(words):
            if (
                w.lower() in self._attribution
                or (w.lower() == "so" and i > 0 and words[i - 1] == ",")
                or (i > 0 and words[i - 1].lower() == "nach" and w.lower().endswith(self._attribution_suffixes))
            ):
                cue = True
            if _reports_a_clause(words, i):
                cue = True  # „die Forderung, dass …“ (extractor.quotes.report_nouns)
            if w[:1].isupper() and i > 0 and words[i - 1] not in MARKS and words[i - 1] != ":":
                continue
            cue = cue or self.is_cue(w, context)
            konj = konj or self.is_konjunktiv(w) or w.lower() in BACK_REFERRING  # „Demnach …“: any mood
        return cue, konj

    def select(self, text: str, sentences: Sequence[Sequence[Tok]], paragraphs: Sequence[int]) -> dict[int, str]:
        """Sentence index → PARSE or TAG, for the sentences that need either."""
        n = len(sentences)
        words = [[w for tok in toks for w in tok.words] for toks in sentences]
        screens = [self._screen(ws) for ws in words]
        chosen = {i: PARSE for i in range(n) if screens[i][0]}
        anchors = set(chosen)
        for i in range(n):  # in order: a continuation may continue a continuation
            if i in chosen or not screens[i][1]:
                continue
            before = any(
                j in chosen and paragraphs[i] - paragraphs[j] <= 1 for j in range(max(0, i - MAX_SENTENCE_GAP), i)
            )
            after = i + 1 in anchors and paragraphs[i + 1] == paragraphs[i]
            if before or after or reportative_perfect(words[i]):
                chosen[i] = TAG
        starts = [toks[0].start for toks in sentences]
        for q in find_quote_marks(text):
            i = bisect_right(starts, q.open) - 1
            words_in = word_count(text[q.content_start : q.content_end])
            maybe_title = MIN_UTTERANCE_WORDS <= words_in < MIN_NON_TITLE_WORDS
            colon_lead = i > 0 and words[i - 1][-1:] == [":"] or text[: q.open].rstrip().endswith(":")
            if i >= 0 and (maybe_title or colon_lead):
                chosen.setdefault(i, TAG)  # the words before the mark decide: a title? „X sagte:“?
        for i in range(n):
            if self.introduces_person(words[i]) or self.colon_lead(words[i]):
                chosen.setdefault(i, TAG)
                if self.colon_lead(words[i]) and words[i][-1] == ":" and i + 1 < n:
                    chosen.setdefault(i + 1, TAG)  # „Peskow wörtlich:“ with the quote on the next line
        return chosen
