"""The cue lexicon (extractor/data/cues.tsv, cue_nouns.tsv): which words introduce speech, and how.

A cue verb is looked up by lemma, with guesses from the surface form as fallback because the compact
lemmatizer errs on rare forms, and the same guesses let the speech screen find cue candidates before
anything is tagged. Particle verbs are filed under their fused („auffordern“) and base („fordern“)
lemma; extractor.quotes.cues matches them in a parsed sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from extractor.types import QuoteMode
from extractor.words.data import table

#: Separable particles of cue verbs (and the adjectives „klar“, „deutlich“, „bekannt“ that close a
#: clause the same way: „machte deutlich, dass“, „gab bekannt, dass“).
PARTICLES = frozenset(
    "ab an auf aus bei dar ein fest hervor heraus hin hinzu klar deutlich mit nach vor voraus zu zurück bekannt".split()
)
#: Particles that stay a word of their own before the verb in verb-final order („wie X bekannt gab“,
#: „als Y klar machte“); the others join it („angab“, „mitteilte“).
APART_PARTICLES = frozenset("bekannt klar deutlich fest".split())

#: Adverbs that refer back to a source named before and so attribute their sentence to it, in any
#: mood („Demnach liegt die Amtsinhaberin vorn“; SpkAtt guidelines 3.3 E).
BACK_REFERRING = frozenset({"demnach", "demzufolge"})


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    particle: str | None
    frame: str  # say | urge | cite | label
    mode: QuoteMode = "speech"  # what the cue reports
    act: bool = False  # reports a speech act on its own, its content an object („kündigte … an“)
    act_preposition: str | None = None  # the act needs this preposition's object („sprach von …“)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[CueEntry]]:
    """lemma → entries; a particle verb is filed under its fused („auffordern“) and base („fordern“) lemma."""
    out: dict[str, list[CueEntry]] = {}
    for row in table("cues.tsv"):
        particle = None if row["particle"] == "-" else row["particle"]
        act = (row.get("act") or "-").split(":")
        entry = CueEntry(
            row["lemma"],
            particle,
            row["frame"],
            cast(QuoteMode, row.get("mode") or "speech"),  # cues.tsv: speech | thought | writing
            act[0] == "act",
            act[1] if len(act) > 1 else None,
        )
        out.setdefault(row["lemma"], []).append(entry)
        if particle:
            out.setdefault(particle + row["lemma"], []).append(entry)
    return out


@lru_cache(maxsize=1)
def report_nouns() -> dict[str, QuoteMode]:
    """„Forderung“, „Befürchtung“ … (lower-cased) → the mode of the report a „dass“ clause after them is
    (extractor/data/report_nouns.tsv)."""
    return {row["word"].lower(): cast(QuoteMode, row["mode"]) for row in table("report_nouns.tsv")}


@lru_cache(maxsize=1)
def attribution_nouns() -> frozenset[str]:
    """The attribution table's nouns, lower-cased („angaben“, „aussage“): a source mention never
    reaches back over one („nach Angaben Pompeos“ names Pompeo)."""
    return frozenset(w.lower() for w in attribution_words() if w[:1].isupper())


@lru_cache(maxsize=1)
def attribution_words() -> dict[str, str]:
    """„laut“, „zufolge“, „Angaben“ … → pre | post."""
    return {row["word"]: row["kind"] for row in table("cue_nouns.tsv")}


@lru_cache(maxsize=50_000)
def lemma_candidates(text: str, lemma: str | None = None) -> tuple[str, ...]:
    """`lemma` (if known), then guesses from the surface (sagte→sagen, erklärte→erklären, gewarnt→warnen).
    Without a lemma this is what a sentence can be screened with before it is tagged. Remembered:
    every word of every screened sentence asks, and news repeats its words."""
    t = text.lower()
    cands = [lemma.lower()] if lemma else []
    for suf in ("te", "ten", "test", "t", "e", "en", "st", ""):
        if t.endswith(suf) and len(t) > len(suf) + 2:
            stem = t[: len(t) - len(suf)] if suf else t
            cands.append(stem + "en")
            if stem.endswith(("er", "el")):
                cands.append(stem + "n")  # beteuerte → beteuern, handelte → handeln
    if t.startswith("ge") and t.endswith("t"):  # weak participles: gewarnt, gesagt (not „geraten“)
        # the stem must run on from the participle's: gesagt → sagen, not geriet (geraten) → raten
        cands += [c[2:] for c in cands if c.startswith("ge") and c[2:].startswith(t[2:-1])]
    for p in PARTICLES:
        for c in list(cands):
            if c.startswith(p + "ge"):
                cands.append(p + c[len(p) + 2 :])
            if c.startswith(p + "zu"):
                cands.append(p + c[len(p) + 2 :])
    return tuple(cands)
