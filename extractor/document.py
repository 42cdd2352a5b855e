"""Plain document objects the quote finders read: words with offsets, morphology and a tree.

Stanza objects stay inside extractor.parsing; everything downstream sees these dataclasses.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Word:
    id: int  # 1-based within its sentence (Stanza's word id)
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]
    head: int  # 0 for the root
    deprel: str
    start: int  # character offsets of the surface token the word belongs to ("im" → "in", "dem")
    end: int
    sent: int = 0  # index of the sentence in the document


@dataclass
class Sentence:
    index: int
    words: list[Word]
    start: int
    end: int
    paragraph: int
    parsed: bool = True  # False for a sentence left unparsed: no tags, lemmas or tree
    cues: list | None = field(default=None, repr=False, compare=False)  # extractor.quotes.cues, once

    def word(self, wid: int) -> Word | None:
        return self.words[wid - 1] if 1 <= wid <= len(self.words) else None

    def children(self, wid: int) -> list[Word]:
        return [w for w in self.words if w.head == wid]


@dataclass
class Document:
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding `offset` (sentences are in text order: found by bisection)."""
        i = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None
