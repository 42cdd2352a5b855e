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

from dataclasses import dataclass, field

from extractor.document import Document, Sentence
from extractor.quotes.mentions import (ARTICLES, Mention, first_name_gender, is_name_word, mention_at)


@dataclass
class Entity:
    forms: list[str] = field(default_factory=list)  # every name form, in order of appearance
    roles: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # character offsets of its mentions
    gender: str | None = None

    @property
    def canonical(self) -> str:
        longest = max(len(f.split()) for f in self.forms)
        full = [f for f in self.forms if len(f.split()) == longest]
        return max(full, key=lambda f: (full.count(f), -full.index(f)))

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1]

    @property
    def is_person(self) -> bool:
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
    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def _find(self, name: str) -> Entity | None:
        parts = name.split()
        for e in self.entities:
            if e.surname.lower() == parts[-1].lower() or any(f.lower() == name.lower() for f in e.forms):
                if len(parts) > 1:
                    firsts = [f.split()[0] for f in e.forms if len(f.split()) > 1]
                    if firsts and all(_edit_distance(parts[0].lower(), f.lower()) > 2 for f in firsts):
                        continue
                return e
            if len(parts) == 1 and any(f.split()[-1].lower() == parts[0].lower() for f in e.forms):
                return e
        return None

    def add(self, m: Mention) -> Entity | None:
        if m.kind != "name" or not m.name:
            return None
        e = self._find(m.name)
        if e is None:
            e = Entity()
            self.entities.append(e)
        e.forms.append(m.name)
        e.positions.append(m.span.start)
        if m.role and m.role.lower() not in ARTICLES:
            e.roles.append(m.role)
        first = m.name.split()[0]
        e.gender = e.gender or (first_name_gender(first) if len(m.name.split()) > 1 else None) or m.gender
        return e

    def add_role(self, e: Entity, role: str) -> None:
        if role not in e.roles:
            e.roles.append(role)
        if e.gender is None and role.lower().endswith(("erin", "entin", "in")) and len(role) > 5:
            e.gender = "Fem"

    def before(self, pos: int) -> list[tuple[int, Entity]]:
        """Entities mentioned before `pos`, most recent first."""
        seen = [(max(p for p in e.positions if p < pos), e) for e in self.entities
                if any(p < pos for p in e.positions)]
        return sorted(seen, key=lambda t: -t[0])


def build_index(doc: Document) -> EntityIndex:
    idx = EntityIndex()
    for s in doc.sentences:
        i = 1
        while i <= len(s.words):
            w = s.word(i)
            if is_name_word(w):
                j = i
                while j < len(s.words) and (is_name_word(s.word(j + 1)) or (
                        s.word(j + 1).text == "-" and j + 2 <= len(s.words) and is_name_word(s.word(j + 2)))):
                    j += 1
                m = mention_at(s, s.word(j), doc.text)
                e = idx.add(m)
                if e is not None:
                    _apposition_role(s, i, j, idx, e)
                i = j + 1
            else:
                i += 1
    return idx


def _apposition_role(s: Sentence, first_id: int, last_id: int, idx: EntityIndex, e: Entity) -> None:
    """Roles in apposition: „die Sprecherin des Weißen Hauses, Jen Psaki“ (before the comma) and
    „Abdolrahim Mussawi, Stabschef der Streitkräfte,“ (after it)."""
    comma = s.word(first_id - 1)
    if comma is not None and comma.text == ",":
        nouns = [w for w in s.words[max(0, first_id - 7): first_id - 2] if w.upos == "NOUN"]
        if nouns:
            idx.add_role(e, nouns[0].text)
    comma = s.word(last_id + 1)
    if comma is not None and comma.text == ",":
        nxt = s.word(last_id + 2)
        if nxt is not None and nxt.upos == "NOUN" and nxt.text[:1].isupper():
            idx.add_role(e, nxt.text)


def resolve(m: Mention | None, idx: EntityIndex) -> tuple[str | None, str | None]:
    """(canonical speaker, role) for a local mention."""
    if m is None:
        return None, None
    if m.kind == "name":
        e = idx._find(m.name)
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
    keys = _role_keys(m.role or m.description)
    recent = idx.before(m.span.start + 1)
    for _, e in recent:
        if any(keys & _role_keys(r) for r in e.roles):
            return e.canonical, e.roles[0]
    # „Der Pentagon-Chef“ right after Mark Esper was named: a definite person title with no role on
    # record refers to the person just mentioned, if the gender agrees.
    if _definite(m) and (m.role or "").lower().endswith(PERSON_TITLES) \
            and m.span.text.endswith(m.role or "\0"):
        for pos, e in recent[:1]:
            if e.gender is not None and m.span.start - pos < NEARBY_CHARS and (not m.gender or not e.gender or m.gender == e.gender):
                return e.canonical, m.role
    return nominative(m.citation or m.description) or None, m.role


#: Adjectival nouns: after an article „der Beamte“, without one „Beamter“ (the form a name list uses).
ADJECTIVAL_NOUN_STEMS = ("Beamt", "Angestellt", "Abgeordnet", "Vorsitzend", "Gesandt", "Delegiert",
                         "Beauftragt", "Sachverständig", "Verantwortlich", "Bevollmächtigt")


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


PERSON_TITLES = ("chef", "chefin", "minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin",
                 "sprecher", "sprecherin", "sekretär", "sekretärin", "general", "botschafter", "botschafterin",
                 "berater", "beraterin", "kommandeur", "politiker", "politikerin", "diplomat", "diplomatin")
NEARBY_CHARS = 600


def _definite(m: Mention) -> bool:
    first = m.span.text.split()[0].lower() if m.span.text.split() else ""
    return first in ("der", "die", "dem", "den", "des")
