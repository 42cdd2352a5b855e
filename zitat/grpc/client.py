"""`RemoteExtractor`: extractor.api.Extractor's interface over gRPC, for workers without a model.

The channel is made on first use and again after a fork (rq forks a work horse per job), so an
object built in the parent is safe to use in the child. Errors come back as zitat exceptions:
INVALID_ARGUMENT → InvalidDocument, FAILED_PRECONDITION → ModelNotAvailable, and everything that
means "the server could not answer now" → ExtractorUnavailable, which callers may retry.

Calls that find the server down, restarting or overloaded (UNAVAILABLE, RESOURCE_EXHAUSTED) are
retried with back-off for up to ZITAT_EXTRACTOR_RETRY_SECONDS (zitat.grpc.retry) before
ExtractorUnavailable is raised, and the channel's own reconnect back-off is capped at the same
longest wait, so that a restarted extractor is found again within seconds.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc

from extractor.api import validate_text
from extractor.types import Quote
from foundation import defaults
from foundation.errors import ZitatError
from foundation.settings import current
from worker.extraction import Scored, pipeline_version
from zitat.grpc import converters as conv
from zitat.grpc import errors, retry
from zitat.grpc.limits import MESSAGE_OPTIONS
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

DEFAULT_TIMEOUT_S = defaults.EXTRACT_DEADLINE_BASE_S
#: A channel made after a fork must not pick up a connection of the parent's from gRPC's global
#: subchannel pool (its socket belongs to the parent: "Wrong file descriptor generation").
_OPTIONS = [
    *MESSAGE_OPTIONS,
    ("grpc.use_local_subchannel_pool", 1),
    ("grpc.initial_reconnect_backoff_ms", int(defaults.EXTRACTOR_RETRY_FIRST_WAIT * 1000)),
    ("grpc.max_reconnect_backoff_ms", int(defaults.EXTRACTOR_RETRY_MAX_WAIT * 1000)),
]


class ExtractorUnavailable(ZitatError, ConnectionError):
    """The remote extractor did not answer (down, overloaded, too slow): worth retrying later."""


class RemoteExtractor:
    """Same methods as extractor.api.Extractor: `extract`, `extract_many`, `model_version`, `load`."""

    def __init__(
        self,
        address: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        *,
        tls_ca: str | Path | None = None,
        retry_policy: retry.RetryPolicy | None = None,
    ) -> None:
        settings = current()
        self.address = address or settings.extractor_address or f"127.0.0.1:{defaults.DEFAULT_GRPC_PORT}"
        self.timeout = timeout  # seconds per document, plus EXTRACT_DEADLINE_PER_KIB_S per KiB of text
        self.retry_policy = retry_policy or retry.RetryPolicy.from_settings(settings)
        ca = tls_ca or settings.tls_ca
        self._tls_ca = Path(ca) if ca else None
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._channel: grpc.Channel | None = None
        self._stub: pb_grpc.ExtractorStub | None = None
        self._model_version: str | None = None

    def _get_stub(self) -> pb_grpc.ExtractorStub:
        with self._lock:
            if self._stub is None or self._pid != os.getpid():
                # After a fork the parent's channel is not ours to use or close: just make a new one.
                if self._tls_ca is not None:
                    creds = grpc.ssl_channel_credentials(self._tls_ca.read_bytes())
                    self._channel = grpc.secure_channel(self.address, creds, options=_OPTIONS)
                else:
                    self._channel = grpc.insecure_channel(self.address, options=_OPTIONS)
                self._stub = pb_grpc.ExtractorStub(self._channel)
                self._pid = os.getpid()
            return self._stub

    def _error(self, err: grpc.RpcError) -> ZitatError:
        mapped = errors.from_status(
            err.code(), err.details() or "", errors.bad_request_field(err), errors.error_reason(err)
        )
        if mapped is not None:
            return mapped
        return ExtractorUnavailable(f"zitat extractor at {self.address}: {err.code().name}: {err.details()}")

    def _call(self, rpc):
        """rpc(), retried while the server is unavailable (see zitat.grpc.retry); errors mapped."""
        try:
            return retry.call(rpc, self.retry_policy, target=self.address)
        except grpc.RpcError as err:
            raise self._error(err) from None

    @property
    def model_version(self) -> str:
        """Asked once per process and cached: the server's model does not change while it runs."""
        if self._model_version is None or self._pid != os.getpid():
            self._model_version = self._call(
                lambda: (
                    self._get_stub().GetModelVersion(pb.GetModelVersionRequest(), timeout=self.timeout).model_version
                )
            )
        return self._model_version

    def deadline_for(self, texts: list[str]) -> float:
        """Seconds to allow for extracting `texts`: the base per document plus a share per KiB, so a
        document at the size limit can finish where a short one would be abandoned long before."""
        kib = sum(len(t.encode("utf-8", errors="surrogatepass")) for t in texts) / 1024
        return self.timeout * max(1, len(texts)) + defaults.EXTRACT_DEADLINE_PER_KIB_S * kib

    def load(self) -> RemoteExtractor:
        """Fail now, not on the first document, when the server cannot be reached."""
        _ = self.model_version
        return self

    def extract(self, text: str) -> list[Quote]:
        validate_text(text)
        response = self._call(
            lambda: self._get_stub().Extract(pb.ExtractRequest(text=text), timeout=self.deadline_for([text]))
        )
        return [conv.quote_from_pb(q) for q in response.quotes]

    def extract_many(self, texts: list[str], stop: Callable[[], bool] | None = None) -> list[list[Quote]]:
        """All documents over one stream; the first bad one raises, like Extractor.extract_many.
        `stop` is accepted for the same signature; the call's own deadline bounds the work."""
        return [[q for q, _ in scored] for scored in self.process_many(texts, with_stance=False)]

    # --- worker.extraction.Analyser: the server extracts and scores on its one parse ---------------
    @property
    def version(self) -> str:
        return pipeline_version(self.model_version)

    def process_many(
        self, texts: list[str], stop: Callable[[], bool] | None = None, with_stance: bool = True
    ) -> list[Scored]:
        """Each document's quotes with the stances the server scored (None without `with_stance`)."""
        for text in texts:
            validate_text(text)
        if not texts:
            return []
        return self._call(lambda: self._extract_batch(texts, with_stance))

    def process(self, text: str) -> Scored:
        return self.process_many([text])[0]

    def _extract_batch(self, texts: list[str], with_stance: bool) -> list[Scored]:
        requests: Iterator[pb.ExtractBatchRequest] = (
            pb.ExtractBatchRequest(id=str(i), text=t, with_stance=with_stance) for i, t in enumerate(texts)
        )
        results: dict[int, Scored] = {}
        call = self._get_stub().ExtractBatch(requests, timeout=self.deadline_for(texts))
        try:
            for response in call:
                if response.HasField("error"):
                    e = response.error
                    raise errors.from_status(e.code, e.message, e.field or None) or ExtractorUnavailable(
                        f"zitat extractor at {self.address}: document {response.id}: {e.message}"
                    )
                results[int(response.id)] = [
                    (conv.quote_from_pb(q), conv.stance_from_pb(q.stance) if q.HasField("stance") else None)
                    for q in response.quotes
                ]
        except ZitatError:
            call.cancel()  # the rest of the batch is wasted work once we raise
            raise
        if len(results) != len(texts):
            raise ExtractorUnavailable(
                f"zitat extractor at {self.address} answered {len(results)} of {len(texts)} documents"
            )
        return [results[i] for i in range(len(texts))]

    def close(self) -> None:
        with self._lock:
            if self._channel is not None and self._pid == os.getpid():
                self._channel.close()
            self._channel = self._stub = None

    def __enter__(self) -> RemoteExtractor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
