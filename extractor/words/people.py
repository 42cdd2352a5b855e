"""Who can speak: first names, roles and titles, and the words that never name a speaker.

The speech screen reads first names to keep sentences that introduce a person; the quote stage
reads all of it to find, delimit and resolve speaker mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.words.data import word_list

#: Words that head an adverbial, not a speaker („Einen Tag später sagte …“, „Am Mittwoch erklärte …“).
TEMPORAL = frozenset(
    """tag tage tagen woche wochen monat monate jahr jahre jahren zeit mal abend morgen
 mittag nacht montag dienstag mittwoch donnerstag freitag samstag sonntag wochenende stunde stunden
 januar februar märz april mai juni juli august september oktober november dezember anfang ende mitte
 zuvor später gleichzeitig zudem außerdem dabei damals heute gestern jedoch aber auch nun bislang bisher
""".split()
)
#: Times of day joined to a day („Freitagabend“, „Sonntagmorgen“, „Dienstagnacht“, „gestern Abend“ as one
#: word): adverbials too, never a speaker.
TEMPORAL = TEMPORAL | frozenset(
    day + part
    for day in "montag dienstag mittwoch donnerstag freitag samstag sonntag".split()
    for part in "morgen vormittag mittag nachmittag abend nacht".split()
)
#: Capitalised at the start of a clause, tagged NOUN by a weak tagger, never a speaker.
NOT_SPEAKER_WORDS = word_list("not_speakers.txt")
#: Pronouns that never stand for a speaker somebody quotes: impersonal, demonstrative, reflexive, and
#: the first and second person of an interview.
NOT_SPEAKERS = frozenset("es man das dies was wer sich ich wir du ihr uns mich mir dich dir euch".split())

#: Ranks and titles the tagger takes for part of a name.
RANKS = frozenset(
    """general generalmajor generalleutnant generaloberst oberst major hauptmann leutnant
 admiral vizeadmiral konteradmiral feldmarschall marschall präsident präsidentin minister ministerin
 kanzler kanzlerin senator senatorin gouverneur gouverneurin botschafter botschafterin bischof
 papst scheich emir könig königin prinz prinzessin dr prof""".split()
)
#: Role nouns that name one person: „der Pentagon-Chef“ right after a name is that person.
PERSON_TITLES = tuple(
    """chef chefin minister ministerin präsident präsidentin kanzler kanzlerin sprecher sprecherin sekretär
 sekretärin general botschafter botschafterin berater beraterin kommandeur politiker politikerin diplomat
 diplomatin""".split()
)
#: Endings of feminine role nouns (Sprecherin, Präsidentin, Juristin, Chefin, Ratsfrau) and of
#: masculine ones.
FEMININE_SUFFIXES = ("erin", "entin", "antin", "istin", "torin", "chefin", "rätin", "urgin", "ierin", "frau")
MASCULINE_SUFFIXES = ("er", "ent", "or", "ter", "chef", "sprecher", "minister", "sekretär", "kanzler")


def role_gender(role: str | None) -> str | None:
    """German role nouns mark the feminine: Sprecherin, Ministerin, Präsidentin (of a compound or
    phrase, its last word counts: „US-Außenministerin“)."""
    if not role:
        return None
    parts = re.findall(r"\w+", role)
    if not parts:
        return None
    last = parts[-1].lower()
    if last.endswith(FEMININE_SUFFIXES):
        return "Fem"
    if last.endswith(MASCULINE_SUFFIXES):
        return "Masc"
    return None


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as gd
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return gd.Detector(case_sensitive=False)


def first_name_gender(token: str) -> str | None:
    """Masc or Fem for a known first name („Jens“, „Karine“), else None."""
    d = _gender_detector()
    if d is None or not token[:1].isupper() or len(token) < 2:
        return None
    g = d.get_gender(token)
    return {"male": "Masc", "mostly_male": "Masc", "female": "Fem", "mostly_female": "Fem"}.get(g)
