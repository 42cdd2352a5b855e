"""Extraction time per KiB from 10 KiB to the 2 MiB document limit, on repetitive and on real text.

    python -m bench.scaling            # 10 KiB, 100 KiB, 500 KiB, 2 MiB (about 40 minutes on 2 cores)
    python -m bench.scaling --quick    # 10 KiB and 100 KiB (a few minutes)

Shapes, each cut to the size (at a sentence end):
- `real`: the seed articles' paragraphs, interleaved (bench.corpus), repeated as often as needed;
- `repeated-name`: one short report of one person, over and over („Hans Müller sagte am Montag, …“):
  the shape that once made speaker resolution quadratic;
- `open-marks`: opening quotation marks that never close („Wort …“): once quadratic in mark pairing.

CPU seconds of this process with one torch thread, one run per size (a 2 MiB run is minutes). Flat
means linear: the ratio of the largest size's seconds per KiB to the smallest's is reported for each
shape (`growth`) and should stay near 1 (the target is ≤ 1.5). The 2 MiB `real` time is the bound
the README states for a document at the size limit. Writes build/bench/scaling.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import seed_articles, seed_paragraphs
from foundation import defaults

DEFAULT_OUT = defaults.REPO_ROOT / "build" / "bench" / "scaling.json"
KIB = 1024
FULL_SIZES = (10 * KIB, 100 * KIB, 500 * KIB, defaults.MAX_DOCUMENT_BYTES)
QUICK_SIZES = (10 * KIB, 100 * KIB)
TARGET_GROWTH = 1.5


def _cut(text: str, size: int) -> str:
    """The text cut to at most `size` UTF-8 bytes, at the last sentence end before that."""
    raw = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    end = max(raw.rfind(". "), raw.rfind(".\n"))
    return raw[: end + 1] if end > 0 else raw


def _repeat(unit: str, size: int) -> str:
    return _cut(unit * (size // len(unit.encode("utf-8")) + 2), size)


def shapes() -> dict[str, Callable[[int], str]]:
    real_unit = "\n\n".join(seed_paragraphs(seed_articles())) + "\n\n"
    return {
        "real": lambda size: _repeat(real_unit, size),
        "repeated-name": lambda size: _repeat("Hans Müller sagte am Montag, er komme morgen nach Berlin. ", size),
        "open-marks": lambda size: _repeat("„Wort und noch ein Wort. ", size),
    }


def measure(sizes: tuple[int, ...], only: list[str] | None = None) -> dict:
    import torch

    from extractor.api import Extractor
    from extractor.nlp import ModelConfig

    torch.set_num_threads(1)
    extractor = Extractor(ModelConfig.from_settings(threads=1)).load()
    extractor.extract("„Wir kommen“, sagte sie.")  # warm up
    rows = []
    chosen = {name: make for name, make in shapes().items() if not only or name in only}
    for shape, make in chosen.items():
        for size in sizes:
            text = make(size)
            started = time.process_time()
            quotes = extractor.extract(text)
            seconds = time.process_time() - started
            kib = len(text.encode("utf-8")) / KIB
            rows.append(
                {
                    "shape": shape,
                    "kib": round(kib, 1),
                    "seconds": round(seconds, 2),
                    "s_per_kib": round(seconds / kib, 4),
                    "quotes": len(quotes),
                }
            )
            print(
                f"{shape:<14} {kib:>8.0f} KiB  {seconds:>8.1f} s  {seconds / kib:.3f} s/KiB  {len(quotes)} quotes",
                flush=True,
            )
    growth = {}
    for shape in chosen:
        mine = [r for r in rows if r["shape"] == shape]
        growth[shape] = round(mine[-1]["s_per_kib"] / mine[0]["s_per_kib"], 2)
    largest_real = [r["seconds"] for r in rows if r["shape"] == "real"][-1:]
    return {
        "benchmark": "scaling",
        "sizes_kib": [s / KIB for s in sizes],
        "rows": rows,
        "growth": growth,
        "target_growth": TARGET_GROWTH,
        "passed": all(g <= TARGET_GROWTH for g in growth.values()),
        "largest_real_seconds": largest_real[0] if largest_real else None,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="10 and 100 KiB only")
    p.add_argument("--shapes", nargs="+", choices=list(shapes()), help="only these shapes")
    p.add_argument("--sizes-kib", nargs="+", type=int, help="these sizes instead (KiB)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = p.parse_args(argv)
    sizes = tuple(k * KIB for k in args.sizes_kib) if args.sizes_kib else QUICK_SIZES if args.quick else FULL_SIZES
    summary = measure(sizes, args.shapes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("growth of s/KiB, largest over smallest:", summary["growth"], "PASS" if summary["passed"] else "FAIL")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
