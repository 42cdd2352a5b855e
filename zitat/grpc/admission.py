"""Admission: extraction calls get a fixed number of slots, everything else keeps threads of its own.

One gRPC thread pool serves every RPC. Extraction holds a thread for seconds to minutes (waiting for
the one model, then using it); health checks, GetModelVersion and the Quotes RPCs take milliseconds.
If extraction could take every thread, a busy server would fail its own health checks and an
orchestrator would restart it. So at most `slots` extraction calls are in the server at once (running
or waiting for the model); the next one is refused at once with RESOURCE_EXHAUSTED, and the pool has
`reserved` threads more than the slots, which only cheap calls can use.

A slot is taken when the call's handler starts on a pool thread and given back when it ends, so a
call cancelled before it started never holds one. Admitted extraction calls occupy at most `slots`
threads, so a refusal or a cheap call always finds one of the reserved threads free.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import grpc

from foundation.logging import get_logger
from zitat.grpc.errors import ServerBusy

log = get_logger(__name__)

#: The RPCs that run the extractor; every other RPC is cheap.
EXTRACTION_METHODS = frozenset({"/zitat.v1.Extractor/Extract", "/zitat.v1.Extractor/ExtractBatch"})


class ExtractionSlots:
    """A counter of extraction calls in the server, refusing the one past `slots`."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("at least one extraction slot is needed")
        self.slots = slots
        self._in_use = 0
        self._lock = threading.Lock()

    @property
    def in_use(self) -> int:
        return self._in_use

    def try_take(self) -> bool:
        with self._lock:
            if self._in_use >= self.slots:
                return False
            self._in_use += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self._in_use -= 1


class AdmissionInterceptor(grpc.ServerInterceptor):
    """Wraps the extraction handlers so that each takes a slot or is refused (see the module docstring)."""

    def __init__(self, slots: ExtractionSlots) -> None:
        self.slots = slots

    def intercept_service(self, continuation: Callable, handler_call_details: grpc.HandlerCallDetails):
        handler = continuation(handler_call_details)
        if handler is None or handler_call_details.method not in EXTRACTION_METHODS:
            return handler
        return _admitted(handler, self.slots)


def _admitted(handler: grpc.RpcMethodHandler, slots: ExtractionSlots) -> grpc.RpcMethodHandler:
    """The same handler, run only with a slot, which it gives back when the call ends however it ends."""

    def busy() -> ServerBusy:
        log.info("extract.refused", slots=slots.slots)
        return ServerBusy(
            f"the extractor is busy: all {slots.slots} extraction slots are taken; retry "
            "with back-off, or scale out with more server processes"
        )

    if handler.request_streaming and handler.response_streaming:
        inner_stream = handler.stream_stream

        def stream(request_iterator, context) -> Iterator:
            if not slots.try_take():
                raise busy()
            try:
                yield from inner_stream(request_iterator, context)
            finally:
                slots.give_back()

        return grpc.stream_stream_rpc_method_handler(stream, handler.request_deserializer, handler.response_serializer)
    inner_unary = handler.unary_unary

    def unary(request, context):
        if not slots.try_take():
            raise busy()
        try:
            return inner_unary(request, context)
        finally:
            slots.give_back()

    return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer, handler.response_serializer)
