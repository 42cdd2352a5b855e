"""Seed-gold scores of both parse modes: the fast mode must find exactly what the full parse finds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import Article
from extractor.evaluation import score


def _rows(extractor, seeds: Sequence[Article]) -> list[dict]:
    results = extractor.extract_many([a.text for a in seeds])
    return [{"doc": a.name, **q.to_row()} for a, quotes in zip(seeds, results) for q in quotes]


def run(fast, full, seeds: Sequence[Article], gold_path: Path) -> dict:
    fast_rows, full_rows = _rows(fast, seeds), _rows(full, seeds)
    out = {"identical_quotes": fast_rows == full_rows}
    if not gold_path.exists():
        return {**out, "quote_f1_full": None, "quote_f1_fast": None, "gold": f"missing: {gold_path}"}
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for mode, rows in (("full", full_rows), ("fast", fast_rows)):
        s = score(gold, rows)
        out[f"quote_f1_{mode}"] = s["quote_f1"]
        out[f"quote_recall_{mode}"] = s["quote_recall"]
        out[f"attribution_f1_{mode}"] = s["attribution_f1"]
    return out
