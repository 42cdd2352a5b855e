"""extractor.model.ner: the one training command, run end to end on a small GermEval-format corpus
composed here (a few iterations: the scores of such a run mean nothing, the files and their use do)."""

from __future__ import annotations

import json

from extractor.model import ner as training
from extractor.ner import CLUSTER_FILE, MODEL_FILE, NAMES_FILE, NerTagger, write_clusters

SENTENCES = [
    [("Bundeskanzlerin", "O"), ("Anna", "B-PER"), ("Berg", "I-PER"), ("besuchte", "O"), ("Kiel", "B-LOC"), (".", "O")],
    [("Die", "O"), ("Stadtwerke", "B-ORG"), ("Kiel", "I-ORG"), ("erhöhen", "O"), ("die", "O"), ("Preise", "O")],
    [("Gestern", "O"), ("sprach", "O"), ("Wagner", "B-PER"), ("über", "O"), ("die", "O"), ("Lage", "O")],
    [("Der", "O"), ("Vertrag", "O"), ("gilt", "O"), ("seit", "O"), ("Montag", "O"), (".", "O")],
]


def _corpus(path, n: int) -> None:
    lines = []
    for i in range(n):
        sentence = SENTENCES[i % len(SENTENCES)]
        lines += [f"{k + 1}\t{w}\t{t}\tO" for k, (w, t) in enumerate(sentence)] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_training_command_trains_scores_and_installs_a_model_that_reads_tags(tmp_path, monkeypatch):
    corpus = tmp_path / "germeval"
    corpus.mkdir()
    _corpus(corpus / "dev.tsv", 600)  # the split needs 1,500 sentences: 1,000 held out, 500 for dev
    _corpus(corpus / "test.tsv", 1000)
    write_clusters(tmp_path / CLUSTER_FILE, {"Anna": "1010", "Berg": "1011", "Kiel": "0110"})
    write_clusters(tmp_path / NAMES_FILE, {"Anna": "F", "Berg": "LN", "Wagner": "L"})
    monkeypatch.setattr(training, "MAX_ITERATIONS", 20)
    monkeypatch.setenv("NER_MAX_SENTENCES", "40")
    out = tmp_path / "out"
    args = ["--germeval", str(corpus), "--variants", "names-nouns-tags", "--out", str(out), "--workers", "1"]
    args += ["--clusters", str(tmp_path / CLUSTER_FILE), "--names", str(tmp_path / NAMES_FILE)]
    assert training.main([*args, "--work", str(tmp_path / "work")]) == 0
    scores = json.loads((out / "heldout_scores.json").read_text())["ner"]
    assert scores["heldout_sentences"] == 40 and scores["names_flags"] == "FLN" and 0 <= scores["f1"] <= 1
    assert scores["c1"] in training.C1_CANDIDATES
    tagger = NerTagger.load(out)
    assert (out / MODEL_FILE).exists() and tagger.reads_tags and tagger.names is not None
    assert tagger.tag(["Gestern", "sprach", "Wagner", "über", "die", "Lage"])[2] == "B-PER"
