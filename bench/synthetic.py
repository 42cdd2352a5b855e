"""A synthetic newsroom archive for the benchmarks, written through the worker's own write path.

Articles of QUOTES_PER_ARTICLE quotes, each quote 10–18 words drawn from the seed articles (the
project's own files), with a cue, a speaker mention, a stance with one decisive word, one of six
outlets and a publication time within one year. Every article goes through QuoteStore.write_document,
Archive.register and Archive.publish, statement matching and all: what the benchmarks read is what a
worker would have stored.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from extractor.types import Quote, Span
from foundation import defaults
from stance.types import Evidence, Stance
from worker.metadata import parse_published
from worker.service import QuoteService
from worker.types import ArticleMeta

QUOTES_PER_ARTICLE = 20
OUTLETS = ("Tagesblatt", "Abendpost", "Morgenblatt", "Rundschau", "Kurier", "Anzeiger")
YEAR_START = 1735689600.0  # 2025-01-01 UTC

#: (random generator, the quote's place in its article) -> (speaker, role or None)
SpeakerPicker = Callable[[random.Random, int], tuple[str, str | None]]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Words of the seed articles, longer than three letters."""
    words: set[str] = set()
    for path in sorted((defaults.REPO_ROOT / "seeds").glob("*.txt")):
        words.update(re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", path.read_text(encoding="utf-8")))
    return tuple(sorted(words))


def fill(service: QuoteService, articles: int, pick: SpeakerPicker, *, seed: int = 7, name: str = "bench") -> Counter:
    """Store `articles` synthetic articles; returns how many quotes each speaker got."""
    rng = random.Random(seed)
    words = vocabulary()
    counts: Counter = Counter()
    archive, store = service.archive, service.store
    for a in range(articles):
        pieces, scored, at = [], [], 0
        for i in range(QUOTES_PER_ARTICLE):
            who, role = pick(rng, i)
            text = " ".join(rng.choice(words) for _ in range(rng.randint(10, 18)))
            sentence = f"„{text}“, sagte {role + ' ' if role else ''}{who}. "
            start, cue, mention = at + 1, at + sentence.index("sagte"), at + sentence.index(who)
            score = rng.uniform(-1, 1)
            label = "hawkish" if score > 0.15 else "conciliatory" if score < -0.15 else "neutral"
            first = text.split()[0]
            quote = Quote(
                text,
                start,
                start + len(text),
                "direct",
                Span("sagte", cue, cue + 5),
                who,
                Span(who, mention, mention + len(who)),
                role,
                0.9,
                mode=rng.choice(("speech", "speech", "speech", "thought", "writing")),
            )
            scored.append((quote, Stance(score, label, [Evidence(first, start, start + len(first), score / 2, "")])))  # type: ignore[arg-type]
            counts[who] += 1
            pieces.append(sentence)
            at += len(sentence)
        doc = "".join(pieces)
        doc_id = hashlib.sha256(doc.encode()).hexdigest()
        when = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(YEAR_START + rng.uniform(0, 364 * 86400)))
        published, ts = parse_published(when)
        store.write_document(doc_id, f"{name}-{a}", "bench", scored, text=doc)
        meta = ArticleMeta(
            title=f"Artikel {a}",
            outlet=rng.choice(OUTLETS),
            published=published,
            published_ts=ts,
            url=f"https://bench.example/{name}/{a}",
        )
        archive.publish(archive.register(doc_id, f"{name}-{a}", meta))
    return counts
