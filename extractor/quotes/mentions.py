"""Mentions of people and organisations: the noun phrase around a head word, split into role and name.

The compact parser's trees are unreliable around names (a surname after a title often ends up as NOUN
and object), so spans are rebuilt from word order and tags: a run of title nouns and adjectives, then
a run of proper names („US-Außenminister Mike Pompeo“), or a description with its genitive or „von“
complement („Sprecher der Gruppe Asaib Ahl al-Haq“, „Vertreter von Irans Führung“).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from extractor.document import Sentence, Word
from extractor.types import Span
from extractor.words.people import (
    NOT_SPEAKER_WORDS,
    NOT_SPEAKERS,
    RANKS,
    STOP_NOUNS,
    TEMPORAL,
    first_name_gender,
    role_gender,
)
from extractor.words.sources import can_name_a_source
from foundation.german import ARTICLES

PRONOUNS = {
    "er": ("Masc", "Sing"),
    "ihn": ("Masc", "Sing"),
    "ihm": ("Masc", "Sing"),
    "sie": ("Fem", None),
    "ihr": ("Fem", "Sing"),
}

#: Endings of German sentence adverbs („Folglich“, „Täglich“, „Möglicherweise“, „Keinesfalls“,
#: „Andererseits“): capitalised at the start of a sentence and mistagged, never a speaker.
ADVERB_SUFFIXES = ("lich", "weise", "falls", "mals", "dings", "seits", "wegs", "ermaßen")


def adverb_like(w: Word) -> bool:
    """A sentence adverb the tagger took for a noun or name (not a proper name it is sure of)."""
    lower = w.text.lower()
    return w.upos != "PROPN" and w.text.isalpha() and lower.endswith(ADVERB_SUFFIXES) and len(lower) > 5


def _not_speaker_word(w: Word) -> bool:
    return w.text.lower() in NOT_SPEAKER_WORDS or w.lemma.lower() in TEMPORAL or adverb_like(w)


def nominal(w: Word, *, mistagged: bool = False) -> bool:
    """Can `w` head the mention of a speaker or source? Never a word that names nobody (NOT_SPEAKERS,
    NOT_SPEAKER_WORDS, a temporal word, a sentence adverb); a personal pronoun; a capitalised noun or
    name. With `mistagged`, also what the tagger may have mistagged where a phrase can only name a
    source (after „laut“, before „zufolge“): a lower-case noun or name („bildblog.de“) or a capitalised
    adjective or X („des Weißen Hauses“)."""
    lower = w.text.lower()
    if lower in NOT_SPEAKERS or lower in TEMPORAL or _not_speaker_word(w):
        return False
    if lower in PRONOUNS:
        return True
    if mistagged:
        return w.upos in ("NOUN", "PROPN") or (w.text[:1].isupper() and w.upos in ("X", "ADJ"))
    return w.upos in ("NOUN", "PROPN") and w.text[:1].isupper()


@dataclass(frozen=True)
class Mention:
    span: Span  # the whole phrase as written („der US-Präsident“, „Außenminister Mike Pompeo“)
    kind: str  # name | description | pronoun
    name: str | None  # the proper-name part („Mike Pompeo“), for names
    role: str | None  # title or description noun („Außenminister“, „Sprecher“)
    head: Word
    gender: str | None = None  # Masc | Fem | None
    plural: bool = False
    citation: str | None = None  # how to name an unnamed source cited in the dative („laut einem Beamten“)

    @property
    def description(self) -> str:
        """The phrase without its leading article: how an unnamed source is called."""
        words = self.span.text.split()
        while words and words[0].lower() in ARTICLES:
            words = words[1:]
        return " ".join(words)


def names_a_source(m: Mention) -> bool:
    """Whether a mention can be the source of a report: a name or pronoun, or a description whose noun
    can speak, write or be cited — never „die Gefahr“ or „der Unmut der CDU“ (extractor.words.sources)."""
    return m.kind != "description" or can_name_a_source(m.head.lemma or m.head.text)


def foreign_script(text: str) -> bool:
    """A word in a script other than Latin (Сергей, محمد): in a German article, part of a name. Arabic
    and other scripts have no capitals, so this stands in for capitalisation."""
    return text.isalpha() and not any(unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def is_capitalised(w: Word) -> bool:
    return w.text[:1].isupper() or foreign_script(w.text)


def is_name_word(w: Word) -> bool:
    if not is_capitalised(w) or w.text.lower() in ARTICLES or w.lemma.lower() in TEMPORAL:
        return False
    return w.upos == "PROPN" or first_name_gender(w.text) is not None or foreign_script(w.text)


def _is_nominal(w: Word) -> bool:
    return w.upos in ("NOUN", "PROPN") or (is_capitalised(w) and w.upos in ("X", "ADJ") and w.id > 1)


def _span(s: Sentence, words: list[Word], text: str) -> Span:
    start, end = words[0].start, words[-1].end
    return Span(text[start:end], start, end)


def _extend_right(s: Sentence, last: int, limit: int) -> int:
    """Include a genitive or „von“ complement: „Sprecher der Gruppe X“, „Vertreter von Irans Führung“."""
    i = last + 1
    w = s.word(i)
    if w is None or i > limit:
        return last
    lower = w.text.lower()
    if lower in ("des", "der") and w.feats.get("Case") not in (None, "Gen"):
        return last  # „sagten … der Agentur“: a dative, not a genitive complement
    if (
        lower in ("des", "der")
        or (lower == "von" and s.word(i + 1) is not None)
        or lower in ("im",)
        or (lower == "in" and (nxt := s.word(i + 1)) is not None and nxt.text.lower() == "dem")
    ):
        j = i + 1
        if lower == "in":
            j += 1
        end = last
        while (
            j <= limit
            and (w2 := s.word(j)) is not None
            and (w2.upos in ("ADJ", "DET", "NUM") or _is_nominal(w2) or w2.text == "-")
        ):
            if _is_nominal(w2):
                end = j
            j += 1
        return end if end > last else last
    return last


def mention_at(s: Sentence, head: Word, text: str, *, limit: int | None = None, floor: int = 1) -> Mention:
    """The noun phrase around `head` (never reaching left of word `floor`), role and name separated."""
    limit = limit or len(s.words)
    if head.upos == "PRON" or head.text.lower() in PRONOUNS:
        g, n = PRONOUNS.get(head.text.lower(), (None, None))
        plural = head.feats.get("Number") == "Plur"
        return Mention(_span(s, [head], text), "pronoun", None, None, head, g, plural)
    # left: articles, adjectives, numbers, title nouns, name words
    lo = head.id
    while lo > floor:
        w = s.word(lo - 1)
        if w is None or _not_speaker_word(w) or w.upos == "ADP" or w.upos in ("VERB", "AUX"):
            break
        if w.text.lower() in ("und", "sowie") and lo > 2 and (adj := s.word(lo - 2)) is not None and adj.upos == "ADJ":
            lo -= 1  # „iranische und schiitische Vertreter“
            continue
        if (
            w.upos in ("DET", "ADJ", "NUM")
            or w.text == "-"
            or (
                _is_nominal(w)
                and is_capitalised(w)
                and w.lemma.lower() not in TEMPORAL
                and w.text.lower() not in STOP_NOUNS
            )
        ):
            lo -= 1
        else:
            break
    # right: continue a run of names („Mike“ → „Pompeo“), then a genitive/„von“ complement
    hi = head.id
    while (
        hi < limit
        and (w := s.word(hi + 1)) is not None
        and (is_name_word(w) or (w.text == "-" and (after := s.word(hi + 2)) is not None and is_name_word(after)))
    ):
        hi += 1
    words = s.words[lo - 1 : hi]
    names = _name_run(words)
    if not names:
        hi = _extend_right(s, hi, limit)
        words = s.words[lo - 1 : hi]
    while len(words) > 1 and words[0] is not head and (words[0].upos == "ADP" or _not_speaker_word(words[0])):
        words = words[1:]
    span = _span(s, words, text)
    head_gender = head.feats.get("Gender")
    plural = head.feats.get("Number") == "Plur"
    if names:
        name = text[names[0].start : names[-1].end]
        # the title right before the name: „US-Außenminister“, not „Sprecher der Gruppe“
        role_words: list[Word] = []
        for w in reversed([w for w in words if w.start < names[0].start]):
            if w.upos in ("NOUN", "PROPN", "ADJ", "X") or w.text == "-":
                role_words.insert(0, w)
            else:
                break
        while role_words and (role_words[0].text == "-" or role_words[0].upos == "ADJ"):
            role_words = role_words[1:]
        role = text[role_words[0].start : role_words[-1].end] if role_words else None
        gender = first_name_gender(names[0].text) if len(names) > 1 else None
        gender = gender or role_gender(role) or (head_gender if head.upos != "PROPN" else None)
        return Mention(span, "name", name, role, head, gender, plural)
    role_word = _head_noun(words) or head
    role = _compound_text(s, role_word, text)
    return Mention(
        span, "description", None, role, role_word, role_gender(role) or role_word.feats.get("Gender"), plural
    )


def oblique(m: Mention, s: Sentence, text: str) -> Mention:
    """A description governed by „laut“/„zufolge“ is dative: name it by its head noun's lemma and its
    complement („einem hochrangigen Vertreter“ → „Vertreter“, „einem Beamten im Pentagon“ → „Beamte
    im Pentagon“), not by its inflected adjectives."""
    if m.kind != "description":
        return m
    tail = [w for w in s.words if w.start > m.head.start and w.end <= m.span.end]
    complement = text[tail[0].start : m.span.end] if tail else ""
    # dative endings only: „Vertretern“ → „Vertreter“, „Beamten“ → „Beamte“ (not „Reuters“ → „Reuter“)
    lemma = m.head.lemma if m.head.lemma[:1].isupper() and m.head.text.endswith("n") else m.head.text
    compound = _compound_text(s, m.head, text)  # „US-Kommandeur“, not „Kommandeur“
    lemma = compound[: len(compound) - len(m.head.text)] + lemma
    return replace(m, citation=(lemma + (" " + complement if complement else "")).strip())


def _name_run(words: list[Word]) -> list[Word]:
    """The last run of name words in the phrase („Mike Pompeo“ in „US-Außenminister Mike Pompeo“)."""
    runs: list[list[Word]] = []
    run: list[Word] = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        after_dash = words[i + 2] if i + 2 < len(words) else None
        hyphen_to_noun = nxt is not None and nxt.text == "-" and not (after_dash and is_name_word(after_dash))
        if is_name_word(w) and not hyphen_to_noun:  # „US-Präsident“ is a title, „Jean-Pierre“ a name
            run.append(w)
        elif w.text == "-" and run and nxt is not None and is_name_word(nxt):
            run.append(w)  # „Jean-Pierre“, „al-Haq“
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    if not runs:
        return []
    run = runs[-1]
    while len(run) > 1 and run[0].text.lower() in RANKS:
        run = run[1:]  # „Generalmajor Abdolrahim Mussawi“: the rank is a role
    if len(run) == 1 and run[0].upos != "PROPN":
        return []
    return run


def _head_noun(words: list[Word]) -> Word | None:
    """The head of a German noun phrase: the last noun before its complements („der US-Präsident“)."""
    head = None
    for w in words:
        if _is_nominal(w) and w.text.lower() not in ARTICLES:
            head = w
        elif head is not None and w.upos in ("DET", "ADP"):
            break
    return head


def _compound_text(s: Sentence, w: Word, text: str) -> str:
    """The whole hyphenated compound a word ends („US-Präsident“ for „Präsident“)."""
    start = w.start
    i = w.id
    while (
        i > 1
        and (prev := s.word(i - 1)) is not None
        and (cur := s.word(i)) is not None
        and prev.end == cur.start
        and (prev.text == "-" or cur.text == "-")
    ):
        i -= 1
        start = prev.start
    return text[start : w.end]
