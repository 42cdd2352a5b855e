"""structlog set-up: JSON in production, console at a terminal, never article text or locals."""

from __future__ import annotations

import logging
import sys

import structlog
from structlog.typing import Processor

from foundation.settings import current


def configure(fmt: str | None = None, level: str | None = None, *, cache: bool = True) -> None:
    fmt = log_format(fmt)
    level_name = log_level(level)
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: list[Processor]
    if fmt == "json":
        # show_locals=False: locals of a traceback would hold article text.
        renderer = [
            structlog.processors.ExceptionRenderer(structlog.tracebacks.ExceptionDictTransformer(show_locals=False)),
            structlog.processors.JSONRenderer(),
        ]
    else:
        renderer = [
            structlog.dev.ConsoleRenderer(
                exception_formatter=structlog.dev.RichTracebackFormatter(show_locals=False)
                if _has_rich()
                else structlog.dev.plain_traceback
            )
        ]
    structlog.configure(
        processors=shared + renderer,
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level_name)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=cache,
    )
    # Route stdlib logging (rq, grpc, stanza) through the same output at WARNING and above.
    logging.basicConfig(
        level=max(logging.getLevelName(level_name), logging.WARNING),
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


def log_format(fmt: str | None = None) -> str:
    """The format asked for, else ZITAT_LOG_FORMAT, else console at a terminal and JSON elsewhere."""
    return fmt or current().log_format or ("console" if sys.stderr.isatty() else "json")


def log_level(level: str | None = None) -> str:
    return (level or current().log_level).upper()


def _has_rich() -> bool:
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def get_logger(name: str | None = None):
    return structlog.get_logger(name)
