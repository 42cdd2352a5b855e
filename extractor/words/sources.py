"""Which common nouns can name the source of a report.

A source is a person, an organisation, a place standing for its government, a medium or a document
(„der Sprecher“, „die Polizei“, „Berlin“, „die Zeitung“, „eine Mitteilung“). A noun that names a state,
feeling, act or quantity („die Gefahr“, „der Unmut der CDU“, „die Absage“, „die niedrige Quote“) never is,
even as the subject of „sprach von“ or „warnte“: taking it would name nobody. Proper names and pronouns
are not judged here; the parse decides those.

The decision is by the noun's last compound part (German compounds name what their last part names:
„Aufklärungsquote“ is a quote): first the table (extractor/data/source_nouns.tsv), then German's
abstract-noun endings (-ung, -heit, -keit, -ität, -ismus, -nis, -tion, -sion, -tum, -enz, -anz), else
it may speak (agent nouns, groups and roles mostly end otherwise: Sprecher, Minister, Experte).
"""

from __future__ import annotations

from functools import lru_cache

from extractor.words.data import table

_TABLE = {row["word"]: row["kind"] for row in table("source_nouns.tsv")}
#: Endings of German abstract nouns (states, acts, qualities) — never a speaker unless listed as a source.
ABSTRACT_ENDINGS = ("ung", "heit", "keit", "ität", "ismus", "nis", "tion", "sion", "tum", "enz", "anz")
#: The shortest last compound part looked up („Partei“ in „Regierungspartei“, not „ei“).
MIN_PART = 4


def _forms(noun: str) -> list[str]:
    """The noun's last part („US-Regierung“: „regierung“) lower-cased, as given and without a plural
    or case ending („Reaktionen“, „Mitteilungen“, „Unmuts“)."""
    word = noun.lower().rsplit("-", 1)[-1]
    return [word] + [
        word[: -len(e)] for e in ("en", "n", "e", "s") if word.endswith(e) and len(word) - len(e) >= MIN_PART
    ]


@lru_cache(maxsize=4096)
def _listed_kind(noun: str) -> str | None:
    """The table's kind of the noun's longest listed ending („Regierungspartei“ by „partei“), if any."""
    for form in _forms(noun):
        for i in range(len(form) - MIN_PART + 1):
            kind = _TABLE.get(form[i:])
            if kind is not None:
                return kind
    return None


@lru_cache(maxsize=4096)
def can_name_a_source(noun: str) -> bool:
    """Whether the common noun `noun` (any case, a lemma or an inflected form) can name a source."""
    if not noun.lower().rsplit("-", 1)[-1].isalpha():
        return True  # figures and codes are not judged here
    kind = _listed_kind(noun)
    if kind is not None:
        return kind in ("source", "medium")
    return not any(form.endswith(ABSTRACT_ENDINGS) for form in _forms(noun))


def is_a_medium(noun: str) -> bool:
    """Whether the common noun names a medium („die Zeitung“, „das Nachrichtenmagazin“, „der Sender“):
    a source that is not located by a place phrase after it („laut dem Magazin im Pentagon“: the
    place belongs to the verb, not to the magazine)."""
    return _listed_kind(noun) == "medium"
