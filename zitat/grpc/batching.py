"""A request stream read as batches of whatever has already arrived.

ExtractBatch clients send many documents; Stanza tags and parses one batch of sentences faster than the
same sentences document by document. A reader thread drains the stream into a queue, and each batch
is the first waiting item plus every item already behind it (up to a bound): a client that sends
everything at once gets large batches, one that waits for each answer gets batches of one and no
added latency.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()

#: Documents per batch: enough to fill the tagger's batches, small enough to answer early ones soon.
MAX_BATCH = 8


class StreamIdle(Exception):
    """Nothing arrived on the stream for `idle_timeout` seconds."""


def batches(items: Iterator[T], max_batch: int = MAX_BATCH, idle_timeout: float | None = None) -> Iterator[list[T]]:
    """Yield lists of 1..max_batch items in stream order; an error reading the stream is re-raised.
    Waiting longer than `idle_timeout` for the next item raises StreamIdle: a client that holds a
    stream open without sending must not hold its extraction slot for ever. Closing the generator
    (the call ended) stops the reader thread."""
    waiting: queue.Queue = queue.Queue(maxsize=4 * max_batch)  # bounded: a fast client cannot flood memory
    stopped = threading.Event()
    failure: list[BaseException] = []

    def put(item) -> bool:
        while not stopped.is_set():
            try:
                waiting.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, re-raised there
            failure.append(e)
        put(_END)

    threading.Thread(target=read, name="zitat-batch-reader", daemon=True).start()
    try:
        ended = False
        while not ended:
            try:
                first = waiting.get(timeout=idle_timeout)
            except queue.Empty:
                raise StreamIdle(f"no request for {idle_timeout:g} s") from None
            if first is _END:
                break
            batch = [first]
            while len(batch) < max_batch:
                try:
                    nxt = waiting.get_nowait()
                except queue.Empty:
                    break
                if nxt is _END:
                    ended = True
                    break
                batch.append(nxt)
            yield batch
    finally:
        stopped.set()
    if failure:
        raise failure[0]
