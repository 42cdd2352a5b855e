"""When quoted words are somebody's utterance rather than a title, and how long a speaker's lead is.

The direct-speech finder decides with these; the speech screen tags the sentences where the words
before a quotation decide, so both read the same numbers.
"""

from __future__ import annotations

MIN_UTTERANCE_WORDS = 4
MIN_NON_TITLE_WORDS = 6  # a quotation this long is never taken for a title
#: Nouns whose quoted name follows them: „die Sendung ‚Bericht aus Berlin‘“ is a title, not a quote.
TITLE_NOUNS = frozenset(
    """sendung zeitung magazin titel buch film motto operation programm talkshow
 kampagne slogan schlagzeile artikel kolumne serie podcast show format plattform aktion projekt
 initiative bündnis partei gruppe bewegung portal nachrichtenseite nachrichtenagentur agentur blatt
 überschrift song lied album roman studie bericht""".split()
)
#: Words before a short capitalised quotation that make it a name („im ‚Bericht aus Berlin‘“).
TITLE_LEAD = frozenset("im in beim vom zum zur der die das des dem den".split())
#: A speaker lead before a colon is short: „Selenskyj:“, „Peskow wörtlich:“, „Der Minister:“.
MAX_LEAD_WORDS = 4


def word_count(text: str) -> int:
    """Words of a quotation: whitespace-separated runs with a letter or digit (marks do not count)."""
    return len([t for t in text.split() if any(ch.isalnum() for ch in t)])
