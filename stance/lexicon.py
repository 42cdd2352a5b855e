"""The stance lexicon: weighted German cue words from stance/data/lexicon.tsv, matched on stems.

Why stems: the compact lemmatizer makes mistakes, so every token is looked up by the stem of its lemma
*and* of its surface form. The stemmer is a variant of CISTEM (Weissweiler & Fraser 2017): it folds
umlauts and strips inflectional endings, so "Militärschläge", "Militärschlag" and "Militärschlags" all
become "militarschlag". Compounds are matched by rule instead of by listing them: an entry written
`*Schlag` also matches any compound whose head (last part) is "Schlag" ("Vergeltungsschlag"); an entry
`Atom*` matches compounds with that modifier ("Atommacht"). The head decides, because in German the
last part carries the meaning: "Atomabkommen" is an agreement, not a weapon. Longer heads win, so
exceptions are ordinary entries (`*Vorschlag 0` stops "Vorschlag" from counting as a strike).

Pattern syntax in the first column:
    word            the lemma (and its inflected forms, via the stem)
    a|b             alternatives, for irregular forms ("angreifen|angegriffen")
    *Head           the word itself and every compound ending in it
    Mod*            compounds starting with it (at least 3 more letters)
    *Word*          both
    Word / word     capitalised entries match nouns only, lower-case ones verbs and adjectives
    w1 w2 w3        a multiword pattern: all parts in this order within one clause, gaps of at
                    most 3 tokens between parts ("kühl Kopf bewahren"); "…" allows any gap within
                    the clause ("sich … treffen")
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = resources.files("stance") / "data"
LEXICON_FILE = "lexicon.tsv"
MODIFIERS_FILE = "modifiers.tsv"
ROLES_FILE = "roles.tsv"
ACTS_FILE = "acts.tsv"
#: The speaker's side: countries and the words that name them (read by stance.sides).
SIDES_FILE = "sides.tsv"

#: A compound must have at least this many letters before its matched head ("Vor|schlag" has 3).
MIN_COMPOUND_PREFIX = 3
#: A modifier pattern (`Atom*`) needs at least this many letters after it.
MIN_COMPOUND_REST = 3
MAX_PATTERN_GAP = 3
#: A compound head has at least this many letters ("Kriegs|ende", not "Wäh|rend").
MIN_HEAD = 4
GAP = "…"
#: Weight-0 categories: "neutral" and "person" heads block a compound ("Militärchef"), "open" ones
#: let its modifier decide ("Gesprächsbereitschaft").
BLOCKING = ("neutral", "person", "open")
#: Heads that end far more words than they compound: "-ende" is also the ending of number words
#: ("Tausende", "Dutzenden") and of nominalised participles ("Reisende", "Demonstrierenden"). They
#: count as a head only after a cue, whose end they name ("Kriegsende", "Konfliktende").
FRONT_ONLY_HEADS = {"ende"}
#: Fronts that derive a new word instead of compounding: "Ein|druck" is no kind of "Druck".
DERIVATION_PREFIXES = {
    "an",
    "ab",
    "auf",
    "aus",
    "ein",
    "vor",
    "nach",
    "bei",
    "mit",
    "um",
    "zu",
    "uber",
    "unter",
    "durch",
    "wider",
    "ruck",
    "zuruck",
    "her",
    "hin",
    "weg",
    "ent",
    "ver",
    "zer",
    "be",
    "er",
    "ge",
    "miss",
}


#: Distinct word forms whose stems are remembered: a quote's words are stemmed once per lexicon
#: lookup, many times over, and news repeats its words.
STEM_CACHE = 50_000


@lru_cache(maxsize=STEM_CACHE)
def stem(word: str) -> str:
    """CISTEM-style stem: lower-case, umlauts folded, ge- and inflectional endings stripped.

    Capitalised words (nouns) keep a final -t and a ge- prefix ("Gewalt", "Gespräch"), lower-case words
    lose them ("gewarnt" -> "warn"), as in CISTEM's case-sensitive mode."""
    if not word:
        return word
    upper = word[0].isupper()
    w = word.lower().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")
    w = re.sub(r"nis(?:se|sen|ses)$", "nis", w)  # "Zugeständnisse" like "Zugeständnis", "Bündnissen"
    if not upper:
        # participle and zu-infinitive of separable verbs: angedroht, auszulöschen
        w = re.sub(
            r"^(an|ab|auf|aus|ein|vor|zuruck|los|mit|bei|fest|nach|weg|her|hin|uber|um|zu|aufrecht|offen|weiter|frei|statt|teil)(?:ge|zu)(.{4,})",
            r"\1\2",
            w,
        )
        w = re.sub(r"^ge(.{4,})", r"\1", w)
    w = w.replace("sch", "$").replace("ei", "%").replace("ie", "&")
    w = re.sub(r"(.)\1", r"\1*", w)
    while len(w) > 3:
        if len(w) > 5:
            w, n = re.subn(r"e[mr]$", "", w)
            if n:
                continue
            if not upper:  # present participles; nouns keep -nd ("Kriegsende", "Stillstand")
                w, n = re.subn(r"nd$", "", w)
                if n:
                    continue
        if not upper:
            w, n = re.subn(r"t$", "", w)
            if n:
                continue
        w, n = re.subn(r"[esn]$", "", w)
        if not n:
            break
    w = re.sub(r"(.)\*", r"\1\1", w)
    return w.replace("&", "ie").replace("%", "ei").replace("$", "sch")


@dataclass(frozen=True)
class Entry:
    """One lexicon row. `weight` > 0 is hawkish, < 0 conciliatory; category "reverser" entries flip
    the cues in their scope ("Abbau der Spannungen", "Krieg verhindern") and "neutral" ones (weight 0)
    only stop a compound from matching a shorter head."""

    pattern: str
    weight: float
    category: str
    note: str
    stems: tuple[str, ...]  # one per part of a multiword pattern; alternatives are separate entries
    head: bool = False  # *X: matches compounds ending in X
    modifier: bool = False  # X*: matches compounds starting with X
    core: str = ""  # this alternative without its markers: "Atom*" -> "Atom"

    @property
    def multiword(self) -> bool:
        return len(self.stems) > 1

    @property
    def reverser(self) -> bool:
        """Flips what it governs: "rejection" entries ("ablehnen", "verhindern") also take a position
        by themselves, "reverser" entries ("beenden") and "resolver" ones ("lösen": only what is a
        problem, see stance.rules) only where one frames them."""
        return self.category in ("reverser", "rejection", "resolver")


@dataclass(frozen=True)
class Modifier:
    """A function word that changes the cues around it: negator, intensifier, conditional marker..."""

    word: str
    kind: str
    factor: float
    note: str
    #: position words only: prepositions one of which must be in the clause ("auf Diplomatie setzen");
    #: off_topic words: the lexicon categories they take off the topic
    requires: tuple[str, ...] = ()

    @property
    def core_stem(self) -> str:
        return stem(self.word)

    @property
    def core_fold(self) -> str:
        return fold(self.word)


@dataclass(frozen=True)
class ActWord:
    """A word that makes a topic it governs the speaker's act (stance/data/acts.tsv): a verb that does
    something with it ("Sanktionen verhängen", "Verhandlungen aufnehmen") or a word of degree before
    it ("mehr Polizei"). `categories`: the topic categories it acts on; `reach`: "clause" (anywhere in
    the cue's clause) or "np" (right before the cue, in its noun phrase)."""

    word: str
    categories: frozenset[str]
    reach: str
    note: str


def _parse_pattern(pattern: str, weight: float, category: str, note: str) -> list[Entry]:
    out = []
    for alt in pattern.split("|"):
        alt = alt.strip()
        head = alt.startswith("*")
        modifier = alt.endswith("*")
        core = alt.strip("*")
        parts = core.split()
        out.append(
            Entry(
                pattern,
                weight,
                category,
                note,
                tuple(p if p == GAP else stem(p) for p in parts),
                head=head,
                modifier=modifier,
                core=core,
            )
        )
    return out


def _load_acts(path: Path | None) -> list[ActWord]:
    return [
        ActWord(r[0], frozenset(c.strip() for c in r[1].split(",")), r[2], r[3] if len(r) > 3 else "")
        for r in data_rows(ACTS_FILE, path)
    ]


def _load_roles(path: Path | None) -> dict[str, str]:
    return {r[0]: r[1] for r in data_rows(ROLES_FILE, path)}


def data_rows(name: str, path: Path | None = None):
    """The rows of one of stance/data's TSV files (or of `path`), comments and blank lines skipped."""
    text = path.read_text(encoding="utf-8") if path else (DATA / name).read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines(), delimiter="\t"):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        yield [c.strip() for c in row]


def fold(word: str) -> str:
    """Lower case with umlauts folded: the form modifier patterns (`Atom*`) are compared in."""
    return word.lower().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")


class Lexicon:
    """Cue entries indexed for the lookups: exact stem, compound head, compound modifier, multiword.

    Entries are kept apart by case as written: a capitalised entry ("Drohne") matches nouns, a
    lower-case one ("drohen") verbs and adjectives, because aggressive stemming makes them collide."""

    def __init__(
        self,
        entries: list[Entry],
        modifiers: list[Modifier],
        roles: dict[str, str] | None = None,
        acts: list[ActWord] | None = None,
    ):
        self.entries = entries
        #: stem of an act word -> its entries (stance/data/acts.tsv)
        self.acts: dict[str, list[ActWord]] = {}
        for a in acts if acts is not None else _load_acts(None):
            for alt in a.word.split("|"):
                self.acts.setdefault(stem(alt.strip()), []).append(a)
        #: category -> "act" | "topic" | "description" | "shifter" (stance/data/roles.tsv)
        self.roles = roles if roles is not None else _load_roles(None)
        self.exact: dict[str, list[Entry]] = {}
        self.heads: dict[str, list[Entry]] = {}
        self.prefixes: dict[str, Entry] = {}  # folded modifier -> entry
        self.multi: dict[str, list[Entry]] = {}  # first part's stem -> entries
        for e in entries:
            if e.multiword:
                self.multi.setdefault(e.stems[0], []).append(e)
                continue
            if e.modifier:
                self.prefixes.setdefault(fold(e.core), e)
            if e.head or not e.modifier:
                self.exact.setdefault(e.stems[0], []).append(e)
            if e.head:
                self.heads.setdefault(e.stems[0], []).append(e)
        self.modifiers: dict[str, list[Modifier]] = {}
        self.modifier_stems: dict[str, list[Modifier]] = {}
        self._off_topic = [m for m in modifiers if m.kind == "off_topic"]
        self._modifier_seen: dict[tuple[str, str, bool], Modifier | None] = {}
        for m in modifiers:
            self.modifiers.setdefault(m.word.lower(), []).append(m)
            self.modifier_stems.setdefault(stem(m.word.lower()), []).append(m)

    @classmethod
    def load(
        cls,
        lexicon_path: Path | None = None,
        modifiers_path: Path | None = None,
        roles_path: Path | None = None,
        acts_path: Path | None = None,
    ) -> Lexicon:
        entries: list[Entry] = []
        for row in data_rows(LEXICON_FILE, lexicon_path):
            pattern, weight, category = row[0], float(row[1]), row[2]
            note = row[3] if len(row) > 3 else ""
            entries.extend(_parse_pattern(pattern, weight, category, note))
        mods = [
            Modifier(
                r[0],
                r[1],
                float(r[2]),
                r[3] if len(r) > 3 else "",
                tuple(w for w in r[4].split("|") if w) if len(r) > 4 else (),
            )
            for r in data_rows(MODIFIERS_FILE, modifiers_path)
        ]
        return cls(entries, mods, _load_roles(roles_path), _load_acts(acts_path))

    def act_words(self, keys) -> list[ActWord]:
        """The act words spelled by any of `keys` (lemma, form, particle + lemma), by stem."""
        out: list[ActWord] = []
        for k in keys:
            if k:
                out.extend(a for a in self.acts.get(stem(k), ()) if a not in out)
        return out

    def role(self, category: str) -> str:
        """What a category does in a quote; unknown categories are topics (count only when framed)."""
        return self.roles.get(category, "topic")

    def off_topic(self, word: str, category: str) -> Modifier | None:
        """The off_topic modifier (modifiers.tsv) that noun `word` is, or heads or begins as a
        compound ("Lokführergewerkschaft", "Tarifstreit"), where it takes `category` off the topic of
        force ("Verhandlungen" between unions and employers, "Waffen" in criminals' hands)."""
        s, f = stem(word), fold(word)
        for m in self._off_topic:
            if category in m.requires and (s.endswith(m.core_stem) or f.startswith(m.core_fold)):
                return m
        return None

    def modifier(self, word: str, kind: str, *, stemmed: bool = False) -> Modifier | None:
        """The modifier of this kind spelled `word`; with `stemmed`, also any inflected form of it
        ("weitere" for "weiter"): only for content words, since "eine" and "ein" share a stem.
        Remembered per lexicon: every token of a quote asks for several kinds."""
        key = (word, kind, stemmed)
        if key in self._modifier_seen:
            return self._modifier_seen[key]
        found = self._modifier(word, kind, stemmed)
        if len(self._modifier_seen) < STEM_CACHE:
            self._modifier_seen[key] = found
        return found

    def _modifier(self, word: str, kind: str, stemmed: bool) -> Modifier | None:
        for m in self.modifiers.get(word.lower(), ()):
            if m.kind == kind:
                return m
        if stemmed:
            for m in self.modifier_stems.get(stem(word.lower()), ()):
                if m.kind == kind:
                    return m
        return None

    def lookup(self, word: str, noun: bool | None) -> Match | None:
        """The entry for one word (surface form or lemma) and how it matched.

        `noun`: whether the token is a noun (None: unknown, e.g. capitalised at the sentence start).
        Order: exact stem, then the longest compound head, then the longest modifier prefix. A
        compound whose head is an "open" entry (weight 0) falls through to its modifier, so
        "Gesprächsbereitschaft" counts as talks although "Bereitschaft" alone says nothing; a
        "neutral" head blocks ("Militärchef" is a person, not military action). Hyphenated words
        ("US-Stellungen", "Ukraine-Krieg") are also looked up by their last part."""
        hit = self._lookup_word(word, noun)
        if "-" in word and (hit is None or hit.entry.category in BLOCKING):
            tail = word.rsplit("-", 1)[1]
            last = self._lookup_word(tail, tail[:1].isupper())
            if last and last.entry.category not in BLOCKING:
                return Match(last.entry, "head", last.split + word.rindex("-") + 1)
        return hit

    def _lookup_word(self, word: str, noun: bool | None) -> Match | None:
        if not word:
            return None
        s = stem(word)
        entries = self.exact.get(s, ())
        # Short stems collide ("wäre" and "warnen" both give "war"): for a stem of three letters or
        # less the word itself must begin like the entry (list irregular forms as alternatives).
        if len(s) <= 3:
            entries = [e for e in entries if fold(word).startswith(fold(e.core)[: len(s) + 1])]
        e = _pick(entries, noun, word)
        if e:
            return Match(e, "exact", 0)
        hit = None
        for n in range(MIN_COMPOUND_PREFIX, len(word) - MIN_HEAD + 1):
            part = word[n:]
            if not part[0].isalpha():
                continue
            as_noun = word[0].isupper() or bool(noun)
            e = _pick(self.heads.get(stem(part.capitalize() if as_noun else part), ()), as_noun, part)
            if e:
                # "Eindruck", "Ausdruck": a particle in front makes a derivation, not a compound
                if fold(word[:n]).rstrip("-") in DERIVATION_PREFIXES:
                    return None
                if fold(e.core) in FRONT_ONLY_HEADS and self.compound_front(word, Match(e, "head", n)) is None:
                    continue  # "Tausende", "Reisende", "Demonstrierenden": no "Ende" of anything
                hit = Match(e, "head", n)
                break
        if hit and hit.entry.category != "open":
            return hit
        f = fold(word)
        for n in range(len(f) - MIN_COMPOUND_REST, 2, -1):
            e = self.prefixes.get(f[:n])
            if e:
                return Match(e, "modifier", n)
        return hit

    def compound_front(self, word: str, match: Match) -> Entry | None:
        """The cue in front of a reverser head: "Spannungsabbau" -> Spannung, "Truppenabzug" -> Truppe."""
        if match.how != "head" or match.split < MIN_COMPOUND_PREFIX:
            return None
        front = word[: match.split].rstrip("-")
        if front.endswith("s") and len(front) > MIN_COMPOUND_PREFIX + 1:  # linking -s: "Rüstungsexport|s|stopp"
            front = front[:-1]
        hit = self._lookup_word(front.capitalize(), True)  # itself a compound: "Rüstungsexport" by "Rüstungs*"
        e = hit.entry if hit else None
        return e if e and e.weight != 0 and not e.multiword and not e.reverser else None


def _pick(entries, noun: bool | None, word: str) -> Entry | None:
    """The entry whose written case fits the token: nouns to capitalised entries, others to
    lower-case ones; with `noun` unknown, the one with the word's own case first. Among entries of
    one stem the one spelt like the word comes first ("Kämpfer" and "Kampf" share the stem)."""
    if not entries:
        return None
    entries = sorted(entries, key=lambda e: fold(e.core) != fold(word))  # stable: else the file's order
    upper = [e for e in entries if e.core[:1].isupper()]
    lower = [e for e in entries if not e.core[:1].isupper()]
    if noun is True:
        return upper[0] if upper else None
    if noun is False:
        return lower[0] if lower else None
    first, second = (upper, lower) if word[:1].isupper() else (lower, upper)
    return (first or second)[0]


@dataclass(frozen=True)
class Match:
    entry: Entry
    how: str  # "exact" | "head" | "modifier"
    split: int  # where the head starts (head) or the modifier ends (modifier) in the word


def _digest(*names: str) -> str:
    h = hashlib.sha256()
    for n in names:
        h.update((DATA / n).read_bytes())
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


def lexicon_digest() -> str:
    """sha256 of the data files: a change in any changes the scores."""
    return _digest(LEXICON_FILE, MODIFIERS_FILE, ROLES_FILE, ACTS_FILE, SIDES_FILE)
