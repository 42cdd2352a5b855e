"""Train and score zitat's German NER (extractor.ner) on GermEval 2014 — one command:

    python -m extractor.model.ner [--germeval ../shared/corpora/germeval2014-ner] [--out models/de]

trains the shipped variant (SHIPPED) and installs it into models/de.
Variants of the features train and are scored side by side, one process per variant and L1 weight:

    python -m extractor.model.ner --variants base,names,names-nouns --workers 6 [--results DIR]

Each variant's scores go to `<work>/<variant>/scores.json` (and `DIR/scores-<variant>.json`, its
final model to `DIR/ner-<variant>.crfsuite`); models/de is only written with `--out` (then the variant
with the best dev F1 is installed there). The variants (VARIANTS) differ in the flags of the name list
(`extractor.model.names`) they read: none (base), first and last names (names), also common nouns
(-nouns) and places (-places); a -tags variant also reads the words' STTS tags, which HanTa gives the
training sentences here as the parser gives them at run time (extractor.ner.pos_tags).

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
held-out ones). `--clusters models/de/ner_clusters.tsv.gz` reuses a built table instead.

For smoke runs, NER_MAX_ITERATIONS and NER_MAX_SENTENCES (each part of the split cut to that many
sentences) make training quick; scores from such runs mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from extractor.ner import (
    CLUSTER_FILE,
    LABELS,
    MODEL_FILE,
    NAMES_FILE,
    Clusters,
    NerTagger,
    features,
    load_clusters,
    load_names,
    pos_tags,
    spans,
    write_clusters,
)
from foundation import defaults

DEFAULT_GERMEVAL = defaults.REPO_ROOT.parent / "shared" / "corpora" / "germeval2014-ner"
HELDOUT_SENTENCES = 1000
DEV_SENTENCES = 500
C1_CANDIDATES = (0.05, 0.1, 0.3)  # L1 weight: sparsity (model size) against fit
C2 = 0.05
MAX_ITERATIONS = int(os.environ.get("NER_MAX_ITERATIONS", "300"))
#: variant -> the name-list flags its features read (None: no name list, the model as before) and
#: whether it reads the words' part-of-speech tags (HanTa's STTS, extractor.ner.pos_tags)
VARIANTS: dict[str, tuple[str | None, bool]] = {
    "base": (None, False),
    "names": ("FL", False),
    "names-nouns": ("FLN", False),
    "names-nouns-places": ("FLNP", False),
    "tags": (None, True),
    "names-nouns-tags": ("FLN", True),
}
#: The variant models/de ships: the best dev F1 of those measured (models/de/README.md); the default run
#: trains it alone, so that the whole training keeps within its time on 2 cores.
SHIPPED = "names-nouns-tags"


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
    tags: tuple[str, ...]  # BIO entity tags
    pos: tuple[str, ...] | None = None  # the words' STTS tags, once `with_pos` has set them


def with_pos(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences with HanTa's STTS tags, as the tagger reads them at run time (about a minute)."""
    return [Sentence(s.words, s.tags, tuple(pos_tags(s.words))) for s in sentences]


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


def train(
    sentences: Sequence[Sentence],
    path: Path,
    c1: float,
    clusters: Clusters,
    names: Clusters | None = None,
    pos: bool = False,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(features(s.words, clusters, names, s.pos if pos else None), list(s.tags))
    trainer.set_params({"c1": c1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


def evaluate(
    model: Path, sentences: Sequence[Sentence], clusters: Clusters, names: Clusters | None = None
) -> tuple[dict[str, float], float]:
    """Scores, and sentences tagged per second (features included)."""
    tagger = NerTagger(model, clusters, names)
    started = time.perf_counter()
    predicted = [tagger.tag(s.words, s.pos) for s in sentences]
    speed = len(sentences) / (time.perf_counter() - started)
    return score(sentences, predicted), speed


@dataclass(frozen=True)
class Variant:
    name: str
    flags: str | None  # the name list's flags it reads; None: no name list
    cluster_file: Path
    names_file: Path | None  # the name list with every flag (filtered to `flags` on loading)
    pos: bool = False  # reads the words' STTS tags

    def tables(self) -> tuple[Clusters, Clusters | None]:
        names = load_names(self.names_file, self.flags) if self.flags and self.names_file else None
        return load_clusters(self.cluster_file), names


def _candidate(split: Split, path: Path, c1: float, variant: Variant) -> tuple[dict[str, float], float]:
    """Train on the training part with this L1 weight; its dev scores and training seconds."""
    started = time.monotonic()
    clusters, names = variant.tables()
    train(split.train, path, c1, clusters, names, variant.pos)
    return evaluate(path, split.dev, clusters, names)[0], time.monotonic() - started


def _final(split: Split, path: Path, c1: float, variant: Variant) -> tuple[dict[str, float], float, float]:
    """Train on training and dev parts; held-out scores, sentences per second and training seconds."""
    started = time.monotonic()
    clusters, names = variant.tables()
    train([*split.train, *split.dev], path, c1, clusters, names, variant.pos)
    seconds = time.monotonic() - started
    heldout, speed = evaluate(path, split.heldout, clusters, names)
    return heldout, speed, seconds


def _cut(split: Split, n: int | None) -> Split:
    if not n:
        return split
    return Split(train=split.train[:n], dev=split.dev[:n], heldout=split.heldout[:n])


def run_variants(
    split: Split, variants: Sequence[Variant], work: Path, workers: int, results_dir: Path | None = None
) -> dict[str, dict[str, object]]:
    """Every variant's dev-chosen model and scores (the `ner` entry of heldout_scores.json, plus
    `variant`, `names_flags` and `model`). With a worker for every run, the final models of every L1
    weight train beside the candidates (those not chosen are dropped unscored); otherwise each
    variant's final model trains once its candidates are scored. `results_dir`: each variant's
    scores-<variant>.json and ner-<variant>.crfsuite are also written there as soon as it is done."""
    ahead = workers >= 2 * len(variants) * len(C1_CANDIDATES)
    results: dict[str, dict[str, object]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        candidates: dict[str, dict[float, Future]] = {}
        finals: dict[str, dict[float, Future]] = {}
        for v in variants:
            candidates[v.name] = {
                c1: pool.submit(_candidate, split, work / v.name / f"ner-c1-{c1}.crfsuite", c1, v)
                for c1 in C1_CANDIDATES
            }
            if ahead:
                finals[v.name] = {
                    c1: pool.submit(_final, split, work / v.name / f"final-c1-{c1}.crfsuite", c1, v)
                    for c1 in C1_CANDIDATES
                }
        chosen: dict[str, tuple[float, dict[str, float]]] = {}
        for v in variants:
            best: tuple[float, dict[str, float]] | None = None
            for c1, run in candidates[v.name].items():
                dev_scores, seconds = run.result()
                print(
                    f"{v.name} c1={c1}: dev F1 {dev_scores['f1']:.4f}, PER {dev_scores['per_f1']:.4f} ({seconds:.0f} s)",
                    flush=True,
                )
                if best is None or dev_scores["f1"] > best[1]["f1"]:
                    best = (c1, dev_scores)
            if best is None:
                raise ValueError("C1_CANDIDATES is empty: no model to choose")
            chosen[v.name] = best
            if not ahead:
                finals[v.name] = {
                    best[0]: pool.submit(_final, split, work / v.name / f"final-c1-{best[0]}.crfsuite", best[0], v)
                }
        for v in variants:
            c1, dev_scores = chosen[v.name]
            heldout, speed, seconds = finals[v.name][c1].result()
            model = work / v.name / MODEL_FILE
            shutil.copyfile(work / v.name / f"final-c1-{c1}.crfsuite", model)
            results[v.name] = {
                **heldout,
                "c1": c1,
                "dev_f1": dev_scores["f1"],
                "dev_per_f1": dev_scores["per_f1"],
                "heldout_sentences": len(split.heldout),
                "train_sentences": len(split.train) + len(split.dev),
                "sentences_per_s": round(speed, 1),
                "train_minutes": round(seconds / 60, 1),
                "variant": v.name,
                "names_flags": v.flags,
                "model": str(model),
            }
            (work / v.name / "scores.json").write_text(json.dumps(results[v.name], indent=2) + "\n")
            if results_dir is not None:
                results_dir.mkdir(parents=True, exist_ok=True)
                (results_dir / f"scores-{v.name}.json").write_text(json.dumps(results[v.name], indent=2) + "\n")
                shutil.copyfile(model, results_dir / f"ner-{v.name}.crfsuite")
            print(
                f"{v.name}: held-out F1 {heldout['f1']:.4f}, PER {heldout['per_f1']:.4f}, ORG {heldout['org_f1']:.4f},"
                f" LOC {heldout['loc_f1']:.4f} (c1 {c1}, dev F1 {dev_scores['f1']:.4f})",
                flush=True,
            )
    return results


def install(result: dict[str, object], variant: Variant, out: Path) -> None:
    """Copy a variant's model, its cluster table and its name list into `out`; its scores under "ner"."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(str(result["model"])), out / MODEL_FILE)
    if variant.cluster_file.resolve() != (out / CLUSTER_FILE).resolve():
        shutil.copyfile(variant.cluster_file, out / CLUSTER_FILE)
    names_target = out / NAMES_FILE
    if variant.flags and variant.names_file:
        table = load_names(variant.names_file, variant.flags)
        write_clusters(names_target, dict(table.items()))
    elif names_target.exists():
        names_target.unlink()  # a model trained without the name list
    sizes = sum((out / f).stat().st_size for f in (MODEL_FILE, CLUSTER_FILE, NAMES_FILE) if (out / f).exists())
    entry = {k: v for k, v in result.items() if k not in ("model", "variant", "names_flags")}
    entry["model_kib"] = round(sizes / 1024)
    if variant.flags:
        entry["names_flags"] = variant.flags
    scores_file = out / "heldout_scores.json"
    scores = json.loads(scores_file.read_text()) if scores_file.exists() else {}
    scores["ner"] = entry
    scores_file.write_text(json.dumps(scores, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extractor.model.ner", description=__doc__.split("\n\n")[0])
    p.add_argument("--germeval", type=Path, default=DEFAULT_GERMEVAL)
    p.add_argument(
        "--out", type=Path, default=None, help="install the best variant here (default without --variants: models/de)"
    )
    p.add_argument("--work", type=Path, default=defaults.REPO_ROOT / "build" / "ner")
    p.add_argument("--variants", default=None, help=f"comma-separated, of {', '.join(VARIANTS)} (default: {SHIPPED})")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--clusters", type=Path, default=None, help="a built cluster table (default: build from spaCy's)")
    p.add_argument("--names", type=Path, default=None, help="a built name list (default: build with Faker)")
    p.add_argument(
        "--results", type=Path, default=None, help="also write scores-<variant>.json, ner-<variant>.crfsuite"
    )
    args = p.parse_args(argv)
    names = args.variants.split(",") if args.variants else [SHIPPED]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        p.error(f"unknown variants {unknown}: choose from {', '.join(VARIANTS)}")
    out: Path | None = args.out if args.out or args.variants else defaults.BUNDLED_MODEL_DIR
    began = time.monotonic()
    max_sentences = os.environ.get("NER_MAX_SENTENCES")
    split = _cut(make_split(args.germeval), int(max_sentences) if max_sentences else None)
    print(f"train {len(split.train)}, dev {len(split.dev)}, held-out {len(split.heldout)} sentences", flush=True)
    cluster_file = args.clusters
    if cluster_file is None:
        cluster_file = args.work / CLUSTER_FILE
        build_clusters(cluster_file)
    if any(VARIANTS[n][1] for n in names):
        split = Split(*(with_pos(part) for part in (split.train, split.dev, split.heldout)))
    flags = "".join(sorted({f for n in names for f in VARIANTS[n][0] or ""}))
    names_file = args.names
    if names_file is None and flags:
        from extractor.model.names import build

        names_file = args.work / NAMES_FILE
        build(names_file, flags)
    variants = [Variant(n, VARIANTS[n][0], cluster_file, names_file, VARIANTS[n][1]) for n in names]
    results = run_variants(split, variants, args.work, max(1, args.workers), args.results)
    summary = {n: {k: r[k] for k in ("f1", "per_f1", "org_f1", "loc_f1", "dev_f1", "c1")} for n, r in results.items()}
    print(json.dumps(summary, indent=2), flush=True)
    print(f"{(time.monotonic() - began) / 60:.1f} minutes", flush=True)
    if out is not None:
        best = max(variants, key=lambda v: float(str(results[v.name]["dev_f1"])))
        install(results[best.name], best, out)
        print(f"installed {best.name} (best dev F1) into {out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
