"""Load benchmark: N concurrent gRPC clients against one `zitat serve` on loopback for S seconds.

    python -m bench.load                                  # 50 clients, 60 s, its own `zitat serve`
    python -m bench.load --clients 10 --seconds 5 --out build/bench/load-smoke.json
    python -m bench.load --address 127.0.0.1:50051 --server-pid 1234   # a server started by you

Its own server is `zitat serve --no-store` (the real extractor, the bundled models unless
ZITAT_MODELS says otherwise, `--server-workers` RPC threads) in a process of its own, so that its
memory is measured apart from the clients'. Each client has its own channel and runs a bounded loop:
send one short German news paragraph (from seeds/) to Extractor.Extract with a 30 s deadline, wait
for the answer, repeat until the time is up. RESOURCE_EXHAUSTED is the server's documented
back-pressure (more calls in flight than it queues): it is counted and answered with a short jittered
pause; any other code is an error. Every answer is compared with the answer the same server gave for
the same paragraph before the load began (the extractor is deterministic), so a wrong answer under
concurrency is an error too. The server's RSS is sampled every 0.5 s.

Meanwhile the compose health check (zitat.healthcheck.check_grpc, its 3 s timeout) probes the
server every HEALTH_EVERY_S seconds. Passes when there are no errors and no wrong answers, some
answers came, every health probe said SERVING, and the largest RSS after the warm-up is at most
--max-rss-growth (10 %) above the RSS at the end of the warm-up. Prints
a table, writes JSON (--out, default build/bench/load.json), exits 1 when it does not pass.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import psutil

from bench.stats import percentile
from foundation import defaults
from zitat.grpc.limits import MESSAGE_OPTIONS
from zitat.v1 import zitat_pb2 as pb
from zitat.v1 import zitat_pb2_grpc as pb_grpc

DEFAULT_OUT = defaults.REPO_ROOT / "build" / "bench" / "load.json"
CALL_TIMEOUT_S = 30.0
BACKOFF_S = (0.05, 0.25)  # pause after RESOURCE_EXHAUSTED: the server asked for less
SAMPLE_EVERY_S = 0.5
HEALTH_EVERY_S = 2.0
BACK_PRESSURE = "RESOURCE_EXHAUSTED"


@dataclass
class LoadConfig:
    clients: int = 50
    seconds: float = 60.0
    warmup: float | None = None  # seconds; default min(10, seconds / 3)
    max_rss_growth: float = 0.10
    address: str | None = None  # an already running server; default: start one
    server_pid: int | None = None  # its process, for RSS (with --address)
    server_workers: int = 8  # `zitat serve --workers` for the server started here
    out: Path = DEFAULT_OUT

    @property
    def warmup_s(self) -> float:
        return self.warmup if self.warmup is not None else min(10.0, self.seconds / 3)


@dataclass
class ClientTally:
    """One client's counts; merged after the run (nothing shared in the hot loop)."""

    codes: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    wrong_answers: int = 0
    error_examples: dict[str, str] = field(default_factory=dict)


def paragraphs() -> list[str]:
    """Short German news paragraphs (150 to 600 characters) from the seed articles."""
    found = []
    for path in sorted((defaults.REPO_ROOT / "seeds").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = para.strip()
            if 150 <= len(para) <= 600:
                found.append(para)
    if not found:
        raise SystemExit("bench.load: no paragraphs of 150 to 600 characters in seeds/")
    return found


def _channel(address: str) -> grpc.Channel:
    # A subchannel pool of its own per client: 50 clients are 50 connections, not one shared one.
    return grpc.insecure_channel(address, options=[*MESSAGE_OPTIONS, ("grpc.use_local_subchannel_pool", 1)])


def _answer(response: pb.ExtractResponse) -> tuple:
    return tuple((q.start, q.end, q.kind, q.speaker, q.text) for q in response.quotes)


def reference_answers(address: str, texts: list[str]) -> dict[str, tuple]:
    """Each paragraph once, one after the other: what every answer under load must equal."""
    with _channel(address) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        return {t: _answer(stub.Extract(pb.ExtractRequest(text=t), timeout=CALL_TIMEOUT_S)) for t in texts}


def _client(
    index: int,
    address: str,
    texts: list[str],
    reference: dict[str, tuple],
    start: threading.Event,
    deadline: list[float],
    tally: ClientTally,
) -> None:
    rng = random.Random(index)
    with _channel(address) as ch:
        stub = pb_grpc.ExtractorStub(ch)
        start.wait()
        i = index
        while time.monotonic() < deadline[0]:
            text = texts[i % len(texts)]
            i += 1
            began = time.monotonic()
            try:
                response = stub.Extract(pb.ExtractRequest(text=text), timeout=CALL_TIMEOUT_S)
            except grpc.RpcError as err:
                code = err.code().name
                tally.codes[code] += 1
                if code != BACK_PRESSURE:
                    tally.error_examples.setdefault(code, (err.details() or "")[:200])
                time.sleep(rng.uniform(*BACKOFF_S))
                continue
            tally.codes["OK"] += 1
            tally.latencies.append(time.monotonic() - began)
            if _answer(response) != reference[text]:
                tally.wrong_answers += 1


class RssSampler(threading.Thread):
    """The server process's resident set size every SAMPLE_EVERY_S seconds: [(seconds since start, bytes)]."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.process = psutil.Process(pid)
        self.samples: list[tuple[float, int]] = []
        self.started_at = time.monotonic()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                self.samples.append((time.monotonic() - self.started_at, self.process.memory_info().rss))
            except psutil.NoSuchProcess:
                return
            self._halt.wait(SAMPLE_EVERY_S)

    def stop(self) -> None:
        self._halt.set()
        self.join(5)


class HealthProber(threading.Thread):
    """The compose health check's own probe, every HEALTH_EVERY_S seconds: (ok, failed, first failure)."""

    def __init__(self, address: str) -> None:
        super().__init__(daemon=True, name="health-prober")
        self.address = address
        self.ok = self.failed = 0
        self.first_failure: str | None = None
        self._halt = threading.Event()

    def run(self) -> None:
        from zitat.healthcheck import check_grpc

        while not self._halt.is_set():
            healthy, message = check_grpc(self.address)
            if healthy:
                self.ok += 1
            else:
                self.failed += 1
                self.first_failure = self.first_failure or message
            self._halt.wait(HEALTH_EVERY_S)

    def stop(self) -> None:
        self._halt.set()
        self.join(10)


def start_server(config: LoadConfig, log: Path) -> tuple[subprocess.Popen, str]:
    """`zitat serve --no-store` on a free loopback port, once it listens (its model is loaded by then)."""
    env = {**os.environ, "PYTHONPATH": str(defaults.REPO_ROOT)}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zitat",
                "--log-format",
                "json",
                "serve",
                "--address",
                "127.0.0.1:0",
                "--no-store",
                "--workers",
                str(config.server_workers),
                "--grace",
                "5",
            ],
            cwd=defaults.REPO_ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        m = re.search(r"listening on \S+:(\d+)", log.read_text(errors="replace"))
        if m:
            return proc, f"127.0.0.1:{m.group(1)}"
        if proc.poll() is not None:
            raise SystemExit(f"bench.load: zitat serve exited ({proc.returncode}); see {log}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"bench.load: zitat serve did not listen within 300 s; see {log}")


def stop_server(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(10)


def summarise(
    config: LoadConfig,
    tallies: list[ClientTally],
    samples: list[tuple[float, int]],
    elapsed: float,
    server: dict,
    health: HealthProber | None = None,
) -> dict:
    codes: Counter = Counter()
    examples: dict[str, str] = {}
    latencies: list[float] = []
    for t in tallies:
        codes.update(t.codes)
        latencies.extend(t.latencies)
        for code, text in t.error_examples.items():
            examples.setdefault(code, text)
    errors = sum(n for code, n in codes.items() if code not in ("OK", BACK_PRESSURE))
    wrong = sum(t.wrong_answers for t in tallies)
    per_client = sorted(t.codes["OK"] for t in tallies)
    warmup = config.warmup_s
    before = [rss for at, rss in samples if at <= warmup]
    after = [rss for at, rss in samples if at > warmup]
    baseline = before[-1] if before else (samples[0][1] if samples else None)
    peak = max(after) if after else None
    growth = (peak / baseline - 1) if baseline and peak else None
    mb = lambda b: round(b / 2**20, 1) if b else None
    health_ok, health_failed = (health.ok, health.failed) if health else (0, 0)
    passed = (
        errors == 0
        and wrong == 0
        and codes["OK"] > 0
        and health_failed == 0
        and growth is not None
        and growth <= config.max_rss_growth
    )
    return {
        "benchmark": "load",
        "clients": config.clients,
        "seconds": round(elapsed, 1),
        "warmup_s": round(warmup, 1),
        "server": server,
        "calls": dict(sorted(codes.items())),
        "ok_per_s": round(codes["OK"] / elapsed, 1) if elapsed else None,
        "back_pressure": codes[BACK_PRESSURE],
        "errors": errors,
        "error_examples": examples,
        "wrong_answers": wrong,
        "health_checks": {
            "ok": health_ok,
            "failed": health_failed,
            "first_failure": health.first_failure if health else None,
        },
        # Not a pass criterion: the server's back-pressure is not fair, so a client that keeps
        # landing on a full server can go without answers while others get theirs.
        "answers_per_client": {"min": per_client[0], "median": per_client[len(per_client) // 2], "max": per_client[-1]}
        if per_client
        else None,
        "latency_ms": {
            name: (round(v * 1000, 1) if v is not None else None)
            for name, v in (
                ("p50", percentile(latencies, 0.50)),
                ("p95", percentile(latencies, 0.95)),
                ("p99", percentile(latencies, 0.99)),
                ("max", max(latencies) if latencies else None),
                ("mean", statistics.fmean(latencies) if latencies else None),
            )
        },
        "rss_mb": {
            "first": mb(samples[0][1]) if samples else None,
            "end_of_warmup": mb(baseline),
            "max_after_warmup": mb(peak),
            "last": mb(samples[-1][1]) if samples else None,
        },
        "rss_samples": len(samples),
        "rss_timeline_mb": [[round(at, 1), mb(rss)] for at, rss in samples],
        "rss_growth_after_warmup": round(growth, 4) if growth is not None else None,
        "max_rss_growth": config.max_rss_growth,
        "passed": passed,
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
    }


def run(config: LoadConfig) -> dict:
    """Run the benchmark; the summary dict (also written to config.out)."""
    if config.address and not config.server_pid:
        raise SystemExit("bench.load: --address needs --server-pid (the server's memory is measured)")
    texts = paragraphs()
    proc = None
    if config.address:
        address, pid = config.address, config.server_pid
    else:
        proc, address = start_server(config, config.out.with_suffix(".server.log"))
        pid = proc.pid
    try:
        reference = reference_answers(address, texts)
        tallies = [ClientTally() for _ in range(config.clients)]
        start, deadline = threading.Event(), [0.0]
        threads = [
            threading.Thread(
                target=_client,
                args=(i, address, texts, reference, start, deadline, tallies[i]),
                name=f"client-{i}",
                daemon=True,
            )
            for i in range(config.clients)
        ]
        for t in threads:
            t.start()
        sampler, prober = RssSampler(pid), HealthProber(address)
        began = time.monotonic()
        deadline[0] = began + config.seconds
        sampler.start()
        prober.start()
        start.set()
        for t in threads:
            t.join(config.seconds + CALL_TIMEOUT_S + 10)
        elapsed = time.monotonic() - began
        sampler.stop()
        prober.stop()
        server = {"address": address, "pid": pid, "started_here": proc is not None}
        if proc is not None:
            server["workers"] = config.server_workers
        summary = summarise(config, tallies, sampler.samples, elapsed, server, prober)
    finally:
        if proc is not None:
            stop_server(proc)
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def table(summary: dict) -> str:
    lat, rss = summary["latency_ms"], summary["rss_mb"]
    rows = [
        ("clients", summary["clients"]),
        ("duration (s)", summary["seconds"]),
        ("calls by status", ", ".join(f"{k} {v}" for k, v in summary["calls"].items())),
        ("answers per second", summary["ok_per_s"]),
        ("answers per client min / median / max", " / ".join(str(v) for v in summary["answers_per_client"].values())),
        ("errors (not OK, not RESOURCE_EXHAUSTED)", summary["errors"]),
        ("wrong answers", summary["wrong_answers"]),
        ("health checks SERVING / failed", f"{summary['health_checks']['ok']} / {summary['health_checks']['failed']}"),
        ("latency p50 / p95 / p99 / max (ms)", f"{lat['p50']} / {lat['p95']} / {lat['p99']} / {lat['max']}"),
        ("server RSS end of warm-up -> max after (MB)", f"{rss['end_of_warmup']} -> {rss['max_after_warmup']}"),
        (
            "RSS growth after warm-up",
            f"{summary['rss_growth_after_warmup']:.1%} (limit {summary['max_rss_growth']:.0%})"
            if summary["rss_growth_after_warmup"] is not None
            else "n/a",
        ),
        ("result", "PASS" if summary["passed"] else "FAIL"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.load",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--clients", type=int, default=LoadConfig.clients, help="concurrent clients (default %(default)s)")
    p.add_argument("--seconds", type=float, default=LoadConfig.seconds, help="how long (default %(default)s)")
    p.add_argument(
        "--warmup", type=float, default=None, help="seconds before the RSS baseline (default: min(10, seconds / 3))"
    )
    p.add_argument(
        "--max-rss-growth",
        type=float,
        default=LoadConfig.max_rss_growth,
        help="allowed RSS growth after the warm-up, as a fraction (default %(default)s)",
    )
    p.add_argument(
        "--server-workers",
        type=int,
        default=LoadConfig.server_workers,
        help="`zitat serve --workers` for the server started here; it queues 4x as many calls (default %(default)s)",
    )
    p.add_argument("--address", default=None, help="HOST:PORT of a running server instead of starting one")
    p.add_argument("--server-pid", type=int, default=None, help="with --address: that server's process id")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON result (default %(default)s)")
    args = p.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        p.error("--clients must be at least 1 and --seconds above 0")
    config = LoadConfig(
        clients=args.clients,
        seconds=args.seconds,
        warmup=args.warmup,
        max_rss_growth=args.max_rss_growth,
        address=args.address,
        server_pid=args.server_pid,
        server_workers=args.server_workers,
        out=args.out,
    )
    summary = run(config)
    print(table(summary))
    print(f"written: {config.out}")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
