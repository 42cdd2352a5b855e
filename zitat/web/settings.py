"""Every setting of `zitat web` in one place: where it listens, the access token, the signing secret
and the request size limit.

- ZITAT_WEB_ADDRESS: HOST:PORT to listen on (`--address` wins); default 127.0.0.1:8080.
- ZITAT_WEB_TOKEN: when set, every page and API call needs it (`Authorization: Bearer TOKEN`, the
  login form, or `?token=TOKEN` once, which sets a cookie); unset: open.
- ZITAT_WEB_SECRET: the key that signs form tokens (CSRF) and the login cookie; set it when several
  processes serve one site or logins should outlive a restart; unset: random per process.

The store is the one every command uses: `ZITAT_REDIS_URL`, else the embedded Redis.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from foundation import defaults
from foundation.settings import Settings, current

ENV_ADDRESS, ENV_TOKEN, ENV_SECRET = defaults.ENV_WEB_ADDRESS, defaults.ENV_WEB_TOKEN, defaults.ENV_WEB_SECRET
DEFAULT_ADDRESS = defaults.DEFAULT_WEB_ADDRESS
#: A submission is one document (MAX_DOCUMENT_BYTES) plus its metadata fields and the multipart
#: framing; anything larger is refused with 413 before it is read.
FORM_OVERHEAD_BYTES = 64 * 1024
MAX_REQUEST_BYTES = defaults.MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES
PAGE_SIZE = 20


def split_address(address: str) -> tuple[str, int]:
    """("host", port) from "HOST:PORT" ("[::1]:8080" for IPv6); ValueError says what is wrong."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"expected HOST:PORT, got {address!r}")
    return host.strip("[]"), int(port)


@dataclass(frozen=True)
class WebSettings:
    address: str = DEFAULT_ADDRESS
    token: str | None = None  # None: no login needed
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    max_request_bytes: int = MAX_REQUEST_BYTES
    page_size: int = PAGE_SIZE

    @classmethod
    def from_settings(cls, address: str | None = None, *, settings: Settings | None = None) -> WebSettings:
        """The web page's part of foundation.settings; `address` (the --address flag) wins."""
        settings = settings or current()
        secret = settings.web_secret
        return cls(
            address=address or settings.web_address,
            token=settings.web_token,
            secret=secret.encode() if secret else secrets.token_bytes(32),
        )

    @property
    def host_port(self) -> tuple[str, int]:
        return split_address(self.address)

    def sign(self, purpose: str, value: str) -> str:
        """A keyed MAC of `value` for one purpose (CSRF, login) as hex."""
        return hmac.new(self.secret, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()
