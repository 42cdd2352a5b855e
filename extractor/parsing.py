"""text → Document: Stanza tokenizes, zitat repairs the sentence boundaries, Stanza tags and parses.

Two Stanza pipelines share the models: tokenize+mwt over raw text, then pos+lemma+depparse over the
repaired sentences given as pre-tokenized words (the MWT expansion already done, so „im“ reaches the
tagger as „in dem“). Sentences of several documents are parsed in one batch.
"""
from __future__ import annotations

from extractor.document import Document, Sentence, Word
from extractor.nlp import ModelConfig, build_pipeline
from extractor.sentences import Tok, repair

#: The parser's cost grows with the square of sentence length; longer runs of words (tables, lists,
#: a missing full stop in scraped text) are parsed in pieces of this many words.
MAX_PARSE_WORDS = 150


def _feats(s: str | None) -> dict[str, str]:
    if not s or s == "_":
        return {}
    return dict(kv.split("=", 1) for kv in s.split("|") if "=" in kv)


class Parser:
    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self._tokenizer = build_pipeline(config, ["tokenize", "mwt"])
        self._tagger = build_pipeline(config, ["tokenize", "pos", "lemma", "depparse"], pretokenized=True)

    def tokenize(self, text: str) -> list[list[Tok]]:
        """Stanza's tokens for the whole text, with the sentence boundaries repaired."""
        if not text.strip():
            return []
        doc = self._tokenizer(text)
        raw = [[Tok(t.text, t.start_char, t.end_char, tuple(w.text for w in t.words)) for t in s.tokens]
               for s in doc.sentences]
        return repair(raw, text)

    def parse_many(self, texts: list[str]) -> list[Document]:
        tokenized = [self.tokenize(t) for t in texts]
        # One batch of pre-tokenized word lists for all documents; long sentences in pieces.
        pieces: list[tuple[int, int, list[tuple[str, Tok]]]] = []
        for d, sents in enumerate(tokenized):
            for s, toks in enumerate(sents):
                words = [(w, tok) for tok in toks for w in tok.words]
                for k in range(0, len(words), MAX_PARSE_WORDS):
                    pieces.append((d, s, words[k:k + MAX_PARSE_WORDS]))
        parsed = self._tagger([[w for w, _ in p[2]] for p in pieces]).sentences if pieces else []

        docs = [Document(text=t) for t in texts]
        by_sentence: dict[tuple[int, int], list[Word]] = {}
        for (d, s, words), sp in zip(pieces, parsed):
            acc = by_sentence.setdefault((d, s), [])
            base = len(acc)
            root = next((x.id for x in acc if x.head == 0), None)
            for (_, tok), w in zip(words, sp.words):
                head = (w.head + base) if w.head else (root or 0)
                deprel = w.deprel or "dep"
                if not w.head and root:
                    deprel = "parataxis"  # a later piece of an over-long sentence hangs off the first
                acc.append(Word(id=w.id + base, text=w.text, lemma=w.lemma or w.text, upos=w.upos or "X",
                                xpos=w.xpos or "", feats=_feats(w.feats), head=head,
                                deprel=deprel, start=tok.start, end=tok.end, sent=s))
        for d, sents in enumerate(tokenized):
            paragraph = 0
            prev_end = 0
            for s, toks in enumerate(sents):
                if s and "\n" in texts[d][prev_end:toks[0].start]:
                    paragraph += 1
                prev_end = toks[-1].end
                docs[d].sentences.append(Sentence(index=s, words=by_sentence.get((d, s), []),
                                                  start=toks[0].start, end=toks[-1].end,
                                                  paragraph=paragraph))
        return docs

    def parse(self, text: str) -> Document:
        return self.parse_many([text])[0]
