"""Settings for running zitat jobs with rq's own CLI (`zitat worker` is the usual way):

    rq worker -c worker.settings --serializer rq.serializers.JSONSerializer --with-scheduler

rq imports this module before it sets up logging, so configuring structlog here routes rq's records
through it (JSON in production). The serializer must be given on the command line: rq reads no
serializer setting, and a pickle-speaking worker must never take jobs from this queue.
"""
from __future__ import annotations

from worker import extraction, logs
from zitat import defaults

logs.configure()
extraction.single_threaded_torch()  # forked work horses hang after a multi-threaded torch pool

REDIS_URL = defaults.env(defaults.ENV_REDIS_URL, "redis://localhost:6379/0")
QUEUES = [defaults.QUEUE_NAME]
