"""Who takes a position: whether a cue is the speaker's stance, a topic, or a description of events.

The guideline labels the direction the SPEAKER takes toward force, not the topic. So after the
shifters (stance.rules) have set each cue's signed weight, every cue gets a status:

* framed: a position word frames it — a demand, will, need, readiness, announcement, support
  ("Wir fordern Verhandlungen", "Wir wollen, dass die Waffen schweigen") in its sentence (not from
  inside a relative or adverbial clause, which describe), or a rejection takes a position on it
  ("Waffenlieferungen kommen nicht infrage", "Entspannung statt Eskalation", "keinen Raum für
  Gespräche"). Counts in full, times the position word's strength.
* act: an act category (threat, ultimatum, retaliation, restraint: stance/data/roles.tsv) said
  without a position word. Counts at the scorer's ACT_ALONE factor.
* topic: a topic category (war, weapons, attacks, talks) without a position: counts at TOPIC_ALONE,
  which is fitted (see stance.tune) and may be 0 — "Bei dem Angriff starben 20 Menschen" is neutral.
* described: an act in a passive report of events ("wurden ... getötet"), a label for another party
  (enemy, aggressor, condemnation), or "drohen" without an agent ("Russland drohen Sanktionen":
  sanctions loom). Never counts; kept as evidence marked as description.

Word lists live in stance/data/modifiers.tsv (kinds position, aside, report, agentive, agent_marker)
and stance/data/roles.tsv; this module only combines them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foundation.german import RELATIVE_PRONOUNS
from stance.lexicon import BLOCKING, Lexicon, Modifier, fold, stem
from stance.rules import CONJUNCTIONS, Cue, find_negators, fused_zu, is_article, is_complement_clause, particle_keys
from stance.sides import side_words, sides_of
from stance.tokens import Token, subtree

FRAMED, ACT, TOPIC, DESCRIBED = "framed", "act", "topic", "described"


@dataclass(frozen=True)
class Status:
    """How one cue counts: `status` (framed | act | topic | described), the position's strength
    (framed only) and why, naming the decisive word. `negated`: the position word itself is negated
    ("nicht bereit, zu verhandeln"), so the framed cue turns around."""

    status: str
    strength: float
    reason: str
    negated: bool = False
    #: framed, and an act by itself: it counts at least as much as said without a position word
    act: bool = False


def position_word(t: Token, lex: Lexicon, toks: list[Token] | None = None) -> Modifier | None:
    """The position modifier this token spells: exactly, or by the stem of its lemma or form. Nouns
    match capitalised entries only ("Ziel"), other words lower-case ones ("setzen" is not "Gesetz").
    With the sentence's `toks`, a particle ending the clause joins a verb the parse gave none
    ("kündigte ... an" -> "ankündigen" with token rules only)."""
    if not t.word or lex.modifier(t.text, "report") or lex.modifier(t.text, "not_position"):
        return None  # "wurden" is no "werden" announcement, "bereits" no "bereit"
    if t.tree_ok and t.deprel == "aux:pass" and toks is not None and _participle_head(t, toks):
        return None  # "es werden Kriege geführt": passive, no announcement
    m = _position_word(t, lex, toks)
    if m is not None and m.note.startswith("future") and toks is not None and _passive(t, toks):
        return None  # "werden ... verfolgt" without a sane parse: a passive, no announcement
    if m is not None and m.note.startswith("future") and toks is not None and _verb_first(t, toks):
        return None  # "Werden die Angriffe nicht gestoppt, ...": a condition or a question, no announcement
    return m


def _verb_first(t: Token, toks: list[Token]) -> bool:
    """Whether the finite "werden" at t opens its sentence: German puts the finite verb first only in
    questions and conditions ("Wird ... angegriffen, ..."), never in an announcement."""
    first = next((w for w in toks if w.word and w.sent == t.sent), None)
    return first is t and t.text[:1].isupper()


#: A past participle in -t, or a strong one with ge- ("angegriffen", "festgenommen").
PARTICIPLE_ANY = re.compile(r"^(?:\w*ge\w{3,}t|(?:be|ver|zer|ent|er|miss)\w{3,}t|\w{3,}iert|\w*ge\w{3,}en)$")


def _participle_head(t: Token, toks: list[Token]) -> bool:
    """Whether the verb that "werden" at t attaches to is a participle, as a passive needs: the
    parser lemmatises a participle to its infinitive ("geführt" -> "führen"), an infinitive to
    itself, so "werden ... zurückerobern" (lemma = form) is the future the parser took for a
    passive."""
    if t.head is None:
        return True
    h = toks[t.head]
    return not (h.lemma and h.lemma.lower() == h.low and h.low.endswith("n")) or PARTICIPLE_T.match(h.low) is not None


#: A past participle in -t: ge- ("geführt"), an inseparable prefix ("verfolgt", "bestraft") or -iert.
PARTICIPLE_T = re.compile(r"^(?:\w*ge\w{3,}t|(?:be|ver|zer|ent|er|miss)\w{3,}t|\w{3,}iert)$")


def _passive(t: Token, toks: list[Token]) -> bool:
    """Whether "werden" at t ends its clause with a past participle: a passive ("Straftaten werden
    verfolgt"), not the future ("wir werden zurückschlagen"); or, last in a subordinate clause, comes
    right after one ("dass das Netz missbraucht wird", "wie Nachbarn angegriffen werden")."""
    words = [w for w in toks if w.word and w.clause == t.clause and w.i > t.i]
    if not words:
        before = [w for w in toks if w.word and w.clause == t.clause and w.i < t.i]
        return (
            bool(before)
            and before[-1].text.islower()
            and PARTICIPLE_ANY.match(before[-1].low.replace("ß", "ss")) is not None
        )
    return words[-1].text.islower() and PARTICIPLE_T.match(words[-1].low) is not None


def _position_word(t: Token, lex: Lexicon, toks: list[Token] | None) -> Modifier | None:
    index = _position_index(lex)
    noun = t.noun_flag
    keys = [t.text, t.lemma] if t.lemma else [t.text]
    if t.particle and t.lemma and t.lemma.isalpha():  # "rief ... auf" -> "aufrufen" (or "aufrief")
        keys = [t.particle + t.lemma, t.particle + t.text]
    elif toks is not None and not t.particle:
        keys = particle_keys(t, toks, lex) or keys
    # a separable verb is read with its particle only: "rief ... hervor" (caused) is no "rief" (appeal)
    for k in keys:
        for m in _candidates(index, k):  # stems keep case: "Ziel" and "ziel" differ
            if m.word[:1].isupper() and noun is not False and k[:1].isupper():
                return m
            if m.word[:1].islower() and noun is not True:
                return m
        if t.i == 0 or noun is None:  # capitalised at the sentence start: "Wir", "Müssen"
            for m in _candidates(index, k.lower()):
                if m.word[:1].islower():
                    return m
    return None


def _candidates(index: dict[str, list[Modifier]], k: str) -> list[Modifier]:
    """The position words with k's stem. Short stems collide ("war" and "warnen" both give "war"):
    for a stem of three letters or less the word itself must begin like the entry, as in
    Lexicon.lookup."""
    s = stem(k)
    ms = index.get(s, ())
    if len(s) <= 3:
        ms = [m for m in ms if fold(k).startswith(fold(m.word)[: len(s) + 1])]
    return list(ms)


_INDEX_CACHE: dict[int, dict[str, list[Modifier]]] = {}


def _position_index(lex: Lexicon) -> dict[str, list[Modifier]]:
    key = id(lex)
    if key not in _INDEX_CACHE:
        index: dict[str, list[Modifier]] = {}
        for ms in lex.modifiers.values():
            for m in ms:
                if m.kind == "position":
                    index.setdefault(stem(m.word), []).append(m)
        _INDEX_CACHE[key] = index
    return _INDEX_CACHE[key]


def _clauses(toks: list[Token]) -> dict[int, list[Token]]:
    out: dict[int, list[Token]] = {}
    for t in toks:
        if t.word:
            out.setdefault(t.clause, []).append(t)
    return out


def aside_clauses(toks: list[Token], lex: Lexicon) -> set[int]:
    """Clauses that describe rather than carry the sentence's position: relative clauses and
    adverbial ones ("nachdem ...", "bei dem ..."), by their first one or two words."""
    out = set()
    for cid, words in _clauses(toks).items():
        if words[0].i == _first_of_sentence(toks, words[0]):
            if _relative_fragment(words, lex):  # a quote cut from a relative clause: "die die Bombe ..."
                out.add(cid)
            continue
        k = 1 if len(words) > 1 and lex.modifier(words[0].text, "aside_preposition") else 0
        if lex.modifier(words[k].text, "aside") and not is_article(words, k):
            out.add(cid)
    return out


def _relative_fragment(words: list[Token], lex: Lexicon) -> bool:
    """Whether a sentence begins as a relative clause cut from its noun: a lower-case relative
    pronoun followed by an article or pronoun ("die die Bombe enthalten sollte", "der den Anschlag
    verübt hat")."""
    return (
        len(words) > 1
        and words[0].text.islower()
        and lex.modifier(words[0].text, "aside") is not None
        and words[0].low in RELATIVE_PRONOUNS
        and lex.modifier(words[1].text, "relative_follower") is not None
    )


def _first_of_sentence(toks: list[Token], t: Token) -> int:
    return next(x.i for x in toks if x.sent == t.sent and x.word)


def report_clauses(toks: list[Token], lex: Lexicon) -> set[int]:
    """Clauses that report events in the passive ("wurden ... getötet", "sei angegriffen worden") or
    with a perfect infinitive ("bestreitet, Waffen geliefert zu haben": what was or was not done)."""
    return {
        cid
        for cid, words in _clauses(toks).items()
        if any(lex.modifier(w.text, "report") for w in words)
        or any(a.low == "zu" and b.low in ("haben", "sein") for a, b in zip(words, words[1:]))
    }


#: Dependents that open a clause of their own, which is not what the clause above it takes a position
#: on: adverbial and relative clauses, juxtaposed main clauses ("Wir wollen die UN reformieren, um
#: sie gegen Massenvernichtungswaffen zu stärken": the purpose is no part of the will).
OWN_CLAUSE = frozenset({"advcl", "acl:relcl", "parataxis", "list", "discourse", "vocative"})
#: Clausal dependents that are what their clause takes a position on: "Wir fordern, dass ...",
#: "bereit, zu verhandeln", "Wir versuchen, ... zu erreichen".
COMPLEMENT = frozenset({"ccomp", "xcomp", "csubj", "csubj:pass"})
#: Where a clause ends going up the tree from a word in it.
CLAUSE_EDGE = OWN_CLAUSE | COMPLEMENT | {"acl"}
VERBAL = frozenset({"VERB", "AUX"})
#: Conjunctions that after a comma open a main clause of its own ("..., und im Süden gehen die
#: Kämpfe weiter"); "aber", "sondern" take a comma in any coordination ("nicht Krieg, sondern
#: Verhandlungen"), so after them an elliptical conjunct shares the frame.
COORDINATORS = frozenset({"und", "oder"})
#: Conjunctions after which a comma clause without a parse continues the frame: "setzt auf
#: Abschreckung, aber auch auf Dialog", "keinen Krieg, sondern Verhandlungen".
CONTRASTIVE = frozenset({"aber", "sondern", "jedoch", "doch", "sowie"})


def _purpose(toks: list[Token], words: list[Token], t: Token | None, lex: Lexicon) -> bool:
    """Whether `words` is an "um ... zu" purpose clause of the speaker's own action, which the
    position word `t` frames with its own clause (rules version 13): the aim the speaker states for
    what they do is their position ("Wir wollen mit allen Seiten reden, um den Frieden zu sichern").
    Said of another party ("Die Regierung will ..., um ...") the aim is that party's, not the
    speaker's: t's clause must speak in the own voice (modifiers.tsv, own_voice)."""
    if t is None or not words or words[0].low != "um":
        return False
    return any(w.low == "zu" or fused_zu(w, lex) for w in words[1:]) and _own_voice(toks, t, lex)


def frame_scope(toks: list[Token], t: Token, lex: Lexicon) -> set[int]:
    """The tokens position word `t` frames: the clause it belongs to and the clauses that clause takes
    as its complement ("Wir fordern, dass die Truppen abziehen"), never an adverbial or relative
    clause ("..., um ... zu stärken", "..., die ... angreifen") nor a coordinated clause with a subject
    of its own. On a sane tree: the clause head's subtree without such clauses, and t's own comma
    clause (German sets a comma before every subordinate clause, so a parse that hangs a word of it
    elsewhere is wrong); without one: the comma clauses (stance.tokens), a clause opened by "dass"/"ob"
    (modifiers.tsv, complementizer), a zu-infinitive not opened by "um"/"ohne"/"statt"
    (adverbial_infinitive) or a clause after a colon continuing the frame, an "um ... zu" purpose
    clause where t's clause speaks in the own voice (_purpose), and a "dass" clause right
    before it too ("Dass die Waffen schweigen, wollen wir alle"); these surface complements count
    with a sane tree too (a parser that calls a zu-infinitive adverbial is wrong). Only without a
    parse does a conjunct after "aber"/"sondern" continue the frame ("setzt auf Abschreckung, aber
    auch auf Dialog"): whether it has a subject of its own is not known."""
    scope = {w.i for w in toks if w.word and w.clause == t.clause} | _comma_frame(toks, t, lex, not t.tree_ok)
    if t.tree_ok:
        return scope | _tree_frame(toks, t.i, lex, t)
    return scope


def _tree_frame(toks: list[Token], i: int, lex: Lexicon, t: Token | None = None) -> set[int]:
    head = _clause_head(toks, i)
    out, stack = set(), [head]
    while stack:
        j = stack.pop()
        if j in out:
            continue
        out.add(j)
        for c in toks[j].children:
            d = toks[c].deprel or ""
            sub = [toks[k] for k in sorted(subtree(toks, c)) if toks[k].word]
            if d in OWN_CLAUSE and not _after_colon(toks, c) and not (d == "advcl" and _purpose(toks, sub, t, lex)):
                continue
            if d in COMPLEMENT and _adverbial(toks, c, lex) and not _purpose(toks, sub, t, lex):
                continue
            if d == "conj" and _full_clause(toks, c):
                continue
            stack.append(c)
    return out


def _adverbial(toks: list[Token], c: int, lex: Lexicon) -> bool:
    """Whether the clause the parse hangs at c as a complement is opened by an adverbial subordinator
    ("wenn", "weil", "um ... zu": modifiers.tsv, aside, conditional, adverbial_infinitive): the
    compact parser labels such clauses ccomp now and then."""
    marks = [toks[k] for k in toks[c].children if toks[k].deprel == "mark"]
    first = toks[min(subtree(toks, c))]  # "die Truppen abzuziehen": an article is no relative pronoun
    return any(lex.modifier(w.text, k) for w in marks for k in ("aside", "conditional", "adverbial_infinitive")) or any(
        lex.modifier(first.text, k) for k in ("conditional", "adverbial_infinitive")
    )


def _clause_head(toks: list[Token], i: int) -> int:
    """The head of the clause token i belongs to: up the tree to the root, or to a word that heads a
    clause of its own (a clausal dependent, a coordinated clause with its own subject)."""
    j = i
    for _ in range(len(toks)):
        t = toks[j]
        if t.head is None or (t.deprel or "") in CLAUSE_EDGE or (t.deprel == "conj" and _full_clause(toks, j)):
            return j
        j = t.head
    return j


def _full_clause(toks: list[Token], j: int) -> bool:
    """Whether the conjunct at j is a clause of its own: a verb with its own subject ("wir wollen
    Frieden, aber die anderen greifen an"), or one after a comma and "und"/"oder" (German sets no
    comma between two verbs of one subject: "verhandeln und Frieden schließen"), not a second verb
    of the same subject."""
    t = toks[j]
    if t.upos not in VERBAL:
        return False
    if any((toks[c].deprel or "").startswith(("nsubj", "expl")) for c in t.children):
        return True
    own = [w for w in toks if w.word and w.clause == t.clause]
    return (
        t.head is not None
        and toks[t.head].clause != t.clause
        and own[0].low in COORDINATORS
        and own[0].i > 0
        and toks[own[0].i - 1].text == ","
    )


def _after_colon(toks: list[Token], c: int) -> bool:
    """Whether the clause at c begins right after a colon: "Unsere Forderung ist klar: ..."."""
    first = min(subtree(toks, c))
    return first > 0 and toks[first - 1].text == ":"


def _comma_frame(toks: list[Token], t: Token, lex: Lexicon, conjuncts: bool) -> set[int]:
    clauses = _clauses(toks)
    out: set[int] = set()
    k = t.clause + 1
    while k in clauses and clauses[k][0].sent == t.sent:
        if (
            is_complement_clause(toks, clauses[k], lex)
            or _purpose(toks, clauses[k], t, lex)
            or (conjuncts and clauses[k][0].low in CONTRASTIVE)
        ):
            out.update(w.i for w in clauses[k])
            k += 1
        elif _resumed(clauses, k, lex):  # "wird nicht, wie befürchtet, mit Sanktionen drohen"
            out.update(w.i for w in clauses[k + 1])
            k += 2
        else:
            break
    before = clauses.get(t.clause - 1)
    if before and before[0].sent == t.sent and lex.modifier(before[0].text, "complementizer"):
        out.update(w.i for w in before)
    return out


def _opener(w: Token, lex: Lexicon) -> bool:
    """Whether w opens a clause of its own: a subordinator or a conjunction."""
    return w.text.islower() and (
        w.low in CONJUNCTIONS
        or any(
            lex.modifier(w.text, kind)
            for kind in ("aside", "conditional", "complementizer", "adverbial_infinitive", "insertion")
        )
    )


def _resumed(clauses: dict[int, list[Token]], k: int, lex: Lexicon) -> bool:
    """Whether comma clause k is inserted into the clause before it and clause k + 1 resumes that one:
    k opens with a subordinator ("wie befürchtet", "wenn nötig"), k + 1 with no opener of its own and
    ends the sentence."""
    words, nxt, after = clauses.get(k), clauses.get(k + 1), clauses.get(k + 2)
    return (
        words is not None
        and nxt is not None
        and nxt[0].sent == words[0].sent
        and (after is None or after[0].sent != nxt[0].sent)
        and words[0].low not in CONJUNCTIONS
        and _opener(words[0], lex)
        and not _opener(nxt[0], lex)
    )


def _holds(toks: list[Token], t: Token, m: Modifier, lex: Lexicon) -> bool:
    """Whether position word `t` takes a position in its clause: one that `requires` a word has it
    ("auf Diplomatie setzen", "für Verhandlungen eintreten", "es gilt"; not "ein Signal setzen", "die
    Tür ist eingetreten", "gilt als"), or, written ">zu", in the clause after it ("warnte, ... nicht
    ... zu verwickeln": an admonition, not "warnte, dass ..."). The future with "es ... geben" forecasts
    ("es wird Gespräche geben"): no announcement; negated it refuses or assures ("es wird keine
    Verhandlungen geben")."""
    clause = [w for w in toks if w.word and w.clause == t.clause]
    nxt = [w for w in toks if w.word and w.sent == t.sent and w.clause == t.clause + 1]
    if (
        m.requires
        and not any(w.low in m.requires for w in clause)
        and not any(">" + k in m.requires for w in nxt for k in (w.low, fused_zu(w, lex)))
    ):  # ">zu": after it
        return False
    # "es wird weitere Gespräche geben": a forecast; "es wird keine ... geben" refuses or assures
    forecast = (
        m.note.startswith("future")
        and any(w.low == "es" for w in clause)
        and any(lex.modifier(w.text, "existential") for w in clause)
        and not any(lex.modifier(w.text, "negator") or lex.modifier(w.text, "np_negator") for w in clause)
    )
    # "es wird schwer werden, ...", "es wird lange dauern, bis ...": difficulty and time forecast (v14)
    hard = (
        m.note.startswith("future")
        and any(w.low == "es" for w in clause)
        and any(w.text.islower() and lex.modifier(w.text, "forecast") for w in clause)
    )
    return not (forecast or hard)


def _categorical_refusal(toks: list[Token], t: Token, m: Modifier, lex: Lexicon) -> bool:
    """Whether the future `t` frames "es wird kein(e) ... geben": no forecast but a refusal or an
    assurance said outright ("Mit Terroristen wird es keine Gespräche geben"), counted in full rather
    than at the future's strength."""
    clause = [w for w in toks if w.word and w.clause == t.clause]
    return (
        m.note.startswith("future")
        and any(w.low == "es" for w in clause)
        and any(lex.modifier(w.text, "existential") for w in clause)
        and any(lex.modifier(w.text, "np_negator") or lex.modifier(w.text, "negator") for w in clause)
    )


def hearsay_clauses(toks: list[Token], lex: Lexicon) -> set[int]:
    """Clauses of sentences that report what others say happened: a hearsay modal with a perfect
    infinitive after it ("soll ... gewesen sein", "sollen ... getroffen worden sein") or "angeblich"."""
    out: set[int] = set()
    for sent in {t.sent for t in toks}:
        words = [w for w in toks if w.word and w.sent == sent]
        modal = next((w.i for w in words if lex.modifier(w.text, "hearsay")), None)
        if any(lex.modifier(w.text, "hearsay_adverb") for w in words) or (
            modal is not None and any(lex.modifier(w.text, "perfect_infinitive") for w in words if w.i > modal)
        ):
            out.update(w.clause for w in words)
    return out


def _acted_on(toks: list[Token], c: Cue, lex: Lexicon) -> str | None:
    """The act word that makes topic cue `c` the speaker's act, or None: a verb of its clause that
    does something with it ("Sanktionen verhängen", "nahm Verhandlungen auf", "die Truppen
    abziehen": a reversing verb), or a degree word right before it ("mehr Polizei")."""
    if c.how == "front":  # "Truppenabzug", "Rüstungsexportstopp": the compound names the act
        return toks[c.anchor].text
    for kind, j in c.shifters:
        if kind in ("reverser", "resolver") and not lex.modifier(toks[j].text, "event_reverser", stemmed=True):
            return toks[j].text
    anchor = toks[c.anchor]
    span = range(c.first, c.last + 1)
    for w in toks:
        if not w.word or w.clause != anchor.clause or w.i in span:
            continue
        keys = (
            [w.text, w.lemma]
            + ([w.particle + w.lemma] if w.particle and w.lemma else [])
            + ([w.particle + w.text] if w.particle else [])
            + ([] if w.particle else particle_keys(w, toks, lex))
        )
        if w.is_noun and w.noun_flag is not None:
            continue
        for a in lex.act_words(keys):
            if c.entry.category not in a.categories or _adjective_of(a, w):
                continue
            if a.reach == "np" and not (
                0 < c.first - w.i <= 3 and all(toks[k].word and not toks[k].is_noun for k in range(w.i + 1, c.first))
            ):
                continue
            return w.text
    return None


def _adjective_of(a, w: Token) -> bool:
    """Whether w is an adjective that shares the act verb's stem: "starke" (no umlaut) or the
    comparative "stärkere" are no "stärken" ("eine starke Partnerschaft" strengthens nothing)."""
    verb = a.word.split("|")[0].lower()
    umlauts = [u for u in "äöü" if u in verb]
    keys = [k.lower() for k in (w.text, w.lemma) if k]
    if umlauts and not any(u in k for u in umlauts for k in keys):
        return True
    base = verb[:-2] if verb.endswith("en") else verb[:-1]
    return re.fullmatch(re.escape(base) + r"er(?:e|en|er|es|em)?", w.low) is not None


def _anaphoric(toks: list[Token], t: Token, lex: Lexicon) -> bool:
    """Whether t's clause points back with a pronoun ("dass er dies nicht wolle", "das wollen wir
    nicht"): a disavowal of what the context named, not of what the clause names."""
    words = [w for w in toks if w.word and w.clause == t.clause]
    return any(
        lex.modifier(w.text, "anaphor")
        and (k + 1 == len(words) or not words[k + 1].is_noun or words[k + 1].noun_flag is None)
        for k, w in enumerate(words)
    )


def _looms(toks: list[Token], c: Cue, lex: Lexicon) -> bool:
    """ "drohen" with no agent threatening: no "mit" in its clause, no zu-infinitive after it."""
    t = toks[c.anchor]
    if c.how != "exact" or not any(lex.modifier(k, "agentive", stemmed=True) for k in (t.text, t.lemma) if k):
        return False
    clause = [w for w in toks if w.word and w.clause == t.clause]
    if any(lex.modifier(w.text, "agent_marker") and w.low != "zu" for w in clause):
        return False
    later = [w for w in toks if w.word and w.sent == t.sent and w.clause in (t.clause, t.clause + 1) and w.i > t.i]
    return not any(lex.modifier(w.text, "agent_marker") and w.low == "zu" for w in later)


#: A participle (past "ausgewiesene", "verhängten", "bewaffnete"; present "vernichtende") inflected as an
#: attribute: ge-, an inseparable prefix or -iert before its -t/-en, or -end, then an adjective ending.
PARTICIPLE = re.compile(
    r"^(?:\w*ge\w{2,}(?:t|en)|(?:be|ver|zer|ent|er|miss)\w{2,}(?:t|en)|\w+iert|\w{3,}end)"
    r"(?:e|en|er|es|em)$"
)


def _attributive(toks: list[Token], c: Cue) -> bool:
    """Whether verb cue `c` (a lower-case entry ending in -n that its note does not call an adjective)
    is an attributive participle before its noun ("die ausgewiesenen Diplomaten", "bewaffnete
    Gruppen", "die verhängten Sanktionen"): it describes what was done or is the case, nobody does it
    in the sentence."""
    t = toks[c.anchor]
    core = c.entry.core
    if (
        not core[:1].islower()
        or not core.endswith("n")
        or "adjective" in c.entry.note
        or not t.text.islower()
        or not PARTICIPLE.match(t.low)
    ):  # "entschlossene": an adjective's own ending
        return False
    nxt = next((w for w in toks[t.i + 1 :] if w.word), None)
    return nxt is not None and nxt.clause == t.clause and nxt.noun_flag is True


#: A weak verb's preterite ("weigerten", "lehnte ... ab", "verhinderte").
PRETERITE = re.compile(r"^\w{3,}(?:te|ten|tet|test)$")


def _reported_refusal(toks: list[Token], t: Token, lex: Lexicon) -> bool:
    """Whether the rejecting verb t reports another party's past refusal by deeds: a verb of deeds
    (modifiers.tsv, kind deed: "verhindern", "sich weigern", not the speech acts "ablehnen",
    "warnen", which report a position taken) in the preterite ("weigerten sich"; strong forms: kind
    preterite) or a participle with a form of "haben" ("hätten ... verhindert"), with no first-person
    word or "man" in its clause and no "er"/"sie" that may be the speaker ("er weigerte sich, ...").
    A refusal in the speaker's voice ("wir haben den Krieg verhindert") stays a position."""
    if not t.word or not t.text.islower() or _own_voice(toks, t, lex):
        return False
    keys = [k for k in (t.lemma, t.text, *particle_keys(t, toks, lex)) if k]
    if not any(lex.modifier(k, "deed", stemmed=True) for k in keys):
        return False
    if any(w.low in ("er", "sie") for w in toks if w.word and w.clause == t.clause):
        return False
    if PRETERITE.match(t.low) or lex.modifier(t.text, "preterite"):
        return True
    clause = [w for w in toks if w.word and w.clause == t.clause]
    return PARTICIPLE_T.match(t.low) is not None and any(lex.modifier(w.text, "perfect_auxiliary") for w in clause)


def _own_voice(toks: list[Token], t: Token, lex: Lexicon) -> bool:
    """Whether t's clause speaks in the speaker's own voice: a first-person word or "man"
    (modifiers.tsv, kind own_voice), or the speaker named as its agent (mark_speaker: "Gaddafi drohte
    mit Gewalt", said by Gaddafi). A consequence said so is threatened; one said of others is a
    forecast or a warning."""
    return any(w.speaker or lex.modifier(w.text, "own_voice") for w in toks if w.word and w.clause == t.clause)


def _own_conditional(toks: list[Token], t: Token, lex: Lexicon) -> Modifier | None:
    """ "würde(n)" in the speaker's own voice (rules version 14; modifiers.tsv, own_conditional): what
    the speaker says they would do, or in reported speech will do ("die Taliban würden ... angreifen",
    said by a Taliban commander; "man würde jeden Angriff beantworten"), is their position, at the
    word's strength; the irrealis still weakens the cue (stance.rules). Said of others it stays a
    hypothesis, no position ("würde" is no position word by itself)."""
    m = lex.modifier(t.text, "own_conditional") if t.word else None
    return m if m is not None and _own_voice(toks, t, lex) else None


def mark_speaker(toks: list[Token], speaker: str | None, lex: Lexicon) -> None:
    """Flag the words that name the quote's speaker as an agent (rules version 14): the guideline
    labels the speaker's position, and a speaker reported in the third person ("die Taliban würden
    ... angreifen", said by a Taliban commander; "Gaddafi drohte mit Gewalt", said by Gaddafi) speaks
    in the own voice as much as with "wir". A word names the speaker where it is a capitalised word
    of the speaker's name (not a title the lexicon calls a person: "Sprecher", "Minister"), the
    front of a speaker's compound whose rest is a person ("Taliban" of "Talibanführer", "Regierung"
    of "Regierungssprecher"), or the country the speaker belongs to ("Russland", said by "der
    russische Präsident": stance.sides); on a sane tree it must stand in a subject. `Token.side` marks
    such words wherever they stand."""
    if not speaker:
        return
    names: set[str] = set()
    fronts: list[str] = []
    for w in re.findall(r"[^\W\d_]+", speaker):
        if len(w) < 4 or not w[:1].isupper():
            continue
        hit = lex.lookup(w, True)
        if hit is not None and hit.how == "head" and hit.entry.category == "person":
            fronts.append(fold(w))  # "Talibanführer": the side is its front
        elif hit is None or hit.entry.category != "person":
            names.add(stem(w))
    side = side_words(sides_of(speaker))  # "der russische Präsident": Russland is the speaker's side
    for t in toks:
        if not t.word or not t.text[:1].isupper() or lex.modifier(t.text, "own_voice"):
            continue
        if len(t.text) < 4 and fold(t.text) not in side:
            continue
        named = stem(t.text) in names or any(f.startswith(fold(t.text)) and len(f) - len(t.text) >= 4 for f in fronts)
        named = named or fold(t.text) in side or (t.text.endswith("s") and fold(t.text[:-1]) in side)
        t.side = named
        if named and (not t.tree_ok or _in_subject(toks, t)):
            t.speaker = True


def _in_subject(toks: list[Token], t: Token) -> bool:
    """Whether t is (in) a subject on the tree: itself or a word above it within its clause is one."""
    j: int | None = t.i
    for _ in range(4):
        if j is None:
            return False
        if (toks[j].deprel or "").startswith("nsubj"):
            return True
        if toks[j].deprel in ("flat", "appos", "nmod", "amod", "det", "compound", "flat:name", "conj"):
            j = toks[j].head
            continue
        return False
    return False


def cue_position(cue: str | None, lex: Lexicon) -> tuple[str, float] | None:
    """The position the speech cue outside the quote takes on all of it: a position word ("forderte",
    "rief ... auf") or a threat or warning verb ("drohte", "warnte": the speaker threatens or warns
    with what the quote says). (word, strength) or None for plain reporting ("sagte")."""
    if not cue:
        return None
    from stance.tokens import tokenize

    toks = tokenize(cue)
    particles = [p.low for p in toks if p.word and lex.modifier(p.text, "particle")]
    for t in toks:
        if t.word and t.text.islower() and particles and not lex.modifier(t.text, "particle"):
            t.particle = particles[-1]  # "kündigte ... an", "rief ... auf": the cue's separable verb
            t.lemma = t.text
        m = position_word(t, lex)
        if m is not None and m.factor >= 1.0:
            return t.text, m.factor
        for k in (t.text, t.text.lower()):
            hit = lex.lookup(k, False)
            if hit and lex.role(hit.entry.category) in ("act", "topic") and hit.entry.category in CUE_THREATS:
                return t.text, 1.0
    return None


def cue_accuses(cue: str | None, lex: Lexicon) -> str | None:
    """The word by which the speech cue accuses another party ("wirft ... vor", "beschuldigte"): the
    quote then says what the accused did (stance/data/modifiers.tsv, kind accusation)."""
    if not cue:
        return None
    from stance.tokens import tokenize

    return next((t.text for t in tokenize(cue) if t.word and lex.modifier(t.text, "accusation", stemmed=True)), None)


#: Act categories whose verbs say what the speaker does only in the speaker's own voice ("wir drohen
#: mit ..."); "Nordkorea droht mit ..." reports another party's threat. Resolve too: "wir bleiben
#: kompromisslos" is a hard line, "der Trainer war unerbittlich" none.
OWN_VOICE_ACTS = {"threat", "punitive", "resolve"}

#: Categories of a cue verb that make the quote what the speaker threatens, warns of or justifies.
CUE_THREATS = {"threat", "ultimatum", "justification"}


def statuses(toks: list[Token], cues: list[Cue], lex: Lexicon, cue: str | None = None) -> list[Status]:
    """The status of each cue (same order as `cues`); `cue` is the speech cue outside the quote."""
    asides = aside_clauses(toks, lex)
    outer = cue_position(cue, lex)
    accuses = cue_accuses(cue, lex)
    reports = report_clauses(toks, lex)
    hearsay = hearsay_clauses(toks, lex)
    positions: dict[int, list[tuple[Token, Modifier]]] = {}  # sentence -> position words outside asides
    for t in toks:
        m = position_word(t, lex, toks) or _own_conditional(toks, t, lex)
        if m is not None and t.clause not in asides and t.clause not in hearsay and _holds(toks, t, m, lex):
            positions.setdefault(t.sent, []).append((t, m))
    frames = {t.i: frame_scope(toks, t, lex) for ps in positions.values() for t, _ in ps}
    position_tokens = frozenset(frames)
    cue_tokens = (
        frozenset(j for c in cues if c.entry.category not in BLOCKING for j in range(c.first, c.last + 1))
        | position_tokens
    )
    # a negator inside an idiom belongs to it ("nicht … zulassen", "nicht tatenlos"): it negates no position
    in_idioms = {j for c in cues if c.how == "multiword" for j in (c.parts or range(c.first, c.last + 1))}
    negators = [
        (n, scope) for n, _s, scope, _k in find_negators(toks, lex, cue_tokens, cue_tokens) if n not in in_idioms
    ]
    out = []
    for c in cues:
        role = "act" if c.how == "intent" else lex.role(c.entry.category)
        anchor = toks[c.anchor]
        if (
            c.how == "intent"
            and not _anaphoric(toks, anchor, lex)
            and not any(o is not c and o.weight != 0 and toks[o.anchor].sent == anchor.sent for o in cues)
        ):
            out.append(Status(DESCRIBED, 0.0, "a disavowal that names nothing of force or talks"))
            continue
        deterrence = next((j for kind, j in c.shifters if kind == "deterrence"), None)
        if deterrence is not None:
            out.append(Status(FRAMED, 1.0, f"position taken by '{toks[deterrence].text}' (deterrence)", act=True))
            continue
        if role == "description":
            out.append(Status(DESCRIBED, 0.0, f"'{c.entry.category}' describes another party"))
            continue
        if c.how != "multiword" and _attributive(toks, c):
            out.append(Status(DESCRIBED, 0.0, f"'{anchor.text}' qualifies a noun: what was done, no act"))
            continue
        if role == "act" and _looms(toks, c, lex):
            out.append(Status(DESCRIBED, 0.0, f"'{anchor.text}' without an agent: something looms"))
            continue
        if anchor.clause in hearsay:
            out.append(Status(DESCRIBED, 0.0, "in hearsay ('soll ... haben', 'angeblich'): what others say happened"))
            continue
        if anchor.clause in reports:  # before any position: "wurden ... abgelehnt" reports a rejection
            out.append(Status(DESCRIBED, 0.0, "in a report of events"))
            continue
        # a negated act, or talks refused in the speaker's own voice ("mit Terroristen verhandeln wir
        # nicht"), is a position; a negated topic of force in it is a denial ("wir haben keine Waffen")
        refused = c.entry.weight < 0 and _own_voice(toks, anchor, lex)
        rejection = next(
            (j for kind, j in c.shifters if kind == "rejection" or (kind == "negation" and (role == "act" or refused))),
            None,
        )
        if rejection is not None and _reported_refusal(toks, toks[rejection], lex):
            out.append(Status(DESCRIBED, 0.0, f"'{toks[rejection].text}': another party's past refusal, reported"))
            continue
        if rejection is not None:
            out.append(Status(FRAMED, 1.0, f"position taken by '{toks[rejection].text}'"))
            continue
        threat = next((n for n in c.notes if n in ("ultimatum", "conditional threat")), None)
        if (
            threat is not None
            and c.weight > 0
            and (threat == "ultimatum" or role == "act" or _own_voice(toks, anchor, lex))
        ):
            # "Andernfalls würden wir mit Gewalt reagieren"; not "wenn ..., wird es Krieg geben" (a forecast)
            out.append(Status(FRAMED, 1.0, f"the threatened consequence ({threat})"))
            continue
        # in a conditional sentence the future of others forecasts ("wenn ..., werden die Kämpfe wieder
        # aufflammen"); only in the own voice does it announce ("..., werden wir zurückschlagen")
        conditional = any(n.startswith("condition") for n in c.notes)
        framing = [
            (t, m)
            for t, m in positions.get(anchor.sent, ())
            if t.i not in range(c.first, c.last + 1)
            and c.anchor in frames[t.i]
            and anchor.clause not in asides
            and not (conditional and m.note.startswith("future") and not _own_voice(toks, t, lex))
        ]
        if framing:
            t, m = max(framing, key=lambda x: x[1].factor)
            span = set(range(c.first, c.last + 1))
            neg = next(
                (
                    n
                    for n, scope in negators
                    if t.i in scope and n != t.i and not span & scope and not any(j == n for _k, j in c.shifters)
                ),
                None,
            )  # no negator counts twice
            is_act = role == "act" or _acted_on(toks, c, lex) is not None
            strength, said = m.factor, f"position '{t.text}' ({m.note})"
            if _categorical_refusal(toks, t, m, lex):  # "es wird keine Gespräche geben": in full
                strength, said = 1.0, f"refused outright ('es {t.text} kein ... geben')"
            if neg is not None:
                out.append(Status(FRAMED, strength, f"{said} negated by '{toks[neg].text}'", True, is_act))
            else:
                out.append(Status(FRAMED, strength, said, act=is_act))
            continue
        if accuses is not None:
            out.append(Status(DESCRIBED, 0.0, f"what the cue '{accuses}' accuses another party of"))
            continue
        if outer is not None and anchor.clause not in asides:
            out.append(Status(FRAMED, outer[1], f"position of the cue '{outer[0]}'"))
            continue
        actor = _acted_on(toks, c, lex) if role == "topic" else None
        if actor is not None:
            out.append(Status(ACT, 1.0, f"the speaker's act: '{actor}' does it"))
            continue
        if (
            role == "act"
            and c.entry.category in OWN_VOICE_ACTS
            and c.how != "multiword"
            and c.entry.core[:1].islower()
            and not _own_voice(toks, anchor, lex)
        ):
            out.append(
                Status(DESCRIBED, 0.0, f"'{anchor.text}' said of another party: a threat or punishment reported")
            )
        elif role == "act":
            out.append(Status(ACT, 1.0, "the speaker's act, no position word"))
        else:
            out.append(Status(TOPIC, 1.0, "topic only, no position taken"))
    return _threatened_with(toks, cues, out)


def _threatened_with(toks: list[Token], cues: list[Cue], out: list[Status]) -> list[Status]:
    """A topic in the clause of a threat the speaker makes is what is threatened ("Wir drohen mit
    harten Sanktionen"): framed by the threat, in full."""
    threats = {
        toks[c.anchor].clause: toks[c.anchor].text
        for c, st in zip(cues, out)
        if c.entry.category == "threat" and st.status in (ACT, FRAMED) and not st.negated
    }
    return [
        Status(FRAMED, 1.0, f"threatened with '{threats[toks[c.anchor].clause]}'")
        if st.status == TOPIC and toks[c.anchor].clause in threats
        else st
        for c, st in zip(cues, out)
    ]
