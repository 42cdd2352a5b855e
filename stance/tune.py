"""Fit the scorer's numbers on the fit half of a gold file: `python -m stance.tune --gold GOLD`.

Procedure (the one the constants in stance.scorer come from): read every row once (cues, shifters,
statuses do not depend on the numbers), then try every point of GRID on the rows of the "fit" half
(stance.evaluate.half: a fixed split by article). TOPIC_ALONE is not fitted: it is 0 by definition
(issue 13: topic words decide nothing alone). With `--seed GOLD --seed-min 0.8` (how the shipped
numbers were chosen) points that score the seed gold's polar quotes below 0.8 are skipped: the seed
gold is the product's acceptance test, but only where it agrees with the guideline, so the quotes of
stance/data/seed_conflicts.tsv (descriptions the seed labels polar) are left out of it unless
`--with-conflicts`. Prefer points that keep at least MIN_NEUTRAL_KEPT of the fit half's neutral rows
neutral, then the best sum of macro-F1 over hawkish and conciliatory and accuracy, then the larger
thresholds and smaller factors (the more conservative scorer). The "check" half and all rows are
reported for the chosen point, never used to choose it. Nothing about single quotes is looked at.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence

from stance.evaluate import Metrics, gold_label, half
from stance.scorer import Params, combine

MIN_NEUTRAL_KEPT = 0.90
GRID = {
    "act_alone": [0.0, 0.25, 0.5, 0.75, 1.0],
    "topic_alone": [0.0],
    "hawkish_at": [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
    "conciliatory_at": [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
}


def seed_conflicts() -> set[tuple[str, int]]:
    """(document prefix, start) of the seed-gold quotes the guideline calls neutral
    (stance/data/seed_conflicts.tsv)."""
    from stance.lexicon import data_rows

    return {(r[0], int(r[1])) for r in data_rows("seed_conflicts.tsv")}


def seed_conflict(row: dict) -> bool:
    return any(str(row.get("doc", "")).startswith(d) and row.get("start") == s for d, s in seed_conflicts())


def read_rows(rows: list[dict], scorer, frame: bool) -> list[list]:
    """The readings of each row, as stance.evaluate scores it."""
    out = []
    for r in rows:
        if frame and r.get("context") and r["quote"] in r["context"]:
            at = r["context"].index(r["quote"])
            from stance.frame import frame_of

            f = frame_of(r["context"], at, at + len(r["quote"]))
            doc = scorer.parse_all([f.text])[0]
            out.append(scorer.read(f.text, f.offset, doc, f, r.get("cue"), shift=0, speaker=r.get("speaker")))
        else:
            doc = scorer.parse_all([r["quote"]])[0]
            out.append(scorer.read(r["quote"], 0, doc, None, r.get("cue"), speaker=r.get("speaker")))
    return out


def measure(rows: list[dict], readings: list[list], params: Params) -> dict[str, dict]:
    parts = {"all": Metrics(), "fit": Metrics(), "check": Metrics()}
    for r, rd in zip(rows, readings):
        label = combine(rd, params).label
        parts["all"].add(gold_label(r), label)
        parts[half(str(r["doc"]))].add(gold_label(r), label)
    return {k: m.to_dict() for k, m in parts.items()}


def seed_accuracy(seed: list[tuple[str, list]], params: Params) -> float:
    """Polar accuracy on (gold label, readings) pairs of the seed gold."""
    return sum(combine(rd, params).label == g for g, rd in seed) / len(seed) if seed else 1.0


def fit(
    rows: list[dict], readings: list[list], seed: Sequence[tuple[str, list]] = (), seed_min: float = 0.0
) -> tuple[Params, dict[str, dict]]:
    fit_rows = [(r, rd) for r, rd in zip(rows, readings) if half(str(r["doc"])) == "fit"]
    best, best_key = None, None
    for values in itertools.product(*GRID.values()):
        p = Params(**dict(zip(GRID, values)))
        if seed_min and seed_accuracy(list(seed), p) < seed_min:
            continue
        m = Metrics()
        for r, rd in fit_rows:
            m.add(gold_label(r), combine(rd, p).label)
        d = m.to_dict()
        key = (
            (d["neutral_kept"] or 0) >= MIN_NEUTRAL_KEPT,
            d["macro_f1_polar"] + d["accuracy"],
            p.hawkish_at + p.conciliatory_at,
            -(p.act_alone + p.topic_alone),
        )
        if best_key is None or key > best_key:
            best, best_key = p, key
    if best is None:
        raise SystemExit("no grid point keeps the seed gold's accuracy")
    return best, measure(rows, readings, best)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--seed", help="seed gold: report its polar accuracy at the chosen point")
    ap.add_argument("--seed-min", type=float, default=0.0, help="skip points below this seed accuracy")
    ap.add_argument(
        "--with-conflicts",
        action="store_true",
        help="keep the seed quotes of stance/data/seed_conflicts.tsv (left out by default)",
    )
    ap.add_argument("--frame", action="store_true", help="read each quote within its context sentence")
    a = ap.parse_args(argv)
    from stance.evaluate import product_parser
    from stance.scorer import Scorer

    scorer = Scorer(parse=product_parser())
    with open(a.gold, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    readings = read_rows(rows, scorer, a.frame)
    seed = []
    if a.seed:
        with open(a.seed, encoding="utf-8") as f:
            polar = [r for r in map(json.loads, filter(str.strip, f)) if r.get("stance") in ("hawkish", "conciliatory")]
        if not a.with_conflicts:
            polar = [r for r in polar if not seed_conflict(r)]
        seed = [(r["stance"], rd) for r, rd in zip(polar, read_rows(polar, scorer, False))]
    params, metrics = fit(rows, readings, seed, a.seed_min)
    print(
        json.dumps(
            {
                "params": params.__dict__,
                "seed_polar_accuracy": round(seed_accuracy(seed, params), 3),
                **{k: {x: v[x] for x in ("accuracy", "macro_f1_polar", "neutral_kept")} for k, v in metrics.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
