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

The word clusters are all of spaCy's German lexeme clusters (`spacy-lookups-data`, MIT; only needed
for training: `pip install spacy-lookups-data`): 860,000 words as `word<TAB>bit path`, chosen by
nothing (an earlier table kept the 250,000 most probable words plus the training and dev words, which
made dev scores look better than held-out ones: 89 % of dev entity words had a cluster, 78 % of
held-out ones).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from extractor.ner import (
    CLUSTER_FILE,
    LABELS,
    MODEL_FILE,
    Clusters,
    NerTagger,
    features,
    load_clusters,
    spans,
    write_clusters,
)
from foundation import defaults

DEFAULT_GERMEVAL = defaults.REPO_ROOT.parent / "shared" / "corpora" / "germeval2014-ner"
HELDOUT_SENTENCES = 1000
DEV_SENTENCES = 500
C1_CANDIDATES = (0.1, 0.3)  # L1 weight: sparsity (model size) against fit
C2 = 0.05
MAX_ITERATIONS = 300


def build_clusters(path: Path) -> None:
    """The cluster table (see the module docstring) from spacy-lookups-data."""
    import gzip

    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8") as f:
        clusters: dict[str, int] = json.load(f)
    write_clusters(path, {w: f"{c:b}" for w, c in clusters.items() if c})


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


def train(sentences: Sequence[Sentence], path: Path, c1: float, clusters: Clusters) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(features(s.words, clusters), list(s.tags))
    trainer.set_params({"c1": c1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


def evaluate(model: Path, sentences: Sequence[Sentence], clusters: Clusters) -> tuple[dict[str, float], float]:
    """Scores, and sentences tagged per second (features included)."""
    tagger = NerTagger(model, clusters)
    started = time.perf_counter()
    predicted = [tagger.tag(s.words) for s in sentences]
    speed = len(sentences) / (time.perf_counter() - started)
    return score(sentences, predicted), speed


def _candidate(split: Split, path: Path, c1: float, cluster_file: Path) -> tuple[Path, dict[str, float], float]:
    """Train on the training part with this L1 weight; its dev scores and training seconds."""
    started = time.monotonic()
    clusters = load_clusters(cluster_file)
    train(split.train, path, c1, clusters)
    return path, evaluate(path, split.dev, clusters)[0], time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extractor.model.ner", description=__doc__.split("\n\n")[0])
    p.add_argument("--germeval", type=Path, default=DEFAULT_GERMEVAL)
    p.add_argument("--out", type=Path, default=defaults.BUNDLED_MODEL_DIR)
    p.add_argument("--work", type=Path, default=defaults.REPO_ROOT / "build" / "ner")
    args = p.parse_args(argv)
    began = time.monotonic()
    split = make_split(args.germeval)
    print(f"train {len(split.train)}, dev {len(split.dev)}, held-out {len(split.heldout)} sentences", flush=True)
    cluster_file = args.work / CLUSTER_FILE
    build_clusters(cluster_file)
    clusters = load_clusters(cluster_file)
    best: tuple[Path, dict[str, float], float] | None = None
    # model selection on dev only; the candidates train side by side, one process each
    with ProcessPoolExecutor(max_workers=min(2, len(C1_CANDIDATES))) as pool:
        runs = {
            c1: pool.submit(_candidate, split, args.work / f"ner-c1-{c1}.crfsuite", c1, cluster_file)
            for c1 in C1_CANDIDATES
        }
        for c1, run in runs.items():
            candidate, dev_scores, seconds = run.result()
            print(
                f"c1={c1}: dev F1 {dev_scores['f1']:.4f}, PER {dev_scores['per_f1']:.4f} ({seconds:.0f} s)", flush=True
            )
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
    scores["ner"] = {
        **heldout,
        "c1": c1,
        "dev_f1": dev_scores["f1"],
        "dev_per_f1": dev_scores["per_f1"],
        "heldout_sentences": len(split.heldout),
        "train_sentences": len(split.train) + len(split.dev),
        "sentences_per_s": round(speed, 1),
        "train_minutes": round((time.monotonic() - began) / 60, 1),
        "model_kib": round((target.stat().st_size + (args.out / CLUSTER_FILE).stat().st_size) / 1024),
    }
    scores_file.write_text(json.dumps(scores, indent=2) + "\n")
    print(json.dumps(scores["ner"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
