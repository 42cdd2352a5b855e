"""worker.logs: rq's stdlib records come out as zitat's JSON lines, with the job id a job bound."""

from __future__ import annotations

import json
import logging

import pytest
import structlog

from worker import logs


@pytest.fixture
def restore_logging():
    saved = structlog.get_config()
    rq_logger = logging.getLogger("rq")
    handlers, level, propagate = list(rq_logger.handlers), rq_logger.level, rq_logger.propagate
    yield
    structlog.configure(**saved)
    rq_logger.handlers[:] = handlers
    rq_logger.setLevel(level)
    rq_logger.propagate = propagate


def test_rq_records_are_json_with_the_bound_job_id(restore_logging, capsys) -> None:
    logs.configure("json", "INFO", cache=False)
    with structlog.contextvars.bound_contextvars(job_id="doc-abc-123"):
        logging.getLogger("rq.worker").info("Worker w: job %s started", "doc-abc-123")
        structlog.get_logger("zitat.worker").info("job started", quotes=3)
    logging.getLogger("rq.worker").debug("not shown at INFO")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(e["event"], e["job_id"]) for e in lines] == [
        ("Worker w: job doc-abc-123 started", "doc-abc-123"),
        ("job started", "doc-abc-123"),
    ]
    assert lines[0]["logger"] == "rq.worker" and lines[0]["level"] == "info"


def test_tracebacks_carry_no_local_variables(restore_logging, capsys) -> None:
    logs.configure("json", "INFO", cache=False)
    article = "Die Lage ist ernst, sagte Stoltenberg."
    try:
        raise ValueError("boom")
    except ValueError:
        structlog.get_logger("zitat.worker").exception("job failed")
        logging.getLogger("rq.worker").exception("job failed")
    err = capsys.readouterr().err
    assert "boom" in err and article not in err


def test_rq_job_arguments_never_reach_the_output(restore_logging, capsys) -> None:
    logs.configure("json", "INFO", cache=False)
    article = "Die Lage ist ernst, sagte Stoltenberg."
    logging.getLogger("rq.worker").error(
        "job failed", extra={"arguments": [article], "kwargs": {"t": article}, "queue": "zitat-documents"}
    )
    err = capsys.readouterr().err
    assert "job failed" in err and article not in err
