"""Side-by-side timing: Stanza's full pipeline against zitat's extraction on the same articles.

The machines this runs on are noisy, so every measurement is repeated in interleaved rounds (baseline,
fast, full, baseline, fast, full, …) and the best round of each counts: the ratios compare like with
like. CPU time of this process is used rather than wall time, so another process on the machine
skews the numbers less; both run with the same torch thread count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bench.corpus import Article

#: Stanza's own full German pipeline: the baseline every extraction time is compared with.
STANZA_PROCESSORS = ["tokenize", "mwt", "pos", "lemma", "depparse"]


def cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def best_of(rounds: int, contenders: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of `rounds` interleaved runs of each contender, in CPU seconds."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, work in contenders.items():
            best[name] = min(best[name], cpu_seconds(work))
    return best


def baseline_runner(pipeline, articles: Sequence[Article]) -> Callable[[], int]:
    """Stanza's own pipeline (tokenize, mwt, pos, lemma, depparse; Stanza's batch sizes) per article."""

    def run() -> int:
        return sum(len(pipeline(a.text).sentences) for a in articles)

    return run


def extract_runner(extractor, articles: Sequence[Article]) -> Callable[[], int]:
    """zitat's end-to-end extraction, one article per call, as a user calls it."""

    def run() -> int:
        return sum(len(extractor.extract(a.text)) for a in articles)

    return run
