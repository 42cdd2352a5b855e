"""A request stream is read as batches of what has already arrived: in order, bounded, no waiting."""

from __future__ import annotations

import time

import pytest

from zitat.grpc.batching import batches


def test_a_stream_sent_at_once_comes_in_bounded_batches_in_order():
    got = list(batches(iter(range(20)), max_batch=8))
    assert [x for b in got for x in b] == list(range(20))
    assert all(1 <= len(b) <= 8 for b in got)
    assert max(len(b) for b in got) > 1


def test_a_client_that_sends_slowly_is_answered_item_by_item():
    def slow():
        for i in range(3):
            time.sleep(0.2)
            yield i

    started = time.monotonic()
    first = next(batches(slow()))
    assert first == [0] and time.monotonic() - started < 0.4


def test_an_error_reading_the_stream_comes_after_the_items_before_it():
    def broken():
        yield "Scholz sagte, man sei bereit."
        raise ConnectionResetError("client went away")

    got = []
    with pytest.raises(ConnectionResetError):
        for b in batches(broken()):
            got += b
    assert got == ["Scholz sagte, man sei bereit."]


def test_an_empty_stream_gives_no_batches():
    assert list(batches(iter([]))) == []
