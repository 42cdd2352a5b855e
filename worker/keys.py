"""The store's Redis key layout, in one place.

Every key starts with the versioned prefix (defaults.REDIS_KEY_PREFIX). Nothing a user typed ever
becomes part of a key as is: document ids must be 64 hex digits, speakers are keyed by a hash of
their normalised name, so a name with `*`, `:`, spaces or newlines is just data in a value.
"""

from __future__ import annotations

import hashlib
import re

from foundation import defaults
from foundation.errors import NotFound

_DOC_ID = re.compile(r"[0-9a-f]{64}")
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
ORDERS = ("time", "stance", "count")
LABELS = ("hawkish", "neutral", "conciliatory")
MODES = ("speech", "thought", "writing")


def doc_id_for(text: str) -> str:
    """The document's identity: sha256 of its UTF-8 text, hex (lone surrogates kept as is)."""
    return digest(text, 64)


def check_doc_id(doc_id: str) -> str:
    """Return a valid document id (lower-cased) or raise NotFound: ids reach keys only if valid."""
    if isinstance(doc_id, str) and _DOC_ID.fullmatch(doc_id.strip().lower()):
        return doc_id.strip().lower()
    raise NotFound(f"no document {_shown(doc_id)}: a document id is 64 hex digits (sha256 of the text)")


def check_job_id(job_id: str) -> str:
    """rq allows only [A-Za-z0-9_-] in job ids; anything else cannot exist and must not reach a key."""
    if isinstance(job_id, str) and _JOB_ID.fullmatch(job_id):
        return job_id
    raise NotFound(f"no job {_shown(job_id)}")


def _shown(value: object, limit: int = 80) -> str:
    """A caller's id as an error message may repeat it: bounded, so that a 20 kB id cannot make the
    message (a gRPC trailer) too large to send."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(str(value))} characters)"


def version_digest(version: str) -> str:
    """A short, key-safe digest of a pipeline version string (model + lexicon)."""
    return digest(version, 12)


def speaker_token(normalised_name: str) -> str:
    """Key-safe id of a speaker: a hash of the normalised canonical name."""
    return digest(normalised_name)


def digest(text: str, length: int = 32) -> str:
    """A key-safe digest of any text (an outlet, a search term, a normalised alias)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:length]


def check_article_id(article_id: str) -> str:
    """Article ids are 64 hex digits like document ids (a digest of text and metadata)."""
    if isinstance(article_id, str) and _DOC_ID.fullmatch(article_id.strip().lower()):
        return article_id.strip().lower()
    raise NotFound(f"no article {_shown(article_id)}: an article id is 64 hex digits")


class Keys:
    """Builds the store's key names under one prefix (tests use their own prefix).

    Three layers: documents (the text and its quotes, keyed by the text's hash), articles (a
    document as published somewhere, with metadata) and statements (the same words of one speaker
    across articles), with the indexes over statements and the speaker registry."""

    def __init__(self, prefix: str = defaults.REDIS_KEY_PREFIX) -> None:
        self.prefix = prefix

    # --- documents ------------------------------------------------------------------------------
    def doc(self, doc_id: str) -> str:
        """Hash: version, quotes (count), text, updated. No TTL."""
        return f"{self.prefix}doc:{doc_id}"

    def doc_articles(self, doc_id: str) -> str:
        """Set: the articles (ids) that carry this document's text, published or waiting for it."""
        return f"{self.prefix}doc:{doc_id}:articles"

    def quote(self, doc_id: str, index: int) -> str:
        """String: one quote (JSON), laid out by worker.codec (versioned). No TTL."""
        return f"{self.prefix}quote:{doc_id}:{int(index)}"

    def cache(self, doc_id: str, version: str) -> str:
        """String (JSON): the finished result for one document under one pipeline version. TTL."""
        return self.cache_by_digest(doc_id, version_digest(version))

    def cache_by_digest(self, doc_id: str, digest: str) -> str:
        """The same key for a caller that knows only the version's digest (from a job id)."""
        return f"{self.prefix}cache:{doc_id}:{digest}"

    # --- articles -------------------------------------------------------------------------------
    def article(self, article_id: str) -> str:
        """Hash: doc_id, doc_name, the metadata fields, published_ts, stored, state, index (JSON:
        the statement id of each quote)."""
        return f"{self.prefix}article:{article_id}"

    @property
    def articles(self) -> str:
        """Sorted set: article id -> publication time (or storage time)."""
        return f"{self.prefix}articles"

    # --- statements -----------------------------------------------------------------------------
    def statement(self, statement_id: str) -> str:
        """String (JSON): speaker token, text, the stance of that text, mode, kind, outlets, count and
        its occurrences ("<article id>:<quote index>" with publication time), earliest first."""
        return f"{self.prefix}stmt:{statement_id}"

    def by_speaker(self, token: str, order: str) -> str:
        """Sorted set of one speaker's statement ids, scored by ORDERS (time, stance, count)."""
        assert order in ORDERS
        return f"{self.prefix}speaker:{token}:by:{order}"

    def everyone(self, order: str) -> str:
        """Sorted set of all statement ids, scored by ORDERS."""
        assert order in ORDERS
        return f"{self.prefix}all:by:{order}"

    def label(self, label: str) -> str:
        """Set: statement ids with this stance label."""
        assert label in LABELS
        return f"{self.prefix}label:{label}"

    def mode(self, mode: str) -> str:
        """Set: statement ids of this mode (speech, thought, writing)."""
        assert mode in MODES
        return f"{self.prefix}mode:{mode}"

    def outlet(self, normalised_outlet: str) -> str:
        """Set: statement ids carried by at least one article of this outlet."""
        return f"{self.prefix}outlet:{digest(normalised_outlet)}"

    def term(self, term: str) -> str:
        """Sorted set: statement ids whose text has this search term (worker.terms) -> first
        publication, so that one word, newest first, is a range read."""
        return f"{self.prefix}term:{digest(term)}"

    def prints(self, token: str) -> str:
        """Hash: fingerprint (worker.statements) -> space-separated ids of one speaker's statements."""
        return f"{self.prefix}speaker:{token}:prints"

    def speaker_days(self, token: str) -> str:
        """Hash: "<ISO day>:n|h|c|s" -> one speaker's statements first published that day (UTC):
        count, hawkish, conciliatory, sum of stance scores in thousandths. Kept by every write, so a
        timeline reads one hash instead of every statement."""
        return f"{self.prefix}speaker:{token}:days"

    def speaker_rev(self, token: str) -> str:
        """Counter bumped by every write to one speaker's statements: writers WATCH it."""
        return f"{self.prefix}speaker:{token}:rev"

    def scratch(self, name: str) -> str:
        """A short-lived key for one query's intersections (deleted by the query, TTL as a net)."""
        return f"{self.prefix}tmp:{name}"

    # --- speakers -------------------------------------------------------------------------------
    def speaker_aliases(self, token: str) -> str:
        """Set: the display forms a speaker was seen under ("Pompeo", "US-Außenminister Pompeo")."""
        return f"{self.prefix}speaker:{token}:aliases"

    def speaker_roles(self, token: str) -> str:
        """Set: the roles articles gave a speaker ("US-Außenminister")."""
        return f"{self.prefix}speaker:{token}:roles"

    @property
    def speakers(self) -> str:
        """Sorted set: speaker token -> number of statements (the speaker list, busiest first)."""
        return f"{self.prefix}speakers"

    @property
    def speaker_names(self) -> str:
        """Hash: speaker token -> canonical display name."""
        return f"{self.prefix}speaker-names"

    @property
    def aliases(self) -> str:
        """Hash: normalised full name -> speaker token. Only a speaker's own canonical name is written
        here, so no later speaker can take it over."""
        return f"{self.prefix}aliases"

    def shared_alias(self, normalised_alias: str) -> str:
        """Set: the tokens of every speaker known by a shared alias (a surname, role + surname).
        A lookup by such an alias answers only when the set has one member."""
        return f"{self.prefix}alias:{speaker_token(normalised_alias)}"

    @property
    def suggestions(self) -> str:
        """Sorted set, all scores 0: "<normalised name, alias or role>\x00<token>", for prefix
        look-ups (ZRANGE BYLEX)."""
        return f"{self.prefix}suggest"

    def migrated(self, legacy_prefix: str) -> str:
        """String: set once the store under `legacy_prefix` was copied into this layout."""
        return f"{self.prefix}migrated:{legacy_prefix.strip(':')}"
