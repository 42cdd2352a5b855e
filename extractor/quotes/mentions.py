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
from extractor.ner import entity_label, head_kinds
from extractor.types import Span
from extractor.words.cues import attribution_nouns
from extractor.words.people import (
    NOT_SPEAKER_WORDS,
    NOT_SPEAKERS,
    RANKS,
    TEMPORAL,
    first_name_gender,
    role_gender,
)
from extractor.words.sources import can_name_a_source, is_a_medium
from foundation.german import ARTICLES

PRONOUNS = {
    "er": ("Masc", "Sing"),
    "ihn": ("Masc", "Sing"),
    "ihm": ("Masc", "Sing"),
    "sie": ("Fem", None),
    "ihr": ("Fem", "Sing"),
    # demonstratives standing alone („Dieser bestätigte, dass …“): the person just named
    "dieser": ("Masc", "Sing"),
    "diesen": ("Masc", "Sing"),
    "diesem": ("Masc", "Sing"),
    "diese": ("Fem", None),
    "jener": ("Masc", "Sing"),
}

DEMONSTRATIVES = frozenset({"dieser", "diesen", "diesem", "diese", "jener"})


def stands_alone(w: Word) -> bool:
    """A demonstrative as a pronoun („Dieser bestätigte …“), not as the article of a noun („Diese Regel“):
    the tagger may call both DET, the parse tells them apart."""
    return w.upos == "PRON" or (w.upos == "DET" and w.deprel not in ("det", "dep"))


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
    name, or a name in lower case that the NER model calls a person or organisation („die taz“). With
    `mistagged`, also what the tagger may have mistagged where a phrase can only name a source (after
    „laut“, before „zufolge“): a lower-case noun or name („bildblog.de“) or a capitalised adjective or
    X („des Weißen Hauses“)."""
    lower = w.text.lower()
    if lower in NOT_SPEAKERS or lower in TEMPORAL or _not_speaker_word(w):
        return False
    if lower in PRONOUNS:
        return lower not in DEMONSTRATIVES or stands_alone(w)  # „Diese Regel“: an article, not a speaker
    if mistagged:
        return w.upos in ("NOUN", "PROPN") or (w.text[:1].isupper() and w.upos in ("X", "ADJ"))
    if w.upos == "PROPN" and entity_label(w) in ("ORG", "PER"):
        return True  # a name written in lower case: „die taz“, „die dpa“
    return w.upos in ("NOUN", "PROPN") and w.text[:1].isupper()


@dataclass(frozen=True)
class Mention:
    span: Span  # the whole phrase as written („der US-Präsident“, „Außenminister Mike Pompeo“)
    kind: str  # name | description | pronoun | reference („demnach“: see refers_to) | unnamed („nach offiziellen Angaben“)
    name: str | None  # the proper-name part („Mike Pompeo“), for names
    role: str | None  # title or description noun („Außenminister“, „Sprecher“)
    head: Word
    gender: str | None = None  # Masc | Fem | None
    plural: bool = False
    citation: str | None = None  # how to name an unnamed source cited in the dative („laut einem Beamten“)
    #: for a reference: the source named before that an adverb stands for („Demnach sei …“, guidelines
    #: 3.3 E: the adverb is the report's source phrase, the speaker is whom it refers to)
    refers_to: Mention | None = None

    @property
    def description(self) -> str:
        """The phrase without its leading article: how an unnamed source is called."""
        words = self.span.text.split()
        while words and words[0].lower() in ARTICLES:
            words = words[1:]
        return " ".join(words)


def reference_to(s: Sentence, adverb: Word, text: str, source: Mention | None) -> Mention:
    """The mention an adverb that refers back to a source makes („demnach“, „demzufolge“)."""
    if source is not None and source.kind == "reference":
        source = source.refers_to
    return Mention(_span(s, [adverb], text), "reference", None, None, adverb, refers_to=source)


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
    """A word of a proper name: tagged so, a known first name, a foreign script, or a capitalised word
    of a named entity (extractor.ner) that is no role or title noun („National“ in „National Hurricane
    Centre“, a surname the tagger took for a noun)."""
    if not is_capitalised(w) or w.text.lower() in ARTICLES or w.lemma.lower() in TEMPORAL:
        return False
    if w.upos == "PROPN" or first_name_gender(w.text) is not None or foreign_script(w.text):
        return True
    return entity_label(w) is not None and w.upos in ("NOUN", "X", "ADJ") and not head_kinds(w.text)


def _is_nominal(w: Word) -> bool:
    return w.upos in ("NOUN", "PROPN") or (is_capitalised(w) and w.upos in ("X", "ADJ") and w.id > 1)


def _contracted(s: Sentence, w: Word) -> bool:
    """The article of a contraction with a preposition („dem“ of „vom“, „im“, „beim“)."""
    prev = s.word(w.id - 1)
    return prev is not None and prev.start == w.start and prev.upos == "ADP"


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
        if end <= last:
            return last
        first = s.word(i + 1 if lower != "in" else i + 2)
        return _enumeration_end(
            s, end, limit, articles=lower in ("des", "der") or (first is not None and first.upos == "DET")
        )
    return last


def _enumeration_end(s: Sentence, last: int, limit: int, *, articles: bool) -> int:
    """The end of an enumeration of names that goes on after word `last` („von Deutschland, Frankreich
    und Großbritannien“, „der USA und Kanadas“), only where „und“/„sowie“ closes it: „von Siemens, Hans
    Müller, sagte“ is an apposition, not a list. An item takes an article only where the first one had
    one: „ein Sprecher von Siemens und die Gewerkschaft“ are two sources."""
    j, end = last + 1, last
    while (sep := s.word(j)) is not None and j < limit and sep.text in (",", "und", "sowie"):
        k = j + 1
        if articles and (det := s.word(k)) is not None and det.upos == "DET" and det.text.islower():
            k += 1
        item = None
        while k <= limit and (w := s.word(k)) is not None and is_capitalised(w) and _is_nominal(w):
            item = k
            k += 1
        if item is None:
            return last  # „…, sagte …“: no name after the separator
        if sep.text != ",":
            end = item  # the closing „und X“
            break
        j = item + 1
    return end


def mention_at(s: Sentence, head: Word, text: str, *, limit: int | None = None, floor: int = 1) -> Mention:
    """The noun phrase around `head` (never reaching left of word `floor`), role and name separated."""
    limit = limit or len(s.words)
    if (
        head.upos == "PRON"
        or (head.text.lower() in PRONOUNS and head.text.lower() not in DEMONSTRATIVES)
        or (head.text.lower() in DEMONSTRATIVES and stands_alone(head))
    ):
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
                and w.text.lower() not in attribution_nouns()
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
    while (
        len(words) > 1
        and words[0] is not head
        and (words[0].upos == "ADP" or _not_speaker_word(words[0]) or _contracted(s, words[0]))
    ):
        words = words[1:]  # „vom Amtsgericht“ is „von dem Amtsgericht“: the article shares the preposition
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
    """A description governed by „laut“/„zufolge“ (dative) or by an attribution noun (genitive): name it
    by its head noun's lemma and its complement („einem hochrangigen Vertreter“ → „Vertreter“, „einem
    Beamten im Pentagon“ → „Beamte im Pentagon“, „des Ministers“ → „Minister“), not by its inflected
    adjectives."""
    if m.kind != "description":
        return m
    tail = [w for w in s.words if w.start > m.head.start and w.end <= m.span.end]
    complement = text[tail[0].start : m.span.end] if tail else ""
    # dative endings: „Vertretern“ → „Vertreter“, „Beamten“ → „Beamte“ (not „Reuters“ → „Reuter“); and
    # a common noun's genitive („nach den Worten des Ministers“ → „Minister“, „Innenministeriums“)
    genitive = m.head.upos == "NOUN" and m.head.feats.get("Case") == "Gen" and m.head.text.endswith("s")
    lemma = m.head.lemma if m.head.lemma[:1].isupper() and (m.head.text.endswith("n") or genitive) else m.head.text
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


#: Prepositions of a place or body a description belongs to („ein Sprecher in Berlin“, „die Botschaft
#: in Riad“, „Rick Homans vom Sekretariat“): part of the source as a reader marks it.
ATTRIBUTIVE_PREPOSITIONS = frozenset("in im aus von vom bei beim".split())
#: Indefinite and possessive articles: „in einem Interview“, „in ihrer Ausgabe“ say how something was
#: said; a place or body a description belongs to is named without them („in Berlin“, „im Rat“).
INDEFINITE_OR_POSSESSIVE = ("ein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur")
#: The longest bracket a source phrase takes in: „(SPD)“, „(IAEO)“, „(Grüne)“.
MAX_BRACKET_WORDS = 4
#: The longest apposition taken into a source phrase („Präsident des Bundesverfassungsgerichtes“).
MAX_APPOSITION_WORDS = 10


def widen(s: Sentence, m: Mention, text: str, *, floor: int = 1, limit: int | None = None) -> Mention:
    """The whole noun phrase a reader marks as the source, never beyond words `floor`..`limit`: a
    hyphenated name goes on („Franz“ - „Josef“), a bracket follows („Renate Schmidt (SPD)“), a
    description takes its place („ein Sprecher in Berlin“), and an apposition joins role and name
    („der Vorsitzende des Verbandes, Elmar Gesse“; „Elmar Gesse, Vorsitzender des Verbandes“). The
    speaker it names stays the one `m` names."""
    if m.kind == "pronoun":
        return m
    limit = min(limit or len(s.words), len(s.words))
    inside = [w for w in s.words if m.span.start <= w.start < m.span.end]
    if not inside:
        return m
    first, last = inside[0].id, inside[-1].id
    core = _core_end(s, last, limit)
    if core != last:
        # the phrase's head lies further right („Der Schweizer“ → „Politiker Joseph Deiss“): it names the speaker
        core_m = mention_at(s, s.words[core - 1], text, limit=core, floor=first)
        if core_m.kind == "name" or m.kind != "name":  # „einem Reuters-Bericht“ still names Reuters
            m = core_m
        inside = [w for w in s.words if core_m.span.start <= w.start < core_m.span.end]
        first, last = min(first, inside[0].id), core
    before = last
    last = _widen_right(s, m, last, limit)
    first = _widen_left(s, m, first, floor)
    start, end = s.words[first - 1].start, s.words[last - 1].end
    quoted = s.words[before : last - 1]  # „das Magazin „Politico““: the quoted name names the speaker
    if (
        m.kind == "description"
        and last > before + 2
        and s.words[before].text in ("„", "»", '"', "“")
        and s.words[last - 1].text in ("“", "«", '"', "”")
        and quoted[1:]
        and all(w.text[:1].isupper() or not w.text.isalpha() for w in quoted[1:2])
    ):
        inner = quoted[1:]
        m = replace(m, kind="name", name=text[inner[0].start : inner[-1].end])
    if (start, end) == (m.span.start, m.span.end):
        return m
    return replace(m, span=Span(text[start:end], start, end), citation=m.citation or m.description)


def _core_end(s: Sentence, last: int, limit: int) -> int:
    """The last word of the phrase's core, where its head ends: across hyphens („VW-Finanzvorstand“),
    from an adjective to its noun, from a role to the name after it."""
    while last < limit and (nxt := s.word(last + 1)) is not None:
        after = s.word(last + 2)
        if (
            nxt.text == "-"
            and after is not None
            and last + 2 <= limit
            and nxt.start == s.words[last - 1].end
            and after.start == nxt.end
            and after.text[:1].isupper()
        ):
            last += 2  # „Franz-Josef“, „Atomenergie-Organisation“ tokenised in three
        elif _noun_goes_on(s, s.words[last - 1], nxt):
            last += 1  # „Der Schweizer Politiker Joseph Deiss“, „Die Politiker Peter Danckert“
        else:
            break
    return last


def _bracket_end(s: Sentence, i: int, limit: int) -> int | None:
    """The closing bracket of a short bracket opening at word `i` with no verb in it."""
    open_ = s.word(i)
    if open_ is None or open_.text != "(":
        return None
    for w in s.words[i : i + MAX_BRACKET_WORDS + 1]:
        if w.text == ")":
            return w.id if w.id <= limit and w.id > i + 1 else None
        if w.upos in ("VERB", "AUX") or w.text in (",", ";", ":", "(") or (w.text[:1].islower() and w.upos != "ADP"):
            return None
    return None


def _pp_end(s: Sentence, i: int, limit: int) -> int | None:
    """The end of a place or body phrase opening at word `i` („in Berlin“, „vom Sekretariat für X“)."""
    prep = s.word(i)
    if prep is None or prep.text.lower() not in ATTRIBUTIVE_PREPOSITIONS:
        return None
    end = None
    article = False  # a common noun needs one („im Aufsichtsrat“, „beim Gipfel“), a name none („in Berlin“)
    for w in s.words[i : min(limit, i + 5)]:
        if (
            w.upos == "DET"
            and w.text.lower() not in ("ein",)
            and not w.text.lower().startswith(INDEFINITE_OR_POSSESSIVE)
        ):
            article = True
        if w.text.lower().startswith(INDEFINITE_OR_POSSESSIVE) and w.upos in ("DET", "PRON", "NUM"):
            return None  # „in einem Interview“, „in ihrer Ausgabe“: how it was said, not who said it
        if w.upos in ("DET", "ADJ") and not w.text[:1].isupper():
            continue
        if w.text[:1].isupper() and w.upos in ("PROPN", "NOUN", "X", "ADJ") and not _not_speaker_word(w):
            if w.upos != "ADJ" and entity_label(w) is None and not can_name_a_source(w.lemma or w.text):
                return end  # „in Anspielung auf …“, whatever the tagger made of it
            if w.upos == "NOUN" and not article and entity_label(w) is None:
                return end  # „in Zukunft“, „in Absprache mit …“
            end = w.id if w.upos != "ADJ" else end  # „in Berlin“, „beim Klimagipfel“, „im Aufsichtsrat“
            continue
        if w.text == "-" and end == w.id - 1:
            continue
        break
    return end


def _widen_right(s: Sentence, m: Mention, last: int, limit: int) -> int:
    while last < limit:
        nxt = s.word(last + 1)
        if nxt is None:
            break
        if (close := _bracket_end(s, last + 1, limit)) is not None:
            last = close
            continue
        if (
            (m.kind == "description" or nxt.text.lower() in ("von", "vom"))
            and not (nxt.text.lower() in ("in", "im") and is_a_medium(s.words[last - 1].text))
            and (pp := _pp_end(s, last + 1, limit)) is not None
        ):
            last = pp  # „ein Sprecher in Berlin“; a name's body: „Ken Rice vom Institut für Astronomie“
            continue
        if (
            nxt.text == "für"
            and (after := s.word(last + 2)) is not None
            and last + 2 <= limit
            and after.upos in ("NOUN", "PROPN")
            and after.text[:1].isupper()
            and (
                {"org", "person"} & set(head_kinds(s.words[last - 1].text)) or entity_label(s.words[last - 1]) == "ORG"
            )
        ):
            last += 2  # „die Aufsichtsbehörde für Zivilluftfahrt“, „das Institut für Meeresforschung“
            while (
                (conj := s.word(last + 1)) is not None
                and conj.text.lower() == "und"
                and (more := s.word(last + 2)) is not None
                and last + 2 <= limit
                and more.upos in ("NOUN", "PROPN")
                and more.text[:1].isupper()
            ):
                last += 2  # „das Bundesministerium für Arbeit und Wirtschaft“: one body, not two speakers
            continue
        if head_kinds(s.words[last - 1].text) and (quoted := _quoted_name_end(s, last + 1, limit)) is not None:
            last = quoted  # „die Zeitung „Yemen Observer““
            continue
        break
    comma = s.word(last + 1)
    if comma is not None and comma.text == "," and (app := _apposition_end(s, m, last + 2, limit)) is not None:
        last = app
        if (close := _bracket_end(s, last + 1, limit)) is not None:
            last = close  # „…, Renate Künast (Grüne)“
    return last


def _noun_goes_on(s: Sentence, cur: Word, nxt: Word) -> bool:
    """Does the phrase go on from `cur` to the next word: an adjective before its noun („Der Schweizer
    Politiker“, „des Statistischen Bundesamtes“), a role before a name („Die Politiker Peter Danckert“),
    a name that goes on („Ärzte ohne Grenzen“ is left alone), an abbreviated title („Prof.“)?"""
    if nxt.start != cur.end and not nxt.text[:1].isupper():
        return False
    if _not_speaker_word(nxt) or nxt.lemma.lower() in TEMPORAL:
        return False
    if cur.upos == "ADJ" and nxt.upos in ("NOUN", "PROPN") and nxt.text[:1].isupper():
        return True
    if cur.upos == "NOUN" and cur.text[:1].isupper() and cur.text.endswith("er") and head_kinds(nxt.text):
        return True  # „der Schweizer Politiker“, „der Berliner Zeitung“: a place's adjective before a role
    if (cur.upos == "NOUN" or is_name_word(cur)) and is_name_word(nxt):
        return True  # „Politiker Joseph“ → „Deiss“
    return (
        nxt.text == "."
        and nxt.start == cur.end
        and cur.text in ("Dr", "Prof")
        and ((after := s.word(nxt.id + 1)) is not None and after.text[:1].isupper())
    )


def _quoted_name_end(s: Sentence, i: int, limit: int) -> int | None:
    """A name in quotation marks right after a source noun: „die Zeitung „Yemen Observer““."""
    open_ = s.word(i)
    if open_ is None or open_.text not in ("„", "»", '"', "“"):
        return None
    for w in s.words[i : min(limit, i + 6)]:
        if w.text in ("“", "«", '"', "”"):
            return w.id if w.id > i + 1 and w.id <= limit else None
        if not (w.text[:1].isupper() or w.text[:1].isdigit() or w.upos in ("ADP", "DET", "CCONJ", "PUNCT")):
            return None
    return None


def _apposition_end(s: Sentence, m: Mention, i: int, limit: int) -> int | None:
    """The end of an apposition opening at word `i` after a comma: a name after a description, a role
    after a name; it must close with a comma, a bracket or the end of the sentence."""
    words: list[Word] = []
    for w in s.words[i - 1 : limit]:
        if w.text in APPOSITION_ENDS:
            break
        article = not words and w.text.lower() in ARTICLES  # „…, die Leiterin der Fachstelle,“ (tagged PRON)
        if (w.upos in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and not article) or w.text.lower() in (
            "und",
            "oder",
            "sowie",
        ):
            return None
        words.append(w)
    if not words or len(words) > MAX_APPOSITION_WORDS:
        return None
    end_word = s.word(words[-1].id + 1)
    if end_word is not None and end_word.text not in (",", ".", "!", "?", ")"):
        return None
    if m.kind == "description":
        names = _name_run(words)
        if all(entity_label(w) == "PER" for w in words):
            return words[-1].id  # „Mohammed el-Baradei“
        return words[-1].id if names and names[0] is words[0] and names[-1] is words[-1] else None
    # a role after a name: its first noun is a capitalised role noun that can name a source
    noun = next((w for w in words if _is_nominal(w) and w.upos != "PROPN"), None)
    if noun is None or any(
        w.upos not in ("DET", "ADJ", "NUM", "PROPN") and w.text.lower() not in ARTICLES
        for w in words[: words.index(noun)]
    ):
        return None
    if not can_name_a_source(noun.lemma or noun.text) or _not_speaker_word(noun):
        return None
    return words[-1].id


#: What ends an apposition: a comma, a bracket, sentence punctuation, a quotation mark.
APPOSITION_ENDS = frozenset({",", ")", "(", ".", "!", "?", ";", ":", "“", "”", "„", "«", "»", "–", "—"})


def _widen_left(s: Sentence, m: Mention, first: int, floor: int) -> int:
    """„der Vorsitzende des Verbandes, Elmar Gesse“: a description before the comma in front of a name."""
    comma = s.word(first - 1)
    if m.kind != "name" or comma is None or comma.text != "," or first - 1 <= floor:
        return first
    words: list[Word] = []
    for j in range(first - 2, max(floor, first - 1 - MAX_APPOSITION_WORDS) - 1, -1):
        w = s.word(j)
        if w is None or w.text in APPOSITION_ENDS:
            break
        if w.upos in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ", "ADV", "PUNCT") and w.text != "-":
            return first
        words.insert(0, w)
    if not words:
        return first
    head = _head_noun(words)
    if (
        head is None
        or head.upos == "PROPN"
        or words[0].upos not in ("DET", "ADJ", "NOUN")
        or not can_name_a_source(head.lemma or head.text)
        or _not_speaker_word(head)
    ):
        return first
    before = s.word(words[0].id - 1)
    if before is not None and before.upos == "ADP":
        return first
    return words[0].id
