"""Cost on real German news: extraction, stance scoring and Stanza's own full pipeline, side by side.

    python -m bench.news [--articles 40] [--shared ../shared]

The articles are the first N (sorted by id, outside the 100 held out in extractor/evaluation_split)
of `../shared/corpora/spkatt-news/train`, turned into text by `../shared/eval/spkatt.py` (the corpus is
for measuring only: nothing from it is kept). Without ../shared the benchmark says so and exits 0.

CPU seconds of this process, one torch thread, best of --rounds interleaved rounds (bench.timing):
- `baseline`: Stanza's full pipeline (tokenize, mwt, pos, lemma, depparse) as it comes;
- `extract`: zitat's extraction (only the sentences that can carry speech are parsed);
- `extract_stance`: extraction with every quote's stance, scored on the extractor's own parse
  (worker.extraction.Pipeline: what `zitat extract --stance` and the worker run);
and the worker's RSS with its models loaded (a fresh process, as `zitat worker` preloads them).
- `stance`: the stance scoring alone, on the extractor's parse and quotes of the same articles (what
  `extract_stance` adds to `extract`: measured by itself, since the difference of two separately
  timed runs of about 3.5 s each is mostly their noise);
Reported against the targets of the architecture issue: `stance_over_extract` (what stance adds to
extraction, `stance` / `extract`, <= 0.05) and `extract_stance_over_baseline` (zitat extract --stance against Stanza's own
pipeline, <= 0.50). Writes build/bench/news.json; `python -m bench` runs it too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import STANZA_PROCESSORS, best_of
from foundation import defaults

DEFAULT_SHARED = defaults.REPO_ROOT.parent / "shared"
DEFAULT_OUT = defaults.REPO_ROOT / "build" / "bench" / "news.json"

#: The targets of the architecture issue (issue 10).
TARGETS = {"stance_over_extract": 0.05, "extract_stance_over_baseline": 0.50}

WORKER_PROBE = """
import json, re
from worker import extraction

def rss_kib():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmRSS:\\s+(\\d+) kB", f.read()).group(1))

extraction.preload()
print(json.dumps({"rss_kib": rss_kib()}))
"""


def articles(shared: Path, count: int) -> list[tuple[str, str]] | None:
    """(id, text) of the first `count` development articles, or None without the corpus."""
    script, corpus = shared / "eval" / "spkatt.py", shared / "corpora" / "spkatt-news" / "train"
    if not script.exists() or not corpus.is_dir():
        return None
    from extractor.evaluation_split import HELD_OUT

    spec = importlib.util.spec_from_file_location("spkatt_eval", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = []
    for path in sorted(corpus.glob("*.json"), key=lambda p: p.stem):
        stem = path.stem.split(" ")[0]
        if stem in HELD_OUT:
            continue
        text, _ = module.detokenize(json.loads(path.read_text(encoding="utf-8"))["Sentences"])
        out.append((stem, text))
        if len(out) == count:
            break
    return out


def worker_rss_mib() -> float:
    env = {**os.environ, "PYTHONPATH": str(defaults.REPO_ROOT), defaults.ENV_THREADS: "1"}
    env.pop(defaults.ENV_GRPC_ADDRESS, None)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", WORKER_PROBE],
            capture_output=True,
            text=True,
            cwd=tmp,
            env=env,
            check=True,
            timeout=600,
        )
    return round(json.loads(done.stdout.strip().splitlines()[-1])["rss_kib"] / 1024, 1)


def measure(docs: list[tuple[str, str]], rounds: int) -> dict:
    import torch

    from extractor.api import Extractor
    from extractor.nlp import ModelConfig, build_pipeline
    from worker.extraction import Pipeline

    torch.set_num_threads(1)
    config = ModelConfig.from_settings(threads=1, full_parse=False)
    extractor = Extractor(config).load()
    pipeline = Pipeline(extractor)
    stanza = build_pipeline(config, STANZA_PROCESSORS, batch_words=None)
    texts = [text for _, text in docs]
    scored = [pipeline.process(t) for t in texts]  # also warms up
    analyses = [(t, a) for t in texts for a in extractor.analyse_many([t])]
    best = best_of(
        rounds,
        {
            "baseline": lambda: [stanza(t) for t in texts],
            "extract": lambda: [extractor.extract(t) for t in texts],
            "extract_stance": lambda: [pipeline.process(t) for t in texts],
            "stance": lambda: [pipeline.scorer.score_many(a.quotes, t, a.sentences) for t, a in analyses],
        },
    )
    return {
        "news_articles": len(texts),
        "news_chars": sum(map(len, texts)),
        "news_quotes": sum(map(len, scored)),
        "news_baseline_s": round(best["baseline"], 2),
        "news_extract_s": round(best["extract"], 2),
        "news_extract_stance_s": round(best["extract_stance"], 2),
        "news_stance_s": round(best["stance"], 3),
        "stance_over_extract": round(best["stance"] / best["extract"], 3),
        "extract_over_baseline": round(best["extract"] / best["baseline"], 3),
        "extract_stance_over_baseline": round(best["extract_stance"] / best["baseline"], 3),
    }


def run(shared: Path = DEFAULT_SHARED, count: int = 40, rounds: int = 2) -> dict | None:
    """The real-news measurements, or None (with a note on stdout) where ../shared is absent."""
    docs = articles(shared, count)
    if docs is None:
        print(f"bench.news: skipped — no SpkAtt corpus under {shared} (it is not shipped with zitat)")
        return None
    results = measure(docs, rounds)
    results["worker_rss_mib_models_loaded"] = worker_rss_mib()
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.news", description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=40)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = p.parse_args(argv)
    results = run(args.shared, args.articles, args.rounds)
    if results is None:
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(map(len, results))
    print("\n".join(f"{k:<{width}}  {v}" for k, v in results.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
