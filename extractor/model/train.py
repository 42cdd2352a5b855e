"""Train zitat's compact German Stanza pipeline from UD German GSD + PUD (never LIT).

    python -m extractor.model.train [--ud ../shared/ud-german] [--out models/de] [--quick]
        [--jobs depparse] [--parser-tags gold|hanta] [--pretrain | --pretrain-file PT]
        [--prepared DIR] [--parser-steps N]

Three jobs run side by side, one torch thread each, so the whole run fits in an hour on 2 cores:
  A: tokenizer → MWT → lemmatizer (Stanza's run_* wrappers over a fake UD layout)
  B: POS tagger (UPOS, STTS XPOS, UFeats) on GSD and PUD as two files (PUD's XPOS are not STTS)
  C: dependency parser on gold tags (`--parser-tags gold`): retagging the training data with a tagger
     trained on that same data reproduces gold tags almost exactly, so the parser need not wait for
     the tagger. `--parser-tags hanta` trains it on the tags it reads at run time instead: HanTa's
     UPOS/STTS and the lemmatizer's dictionary lemmas (extractor.model.parser_data).
Every stage uses Stanza's own training entry points with fixed seeds and no downloads
(--no_charlm, --no_pretrain). `--pretrain` gives the parser word vectors trained here on German
text that may train shipped models (extractor.model.wordvec): `pretrain.pt` beside the models.
Logs go to build/train/logs/.

On a machine without the treebanks or HanTa (a GPU machine): `--prepare-only` writes the parser's
training and dev files (<work>/direct/parser_train.conllu, parser_dev.conllu) and with --pretrain
<work>/pretrain.pt; there `--prepared DIR` takes them from DIR and runs the parser job alone:
    python -m extractor.model.train --jobs depparse --parser-tags hanta --pretrain --prepare-only --work W
    python -m extractor.model.train --jobs depparse --prepared DIR [--pretrain-file PT] --out OUT
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from extractor.model import splits

TREEBANK = "UD_German-Zitat"
SHORT = "de_zitat"
SEED = "1234"

# Step counts chosen to fit the one-hour budget on 2 cores (see models/de/README.md).
TOKENIZE_STEPS = 1500  # dev best at step 1000 of 3000; the first 1500 steps are identical
POS_STEPS = 1500
PARSER_STEPS = 2000
# Fixed (not a fraction of the steps): a run stopped early follows the same trajectory as a longer one.
PARSER_SECOND_OPTIM = 1200
LEMMA_EPOCHS = 8
PARSER_TAGS = ("gold", "hanta")
#: The parser's training and dev files, as `prepare` writes them under <work>/direct.
PARSER_FILES = ("parser_train.conllu", "parser_dev.conllu")
PRETRAIN = "pretrain.pt"


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        UDBASE=str(work / "ud"),
        DATA_ROOT=str(work / "data"),
        STANZA_RESOURCES_DIR=str(work / "resources"),
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        PYTHONHASHSEED="0",
    )
    return env


def prepare(ud_root: Path, work: Path, parser_tags: str = "gold", lemma_model: Path | None = None) -> None:
    """Write the fixed split in the layouts Stanza's scripts expect, and the parser's files with
    `parser_tags` (hanta: lemmas from `lemma_model`'s dictionary when given)."""
    split = splits.make_split(ud_root)
    tb = work / "ud" / TREEBANK
    splits.write_conllu(tb / f"{SHORT}-ud-train.conllu", split.train)
    splits.write_conllu(tb / f"{SHORT}-ud-dev.conllu", split.dev)
    splits.write_conllu(tb / f"{SHORT}-ud-test.conllu", split.heldout)
    direct = work / "direct"
    splits.write_conllu(direct / "train_all.conllu", split.train, stts_only=True)
    splits.write_conllu(direct / "tagger_train_gsd.conllu", [s for s in split.tagger_train if s.source == "gsd"])
    splits.write_conllu(
        direct / "tagger_train_pud.conllu", [s for s in split.tagger_train if s.source == "pud"], stts_only=True
    )
    splits.write_conllu(direct / "tagger_dev.conllu", split.tagger_dev)
    splits.write_conllu(direct / "dev.conllu", split.dev, stts_only=True)
    splits.write_conllu(direct / "heldout.conllu", split.heldout)
    if parser_tags == "hanta":
        from extractor.model import parser_data

        lemmatize = parser_data.dictionary_lemmatizer(lemma_model) if lemma_model else None
    for name, src in zip(PARSER_FILES, ("train_all.conllu", "dev.conllu")):
        if parser_tags == "hanta":
            t0 = time.time()
            n = parser_data.retag_file(direct / src, direct / name, lemmatize)
            print(f"{name}: {n} sentences retagged with HanTa in {time.time() - t0:.0f}s", flush=True)
        else:
            shutil.copy2(direct / src, direct / name)
    print(
        f"split: train={len(split.train)} dev={len(split.dev)} heldout={len(split.heldout)} "
        f"tagger_train={len(split.tagger_train)} tagger_dev={len(split.tagger_dev)}"
    )


def _py(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


def job_tokenize_mwt_lemma(work: Path, out: Path, quick: bool) -> list[list[str]]:
    steps = "60" if quick else str(TOKENIZE_STEPS)
    epochs = "1" if quick else str(LEMMA_EPOCHS)
    saved = str(work / "saved")
    return [
        _py("stanza.utils.datasets.prepare_tokenizer_treebank", TREEBANK),
        _py(
            "stanza.utils.training.run_tokenizer",
            TREEBANK,
            "--no_charlm",
            "--save_dir",
            saved,
            "--save_name",
            "tokenize.pt",
            "--steps",
            steps,
            "--eval_steps",
            "500",
            "--seed",
            SEED,
        ),
        _py("stanza.utils.datasets.prepare_mwt_treebank", TREEBANK),
        _py(
            "stanza.utils.training.run_mwt",
            TREEBANK,
            "--save_dir",
            saved,
            "--save_name",
            "mwt.pt",
            "--seed",
            SEED,
            *(["--num_epoch", "1"] if quick else []),
        ),
        _py("stanza.utils.datasets.prepare_lemma_treebank", TREEBANK, "--gold"),
        _py(
            "stanza.utils.training.run_lemma",
            TREEBANK,
            "--no_charlm",
            "--save_dir",
            saved,
            "--save_name",
            "lemma.pt",
            "--num_epoch",
            epochs,
            "--decay_epoch",
            "4",
            "--batch_size",
            "100",
            "--seed",
            SEED,
        ),
    ]


def job_pos(work: Path, out: Path, quick: bool) -> list[list[str]]:
    d = work / "direct"
    return [
        _py(
            "stanza.models.tagger",
            "--mode",
            "train",
            "--lang",
            "de",
            "--shorthand",
            SHORT,
            "--train_file",
            f"{d / 'tagger_train_gsd.conllu'};{d / 'tagger_train_pud.conllu'}",
            "--eval_file",
            str(d / "tagger_dev.conllu"),
            "--output_file",
            str(work / "pos_dev.pred.conllu"),
            "--no_pretrain",
            "--batch_size",
            "32",
            "--char_hidden_dim",
            "200",
            "--deep_biaff_hidden_dim",
            "200",
            "--max_steps",
            "40" if quick else str(POS_STEPS),
            "--eval_interval",
            "20" if quick else "100",
            "--save_dir",
            str(work / "saved"),
            "--save_name",
            "pos.pt",
            "--seed",
            SEED,
        ),
    ]


def job_depparse(
    work: Path, out: Path, quick: bool, steps: int | None = None, pretrain: Path | None = None
) -> list[list[str]]:
    """The parser's training command (`steps` overrides the step count; `pretrain`: word vectors)."""
    d = work / "direct"
    steps = steps or (40 if quick else PARSER_STEPS)
    vectors = ["--wordvec_pretrain_file", str(pretrain)] if pretrain else ["--no_pretrain"]
    return [
        _py(
            "stanza.models.parser",
            "--mode",
            "train",
            "--lang",
            "de",
            "--shorthand",
            SHORT,
            "--train_file",
            str(d / PARSER_FILES[0]),
            "--eval_file",
            str(d / PARSER_FILES[1]),
            "--output_file",
            str(work / "depparse_dev.pred.conllu"),
            *vectors,
            "--batch_size",
            "1500",
            "--hidden_dim",
            "200",
            "--char_hidden_dim",
            "200",
            "--deep_biaff_hidden_dim",
            "200",
            "--num_layers",
            "2",
            "--max_steps",
            str(steps),
            "--second_optim_start_step",
            str(PARSER_SECOND_OPTIM),
            "--eval_interval",
            "20" if quick else "200",
            "--no_checkpoint",
            "--save_dir",
            str(work / "saved"),
            "--save_name",
            "depparse.pt",
            "--seed",
            SEED,
        ),
    ]


JOBS = {"tokenize_mwt_lemma": job_tokenize_mwt_lemma, "pos": job_pos, "depparse": job_depparse}
PRODUCTS = {"tokenize_mwt_lemma": ["tokenize.pt", "mwt.pt", "lemma.pt"], "pos": ["pos.pt"], "depparse": ["depparse.pt"]}


def _run_chain(name: str, cmds: list[list[str]], env: dict[str, str], logs: Path) -> subprocess.Popen:
    """Run one job's commands in order in a child shell, logging to logs/<name>.log."""
    script = " && ".join(shlex.join(c) for c in cmds)
    log = open(logs / f"{name}.log", "w")  # noqa: SIM115 - the child writes to it until it ends
    return subprocess.Popen(["bash", "-c", script], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(logs.parent))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--ud", type=Path, default=Path("../shared/ud-german"), help="folder with UD_German-GSD and UD_German-PUD"
    )
    ap.add_argument("--out", type=Path, default=Path("models/de"), help="where the models go")
    ap.add_argument("--work", type=Path, default=Path("build/train"), help="scratch folder")
    ap.add_argument("--jobs", default=",".join(JOBS), help="which jobs to run (comma-separated)")
    ap.add_argument("--quick", action="store_true", help="a few steps each: checks the plumbing")
    ap.add_argument(
        "--parser-tags",
        choices=PARSER_TAGS,
        default="gold",
        help="the parser's training tags: the treebank's (gold, shipped) or HanTa's, as at run time (hanta; "
        "better LAS, lower SpkAtt source F1: models/de/README.md)",
    )
    ap.add_argument(
        "--lemma-model",
        type=Path,
        default=Path("models/de/lemma.pt"),
        help="with --parser-tags hanta: the lemmatizer whose dictionary gives the parser's lemmas "
        "(as at run time); a missing file keeps the gold lemmas",
    )
    vectors = ap.add_mutually_exclusive_group()
    vectors.add_argument(
        "--pretrain",
        action="store_true",
        help="train word vectors for the parser (extractor.model.wordvec; needs gensim) and ship pretrain.pt",
    )
    vectors.add_argument("--pretrain-file", type=Path, help="an existing Stanza pretrain file for the parser")
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="with --pretrain: where the corpora are")
    ap.add_argument(
        "--prepared",
        type=Path,
        help=f"a folder with the parser's {' and '.join(PARSER_FILES)} already written: no treebank "
        "needed, only the parser job runs",
    )
    ap.add_argument("--parser-steps", type=int, help=f"the parser's training steps (default {PARSER_STEPS})")
    ap.add_argument("--print-commands", action="store_true", help="print the jobs' commands and stop")
    ap.add_argument(
        "--prepare-only", action="store_true", help="write the training data (and word vectors) under --work and stop"
    )
    a = ap.parse_args(argv)

    work, out = a.work.resolve(), a.out.resolve()
    names = [n for n in a.jobs.split(",") if n]
    unknown = set(names) - set(JOBS)
    if unknown:
        print(f"error: unknown job(s) {sorted(unknown)}; known: {list(JOBS)}", file=sys.stderr)
        return 2
    if a.prepared and names != ["depparse"]:
        print("error: --prepared has only the parser's data: use it with --jobs depparse", file=sys.stderr)
        return 2
    if a.prepared is None and not (a.ud / splits.GSD).is_dir():
        print(f"error: no {splits.GSD} under {a.ud}", file=sys.stderr)
        return 2
    pretrain = a.pretrain_file.resolve() if a.pretrain_file else (work / PRETRAIN if a.pretrain else None)
    commands = {
        n: (
            job_depparse(work, out, a.quick, a.parser_steps, pretrain)
            if n == "depparse"
            else JOBS[n](work, out, a.quick)
        )
        for n in names
    }
    if a.print_commands:
        for n, cmds in commands.items():
            for c in cmds:
                print(f"{n}: {shlex.join(c)}")
        return 0
    work.mkdir(parents=True, exist_ok=True)
    (work / "resources").mkdir(exist_ok=True)
    (work / "resources" / "resources.json").write_text("{}")
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    if a.prepared:
        for name in PARSER_FILES:
            (work / "direct").mkdir(exist_ok=True)
            shutil.copy2(a.prepared / name, work / "direct" / name)
    else:
        lemma_model = a.lemma_model if a.lemma_model.exists() else None
        if a.parser_tags == "hanta" and lemma_model is None:
            print(f"warning: no {a.lemma_model}: the parser trains on gold lemmas", file=sys.stderr)
        prepare(a.ud.resolve(), work, a.parser_tags, lemma_model)
    if a.pretrain:
        from extractor.model import wordvec

        train_blocks = (work / "direct" / "train_all.conllu").read_text(encoding="utf-8").split("\n\n")
        size = wordvec.build(a.shared, train_blocks, work / PRETRAIN)
        print(f"pretrain: {size} words in {work / PRETRAIN}", flush=True)
    if a.prepare_only:
        return 0

    env = _env(work)
    t0 = time.time()
    procs = {n: _run_chain(n, commands[n], env, logs) for n in names}
    failed = []
    for n, p in procs.items():
        rc = p.wait()
        print(f"{n}: exit {rc} after {time.time() - t0:.0f}s (log: {logs / (n + '.log')})")
        if rc != 0:
            failed.append(n)
    if failed:
        print(f"error: job(s) failed: {failed}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for n in names:
        for product in PRODUCTS[n]:
            shutil.copy2(work / "saved" / product, out / product)
    if "depparse" in names and pretrain:
        shutil.copy2(pretrain, out / PRETRAIN)
    print(f"models written to {out} in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
