"""Reading a store written by an earlier version: its documents are copied into the current layout.

Format 1 (prefix "zitat:v1:") kept quotes per document with a speaker index and no articles. Each
of its documents becomes a document here plus one article without metadata (its publication time
is the time it was stored, as the old store showed it), published into statements, so every quote
is found as before. The old keys are left as they were; a marker key makes this run once.
"""

from __future__ import annotations

import re

import redis

from foundation import defaults
from foundation.logging import get_logger
from worker import codec
from worker.archive import Archive
from worker.codec import as_text
from worker.types import ArticleMeta

log = get_logger(__name__)
_DOC_KEY = re.compile(r"doc:([0-9a-f]{64})")


def pending(
    client: redis.Redis, prefix: str = defaults.REDIS_KEY_PREFIX, legacy: tuple[str, ...] = defaults.LEGACY_KEY_PREFIXES
) -> list[str]:
    """The legacy prefixes not yet copied (one EXISTS each)."""
    archive = Archive(client, prefix)
    return [old for old in legacy if not client.exists(archive.keys.migrated(old))]


def migrate(
    client: redis.Redis, prefix: str = defaults.REDIS_KEY_PREFIX, legacy: tuple[str, ...] = defaults.LEGACY_KEY_PREFIXES
) -> int:
    """Copy every legacy document not yet copied; returns how many were copied."""
    archive = Archive(client, prefix)
    copied = 0
    for old in pending(client, prefix, legacy):
        n = 0
        for key in client.scan_iter(match=f"{old}doc:*", count=1000):
            m = _DOC_KEY.fullmatch(as_text(key)[len(old) :])
            if not m:
                continue
            doc_id = m.group(1)
            doc = {as_text(a): as_text(b) for a, b in client.hgetall(key).items()}
            count = int(doc.get("quotes", 0))
            pipe = client.pipeline(transaction=False)
            for i in range(count):
                pipe.hgetall(f"{old}quote:{doc_id}:{i}")
            quotes = [codec.decode(raw) for raw in pipe.execute() if raw]
            stored = float(doc.get("published") or 0.0)
            archive.store.write_document(
                doc_id,
                doc.get("doc_name", ""),
                doc.get("version", ""),
                [(q.quote, q.stance) for q in quotes],
                now=stored,
            )
            archive.publish(archive.register(doc_id, doc.get("doc_name", ""), ArticleMeta(), now=stored))
            n += 1
        client.set(archive.keys.migrated(old), str(n))
        if n:
            log.info("store migrated", legacy_prefix=old, documents=n)
        copied += n
    return copied
