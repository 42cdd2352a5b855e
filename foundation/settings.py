"""The one settings object: every environment variable zitat reads, parsed and checked in one place.

No other module reads the environment. The edge (CLI, servers, the rq settings module) asks for
`current()` and passes what a component needs down to it (a ModelConfig, a Redis URL, a TLS path).
`current()` reads the environment once and returns the same object until a variable it knows
changes (tests and embedders that set variables after import).

The README's configuration table is generated from the fields (`python -m foundation.settings`);
tests/test_settings.py fails when the two drift.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from pathlib import Path

from foundation import defaults
from foundation.errors import ZitatError


class SettingsError(ZitatError):
    """An environment variable holds a value zitat cannot use; the message names the variable."""


TRUE, FALSE = ("1", "true", "yes"), ("0", "false", "no")


def _setting(env: str, help: str, default_text: str | None = None, choices: tuple[str, ...] = (), **kw):
    """A field read from `env`, described by `help` in the README's configuration table."""
    return field(metadata={"env": env, "help": help, "default_text": default_text, "choices": choices}, **kw)


@dataclass(frozen=True)
class Settings:
    """zitat's configuration, as the environment gave it (unset and empty variables take the default)."""

    models: str = _setting(
        defaults.ENV_MODELS,
        "`bundled` (this project's models in `models/de`) or "
        "`official` (Stanza's, fetched once with `zitat models download`)",
        default="bundled",
    )
    model_dir: Path = _setting(
        defaults.ENV_MODEL_DIR, "folder of the bundled models", "`models/de`", default=defaults.BUNDLED_MODEL_DIR
    )
    stanza_dir: Path = _setting(
        defaults.ENV_STANZA_DIR,
        "folder of the official Stanza models (`zitat models download` fills it)",
        "`~/stanza_resources`",
        default=defaults.OFFICIAL_STANZA_DIR,
    )
    full_parse: bool = _setting(
        defaults.ENV_FULL_PARSE,
        "`1`: tag and parse every sentence, not only those "
        "that can carry speech (`--full-parse`; slower, the same quotes — see *Performance*)",
        "`0`",
        default=False,
    )
    threads: int | None = _setting(defaults.ENV_THREADS, "torch threads per process", "torch's default", default=None)
    redis_url: str | None = _setting(
        defaults.ENV_REDIS_URL,
        "Redis to use (`redis://`, `rediss://`, password in the URL)",
        "an embedded Redis",
        default=None,
    )
    data_dir: Path = _setting(
        defaults.ENV_DATA_DIR,
        "where the embedded Redis keeps its data",
        "`~/.local/share/zitat`",
        default=defaults.DEFAULT_DATA_DIR,
    )
    extractor_address: str | None = _setting(
        defaults.ENV_GRPC_ADDRESS,
        "`host:port` of a `zitat serve` that workers call over gRPC instead of loading the models",
        "in-process",
        default=None,
    )
    extractor_retry_seconds: float = _setting(
        defaults.ENV_EXTRACTOR_RETRY_SECONDS,
        "how long the worker's "
        "gRPC client retries an extractor that is down or overloaded (`UNAVAILABLE`, "
        "`RESOURCE_EXHAUSTED`; back-off 0.25 s doubling to 4 s, jittered) before the job "
        "attempt fails and the job's own retries (10 s, 60 s, 300 s) take over; 0: no "
        "in-call retries",
        "`60`",
        default=defaults.EXTRACTOR_RETRY_SECONDS,
    )
    tls_cert: Path | None = _setting(
        defaults.ENV_TLS_CERT,
        "PEM certificate (chain) of `zitat serve`; TLS is on when it and the key are set",
        default=None,
    )
    tls_key: Path | None = _setting(defaults.ENV_TLS_KEY, "PEM private key of `zitat serve`", default=None)
    tls_ca: Path | None = _setting(
        defaults.ENV_TLS_CA, "PEM roots a client trusts; when set, clients speak TLS", default=None
    )
    web_address: str = _setting(
        defaults.ENV_WEB_ADDRESS,
        "`HOST:PORT` `zitat web` listens on (`--address` wins)",
        default=defaults.DEFAULT_WEB_ADDRESS,
    )
    web_token: str | None = _setting(
        defaults.ENV_WEB_TOKEN,
        "`zitat web` requires this token: `Authorization: "
        "Bearer TOKEN`, or the login form / `?token=TOKEN` once (sets a cookie)",
        "unset: open",
        default=None,
        repr=False,
    )
    web_secret: str | None = _setting(
        defaults.ENV_WEB_SECRET,
        "key for the web page's form tokens and login "
        "cookie; set it when several processes serve one site or sessions should outlive a "
        "restart",
        "random per start",
        default=None,
        repr=False,
    )
    log_format: str | None = _setting(
        defaults.ENV_LOG_FORMAT,
        "`json` or `console`",
        "console at a terminal, else JSON",
        choices=("json", "console"),
        default=None,
    )
    log_level: str = _setting(
        defaults.ENV_LOG_LEVEL, "`DEBUG`, `INFO`, `WARNING`, … (`--log-level` wins)", default="INFO"
    )
    malloc_arena_max: str | None = _setting(
        defaults.ENV_MALLOC_ARENA_MAX,
        "glibc's own: when set, `zitat serve` leaves its malloc arenas alone",
        f"{defaults.SERVER_MALLOC_ARENAS} arenas in `zitat serve`",
        default=None,
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ` (default: this process's environment); SettingsError names a bad one."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"], "")
            if raw.strip() != "":
                values[f.name] = _parse(f, raw.strip())
        return cls(**values)

    @property
    def model_path(self) -> Path:
        """The folder the configured models come from."""
        return self.model_dir if self.models == "bundled" else self.stanza_dir


def _parse(f: Field, raw: str):
    """`raw` as the field's type (its annotation names it), or SettingsError naming the variable."""
    env, kind = f.metadata["env"], str(f.type).split(" |")[0]
    if kind == "Path":
        return Path(raw).expanduser()
    if kind == "bool":
        if raw.lower() not in TRUE + FALSE:
            raise SettingsError(f"{env} must be 1 or 0, not {raw[:40]!r}")
        return raw.lower() in TRUE
    if kind == "int":
        if not raw.isdigit() or int(raw) < 1:
            raise SettingsError(f"{env} must be a whole number >= 1, not {raw[:40]!r}")
        return int(raw)
    if kind == "float":
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not value >= 0:  # also rejects nan
            raise SettingsError(f"{env} must be a number of seconds >= 0, not {raw[:40]!r}")
        return value
    choices = f.metadata.get("choices")
    if choices and raw not in choices:
        raise SettingsError(f"{env} must be {' or '.join(choices)}, not {raw[:40]!r}")
    return raw


_lock = threading.Lock()
_cached: tuple[tuple[str | None, ...], Settings] | None = None
_NAMES = tuple(f.metadata["env"] for f in fields(Settings))


def current() -> Settings:
    """This process's settings: read once, read again only when one of zitat's variables changed."""
    global _cached
    snapshot = tuple(os.environ.get(n) for n in _NAMES)
    with _lock:
        if _cached is None or _cached[0] != snapshot:
            _cached = (snapshot, Settings.from_env())
        return _cached[1]


def markdown_table() -> str:
    """The README's configuration table."""
    rows = ["| variable | what it sets | default |", "|---|---|---|"]
    for f in fields(Settings):
        default = f.metadata["default_text"]
        if default is None:
            default = "unset" if f.default is None else f"`{f.default}`"
        rows.append(f"| `{f.metadata['env']}` | {f.metadata['help']} | {default} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
