"""RemoteExtractor rides out an extractor that is restarting or shedding load (zitat.grpc.retry).

Real servers with the real Stanza extractor on loopback; where a call must be in flight at the moment
the server stops, or the server must be busy, GatedExtractor holds the real extractor on cue. The
worker-level version (a `zitat serve` process SIGKILLed under a `zitat worker`) is in
test_faults_extractor.py.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from test_grpc_support import SCHOLZ, GatedExtractor, has_scholz_quote, serving

from extractor.api import Extractor
from extractor.nlp import ModelConfig
from foundation import defaults
from foundation.errors import ModelNotAvailable, ZitatError
from zitat.grpc.client import ExtractorUnavailable, RemoteExtractor
from zitat.grpc.retry import RETRYABLE, RetryPolicy


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_waits_grow_with_jitter_up_to_the_cap():
    policy = RetryPolicy(budget=60, first_wait=0.25, max_wait=4.0)
    rng = random.Random(7)
    for attempt, ceiling in [(1, 0.25), (2, 0.5), (3, 1.0), (5, 4.0), (50, 4.0)]:
        waits = [policy.wait(attempt, rng) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits), attempt
        assert len(set(waits)) > 100, "no jitter: many workers would retry in step"


def test_only_unavailable_and_resource_exhausted_are_retried():
    assert {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED} == RETRYABLE


def test_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(defaults.ENV_EXTRACTOR_RETRY_SECONDS, raising=False)
    assert RetryPolicy.from_settings().budget == defaults.EXTRACTOR_RETRY_SECONDS
    monkeypatch.setenv(defaults.ENV_EXTRACTOR_RETRY_SECONDS, "2.5")
    assert RetryPolicy.from_settings().budget == 2.5
    assert RemoteExtractor("127.0.0.1:1").retry_policy.budget == 2.5
    for bad in ("-1", "soon", "nan"):
        monkeypatch.setenv(defaults.ENV_EXTRACTOR_RETRY_SECONDS, bad)
        with pytest.raises(ZitatError, match=defaults.ENV_EXTRACTOR_RETRY_SECONDS):
            RetryPolicy.from_settings()


def test_unreachable_server_is_retried_for_the_budget_then_unavailable():
    port = _free_port()  # nothing listens there
    with RemoteExtractor(f"127.0.0.1:{port}", timeout=2, retry_policy=RetryPolicy(budget=1.5)) as remote:
        started = time.monotonic()
        with pytest.raises(ExtractorUnavailable, match="UNAVAILABLE"):
            remote.extract(SCHOLZ)
        took = time.monotonic() - started
    assert 0.5 < took < 1.5 + defaults.EXTRACTOR_RETRY_MAX_WAIT + 2


@pytest.mark.slow
def test_server_stopped_mid_call_and_restarted_is_answered(extractor):
    """The call is inside the server when it stops without grace (its clients see UNAVAILABLE); a
    new server on the same port answers the retry."""
    port = _free_port()
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    address = f"127.0.0.1:{port}"
    with (
        RemoteExtractor(address, timeout=30, retry_policy=RetryPolicy(budget=30)) as remote,
        ThreadPoolExecutor(1) as pool,
    ):
        with serving(gated, address=address) as (_, server):
            call = pool.submit(remote.extract, SCHOLZ)
            assert gated.started.wait(10)
            server.stop(None).wait(5)  # in-flight calls are cancelled: a crash, as the client sees it
        time.sleep(1.0)  # down for a while: the client's retries find nothing listening
        assert not call.done()
        with serving(extractor, address=address):
            quotes = call.result(30)
        gate.set()
    assert has_scholz_quote(quotes)
    assert gated.calls == 1  # the first server never finished it: the answer is the second server's


@pytest.mark.slow
def test_back_pressure_is_waited_out(extractor):
    """A server whose only in-flight slot is taken answers RESOURCE_EXHAUSTED; the client backs off
    and gets its answer once the slot is free."""
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated, max_workers=2, max_concurrent_rpcs=1) as (address, _), ThreadPoolExecutor(2) as pool:
        with RemoteExtractor(address, timeout=30, retry_policy=RetryPolicy(budget=0)) as first_client:
            first = pool.submit(first_client.extract, SCHOLZ)
            assert gated.started.wait(10)
            with (
                RemoteExtractor(address, timeout=30, retry_policy=RetryPolicy(budget=0)) as impatient,
                pytest.raises(ExtractorUnavailable, match="RESOURCE_EXHAUSTED"),
            ):
                impatient.extract(SCHOLZ)
            with RemoteExtractor(address, timeout=30, retry_policy=RetryPolicy(budget=30)) as patient:
                second = pool.submit(patient.extract, SCHOLZ)
                time.sleep(1.0)
                assert not second.done()
                gate.set()
                assert has_scholz_quote(second.result(30))
            assert has_scholz_quote(first.result(30))


def test_an_answer_is_not_retried(tmp_path):
    """FAILED_PRECONDITION (a real Extractor with no models to load) is the server's answer, not an
    outage: raised at once whatever the budget."""
    no_models = Extractor(ModelConfig("bundled", tmp_path, threads=1))
    with (
        serving(no_models) as (address, _),
        RemoteExtractor(address, timeout=10, retry_policy=RetryPolicy(budget=30)) as remote,
    ):
        started = time.monotonic()
        with pytest.raises(ModelNotAvailable):
            remote.extract(SCHOLZ)
        assert time.monotonic() - started < 5
