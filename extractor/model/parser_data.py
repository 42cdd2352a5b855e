"""The parser's training data with the tags it reads at run time: HanTa's, not the treebank's.

At run time (extractor.parsing.Parser._analyse) the parser reads, for each word, HanTa's UPOS and
STTS (extractor.hanta_tags.retag), the lemma the lemmatizer's dictionary gives under HanTa's UPOS
(dictionary-only mode: a word it lacks stays itself; HanTa's lemmas are only put in after the
parse) and the Stanza tagger's UFeats. Trained on the treebank's gold tags, the parser never saw
HanTa's kind of errors. `retag_file` rewrites a CoNLL-U file so it reads as at run time: UPOS and
XPOS from `hanta_tags.tag_sentence` of the gold words, lemmas from the lemmatizer's dictionary
(when given); UFeats stay gold (the tagger that gives them was trained on these sentences and
reproduces them almost exactly), and so do the words, heads and relations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: (words, UPOS tags) of one sentence → the lemma of each word.
Lemmatizer = Callable[[list[str], list[str]], list[str]]


def _word_line(cols: list[str]) -> bool:
    """A syntactic word's line (not a multi-word token range „3-4“ nor an empty node „5.1“)."""
    return len(cols) == 10 and cols[0].isdigit()


def retag_block(block: str, lemmatize: Lemmatizer | None = None) -> str:
    """One CoNLL-U sentence with HanTa's UPOS and STTS for every word (and the lemmatizer's lemmas)."""
    from extractor import hanta_tags

    lines = block.split("\n")
    rows = [i for i, line in enumerate(lines) if not line.startswith("#") and _word_line(line.split("\t"))]
    cells = [lines[i].split("\t") for i in rows]
    words = [c[1] for c in cells]
    tags = hanta_tags.tag_sentence(words)
    lemmas = lemmatize(words, [u for u, _, _ in tags]) if lemmatize else [c[2] for c in cells]
    for i, c, (upos, stts, _), lemma in zip(rows, cells, tags, lemmas):
        c[2], c[3], c[4] = lemma, upos, stts
        lines[i] = "\t".join(c)
    return "\n".join(lines)


def retag_file(src: Path, dst: Path, lemmatize: Lemmatizer | None = None) -> int:
    """`src` rewritten by `retag_block` into `dst`; returns the number of sentences."""
    blocks = [b.strip("\n") for b in src.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text("\n\n".join(retag_block(b, lemmatize) for b in blocks) + "\n\n", encoding="utf-8")
    return len(blocks)


def dictionary_lemmatizer(lemma_model: Path) -> Lemmatizer:
    """The lemmas a Stanza lemmatizer gives in dictionary-only mode, as the pipeline runs it
    (extractor.nlp.build_pipeline: `lemma_dict_only`): its dictionary's entry for the word under
    its UPOS, else for the word alone, else the word itself."""
    from stanza.models.lemma.trainer import Trainer

    trainer = Trainer(model_file=str(lemma_model), device="cpu")

    def lemmatize(words: list[str], upos: list[str]) -> list[str]:
        return list(trainer.predict_dict(list(zip(words, upos))))

    return lemmatize
