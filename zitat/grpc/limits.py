"""Message limits that the server and its clients share (both ends must agree on them)."""

from __future__ import annotations

from foundation import defaults

#: Message limits above MAX_DOCUMENT_BYTES on both ends, so that an over-long document reaches
#: validation and gets INVALID_ARGUMENT naming the limit instead of a bare RESOURCE_EXHAUSTED.
MESSAGE_OPTIONS = [
    ("grpc.max_receive_message_length", defaults.GRPC_MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", defaults.GRPC_MAX_MESSAGE_BYTES),
]
