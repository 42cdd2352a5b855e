"""Real zitat processes for the fault tests (no tests here): `zitat serve` and `zitat worker` started
as subprocesses on the bundled models, each logging JSON lines to a file (a full pipe would block it).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from foundation import defaults

REPO = defaults.REPO_ROOT
SEEDS = REPO / "seeds"


def zitat_env(redis_url: str | None = None, **extra: str) -> dict[str, str]:
    """This environment, on the bundled models with one torch thread, without a remote extractor or
    retry settings of the caller's, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in (defaults.ENV_GRPC_ADDRESS, defaults.ENV_EXTRACTOR_RETRY_SECONDS, defaults.ENV_REDIS_URL)
    }
    env.update(
        {
            defaults.ENV_MODELS: "bundled",
            defaults.ENV_MODEL_DIR: str(defaults.BUNDLED_MODEL_DIR),
            "ZITAT_THREADS": "1",
            "PYTHONPATH": str(REPO),
        }
    )
    if redis_url:
        env[defaults.ENV_REDIS_URL] = redis_url
    return {**env, **extra}


class ZitatProcess:
    """One `python -m zitat ...` process and its log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args = args
        self.log = log
        with log.open("w") as sink:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "zitat", "--log-format", "json", *args],
                cwd=REPO,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid = self.popen.pid

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def events(self) -> list[dict]:
        """The JSON log lines (structlog's); rq's plain lines and anything else are skipped."""
        out = []
        for line in self.text().splitlines():
            if line.startswith("{"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
        return out

    def alive(self) -> bool:
        return self.popen.poll() is None

    def family(self) -> list[int]:
        try:
            return [self.pid] + [c.pid for c in psutil.Process(self.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kill(self) -> None:
        """SIGKILL the process and its children at once, like a machine dying."""
        family = self.family()
        for pid in family:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.popen.wait(10)

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM (a warm shutdown), SIGKILL of the whole group if that takes too long."""
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.popen.wait(10)
        return self.popen.returncode

    def tail(self, chars: int = 3000) -> str:
        return f"--- {' '.join(self.args[:1])} log ---\n{self.text()[-chars:]}"


def wait_for(predicate: Callable[[], object], timeout: float, what: str, *watched: ZitatProcess) -> None:
    """Poll until predicate() is true; fail with the watched processes' logs on timeout or early exit."""
    deadline = time.monotonic() + timeout
    while not predicate():
        for proc in watched:
            if not proc.alive():
                raise AssertionError(
                    f"{proc.args[0]} exited ({proc.popen.returncode}) while waiting for {what}\n{proc.tail()}"
                )
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {timeout} s waiting for {what}\n" + "\n".join(p.tail() for p in watched)
            )
        time.sleep(0.1)


def serve(env: dict[str, str], log: Path, address: str = "127.0.0.1:0", *args: str) -> tuple[ZitatProcess, str]:
    """`zitat serve` on `address`, once it listens (the model is loaded by then); and its address."""
    proc = ZitatProcess(["serve", "--address", address, *args], env, log)
    found: list[str] = []

    def listening() -> bool:
        m = re.search(r"listening on (\S+:\d+)", proc.text())
        if m:
            found.append(m.group(1))
        return bool(m)

    wait_for(listening, 180, "zitat serve to listen", proc)
    return proc, found[0]


def worker(env: dict[str, str], log: Path, *args: str) -> ZitatProcess:
    """A forking `zitat worker` (with its scheduler) that looks for abandoned jobs every 2 s."""
    return ZitatProcess(["worker", "--maintenance-interval", "2", *args], env, log)


def worker_ready(proc: ZitatProcess) -> bool:
    """The worker has loaded its models and listens on the queue."""
    return "Listening on" in proc.text() or '"listening"' in proc.text().lower()
