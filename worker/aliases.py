"""Speaker aliases: "Pompeo", "pompeo", "Mike Pompeo" and "US-Außenminister Pompeo" are one person.

Lookups compare normalised forms: NFKD with combining marks dropped (é -> e, ü -> u), case-folded
(ß -> ss), dashes unified and whitespace collapsed. The extractor gives one canonical name per
speaker (the fullest form in the document); the aliases derived from it are the full name, the
surname (with particles: "von der Leyen"), role + surname, role + full name and the mention itself
when it contains the surname (so pronouns like "sie" never become aliases).
"""

from __future__ import annotations

import re
import unicodedata

from foundation.german import QUOTATION_MARKS

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_PARTICLES = frozenset("von van der den de del della di da zu vom zur al el bin ibn le la du ter ten".split())
#: what `normalise` strips from both ends of a name: whitespace, every quotation mark German text prints
#: (foundation.german.QUOTATION_MARKS: „“”‚‘’»«›‹ and the typewriter "') and the punctuation .,;:
_STRIP = " \t\n\r" + "".join(sorted(QUOTATION_MARKS)) + ".,;:"


def normalise(name: str) -> str:
    """The form used for lookups: case-, diacritics- and whitespace-insensitive."""
    text = unicodedata.normalize("NFKD", name)
    # combining marks (é -> e) and invisible format characters (soft hyphen, zero-width space, BOM)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    text = _DASHES.sub("-", text).casefold()
    return _SPACE.sub(" ", text).strip(_STRIP)


def surname(canonical: str) -> str:
    """Last name with its particles: "Ursula von der Leyen" -> "von der Leyen", "Mike Pompeo" -> "Pompeo"."""
    tokens = canonical.split()
    if len(tokens) <= 1:
        return canonical.strip()
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(tokens[start:])


def leading_first_name(name: str) -> str | None:
    """The first name in front of the surname („Hans“ in „Hans Putin“), or None for a role or
    title („Außenminister Pompeo“): only a first name makes a full name somebody else's."""
    from extractor.words.people import first_name_gender

    words = _SPACE.sub(" ", name).strip().split()
    before = words[: len(words) - len(surname(name).split())]
    for word in before:
        if word[:1].isupper() and first_name_gender(word) is not None:
            return word
    return None


def aliases_for(canonical: str, role: str | None = None, mention: str | None = None) -> tuple[str, set[str]]:
    """(strong, weak): the full name always maps to its speaker; weak aliases only if still free."""
    canonical = _SPACE.sub(" ", canonical).strip()
    last = surname(canonical)
    weak = {last}
    if " " in last:  # "von der Leyen" is also looked up as "Leyen"
        weak.add(last.split()[-1])
    if role:
        role = _SPACE.sub(" ", role).strip()
        if normalise(last) not in normalise(role) and normalise(role) not in normalise(canonical):
            weak.add(f"{role} {last}")
            weak.add(f"{role} {canonical}")
    if mention:
        mention = _SPACE.sub(" ", mention).strip()
        if normalise(last) in normalise(mention):
            weak.add(mention)
    weak.discard(canonical)
    return canonical, {w for w in weak if normalise(w)}
