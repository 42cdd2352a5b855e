"""Speech cues in a parsed sentence: the verbs of the cue lexicon (extractor.words.cues), particles
resolved.

Particle verbs match fused („aufgefordert“, „hinzuzufügen“) or split („forderte … auf“, the particle
attached as compound:prt, or the clause's last word).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.document import Sentence, Word
from extractor.marks import MARKS
from extractor.words.cues import APART_PARTICLES, PARTICLES, CueEntry, lemma_candidates, lexicon


@dataclass(frozen=True)
class Cue:
    word: Word  # the verb (finite or participle)
    entry: CueEntry
    particle: Word | None  # the split-off particle, where there is one

    @property
    def words(self) -> list[Word]:
        """The verb and its split-off particle: what a report names as its cue."""
        return [self.word] + ([self.particle] if self.particle else [])


def _match(s: Sentence, w: Word, lemma: str, entries: list[CueEntry]) -> Cue | None:
    for e in entries:
        if e.particle and lemma == e.particle + e.lemma:
            return Cue(w, e, None)
    for e in entries:
        if e.particle and lemma == e.lemma:
            prt = _split_particle(s, w, e.particle)
            if prt:
                return Cue(w, e, prt)
    plain = [e for e in entries if e.particle is None and lemma == e.lemma]
    return Cue(w, plain[0], None) if plain else None


def _split_particle(s: Sentence, verb: Word, particle: str) -> Word | None:
    for c in s.children(verb.id):
        if c.deprel == "compound:prt" and c.text.lower() == particle:
            return c
    # verb-final order writes some particles apart before the verb: „wie X bekannt gab“
    prev = s.word(verb.id - 1)
    if prev is not None and prev.text.lower() == particle and particle in APART_PARTICLES:
        return prev
    # Weak parse: the particle closes the verb's clause („forderte die Regierung auf, …“).
    for w in s.words[verb.id :]:
        if w.text in {",", ".", ":", ";", "!", "?"} or w.text in MARKS:
            break
        nxt = s.word(w.id + 1)
        if w.text.lower() == particle and (nxt is None or nxt.upos == "PUNCT"):
            return w
    return None


def find_cues(s: Sentence) -> list[Cue]:
    """Speech cues of a sentence: verbs (finite or participle) in the lexicon, particles resolved.
    Computed once per sentence (after the name repair pass) and kept on it: every finder asks."""
    if s.cues is None:
        s.cues = _find_cues(s)
    return s.cues


def _find_cues(s: Sentence) -> list[Cue]:
    lex = lexicon()
    cues = []
    for w in s.words:
        if w.upos not in ("VERB", "AUX", "ADJ", "ADV") or not w.text[:1].isalpha():
            continue
        if w.text.lower() in PARTICLES:
            continue  # „bekannt“, „klar“ close a cue („gab bekannt“) but are none alone („wurde bekannt“)
        for lemma in lemma_candidates(w.text, w.lemma):
            if lemma in lex:
                cue = _match(s, w, lemma, lex[lemma])
                if cue:
                    cues.append(cue)
                    break
    return cues
