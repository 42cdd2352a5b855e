"""Accuracy of the scorer on a gold file: `python -m stance.evaluate --gold seed_quotes.jsonl`.

Each gold row's quote text is scored on its own, with the gold row's start as offset. Accuracy is
over the polar rows (stance hawkish|conciliatory), as in eval/score.py; gold-null rows are reported
as the share scored neutral. Errors are printed with their evidence.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--no-parse", action="store_true", help="token-window rules only, no Stanza")
    ap.add_argument("--all", action="store_true", help="print every row, not only the errors")
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    a = ap.parse_args(argv)

    from stance.scorer import LEXICON_VERSION, Scorer

    with open(a.gold, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    scorer = Scorer(parse=(lambda _t: None)) if a.no_parse else Scorer()
    t0 = time.time()
    polar_ok = polar = null_neutral = null = 0
    lines = []
    for r in rows:
        st = scorer.score_text(r["quote"], offset=int(r["start"]))
        gold = r.get("stance")
        ok = st.label == gold if gold in ("hawkish", "conciliatory") else st.label == "neutral"
        if gold in ("hawkish", "conciliatory"):
            polar += 1
            polar_ok += ok
        else:
            null += 1
            null_neutral += ok
        if a.all or not ok:
            ev = ", ".join(f"{e.text}{e.weight:+.2f}[{e.note}]" for e in st.evidence)
            tag = "ok  " if ok else ("ERR " if gold else "NULL")
            lines.append(f"{tag} gold={gold or 'null':12} got={st.label:12} {st.score:+.2f} "
                         f"{r['doc'][:3]} {r['quote'][:100]}\n       {ev}")
    metrics = {
        "polar_accuracy": round(polar_ok / polar, 3) if polar else None, "polar": polar,
        "null_neutral": round(null_neutral / null, 3) if null else None, "null": null,
        "parser": "none" if a.no_parse else _parser_name(scorer), "lexicon": LEXICON_VERSION,
        "seconds": round(time.time() - t0, 1),
    }
    if a.json:
        print(json.dumps(metrics))
    else:
        for k, v in metrics.items():
            print(f"{k:15} {v}")
    print("\n".join(lines))
    return 0


def _parser_name(scorer) -> str:
    from extractor.nlp import ModelConfig

    return "stanza " + str(ModelConfig.from_env().model_dir) if scorer._parse is not None else "none"


if __name__ == "__main__":
    sys.exit(main())
