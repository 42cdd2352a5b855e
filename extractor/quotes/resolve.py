"""One canonical name per person or organisation across the document.

Every name in the document is collected with the role written before it („US-Außenminister Mike
Pompeo“, „die Sprecherin des Weißen Hauses, Jen Psaki“). Names sharing a surname are one entity unless
their first names clearly differ, so a typo („Miko Pompeo“) joins „Mike Pompeo“; the canonical form is
the fullest one, the most frequent among equals. A speaker mention is then resolved:
  name         → its entity;
  pronoun      → the most recent person before it whose gender agrees (from the first name, a feminine
                 role noun, or the tagger's Gender), never a plural „sie“;
  description  → the most recent entity introduced with that role („der US-Präsident“ → Donald Trump);
                 otherwise the description itself without its article („Sprecher der Gruppe X“).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.document import Document, Sentence
from extractor.ner import entity_label
from extractor.quotes.mentions import Mention, is_name_word, mention_at
from extractor.words.people import PERSON_TITLES, first_name_gender, role_gender
from foundation.german import ARTICLES


@dataclass
class Entity:
    """One person or organisation: its name forms with their counts, roles and mention positions.

    The canonical form is kept up to date as forms are added (the fullest, then the most frequent,
    then the earliest), so reading it costs nothing however often the name occurs.
    """

    forms: dict[str, int] = field(default_factory=dict)  # form -> count, in order of first appearance
    roles: list[str] = field(default_factory=list)  # distinct, in order of appearance
    positions: list[int] = field(default_factory=list)  # character offsets of its mentions
    gender: str | None = None
    first_names: set[str] = field(default_factory=set)  # lower-cased first words of multi-word forms
    canonical: str = ""
    labels: dict[str, int] = field(default_factory=dict)  # PER/ORG/LOC -> words so tagged (extractor.ner)
    number: int = 0  # its place in EntityIndex.entities
    _order: dict[str, int] = field(default_factory=dict, repr=False)  # form -> first appearance
    _best: tuple[int, int, int] = (0, 0, 0)

    def add_form(self, form: str) -> None:
        count = self.forms[form] = self.forms.get(form, 0) + 1
        order = self._order.setdefault(form, len(self._order))
        words = form.split()
        if len(words) > 1:
            self.first_names.add(words[0].lower())
        # Counts only grow, so the best form is either the previous best or the one just counted.
        key = (len(words), count, -order)
        if key > self._best:
            self.canonical, self._best = form, key

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1]

    @property
    def is_person(self) -> bool:
        """A person, not an organisation or a place: so the named-entity tagger says where it tagged the
        name (a pronoun never stands for „das Portal Iran Press“), else a gender or a two-word name."""
        if self.labels:
            return max(self.labels, key=lambda k: self.labels[k]) == "PER"
        return self.gender is not None or len(self.canonical.split()) > 1

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _role_keys(role: str) -> set[str]:
    """„US-Außenminister“ answers to „US-Außenminister“ and „Außenminister“; lower-cased."""
    words = [w for w in role.split() if w.lower() not in ARTICLES]
    if not words:
        return set()
    head = words[0] if len(words) == 1 else next((w for w in words if w[:1].isupper()), words[-1])
    keys = {head.lower(), " ".join(words).lower()}
    if "-" in head:
        keys.add(head.split("-")[-1].lower())
    return keys


class EntityIndex:
    """The document's entities, found by surname in constant time, and a timeline of their mentions.

    Every form of an entity ends in the same word (a name joins an entity only through its surname),
    so entities are indexed by that word. Looking back from a pronoun or description walks the
    timeline from the nearest earlier mention and stops after LOOKBACK_ENTITIES distinct entities
    or LOOKBACK_MENTIONS mentions, so a document with thousands of mentions costs no more per
    lookup than a short one.
    """

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[Entity]] = {}
        self._timeline: list[tuple[int, int]] = []  # (position, entity number), sorted by position
        self._sorted = True

    def find(self, name: str) -> Entity | None:
        """The entity a name belongs to: same surname, and a first name that does not clearly differ."""
        parts = name.split()
        for e in self._by_surname.get(parts[-1].lower(), ()):
            if len(parts) > 1 and e.first_names and all(_edit_distance(parts[0].lower(), f) > 2 for f in e.first_names):
                continue
            return e
        return None

    def add(self, m: Mention) -> Entity | None:
        if m.kind != "name" or not m.name:
            return None
        e = self.find(m.name)
        if e is None:
            e = Entity(number=len(self.entities))
            self.entities.append(e)
            self._by_surname.setdefault(m.name.split()[-1].lower(), []).append(e)
        e.add_form(m.name)
        if self._timeline and m.span.start < self._timeline[-1][0]:
            self._sorted = False
        e.positions.append(m.span.start)
        self._timeline.append((m.span.start, e.number))
        if m.role and m.role.lower() not in ARTICLES and m.role not in e.roles:
            e.roles.append(m.role)
        first = m.name.split()[0]
        e.gender = e.gender or (first_name_gender(first) if len(m.name.split()) > 1 else None) or m.gender
        return e

    def add_role(self, e: Entity, role: str) -> None:
        if role not in e.roles:
            e.roles.append(role)
        if e.gender is None and role_gender(role) == "Fem":
            e.gender = "Fem"  # a role in apposition tells only the feminine: the masculine is also generic

    def before(self, pos: int) -> Iterator[tuple[int, Entity]]:
        """Entities mentioned before `pos`, most recent first, each with its latest such position
        (bounded: see the class docstring)."""
        if not self._sorted:
            self._timeline.sort()
            self._sorted = True
        seen: set[int] = set()
        i = bisect.bisect_left(self._timeline, (pos, -1)) - 1
        stop = max(-1, i - LOOKBACK_MENTIONS)
        while i > stop and len(seen) < LOOKBACK_ENTITIES:
            p, n = self._timeline[i]
            if n not in seen:
                seen.add(n)
                yield p, self.entities[n]
            i -= 1


#: Bounds of a look-back from a pronoun or description (see EntityIndex).
LOOKBACK_ENTITIES = 50
LOOKBACK_MENTIONS = 500


def build_index(doc: Document) -> EntityIndex:
    idx = EntityIndex()
    for s in doc.sentences:
        i = 1
        while i <= len(s.words):
            w = s.word(i)
            if w is not None and is_name_word(w):
                j, last = i, w
                while (
                    j < len(s.words)
                    and (nxt := s.word(j + 1)) is not None
                    and (
                        is_name_word(nxt)
                        or (nxt.text == "-" and (after := s.word(j + 2)) is not None and is_name_word(after))
                    )
                ):
                    j, last = j + 1, nxt
                m = mention_at(s, last, doc.text)
                e = idx.add(m)
                if e is not None:
                    _apposition_role(s, i, j, idx, e)
                    for x in s.words[i - 1 : j]:
                        if (label := entity_label(x)) is not None:
                            e.labels[label] = e.labels.get(label, 0) + 1
                i = j + 1
            else:
                i += 1
    return idx


def _apposition_role(s: Sentence, first_id: int, last_id: int, idx: EntityIndex, e: Entity) -> None:
    """Roles in apposition: „die Sprecherin des Weißen Hauses, Jen Psaki“ (before the comma) and
    „Abdolrahim Mussawi, Stabschef der Streitkräfte,“ (after it)."""
    comma = s.word(first_id - 1)
    if comma is not None and comma.text == ",":
        before = s.words[max(0, first_id - 7) : first_id - 2]
        nouns = [w for w in before if w.upos == "NOUN"]
        # the noun phrase right before the comma („Der Sprecher sagte, Paris, Rom …“ is no apposition)
        if nouns and not any(w.upos in ("VERB", "AUX") or w.text in (",", ":") for w in before if w.id > nouns[0].id):
            idx.add_role(e, nouns[0].text)
    comma = s.word(last_id + 1)
    if comma is not None and comma.text == ",":
        nxt = s.word(last_id + 2)
        if nxt is not None and nxt.upos == "NOUN" and nxt.text[:1].isupper():
            idx.add_role(e, nxt.text)


def resolve(m: Mention | None, idx: EntityIndex) -> tuple[str | None, str | None]:
    """(canonical speaker, role) for a local mention."""
    if m is None or m.kind == "unnamed":
        return None, None
    if m.kind == "reference":
        return resolve(m.refers_to, idx)
    if m.kind == "name":
        e = idx.find(m.name) if m.name else None  # a name mention always has one (mention_at)
        if e is None:
            return m.name, m.role
        return e.canonical, m.role or e.role
    if m.kind == "pronoun":
        if m.plural:
            return None, None
        for _, e in idx.before(m.span.start):
            if not e.is_person:
                continue
            if m.gender and e.gender and m.gender != e.gender:
                continue
            if m.gender == "Fem" and e.gender is None:
                continue
            return e.canonical, e.role
        return None, None
    words = m.span.text.split()
    if len(words) == 1 and words[0][:1].isupper() and (e := idx.find(words[0])) is not None:
        # a surname the tagger did not take for a name („Selenskyj:“ in a headline): the person's one name
        return e.canonical, e.role
    keys = _role_keys(m.role or m.citation or m.description)
    nearest = next(iter(idx.before(m.span.start + 1)), None)
    for _, e in idx.before(m.span.start + 1):
        if any(keys & _role_keys(r) for r in e.roles):
            return e.canonical, e.roles[0]
    # „Der Pentagon-Chef“ right after Mark Esper was named: a definite person title with no role on
    # record refers to the person just mentioned, if the gender agrees.
    if _definite(m) and (m.role or "").lower().endswith(PERSON_TITLES) and m.span.text.endswith(m.role or "\0"):
        for pos, e in [nearest] if nearest else []:
            if (
                e.gender is not None
                and e.is_person  # „Der Sprecher sagte, Paris und Rom …“: no place is the next speaker
                and m.span.start - pos < NEARBY_CHARS
                and (not m.gender or not e.gender or m.gender == e.gender)
            ):
                return e.canonical, m.role
    return nominative(m.citation or m.description) or None, m.role


#: Adjectival nouns: after an article „der Beamte“, without one „Beamter“ (the form a name list uses).
ADJECTIVAL_NOUN_STEMS = (
    "Beamt",
    "Angestellt",
    "Abgeordnet",
    "Vorsitzend",
    "Gesandt",
    "Delegiert",
    "Beauftragt",
    "Sachverständig",
    "Verantwortlich",
    "Bevollmächtigt",
)


def nominative(description: str) -> str:
    """„Beamte im Pentagon“ / „Beamten im Pentagon“ → „Beamter im Pentagon“."""
    words = description.split()
    for i, w in enumerate(words):
        for stem in ADJECTIVAL_NOUN_STEMS:
            if w in (stem + "e", stem + "en"):
                words[i] = stem + "er"
                return " ".join(words)
        if w[:1].isupper():
            break
    return description


NEARBY_CHARS = 600


def _definite(m: Mention) -> bool:
    first = m.span.text.split()[0].lower() if m.span.text.split() else ""
    return first in ("der", "die", "dem", "den", "des")
