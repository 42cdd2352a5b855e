"""One home for zitat's exceptions; the gRPC edge and the CLI map them to status codes and exit codes."""

from __future__ import annotations


class ZitatError(Exception):
    """Base of every error zitat raises on purpose."""


class InvalidDocument(ZitatError):
    """The input cannot be processed as a document (empty, too large, not text)."""

    def __init__(self, reason: str, field: str = "text") -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class ModelNotAvailable(ZitatError):
    """The requested Stanza models are not on disk (and zitat never downloads at run time)."""


class StoreUnavailable(ZitatError):
    """Redis cannot be reached: callers fail fast instead of hanging."""


class Cancelled(ZitatError):
    """The caller went away or its deadline passed: the work was stopped, not finished."""


class NotFound(ZitatError):
    """A job, document or speaker that does not exist."""


class UnsafeJob(ZitatError):
    """A queued job asks a worker to call something other than zitat's own job functions."""


class AmbiguousSpeaker(InvalidDocument):
    """A name (a bare surname, a role + surname) fits several speakers: the caller must choose."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(
            f"{name[:100]!r} fits {len(candidates)} speakers: {'; '.join(candidates[:20])}. "
            "Ask for one of them by full name",
            field="name",
        )
        self.name = name
        self.candidates = candidates
