"""Shared fixtures. The real Extractor is loaded once per session: Stanza takes seconds to load."""

from __future__ import annotations

from contextlib import contextmanager

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The real extractor.api.Extractor with the bundled models (or $ZITAT_MODELS / $ZITAT_MODEL_DIR),
    loaded. One torch thread: forked workers and parallel test processes share two cores."""
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig

    return Extractor(ModelConfig.from_settings(threads=1)).load()


@contextmanager
def cli_logging_restored():
    """`zitat.cli.main()` configures structlog and logging for a process, bound to the captured stderr
    of the moment: put everything back, so that later tests do not write to a closed capture file."""
    import logging

    import structlog

    saved = structlog.get_config()
    loggers = {
        name: (list(logging.getLogger(name).handlers), logging.getLogger(name).level, logging.getLogger(name).propagate)
        for name in ("", "rq")
    }
    try:
        yield
    finally:
        structlog.configure(**saved)
        for name, (handlers, level, propagate) in loggers.items():
            logger = logging.getLogger(name)
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate


@pytest.fixture
def restore_cli_logging():
    """For tests that run `main()` in this process (see cli_logging_restored)."""
    with cli_logging_restored():
        yield


@pytest.fixture(scope="session")
def statement_parse():
    """The parse the stance scorer reads for a bare statement: the real extractor's, every sentence
    parsed (extractor.api.statement_parser, which `zitat stance` and the stance gold use too)."""
    from extractor.api import statement_parser

    return statement_parser(threads=1)
