"""Named entities in German text: PER, ORG, LOC over a sentence's words (BIO tags).

A linear-chain CRF (CRFsuite) trained by `python -m extractor.model.ner` on GermEval 2014, shipped as
`models/de/ner.crfsuite`. Its features are the word, its affixes and shape, its neighbours, whether
it is a known first name (gender-guesser's list) and its Brown cluster (`models/de/ner_clusters.tsv.gz`,
from spaCy's German lexeme clusters: names of people share clusters, so do places), so it needs no word
vectors and tags a sentence in about a millisecond. Training and tagging use `features()` from this
module, so they cannot drift apart.

Why zitat needs it: a source is a person, an organisation, a place standing for its government or a
medium, never an ordinary noun („Freitagabend“, „Reaktion“); entity spans also give whole names
(„Staatschefs von Deutschland, Frankreich und Großbritannien“ is three places, not one).
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: GermEval's OTH (titles of works, events, languages) is left out: it is never a source, and its
#: low agreement (F1 about 0.4 here) would only blur the three that matter.
LABELS = ("PER", "ORG", "LOC")
MODEL_FILE = "ner.crfsuite"
CLUSTER_FILE = "ner_clusters.tsv.gz"
CLUSTER_PREFIXES = (4, 6, 10, 14)  # bits of a cluster's path: coarse to fine word classes


@dataclass(frozen=True)
class Entity:
    """Words `start`..`end` (exclusive, 0-based) of the sentence form one entity of `label`."""

    start: int
    end: int
    label: str


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    try:
        import gender_guesser.detector as gd
    except ImportError:  # the feature is then never set, in training as in use
        return frozenset()
    return frozenset(name for name in gd.Detector().names if name[:1].isupper() and len(name) > 1)


_DIGITS = re.compile(r"\d")


def _shape(word: str) -> str:
    """„Merkel“ → Xx, „NATO“ → X, „G7“ → Xd, „2024“ → d, „US-Präsident“ → X-Xx (runs collapsed)."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


Clusters = Mapping[str, str]  # word -> its Brown cluster path as a bit string


def load_clusters(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def _cluster_features(word: str, clusters: Clusters, prefix: str) -> dict[str, object]:
    path = clusters.get(word) or clusters.get(word.lower())
    if path is None:
        return {f"{prefix}nocluster": True}
    return {f"{prefix}c{n}": path[:n] for n in CLUSTER_PREFIXES}


def _word_features(word: str, prefix: str, clusters: Clusters) -> dict[str, object]:
    low = word.lower()
    return {
        f"{prefix}low": low,
        f"{prefix}shape": _shape(word),
        f"{prefix}title": word[:1].isupper(),
        f"{prefix}suf3": low[-3:],
        f"{prefix}first": word in _first_names(),
        **_cluster_features(word, clusters, prefix),
    }


def features(words: Sequence[str], clusters: Clusters | None = None) -> list[dict[str, object]]:
    """CRFsuite features of each word of one sentence."""
    clusters = clusters or {}
    out = []
    n = len(words)
    for i, word in enumerate(words):
        low = word.lower()
        f: dict[str, object] = {
            "bias": 1.0, "low": low, "shape": _shape(word), "title": word[:1].isupper(),
            "upper": word.isupper() and len(word) > 1, "digit": bool(_DIGITS.search(word)),
            "hyphen": "-" in word, "len": min(len(word), 12),
            "pre2": low[:2], "pre3": low[:3], "suf2": low[-2:], "suf3": low[-3:], "suf4": low[-4:],
            "first": word in _first_names(), "bos": i == 0, "eos": i == n - 1,
            **_cluster_features(word, clusters, ""),
        }
        if "-" in word:
            head, _, tail = word.rpartition("-")
            f["hyphen_head"], f["hyphen_tail"] = head.lower(), tail.lower()
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.update(_word_features(words[j], f"{offset:+d}:", clusters))
        if i > 0:
            f["-1:low|low"] = f"{words[i - 1].lower()}|{low}"
        if i + 1 < n:
            f["low|+1:low"] = f"{low}|{words[i + 1].lower()}"
        out.append(f)
    return out


def spans(tags: Sequence[str]) -> list[Entity]:
    """Entities from BIO tags; an I- without its B- starts an entity (as conlleval reads it)."""
    found: list[Entity] = []
    start: int | None = None
    label = ""  # the open entity's label, while start is not None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if start is not None and (kind != "I" or name != label):
            found.append(Entity(start, i, label))
            start, label = None, ""
        if kind == "B" or (kind == "I" and start is None):
            start, label = i, name
    return found


class NerTagger:
    """The bundled CRF; load once per process (`NerTagger.load(model_dir)`)."""

    def __init__(self, path: Path, clusters: Clusters | None = None) -> None:
        import pycrfsuite

        self.path = path
        self.clusters = clusters or {}
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    @classmethod
    def load(cls, model_dir: Path) -> NerTagger:
        from foundation.errors import ModelNotAvailable

        path, clusters = Path(model_dir) / MODEL_FILE, Path(model_dir) / CLUSTER_FILE
        for needed in (path, clusters):
            if not needed.exists():
                raise ModelNotAvailable(f"no NER model file {needed} (train it with `python -m extractor.model.ner`)")
        return cls(path, load_clusters(clusters))

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags of a sentence's words."""
        if not words:
            return []
        return list(self._tagger.tag(features(words, self.clusters)))

    def entities(self, words: Sequence[str]) -> list[Entity]:
        return spans(self.tag(words))
