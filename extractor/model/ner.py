"""Train and score zitat's German NER (extractor.ner) on GermEval 2014 — one command:

    python -m extractor.model.ner [--germeval ../shared/corpora/germeval2014-ner] [--out models/de]

The fixed split (never changes, so scores stay comparable): the last HELDOUT_SENTENCES sentences of
test.tsv are held out — never trained on, only scored; the DEV_SENTENCES before them choose the
regularisation; everything else (dev.tsv and the start of test.tsv) is training data, and the final
model is trained on it together with the dev sentences. Labels are the outer column's PER, ORG and
LOC; OTH (works, events) and the „deriv“ and „part“ subtypes (deutsch, EU-weit) are no mentions of a
possible source and are trained as O. Scores are exact-span entity F1 (conlleval's), overall
(micro, over the three labels) and per label. Writes `ner.crfsuite` and `ner_clusters.tsv.gz` into
--out and the scores under "ner" in its heldout_scores.json.

The word clusters come from spaCy's German lexeme clusters (`spacy-lookups-data`, MIT; only needed
for training: `pip install spacy-lookups-data`): the CLUSTER_WORDS most probable words plus every
word of the training and dev sentences (never the held-out ones), as `word<TAB>bit path`.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.ner import CLUSTER_FILE, LABELS, MODEL_FILE, NerTagger, features, load_clusters, spans
from foundation import defaults

DEFAULT_GERMEVAL = defaults.REPO_ROOT.parent / "shared" / "corpora" / "germeval2014-ner"
HELDOUT_SENTENCES = 1000
DEV_SENTENCES = 500
C1_CANDIDATES = (0.1, 0.3)  # L1 weight: sparsity (model size) against fit
C2 = 0.05
MAX_ITERATIONS = 300
CLUSTER_WORDS = 250_000


def build_clusters(path: Path, corpus_words: set[str]) -> None:
    """The compact cluster table (see the module docstring) from spacy-lookups-data."""
    import gzip

    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8") as f:
        clusters: dict[str, int] = json.load(f)
    with gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8") as f:
        prob: dict[str, float] = json.load(f)
    frequent = sorted((w for w in clusters if w in prob), key=lambda w: -prob[w])[:CLUSTER_WORDS]
    keep = sorted(set(frequent) | {w for w in corpus_words if w in clusters})
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for w in keep:
            if clusters[w] and "\t" not in w and "\n" not in w:
                f.write(f"{w}\t{clusters[w]:b}\n")


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    train: list[Sentence]
    dev: list[Sentence]
    heldout: list[Sentence]


def _outer(tag: str) -> str:
    kind, _, label = tag.partition("-")
    return tag if kind in ("B", "I") and label in LABELS else "O"


def read(path: Path) -> Iterator[Sentence]:
    """GermEval's TSV: index, token, outer tag, nested tag; a blank line ends a sentence; # comments."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            if words:
                yield Sentence(tuple(words), tuple(tags))
            words, tags = [], []
            continue
        words.append(cols[1])
        tags.append(_outer(cols[2]))
    if words:
        yield Sentence(tuple(words), tuple(tags))


def make_split(root: Path) -> Split:
    dev_file, test_file = list(read(root / "dev.tsv")), list(read(root / "test.tsv"))
    heldout = test_file[-HELDOUT_SENTENCES:]
    rest = dev_file + test_file[:-HELDOUT_SENTENCES]
    return Split(train=rest[:-DEV_SENTENCES], dev=rest[-DEV_SENTENCES:], heldout=heldout)


def score(gold: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> dict[str, float]:
    """Exact-span entity precision/recall/F1, overall and per label."""
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for sent, tags in zip(gold, predicted):
        g, p = set(spans(sent.tags)), set(spans(tags))
        for e in g:
            n_gold[e.label] += 1
        for e in p:
            n_pred[e.label] += 1
        for e in g & p:
            tp[e.label] += 1

    def f1(t: int, ng: int, np_: int) -> tuple[float, float, float]:
        prec = t / np_ if np_ else 0.0
        rec = t / ng if ng else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    out: dict[str, float] = {}
    precision, recall, f = f1(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    out.update(precision=round(precision, 4), recall=round(recall, 4), f1=round(f, 4))
    for label in LABELS:
        out[f"{label.lower()}_f1"] = round(f1(tp[label], n_gold[label], n_pred[label])[2], 4)
    out["entities"] = sum(n_gold.values())
    return out


def train(sentences: Sequence[Sentence], path: Path, c1: float, clusters: dict[str, str]) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(features(s.words, clusters), list(s.tags))
    trainer.set_params({"c1": c1, "c2": C2, "max_iterations": MAX_ITERATIONS,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


def evaluate(model: Path, sentences: Sequence[Sentence], clusters: dict[str, str]) -> tuple[dict[str, float], float]:
    """Scores, and sentences tagged per second (features included)."""
    tagger = NerTagger(model, clusters)
    started = time.perf_counter()
    predicted = [tagger.tag(s.words) for s in sentences]
    speed = len(sentences) / (time.perf_counter() - started)
    return score(sentences, predicted), speed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extractor.model.ner", description=__doc__.split("\n\n")[0])
    p.add_argument("--germeval", type=Path, default=DEFAULT_GERMEVAL)
    p.add_argument("--out", type=Path, default=defaults.BUNDLED_MODEL_DIR)
    p.add_argument("--work", type=Path, default=defaults.REPO_ROOT / "build" / "ner")
    args = p.parse_args(argv)
    split = make_split(args.germeval)
    print(f"train {len(split.train)}, dev {len(split.dev)}, held-out {len(split.heldout)} sentences", flush=True)
    cluster_file = args.work / CLUSTER_FILE
    # held-out words get clusters only where they are among the frequent ones: nothing is chosen for them
    build_clusters(cluster_file, {w for part in (split.train, split.dev) for s in part for w in s.words})
    clusters = load_clusters(cluster_file)
    best: tuple[Path, dict[str, float], float] | None = None
    for c1 in C1_CANDIDATES:  # model selection on dev only
        candidate = args.work / f"ner-c1-{c1}.crfsuite"
        started = time.monotonic()
        train(split.train, candidate, c1, clusters)
        dev_scores, _ = evaluate(candidate, split.dev, clusters)
        print(f"c1={c1}: dev F1 {dev_scores['f1']:.4f} ({time.monotonic() - started:.0f} s)", flush=True)
        if best is None or dev_scores["f1"] > best[1]["f1"]:
            best = (candidate, dev_scores, c1)
    if best is None:
        raise ValueError("C1_CANDIDATES is empty: no model to choose")
    _, dev_scores, c1 = best
    model = args.work / MODEL_FILE
    train([*split.train, *split.dev], model, c1, clusters)  # the chosen setting, on all but the held-out
    heldout, speed = evaluate(model, split.heldout, clusters)
    target = args.out / MODEL_FILE
    target.write_bytes(model.read_bytes())
    (args.out / CLUSTER_FILE).write_bytes(cluster_file.read_bytes())
    scores_file = args.out / "heldout_scores.json"
    scores = json.loads(scores_file.read_text()) if scores_file.exists() else {}
    scores["ner"] = {**heldout, "c1": c1, "dev_f1": dev_scores["f1"], "heldout_sentences": len(split.heldout),
                     "train_sentences": len(split.train) + len(split.dev), "sentences_per_s": round(speed, 1),
                     "model_kib": round((target.stat().st_size + (args.out / CLUSTER_FILE).stat().st_size) / 1024)}
    scores_file.write_text(json.dumps(scores, indent=2) + "\n")
    print(json.dumps(scores["ner"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
