"""The document layer of the store: a text's quotes and stances, and the document cache.

A document is a text, keyed by its content hash: extraction is a pure function of the text and the
pipeline version, so one result serves every article that prints the same text (worker.archive
publishes a document as articles, with metadata, and merges quotes into statements).

Writes are one MULTI/EXEC transaction per document, so a reader sees all of a document's quotes or
none, and a killed worker leaves nothing half-written. Writes are idempotent: quote ids are
"<doc_id>:<index>" and a rewrite replaces the document's previous quotes. Only the document cache
(content hash + pipeline version -> result) carries a TTL.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import redis
from redis.typing import EncodableT, FieldT

from extractor.types import Quote
from foundation import defaults
from foundation.errors import NotFound
from stance.types import Stance
from worker import codec
from worker.codec import as_text
from worker.connection import run_transaction, translate_errors
from worker.keys import LABELS, Keys, check_doc_id
from worker.types import StoredQuote


@dataclass(frozen=True)
class CachedResult:
    """What the document cache remembers about a finished document."""

    doc_id: str
    version: str
    quote_count: int


class QuoteStore:
    """Documents and their quotes in one Redis database under a versioned key prefix."""

    def __init__(
        self, client: redis.Redis, prefix: str = defaults.REDIS_KEY_PREFIX, cache_ttl: int = defaults.CACHE_TTL
    ) -> None:
        self.redis = client
        self.keys = Keys(prefix)
        self.cache_ttl = int(cache_ttl)

    # --- writes -----------------------------------------------------------------------------------
    @translate_errors
    def write_document(
        self,
        doc_id: str,
        doc_name: str,
        version: str,
        scored: Sequence[tuple[Quote, Stance]],
        *,
        text: str | None = None,
        now: float | None = None,
    ) -> int:
        """Store a document's quotes and stances (and its text, for article pages), replacing any
        earlier set; returns the quote count."""
        doc_id = check_doc_id(doc_id)
        k = self.keys
        scored = list(scored)
        for _, stance in scored:
            if stance.label not in LABELS:
                raise ValueError(f"unknown stance label {stance.label!r}")

        def transaction(pipe: redis.client.Pipeline) -> int:
            names = ["quotes", "stored", "doc_name"]
            old = {n: as_text(v) for n, v in zip(names, pipe.hmget(k.doc(doc_id), names)) if v is not None}
            stored = float(old["stored"]) if "stored" in old else (now if now is not None else time.time())
            pipe.multi()
            for i in range(len(scored), int(old.get("quotes", 0))):
                pipe.delete(k.quote(doc_id, i))
            for i, (quote, stance) in enumerate(scored):
                pipe.set(k.quote(doc_id, i), codec.encode(doc_id, doc_name, i, stored, version, quote, stance, None))
            fields: dict[FieldT, EncodableT] = {
                "doc_name": old.get("doc_name") or doc_name,
                "stored": repr(stored),
                "version": version,
                "quotes": len(scored),
                "updated": repr(time.time()),
            }
            if text is not None:
                fields["text"] = text
            pipe.hset(k.doc(doc_id), mapping=fields)
            pipe.set(k.cache(doc_id, version), json.dumps({"quote_count": len(scored)}), ex=self.cache_ttl)
            return len(scored)

        return run_transaction(self.redis, transaction, k.doc(doc_id))

    # --- the document cache ----------------------------------------------------------------------
    @translate_errors
    def cached(self, doc_id: str, version: str) -> CachedResult | None:
        """The stored result for this document under this pipeline version, if still cached."""
        raw = self.redis.get(self.keys.cache(check_doc_id(doc_id), version))
        if raw is None:
            return None
        return CachedResult(doc_id, version, int(json.loads(raw)["quote_count"]))

    @translate_errors
    def cached_any_version(self, doc_id: str, version_digest: str) -> CachedResult | None:
        """Like cached(), for callers that only know the version digest (from a job id)."""
        raw = self.redis.get(self.keys.cache_by_digest(check_doc_id(doc_id), version_digest))
        if raw is None:
            return None
        return CachedResult(doc_id, "", int(json.loads(raw)["quote_count"]))

    # --- reads ------------------------------------------------------------------------------------
    def fetch(self, quote_ids: Sequence[tuple[str, int]]) -> list[StoredQuote | None]:
        """The quotes with these (doc_id, index) ids, None where one is gone, in order."""
        pipe = self.redis.pipeline(transaction=False)
        for doc_id, index in quote_ids:
            pipe.get(self.keys.quote(doc_id, index))
        return [codec.decode(raw) if raw else None for raw in pipe.execute()]

    @translate_errors
    def document_quotes(self, doc_id: str) -> list[StoredQuote]:
        """A document's quotes in text order; NotFound if the document was never stored."""
        doc_id = check_doc_id(doc_id)
        count = self.redis.hget(self.keys.doc(doc_id), "quotes")
        if count is None:
            raise NotFound(f"no document {doc_id}: it was never processed (or is still queued)")
        return [q for q in self.fetch([(doc_id, i) for i in range(int(count))]) if q is not None]

    @translate_errors
    def document_text(self, doc_id: str) -> str | None:
        """The document's text, if it was stored with it (documents migrated from format 1 were not)."""
        raw = self.redis.hget(self.keys.doc(check_doc_id(doc_id)), "text")
        return None if raw is None else as_text(raw)

    @translate_errors
    def has_document(self, doc_id: str) -> bool:
        return bool(self.redis.exists(self.keys.doc(check_doc_id(doc_id))))


def group_by_speaker(quotes: Sequence[StoredQuote]) -> dict[str | None, list[StoredQuote]]:
    """Quotes grouped by canonical speaker (None: no speaker found), busiest speaker first."""
    groups: dict[str | None, list[StoredQuote]] = defaultdict(list)
    for q in quotes:
        groups[q.quote.speaker].append(q)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), (kv[0] or "").casefold())))
