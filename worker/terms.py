"""Search terms of a statement and of a query: lemmas, and the parts of German compounds.

The index and the query run the same function, so „Verhandlungen“ finds „verhandelt“ only where
both share a lemma, and „Lieferung“ finds „Waffenlieferungen“ through the compound's parts.
Lemmas come from simplemma (MIT, 1.1 M German entries; no context, 97 % on GSD). A compound is
split where both sides are known words (the head at least 4 letters, the modifier at least 3, a
linking „s“/„es“/„n“/„en“ tried off the modifier), the longest head first, once per word: good
enough to find parts, not a morphological analysis. Words shorter than 3 letters and function
words are not terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINKS = ("s", "es", "n", "en", "")
_MIN_HEAD, _MIN_MODIFIER = 4, 3
#: Function words (lemmas, case-folded): they would put most statements under every query.
STOPWORDS = frozenset(
    """
der die das ein eine einer eines und oder aber denn sondern doch als wie wenn weil dass ob zu zum zur
in im an am auf aus bei mit nach von vom vor für über unter um durch gegen ohne bis seit
ich du er sie es wir ihr man sich mich dich uns euch ihm ihn ihnen mein dein sein unser euer
dies diese dieser dieses jener jene welch welche welcher was wer wo
sein haben werden können müssen sollen wollen dürfen mögen nicht kein keine auch noch schon nur
so sehr dann da hier dort jetzt nun ja nein mehr alle alles viel viele andere anderer
""".split()
)


def load() -> None:
    """Decode simplemma's German dictionary now (about 3 s of CPU, once per process): a worker does
    it before it forks, so that its work horses inherit it instead of decoding it again for every
    job (worker.extraction.preload)."""
    simplemma.is_known("Gespräch", lang="de")


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").casefold()


@lru_cache(maxsize=65536)
def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="de") or simplemma.is_known(word.capitalize(), lang="de")


@lru_cache(maxsize=65536)
def compound_parts(lemma: str) -> tuple[str, ...]:
    """(modifier, head) lemmas of a compound noun lemma, or () when it does not split."""
    word = lemma.casefold()
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        head = word[cut:]
        if not _known(head.capitalize()):
            continue
        for link in _LINKS:
            if not word[:cut].endswith(link):
                continue
            modifier = word[: cut - len(link)]
            if len(modifier) >= _MIN_MODIFIER and _known(modifier.capitalize()):
                return (_lemma(modifier.capitalize()), _lemma(head.capitalize()))
    return ()


def terms(text: str) -> set[str]:
    """The search terms of a text (case-folded lemmas and compound parts)."""
    out: set[str] = set()
    for match in _WORD.finditer(text):
        for word in match.group().split("-"):
            if len(word) < 3:
                continue
            lemma = _lemma(word)
            if lemma in STOPWORDS or len(lemma) < 3:
                continue
            out.add(lemma)
            if len(lemma) >= _MIN_HEAD + _MIN_MODIFIER:
                out.update(p for p in compound_parts(lemma) if p not in STOPWORDS)
    return out


def query_terms(text: str) -> list[str]:
    """The terms a query asks for, each required; a query word that is only a function word or
    too short asks for nothing (it would match everything). A compound in a query asks for itself,
    not for its parts."""
    out: list[str] = []
    for match in _WORD.finditer(text or ""):
        for word in match.group().split("-"):
            lemma = _lemma(word) if len(word) >= 3 else ""
            if lemma and lemma not in STOPWORDS and len(lemma) >= 3 and lemma not in out:
                out.append(lemma)
    return out
