"""text → Document: Stanza tokenizes, zitat repairs the sentence boundaries, HanTa and Stanza tag,
Stanza parses, and the NER model marks who is a person, an organisation or a place.

Two Stanza pipelines share the models: tokenize+mwt over raw text, then pos+lemma+depparse over the
repaired sentences given as pre-tokenized words (the MWT expansion already done, so „im“ reaches the
tagger as „in dem“). HanTa's part-of-speech tags replace the bundled tagger's before the lemmatizer
and the parser read them (extractor.hanta_tags); the tagger's morphology stays. Sentences of several
documents are parsed in one batch.

By default only the sentences that can carry speech are parsed, and those that give context only
tagged (extractor.selection); the rest keep their boundaries but no words. `full_parse` in
the ModelConfig parses all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import simplemma

from extractor import hanta_tags
from extractor.document import Document, Sentence, Word
from extractor.ner import MODEL_FILE as NER_MODEL_FILE
from extractor.ner import NerTagger, annotate
from extractor.nlp import ModelConfig, build_pipeline
from extractor.selection import PARSE, TAG, SpeechScreen
from extractor.sentences import Tok, bound, repair
from extractor.tree_search import use_fast_search
from foundation import defaults
from foundation.errors import Cancelled

#: The parser's cost grows with the square of sentence length, and quote finding looks at a sentence
#: at a time: longer runs of words (tables, lists, a missing full stop in scraped text) become
#: sentences of at most this many words (extractor.sentences.bound).
MAX_PARSE_WORDS = 150
#: Words per call to the tagger/parser: between calls the caller may stop the work (its client went
#: away). Stanza batches within a call by BATCH_WORDS anyway, so the output is the same.
CHECK_EVERY_WORDS = 3000


def _feats(s: str | None) -> dict[str, str]:
    if not s or s == "_":
        return {}
    return dict(kv.split("=", 1) for kv in s.split("|") if "=" in kv)


def _lemma_dictionary(pipeline) -> dict[str, str]:
    """The lemmatizer's word → lemma dictionary (its trainer's tables: empty if their layout differs)."""
    try:
        trainer = pipeline.processors["lemma"].trainer
        table = getattr(trainer, "pos_dict", {}).get("*") or getattr(trainer, "word_dict", {})
        return {w: lemma for w, lemma in table.items() if isinstance(w, str) and isinstance(lemma, str)}
    except (AttributeError, KeyError, TypeError):
        return {}


def lemma_of(text: str, upos: str, lemma: str | None, other: str | None = None) -> str:
    """The lemma of a word: the lemmatizer's dictionary entry (learnt from the training treebank),
    else `other` (HanTa's lemma, extractor.hanta_tags), else simplemma's German dictionary, cased as
    German cases the part of speech.

    Why not Stanza's seq2seq lemmatizer for the words its dictionary lacks: trained on ~2,000
    sentences it guessed 93.9 % of the held-out lemmas right; with simplemma for those words
    96.5 %, with HanTa's lemmas 97.9 % (`python -m extractor.model.evaluate`), the parse unchanged,
    and the tagger's pass a fifth faster. The lemmatizer runs in dictionary-only mode, so an unknown
    word comes back as itself; that is when HanTa or simplemma answers."""
    lemma = lemma or text
    if lemma != text:
        return lemma
    if other:
        return other
    if not text.isalpha():
        return lemma
    lemma = simplemma.lemmatize(text, lang="de")
    if upos in ("NOUN", "PROPN"):
        return lemma[:1].upper() + lemma[1:]
    if upos in ("VERB", "AUX", "ADJ", "ADV"):
        return lemma.lower()
    return lemma


def paragraph_numbers(text: str, sents: list[list[Tok]]) -> list[int]:
    """Paragraph number of each sentence: a line break between two sentences starts a new one."""
    out, paragraph = [], 0
    for s, toks in enumerate(sents):
        if s and "\n" in text[sents[s - 1][-1].end : toks[0].start]:
            paragraph += 1
        out.append(paragraph)
    return out


def _chunks(pieces: list, words: int) -> list[list]:
    """Consecutive runs of pieces of about `words` words each."""
    out: list[list] = []
    size = words
    for piece in pieces:
        if size >= words:
            out.append([])
            size = 0
        out[-1].append(piece)
        size += len(piece[2])
    return out


def ner_model_dir(config: ModelConfig) -> Path:
    """Where the NER model is: the configured bundled folder if it has one, else zitat's own (it is
    used whichever Stanza models parse)."""
    if config.source == "bundled" and (config.model_dir / NER_MODEL_FILE).exists():
        return config.model_dir
    return defaults.BUNDLED_MODEL_DIR


class Parser:
    def __init__(self, config: ModelConfig, tags: str | None = None) -> None:
        """`tags`: whose part-of-speech tags the parser reads — "hanta" (the default with the bundled
        models: extractor.hanta_tags) or "stanza" (the tagger's own; the default with Stanza's
        official models, whose tagger is trained on far more than the bundled one)."""
        self.config = config
        self.tags = tags or ("hanta" if config.source == "bundled" else "stanza")
        if self.tags not in ("hanta", "stanza"):
            raise ValueError(f"unknown tags {self.tags!r}: hanta or stanza")
        if self.tags == "hanta":
            hanta_tags.tagger()  # loaded with the other models, before a worker forks
        self._tokenizer = build_pipeline(config, ["tokenize", "mwt"], mwt_dict_only=True)
        self._tagger = build_pipeline(
            config, ["tokenize", "pos", "lemma", "depparse"], pretokenized=True, lemma_dict_only=True
        )
        use_fast_search(self._tagger)
        self.screen = SpeechScreen(_lemma_dictionary(self._tagger))
        #: who is a person, an organisation or a place (for the sources of quotes); its tags go into
        #: every parsed or tagged word (extractor.ner.annotate)
        self.ner = NerTagger.load(ner_model_dir(config))

    @property
    def tagger(self):
        """The Stanza pipeline that tags and parses pre-tokenized sentences (with the fast tree search)."""
        return self._tagger

    def stanza_sentence_bounds(self, text: str) -> list[tuple[int, int]]:
        """Where Stanza's own splitter ends sentences, before zitat's repair (the model card compares)."""
        return [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in self._tokenizer(text).sentences]

    def tokenize(self, text: str) -> list[list[Tok]]:
        """Stanza's tokens for the whole text, with the sentence boundaries repaired."""
        if not text.strip():
            return []
        doc = self._tokenizer(text)
        raw = [
            [Tok(t.text, t.start_char, t.end_char, tuple(w.text for w in t.words)) for t in s.tokens]
            for s in doc.sentences
        ]
        return bound(repair(raw, text), MAX_PARSE_WORDS)

    def parse_many(self, texts: list[str], stop: Callable[[], bool] | None = None) -> list[Document]:
        """Documents parsed together. `stop` is asked after each document's tokenization and between
        parser calls of CHECK_EVERY_WORDS words; when it answers True the work ends with Cancelled."""

        def check() -> None:
            if stop is not None and stop():
                raise Cancelled("extraction stopped: the caller went away or its deadline passed")

        tokenized = []
        for t in texts:
            check()
            tokenized.append(self.tokenize(t))
        paragraphs = [paragraph_numbers(t, sents) for t, sents in zip(texts, tokenized)]
        tiers = [
            dict.fromkeys(range(len(sents)), PARSE) if self.config.full_parse else self.screen.select(t, sents, paras)
            for t, sents, paras in zip(texts, tokenized, paragraphs)
        ]
        # One batch of pre-tokenized word lists per pipeline for all documents (sentences are bounded).
        batches: dict[str, list[tuple[int, int, list[tuple[str, Tok]]]]] = {PARSE: [], TAG: []}
        for d, sents in enumerate(tokenized):
            for s, toks in enumerate(sents):
                if s not in tiers[d]:
                    continue
                batches[tiers[d][s]].append((d, s, [(w, tok) for tok in toks for w in tok.words]))
        pieces: list = []
        parsed: list = []
        fallback: list = []
        for tier in (PARSE, TAG):
            for chunk in _chunks(batches[tier], CHECK_EVERY_WORDS):
                check()
                pieces += chunk
                analysed, lemmas = self._analyse([[w for w, _ in p[2]] for p in chunk], parse=tier == PARSE)
                parsed += analysed
                fallback += lemmas

        docs = [Document(text=t) for t in texts]
        by_sentence: dict[tuple[int, int], list[Word]] = {}
        for (d, s, words), sp, other in zip(pieces, parsed, fallback):
            by_sentence[(d, s)] = [
                Word(
                    id=w.id,
                    text=w.text,
                    lemma=lemma_of(w.text, w.upos or "X", w.lemma, o),
                    upos=w.upos or "X",
                    xpos=w.xpos or "",
                    feats=_feats(w.feats),
                    head=w.head or 0,  # None: tagged, not parsed
                    deprel=(w.deprel or "dep") if w.head is not None else "dep",
                    start=tok.start,
                    end=tok.end,
                    sent=s,
                )
                for (_, tok), w, o in zip(words, sp.words, other or [None] * len(words))
            ]
        for d, sents in enumerate(tokenized):
            for s, toks in enumerate(sents):
                docs[d].sentences.append(
                    Sentence(
                        index=s,
                        words=by_sentence.get((d, s), []),
                        start=toks[0].start,
                        end=toks[-1].end,
                        paragraph=paragraphs[d][s],
                        parsed=tiers[d].get(s) == PARSE,
                    )
                )
        check()
        for doc in docs:
            annotate(doc.sentences, self.ner)
        return docs

    def _analyse(self, sentences: list[list[str]], *, parse: bool) -> tuple[list, list]:
        """Stanza sentences tagged (and parsed if `parse`), with HanTa's lemma of each word (None per
        sentence when Stanza tags alone).

        With HanTa (the default): Stanza's tagger gives the morphology (UFeats: mood, case, number),
        HanTa's tags replace its UPOS and XPOS (extractor.hanta_tags), the lemmatizer's dictionary
        looks the words up under the new tags, and the parser reads them all. A sentence that is only
        tagged (names, titles, continuations) skips Stanza's tagger: its case, number and gender stay
        unknown, which the rules read as for any word the tagger leaves bare, and its verbs' form
        comes from HanTa's tag (the Konjunktiv rule needs no more); the SpkAtt scores on
        the 700 articles were the same to the third decimal without the tagger there."""
        if self.tags == "stanza":
            doc = self._tagger(sentences, None if parse else "tokenize,pos,lemma")
            return doc.sentences, [None] * len(doc.sentences)
        doc = self._tagger(sentences, "tokenize,pos" if parse else "tokenize")
        tags = hanta_tags.retag(doc)
        if not parse:
            for sentence in doc.sentences:
                for w in sentence.words:
                    w.feats = hanta_tags.verb_feats(w.xpos)
        doc = self._tagger(doc, "lemma,depparse" if parse else "lemma")
        return doc.sentences, hanta_tags.lemmas(doc, tags)

    def parse(self, text: str) -> Document:
        return self.parse_many([text])[0]
