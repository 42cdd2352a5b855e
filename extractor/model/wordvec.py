"""Word vectors for the parser, trained on German text that may train shipped models.

The text (see ../shared/corpora/README.md for the licences): the GePaDe Bundestag speeches (CC0,
train part), GermEval 2014's sentences except the NER model's held-out part (CC BY 4.0; its
split: extractor.model.ner) and the parser's own training sentences (UD German GSD / PUD, the
training part of extractor.model.splits: never the held-out news, never LIT). Never SpkAtt (CC
BY-NC-SA). About 300,000 words, lower-cased as Stanza looks its pretrained vectors up.

word2vec (gensim, a training-only extra) → a word2vec text file → Stanza's Pretrain → `pretrain.pt`
(a dict of `vocab` and `emb`), which the parser trains with (`--wordvec_pretrain_file`) and the
pipeline loads beside it (extractor.nlp.build_pipeline: `depparse_pretrain_path`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

DIM = 100
#: Words in the vocabulary at most (by frequency): 50,000 × 100 floats is 20 MB, the bundle's limit is 80 MB.
MAX_VOCAB = 50_000
MIN_COUNT = 2
EPOCHS = 10
WINDOW = 5
SEED = 1234


def gepade_sentences(root: Path) -> Iterator[list[str]]:
    """The tokens of every sentence of GePaDe's training speeches (JSON, one file per speech)."""
    for path in sorted((root / "train").glob("*.json")):
        for sentence in json.loads(path.read_text(encoding="utf-8"))["Sentences"]:
            yield list(sentence["Tokens"])


def germeval_sentences(root: Path) -> Iterator[list[str]]:
    """GermEval 2014's sentences the NER model trains or selects on (its held-out part left out)."""
    from extractor.model import ner

    split = ner.make_split(root)
    for s in [*split.train, *split.dev]:
        yield list(s.words)


def conllu_sentences(blocks: Iterable[str]) -> Iterator[list[str]]:
    """The syntactic words of CoNLL-U sentences (contractions expanded, as the parser reads them)."""
    for block in blocks:
        words = [
            cols[1]
            for cols in (line.split("\t") for line in block.split("\n") if not line.startswith("#"))
            if len(cols) == 10 and cols[0].isdigit()
        ]
        if words:
            yield words


def corpus(shared: Path, ud_blocks: Iterable[str]) -> list[list[str]]:
    """Every sentence the vectors learn from, lower-cased."""
    sources = [
        gepade_sentences(shared / "corpora" / "gepade"),
        germeval_sentences(shared / "corpora" / "germeval2014-ner"),
        conllu_sentences(ud_blocks),
    ]
    return [[w.lower() for w in s] for source in sources for s in source]


def _stable_hash(text: str) -> int:
    """gensim seeds each word's vector with a hash of it: Python's own differs between runs."""
    return zlib.crc32(text.encode("utf-8"))


def write_word2vec(sentences: list[list[str]], path: Path, *, dim: int = DIM, max_vocab: int = MAX_VOCAB) -> int:
    """Train word2vec (skip-gram, one thread, fixed seed: the same vectors every run) and write its
    text format (a "count dim" header, then "word v1 … vdim" by frequency). Returns the vocabulary size."""
    from gensim.models import Word2Vec

    model = Word2Vec(
        sentences,
        vector_size=dim,
        window=WINDOW,
        min_count=MIN_COUNT,
        max_final_vocab=max_vocab,
        sg=1,
        epochs=EPOCHS,
        workers=1,
        seed=SEED,
        hashfxn=_stable_hash,
    )
    vectors = model.wv
    words = [w for w in vectors.index_to_key if w and not any(ch.isspace() for ch in w)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {dim}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{x:.5f}" for x in vectors[w]) + "\n")
    return len(words)


def to_stanza(text_file: Path, pt_file: Path) -> int:
    """Stanza's pretrain file from a word2vec text file; returns its vocabulary size (Stanza's
    padding/unknown entries included)."""
    from stanza.models.common.pretrain import Pretrain

    if pt_file.exists():
        pt_file.unlink()
    pretrain = Pretrain(str(pt_file), str(text_file))
    pretrain.load()  # reads the text file and saves the .pt
    return len(pretrain)


def build(shared: Path, ud_blocks: Iterable[str], pt_file: Path) -> int:
    """Train the vectors and write `pt_file`; returns its vocabulary size."""
    sentences = corpus(shared, ud_blocks)
    print(f"pretrain: {len(sentences)} sentences, {sum(map(len, sentences))} words", flush=True)
    text_file = pt_file.with_suffix(".vec")
    write_word2vec(sentences, text_file)
    return to_stanza(text_file, pt_file)
