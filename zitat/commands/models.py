"""`zitat models info|download|train|evaluate`: the Stanza models zitat reads with."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("models", help="show, fetch, train or evaluate the German Stanza models")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    msub.required = True
    info = msub.add_parser("info", help="which models are used and where they are")
    info.add_argument("--models", choices=["bundled", "official"], default=None)
    info.set_defaults(func=run_info)
    dl = msub.add_parser("download", help="fetch Stanza's official German models (needs internet)")
    dl.add_argument(
        "--dir", type=Path, default=None, help="target folder (default: $ZITAT_STANZA_DIR or ~/stanza_resources)"
    )
    dl.set_defaults(func=run_download)
    tr = msub.add_parser("train", help="retrain the bundled models from UD German (about an hour on 2 cores)")
    tr.add_argument("args", nargs="*", help="arguments for python -m extractor.model.train")
    tr.set_defaults(func=run_train)
    ev = msub.add_parser("evaluate", help="score the models on the held-out news sentences")
    ev.add_argument("args", nargs="*", help="arguments for python -m extractor.model.evaluate")
    ev.set_defaults(func=run_evaluate)


def run_info(args) -> int:
    from extractor.nlp import BUNDLED_FILES, ModelConfig

    c = ModelConfig.from_settings(args.models)
    print(f"source:  {c.source}\nfolder:  {c.model_dir}\nversion: {c.version}")
    if c.source == "bundled":
        for name in BUNDLED_FILES.values():
            f = c.model_dir / name
            print(f"  {name:14} {'%.1f MB' % (f.stat().st_size / 1e6) if f.exists() else 'MISSING'}")
    return 0


def run_download(args) -> int:
    from extractor.nlp import download_official

    target = download_official(args.dir)
    print(f"official Stanza German models in {target}; use them with ZITAT_MODELS=official")
    return 0


def run_train(args) -> int:
    from extractor.model import train

    return train.main(args.args)


def run_evaluate(args) -> int:
    from extractor.model import evaluate

    return evaluate.main(args.args)
