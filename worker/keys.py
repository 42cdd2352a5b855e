"""The store's Redis key layout, in one place.

Every key starts with the versioned prefix (defaults.REDIS_KEY_PREFIX). Nothing a user typed ever
becomes part of a key as is: document ids must be 64 hex digits, speakers are keyed by a hash of
their normalised name, so a name with `*`, `:`, spaces or newlines is just data in a value.
"""
from __future__ import annotations

import hashlib
import re

from zitat import defaults
from zitat.exceptions import NotFound

_DOC_ID = re.compile(r"[0-9a-f]{64}")
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
ORDERS = ("time", "stance")
LABELS = ("hawkish", "neutral", "conciliatory")
MODES = ("speech", "thought", "writing")


def doc_id_for(text: str) -> str:
    """The document's identity: sha256 of its UTF-8 text, hex (lone surrogates kept as is)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


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
    return hashlib.sha256(version.encode("utf-8")).hexdigest()[:12]


def speaker_token(normalised_name: str) -> str:
    """Key-safe id of a speaker: a hash of the normalised canonical name."""
    return hashlib.sha256(normalised_name.encode("utf-8")).hexdigest()[:32]


class Keys:
    """Builds the store's key names under one prefix (tests use their own prefix)."""

    def __init__(self, prefix: str = defaults.REDIS_KEY_PREFIX) -> None:
        self.prefix = prefix

    def doc(self, doc_id: str) -> str:
        """Hash: doc_name, published, version, quotes (count), index (speaker+label per quote). No TTL."""
        return f"{self.prefix}doc:{doc_id}"

    def quote(self, doc_id: str, index: int) -> str:
        """Hash: one quote's fields, laid out by worker.codec (versioned). No TTL."""
        return f"{self.prefix}quote:{doc_id}:{int(index)}"

    def cache(self, doc_id: str, version: str) -> str:
        """String (JSON): the finished result for one document under one pipeline version. TTL."""
        return self.cache_by_digest(doc_id, version_digest(version))

    def cache_by_digest(self, doc_id: str, digest: str) -> str:
        """The same key for a caller that knows only the version's digest (from a job id)."""
        return f"{self.prefix}cache:{doc_id}:{digest}"

    def speaker_index(self, token: str, order: str, label: str | None = None) -> str:
        """Sorted set of quote ids of one speaker, scored by time or stance, all labels or one."""
        assert order in ORDERS and (label is None or label in LABELS)
        return f"{self.prefix}speaker:{token}:{order}:{label or 'all'}"

    def speaker_mode_index(self, token: str, order: str, mode: str) -> str:
        """Sorted set of one speaker's quote ids of one mode (speech, thought, writing)."""
        assert order in ORDERS and mode in MODES
        return f"{self.prefix}speaker:{token}:{order}:mode:{mode}"

    def speaker_filtered(self, token: str, order: str, label: str, mode: str) -> str:
        """Sorted set, short TTL: the intersection of a label and a mode index, for paging through it."""
        assert order in ORDERS and label in LABELS and mode in MODES
        return f"{self.prefix}speaker:{token}:{order}:{label}:mode:{mode}"

    def speaker_aliases(self, token: str) -> str:
        """Set: the display forms a speaker was seen under ("Pompeo", "US-Außenminister Pompeo")."""
        return f"{self.prefix}speaker:{token}:aliases"

    @property
    def speakers(self) -> str:
        """Sorted set: speaker token -> number of quotes (the speaker list, busiest first)."""
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
