"""Where a job gets its quotes and stances: one interface, two extractors.

With ZITAT_EXTRACTOR_ADDRESS set, quotes come from the extractor's gRPC service
(`zitat.grpc.client.RemoteExtractor`), so workers stay small and the models live in one server;
otherwise the in-process `extractor.api.Extractor` loads the Stanza models itself. Both have
`extract(text)`, `extract_many(texts)` and `model_version`. Every quote is then scored by
`stance.scorer.Scorer`.

The pipeline version (extractor model version + stance lexicon version) names what produced a
result: it is part of the document cache key, so a new model or lexicon never serves stale results.

Fork safety: the in-process Extractor is loaded in the rq worker before it forks (preload), so every
work horse inherits the models instead of loading them again; it runs torch with one thread, as a
fork after a multi-threaded OpenMP pool hangs the child. gRPC channels are created lazily in the
process that uses them (never inherited across fork).
"""
from __future__ import annotations

import os
import threading
from typing import Protocol

from extractor.types import Quote
from stance.types import Stance
from zitat import defaults
from zitat.exceptions import ZitatError


class ExtractorLike(Protocol):
    @property
    def model_version(self) -> str: ...

    def extract(self, text: str) -> list[Quote]: ...

    def extract_many(self, texts: list[str]) -> list[list[Quote]]: ...


class ScorerUnavailable(ZitatError):
    """The stance scorer package cannot be imported."""


def extractor_address() -> str | None:
    return defaults.env(defaults.ENV_GRPC_ADDRESS)


def make_extractor(address: str | None = None) -> ExtractorLike:
    """The remote extractor when an address is configured, the in-process one otherwise."""
    address = address or extractor_address()
    if address:
        from zitat.grpc.client import RemoteExtractor

        return RemoteExtractor(address)
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig

    # One torch thread, always: a work horse forked from a parent whose OpenMP pool has more than one
    # thread deadlocks on its first tensor operation (measured here with the Stanza models). Workers
    # scale with processes (compose replicas), not threads.
    return Extractor(ModelConfig.from_env(threads=1))


def _scorer_module():
    try:
        import stance.scorer as scorer
    except ImportError as e:
        raise ScorerUnavailable(f"the stance scorer cannot be imported: {e}") from e
    return scorer


def lexicon_version() -> str:
    return str(_scorer_module().LEXICON_VERSION)


def model_version_of(extractor: ExtractorLike) -> str:
    version = extractor.model_version
    return str(version() if callable(version) else version)


def pipeline_version(extractor: ExtractorLike) -> str:
    """What produced a result: "<extractor model version>+lexicon-<stance lexicon version>"."""
    return f"{model_version_of(extractor)}+lexicon-{lexicon_version()}"


class Pipeline:
    """Extract, then score: the work of one job, minus storage."""

    def __init__(self, extractor: ExtractorLike, scorer=None) -> None:
        self.extractor = extractor
        self.scorer = scorer or _scorer_module().Scorer()

    @property
    def version(self) -> str:
        return pipeline_version(self.extractor)

    def process(self, text: str) -> list[tuple[Quote, Stance]]:
        quotes = self.extractor.extract(text)
        return list(zip(quotes, self.scorer.score_many(quotes)))

    def close(self) -> None:
        close = getattr(self.extractor, "close", None)
        if callable(close):
            close()


_lock = threading.Lock()
_local_extractor: ExtractorLike | None = None
_scorer = None


def get_scorer():
    """The process's stance scorer (it loads its own Stanza parser on first use)."""
    global _scorer
    with _lock:
        if _scorer is None:
            _scorer = _scorer_module().Scorer()
        return _scorer


def get_pipeline() -> Pipeline:
    """The pipeline for this process.

    The in-process extractor and the scorer are cached (and inherited by forked work horses); a
    remote extractor is created fresh in the calling process so that no gRPC channel crosses a fork.
    """
    global _local_extractor
    if extractor_address():
        return Pipeline(make_extractor(), get_scorer())
    with _lock:
        if _local_extractor is None:
            _local_extractor = make_extractor()
        extractor = _local_extractor
    return Pipeline(extractor, get_scorer())


def single_threaded_torch() -> None:
    """Worker processes run torch with one thread (see the module docstring): the scorer reads
    ZITAT_THREADS when it builds its parser, the in-process extractor is built with threads=1."""
    os.environ["ZITAT_THREADS"] = "1"


def preload() -> Pipeline:
    """Load the models now, before an rq worker forks, so that work horses inherit them."""
    single_threaded_torch()
    pipeline = get_pipeline()
    pipeline.scorer.score_text("Die Lage ist ernst.")  # builds the scorer's parser
    load = getattr(pipeline.extractor, "load", None)
    if callable(load):
        load()  # in-process: loads the models; remote: checks the server answers
    if extractor_address():
        pipeline.close()  # no channel may cross the fork
    return pipeline


def use_extractor(extractor: ExtractorLike) -> None:
    """Make `extractor` this process's in-process extractor (tests and embedders that have one loaded
    already, so that the worker does not load the models a second time)."""
    global _local_extractor
    with _lock:
        _local_extractor = extractor


def reset() -> None:
    """Forget the cached extractor and scorer (tests, or after changing the model configuration)."""
    global _local_extractor, _scorer
    with _lock:
        _local_extractor = _scorer = None
