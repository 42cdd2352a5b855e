"""`zitat eval --gold GOLD.jsonl [--docs DIR | --pred PRED.jsonl]`: measure zitat on a gold set.

Extracts the gold set's documents (files named <doc>.txt under --docs) and scores them with the
referee's matching rules (extractor.evaluation), or scores an existing prediction file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from foundation.errors import ZitatError


def register(sub) -> None:
    p = sub.add_parser("eval", help="score zitat against a gold file of quotes")
    p.add_argument("--gold", required=True, type=Path, help="gold quotes (JSON Lines)")
    p.add_argument("--docs", type=Path, default=Path("seeds"), help="folder with the gold's <doc>.txt files")
    p.add_argument("--pred", type=Path, help="score this prediction file instead of extracting")
    p.add_argument("--stance", action="store_true", help="score stance too")
    p.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    p.add_argument("--show-errors", action="store_true")
    p.add_argument("--models", choices=["bundled", "official"], default=None)
    p.add_argument(
        "--full-parse",
        action="store_true",
        default=None,
        help="parse every sentence, not only those that can carry speech",
    )
    p.set_defaults(func=run)


def _read_jsonl(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        raise ZitatError(f"cannot read {path}: {e}") from e


def _predict(
    gold: list[dict], docs_dir: Path, models: str | None, with_stance: bool, full_parse: bool | None = None
) -> list[dict]:
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig
    from worker.extraction import Pipeline

    pipeline = Pipeline(Extractor(ModelConfig.from_settings(models, full_parse=full_parse)))
    rows = []
    for name in sorted({g["doc"] for g in gold}):
        path = docs_dir / f"{name}.txt"
        if not path.exists():
            raise ZitatError(f"gold document {name!r} not found as {path}")
        scored = pipeline.process_many([path.read_text(encoding="utf-8")], with_stance=with_stance)[0]
        for q, stance in scored:
            rows.append({"doc": name, **q.to_row(), **({"stance": stance.to_dict()} if stance else {})})
    return rows


def run(args) -> int:
    from extractor.evaluation import score

    gold = _read_jsonl(args.gold)
    pred = _read_jsonl(args.pred) if args.pred else _predict(gold, args.docs, args.models, args.stance, args.full_parse)
    result = score(gold, pred)
    errors = result.pop("errors")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for k, v in result.items():
            print(f"{k:18} {v}")
    if args.show_errors:
        for g in errors["missed"]:
            print(f"MISSED   {g['doc'][:3]} [{g['speaker']}] {g['quote'][:90]}")
        for p in errors["spurious"]:
            print(f"SPURIOUS {p['doc'][:3]} [{p.get('speaker')}] {str(p.get('text', ''))[:90]}")
        for g, s in errors["wrong_speaker"]:
            print(f"SPEAKER  {g['doc'][:3]} gold={g['speaker']!r} got={s!r}: {g['quote'][:60]}")
        for g, s in errors["wrong_stance"]:
            print(f"STANCE   {g['doc'][:3]} gold={g['stance']} got={s}: {g['quote'][:60]}")
    sys.stdout.flush()
    return 0
