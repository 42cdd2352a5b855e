"""Settings for running zitat jobs with rq's own CLI (`zitat worker` is the usual way):

    rq worker -c zitat.rq_settings --serializer rq.serializers.JSONSerializer --with-scheduler

rq imports this module before it sets up logging, so configuring structlog here routes rq's records
through it (JSON in production). The serializer must be given on the command line: rq reads no
serializer setting, and a pickle-speaking worker must never take jobs from this queue. It lives at the
edge, not in worker/, because it wires the gRPC client (zitat.grpc.client) into the worker.
"""

from __future__ import annotations

from foundation import defaults
from foundation.settings import current
from worker import logs
from zitat.cli import install_remote_extractor

logs.configure()
install_remote_extractor()  # jobs reach ZITAT_EXTRACTOR_ADDRESS, when set, through the gRPC client

REDIS_URL = current().redis_url or "redis://localhost:6379/0"
QUEUES = [defaults.QUEUE_NAME]
