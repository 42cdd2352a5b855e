"""The cue lexicon (extractor/data/cues.tsv): which words introduce speech, and how.

A cue is found on lemmas, with the surface form as fallback because the compact lemmatizer errs on
rare forms. Particle verbs match fused („aufgefordert“, „hinzuzufügen“) or split („forderte … auf“,
the particle attached as compound:prt, or the clause's last word).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.document import Sentence, Word

_DATA = Path(__file__).resolve().parent.parent / "data"
#: Separable particles of cue verbs (and the adjectives „klar“, „deutlich“, „bekannt“ that close a
#: clause the same way: „machte deutlich, dass“, „gab bekannt, dass“).
PARTICLES = frozenset("ab an auf aus bei dar ein fest hervor heraus hin hinzu klar deutlich mit nach vor voraus zu "
                      "zurück bekannt".split())


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    particle: str | None
    frame: str  # say | urge | cite | label
    mode: str = "speech"  # speech | thought | writing: what the cue reports
    act: bool = False  # reports a speech act on its own, its content an object („kündigte … an“)
    act_preposition: str | None = None  # the act needs this preposition's object („sprach von …“)


@dataclass(frozen=True)
class Cue:
    word: Word  # the verb (finite or participle)
    entry: CueEntry
    particle: Word | None  # the split-off particle, where there is one


def _rows(name: str) -> list[dict]:
    with open(_DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[CueEntry]]:
    """lemma → entries; a particle verb is filed under its fused („auffordern“) and base („fordern“) lemma."""
    out: dict[str, list[CueEntry]] = {}
    for row in _rows("cues.tsv"):
        particle = None if row["particle"] == "-" else row["particle"]
        act = (row.get("act") or "-").split(":")
        entry = CueEntry(row["lemma"], particle, row["frame"], row.get("mode") or "speech", act[0] == "act",
                         act[1] if len(act) > 1 else None)
        out.setdefault(row["lemma"], []).append(entry)
        if particle:
            out.setdefault(particle + row["lemma"], []).append(entry)
    return out


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


@lru_cache(maxsize=1)
def attribution_words() -> dict[str, str]:
    """„laut“, „zufolge“, „Angaben“ … → pre | post."""
    return {row["word"]: row["kind"] for row in _rows("cue_nouns.tsv")}


def lemma_candidates(text: str, lemma: str | None = None) -> list[str]:
    """`lemma` (if known), then guesses from the surface (sagte→sagen, erklärte→erklären, gewarnt→warnen).
    Without a lemma this is what a sentence can be screened with before it is tagged."""
    t = text.lower()
    cands = [lemma.lower()] if lemma else []
    for suf in ("te", "ten", "test", "t", "e", "en", "st", ""):
        if t.endswith(suf) and len(t) > len(suf) + 2:
            stem = t[: len(t) - len(suf)] if suf else t
            cands.append(stem + "en")
            if stem.endswith(("er", "el")):
                cands.append(stem + "n")  # beteuerte → beteuern, handelte → handeln
    if t.startswith("ge") and t.endswith("t"):  # weak participles: gewarnt, gesagt (not „geraten“)
        cands += [c[2:] for c in cands if c.startswith("ge")]
    for p in PARTICLES:
        for c in list(cands):
            if c.startswith(p + "ge"):
                cands.append(p + c[len(p) + 2:])
            if c.startswith(p + "zu"):
                cands.append(p + c[len(p) + 2:])
    return cands


def _split_particle(s: Sentence, verb: Word, particle: str) -> Word | None:
    for c in s.children(verb.id):
        if c.deprel == "compound:prt" and c.text.lower() == particle:
            return c
    # Weak parse: the particle closes the verb's clause („forderte die Regierung auf, …“).
    for w in s.words[verb.id:]:
        if w.text in {",", ".", ":", ";", "!", "?"} or w.text in "„“\"»«":
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
        for lemma in lemma_candidates(w.text, w.lemma):
            if lemma in lex:
                cue = _match(s, w, lemma, lex[lemma])
                if cue:
                    cues.append(cue)
                    break
    return cues
