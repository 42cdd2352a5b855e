"""When two quotes are one statement: the same words by the same speaker, however printed.

Agency copy, re-quotes and partial quotes print one statement many ways: „…“ or »…« or "…",
a line break or a soft hyphen inside a word („Verhand-\\nlungen“), other dashes, other spacing,
other capitalisation at the start. The matching reads only the words:

1. **Normalise**: NFKC; soft hyphens and zero-width characters dropped; a word broken by a hyphen
   at a line end („Verhand-\\n lungen“) joined; case folded; then only the words (letters and
   digits) are kept, in order — quotation marks, punctuation and spacing do not count.
2. **Same statement** (for one speaker): the word sequences are equal, or the shorter one occurs
   as a contiguous run inside the longer one (a partial quote), and the shorter one has at least
   MIN_WORDS words. Shorter quotes („Nein.“, „Das ist falsch.“) are never merged: three words
   said by one person in two articles are most often two statements.
3. The statement's text is the longest form seen (the original characters of that article).

Candidates are found without scanning a speaker's statements: each statement is indexed by
fingerprints of its word 3-grams chosen by winnowing (window 4). Any run of MIN_WORDS (= 3 + 4 − 1)
words shares at least one fingerprint with every text that contains it, so a statement and its
partial quote always meet; candidates are then verified word by word.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

SHINGLE_WORDS = 3
WINDOW = 4
#: A quote shorter than this is its own statement: it never merges (guaranteed by winnowing above).
MIN_WORDS = SHINGLE_WORDS + WINDOW - 1

_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A hyphen at a line end splitting one word: „Verhand-\n lungen“ (not „Ein- und Ausreise“).
_LINE_BREAK_HYPHEN = re.compile(r"(\w)[-\u2010\u2011]\s*\n\s*(?=[a-zäöüß])")
_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The normalised word sequence of a quote (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _LINE_BREAK_HYPHEN.sub(r"\1", text)
    return tuple(_WORD.findall(text.casefold()))


def _hash(gram: Sequence[str]) -> int:
    digest = hashlib.blake2b(" ".join(gram).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def fingerprints(seq: Sequence[str]) -> set[str]:
    """Winnowed fingerprints of a word sequence (hex strings; empty below MIN_WORDS words)."""
    if len(seq) < MIN_WORDS:
        return set()
    hashes = [_hash(seq[i : i + SHINGLE_WORDS]) for i in range(len(seq) - SHINGLE_WORDS + 1)]
    chosen: set[int] = set()
    for i in range(len(hashes) - WINDOW + 1):
        window = hashes[i : i + WINDOW]
        chosen.add(min(window))
    return {f"{h:016x}" for h in chosen}


def contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """`shorter` occurs as a contiguous run of words in `longer`."""
    n = len(shorter)
    if n == 0 or n > len(longer):
        return False
    first = shorter[0]
    return any(longer[i] == first and tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


def same_statement(a: Sequence[str], b: Sequence[str]) -> bool:
    """True if two word sequences of one speaker are one statement (rule 2 of the module docstring)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_WORDS and contains(longer, shorter)


def statement_id(speaker_token: str, seq: Sequence[str], occurrence: str) -> str:
    """A statement's id: stable for a mergeable text (so a re-run finds the same id), unique per
    occurrence for a short one (which never merges)."""
    key = " ".join(seq) if len(seq) >= MIN_WORDS else f"{' '.join(seq)}\x00{occurrence}"
    return hashlib.sha256(f"{speaker_token}\x00{key}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
