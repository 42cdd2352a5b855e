"""Named entities in German text: PER, ORG, LOC over a sentence's words (BIO tags).

A linear-chain CRF (CRFsuite) trained by `python -m extractor.model.ner` on GermEval 2014, shipped as
`models/de/ner.crfsuite`. Its features are the word, its affixes and shape, its neighbours, whether
it is a known first name (gender-guesser's list), whether it or a neighbour is a head noun of a role,
an organisation or a place (`extractor/data/ner_heads.tsv`: „Bundeskanzlerin“, „Verlag“, „Stadt“),
whether it stands inside quotation marks, and its Brown cluster (`models/de/ner_clusters.tsv.gz`: all
of spaCy's German lexeme clusters, 860,000 words; names of people share clusters, so do places and
companies) and, when the model ships with `models/de/ner_names.tsv.gz` (built by
`extractor.model.names`), whether the word and its neighbours are known first or last names, common
nouns or places; and, for a model trained with them, the words' STTS tags (HanTa's, which the parser
has already given every word: `annotate` passes them on), so it needs no word vectors and tags a
sentence in a few milliseconds. Training and tagging use `features()` from this module, so they cannot
drift apart.

Why zitat needs it: a source is a person, an organisation, a place standing for its government or a
medium, never an ordinary noun („Freitagabend“, „Reaktion“); entity spans also give whole names
(„Staatschefs von Deutschland, Frankreich und Großbritannien“ is three places, not one).
"""

from __future__ import annotations

import bisect
import gzip
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.document import Sentence, Word

#: GermEval's OTH (titles of works, events, languages) is left out: it is never a source, and its
#: low agreement (F1 about 0.4 here) would only blur the three that matter.
LABELS = ("PER", "ORG", "LOC")
MODEL_FILE = "ner.crfsuite"
CLUSTER_FILE = "ner_clusters.tsv.gz"
NAMES_FILE = "ner_names.tsv.gz"  # optional: word -> flags (F first name, L last name, N common noun, P place)
CLUSTER_PREFIXES = (4, 6, 10, 14)  # bits of a cluster's path: coarse to fine word classes
HEADS_FILE = Path(__file__).parent / "data" / "ner_heads.tsv"


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


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """kind (person, org, place) -> its head nouns, split into (whole words, word endings)."""
    whole: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    for line in HEADS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "word\tkind":
            continue
        word, kind = line.split("\t")[:2]
        whole.setdefault(kind, []).append(word)
        if len(word) > 3:
            ends.setdefault(kind, []).append(word)
    return {kind: (tuple(whole[kind]), tuple(ends.get(kind, ()))) for kind in whole}


def head_kinds(word: str) -> list[str]:
    """The kinds of head noun `word` is or ends in: „Bundesinnenministerin“ → [person]."""
    low = word.lower()
    return [kind for kind, (whole, ends) in _heads().items() if low in whole or low.endswith(ends)]


_head_kinds = head_kinds


_DIGITS = re.compile(r"\d")
_OPENING_QUOTES = frozenset("„«‚")
_CLOSING_QUOTES = frozenset("“”»‘’")
_QUOTES = _OPENING_QUOTES | _CLOSING_QUOTES | {'"', "'"}


def _quote_states(words: Sequence[str]) -> list[str]:
    """Each word: a quotation mark (q), inside quotation marks (in) or outside (out)."""
    inside, out = False, []
    for w in words:
        if w in _QUOTES:
            out.append("q")
            inside = True if w in _OPENING_QUOTES else False if w in _CLOSING_QUOTES else not inside
        else:
            out.append("in" if inside else "out")
    return out


def _shape(word: str) -> str:
    """„Merkel“ → Xx, „NATO“ → X, „G7“ → Xd, „2024“ → d, „US-Präsident“ → X-Xx (runs collapsed)."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


Clusters = Mapping[str, str]  # word -> its Brown cluster path as a bit string


#: Words whose cluster lookups a ClusterTable remembers (a few MB at most).
REMEMBERED_WORDS = 100_000


class ClusterTable(Mapping[str, str]):
    """The word → cluster path table of a gzipped `word<TAB>path` file whose lines are sorted by their
    UTF-8 bytes, looked up by binary search in the file's bytes: 860,000 words take about 22 MB of
    memory where a dict would take 140 MB."""

    def __init__(self, data: bytes) -> None:
        import numpy as np

        if data and not data.endswith(b"\n"):
            data += b"\n"
        self._data = data
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
        starts = np.concatenate(([0], ends[:-1] + 1))[: len(ends)]
        self._starts = starts[ends > starts].astype(np.uint32)  # blank lines left out
        self._keys = _Keys(self)
        self._seen: dict[str, str | None] = {}  # news repeats its words: each is searched once

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if word in self._seen:
            hit = self._seen[word]
        else:
            try:
                hit = self[word]
            except KeyError:
                hit = None
            if len(self._seen) < REMEMBERED_WORDS:
                self._seen[word] = hit
        return default if hit is None else hit

    @classmethod
    def read(cls, path: Path) -> ClusterTable:
        with gzip.open(path, "rb") as f:
            return cls(f.read())

    def key(self, i: int) -> bytes:
        start = int(self._starts[i])
        return self._data[start : self._data.index(b"\t", start)]

    def __getitem__(self, word: str) -> str:
        key = word.encode("utf-8")
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._starts) and self.key(i) == key:
            start = int(self._starts[i]) + len(key) + 1
            return self._data[start : self._data.index(b"\n", start)].decode("utf-8")
        raise KeyError(word)

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[str]:
        return (self.key(i).decode("utf-8") for i in range(len(self)))


class _Keys(Sequence[bytes]):
    """The table's words as a sequence, for bisect."""

    def __init__(self, table: ClusterTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]  # bisect passes ints, never slices
        return self._table.key(i)


def write_clusters(path: Path, table: Mapping[str, str]) -> None:
    """The file ClusterTable reads: lines sorted by their bytes, words with a tab or newline left out."""
    lines = sorted(f"{w}\t{p}".encode() for w, p in table.items() if p and "\t" not in w and "\n" not in w)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def load_clusters(path: Path) -> ClusterTable:
    return ClusterTable.read(path)


def load_names(path: Path, keep: str | None = None) -> ClusterTable:
    """The name list (`word<TAB>flags`, the cluster table's format); `keep`: only these flags (a word
    left with none is left out), as a model trained on some of the flags reads it."""
    if keep is None:
        return ClusterTable.read(path)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = (line.rstrip("\n").split("\t") for line in f if "\t" in line)
        kept = ((w, "".join(c for c in flags if c in keep)) for w, flags in lines)
        return ClusterTable("".join(f"{w}\t{flags}\n" for w, flags in kept if flags).encode())


def _name_features(f: dict[str, object], i: int, flags: Sequence[str], after_first: bool, title: bool) -> None:
    """The name list's features of word `i` (its flags: F first name, L last name, N common noun, P place)."""
    own = flags[i]
    if own:
        f["names"] = own  # the flags together: „L“ (a surname only) reads unlike „LN“ („Koch“)
        if "L" in own and after_first:
            f["first+last"] = True  # „Anna Kowalczyk“
        elif "L" in own and title and i > 0 and "N" not in own and "F" not in own:
            f["lone_last"] = True  # „verlässt Lear“
    for offset in (-1, 1):
        j = i + offset
        if 0 <= j < len(flags) and flags[j]:
            f[f"{offset:+d}:names"] = flags[j]


def _cluster_features(path: str | None, prefix: str) -> dict[str, object]:
    if path is None:
        return {f"{prefix}nocluster": True}
    return {f"{prefix}c{n}": path[:n] for n in CLUSTER_PREFIXES}


@lru_cache(maxsize=50_000)
def _own(word: str, path: str | None, first: bool) -> dict[str, object]:
    """A word's features of its own, whatever its place (remembered like `_lent`)."""
    low = word.lower()
    return {
        "bias": 1.0,
        "low": low,
        "shape": _shape(word),
        "title": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1,
        "digit": bool(_DIGITS.search(word)),
        "hyphen": "-" in word,
        "len": min(len(word), 12),
        "pre2": low[:2],
        "pre3": low[:3],
        "suf2": low[-2:],
        "suf3": low[-3:],
        "suf4": low[-4:],
        "first": first,
        **_cluster_features(path, ""),
    }


@lru_cache(maxsize=50_000)
def _lent(word: str, path: str | None, offset: int) -> dict[str, object]:
    """What a word lends the word `offset` places away (remembered: news repeats its words; callers
    only read the dict)."""
    low = word.lower()
    prefix = f"{offset:+d}:"
    return {
        f"{prefix}low": low,
        f"{prefix}shape": _shape(word),
        f"{prefix}title": word[:1].isupper(),
        f"{prefix}suf3": low[-3:],
        f"{prefix}first": word in _first_names(),
        **_cluster_features(path, prefix),
    }


def _is_first_name(word: str) -> bool:
    """A known first name, or a hyphenated one of known names („Lea-Sophie“)."""
    names = _first_names()
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


#: The part-of-speech features' prefix: a model that has weights for such features reads the words'
#: STTS tags (HanTa's), and NerTagger supplies them when its caller does not.
POS_FEATURE = "pos"


def _pos_features(f: dict[str, object], i: int, tags: Sequence[str]) -> None:
    """Word `i`'s STTS tag, its neighbours' (±2) and the tag pairs around it: HanTa, trained on the
    TIGER treebank's 50,000 sentences, tells a proper noun (NE) from a common noun (NN) on far more
    text than GermEval's."""
    f[POS_FEATURE] = tags[i]
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(tags):
            f[f"{offset:+d}:{POS_FEATURE}"] = tags[j]
    if i > 0:
        f[f"-1:{POS_FEATURE}|{POS_FEATURE}"] = f"{tags[i - 1]}|{tags[i]}"
    if i + 1 < len(tags):
        f[f"{POS_FEATURE}|+1:{POS_FEATURE}"] = f"{tags[i]}|{tags[i + 1]}"
    if tags[i] == "NE" and i > 0 and tags[i - 1] == "NE":
        f["NE+NE"] = True  # „Angela Merkel“, „Hamburger Hafen“ reads otherwise


def features(
    words: Sequence[str],
    clusters: Clusters | None = None,
    names: Clusters | None = None,
    tags: Sequence[str] | None = None,
) -> list[dict[str, object]]:
    """CRFsuite features of each word of one sentence (`names`: the name list, see `load_names`;
    `tags`: the words' STTS tags, for a model trained with them)."""
    table: Clusters = clusters if clusters is not None else {}
    paths = [table.get(w) or table.get(w.lower()) for w in words]
    heads = [_head_kinds(w) for w in words]
    quotes = _quote_states(words)
    firsts = [_is_first_name(w) for w in words]
    first_names = _first_names()
    flags = [names.get(w) or "" for w in words] if names is not None else None
    out = []
    n = len(words)
    for i, word in enumerate(words):
        low = word.lower()
        f = {
            **_own(word, paths[i], firsts[i]),
            "bos": i == 0,
            "eos": i == n - 1,
            "quote": quotes[i],
        }
        if word.endswith("s") and word[:-1] in first_names:
            f["first_gen"] = True  # „Annas“
        if i > 0 and firsts[i - 1] and word[:1].isupper():
            f["after_first"] = True
        if flags is not None:
            after_first = i > 0 and (firsts[i - 1] or "F" in flags[i - 1])
            _name_features(f, i, flags, after_first, word[:1].isupper())
        if tags is not None:
            _pos_features(f, i, tags)
        if "-" in word:
            head, _, tail = word.rpartition("-")
            f["hyphen_head"], f["hyphen_tail"] = head.lower(), tail.lower()
        for kind in heads[i]:
            f[f"head_{kind}"] = True
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.update(_lent(words[j], paths[j], offset))
                if offset < 2:
                    for kind in heads[j]:
                        f[f"{offset:+d}:head_{kind}"] = True
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

    def __init__(self, path: Path, clusters: Clusters | None = None, names: Clusters | None = None) -> None:
        import pycrfsuite

        self.path = path
        self.clusters: Clusters = clusters if clusters is not None else {}
        self.names = names  # None: a model trained without the name list
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        #: whether the model was trained with part-of-speech features (they then must be given)
        self.reads_tags = any(a.startswith(f"{POS_FEATURE}:") for a in self._tagger.info().attributes)

    @classmethod
    def load(cls, model_dir: Path) -> NerTagger:
        from foundation.errors import ModelNotAvailable

        path, clusters = Path(model_dir) / MODEL_FILE, Path(model_dir) / CLUSTER_FILE
        for needed in (path, clusters):
            if not needed.exists():
                raise ModelNotAvailable(f"no NER model file {needed} (train it with `python -m extractor.model.ner`)")
        names = Path(model_dir) / NAMES_FILE
        return cls(path, load_clusters(clusters), load_names(names) if names.exists() else None)

    def tag(self, words: Sequence[str], tags: Sequence[str] | None = None) -> list[str]:
        """BIO tags of a sentence's words; `tags`: their STTS tags if known (else HanTa tags them
        here when the model reads tags)."""
        if not words:
            return []
        if not self.reads_tags:
            tags = None
        elif tags is None or len(tags) != len(words) or not all(tags):
            tags = pos_tags(words)
        return list(self._tagger.tag(features(words, self.clusters, self.names, tags)))

    def entities(self, words: Sequence[str]) -> list[Entity]:
        return spans(self.tag(words))


def pos_tags(words: Sequence[str]) -> list[str]:
    """The words' STTS tags from HanTa, as the parser gives them (extractor.hanta_tags)."""
    from extractor.hanta_tags import tag_sentence

    return [stts for _, stts, _ in tag_sentence(list(words))]


#: Where a word's BIO tag is kept once a document is annotated (beside its morphology, as CoNLL-U keeps
#: NER in MISC); a word never annotated reads as outside any entity.
FEATURE = "NER"


def annotate(sentences: Iterable[Sentence], tagger: NerTagger) -> None:
    """Tag every word of the parsed or tagged sentences with its BIO entity tag (`entity_tag`)."""
    for s in sentences:
        if not s.words:
            continue
        for w, tag in zip(s.words, tagger.tag([w.text for w in s.words], [w.xpos for w in s.words])):
            if tag != "O":
                w.feats[FEATURE] = tag


def entity_tag(w: Word) -> str:
    """The word's BIO tag („B-PER“, „I-ORG“, „O“): „O“ when the document was not annotated."""
    return w.feats.get(FEATURE, "O")


def entity_label(w: Word) -> str | None:
    """PER, ORG or LOC when the word is part of a named entity."""
    tag = entity_tag(w)
    return tag[2:] if tag != "O" else None
