"""Konjunktiv I — the mood of German reported speech — from the tagger or, failing that, a rule; and
the three degrees of finiteness the quote finders ask of a verb.

The compact tagger rarely predicts Mood=Sub (the training data has few cases), so a finite verb also
counts as Konjunktiv I when its form is the infinitive minus the final -n („habe“ ← haben, „werde“ ←
werden, „könne“ ← können, „gebe“ ← geben), which for a 3rd-person subject can only be the subjunctive
(indicative: hat, wird, kann, gibt), or when it is a form of „sein“ that only the subjunctive has.
A first-person subject („ich habe“) is excluded: there the same form is indicative.
"""

from __future__ import annotations

from extractor.document import Sentence, Word
from extractor.words.verbs import KONJUNKTIV_II, REPORTIVE, SEIN_SUBJUNCTIVE

FIRST_PERSON = frozenset({"ich"})


def tagged_finite(w: Word) -> bool:
    """A verb the tagger marks finite (VerbForm=Fin, a *FIN tag, or a mood): where a clause's own verb
    is asked for, a verb of unknown form is not enough."""
    return w.upos in ("VERB", "AUX") and (
        w.feats.get("VerbForm") == "Fin" or w.xpos.endswith("FIN") or "Mood" in w.feats
    )


def maybe_finite(w: Word) -> bool:
    """A verb the tagger does not mark as infinitive or participle: it leaves most verbs' form unset,
    so the Konjunktiv I rule, which checks the form itself, asks no more."""
    return w.upos in ("VERB", "AUX") and w.feats.get("VerbForm") not in ("Part", "Inf")


def finite_or_subjunctive(w: Word, s: Sentence) -> bool:
    """Tagged finite, or a Konjunktiv the tagger missed: a form only the subjunctive has, or a plural
    Konjunktiv read as an infinitive („die Vorwürfe seien falsch“, „sie hätten …“, „die Gespräche
    würden …“) — the plural subjunctive looks like an infinitive, but an infinitive never stands second
    in a clause without „zu“."""
    if tagged_finite(w) or w.text.lower() in SEIN_SUBJUNCTIVE or w.text.lower() in KONJUNKTIV_II:
        return True
    prev = s.word(w.id - 1)
    return (
        w.upos in ("VERB", "AUX")
        and w.feats.get("VerbForm") == "Inf"
        and w.text.islower()
        and w.text.endswith("en")
        and (prev is None or prev.text.lower() != "zu")
    )


def is_konjunktiv_i(w: Word, s: Sentence) -> bool:
    if w.upos not in ("VERB", "AUX") and w.text.lower() not in SEIN_SUBJUNCTIVE:
        return False
    t = w.text.lower()
    if t in SEIN_SUBJUNCTIVE:
        return True
    if w.feats.get("Mood") == "Sub" and t not in KONJUNKTIV_II:
        return True
    lemma = w.lemma.lower()
    if not (maybe_finite(w) and lemma.endswith("en") and t == lemma[:-1] and t.endswith("e")):
        return False
    # „ich habe“ is indicative; look at the words right around the verb for the subject
    near = s.words[max(0, w.id - 3) : w.id + 2]
    return not any(x.text.lower() in FIRST_PERSON for x in near)


def konjunktiv_i_words(s: Sentence) -> list[Word]:
    return [w for w in s.words if is_konjunktiv_i(w, s)]


def reportive_words(s: Sentence) -> list[Word]:
    """Finite verbs that continue a report without opening one (see REPORTIVE)."""
    return [w for w in s.words if w.text.lower() in REPORTIVE and w.upos in ("VERB", "AUX")]
