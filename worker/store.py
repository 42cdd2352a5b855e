"""The quote store: documents, quotes and the speaker index in Redis.

Writes are one MULTI/EXEC transaction per document (WATCHing the document and the speakers it
touches), so a reader sees all of a document's quotes or none, and a killed worker leaves nothing
half-written. Writes are idempotent: quote ids are "<doc_id>:<index>", a rewrite replaces the
document's previous quotes, and speaker counts are recomputed, not incremented, so running a job
twice leaves exactly one set of quotes.

Layout (see worker.keys): quotes are hashes; each speaker has sorted sets by time and by stance
score, for all labels and per label, so every query is one ZRANGE plus a page of HGETALLs. Only the
document cache (content hash + pipeline version -> result) carries a TTL.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from extractor.types import Quote
from stance.types import Stance
from worker import aliases as alias_rules
from worker import codec
from worker.connection import translate_errors
from worker.keys import LABELS, MODES, Keys, check_doc_id, speaker_token
from worker.types import SpeakerCount, StoredQuote
from zitat import defaults
from zitat.exceptions import AmbiguousSpeaker, InvalidDocument, NotFound

SORTS = ("newest", "hawkish", "conciliatory")
FILTER_TTL = 30  # seconds an intersection of two filters is kept (a client paging through it)


@dataclass(frozen=True)
class CachedResult:
    """What the document cache remembers about a finished document."""

    doc_id: str
    version: str
    quote_count: int


def _s(value) -> str:
    return value.decode("utf-8", errors="surrogatepass") if isinstance(value, bytes) else str(value)


def _split_quote_id(quote_id: bytes | str) -> tuple[str, int]:
    doc_id, _, index = _s(quote_id).rpartition(":")
    return doc_id, int(index)


class QuoteStore:
    """Reads and writes zitat's data in one Redis database under a versioned key prefix."""

    def __init__(self, client: redis.Redis, prefix: str = defaults.REDIS_KEY_PREFIX,
                 cache_ttl: int = defaults.CACHE_TTL) -> None:
        self.redis = client
        self.keys = Keys(prefix)
        self.cache_ttl = int(cache_ttl)

    # --- writes -----------------------------------------------------------------------------------
    @translate_errors
    def write_document(self, doc_id: str, doc_name: str, version: str,
                       scored: Sequence[tuple[Quote, Stance]], *, now: float | None = None) -> int:
        """Store a document's quotes and stances, replacing any earlier set; returns the quote count."""
        doc_id = check_doc_id(doc_id)
        k = self.keys
        scored = list(scored)  # the transaction may run more than once (WATCH conflicts)
        for _, stance in scored:
            if stance.label not in LABELS:
                raise ValueError(f"unknown stance label {stance.label!r}")

        def transaction(pipe: redis.client.Pipeline) -> int:
            new_items = [(q, st, self._token_for(pipe, q.speaker)) for q, st in scored]
            new_tokens = {t for _, _, t in new_items if t}
            old = {_s(a): _s(b) for a, b in pipe.hgetall(k.doc(doc_id)).items()}
            # (speaker token, stance label, mode) of each stored quote: what a rewrite must unindex
            # (documents stored before modes were indexed have no mode: every mode set is cleaned).
            old_items = [(item[0], item[1], item[2] if len(item) > 2 else None)
                         for item in json.loads(old.get("index", "[]"))]
            tokens = sorted(new_tokens | {t for t, _, _ in old_items if t})
            if tokens:
                pipe.watch(*[k.speaker_index(t, "time") for t in tokens])
            before = {t: pipe.zcard(k.speaker_index(t, "time")) for t in tokens}
            published = float(old["published"]) if "published" in old else (now if now is not None else time.time())

            pipe.multi()
            for i, (token, label, mode) in enumerate(old_items):
                qid = f"{doc_id}:{i}"
                if token:
                    for order in ("time", "stance"):
                        pipe.zrem(k.speaker_index(token, order), qid)
                        if label in LABELS:
                            pipe.zrem(k.speaker_index(token, order, label), qid)
                        for m in ([mode] if mode in MODES else MODES):
                            pipe.zrem(k.speaker_mode_index(token, order, m), qid)
                pipe.delete(k.quote(doc_id, i))
            for i, (quote, stance, token) in enumerate(new_items):
                qid = f"{doc_id}:{i}"
                pipe.hset(k.quote(doc_id, i),
                          mapping=codec.encode(doc_id, doc_name, i, published, version, quote, stance, token))
                if not token:
                    continue
                # Within one document, "newest first" keeps text order: a tiny per-index offset.
                time_score = published - i * 1e-6
                for label in (None, stance.label):
                    pipe.zadd(k.speaker_index(token, "time", label), {qid: time_score})
                    pipe.zadd(k.speaker_index(token, "stance", label), {qid: float(stance.score)})
                pipe.zadd(k.speaker_mode_index(token, "time", quote.mode), {qid: time_score})
                pipe.zadd(k.speaker_mode_index(token, "stance", quote.mode), {qid: float(stance.score)})
                self._add_aliases(pipe, token, quote)
            old_per = Counter(t for t, _, _ in old_items if t)
            new_per = Counter(t for _, _, t in new_items if t)
            for t in tokens:
                count = before[t] - old_per[t] + new_per[t]
                if count > 0:
                    pipe.zadd(k.speakers, {t: count})
                else:
                    pipe.zrem(k.speakers, t)
            pipe.hset(k.doc(doc_id), mapping={
                "doc_name": doc_name, "published": repr(published), "version": version,
                "quotes": len(new_items), "updated": repr(time.time()),
                "index": json.dumps([[t or "", st.label, q.mode] for q, st, t in new_items]),
            })
            pipe.set(k.cache(doc_id, version), json.dumps({"quote_count": len(new_items)}), ex=self.cache_ttl)
            return len(new_items)

        return self.redis.transaction(transaction, k.doc(doc_id), value_from_callable=True)

    def _token_for(self, pipe, speaker: str | None) -> str | None:
        """The speaker's index token. A bare surname („Pompeo“) joins the one speaker known by it
        („Mike Pompeo“); when none or several are, it is a speaker of its own."""
        norm = alias_rules.normalise(speaker or "")
        if not norm:
            return None
        if " " not in norm:
            known = pipe.smembers(self.keys.shared_alias(norm))
            if len(known) == 1:
                return _s(next(iter(known)))
        return speaker_token(norm)

    def _add_aliases(self, pipe, token: str, quote: Quote) -> None:
        """The canonical name is the speaker's own (written only for its own token); shared aliases
        (surname, role + surname) collect every speaker they fit, so no later person can take one
        over and a lookup can tell when it is ambiguous."""
        k = self.keys
        mention = quote.speaker_mention.text if quote.speaker_mention else None
        canonical, weak = alias_rules.aliases_for(quote.speaker or "", quote.speaker_role, mention)
        pipe.hsetnx(k.speaker_names, token, canonical)
        own = speaker_token(alias_rules.normalise(canonical)) == token
        if own:
            pipe.hset(k.aliases, alias_rules.normalise(canonical), token)
        if own and " " in canonical:  # only full names vouch for their surname and roles
            for alias in weak:
                pipe.sadd(k.shared_alias(alias_rules.normalise(alias)), token)
        pipe.sadd(k.speaker_aliases(token), canonical, *weak)

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
    def _fetch(self, quote_ids: Sequence[bytes | str]) -> list[StoredQuote]:
        pipe = self.redis.pipeline(transaction=False)
        for qid in quote_ids:
            pipe.hgetall(self.keys.quote(*_split_quote_id(qid)))
        # A document rewritten between the index read and this fetch can leave a gap: skip it.
        return [codec.decode(raw) for raw in pipe.execute() if raw]

    @translate_errors
    def document_quotes(self, doc_id: str) -> list[StoredQuote]:
        """A document's quotes in text order; NotFound if the document was never stored."""
        doc_id = check_doc_id(doc_id)
        count = self.redis.hget(self.keys.doc(doc_id), "quotes")
        if count is None:
            raise NotFound(f"no document {doc_id}: it was never processed (or is still queued)")
        return self._fetch([f"{doc_id}:{i}" for i in range(int(count))])

    @translate_errors
    def has_document(self, doc_id: str) -> bool:
        return bool(self.redis.exists(self.keys.doc(check_doc_id(doc_id))))

    @translate_errors
    def resolve_speaker(self, name: str) -> tuple[str, str] | None:
        """(token, canonical name) for any alias of exactly one speaker, case- and diacritics-
        insensitive; None if nobody is known by it. AmbiguousSpeaker, naming the candidates, when a
        shared alias (a bare surname, a role + surname) fits several people.

        A full name finds only its own speaker: „Hans Putin“ is not Wladimir Putin. A role in front
        of a surname („Außenminister Pompeo“) falls back to the surname.
        """
        if not isinstance(name, str):
            return None
        norm = alias_rules.normalise(name)
        if not norm:
            return None
        token = self.redis.hget(self.keys.aliases, norm)
        if token is not None and " " in norm:
            return self._named(_s(token), name)
        candidates = {_s(t) for t in self.redis.smembers(self.keys.shared_alias(norm))}
        if not candidates and " " in norm and alias_rules.leading_first_name(name) is None:
            last = alias_rules.normalise(alias_rules.surname(name))
            candidates = {_s(t) for t in self.redis.smembers(self.keys.shared_alias(last))}
        if len(candidates) == 1:
            return self._named(candidates.pop(), name)
        if len(candidates) > 1:
            names = self.redis.hmget(self.keys.speaker_names, sorted(candidates))
            raise AmbiguousSpeaker(name, sorted((_s(n) for n in names if n), key=str.casefold))
        if token is not None:  # a speaker known only by this one word („Reuters“, „Kreml“)
            return self._named(_s(token), name)
        return None

    def _named(self, token: str, asked: str) -> tuple[str, str]:
        canonical = self.redis.hget(self.keys.speaker_names, token)
        return token, _s(canonical) if canonical else asked

    @translate_errors
    def quotes_by_speaker(self, name: str, sort: str = "newest", limit: int = 20, offset: int = 0,
                          stance: str | None = None, mode: str | None = None,
                          ) -> tuple[str | None, list[StoredQuote], int]:
        """(canonical name or None if unknown, one page of quotes, total matching), optionally only
        one stance label and/or one mode (speech, thought, writing)."""
        if sort not in SORTS:
            raise InvalidDocument(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}", field="sort")
        if stance in ("", "all", "any"):
            stance = None
        if stance is not None and stance not in LABELS:
            raise InvalidDocument(f"unknown stance label {stance!r}: choose one of {', '.join(LABELS)}",
                                  field="stance")
        if mode in ("", "all", "any"):
            mode = None
        if mode is not None and mode not in MODES:
            raise InvalidDocument(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}", field="mode")
        limit, offset = _page(limit, offset)
        found = self.resolve_speaker(name)
        if found is None:
            return None, [], 0
        token, canonical = found
        order = "time" if sort == "newest" else "stance"
        key = self.keys.speaker_index(token, order, stance)
        pipe = self.redis.pipeline(transaction=True)
        if mode is not None and stance is None:
            key = self.keys.speaker_mode_index(token, order, mode)
        elif mode is not None:  # both filters: their intersection, kept for a few seconds for paging
            both = self.keys.speaker_filtered(token, order, stance, mode)
            pipe.zinterstore(both, {key: 1, self.keys.speaker_mode_index(token, order, mode): 0})
            pipe.expire(both, FILTER_TTL)
            key = both
        pipe.zcard(key)
        if limit:
            if sort == "conciliatory":
                pipe.zrange(key, offset, offset + limit - 1)
            else:
                pipe.zrevrange(key, offset, offset + limit - 1)
        results = pipe.execute()
        total, page = (results[-2], results[-1]) if limit else (results[-1], [])
        return canonical, self._fetch(page), int(total)

    @translate_errors
    def list_speakers(self, limit: int = 100, offset: int = 0) -> list[SpeakerCount]:
        """Speakers with their quote counts, most quoted first."""
        limit, offset = _page(limit, offset)
        if not limit:
            return []
        rows = self.redis.zrevrange(self.keys.speakers, offset, offset + limit - 1, withscores=True)
        if not rows:
            return []
        pipe = self.redis.pipeline(transaction=False)
        pipe.hmget(self.keys.speaker_names, [t for t, _ in rows])
        for t, _ in rows:
            pipe.smembers(self.keys.speaker_aliases(_s(t)))
        names, *alias_sets = pipe.execute()
        out = []
        for (token, count), name, alias_set in zip(rows, names, alias_sets):
            canonical = _s(name) if name else _s(token)
            extra = sorted({_s(a) for a in alias_set} - {canonical}, key=str.casefold)
            out.append(SpeakerCount(canonical, int(count), tuple(extra)))
        return out


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not isinstance(limit, int) or limit < 0 or limit > defaults.MAX_PAGE_SIZE:
        raise InvalidDocument(f"limit must be between 0 and {defaults.MAX_PAGE_SIZE}, got {limit!r}", field="limit")
    if not isinstance(offset, int) or offset < 0:
        raise InvalidDocument(f"offset must be 0 or more, got {offset!r}", field="offset")
    return limit, offset


def group_by_speaker(quotes: Sequence[StoredQuote]) -> dict[str | None, list[StoredQuote]]:
    """Quotes grouped by canonical speaker (None: no speaker found), busiest speaker first."""
    groups: dict[str | None, list[StoredQuote]] = defaultdict(list)
    for q in quotes:
        groups[q.quote.speaker].append(q)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), (kv[0] or "").casefold())))
