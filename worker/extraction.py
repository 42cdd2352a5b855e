"""Where a job gets its quotes and stances: one parse, two ways to get it.

In process, `Pipeline` runs the extractor (`extractor.api.Extractor`) and scores every quote with
`stance.scorer.Scorer` on the extractor's own parse of the document: one Stanza pipeline per
process, every sentence parsed once. With ZITAT_EXTRACTOR_ADDRESS set, a `zitat serve` does both
(Extract with `with_stance`), so workers load no models at all; the gRPC client that talks to it
belongs to the edge (zitat.grpc.client), which hands this module a factory for it (`use_remote`) —
the worker never imports upwards.

The pipeline version (extractor model version + stance lexicon version) names what produced a
result: it is part of the document cache key, so a new model or lexicon never serves stale results.

Fork safety: the in-process pipeline is loaded in the rq worker before it forks (preload), so every
work horse inherits the models instead of loading them again; it runs torch with one thread, as a
fork after a multi-threaded OpenMP pool hangs the child. gRPC channels are created lazily in the
process that uses them (never inherited across fork).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from extractor.api import Extractor, statement_parser
from extractor.nlp import ModelConfig
from extractor.types import Quote
from foundation.settings import SettingsError, current
from stance.scorer import LEXICON_VERSION, Scorer
from stance.types import Stance
from worker import terms

Scored = list[tuple[Quote, Stance | None]]


class Versioned(Protocol):
    """Anything that names its extraction model (an Extractor, an Analyser)."""

    @property
    def model_version(self) -> str: ...


class Analyser(Protocol):
    """What a job needs: each document's quotes with their stances, and the name of what made them.
    `Pipeline` here; `zitat.grpc.client.RemoteExtractor` for a remote extractor."""

    @property
    def model_version(self) -> str: ...

    @property
    def version(self) -> str: ...

    def process_many(
        self, texts: list[str], stop: Callable[[], bool] | None = None, with_stance: bool = True
    ) -> list[Scored]: ...

    def process(self, text: str) -> Scored: ...

    def load(self) -> object: ...

    def close(self) -> None: ...


def pipeline_version(model_version: str) -> str:
    """What produced a result: "<extractor model version>+lexicon-<stance lexicon version>"."""
    return f"{model_version}+lexicon-{LEXICON_VERSION}"


class Pipeline:
    """Extract, then score on the same parse: the work of one job, minus storage."""

    def __init__(self, extractor: Extractor, scorer: Scorer | None = None) -> None:
        self.extractor = extractor
        self.scorer = scorer or Scorer()

    @property
    def model_version(self) -> str:
        return self.extractor.model_version

    @property
    def version(self) -> str:
        return pipeline_version(self.extractor.model_version)

    def load(self) -> Pipeline:
        self.extractor.load()
        return self

    def process_many(
        self, texts: list[str], stop: Callable[[], bool] | None = None, with_stance: bool = True
    ) -> list[Scored]:
        """Each document's quotes with their stances (None without `with_stance`), each quote scored
        within its sentence on the extractor's parse."""
        out: list[Scored] = []
        for text, analysis in zip(texts, self.extractor.analyse_many(texts, stop)):
            quotes = analysis.quotes
            stances: list[Stance | None] = (
                list(self.scorer.score_many(quotes, text, analysis.sentences))
                if with_stance and quotes
                else [None] * len(quotes)
            )
            out.append(list(zip(quotes, stances)))
        return out

    def process(self, text: str) -> Scored:
        return self.process_many([text])[0]

    def close(self) -> None:
        pass


def statement_scorer(source: str | None = None) -> Scorer:
    """A scorer for bare statements (`zitat stance`, the gold evaluation): the extractor's parser
    reads each one whole (every sentence parsed, as a quote's sentence is in an article)."""
    return Scorer(parse=statement_parser(source))


_lock = threading.Lock()
_local: Analyser | None = None
_remote_factory: Callable[[str], Analyser] | None = None


def use_remote(factory: Callable[[str], Analyser]) -> None:
    """How this process reaches a remote extractor (address -> Analyser): set by the edge at start-up."""
    global _remote_factory
    _remote_factory = factory


def remote_address() -> str | None:
    return current().extractor_address


def make_analyser(address: str | None = None) -> Analyser:
    """The remote extractor when an address is configured, the in-process pipeline otherwise."""
    address = address or remote_address()
    if address:
        if _remote_factory is None:
            raise SettingsError(
                "ZITAT_EXTRACTOR_ADDRESS is set, but this process has no gRPC client: run workers with `zitat worker`"
            )
        return _remote_factory(address)
    # One torch thread, always: a work horse forked from a parent whose OpenMP pool has more than one
    # thread deadlocks on its first tensor operation (measured here with the Stanza models). Workers
    # scale with processes (compose replicas), not threads.
    return Pipeline(Extractor(ModelConfig.from_settings(threads=1)))


def get_pipeline() -> Analyser:
    """The pipeline for this process.

    The in-process one is cached (and inherited by forked work horses); a remote one is created
    fresh in the calling process so that no gRPC channel crosses a fork.
    """
    global _local
    if remote_address():
        return make_analyser()
    with _lock:
        if _local is None:
            _local = make_analyser()
        assert _local is not None
        return _local


#: What a worker extracts once before it forks (composed for it): a cue with a reported clause, a
#: Konjunktiv continuation, a name, a quotation and a stance word, so that every stage has run once.
WARM_UP_TEXT = (
    "Die Ministerin Anna Berg sagte am Montag in Berlin, die Gespräche würden fortgesetzt. "
    "Man sei zu Verhandlungen bereit. „Wir wollen keine Eskalation“, erklärte sie."
)


def preload() -> Analyser:
    """Load the models now, before an rq worker forks, so that work horses inherit them (remote:
    check that the server answers). In process, one short article is also extracted, and the
    dictionary that publishing lemmatises search terms with is decoded: whatever a process sets up
    on first use (torch's kernels, HanTa's and the look-ups' memory, simplemma's dictionary) a work
    horse forked from an unwarmed worker set up again for every job (3.7 s of CPU a job)."""
    pipeline = get_pipeline()
    pipeline.load()
    terms.load()
    if remote_address():
        pipeline.close()  # no channel may cross the fork
    else:
        pipeline.process(WARM_UP_TEXT)
    return pipeline


def use_extractor(extractor: Extractor) -> None:
    """Make `extractor` this process's in-process extractor (tests and embedders that have one loaded
    already, so that the worker does not load the models a second time)."""
    global _local
    with _lock:
        _local = Pipeline(extractor)


def reset() -> None:
    """Forget the cached pipeline (tests, or after changing the model configuration)."""
    global _local
    with _lock:
        _local = None
