"""Requests that do not decode are the caller's error: INVALID_ARGUMENT, not INTERNAL.

gRPC decodes a request before any handler runs; when protobuf refuses it (a string field that is
not UTF-8, truncated bytes) gRPC logs a traceback of its own and answers INTERNAL "Exception
deserializing request!". Here every zitat.v1 handler gets a decoder that hands such a request on as
`Undecodable`, and its behaviour raises InvalidArgument for it, so the call ends like any other bad
input: a status with a message, one log line, no traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import grpc
from google.protobuf.message import DecodeError

from zitat.grpc.errors import InvalidArgument

PREFIX = "/zitat.v1."


@dataclass(frozen=True)
class Undecodable:
    reason: str


def _decoder(deserialize: Callable | None) -> Callable | None:
    if deserialize is None:
        return None

    def decode(data: bytes):
        try:
            return deserialize(data)
        except (DecodeError, UnicodeDecodeError, ValueError) as e:
            return Undecodable(type(e).__name__)

    return decode


def _checked(request):
    if isinstance(request, Undecodable):
        raise InvalidArgument("the request is not a valid protobuf message (string fields must be UTF-8)", "request")
    return request


class DecodingInterceptor(grpc.ServerInterceptor):
    """Gives every zitat.v1 handler the forgiving decoder and the check (see the module docstring)."""

    def intercept_service(self, continuation: Callable, handler_call_details: grpc.HandlerCallDetails):
        handler = continuation(handler_call_details)
        if handler is None or not handler_call_details.method.startswith(PREFIX):
            return handler
        decode, encode = _decoder(handler.request_deserializer), handler.response_serializer
        if handler.request_streaming and handler.response_streaming:
            inner_stream = handler.stream_stream

            def stream(request_iterator: Iterator, context):
                return inner_stream((_checked(r) for r in request_iterator), context)

            return grpc.stream_stream_rpc_method_handler(stream, decode, encode)
        if not handler.request_streaming and not handler.response_streaming:
            inner_unary = handler.unary_unary

            def unary(request, context):
                return inner_unary(_checked(request), context)

            return grpc.unary_unary_rpc_method_handler(unary, decode, encode)
        return handler  # zitat.v1 has no other kind of RPC
