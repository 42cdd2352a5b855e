"""The one place where zitat's exceptions become gRPC status codes, and back on the client side.

Servicers just raise zitat exceptions; the interceptor ends the call with `to_status(exc)`. Unexpected
exceptions become INTERNAL with a generic message so that nothing from inside (paths, article text)
reaches a client; they are logged with a plain traceback, which never includes local variables.
"""

from __future__ import annotations

import traceback

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from foundation.errors import Cancelled, InvalidDocument, ModelNotAvailable, NotFound, StoreUnavailable, ZitatError
from foundation.logging import get_logger
from zitat.v1 import zitat_pb2

log = get_logger(__name__)


class QuoteStoreNotConfigured(ZitatError):
    """The server runs without a quote store, so the Quotes RPCs cannot be answered."""


class DeadlineExceeded(ZitatError):
    """The client's deadline passed before the work could start: starting it would be wasted."""


class ServerBusy(ZitatError):
    """Every extraction slot is taken: the call is refused at once rather than queued."""


class InvalidArgument(ZitatError):
    """A request field other than the document is wrong (a negative page size, say)."""

    def __init__(self, reason: str, field: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


INTERNAL_MESSAGE = "internal error in the zitat server (logged there)"

# Order matters only for subclasses; these are disjoint.
_CODES: tuple[tuple[type[BaseException], grpc.StatusCode], ...] = (
    (InvalidDocument, grpc.StatusCode.INVALID_ARGUMENT),
    (InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT),
    (NotFound, grpc.StatusCode.NOT_FOUND),
    (StoreUnavailable, grpc.StatusCode.UNAVAILABLE),
    (ModelNotAvailable, grpc.StatusCode.FAILED_PRECONDITION),
    (QuoteStoreNotConfigured, grpc.StatusCode.FAILED_PRECONDITION),
    (DeadlineExceeded, grpc.StatusCode.DEADLINE_EXCEEDED),
    (Cancelled, grpc.StatusCode.CANCELLED),
    (ServerBusy, grpc.StatusCode.RESOURCE_EXHAUSTED),
)


def status_code(exc: BaseException) -> grpc.StatusCode:
    for cls, code in _CODES:
        if isinstance(exc, cls):
            return code
    return grpc.StatusCode.INTERNAL


def _message(exc: BaseException) -> str:
    return INTERNAL_MESSAGE if status_code(exc) == grpc.StatusCode.INTERNAL else str(exc)


def _field(exc: BaseException) -> str | None:
    return exc.field if isinstance(exc, (InvalidDocument, InvalidArgument)) else None


#: The domain of the google.rpc.ErrorInfo every status carries; its reason is the exception's name.
ERROR_DOMAIN = "zitat.v1"


def to_status(exc: BaseException) -> grpc.Status:
    """The status to end an RPC with. It carries a google.rpc.ErrorInfo whose reason names the error
    (clients tell apart errors that share a code, such as the two FAILED_PRECONDITIONs), and bad
    arguments google.rpc.BadRequest details."""
    code = status_code(exc)
    rich = status_pb2.Status(code=code.value[0], message=_message(exc))
    if _field(exc) is not None:
        violation = error_details_pb2.BadRequest.FieldViolation(field=_field(exc), description=str(exc))
        detail = any_pb2.Any()
        detail.Pack(error_details_pb2.BadRequest(field_violations=[violation]))
        rich.details.append(detail)
    info = any_pb2.Any()  # after BadRequest: clients that read the first detail still find it
    reason = type(exc).__name__ if code != grpc.StatusCode.INTERNAL else "Internal"
    info.Pack(error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN))
    rich.details.append(info)
    return rpc_status.to_status(rich)


def log_unexpected(exc: BaseException, method: str) -> None:
    """Log an exception that has no status of its own; plain traceback text, so no locals."""
    if status_code(exc) == grpc.StatusCode.INTERNAL:
        log.error(
            "rpc.internal_error",
            method=method,
            error_type=type(exc).__name__,
            traceback="".join(traceback.format_exception(exc)),
        )


def item_error(exc: BaseException, method: str = "") -> zitat_pb2.ItemError:
    """The per-document error of a batch: the same code and message a unary call would get."""
    log_unexpected(exc, method)
    return zitat_pb2.ItemError(code=status_code(exc).value[0], message=_message(exc), field=_field(exc) or "")


# ---- client side ---------------------------------------------------------------------------------


def _detail(err: grpc.RpcError, kind):
    """The first detail of message type `kind` in a failed call's rich status, if any."""
    try:
        rich = rpc_status.from_call(err)
    except ValueError:
        return None
    for detail in rich.details if rich else ():
        if detail.Is(kind.DESCRIPTOR):
            message = kind()
            detail.Unpack(message)
            return message
    return None


def bad_request_field(err: grpc.RpcError) -> str | None:
    """The field named in a BadRequest detail of a failed call, if any."""
    bad = _detail(err, error_details_pb2.BadRequest)
    return bad.field_violations[0].field if bad is not None and bad.field_violations else None


def error_reason(err: grpc.RpcError) -> str | None:
    """The reason of the google.rpc.ErrorInfo a zitat server put in a failed call's status, if any."""
    info = _detail(err, error_details_pb2.ErrorInfo)
    return info.reason if info is not None and info.domain == ERROR_DOMAIN else None


def from_status(
    code: int | grpc.StatusCode, message: str, field: str | None = None, reason: str | None = None
) -> ZitatError | None:
    """The zitat exception for a status the server sends on purpose; None for transport failures.
    `reason` (error_reason) tells apart the errors that share a code."""
    if isinstance(code, grpc.StatusCode):
        code = code.value[0]
    if code == code_pb2.INVALID_ARGUMENT:
        return InvalidDocument(message, field or "text")
    if code == code_pb2.NOT_FOUND:
        return NotFound(message)
    if code == code_pb2.FAILED_PRECONDITION:
        return (
            QuoteStoreNotConfigured(message)
            if reason == QuoteStoreNotConfigured.__name__
            else ModelNotAvailable(message)
        )
    return None
