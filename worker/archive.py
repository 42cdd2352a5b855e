"""The newsroom archive: articles with their metadata, statements across articles, their indexes.

A document (worker.store: a text and its quotes) is *published* as one or more articles — the
same text from two outlets is two articles of one document. Publishing merges each quote that has
a speaker into a *statement* of that speaker (worker.statements says when two quotes are one) and
indexes the statement for the queries journalists ask: by speaker or across all, by words
(worker.terms), stance label or score range, first publication date, outlet and mode, sorted
newest / most hawkish / most conciliatory / most repeated, paged.

Layout (worker.keys): each statement is one JSON string with its occurrences ("<article id>:<quote
index>" and publication time, earliest first) — a string costs what its JSON costs, where a hash
with any value over 64 bytes takes its large encoding; sorted sets per speaker and over everyone
order statement ids by first publication, stance score and article count; each search term has a
sorted set by first publication; plain sets hold the other filters (label, mode, outlet). A query
is one MULTI planned from its smallest time-ordered input (Archive._plan): intersected in Redis
with the other inputs (ZINTERSTORE weights the ordering input 1 and the filters 0), cut by date or
score (ZRANGESTORE BYSCORE), ordered, one page read and the scratch keys deleted. Cost follows the
smallest input, not the archive; the per-day counts of each speaker make a timeline one read.

Writes are transactions that WATCH the article and a revision counter of every speaker they
touch, so two workers publishing statements of one speaker never merge against a stale view.
Publishing is idempotent: an article's earlier occurrences are taken out first, and a statement
left with none is deleted.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import cast

import redis
from redis.typing import EncodableT, FieldT

from foundation import defaults
from foundation.errors import InvalidDocument, NotFound
from stance.types import Evidence, Stance
from worker import aliases as alias_rules
from worker import codec
from worker import statements as matching
from worker import terms as search_terms
from worker.codec import as_text
from worker.connection import run_transaction, translate_errors
from worker.keys import LABELS, MODES, Keys, check_article_id, check_doc_id
from worker.speakers import SpeakerRegistry
from worker.store import QuoteStore
from worker.types import (
    META_FIELDS,
    Article,
    ArticleMeta,
    ArticleRef,
    Statement,
    StatementPage,
    StatementQuery,
    StoredQuote,
)

SORTS = {"newest": "time", "hawkish": "stance", "conciliatory": "stance", "repeated": "count"}
#: Articles listed with each statement (its count says how many there are in all).
ARTICLES_PER_STATEMENT = 50
#: The article fields that publishing writes: not part of what an article is published from.
_PUBLISH_STATE = frozenset({"state", "index", "published_from"})
SCRATCH_TTL = 30  # seconds: a net under a query's scratch keys, which the query deletes itself


def article_id_for(doc_id: str, meta: ArticleMeta) -> str:
    """An article is a document where it appeared: its URL, else outlet + title + publication time.
    Without any of them the article is the document itself (its id is the document's)."""
    identity = meta.url or "\x00".join((meta.outlet, meta.title, meta.published))
    if not identity.strip("\x00"):
        return doc_id
    return hashlib.sha256(f"{doc_id}\n{identity}".encode("utf-8", errors="surrogatepass")).hexdigest()


def outlet_key(outlet: str) -> str:
    """Outlets compare like names: case, accents and spacing do not count."""
    return alias_rules.normalise(outlet)


@dataclass
class _Stmt:
    """A statement being changed inside one publishing transaction."""

    sid: str
    token: str
    words: tuple[str, ...]
    text: str
    quote: str  # "<doc_id>:<index>" of the form the text comes from
    label: str
    score: float
    evidence: str  # JSON
    mode: str
    kind: str
    terms: set[str]
    outlets: set[str]
    prints: set[str]
    seen: dict[str, float]  # "<article id>:<index>" -> publication time
    known: bool  # it exists in Redis (else: created by this transaction)
    before: dict = field(default_factory=dict)  # label, mode, terms, outlets, prints, token as stored

    @property
    def first_ts(self) -> float:
        return min(self.seen.values())

    @property
    def count(self) -> int:
        return len({member.rpartition(":")[0] for member in self.seen})

    def dumps(self) -> str:
        """The stored form: one JSON string (see the module docstring), occurrences earliest first."""
        seen = sorted(self.seen.items(), key=lambda kv: (kv[1], kv[0]))
        return json.dumps(
            {
                "token": self.token,
                "text": self.text,
                "quote": self.quote,
                "label": self.label,
                "score": float(self.score),
                "evidence": json.loads(self.evidence),
                "mode": self.mode,
                "kind": self.kind,
                "outlets": sorted(self.outlets),
                "count": self.count,
                "seen": [[m, ts] for m, ts in seen],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def take_form(self, text: str, seq: tuple[str, ...]) -> None:
        """Make `text` the statement's text. Its words, search terms and fingerprints are derived
        from it, not stored: every shorter form's words lie inside it, so its terms and fingerprints
        include theirs (worker.statements)."""
        self.text, self.words = text, seq
        self.terms = search_terms.terms(text)
        self.prints = matching.fingerprints(seq)


def _evidence_json(stance: Stance) -> str:
    return json.dumps(
        [{"text": e.text, "start": e.start, "end": e.end, "weight": e.weight, "note": e.note} for e in stance.evidence],
        ensure_ascii=False,
    )


def _loaded(sid: str, raw: bytes | str) -> _Stmt:
    row = json.loads(raw)
    st = _Stmt(
        sid=sid,
        token=row["token"],
        words=(),
        text="",
        quote=row["quote"],
        label=row["label"],
        score=float(row["score"]),
        evidence=json.dumps(row["evidence"], ensure_ascii=False),
        mode=row["mode"],
        kind=row["kind"],
        terms=set(),
        outlets=set(row["outlets"]),
        prints=set(),
        seen={m: float(ts) for m, ts in row["seen"]},
        known=True,
    )
    st.take_form(row["text"], matching.words(row["text"]))
    st.before = {
        "label": st.label,
        "mode": st.mode,
        "terms": set(st.terms),
        "outlets": set(st.outlets),
        "prints": set(st.prints),
        "token": st.token,
        "day": _day_counts(st) if st.seen else {},
        "first_ts": st.first_ts if st.seen else None,
    }
    return st


class Archive:
    """Articles and statements in Redis (see the module docstring)."""

    def __init__(
        self, client: redis.Redis, prefix: str = defaults.REDIS_KEY_PREFIX, store: QuoteStore | None = None
    ) -> None:
        self.redis = client
        self.keys = Keys(prefix)
        self.store = store or QuoteStore(client, prefix)
        self.speakers = SpeakerRegistry(client, self.keys)

    # --- articles ---------------------------------------------------------------------------------
    @translate_errors
    def register(self, doc_id: str, doc_name: str, meta: ArticleMeta, *, now: float | None = None) -> str:
        """Record an article (a document where it appeared) before or after its document is
        processed; returns its id. Metadata given again replaces the earlier fields it names."""
        doc_id = check_doc_id(doc_id)
        article_id = article_id_for(doc_id, meta)
        key = self.keys.article(article_id)
        fields: dict[FieldT, EncodableT] = {f: getattr(meta, f) for f in META_FIELDS if getattr(meta, f)}
        if meta.published_ts is not None:
            fields["published_ts"] = repr(float(meta.published_ts))
        pipe = self.redis.pipeline(transaction=True)
        pipe.hsetnx(key, "stored", repr(now if now is not None else time.time()))
        pipe.hsetnx(key, "state", "pending")
        pipe.hset(key, mapping={"doc_id": doc_id, "doc_name": doc_name or "", **fields})
        pipe.sadd(self.keys.doc_articles(doc_id), article_id)
        pipe.execute()
        return article_id

    @translate_errors
    def publish_document(self, doc_id: str) -> list[str]:
        """Publish every article registered for a processed document; returns their ids."""
        doc_id = check_doc_id(doc_id)
        ids = sorted(as_text(a) for a in self.redis.smembers(self.keys.doc_articles(doc_id)))
        for article_id in ids:
            self.publish(article_id)
        return ids

    @translate_errors
    def publish(self, article_id: str) -> int:
        """Merge the article's quotes into statements and index them (idempotent); returns the number
        of quotes that became occurrences of a statement. 0 while its document is not processed."""
        article_id = check_article_id(article_id)
        k = self.keys
        absorb: set[tuple[str, str]] = set()

        def transaction(pipe: redis.client.Pipeline) -> int:
            art = {as_text(a): as_text(b) for a, b in pipe.hgetall(k.article(article_id)).items()}
            if not art:
                raise NotFound(f"no article {article_id}")
            doc_id = art["doc_id"]
            pipe.watch(k.doc(doc_id))  # a job rewriting the document meanwhile makes us read again
            count, updated = (
                as_text(v) if v is not None else None for v in pipe.hmget(k.doc(doc_id), ["quotes", "updated"])
            )
            if count is None:
                return 0
            # The document's write and the article's fields it was published from: the same again (a
            # resubmitted document, the cache's answer) publishes nothing anew.
            source = json.dumps([updated, sorted((f, v) for f, v in art.items() if f not in _PUBLISH_STATE)])
            if art.get("state") == "published" and art.get("published_from") == source:
                return sum(1 for sid, _ in json.loads(art.get("index", "[]")) if sid)
            quotes = self.store.fetch([(doc_id, i) for i in range(int(count))])
            ts = float(art.get("published_ts") or art["stored"])
            outlet = outlet_key(art.get("outlet", ""))
            old_index = json.loads(art.get("index", "[]")) if art.get("state") == "published" else []
            new_items = []
            for i, q in enumerate(quotes):
                token = self.speakers.token_for(pipe, q.quote.speaker) if q is not None else None
                new_items.append((i, q, token))
            old_sids = sorted({sid for sid, _ in old_index if sid})
            old = self._read_statements(self.redis, old_sids)
            tokens = {t for _, _, t in new_items if t} | {json.loads(raw)["token"] for raw in old.values()}
            if tokens:  # from here on, any other writer's change to these speakers fails our EXEC
                pipe.watch(*[k.speaker_rev(t) for t in sorted(tokens)])
            batch = _Batch(self, pipe)
            batch.load(self._read_statements(self.redis, old_sids))
            for sid, i in old_index:
                if sid:
                    batch.remove_occurrence(sid, f"{article_id}:{i}")
            index = []
            registered = []
            for i, q, token in new_items:
                if q is None or token is None:
                    index.append(["", i])
                    continue
                # "Newest first" keeps text order within an article: a microsecond per quote.
                sid = batch.add_occurrence(token, q, f"{article_id}:{i}", ts - i * 1e-6, outlet)
                index.append([sid, i])
                registered.append((token, q))
            batch.finish_reads()
            for token, speaker in sorted({(t, q.quote.speaker or "") for t, q in registered}):
                bare = self.speakers.bare_speaker_to_absorb(pipe, token, speaker)
                if bare:
                    absorb.add((bare, token))
            pipe.multi()
            batch.write()
            seen_names = set()
            for token, q in registered:  # each way an article names a speaker, once
                mention = q.quote.speaker_mention.text if q.quote.speaker_mention else None
                name = (token, q.quote.speaker, q.quote.speaker_role, mention)
                if name not in seen_names:
                    seen_names.add(name)
                    self.speakers.register(pipe, token, q.quote)
            pipe.hset(
                k.article(article_id),
                mapping={"state": "published", "index": json.dumps(index), "published_from": source},
            )
            pipe.zadd(k.articles, {article_id: ts})
            return len(registered)

        n = run_transaction(self.redis, transaction, k.article(article_id))
        for bare, token in sorted(absorb):
            self.absorb(bare, token)
        return n

    @translate_errors
    def absorb(self, bare: str, token: str) -> int:
        """Move a bare-surname speaker's statements to the full-name speaker `token` (merging those
        that are one statement); returns how many moved. See worker.speakers."""
        k = self.keys

        def transaction(pipe: redis.client.Pipeline) -> int:
            sids = [as_text(s) for s in cast(list[bytes | str], pipe.zrange(k.by_speaker(bare, "time"), 0, -1))]
            if not sids:
                return 0
            batch = _Batch(self, pipe)
            loaded = batch.load(self._read_statements(self.redis, sids))
            for st in loaded:
                batch.rehome(st, token)
            batch.finish_reads()
            pipe.multi()
            batch.write()
            self.speakers.move(pipe, bare, token)
            return len(sids)

        return run_transaction(self.redis, transaction, k.speaker_rev(bare), k.speaker_rev(token))

    def _read_statements(self, client: redis.Redis, sids: Sequence[str]) -> dict[str, bytes | str]:
        """Stored statements (JSON), read in one round trip (the caller WATCHes their speakers'
        revision counters)."""
        if not sids:
            return {}
        values = client.mget([self.keys.statement(sid) for sid in sids])
        return {sid: raw for sid, raw in zip(sids, values) if raw is not None}

    # --- reading articles -------------------------------------------------------------------------
    @translate_errors
    def get_article(self, article_id: str) -> Article:
        """An article with its metadata, text and quotes (each with its statement id)."""
        article_id = check_article_id(article_id)
        art = {as_text(a): as_text(b) for a, b in self.redis.hgetall(self.keys.article(article_id)).items()}
        if not art:
            raise NotFound(f"no article {article_id}")
        doc_id = art["doc_id"]
        meta = _meta(art)
        published = float(art.get("published_ts") or art["stored"])
        sids = {i: sid for sid, i in json.loads(art.get("index", "[]"))}
        try:
            quotes = self.store.document_quotes(doc_id)
        except NotFound:
            quotes = []
        quotes = [
            replace(
                q,
                published=published,
                article_id=article_id,
                statement_id=sids.get(int(q.quote_id.rpartition(":")[2]), ""),
            )
            for q in quotes
        ]
        return Article(article_id, doc_id, art.get("doc_name", ""), meta, self.store.document_text(doc_id), quotes)

    @translate_errors
    def article_state(self, article_id: str) -> str:
        """ "pending" until its document is processed and published, then "published"."""
        raw = self.redis.hget(self.keys.article(check_article_id(article_id)), "state")
        if raw is None:
            raise NotFound(f"no article {article_id}")
        return as_text(raw)

    # --- queries ----------------------------------------------------------------------------------
    @translate_errors
    def query(self, q: StatementQuery, limit: int, offset: int) -> StatementPage:
        """One page of statements matching `q` (limit and offset already checked), and the total."""
        from worker.metadata import parse_bound

        k = self.keys
        if q.sort not in SORTS:
            raise InvalidDocument(f"unknown sort {q.sort!r}: choose one of {', '.join(SORTS)}", field="sort")
        stance = None if q.stance in (None, "", "all", "any") else q.stance
        if stance is not None and stance not in LABELS:
            raise InvalidDocument(f"unknown stance label {stance!r}: choose one of {', '.join(LABELS)}", field="stance")
        mode = None if q.mode in (None, "", "all", "any") else q.mode
        if mode is not None and mode not in MODES:
            raise InvalidDocument(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}", field="mode")
        for name, value in (("min_score", q.min_score), ("max_score", q.max_score)):
            if value is not None and not -1.0 <= float(value) <= 1.0:
                raise InvalidDocument(f"{name} must be between -1 and 1, got {value!r}", field=name)
        low = parse_bound(q.published_from, end=False) if q.published_from else None
        high = parse_bound(q.published_to, end=True) if q.published_to else None
        canonical = None
        if q.speaker is not None and q.speaker.strip():
            found = self.speakers.resolve(q.speaker)
            if found is None:
                return StatementPage(None, [], 0)
            token, canonical = found
            base = lambda order: k.by_speaker(token, order)  # noqa: E731
        else:
            base = k.everyone
        sets = []  # plain sets: membership only
        if stance:
            sets.append(k.label(stance))
        if mode:
            sets.append(k.mode(mode))
        if q.outlet and outlet_key(q.outlet):
            sets.append(k.outlet(outlet_key(q.outlet)))
        timed = [k.term(t) for t in search_terms.query_terms(q.words)]  # scored by first publication
        ids, total = self._plan(base, canonical is None, timed, sets, q, low, high, limit, offset)
        return StatementPage(canonical, self.statements([as_text(i) for i in ids]), int(total))

    def _plan(
        self,
        base,
        everyone: bool,
        timed: list[str],
        sets: list[str],
        q: StatementQuery,
        low: float | None,
        high: float | None,
        limit: int,
        offset: int,
    ) -> tuple[list, int]:
        """One page of ids and the total, in one MULTI, at a cost set by the smallest input.

        1. The candidates, scored by first publication: the smallest of the time-ordered inputs (the
           speaker's or everyone's time index, each word's index) intersected with the others and
           the plain filter sets — or that input itself when nothing else filters (one word, newest
           first, costs a range read).
        2. A date range cuts the candidates by score (newest first pages straight from the cut).
        3. Another order intersects what is left with that order's index; a score range cuts the
           stance order the same way."""
        k = self.keys
        inputs = [base("time"), *timed]
        if len(inputs) > 1:  # the driver: the smallest time-ordered input
            sizes = self.redis.pipeline(transaction=False)
            for key in inputs:
                sizes.zcard(key)
            inputs = [key for _, key in sorted(zip(sizes.execute(), inputs), key=lambda p: p[0])]
        driver, others = inputs[0], inputs[1:] + sets
        if everyone and base("time") in others:
            others.remove(base("time"))  # every statement is in everyone's index: nothing to intersect
        pipe = self.redis.pipeline(transaction=True)
        scratch: list[str] = []

        def temp() -> str:
            key = k.scratch(uuid.uuid4().hex)
            scratch.append(key)
            pipe.expire(key, SCRATCH_TTL)  # a net only: the query deletes it
            return key

        def page(key: str, by_score: tuple | None, reverse: bool) -> int:
            at = len(pipe)
            if by_score is None:
                pipe.zcard(key)
                if limit:
                    (pipe.zrevrange if reverse else pipe.zrange)(key, offset, offset + limit - 1)
            else:
                lo, hi = by_score
                pipe.zcount(key, lo, hi)
                if limit:
                    if reverse:
                        pipe.zrevrangebyscore(key, hi, lo, start=offset, num=limit)
                    else:
                        pipe.zrangebyscore(key, lo, hi, start=offset, num=limit)
            return at

        candidates = driver
        if others:
            candidates = temp()
            pipe.zinterstore(candidates, {driver: 1, **{key: 0 for key in others}})
        dates = (
            None if low is None and high is None else ("-inf" if low is None else low, "+inf" if high is None else high)
        )
        scores = (
            None
            if q.min_score is None and q.max_score is None
            else (
                "-inf" if q.min_score is None else float(q.min_score),
                "+inf" if q.max_score is None else float(q.max_score),
            )
        )
        order = SORTS[q.sort]
        if order == "time" and scores is None:
            at = page(candidates, dates, reverse=True)
        else:
            if dates is not None:
                cut = temp()
                pipe.zrangestore(cut, candidates, dates[0], dates[1], byscore=True)
                candidates = cut
            if scores is not None and order != "stance":
                cut = temp()
                pipe.zrangestore(cut, base("stance"), scores[0], scores[1], byscore=True)
                ordered = temp()
                pipe.zinterstore(ordered, {base(order): 1, candidates: 0, cut: 0})
            elif candidates == base("time"):  # nothing filters: page the order's own index
                ordered = base(order)
            else:
                ordered = temp()
                pipe.zinterstore(ordered, {base(order): 1, candidates: 0})
            at = page(ordered, scores if order == "stance" else None, reverse=q.sort != "conciliatory")
        if scratch:
            pipe.delete(*scratch)
        results = pipe.execute()
        return (results[at + 1] if limit else []), int(results[at])

    @translate_errors
    def statements(self, sids: Sequence[str], articles: int = ARTICLES_PER_STATEMENT) -> list[Statement]:
        """The statements with these ids, in order, each with up to `articles` articles."""
        if not sids:
            return []
        k = self.keys
        rows = []
        for sid, raw in zip(sids, self.redis.mget([k.statement(sid) for sid in sids])):
            if raw is not None:
                row = json.loads(raw)
                rows.append((sid, row, row["seen"][:articles]))
        article_ids = sorted({m.rpartition(":")[0] for _, _, seen in rows for m, _ in seen})
        pipe = self.redis.pipeline(transaction=False)
        for aid in article_ids:
            pipe.hmget(k.article(aid), ["doc_id", "doc_name", "published_ts", "stored", *META_FIELDS])
        arts = {}
        for aid, values in zip(article_ids, pipe.execute()):
            if values[0] is not None:
                row = dict(
                    zip(
                        ["doc_id", "doc_name", "published_ts", "stored", *META_FIELDS],
                        ["" if v is None else as_text(v) for v in values],
                    )
                )
                arts[aid] = row
        occurrences = [
            (aid, int(idx))
            for _, _, seen in rows
            for aid, _, idx in (m.rpartition(":") for m, _ in seen)
            if aid in arts
        ]
        values = self.redis.mget([k.quote(arts[aid]["doc_id"], idx) for aid, idx in occurrences]) if occurrences else []
        forms = {}
        for occurrence, raw in zip(occurrences, values):
            if raw is not None:
                q = codec.decode(raw).quote
                forms[occurrence] = (q.text, q.start, q.end, q.speaker_role)
        names = self.speakers.names(sorted({row["token"] for _, row, _ in rows}))
        out = []
        for sid, row, seen in rows:
            refs = []
            for member, _ in seen:
                aid, _, idx = member.rpartition(":")
                art = arts.get(aid)
                form = forms.get((aid, int(idx)))
                if art is None or form is None:
                    continue  # an article rewritten between the reads: skip it
                refs.append(
                    ArticleRef(
                        article_id=aid,
                        doc_id=art["doc_id"],
                        meta=_meta(art),
                        quote_id=f"{art['doc_id']}:{idx}",
                        text=form[0],
                        start=form[1],
                        end=form[2],
                        speaker_role=form[3],
                        doc_name=art["doc_name"],
                    )
                )
            if not refs:
                continue
            evidence = [
                Evidence(e["text"], int(e["start"]), int(e["end"]), float(e["weight"]), e.get("note", ""))
                for e in row["evidence"]
            ]
            out.append(
                Statement(
                    statement_id=sid,
                    speaker=names.get(row["token"], ""),
                    text=row["text"],
                    stance=Stance(float(row["score"]), row["label"], evidence),
                    mode=row["mode"],
                    kind=row["kind"],
                    count=int(row["count"]),
                    first_seen=refs[0],
                    articles=tuple(refs),
                )
            )
        return out

    @translate_errors
    def timeline_days(self, name: str) -> tuple[str | None, list[tuple[str, int, int, int, float]]]:
        """(canonical name or None, [(ISO day, statements, hawkish, conciliatory, sum of stance scores)])
        for every day one speaker has statements first published (UTC)."""
        found = self.speakers.resolve(name)
        if found is None:
            return None, []
        token, canonical = found
        per_day: dict[str, dict[str, int]] = {}
        for key, value in self.redis.hgetall(self.keys.speaker_days(token)).items():
            day, _, what = as_text(key).rpartition(":")
            per_day.setdefault(day, {})[what] = int(value)
        return canonical, sorted(
            (day, c.get("n", 0), c.get("h", 0), c.get("c", 0), c.get("s", 0) / 1000)
            for day, c in per_day.items()
            if c.get("n", 0) > 0
        )

    def export(self, q: StatementQuery, page_size: int = 200) -> Iterator[Statement]:
        """Every statement matching `q` (its limit and offset ignored), page by page."""
        offset = 0
        while True:
            page = self.query(q, page_size, offset)
            yield from page.statements
            offset += page_size
            if offset >= page.total or not page.statements:
                return


def _day_counts(st: _Stmt) -> dict[str, int]:
    """What one statement adds to its speaker's day hash (worker.keys.speaker_days)."""
    day = datetime.fromtimestamp(st.first_ts, tz=UTC).date().isoformat()
    return {
        f"{day}:n": 1,
        f"{day}:h": int(st.label == "hawkish"),
        f"{day}:c": int(st.label == "conciliatory"),
        f"{day}:s": round(float(st.score) * 1000),
    }


def _meta(row: dict[str, str]) -> ArticleMeta:
    ts = row.get("published_ts")
    return ArticleMeta(**{f: row.get(f, "") or "" for f in META_FIELDS}, published_ts=float(ts) if ts else None)


class _Batch:
    """The statements one transaction changes: loaded and matched in its read phase, written in its
    MULTI. Its reads use the plain client: every key they touch belongs to a speaker whose revision
    counter the transaction WATCHes, so a concurrent change makes the EXEC fail and the whole
    transaction run again."""

    def __init__(self, archive: Archive, pipe) -> None:
        self.archive = archive
        self.keys = archive.keys
        self.pipe = pipe
        self.stmts: dict[str, _Stmt] = {}
        self.deleted: dict[str, _Stmt] = {}
        self.prints: dict[tuple[str, str], set[str]] = {}  # (token, fingerprint) -> statement ids
        self.speaker_counts: dict[str, int] = {}

    def load(self, raw: dict[str, bytes | str]) -> list[_Stmt]:
        out = []
        for sid, value in raw.items():
            if sid not in self.stmts:
                self.stmts[sid] = _loaded(sid, value)
            out.append(self.stmts[sid])
        return out

    def _prints_of(self, token: str, prints: set[str]) -> None:
        missing = sorted(p for p in prints if (token, p) not in self.prints)
        if missing:
            values = self.archive.redis.hmget(self.keys.prints(token), missing)
            for p, v in zip(missing, values):
                self.prints[(token, p)] = set(as_text(v).split()) if v else set()

    def _candidates(self, token: str, words: tuple[str, ...], prints: set[str]) -> list[_Stmt]:
        self._prints_of(token, prints)
        sids = sorted({sid for p in prints for sid in self.prints[(token, p)]})
        unknown = [s for s in sids if s not in self.stmts and s not in self.deleted]
        self.load(self.archive._read_statements(self.archive.redis, unknown))
        found = [self.stmts[s] for s in sids if s in self.stmts and self.stmts[s].token == token]
        return [st for st in found if matching.same_statement(st.words, words)]

    def add_occurrence(self, token: str, stored: StoredQuote, member: str, ts: float, outlet: str) -> str:
        quote, stance = stored.quote, stored.stance
        words = matching.words(quote.text)
        prints = matching.fingerprints(words)
        matches = self._candidates(token, words, prints) if prints else []
        if matches:  # the longest form first: it holds every shorter one
            st = max(matches, key=lambda s: (len(s.words), s.sid))
            if len(words) >= len(st.words):  # this quote holds every match: they are one statement now
                for other in matches:
                    if other is not st:
                        self._fold(other, st)
        else:
            sid = matching.statement_id(token, words, member)
            found = self.stmts.get(sid) or self.deleted.pop(sid, None)
            if found is None:
                found = _Stmt(
                    sid=sid,
                    token=token,
                    words=(),
                    text="",
                    quote="",
                    label=stance.label,
                    score=0.0,
                    evidence="[]",
                    mode=quote.mode,
                    kind=quote.kind,
                    terms=set(),
                    outlets=set(),
                    prints=set(),
                    seen={},
                    known=False,
                )
            self.stmts[sid] = found
            st = found
        if len(words) > len(st.words) or not st.text:
            st.take_form(quote.text, words)
            st.quote = stored.quote_id
            st.label, st.score, st.evidence = stance.label, float(stance.score), _evidence_json(stance)
            st.mode, st.kind = quote.mode, quote.kind
            self._prints_of(token, st.prints)
            for p in st.prints:
                self.prints[(token, p)].add(st.sid)
        if outlet:
            st.outlets.add(outlet)
        st.seen[member] = ts
        return st.sid

    def remove_occurrence(self, sid: str, member: str) -> None:
        st = self.stmts.get(sid)
        if st is None or member not in st.seen:
            return
        del st.seen[member]
        st.before["lost"] = True
        if not st.seen:
            self._prints_of(st.token, st.prints)
            for p in st.prints:
                self.prints[(st.token, p)].discard(sid)
            self.deleted[sid] = self.stmts.pop(sid)

    def rehome(self, st: _Stmt, token: str) -> None:
        """Give a statement to another speaker, merging it into one of theirs where it is the same."""
        old = st.token
        self._prints_of(old, st.prints)
        for p in st.prints:
            self.prints[(old, p)].discard(st.sid)
        matches = self._candidates(token, st.words, st.prints) if st.prints else []
        if matches:
            into = max(matches, key=lambda s: (len(s.words), s.sid))
            if len(st.words) > len(into.words):
                into.take_form(st.text, st.words)
                for name in ("quote", "label", "score", "evidence", "mode", "kind"):
                    setattr(into, name, getattr(st, name))
                self._prints_of(token, into.prints)
                for p in into.prints:
                    self.prints[(token, p)].add(into.sid)
            self._fold(st, into)
            return
        st.token = token
        for p in st.prints:
            self.prints[(token, p)].add(st.sid)

    def _fold(self, st: _Stmt, into: _Stmt) -> None:
        """Merge `st` (whose words `into` holds) into `into`: its articles and outlets move, it goes."""
        self._prints_of(st.token, st.prints)
        for p in st.prints:
            self.prints[(st.token, p)].discard(st.sid)
        into.outlets |= st.outlets
        into.seen.update(st.seen)
        self.deleted[st.sid] = self.stmts.pop(st.sid)

    def finish_reads(self) -> None:
        """The reads the write phase needs: outlets of statements that lost occurrences, and the
        speakers' statement counts."""
        tokens = sorted(
            {st.token for st in self.stmts.values()}
            | {st.token for st in self.deleted.values()}
            | {st.before.get("token", st.token) for st in self.stmts.values() if st.known}
        )
        for token in tokens:
            self.speaker_counts[token] = int(self.archive.redis.zcard(self.keys.by_speaker(token, "time")))
        self._recompute_outlets()

    def _recompute_outlets(self) -> None:
        """A statement that lost occurrences keeps only the outlets of the articles it still has."""
        shrunk = [st for st in self.stmts.values() if st.before.get("lost")]
        aids = sorted({m.rpartition(":")[0] for st in shrunk for m in st.seen})
        if not aids:
            return
        pipe = self.archive.redis.pipeline(transaction=False)
        for aid in aids:
            pipe.hget(self.keys.article(aid), "outlet")
        outlets = {aid: outlet_key(as_text(v)) if v else "" for aid, v in zip(aids, pipe.execute())}
        for st in shrunk:
            st.outlets = {outlets[m.rpartition(":")[0]] for m in st.seen} - {""}

    def write(self) -> None:
        """Queue every change in the (now MULTI) pipe."""
        k, pipe = self.keys, self.pipe
        counts = dict(self.speaker_counts)
        days: dict[str, Counter] = {}  # token -> field -> change
        for st in [*self.deleted.values(), *self.stmts.values()]:
            if st.known and st.before.get("day"):
                days.setdefault(st.before["token"], Counter()).subtract(st.before["day"])
            if st.sid in self.stmts and st.seen:
                days.setdefault(st.token, Counter()).update(_day_counts(st))
        for token, change in days.items():  # read-modify-write: the transaction WATCHes this speaker
            names = sorted(n for n, delta in change.items() if delta)
            if not names:
                continue
            now = self.archive.redis.hmget(k.speaker_days(token), names)
            values = {n: int(v or 0) + change[n] for n, v in zip(names, now)}
            nonzero = {n: v for n, v in values.items() if v}
            if nonzero:
                pipe.hset(k.speaker_days(token), mapping=nonzero)
            gone = [n for n, v in values.items() if not v]
            if gone:
                pipe.hdel(k.speaker_days(token), *gone)
        for st in self.deleted.values():
            if not st.known:
                continue
            token = st.before.get("token", st.token)
            self._unindex(st, token, st.before)
            pipe.delete(k.statement(st.sid))
            counts[token] = counts.get(token, 0) - 1
        for st in self.stmts.values():
            old_token = st.before.get("token") if st.known else None
            if old_token and old_token != st.token:
                self._unindex(st, old_token, st.before)
                counts[old_token] = counts.get(old_token, 0) - 1
                counts[st.token] = counts.get(st.token, 0) + 1
            elif not st.known:
                counts[st.token] = counts.get(st.token, 0) + 1
            before = st.before if st.known and old_token == st.token else {}
            pipe.set(k.statement(st.sid), st.dumps())
            scores = {"time": st.first_ts, "stance": float(st.score), "count": float(st.count)}
            for order, score in scores.items():
                pipe.zadd(k.by_speaker(st.token, order), {st.sid: score})
                pipe.zadd(k.everyone(order), {st.sid: score})
            if before.get("label") not in (None, st.label):
                pipe.srem(k.label(before["label"]), st.sid)
            pipe.sadd(k.label(st.label), st.sid)
            if before.get("mode") not in (None, st.mode) and before["mode"] in MODES:
                pipe.srem(k.mode(before["mode"]), st.sid)
            if st.mode in MODES:
                pipe.sadd(k.mode(st.mode), st.sid)
            for outlet in before.get("outlets", set()) - st.outlets:
                pipe.srem(k.outlet(outlet), st.sid)
            for outlet in st.outlets:
                pipe.sadd(k.outlet(outlet), st.sid)
            for term in before.get("terms", set()) - st.terms:
                pipe.zrem(k.term(term), st.sid)
            moved = before.get("first_ts") != st.first_ts  # word indexes are ordered by first publication
            for term in st.terms if moved else st.terms - before.get("terms", set()):
                pipe.zadd(k.term(term), {st.sid: st.first_ts})
        by_token: dict[str, tuple[dict[str, str], list[str]]] = {}
        for (token, p), sids in self.prints.items():
            kept, gone = by_token.setdefault(token, ({}, []))
            if sids:
                kept[p] = " ".join(sorted(sids))
            else:
                gone.append(p)
        for token, (kept, gone) in by_token.items():
            if kept:
                pipe.hset(k.prints(token), mapping=kept)
            if gone:
                pipe.hdel(k.prints(token), *gone)
        for token, n in counts.items():
            pipe.incr(k.speaker_rev(token))
            if n > 0:
                pipe.zadd(k.speakers, {token: n})
            else:
                pipe.zrem(k.speakers, token)

    def _unindex(self, st: _Stmt, token: str, before: dict) -> None:
        k, pipe = self.keys, self.pipe
        for order in ("time", "stance", "count"):
            pipe.zrem(k.by_speaker(token, order), st.sid)
            if st.sid in self.deleted:
                pipe.zrem(k.everyone(order), st.sid)
        if st.sid not in self.deleted:
            return
        pipe.srem(k.label(before["label"]), st.sid)
        if before.get("mode") in MODES:
            pipe.srem(k.mode(before["mode"]), st.sid)
        for outlet in before.get("outlets", ()):
            pipe.srem(k.outlet(outlet), st.sid)
        for term in before.get("terms", ()):
            pipe.zrem(k.term(term), st.sid)
