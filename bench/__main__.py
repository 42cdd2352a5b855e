"""`python -m bench [--quick]`: zitat's performance, measured side by side in one run.

    python -m bench            # 1×, 4× and 16× articles, 100,000 statements in Redis, 40 real articles
    python -m bench --quick    # 1× and 4× articles, 10,000 statements, 10 real articles

The real articles come from ../shared (bench.news; skipped with a note where it is absent).

Prints a table and writes JSON (default build/bench/results.json). Everything runs with one torch
thread, as the workers do. Time ratios are CPU time of this process, best of interleaved rounds
(bench.timing); latencies are wall time. The load benchmark is separate: `python -m bench.load`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench import archive, grpc_latency, memory, news, quality, workers
from bench.corpus import corpus, seed_articles, synthetic
from bench.timing import STANZA_PROCESSORS, baseline_runner, best_of, extract_runner
from foundation import defaults
from foundation.logging import configure as configure_logging

DEFAULT_OUT = defaults.REPO_ROOT / "build" / "bench" / "results.json"
DEFAULT_GOLD = defaults.REPO_ROOT.parent / "shared" / "gold" / "seed_quotes.jsonl"


def targets(largest: int) -> dict[str, tuple[str, float]]:
    """metric → (comparison, bound): the issue's "done when", scaled for the quick run's 4×."""
    return {
        "extract_over_baseline": ("<=", 0.6),
        f"scaling_{largest}x_over_1x": ("<=", largest * 18 / 16),
        "worker_speedup_2": (">=", 1.7),
        "cache_hit_ms": ("<=", 5.0),
        **{name: ("<=", bound) for name, bound in archive.TARGETS.items()},  # the archive issue's
        "rss_mib": ("<=", 1024.0),
        **{name: ("<=", bound) for name, bound in news.TARGETS.items()},  # the architecture issue's
    }


def measure_extraction(quick: bool, rounds: int, gold: Path) -> tuple[dict, object]:
    import torch

    from extractor.api import Extractor
    from extractor.nlp import ModelConfig, build_pipeline

    torch.set_num_threads(1)
    largest = 4 if quick else 16
    lengths = (1, 4) if quick else (1, 4, 16)
    corpora = {m: corpus(m, largest) for m in lengths}
    config = ModelConfig.from_settings(threads=1, full_parse=False)
    fast = Extractor(config).load()
    full = Extractor(replace(config, full_parse=True)).load()
    stanza = build_pipeline(config, STANZA_PROCESSORS, batch_words=None)  # Stanza as it comes
    big = corpora[largest]
    sentences = baseline_runner(stanza, big)()  # also warms every pipeline up
    fast.extract(big[0].text), full.extract(big[0].text)

    contenders = {"baseline": baseline_runner(stanza, big), "full": extract_runner(full, big)}
    contenders |= {f"fast@{m}": extract_runner(fast, corpora[m]) for m in lengths}
    best = best_of(rounds, contenders)
    per_article = {m: best[f"fast@{m}"] / len(corpora[m]) for m in lengths}
    out = {
        "corpus_chars": sum(len(a.text) for a in big),
        "corpus_sentences": sentences,
        "baseline_s": round(best["baseline"], 2),
        "baseline_sentences_per_s": round(sentences / best["baseline"], 1),
        "extract_s": round(best[f"fast@{largest}"], 2),
        "extract_full_s": round(best["full"], 2),
        "extract_over_baseline": round(best[f"fast@{largest}"] / best["baseline"], 3),
        "extract_full_over_baseline": round(best["full"] / best["baseline"], 3),
        **{f"seconds_per_article_{m}x": round(per_article[m], 3) for m in lengths},
        f"scaling_{largest}x_over_1x": round(per_article[largest] / per_article[1], 2),
    }
    out |= quality.run(fast, full, seed_articles(), gold)
    return out, fast


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="1× and 4× articles, 10,000 quotes: under 3 minutes")
    p.add_argument("--rounds", type=int, default=2, help="interleaved timing rounds; the best counts")
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="seed gold quotes (JSON Lines)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results (default %(default)s)")
    args = p.parse_args(argv)

    configure_logging(level="WARNING")  # the servers' per-call lines would drown the table
    started = time.monotonic()
    largest = 4 if args.quick else 16
    results: dict = {
        "mode": "quick" if args.quick else "full",
        "machine": platform.node(),
        "python": platform.python_version(),
        "torch_threads": 1,
    }
    timing, extractor = measure_extraction(args.quick, args.rounds, args.gold)
    results |= timing
    seeds = seed_articles()
    results |= grpc_latency.run(extractor, seeds, clients=8, calls_per_client=2 if args.quick else 3)
    statements = 10_000 if args.quick else 100_000  # a million: python -m bench.archive
    results |= {k: v for k, v in archive.run(statements, 1000, 2000).items() if k != "targets"}
    docs = synthetic(1, 4 if args.quick else 8)  # equal sizes: N workers can share them evenly
    results |= workers.run(docs, extractor)
    results |= memory.run(corpus(largest, largest)[0].text)
    results |= news.run(count=10 if args.quick else 40, rounds=args.rounds) or {"news": "skipped: no ../shared"}
    results["bench_seconds"] = round(time.monotonic() - started, 1)

    print(table(results, targets(largest)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {args.out}")
    return 0


def table(results: dict, goals: dict[str, tuple[str, float]]) -> str:
    rows = [("metric", "value", "target", "")]
    for key, value in results.items():
        goal = goals.get(key)
        verdict = ""
        if goal and isinstance(value, (int, float)):
            op, bound = goal
            verdict = "ok" if (value <= bound if op == "<=" else value >= bound) else "MISSED"
        rows.append((key, str(value), f"{goal[0]} {goal[1]:g}" if goal else "", verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


if __name__ == "__main__":
    sys.exit(main())
