"""The benchmark corpus: the seed articles, and synthetic articles composed from their paragraphs.

An article of length m× is built from whole seed paragraphs, taken in a fixed interleaved order
(paragraph 0 of every seed, then paragraph 1, …) starting at a different place for each article, until
it is m times the mean seed length. Each length's set holds the same amount of text (16 articles of 1×,
4 of 4×, 1 of 16×), so time per article can be compared across lengths directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foundation import defaults

SEEDS = defaults.REPO_ROOT / "seeds"


@dataclass(frozen=True)
class Article:
    name: str
    text: str


def seed_articles(folder: Path = SEEDS) -> list[Article]:
    return [Article(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def seed_paragraphs(seeds: list[Article]) -> list[str]:
    per_seed = [[p.strip() for p in a.text.split("\n") if p.strip()] for a in seeds]
    out = []
    for i in range(max(len(ps) for ps in per_seed)):
        out += [ps[i] for ps in per_seed if i < len(ps)]
    return out


def synthetic(length: int, count: int, seeds: list[Article] | None = None) -> list[Article]:
    """`count` articles of `length` times the mean seed length, each starting at another paragraph."""
    seeds = seeds or seed_articles()
    paragraphs = seed_paragraphs(seeds)
    target = length * sum(len(a.text) for a in seeds) / len(seeds)
    articles = []
    for k in range(count):
        parts, size, i = [], 0, (k * 7) % len(paragraphs)
        while size < target:
            parts.append(paragraphs[i % len(paragraphs)])
            size += len(parts[-1]) + 2
            i += 1
        articles.append(Article(f"synthetic-{length}x-{k:02d}", "\n\n".join(parts)))
    return articles


def corpus(length: int, total_length: int) -> list[Article]:
    """Articles of `length`× whose lengths add up to `total_length`× (16 of 1×, 4 of 4×, 1 of 16×)."""
    return synthetic(length, max(1, total_length // length))
