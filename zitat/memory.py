"""Bounded memory for long-running servers: at most a few glibc malloc arenas.

glibc gives a thread that meets contention in malloc an arena of its own (up to 8 per core), and
memory freed into one arena is not reused by the others. In `zitat serve` the RPC pool threads take
turns running the extractor, so each of them grows an arena of parser-sized blocks and the process
keeps growing for minutes before it levels off. bench/load.py (50 clients, 60 s, 2 cores) measured
+8.5 % and +10.5 % RSS in the minute after its warm-up with glibc's default, still rising at the
end; with 2 arenas +3.9 % (MALLOC_ARENA_MAX=2) and +5.2 % (this cap), level for the last 30 s, and
no fewer answers per second. `zitat serve` therefore caps the arenas at start-up,
before its threads exist, unless MALLOC_ARENA_MAX is set (glibc has then applied that already).
Nothing happens where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import platform

from foundation import defaults
from foundation.settings import Settings, current

M_ARENA_MAX = -8  # glibc's mallopt() parameter number


def cap_malloc_arenas(arenas: int = defaults.SERVER_MALLOC_ARENAS, *, settings: Settings | None = None) -> bool:
    """Limit this process to `arenas` malloc arenas; True if done, False where it does not apply."""
    if (settings or current()).malloc_arena_max or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_ARENA_MAX, arenas) == 1
