"""Logging for worker processes: zitat's structlog set-up, with rq's own records rendered the same way.

rq logs through the standard library ("rq.worker", "rq.job", "rq.scheduler"). A structlog
ProcessorFormatter on the "rq" logger renders those records like zitat's own lines (JSON in
production, console at a terminal) and merges the contextvars a job binds (job_id), so a job's
lines can be grepped by job id whichever library wrote them. rq sees the handler and adds none of
its own.
"""

from __future__ import annotations

import logging
import sys

import structlog
from structlog.typing import Processor

from foundation import logging as zlog


def _drop_job_arguments(record: logging.LogRecord) -> bool:
    """rq attaches a failed job's arguments (the article text) to its error record as `extra`:
    remove them, so that no formatter, now or later, can print them."""
    for name in ("arguments", "kwargs"):
        if hasattr(record, name):
            delattr(record, name)
    return True


def configure(fmt: str | None = None, level: str | None = None, *, cache: bool = True) -> str:
    """Configure structlog and route rq's records through it; returns the level name in use."""
    zlog.configure(fmt, level, cache=cache)
    level_name = zlog.log_level(level)
    render: list[Processor]
    if zlog.log_format(fmt) == "json":
        render = [
            structlog.processors.ExceptionRenderer(
                structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
            ),  # locals hold article text
            structlog.processors.JSONRenderer(),
        ]
    else:
        render = [structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)]
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_drop_job_arguments)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.contextvars.merge_contextvars,
                structlog.stdlib.add_log_level,
                structlog.stdlib.add_logger_name,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
            ],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *render],
        )
    )
    rq_logger = logging.getLogger("rq")
    for old in list(rq_logger.handlers):
        rq_logger.removeHandler(old)
    rq_logger.addHandler(handler)
    rq_logger.setLevel(level_name)
    rq_logger.propagate = False
    return level_name
