"""The rules that turn lexicon hits into signed weights: negation, reversal, intensity, conditionals.

Every scope rule is computed on the dependency tree where the sentence's parse passed the sanity
check in stance.tokens (`tree_ok`), and on token windows inside the clause otherwise. Even a sane
tree loses to the window where it gives a negator or reverser no cue at all, or only cues in other
clauses while the window finds one in its own (the compact parser's typical attachment errors):

* negation ("nicht", "nie", "kaum"): tree: the negator's head and its dependents but the subject
  ("nicht" on "verwickeln" covers "Militärmission"). Window: up to NEG_WINDOW words after the negator, stopping at
  a conjunction; a negator among the last words of its clause ("den Krieg nicht") also covers the
  verbs and adjectives before it and the two words right before it (German puts them last).
* determiner negation ("kein", "ohne"): tree: the phrase of the noun it attaches to. Window: the
  following noun phrase (through the first capitalised word, across "und"/"oder" and one genitive).
* reversers ("verhindern", "Abbau", "abgebrochen", "Nicht-"): a cue they govern flips sign
  ("Eskalation verhindern" is conciliatory, "Gespräche abbrechen" hawkish). Tree: their dependents
  except subjects, or the noun they modify. Window: the following noun phrase, and for verbs also
  up to REVERSER_BACK words before them (objects precede the final verb).
* intensifiers / downtoners: multiply the cue they modify (tree: the cue or a modifier of it;
  window: the next cue within INTENS_WINDOW words with no noun in between). Product capped at 2.
* conditionals: a clause opened by "falls"/"wenn"/verb-first "sollte" is a protasis; its cues are
  the trigger, not the speaker's stance (x PROTASIS). The other clauses of that sentence, and a
  clause with "andernfalls"/"sonst", are the threatened consequence: hawkish cues there x THREAT.
* irrealis (subjunctive II outside a conditional): hypothetical, x the factor of the irrealis word
  in modifiers.tsv.
* contrast ("X, aber Y"): the part after "aber"/"jedoch" is what the speaker stresses (x1.2), the
  part before it is conceded (/1.44), as in VADER's "but" rule.

A negated hawkish cue becomes conciliatory at full strength ("keinen Krieg"); a negated conciliatory
cue becomes hawkish at NEG_CONCILIATORY of its strength (refusing talks is less than a threat).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from foundation.german import PREPOSITIONS
from stance.lexicon import BLOCKING, GAP, Entry, Lexicon, Modifier, stem
from stance.tokens import Token, subtree

NEG_WINDOW = 8
NEG_FINAL = 3  # a negator followed by at most this many words to the clause end looks back
NEG_BACK_NOUNS = 2  # ... over the clause's verbs and adjectives and the last words before it
NP_WINDOW = 6
REVERSER_BACK = 7
INTENS_WINDOW = 3
MAX_INTENSITY = 2.0
PROTASIS = 0.4
THREAT = 1.3
NEG_CONCILIATORY = 0.8
CONJUNCTIONS = {"und", "oder", "aber", "sondern", "jedoch", "doch", "sowie"}
GENITIVE = {"des", "der", "eines", "einer"}
#: What continues a noun phrase with an attribute: a genitive article or its substitute "von"
ATTRIBUTE = GENITIVE | {"von", "vom"}
MAX_GAP = 3
#: Labels for actors and attitudes, not acts: stopping "das Regime" is no de-escalation.
NOT_REVERSIBLE = {"hostility", "resolve", "justification"}
#: "vor Vergeltung warnen": a warning of one's own response announces it, it does not caution against it.
WARNED_AS_THREAT = {"retaliation", "threat", "ultimatum", "annihilation"}
#: "Wir warnen jeden davor, uns anzugreifen": a warning against force or aggression aimed at the
#: speaker's side deters (the guideline's deterrence); aimed at others it cautions against it.
DETERRED = {"force", "hostility", "war", "escalation"}
#: First-person words that name the speaker's side as the one acted on (own_voice, minus subjects)
OWN_SUBJECTS = {"wir", "ich", "man"}
#: Crime and terror: preventing them, warning of them or their absence is police work, not a position
#: toward force ("Anschläge verhindern", "vor Anschlägen warnen"): a shifter on them leaves nothing.
CRIME = {"crime"}
#: Fighting is force only against an armed party: fought poverty, disease, fire or for a title
#: (a civil_object in its clause, modifiers.tsv) it is a metaphor and counts nothing.
FIGHT = {"fight"}
METAPHOR_VERBS = {"force", "readiness", "crackdown"}
#: Prepositions that shift the phrase they govern ("ohne Blutvergießen", "statt Eskalation"): that
#: phrase is no verb's object, so the verb's reversal does not reach it.
ADJUNCT_SHIFTERS = {"ohne", "statt", "anstatt", "anstelle"}
#: Outside a negation's scope: the agent ("Iran greift nicht an"); passive subjects are patients.
ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
#: A determiner negation ("kein") negates its noun phrase, never the clause's verb: where the parse
#: makes the noun the clause's head ("Wir wollen keinen Krieg" with "wollen" an aux of "Krieg"), its
#: auxiliaries, copula, subject and conjunction are no part of the phrase, nor a coordinated noun
#: ("keinen Krieg, sondern Verhandlungen").
NP_NEGATOR_SKIP = ACTIVE_SUBJECTS | {"conj", "aux", "aux:pass", "cop", "cc", "punct"}


@dataclass
class Cue:
    first: int
    last: int
    entry: Entry
    how: str  # exact | head | modifier | multiword | front
    anchor: int  # the token tree rules look at
    weight: float = 0.0
    notes: list[str] = field(default_factory=list)
    parts: list[int] = field(default_factory=list)  # token of each part of a multiword idiom
    #: the shifters that reached it: (kind, token) with kind "rejection" (a position in itself:
    #: "ablehnen", "statt", "kein Raum für"), "reverser" ("beenden") or "negation" ("nicht")
    shifters: list[tuple[str, int]] = field(default_factory=list)


def _keys(t: Token, toks: list[Token]) -> list[str]:
    """Words to look a token up by: lemma (first where the parse is sane) and surface form, plus the
    lower-cased form at a sentence start."""
    keys = [t.text]
    if t.lemma and t.lemma.replace("-", "").isalpha() and t.lemma != t.text:
        (keys.insert(0, t.lemma) if t.tree_ok else keys.append(t.lemma))
    if t.i == 0 or not toks[t.i - 1].word or toks[t.i - 1].sent != t.sent:
        keys.append(t.text.lower())
    return keys


def particle_keys(t: Token, toks: list[Token], lex: Lexicon) -> list[str]:
    if not t.text.islower():
        return []
    part = t.particle
    if part is None:  # the parse found none: a particle ending the clause ("ließ ... frei")
        last = next((x for x in reversed(toks) if x.clause == t.clause and x.word), None)
        if (
            last is not None
            and last.i > t.i
            and lex.modifier(last.text, "particle")
            and not (last.tree_ok and last.deprel == "compound:prt" and last.head != t.i)
        ):  # a particle the parse gave another verb is not this word's ("greift ... weiter an")
            part = last.low
    if not part:
        return []
    return [part + k for k in (t.text, t.lemma) if k and k.isalpha()]


def find_cues(toks: list[Token], lex: Lexicon) -> list[Cue]:
    cues: list[Cue] = []
    used: set[int] = set()
    # particle + lemma too: "nahm ... auf" is "aufnehmen", "greift ... durch" is "durchgreifen"
    stems = [{stem(k) for k in _keys(t, toks) + particle_keys(t, toks, lex)} if t.word else set() for t in toks]
    for t in toks:
        for e in _multi_candidates(stems[t.i], lex):
            hit = _match_multi(toks, stems, t.i, e, used)
            if hit:
                used.update(hit)
                # a gapped idiom ("sich … treffen") is shown by its last word, not the whole clause
                first = hit[-1] if GAP in e.stems else hit[0]
                cues.append(Cue(first, hit[-1], e, "multiword", hit[-1], parts=hit))
                break
    rank = {"exact": 0, "head": 1, "modifier": 2}
    for t in toks:
        if not t.word or t.i in used:
            continue
        best = None
        for k in _keys(t, toks):
            m = lex.lookup(k, t.noun())
            if m and (best is None or rank[m.how] < rank[best[0].how]):
                best = (m, k)
        for k in particle_keys(t, toks, lex):
            m = lex.lookup(k, False)
            if m and m.how == "exact" and (best is None or best[0].how != "exact"):
                best = (m, k)
        if best is None:
            continue
        m, k = best
        front = lex.compound_front(k, m) if m.entry.reverser else None
        if front is not None:  # "Spannungsabbau": the tension, reversed inside the word
            cue = Cue(t.i, t.i, front, "front", t.i)
            cue.notes.append(f"reversed inside the compound by '{m.entry.core}'")
            cues.append(cue)
        cues.append(Cue(t.i, t.i, m.entry, m.how, t.i))
    cues.sort(key=lambda c: c.first)
    return cues


def _multi_candidates(token_stems: set[str], lex: Lexicon) -> list[Entry]:
    out: list[Entry] = []
    for s in token_stems:
        out.extend(lex.multi.get(s, ()))
    return out


def _match_multi(toks, stems, i, e: Entry, used) -> list[int] | None:
    """Token positions of the parts of multiword entry e starting at token i, or None."""
    if i in used:
        return None
    pos, clause, gap, hit = i, toks[i].clause, MAX_GAP, [i]
    for part in e.stems[1:]:
        if part == GAP:
            gap = len(toks)
            continue
        nxt = None
        for j in range(pos + 1, min(len(toks), pos + 2 + gap)):
            if toks[j].clause != clause:
                break
            if part in stems[j] and j not in used:
                nxt = j
                break
        if nxt is None:
            return None
        pos, gap = nxt, MAX_GAP
        hit.append(nxt)
    return hit


# --- scopes ----------------------------------------------------------------------------------------


def _clause_words(toks: list[Token], i: int) -> list[Token]:
    return [t for t in toks if t.clause == toks[i].clause and t.word]


def np_scope(toks: list[Token], i: int, lex: Lexicon | None = None) -> set[int]:
    """The noun phrase after token i: through the first noun, across "und"/"oder" and one genitive
    or von-attribute ("jede Form von Gewalt"), and past an intent noun to its attribute ("kein
    Interesse an einer Konfrontation")."""
    out: set[int] = set()
    words = [t for t in _clause_words(toks, i) if t.i > i][:NP_WINDOW]
    k, genitive_used = 0, False
    while k < len(words):
        t = words[k]
        out.add(t.i)
        if t.is_noun:
            nxt = words[k + 1] if k + 1 < len(words) else None
            if lex is not None and nxt is not None and lex.modifier(t.text, "intent_noun", stemmed=True):
                k += 1  # "kein Interesse an einer Konfrontation": the attribute belongs to the phrase
                lex = None
                continue
            after = words[k + 2] if k + 2 < len(words) else None
            if nxt is not None and nxt.low in ("und", "oder") and after is not None and after.low not in PREPOSITIONS:
                k += 1
                continue
            if nxt is not None and nxt.low in ATTRIBUTE and not genitive_used:
                genitive_used = True
                k += 1
                continue
            break
        k += 1
    return out


def negation_scope(
    toks: list[Token],
    n: int,
    kind: str,
    cue_tokens: frozenset[int] = frozenset(),
    polar: frozenset[int] = frozenset(),
    lex: Lexicon | None = None,
) -> set[int]:
    """What the negator at token n negates: the tree where it is sane and reaches a cue, else the
    window (a negator always negates something; a tree that gives it no cue is likelier wrong)."""
    t = toks[n]
    window = _negation_window(toks, n, kind, polar, lex)
    if t.tree_ok and t.head is not None:
        skip = NP_NEGATOR_SKIP if kind == "np_negator" else ACTIVE_SUBJECTS | {"conj"}
        tree = subtree(toks, t.head, skip_top=skip) - {n}
        if _prefer_tree(toks, n, tree, window, cue_tokens):
            return tree
    return window


def _prefer_tree(toks: list[Token], x: int, tree: set[int], window: set[int], cue_tokens) -> bool:
    """Trust the tree's scope for the flipper at x unless it reaches no cue, or reaches cues only
    in other clauses while the window finds some in x's own clause (a parser that hangs "nicht" in
    "gewarnt, ... nicht in eine Mission zu verwickeln" on "gewarnt")."""
    reached = tree & cue_tokens
    if not reached:
        return False
    own = toks[x].clause
    elsewhere = all(toks[j].clause != own for j in reached)
    return not (elsewhere and any(toks[j].clause == own for j in window & cue_tokens))


def _negation_window(toks: list[Token], n: int, kind: str, polar: frozenset[int], lex: Lexicon | None) -> set[int]:
    if kind == "np_negator":
        return np_scope(toks, n, lex)
    words = _clause_words(toks, n)
    after = [w for w in words if w.i > n]
    out: set[int] = set()
    for w in after[:NEG_WINDOW]:
        if w.low in CONJUNCTIONS:
            break
        out.add(w.i)
    # "den Krieg nicht", "greift nicht an": the verb's complements come before a final negator;
    # but "nicht verhältnismäßig" negates the polar word it precedes, nothing before it.
    if len(after) <= NEG_FINAL and not out & polar:
        before = [w for w in words if w.i < n]
        out.update(w.i for w in before if not w.is_noun)
        out.update(w.i for w in before[-NEG_BACK_NOUNS:])
    return out


def reverser_scope(
    toks: list[Token], r: int, polar: frozenset[int] = frozenset(), parts: list[int] | None = None, gapped: bool = False
) -> set[int]:
    """What the reverser at token r reverses: tree (its dependents, passive subjects included, or
    the noun it modifies) where sane and reaching a cue, else the window. An idiom with `parts`
    reverses what precedes it ("X kommt nicht in Frage"), or, `gapped` ("warnen … vor"), only what
    it encloses ("vor einem Krieg warnen"), and the noun phrase after it ("warnte vor einem Krieg")."""
    t = toks[r]
    if parts:
        first = parts[0] if gapped else -1  # "die Polizei warnt vor ...": the subject is not warned of
        return ({w.i for w in _clause_words(toks, parts[0]) if first < w.i < parts[-1]} - set(parts)) | np_scope(
            toks, parts[-1]
        )
    if t.tree_ok and (t.head is not None or t.children):
        tree = subtree(toks, r, skip_top=ACTIVE_SUBJECTS | {"conj", "amod"}) - {r}  # "diplomatische Lösung"
        subjects = [c for c in t.children if toks[c].deprel == "nsubj"]
        if len(subjects) > 1:  # "Verhandlungen ... lehnen wir ab": one of two "subjects" is the object
            for c in subjects:
                if toks[c].upos != "PRON":
                    tree |= subtree(toks, c)
        j = r  # "der geplante und dann abgebrochene Angriff": conj of an attribute
        while toks[j].deprel == "conj" and (up := toks[j].head) is not None:
            j = up
        if toks[j].deprel in ("amod", "acl") and (up := toks[j].head) is not None:
            tree.add(up)
        window = _reverser_window(toks, r)
        return tree if _prefer_tree(toks, r, tree, window, polar) else window
    return _reverser_window(toks, r)


def _reverser_window(toks: list[Token], r: int) -> set[int]:
    nxt = next((w for w in _clause_words(toks, r) if w.i > r), None)
    if toks[r].is_noun and (nxt is None or not _attribute_start(nxt)):
        return set()  # "eine Lösung kann nur am Verhandlungstisch ...": a noun reverses its attribute only
    out = np_scope(toks, r)
    if not toks[r].is_noun:
        words = [w for w in _clause_words(toks, r) if w.i < r]
        out.update(w.i for w in words[-REVERSER_BACK:])
    return out


#: Words that open a genitive or von-attribute besides the articles: "Stopp aller Waffenlieferungen".
GENITIVE_DETERMINERS = {
    "aller",
    "jeglicher",
    "sämtlicher",
    "dieser",
    "jener",
    "seiner",
    "ihrer",
    "unserer",
    "deren",
    "dessen",
    "beider",
    "mehrerer",
    "vieler",
}


def _attribute_start(t: Token) -> bool:
    """Whether t opens the attribute of the noun before it: a genitive article or determiner, "von",
    or a strong genitive plural adjective ("Abzug ausländischer Truppen")."""
    return t.low in ATTRIBUTE or t.low in GENITIVE_DETERMINERS or (t.text.islower() and t.low.endswith("er"))


def intensified(toks: list[Token], x: int, cues: list[Cue]) -> Cue | None:
    """The cue the intensifier at token x modifies: up the tree through modifiers, else the next cue
    in the window."""
    t = toks[x]
    by_anchor = {c.anchor: c for c in cues}
    if t.tree_ok and t.head is not None:
        j, steps = x, 0
        while (up := toks[j].head) is not None and steps < 3:
            j = up
            steps += 1
            if j in by_anchor and by_anchor[j].first != x:
                return by_anchor[j]
            if toks[j].deprel not in ("amod", "advmod", "conj", "obl", "nmod"):
                break
    words = [w for w in _clause_words(toks, x) if w.i > x][:INTENS_WINDOW]
    for w in words:
        for c in cues:
            if c.first <= w.i <= c.last and c.first != x:
                return c
        if w.is_noun:
            return None
    return None


# --- clause roles --------------------------------------------------------------------------------


def clause_roles(toks: list[Token], lex: Lexicon) -> dict[int, str]:
    """clause id -> "protasis" | "apodosis" | "ultimatum" | "irrealis"."""
    roles: dict[int, str] = {}
    clauses: dict[int, list[Token]] = {}
    for t in toks:
        if t.word:
            clauses.setdefault(t.clause, []).append(t)
    question = {t.sent for t in toks if t.text == "?"}
    for cid, words in clauses.items():
        first = words[:2]
        for k, w in enumerate(first):
            if lex.modifier(w.text, "conditional") and (k == 0 or first[0].low in CONJUNCTIONS):
                if w.low.startswith("sollte") and (k != 0 or w.sent in question):
                    continue
                roles[cid] = "protasis"
        if any(lex.modifier(w.text, "ultimatum") for w in words):
            roles.setdefault(cid, "ultimatum")
    protasis_sents = {clauses[c][0].sent for c, r in roles.items() if r == "protasis"}
    for cid, words in clauses.items():
        if cid not in roles and words[0].sent in protasis_sents:
            roles[cid] = "apodosis"
        if cid not in roles and any(lex.modifier(w.text, "irrealis") for w in words):
            roles[cid] = "irrealis"
    return roles


def irrealis_factor(toks: list[Token], clause: int, lex: Lexicon) -> float:
    """The weakest factor of the clause's irrealis words, as modifiers.tsv sets them."""
    factors = [
        m.factor for t in toks if t.clause == clause and t.word and (m := lex.modifier(t.text, "irrealis")) is not None
    ]
    return min(factors, default=1.0)


def _neg_raising(toks: list[Token], scope: set[int], lex: Lexicon) -> tuple[float, set[int]] | None:
    """A negated neg-raising verb ("glaube nicht", "rechne nicht damit") also negates the dass-clause
    after it, at the modifier's factor: "Ich glaube nicht, dass ein Krieg droht" hedges the war."""
    for j in scope:
        t = toks[j]
        m = next(
            (
                lex.modifier(k, "neg_raising", stemmed=True)
                for k in (t.lemma, t.text)
                if k and lex.modifier(k, "neg_raising", stemmed=True)
            ),
            None,
        )
        if m is None:
            continue
        later = [x for x in toks if x.word and x.clause > t.clause]
        if later and later[0].low == "dass":
            return m.factor, {x.i for x in later if x.clause == later[0].clause}
    return None


def _in_title(toks: list[Token], i: int, persons: set[int]) -> bool:
    """Whether token i ends a genitive chain hanging off a person noun: in "der Vorsitzende des
    Generalstabs der US-Streitkräfte" the armed forces name an office, they are no military act."""
    for _ in range(3):
        j = i - 1
        while j >= 0 and toks[j].word and toks[j].low not in GENITIVE and i - j <= 3:
            j -= 1  # attributes, capitalised ones of names included ("des Vereinigten Generalstabs")
        if j < 1 or toks[j].low not in GENITIVE or not toks[j - 1].word or not toks[j - 1].is_noun:
            return False
        if j - 1 in persons:
            return True
        i = j - 1
    return False


def flip(w: float, strength: float) -> float:
    """Move w towards its negation by `strength` (1: fully): hawkish -> conciliatory at full weight,
    conciliatory -> hawkish at NEG_CONCILIATORY of it."""
    target = -w * (1.0 if w > 0 else NEG_CONCILIATORY)
    return w + strength * (target - w)


def find_negators(
    toks: list[Token], lex: Lexicon, cue_tokens: frozenset[int], polar: frozenset[int]
) -> list[tuple[int, float, set[int], str]]:
    """(negator token, strength, scope) for every negator, neg-raised clauses as extra entries."""
    negators = []
    for t in toks:
        if not t.word:
            continue
        m = lex.modifier(t.text, "negator") or lex.modifier(t.text, "np_negator") or lex.modifier(t.text, "np_rejector")
        if m is None:
            continue
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if m.kind == "np_rejector" and (t.deprel == "compound:prt" or nxt is None or not nxt.word):
            continue  # "finden ... statt": the particle of "stattfinden", no "statt" before a noun
        if (
            nxt is not None
            and nxt.word
            and nxt.text.islower()
            and lex.modifier(nxt.text, "forecast")
            and any(w.low == "es" for w in _clause_words(toks, t.i))
        ):
            continue  # "es wird nicht leicht sein, ...": the forecast is negated, not the act (v14)
        strength = m.factor
        if nxt is not None and nxt.word:
            not_neg = lex.modifier(nxt.text, "not_negation")  # "nicht nur", "nicht unbedingt"
            if not_neg is not None:
                if not_neg.factor == 0:
                    continue
                strength *= not_neg.factor
        scope = negation_scope(toks, t.i, "negator" if m.kind == "negator" else "np_negator", cue_tokens, polar, lex)
        if m.kind == "np_negator":  # "zu keinem Zeitpunkt", "unter keinen Umständen": like "nie"
            noun = next((j for j in sorted(scope) if toks[j].is_noun), None)
            if noun is not None and lex.modifier(toks[noun].text, "no_alternative", stemmed=True):
                continue  # "keine Alternative zu Verhandlungen" affirms them
            if noun is not None and lex.modifier(toks[noun].text, "adverbial_np"):
                scope = negation_scope(toks, noun, "negator", cue_tokens, polar, lex) | scope
        kind = "rejection" if m.kind == "np_rejector" else "negation"
        if t.low == "ohne" and any(toks[j].low == "zu" for j in scope):
            kind = "rejection"  # "ohne weiter zu eskalieren": what the speaker means not to do
        if _through_intent_noun(toks, scope, lex):
            kind = "rejection"  # "keinen Raum für Gespräche", "kein Interesse an einem Krieg"
        negators.append((t.i, strength, scope, kind))
        raised = _neg_raising(toks, scope, lex)
        if raised:
            negators.append((t.i, strength * raised[0], raised[1], kind))
    return negators


def _off_topic(toks: list[Token], c: Cue, span: set[int], lex: Lexicon) -> tuple[str, Modifier] | None:
    """A noun of the cue's sentence that takes it off the topic of force (modifiers.tsv, kind
    off_topic), with its entry: talks between unions and employers, weapons of criminals and hunters."""
    sent = toks[c.anchor].sent
    for x in toks:
        if x.word and x.sent == sent and x.is_noun and x.i not in span:
            m = lex.off_topic(x.text, c.entry.category)
            if m is not None:
                return x.text, m
    return None


def _through_shifters(
    negators: list[tuple[int, float, set[int], str]], reversers: list[tuple[Cue, set[int]]]
) -> list[tuple[int, float, set[int], str]]:
    """A negated shifter passes the negation on to what it governs: in "der Einsatz von Bodentruppen
    ist nicht ausgeschlossen" the negation of "ausgeschlossen" reaches the troops, which the tree gives
    the shifter (its subject) but not the negator; the double negation then restores them."""
    out = []
    for n, strength, scope, kind in negators:
        reached = set(scope)
        for r, r_scope in reversers:
            span = set(range(r.first, r.last + 1))
            if span & scope and n not in span:
                reached |= r_scope - {n}
        out.append((n, strength, reached, kind))
    return out


def _through_intent_noun(toks: list[Token], scope: set[int], lex: Lexicon) -> bool:
    return any(toks[j].is_noun and lex.modifier(toks[j].text, "intent_noun", stemmed=True) for j in scope)


def find_intensity(toks: list[Token], cues: list[Cue], lex: Lexicon) -> dict[int, tuple[float, list[str]]]:
    """id(cue) -> (product of its intensifiers' and downtoners' factors, their words)."""
    intensity: dict[int, tuple[float, list[str]]] = {}
    for t in toks:
        if not t.word:
            continue
        m = lex.modifier(t.text, "intensifier", stemmed=True) or lex.modifier(t.text, "downtoner", stemmed=True)
        if m is None:
            continue
        c = intensified(toks, t.i, cues)
        if c is not None:
            f, words = intensity.get(id(c), (1.0, []))
            intensity[id(c)] = (f * m.factor, words + [t.text])
    return intensity


def apply_rules(toks: list[Token], cues: list[Cue], lex: Lexicon) -> list[Cue]:
    """Set each cue's final weight and notes; return the extra evidence from the intent rule."""
    polar = frozenset(
        j for c in cues if c.entry.weight != 0 and not c.entry.reverser for j in range(c.first, c.last + 1)
    )
    # blocking entries (a person, an institution: "Regierung") are no cues a scope should reach
    cue_tokens = frozenset(j for c in cues if c.entry.category not in BLOCKING for j in range(c.first, c.last + 1))
    in_idioms = {j for c in cues if c.how == "multiword" for j in (c.parts or range(c.first, c.last + 1))}
    negators = [n for n in find_negators(toks, lex, cue_tokens, polar) if n[0] not in in_idioms]

    acts = (
        frozenset(j for c in cues if c.entry.category not in NOT_REVERSIBLE for j in range(c.first, c.last + 1)) & polar
    )
    reversers = [
        (c, reverser_scope(toks, c.anchor, polar, c.parts, GAP in c.entry.stems) | complement_scope(toks, c, lex, acts))
        for c in cues
        if c.entry.reverser and c.how != "front"
    ]
    negators = _through_shifters(negators, reversers)
    intensity = find_intensity(toks, cues, lex)
    roles = clause_roles(toks, lex)
    contrasts = [
        (t.i, m.factor) for t in toks if t.word and t.i > 0 and (m := lex.modifier(t.text, "contrast")) is not None
    ]

    persons = {c.anchor for c in cues if c.entry.category == "person"}
    for c in cues:
        w = c.entry.weight
        notes = [c.entry.category] + c.notes
        if w and _in_title(toks, c.first, persons):  # "der Vorsitzende des Generalstabs der Streitkräfte"
            c.weight, c.notes = 0.0, notes + ["part of a title"]
            continue
        if (c.entry.category in FIGHT or (c.entry.category in METAPHOR_VERBS and not toks[c.anchor].is_noun)) and any(
            lex.modifier(x.text, "civil_object", stemmed=True) for x in _clause_words(toks, c.anchor) if x.is_noun
        ):
            c.weight, c.notes = 0.0, notes + ["a fight against no armed party (a metaphor)"]
            continue
        span = set(range(c.first, c.last + 1))
        context = _off_topic(toks, c, span, lex)
        if w and context is not None:  # "Verhandlungen" of unions, "Waffen" of criminals
            c.weight, c.notes = 0.0, notes + [f"off the topic of force: '{context[0]}' ({context[1].note})"]
            continue
        if c.how == "front":
            w = flip(w, 1.0)
        unflipped, full_flips = w, 0
        # reversers first: they govern their object ("das Feuer einstellen"); a negation ("nicht
        # erwarten, dass ...") then takes the whole act
        # "ohne Blutvergießen", "statt Eskalation": a phrase a rejector governs is its own, no verb's object
        rejected = any(
            span & scope and n not in span
            for n, _s, scope, kind in negators
            if kind == "rejection" or toks[n].low in ADJUNCT_SHIFTERS
        )
        warning = _deterring_warning(toks, c, reversers, span, lex)
        if warning is not None:
            notes.append(f"warned against by '{toks[warning].text}': aimed at the speaker's side (deterrence)")
            c.shifters.append(("deterrence", warning))
        for r, scope in reversers:
            if (
                r is not c
                and warning is None
                and span & scope
                and not rejected
                and not (c.entry.reverser and c.entry.weight == 0)
                and c.entry.category not in NOT_REVERSIBLE
            ):
                if (
                    r.entry.category == "rejection"
                    and r.how == "multiword"
                    and GAP in r.entry.stems
                    and c.entry.category in WARNED_AS_THREAT
                ):
                    notes.append(f"announced by '{toks[r.anchor].text}' (a warning of one's own response)")
                    c.shifters.append(("rejection", r.anchor))
                    continue
                if c.entry.category in CRIME:
                    w = 0.0
                    notes.append(f"'{toks[r.anchor].text}' on crime or terror: security, no position")
                    continue
                if r.entry.category == "resolver" and unflipped < 0:
                    continue  # "auf dem Verhandlungsweg lösen": talks are the way, not the problem solved
                w = flip(w, 1.0)
                full_flips += 1
                notes.append(f"reversed by '{toks[r.anchor].text}'")
                c.shifters.append((r.entry.category, r.anchor))
        for n, strength, scope, kind in negators:
            if span & scope and n not in span:
                if c.entry.category in CRIME:
                    w = 0.0
                    notes.append(f"'{toks[n].text}' on crime or terror: no position")
                    continue
                full_flips += strength == 1
                w = flip(w, strength)
                notes.append(f"negated by '{toks[n].text}'" + ("" if strength == 1 else f" (x{strength:g})"))
                c.shifters.append((kind, n))
        if full_flips >= 2 and full_flips % 2 == 0 and w * unflipped > 0:
            w = unflipped  # "schließen ... nicht aus": a double negation restores the cue in full
        if id(c) in intensity:
            f, words = intensity[id(c)]
            f = min(f, MAX_INTENSITY)
            w *= f
            notes.append(f"{'intensified' if f >= 1 else 'toned down'} by {', '.join(repr(x) for x in words)}")
        for x, factor in contrasts:
            if toks[x].sent == toks[c.anchor].sent:
                after = c.anchor > x
                w *= factor if after else 1 / factor**2
                notes.append(f"{'after' if after else 'before'} contrast '{toks[x].text}'")
        role = roles.get(toks[c.anchor].clause)
        if role == "protasis":
            w *= PROTASIS
            notes.append("condition (trigger, not stance)")
        elif role in ("apodosis", "ultimatum") and w > 0:
            w *= THREAT
            notes.append("conditional threat" if role == "apodosis" else "ultimatum")
        elif role == "irrealis":
            f = irrealis_factor(toks, toks[c.anchor].clause, lex)
            w *= f
            notes.append(f"irrealis (hypothetical, x{f:g})")
        c.weight, c.notes = w, notes

    extra: list[Cue] = []
    polar_clauses = {toks[c.anchor].clause for c in cues if c.weight != 0}
    for n, strength, scope, _kind in negators:
        for j in sorted(scope):
            t = toks[j]
            m = next(
                (
                    lex.modifier(k, "intent", stemmed=True)
                    for k in (t.lemma, t.text)
                    if k and lex.modifier(k, "intent", stemmed=True)
                ),
                None,
            )
            if m and t.clause not in polar_clauses:
                cue = Cue(j, j, Entry(m.word, m.factor, "disavowed intent", m.note, (stem(m.word),)), "intent", j)
                cue.weight = m.factor * strength
                cue.notes = ["disavowed intent", f"negated by '{toks[n].text}'"]
                extra.append(cue)
                polar_clauses.add(t.clause)
    return extra


def _deterring_warning(
    toks: list[Token], c: Cue, reversers: list[tuple[Cue, set[int]]], span: set[int], lex: Lexicon
) -> int | None:
    """The warning verb ("warnen ... davor/vor") whose scope holds force or aggression `c` aimed at the
    speaker's side, or None: a first-person object ("uns", "unser Land") or the speaker named
    ("Russland", said by Russia's government) in c's clause, not as its subject."""
    if c.entry.category not in DETERRED or c.how == "front":
        return None
    warning = next(
        (
            r.anchor
            for r, scope in reversers
            if r is not c
            and span & scope
            and r.entry.category == "rejection"
            and any(toks[p].low.removeprefix("ge").startswith("warn") for p in r.parts)
        ),
        None,
    )
    if warning is None:
        return None
    words = _clause_words(toks, c.anchor)
    infinitive = has_zu_infinitive(words, lex)  # no subject of its own: a "subject" parsed there is an object
    for t in words:
        if t.i in span or (t.tree_ok and not infinitive and (t.deprel or "").startswith("nsubj")):
            continue
        if t.side or (t.low not in OWN_SUBJECTS and lex.modifier(t.text, "own_voice")):
            return warning
    return None


# --- complement clauses -----------------------------------------------------------------------


def complement_scope(toks: list[Token], c: Cue, lex: Lexicon, polar: frozenset[int] = frozenset()) -> set[int]:
    """What a rejection takes as its complement (rules version 14): the clauses after its own that
    complete it, a "dass"/"ob" clause or a zu-infinitive, and the complements of those in turn
    ("Wir müssen verhindern, dass der Konflikt eskaliert", "Wir warnen davor, die Truppen abzuziehen",
    "Es wäre naiv zu glauben, dass ..."). The tree's scope stops at a clause boundary and the
    window at the comma, so without this a rejection never reached what it rejects there. A
    complement in the perfect ("..., dass wir Waffen geliefert hätten") is a fact denied, no act
    rejected: it is left out, and so is the agent of a complement ("dass die Armee ... einstellt": the
    act is rejected, not the army; on a sane tree, where the clause names a `polar` cue besides it).
    Shifters other than rejections ("beenden", "lösen") take none."""
    if c.entry.category != "rejection" or c.how == "front":
        return set()
    last = toks[c.parts[-1] if c.parts else c.last]
    clauses: dict[int, list[Token]] = {}
    for t in toks:
        if t.word and t.sent == last.sent and t.clause > last.clause:
            clauses.setdefault(t.clause, []).append(t)
    out: set[int] = set()
    k = last.clause + 1
    while k in clauses and is_complement_clause(toks, clauses[k], lex):
        if not any(lex.modifier(w.text, "perfect_auxiliary") for w in clauses[k]):
            out.update(w.i for w in clauses[k])
        k += 1
    # the agent of the rejected act is no part of it ("..., dass die Armee das Feuer einstellt"), unless
    # it is all the clause names that a shifter may turn ("..., dass Verhandlungen etwas bringen")
    for j in sorted(out):
        t = toks[j]
        if j in out and t.tree_ok and t.deprel in ACTIVE_SUBJECTS and t.head is not None and t.head in out:
            agent = subtree(toks, j)
            if (out - agent) & polar:
                out -= agent
    return out


def is_article(words: list[Token], k: int) -> bool:
    """Whether the relative-looking words[k] is an article: tagged DET by a sane parse, or followed
    by a noun ("..., die Niederschlagung der Rebellen", "..., gegen die Angriffe vorzugehen")."""
    t = words[k]
    if t.tree_ok and t.upos:
        return t.upos == "DET"
    nxt = words[k + 1] if k + 1 < len(words) else None
    return nxt is not None and nxt.noun_flag is True and t.low in ("der", "die", "das", "dem", "den")


def is_complement_clause(toks: list[Token], words: list[Token], lex: Lexicon) -> bool:
    """Whether a comma clause is the complement of the clause before it: opened by "dass"/"ob", a
    zu-infinitive not opened by "um"/"ohne"/"statt", or the clause after a colon."""
    if lex.modifier(words[0].text, "complementizer"):
        return True
    if words[0].i > 0 and toks[words[0].i - 1].text == ":":
        return True
    if lex.modifier(words[0].text, "adverbial_infinitive") or (
        lex.modifier(words[0].text, "aside") and not is_article(words, 0)
    ):  # "..., das Land zu verteidigen": an article, no relative pronoun
        return False
    return has_zu_infinitive(words, lex)


def has_zu_infinitive(words: list[Token], lex: Lexicon) -> bool:
    """Whether the clause `words` holds a zu-infinitive ("zu verüben", "anzugreifen")."""
    return any((a.low == "zu" and b.text.islower()) or fused_zu(b, lex) for a, b in zip([words[0], *words], words))


def fused_zu(w: Token, lex: Lexicon) -> str:
    """ "zu" where w is the zu-infinitive of a separable verb, written as one word ("einzugreifen",
    "anzugreifen", "zurückzuschlagen"), else ""."""
    for k in range(2, min(len(w.low), 8)):
        if (
            w.low[k : k + 2] == "zu"
            and len(w.low) >= k + 5
            and w.low.endswith("n")
            and lex.modifier(w.low[:k], "particle")
        ):
            return "zu"
    return ""
