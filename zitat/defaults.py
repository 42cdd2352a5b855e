"""One home for zitat's defaults and the environment variables that override them."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# --- documents -------------------------------------------------------------------------------------
#: Largest document accepted, in UTF-8 bytes. gRPC message limits are set a little above it so that a
#: too-large document gets a clear INVALID_ARGUMENT naming this limit instead of a transport error.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
GRPC_MAX_MESSAGE_BYTES = 2 * MAX_DOCUMENT_BYTES + 1024 * 1024

# --- models ----------------------------------------------------------------------------------------
#: "bundled" (the compact models trained by this project, in models/de) or "official" (Stanza's own
#: German models, fetched once with `zitat models download`).
ENV_MODELS = "ZITAT_MODELS"
ENV_MODEL_DIR = "ZITAT_MODEL_DIR"
ENV_STANZA_DIR = "ZITAT_STANZA_DIR"
BUNDLED_MODEL_DIR = REPO_ROOT / "models" / "de"
OFFICIAL_STANZA_DIR = Path.home() / "stanza_resources"

# --- services --------------------------------------------------------------------------------------
ENV_GRPC_ADDRESS = "ZITAT_EXTRACTOR_ADDRESS"  # host:port of a remote extractor for the worker
ENV_REDIS_URL = "ZITAT_REDIS_URL"
ENV_DATA_DIR = "ZITAT_DATA_DIR"  # embedded Redis data lives here when no Redis URL is configured
DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "zitat"
DEFAULT_GRPC_PORT = 50051
ENV_LOG_FORMAT = "ZITAT_LOG_FORMAT"  # "json" | "console"; default: console at a terminal, else json
ENV_LOG_LEVEL = "ZITAT_LOG_LEVEL"


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default
