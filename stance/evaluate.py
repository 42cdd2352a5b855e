"""Measure the scorer on a gold file: `python -m stance.evaluate --gold stance_news.jsonl`.

Metrics over all rows (a gold `stance` of null counts as neutral): accuracy, macro-F1 over hawkish and
conciliatory, the share of neutral rows kept neutral, the confusion matrix (gold rows x predicted
columns), and polar accuracy (the seed gold's measure). Each is given for all rows and for the two
halves of a fixed split by article (`half`): "fit" is the half thresholds were chosen on, "check" the
half that only confirms them. Rows are scored on their quote; with `--frame` a row that has a
`context` is scored within the sentence around it (see stance.frame).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stance.types import Stance

LABELS = ("hawkish", "neutral", "conciliatory")
POLAR = ("hawkish", "conciliatory")


def half(doc: str) -> str:
    """The fixed split by article: sha256 of the article id, odd -> "fit", even -> "check". By article
    so that quotes of one article never fall on both sides."""
    return "fit" if int(hashlib.sha256(doc.encode("utf-8")).hexdigest(), 16) % 2 else "check"


def gold_label(row: dict) -> str:
    s = row.get("stance")
    return s if s in POLAR else "neutral"


@dataclass
class Metrics:
    n: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {g: {p: 0 for p in LABELS} for g in LABELS})

    def add(self, gold: str, pred: str) -> None:
        self.n += 1
        self.confusion[gold][pred] += 1

    def to_dict(self) -> dict:
        c = self.confusion
        right = sum(c[x][x] for x in LABELS)
        f1 = []
        for x in POLAR:
            tp = c[x][x]
            pred = sum(c[g][x] for g in LABELS)
            gold = sum(c[x].values())
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            f1.append(2 * p * r / (p + r) if p + r else 0.0)
        neutral = sum(c["neutral"].values())
        polar = sum(sum(c[x].values()) for x in POLAR)
        return {
            "n": self.n,
            "accuracy": _r(right / self.n if self.n else None),
            "macro_f1_polar": _r(sum(f1) / 2),
            "f1_hawkish": _r(f1[0]),
            "f1_conciliatory": _r(f1[1]),
            "neutral_kept": _r(c["neutral"]["neutral"] / neutral if neutral else None),
            "polar_accuracy": _r(
                (c["hawkish"]["hawkish"] + c["conciliatory"]["conciliatory"]) / polar if polar else None
            ),
            "confusion": {g: dict(c[g]) for g in LABELS},
        }


def _r(x):
    return None if x is None else round(x, 3)


def evaluate(rows: list[dict], scorer, frame: bool = False) -> tuple[dict, list[tuple[dict, Stance]]]:
    """({"all": metrics, "fit": ..., "check": ...}, [(row, stance) for each row])."""
    parts = {"all": Metrics(), "fit": Metrics(), "check": Metrics()}
    scored: list[tuple[dict, Stance]] = []
    for r in rows:
        if frame and r.get("context") and r["quote"] in r["context"]:
            at = r["context"].index(r["quote"])
            st = scorer.score_in(r["context"], at, at + len(r["quote"]), cue=r.get("cue"), speaker=r.get("speaker"))
        else:
            st = scorer.score_text(
                r["quote"], offset=int(r.get("start") or 0), cue=r.get("cue"), speaker=r.get("speaker")
            )
        g = gold_label(r)
        parts["all"].add(g, st.label)
        parts[half(str(r["doc"]))].add(g, st.label)
        scored.append((r, st))
    return {k: m.to_dict() for k, m in parts.items()}, scored


def _confusion_lines(m: dict) -> list[str]:
    head = "gold \\ got".ljust(14) + "".join(x.rjust(14) for x in LABELS)
    return [head] + [g.ljust(14) + "".join(str(m["confusion"][g][p]).rjust(14) for p in LABELS) for g in LABELS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--no-parse", action="store_true", help="token-window rules only, no Stanza")
    ap.add_argument("--frame", action="store_true", help="score each quote within its context sentence")
    ap.add_argument("--errors", action="store_true", help="print the wrongly scored rows with their evidence")
    ap.add_argument(
        "--half", choices=["all", "fit", "check"], default="all", help="which rows --errors prints (default all)"
    )
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    a = ap.parse_args(argv)

    from stance.scorer import LEXICON_VERSION, Scorer

    with open(a.gold, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    scorer = Scorer() if a.no_parse else Scorer(parse=product_parser())
    t0 = time.time()
    metrics, scored = evaluate(rows, scorer, a.frame)
    info = {
        "parser": "none" if a.no_parse else "zitat's extractor (models/de or $ZITAT_MODELS)",
        "lexicon": LEXICON_VERSION,
        "seconds": round(time.time() - t0, 1),
    }
    if a.json:
        print(json.dumps({**metrics, **info}))
    else:
        for part in ("all", "fit", "check"):
            m = metrics[part]
            print(
                f"{part:6} n={m['n']:4}  accuracy {m['accuracy']}  macro-F1(h,c) {m['macro_f1_polar']} "
                f"(h {m['f1_hawkish']}, c {m['f1_conciliatory']})  neutral kept {m['neutral_kept']}  "
                f"polar accuracy {m['polar_accuracy']}"
            )
        print("\n".join(_confusion_lines(metrics["all"])))
        for k, v in info.items():
            print(f"{k:8} {v}")
    if a.errors:
        for r, st in scored:
            g = gold_label(r)
            if st.label == g or (a.half != "all" and half(str(r["doc"])) != a.half):
                continue
            print(
                f"gold={g:12} got={st.label:12} {st.score:+.2f} {r['id']}: {r['quote'][:110]}\n"
                f"    " + "; ".join(f"{e.text}{e.weight:+.2f}[{e.note}]" for e in st.evidence)
            )
    return 0


def product_parser():
    """The parse the product scores on: the extractor's, every sentence parsed. This developer tool
    (and stance.tune) is the one place in stance/ that imports the extractor — the contract in
    pyproject.toml names it; the scorer itself never does."""
    from extractor.api import statement_parser

    return statement_parser()


if __name__ == "__main__":
    sys.exit(main())
