"""Per-request context for every RPC: a request id in the logs, one log line per call, errors mapped.

grpc-interceptor's `intercept` runs in the handler's thread (grpc.ServerInterceptor.intercept_service
does not), so ids bound to structlog's contextvars here show up in the servicers' log lines. Streaming
responses are produced after `intercept` returns, so the generator wrapper binds them again.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import structlog
from grpc_interceptor import ServerInterceptor

from foundation.logging import get_logger
from zitat.grpc import errors

log = get_logger(__name__)

REQUEST_ID_KEY = "x-request-id"
_QUIET_PREFIXES = ("/grpc.health.", "/grpc.reflection.")  # probes every few seconds: debug only


def _request_id(context: grpc.ServicerContext) -> str:
    """The caller's id if it sent a sane one (so logs join up across services), else a fresh one."""
    for key, value in context.invocation_metadata() or ():
        if key == REQUEST_ID_KEY and isinstance(value, str) and 0 < len(value) <= 64 and value.isprintable():
            return value
    return uuid.uuid4().hex


def _bind(values: dict) -> None:
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(**values)


def _outcome(context: grpc.ServicerContext) -> grpc.StatusCode:
    """What the client gets for a call the servicer finished: OK, unless its deadline passed or it
    went away meanwhile, in which case the answer is never delivered and the log must not say OK."""
    if context.is_active():
        return grpc.StatusCode.OK
    remaining = context.time_remaining()
    return grpc.StatusCode.DEADLINE_EXCEEDED if remaining is not None and remaining <= 0 else grpc.StatusCode.CANCELLED


class RequestContextInterceptor(ServerInterceptor):
    """Binds request_id/rpc, logs each call's code and duration (never its content), maps exceptions."""

    def intercept(
        self, method: Callable, request_or_iterator: Any, context: grpc.ServicerContext, method_name: str
    ) -> Any:
        bound = {"request_id": _request_id(context), "rpc": method_name}
        _bind(bound)
        start = time.monotonic()
        try:
            result = method(request_or_iterator, context)
        except Exception as exc:  # noqa: BLE001 - every failure must end as a status, not UNKNOWN
            self._fail(exc, context, method_name, start)
        if isinstance(result, Iterator):
            return self._stream(result, bound, context, method_name, start)
        self._done(_outcome(context), method_name, start)
        return result

    def _stream(
        self, responses: Iterator, bound: dict, context: grpc.ServicerContext, method_name: str, start: float
    ) -> Iterator:
        try:
            while True:
                _bind(bound)
                try:
                    item = next(responses)
                except StopIteration:
                    break
                yield item
        except GeneratorExit:  # the client went away mid-stream
            self._done(grpc.StatusCode.CANCELLED, method_name, start)
            raise
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, context, method_name, start)
        self._done(_outcome(context), method_name, start)

    def _fail(self, exc: Exception, context: grpc.ServicerContext, method_name: str, start: float):
        if context.code() not in (None, grpc.StatusCode.OK):  # the servicer aborted on its own
            self._done(context.code(), method_name, start)
            raise exc
        errors.log_unexpected(exc, method_name)
        self._done(errors.status_code(exc), method_name, start)
        context.abort_with_status(errors.to_status(exc))

    @staticmethod
    def _done(code: grpc.StatusCode, method_name: str, start: float) -> None:
        level = log.debug if method_name.startswith(_QUIET_PREFIXES) else log.info
        level("rpc.done", code=code.name, duration_ms=round((time.monotonic() - start) * 1000, 1))
        structlog.contextvars.clear_contextvars()
