"""Retrying an idempotent gRPC call while the server is down, restarting or shedding load.

Only two codes are retried: UNAVAILABLE (nothing listens, the connection broke mid-call, the server
is shutting down) and RESOURCE_EXHAUSTED (the server's in-flight limit: back-pressure). Every other
code is an answer (bad input, deadline, missing model) and is raised at once. Waits grow from
`first_wait` by doubling up to `max_wait`, each with jitter (half fixed, half random) so that many
workers do not come back in step; retrying stops once `budget` seconds have passed since the first
failure, and the last error is raised. Callers use it for the Extractor's RPCs only: extraction is a
pure function of the text, so a repeated call can do no harm.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import grpc

from foundation import defaults
from foundation.logging import get_logger
from foundation.settings import Settings, current

log = get_logger(__name__)

T = TypeVar("T")

RETRYABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED})


@dataclass(frozen=True)
class RetryPolicy:
    budget: float = defaults.EXTRACTOR_RETRY_SECONDS  # seconds of retrying after the first failure
    first_wait: float = defaults.EXTRACTOR_RETRY_FIRST_WAIT
    max_wait: float = defaults.EXTRACTOR_RETRY_MAX_WAIT

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RetryPolicy:
        """The budget from ZITAT_EXTRACTOR_RETRY_SECONDS (0: no retries), the waits from foundation.defaults."""
        return cls(budget=(settings or current()).extractor_retry_seconds)

    def wait(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1, 2, ...)."""
        ceiling = min(self.max_wait, self.first_wait * 2 ** min(attempt - 1, 32))
        return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def call(rpc: Callable[[], T], policy: RetryPolicy, *, target: str, sleep: Callable[[float], None] = time.sleep) -> T:
    """rpc() until it succeeds, fails with a code that is not retried, or the budget is spent.

    Every retry is logged (target, code, attempt, wait; never the request).
    """
    first_failure: float | None = None
    attempt = 0
    while True:
        try:
            return rpc()
        except grpc.RpcError as err:
            code = err.code()
            if code not in RETRYABLE:
                raise
            now = time.monotonic()
            first_failure = now if first_failure is None else first_failure
            attempt += 1
            wait = policy.wait(attempt)
            if now - first_failure + wait > policy.budget:
                if attempt > 1:
                    log.warning(
                        "grpc.retry.gave_up",
                        target=target,
                        code=code.name,
                        attempts=attempt,
                        seconds=round(now - first_failure, 1),
                    )
                raise
            log.warning("grpc.retry", target=target, code=code.name, attempt=attempt, wait_s=round(wait, 2))
            sleep(wait)
