"""Score the German pipeline on the held-out news (GSD test s302–s977), end to end from raw text.

    python -m extractor.model.evaluate [--ud ../shared/ud-german] [--speed] [--json FILE]
                                       [--tags hanta|stanza] [--gold-words]

The held-out sentences are joined into running text (paragraphs of 10 sentences, headlines on their
own line, as news reads),
parsed by zitat's Parser (Stanza tokenizer → sentence repair → tagger/parser), and compared with the
gold trees by the CoNLL 2018 shared-task scorer that ships with Stanza. Sentence-split F1 is reported
before and after zitat's repair pass; --speed also times the parse with 1 and 2 torch threads (wall
clock and CPU seconds). --tags stanza scores the bundled Stanza tagger's tags under the parser instead
of HanTa's (extractor.hanta_tags); --gold-words scores only the two taggers on the gold words.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

from extractor.model import splits

PARAGRAPH = 10


def heldout_text(ud_root: Path) -> tuple[str, str]:
    """(raw text, gold CoNLL-U) of the held-out news.

    Sentences run on in paragraphs of up to 10; a sentence without final punctuation is a headline
    and stands on its own line, as it does in a published article."""
    held = splits.make_split(ud_root).heldout
    texts = splits.sentence_texts(held)
    paras: list[str] = []
    cur: list[str] = []
    for t in texts:
        headline = t.rstrip("\"'“”»«)").rstrip()[-1:] not in ".!?:;"
        if headline and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(t)
        if headline or len(cur) == PARAGRAPH:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    gold = "\n\n".join(s.block for s in held) + "\n\n"
    return "\n\n".join(paras), gold


def to_conllu(doc) -> str:
    """Our Document as CoNLL-U, multi-word tokens („im“ = in + dem) written as ranges."""
    out = []
    for s in doc.sentences:
        lines = []
        words = s.words
        i = 0
        while i < len(words):
            j = i
            while j + 1 < len(words) and (words[j + 1].start, words[j + 1].end) == (words[i].start, words[i].end):
                j += 1
            if j > i:
                lines.append(f"{words[i].id}-{words[j].id}\t{doc.text[words[i].start : words[i].end]}" + "\t_" * 8)
            for w in words[i : j + 1]:
                feats = "|".join(f"{k}={v}" for k, v in sorted(w.feats.items())) or "_"
                lines.append(
                    "\t".join(
                        [str(w.id), w.text, w.lemma, w.upos, w.xpos or "_", feats, str(w.head), w.deprel, "_", "_"]
                    )
                )
            i = j + 1
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n\n"


def sentence_f1(pred_bounds: list[tuple[int, int]], gold_text_sentences: list[str], text: str) -> float:
    """F1 of sentence spans, compared as character spans of the raw text."""
    gold, pos = set(), 0
    for t in gold_text_sentences:
        i = text.find(t, pos)
        gold.add((i, i + len(t)))
        pos = i + len(t)
    pred = set(pred_bounds)
    tp = len(gold & pred)
    p, r = tp / max(1, len(pred)), tp / max(1, len(gold))
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _score(pred_conllu: str, gold_conllu: str) -> dict[str, float]:
    from stanza.models.common.utils import udeval  # the CoNLL 2018 scorer (udtools) Stanza uses

    g = udeval.load_conllu(io.StringIO(gold_conllu), "", {})
    p = udeval.load_conllu(io.StringIO(pred_conllu), "", {})
    res = udeval.evaluate(g, p)
    names = {
        "Tokens": "tokens_f1",
        "Sentences": "sentences_f1",
        "Words": "words_f1",
        "UPOS": "upos",
        "XPOS": "xpos",
        "UFeats": "ufeats",
        "Lemmas": "lemmas",
        "UAS": "uas",
        "LAS": "las",
    }
    return {v: round(100 * res[k].f1, 2) for k, v in names.items()}


def gold_word_scores(ud_root: Path) -> dict[str, float]:
    """Tag accuracy on the held-out gold words (no tokenizer in the way): HanTa's UPOS, STTS and
    lemmas (extractor.hanta_tags) against the bundled Stanza tagger's UPOS and STTS."""
    from extractor import hanta_tags
    from extractor.nlp import ModelConfig, build_pipeline

    gold = [
        [line.split("\t") for line in s.block.split("\n") if line[:1].isdigit() and line.split("\t")[0].isdigit()]
        for s in splits.make_split(ud_root).heldout
    ]
    words = [[c[1] for c in sent] for sent in gold]
    stanza = build_pipeline(ModelConfig.from_settings(), ["tokenize", "pos"], pretokenized=True)
    theirs = [[(w.upos, w.xpos) for w in s.words] for s in stanza(words).sentences]
    ours = []
    for sent in words:
        tags = hanta_tags.tag_sentence(sent)
        ours.append([(u, x, hanta_tags.lemma(w, h)) for w, (u, x, h) in zip(sent, tags)])
    flat = [(c, o, t) for g, os, ts in zip(gold, ours, theirs) for c, o, t in zip(g, os, ts)]

    def pct(hits: int) -> float:
        return round(100 * hits / len(flat), 2)

    return {
        "gold_words_hanta_upos": pct(sum(c[3] == o[0] for c, o, _ in flat)),
        "gold_words_hanta_xpos": pct(sum(c[4] == o[1] for c, o, _ in flat)),
        "gold_words_hanta_lemmas": pct(sum(c[2] == o[2] for c, o, _ in flat)),
        "gold_words_stanza_upos": pct(sum(c[3] == t[0] for c, _, t in flat)),
        "gold_words_stanza_xpos": pct(sum(c[4] == t[1] for c, _, t in flat)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ud", type=Path, default=Path("../shared/ud-german"))
    ap.add_argument("--speed", action="store_true", help="also time the parse with 1 and 2 threads")
    ap.add_argument("--json", type=Path, help="write the scores here as JSON")
    ap.add_argument(
        "--tags",
        choices=("hanta", "stanza"),
        default=None,
        help="the tags under the parser: HanTa's (zitat's default with the bundled models) or Stanza's",
    )
    ap.add_argument(
        "--gold-words", action="store_true", help="only the taggers' accuracy on the gold words (HanTa, Stanza)"
    )
    a = ap.parse_args(argv)
    if not (a.ud / splits.GSD).is_dir():
        print(f"error: no {splits.GSD} under {a.ud}", file=sys.stderr)
        return 2
    if a.gold_words:
        for k, v in gold_word_scores(a.ud).items():
            print(f"{k:28} {v}")
        return 0

    import torch

    from extractor import hanta_tags
    from extractor.nlp import ModelConfig
    from extractor.parsing import Parser

    text, gold = heldout_text(a.ud)
    gold_sents = splits.sentence_texts(splits.make_split(a.ud).heldout)
    parser = Parser(ModelConfig.from_settings(full_parse=True), tags=a.tags)  # every sentence is scored
    raw_bounds = parser.stanza_sentence_bounds(text)
    doc = parser.parse(text)
    scores = _score(to_conllu(doc), gold)
    scores["sentences_f1_stanza_only"] = round(100 * sentence_f1(raw_bounds, gold_sents, text), 2)
    scores["sentences_f1_repaired"] = round(
        100 * sentence_f1([(s.start, s.end) for s in doc.sentences], gold_sents, text), 2
    )
    scores["heldout_sentences"] = len(gold_sents)
    if a.speed:
        for threads in (1, 2):
            hanta_tags.forget()  # as cold as the first parse: HanTa remembers the words it analysed
            torch.set_num_threads(threads)
            t0, c0 = time.perf_counter(), time.process_time()
            d = parser.parse(text)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            scores[f"sentences_per_s_{threads}_thread"] = round(len(d.sentences) / dt, 1)
            # CPU seconds of this process: what a shared machine's other jobs do not change
            scores[f"sentences_per_cpu_s_{threads}_thread"] = round(len(d.sentences) / dc, 1)
    for k, v in scores.items():
        print(f"{k:28} {v}")
    if a.json:
        a.json.write_text(json.dumps(scores, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
