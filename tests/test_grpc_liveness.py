"""The extractor stays alive for everyone: health and cheap RPCs are never starved, idle streams are
closed, abandoned work stops, SIGTERM ends the process within its grace period.

Real servers on loopback ports with the real extractor; `GatedExtractor` only holds the real one busy
on cue (see test_grpc_support.py). The SIGTERM test runs a real `zitat serve` process.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from test_grpc_support import SCHOLZ, GatedExtractor, channel, has_scholz_quote, serving
from zitat_processes import serve, zitat_env

from foundation import defaults
from foundation.errors import Cancelled
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

#: A long document: a report with a cue in every sentence, so every sentence is parsed (tens of seconds).
LONG = "Die Ministerin Anna Berg sagte am Montag in Berlin, die Regierung werde die Hilfen verlängern. " * 1500


class RecordingExtractor:
    """The real extractor, recording how each call ended: 'done' or 'cancelled'."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.outcomes: list[str] = []
        self.started = threading.Event()

    @property
    def model_version(self) -> str:
        return self.inner.model_version

    def analyse_many(self, texts, stop=None):
        self.started.set()
        try:
            result = self.inner.analyse_many(texts, stop=stop)
        except Cancelled:
            self.outcomes.append("cancelled")
            raise
        self.outcomes.append("done")
        return result


def _health(ch: grpc.Channel, timeout: float = 2) -> int:
    return health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=""), timeout=timeout).status


def test_the_library_stops_between_pieces_of_work(extractor):
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) >= 2  # let the first piece run, stop before the second

    with pytest.raises(Cancelled):
        extractor.extract_many([LONG[:20_000]], stop=stop)
    assert len(asked) == 2
    assert extractor.extract_many([SCHOLZ], stop=lambda: False)  # the model is free again


def test_health_and_cheap_rpcs_answer_while_every_extraction_slot_is_busy(extractor):
    gate = threading.Event()
    gated = GatedExtractor(extractor, gate=gate)
    with serving(gated, max_workers=2) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(4) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        busy = [pool.submit(stub.Extract, pb.ExtractRequest(text=SCHOLZ), timeout=30) for _ in range(2)]
        assert gated.started.wait(5)
        time.sleep(0.3)  # both calls are in: one extracting, one waiting for the model
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=5)
        assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "busy" in info.value.details()
        for _ in range(20):
            assert _health(ch) == health_pb2.HealthCheckResponse.SERVING
            assert stub.GetModelVersion(pb.GetModelVersionRequest(), timeout=2).model_version
        gate.set()
        assert all(has_scholz_quote(f.result(30).quotes) for f in busy)


def test_idle_streams_neither_starve_health_nor_keep_their_slots(extractor, monkeypatch):
    monkeypatch.setattr(defaults, "STREAM_IDLE_SECONDS", 1.5)
    stop_sending = threading.Event()

    def silent():
        stop_sending.wait(30)  # a client that opens a stream and sends nothing
        return
        yield

    with serving(extractor, max_workers=2) as (addr, _), channel(addr) as ch, ThreadPoolExecutor(2) as pool:
        stub = pb_grpc.ExtractorStub(ch)
        idle = [pool.submit(lambda: list(stub.ExtractBatch(silent(), timeout=30))) for _ in range(2)]
        time.sleep(0.5)
        assert _health(ch) == health_pb2.HealthCheckResponse.SERVING  # the two slots are held, health is not
        for f in idle:
            with pytest.raises(grpc.RpcError) as info:
                f.result(10)
            assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            assert "no request for" in info.value.details()
        stop_sending.set()
        assert has_scholz_quote(stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=30).quotes)


def test_a_call_whose_deadline_passes_stops_being_worked_on(extractor):
    recording = RecordingExtractor(extractor)
    with serving(recording) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        started = time.monotonic()
        with pytest.raises(grpc.RpcError) as info:
            stub.Extract(pb.ExtractRequest(text=LONG), timeout=1.5)
        assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        deadline = time.monotonic() + 30
        while not recording.outcomes and time.monotonic() < deadline:
            time.sleep(0.1)
        assert recording.outcomes == ["cancelled"]
        assert time.monotonic() - started < 20  # far less than the whole document would take
        assert has_scholz_quote(stub.Extract(pb.ExtractRequest(text=SCHOLZ), timeout=30).quotes)


def test_a_client_that_goes_away_frees_the_model(extractor):
    recording = RecordingExtractor(extractor)
    with serving(recording) as (addr, _), channel(addr) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        call = stub.Extract.future(pb.ExtractRequest(text=LONG), timeout=60)
        assert recording.started.wait(10)
        call.cancel()
        deadline = time.monotonic() + 20
        while not recording.outcomes and time.monotonic() < deadline:
            time.sleep(0.1)
        assert recording.outcomes == ["cancelled"]


def test_sigterm_ends_the_server_within_its_grace_period(tmp_path):
    proc, address = serve(zitat_env(), tmp_path / "serve.log", "127.0.0.1:0", "--no-store", "--grace", "2")
    try:
        with channel(address) as ch:
            call = pb_grpc.ExtractorStub(ch).Extract.future(pb.ExtractRequest(text=LONG), timeout=120)
            time.sleep(3)  # extracting now
            started = time.monotonic()
            proc.popen.terminate()
            proc.popen.wait(30)
            took = time.monotonic() - started
            with pytest.raises(grpc.RpcError):
                call.result(10)
        assert took < 2 + 8, f"the process took {took:.1f} s to exit after SIGTERM\n{proc.tail()}"
        assert any(e.get("event") == "extract.cancelled" for e in proc.events()), proc.tail()
    finally:
        proc.stop(5)
